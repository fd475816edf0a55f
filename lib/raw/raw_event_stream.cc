#include "raw/raw_event_stream.h"

#include "absl/strings/str_cat.h"
#include "raw/format_detection.h"
#include "raw/input_stream.h"
#include "raw/readers.h"
#include "raw/udm_mapping.h"

namespace yaral::raw {
namespace {

// simdjson reads up to 64 bytes past a value (io::kJsonPadding); the
// engine parses events in place.
constexpr size_t kPadding = 64;

}  // namespace

RawEventStream::RawEventStream(std::unique_ptr<RecordReader> reader, EventSourceOptions options)
    : reader_(std::move(reader)), options_(std::move(options)) {}

bool RawEventStream::Next(RawEvent& out) {
  if (stopped_) return false;
  for (;;) {
    ReadError error;
    const RecordReader::Step step = reader_->Next(record_, error);
    if (step == RecordReader::Step::kRecord) {
      json_ = UdmMapper::Get().Map(record_);
      const size_t size = json_.size();
      json_.append(kPadding, '\0');
      out.json = std::string_view(json_.data(), size);
      out.line = record_.location;
      out.index = stats_.events++;
      out.label = {};
      stats_.bytes = reader_->bytes();
      return true;
    }
    stats_.bytes = reader_->bytes();
    if (step == RecordReader::Step::kEnd) {
      stopped_ = true;
      status_ = reader_->status();
      return false;
    }
    ++stats_.skipped;
    ++stats_.skipped_by_reason[std::string(ReadErrorReasonName(error.reason))];
    if (kept_errors_.size() < options_.max_kept_errors) kept_errors_.push_back(error);
    if (options_.on_read_error) options_.on_read_error(error);
    if (options_.on_error == OnError::kFail) {
      stopped_ = true;
      status_ = absl::InvalidArgumentError(absl::StrCat("record at ", error.line, ": ", error.message));
      return false;
    }
  }
}

}  // namespace yaral::raw

namespace yaral::io {

using raw::InputStream;

absl::StatusOr<OpenedInput> OpenRawInput(const std::string& path, const EventSourceOptions& options) {
  absl::StatusOr<std::unique_ptr<InputStream>> input = InputStream::Open(path);
  if (!input.ok()) return input.status();
  OpenedInput opened;
  opened.name = (*input)->name();
  InputFormat format = options.format;
  if (format == InputFormat::kAuto) {
    const std::string_view head = (*input)->Peek(raw::kDetectBytes);
    if (!(*input)->status().ok()) return (*input)->status();
    absl::StatusOr<InputFormat> detected = raw::DetectFormat(head, opened.name);
    if (!detected.ok()) return detected.status();
    format = *detected;
  }
  std::unique_ptr<raw::RecordReader> reader;
  switch (format) {
    case InputFormat::kUdm:
    case InputFormat::kAuto:
      opened.udm_file = raw::OpenAsFile(*std::move(input));
      if (opened.udm_file == nullptr) return absl::InternalError(absl::StrCat(path, ": fopencookie failed"));
      return opened;
    case InputFormat::kEvtx: {
      // An explicit --from evtx on something else gets libevtx's verdict,
      // prefixed by what the file looks like.
      absl::StatusOr<std::unique_ptr<raw::RecordReader>> evtx = raw::NewEvtxReader(*std::move(input));
      if (!evtx.ok()) return evtx.status();
      reader = *std::move(evtx);
      break;
    }
    case InputFormat::kWinEventXml:
      reader = raw::NewWinEventXmlReader(*std::move(input));
      break;
    case InputFormat::kSysmonLinux:
      reader = raw::NewSysmonLinuxReader(*std::move(input));
      break;
    case InputFormat::kAuditd:
      reader = raw::NewAuditdReader(*std::move(input));
      break;
  }
  opened.raw = std::make_unique<raw::RawEventStream>(std::move(reader), options);
  return opened;
}

}  // namespace yaral::io

#include "yaral/event_source.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <utility>

#include "absl/strings/str_cat.h"
#include "io/event_decoder.h"
#include "io/raw_input.h"

namespace yaral {
namespace {

// Debian's Abseil is built with its own string_view type.
absl::string_view Av(std::string_view s) { return {s.data(), s.size()}; }

}  // namespace

std::string_view ReadErrorReasonName(ReadErrorReason reason) {
  switch (reason) {
    case ReadErrorReason::kInvalidJson: return "invalid_json";
    case ReadErrorReason::kInvalidUtf8: return "invalid_utf8";
    case ReadErrorReason::kUnterminated: return "unterminated";
    case ReadErrorReason::kUnexpected: return "unexpected";
    case ReadErrorReason::kNotAnObject: return "not_an_object";
    case ReadErrorReason::kTooLarge: return "too_large";
    case ReadErrorReason::kTooDeep: return "too_deep";
    case ReadErrorReason::kCorruptRecord: return "corrupt_record";
    case ReadErrorReason::kInvalidXml: return "invalid_xml";
    case ReadErrorReason::kMissingField: return "missing_field";
    case ReadErrorReason::kNotARecord: return "not_a_record";
  }
  return "unknown";
}

std::string FormatReadError(std::string_view source_name, const ReadError& error) {
  std::string out = absl::StrCat(Av(source_name), ":", error.line);
  if (error.column) absl::StrAppend(&out, ":", *error.column);
  absl::StrAppend(&out, ": ", error.message);
  return out;
}

namespace {

bool IsBlank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// Enough of the input's start to recognise a compressed or non-JSON file.
constexpr size_t kHeadBytes = 64;

}  // namespace

// The reader has two ways of finding top-level values, chosen by the input:
//
// - Lines (NDJSON): every non-blank line is one value, found with memchr.
//   This is the fast path for large exports. It is chosen when the first
//   value is an object that ends on its own line.
// - Values: a small scanner tracks strings and bracket depth, so values may
//   span lines (pretty-printed files) and a top-level array is split into
//   its elements, each read as a value of its own. That keeps arrays
//   streamed too, and gives each element its own line and its own error.
//
// Each value found is handed to io::EventDecoder, which validates it and
// finds the events inside (a bare event, or envelopes).
class EventSource::Impl {
 public:
  Impl(std::string name, EventSourceOptions options, std::FILE* file, bool owns_file)
      : name_(std::move(name)), options_(std::move(options)), file_(file), owns_file_(owns_file) {
    options_.chunk_bytes = std::max<size_t>(options_.chunk_bytes, 1);
  }
  ~Impl() {
    if (owns_file_ && file_ != nullptr) std::fclose(file_);
  }

  // Loads all of `text` as if it had been read: no file behind it.
  void SetText(std::string_view text) {
    buf_ = std::make_unique<char[]>(text.size() + io::kJsonPadding);
    cap_ = text.size();
    std::memcpy(buf_.get(), text.data(), text.size());
    end_ = text.size();
    std::memset(buf_.get() + end_, 0, io::kJsonPadding);
    stats_.bytes = text.size();
    stats_.head = text.substr(0, kHeadBytes);
    eof_ = true;
  }

  bool Next(RawEvent& out);

  // Raw telemetry (options.format): records read and mapped by lib/raw.
  void SetRaw(std::unique_ptr<io::RecordStream> raw) { raw_ = std::move(raw); }

  const absl::Status& status() const { return raw_ ? raw_->status() : status_; }
  const ReadStats& stats() const { return raw_ ? raw_->stats() : stats_; }
  const std::vector<ReadError>& errors() const { return raw_ ? raw_->errors() : kept_errors_; }
  const std::string& name() const { return name_; }

 private:
  enum class Mode { kValues, kLines };
  enum class Step { kValue, kError, kEnd };
  struct Value {
    size_t begin = 0, end = 0;
    int64_t line = 0;
  };

  Step NextValue(Value& value, ReadError& error);
  Step NextLine(Value& value, ReadError& error);
  Step NextScanned(Value& value, ReadError& error);
  Step CloseScanned(size_t end, Value& value, ReadError& error);
  Step Broken(ReadErrorReason reason, std::string message, ReadError& error);
  void SkipBom();
  bool Refill();
  void Reserve(size_t size);
  bool Report(const ReadError& error);
  int Base() const { return top_array_ ? 1 : 0; }

  std::string name_;
  EventSourceOptions options_;
  std::FILE* file_ = nullptr;
  bool owns_file_ = false;
  bool eof_ = false;
  bool started_ = false;
  bool stopped_ = false;
  absl::Status status_;
  ReadStats stats_;
  std::vector<ReadError> kept_errors_;
  std::unique_ptr<io::RecordStream> raw_;

  // Input bytes [0, end_) with kJsonPadding readable bytes after them.
  // Everything before mark_ (the start of the value being read) may be
  // dropped by the next Refill.
  std::unique_ptr<char[]> buf_;
  size_t cap_ = 0;
  size_t end_ = 0;
  size_t pos_ = 0;   // next byte to scan
  size_t mark_ = 0;  // start of the current value (or of unscanned input)
  int64_t line_ = 1;  // line of buf_[pos_]
  int64_t col_ = 1;   // byte column of buf_[pos_]
  Mode mode_ = Mode::kValues;

  // Value-scanner state; it survives refills.
  bool open_ = false;        // a value starts at mark_
  bool scalar_ = false;      // ... and it is not an object or array
  bool in_string_ = false;
  bool escape_ = false;
  bool too_large_ = false;   // the current value is being read past, not held
  bool resync_ = false;      // after a broken value: skip to a `{`/`[` at column 0
  bool at_line_start_ = true;
  bool top_array_ = false;
  bool maybe_lines_ = false;  // the first value ended on its own line
  bool first_value_ = true;
  int depth_ = 0;
  int64_t open_line_ = 0, open_col_ = 0;
  int64_t top_array_line_ = 0;

  io::EventDecoder decoder_;
  std::vector<io::DecodedEvent> pending_;
  size_t next_pending_ = 0;
  size_t pending_base_ = 0;  // buffer offset the pending events are relative to
  std::vector<ReadError> decode_errors_;
};

bool EventSource::Impl::Next(RawEvent& out) {
  if (raw_) return raw_->Next(out);
  for (;;) {
    if (next_pending_ < pending_.size()) {
      const io::DecodedEvent& e = pending_[next_pending_++];
      out.json = std::string_view(buf_.get() + pending_base_ + e.offset, e.length);
      out.line = e.line;
      out.label = e.label;
      out.index = stats_.events++;
      return true;
    }
    if (stopped_) return false;
    if (!started_) {
      started_ = true;
      SkipBom();
    }
    Value value;
    ReadError error;
    switch (NextValue(value, error)) {
      case Step::kEnd:
        stopped_ = true;
        return false;
      case Step::kError:
        if (!Report(error)) return false;
        continue;
      case Step::kValue:
        break;
    }
    pending_.clear();
    next_pending_ = 0;
    pending_base_ = value.begin;
    decode_errors_.clear();
    decoder_.Decode(std::string_view(buf_.get() + value.begin, value.end - value.begin),
                    value.line, pending_, decode_errors_);
    for (const ReadError& e : decode_errors_) {
      if (!Report(e)) return false;
    }
  }
}

bool EventSource::Impl::Report(const ReadError& error) {
  ++stats_.skipped;
  ++stats_.skipped_by_reason[std::string(ReadErrorReasonName(error.reason))];
  if (options_.on_read_error) options_.on_read_error(error);
  if (kept_errors_.size() < options_.max_kept_errors) kept_errors_.push_back(error);
  if (options_.on_error == OnError::kFail) {
    status_ = absl::InvalidArgumentError(FormatReadError(name_, error));
    stopped_ = true;
    pending_.clear();
    return false;
  }
  return true;
}

void EventSource::Impl::SkipBom() {
  // A UTF-8 byte order mark, as some Windows tools write, is not JSON.
  while (end_ < 3 && Refill()) {
  }
  if (end_ >= 3 && std::memcmp(buf_.get(), "\xEF\xBB\xBF", 3) == 0) pos_ = mark_ = 3;
}

void EventSource::Impl::Reserve(size_t size) {
  if (size <= cap_ && buf_ != nullptr) return;
  size_t cap = std::max({size, cap_ * 2, options_.chunk_bytes});
  auto buf = std::make_unique<char[]>(cap + io::kJsonPadding);
  if (end_ > 0) std::memcpy(buf.get(), buf_.get(), end_);
  buf_ = std::move(buf);
  cap_ = cap;
}

// Drops the bytes before mark_, reads one more block after the kept ones and
// returns false when nothing more could be read (end of input, or a read
// error, which sets status_).
bool EventSource::Impl::Refill() {
  if (eof_) return false;
  if (mark_ > 0) {
    std::memmove(buf_.get(), buf_.get() + mark_, end_ - mark_);
    end_ -= mark_;
    pos_ -= mark_;
    mark_ = 0;
  }
  Reserve(end_ + options_.chunk_bytes);
  size_t n = std::fread(buf_.get() + end_, 1, options_.chunk_bytes, file_);
  if (stats_.head.size() < kHeadBytes) {
    stats_.head.append(buf_.get() + end_, std::min(n, kHeadBytes - stats_.head.size()));
  }
  end_ += n;
  stats_.bytes += n;
  std::memset(buf_.get() + end_, 0, io::kJsonPadding);
  if (n == 0) {
    eof_ = true;
    if (std::ferror(file_)) {
      status_ = absl::DataLossError(
          absl::StrCat(name_, ": read failed after ", stats_.bytes, " bytes: ", std::strerror(errno)));
      stopped_ = true;
    }
    return false;
  }
  return true;
}

EventSource::Impl::Step EventSource::Impl::NextValue(Value& value, ReadError& error) {
  if (maybe_lines_) {
    // The first value was an object ending on its line: if nothing else
    // follows on that line, the input is NDJSON and lines are faster.
    maybe_lines_ = false;
    for (;;) {
      while (pos_ < end_ && (buf_[pos_] == ' ' || buf_[pos_] == '\t' || buf_[pos_] == '\r')) ++pos_;
      mark_ = pos_;
      if (pos_ < end_ || !Refill()) break;
    }
    if (pos_ >= end_ || buf_[pos_] == '\n') {
      mode_ = Mode::kLines;
      mark_ = pos_;
    }
  }
  return mode_ == Mode::kLines ? NextLine(value, error) : NextScanned(value, error);
}

EventSource::Impl::Step EventSource::Impl::NextLine(Value& value, ReadError& error) {
  for (;;) {
    const void* nl = pos_ < end_ ? std::memchr(buf_.get() + pos_, '\n', end_ - pos_) : nullptr;
    size_t line_end;
    if (nl != nullptr) {
      line_end = static_cast<const char*>(nl) - buf_.get();
      pos_ = line_end + 1;
    } else {
      pos_ = end_;
      if (!too_large_ && end_ - mark_ > options_.max_value_bytes) too_large_ = true;
      if (too_large_) mark_ = end_;  // read past it: memory stays bounded
      if (Refill()) continue;
      if (stopped_) return Step::kEnd;
      if (mark_ == end_ && !too_large_) return Step::kEnd;
      line_end = end_;  // a last line without a newline
    }
    const int64_t line = line_;
    ++line_;
    size_t begin = mark_;
    mark_ = pos_;
    if (too_large_) {
      too_large_ = false;
      error = {line, std::nullopt, ReadErrorReason::kTooLarge,
               absl::StrCat("line longer than ", options_.max_value_bytes, " bytes")};
      return Step::kError;
    }
    while (begin < line_end && IsBlank(buf_[begin])) ++begin;
    while (line_end > begin && IsBlank(buf_[line_end - 1])) --line_end;
    if (begin == line_end) continue;  // blank lines are allowed anywhere
    value = {begin, line_end, line};
    return Step::kValue;
  }
}

EventSource::Impl::Step EventSource::Impl::Broken(ReadErrorReason reason, std::string message,
                                                  ReadError& error) {
  error = {open_line_, open_col_, reason, std::move(message)};
  open_ = scalar_ = in_string_ = escape_ = too_large_ = false;
  depth_ = Base();
  mark_ = pos_;
  resync_ = true;
  return Step::kError;
}

EventSource::Impl::Step EventSource::Impl::CloseScanned(size_t end, Value& value,
                                                        ReadError& error) {
  const bool first = first_value_;
  first_value_ = false;
  open_ = false;
  const bool scalar = scalar_;
  scalar_ = false;
  if (too_large_) {
    too_large_ = false;
    mark_ = pos_;
    error = {open_line_, open_col_, ReadErrorReason::kTooLarge,
             absl::StrCat("value longer than ", options_.max_value_bytes, " bytes")};
    return Step::kError;
  }
  while (end > mark_ && IsBlank(buf_[end - 1])) --end;
  value = {mark_, end, open_line_};
  mark_ = pos_;
  if (first && !scalar && !top_array_ && buf_[value.begin] == '{' && open_line_ == line_) {
    maybe_lines_ = true;
  }
  return Step::kValue;
}

EventSource::Impl::Step EventSource::Impl::NextScanned(Value& value, ReadError& error) {
  for (;;) {
    while (pos_ < end_) {
      const char c = buf_[pos_];
      const bool line_start = at_line_start_;
      at_line_start_ = false;
      if (c == '\n') {
        ++pos_;
        ++line_;
        col_ = 1;
        at_line_start_ = true;
        if (resync_) continue;
        // JSON strings cannot hold a raw newline: this value was cut short.
        if (in_string_) return Broken(ReadErrorReason::kUnterminated, "line ended inside a string", error);
        if (open_ && scalar_) return CloseScanned(pos_ - 1, value, error);
        if (!open_) mark_ = pos_;
        continue;
      }
      if (resync_) {
        // Skip what is left of a broken value up to the next line that
        // starts a value, so one bad record costs one error.
        if (!(line_start && (c == '{' || c == '['))) {
          ++pos_;
          ++col_;
          continue;
        }
        resync_ = false;
        mark_ = pos_;
      }
      if (in_string_) {
        if (escape_) {
          escape_ = false;
        } else if (c == '\\') {
          escape_ = true;
        } else if (c == '"') {
          in_string_ = false;
        }
        ++pos_;
        ++col_;
        continue;
      }
      if (open_ && scalar_ &&
          (c == ',' || c == ']' || c == '}' || ((c == ' ' || c == '\t') && top_array_))) {
        return CloseScanned(pos_, value, error);
      }
      if (!open_ && IsBlank(c)) {
        ++pos_;
        ++col_;
        mark_ = pos_;
        continue;
      }
      if ((c == '{' || c == '[') && open_ && !scalar_ && line_start) {
        // A value opening at column 0 inside another one: in NDJSON or in a
        // pretty-printed file that is a new record after a truncated one
        // (nested values are indented). Report the old one, keep the new.
        error = {open_line_, open_col_, ReadErrorReason::kUnterminated,
                 "value not closed before the next line's value"};
        open_ = in_string_ = escape_ = too_large_ = false;
        depth_ = Base();
        mark_ = pos_;
        at_line_start_ = true;
        return Step::kError;
      }
      if (!open_) {
        if (c == '[' && depth_ == 0) {
          top_array_ = true;
          top_array_line_ = line_;
          depth_ = 1;
          ++pos_;
          ++col_;
          mark_ = pos_;
          continue;
        }
        if (top_array_ && depth_ == 1 && (c == ',' || c == ']')) {
          if (c == ']') top_array_ = false, depth_ = 0;
          ++pos_;
          ++col_;
          mark_ = pos_;
          continue;
        }
        if (c == ',' || c == ']' || c == '}') {
          error = {line_, col_, ReadErrorReason::kUnexpected,
                   absl::StrCat("unexpected `", std::string(1, c), "` between values")};
          ++pos_;
          ++col_;
          mark_ = pos_;
          return Step::kError;
        }
        open_ = true;
        scalar_ = c != '{' && c != '[';
        open_line_ = line_;
        open_col_ = col_;
        mark_ = pos_;
      }
      ++pos_;
      ++col_;
      if (c == '"') {
        in_string_ = true;
      } else if (!scalar_ && (c == '{' || c == '[')) {
        ++depth_;
      } else if (!scalar_ && (c == '}' || c == ']') && --depth_ == Base()) {
        return CloseScanned(pos_, value, error);
      }
    }
    // The buffer is used up: keep the open value (unless it is too large to
    // hold) and read on.
    if (open_ && !too_large_ && pos_ - mark_ > options_.max_value_bytes) too_large_ = true;
    if (!open_ || too_large_) mark_ = pos_;
    if (Refill()) continue;
    if (stopped_) return Step::kEnd;
    if (open_ && scalar_ && !in_string_) return CloseScanned(pos_, value, error);
    if (open_) {
      if (too_large_) return CloseScanned(pos_, value, error);
      return Broken(ReadErrorReason::kUnterminated, "input ended inside a value", error);
    }
    if (top_array_ && !resync_) {
      top_array_ = false;
      depth_ = 0;
      error = {top_array_line_, std::nullopt, ReadErrorReason::kUnterminated,
               "input ended inside the top-level array"};
      return Step::kError;
    }
    return Step::kEnd;
  }
}

EventSource::EventSource(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
EventSource::EventSource(EventSource&&) noexcept = default;
EventSource& EventSource::operator=(EventSource&&) noexcept = default;
EventSource::~EventSource() = default;

absl::StatusOr<EventSource> EventSource::Open(const std::string& path, EventSourceOptions options) {
  if (options.format != InputFormat::kUdm) {
    absl::StatusOr<io::OpenedInput> input = io::OpenRawInput(path, options);
    if (!input.ok()) return input.status();
    auto impl = std::make_unique<Impl>(input->name, std::move(options), input->udm_file, true);
    impl->SetRaw(std::move(input->raw));
    return EventSource(std::move(impl));
  }
  if (path == "-") {
    return EventSource(std::make_unique<Impl>("<stdin>", std::move(options), stdin, false));
  }
  std::FILE* file = std::fopen(path.c_str(), "rb");
  if (file == nullptr) {
    const int err = errno;
    std::string message = absl::StrCat(path, ": ", std::strerror(err));
    if (err == ENOENT) return absl::NotFoundError(message);
    if (err == EACCES) return absl::PermissionDeniedError(message);
    return absl::UnavailableError(message);
  }
  return EventSource(std::make_unique<Impl>(path, std::move(options), file, true));
}

EventSource EventSource::FromString(std::string_view text, std::string name,
                                    EventSourceOptions options) {
  auto impl = std::make_unique<Impl>(std::move(name), std::move(options), nullptr, false);
  impl->SetText(text);
  return EventSource(std::move(impl));
}

bool EventSource::Next(RawEvent& out) { return impl_->Next(out); }
const absl::Status& EventSource::status() const { return impl_->status(); }
const ReadStats& EventSource::stats() const { return impl_->stats(); }
const std::vector<ReadError>& EventSource::errors() const { return impl_->errors(); }
const std::string& EventSource::name() const { return impl_->name(); }

}  // namespace yaral

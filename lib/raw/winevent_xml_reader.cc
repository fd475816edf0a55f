// Windows event XML as wevtutil (`wevtutil qe LOG /f:xml`) and Event
// Viewer ("Save as XML") export it: <Event> elements, one or many per file,
// bare or inside an <Events> wrapper. Each element is cut out of the stream
// by its `</Event>` end tag and parsed alone with pugixml, so a file is never
// held whole and one broken record costs only itself.

#include <cstring>
#include <string>

#include "absl/strings/str_cat.h"
#include "raw/readers.h"
#include "raw/windows_event.h"

namespace yaral::raw {
namespace {

class WinEventXmlReader final : public RecordReader {
 public:
  explicit WinEventXmlReader(std::unique_ptr<InputStream> input) : input_(std::move(input)) {}

  Step Next(SourceRecord& record, ReadError& error) override {
    for (;;) {
      const std::string_view text(buf_.data() + pos_, buf_.size() - pos_);
      const size_t start = FindEventStart(text, 0);
      if (start != std::string_view::npos && start + 6 < text.size()) {
        const size_t end = text.find(kEventEndTag, start);
        if (end != std::string_view::npos) {
          Advance(start);
          const int64_t line = line_;
          const std::string_view xml = text.substr(start, end + kEventEndTag.size() - start);
          Advance(xml.size());
          return Convert(xml, line, record, error);
        }
        if (text.size() - start > kMaxRecordBytes) {
          Advance(start);
          error = {line_, std::nullopt, ReadErrorReason::kTooLarge,
                   absl::StrCat("an <Event> record longer than ", kMaxRecordBytes, " bytes")};
          Advance(text.size() - start - 6);  // past "<Event"-less tail
          return Step::kError;
        }
      } else if (start == std::string_view::npos && text.size() > 8) {
        Advance(text.size() - 8);  // keep a tail that may begin "<Event"
      }
      if (!Fill()) {
        const std::string_view rest(buf_.data() + pos_, buf_.size() - pos_);
        const size_t open = FindEventStart(rest, 0);
        if (open == std::string_view::npos) return Step::kEnd;
        Advance(open);
        error = {line_, std::nullopt, ReadErrorReason::kUnterminated,
                 "input ended inside an <Event> record (no </Event>)"};
        Advance(buf_.size() - pos_);
        return Step::kError;
      }
    }
  }

  absl::Status status() const override { return input_->status(); }
  uint64_t bytes() const override { return input_->file_bytes(); }

 private:
  Step Convert(std::string_view xml, int64_t line, SourceRecord& record, ReadError& error) {
    std::string why;
    if (!ParseWindowsEvent(xml, record, why)) {
      error = {line, std::nullopt, ReadErrorReason::kInvalidXml, why};
      return Step::kError;
    }
    record.location = line;
    return Step::kRecord;
  }

  // Moves the cursor `n` bytes on, counting the lines it passes.
  void Advance(size_t n) {
    const char* p = buf_.data() + pos_;
    for (size_t i = 0; i < n; ++i) line_ += p[i] == '\n';
    pos_ += n;
  }

  bool Fill() {
    buf_.erase(0, pos_);
    pos_ = 0;
    const size_t old = buf_.size();
    buf_.resize(old + (size_t{1} << 16));
    const size_t got = input_->Read(buf_.data() + old, buf_.size() - old);
    buf_.resize(old + got);
    return got > 0;
  }

  std::unique_ptr<InputStream> input_;
  std::string buf_;
  size_t pos_ = 0;
  int64_t line_ = 1;
};

}  // namespace

std::unique_ptr<RecordReader> NewWinEventXmlReader(std::unique_ptr<InputStream> input) {
  return std::make_unique<WinEventXmlReader>(std::move(input));
}

}  // namespace yaral::raw

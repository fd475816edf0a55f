// Sysmon for Linux writes each event to syslog as one line: a syslog prefix
// (`Mar  2 13:02:10 host sysmon: `) and the event's <Event> XML, the same
// XML Sysmon for Windows records. Each line is one record; lines of other
// programs in the same file are reported as not_a_record, never dropped.

#include <string>

#include "absl/strings/str_cat.h"
#include "raw/readers.h"
#include "raw/windows_event.h"

namespace yaral::raw {
namespace {

class SysmonLinuxReader final : public RecordReader {
 public:
  explicit SysmonLinuxReader(std::unique_ptr<InputStream> input)
      : input_(std::move(input)), lines_(*input_, kMaxRecordBytes) {}

  // Each syslog line carries one record: `<prefix> sysmon: <Event>...</Event>`.
  Step Next(SourceRecord& record, ReadError& error) override {
    std::string_view line;
    int64_t number = 0;
    bool truncated = false;
    while (lines_.Next(line, number, truncated)) {
      if (line.find_first_not_of(" \t") == std::string_view::npos) continue;
      error = {number, std::nullopt, ReadErrorReason::kTooLarge, ""};
      if (truncated) {
        error.message = absl::StrCat("a line longer than ", kMaxRecordBytes, " bytes");
        return Step::kError;
      }
      const size_t start = FindEventStart(line, 0);
      if (start == std::string_view::npos) {
        error.reason = ReadErrorReason::kNotARecord;
        error.message = "a line without a Sysmon <Event> record";
        return Step::kError;
      }
      const size_t end = line.rfind(kEventEndTag);
      if (end == std::string_view::npos || end < start) {
        error.reason = ReadErrorReason::kUnterminated;
        error.message = "the <Event> record does not end on its line (no </Event>)";
        error.column = static_cast<int64_t>(start) + 1;
        return Step::kError;
      }
      std::string why;
      if (!ParseWindowsEvent(line.substr(start, end + kEventEndTag.size() - start), record, why)) {
        error.reason = ReadErrorReason::kInvalidXml;
        error.message = why;
        error.column = static_cast<int64_t>(start) + 1;
        return Step::kError;
      }
      record.location = number;
      return Step::kRecord;
    }
    return Step::kEnd;
  }

  absl::Status status() const override { return input_->status(); }
  uint64_t bytes() const override { return input_->file_bytes(); }

 private:
  std::unique_ptr<InputStream> input_;
  LineReader lines_;
};

}  // namespace

std::unique_ptr<RecordReader> NewSysmonLinuxReader(std::unique_ptr<InputStream> input) {
  return std::make_unique<SysmonLinuxReader>(std::move(input));
}

}  // namespace yaral::raw

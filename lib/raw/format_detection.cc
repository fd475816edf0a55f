#include "raw/format_detection.h"

#include <array>
#include <cctype>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "raw/input_stream.h"
#include "raw/source_record.h"

namespace yaral {
namespace {

struct FormatName {
  InputFormat format;
  std::string_view name;
};
constexpr std::array<FormatName, 6> kFormatNames = {{
    {InputFormat::kAuto, "auto"},
    {InputFormat::kEvtx, "evtx"},
    {InputFormat::kWinEventXml, "winevent-xml"},
    {InputFormat::kSysmonLinux, "sysmon-linux"},
    {InputFormat::kAuditd, "auditd"},
    {InputFormat::kUdm, "udm"},
}};

// The first line of `text`, without its end.
std::string_view FirstLine(std::string_view text) {
  return text.substr(0, text.find('\n'));
}

// What an error shows of unrecognised input: printable text as is, the rest
// as hex escapes, at most 40 bytes.
std::string Shown(std::string_view head) {
  std::string out;
  for (char c : head.substr(0, 40)) {
    const auto byte = static_cast<unsigned char>(c);
    if (std::isprint(byte) != 0) {
      out.push_back(c);
    } else {
      absl::StrAppend(&out, "\\x", absl::Hex(byte, absl::kZeroPad2));
    }
  }
  return out;
}

}  // namespace

std::string_view InputFormatName(InputFormat format) {
  for (const FormatName& f : kFormatNames) {
    if (f.format == format) return f.name;
  }
  return "unknown";
}

std::optional<InputFormat> ParseInputFormat(std::string_view name) {
  for (const FormatName& f : kFormatNames) {
    if (f.name == name) return f.format;
  }
  return std::nullopt;
}

std::string InputFormatNames() {
  return absl::StrJoin(kFormatNames, ", ", [](std::string* out, const FormatName& f) {
    absl::StrAppend(out, raw::Av(f.name));
  });
}

absl::StatusOr<InputFormat> DetectInputFormat(const std::string& path) {
  absl::StatusOr<std::unique_ptr<raw::InputStream>> input = raw::InputStream::Open(path);
  if (!input.ok()) return input.status();
  const std::string_view head = (*input)->Peek(raw::kDetectBytes);
  if (!(*input)->status().ok()) return (*input)->status();
  return raw::DetectFormat(head, (*input)->name());
}

namespace raw {

absl::StatusOr<InputFormat> DetectFormat(std::string_view head, std::string_view name) {
  if (head.starts_with(std::string_view("ElfFile\0", 8))) return InputFormat::kEvtx;
  std::string_view text = head;
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  const size_t first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) {
    return absl::InvalidArgumentError(absl::StrCat(Av(name), ": empty input: no format to detect"));
  }
  text.remove_prefix(first);
  if (text.front() == '{' || text.front() == '[') return InputFormat::kUdm;
  if (text.starts_with("<?xml") || text.starts_with("<Events") || text.starts_with("<Event")) {
    return InputFormat::kWinEventXml;
  }
  const std::string_view line = FirstLine(text);
  if ((line.starts_with("type=") || line.starts_with("node=")) &&
      line.find("msg=audit(") != std::string_view::npos) {
    return InputFormat::kAuditd;
  }
  // A syslog file may begin with other programs' lines: any line of the
  // head carrying a record will do.
  if (text.find("<Event>") != std::string_view::npos || text.find("<Event xmlns") != std::string_view::npos) {
    return InputFormat::kSysmonLinux;
  }
  return absl::InvalidArgumentError(absl::StrCat(
      Av(name), ": unknown input format: it begins `", Shown(text),
      "`, which is none of EVTX (ElfFile), Windows event XML (<Event>), Sysmon for Linux "
      "(syslog lines with <Event>), auditd (type=... msg=audit(...)) or UDM JSON ({ or [); "
      "name the format with --from"));
}

}  // namespace raw
}  // namespace yaral

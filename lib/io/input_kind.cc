// What an input was, told from its first bytes: named in the error when not
// one event could be read from it (docs/events.md, "Errors").
#include <string>
#include <string_view>

#include "yaral/event_source.h"

namespace yaral {

std::string DescribeInputHead(std::string_view head) {
  auto starts = [&](std::string_view prefix) { return head.substr(0, prefix.size()) == prefix; };
  if (starts("\x1f\x8b")) return "gzip-compressed data (decompress it first: zcat FILE | yaral run ... --events -)";
  if (starts("\x28\xb5\x2f\xfd")) return "zstd-compressed data (decompress it first: zstdcat FILE | yaral run ... --events -)";
  if (starts("PK\x03\x04")) return "a zip archive";
  if (starts("ElfFile")) return "a Windows EVTX log (binary)";
  size_t first = head.find_first_not_of(" \t\r\n");
  if (starts("\xef\xbb\xbf")) first = head.find_first_not_of(" \t\r\n", 3);  // UTF-8 byte order mark
  if (first == std::string_view::npos) return "only whitespace";
  const std::string_view text = head.substr(first);
  if (text[0] == '<') return "XML (Sysmon and Windows event XML are raw telemetry, not UDM)";
  if (text.substr(0, 5) == "type=") return "an auditd log (raw telemetry, not UDM)";
  if (text[0] == '{' || text[0] == '[') return "JSON holding no readable UDM event";
  for (char c : text) {
    if (static_cast<unsigned char>(c) < 0x09 || (c > 0x0d && static_cast<unsigned char>(c) < 0x20)) {
      return "binary data";
    }
  }
  return "text that is not JSON";
}

}  // namespace yaral

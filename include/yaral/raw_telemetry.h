// Raw telemetry in: what sensors write (EVTX, Windows event XML, Sysmon for
// Linux syslog lines, auditd logs) read as UDM events (docs/raw-telemetry.md).
//
// The readers live in lib/raw and are reached through EventSource: set
// EventSourceOptions::format and every EventSource::Open turns the records of
// the file into UDM event JSON, one event per record, with yaral's mapping
// (data/raw/udm_mappings.tsv). `.gz` and `.zst` files are decompressed on the
// fly, recognised by their content.
//
//   yaral::EventSourceOptions options;
//   options.format = yaral::InputFormat::kAuto;   // or kEvtx, kAuditd, ...
//   auto source = yaral::EventSource::Open("Security.evtx.gz", options);
//   yaral::RawEvent event;
//   while (source->Next(event)) Print(event.json);  // UDM JSON, one object
//
// A record that cannot be read (a corrupt EVTX record, broken XML, an auditd
// line without its audit(...) id, a damaged compressed stream) is a
// ReadError like a malformed JSON line: counted by reason in ReadStats,
// reported with its file and record number (RawEvent::line is the record
// number for EVTX, the line for text formats), never dropped silently.
#ifndef YARAL_RAW_TELEMETRY_H_
#define YARAL_RAW_TELEMETRY_H_

#include <optional>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace yaral {

// What an input file holds. kUdm is the historical default: UDM JSON read
// as docs/events.md describes, with no detection and no decompression.
enum class InputFormat {
  kUdm,          // "udm": UDM events as JSON (NDJSON, arrays, envelopes)
  kAuto,         // "auto": decided by the file's first bytes
  kEvtx,         // "evtx": Windows XML Event Log files, through libevtx
  kWinEventXml,  // "winevent-xml": <Event> records as wevtutil / Event Viewer export them
  kSysmonLinux,  // "sysmon-linux": Sysmon for Linux, <Event> XML inside syslog lines
  kAuditd,       // "auditd": Linux audit logs (audit.log)
};

// "udm", "auto", "evtx", "winevent-xml", "sysmon-linux", "auditd".
std::string_view InputFormatName(InputFormat format);
// The inverse of InputFormatName; nullopt for any other text.
std::optional<InputFormat> ParseInputFormat(std::string_view name);
// The names, comma-separated, for help texts and error messages.
std::string InputFormatNames();

// Decides a file's format from its content (decompressing .gz / .zst first).
// Never kAuto; InvalidArgument naming the bytes seen when nothing matches.
absl::StatusOr<InputFormat> DetectInputFormat(const std::string& path);

}  // namespace yaral

#endif  // YARAL_RAW_TELEMETRY_H_

// One reader per input format; each turns a (decompressed) input into
// SourceRecords. Private to lib/raw.
#ifndef YARAL_RAW_READERS_H_
#define YARAL_RAW_READERS_H_

#include <memory>

#include "absl/status/statusor.h"
#include "raw/input_stream.h"
#include "raw/source_record.h"

namespace yaral::raw {

// EVTX through libevtx (evtx_reader.cc). libevtx reads a file by offset, so
// a compressed or piped EVTX is first streamed to a temporary file.
absl::StatusOr<std::unique_ptr<RecordReader>> NewEvtxReader(std::unique_ptr<InputStream> input);
// <Event> records, one or many per file, as wevtutil / Event Viewer export them.
std::unique_ptr<RecordReader> NewWinEventXmlReader(std::unique_ptr<InputStream> input);
// Sysmon for Linux: syslog lines that carry one <Event> each.
std::unique_ptr<RecordReader> NewSysmonLinuxReader(std::unique_ptr<InputStream> input);
// auditd logs: records grouped into events by their audit(time:serial) id.
std::unique_ptr<RecordReader> NewAuditdReader(std::unique_ptr<InputStream> input);

// Longest text line or XML record a reader holds (1 MiB would already be a
// very long command line); a longer one is reported and skipped.
inline constexpr size_t kMaxRecordBytes = size_t{16} << 20;

}  // namespace yaral::raw

#endif  // YARAL_RAW_READERS_H_

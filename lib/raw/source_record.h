// One record as a sensor wrote it, before mapping to UDM, and the interface
// every reader (one per format) implements. Private to lib/raw.
#ifndef YARAL_RAW_SOURCE_RECORD_H_
#define YARAL_RAW_SOURCE_RECORD_H_

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "yaral/event_source.h"

namespace yaral::raw {

// Debian's Abseil has its own string_view type: Av(s) passes a
// std::string_view to absl functions.
inline absl::string_view Av(std::string_view s) { return {s.data(), s.size()}; }

struct SourceRecord {
  // The mapping's source column: "sysmon", "sysmon-linux", "security",
  // "powershell", "windows" (any other Windows provider) or "auditd".
  std::string source;
  // The mapping's event column: the Windows event id ("1", "4624"), or for
  // auditd the syscall name ("execve") or the record type ("USER_LOGIN").
  std::string event_id;
  // RFC 3339, UTC; empty when the record has no time.
  std::string timestamp;
  // Every field the record carries, in record order: Windows System values
  // as "System.Computer", EventData / UserData values by their Name,
  // auditd values as "TYPE.name" ("SYSCALL.exe", "SOCKADDR.port").
  std::vector<std::pair<std::string, std::string>> fields;
  // Where it was read: the EVTX record number, or the first line.
  int64_t location = 0;

  void Add(std::string name, std::string value) {
    fields.emplace_back(std::move(name), std::move(value));
  }
};

class RecordReader {
 public:
  enum class Step { kRecord, kError, kEnd };
  virtual ~RecordReader() = default;
  // The next record (kRecord), a record that could not be read (kError:
  // `error` says where and why; reading goes on), or the end of input.
  virtual Step Next(SourceRecord& record, ReadError& error) = 0;
  // Not OK when reading stopped on an I/O or decompression error.
  virtual absl::Status status() const = 0;
  // Bytes of the file consumed so far (compressed bytes for .gz / .zst).
  virtual uint64_t bytes() const = 0;
};

}  // namespace yaral::raw

#endif  // YARAL_RAW_SOURCE_RECORD_H_

// What EventSource needs from the raw telemetry readers, declared here so
// lib/io depends on no later stage: lib/raw (after lib/io in the stage
// order) implements RecordStream and defines OpenRawInput. Private to
// lib/io and lib/raw.
#ifndef YARAL_IO_RAW_INPUT_H_
#define YARAL_IO_RAW_INPUT_H_

#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "yaral/event_source.h"

namespace yaral::io {

// Raw records handed out as UDM events, with EventSource's contract.
class RecordStream {
 public:
  virtual ~RecordStream() = default;
  virtual bool Next(RawEvent& out) = 0;
  virtual const absl::Status& status() const = 0;
  virtual const ReadStats& stats() const = 0;
  virtual const std::vector<ReadError>& errors() const = 0;
};

// What EventSource reads for a path once the format is known: either a raw
// stream, or (for UDM JSON, possibly decompressed) a FILE* it reads itself.
struct OpenedInput {
  std::string name;
  std::unique_ptr<RecordStream> raw;
  std::FILE* udm_file = nullptr;  // owned by the caller when set
};

// Opens `path` in `options.format` (detected for kAuto), which must not be
// kUdm (EventSource reads that itself). Defined in lib/raw.
absl::StatusOr<OpenedInput> OpenRawInput(const std::string& path, const EventSourceOptions& options);

}  // namespace yaral::io

#endif  // YARAL_IO_RAW_INPUT_H_

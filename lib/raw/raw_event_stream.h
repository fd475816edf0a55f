// The bridge from lib/raw to EventSource: opens an input in the format
// asked for (detected for InputFormat::kAuto), and hands out each record
// as a UDM event the way EventSource hands out JSON. Private to lib/raw
// and lib/io.
#ifndef YARAL_RAW_RAW_EVENT_STREAM_H_
#define YARAL_RAW_RAW_EVENT_STREAM_H_

#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "raw/source_record.h"
#include "yaral/event_source.h"

namespace yaral::raw {

class RawEventStream {
 public:
  RawEventStream(std::unique_ptr<RecordReader> reader, EventSourceOptions options);
  // Same contract as EventSource::Next; RawEvent::line is the record's
  // location (EVTX record number, else its first line).
  bool Next(RawEvent& out);
  const absl::Status& status() const { return status_; }
  const ReadStats& stats() const { return stats_; }
  const std::vector<ReadError>& errors() const { return kept_errors_; }

 private:
  std::unique_ptr<RecordReader> reader_;
  EventSourceOptions options_;
  absl::Status status_;
  ReadStats stats_;
  std::vector<ReadError> kept_errors_;
  std::string json_;  // the current event, with simdjson's padding after it
  SourceRecord record_;
  bool stopped_ = false;
};

// What EventSource reads for a path once the format is known: either a raw
// stream, or (for UDM JSON, possibly decompressed) a FILE* it reads itself.
struct OpenedInput {
  std::string name;
  std::unique_ptr<RawEventStream> raw;
  std::FILE* udm_file = nullptr;  // owned by the caller when set
};

// `options.format` must not be kUdm (EventSource reads that itself).
absl::StatusOr<OpenedInput> OpenInput(const std::string& path, const EventSourceOptions& options);

}  // namespace yaral::raw

#endif  // YARAL_RAW_RAW_EVENT_STREAM_H_

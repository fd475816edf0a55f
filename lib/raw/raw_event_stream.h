// The bridge from lib/raw to EventSource (io/raw_input.h): hands out each
// record as a UDM event the way EventSource hands out JSON. Private to
// lib/raw.
#ifndef YARAL_RAW_RAW_EVENT_STREAM_H_
#define YARAL_RAW_RAW_EVENT_STREAM_H_

#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "io/raw_input.h"
#include "raw/source_record.h"
#include "yaral/event_source.h"

namespace yaral::raw {

class RawEventStream final : public io::RecordStream {
 public:
  RawEventStream(std::unique_ptr<RecordReader> reader, EventSourceOptions options);
  // Same contract as EventSource::Next; RawEvent::line is the record's
  // location (EVTX record number, else its first line).
  bool Next(RawEvent& out) override;
  const absl::Status& status() const override { return status_; }
  const ReadStats& stats() const override { return stats_; }
  const std::vector<ReadError>& errors() const override { return kept_errors_; }

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

}  // namespace yaral::raw

#endif  // YARAL_RAW_RAW_EVENT_STREAM_H_

// Reading UDM events from a file, stdin or a string.
//
// An EventSource turns input in any shape Google SecOps produces or accepts
// into a stream of UDM event objects, each handed out as its JSON text for
// the engine to read the fields it needs (docs/events.md):
//
//   NDJSON                one value per line (the fast, streamed path)
//   a JSON array          `[{...}, {...}]`, or pretty-printed objects
//   API envelopes         `{"udm": {...}}`, `{"events": [...]}`,
//                         `{"inlineSource": {"events": [...]}}`, detections
//                         (`collectionElements[].references[].event|udm`)
//
//   yaral::EventSourceOptions options;
//   options.on_error = yaral::OnError::kSkip;
//   absl::StatusOr<yaral::EventSource> source =
//       yaral::EventSource::Open("events.ndjson", options);  // "-" is stdin
//   if (!source.ok()) return source.status();                // cannot open
//   yaral::RawEvent event;
//   while (source->Next(event)) {
//     Use(event.json, event.line);  // valid until the next Next()
//   }
//   if (!source->status().ok()) return source->status();  // I/O, or kFail
//   const yaral::ReadStats& stats = source->stats();       // events, skipped
//
// Streaming: input is read in blocks of `chunk_bytes`; only the top-level
// value being read (one NDJSON line, one element of a top-level array, one
// top-level object) is held, up to `max_value_bytes`. A single top-level
// envelope such as `{"events": [...]}` is one value, so it is held whole.
//
// Errors: a malformed value is input data, not a failure of the reader: it
// becomes a ReadError (line, reason), is counted in ReadStats, passed to
// `on_read_error` and skipped (kSkip, the default), or ends the stream with
// `status()` InvalidArgument naming the line (kFail). `Open` returns
// NotFound / PermissionDenied / Unavailable when the file cannot be opened; a
// read error mid-stream ends it with `status()` DataLoss. Nothing throws.
//
// Thread-safety: an EventSource is a cursor with its own buffers: use one per
// thread (it is movable, not copyable). The strings it returns point into its
// buffer and die with the next call to Next().
#ifndef YARAL_EVENT_SOURCE_H_
#define YARAL_EVENT_SOURCE_H_

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "yaral/raw_telemetry.h"

namespace yaral {

// Why a piece of input was skipped. The names (ReadErrorReasonName) are the
// keys of ReadStats::skipped_by_reason and what summaries print.
enum class ReadErrorReason {
  kInvalidJson,   // "invalid_json": the JSON parser rejected the value
  kInvalidUtf8,   // "invalid_utf8": the value is not valid UTF-8
  kUnterminated,  // "unterminated": the input (or a line) ended inside a value
  kUnexpected,    // "unexpected": a stray `]`, `}` or `,` between values
  kNotAnObject,   // "not_an_object": a value that cannot be an event (`42`)
  kTooLarge,      // "too_large": a value longer than max_value_bytes
  kTooDeep,       // "too_deep": nesting deeper than the parser allows
  // Raw telemetry (EventSourceOptions::format, docs/raw-telemetry.md):
  kCorruptRecord,  // "corrupt_record": libevtx cannot read or render an EVTX record
  kInvalidXml,     // "invalid_xml": an <Event> record that is not well-formed XML
  kMissingField,   // "missing_field": an auditd record without its type= or audit id
  kNotARecord,     // "not_a_record": a line of a Sysmon for Linux syslog without a record
};

std::string_view ReadErrorReasonName(ReadErrorReason reason);

struct ReadError {
  int64_t line = 0;              // 1-based line where the bad value starts
  std::optional<int64_t> column;  // 1-based byte column, when known
  ReadErrorReason reason = ReadErrorReason::kInvalidJson;
  std::string message;  // one line, no trailing period
};

// "events.ndjson:12: invalid JSON: ..." (column added when known).
std::string FormatReadError(std::string_view source_name, const ReadError& error);

struct ReadStats {
  uint64_t bytes = 0;    // bytes read from the input so far
  int64_t events = 0;    // events handed out by Next()
  int64_t skipped = 0;   // values skipped, all reasons together
  std::map<std::string, int64_t> skipped_by_reason;  // by ReadErrorReasonName
  std::string head;  // the input's first bytes (up to 64): see DescribeInputHead
};

// What an input is, from its first bytes ("gzip-compressed data", "XML
// ...", "an auditd log ...", "text that is not JSON"): said when not one
// event could be read from it.
std::string DescribeInputHead(std::string_view head);

enum class OnError {
  kSkip,  // count the error and go on (the default; `--on-error skip`)
  kFail,  // stop at the first error; status() says where (`--on-error fail`)
};

struct EventSourceOptions {
  // What a malformed value does to the stream. Default kSkip: one bad line in
  // a large export should not cost the rest of it.
  OnError on_error = OnError::kSkip;
  // Called once for every ReadError, in input order, before Next() returns.
  // Optional; errors are also kept in errors() (see max_kept_errors).
  std::function<void(const ReadError&)> on_read_error;
  // Errors kept for errors(). Default 100: enough to show a user, bounded on
  // an input that is all garbage. Counting in stats() is never capped.
  size_t max_kept_errors = 100;
  // Read block size. Default 1 MiB: large enough that read calls cost
  // nothing, small enough to stay in cache.
  size_t chunk_bytes = size_t{1} << 20;
  // Largest top-level value (line, array element or object) held in memory.
  // Default 256 MiB: far above any real event, yet it bounds memory when a
  // file is not what it claims to be. A larger value is read past, not
  // held, and skipped as kTooLarge.
  size_t max_value_bytes = size_t{256} << 20;
  // What the input holds. Default kUdm: UDM JSON as above. Any other value
  // reads raw telemetry through lib/raw (yaral/raw_telemetry.h): each record
  // becomes one UDM event, `.gz` / `.zst` input is decompressed, and kAuto
  // decides the format by content (UDM JSON included).
  InputFormat format = InputFormat::kUdm;
};

// One UDM event as read.
struct RawEvent {
  // The event's JSON object text exactly as in the input (not re-encoded;
  // pretty-printed input keeps its whitespace). Valid until the next Next().
  // At least 64 readable bytes (simdjson's padding) follow it in memory, so
  // a parser may read it in place: Engine::Feed(const RawEvent&) does.
  std::string_view json;
  int64_t line = 0;   // 1-based line where the object starts
  int64_t index = 0;  // 0-based position among the events handed out
  // For events taken from a detection's collectionElements: the element's
  // `label`, the rule's event variable without `$` ("e"); otherwise empty.
  std::string_view label;
};

class EventSource {
 public:
  // Reads a file, or stdin when `path` is "-". The file stays open until the
  // EventSource is destroyed.
  static absl::StatusOr<EventSource> Open(const std::string& path,
                                          EventSourceOptions options = {});
  // Reads `text` (copied); `name` is what errors print.
  static EventSource FromString(std::string_view text, std::string name = "<string>",
                                EventSourceOptions options = {});

  EventSource(EventSource&&) noexcept;
  EventSource& operator=(EventSource&&) noexcept;
  EventSource(const EventSource&) = delete;
  EventSource& operator=(const EventSource&) = delete;
  ~EventSource();

  // The next event; false at the end of input or when the stream stopped
  // (then status() is not OK). Malformed input is reported and skipped
  // inside this call, so a true result is always an event.
  bool Next(RawEvent& out);

  // OK while reading and after a clean end; otherwise why the stream stopped.
  const absl::Status& status() const;
  const ReadStats& stats() const;
  // The first max_kept_errors errors, in input order.
  const std::vector<ReadError>& errors() const;
  const std::string& name() const;

 private:
  class Impl;
  explicit EventSource(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace yaral

#endif  // YARAL_EVENT_SOURCE_H_

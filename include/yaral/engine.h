// Running compiled rules (yaral/compiler.h) over UDM events; detections are
// in yaral/detection.h. Both are included here, so code that includes only
// this header keeps compiling.
//
//   yaral::SourceFile file("rules/t1071.yaral", text);
//   yaral::CompileResult compiled = yaral::CompileRules(file);
//   if (!compiled.ok()) { ...print compiled.diagnostics...; return; }
//
//   yaral::Engine engine(compiled.rules);
//   engine.OnDetection([](const yaral::Detection& d) {
//     std::cout << yaral::DetectionToJson(d) << "\n";
//   });
//   yaral::RawEvent event;
//   while (source.Next(event)) engine.Feed(event);  // yaral/event_source.h
//   engine.Finish();  // closes the windows still open
//
// Compiling checks the rule exactly as `yaral check` does (without lint) and
// lowers it into an immutable plan (docs/architecture.md): per event
// variable a filter program over the few fields the rule reads, the joins,
// the match key and window, the outcome and condition programs. The engine
// reads only those fields from each event (simdjson) and keeps, per rule,
// only the rows of events that passed their filters and can still fall in
// an open window.
//
// Time: event time is `metadata.event_timestamp`. Input need not be sorted:
// a window closes once the latest event time seen has passed its end by
// `EngineOptions::allowed_lateness_seconds`; an event older than that for
// every window it could join is counted in `EngineStats::late_events` and
// not evaluated. `Finish()` closes every window. The semantics (hop windows,
// event copies, zero values...) are in docs/semantics.md.
//
// Errors are values: nothing here throws. Callbacks (OnDetection, explain,
// metrics) must not throw either: an exception from one leaves Feed() or
// Finish() half done, and that engine must then be discarded. A rule that does not compile
// comes back as diagnostics; an event that is not a JSON object is refused
// by Feed() with InvalidArgument and counted; a function that fails at run
// time (an invalid CIDR from a data table) is counted by message in
// EngineStats::runtime_errors and its predicate is false.
//
// Thread-safety: a CompiledRule is immutable and may be shared by any number
// of threads and engines. An Engine is single-threaded: use one per thread
// (for example one per input shard) with the same rules.
#ifndef YARAL_ENGINE_H_
#define YARAL_ENGINE_H_

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "yaral/compiler.h"
#include "yaral/data_tables.h"
#include "yaral/detection.h"
#include "yaral/diagnostics.h"
#include "yaral/event_source.h"
#include "yaral/reference_lists.h"
#include "yaral/source.h"
#include "yaral/udm_values.h"
#include "yaral/value.h"

namespace yaral {

// ------------------------------------------------------------------ engine

struct EngineOptions {
  // Event samples kept per event variable and detection (SecOps keeps 10);
  // 0 keeps them all.
  size_t max_samples = 10;
  // How far behind the latest event time seen an event may arrive and still
  // count. Larger values hold windows open longer (more memory).
  int64_t allowed_lateness_seconds = 3600;
  // "Now" for timestamp.now() / current_seconds(); unset means the latest
  // event time seen, so runs are reproducible.
  std::optional<int64_t> now_seconds;
  uint64_t random_seed = 0;  // math.random
  // Values for metrics.* functions (docs/functions.md#metrics). Unset: a
  // rule calling one gets a runtime error "not available locally".
  std::function<std::optional<double>(std::string_view function,
                                      std::span<const std::pair<std::string_view, Value>> named)>
      metrics;
  // Called with a one-line explanation for each event or window that did
  // not produce a detection, when set (`yaral run --explain`, `yaral test`).
  // Costs time: leave unset in production.
  std::function<void(std::string_view rule, std::string_view message)> explain;
  // Limits on what a windowed rule holds (docs/semantics.md#limits). What
  // they drop is counted in EngineStats::limit_drops, by rule, limit and key.
  // Rows one match key holds for its open windows (for a rule whose rows
  // cannot be grouped by key as they arrive: all its rows).
  size_t max_rows_per_key = 1000000;
  // Distinct match keys one rule holds rows for at once.
  size_t max_keys_per_rule = 10000000;
  // Joined bindings of one key's window: a join without a selective key.
  size_t max_bindings_per_window = 1000000;
  // Rows of a rule whose event variables all bind its match variables are
  // held per match key (docs/semantics.md#per-key-windows). false holds
  // every rule's rows in one partition: the same detections, slower; for
  // comparison and tests.
  bool windows_per_key = true;
};

// What one limit of EngineOptions dropped for one rule.
struct LimitDrop {
  static constexpr size_t kMaxKeys = 10;
  std::string rule;
  std::string limit;  // "max_rows_per_key", "max_keys_per_rule", "max_bindings_per_window"
  // Rows not kept (the row limits), or windows whose bindings were cut.
  int64_t count = 0;
  // The first kMaxKeys match keys that lost something (`user: "alice"`),
  // with their counts; later keys are only counted in other_keys.
  std::map<std::string, int64_t> keys;
  int64_t other_keys = 0;
};

struct EngineStats {
  int64_t events = 0;          // accepted by Feed()
  int64_t invalid_events = 0;  // refused by Feed(), all reasons together
  // invalid_json, not_an_object, bad_timestamp (a time field that cannot be
  // read), time_out_of_range (outside protobuf's Timestamp / Duration range)
  std::map<std::string, int64_t> invalid_by_reason;
  int64_t late_events = 0;     // arrived after every window they could join closed
  int64_t rows_kept = 0;       // event copies that passed a variable's filters
  int64_t detections = 0;
  int64_t suppressed = 0;      // detections dropped by `suppression_window`
  int64_t runtime_errors = 0;  // all messages together
  std::map<std::string, int64_t> runtime_errors_by_message;
  size_t peak_live_rows = 0;   // rows held for open windows at the worst moment
  int64_t dropped_by_limits = 0;      // the sum of limit_drops' counts
  std::vector<LimitDrop> limit_drops;  // in the order first met
};

class Engine {
 public:
  using DetectionCallback = std::function<void(const Detection&)>;

  explicit Engine(std::vector<CompiledRule> rules, EngineOptions options = {});
  ~Engine();
  Engine(Engine&&) noexcept;
  Engine& operator=(Engine&&) noexcept;
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  // Where detections go. Without a callback they are collected and handed
  // out by TakeDetections().
  void OnDetection(DetectionCallback callback);

  // One UDM event as JSON text (an object; any spelling docs/events.md
  // accepts). InvalidArgument when it is not a JSON object or a time field
  // a rule reads (the event time always) cannot be read or lies outside
  // protobuf's range; the event is then counted in invalid_events (and
  // invalid_by_reason) and ignored. Feed reads only what the
  // rules need and stops reading an event as soon as every rule has
  // rejected it, so it does not validate the rest: input from EventSource
  // is validated whole; validate other untrusted input first.
  absl::Status Feed(std::string_view event_json);
  // The same for an event an EventSource handed out, parsed in place: the
  // other overload first copies the text into a padded buffer.
  absl::Status Feed(const RawEvent& event);

  // Closes every open window, emitting what they hold. Feed() after
  // Finish() starts a new run with the same rules.
  void Finish();

  // Detections collected when no callback is set, in emission order.
  std::vector<Detection> TakeDetections();

  const EngineStats& stats() const;

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

// Runs `rules` over `events` (JSON objects) and returns every detection: the
// batch form of Engine for tests and small inputs.
std::vector<Detection> RunRules(const std::vector<CompiledRule>& rules,
                                std::span<const std::string> events,
                                const EngineOptions& options = {});

}  // namespace yaral

#endif  // YARAL_ENGINE_H_

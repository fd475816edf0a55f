// Running one compiled rule over the event stream (spec §11 stages 1-6).
//
// For every event the engine has read, the runner builds each event
// variable's rows (event copies), binds placeholders and applies the
// variable's filters. A single-event rule (no match section) then judges
// the event at once: its surviving rows are one group, outcomes and the
// condition run, a detection may be emitted.
//
// A rule with a match section keeps surviving rows, ordered by event time,
// while some open window may still need them. Windows close when the
// watermark (latest event time minus the allowed lateness) passes their end;
// closing one joins the rows inside it into bindings, groups them by match
// key, computes outcomes and the condition per group and emits detections,
// at most one per distinct (key, set of events). Windows:
//   hop       length D starting at every multiple of D/10 since the epoch
//   tumbling  [kD, (k+1)D)
//   sliding   per pivot row: [t-D, t] (before) or [t, t+D] (after)
// Rows no open window can contain are dropped, so memory follows the live
// windows, not the input. Rows are held per match key (WindowStore) when
// every event variable binds every match placeholder: each key then has its
// own windows, closed when the watermark passes them, so the cost follows
// the events and keys, not live rows times windows. EngineOptions limits the
// rows per key, the keys per rule and the bindings of one key's window;
// what they drop is counted in EngineStats::limit_drops.
//
// Private to lib/engine. Not thread-safe (one per engine).
#ifndef YARAL_LIB_ENGINE_RULE_RUNNER_H_
#define YARAL_LIB_ENGINE_RULE_RUNNER_H_

#include <cstdint>
#include <functional>
#include <limits>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "compile/plan.h"
#include "engine/constant_test.h"
#include "engine/dispatch.h"
#include "engine/evaluator.h"
#include "engine/event_reader.h"
#include "engine/row.h"
#include "engine/row_builder.h"
#include "engine/window_store.h"
#include "yaral/engine.h"

namespace yaral::engine {

class RuleRunner {
 public:
  RuleRunner(const CompiledRule& rule, EventReader& reader, const EngineOptions& options,
             const functions::EvalContext& context, EngineStats& stats,
             std::function<void(Detection&&)> emit);

  // The event the reader holds, number `event` in the run. Returns false
  // when the event was too late for every window it could join.
  bool OnEvent(int64_t event, std::string_view json, UdmTimestamp time);

  // Whether the event the reader is reading is already rejected by every
  // variable, judged by the filters whose fields lie in the top-level
  // members read so far (a ReadGate's question). Filters tested here are
  // not tested again by OnEvent for the same event.
  bool RejectsEarly(uint64_t members_read);

  // Closes the windows that end at or before `watermark` (Unix seconds).
  void Advance(int64_t watermark);

  // Closes every window and forgets all state.
  void Finish();

  size_t live_rows() const { return store_.live_rows(); }
  bool windowed() const { return plan_.match.window != plan::WindowKind::kNone; }

  // For the engine's dispatch index (engine/dispatch.h): per variable that
  // takes UDM events, one field and the strings its early filters imply it
  // holds in every event the variable takes; nullopt when some variable has
  // no such field.
  std::optional<std::vector<DispatchTest>> DispatchTests() const;

 private:

  // The rows of a data-table variable: its table's rows that pass its
  // bindings and filters, computed once.
  void BuildTableRows(int variable);
  // Stage 1: the rows of `variable` from the current event.
  void BuildRows(int variable, int64_t event, UdmTimestamp time, std::string_view json,
                 std::vector<Row>& out);
  // Whether `variable` takes rows from records of kind `root`: its own kind,
  // and only the first variable of a single-event rule.
  bool TakesRecords(size_t variable, plan::Root root) const {
    return plan_.variables[variable].root == root && (windowed() || variable == 0);
  }
  // The same for the record the reader holds.
  bool ReadsCurrentEvent(size_t variable) const { return TakesRecords(variable, reader_.root()); }
  // Early filter `k` of `variable` on the current event; the result is
  // kept for the rest of the event.
  bool EarlyFilterPasses(int variable, size_t k);
  bool TestEarlyFilter(int variable, size_t k);
  bool ApplyBindings(const plan::Variable& v, Row& row, Binding& binding);
  bool PassesMatchZeroFilter(const Binding& binding) const;
  // "", 0, false, an empty list, or an enum's position-0 value (spec §6.5).
  static bool IsZeroValue(const plan::Placeholder& placeholder, const Value& value);
  void ExplainRejectedEvent(int variable, int64_t event, const Row& first_row);

  // Single-event rules.
  void JudgeEvent(std::vector<Row>& rows, UdmTimestamp time);

  // Windowed rules.
  void Keep(int variable, Row row);
  void CloseHopWindows(int64_t watermark);
  // Closes one window at a time, for the key whose next window ends first.
  // Keys of one window are finished together by FinishWindow: outputs in
  // the one-partition order, then their old rows evicted, the keys queued
  // for their next windows.
  void FinishWindow(int64_t floor);
  // The first hop window start of `state` that may still close, from its
  // earliest row's time and the windows closed before `floor`.
  int64_t NextHopStart(const KeyState& state, int64_t earliest, int64_t floor) const;
  void CloseSlidingWindows(int64_t watermark);
  void EvaluateWindow(KeyState& state, int64_t start, int64_t end, bool end_inclusive, const Row* pivot);
  void Join(size_t depth, Binding& binding, const std::vector<std::vector<const Row*>>& candidates,
            std::vector<Binding>& out);
  bool Consistent(const Binding& binding, const Row& row) const;
  bool Coincident(const Binding& binding, int variable, const Row& row) const;
  bool IsTable(size_t variable) const { return plan_.variables[variable].root == plan::Root::kTable; }
  void JudgeGroup(KeyState& state, Group& group, const std::string& key_text, int64_t start, int64_t end);
  // Drops the rows of `state` no window from `before` on can hold.
  void Evict(KeyState& state, int64_t before);
  int64_t EarliestRowTime(const KeyState& state) const;
  // When Evict next has something to forget in `state`.
  int64_t EarliestExpiry(const KeyState& state) const;
  // Evicts, for every key queued to expire before `before`, what no window
  // from `before` on can hold; erases keys left empty.
  void EvictExpired(int64_t before);
  // A hop window's group: where Join met its first binding.
  std::vector<std::pair<UdmTimestamp, int64_t>> FirstBindingOrder(const Group& group) const;
  // Counts what a limit of EngineOptions dropped (EngineStats::limit_drops).
  void RecordDrop(const char* limit, const Binding& binding);

  void Emit(const Group& group, UdmTimestamp start, UdmTimestamp end);
  std::string KeyText(const Binding& binding) const;
  // A keyed rule's row: the text of its partition, the same for any two
  // rows whose match values are equal (Value ==, which equates 1 and 1.0,
  // or "" and an unset value), so rows that may join share a partition.
  std::string PartitionText(const Row& row) const;
  // For explanations: the values a predicate read, and the counts and
  // outcomes a condition saw.
  std::string Describe(const plan::Predicate& predicate, const Binding& binding);
  std::string ConditionValues(const Group& group);
  void Explain(std::string message);

  const plan::Plan& plan_;
  const EngineOptions& options_;
  EngineStats& stats_;
  std::function<void(Detection&&)> emit_;
  Evaluator evaluator_;
  EventReader& reader_;
  std::vector<std::unique_ptr<RowBuilder>> builders_;  // null for table variables
  Row scratch_;                // the event copy being filtered
  // Per variable: the filters that read only copy-invariant slots, checked
  // once per event before copies are built (most events fail one), and the
  // rest, checked per copy; and the row those early filters read.
  std::vector<std::vector<int>> early_filters_;
  std::vector<std::vector<std::vector<int>>> early_filter_slots_;  // slots each reads
  std::vector<std::vector<uint64_t>> early_filter_members_;  // top-level members each reads
  std::vector<std::vector<uint8_t>> early_filter_costly_;    // regex, function, list...
  // Early filters that are ConstantTests (constant_test.h): tested against
  // the reader's value directly, without filling the row or walking the plan.
  std::vector<std::vector<ConstantTest>> early_constant_tests_;
  // Per early filter: the reader's read_count() when last tested, and
  // whether it passed then.
  std::vector<std::vector<uint64_t>> early_tested_at_;
  std::vector<std::vector<uint8_t>> early_passed_;
  std::vector<std::vector<int>> copy_filters_;
  std::vector<Row> invariant_rows_;
  Binding scratch_binding_;    // scratch_ as its variable's binding
  std::string reject_reason_;  // why the first copy was rejected (explain)
  bool constants_hold_ = true;

  // Join order: required variables first, optional (may be absent) last;
  // join predicates are checked at the depth where their last variable is
  // bound.
  std::vector<int> join_order_;
  std::vector<std::vector<int>> joins_at_depth_;

  // Every event variable binds every match placeholder: rows are grouped
  // by match key as they are kept (see WindowStore).
  bool keyed_ = false;
  WindowStore store_;
  std::vector<std::vector<std::unique_ptr<Row>>> table_rows_;  // per table variable
  std::vector<int> window_variables_;  // whose row times place the windows
  // Hop/tumbling, over all keys: windows before this are closed (once
  // closed_any_), so older events are late.
  int64_t next_window_start_;
  bool closed_any_ = false;
  // Hop/tumbling: the outputs and keys of the window being closed (see
  // FinishWindow), and its end.
  struct WindowOutput {
    std::vector<std::pair<UdmTimestamp, int64_t>> order;
    Group group;  // emit == true
    bool emit = false;
    std::string explanation;  // emit == false
  };
  std::vector<WindowOutput> window_outputs_;
  std::vector<KeyState*> window_keys_;
  int64_t window_end_ = std::numeric_limits<int64_t>::min();
  // Sliding windows: pivot rows not yet evaluated, by (time, event).
  std::multimap<std::pair<int64_t, int64_t>, std::pair<const Row*, KeyState*>> pending_pivots_;
  int64_t sliding_horizon_;                // sliding: rows before this are gone
  // Groups whose condition was false are not judged again for the same
  // events when that can only change with their events (ReadsOnlyEvents).
  bool remember_quiet_groups_ = false;
  std::unordered_map<std::string, int64_t> suppressed_until_;
};

}  // namespace yaral::engine

#endif  // YARAL_LIB_ENGINE_RULE_RUNNER_H_

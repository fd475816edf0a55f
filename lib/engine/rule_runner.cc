#include "engine/rule_runner.h"

#include <simdjson.h>

#include <algorithm>
#include <limits>
#include <set>

#include "absl/functional/function_ref.h"
#include "compile/plan_access.h"

namespace yaral::engine {
namespace {

// Event copies of one event and variable beyond this are a runaway cross
// product of repeated fields; the rest are dropped and counted.
constexpr size_t kMaxRowsPerEvent = 10000;

int64_t FloorDiv(int64_t a, int64_t b) {
  int64_t q = a / b;
  if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
  return q;
}

std::shared_ptr<const std::string> Minified(std::string_view json) {
  auto out = std::make_shared<std::string>(json.size(), '\0');
  size_t length = 0;
  if (simdjson::minify(json.data(), json.size(), out->data(), length) != simdjson::SUCCESS) {
    *out = std::string(json);
    return out;
  }
  out->resize(length);
  return out;
}

uint64_t Mix(uint64_t h, uint64_t x) {
  h ^= x + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
  return h;
}

// Whether some node of the expression `ref` satisfies `test`.
bool AnyNode(const plan::Plan& plan, plan::NodeRef ref, absl::FunctionRef<bool(const plan::Node&)> test) {
  if (ref < 0) return false;
  const plan::Node& node = plan.nodes[ref];
  if (test(node)) return true;
  for (plan::NodeRef arg : node.args) {
    if (AnyNode(plan, arg, test)) return true;
  }
  return false;
}

void CollectSlotNodes(const plan::Plan& plan, plan::NodeRef ref, std::vector<plan::NodeRef>& out) {
  if (ref < 0) return;
  const plan::Node& node = plan.nodes[ref];
  if (node.op == plan::Op::kSlot || node.op == plan::Op::kPlaceholder) out.push_back(ref);
  for (plan::NodeRef arg : node.args) CollectSlotNodes(plan, arg, out);
}

// Regexes, functions and list or table look-ups cost far more than a
// comparison of a field with a constant.
bool IsCostly(const plan::Plan& plan, plan::NodeRef ref) {
  return AnyNode(plan, ref, [](const plan::Node& node) {
    switch (node.op) {
      case plan::Op::kRegexMatch:
      case plan::Op::kCall:
      case plan::Op::kInList:
      case plan::Op::kInColumn:
      case plan::Op::kQuantified:
        return true;
      default:
        return false;
    }
  });
}

// Whether a group's outcome or condition depends only on its events: not on
// the window's bounds, the run's clock (functions) or a metrics back end.
bool ReadsOnlyEvents(const plan::Plan& plan, plan::NodeRef ref) {
  return !AnyNode(plan, ref, [](const plan::Node& node) {
    return node.op == plan::Op::kWindowStart || node.op == plan::Op::kWindowEnd ||
           node.op == plan::Op::kCall ||
           (node.op == plan::Op::kAggregate && node.aggregate == plan::Aggregate::kMetrics);
  });
}

}  // namespace

RuleRunner::RuleRunner(const CompiledRule& rule, EventReader& reader, const EngineOptions& options,
                       const functions::EvalContext& context, EngineStats& stats,
                       std::function<void(Detection&&)> emit)
    : plan_(internal::PlanAccess::Of(rule)),
      options_(options),
      stats_(stats),
      emit_(std::move(emit)),
      evaluator_(plan_, context, stats.runtime_errors_by_message, stats.runtime_errors),
      reader_(reader),
      store_(plan_.variables.size()),
      next_window_start_(std::numeric_limits<int64_t>::min()),
      sliding_horizon_(std::numeric_limits<int64_t>::min()) {
  for (size_t v = 0; v < plan_.variables.size(); ++v) {
    builders_.push_back(IsTable(v) ? nullptr
                                   : std::make_unique<RowBuilder>(plan_, static_cast<int>(v), reader));
  }
  Binding none(plan_.variables.size(), nullptr);
  for (const plan::Predicate& p : plan_.constants) {
    if (!evaluator_.Test(p.node, none)) constants_hold_ = false;
  }
  for (size_t v = 0; v < plan_.variables.size(); ++v) {
    if (!plan_.variables[v].optional) join_order_.push_back(static_cast<int>(v));
  }
  for (size_t v = 0; v < plan_.variables.size(); ++v) {
    if (plan_.variables[v].optional) join_order_.push_back(static_cast<int>(v));
  }
  joins_at_depth_.resize(join_order_.size());
  for (size_t j = 0; j < plan_.joins.size(); ++j) {
    size_t depth = 0;
    for (int v : plan_.joins[j].variables) {
      auto it = std::find(join_order_.begin(), join_order_.end(), v);
      depth = std::max(depth, static_cast<size_t>(it - join_order_.begin()));
    }
    if (depth < joins_at_depth_.size()) joins_at_depth_[depth].push_back(static_cast<int>(j));
  }
  table_rows_.resize(plan_.variables.size());
  keyed_ = options_.windows_per_key && plan_.match.window != plan::WindowKind::kNone;
  for (size_t v = 0; v < plan_.variables.size() && keyed_; ++v) {
    if (IsTable(v)) continue;
    for (int ph : plan_.match.keys) {
      const std::vector<plan::Binding>& bindings = plan_.variables[v].bindings;
      keyed_ = keyed_ && std::any_of(bindings.begin(), bindings.end(),
                                     [&](const plan::Binding& b) { return b.placeholder == ph; });
    }
  }
  remember_quiet_groups_ = !options_.explain && ReadsOnlyEvents(plan_, plan_.condition.node);
  for (const plan::Outcome& o : plan_.outcomes) {
    remember_quiet_groups_ = remember_quiet_groups_ && ReadsOnlyEvents(plan_, o.node);
  }
  scratch_.placeholders.resize(plan_.placeholders.size());
  scratch_.defined.resize(plan_.placeholders.size());
  scratch_binding_.resize(plan_.variables.size());
  for (size_t v = 0; v < plan_.variables.size(); ++v) {
    if (IsTable(v)) BuildTableRows(static_cast<int>(v));
  }
  // Events place the windows; entity records are valid over intervals and
  // join whatever window their events fall in (unless a rule has no event
  // variable), and table rows have no time.
  bool any_event = false;
  for (const plan::Variable& v : plan_.variables) {
    any_event = any_event || v.root == plan::Root::kUdm || v.root == plan::Root::kDetection;
  }
  for (size_t v = 0; v < plan_.variables.size(); ++v) {
    if (IsTable(v) || (any_event && plan_.variables[v].root == plan::Root::kGraph)) continue;
    window_variables_.push_back(static_cast<int>(v));
  }
  early_filters_.resize(plan_.variables.size());
  early_filter_slots_.resize(plan_.variables.size());
  early_filter_members_.resize(plan_.variables.size());
  early_filter_costly_.resize(plan_.variables.size());
  early_constant_tests_.resize(plan_.variables.size());
  copy_filters_.resize(plan_.variables.size());
  invariant_rows_.resize(plan_.variables.size());
  for (size_t v = 0; v < plan_.variables.size(); ++v) {
    invariant_rows_[v].slots.resize(plan_.variables[v].slots.size());
    const std::vector<plan::Predicate>& filters = plan_.variables[v].filters;
    for (size_t f = 0; f < filters.size(); ++f) {
      std::vector<plan::NodeRef> leaves;
      CollectSlotNodes(plan_, filters[f].node, leaves);
      bool early = builders_[v] != nullptr;
      for (plan::NodeRef ref : leaves) {
        const plan::Node& node = plan_.nodes[ref];
        early = early && node.op == plan::Op::kSlot && node.a == static_cast<int>(v) &&
                builders_[v]->CopyInvariant(static_cast<size_t>(node.b));
      }
      (early ? early_filters_ : copy_filters_)[v].push_back(static_cast<int>(f));
      if (early) {
        std::vector<int> slots;
        uint64_t members = 0;
        for (plan::NodeRef ref : leaves) {
          const int slot = plan_.nodes[ref].b;
          slots.push_back(slot);
          members |= reader.trie(plan_.variables[v].root)
                         .MemberBit(builders_[v]->MemberNode(static_cast<size_t>(slot)));
        }
        std::sort(slots.begin(), slots.end());
        slots.erase(std::unique(slots.begin(), slots.end()), slots.end());
        early_filter_slots_[v].push_back(std::move(slots));
        early_filter_members_[v].push_back(members);
        early_filter_costly_[v].push_back(IsCostly(plan_, filters[f].node) ? 1 : 0);
        early_constant_tests_[v].push_back(ConstantTestOf(
            plan_, filters[f].node, static_cast<int>(v),
            [&](int slot) { return builders_[v]->Flat(static_cast<size_t>(slot)); }));
      }
    }
    // read_count() starts at 1 on the first event: 0 is "never tested".
    early_tested_at_.emplace_back(early_filters_[v].size(), 0);
    early_passed_.emplace_back(early_filters_[v].size(), 0);
  }
}

// ------------------------------------------------------------------ stage 1

bool RuleRunner::ApplyBindings(const plan::Variable& v, Row& row, Binding& binding) {
  for (const plan::Binding& b : v.bindings) {
    Value scratch;
    const Value& value = evaluator_.EvalRef(b.value, binding, scratch);
    if (row.defined[b.placeholder]) {
      // Assigned twice on one variable: both must agree (a filter).
      if (!(row.placeholders[b.placeholder] == value)) {
        if (options_.explain) {
          reject_reason_ = "`" + b.text + "` gives " + value.DebugString() + " but $" +
                           plan_.placeholders[b.placeholder].name + " is already " +
                           row.placeholders[b.placeholder].DebugString();
        }
        return false;
      }
      continue;
    }
    row.placeholders[b.placeholder] = value;
    row.defined[b.placeholder] = 1;
  }
  return true;
}

bool RuleRunner::IsZeroValue(const plan::Placeholder& p, const Value& v) {
  if (v.IsZero()) return true;
  return p.enum_type != nullptr && p.enum_type->values_known() && v.is_string() &&
         v.string() == p.enum_type->values[0].name;
}

bool RuleRunner::PassesMatchZeroFilter(const Binding& binding) const {
  if (plan_.allow_zero_values) return true;
  for (int ph : plan_.match.keys) {
    const plan::Placeholder& p = plan_.placeholders[ph];
    if (!p.from_field) continue;
    if (IsZeroValue(p, Evaluator::PlaceholderValue(plan_, binding, ph))) return false;
  }
  return true;
}

std::string RuleRunner::Describe(const plan::Predicate& predicate, const Binding& binding) {
  std::vector<plan::NodeRef> leaves;
  CollectSlotNodes(plan_, predicate.node, leaves);
  std::string out;
  std::set<std::string> seen;
  for (plan::NodeRef ref : leaves) {
    const plan::Node& node = plan_.nodes[ref];
    std::string name;
    Value scratch;
    if (node.op == plan::Op::kSlot) {
      const plan::Variable& v = plan_.variables[node.a];
      name = "$" + v.name + "." + plan_.fields[v.slots[node.b].field].text;
    } else {
      name = "$" + plan_.placeholders[node.a].name;
    }
    if (!seen.insert(name).second) continue;
    const Value& value = evaluator_.EvalRef(ref, binding, scratch);
    out += (out.empty() ? "" : ", ") + name + " = " + value.DebugString();
  }
  return out;
}

std::optional<std::vector<DispatchTest>> RuleRunner::DispatchTests() const {
  std::vector<DispatchTest> tests;
  if (!constants_hold_) return tests;  // takes no event at all
  for (size_t v = 0; v < plan_.variables.size(); ++v) {
    const plan::Variable& variable = plan_.variables[v];
    if (!TakesRecords(v, plan::Root::kUdm)) continue;
    // Of what the early filters imply, the slot with the fewest values.
    std::optional<std::pair<int, std::vector<std::string>>> best;
    const auto flat = [&](int slot) { return builders_[v]->Flat(static_cast<size_t>(slot)); };
    for (int f : early_filters_[v]) {
      for (auto& [slot, values] : ImpliedStrings(plan_, variable.filters[f].node, static_cast<int>(v), flat)) {
        if (!best || values.size() < best->second.size()) best.emplace(slot, std::move(values));
      }
    }
    if (!best) return std::nullopt;
    DispatchTest test;
    test.field = plan_.fields[variable.slots[static_cast<size_t>(best->first)].field].text;
    test.values = std::move(best->second);
    test.builder = builders_[v].get();
    test.slot = static_cast<size_t>(best->first);
    test.member_bit = reader_.trie(variable.root).MemberBit(builders_[v]->MemberNode(test.slot));
    tests.push_back(std::move(test));
  }
  return tests;
}

bool RuleRunner::EarlyFilterPasses(int variable, size_t k) {
  const uint64_t now = reader_.read_count();
  if (early_tested_at_[variable][k] != now) {
    early_tested_at_[variable][k] = now;
    early_passed_[variable][k] = TestEarlyFilter(variable, k) ? 1 : 0;
  }
  return early_passed_[variable][k] != 0;
}

bool RuleRunner::TestEarlyFilter(int variable, size_t k) {
  // Explanations print the values a filter read from the row: fill it then.
  const ConstantTest& test = early_constant_tests_[variable][k];
  if (test.slot >= 0 && !options_.explain) {
    const Value& value = builders_[variable]->FlatValue(static_cast<size_t>(test.slot));
    bool hit = false;
    if (test.constant->is_list()) {
      const Value::ListType& list = test.constant->list();
      hit = std::find(list.begin(), list.end(), value) != list.end();
    } else {
      hit = value == *test.constant;
    }
    return hit != test.negate;
  }
  // Each filter's fields are converted just before it is tested: most
  // events fail the first, so the others' fields are never converted.
  Row& invariant = invariant_rows_[variable];
  for (int slot : early_filter_slots_[variable][k]) {
    builders_[variable]->FillInvariantSlot(static_cast<size_t>(slot), invariant.slots[slot]);
  }
  Binding& binding = scratch_binding_;
  std::fill(binding.begin(), binding.end(), nullptr);
  binding[variable] = &invariant;
  return evaluator_.Test(plan_.variables[variable].filters[early_filters_[variable][k]].node, binding);
}

bool RuleRunner::RejectsEarly(uint64_t members_read) {
  if (!constants_hold_) return true;
  for (size_t v = 0; v < plan_.variables.size(); ++v) {
    if (!ReadsCurrentEvent(v)) continue;
    // Cheap filters first, as soon as their members are read; costly ones
    // only once every cheap one has passed: a regex on the process path
    // need not run for the many events a port comparison rejects.
    bool rejected = false;
    bool cheap_passed = true;
    for (size_t k = 0; k < early_filters_[v].size() && !rejected; ++k) {
      if (early_filter_costly_[v][k]) continue;
      if ((early_filter_members_[v][k] & ~members_read) != 0) {  // not all read yet
        cheap_passed = false;
        continue;
      }
      rejected = !EarlyFilterPasses(static_cast<int>(v), k);
    }
    for (size_t k = 0; k < early_filters_[v].size() && !rejected && cheap_passed; ++k) {
      if (!early_filter_costly_[v][k] || (early_filter_members_[v][k] & ~members_read) != 0) continue;
      rejected = !EarlyFilterPasses(static_cast<int>(v), k);
    }
    if (!rejected) return false;
  }
  return true;
}

void RuleRunner::BuildRows(int variable, int64_t event, UdmTimestamp time, std::string_view json,
                           std::vector<Row>& out) {
  const plan::Variable& v = plan_.variables[variable];
  Binding& binding = scratch_binding_;
  std::fill(binding.begin(), binding.end(), nullptr);
  reject_reason_.clear();
  if (!early_filters_[variable].empty()) {
    // Most events fail one of these (often already while the reader was
    // walking them, see RejectsEarly), so their copies are never built.
    binding[variable] = &invariant_rows_[variable];
    for (size_t k = 0; k < early_filters_[variable].size(); ++k) {
      if (EarlyFilterPasses(variable, k)) continue;
      const int f = early_filters_[variable][k];
      if (options_.explain) {
        std::string values = Describe(v.filters[f], binding);
        Explain("event #" + std::to_string(event) + ": $" + v.name + " rejects it: `" + v.filters[f].text +
                "` is false" + (values.empty() ? "" : " (" + values + ")"));
      }
      return;
    }
  }
  binding[variable] = &scratch_;
  bool first = true;
  std::shared_ptr<const std::string> minified;
  const bool complete = builders_[variable]->ForEachRow(
      [&](std::vector<Value>& slots) {
        scratch_.slots.swap(slots);
        std::fill(scratch_.defined.begin(), scratch_.defined.end(), 0);
        bool keep = ApplyBindings(v, scratch_, binding);
        if (keep) {
          for (int index : copy_filters_[variable]) {
            const plan::Predicate& f = v.filters[index];
            if (!evaluator_.Test(f.node, binding)) {
              if (options_.explain && first) {
                std::string values = Describe(f, binding);
                reject_reason_ = "`" + f.text + "` is false" +
                                 (values.empty() ? "" : " (" + values + ")");
              }
              keep = false;
              break;
            }
          }
        }
        if (keep && !plan_.allow_zero_values) {
          for (int ph : plan_.match.keys) {
            const plan::Placeholder& p = plan_.placeholders[ph];
            if (p.from_field && scratch_.defined[ph] && IsZeroValue(p, scratch_.placeholders[ph])) {
              if (options_.explain && first) {
                reject_reason_ = "match variable $" + p.name +
                                 " is the zero value, which match variables skip "
                                 "(options: allow_zero_values = true keeps it)";
              }
              keep = false;
              break;
            }
          }
        }
        first = false;
        if (keep) {
          if (!minified) minified = Minified(json);
          Row row;
          row.event = event;
          row.time = time;
          row.valid_until = v.root == plan::Root::kGraph ? reader_.valid_until() : time.seconds;
          row.slots = scratch_.slots;
          row.placeholders = scratch_.placeholders;
          row.defined = scratch_.defined;
          row.json = minified;
          out.push_back(std::move(row));
        }
        scratch_.slots.swap(slots);
        return true;
      },
      kMaxRowsPerEvent);
  if (!complete) {
    evaluator_.RecordError("more than " + std::to_string(kMaxRowsPerEvent) +
                           " event copies from repeated fields: the rest were skipped");
  }
  if (options_.explain && out.empty() && !reject_reason_.empty()) {
    Explain("event #" + std::to_string(event) + ": $" + v.name + " rejects it: " + reject_reason_);
  }
}

void RuleRunner::BuildTableRows(int variable) {
  const plan::Variable& v = plan_.variables[variable];
  const DataTable& table = *v.table;
  Binding binding(plan_.variables.size(), nullptr);
  binding[variable] = &scratch_;
  scratch_.slots.resize(v.slots.size());
  for (size_t r = 0; r < table.rows().size(); ++r) {
    for (size_t s = 0; s < v.slots.size(); ++s) {
      const size_t column = static_cast<size_t>(v.slots[s].field);
      Value& cell = scratch_.slots[s];
      switch (table.columns()[column].type) {
        case ColumnType::kInt: cell = Value::Int(table.IntCell(r, column).value_or(0)); break;
        case ColumnType::kFloat: cell = Value::Float(table.FloatCell(r, column).value_or(0)); break;
        default: cell = Value::String(table.rows()[r][column]); break;
      }
    }
    std::fill(scratch_.defined.begin(), scratch_.defined.end(), 0);
    bool keep = ApplyBindings(v, scratch_, binding);
    for (const plan::Predicate& f : v.filters) keep = keep && evaluator_.Test(f.node, binding);
    if (!keep) continue;
    auto row = std::make_unique<Row>(scratch_);
    // Table rows are no events: negative identities keep them apart.
    row->event = -static_cast<int64_t>(r) - 1;
    row->valid_until = std::numeric_limits<int64_t>::max();
    table_rows_[variable].push_back(std::move(row));
  }
}

bool RuleRunner::OnEvent(int64_t event, std::string_view json, UdmTimestamp time) {
  if (!constants_hold_) return true;
  bool late = false;
  bool any = false;
  for (size_t v = 0; v < plan_.variables.size(); ++v) {
    if (!ReadsCurrentEvent(v)) continue;
    std::vector<Row> rows;
    BuildRows(static_cast<int>(v), event, time, json, rows);
    if (rows.empty()) continue;
    stats_.rows_kept += static_cast<int64_t>(rows.size());
    if (plan_.match.window == plan::WindowKind::kNone) {
      JudgeEvent(rows, time);
      continue;
    }
    any = true;
    // An entity record stays usable until its validity interval ends.
    const int64_t last_use = plan_.variables[v].root == plan::Root::kGraph ? rows.front().valid_until
                                                                           : time.seconds;
    const bool too_late =
        (closed_any_ && last_use < next_window_start_) || last_use < sliding_horizon_;
    if (too_late) {
      late = true;
      if (options_.explain) {
        Explain("event #" + std::to_string(event) + ": $" + plan_.variables[v].name +
                " arrived after every window it could join had closed (allowed lateness " +
                std::to_string(options_.allowed_lateness_seconds) + "s)");
      }
      continue;
    }
    for (Row& row : rows) Keep(static_cast<int>(v), std::move(row));
  }
  return !(late && any);
}

// ------------------------------------------------------------------ single-event rules

void RuleRunner::JudgeEvent(std::vector<Row>& rows, UdmTimestamp time) {
  Group group;
  group.key.resize(plan_.placeholders.size());
  for (const Row& row : rows) {
    Binding b(plan_.variables.size(), nullptr);
    b[0] = &row;
    group.bindings.push_back(std::move(b));
  }
  group.window_start = group.window_end = time.seconds;
  for (const plan::Outcome& o : plan_.outcomes) group.outcomes.push_back(evaluator_.EvalGroup(o.node, group));
  if (!evaluator_.TestGroup(plan_.condition.node, group)) {
    if (options_.explain) {
      Explain("event #" + std::to_string(rows.front().event) + ": condition `" +
              plan_.condition.text + "` is false" + ConditionValues(group));
    }
    return;
  }
  Emit(group, time, time);
}

// ------------------------------------------------------------------ windowed rules

void RuleRunner::Keep(int variable, Row row) {
  // A keyed rule's row carries its whole match key; an unkeyed rule's
  // groups are only known once its rows are joined.
  Binding own(plan_.variables.size(), nullptr);
  own[variable] = &row;
  KeyState* state = keyed_ ? store_.Find(PartitionText(row), options_.max_keys_per_rule)
                           : store_.Find(std::string(), std::numeric_limits<size_t>::max());
  if (state == nullptr) {
    RecordDrop("max_keys_per_rule", own);
    return;
  }
  if (state->live_rows >= options_.max_rows_per_key) {
    RecordDrop("max_rows_per_key", own);
    return;
  }
  if (keyed_ && !state->mixed_keys) {
    // Usually every row of a partition has the same group key: then it is
    // computed here once per row, not once per binding of every window.
    std::string exact = KeyText(own);
    if (state->live_rows == 0) {
      state->group_key = std::move(exact);
    } else if (exact != state->group_key) {
      state->mixed_keys = true;
    }
  }
  const Row* kept = store_.Keep(*state, variable, std::move(row));
  const bool is_entity = plan_.variables[variable].root == plan::Root::kGraph;
  store_.ScheduleExpiry(*state, is_entity ? kept->valid_until : kept->time.seconds);
  switch (plan_.match.window) {
    case plan::WindowKind::kHop:
    case plan::WindowKind::kTumbling:
      if (std::find(window_variables_.begin(), window_variables_.end(), variable) != window_variables_.end()) {
        const int64_t floor = closed_any_ ? next_window_start_ : std::numeric_limits<int64_t>::min();
        store_.ScheduleClose(*state, NextHopStart(*state, kept->time.seconds, floor) + plan_.match.window_seconds);
      }
      break;
    case plan::WindowKind::kSlidingAfter:
    case plan::WindowKind::kSlidingBefore:
      if (variable == plan_.match.pivot) {
        ++state->pending_pivots;
        pending_pivots_.emplace(std::make_pair(kept->time.seconds, kept->event), std::make_pair(kept, state));
      }
      break;
    case plan::WindowKind::kNone:
      break;
  }
}

void RuleRunner::RecordDrop(const char* limit, const Binding& binding) {
  // A key named by its values, as --explain names a group's.
  std::string key;
  for (int ph : plan_.match.keys) {
    key += (key.empty() ? "" : ", ") + plan_.placeholders[ph].name + ": " +
           Evaluator::PlaceholderValue(plan_, binding, ph).DebugString();
  }
  ++stats_.dropped_by_limits;
  auto drop = std::find_if(stats_.limit_drops.begin(), stats_.limit_drops.end(), [&](const LimitDrop& d) {
    return d.rule == plan_.rule_name && d.limit == limit;
  });
  if (drop == stats_.limit_drops.end()) {
    LimitDrop first;
    first.rule = plan_.rule_name;
    first.limit = limit;
    stats_.limit_drops.push_back(std::move(first));
    drop = std::prev(stats_.limit_drops.end());
  }
  ++drop->count;
  auto named = drop->keys.find(key);
  if (named != drop->keys.end()) {
    ++named->second;
  } else if (drop->keys.size() < LimitDrop::kMaxKeys) {
    drop->keys.emplace(key, 1);
  } else {
    ++drop->other_keys;
  }
}

int64_t RuleRunner::EarliestRowTime(const KeyState& state) const {
  int64_t earliest = std::numeric_limits<int64_t>::max();
  for (int v : window_variables_) {
    if (!state.rows[v].empty()) earliest = std::min(earliest, state.rows[v].front()->time.seconds);
  }
  return earliest;
}

int64_t RuleRunner::EarliestExpiry(const KeyState& state) const {
  // Evict(before) forgets event rows older than `before`, entity records
  // whose validity ended before it and judged sets of windows ending at or
  // before it: the key needs a visit once `before` passes the first of these.
  int64_t earliest = std::numeric_limits<int64_t>::max();
  for (size_t v = 0; v < state.rows.size(); ++v) {
    const auto& rows = state.rows[v];
    if (rows.empty()) continue;
    if (plan_.variables[v].root == plan::Root::kGraph) {
      for (const auto& r : rows) earliest = std::min(earliest, r->valid_until);
    } else {
      earliest = std::min(earliest, rows.front()->time.seconds);
    }
  }
  for (const auto* sets : {&state.emitted, &state.explained, &state.quiet}) {
    for (const auto& [key, set] : *sets) earliest = std::min(earliest, set.window_end - 1);
  }
  return earliest;
}

void RuleRunner::Evict(KeyState& state, int64_t before) {
  for (size_t v = 0; v < state.rows.size(); ++v) {
    auto& rows = state.rows[v];
    const size_t size = rows.size();
    if (plan_.variables[v].root == plan::Root::kGraph) {
      std::erase_if(rows, [&](const auto& r) { return r->valid_until < before; });
    } else {
      auto kept = std::find_if(rows.begin(), rows.end(), [&](const auto& r) { return r->time.seconds >= before; });
      rows.erase(rows.begin(), kept);
    }
    store_.Forgot(state, size - rows.size());
  }
  for (auto* sets : {&state.emitted, &state.explained, &state.quiet}) {
    for (auto it = sets->begin(); it != sets->end();) {
      it = it->second.window_end <= before ? sets->erase(it) : std::next(it);
    }
  }
}

void RuleRunner::EvictExpired(int64_t before) {
  while (KeyState* state = store_.PopExpiry(before - 1)) {
    Evict(*state, before);
    const int64_t expiry = EarliestExpiry(*state);
    if (expiry != std::numeric_limits<int64_t>::max()) store_.ScheduleExpiry(*state, expiry);
    store_.EraseIfEmpty(*state);
  }
}

void RuleRunner::Advance(int64_t watermark) {
  switch (plan_.match.window) {
    case plan::WindowKind::kHop:
    case plan::WindowKind::kTumbling:
      CloseHopWindows(watermark);
      break;
    case plan::WindowKind::kSlidingBefore:
    case plan::WindowKind::kSlidingAfter:
      CloseSlidingWindows(watermark);
      break;
    case plan::WindowKind::kNone:
      break;
  }
}

int64_t RuleRunner::NextHopStart(const KeyState& state, int64_t earliest, int64_t floor) const {
  // The smallest aligned start s with s + D > t is the first window holding
  // the earliest row; none before the key's or the rule's closed windows.
  const int64_t length = plan_.match.window_seconds;
  const int64_t hop = plan_.match.hop_seconds;
  return std::max({FloorDiv(earliest - length, hop) * hop + hop, state.next_window_start, floor});
}

void RuleRunner::CloseHopWindows(int64_t watermark) {
  // Every key closes the windows up to the watermark from where the rule's
  // clock stood before this call, whatever other keys close meanwhile: the
  // windows the one-partition loop closed in this call, restricted to the
  // key. Keys come off the agenda one window at a time, by window end, so
  // windows are closed in the same order as there.
  const int64_t floor = closed_any_ ? next_window_start_ : std::numeric_limits<int64_t>::min();
  const int64_t length = plan_.match.window_seconds;
  const int64_t hop = plan_.match.hop_seconds;
  int64_t due = 0;
  for (;;) {
    KeyState* state = store_.PopClose(watermark, &due);
    if (state == nullptr) {
      if (window_keys_.empty()) break;
      FinishWindow(floor);  // queues its keys again: some may be due
      continue;
    }
    const int64_t earliest = EarliestRowTime(*state);
    // Only entity records are left: no window can fire before an event;
    // they wait on the expiry agenda.
    if (earliest == std::numeric_limits<int64_t>::max()) continue;
    const int64_t end = NextHopStart(*state, earliest, floor) + length;
    // Queued too early (rows left since), or the first key of a later
    // window while keys of the current one still wait to be finished and
    // queued again: back on the agenda, in its place.
    if (end != due || (end != window_end_ && !window_keys_.empty())) {
      if (end == due) FinishWindow(floor);
      store_.ScheduleClose(*state, end);
      continue;
    }
    window_end_ = end;
    EvaluateWindow(*state, end - length, end, /*end_inclusive=*/false, nullptr);
    state->next_window_start = end - length + hop;
    next_window_start_ = closed_any_ ? std::max(next_window_start_, state->next_window_start)
                                     : state->next_window_start;
    closed_any_ = true;
    window_keys_.push_back(state);
  }
  // Every key still queued waits for a window starting at or after the
  // rule's clock now: what lies before it is of no use to any key.
  if (closed_any_) EvictExpired(next_window_start_);
}

void RuleRunner::FinishWindow(int64_t floor) {
  // In the order the one-partition join meets the groups: by the rows of
  // their first binding, in join order. Their rows are evicted only now.
  std::stable_sort(window_outputs_.begin(), window_outputs_.end(),
                   [](const WindowOutput& a, const WindowOutput& b) { return a.order < b.order; });
  for (WindowOutput& out : window_outputs_) {
    if (out.emit) {
      Emit(out.group, {out.group.window_start, 0}, {out.group.window_end, 0});
    } else {
      Explain(std::move(out.explanation));
    }
  }
  window_outputs_.clear();
  for (KeyState* state : window_keys_) {
    Evict(*state, state->next_window_start);
    const int64_t next = EarliestRowTime(*state);
    if (next != std::numeric_limits<int64_t>::max()) {
      store_.ScheduleClose(*state, NextHopStart(*state, next, floor) + plan_.match.window_seconds);
    } else {
      store_.EraseIfEmpty(*state);  // else its entity records wait on the expiry agenda
    }
  }
  window_keys_.clear();
}

void RuleRunner::CloseSlidingWindows(int64_t watermark) {
  const int64_t length = plan_.match.window_seconds;
  const bool before = plan_.match.window == plan::WindowKind::kSlidingBefore;
  while (!pending_pivots_.empty()) {
    auto it = pending_pivots_.begin();
    const int64_t t = it->first.first;
    const int64_t end = before ? t : t + length;
    if (end > watermark) break;
    auto [pivot, state] = it->second;
    pending_pivots_.erase(it);
    EvaluateWindow(*state, before ? t - length : t, end, /*end_inclusive=*/true, pivot);
    --state->pending_pivots;
  }
  // Rows older than every window still to come are not needed: pending
  // pivots and pivots yet to arrive start no earlier than this.
  int64_t low = watermark;
  if (!pending_pivots_.empty()) low = std::min(low, pending_pivots_.begin()->first.first);
  if (low == std::numeric_limits<int64_t>::max()) return;  // Finish(): the store is cleared
  const int64_t horizon = before ? low - length : low;
  if (horizon <= sliding_horizon_) return;
  sliding_horizon_ = horizon;
  EvictExpired(horizon);
}

bool RuleRunner::Consistent(const Binding& binding, const Row& row) const {
  for (size_t ph = 0; ph < row.defined.size(); ++ph) {
    if (!row.defined[ph]) continue;
    for (const Row* other : binding) {
      if (other != nullptr && other->defined[ph] && !(other->placeholders[ph] == row.placeholders[ph])) {
        return false;
      }
    }
  }
  return true;
}

void RuleRunner::Join(size_t depth, Binding& binding,
                      const std::vector<std::vector<const Row*>>& candidates,
                      std::vector<Binding>& out) {
  if (out.size() >= options_.max_bindings_per_window) return;
  if (depth == join_order_.size()) {
    out.push_back(binding);
    return;
  }
  const int v = join_order_[depth];
  bool any = false;
  for (const Row* row : candidates[v]) {
    if (!Consistent(binding, *row) || !Coincident(binding, v, *row)) continue;
    binding[v] = row;
    bool ok = true;
    for (int j : joins_at_depth_[depth]) {
      const plan::Predicate& p = plan_.joins[j];
      bool present = true;
      for (int x : p.variables) present = present && binding[x] != nullptr;
      if (present && !evaluator_.Test(p.node, binding)) {
        ok = false;
        break;
      }
    }
    if (ok) {
      any = true;
      Join(depth + 1, binding, candidates, out);
    }
    binding[v] = nullptr;
  }
  if (!any && plan_.variables[v].optional) Join(depth + 1, binding, candidates, out);
}

bool RuleRunner::Coincident(const Binding& binding, int variable, const Row& row) const {
  // An entity record joins only events inside its validity interval
  // (spec §3.1).
  if (IsTable(variable)) return true;
  const bool is_entity = plan_.variables[variable].root == plan::Root::kGraph;
  for (size_t v = 0; v < binding.size(); ++v) {
    const Row* other = binding[v];
    if (other == nullptr || IsTable(v)) continue;
    const bool other_entity = plan_.variables[v].root == plan::Root::kGraph;
    if (is_entity == other_entity) continue;
    const Row& entity = is_entity ? row : *other;
    const Row& event = is_entity ? *other : row;
    if (event.time.seconds < entity.time.seconds || event.time.seconds > entity.valid_until) return false;
  }
  return true;
}

std::string RuleRunner::KeyText(const Binding& binding) const {
  // Kind, length and bytes of each value: unambiguous without escaping.
  std::string key;
  for (int ph : plan_.match.keys) {
    const Value& v = Evaluator::PlaceholderValue(plan_, binding, ph);
    key += static_cast<char>('0' + static_cast<int>(v.kind()));
    if (v.is_string() || v.is_bytes()) {
      key += std::to_string(v.string().size());
      key += ':';
      key += v.string();
    } else {
      key += v.DebugString();
    }
    key += '\x1f';
  }
  return key;
}

namespace {

// Appends a text for `v` that equal values (Value ==) share: every zero
// value one text, numbers as doubles, strings and bytes by their bytes.
// Unequal values may share one too (2^53 and 2^53 + 1): a partition may hold
// several group keys, never split one.
void AppendPartitionText(const Value& v, std::string& out) {
  if (v.IsZero()) {
    out += 'z';
  } else if (v.is_number()) {
    const double d = v.float_value();
    out += 'n';
    out.append(reinterpret_cast<const char*>(&d), sizeof d);
  } else if (v.is_string() || v.is_bytes()) {
    out += 's';
    out += std::to_string(v.string().size());
    out += ':';
    out += v.string();
  } else if (v.is_list()) {
    out += 'l';
    out += std::to_string(v.list().size());
    out += ':';
    for (const Value& item : v.list()) AppendPartitionText(item, out);
  } else {
    out += static_cast<char>('0' + static_cast<int>(v.kind()));
    out += v.DebugString();
  }
}

}  // namespace

std::string RuleRunner::PartitionText(const Row& row) const {
  std::string text;
  for (int ph : plan_.match.keys) {
    AppendPartitionText(row.placeholders[ph], text);
    text += '\x1f';
  }
  return text;
}

void RuleRunner::EvaluateWindow(KeyState& state, int64_t start, int64_t end, bool end_inclusive,
                                const Row* pivot) {
  std::vector<std::vector<const Row*>> candidates(plan_.variables.size());
  for (size_t v = 0; v < plan_.variables.size(); ++v) {
    if (pivot != nullptr && static_cast<int>(v) == plan_.match.pivot) {
      candidates[v].push_back(pivot);
      continue;
    }
    if (IsTable(v)) {
      for (const auto& r : table_rows_[v]) candidates[v].push_back(r.get());
      if (candidates[v].empty()) return;
      continue;
    }
    const auto& rows = state.rows[v];
    if (plan_.variables[v].root == plan::Root::kGraph) {
      // Entity records whose validity overlaps the window.
      for (const auto& r : rows) {
        if ((end_inclusive ? r->time.seconds <= end : r->time.seconds < end) && r->valid_until >= start) {
          candidates[v].push_back(r.get());
        }
      }
      if (candidates[v].empty() && !plan_.variables[v].optional) return;
      continue;
    }
    auto it = std::lower_bound(rows.begin(), rows.end(), start,
                               [](const auto& r, int64_t t) { return r->time.seconds < t; });
    for (; it != rows.end(); ++it) {
      const int64_t t = (*it)->time.seconds;
      if (end_inclusive ? t > end : t >= end) break;
      candidates[v].push_back(it->get());
    }
    if (candidates[v].empty() && !plan_.variables[v].optional) return;
  }
  std::vector<Binding> bindings;
  Binding binding(plan_.variables.size(), nullptr);
  Join(0, binding, candidates, bindings);
  if (bindings.size() >= options_.max_bindings_per_window) RecordDrop("max_bindings_per_window", bindings.back());
  std::vector<Group> groups;
  std::vector<std::string> keys;
  std::unordered_map<std::string, size_t> index;
  std::string computed;
  for (Binding& b : bindings) {
    if (!PassesMatchZeroFilter(b)) continue;
    const std::string& key = keyed_ && !state.mixed_keys ? state.group_key : (computed = KeyText(b));
    auto [it, inserted] = index.try_emplace(key, groups.size());
    if (inserted) {
      groups.emplace_back();
      keys.push_back(key);
      Group& g = groups.back();
      g.key.resize(plan_.placeholders.size());
      for (int ph : plan_.match.keys) g.key[ph] = Evaluator::PlaceholderValue(plan_, b, ph);
      g.window_start = start;
      g.window_end = end;
    }
    groups[it->second].bindings.push_back(std::move(b));
  }
  for (size_t g = 0; g < groups.size(); ++g) JudgeGroup(state, groups[g], keys[g], start, end);
}

std::string RuleRunner::ConditionValues(const Group& group) {
  std::string out;
  for (size_t v = 0; v < plan_.variables.size(); ++v) {
    out += (out.empty() ? "" : ", ") + std::string("#") + plan_.variables[v].name + " = " +
           std::to_string(evaluator_.CountEvents(group, static_cast<int>(v)));
  }
  for (size_t o = 0; o < plan_.outcomes.size() && o < group.outcomes.size(); ++o) {
    out += ", $" + plan_.outcomes[o].name + " = " + group.outcomes[o].DebugString();
  }
  return out.empty() ? "" : " (" + out + ")";
}

void RuleRunner::JudgeGroup(KeyState& state, Group& group, const std::string& key_text, int64_t start,
                            int64_t end) {
  // The set of events is the detection's identity: overlapping hop windows
  // holding the same events give one detection (docs/semantics.md).
  const bool hop_windows =
      plan_.match.window == plan::WindowKind::kHop || plan_.match.window == plan::WindowKind::kTumbling;
  std::vector<std::pair<int, int64_t>> events;
  for (const Binding& b : group.bindings) {
    for (size_t v = 0; v < b.size(); ++v) {
      if (b[v] != nullptr) events.emplace_back(static_cast<int>(v), b[v]->event);
    }
  }
  std::sort(events.begin(), events.end());
  events.erase(std::unique(events.begin(), events.end()), events.end());
  uint64_t signature = events.size();
  for (const auto& [v, e] : events) signature = Mix(Mix(signature, static_cast<uint64_t>(v)), static_cast<uint64_t>(e));
  auto emitted = state.emitted.find(key_text);
  if (emitted != state.emitted.end() && emitted->second.signature == signature) return;
  // The same events in the next overlapping window: the same outcomes, and
  // the condition false again.
  auto quiet = state.quiet.find(key_text);
  if (quiet != state.quiet.end() && quiet->second.signature == signature) return;

  for (const plan::Outcome& o : plan_.outcomes) group.outcomes.push_back(evaluator_.EvalGroup(o.node, group));
  if (!evaluator_.TestGroup(plan_.condition.node, group)) {
    if (remember_quiet_groups_) {
      state.quiet[key_text] = {signature, end};
      store_.ScheduleExpiry(state, end - 1);
    }
    // Explain each distinct set once, not once per overlapping hop window.
    auto explained = state.explained.find(key_text);
    if (options_.explain && (explained == state.explained.end() || explained->second.signature != signature)) {
      state.explained[key_text] = {signature, end};
      store_.ScheduleExpiry(state, end - 1);
      std::string key;
      for (int ph : plan_.match.keys) {
        key += (key.empty() ? "" : ", ") + plan_.placeholders[ph].name + ": " +
               group.key[ph]->DebugString();
      }
      std::string message = "window [" + FormatTimestamp({start, 0}) + ", " + FormatTimestamp({end, 0}) +
                            (hop_windows ? ")" : "]") + " {" + key + "}: condition `" +
                            plan_.condition.text + "` is false" + ConditionValues(group);
      if (hop_windows) {
        window_outputs_.push_back({FirstBindingOrder(group), Group(), false, std::move(message)});
      } else {
        Explain(std::move(message));
      }
    }
    return;
  }
  state.emitted[key_text] = {signature, end};
  // A judged set is forgotten when the rule's clock passes its window.
  store_.ScheduleExpiry(state, end - 1);
  if (hop_windows) {
    // Emitted once every key of this window is judged (FinishWindow).
    std::vector<std::pair<UdmTimestamp, int64_t>> order = FirstBindingOrder(group);
    window_outputs_.push_back({std::move(order), std::move(group), true, std::string()});
  } else {
    Emit(group, {start, 0}, {end, 0});
  }
}

std::vector<std::pair<UdmTimestamp, int64_t>> RuleRunner::FirstBindingOrder(const Group& group) const {
  // Join meets candidates in (time, event) order, table rows in table
  // order, an absent optional variable after every row.
  std::vector<std::pair<UdmTimestamp, int64_t>> order;
  const Binding& first = group.bindings.front();
  for (int v : join_order_) {
    const Row* row = first[v];
    if (row == nullptr) {
      order.emplace_back(UdmTimestamp{std::numeric_limits<int64_t>::max(), 0}, 0);
    } else if (IsTable(v)) {
      order.emplace_back(UdmTimestamp{}, -row->event);
    } else {
      order.emplace_back(row->time, row->event);
    }
  }
  return order;
}

// ------------------------------------------------------------------ output

void RuleRunner::Emit(const Group& group, UdmTimestamp start, UdmTimestamp end) {
  if (plan_.suppression_window_seconds > 0) {
    std::string key;
    if (plan_.match.window == plan::WindowKind::kNone) {
      if (plan_.suppression_key_outcome >= 0) {
        key = group.outcomes[plan_.suppression_key_outcome].DebugString();
      }
    } else {
      for (int ph : plan_.match.keys) key += group.key[ph]->DebugString() + '\x1f';
    }
    auto it = suppressed_until_.find(key);
    if (it != suppressed_until_.end() && end.seconds < it->second) {
      ++stats_.suppressed;
      return;
    }
    suppressed_until_[key] = end.seconds + plan_.suppression_window_seconds;
  }
  Detection d;
  d.rule = plan_.rule_name;
  for (int ph : plan_.match.keys) {
    d.match.push_back({plan_.placeholders[ph].name, group.key[ph] ? *group.key[ph] : Value()});
  }
  d.window = {start, end};
  for (size_t o = 0; o < plan_.outcomes.size(); ++o) {
    d.outcomes.push_back({plan_.outcomes[o].name, group.outcomes[o]});
  }
  for (size_t v = 0; v < plan_.variables.size(); ++v) {
    if (IsTable(v)) continue;  // table rows are not events
    std::vector<const Row*> rows;
    std::set<int64_t> seen;
    for (const Binding& b : group.bindings) {
      if (b[v] != nullptr && seen.insert(b[v]->event).second) rows.push_back(b[v]);
    }
    std::sort(rows.begin(), rows.end(), [](const Row* a, const Row* b) {
      return std::make_pair(a->time, a->event) < std::make_pair(b->time, b->event);
    });
    EventSamples samples;
    samples.variable = plan_.variables[v].name;
    samples.total = static_cast<int64_t>(rows.size());
    for (const Row* row : rows) {
      if (options_.max_samples != 0 && samples.events.size() == options_.max_samples) break;
      samples.events.push_back(*row->json);
    }
    d.events.push_back(std::move(samples));
  }
  for (const auto& [name, value] : plan_.meta) d.meta.push_back({name, value});
  ++stats_.detections;
  emit_(std::move(d));
}

void RuleRunner::Explain(std::string message) {
  if (options_.explain) options_.explain(plan_.rule_name, message);
}

void RuleRunner::Finish() {
  Advance(std::numeric_limits<int64_t>::max());
  store_.Clear();
  pending_pivots_.clear();
  suppressed_until_.clear();
  closed_any_ = false;
  next_window_start_ = std::numeric_limits<int64_t>::min();
  sliding_horizon_ = std::numeric_limits<int64_t>::min();
  window_end_ = std::numeric_limits<int64_t>::min();
}

}  // namespace yaral::engine

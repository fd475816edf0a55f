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
// Bindings of one window beyond this: a join without a selective key.
constexpr size_t kMaxBindingsPerWindow = 1000000;

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
  rows_.resize(plan_.variables.size());
  keys_per_row_ = plan_.variables.size() == 1;
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
        early_constant_tests_[v].push_back(ConstantTestOf(static_cast<int>(v), filters[f].node));
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

RuleRunner::ConstantTest RuleRunner::ConstantTestOf(int variable, plan::NodeRef filter) const {
  const plan::Node& node = plan_.nodes[filter];
  ConstantTest test;
  if (node.nocase || node.args.size() != 2) return test;
  const bool compare =
      node.op == plan::Op::kCompare &&
      (node.compare == ast::ComparisonOp::kEq || node.compare == ast::ComparisonOp::kNe);
  if (!compare && node.op != plan::Op::kInArray) return test;
  for (int side = 0; side < 2; ++side) {
    const plan::Node& slot = plan_.nodes[node.args[side]];
    const plan::Node& constant = plan_.nodes[node.args[1 - side]];
    if (slot.op != plan::Op::kSlot || slot.a != variable || constant.op != plan::Op::kConst) continue;
    if (!builders_[variable]->Flat(static_cast<size_t>(slot.b))) continue;
    // Compare() decides `=` and `!=` with Value equality when there is no
    // nocase; `in` with a constant list does the same per element.
    if (compare ? constant.constant.is_list() : (side != 0 || !constant.constant.is_list())) continue;
    test.slot = slot.b;
    test.constant = &constant.constant;
    test.negate = compare && node.compare == ast::ComparisonOp::kNe;
    break;
  }
  return test;
}

std::optional<std::vector<DispatchTest>> RuleRunner::DispatchTests() const {
  std::vector<DispatchTest> tests;
  if (!constants_hold_) return tests;  // takes no event at all
  for (size_t v = 0; v < plan_.variables.size(); ++v) {
    const plan::Variable& variable = plan_.variables[v];
    if (variable.root != plan::Root::kUdm || (!windowed() && v != 0)) continue;
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
    rows_[variable].push_back(std::move(row));
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
  if (keys_per_row_) row.key_text = KeyText(Binding{&row});
  auto boxed = std::make_unique<Row>(std::move(row));
  const Row* pointer = boxed.get();
  std::deque<std::unique_ptr<Row>>& rows = rows_[variable];
  const auto key = std::make_pair(pointer->time, pointer->event);
  if (rows.empty() || std::make_pair(rows.back()->time, rows.back()->event) <= key) {
    rows.push_back(std::move(boxed));
  } else {
    auto at = std::upper_bound(rows.begin(), rows.end(), key, [](const auto& k, const auto& r) {
      return k < std::make_pair(r->time, r->event);
    });
    rows.insert(at, std::move(boxed));
  }
  ++live_rows_;
  if (variable == plan_.match.pivot &&
      (plan_.match.window == plan::WindowKind::kSlidingAfter ||
       plan_.match.window == plan::WindowKind::kSlidingBefore)) {
    pending_pivots_.emplace(std::make_pair(pointer->time.seconds, pointer->event), pointer);
  }
}

int64_t RuleRunner::EarliestRowTime() const {
  int64_t earliest = std::numeric_limits<int64_t>::max();
  for (int v : window_variables_) {
    if (!rows_[v].empty()) earliest = std::min(earliest, rows_[v].front()->time.seconds);
  }
  return earliest;
}

void RuleRunner::Evict(int64_t before) {
  for (size_t v = 0; v < rows_.size(); ++v) {
    auto& rows = rows_[v];
    if (IsTable(v)) continue;  // table rows live as long as the run
    if (plan_.variables[v].root == plan::Root::kGraph) {
      const size_t size = rows.size();
      std::erase_if(rows, [&](const auto& r) { return r->valid_until < before; });
      live_rows_ -= size - rows.size();
      continue;
    }
    while (!rows.empty() && rows.front()->time.seconds < before) {
      rows.pop_front();
      --live_rows_;
    }
  }
  for (auto* sets : {&emitted_, &explained_, &quiet_}) {
    for (auto it = sets->begin(); it != sets->end();) {
      it = it->second.window_end <= before ? sets->erase(it) : std::next(it);
    }
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

void RuleRunner::CloseHopWindows(int64_t watermark) {
  const int64_t length = plan_.match.window_seconds;
  const int64_t hop = plan_.match.hop_seconds;
  while (live_rows_ > 0) {
    // Skip windows holding no row: start at the first window that contains
    // the earliest live row (the smallest aligned start s with s + D > t).
    const int64_t earliest = EarliestRowTime();
    if (earliest == std::numeric_limits<int64_t>::max()) {
      // Only entity records are left: no window can fire before an event.
      if (watermark == std::numeric_limits<int64_t>::max()) Evict(watermark);
      break;
    }
    const int64_t first = FloorDiv(earliest - length, hop) * hop + hop;
    if (!closed_any_ || next_window_start_ < first) next_window_start_ = first;
    if (next_window_start_ > watermark - length) break;
    EvaluateWindow(next_window_start_, next_window_start_ + length, /*end_inclusive=*/false, nullptr);
    closed_any_ = true;
    next_window_start_ += hop;
    Evict(next_window_start_);
  }
}

void RuleRunner::CloseSlidingWindows(int64_t watermark) {
  const int64_t length = plan_.match.window_seconds;
  const bool before = plan_.match.window == plan::WindowKind::kSlidingBefore;
  while (!pending_pivots_.empty()) {
    auto it = pending_pivots_.begin();
    const int64_t t = it->first.first;
    const int64_t end = before ? t : t + length;
    if (end > watermark) break;
    EvaluateWindow(before ? t - length : t, end, /*end_inclusive=*/true, it->second);
    pending_pivots_.erase(it);
  }
  // Rows older than every window still to come are not needed: pending
  // pivots and pivots yet to arrive start no earlier than this.
  int64_t low = watermark;
  if (!pending_pivots_.empty()) low = std::min(low, pending_pivots_.begin()->first.first);
  if (low == std::numeric_limits<int64_t>::max()) return;  // Finish(): Evict separately
  const int64_t horizon = before ? low - length : low;
  if (horizon > sliding_horizon_) {
    sliding_horizon_ = horizon;
    Evict(horizon);
  }
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
  if (out.size() >= kMaxBindingsPerWindow) return;
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

void RuleRunner::EvaluateWindow(int64_t start, int64_t end, bool end_inclusive, const Row* pivot) {
  std::vector<std::vector<const Row*>> candidates(plan_.variables.size());
  for (size_t v = 0; v < plan_.variables.size(); ++v) {
    if (pivot != nullptr && static_cast<int>(v) == plan_.match.pivot) {
      candidates[v].push_back(pivot);
      continue;
    }
    const auto& rows = rows_[v];
    if (IsTable(v)) {
      for (const auto& r : rows) candidates[v].push_back(r.get());
      if (candidates[v].empty()) return;
      continue;
    }
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
  if (bindings.size() >= kMaxBindingsPerWindow) {
    evaluator_.RecordError("more than " + std::to_string(kMaxBindingsPerWindow) +
                           " joined bindings in one window: the rest were skipped");
  }
  std::vector<Group> groups;
  std::vector<std::string> keys;
  std::unordered_map<std::string, size_t> index;
  std::string computed;
  for (Binding& b : bindings) {
    if (!PassesMatchZeroFilter(b)) continue;
    const std::string& key = keys_per_row_ ? b[0]->key_text : (computed = KeyText(b));
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
  for (size_t g = 0; g < groups.size(); ++g) JudgeGroup(groups[g], keys[g], start, end);
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

void RuleRunner::JudgeGroup(Group& group, const std::string& key_text, int64_t start, int64_t end) {
  // The set of events is the detection's identity: overlapping hop windows
  // holding the same events give one detection (docs/semantics.md).
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
  auto emitted = emitted_.find(key_text);
  if (emitted != emitted_.end() && emitted->second.signature == signature) return;
  // The same events in the next overlapping window: the same outcomes, and
  // the condition false again.
  auto quiet = quiet_.find(key_text);
  if (quiet != quiet_.end() && quiet->second.signature == signature) return;

  for (const plan::Outcome& o : plan_.outcomes) group.outcomes.push_back(evaluator_.EvalGroup(o.node, group));
  if (!evaluator_.TestGroup(plan_.condition.node, group)) {
    if (remember_quiet_groups_) quiet_[key_text] = {signature, end};
    // Explain each distinct set once, not once per overlapping hop window.
    auto explained = explained_.find(key_text);
    if (options_.explain && (explained == explained_.end() || explained->second.signature != signature)) {
      explained_[key_text] = {signature, end};
      std::string key;
      for (int ph : plan_.match.keys) {
        key += (key.empty() ? "" : ", ") + plan_.placeholders[ph].name + ": " +
               group.key[ph]->DebugString();
      }
      Explain("window [" + FormatTimestamp({start, 0}) + ", " + FormatTimestamp({end, 0}) +
              (plan_.match.window == plan::WindowKind::kHop || plan_.match.window == plan::WindowKind::kTumbling
                   ? ")"
                   : "]") +
              " {" + key + "}: condition `" + plan_.condition.text + "` is false" +
              ConditionValues(group));
    }
    return;
  }
  emitted_[key_text] = {signature, end};
  Emit(group, {start, 0}, {end, 0});
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
  for (size_t v = 0; v < rows_.size(); ++v) {
    if (!IsTable(v)) rows_[v].clear();
  }
  live_rows_ = 0;
  pending_pivots_.clear();
  emitted_.clear();
  explained_.clear();
  quiet_.clear();
  suppressed_until_.clear();
  closed_any_ = false;
  next_window_start_ = std::numeric_limits<int64_t>::min();
  sliding_horizon_ = std::numeric_limits<int64_t>::min();
}

}  // namespace yaral::engine

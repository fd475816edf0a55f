// Lowering a checked rule into a Plan (spec §11, stage 0).
//
// The checker has already proved the rule well-formed and left its facts
// (variables, placeholders, resolved paths, types) in sema::RuleFacts; this
// pass only decides *where* each piece runs:
//   - `$ph = <expr of one variable>` binds a placeholder on that variable's
//     rows;
//   - a predicate over one variable (directly or through placeholders it
//     binds) filters that variable's rows;
//   - a predicate over several variables is a join, checked on bindings;
//   - match keys, outcomes and the condition run per group.
// and turns expressions into plan nodes with constants, regexes, lists and
// function pointers resolved.
#include "compile/lowering.h"

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <utility>

#include "functions/function_registry.h"
#include "functions/regex_cache.h"

namespace yaral::compile {
namespace {

using plan::NodeRef;
using plan::Op;

enum class Section { kEvents, kOutcome, kCondition };

struct Scope {
  Section section = Section::kEvents;
  bool whole = false;  // field paths read every value (inside any/all)
};

// Source text on one line, for explanations: newlines and indentation
// collapse to single spaces.
std::string OneLine(std::string_view text) {
  std::string out;
  bool space = false;
  for (char c : text) {
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

class Lowering {
 public:
  Lowering(const ast::Rule& rule, const sema::RuleFacts& facts, const SourceFile& source,
           const CompileOptions& options, std::vector<Diagnostic>& diagnostics)
      : rule_(rule), facts_(facts), source_(source), options_(options), diagnostics_(diagnostics) {}

  std::shared_ptr<const plan::Plan> Run() {
    plan_ = std::make_shared<plan::Plan>();
    plan_->rule_name = rule_.name;
    plan_->lists = options_.lists;
    plan_->tables = options_.tables;
    DeclareVariables();
    DeclarePlaceholders();
    LowerMeta();
    LowerOptions();
    LowerEvents();
    LowerMatch();
    LowerOutcomes();
    LowerCondition();
    MarkOptionalVariables();
    if (failed_) return nullptr;
    return plan_;
  }

 private:
  // ---------------------------------------------------------------- names

  void DeclareVariables() {
    std::vector<const sema::EventVariable*> ordered;
    for (const auto& [name, v] : facts_.events) ordered.push_back(&v);
    std::sort(ordered.begin(), ordered.end(), [](const auto* a, const auto* b) {
      return a->first_use.begin < b->first_use.begin;
    });
    for (const sema::EventVariable* v : ordered) {
      variable_index_[v->name] = static_cast<int>(plan_->variables.size());
      plan::Variable out;
      out.name = v->name;
      out.root = plan::RootOf(v->root);
      plan_->variables.push_back(std::move(out));
    }
    DeclareTableVariables();
    for (const std::string& row : facts_.table_rows) {
      Error(rule_.name_span, "data-table row variables (`$" + row +
                                 " in data_table.x`) cannot run locally");
    }
  }

  // `$e.f = %table.column` (and `!=`, `%t.c = $ph`) in `events`: each table
  // so used becomes a variable over its rows, joined like an event
  // variable, so all its row-based comparisons hold on one row (spec
  // §10.4). `in %table.column` stays a membership test.
  void DeclareTableVariables() {
    if (!rule_.events) return;
    std::vector<const ast::Expr*> stack;
    for (const ast::ExprPtr& p : rule_.events->predicates) stack.push_back(p.get());
    while (!stack.empty()) {
      const ast::Expr* e = stack.back();
      stack.pop_back();
      if (const auto* c = std::get_if<ast::Comparison>(&e->kind)) {
        for (const ast::Expr* side : {c->lhs.get(), c->rhs.get()}) {
          const auto* ref = std::get_if<ast::ReferenceList>(&side->kind);
          if (ref == nullptr || !ref->column || table_variable_index_.count(ref->name) > 0) continue;
          const DataTable* table = options_.tables ? options_.tables->Find(ref->name) : nullptr;
          if (table == nullptr) {
            Error(side->span, "data table `%" + ref->name + "` is not loaded",
                  "load a table directory: `--tables DIR` with the CLI, CompileOptions::tables in the API");
            continue;
          }
          table_variable_index_[ref->name] = static_cast<int>(plan_->variables.size());
          plan::Variable v;
          v.name = "%" + ref->name;
          v.root = plan::Root::kTable;
          v.table = table;
          plan_->variables.push_back(std::move(v));
        }
      } else if (const auto* b = std::get_if<ast::Binary>(&e->kind)) {
        stack.push_back(b->lhs.get());
        stack.push_back(b->rhs.get());
      } else if (const auto* u = std::get_if<ast::Unary>(&e->kind)) {
        stack.push_back(u->operand.get());
      }
    }
    if (!table_variable_index_.empty() && !rule_.match) {
      Error(rule_.name_span, "a rule joining a data table with `=` needs a match section (spec §10.4)");
    }
  }

  void DeclarePlaceholders() {
    std::vector<const sema::Placeholder*> ordered;
    for (const auto& [name, p] : facts_.placeholders) ordered.push_back(&p);
    std::sort(ordered.begin(), ordered.end(), [](const auto* a, const auto* b) {
      return a->first_use.begin < b->first_use.begin;
    });
    for (const sema::Placeholder* p : ordered) {
      placeholder_index_[p->name] = static_cast<int>(plan_->placeholders.size());
      plan::Placeholder out;
      out.name = p->name;
      out.from_field = p->from_field;
      out.is_match = facts_.match_variables.count(p->name) > 0;
      if (p->type.base == BaseType::kEnum) out.enum_type = p->type.enum_type;
      plan_->placeholders.push_back(std::move(out));
    }
    for (size_t i = 0; i < facts_.outcomes.size(); ++i) {
      for (const auto& [name, o] : facts_.outcomes) {
        if (o.index == i) outcome_index_[name] = static_cast<int>(i);
      }
    }
  }

  void LowerMeta() {
    if (!rule_.meta) return;
    for (const ast::KeyValue& kv : rule_.meta->entries) {
      plan_->meta.emplace_back(kv.key, ConstantValue(*kv.value));
    }
  }

  void LowerOptions() {
    plan_->allow_zero_values = facts_.options.allow_zero_values;
    plan_->suppression_window_seconds = facts_.options.suppression_window_seconds;
  }

  static Value ConstantValue(const ast::Expr& e) {
    if (const auto* s = std::get_if<ast::StringLiteral>(&e.kind)) return Value::String(s->value);
    if (const auto* n = std::get_if<ast::NumberLiteral>(&e.kind)) {
      return n->is_float || n->overflow ? Value::Float(n->float_value) : Value::Int(n->int_value);
    }
    if (const auto* b = std::get_if<ast::BoolLiteral>(&e.kind)) return Value::Bool(b->value);
    if (const auto* i = std::get_if<ast::Identifier>(&e.kind)) return Value::String(i->name);
    if (const auto* d = std::get_if<ast::Duration>(&e.kind)) {
      return Value::String(std::to_string(d->amount) + d->unit);
    }
    return Value();
  }

  // ---------------------------------------------------------------- events

  // Which variables an expression reads: through fields directly, through
  // placeholders via the variables that bind them.
  void CollectVariables(const ast::Expr& e, std::set<int>& vars, std::set<int>& placeholders) const {
    if (const auto* path = std::get_if<ast::FieldPath>(&e.kind)) {
      if (auto it = variable_index_.find(path->variable); it != variable_index_.end()) vars.insert(it->second);
    } else if (const auto* v = std::get_if<ast::Variable>(&e.kind)) {
      if (auto it = variable_index_.find(v->name); it != variable_index_.end()) vars.insert(it->second);
      if (auto it = placeholder_index_.find(v->name); it != placeholder_index_.end()) {
        placeholders.insert(it->second);
      }
    } else if (const auto* ref = std::get_if<ast::ReferenceList>(&e.kind)) {
      if (!ref->column) return;
      if (auto it = table_variable_index_.find(ref->name); it != table_variable_index_.end()) {
        vars.insert(it->second);
      }
    } else if (const auto* in = std::get_if<ast::InList>(&e.kind)) {
      CollectVariables(*in->value, vars, placeholders);  // `in %t.c` is no join
    } else {
      ast::ForEachChild(e, [&](const ast::Expr& child) { CollectVariables(child, vars, placeholders); });
    }
  }

  static void Flatten(const ast::Expr& e, std::vector<const ast::Expr*>& out) {
    if (const auto* b = std::get_if<ast::Binary>(&e.kind); b && b->op == ast::BinaryOp::kAnd) {
      Flatten(*b->lhs, out);
      Flatten(*b->rhs, out);
      return;
    }
    out.push_back(&e);
  }

  void LowerEvents() {
    if (!rule_.events) return;
    std::vector<const ast::Expr*> predicates;
    for (const ast::ExprPtr& p : rule_.events->predicates) Flatten(*p, predicates);

    // Assignments first: a placeholder's home is the variable that binds it
    // first, and later predicates read it there. An assignment from other
    // placeholders only (`$b = strings.concat($a, "x")`) lives where `$a`
    // lives, so it waits until `$a` is placed.
    // Which predicates bind a placeholder is the checker's decision
    // (sema::PlaceholderAssignment::binds).
    std::map<const ast::Expr*, const sema::PlaceholderAssignment*> binding_of;
    for (const sema::PlaceholderAssignment& a : facts_.assignments) {
      if (a.binds) binding_of.emplace(a.comparison, &a);
    }
    std::vector<const ast::Expr*> rest;
    std::vector<std::pair<const ast::Expr*, std::pair<int, const ast::Expr*>>> pending;
    for (const ast::Expr* p : predicates) {
      if (auto it = binding_of.find(p); it != binding_of.end()) {
        pending.push_back({p, {placeholder_index_.at(it->second->placeholder), it->second->value}});
      } else {
        rest.push_back(p);
      }
    }
    for (bool progress = true; progress && !pending.empty();) {
      progress = false;
      for (auto it = pending.begin(); it != pending.end();) {
        const auto& [predicate, assignment] = *it;
        std::set<int> vars, phs;
        CollectVariables(*assignment.second, vars, phs);
        std::optional<int> home;
        if (vars.size() == 1) {
          home = *vars.begin();
        } else if (vars.empty()) {
          for (int ph : phs) {
            if (plan_->placeholders[ph].variable >= 0) home = plan_->placeholders[ph].variable;
          }
        }
        if (!home && vars.empty()) {
          ++it;
          continue;  // its inputs are not placed yet
        }
        if (!home) {
          // A function of two variables cannot be an assignment (the checker
          // rejects it); treat it as a join on the placeholder.
          rest.push_back(predicate);
          it = pending.erase(it);
          progress = true;
          continue;
        }
        plan::Placeholder& target = plan_->placeholders[assignment.first];
        if (target.variable < 0) target.variable = *home;
        bool placeholder_elsewhere = false;
        for (int ph : phs) {
          if (plan_->placeholders[ph].variable != *home) placeholder_elsewhere = true;
        }
        if (placeholder_elsewhere) {
          rest.push_back(predicate);
        } else {
          plan::Binding binding;
          binding.placeholder = assignment.first;
          binding.value = Lower(*assignment.second, {Section::kEvents}, *home);
          binding.text = OneLine(source_.Slice(predicate->span));
          plan_->variables[*home].bindings.push_back(std::move(binding));
        }
        it = pending.erase(it);
        progress = true;
      }
    }
    for (const auto& [predicate, assignment] : pending) rest.push_back(predicate);

    for (const ast::Expr* p : rest) {
      std::set<int> vars, phs;
      CollectVariables(*p, vars, phs);
      for (int ph : phs) {
        if (plan_->placeholders[ph].variable >= 0) vars.insert(plan_->placeholders[ph].variable);
      }
      plan::Predicate predicate;
      predicate.text = OneLine(source_.Slice(p->span));
      predicate.variables.assign(vars.begin(), vars.end());
      if (vars.size() == 1) {
        predicate.node = Lower(*p, {Section::kEvents}, *vars.begin());
        plan_->variables[*vars.begin()].filters.push_back(std::move(predicate));
      } else {
        predicate.node = Lower(*p, {Section::kEvents}, -1);
        (vars.empty() ? plan_->constants : plan_->joins).push_back(std::move(predicate));
      }
    }
  }

  // ---------------------------------------------------------------- match

  void LowerMatch() {
    if (!rule_.match) return;
    const ast::MatchSection& m = *rule_.match;
    for (const ast::ExprPtr& key : m.keys) {
      const auto* v = std::get_if<ast::Variable>(&key->kind);
      if (v == nullptr) continue;
      auto it = placeholder_index_.find(v->name);
      if (it != placeholder_index_.end()) plan_->match.keys.push_back(it->second);
    }
    plan::Match& out = plan_->match;
    out.window_seconds = std::max<int64_t>(1, m.window.Seconds());
    switch (m.window_kind) {
      case ast::WindowKind::kHop:
        out.window = plan::WindowKind::kHop;
        out.hop_seconds = std::max<int64_t>(1, out.window_seconds / 10);
        break;
      case ast::WindowKind::kTumbling:
        out.window = plan::WindowKind::kTumbling;
        out.hop_seconds = out.window_seconds;
        break;
      case ast::WindowKind::kSlidingBefore:
      case ast::WindowKind::kSlidingAfter:
        out.window = m.window_kind == ast::WindowKind::kSlidingBefore
                         ? plan::WindowKind::kSlidingBefore
                         : plan::WindowKind::kSlidingAfter;
        out.hop_seconds = out.window_seconds;
        if (auto it = variable_index_.find(m.pivot); it != variable_index_.end()) {
          out.pivot = it->second;
        }
        break;
    }
  }

  void LowerOutcomes() {
    if (!rule_.outcome) return;
    for (const ast::OutcomeAssignment& a : rule_.outcome->assignments) {
      plan::Outcome out;
      out.name = a.name;
      out.text = OneLine(source_.Slice(a.span));
      out.node = Lower(*a.value, {Section::kOutcome}, -1);
      if (a.name == "suppression_key") {
        plan_->suppression_key_outcome = static_cast<int>(plan_->outcomes.size());
      }
      plan_->outcomes.push_back(std::move(out));
    }
  }

  void LowerCondition() {
    if (!rule_.condition || !rule_.condition->expr) {
      // No condition: every binding that survives `events` counts.
      plan_->condition.node = Add(plan::Node{.op = Op::kConst, .constant = Value::Bool(true)});
      return;
    }
    plan_->condition.text = OneLine(source_.Slice(rule_.condition->expr->span));
    plan_->condition.node = Lower(*rule_.condition->expr, {Section::kCondition}, -1);
  }

  // The checker decided which variables the condition lets be absent.
  void MarkOptionalVariables() {
    for (const std::string& name : facts_.optional_events) {
      if (auto v = variable_index_.find(name); v != variable_index_.end()) {
        plan_->variables[v->second].optional = true;
      }
    }
  }

  // ---------------------------------------------------------------- expressions

  NodeRef Add(plan::Node node) {
    plan_->nodes.push_back(std::move(node));
    return static_cast<NodeRef>(plan_->nodes.size() - 1);
  }

  NodeRef Constant(Value v) { return Add(plan::Node{.op = Op::kConst, .constant = std::move(v)}); }

  int FieldIndex(const ast::FieldPath& path, const ResolvedPath& resolved) {
    plan::FieldPath out = plan::FieldPathOf(resolved, path.segments);
    for (size_t i = 0; i < plan_->fields.size(); ++i) {
      if (plan_->fields[i].text == out.text && plan_->fields[i].root == out.root) {
        return static_cast<int>(i);
      }
    }
    plan_->fields.push_back(std::move(out));
    return static_cast<int>(plan_->fields.size() - 1);
  }

  int SlotIndex(int variable, int field, plan::SlotMode mode) {
    std::vector<plan::Slot>& slots = plan_->variables[variable].slots;
    for (size_t i = 0; i < slots.size(); ++i) {
      if (slots[i].field == field && slots[i].mode == mode) return static_cast<int>(i);
    }
    slots.push_back({field, mode});
    return static_cast<int>(slots.size() - 1);
  }

  const EnumInfo* EnumTypeOf(const ast::Expr& e) const {
    auto it = facts_.types.find(e.id);
    if (it != facts_.types.end() && it->second.base == BaseType::kEnum) return it->second.enum_type;
    return nullptr;
  }

  std::shared_ptr<const RE2> Regex(std::string_view pattern, bool nocase, SourceSpan span) {
    auto re = functions::CompiledRegex(pattern, nocase);
    if (!re.ok()) {
      Error(span, std::string(re.status().message()));
      return nullptr;
    }
    return *re;
  }

  const ReferenceList* List(const ast::ReferenceList& written, ast::ListKind kind, bool nocase,
                            SourceSpan span) {
    ast::ReferenceList list = written;
    list.name = std::string(written.ListName());
    if (!options_.lists) {
      Error(span, "reference list `%" + list.name + "` is not loaded",
            "load a list directory: `--lists DIR` with the CLI, CompileOptions::lists in the API");
      return nullptr;
    }
    PrepareResult prepared = options_.lists->Prepare(list.name, kind, nocase);
    const ReferenceList* found = options_.lists->Find(list.name);
    if (found == nullptr || !prepared.ok) {
      std::string why = found == nullptr ? "is not in the loaded lists"
                                         : "cannot be used as a " + std::string(ListKindName(kind)) + " list";
      for (const SourcedDiagnostic& d : prepared.diagnostics) {
        if (d.diagnostic.severity == Severity::kError) why += ": " + d.diagnostic.message;
      }
      Error(span, "reference list `%" + list.name + "` " + why);
      return nullptr;
    }
    return found;
  }

  const DataTable* Table(const ast::ReferenceList& ref, size_t& column, SourceSpan span) {
    const DataTable* table = options_.tables ? options_.tables->Find(ref.name) : nullptr;
    if (table == nullptr) {
      Error(span, "data table `%" + ref.name + "` is not loaded",
            "load a table directory: `--tables DIR` with the CLI, CompileOptions::tables in the API");
      return nullptr;
    }
    std::optional<size_t> index = table->ColumnIndex(ref.column.value_or(""));
    if (!index) {
      Error(span, "data table `%" + ref.name + "` has no column `" + ref.column.value_or("") + "`");
      return nullptr;
    }
    column = *index;
    return table;
  }

  NodeRef Lower(const ast::Expr& e, Scope scope, int home) {
    return std::visit([&](const auto& node) { return LowerNode(node, e, scope, home); }, e.kind);
  }

  NodeRef LowerNode(const ast::NumberLiteral&, const ast::Expr& e, Scope, int) {
    return Constant(ConstantValue(e));
  }
  NodeRef LowerNode(const ast::StringLiteral& s, const ast::Expr&, Scope, int) {
    return Constant(Value::String(s.value));
  }
  NodeRef LowerNode(const ast::RegexLiteral& r, const ast::Expr&, Scope, int) {
    return Constant(Value::String(r.Unescaped()));
  }
  NodeRef LowerNode(const ast::BoolLiteral& b, const ast::Expr&, Scope, int) {
    return Constant(Value::Bool(b.value));
  }
  NodeRef LowerNode(const ast::Duration&, const ast::Expr& e, Scope, int) {
    return Constant(ConstantValue(e));
  }
  NodeRef LowerNode(const ast::Identifier& i, const ast::Expr&, Scope, int) {
    if (i.name == "window_start") return Add(plan::Node{.op = Op::kWindowStart});
    if (i.name == "window_end") return Add(plan::Node{.op = Op::kWindowEnd});
    return Constant(Value::String(i.name));
  }
  NodeRef LowerNode(const ast::Wildcard&, const ast::Expr&, Scope, int) {
    return Constant(Value::String("*"));
  }
  NodeRef LowerNode(const ast::ArrayLiteral& a, const ast::Expr&, Scope scope, int home) {
    Value::ListType values;
    for (const ast::ExprPtr& x : a.elements) {
      NodeRef r = Lower(*x, scope, home);
      values.push_back(plan_->nodes[r].constant);
    }
    return Constant(Value::List(std::move(values)));
  }

  NodeRef LowerNode(const ast::Variable& v, const ast::Expr& e, Scope scope, int) {
    if (auto it = variable_index_.find(v.name); it != variable_index_.end()) {
      // `$e` in the condition: the variable has events.
      return Add(plan::Node{.op = Op::kExists, .a = it->second});
    }
    if (auto it = placeholder_index_.find(v.name); it != placeholder_index_.end()) {
      if (scope.section == Section::kCondition) {
        return Add(plan::Node{.op = Op::kExists, .b = it->second});
      }
      return Add(plan::Node{.op = Op::kPlaceholder, .a = it->second});
    }
    if (auto it = outcome_index_.find(v.name); it != outcome_index_.end()) {
      return Add(plan::Node{.op = Op::kOutcome, .a = it->second});
    }
    if (v.name == "window_start") return Add(plan::Node{.op = Op::kWindowStart});
    if (v.name == "window_end") return Add(plan::Node{.op = Op::kWindowEnd});
    Error(e.span, "`$" + v.name + "` cannot be evaluated here");
    return Constant(Value());
  }

  NodeRef LowerNode(const ast::FieldPath& path, const ast::Expr& e, Scope scope, int) {
    auto var = variable_index_.find(path.variable);
    auto resolved = facts_.paths.find(e.id);
    if (var == variable_index_.end() || resolved == facts_.paths.end()) {
      Error(e.span, "field `" + path.ToString() + "` cannot be read by the local engine");
      return Constant(Value());
    }
    const int field = FieldIndex(path, resolved->second);
    const bool whole = scope.whole || (resolved->second.is_repeated() && WantsList(e));
    const int slot = SlotIndex(var->second, field, whole ? plan::SlotMode::kWhole : plan::SlotMode::kRow);
    return Add(plan::Node{.op = Op::kSlot, .a = var->second, .b = slot});
  }

  // A repeated field passed where the checker typed a list (arrays.length,
  // arrays.contains...) reads the whole list rather than one element a row.
  bool WantsList(const ast::Expr& e) const {
    return list_arguments_.count(e.id) > 0;
  }

  NodeRef LowerNode(const ast::Count& c, const ast::Expr& e, Scope, int) {
    if (auto it = variable_index_.find(c.name); it != variable_index_.end()) {
      return Add(plan::Node{.op = Op::kCount, .a = it->second});
    }
    if (auto it = placeholder_index_.find(c.name); it != placeholder_index_.end()) {
      return Add(plan::Node{.op = Op::kCount, .b = it->second});
    }
    Error(e.span, "`#" + c.name + "` names no event variable or placeholder");
    return Constant(Value::Int(0));
  }

  NodeRef LowerNode(const ast::ReferenceList& r, const ast::Expr& e, Scope, int) {
    auto table = table_variable_index_.find(r.name);
    if (r.column && table != table_variable_index_.end()) {
      const DataTable* t = plan_->variables[table->second].table;
      std::optional<size_t> column = t->ColumnIndex(*r.column);
      if (!column) {
        Error(e.span, "data table `%" + r.name + "` has no column `" + *r.column + "`");
        return Constant(Value());
      }
      std::vector<plan::Slot>& slots = plan_->variables[table->second].slots;
      int slot = -1;
      for (size_t i = 0; i < slots.size(); ++i) {
        if (slots[i].field == static_cast<int>(*column)) slot = static_cast<int>(i);
      }
      if (slot < 0) {
        slots.push_back({static_cast<int>(*column), plan::SlotMode::kRow});
        slot = static_cast<int>(slots.size() - 1);
      }
      return Add(plan::Node{.op = Op::kSlot, .a = table->second, .b = slot});
    }
    Error(e.span, "a reference list can only be used after `in`");
    return Constant(Value());
  }

  NodeRef LowerNode(const ast::Unary& u, const ast::Expr& e, Scope scope, int home) {
    switch (u.op) {
      case ast::UnaryOp::kNot:
        return Add(plan::Node{.op = Op::kNot, .args = {Lower(*u.operand, scope, home)}});
      case ast::UnaryOp::kNegate:
        return Add(plan::Node{.op = Op::kNegate, .args = {Lower(*u.operand, scope, home)}});
      case ast::UnaryOp::kNotExists: {
        NodeRef inner = Lower(*u.operand, scope, home);
        plan::Node node = plan_->nodes[inner];
        node.op = Op::kNotExists;
        return Add(std::move(node));
      }
    }
    return Constant(Value());
  }

  NodeRef LowerNode(const ast::Binary& b, const ast::Expr&, Scope scope, int home) {
    NodeRef lhs = Lower(*b.lhs, scope, home);
    NodeRef rhs = Lower(*b.rhs, scope, home);
    if (b.op == ast::BinaryOp::kAnd) return Add(plan::Node{.op = Op::kAnd, .args = {lhs, rhs}});
    if (b.op == ast::BinaryOp::kOr) {
      if (std::optional<NodeRef> set = MergeEqualities(lhs, rhs)) return *set;
      return Add(plan::Node{.op = Op::kOr, .args = {lhs, rhs}});
    }
    return Add(plan::Node{.op = Op::kArithmetic, .args = {lhs, rhs}, .arith = b.op});
  }

  // `$e.f = c1` (or `$e.f in [c1, c2]`, without nocase): the slot and the
  // constants, when `ref` is such a test.
  std::optional<std::pair<NodeRef, std::vector<Value>>> EqualitySet(NodeRef ref) const {
    const plan::Node& node = plan_->nodes[ref];
    if (node.nocase || node.args.size() != 2) return std::nullopt;
    auto is_slot = [&](NodeRef r) { return plan_->nodes[r].op == Op::kSlot; };
    auto is_const = [&](NodeRef r) { return plan_->nodes[r].op == Op::kConst; };
    if (node.op == Op::kCompare && node.compare == ast::ComparisonOp::kEq) {
      for (int side = 0; side < 2; ++side) {
        const NodeRef slot = node.args[side];
        const NodeRef constant = node.args[1 - side];
        if (!is_slot(slot) || !is_const(constant) || plan_->nodes[constant].constant.is_list()) continue;
        return std::make_pair(slot, std::vector<Value>{plan_->nodes[constant].constant});
      }
      return std::nullopt;
    }
    if (node.op == Op::kInArray && is_slot(node.args[0]) && is_const(node.args[1]) &&
        plan_->nodes[node.args[1]].constant.is_list()) {
      return std::make_pair(node.args[0], plan_->nodes[node.args[1]].constant.list());
    }
    return std::nullopt;
  }

  // `$e.port = 25 or $e.port = 465 or ...` becomes one membership test,
  // `$e.port in [25, 465, ...]`: the same `=` on each constant, with the
  // field read once (the reference rule's port list is seven of these).
  std::optional<NodeRef> MergeEqualities(NodeRef lhs, NodeRef rhs) {
    auto a = EqualitySet(lhs);
    auto b = EqualitySet(rhs);
    if (!a || !b) return std::nullopt;
    const plan::Node& sa = plan_->nodes[a->first];
    const plan::Node& sb = plan_->nodes[b->first];
    if (sa.a != sb.a || sa.b != sb.b) return std::nullopt;
    std::vector<Value> constants = std::move(a->second);
    for (Value& v : b->second) constants.push_back(std::move(v));
    NodeRef list = Constant(Value::List(std::move(constants)));
    return Add(plan::Node{.op = Op::kInArray, .args = {a->first, list}});
  }

  // `any $e.ip = "x"`, `re.regex(all $e.host, ...)`: the predicate is tested
  // once per element of the quantified field's whole list.
  NodeRef Quantify(const ast::Quantified& q, SourceSpan span, Scope scope, int home,
                   NodeRef predicate_with_element) {
    Scope whole = scope;
    whole.whole = true;
    NodeRef list = Lower(*q.operand, whole, home);
    return Add(plan::Node{.op = Op::kQuantified,
                          .args = {list, predicate_with_element},
                          .quantifier = q.quantifier});
  }

  NodeRef Operand(const ast::Expr& side, Scope scope, int home, const ast::Quantified** quantified) {
    if (const auto* q = std::get_if<ast::Quantified>(&side.kind)) {
      *quantified = q;
      return Add(plan::Node{.op = Op::kElement});
    }
    return Lower(side, scope, home);
  }

  NodeRef LowerNode(const ast::Comparison& c, const ast::Expr& e, Scope scope, int home) {
    const ast::Quantified* quantified = nullptr;
    // `$e.f = %table.column`: membership in a column.
    for (const ast::Expr* list_side : {c.rhs.get(), c.lhs.get()}) {
      const auto* ref = std::get_if<ast::ReferenceList>(&list_side->kind);
      if (ref == nullptr) continue;
      if (ref->column && table_variable_index_.count(ref->name) > 0) break;  // a row join
      const ast::Expr& value = list_side == c.rhs.get() ? *c.lhs : *c.rhs;
      plan::Node node{.op = Op::kInColumn, .args = {Operand(value, scope, home, &quantified)}};
      node.table = Table(*ref, node.column, list_side->span);
      node.nocase = c.nocase;
      NodeRef in = Add(std::move(node));
      if (c.op == ast::ComparisonOp::kNe) in = Add(plan::Node{.op = Op::kNot, .args = {in}});
      return quantified ? Quantify(*quantified, e.span, scope, home, in) : in;
    }
    for (const ast::Expr* regex_side : {c.rhs.get(), c.lhs.get()}) {
      const auto* re = std::get_if<ast::RegexLiteral>(&regex_side->kind);
      if (re == nullptr) continue;
      const ast::Expr& subject = regex_side == c.rhs.get() ? *c.lhs : *c.rhs;
      plan::Node node{.op = Op::kRegexMatch, .args = {Operand(subject, scope, home, &quantified)}};
      const std::string pattern = re->Unescaped();
      const bool nocase = c.nocase || re->flags.find('i') != std::string::npos;
      node.regex = Regex(pattern, nocase, regex_side->span);
      node.dot_all = functions::StartsWithDotAllFlag(pattern) || re->flags.find('s') != std::string::npos;
      node.compare = c.op;
      node.name = pattern;
      NodeRef match = Add(std::move(node));
      return quantified ? Quantify(*quantified, e.span, scope, home, match) : match;
    }
    plan::Node node{.op = Op::kCompare};
    node.args = {Operand(*c.lhs, scope, home, &quantified), Operand(*c.rhs, scope, home, &quantified)};
    node.compare = c.op;
    node.nocase = c.nocase;
    node.enum_type = EnumTypeOf(*c.lhs);
    if (node.enum_type == nullptr) node.enum_type = EnumTypeOf(*c.rhs);
    NodeRef cmp = Add(std::move(node));
    return quantified ? Quantify(*quantified, e.span, scope, home, cmp) : cmp;
  }

  NodeRef LowerNode(const ast::Quantified& q, const ast::Expr& e, Scope scope, int home) {
    // A bare `any $e.f` used as a boolean: true when some element is true.
    NodeRef element = Add(plan::Node{.op = Op::kElement});
    return Quantify(q, e.span, scope, home, element);
  }

  NodeRef LowerNode(const ast::InList& in, const ast::Expr& e, Scope scope, int home) {
    const ast::Quantified* quantified = nullptr;
    NodeRef value = Operand(*in.value, scope, home, &quantified);
    NodeRef result = kNoNodeRef();
    if (const auto* ref = std::get_if<ast::ReferenceList>(&in.list->kind)) {
      if (ref->column) {
        plan::Node node{.op = Op::kInColumn, .args = {value}};
        node.table = Table(*ref, node.column, in.list->span);
        node.list_kind = in.kind;
        node.nocase = in.nocase;
        result = Add(std::move(node));
      } else {
        plan::Node node{.op = Op::kInList, .args = {value}};
        node.list = List(*ref, in.kind, in.nocase, in.list->span);
        node.list_kind = in.kind;
        node.nocase = in.nocase;
        node.name = ref->name;
        result = Add(std::move(node));
      }
    } else {
      plan::Node node{.op = Op::kInArray, .args = {value, Lower(*in.list, scope, home)}};
      node.nocase = in.nocase;
      result = Add(std::move(node));
    }
    return quantified ? Quantify(*quantified, e.span, scope, home, result) : result;
  }

  static NodeRef kNoNodeRef() { return plan::kNoNode; }

  NodeRef LowerNode(const ast::Call& call, const ast::Expr& e, Scope scope, int home) {
    // The checker resolved the call; its registry entry says how it runs.
    auto resolved = facts_.functions.find(e.id);
    if (resolved == facts_.functions.end()) {
      Error(call.name_span, "unknown function `" + call.name + "`");
      return Constant(Value());
    }
    const functions::FunctionInfo* f = resolved->second;
    if (f->kind == functions::FunctionKind::kAggregation || f->kind == functions::FunctionKind::kWindow) {
      if (!f->aggregate) {
        Error(call.name_span, "aggregation `" + call.name + "` cannot run locally");
        return Constant(Value());
      }
      plan::Node node{.op = Op::kAggregate, .aggregate = *f->aggregate};
      node.name = call.name;
      for (const ast::Argument& a : call.arguments) node.args.push_back(Lower(*a.value, scope, home));
      return Add(std::move(node));
    }
    // Mark list-typed parameters, so a repeated field there is read whole.
    for (size_t i = 0; i < call.arguments.size() && i < f->params.size(); ++i) {
      if (f->params[i].list) list_arguments_.insert(call.arguments[i].value->id);
    }
    if (f->params.size() > 0 && f->params.back().list && f->params.back().variadic) {
      for (size_t i = f->params.size(); i < call.arguments.size(); ++i) {
        list_arguments_.insert(call.arguments[i].value->id);
      }
    }
    const ast::Quantified* quantified = nullptr;
    std::vector<NodeRef> args;
    std::vector<std::string> names;
    for (const ast::Argument& a : call.arguments) {
      args.push_back(Operand(*a.value, scope, home, &quantified));
      names.push_back(a.name);
    }
    // re.regex with a literal pattern: compile once, match directly.
    if (call.name == "re.regex" && call.arguments.size() == 2) {
      const ast::Expr& pattern_expr = *call.arguments[1].value;
      std::optional<std::string> pattern;
      if (const auto* s = std::get_if<ast::StringLiteral>(&pattern_expr.kind)) pattern = s->value;
      if (const auto* r = std::get_if<ast::RegexLiteral>(&pattern_expr.kind)) pattern = r->Unescaped();
      if (pattern) {
        plan::Node node{.op = Op::kRegexMatch, .args = {args[0]}};
        node.regex = Regex(*pattern, call.nocase, pattern_expr.span);
        node.dot_all = functions::StartsWithDotAllFlag(*pattern);
        node.name = *pattern;
        NodeRef match = Add(std::move(node));
        return quantified ? Quantify(*quantified, e.span, scope, home, match) : match;
      }
    }
    if (f->eval == nullptr) {
      Error(call.name_span, "function `" + call.name + "` cannot run locally");
      return Constant(Value());
    }
    if (call.nocase && call.name.starts_with("re.") && args.size() >= 2 &&
        plan_->nodes[args[1]].op == Op::kConst) {
      // EvalFn has no nocase parameter: the flag travels in the pattern.
      plan_->nodes[args[1]].constant =
          Value::String("(?i)" + std::string(plan_->nodes[args[1]].constant.string()));
    }
    plan::Node node{.op = Op::kCall, .args = std::move(args)};
    node.call = f->eval;
    node.name = call.name;
    bool any_named = false;
    for (const std::string& n : names) any_named = any_named || !n.empty();
    if (any_named) node.arg_names = std::move(names);
    NodeRef result = Add(std::move(node));
    return quantified ? Quantify(*quantified, e.span, scope, home, result) : result;
  }

  NodeRef LowerNode(const ast::If& i, const ast::Expr&, Scope scope, int home) {
    plan::Node node{.op = Op::kIf};
    node.args.push_back(Lower(*i.condition, scope, home));
    node.args.push_back(Lower(*i.then_value, scope, home));
    // `if(c, 5)` is `if(c, 5, 0)` (spec §7.6).
    node.args.push_back(i.else_value ? Lower(*i.else_value, scope, home) : Constant(Value::Int(0)));
    return Add(std::move(node));
  }

  void Error(SourceSpan span, std::string message, std::string help = {}) {
    diagnostics_.push_back(MakeDiagnostic(codes::kNotRunnable, std::move(message), span, std::move(help)));
    failed_ = true;
  }

  const ast::Rule& rule_;
  const sema::RuleFacts& facts_;
  const SourceFile& source_;
  const CompileOptions& options_;
  std::vector<Diagnostic>& diagnostics_;
  std::shared_ptr<plan::Plan> plan_;
  std::map<std::string, int> variable_index_;
  std::map<std::string, int> placeholder_index_;
  std::map<std::string, int> outcome_index_;
  std::map<std::string, int> table_variable_index_;  // table name -> variable
  std::set<ast::NodeId> list_arguments_;
  bool failed_ = false;
};

}  // namespace

std::shared_ptr<const plan::Plan> LowerRule(const ast::Rule& rule, const sema::RuleFacts& facts,
                                            const SourceFile& source,
                                            const CompileOptions& options,
                                            std::vector<Diagnostic>& diagnostics) {
  return Lowering(rule, facts, source, options, diagnostics).Run();
}

}  // namespace yaral::compile

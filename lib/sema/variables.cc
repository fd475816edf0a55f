// Pass 1: which `$names` are event variables, placeholders and outcome
// variables, and how each placeholder is bound (spec §4.2, §4.3, §4.12).
#include <algorithm>
#include <map>
#include <set>
#include <utility>

#include "sema/context.h"

namespace yaral::sema {
namespace {

PathRoot RootOf(const ast::FieldPath& path) {
  if (path.segments.empty()) return PathRoot::kUdm;
  const std::string& first = path.segments.front().name;
  if (first == "graph") return PathRoot::kGraph;
  if (first == "detection") return PathRoot::kDetection;
  return PathRoot::kUdm;
}

const std::string* BareVariable(const ast::Expr& expr) {
  if (const auto* v = std::get_if<ast::Variable>(&expr.kind)) return &v->name;
  return nullptr;
}

// The conjuncts of `events`: predicates and the operands of their `and`s.
std::set<const ast::Expr*> Conjuncts(const ast::EventsSection& events) {
  std::set<const ast::Expr*> out;
  std::vector<const ast::Expr*> pending;
  for (const ast::ExprPtr& p : events.predicates) pending.push_back(p.get());
  while (!pending.empty()) {
    const ast::Expr* e = pending.back();
    pending.pop_back();
    if (const auto* b = std::get_if<ast::Binary>(&e->kind); b && b->op == ast::BinaryOp::kAnd) {
      pending.push_back(b->lhs.get());
      pending.push_back(b->rhs.get());
    } else {
      out.insert(e);
    }
  }
  return out;
}

// Whether an assigned value reads event data: an event field, a placeholder
// or a data-table column (not the list of an `in`, which is no join).
bool ReadsEventData(const ast::Expr& value, const RuleFacts& facts) {
  if (std::holds_alternative<ast::Variable>(value.kind)) return false;
  std::set<const ast::Expr*> lists;
  bool reads = false;
  ForEachExpr(value, [&](const ast::Expr& e) {
    if (const auto* in = std::get_if<ast::InList>(&e.kind)) lists.insert(in->list.get());
    if (const auto* path = std::get_if<ast::FieldPath>(&e.kind)) {
      reads |= facts.events.count(path->variable) != 0;
    } else if (const auto* v = std::get_if<ast::Variable>(&e.kind)) {
      reads |= facts.events.count(v->name) != 0 || facts.placeholders.count(v->name) != 0;
    } else if (const auto* ref = std::get_if<ast::ReferenceList>(&e.kind)) {
      reads |= ref->column.has_value() && lists.count(&e) == 0;
    }
  });
  return reads;
}

// The one recogniser of placeholder assignments: every `=` in events with a
// placeholder on a side (spec §4.3).
void RecordAssignments(const ast::EventsSection& events, RuleFacts& facts) {
  const std::set<const ast::Expr*> conjuncts = Conjuncts(events);
  for (const ast::ExprPtr& predicate : events.predicates) {
    ForEachExpr(*predicate, [&](const ast::Expr& e) {
      const auto* cmp = std::get_if<ast::Comparison>(&e.kind);
      if (cmp == nullptr || cmp->op != ast::ComparisonOp::kEq) return;
      for (const auto& [side, value] : {std::pair{cmp->lhs.get(), cmp->rhs.get()},
                                        std::pair{cmp->rhs.get(), cmp->lhs.get()}}) {
        const std::string* name = BareVariable(*side);
        if (name == nullptr || facts.placeholders.count(*name) == 0) continue;
        PlaceholderAssignment a;
        a.placeholder = *name;
        a.value = value;
        a.comparison = &e;
        a.top_level = conjuncts.count(&e) != 0;
        a.binds = a.top_level && !cmp->nocase && ReadsEventData(*value, facts);
        facts.assignments.push_back(std::move(a));
      }
    });
  }
}

}  // namespace

void CollectVariables(AnalysisContext& context) {
  const ast::Rule& rule = context.rule;
  RuleFacts& facts = context.facts;

  if (rule.events) {
    // Event variables first: a name with a field path anywhere in events.
    for (const ast::ExprPtr& predicate : rule.events->predicates) {
      ForEachExpr(*predicate, [&](const ast::Expr& e) {
        const auto* path = std::get_if<ast::FieldPath>(&e.kind);
        if (path == nullptr || path->variable.empty()) return;
        if (facts.events.count(path->variable) == 0) {
          facts.events[path->variable] = EventVariable{path->variable, RootOf(*path), e.span};
        }
      });
    }
    // `$row in data_table.name` binds a table row: the variable reads columns.
    for (const ast::ExprPtr& predicate : rule.events->predicates) {
      ForEachExpr(*predicate, [&](const ast::Expr& e) {
        const auto* in = std::get_if<ast::InList>(&e.kind);
        if (in == nullptr) return;
        const auto* v = std::get_if<ast::Variable>(&in->value->kind);
        const auto* list = std::get_if<ast::ReferenceList>(&in->list->kind);
        if (v != nullptr && list != nullptr && !list->sigil && facts.events.count(v->name) != 0) {
          facts.table_rows.insert(v->name);
        }
      });
    }
    // Then placeholders: every other bare `$name` in events.
    for (const ast::ExprPtr& predicate : rule.events->predicates) {
      ForEachExpr(*predicate, [&](const ast::Expr& e) {
        const std::string* name = BareVariable(e);
        if (name == nullptr) return;
        if (facts.table_rows.count(*name) != 0) return;
        if (facts.events.count(*name) != 0) {
          context.Error(codes::kVariableKindConflict,
                        "`$" + *name + "` is an event variable and cannot be used as a value",
                        e.span, "compare one of its fields, e.g. `$" + *name + ".principal.hostname`");
          return;
        }
        if (facts.placeholders.count(*name) == 0) {
          Placeholder p;
          p.name = *name;
          p.first_use = e.span;
          facts.placeholders[*name] = std::move(p);
        }
      });
    }
    RecordAssignments(*rule.events, facts);
  }

  // Direct bindings: which event variables each placeholder reads.
  std::map<std::string, std::vector<std::string>> derived_from;  // placeholder -> placeholders
  for (const PlaceholderAssignment& b : facts.assignments) {
    Placeholder& p = facts.placeholders[b.placeholder];
    p.bindings.push_back(b.comparison->id);
    if (std::holds_alternative<ast::Quantified>(b.value->kind)) {
      context.Error(codes::kQuantifierMisuse,
                    "`any`/`all` cannot be used to assign a placeholder", b.value->span,
                    "assign the field without `any`/`all`: each element becomes a value");
      continue;
    }
    std::vector<std::string> events = EventVariablesIn(*b.value);
    if (std::holds_alternative<ast::FieldPath>(b.value->kind)) p.from_field = true;
    for (const std::string& event : events) p.event_variables.insert(event);
    ForEachExpr(*b.value, [&](const ast::Expr& e) {
      if (const std::string* other = BareVariable(e)) {
        if (facts.placeholders.count(*other) != 0 && *other != b.placeholder) {
          derived_from[b.placeholder].push_back(*other);
        }
      }
    });
    if (const auto* call = std::get_if<ast::Call>(&b.value->kind)) {
      bool reads_placeholder = derived_from.count(b.placeholder) != 0;
      if (events.empty() && !reads_placeholder) {
        context.Error(codes::kFunctionEventCount,
                      "`" + call->name + "(...)` assigned to `$" + b.placeholder +
                          "` reads no event field",
                      b.value->span,
                      "a function assigned to a placeholder must read fields of exactly one event variable");
      } else if (events.size() > 1) {
        context.Error(codes::kFunctionEventCount,
                      "`" + call->name + "(...)` reads fields of " + std::to_string(events.size()) +
                          " event variables (`$" + events[0] + "`, `$" + events[1] + "`)",
                      b.value->span,
                      "a function may depend on one event variable only; join the events through placeholders instead");
      }
    }
  }

  // A placeholder must be rooted in an event field by at least one binding of
  // its own; being derived only from other placeholders is not enough
  // (spec §4.12 rule 1).
  for (auto& [name, p] : facts.placeholders) {
    if (p.bindings.empty()) {
      context.Error(codes::kUnboundPlaceholder,
                    "placeholder `$" + name + "` is never assigned from an event field", p.first_use,
                    "assign it in `events`, e.g. `$" + name + " = $e.principal.hostname`");
    } else if (p.event_variables.empty() && derived_from.count(name) != 0) {
      context.Error(codes::kUnboundPlaceholder,
                    "placeholder `$" + name +
                        "` is assigned only from other placeholders through functions",
                    p.first_use, "assign it directly from an event field in one predicate");
    }
  }
  // Transitive event variables, for joins and the condition's bookkeeping.
  for (bool changed = true; changed;) {
    changed = false;
    for (auto& [name, sources] : derived_from) {
      Placeholder& p = facts.placeholders[name];
      for (const std::string& source : sources) {
        for (const std::string& event : facts.placeholders[source].event_variables) {
          changed |= p.event_variables.insert(event).second;
        }
      }
    }
  }

  if (rule.match) {
    for (const ast::ExprPtr& key : rule.match->keys) {
      if (const std::string* name = BareVariable(*key)) facts.match_variables.insert(*name);
    }
  }
  if (rule.outcome) {
    size_t index = 0;
    for (const ast::OutcomeAssignment& a : rule.outcome->assignments) {
      auto [it, inserted] =
          facts.outcomes.emplace(a.name, OutcomeVariable{a.name, a.name_span, index++, {}});
      if (!inserted) {
        Diagnostic& d = context.Error(codes::kDuplicateOutcome,
                                      "outcome variable `$" + a.name + "` is defined twice",
                                      a.name_span);
        d.secondary.push_back({it->second.span, "first defined here"});
      } else if (facts.events.count(a.name) != 0 || facts.placeholders.count(a.name) != 0) {
        context.Error(codes::kVariableKindConflict,
                      "outcome variable `$" + a.name + "` has the name of a variable from `events`",
                      a.name_span, "choose a name of its own");
      }
    }
    if (rule.outcome->assignments.size() > 20) {
      context.Error(codes::kTooManyOutcomes,
                    "a rule may define at most 20 outcome variables; this one has " +
                        std::to_string(rule.outcome->assignments.size()),
                    rule.outcome->assignments[20].name_span);
    }
  }
}

}  // namespace yaral::sema

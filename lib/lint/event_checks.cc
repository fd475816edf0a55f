// Checks on how events are selected and joined: missing event-type filters,
// joins that zero values could satisfy, and placeholders nobody reads.
#include <string>
#include <variant>

#include "lint/lint_internal.h"

namespace yaral::lint {
namespace {

// `metadata.event_type`, optionally after the `udm` root keyword. The
// vendor's own type (`product_event_type`) and the log source (`log_type`)
// narrow the scan just as well, and Google's vendor-specific rules filter on
// them instead; counting only `event_type` flagged two thirds of the corpus.
bool IsEventTypePath(const ast::FieldPath& path) {
  size_t i = 0;
  if (path.segments.size() == 3 && path.segments[0].name == "udm") i = 1;
  if (path.segments.size() != i + 2 || path.segments[i].name != "metadata") return false;
  const std::string& leaf = path.segments[i + 1].name;
  return leaf == "event_type" || leaf == "product_event_type" || leaf == "log_type";
}

// Every event variable whose event type is read anywhere in events (a
// comparison, a list or regex test, a branch of an `or`, a placeholder).
std::set<std::string> VariablesWithEventType(const ast::Rule& rule) {
  std::set<std::string> out;
  if (!rule.events) return out;
  for (const ast::ExprPtr& predicate : rule.events->predicates) {
    if (!predicate) continue;
    ForEachExpr(*predicate, [&out](const ast::Expr& e) {
      if (const auto* path = std::get_if<ast::FieldPath>(&e.kind)) {
        if (IsEventTypePath(*path)) out.insert(path->variable);
      }
    });
  }
  return out;
}

void CheckEventTypeFilter(const RuleView& view, std::vector<Diagnostic>& out) {
  std::set<std::string> filtered = VariablesWithEventType(view.rule);
  for (const auto& [name, var] : view.events) {
    // Entity-graph and detection records have no event type.
    if (var.root != PathRoot::kUdm || filtered.contains(name)) continue;
    out.push_back(MakeWarning(
        codes::kMissingEventTypeFilter,
        "event variable `$" + name + "` has no `metadata.event_type` filter", var.first_use,
        "add `$" + name +
            ".metadata.event_type = \"...\"` so the rule scans only the events it is about"));
  }
}

bool IsZeroLiteral(const ast::Expr& e) {
  if (const auto* s = std::get_if<ast::StringLiteral>(&e.kind)) return s->value.empty();
  if (const auto* n = std::get_if<ast::NumberLiteral>(&e.kind)) return n->float_value == 0;
  if (const auto* b = std::get_if<ast::BoolLiteral>(&e.kind)) return !b->value;
  return false;
}

bool IsNonZeroLiteral(const ast::Expr& e) {
  if (const auto* s = std::get_if<ast::StringLiteral>(&e.kind)) return !s->value.empty();
  if (const auto* n = std::get_if<ast::NumberLiteral>(&e.kind)) return n->float_value != 0;
  if (const auto* b = std::get_if<ast::BoolLiteral>(&e.kind)) return b->value;
  return false;
}

// Whether `e` is the placeholder itself or one of the fields it is bound from.
bool RefersTo(const ast::Expr& e, const PlaceholderView& ph) {
  if (const auto* var = std::get_if<ast::Variable>(&e.kind)) return var->name == ph.name;
  if (const auto* path = std::get_if<ast::FieldPath>(&e.kind)) {
    return ph.bound_fields.contains(path->ToString());
  }
  return false;
}

// A predicate that holds only for non-zero values of the placeholder:
// `!= ""`/`!= 0`, `= "literal"`, a regex match, a list test, `> n`.
bool IsGuard(const ast::Expr& predicate, const PlaceholderView& ph) {
  if (const auto* list = std::get_if<ast::InList>(&predicate.kind)) {
    return list->value && RefersTo(*list->value, ph);
  }
  if (const auto* call = std::get_if<ast::Call>(&predicate.kind)) {
    return call->name == "re.regex" && !call->arguments.empty() && call->arguments[0].value &&
           RefersTo(*call->arguments[0].value, ph);
  }
  const auto* cmp = std::get_if<ast::Comparison>(&predicate.kind);
  if (cmp == nullptr || !cmp->lhs || !cmp->rhs) return false;
  const ast::Expr* subject = nullptr;
  const ast::Expr* value = nullptr;
  if (RefersTo(*cmp->lhs, ph)) {
    subject = cmp->lhs.get();
    value = cmp->rhs.get();
  } else if (RefersTo(*cmp->rhs, ph)) {
    subject = cmp->rhs.get();
    value = cmp->lhs.get();
  }
  if (subject == nullptr) return false;
  switch (cmp->op) {
    case ast::ComparisonOp::kNe:
      return IsZeroLiteral(*value);
    case ast::ComparisonOp::kEq:
      return IsNonZeroLiteral(*value) || std::holds_alternative<ast::RegexLiteral>(value->kind);
    case ast::ComparisonOp::kGt:
    case ast::ComparisonOp::kLt:
      return std::holds_alternative<ast::NumberLiteral>(value->kind);
    default:
      return false;
  }
}

void CheckPlaceholderJoins(const RuleView& view, std::vector<Diagnostic>& out) {
  std::vector<const ast::Expr*> predicates = ConjunctivePredicates(view.rule);
  for (const auto& [name, ph] : view.placeholders) {
    if (ph.event_variables.size() < 2 || ph.bindings.empty()) continue;
    // Match variables bound to a field are filtered implicitly (spec §6.5),
    // and the style guide asks not to repeat that filter.
    if (ph.is_match_variable && ph.from_field && !view.allow_zero_values) continue;
    bool guarded = false;
    for (const ast::Expr* predicate : predicates) {
      if (IsGuard(*predicate, ph)) {
        guarded = true;
        break;
      }
    }
    if (guarded) continue;
    std::string vars;
    for (const std::string& v : ph.event_variables) vars += (vars.empty() ? "`$" : ", `$") + v + "`";
    Diagnostic d = MakeWarning(
        codes::kUnguardedPlaceholderJoin,
        "placeholder `$" + name + "` joins " + vars + " but nothing excludes empty values",
        ph.first_use,
        "add `$" + name + " != \"\"` (or `!= 0` for a number) to events: events whose field is "
        "unset would otherwise join each other");
    for (const ast::Expr* binding : ph.bindings) d.secondary.push_back({binding->span, "joined here"});
    d.notes.push_back("zero values are filtered implicitly only for match variables assigned from a field (spec §6.5)");
    out.push_back(std::move(d));
  }
}

void CheckUnusedPlaceholders(const RuleView& view, std::vector<Diagnostic>& out) {
  for (const auto& [name, ph] : view.placeholders) {
    if (ph.used_outside_events || ph.event_variables.size() >= 2 || ph.bindings.empty()) continue;
    out.push_back(MakeWarning(
        codes::kUnusedPlaceholder,
        "placeholder `$" + name + "` is never used in match, outcome or condition",
        ph.first_use,
        "remove the assignment, or compare the field directly instead of through `$" + name +
            "`"));
  }
}

}  // namespace

void CheckEvents(const RuleView& view, std::vector<Diagnostic>& out) {
  CheckEventTypeFilter(view, out);
  CheckPlaceholderJoins(view, out);
  CheckUnusedPlaceholders(view, out);
}

}  // namespace yaral::lint

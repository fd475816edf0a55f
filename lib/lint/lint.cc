// The lint registry, the rule view shared by the checks, and LintRule, which
// runs every check group on one rule.
#include "lint/lint.h"

#include <type_traits>
#include <utility>
#include <variant>

#include "lint/lint_internal.h"

namespace yaral::lint {
namespace {

bool ContainsFieldPath(const ast::Expr& expr) {
  bool found = false;
  ForEachExpr(expr, [&found](const ast::Expr& e) {
    if (const auto* path = std::get_if<ast::FieldPath>(&e.kind)) {
      if (!path->variable.empty()) found = true;
    }
  });
  return found;
}

// Event variables as the AST shows them: every `$x` that has fields read.
// The first segment picks the record kind (spec §3.1).
void CollectEventVariables(RuleView& view) {
  ForEachRootExpr(view.rule, [&view](ast::SectionKind, const ast::Expr& root) {
    ForEachExpr(root, [&view](const ast::Expr& e) {
      const auto* path = std::get_if<ast::FieldPath>(&e.kind);
      if (path == nullptr || path->variable.empty() || path->segments.empty() ||
          path->segments.front().name.empty()) {
        return;
      }
      if (view.events.contains(path->variable)) return;
      EventVarView var;
      var.name = path->variable;
      const std::string& first = path->segments.front().name;
      var.root = first == "graph"       ? PathRoot::kGraph
                 : first == "detection" ? PathRoot::kDetection
                                        : PathRoot::kUdm;
      var.first_use = VariableSpan(e, *path);
      view.events.emplace(var.name, var);
    });
  });
  // The checker's view wins where it has one: it sees roots the same way but
  // also knows variables whose only use was in error.
  for (const auto& [name, fact] : view.facts.events) {
    EventVarView& var = view.events[name];
    var.name = name;
    var.root = fact.root;
    if (var.first_use.size() == 0) var.first_use = fact.first_use;
  }
}

// Placeholders: variables of the events section that are not event
// variables, with the `$ph = <expression over fields>` predicates binding them.
void CollectPlaceholders(RuleView& view) {
  if (!view.rule.events) return;
  auto note_use = [&view](const ast::Expr& e) {
    const auto* var = std::get_if<ast::Variable>(&e.kind);
    if (var == nullptr || view.events.contains(var->name)) return;
    PlaceholderView& ph = view.placeholders[var->name];
    if (ph.name.empty()) {
      ph.name = var->name;
      ph.first_use = e.span;
    }
  };
  for (const ast::ExprPtr& predicate : view.rule.events->predicates) ForEachExpr(*predicate, note_use);

  // The checker's record of assignments; lint counts those of a conjunct
  // whose value reads a field.
  for (const sema::PlaceholderAssignment& assignment : view.facts.assignments) {
    const ast::Expr* other = assignment.value;
    if (!assignment.top_level || !view.placeholders.contains(assignment.placeholder)) continue;
    if (!ContainsFieldPath(*other)) continue;
    PlaceholderView& ph = view.placeholders[assignment.placeholder];
    ph.bindings.push_back(assignment.comparison);
    if (const auto* path = std::get_if<ast::FieldPath>(&other->kind)) {
      ph.from_field = true;
      ph.bound_fields.insert(path->ToString());
    }
    ForEachExpr(*other, [&ph](const ast::Expr& e) {
      if (const auto* path = std::get_if<ast::FieldPath>(&e.kind)) {
        if (!path->variable.empty()) ph.event_variables.insert(path->variable);
      }
    });
  }
  for (const auto& [name, fact] : view.facts.placeholders) {
    auto it = view.placeholders.find(name);
    if (it == view.placeholders.end()) continue;
    it->second.event_variables.insert(fact.event_variables.begin(), fact.event_variables.end());
    it->second.from_field = it->second.from_field || fact.from_field;
  }

  // Uses outside events: match keys, outcome, condition, setup and export.
  ForEachRootExpr(view.rule, [&view](ast::SectionKind section, const ast::Expr& root) {
    if (section == ast::SectionKind::kEvents) return;
    ForEachExpr(root, [&view, section](const ast::Expr& e) {
      std::string name;
      if (const auto* var = std::get_if<ast::Variable>(&e.kind)) name = var->name;
      if (const auto* count = std::get_if<ast::Count>(&e.kind)) name = count->name;
      auto it = view.placeholders.find(name);
      if (it == view.placeholders.end()) return;
      it->second.used_outside_events = true;
      if (section == ast::SectionKind::kMatch) it->second.is_match_variable = true;
    });
  });
  for (const std::string& name : view.facts.match_variables) {
    auto it = view.placeholders.find(name);
    if (it != view.placeholders.end()) it->second.is_match_variable = true;
  }
}

}  // namespace

const std::vector<LintCheckInfo>& AllLintChecks() {
  // Which checks run by default; their titles are the catalogue's.
  static const auto* checks = [] {
    const std::pair<std::string_view, bool> kChecks[] = {
        {codes::kMissingEventTypeFilter, true},   {codes::kUnguardedPlaceholderJoin, true},
        {codes::kUnusedPlaceholder, true},        {codes::kRegexCouldBeEquality, true},
        {codes::kRegexLeadingTrailingWildcard, true}, {codes::kRegexCaseFlagWithNocase, true},
        {codes::kMixedCaseInsensitivity, false},  {codes::kLargeMatchWindow, true},
        {codes::kDeprecatedField, true},          {codes::kMissingMetaFields, true},
        {codes::kRuleNameMismatch, true},         {codes::kDuplicateRuleName, true},
        {codes::kSelfComparison, true},           {codes::kDuplicatePredicate, true},
        {codes::kNocaseOnEnumField, true},        {codes::kNocaseWithoutLetters, true},
        {codes::kRegexMatchesEverything, true},   {codes::kRegexUnescapedDot, true},
        {codes::kDuplicateMetaKey, true},         {codes::kEmptyMetaValue, true},
        {codes::kUnknownMetaSeverity, true},      {codes::kRuleNameNotSnakeCase, true},
        {codes::kRegexOnEnumField, true},
        {codes::kCaseFunctionInsteadOfNocase, true},
    };
    auto* out = new std::vector<LintCheckInfo>;
    for (const auto& [code, enabled] : kChecks) {
      out->push_back({code, FindDiagnosticInfo(code)->title, enabled});
    }
    return out;
  }();
  return *checks;
}

void ForEachExpr(const ast::Expr& expr, const std::function<void(const ast::Expr&)>& visit) {
  visit(expr);
  ast::ForEachChild(expr, [&visit](const ast::Expr& child) { ForEachExpr(child, visit); });
}

void ForEachRootExpr(const ast::Rule& rule,
                     const std::function<void(ast::SectionKind, const ast::Expr&)>& visit) {
  using ast::SectionKind;
  auto visit_actions = [&visit](SectionKind kind, const std::vector<ast::TableAction>& actions) {
    for (const ast::TableAction& action : actions) {
      for (const ast::Argument& a : action.arguments) {
        if (a.value) visit(kind, *a.value);
      }
    }
  };
  if (rule.setup) visit_actions(SectionKind::kSetup, rule.setup->actions);
  if (rule.events) {
    for (const ast::ExprPtr& e : rule.events->predicates) {
      if (e) visit(SectionKind::kEvents, *e);
    }
  }
  if (rule.match) {
    for (const ast::ExprPtr& e : rule.match->keys) {
      if (e) visit(SectionKind::kMatch, *e);
    }
  }
  if (rule.outcome) {
    for (const ast::OutcomeAssignment& a : rule.outcome->assignments) {
      if (a.value) visit(SectionKind::kOutcome, *a.value);
    }
  }
  if (rule.condition && rule.condition->expr) visit(SectionKind::kCondition, *rule.condition->expr);
  if (rule.export_) visit_actions(SectionKind::kExport, rule.export_->actions);
}

std::vector<const ast::Expr*> ConjunctivePredicates(const ast::Rule& rule) {
  std::vector<const ast::Expr*> out;
  if (!rule.events) return out;
  std::vector<const ast::Expr*> pending;
  for (auto it = rule.events->predicates.rbegin(); it != rule.events->predicates.rend(); ++it) {
    if (*it) pending.push_back(it->get());
  }
  while (!pending.empty()) {
    const ast::Expr* e = pending.back();
    pending.pop_back();
    const auto* bin = std::get_if<ast::Binary>(&e->kind);
    if (bin != nullptr && bin->op == ast::BinaryOp::kAnd) {
      if (bin->rhs) pending.push_back(bin->rhs.get());
      if (bin->lhs) pending.push_back(bin->lhs.get());
      continue;
    }
    out.push_back(e);
  }
  return out;
}

RuleView BuildRuleView(const ast::Rule& rule, const sema::RuleFacts& facts,
                       const SourceFile& source) {
  RuleView view{rule, facts, source, {}, {}, facts.options.allow_zero_values};
  CollectEventVariables(view);
  CollectPlaceholders(view);
  return view;
}

Diagnostic MakeWarning(std::string_view code, std::string message, SourceSpan span,
                       std::string help) {
  return MakeDiagnostic(code, std::move(message), span, std::move(help));
}

SourceSpan VariableSpan(const ast::Expr& field_path_expr, const ast::FieldPath& path) {
  uint32_t begin = field_path_expr.span.begin;
  uint32_t end = begin + 1 + static_cast<uint32_t>(path.variable.size());
  if (end > field_path_expr.span.end) end = field_path_expr.span.end;
  return {begin, end};
}

void LintRule(const ast::Rule& rule, const sema::RuleFacts& facts, const SourceFile& source,
              std::vector<Diagnostic>& diagnostics) {
  RuleView view = BuildRuleView(rule, facts, source);
  CheckEvents(view, diagnostics);
  CheckRegexes(view, diagnostics);
  CheckWindow(view, diagnostics);
  CheckDeprecated(view, diagnostics);
  CheckMeta(view, diagnostics);
  CheckPredicates(view, diagnostics);
}

}  // namespace yaral::lint

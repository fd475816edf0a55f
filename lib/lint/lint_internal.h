// Shared pieces of the lint checks: a view of the rule that every check needs
// (event variables, placeholders, regex sites), built once per rule, and the
// entry points of the check groups.
//
// The view prefers the checker's RuleFacts and falls back to what the AST
// says, so lint still works on rules the analyzer could not fully type.
#ifndef YARAL_LIB_LINT_LINT_INTERNAL_H_
#define YARAL_LIB_LINT_LINT_INTERNAL_H_

#include <functional>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "sema/rule_facts.h"
#include "yaral/ast.h"
#include "yaral/diagnostics.h"
#include "yaral/lint_codes.h"
#include "yaral/schema.h"
#include "yaral/source.h"

namespace yaral::lint {

// The codes are yaral::codes (include/yaral/diagnostics.h), catalogued with
// the errors so every writer finds their titles.

// Calls `visit` on `expr` and every expression below it, parents first.
void ForEachExpr(const ast::Expr& expr, const std::function<void(const ast::Expr&)>& visit);

// Calls `visit` on every root expression of the rule's sections, with the
// section it sits in.
void ForEachRootExpr(const ast::Rule& rule,
                     const std::function<void(ast::SectionKind, const ast::Expr&)>& visit);

// The events predicates that hold for every match: the top-level ones and the
// operands of `and` below them, but nothing under `or` or `not`.
std::vector<const ast::Expr*> ConjunctivePredicates(const ast::Rule& rule);

struct EventVarView {
  std::string name;
  PathRoot root = PathRoot::kUdm;
  SourceSpan first_use;  // the `$e` of its first field path
};

struct PlaceholderView {
  std::string name;
  SourceSpan first_use;
  std::set<std::string> event_variables;
  bool from_field = false;
  std::vector<const ast::Expr*> bindings;    // the `$ph = ...` comparisons
  std::set<std::string> bound_fields;        // "$e.principal.hostname"
  bool used_outside_events = false;          // match, outcome, condition, export
  bool is_match_variable = false;
};

// What the checks need to know about one rule.
struct RuleView {
  const ast::Rule& rule;
  const sema::RuleFacts& facts;
  const SourceFile& source;
  std::map<std::string, EventVarView> events;
  std::map<std::string, PlaceholderView> placeholders;
  bool allow_zero_values = false;  // facts.options.allow_zero_values
};

RuleView BuildRuleView(const ast::Rule& rule, const sema::RuleFacts& facts,
                       const SourceFile& source);

// A warning with the given code; callers fill in the rest.
Diagnostic MakeWarning(std::string_view code, std::string message, SourceSpan span,
                       std::string help);

// `$name` of a field path's variable: the span of the sigil and the name.
SourceSpan VariableSpan(const ast::Expr& field_path_expr, const ast::FieldPath& path);

// Check groups, one per file.
void CheckEvents(const RuleView& view, std::vector<Diagnostic>& out);      // event_checks.cc
void CheckRegexes(const RuleView& view, std::vector<Diagnostic>& out);     // regex_checks.cc
void CheckMeta(const RuleView& view, std::vector<Diagnostic>& out);        // meta_checks.cc
void CheckWindow(const RuleView& view, std::vector<Diagnostic>& out);      // window_checks.cc
void CheckDeprecated(const RuleView& view, std::vector<Diagnostic>& out);  // field_checks.cc
void CheckPredicates(const RuleView& view, std::vector<Diagnostic>& out);  // predicate_checks.cc

}  // namespace yaral::lint

#endif  // YARAL_LIB_LINT_LINT_INTERNAL_H_

// What the checker learns about a rule, kept beside the AST (keyed by name or
// by NodeId) instead of written into it. Lint and the plan compiler read
// these facts rather than re-deriving them.
#ifndef YARAL_LIB_SEMA_RULE_FACTS_H_
#define YARAL_LIB_SEMA_RULE_FACTS_H_

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "yaral/ast.h"
#include "yaral/schema.h"
#include "yaral/source.h"
#include "yaral/types.h"

namespace yaral::functions {
struct FunctionInfo;  // functions/function_registry.h
}  // namespace yaral::functions

namespace yaral::sema {

// An event variable: `$e` in `$e.metadata.event_type`.
struct EventVariable {
  std::string name;
  PathRoot root = PathRoot::kUdm;  // udm, graph or detection (first use)
  SourceSpan first_use;
};

// A placeholder: a `$name` assigned in `events` (`$host = $e.principal.hostname`).
struct Placeholder {
  std::string name;
  SourceSpan first_use;
  // Event variables whose fields it is assigned from, directly or through a
  // function of one event variable.
  std::set<std::string> event_variables;
  // Assigned at least once directly from an event field (not only from a
  // function): zero-value filtering applies to it (spec §6.5).
  bool from_field = false;
  // The `$x = ...` / `... = $x` predicates that bind it.
  std::vector<ast::NodeId> bindings;
  Type type;
  bool used_outside_events = false;  // in match, outcome or condition
};

// One `$ph = value` (or `value = $ph`) equality in `events`: the one record
// of placeholder assignments, read by the checker's passes, lint and
// lowering. `$a = $b` between two placeholders is two entries.
struct PlaceholderAssignment {
  std::string placeholder;
  const ast::Expr* value = nullptr;       // the other side of the `=`
  const ast::Expr* comparison = nullptr;  // the `=` itself
  // A conjunct of the events section (not under `or`, `not` or a call): it
  // holds for every match.
  bool top_level = false;
  // Lowering evaluates it on one event's rows to bind the placeholder: top
  // level, case-sensitive, and the value is no bare variable but reads an
  // event field, a placeholder or a data-table column. Any other assignment
  // is an ordinary predicate (a filter or a join).
  bool binds = false;
};

struct OutcomeVariable {
  std::string name;
  SourceSpan span;
  size_t index = 0;  // position in the outcome section
  Type type;
};

// The options section as the checker accepted it (spec §9). An option left
// out, or written with a value the checker rejected, keeps its default.
struct RuleOptions {
  // Match variables keep zero values ("", 0, an enum's first value) instead
  // of dropping the binding (spec §6.5).
  bool allow_zero_values = false;
  // Seconds after a detection in which the same suppression key is not
  // reported again; 0 for none.
  int64_t suppression_window_seconds = 0;
};

struct RuleFacts {
  std::map<std::string, EventVariable> events;
  std::map<std::string, Placeholder> placeholders;
  std::map<std::string, OutcomeVariable> outcomes;
  // Every placeholder assignment in `events`, in source order.
  std::vector<PlaceholderAssignment> assignments;
  std::set<std::string> match_variables;
  // Variables bound to a data-table row with `$row in data_table.name`, a
  // form from Google's SDK documentation: their fields are table columns,
  // not UDM fields.
  std::set<std::string> table_rows;
  bool has_match = false;  // multi-event rule (spec §6.8)
  // Event variables the condition lets be absent (`!$e`, `#e = 0`, `#e < 3`)
  // and never requires (`$e`, `#e > 0`, `#e != 0`): bounded wins (spec §8.3
  // item 6). The engine joins them as outer joins.
  std::set<std::string> optional_events;
  // Field-path nodes that resolved in the schema.
  std::unordered_map<ast::NodeId, ResolvedPath> paths;
  // The checker's type for every expression node it typed.
  std::unordered_map<ast::NodeId, Type> types;
  // The registry entry of every call that names a known function, by the
  // Call expression's id: the only place a function name is looked up.
  // Lowering reads the implementation (`eval`) and the aggregation kind
  // from it; the entries live as long as the process.
  std::unordered_map<ast::NodeId, const functions::FunctionInfo*> functions;
  RuleOptions options;
};

}  // namespace yaral::sema

#endif  // YARAL_LIB_SEMA_RULE_FACTS_H_

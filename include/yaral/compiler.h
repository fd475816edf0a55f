// Compiling rules: text to checked, lowered, immutable rules the engine runs
// (yaral/engine.h).
//
//   yaral::SourceFile file("rules/t1071.yaral", text);
//   yaral::CompileResult compiled = yaral::CompileRules(file);
//   if (!compiled.ok()) { ...print compiled.diagnostics...; return; }
//
// Compiling checks the rule exactly as `yaral check` does (without lint) and
// lowers it into a plan (docs/architecture.md): per event variable a filter
// program over the few fields the rule reads, the joins, the match key and
// window, the outcome and condition programs. The plan stays inside the
// library; `CompiledRule::Explain()` prints it.
//
// Thread-safety: a CompiledRule is immutable and may be shared by any number
// of threads and engines.
#ifndef YARAL_COMPILER_H_
#define YARAL_COMPILER_H_

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "yaral/data_tables.h"
#include "yaral/diagnostics.h"
#include "yaral/reference_lists.h"
#include "yaral/source.h"
#include "yaral/value.h"

namespace yaral {

namespace plan {
struct Plan;  // lib/compile/plan.h
}  // namespace plan
namespace internal {
struct PlanAccess;  // lib/compile/plan_access.h
}  // namespace internal

struct CompileOptions {
  // Reference lists and data tables the rules may name (`%name`,
  // `%table.column`). A rule naming one that is absent does not compile
  // (E800). Shared, so compiled rules can keep them alive.
  std::shared_ptr<const ReferenceListSet> lists;
  std::shared_ptr<const DataTableSet> tables;
};

// One rule, checked and lowered. Cheap to copy (the plan is shared).
class CompiledRule {
 public:
  const std::string& name() const;
  // `meta:` entries in rule order; values keep their literal types.
  const std::vector<std::pair<std::string, Value>>& meta() const;
  // True with a match section (windows, groups); false for single-event
  // rules, which give one detection per qualifying event.
  bool has_match() const;
  // The plan as `yaral explain` prints it: event variables with their
  // filters, fields read, joins, match key and window, outcomes, condition.
  std::string Explain() const;


 private:
  // Only the library makes compiled rules and reads their plans
  // (lib/compile/plan_access.h): the plan is no part of the API.
  friend struct internal::PlanAccess;
  explicit CompiledRule(std::shared_ptr<const plan::Plan> plan) : plan_(std::move(plan)) {}

  std::shared_ptr<const plan::Plan> plan_;
};

struct CompileResult {
  std::vector<CompiledRule> rules;      // the rules without errors
  std::vector<Diagnostic> diagnostics;  // errors (and warnings) of all rules
  bool ok() const;                      // no error at all
};

// Parses, checks and compiles every rule of `source`. A rule with an error
// is left out of `rules`; the others still compile.
CompileResult CompileRules(const SourceFile& source, const CompileOptions& options = {});

}  // namespace yaral

#endif  // YARAL_COMPILER_H_

// Best-practice warnings (lint). Each check has a stable snake_case code,
// documented in docs/lint.md with its rationale and a bad and a good example.
#ifndef YARAL_LIB_LINT_LINT_H_
#define YARAL_LIB_LINT_LINT_H_

#include <string_view>
#include <vector>

#include "sema/rule_facts.h"
#include "yaral/ast.h"
#include "yaral/diagnostics.h"
#include "yaral/source.h"

namespace yaral::lint {

struct LintCheckInfo {
  std::string_view code;     // "missing_event_type_filter"
  std::string_view title;    // one line
  bool enabled_by_default = true;
};

// Every lint check, in documentation order.
const std::vector<LintCheckInfo>& AllLintChecks();

// Runs every lint check on one rule. `facts` are the checker's findings for
// the rule; `source` gives the file name (for the rule-name check) and text.
void LintRule(const ast::Rule& rule, const sema::RuleFacts& facts, const SourceFile& source,
              std::vector<Diagnostic>& diagnostics);

}  // namespace yaral::lint

#endif  // YARAL_LIB_LINT_LINT_H_

// The semantic checks of spec §12: names, types, joins, and the rules of the
// match, outcome, condition and options sections.
#ifndef YARAL_LIB_SEMA_ANALYZER_H_
#define YARAL_LIB_SEMA_ANALYZER_H_

#include <vector>

#include "sema/rule_facts.h"
#include "yaral/ast.h"
#include "yaral/diagnostics.h"

namespace yaral::sema {

// Checks one rule, appending errors to `diagnostics`, and returns the facts
// learned on the way (complete even when there were errors, as far as the
// rule allowed).
RuleFacts AnalyzeRule(const ast::Rule& rule, std::vector<Diagnostic>& diagnostics);

}  // namespace yaral::sema

#endif  // YARAL_LIB_SEMA_ANALYZER_H_

// Lowering one checked rule into a Plan. Private to lib/compile.
#ifndef YARAL_LIB_COMPILE_LOWERING_H_
#define YARAL_LIB_COMPILE_LOWERING_H_

#include <memory>
#include <vector>

#include "compile/plan.h"
#include "sema/rule_facts.h"
#include "yaral/ast.h"
#include "yaral/diagnostics.h"
#include "yaral/compiler.h"
#include "yaral/source.h"

namespace yaral::compile {

// Lowers `rule`, which the checker accepted with `facts`. Problems only the
// engine can see (a list that was not loaded, a feature it does not run)
// are appended to `diagnostics` as errors, and the result is then null.
std::shared_ptr<const plan::Plan> LowerRule(const ast::Rule& rule, const sema::RuleFacts& facts,
                                            const SourceFile& source,
                                            const CompileOptions& options,
                                            std::vector<Diagnostic>& diagnostics);

}  // namespace yaral::compile

#endif  // YARAL_LIB_COMPILE_LOWERING_H_

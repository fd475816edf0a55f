// Resolving a rule's `%name` references against loaded reference lists, for
// CheckSource (yaral/checker.h). Private to lib/check.
#ifndef YARAL_LIB_CHECK_LIST_REFERENCES_H_
#define YARAL_LIB_CHECK_LIST_REFERENCES_H_

#include <vector>

#include "yaral/ast.h"
#include "yaral/diagnostics.h"
#include "yaral/reference_lists.h"

namespace yaral::check {

// Prepares every list `rule` tests with `in` for the kind it asks for.
// What is wrong with the use (an unknown name, E705; a kind the list does
// not declare, E702) goes to `diagnostics`, at the reference; what is wrong
// inside the list file goes to `list_diagnostics`.
void CheckListReferences(const ast::Rule& rule, const ReferenceListSet& lists,
                         std::vector<Diagnostic>& diagnostics,
                         std::vector<SourcedDiagnostic>& list_diagnostics);

}  // namespace yaral::check

#endif  // YARAL_LIB_CHECK_LIST_REFERENCES_H_

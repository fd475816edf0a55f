// Loading what `run` and `explain` need before events flow: reference
// lists, data tables and compiled rules, with their diagnostics printed to
// stderr the way `yaral check` prints them.
#ifndef YARAL_TOOLS_YARAL_RULE_LOADING_H_
#define YARAL_TOOLS_YARAL_RULE_LOADING_H_

#include <string>
#include <vector>

#include "yaral/engine.h"

namespace yaral::cli {

// Loads `lists_dir` and `tables_dir` (either may be empty: not used) into
// `options`. Prints every diagnostic; false when one is an error.
bool LoadListsAndTables(const std::string& lists_dir, const std::string& tables_dir,
                        CompileOptions& options);

// Compiles every rule of every file into `rules` (directories are searched
// for *.yaral files), printing diagnostics.
// Returns kExitOk, kExitRuleErrors (some rule has errors) or kExitUsageOrIo
// (a file could not be read, or holds no rule).
int CompileRuleFiles(const std::vector<std::string>& paths, const CompileOptions& options,
                     const std::string& color, std::vector<CompiledRule>& rules);

}  // namespace yaral::cli

#endif  // YARAL_TOOLS_YARAL_RULE_LOADING_H_

// A unified diff between two versions of a file, as `diff -u` and `git diff`
// print it, for the verbs that can show what they would change instead of
// writing it (`fmt --diff`, `check --fix --diff`). The diff itself is dtl's
// (Debian's libdtl-dev); this only splits lines and adds the file header.
#ifndef YARAL_TOOLS_YARAL_UNIFIED_DIFF_H_
#define YARAL_TOOLS_YARAL_UNIFIED_DIFF_H_

#include <string>
#include <string_view>

namespace yaral::cli {

// Empty when the texts are equal; otherwise `--- a/NAME`, `+++ b/NAME` and
// the hunks, with three lines of context.
std::string UnifiedDiff(std::string_view name, std::string_view before, std::string_view after);

}  // namespace yaral::cli

#endif  // YARAL_TOOLS_YARAL_UNIFIED_DIFF_H_

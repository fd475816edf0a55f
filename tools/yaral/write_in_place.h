// Rewriting a rule file in place for the verbs that change files (`fmt`,
// `check --fix`): the new text goes to a sibling temporary file that is then
// renamed over the original, so an interrupted run never leaves half a rule,
// and the original's permissions are kept.
#ifndef YARAL_TOOLS_YARAL_WRITE_IN_PLACE_H_
#define YARAL_TOOLS_YARAL_WRITE_IN_PLACE_H_

#include <string>

namespace yaral::cli {

// Replaces the file at `path` with `text`. Returns an error message, or ""
// on success; on failure the original is untouched and no temporary is left.
std::string WriteInPlace(const std::string& path, const std::string& text);

}  // namespace yaral::cli

#endif  // YARAL_TOOLS_YARAL_WRITE_IN_PLACE_H_

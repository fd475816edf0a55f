// `yaral check --fix` and `--fix --diff`: the verb's side of FixSource
// (yaral/fixer.h). For each file it applies the safe fixes, writes the file
// (or, with --diff, prints what would change), says on stderr what was fixed
// and what was refused, and hands back the text whose findings the verb
// reports: the fixed text, or the input when nothing was kept.
#ifndef YARAL_TOOLS_YARAL_CHECK_FIX_H_
#define YARAL_TOOLS_YARAL_CHECK_FIX_H_

#include <string>

#include "yaral/checker.h"
#include "yaral/diagnostics.h"
#include "yaral/source.h"

namespace yaral::cli {

class RuleFixer {
 public:
  // `diff_only`: print unified diffs on stdout instead of writing files.
  RuleFixer(bool diff_only, RenderOptions render) : diff_only_(diff_only), render_(render) {}

  // Fixes `source` (read from `path`) and returns the check of the text that
  // is now the file's (or would be, with --diff); `source` becomes that text.
  // A file that cannot be written sets `write_error`.
  CheckResult Fix(const std::string& path, SourceFile& source, const CheckOptions& options,
                  bool& write_error);

  // The second summary line: fixes applied (or that would be), files
  // changed, files where fixes were refused.
  std::string Summary() const;
  // With --diff: whether any file would change (exit 1, as `fmt --diff`).
  bool would_change() const { return diff_only_ && files_changed_ > 0; }

 private:
  bool diff_only_;
  RenderOptions render_;
  int fixes_ = 0;
  int files_changed_ = 0;
  int files_refused_ = 0;
};

}  // namespace yaral::cli

#endif  // YARAL_TOOLS_YARAL_CHECK_FIX_H_

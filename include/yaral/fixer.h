// Fixing rules: applying the edits the checker and linter attach to their
// findings (Diagnostic::fixes), as `yaral check --fix` does.
//
//   yaral::SourceFile file("rules/login.yaral", text);
//   yaral::FixResult fixed = yaral::FixSource(file);
//   if (fixed.changed()) { ...write fixed.text; report fixed.applied... }
//   else if (!fixed.refusal.empty()) { ...the file stays as it was: say why... }
//
// A diagnostic carries fixes only when they are safe to apply without a
// person choosing: a respelling of a field, enum value or list name that no
// other name comes as close to, or a rewrite that keeps the rule's meaning
// (docs/cli.md, "check --fix", lists them). FixSource checks the file, applies
// every fix from the end of the text backwards, checks the result again and
// repeats while fixes apply, at most kMaxFixPasses rounds: a round may reveal
// errors that the next one fixes (a path's second misspelt segment is only
// reported once the first is respelt). The text kept is that of the last
// round whose check finds no error the input did not have (the input itself
// when there is none); `refusal` says why later rounds were not kept. A file
// with syntax errors is not fixed: error recovery's tree cannot vouch for a
// re-check.
//
// Thread-safety: as CheckSource (yaral/checker.h).
#ifndef YARAL_FIXER_H_
#define YARAL_FIXER_H_

#include <string>
#include <string_view>
#include <vector>

#include "yaral/checker.h"
#include "yaral/diagnostics.h"
#include "yaral/source.h"

namespace yaral {

// What became of one diagnostic's fixes in ApplyFixes.
enum class FixOutcome {
  kApplied,
  kNoFix,        // the diagnostic has no fixes
  kOverlapping,  // its edits overlap another diagnostic's, applied first, or each other
  kOutOfRange,   // an edit's span is not inside the text (a diagnostic of another text)
};

struct AppliedEdits {
  std::string text;
  std::vector<FixOutcome> outcomes;  // one per diagnostic, in the order given
  int applied() const;               // how many diagnostics had their fixes applied
};

// Applies the fixes of `diagnostics` to `text`, each diagnostic's edits
// together or not at all. Edits are applied from the end of the text
// backwards, so every span still refers to the original text; where two
// diagnostics' edits overlap, the one further on wins and the other is
// kOverlapping. A diagnostic whose edits are exactly those of one applied
// before (a finding reported twice) counts as applied. Pure: no checking.
AppliedEdits ApplyFixes(std::string_view text, const std::vector<Diagnostic>& diagnostics);

// The most rounds of check-and-fix FixSource runs on one file.
inline constexpr int kMaxFixPasses = 8;

struct FixResult {
  std::string text;  // the fixed text, or the input when nothing was kept
  // The findings that were fixed, with spans in the input text, in the order
  // of the text.
  std::vector<Diagnostic> applied;
  // Why fixes were on offer but (some) were not kept, or empty. `new_errors`
  // holds the errors of the last round's text (`rejected_text`) that the
  // input did not have, with spans in that text, so they can be shown.
  std::string refusal;
  std::vector<Diagnostic> new_errors;
  std::string rejected_text;
  // The check of `text`: what is left to fix by hand.
  CheckResult check;

  bool changed() const { return !applied.empty(); }
};

FixResult FixSource(const SourceFile& source, const CheckOptions& options = {});

}  // namespace yaral

#endif  // YARAL_FIXER_H_

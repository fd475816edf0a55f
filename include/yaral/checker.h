// Checking rules offline: the errors SecOps's compiler would report, plus
// best-practice warnings (lint).
//
//   yaral::SourceFile file("rules/login.yaral", text);
//   yaral::CheckResult result = yaral::CheckSource(file);
//   for (const yaral::Diagnostic& d : result.diagnostics)
//     std::cerr << yaral::RenderDiagnostic(d, file);
//   bool ok = !yaral::HasErrors(result.diagnostics);
//
// CheckSource parses (yaral/parser.h), then runs the semantic checks of
// spec §12 on every rule (codes E2xx–E6xx), then the lint checks (snake_case
// codes, warnings by default; docs/lint.md), then drops what the options or
// the file's `// yaral:ignore CODE` comments suppress. Errors cannot be
// suppressed by comments; lint warnings can.
//
// With CheckOptions::lists, every `%name` a rule tests with `in` is also
// resolved against those reference lists: an unknown name is E705 at the
// reference (with the closest loaded names), a use of the wrong kind E702
// at the reference, and the entries found invalid for a kind a rule uses
// (E305, E311, E701) go to CheckResult::list_diagnostics, in the list file.
// Data-table columns (`%table.column`) are not lists and are left alone.
//
// Thread-safety: CheckSource may be called from any thread (parsing is
// serialised internally; see parser.h). With CheckOptions::lists it prepares
// the lists for the kinds the rules use, which reference_lists.h asks to do
// on one thread: check the files that share a set one after another.
#ifndef YARAL_CHECKER_H_
#define YARAL_CHECKER_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "yaral/ast.h"
#include "yaral/diagnostics.h"
#include "yaral/parser.h"
#include "yaral/reference_lists.h"
#include "yaral/source.h"

namespace yaral {

struct CheckOptions {
  ParseOptions parse;
  // Run the lint checks. Off: errors only, as SecOps would report them.
  bool lint = true;
  // Lint codes (or `all`) to report; empty means the default set.
  std::vector<std::string> select;
  // Lint codes to drop. Applied after `select`.
  std::vector<std::string> ignore;
  // The reference lists the rules will run with. Null: `%name` is not
  // resolved, since nothing is known about the lists (SecOps checks them
  // against the tenant's).
  std::shared_ptr<const ReferenceListSet> lists;
};

struct CheckResult {
  ast::File file;                        // every rule that parsed
  std::vector<Diagnostic> diagnostics;   // sorted by position
  int suppressed = 0;                    // dropped by options or comments
  // Findings in list files, made when a kind a rule uses was compiled for
  // the first time (a list is compiled once per kind, so a later check with
  // the same set does not repeat them). Empty without CheckOptions::lists.
  std::vector<SourcedDiagnostic> list_diagnostics;
};

CheckResult CheckSource(const SourceFile& source, const CheckOptions& options = {});

// The inline suppressions of a file: `// yaral:ignore CODE[, CODE...]` at the
// end of a line suppresses those codes on that line; on a line of its own,
// on the next line that is not a comment; `// yaral:ignore-file CODE...`
// anywhere suppresses them in the whole file. Exposed for tools that
// filter diagnostics themselves.
bool IsSuppressedInline(const SourceFile& source, const Diagnostic& diagnostic);

// Whether `options` and the file's inline suppressions keep a lint finding:
// for tools that add findings of their own, such as the command line's
// cross-file duplicate-name check.
bool KeepsLintFinding(const CheckOptions& options, const SourceFile& source,
                      const Diagnostic& diagnostic);

// What is wrong with `code` as an entry of CheckOptions::select or ::ignore,
// or an empty string when it names a lint check (or is `all`, which only
// `select` takes). Errors are not selectable, so an E code is refused too.
//   LintCodeProblem("unused_placeholders", false)
//   -> "unknown lint code `unused_placeholders`; did you mean `unused_placeholder`?"
// Front ends refuse such options instead of silently selecting nothing.
std::string LintCodeProblem(std::string_view code, bool allow_all);

}  // namespace yaral

#endif  // YARAL_CHECKER_H_

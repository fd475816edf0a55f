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
// Thread-safety: CheckSource may be called from any thread (parsing is
// serialised internally; see parser.h).
#ifndef YARAL_CHECKER_H_
#define YARAL_CHECKER_H_

#include <string>
#include <vector>

#include "yaral/ast.h"
#include "yaral/diagnostics.h"
#include "yaral/parser.h"
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
};

struct CheckResult {
  ast::File file;                        // every rule that parsed
  std::vector<Diagnostic> diagnostics;   // sorted by position
  int suppressed = 0;                    // dropped by options or comments
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

}  // namespace yaral

#endif  // YARAL_CHECKER_H_

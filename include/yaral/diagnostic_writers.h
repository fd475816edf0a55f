// Machine-readable renderings of diagnostics: JSON, SARIF 2.1.0 and GitHub
// workflow annotations.
//
// They live in the library rather than the CLI so that every front end
// (`yaral parse`, `yaral check`, bindings) emits byte-identical output for the
// same findings. The formats are described in docs/diagnostics.md ("Output
// formats").
//
//   std::vector<yaral::FileDiagnostics> all = {{&file, result.diagnostics}};
//   std::cout << yaral::WriteDiagnosticsSarif(all, "0.1.0");
//
// Each writer returns complete output ending in a newline (or an empty string
// for GitHub annotations when there is nothing to report). Invalid UTF-8 in
// messages or file names becomes U+FFFD rather than failing.
//
// Thread-safety: all functions here are pure and thread-safe.
#ifndef YARAL_DIAGNOSTIC_WRITERS_H_
#define YARAL_DIAGNOSTIC_WRITERS_H_

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "yaral/diagnostics.h"
#include "yaral/source.h"

namespace yaral {

// The diagnostics of one file. `source` is not owned and must outlive the
// call; the writers need it to turn byte spans into lines and columns.
struct FileDiagnostics {
  FileDiagnostics() = default;
  FileDiagnostics(const SourceFile* source, std::vector<Diagnostic> diagnostics,
                  std::vector<std::pair<std::string, SourceSpan>> rules = {})
      : source(source), diagnostics(std::move(diagnostics)), rules(std::move(rules)) {}

  const SourceFile* source = nullptr;
  std::vector<Diagnostic> diagnostics;
  // Optional: the name and span of each rule in the file, so that the JSON
  // writer can name the rule a finding belongs to.
  std::vector<std::pair<std::string, SourceSpan>> rules;
};

// Where SARIF's `informationUri` and each rule's `helpUri` point. Code
// scanning shows these as links, so they must be absolute.
inline constexpr std::string_view kProjectUri = "https://github.com/yaral/yaral";

// The link for a code: its section of docs/diagnostics.md or docs/lint.md
// (DiagnosticInfo::doc_page and doc_anchor). Codes outside the catalogue link
// to docs/diagnostics.md itself. GithubHeadingAnchor is in diagnostics.h.
std::string DiagnosticHelpUri(std::string_view code);

// A JSON array, one object per diagnostic in file order then report order:
// {file, severity, code, message, line, column, end_line, end_column, notes,
//  help, labels:[{message, line, column, end_line, end_column}]}.
// Positions are 1-based; the end is exclusive; `help` is null when absent.
std::string WriteDiagnosticsJson(const std::vector<FileDiagnostics>& files);

// An input that could not be analysed at all (unreadable, not found).
struct InputNotification {
  std::string path;
  std::string message;  // "cannot read 'x.yaral': No such file or directory"
};

// A SARIF 2.1.0 log with one run, as GitHub code scanning accepts it:
// `tool.driver.rules` describes every code yaral can report (lint
// included), each result has `partialFingerprints` (stable across edits
// elsewhere in the file) and, when the checker suggests an edit, `fixes`.
// `unreadable` inputs become `invocations[0].toolExecutionNotifications`
// and make `executionSuccessful` false. docs/ci.md shows the upload.
std::string WriteDiagnosticsSarif(const std::vector<FileDiagnostics>& files,
                                  std::string_view tool_version,
                                  const std::vector<InputNotification>& unreadable = {});

struct GithubOptions {
  // At most this many annotations (0: no limit); the rest are counted by
  // code in one closing `::warning`. GitHub shows only the first few
  // annotations of a step, so a long list would hide the summary.
  size_t max_annotations = 0;
};

// One `::error file=...,line=...,col=...,endLine=...,endColumn=...,title=CODE::
// MESSAGE` workflow command per diagnostic (`::warning`, `::notice` for the
// other severities), each ending in a newline. MESSAGE carries the notes,
// the help line and the code's documentation link on lines of their own.
std::string WriteDiagnosticsGithub(const std::vector<FileDiagnostics>& files,
                                   const GithubOptions& options = {});

}  // namespace yaral

#endif  // YARAL_DIAGNOSTIC_WRITERS_H_

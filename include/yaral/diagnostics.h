// Diagnostics: what yaral tells a rule author about their rule.
//
// A Diagnostic is data, not a formatted string: a severity, a stable code
// (`E101`, or a snake_case lint name), a one-line message, a primary label on
// the offending text, optional secondary labels, notes and a help line. The
// text, JSON, SARIF and GitHub writers all render this one struct, so the same
// finding reads the same everywhere.
//
//   yaral::ParseResult result = yaral::Parse(file);
//   for (const yaral::Diagnostic& d : result.diagnostics)
//     std::cerr << yaral::RenderDiagnostic(d, file);
//   // rules/x.yaral:4:9: error: expected `:` after section name `events` [E102]
//   //     4 |   events
//   //       |         ^
//
// Codes never change meaning once released; `docs/diagnostics.md` lists every
// code with an explanation, and a test keeps that page and the catalogue below
// in step.
//
// Thread-safety: all functions here are pure and thread-safe.
#ifndef YARAL_DIAGNOSTICS_H_
#define YARAL_DIAGNOSTICS_H_

#include <string>
#include <string_view>
#include <vector>

#include "yaral/source.h"

namespace yaral {

enum class Severity { kError, kWarning, kNote };

std::string_view SeverityName(Severity severity);  // "error", "warning", "note"

// A piece of source text with a short explanation ("this window is 72h").
struct Label {
  SourceSpan span;
  std::string text;  // may be empty for the primary label
};

// A suggested edit: replace `span` with `replacement`.
struct Fix {
  SourceSpan span;
  std::string replacement;
};

struct Diagnostic {
  Severity severity = Severity::kError;
  std::string code;     // stable: "E102", "unused_placeholder"
  std::string message;  // one line, no trailing period
  Label primary;
  std::vector<Label> secondary;
  std::vector<std::string> notes;
  std::string help;  // an actionable suggestion, or empty
  std::vector<Fix> fixes;
};

bool HasErrors(const std::vector<Diagnostic>& diagnostics);

struct RenderOptions {
  bool color = false;          // ANSI colours; the CLI turns this on for a TTY
  bool show_source = true;     // the source line and caret under the message
};

// gcc-style rendering: `file:line:col: severity: message [CODE]`, then the
// source line with carets under the primary span, then notes and help.
std::string RenderDiagnostic(const Diagnostic& diagnostic,
                             const SourceFile& file,
                             const RenderOptions& options = {});

// The catalogue of every code yaral can emit.
struct DiagnosticInfo {
  std::string_view code;
  Severity default_severity;
  std::string_view title;  // short description used in docs and SARIF rules
};

const std::vector<DiagnosticInfo>& AllDiagnosticInfos();
const DiagnosticInfo* FindDiagnosticInfo(std::string_view code);

// Codes of the front end. Later stages add theirs to the same catalogue.
namespace codes {
// A bug in yaral, not in the rule: please report it.
inline constexpr std::string_view kInternalError = "E000";
// Input problems found before parsing.
inline constexpr std::string_view kEmptyInput = "E001";
inline constexpr std::string_view kNotText = "E002";
inline constexpr std::string_view kInputTooLarge = "E003";
inline constexpr std::string_view kNestingTooDeep = "E004";
inline constexpr std::string_view kTooManyErrors = "E005";
// Lexical and syntax errors.
inline constexpr std::string_view kSyntaxError = "E100";
inline constexpr std::string_view kUnexpectedCharacter = "E101";
inline constexpr std::string_view kMissingColon = "E102";
inline constexpr std::string_view kUnterminatedString = "E103";
inline constexpr std::string_view kUnterminatedComment = "E104";
inline constexpr std::string_view kUnterminatedRegex = "E105";
inline constexpr std::string_view kInvalidNumber = "E106";
inline constexpr std::string_view kInvalidDuration = "E107";
inline constexpr std::string_view kSectionOrder = "E110";
inline constexpr std::string_view kDuplicateSection = "E111";
inline constexpr std::string_view kMissingSection = "E112";
inline constexpr std::string_view kEmptySection = "E113";
inline constexpr std::string_view kSearchOnly = "E114";
inline constexpr std::string_view kReservedName = "E115";
inline constexpr std::string_view kLeadingParenArithmetic = "E116";
inline constexpr std::string_view kConditionComma = "E117";
inline constexpr std::string_view kMatchWindowSyntax = "E118";
}  // namespace codes

}  // namespace yaral

#endif  // YARAL_DIAGNOSTICS_H_

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
  // One edit, in one or more places, that a tool may apply without a person
  // choosing (`yaral check --fix`, yaral/fixer.h): a respelling no other name
  // comes as close to, or a rewrite that keeps the rule's meaning. A
  // suggestion that needs a choice stays in `help`. Empty when there is none.
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

// The catalogue of every code yaral can print: the errors of every stage
// (E000-E899) and the lint warnings (snake_case codes). Writers (text, JSON,
// SARIF, GitHub) and docs links read it; nothing else keeps a code's words.
//
//   const DiagnosticInfo* info = FindDiagnosticInfo("E102");
//   info->name           // "missing colon after section name" (docs heading)
//   info->title          // "missing `:` after a section name" (one line)
//   info->doc_page       // "docs/diagnostics.md" (lint codes: "docs/lint.md")
//   info->doc_anchor     // "e102--missing-colon-after-section-name"
//   info->default_severity
//   info->explanation    // the Markdown of that docs section
//
// The accessors are stable: fields are only ever added.
struct DiagnosticInfo {
  std::string_view code;
  Severity default_severity;
  // Short name: the words of the code's docs heading (`### E102 — name`); a
  // lint code's heading is the code itself.
  std::string_view name;
  // One line saying what is wrong, a fragment without a final period: SARIF's
  // shortDescription, and the summary `yaral check --list-checks` style
  // listings show.
  std::string_view title;
  // Where the code is explained, relative to the repository root, and the
  // anchor GitHub gives its heading there.
  std::string_view doc_page = "docs/diagnostics.md";
  std::string doc_anchor = {};
  // The code's section of its docs page, in Markdown, without the heading:
  // what the code means, an example and the fix. The page is compiled into
  // the library, so this is the same text as the docs.
  std::string explanation = {};
};

const std::vector<DiagnosticInfo>& AllDiagnosticInfos();
// The entry of `code`, or null for a code yaral never prints. Codes are
// case-sensitive.
const DiagnosticInfo* FindDiagnosticInfo(std::string_view code);

// The one factory of findings: a diagnostic of `code` at `span`, with the
// catalogue's default severity (kError for a code outside the catalogue), so
// no stage chooses a severity of its own.
Diagnostic MakeDiagnostic(std::string_view code, std::string message, SourceSpan span,
                          std::string help = "");

// The anchor GitHub gives a Markdown heading: lower-case, punctuation other
// than `-` and `_` dropped, spaces turned into `-`.
std::string GithubHeadingAnchor(std::string_view heading);

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
// Names and binding (lib/sema).
inline constexpr std::string_view kUnknownField = "E200";
inline constexpr std::string_view kUnknownEnumValue = "E201";
inline constexpr std::string_view kUndeclaredVariable = "E202";
inline constexpr std::string_view kUnboundPlaceholder = "E203";
inline constexpr std::string_view kDuplicateRule = "E204";
inline constexpr std::string_view kDuplicateOutcome = "E205";
inline constexpr std::string_view kDuplicateOption = "E206";
inline constexpr std::string_view kVariableKindConflict = "E207";
inline constexpr std::string_view kUnknownFunction = "E208";
// Types and expressions.
inline constexpr std::string_view kTypeMismatch = "E300";
inline constexpr std::string_view kLiteralComparison = "E301";
inline constexpr std::string_view kNocaseNotAllowed = "E302";
inline constexpr std::string_view kArgumentCount = "E303";
inline constexpr std::string_view kArgumentType = "E304";
inline constexpr std::string_view kInvalidRegex = "E305";
inline constexpr std::string_view kTooManyCaptureGroups = "E306";
inline constexpr std::string_view kQuantifierMisuse = "E307";
inline constexpr std::string_view kSubscriptMisuse = "E308";
inline constexpr std::string_view kSignedUnsignedArithmetic = "E309";
inline constexpr std::string_view kArithmeticType = "E310";
inline constexpr std::string_view kInvalidCidr = "E311";
inline constexpr std::string_view kNotAPredicate = "E312";
inline constexpr std::string_view kMisplacedFunction = "E313";
// Events: joins and lists.
inline constexpr std::string_view kNotJoined = "E400";
inline constexpr std::string_view kArithmeticInJoin = "E401";
inline constexpr std::string_view kFunctionEventCount = "E402";
inline constexpr std::string_view kTooManyListTests = "E403";
inline constexpr std::string_view kDataTableMix = "E404";
// Match, condition, outcome, options, meta.
inline constexpr std::string_view kMatchVariable = "E500";
inline constexpr std::string_view kMatchWindowRange = "E501";
inline constexpr std::string_view kSlidingPivot = "E502";
inline constexpr std::string_view kConditionOrAcrossEvents = "E510";
inline constexpr std::string_view kConditionNot = "E511";
inline constexpr std::string_view kConditionNoBoundedEvent = "E512";
inline constexpr std::string_view kConditionMissingVariable = "E513";
inline constexpr std::string_view kConditionMatchVariable = "E514";
inline constexpr std::string_view kConditionOrUnbounded = "E515";
inline constexpr std::string_view kConditionInvalid = "E516";
inline constexpr std::string_view kOutcomeNeedsAggregation = "E520";
inline constexpr std::string_view kOutcomeUseBeforeDefinition = "E522";
inline constexpr std::string_view kTooManyOutcomes = "E523";
inline constexpr std::string_view kRiskScoreType = "E524";
inline constexpr std::string_view kIfBranches = "E525";
inline constexpr std::string_view kNestedAggregation = "E526";
inline constexpr std::string_view kUnknownOption = "E530";
inline constexpr std::string_view kInvalidOptionValue = "E531";
inline constexpr std::string_view kSuppressionWindow = "E532";
inline constexpr std::string_view kMetaValue = "E540";
inline constexpr std::string_view kCompositeWithoutMatch = "E543";
// Reference lists and data tables (lib/lists). These point into the list or
// table file, not into a rule. Entry errors reuse kInvalidRegex (E305) and
// kInvalidCidr (E311); an unterminated `/*` header reuses kUnterminatedComment.
inline constexpr std::string_view kListFileUnreadable = "E700";  // file or directory
inline constexpr std::string_view kListLimit = "E701";           // warning: SecOps limit
inline constexpr std::string_view kListKindConflict = "E702";    // declared vs used kind
inline constexpr std::string_view kListKindHeader = "E703";      // bad `yaral:kind=` line
inline constexpr std::string_view kDuplicateListName = "E704";   // two files, one name
inline constexpr std::string_view kUnknownList = "E705";         // no such list/table/column
inline constexpr std::string_view kMalformedCsv = "E710";
inline constexpr std::string_view kTableHeader = "E711";         // missing or bad header row
inline constexpr std::string_view kTableCellType = "E712";       // cell not of its column type
// The local engine (lib/compile): a valid rule it cannot run.
inline constexpr std::string_view kNotRunnable = "E800";
// Lint warnings (lib/lint, docs/lint.md), in documentation order.
inline constexpr std::string_view kMissingEventTypeFilter = "missing_event_type_filter";
inline constexpr std::string_view kUnguardedPlaceholderJoin = "unguarded_placeholder_join";
inline constexpr std::string_view kUnusedPlaceholder = "unused_placeholder";
inline constexpr std::string_view kRegexCouldBeEquality = "regex_could_be_equality";
inline constexpr std::string_view kRegexLeadingTrailingWildcard =
    "regex_leading_trailing_wildcard";
inline constexpr std::string_view kRegexCaseFlagWithNocase = "regex_case_flag_with_nocase";
inline constexpr std::string_view kMixedCaseInsensitivity = "mixed_case_insensitivity";
inline constexpr std::string_view kLargeMatchWindow = "large_match_window";
inline constexpr std::string_view kDeprecatedField = "deprecated_field";
inline constexpr std::string_view kMissingMetaFields = "missing_meta_fields";
inline constexpr std::string_view kRuleNameMismatch = "rule_name_mismatch";
// Reported by `yaral check`, which sees every file: CheckSource sees one.
inline constexpr std::string_view kDuplicateRuleName = "duplicate_rule_name";
}  // namespace codes

}  // namespace yaral

#endif  // YARAL_DIAGNOSTICS_H_

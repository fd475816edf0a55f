// The catalogue of every diagnostic code yaral can emit.
//
// This is the one list: each stage appends its codes to kCatalogue below,
// keeping the groups in numeric order. A code, once released, keeps its
// meaning forever; retire it rather than reuse it. Every error code needs a
// `### CODE — name` section in docs/diagnostics.md, every lint code a
// `### code` section in docs/lint.md (catalogue_test checks both).
#include <algorithm>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "yaral/diagnostics.h"

namespace yaral {
namespace {

constexpr std::string_view kLintPage = "docs/lint.md";

const std::vector<DiagnosticInfo>& Catalogue() {
  static auto* const kCatalogue = new std::vector<DiagnosticInfo>{
      // A bug in yaral, not in the rule.
      {codes::kInternalError, Severity::kError, "internal error",
       "internal error in yaral (please report it)"},

      // Input problems found before parsing.
      {codes::kEmptyInput, Severity::kError, "empty input",
       "the input contains no rule text"},
      {codes::kNotText, Severity::kError, "not text",
       "the input is not UTF-8 text"},
      {codes::kInputTooLarge, Severity::kError, "input too large",
       "the input is too large"},
      {codes::kNestingTooDeep, Severity::kError, "nesting too deep",
       "expressions are nested too deeply"},
      {codes::kTooManyErrors, Severity::kError, "too many errors",
       "too many errors; reporting stopped"},

      // Lexical and syntax errors.
      {codes::kSyntaxError, Severity::kError, "syntax error",
       "syntax error"},
      {codes::kUnexpectedCharacter, Severity::kError, "unexpected character",
       "unexpected character"},
      {codes::kMissingColon, Severity::kError, "missing colon after section name",
       "missing `:` after a section name"},
      {codes::kUnterminatedString, Severity::kError, "unterminated string",
       "unterminated string literal"},
      {codes::kUnterminatedComment, Severity::kError, "unterminated block comment",
       "unterminated block comment"},
      {codes::kUnterminatedRegex, Severity::kError, "unterminated regex literal",
       "unterminated regular-expression literal"},
      {codes::kInvalidNumber, Severity::kError, "invalid number",
       "invalid number"},
      {codes::kInvalidDuration, Severity::kError, "invalid duration",
       "invalid duration"},
      {codes::kSectionOrder, Severity::kError, "sections out of order",
       "sections out of order"},
      {codes::kDuplicateSection, Severity::kError, "duplicate section",
       "duplicate section"},
      {codes::kMissingSection, Severity::kError, "missing required section",
       "missing required section"},
      {codes::kEmptySection, Severity::kError, "empty section",
       "empty section"},
      {codes::kSearchOnly, Severity::kError, "Search-only syntax in a rule",
       "Search-only syntax in a rule"},
      {codes::kReservedName, Severity::kError, "reserved word used as a variable name",
       "reserved word used as a variable name"},
      {codes::kLeadingParenArithmetic, Severity::kError, "events predicate begins with a parenthesised arithmetic operand",
       "events predicate begins with a parenthesised arithmetic operand"},
      {codes::kConditionComma, Severity::kError, "comma in condition",
       "comma in the condition section"},
      {codes::kMatchWindowSyntax, Severity::kError, "malformed match window",
       "malformed match window"},

      // Names and binding (lib/sema).
      {codes::kUnknownField, Severity::kError, "unknown field",
       "unknown or invalid UDM field path"},
      {codes::kUnknownEnumValue, Severity::kError, "unknown enum value",
       "value is not one of the enum field's values"},
      {codes::kUndeclaredVariable, Severity::kError, "undefined variable",
       "undefined variable"},
      {codes::kUnboundPlaceholder, Severity::kError, "unbound placeholder",
       "placeholder not assigned from an event field"},
      {codes::kDuplicateRule, Severity::kError, "duplicate rule name",
       "rule name defined more than once"},
      {codes::kDuplicateOutcome, Severity::kError, "duplicate outcome variable",
       "outcome variable defined twice"},
      {codes::kDuplicateOption, Severity::kError, "duplicate option",
       "option set twice"},
      {codes::kVariableKindConflict, Severity::kError, "variable kind conflict",
       "event variable used as a value, or outcome variable named like an events variable"},
      {codes::kUnknownFunction, Severity::kError, "unknown function",
       "unknown function"},

      // Types and expressions.
      {codes::kTypeMismatch, Severity::kError, "type mismatch",
       "comparison of incompatible types"},
      {codes::kLiteralComparison, Severity::kError, "comparison of two literals",
       "comparison between two literals"},
      {codes::kNocaseNotAllowed, Severity::kError, "nocase not allowed",
       "`nocase` where it is not allowed"},
      {codes::kArgumentCount, Severity::kError, "wrong number of arguments",
       "wrong number of function arguments"},
      {codes::kArgumentType, Severity::kError, "wrong argument type",
       "function argument of the wrong type"},
      {codes::kInvalidRegex, Severity::kError, "invalid regular expression",
       "invalid regular expression"},
      {codes::kTooManyCaptureGroups, Severity::kError, "too many capture groups",
       "regular expression with too many capture groups for the function"},
      {codes::kQuantifierMisuse, Severity::kError, "misuse of any or all",
       "misuse of `any` or `all`"},
      {codes::kSubscriptMisuse, Severity::kError, "invalid index or map key",
       "invalid array index or map key"},
      {codes::kSignedUnsignedArithmetic, Severity::kError, "unsigned field with a signed constant",
       "arithmetic between an unsigned field and a signed integer constant"},
      {codes::kArithmeticType, Severity::kError, "arithmetic on a non-number",
       "arithmetic on a value that is not a number"},
      {codes::kInvalidCidr, Severity::kError, "invalid CIDR range",
       "invalid CIDR range"},
      {codes::kNotAPredicate, Severity::kError, "predicate is not a condition",
       "events predicate that is not a condition"},
      {codes::kMisplacedFunction, Severity::kError, "misplaced function",
       "function not allowed here"},

      // Events: joins and lists.
      {codes::kNotJoined, Severity::kError, "event variables not joined",
       "event variable not joined with the others"},
      {codes::kArithmeticInJoin, Severity::kError, "arithmetic in a join",
       "arithmetic in a join between event variables"},
      {codes::kFunctionEventCount, Severity::kError, "function of zero or several event variables",
       "function that does not read exactly one event variable"},
      {codes::kTooManyListTests, Severity::kError, "too many reference-list tests",
       "too many reference-list tests"},
      {codes::kDataTableMix, Severity::kError, "data-table lookups mixed in a block",
       "data-table lookups mixed with other tests in one block"},

      // Match, condition, outcome, options, meta.
      {codes::kMatchVariable, Severity::kError, "invalid match variable",
       "match variable that is not a placeholder"},
      {codes::kMatchWindowRange, Severity::kError, "match window out of range",
       "match window outside 1m to 48h"},
      {codes::kSlidingPivot, Severity::kError, "invalid sliding-window pivot",
       "invalid sliding-window pivot"},
      {codes::kConditionOrAcrossEvents, Severity::kError, "or across event variables",
       "`or` across event variables in the condition"},
      {codes::kConditionNot, Severity::kError, "not on an event or placeholder",
       "`not` on an event or placeholder condition"},
      {codes::kConditionNoBoundedEvent, Severity::kError, "no required UDM event",
       "non-existence condition without a required UDM event"},
      {codes::kConditionMissingVariable, Severity::kError, "event variable missing from condition",
       "event variable missing from a non-existence condition"},
      {codes::kConditionMatchVariable, Severity::kError, "match variable in condition",
       "match variable used in the condition"},
      {codes::kConditionOrUnbounded, Severity::kError, "or with an event that may be absent",
       "`or` with a term that lets an event be absent"},
      {codes::kConditionInvalid, Severity::kError, "invalid condition term",
       "invalid term in the condition"},
      {codes::kOutcomeNeedsAggregation, Severity::kError, "outcome needs aggregation",
       "outcome value not aggregated in a rule with `match`"},
      {codes::kOutcomeUseBeforeDefinition, Severity::kError, "outcome variable used before definition",
       "outcome variable used before its definition"},
      {codes::kTooManyOutcomes, Severity::kError, "too many outcome variables",
       "more than 20 outcome variables"},
      {codes::kRiskScoreType, Severity::kError, "risk score is not a number",
       "`$risk_score` is not a number"},
      {codes::kIfBranches, Severity::kError, "invalid if branches",
       "invalid `if` branches"},
      {codes::kNestedAggregation, Severity::kError, "outcome variable aggregated again",
       "outcome variable aggregated again"},
      {codes::kUnknownOption, Severity::kError, "unknown option",
       "unknown option"},
      {codes::kInvalidOptionValue, Severity::kError, "invalid option value",
       "invalid option value"},
      {codes::kSuppressionWindow, Severity::kError, "suppression window too short",
       "`suppression_window` not longer than the match window"},
      {codes::kMetaValue, Severity::kError, "meta value not a string",
       "meta value not a quoted string"},
      {codes::kCompositeWithoutMatch, Severity::kError, "composite rule without match",
       "composite rule without a `match` section"},

      // Reference lists and data tables (lib/lists).
      {codes::kListFileUnreadable, Severity::kError, "list or table file unreadable",
       "a list or table file or directory cannot be read"},
      {codes::kListLimit, Severity::kWarning, "over a SecOps size limit",
       "over a SecOps size limit (still loaded)"},
      {codes::kListKindConflict, Severity::kError, "list kind conflict",
       "list declared as one kind, used as another"},
      {codes::kListKindHeader, Severity::kError, "invalid list kind header",
       "invalid `// yaral:kind=` line"},
      {codes::kDuplicateListName, Severity::kError, "duplicate list name",
       "two files define the same list"},
      {codes::kUnknownList, Severity::kError, "unknown list",
       "no list with that name"},
      {codes::kMalformedCsv, Severity::kError, "malformed CSV row",
       "malformed CSV row"},
      {codes::kTableHeader, Severity::kError, "missing or invalid header row",
       "missing or invalid header row"},
      {codes::kTableCellType, Severity::kError, "cell not of its column type",
       "cell not of its column's declared type"},
      {codes::kNotRunnable, Severity::kError, "rule cannot run locally",
       "the local engine cannot run this rule"},

      // Lint warnings (lib/lint), documented in docs/lint.md under their code.
      {codes::kMissingEventTypeFilter, Severity::kWarning, codes::kMissingEventTypeFilter,
       "UDM event variable without a metadata.event_type filter", kLintPage},
      {codes::kUnguardedPlaceholderJoin, Severity::kWarning, codes::kUnguardedPlaceholderJoin,
       "placeholder joins events without a guard against zero values", kLintPage},
      {codes::kUnusedPlaceholder, Severity::kWarning, codes::kUnusedPlaceholder,
       "placeholder assigned but never used", kLintPage},
      {codes::kRegexCouldBeEquality, Severity::kWarning, codes::kRegexCouldBeEquality,
       "anchored literal regex where `=` would do", kLintPage},
      {codes::kRegexLeadingTrailingWildcard, Severity::kWarning,
       codes::kRegexLeadingTrailingWildcard, "regex begins or ends with a useless `.*`", kLintPage},
      {codes::kRegexCaseFlagWithNocase, Severity::kWarning, codes::kRegexCaseFlagWithNocase,
       "`(?i)` in a regex that already has `nocase`", kLintPage},
      {codes::kMixedCaseInsensitivity, Severity::kWarning, codes::kMixedCaseInsensitivity,
       "rule mixes `(?i)` and `nocase` for case-insensitivity", kLintPage},
      {codes::kLargeMatchWindow, Severity::kWarning, codes::kLargeMatchWindow,
       "match window longer than 24 hours", kLintPage},
      {codes::kDeprecatedField, Severity::kWarning, codes::kDeprecatedField,
       "field path reads a deprecated UDM field", kLintPage},
      {codes::kMissingMetaFields, Severity::kWarning, codes::kMissingMetaFields,
       "meta lacks author, description or severity", kLintPage},
      {codes::kRuleNameMismatch, Severity::kWarning, codes::kRuleNameMismatch,
       "rule name differs from the file name", kLintPage},
      {codes::kDuplicateRuleName, Severity::kWarning, codes::kDuplicateRuleName,
       "rule name already used by a rule in another checked file", kLintPage},
  };
  for (DiagnosticInfo& info : *kCatalogue) {
    // docs/diagnostics.md heads each section `### CODE — name`; docs/lint.md
    // heads it with the bare code.
    info.doc_anchor = GithubHeadingAnchor(
        info.doc_page == kLintPage ? std::string(info.code)
                                   : std::string(info.code) + " \u2014 " + std::string(info.name));
  }
  return *kCatalogue;
}

}  // namespace

const std::vector<DiagnosticInfo>& AllDiagnosticInfos() { return Catalogue(); }

std::string GithubHeadingAnchor(std::string_view heading) {
  std::string anchor;
  for (char c : heading) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte >= 'A' && byte <= 'Z') {
      anchor += static_cast<char>(byte - 'A' + 'a');
    } else if ((byte >= 'a' && byte <= 'z') || (byte >= '0' && byte <= '9') ||
               c == '-' || c == '_') {
      anchor += c;
    } else if (c == ' ') {
      anchor += '-';
    }
    // Everything else, including the bytes of `—` and backticks, is
    // punctuation GitHub drops. (Non-ASCII letters would be kept by GitHub;
    // our headings have none.)
  }
  return anchor;
}


Diagnostic MakeDiagnostic(std::string_view code, std::string message, SourceSpan span,
                          std::string help) {
  const DiagnosticInfo* info = FindDiagnosticInfo(code);
  Diagnostic d;
  d.severity = info != nullptr ? info->default_severity : Severity::kError;
  d.code = std::string(code);
  d.message = std::move(message);
  d.primary.span = span;
  d.help = std::move(help);
  return d;
}

const DiagnosticInfo* FindDiagnosticInfo(std::string_view code) {
  const std::vector<DiagnosticInfo>& all = Catalogue();
  // A few dozen entries: a linear scan is as fast as anything fancier.
  const auto it = std::find_if(all.begin(), all.end(),
                               [code](const DiagnosticInfo& info) { return info.code == code; });
  return it == all.end() ? nullptr : &*it;
}

}  // namespace yaral

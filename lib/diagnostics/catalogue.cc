// The catalogue of every diagnostic code yaral can emit.
//
// This is the one list: each stage appends its codes to kCatalogue below,
// keeping the groups in numeric order. A code, once released, keeps its
// meaning forever; retire it rather than reuse it. Every code here needs a
// `### CODE — title` section in docs/diagnostics.md (catalogue_test checks).
#include <algorithm>
#include <string_view>
#include <vector>

#include "yaral/diagnostics.h"

namespace yaral {
namespace {

const std::vector<DiagnosticInfo>& Catalogue() {
  static const auto* const kCatalogue = new std::vector<DiagnosticInfo>{
      // A bug in yaral, not in the rule.
      {codes::kInternalError, Severity::kError, "internal error in yaral (please report it)"},

      // Input problems found before parsing.
      {codes::kEmptyInput, Severity::kError, "the input contains no rule text"},
      {codes::kNotText, Severity::kError, "the input is not UTF-8 text"},
      {codes::kInputTooLarge, Severity::kError, "the input is too large"},
      {codes::kNestingTooDeep, Severity::kError, "expressions are nested too deeply"},
      {codes::kTooManyErrors, Severity::kError, "too many errors; reporting stopped"},

      // Lexical and syntax errors.
      {codes::kSyntaxError, Severity::kError, "syntax error"},
      {codes::kUnexpectedCharacter, Severity::kError, "unexpected character"},
      {codes::kMissingColon, Severity::kError, "missing `:` after a section name"},
      {codes::kUnterminatedString, Severity::kError, "unterminated string literal"},
      {codes::kUnterminatedComment, Severity::kError, "unterminated block comment"},
      {codes::kUnterminatedRegex, Severity::kError, "unterminated regular-expression literal"},
      {codes::kInvalidNumber, Severity::kError, "invalid number"},
      {codes::kInvalidDuration, Severity::kError, "invalid duration"},
      {codes::kSectionOrder, Severity::kError, "sections out of order"},
      {codes::kDuplicateSection, Severity::kError, "duplicate section"},
      {codes::kMissingSection, Severity::kError, "missing required section"},
      {codes::kEmptySection, Severity::kError, "empty section"},
      {codes::kSearchOnly, Severity::kError, "Search-only syntax in a rule"},
      {codes::kReservedName, Severity::kError, "reserved word used as a variable name"},
      {codes::kLeadingParenArithmetic, Severity::kError,
       "events predicate begins with a parenthesised arithmetic operand"},
      {codes::kConditionComma, Severity::kError, "comma in the condition section"},
      {codes::kMatchWindowSyntax, Severity::kError, "malformed match window"},

      // Names and binding (lib/sema).
      {codes::kUnknownField, Severity::kError, "unknown or invalid UDM field path"},
      {codes::kUnknownEnumValue, Severity::kError, "value is not one of the enum field's values"},
      {codes::kUndeclaredVariable, Severity::kError, "undefined variable"},
      {codes::kUnboundPlaceholder, Severity::kError, "placeholder not assigned from an event field"},
      {codes::kDuplicateRule, Severity::kError, "rule name defined more than once"},
      {codes::kDuplicateOutcome, Severity::kError, "outcome variable defined twice"},
      {codes::kDuplicateOption, Severity::kError, "option set twice"},
      {codes::kVariableKindConflict, Severity::kError,
       "event variable used as a value, or outcome variable named like an events variable"},
      {codes::kUnknownFunction, Severity::kError, "unknown function"},

      // Types and expressions.
      {codes::kTypeMismatch, Severity::kError, "comparison of incompatible types"},
      {codes::kLiteralComparison, Severity::kError, "comparison between two literals"},
      {codes::kNocaseNotAllowed, Severity::kError, "`nocase` where it is not allowed"},
      {codes::kArgumentCount, Severity::kError, "wrong number of function arguments"},
      {codes::kArgumentType, Severity::kError, "function argument of the wrong type"},
      {codes::kInvalidRegex, Severity::kError, "invalid regular expression"},
      {codes::kTooManyCaptureGroups, Severity::kError,
       "regular expression with too many capture groups for the function"},
      {codes::kQuantifierMisuse, Severity::kError, "misuse of `any` or `all`"},
      {codes::kSubscriptMisuse, Severity::kError, "invalid array index or map key"},
      {codes::kSignedUnsignedArithmetic, Severity::kError,
       "arithmetic between an unsigned field and a signed integer constant"},
      {codes::kArithmeticType, Severity::kError, "arithmetic on a value that is not a number"},
      {codes::kInvalidCidr, Severity::kError, "invalid CIDR range"},
      {codes::kNotAPredicate, Severity::kError, "events predicate that is not a condition"},
      {codes::kMisplacedFunction, Severity::kError, "function not allowed here"},

      // Events: joins and lists.
      {codes::kNotJoined, Severity::kError, "event variable not joined with the others"},
      {codes::kArithmeticInJoin, Severity::kError, "arithmetic in a join between event variables"},
      {codes::kFunctionEventCount, Severity::kError,
       "function that does not read exactly one event variable"},
      {codes::kTooManyListTests, Severity::kError, "too many reference-list tests"},
      {codes::kDataTableMix, Severity::kError,
       "data-table lookups mixed with other tests in one block"},

      // Match, condition, outcome, options, meta.
      {codes::kMatchVariable, Severity::kError, "match variable that is not a placeholder"},
      {codes::kMatchWindowRange, Severity::kError, "match window outside 1m to 48h"},
      {codes::kSlidingPivot, Severity::kError, "invalid sliding-window pivot"},
      {codes::kConditionOrAcrossEvents, Severity::kError,
       "`or` across event variables in the condition"},
      {codes::kConditionNot, Severity::kError,
       "`not` on an event or placeholder condition"},
      {codes::kConditionNoBoundedEvent, Severity::kError,
       "non-existence condition without a required UDM event"},
      {codes::kConditionMissingVariable, Severity::kError,
       "event variable missing from a non-existence condition"},
      {codes::kConditionMatchVariable, Severity::kError, "match variable used in the condition"},
      {codes::kConditionOrUnbounded, Severity::kError,
       "`or` with a term that lets an event be absent"},
      {codes::kConditionInvalid, Severity::kError, "invalid term in the condition"},
      {codes::kOutcomeNeedsAggregation, Severity::kError,
       "outcome value not aggregated in a rule with `match`"},
      {codes::kOutcomeUseBeforeDefinition, Severity::kError,
       "outcome variable used before its definition"},
      {codes::kTooManyOutcomes, Severity::kError, "more than 20 outcome variables"},
      {codes::kRiskScoreType, Severity::kError, "`$risk_score` is not a number"},
      {codes::kIfBranches, Severity::kError, "invalid `if` branches"},
      {codes::kNestedAggregation, Severity::kError, "outcome variable aggregated again"},
      {codes::kUnknownOption, Severity::kError, "unknown option"},
      {codes::kInvalidOptionValue, Severity::kError, "invalid option value"},
      {codes::kSuppressionWindow, Severity::kError,
       "`suppression_window` not longer than the match window"},
      {codes::kMetaValue, Severity::kError, "meta value not a quoted string"},
      {codes::kCompositeWithoutMatch, Severity::kError, "composite rule without a `match` section"},

      // Reference lists and data tables (lib/lists).
      {codes::kListFileUnreadable, Severity::kError,
       "a list or table file or directory cannot be read"},
      {codes::kListLimit, Severity::kWarning, "over a SecOps size limit (still loaded)"},
      {codes::kListKindConflict, Severity::kError, "list declared as one kind, used as another"},
      {codes::kListKindHeader, Severity::kError, "invalid `// yaral:kind=` line"},
      {codes::kDuplicateListName, Severity::kError, "two files define the same list"},
      {codes::kUnknownList, Severity::kError, "no list with that name"},
      {codes::kMalformedCsv, Severity::kError, "malformed CSV row"},
      {codes::kTableHeader, Severity::kError, "missing or invalid header row"},
      {codes::kTableCellType, Severity::kError, "cell not of its column's declared type"},
      {codes::kNotRunnable, Severity::kError, "the local engine cannot run this rule"},
  };
  return *kCatalogue;
}

}  // namespace

const std::vector<DiagnosticInfo>& AllDiagnosticInfos() { return Catalogue(); }

const DiagnosticInfo* FindDiagnosticInfo(std::string_view code) {
  const std::vector<DiagnosticInfo>& all = Catalogue();
  // A few dozen entries: a linear scan is as fast as anything fancier.
  const auto it = std::find_if(all.begin(), all.end(),
                               [code](const DiagnosticInfo& info) { return info.code == code; });
  return it == all.end() ? nullptr : &*it;
}

}  // namespace yaral

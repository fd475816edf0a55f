// Codes of the lint checks added after the first twelve (those are in
// yaral/diagnostics.h). They live in their own header so that adding a check
// recompiles the catalogue and the linter, not every file that reports a
// diagnostic. Same namespace, same rules: a code never changes meaning.
#ifndef YARAL_LINT_CODES_H_
#define YARAL_LINT_CODES_H_

#include <string_view>

namespace yaral::codes {

// In documentation order (docs/lint.md).
inline constexpr std::string_view kSelfComparison = "self_comparison";
inline constexpr std::string_view kDuplicatePredicate = "duplicate_predicate";
inline constexpr std::string_view kNocaseOnEnumField = "nocase_on_enum_field";
inline constexpr std::string_view kNocaseWithoutLetters = "nocase_without_letters";
inline constexpr std::string_view kRegexMatchesEverything = "regex_matches_everything";
inline constexpr std::string_view kRegexUnescapedDot = "regex_unescaped_dot";
inline constexpr std::string_view kDuplicateMetaKey = "duplicate_meta_key";
inline constexpr std::string_view kEmptyMetaValue = "empty_meta_value";
inline constexpr std::string_view kUnknownMetaSeverity = "unknown_meta_severity";
inline constexpr std::string_view kRuleNameNotSnakeCase = "rule_name_not_snake_case";
inline constexpr std::string_view kRegexOnEnumField = "regex_on_enum_field";
inline constexpr std::string_view kCaseFunctionInsteadOfNocase =
    "case_function_instead_of_nocase";

}  // namespace yaral::codes

#endif  // YARAL_LINT_CODES_H_

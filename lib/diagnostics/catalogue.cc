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

#include <catch2/catch.hpp>
#include <cctype>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "yaral/diagnostics.h"

#ifndef YARAL_SOURCE_DIR
#error "YARAL_SOURCE_DIR must name the source tree (see tests/unit/diagnostics/CMakeLists.txt)"
#endif

namespace yaral {
namespace {

// Every constant in yaral::codes. When a stage adds a code to the header,
// add it here too; the catalogue and docs checks below then cover it.
const std::vector<std::string_view>& HeaderCodes() {
  static const std::vector<std::string_view> kCodes = {
      codes::kInternalError,
      codes::kEmptyInput,
      codes::kNotText,
      codes::kInputTooLarge,
      codes::kNestingTooDeep,
      codes::kTooManyErrors,
      codes::kSyntaxError,
      codes::kUnexpectedCharacter,
      codes::kMissingColon,
      codes::kUnterminatedString,
      codes::kUnterminatedComment,
      codes::kUnterminatedRegex,
      codes::kInvalidNumber,
      codes::kInvalidDuration,
      codes::kSectionOrder,
      codes::kDuplicateSection,
      codes::kMissingSection,
      codes::kEmptySection,
      codes::kSearchOnly,
      codes::kReservedName,
      codes::kLeadingParenArithmetic,
      codes::kConditionComma,
      codes::kMatchWindowSyntax,
      codes::kUnknownField,
      codes::kUnknownEnumValue,
      codes::kUndeclaredVariable,
      codes::kUnboundPlaceholder,
      codes::kDuplicateRule,
      codes::kDuplicateOutcome,
      codes::kDuplicateOption,
      codes::kVariableKindConflict,
      codes::kUnknownFunction,
      codes::kTypeMismatch,
      codes::kLiteralComparison,
      codes::kNocaseNotAllowed,
      codes::kArgumentCount,
      codes::kArgumentType,
      codes::kInvalidRegex,
      codes::kTooManyCaptureGroups,
      codes::kQuantifierMisuse,
      codes::kSubscriptMisuse,
      codes::kSignedUnsignedArithmetic,
      codes::kArithmeticType,
      codes::kInvalidCidr,
      codes::kNotAPredicate,
      codes::kMisplacedFunction,
      codes::kNotJoined,
      codes::kArithmeticInJoin,
      codes::kFunctionEventCount,
      codes::kTooManyListTests,
      codes::kDataTableMix,
      codes::kMatchVariable,
      codes::kMatchWindowRange,
      codes::kSlidingPivot,
      codes::kConditionOrAcrossEvents,
      codes::kConditionNot,
      codes::kConditionNoBoundedEvent,
      codes::kConditionMissingVariable,
      codes::kConditionMatchVariable,
      codes::kConditionOrUnbounded,
      codes::kConditionInvalid,
      codes::kOutcomeNeedsAggregation,
      codes::kOutcomeUseBeforeDefinition,
      codes::kTooManyOutcomes,
      codes::kRiskScoreType,
      codes::kIfBranches,
      codes::kNestedAggregation,
      codes::kUnknownOption,
      codes::kInvalidOptionValue,
      codes::kSuppressionWindow,
      codes::kMetaValue,
      codes::kCompositeWithoutMatch,
      codes::kListFileUnreadable,
      codes::kListLimit,
      codes::kListKindConflict,
      codes::kListKindHeader,
      codes::kDuplicateListName,
      codes::kUnknownList,
      codes::kMalformedCsv,
      codes::kTableHeader,
      codes::kTableCellType,
      codes::kNotRunnable,
  };
  return kCodes;
}

// Errors are `E` and three digits; lints are snake_case words.
bool IsWellFormedCode(std::string_view code) {
  if (code.size() == 4 && code[0] == 'E') {
    for (char c : code.substr(1)) {
      if (!std::isdigit(static_cast<unsigned char>(c))) return false;
    }
    return true;
  }
  if (code.empty() || !std::islower(static_cast<unsigned char>(code[0]))) return false;
  for (char c : code) {
    if (!std::islower(static_cast<unsigned char>(c)) &&
        !std::isdigit(static_cast<unsigned char>(c)) && c != '_') {
      return false;
    }
  }
  return true;
}

// The codes documented in docs/diagnostics.md: each `### CODE — title`.
std::set<std::string> DocumentedCodes() {
  const std::string path = std::string(YARAL_SOURCE_DIR) + "/docs/diagnostics.md";
  std::ifstream in(path);
  INFO("reading " << path);
  REQUIRE(in.good());
  std::set<std::string> documented;
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("### ", 0) != 0) continue;
    const std::string heading = line.substr(4);
    const std::string code = heading.substr(0, heading.find(' '));
    INFO("heading: " << line);
    CHECK(heading.find(" \xE2\x80\x94 ") == code.size());  // "CODE — title"
    CHECK(documented.insert(code).second);
  }
  return documented;
}

TEST_CASE("catalogue codes are unique and well formed", "[diagnostics][catalogue]") {
  std::set<std::string_view> seen;
  for (const DiagnosticInfo& info : AllDiagnosticInfos()) {
    INFO("code " << info.code);
    CHECK(seen.insert(info.code).second);
    CHECK(IsWellFormedCode(info.code));
    CHECK_FALSE(info.title.empty());
    // Titles are fragments used inside sentences and SARIF: no final period.
    CHECK(info.title.back() != '.');
  }
}

TEST_CASE("every code in yaral::codes is catalogued", "[diagnostics][catalogue]") {
  for (std::string_view code : HeaderCodes()) {
    INFO("code " << code);
    const DiagnosticInfo* info = FindDiagnosticInfo(code);
    REQUIRE(info != nullptr);
    CHECK(info->code == code);
    // Every code is a hard error except E701: a list over a SecOps size limit
    // still loads, so it is only a warning.
    const Severity expected =
        code == codes::kListLimit ? Severity::kWarning : Severity::kError;
    CHECK(info->default_severity == expected);
  }
}

TEST_CASE("FindDiagnosticInfo finds exactly the catalogued codes", "[diagnostics][catalogue]") {
  for (const DiagnosticInfo& info : AllDiagnosticInfos()) {
    CHECK(FindDiagnosticInfo(info.code) == &info);
  }
  CHECK(FindDiagnosticInfo("") == nullptr);
  CHECK(FindDiagnosticInfo("E999") == nullptr);
  CHECK(FindDiagnosticInfo("e102") == nullptr);  // codes are case-sensitive
  CHECK(FindDiagnosticInfo(codes::kMissingColon)->title == "missing `:` after a section name");
}

TEST_CASE("docs/diagnostics.md documents every catalogued code and no others",
          "[diagnostics][catalogue]") {
  const std::set<std::string> documented = DocumentedCodes();
  std::set<std::string> catalogued;
  for (const DiagnosticInfo& info : AllDiagnosticInfos()) {
    catalogued.insert(std::string(info.code));
    INFO("code " << info.code << " needs a `### " << info.code
                 << " \xE2\x80\x94 title` section in docs/diagnostics.md");
    CHECK(documented.count(std::string(info.code)) == 1);
  }
  for (const std::string& code : documented) {
    INFO("docs/diagnostics.md documents " << code << ", which is not in the catalogue");
    CHECK(catalogued.count(code) == 1);
  }
}

}  // namespace
}  // namespace yaral

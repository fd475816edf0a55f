#include <catch2/catch.hpp>
#include <cctype>
#include <fstream>
#include <algorithm>
#include <map>
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
      codes::kMissingEventTypeFilter,
      codes::kUnguardedPlaceholderJoin,
      codes::kUnusedPlaceholder,
      codes::kRegexCouldBeEquality,
      codes::kRegexLeadingTrailingWildcard,
      codes::kRegexCaseFlagWithNocase,
      codes::kMixedCaseInsensitivity,
      codes::kLargeMatchWindow,
      codes::kDeprecatedField,
      codes::kMissingMetaFields,
      codes::kRuleNameMismatch,
      codes::kDuplicateRuleName,
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

// The codes documented in docs/diagnostics.md, each `### CODE — name`, with
// their names.
std::map<std::string, std::string> DocumentedCodes() {
  const std::string path = std::string(YARAL_SOURCE_DIR) + "/docs/diagnostics.md";
  std::ifstream in(path);
  INFO("reading " << path);
  REQUIRE(in.good());
  std::map<std::string, std::string> documented;
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("### ", 0) != 0) continue;
    const std::string heading = line.substr(4);
    const std::string code = heading.substr(0, heading.find(' '));
    INFO("heading: " << line);
    const std::string dash = " \xE2\x80\x94 ";
    CHECK(heading.find(dash) == code.size());  // "CODE — name"
    CHECK(documented.emplace(code, heading.substr(std::min(heading.size(), code.size() + dash.size()))).second);
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
    // Every error code is a hard error except E701: a list over a SecOps
    // size limit still loads, so it is only a warning. Lints are warnings.
    const Severity expected = code == codes::kListLimit || code[0] != 'E'
                                  ? Severity::kWarning
                                  : Severity::kError;
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

TEST_CASE("docs/diagnostics.md documents every catalogued error code and no others",
          "[diagnostics][catalogue]") {
  const std::map<std::string, std::string> documented = DocumentedCodes();
  std::set<std::string> catalogued;
  for (const DiagnosticInfo& info : AllDiagnosticInfos()) {
    if (info.doc_page != "docs/diagnostics.md") continue;
    catalogued.insert(std::string(info.code));
    INFO("code " << info.code << " needs a `### " << info.code << " \xE2\x80\x94 " << info.name
                 << "` section in docs/diagnostics.md");
    auto it = documented.find(std::string(info.code));
    REQUIRE(it != documented.end());
    CHECK(it->second == info.name);  // the anchor is derived from the name
  }
  for (const auto& [code, name] : documented) {
    INFO("docs/diagnostics.md documents " << code << ", which is not in the catalogue");
    CHECK(catalogued.count(code) == 1);
  }
}

TEST_CASE("lint codes are catalogued with their docs/lint.md section", "[diagnostics][catalogue]") {
  std::ifstream in(std::string(YARAL_SOURCE_DIR) + "/docs/lint.md");
  REQUIRE(in.good());
  std::set<std::string> headings;
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("### ", 0) == 0) headings.insert(line.substr(4));
  }
  size_t lints = 0;
  for (const DiagnosticInfo& info : AllDiagnosticInfos()) {
    if (info.code[0] == 'E') {
      CHECK(info.doc_page == "docs/diagnostics.md");
      continue;
    }
    ++lints;
    INFO("lint code " << info.code);
    CHECK(info.doc_page == "docs/lint.md");
    CHECK(info.name == info.code);
    CHECK(info.doc_anchor == info.code);  // GitHub keeps `_`
    CHECK(headings.count(std::string(info.code)) == 1);
  }
  CHECK(lints == headings.size());
}

TEST_CASE("doc anchors are GitHub's for the heading", "[diagnostics][catalogue]") {
  CHECK(FindDiagnosticInfo("E102")->doc_anchor == "e102--missing-colon-after-section-name");
  CHECK(FindDiagnosticInfo("rule_name_mismatch")->title == "rule name differs from the file name");
  CHECK(GithubHeadingAnchor("E300 \xE2\x80\x94 `nocase` where not allowed") ==
        "e300--nocase-where-not-allowed");
}

}  // namespace
}  // namespace yaral

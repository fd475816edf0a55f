// The folded report under a failed case: differences first, then the
// engine's rejections grouped by event variable and filter. The engine's
// own wording is checked end to end by tests/cli (test_explanations*).
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "yaral/rule_test.h"

namespace yaral {
namespace {

CaseResult FailedCase(std::vector<std::string> explanations, size_t total) {
  CaseResult c;
  c.status = CaseStatus::kFailed;
  c.failure = {"expected 1 detection, got 0"};
  c.explanations = std::move(explanations);
  c.explanations_total = total;
  return c;
}

TEST_CASE("rejections fold by variable and filter, after the differences", "[testing][report]") {
  const std::string type = "`$login.metadata.event_type = \"USER_LOGIN\"` is false";
  const CaseResult c = FailedCase(
      {"r: event #1: $upload rejects it: `$upload.metadata.event_type = \"X\"` is false "
       "($upload.metadata.event_type = \"USER_LOGIN\")",
       "r: event #2: $login rejects it: " + type + " ($login.metadata.event_type = \"A\")",
       "r: event #3: $login rejects it: " + type + " ($login.metadata.event_type = \"B\")",
       "r: event #4: $login rejects it: " + type + " ($login.metadata.event_type = \"C\")",
       "r: event #5: $login rejects it: " + type + " ($login.metadata.event_type = \"D\")",
       "r: event #6: $login rejects it: no copy passes `x`"},
      6);
  const std::vector<std::string> lines = FoldedCaseReport(c);
  REQUIRE(lines.size() == 5);
  CHECK(lines[0] == "expected 1 detection, got 0");
  CHECK(lines[1] == "why events did not contribute, folded (-v lists each):");
  CHECK(lines[2] ==
        "  $upload rejected 1 event (#1): `$upload.metadata.event_type = \"X\"` is false "
        "($upload.metadata.event_type = \"USER_LOGIN\")");
  CHECK(lines[3] == "  $login rejected 4 events (#2, #3, #4, ...): " + type +
                        " first ($login.metadata.event_type = \"A\")");
  CHECK(lines[4] == "  $login rejected 1 event (#6): no copy passes `x`");
  // Unfolded, every explanation is listed.
  CHECK(CaseReport(c).size() == 8);
}

TEST_CASE("window explanations are shown up to three, then counted", "[testing][report]") {
  std::vector<std::string> windows;
  for (int i = 0; i < 5; ++i) windows.push_back("r: window [" + std::to_string(i) + "]: condition false");
  const std::vector<std::string> lines = FoldedCaseReport(FailedCase(windows, 30));
  REQUIRE(lines.size() == 6);
  CHECK(lines[1] == "why events did not contribute (first 5 of 30), folded (-v lists each):");
  CHECK(lines[4] == "  r: window [2]: condition false");
  CHECK(lines[5] == "  and 2 more window or condition explanations");
}

TEST_CASE("passed cases and cases that could not run fold to their own lines", "[testing][report]") {
  CHECK(FoldedCaseReport(CaseResult{}).empty());
  CaseResult error = FailedCase({"r: event #1: $e rejects it: x"}, 1);
  error.status = CaseStatus::kError;
  CHECK(FoldedCaseReport(error) == error.failure);
}

}  // namespace
}  // namespace yaral

#include <string>

#include "catch2/catch.hpp"
#include "yaral/rule_test.h"
#include "yaral/udm_values.h"

namespace yaral {
namespace {

int64_t Offset(const std::string& text) {
  absl::StatusOr<int64_t> offset = ParseRelativeTime(text);
  INFO(text);
  REQUIRE(offset.ok());
  return *offset;
}

std::string Error(const std::string& text) {
  absl::StatusOr<int64_t> offset = ParseRelativeTime(text);
  INFO(text);
  REQUIRE_FALSE(offset.ok());
  return std::string(offset.status().message());
}

TEST_CASE("relative times: units, sums and signs") {
  CHECK(Offset("+0s") == 0);
  CHECK(Offset("+5m") == 300);
  CHECK(Offset("+1h30m") == 5400);
  CHECK(Offset("-2h") == -7200);
  CHECK(Offset("+1d") == 86400);
  CHECK(Offset("+1d2h3m4s") == 86400 + 7200 + 180 + 4);
  CHECK(Offset("+90s") == 90);
}

TEST_CASE("relative times: mistakes say what is wrong") {
  CHECK_THAT(Error("5m"), Catch::Contains("must start with + or -"));
  CHECK_THAT(Error("+"), Catch::Contains("no amount"));
  CHECK_THAT(Error("+5"), Catch::Contains("no unit"));
  CHECK_THAT(Error("+5x"), Catch::Contains("unknown unit 'x'"));
  CHECK_THAT(Error("+1.5h"), Catch::Contains("unexpected '.'"));
  CHECK_THAT(Error("+5min"), Catch::Contains("unknown unit 'min'"));
  CHECK_THAT(Error("+h"), Catch::Contains("expected a digit"));
  CHECK_THAT(Error("+ 5m"), Catch::Contains("expected a digit"));
  CHECK_THAT(Error("+99999999999999999999d"), Catch::Contains("too large"));
}

TEST_CASE("relative times: resolved from a base, absolute ones parsed") {
  const UdmTimestamp base = *ParseTimestamp("2026-03-02T10:00:00Z");
  CHECK(FormatTimestamp(*ResolveTestTime("+5m", base)) == "2026-03-02T10:05:00Z");
  CHECK(FormatTimestamp(*ResolveTestTime("-1d", base)) == "2026-03-01T10:00:00Z");
  CHECK(FormatTimestamp(*ResolveTestTime("2025-12-31T23:59:59.5Z", base)) ==
        "2025-12-31T23:59:59.500Z");
  CHECK_FALSE(ResolveTestTime("yesterday", base).ok());
  CHECK(FormatTimestamp(kDefaultTestStart) == "2026-01-01T00:00:00Z");
}

}  // namespace
}  // namespace yaral

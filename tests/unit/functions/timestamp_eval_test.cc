// timestamp.* implementations (lib/functions/timestamp_functions.cc): the
// documented examples of spec §5.2, time zones (TZ database names and
// offsets; abbreviations and unknown names are errors) and edge cases.
// TZ database names need Debian's tzdata (scripts/setup.sh installs it).
#include <cstdint>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "absl/status/status.h"
#include "eval_case_table.h"
#include "functions/time_zone.h"

namespace {

namespace fn = yaral::functions;
using namespace fn::testing;  // NOLINT: the table's shorthands
using yaral::Value;

// 2024-02-22 10:43:51 UTC, a Thursday: the docs' example time.
constexpr int64_t kDocTime = 1708598631;

TEST_CASE("timestamp.as_unix_seconds: documented examples", "[timestamp]") {
  CheckCases({
      {"timestamp.as_unix_seconds", {S("2024-02-22 10:43:00")}, I(1708598580)},
      {"timestamp.as_unix_seconds", {S("2024-02-22 10:43:00"), S("America/New_York")},
       I(1708616580)},
      {"timestamp.as_unix_seconds", {S("2024-02-22 10:43:00"), S("-05:00")}, I(1708616580)},
      {"timestamp.as_unix_seconds", {S("1970-01-01 00:00:00"), S("GMT")}, I(0)},
      {"timestamp.as_unix_seconds", {S("1969-12-31 23:59:59")}, I(-1)},
      // Summer time in the TZ database zone: UTC-7.
      {"timestamp.as_unix_seconds", {S("2024-07-01 12:00:00"), S("America/Los_Angeles")},
       I(1719860400)},
      // Not a "%F %T" time: the zero value.
      {"timestamp.as_unix_seconds", {S("2024-02-22")}, I(0)},
      {"timestamp.as_unix_seconds", {S("yesterday")}, I(0)},
      {"timestamp.as_unix_seconds", {S("")}, I(0)},
      {"timestamp.as_unix_seconds", {Value()}, I(0)},
  });
}

TEST_CASE("timestamp.now and current_seconds read the run's clock", "[timestamp]") {
  fn::EvalContext context;
  context.now_seconds = kDocTime;
  CHECK(Call("timestamp.now", {}, context) == I(kDocTime));
  CHECK(Call("timestamp.current_seconds", {}, context) == I(kDocTime));
  CHECK(Call("timestamp.now", {}) == I(0));
}

TEST_CASE("timestamp.get_date and get_hour and get_minute in time zones", "[timestamp]") {
  CheckCases({
      {"timestamp.get_date", {I(kDocTime)}, S("2024-02-22")},
      {"timestamp.get_date", {I(kDocTime), S("UTC")}, S("2024-02-22")},
      {"timestamp.get_date", {I(1708560000), S("America/Los_Angeles")}, S("2024-02-21")},
      {"timestamp.get_date", {I(0)}, S("1970-01-01")},
      {"timestamp.get_date", {Value()}, S("1970-01-01")},
      {"timestamp.get_date", {I(-1)}, S("1969-12-31")},
      {"timestamp.get_hour", {I(kDocTime)}, I(10)},
      {"timestamp.get_hour", {I(kDocTime), S("America/Los_Angeles")}, I(2)},
      {"timestamp.get_hour", {I(kDocTime), S("-08:00")}, I(2)},
      {"timestamp.get_hour", {I(kDocTime), S("-8")}, I(2)},
      {"timestamp.get_hour", {I(kDocTime), S("+05:30")}, I(16)},
      {"timestamp.get_hour", {I(kDocTime), S("Asia/Kolkata")}, I(16)},
      {"timestamp.get_hour", {I(kDocTime), S("Europe/London")}, I(10)},
      {"timestamp.get_minute", {I(kDocTime)}, I(43)},
      {"timestamp.get_minute", {I(kDocTime), S("+05:30")}, I(13)},
      {"timestamp.get_minute", {I(kDocTime), S("+5:3")}, I(46)},
  });
}

TEST_CASE("timestamp.get_day_of_week: 1 = Sunday ... 7 = Saturday", "[timestamp]") {
  CheckCases({
      {"timestamp.get_day_of_week", {I(kDocTime)}, I(5)},           // Thursday
      {"timestamp.get_day_of_week", {I(1704585600)}, I(1)},         // Sunday 2024-01-07
      {"timestamp.get_day_of_week", {I(1704585600 - 1)}, I(7)},     // Saturday
      {"timestamp.get_day_of_week", {I(1704585600), S("-01:00")}, I(7)},
      {"timestamp.get_day_of_week", {I(1704067200)}, I(2)},         // Monday
      {"timestamp.get_day_of_week", {I(0)}, I(5)},                  // Thursday 1970-01-01
  });
}

TEST_CASE("timestamp.get_week: weeks start on Sunday with week 0 before the first", "[timestamp]") {
  CheckCases({
      {"timestamp.get_week", {I(kDocTime)}, I(7)},
      {"timestamp.get_week", {I(1704067200)}, I(0)},   // Mon 2024-01-01
      {"timestamp.get_week", {I(1704585600)}, I(1)},   // Sun 2024-01-07
      {"timestamp.get_week", {I(1735603200)}, I(52)},  // Tue 2024-12-31
      {"timestamp.get_week", {I(0)}, I(0)},
      {"timestamp.get_week", {I(-1)}, I(52)},          // Wed 1969-12-31
  });
}

TEST_CASE("timestamp.get_timestamp: formats and granularity keywords", "[timestamp]") {
  CheckCases({
      {"timestamp.get_timestamp", {I(kDocTime)}, S("2024-02-22 10:43:51")},
      {"timestamp.get_timestamp", {I(kDocTime), S("%F %T")}, S("2024-02-22 10:43:51")},
      {"timestamp.get_timestamp", {I(kDocTime), S("%F %T"), S("America/Los_Angeles")},
       S("2024-02-22 02:43:51")},
      {"timestamp.get_timestamp", {I(kDocTime), S("%Y-%m"), S("GMT")}, S("2024-02")},
      {"timestamp.get_timestamp", {I(kDocTime), S("SECOND"), S("GMT")}, S("2024-02-22 10:43:51")},
      {"timestamp.get_timestamp", {I(kDocTime), S("MINUTE"), S("GMT")}, S("2024-02-22 10:43")},
      {"timestamp.get_timestamp", {I(kDocTime), S("HOUR"), S("GMT")}, S("2024-02-22 10")},
      {"timestamp.get_timestamp", {I(kDocTime), S("DATE"), S("GMT")}, S("2024-02-22")},
      {"timestamp.get_timestamp", {I(kDocTime), S("WEEK"), S("GMT")}, S("2024-02-18")},
      {"timestamp.get_timestamp", {I(kDocTime), S("MONTH"), S("GMT")}, S("2024-02")},
      {"timestamp.get_timestamp", {I(kDocTime), S("YEAR"), S("GMT")}, S("2024")},
      // A Sunday is its own week; the week may start in the previous year.
      {"timestamp.get_timestamp", {I(1704585600), S("WEEK")}, S("2024-01-07")},
      {"timestamp.get_timestamp", {I(1704067200), S("WEEK")}, S("2023-12-31")},
      {"timestamp.get_timestamp", {I(kDocTime), S("HOUR"), S("+05:30")}, S("2024-02-22 16")},
      {"timestamp.get_timestamp", {I(kDocTime), S("")}, S("2024-02-22 10:43:51")},
      {"timestamp.get_timestamp", {I(kDocTime), S("%H:%M")}, S("10:43")},
      {"timestamp.get_timestamp", {I(kDocTime), S("week")}, S("week")},  // keywords are capitals
      {"timestamp.get_timestamp", {Value()}, S("1970-01-01 00:00:00")},
  });
}

TEST_CASE("timestamp functions: abbreviations and unknown time zones are errors", "[timestamp]") {
  for (std::string_view zone : {"PST", "EST", "CET", "Mars/Olympus_Mons", "", "localtime",
                                "+25:00", "-08:60", "08:00", "+", "+123", "/etc/passwd",
                                "../../etc/passwd"}) {
    INFO("zone \"" << zone << "\"");
    absl::StatusOr<Value> got = Eval("timestamp.get_hour", {I(kDocTime), S(std::string(zone))});
    CHECK(got.status().code() == absl::StatusCode::kInvalidArgument);
    CHECK(!fn::ParseTimeZone(zone).ok());
  }
  absl::StatusOr<Value> pst = Eval("timestamp.get_date", {I(kDocTime), S("PST")});
  CHECK(pst.status().message().find("not supported") != std::string::npos);
  CHECK(!Eval("timestamp.get_timestamp", {I(kDocTime), S("DATE"), S("Nowhere")}).ok());
  CHECK(!Eval("timestamp.as_unix_seconds", {S("2024-02-22 10:43:00"), S("EST")}).ok());
  CHECK(!Eval("timestamp.get_week", {I(kDocTime), S("Nowhere/Else")}).ok());
  CHECK(!Eval("timestamp.get_day_of_week", {I(kDocTime), S("PST")}).ok());
  CHECK(!Eval("timestamp.get_minute", {I(kDocTime), S("PST")}).ok());
  for (std::string_view zone : {"GMT", "UTC", "America/Los_Angeles", "Europe/London", "-08:00",
                                "+5", "+05:30", "-0:0", "PST8PDT"}) {
    INFO("zone \"" << zone << "\"");
    CHECK(fn::ParseTimeZone(zone).ok());
  }
}

}  // namespace

// timestamp.*: spec §5.2. Times are Unix seconds; the optional time zone is
// a literal TZ database name or a (+|-)HH:MM offset, validated when the rule
// is compiled, defaulting to GMT.
//
// An invalid time zone is a runtime error (the checker reports literals
// earlier); text that is not a "YYYY-MM-DD hh:mm:ss" time reads as 0, the
// zero value, like the other functions' failure values.
#include <cctype>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "functions/eval_util.h"
#include "functions/function_tables.h"
#include "functions/time_zone.h"

namespace yaral::functions {
namespace {

// (+|-)H[H][:M[M]]: the offset in seconds east of UTC, or false.
bool ParseOffset(std::string_view text, int& seconds) {
  if (text.size() < 2 || (text[0] != '+' && text[0] != '-')) return false;
  const int sign = text[0] == '-' ? -1 : 1;
  text.remove_prefix(1);
  auto digits = [](std::string_view part, int& out) {
    if (part.empty() || part.size() > 2) return false;
    for (char c : part) {
      if (!absl::ascii_isdigit(static_cast<unsigned char>(c))) return false;
    }
    return absl::SimpleAtoi(internal::AbslView(part), &out);
  };
  int hours = 0;
  int minutes = 0;
  const size_t colon = text.find(':');
  if (!digits(text.substr(0, colon), hours)) return false;
  if (colon != std::string_view::npos && !digits(text.substr(colon + 1), minutes)) return false;
  if (hours > 24 || minutes > 59) return false;
  seconds = sign * (hours * 3600 + minutes * 60);
  return true;
}

// "PST", "EST", "CET": all capitals and short. The TZ database keeps a few
// such names for history, but SecOps refuses abbreviations.
bool IsAbbreviation(std::string_view name) {
  if (name.size() < 2 || name.size() > 5) return false;
  for (char c : name) {
    if (!absl::ascii_isupper(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

}  // namespace

absl::StatusOr<absl::TimeZone> ParseTimeZone(std::string_view name) {
  if (name == "GMT" || name == "UTC") return absl::UTCTimeZone();
  int offset = 0;
  if (ParseOffset(name, offset)) return absl::FixedTimeZone(offset);
  if (IsAbbreviation(name)) {
    return absl::InvalidArgumentError(
        "time zone abbreviations such as \"" + std::string(name) +
        "\" are not supported: use a TZ database name (\"America/Los_Angeles\") or an "
        "offset (\"-08:00\")");
  }
  absl::TimeZone zone;
  // "localtime" would depend on the machine running the rule.
  if (name.empty() || name == "localtime" || name.front() == '/' ||
      name.find("..") != std::string_view::npos || !absl::LoadTimeZone(std::string(name), &zone)) {
    return absl::InvalidArgumentError("unknown time zone \"" + std::string(name) +
                                      "\": use a TZ database name (\"America/Los_Angeles\") "
                                      "or an offset (\"-08:00\")");
  }
  return zone;
}

namespace internal {
namespace {

using Result = absl::StatusOr<Value>;

// The optional time zone at `index`, GMT when left out.
absl::StatusOr<absl::TimeZone> ZoneArg(std::span<const Value> args, size_t index) {
  if (index >= args.size()) return absl::UTCTimeZone();
  return ParseTimeZone(args[index].string());
}

// The civil time of the `seconds` argument (argument 0) in the zone at
// `zone_index`.
absl::StatusOr<absl::CivilSecond> CivilArg(std::span<const Value> args, size_t zone_index) {
  absl::StatusOr<absl::TimeZone> zone = ZoneArg(args, zone_index);
  if (!zone.ok()) return zone.status();
  return absl::ToCivilSecond(absl::FromUnixSeconds(IntArg(ArgOr(args, 0))), *zone);
}

// Day of the week counted from Sunday = 0.
int DaysSinceSunday(absl::CivilDay day) {
  return (static_cast<int>(absl::GetWeekday(day)) + 1) % 7;  // absl: Monday = 0
}

std::string FormatDay(absl::CivilDay day) { return absl::FormatCivilTime(day); }

Result AsUnixSeconds(std::span<const Value> args, const EvalContext&) {
  absl::StatusOr<absl::TimeZone> zone = ZoneArg(args, 1);
  if (!zone.ok()) return zone.status();
  absl::Time time;
  std::string error;
  const std::string text(absl::StripAsciiWhitespace(AbslView(ArgOr(args, 0).string())));
  if (!absl::ParseTime("%Y-%m-%d %H:%M:%S", text, *zone, &time, &error)) return Value::Int(0);
  return Value::Int(absl::ToUnixSeconds(time));
}

Result Now(std::span<const Value>, const EvalContext& context) {
  return Value::Int(context.now_seconds);
}

Result GetDate(std::span<const Value> args, const EvalContext&) {
  absl::StatusOr<absl::CivilSecond> civil = CivilArg(args, 1);
  if (!civil.ok()) return civil.status();
  return Value::String(FormatDay(absl::CivilDay(*civil)));
}

Result GetDayOfWeek(std::span<const Value> args, const EvalContext&) {
  absl::StatusOr<absl::CivilSecond> civil = CivilArg(args, 1);
  if (!civil.ok()) return civil.status();
  return Value::Int(DaysSinceSunday(absl::CivilDay(*civil)) + 1);  // 1 = Sunday
}

Result GetHour(std::span<const Value> args, const EvalContext&) {
  absl::StatusOr<absl::CivilSecond> civil = CivilArg(args, 1);
  if (!civil.ok()) return civil.status();
  return Value::Int(civil->hour());
}

Result GetMinute(std::span<const Value> args, const EvalContext&) {
  absl::StatusOr<absl::CivilSecond> civil = CivilArg(args, 1);
  if (!civil.ok()) return civil.status();
  return Value::Int(civil->minute());
}

// C's %U: weeks start on Sunday; days before the year's first Sunday are in
// week 0.
Result GetWeek(std::span<const Value> args, const EvalContext&) {
  absl::StatusOr<absl::CivilSecond> civil = CivilArg(args, 1);
  if (!civil.ok()) return civil.status();
  const absl::CivilDay day(*civil);
  const int year_day = absl::GetYearDay(day) - 1;  // 0-based
  return Value::Int((year_day + 7 - DaysSinceSunday(day)) / 7);
}

// A granularity keyword (SECOND ... YEAR) or an strftime-style format.
Result GetTimestamp(std::span<const Value> args, const EvalContext&) {
  absl::StatusOr<absl::TimeZone> zone = ZoneArg(args, 2);
  if (!zone.ok()) return zone.status();
  const absl::Time time = absl::FromUnixSeconds(IntArg(ArgOr(args, 0)));
  const std::string_view format = ArgOr(args, 1).string();
  const absl::CivilSecond civil = absl::ToCivilSecond(time, *zone);
  if (format.empty()) return Value::String(absl::FormatTime("%Y-%m-%d %H:%M:%S", time, *zone));
  // FormatCivilTime would write "2024-02-22T10:43"; the docs use a space.
  if (format == "SECOND") return Value::String(absl::FormatTime("%Y-%m-%d %H:%M:%S", time, *zone));
  if (format == "MINUTE") return Value::String(absl::FormatTime("%Y-%m-%d %H:%M", time, *zone));
  if (format == "HOUR") return Value::String(absl::FormatTime("%Y-%m-%d %H", time, *zone));
  if (format == "DATE") return Value::String(FormatDay(absl::CivilDay(civil)));
  if (format == "WEEK") {
    const absl::CivilDay day(civil);
    return Value::String(FormatDay(day - DaysSinceSunday(day)));  // that week's Sunday
  }
  if (format == "MONTH") return Value::String(absl::FormatCivilTime(absl::CivilMonth(civil)));
  if (format == "YEAR") return Value::String(absl::FormatCivilTime(absl::CivilYear(civil)));
  return Value::String(absl::FormatTime(std::string(format), time, *zone));
}

Param TimeZone() { return Optional(Constant(Arg("time_zone", kStringLike))); }

// get_date, get_hour, ...: seconds and an optional time zone.
FunctionInfo Part(std::string_view name, BaseType result, std::string_view summary, EvalFn eval) {
  return {
      .name = name,
      .params = {Arg("seconds", kIntegral), TimeZone()},
      .result = Of(result),
      .summary = summary,
      .eval = eval,
  };
}

}  // namespace

void AddTimestampFunctions(std::vector<FunctionInfo>& out) {
  out.push_back({
      .name = "timestamp.as_unix_seconds",
      .params = {Arg("text", kStringLike), TimeZone()},
      .result = Of(BaseType::kInt),
      .summary = "Unix seconds of a \"YYYY-MM-DD hh:mm:ss\" time in `time_zone`.",
      .eval = &AsUnixSeconds,
  });
  out.push_back({
      .name = "timestamp.current_seconds",
      .params = {},
      .result = Of(BaseType::kInt),
      .summary = "The Unix seconds when the rule runs (same as timestamp.now).",
      .eval = &Now,
  });
  out.push_back(Part("timestamp.get_date", BaseType::kString, "The date \"YYYY-MM-DD\".", &GetDate));
  out.push_back(Part("timestamp.get_day_of_week", BaseType::kInt,
                     "The day of the week, 1 (Sunday) to 7 (Saturday).",
                     &GetDayOfWeek));
  out.push_back(Part("timestamp.get_hour", BaseType::kInt, "The hour, 0-23.", &GetHour));
  out.push_back(Part("timestamp.get_minute", BaseType::kInt, "The minute, 0-59.", &GetMinute));
  // The format may also be a granularity keyword (SECOND ... YEAR); it is
  // not required to be a literal since no compile-time check depends on it.
  out.push_back({
      .name = "timestamp.get_timestamp",
      .params = {Arg("seconds", kIntegral), Optional(Arg("format", kStringLike)), TimeZone()},
      .result = Of(BaseType::kString),
      .summary = "The time formatted with strftime-style `format` (default \"%F %T\") or a "
                 "granularity keyword such as DATE or WEEK.",
      .eval = &GetTimestamp,
  });
  out.push_back(Part("timestamp.get_week", BaseType::kInt,
                     "The week of the year, 0-53, weeks starting on Sunday.", &GetWeek));
  out.push_back({
      .name = "timestamp.now",
      .params = {},
      .result = Of(BaseType::kInt),
      .summary = "The current Unix seconds.",
      .eval = &Now,
  });
}

}  // namespace internal
}  // namespace yaral::functions

// timestamp.*: spec §5.2. Times are Unix seconds; the optional time zone is
// a literal TZ database name or a (+|-)HH:MM offset, validated when the rule
// is compiled, defaulting to GMT.
#include <string_view>
#include <vector>

#include "functions/function_tables.h"

namespace yaral::functions::internal {
namespace {

Param TimeZone() { return Optional(Constant(Arg("time_zone", kStringLike))); }

// get_date, get_hour, ...: seconds and an optional time zone.
FunctionInfo Part(std::string_view name, BaseType result, std::string_view summary) {
  return {
      .name = name,
      .params = {Arg("seconds", kIntegral), TimeZone()},
      .result = Of(result),
      .summary = summary,
  };
}

}  // namespace

void AddTimestampFunctions(std::vector<FunctionInfo>& out) {
  out.push_back({
      .name = "timestamp.as_unix_seconds",
      .params = {Arg("text", kStringLike), TimeZone()},
      .result = Of(BaseType::kInt),
      .summary = "Unix seconds of a \"YYYY-MM-DD hh:mm:ss\" time in `time_zone`.",
  });
  out.push_back({
      .name = "timestamp.current_seconds",
      .params = {},
      .result = Of(BaseType::kInt),
      .summary = "The Unix seconds when the rule runs (same as timestamp.now).",
  });
  out.push_back(Part("timestamp.get_date", BaseType::kString, "The date \"YYYY-MM-DD\"."));
  out.push_back(Part("timestamp.get_day_of_week", BaseType::kInt,
                     "The day of the week, 1 (Sunday) to 7 (Saturday)."));
  out.push_back(Part("timestamp.get_hour", BaseType::kInt, "The hour, 0-23."));
  out.push_back(Part("timestamp.get_minute", BaseType::kInt, "The minute, 0-59."));
  // The format may also be a granularity keyword (SECOND ... YEAR); it is
  // not required to be a literal since no compile-time check depends on it.
  out.push_back({
      .name = "timestamp.get_timestamp",
      .params = {Arg("seconds", kIntegral), Optional(Arg("format", kStringLike)), TimeZone()},
      .result = Of(BaseType::kString),
      .summary = "The time formatted with strftime-style `format` (default \"%F %T\") or a "
                 "granularity keyword such as DATE or WEEK.",
  });
  out.push_back(Part("timestamp.get_week", BaseType::kInt,
                     "The week of the year, 0-53, weeks starting on Sunday."));
  out.push_back({
      .name = "timestamp.now",
      .params = {},
      .result = Of(BaseType::kInt),
      .summary = "The current Unix seconds.",
  });
}

}  // namespace yaral::functions::internal

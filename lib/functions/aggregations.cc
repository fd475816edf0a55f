// The outcome aggregations of spec §5.3 / §7.4: calls without a namespace.
// Their argument is evaluated per row of the match group (after repeated
// field unnesting), so parameters are scalar.
#include <string_view>
#include <vector>

#include "functions/function_tables.h"

namespace yaral::functions::internal {
namespace {

FunctionInfo Aggregation(std::string_view name, Aggregate aggregate, TypeMask accepts,
                         ResultRule rule, Type result, std::string_view summary) {
  return {
      .name = name,
      .params = {Arg("value", accepts)},
      .result = result,
      .result_rule = rule,
      .kind = FunctionKind::kAggregation,
      .summary = summary,
      .aggregate = aggregate,
  };
}

}  // namespace

void AddAggregations(std::vector<FunctionInfo>& out) {
  constexpr auto kSame = ResultRule::kSameAsArg0;
  constexpr auto kFixed = ResultRule::kFixed;
  constexpr auto kList = ResultRule::kListOfArg0;
  const Type none;  // the result follows the argument
  using A = Aggregate;
  out.push_back(Aggregation("max", A::kMax, kNumeric, kSame, none, "The largest value."));
  out.push_back(Aggregation("min", A::kMin, kNumeric, kSame, none, "The smallest value."));
  out.push_back(Aggregation("sum", A::kSum, kNumeric, kSame, none,
                            "The total; integer overflow is a runtime error."));
  out.push_back(Aggregation("count", A::kCount, kAnyScalar, kFixed, Of(BaseType::kInt),
                            "The number of values (rows), duplicates included."));
  out.push_back(Aggregation("count_distinct", A::kCountDistinct, kAnyScalar, kFixed,
                            Of(BaseType::kInt), "The number of distinct values."));
  out.push_back(Aggregation("array", A::kArray, kAnyScalar, kList, none,
                            "The values as a list, duplicates included (truncated)."));
  out.push_back(Aggregation("array_distinct", A::kArrayDistinct, kAnyScalar, kList, none,
                            "The distinct values as a list (truncated)."));
  out.push_back(Aggregation("avg", A::kAvg, kNumeric, kFixed, Of(BaseType::kFloat),
                            "The mean, nulls ignored."));
  out.push_back(Aggregation("stddev", A::kStddev, kNumeric, kFixed, Of(BaseType::kFloat),
                            "The sample standard deviation (n-1)."));
  // Timestamps: the whole message (`$e.metadata.event_timestamp`) or seconds.
  out.push_back(Aggregation("earliest", A::kEarliest, kTimestamp, kSame, none,
                            "The earliest timestamp."));
  out.push_back(Aggregation("latest", A::kLatest, kTimestamp, kSame, none, "The latest timestamp."));
  // Only named in the docs (spec §7.4, open question 6): the start of the
  // metrics period holding the max / min value, as Unix seconds [INFERRED].
  out.push_back(Aggregation("period_start_for_max", A::kPeriodStartForMax, kNumeric, kFixed,
                            Of(BaseType::kInt),
                            "The start (Unix seconds) of the period holding the largest "
                            "value (semantics undocumented)."));
  out.push_back(Aggregation("period_start_for_min", A::kPeriodStartForMin, kNumeric, kFixed,
                            Of(BaseType::kInt),
                            "The start (Unix seconds) of the period holding the smallest "
                            "value (semantics undocumented)."));
}

}  // namespace yaral::functions::internal

// The outcome aggregations of spec §5.3 / §7.4: calls without a namespace.
// Their argument is evaluated per row of the match group (after repeated
// field unnesting), so parameters are scalar.
#include <string_view>
#include <vector>

#include "functions/function_tables.h"

namespace yaral::functions::internal {
namespace {

FunctionInfo Aggregation(std::string_view name, TypeMask accepts, ResultRule rule, Type result,
                         std::string_view summary) {
  return {
      .name = name,
      .params = {Arg("value", accepts)},
      .result = result,
      .result_rule = rule,
      .kind = FunctionKind::kAggregation,
      .summary = summary,
  };
}

}  // namespace

void AddAggregations(std::vector<FunctionInfo>& out) {
  constexpr auto kSame = ResultRule::kSameAsArg0;
  constexpr auto kFixed = ResultRule::kFixed;
  constexpr auto kList = ResultRule::kListOfArg0;
  const Type none;  // the result follows the argument
  out.push_back(Aggregation("max", kNumeric, kSame, none, "The largest value."));
  out.push_back(Aggregation("min", kNumeric, kSame, none, "The smallest value."));
  out.push_back(Aggregation("sum", kNumeric, kSame, none,
                            "The total; integer overflow is a runtime error."));
  out.push_back(Aggregation("count", kAnyScalar, kFixed, Of(BaseType::kInt),
                            "The number of values (rows), duplicates included."));
  out.push_back(Aggregation("count_distinct", kAnyScalar, kFixed, Of(BaseType::kInt),
                            "The number of distinct values."));
  out.push_back(Aggregation("array", kAnyScalar, kList, none,
                            "The values as a list, duplicates included (truncated)."));
  out.push_back(Aggregation("array_distinct", kAnyScalar, kList, none,
                            "The distinct values as a list (truncated)."));
  out.push_back(Aggregation("avg", kNumeric, kFixed, Of(BaseType::kFloat),
                            "The mean, nulls ignored."));
  out.push_back(Aggregation("stddev", kNumeric, kFixed, Of(BaseType::kFloat),
                            "The sample standard deviation (n-1)."));
  // Timestamps: the whole message (`$e.metadata.event_timestamp`) or seconds.
  out.push_back(Aggregation("earliest", kTimestamp, kSame, none, "The earliest timestamp."));
  out.push_back(Aggregation("latest", kTimestamp, kSame, none, "The latest timestamp."));
  // Only named in the docs (spec §7.4, open question 6): the start of the
  // metrics period holding the max / min value, as Unix seconds [INFERRED].
  out.push_back(Aggregation("period_start_for_max", kNumeric, kFixed, Of(BaseType::kInt),
                            "The start (Unix seconds) of the period holding the largest "
                            "value (semantics undocumented)."));
  out.push_back(Aggregation("period_start_for_min", kNumeric, kFixed, Of(BaseType::kInt),
                            "The start (Unix seconds) of the period holding the smallest "
                            "value (semantics undocumented)."));
}

}  // namespace yaral::functions::internal

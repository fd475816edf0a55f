// math.*: spec §5.2. Wherever the docs say FLOAT an int is accepted too
// (integer literals and fields convert), so every number parameter is
// kNumeric.
#include <vector>

#include "functions/function_tables.h"

namespace yaral::functions::internal {

void AddMathFunctions(std::vector<FunctionInfo>& out) {
  out.push_back({
      .name = "math.abs",
      .params = {Arg("value", kNumeric)},
      .result_rule = ResultRule::kSameAsArg0,
      .summary = "The absolute value.",
  });
  out.push_back({
      .name = "math.ceil",
      .params = {Arg("value", kNumeric)},
      .result = Of(BaseType::kInt),
      .summary = "The smallest integer not below `value`; 0 beyond the int64 range.",
  });
  out.push_back({
      .name = "math.floor",
      .params = {Arg("value", kNumeric)},
      .result = Of(BaseType::kInt),
      .summary = "The largest integer not above `value`; 0 beyond the int64 range.",
  });
  out.push_back({
      .name = "math.geo_distance",
      .params = {Arg("longitude1", kNumeric), Arg("latitude1", kNumeric),
                 Arg("longitude2", kNumeric), Arg("latitude2", kNumeric)},
      .result = Of(BaseType::kFloat),
      .summary = "The distance in metres between two points, longitude first; -1 for an "
                 "invalid coordinate.",
  });
  out.push_back({
      .name = "math.is_increasing",
      .params = {Arg("first", kNumeric), Arg("second", kNumeric), Arg("third", kNumeric)},
      .result = Of(BaseType::kBool),
      .predicate = true,
      .summary = "True when the three values are strictly ascending.",
  });
  // Documented as NUMBER -> NUMBER; a logarithm is fractional, so FLOAT.
  out.push_back({
      .name = "math.log",
      .params = {Arg("value", kNumeric)},
      .result = Of(BaseType::kFloat),
      .summary = "The natural logarithm.",
  });
  out.push_back({
      .name = "math.pow",
      .params = {Arg("base", kNumeric), Arg("exponent", kNumeric)},
      .result = Of(BaseType::kFloat),
      .summary = "`base` raised to `exponent`; 0 on overflow.",
  });
  out.push_back({
      .name = "math.random",
      .params = {},
      .result = Of(BaseType::kFloat),
      .summary = "A uniformly random float in [0, 1) (not deterministic).",
  });
  // Documented as NUMBER -> NUMBER: an int stays an int, a float a float.
  out.push_back({
      .name = "math.round",
      .params = {Arg("value", kNumeric), Optional(Arg("places", kIntegral))},
      .result_rule = ResultRule::kSameAsArg0,
      .summary = "Rounded half away from zero, to `places` decimal places (default 0).",
  });
  out.push_back({
      .name = "math.sqrt",
      .params = {Arg("value", kNumeric)},
      .result = Of(BaseType::kFloat),
      .summary = "The square root; 0 for a negative value.",
  });
}

}  // namespace yaral::functions::internal

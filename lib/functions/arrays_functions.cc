// arrays.*: spec §5.2. A list parameter takes an array literal, a list-typed
// value (strings.split, re.capture_all, an `array()` outcome) or a repeated
// field; `accepts` is then the element type.
#include <vector>

#include "functions/function_tables.h"

namespace yaral::functions::internal {

void AddArraysFunctions(std::vector<FunctionInfo>& out) {
  out.push_back({
      .name = "arrays.concat",
      .params = {ListArg("first", kStringLike), ListArg("second", kStringLike)},
      .result = ListOf(BaseType::kString),
      .summary = "The elements of `first` followed by those of `second`.",
  });
  // No reference page exists (spec §5.2, [INFERRED]); the docs use it to
  // test list-typed outcome variables in `condition`.
  out.push_back({
      .name = "arrays.contains",
      .params = {ListArg("list", kAnyScalar), Arg("value", kAnyScalar)},
      .result = Of(BaseType::kBool),
      .predicate = true,
      .summary = "True when `value` is an element of `list`.",
  });
  out.push_back({
      .name = "arrays.index_to_float",
      .params = {ListArg("list", kAnyScalar), Arg("index", kIntegral)},
      .result = Of(BaseType::kFloat),
      .summary = "The element at `index` (negative counts from the end) as a float; "
                 "0.0 when out of range.",
  });
  out.push_back({
      .name = "arrays.index_to_int",
      .params = {ListArg("list", kAnyScalar), Arg("index", kIntegral)},
      .result = Of(BaseType::kInt),
      .summary = "The element at `index` (negative counts from the end) as an int, "
                 "floats truncated; 0 when out of range or not numeric.",
  });
  out.push_back({
      .name = "arrays.index_to_str",
      .params = {ListArg("list", kAnyScalar), Arg("index", kIntegral)},
      .result = Of(BaseType::kString),
      .summary = "The element at `index` (negative counts from the end) as a string; "
                 "\"\" when out of range.",
  });
  out.push_back({
      .name = "arrays.join_string",
      .params = {ListArg("list", kStringLike), Optional(Arg("delimiter", kStringLike))},
      .result = Of(BaseType::kString),
      .summary = "The elements joined with `delimiter` (default \"\"), null elements skipped.",
  });
  out.push_back({
      .name = "arrays.length",
      .params = {ListArg("list", kAnyScalar)},
      .result = Of(BaseType::kInt),
      .summary = "The number of elements; over nested repeated fields, the total "
                 "number of leaf values.",
  });
  out.push_back({
      .name = "arrays.max",
      .params = {ListArg("list", kNumeric)},
      .result = Of(BaseType::kFloat),
      .summary = "The largest element; 0 for an empty list.",
  });
  out.push_back({
      .name = "arrays.min",
      .params = {ListArg("list", kNumeric), Optional(Arg("ignore_zeros", kBool))},
      .result = Of(BaseType::kFloat),
      .summary = "The smallest element, zeros skipped when `ignore_zeros` is true; "
                 "0 for an empty list.",
  });
  out.push_back({
      .name = "arrays.size",
      .params = {ListArg("list", kAnyScalar)},
      .result = Of(BaseType::kInt),
      .summary = "The number of elements; 0 for an empty list.",
  });
}

}  // namespace yaral::functions::internal

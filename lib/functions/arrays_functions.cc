// arrays.*: spec §5.2. A list parameter takes an array literal, a list-typed
// value (strings.split, re.capture_all, an `array()` outcome) or a repeated
// field; `accepts` is then the element type.
//
// Element conversions follow the docs: an index out of range (either way)
// gives the zero value of the result type, strings are parsed as numbers
// where a number is wanted, and a missing list is an empty one.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "functions/eval_util.h"
#include "functions/function_tables.h"

namespace yaral::functions::internal {
namespace {

using Result = absl::StatusOr<Value>;

// The element at `index` (negative counts from the end: -1 is the last), or
// nullptr when out of range.
const Value* At(std::span<const Value> elements, const Value& index_value) {
  const int64_t size = static_cast<int64_t>(elements.size());
  int64_t index = IntArg(index_value);
  if (index < 0) index += size;  // cannot overflow: size is far below 2^63
  if (index < 0 || index >= size) return nullptr;
  return &elements[static_cast<size_t>(index)];
}

// Total leaf values: nested lists (repeated fields within repeated fields)
// count their elements.
int64_t LeafCount(std::span<const Value> elements) {
  int64_t count = 0;
  for (const Value& e : elements) count += e.is_list() ? LeafCount(e.list()) : 1;
  return count;
}

Result Concat(std::span<const Value> args, const EvalContext&) {
  Value::ListType out;
  for (size_t i = 0; i < 2; ++i) {
    for (const Value& e : ElementsOf(ArgOr(args, i))) out.push_back(e);
  }
  return Value::List(std::move(out));
}

Result Contains(std::span<const Value> args, const EvalContext&) {
  const Value& needle = ArgOr(args, 1);
  for (const Value& e : ElementsOf(ArgOr(args, 0))) {
    if (e == needle) return Value::Bool(true);
  }
  return Value::Bool(false);
}

double AsFloat(const Value& v) {
  if (v.is_number()) return v.float_value();
  if (v.is_string()) return ParseFloat(v.string()).value_or(0);
  return 0;
}

Result IndexToFloat(std::span<const Value> args, const EvalContext&) {
  const Value* e = At(ElementsOf(ArgOr(args, 0)), ArgOr(args, 1));
  return Value::Float(e == nullptr ? 0 : AsFloat(*e));
}

Result IndexToInt(std::span<const Value> args, const EvalContext&) {
  const Value* e = At(ElementsOf(ArgOr(args, 0)), ArgOr(args, 1));
  if (e == nullptr) return Value::Int(0);
  if (e->is_string()) {
    // "12" -> 12; "1.5" -> 1, truncated like a float element.
    if (std::optional<int64_t> i = ParseInt(e->string())) return Value::Int(*i);
    return Value::Int(IntArg(Value::Float(ParseFloat(e->string()).value_or(0))));
  }
  return Value::Int(IntArg(*e));  // floats truncated; uints beyond int64 saturate
}

Result IndexToStr(std::span<const Value> args, const EvalContext&) {
  const Value* e = At(ElementsOf(ArgOr(args, 0)), ArgOr(args, 1));
  return Value::String(e == nullptr ? "" : ValueText(*e));
}

Result JoinString(std::span<const Value> args, const EvalContext&) {
  const std::string_view delimiter = ArgOr(args, 1).string();
  std::string out;
  bool first = true;
  for (const Value& e : ElementsOf(ArgOr(args, 0))) {
    if (e.is_zero_kind()) continue;  // NULL elements are skipped, delimiter too
    if (!first) out += delimiter;
    out += ValueText(e);
    first = false;
  }
  return Value::String(std::move(out));
}

Result Length(std::span<const Value> args, const EvalContext&) {
  return Value::Int(LeafCount(ElementsOf(ArgOr(args, 0))));
}

Result Size(std::span<const Value> args, const EvalContext&) {
  return Value::Int(static_cast<int64_t>(ElementsOf(ArgOr(args, 0)).size()));
}

// The largest (or smallest) element as a float, skipping zeros when asked;
// 0 when nothing is left.
Value Extreme(std::span<const Value> elements, bool largest, bool ignore_zeros) {
  std::optional<double> best;
  for (const Value& e : elements) {
    const double v = AsFloat(e);
    if (std::isnan(v) || (ignore_zeros && v == 0)) continue;
    if (!best || (largest ? v > *best : v < *best)) best = v;
  }
  return Value::Float(best.value_or(0));
}

Result Max(std::span<const Value> args, const EvalContext&) {
  return Extreme(ElementsOf(ArgOr(args, 0)), /*largest=*/true, /*ignore_zeros=*/false);
}

Result Min(std::span<const Value> args, const EvalContext&) {
  return Extreme(ElementsOf(ArgOr(args, 0)), /*largest=*/false, ArgOr(args, 1).bool_value());
}

}  // namespace

void AddArraysFunctions(std::vector<FunctionInfo>& out) {
  out.push_back({
      .name = "arrays.concat",
      .params = {ListArg("first", kStringLike), ListArg("second", kStringLike)},
      .result = ListOf(BaseType::kString),
      .summary = "The elements of `first` followed by those of `second`.",
      .eval = &Concat,
  });
  // No reference page exists (spec §5.2, [INFERRED]); the docs use it to
  // test list-typed outcome variables in `condition`.
  out.push_back({
      .name = "arrays.contains",
      .params = {ListArg("list", kAnyScalar), Arg("value", kAnyScalar)},
      .result = Of(BaseType::kBool),
      .predicate = true,
      .summary = "True when `value` is an element of `list`.",
      .eval = &Contains,
  });
  out.push_back({
      .name = "arrays.index_to_float",
      .params = {ListArg("list", kAnyScalar), Arg("index", kIntegral)},
      .result = Of(BaseType::kFloat),
      .summary = "The element at `index` (negative counts from the end) as a float; "
                 "0.0 when out of range.",
      .eval = &IndexToFloat,
  });
  out.push_back({
      .name = "arrays.index_to_int",
      .params = {ListArg("list", kAnyScalar), Arg("index", kIntegral)},
      .result = Of(BaseType::kInt),
      .summary = "The element at `index` (negative counts from the end) as an int, "
                 "floats truncated; 0 when out of range or not numeric.",
      .eval = &IndexToInt,
  });
  out.push_back({
      .name = "arrays.index_to_str",
      .params = {ListArg("list", kAnyScalar), Arg("index", kIntegral)},
      .result = Of(BaseType::kString),
      .summary = "The element at `index` (negative counts from the end) as a string; "
                 "\"\" when out of range.",
      .eval = &IndexToStr,
  });
  out.push_back({
      .name = "arrays.join_string",
      .params = {ListArg("list", kStringLike), Optional(Arg("delimiter", kStringLike))},
      .result = Of(BaseType::kString),
      .summary = "The elements joined with `delimiter` (default \"\"), null elements skipped.",
      .eval = &JoinString,
  });
  out.push_back({
      .name = "arrays.length",
      .params = {ListArg("list", kAnyScalar)},
      .result = Of(BaseType::kInt),
      .summary = "The number of elements; over nested repeated fields, the total "
                 "number of leaf values.",
      .eval = &Length,
  });
  out.push_back({
      .name = "arrays.max",
      .params = {ListArg("list", kNumeric)},
      .result = Of(BaseType::kFloat),
      .summary = "The largest element; 0 for an empty list.",
      .eval = &Max,
  });
  out.push_back({
      .name = "arrays.min",
      .params = {ListArg("list", kNumeric), Optional(Arg("ignore_zeros", kBool))},
      .result = Of(BaseType::kFloat),
      .summary = "The smallest element, zeros skipped when `ignore_zeros` is true; "
                 "0 for an empty list.",
      .eval = &Min,
  });
  out.push_back({
      .name = "arrays.size",
      .params = {ListArg("list", kAnyScalar)},
      .result = Of(BaseType::kInt),
      .summary = "The number of elements; 0 for an empty list.",
      .eval = &Size,
  });
}

}  // namespace yaral::functions::internal

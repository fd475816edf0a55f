// math.*: spec §5.2. Wherever the docs say FLOAT an int is accepted too
// (integer literals and fields convert), so every number parameter is
// kNumeric.
//
// Results that would be NaN or infinite (overflow, the logarithm of 0, the
// square root of a negative) are 0 instead: YARA-L has no literal for
// either, and the docs give 0 as the failure value of ceil, floor, pow and
// sqrt. docs/functions.md lists the choices.
#include <cmath>
#include <cstdint>
#include <limits>
#include <numbers>
#include <span>
#include <vector>

#include "absl/status/statusor.h"
#include "functions/eval_util.h"
#include "functions/function_tables.h"

namespace yaral::functions::internal {
namespace {

using Result = absl::StatusOr<Value>;

// A finite double, or 0.
double Finite(double v) { return std::isfinite(v) ? v : 0; }

// A double as an int64 when it fits (the docs' "beyond int64 -> 0").
int64_t ToInt64OrZero(double v) {
  // 2^63 is exactly representable; every double below it fits.
  if (!(v >= -9223372036854775808.0 && v < 9223372036854775808.0)) return 0;
  return static_cast<int64_t>(v);
}

Result Abs(std::span<const Value> args, const EvalContext&) {
  const Value& v = ArgOr(args, 0);
  switch (v.kind()) {
    case Value::Kind::kInt:
      // |INT64_MIN| does not fit: 0, like the other overflows.
      if (v.int_value() == std::numeric_limits<int64_t>::min()) return Value::Int(0);
      return Value::Int(v.int_value() < 0 ? -v.int_value() : v.int_value());
    case Value::Kind::kUint: return v;
    case Value::Kind::kFloat: return Value::Float(std::fabs(v.float_value()));
    default: return Value::Int(0);
  }
}

// ceil and floor: integers are already whole, and a uint beyond int64 is an
// overflow.
Result Rounded(const Value& v, double (*fn)(double)) {
  if (v.is_int()) return v;
  if (v.is_uint()) {
    return Value::Int(v.uint_value() > static_cast<uint64_t>(std::numeric_limits<int64_t>::max())
                          ? 0
                          : static_cast<int64_t>(v.uint_value()));
  }
  return Value::Int(ToInt64OrZero(fn(v.float_value())));
}

Result Ceil(std::span<const Value> args, const EvalContext&) {
  return Rounded(ArgOr(args, 0), [](double x) { return std::ceil(x); });
}

Result Floor(std::span<const Value> args, const EvalContext&) {
  return Rounded(ArgOr(args, 0), [](double x) { return std::floor(x); });
}

// Haversine on a sphere of the mean Earth radius: the doc examples agree to
// within 0.05% (the exact model SecOps uses is undocumented).
constexpr double kEarthRadiusMetres = 6371000.0;

Result GeoDistance(std::span<const Value> args, const EvalContext&) {
  const double lon1 = ArgOr(args, 0).float_value();
  const double lat1 = ArgOr(args, 1).float_value();
  const double lon2 = ArgOr(args, 2).float_value();
  const double lat2 = ArgOr(args, 3).float_value();
  auto valid = [](double lon, double lat) {
    return lon >= -180 && lon <= 180 && lat >= -90 && lat <= 90;  // false for NaN
  };
  if (!valid(lon1, lat1) || !valid(lon2, lat2)) return Value::Float(-1);
  constexpr double kRadians = std::numbers::pi / 180;
  const double phi1 = lat1 * kRadians;
  const double phi2 = lat2 * kRadians;
  const double dphi = phi2 - phi1;
  const double dlambda = (lon2 - lon1) * kRadians;
  const double a = std::sin(dphi / 2) * std::sin(dphi / 2) +
                   std::cos(phi1) * std::cos(phi2) * std::sin(dlambda / 2) * std::sin(dlambda / 2);
  // Rounding may push `a` a hair above 1 for antipodal points.
  const double c = 2 * std::asin(std::sqrt(std::min(1.0, a)));
  return Value::Float(kEarthRadiusMetres * c);
}

Result IsIncreasing(std::span<const Value> args, const EvalContext&) {
  const Value& a = ArgOr(args, 0);
  const Value& b = ArgOr(args, 1);
  const Value& c = ArgOr(args, 2);
  return Value::Bool(NumberLess(a, b) && NumberLess(b, c));
}

Result Log(std::span<const Value> args, const EvalContext&) {
  const double v = ArgOr(args, 0).float_value();
  // log(0) is -inf and log of a negative NaN: 0, like sqrt's documented case.
  return Value::Float(v > 0 ? Finite(std::log(v)) : 0);
}

Result Pow(std::span<const Value> args, const EvalContext&) {
  return Value::Float(Finite(std::pow(ArgOr(args, 0).float_value(), ArgOr(args, 1).float_value())));
}

// SplitMix64's finaliser: a good 64-bit mix of the seed.
uint64_t Mix(uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

// Deterministic: a function of EvalContext::random_seed alone, so a run can
// be replayed. The engine varies the seed per row when it wants different
// values.
Result Random(std::span<const Value>, const EvalContext& context) {
  // The top 53 bits make a double in [0, 1) with every value equally likely.
  return Value::Float(static_cast<double>(Mix(context.random_seed) >> 11) * 0x1.0p-53);
}

// Half away from zero at `places` decimals (negative places round to tens,
// hundreds...). An int stays an int.
Result Round(std::span<const Value> args, const EvalContext&) {
  const Value& v = ArgOr(args, 0);
  const int64_t places = IntArg(ArgOr(args, 1));
  if (v.is_int() || v.is_uint()) {
    if (places >= 0) return v;
    if (places < -18) return v.is_int() ? Value::Int(0) : Value::Uint(0);
    uint64_t scale = 1;
    for (int64_t i = 0; i < -places; ++i) scale *= 10;
    if (v.is_uint()) {
      const uint64_t down = v.uint_value() / scale * scale;
      const bool up = v.uint_value() - down >= (scale + 1) / 2;
      // Rounding up past the uint64 range overflows: 0.
      if (up && down > std::numeric_limits<uint64_t>::max() - scale) return Value::Uint(0);
      return Value::Uint(up ? down + scale : down);
    }
    const int64_t x = v.int_value();
    const uint64_t magnitude = x < 0 ? 0 - static_cast<uint64_t>(x) : static_cast<uint64_t>(x);
    uint64_t down = magnitude / scale * scale;
    if (magnitude - down >= (scale + 1) / 2) down += scale;
    if (down > static_cast<uint64_t>(std::numeric_limits<int64_t>::max())) return Value::Int(0);
    return Value::Int(x < 0 ? -static_cast<int64_t>(down) : static_cast<int64_t>(down));
  }
  const double x = v.float_value();
  if (!std::isfinite(x)) return Value::Float(0);
  // Beyond 15 decimals a double has nothing left to round.
  if (places > 15) return Value::Float(x);
  if (places < -308) return Value::Float(0);
  const double scale = std::pow(10.0, static_cast<double>(places));
  const double rounded = std::round(x * scale) / scale;
  return Value::Float(std::isfinite(rounded) ? rounded : x);
}

Result Sqrt(std::span<const Value> args, const EvalContext&) {
  const double v = ArgOr(args, 0).float_value();
  return Value::Float(v >= 0 ? std::sqrt(v) : 0);
}

}  // namespace

void AddMathFunctions(std::vector<FunctionInfo>& out) {
  out.push_back({
      .name = "math.abs",
      .params = {Arg("value", kNumeric)},
      .result_rule = ResultRule::kSameAsArg0,
      .summary = "The absolute value.",
      .eval = &Abs,
  });
  out.push_back({
      .name = "math.ceil",
      .params = {Arg("value", kNumeric)},
      .result = Of(BaseType::kInt),
      .summary = "The smallest integer not below `value`; 0 beyond the int64 range.",
      .eval = &Ceil,
  });
  out.push_back({
      .name = "math.floor",
      .params = {Arg("value", kNumeric)},
      .result = Of(BaseType::kInt),
      .summary = "The largest integer not above `value`; 0 beyond the int64 range.",
      .eval = &Floor,
  });
  out.push_back({
      .name = "math.geo_distance",
      .params = {Arg("longitude1", kNumeric), Arg("latitude1", kNumeric),
                 Arg("longitude2", kNumeric), Arg("latitude2", kNumeric)},
      .result = Of(BaseType::kFloat),
      .summary = "The distance in metres between two points, longitude first; -1 for an "
                 "invalid coordinate.",
      .eval = &GeoDistance,
  });
  out.push_back({
      .name = "math.is_increasing",
      .params = {Arg("first", kNumeric), Arg("second", kNumeric), Arg("third", kNumeric)},
      .result = Of(BaseType::kBool),
      .predicate = true,
      .summary = "True when the three values are strictly ascending.",
      .eval = &IsIncreasing,
  });
  // Documented as NUMBER -> NUMBER; a logarithm is fractional, so FLOAT.
  out.push_back({
      .name = "math.log",
      .params = {Arg("value", kNumeric)},
      .result = Of(BaseType::kFloat),
      .summary = "The natural logarithm.",
      .eval = &Log,
  });
  out.push_back({
      .name = "math.pow",
      .params = {Arg("base", kNumeric), Arg("exponent", kNumeric)},
      .result = Of(BaseType::kFloat),
      .summary = "`base` raised to `exponent`; 0 on overflow.",
      .eval = &Pow,
  });
  out.push_back({
      .name = "math.random",
      .params = {},
      .result = Of(BaseType::kFloat),
      .summary = "A uniformly random float in [0, 1) (not deterministic).",
      .eval = &Random,
  });
  // Documented as NUMBER -> NUMBER: an int stays an int, a float a float.
  out.push_back({
      .name = "math.round",
      .params = {Arg("value", kNumeric), Optional(Arg("places", kIntegral))},
      .result_rule = ResultRule::kSameAsArg0,
      .summary = "Rounded half away from zero, to `places` decimal places (default 0).",
      .eval = &Round,
  });
  out.push_back({
      .name = "math.sqrt",
      .params = {Arg("value", kNumeric)},
      .result = Of(BaseType::kFloat),
      .summary = "The square root; 0 for a negative value.",
      .eval = &Sqrt,
  });
}

}  // namespace yaral::functions::internal

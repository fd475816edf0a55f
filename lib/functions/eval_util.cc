#include "functions/eval_util.h"

#include <charconv>
#include <cmath>
#include <limits>

#include "absl/strings/numbers.h"

namespace yaral::functions::internal {

int64_t IntArg(const Value& value) {
  constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
  switch (value.kind()) {
    case Value::Kind::kInt: return value.int_value();
    case Value::Kind::kUint:
      return value.uint_value() > static_cast<uint64_t>(kMax) ? kMax
                                                              : static_cast<int64_t>(value.uint_value());
    case Value::Kind::kFloat: {
      const double v = value.float_value();
      // Outside int64 (or NaN) the cast is undefined: read as 0.
      if (!(v > -9.2233720368547758e18 && v < 9.2233720368547758e18)) return 0;
      return static_cast<int64_t>(v);
    }
    default: return 0;
  }
}

std::string FormatFloat(double value) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value > 0 ? "Infinity" : "-Infinity";
  char buffer[400];
  // Fixed notation keeps "0.0001" readable; beyond 1e21 it would print
  // dozens of digits, so the general (exponent) form takes over there.
  const auto format = std::fabs(value) < 1e21 ? std::chars_format::fixed : std::chars_format::general;
  auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value, format);
  if (ec != std::errc()) return "0";
  std::string out(buffer, end);
  if (out == "-0") out = "0";
  return out;
}

std::string ValueText(const Value& value) {
  switch (value.kind()) {
    case Value::Kind::kZero: return "";
    case Value::Kind::kBool: return value.bool_value() ? "true" : "false";
    case Value::Kind::kInt: return std::to_string(value.int_value());
    case Value::Kind::kUint: return std::to_string(value.uint_value());
    case Value::Kind::kFloat: return FormatFloat(value.float_value());
    case Value::Kind::kString:
    case Value::Kind::kBytes: return std::string(value.string());
    case Value::Kind::kList: return value.DebugString();
  }
  return "";
}

std::optional<double> ParseFloat(std::string_view text) {
  double out = 0;
  if (!absl::SimpleAtod(AbslView(text), &out) || !std::isfinite(out)) return std::nullopt;
  return out;
}

std::optional<int64_t> ParseInt(std::string_view text) {
  int64_t out = 0;
  if (!absl::SimpleAtoi(AbslView(text), &out)) return std::nullopt;
  return out;
}

bool NumberLess(const Value& a, const Value& b) {
  if (a.is_int() && b.is_int()) return a.int_value() < b.int_value();
  if (a.is_uint() && b.is_uint()) return a.uint_value() < b.uint_value();
  // A negative int is below every uint, however large.
  if (a.is_int() && b.is_uint()) {
    return a.int_value() < 0 || static_cast<uint64_t>(a.int_value()) < b.uint_value();
  }
  if (a.is_uint() && b.is_int()) {
    return b.int_value() >= 0 && a.uint_value() < static_cast<uint64_t>(b.int_value());
  }
  return a.float_value() < b.float_value();
}

}  // namespace yaral::functions::internal

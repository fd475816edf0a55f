// cast.*: spec §5.2. Failed conversions give a value (0, false, "", or the
// caller's default), never an error, so the parameter masks are generous
// where real rules rely on it (see the notes per entry).
#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "diagnostics/utf8.h"
#include "functions/eval_util.h"
#include "functions/function_tables.h"

namespace yaral::functions::internal {
namespace {

using Args = std::span<const Value>;

// 2^63, the first double past int64's range (exactly representable).
constexpr double kTwoPow63 = 9223372036854775808.0;
constexpr double kTwoPow64 = 18446744073709551616.0;

absl::StatusOr<Value> AsBool(Args args, const EvalContext&) {
  const Value& value = ArgOr(args, 0);
  switch (value.kind()) {
    case Value::Kind::kBool: return Value::Bool(value.bool_value());
    case Value::Kind::kInt: return Value::Bool(value.int_value() == 1);
    case Value::Kind::kUint: return Value::Bool(value.uint_value() == 1);
    case Value::Kind::kString:
      return Value::Bool(absl::EqualsIgnoreCase(AbslView(value.string()), "true"));
    default: return Value::Bool(false);
  }
}

// The docs give about 7 significant digits ("1.012345678" -> 1.0123456): the
// value goes through a 32-bit float, as SecOps's result evidently does.
absl::StatusOr<Value> AsFloat(Args args, const EvalContext&) {
  const Value& value = ArgOr(args, 0);
  if (value.is_number()) return Value::Float(value.float_value());
  std::optional<double> parsed = ParseFloat(value.string());
  if (!parsed.has_value() || std::fabs(*parsed) > std::numeric_limits<float>::max()) {
    return Value::Float(0);
  }
  return Value::Float(static_cast<double>(static_cast<float>(*parsed)));
}

// A double truncated toward zero, or 0 outside int64 (spec: overflow -> 0).
int64_t TruncateToInt(double value) {
  if (!std::isfinite(value) || value >= kTwoPow63 || value < -kTwoPow63) return 0;
  return static_cast<int64_t>(value);
}

uint64_t TruncateToUint(double value) {
  if (!std::isfinite(value) || value >= kTwoPow64 || value <= -1) return 0;
  return value < 0 ? 0 : static_cast<uint64_t>(value);
}

absl::StatusOr<Value> AsInt(Args args, const EvalContext&) {
  const Value& value = ArgOr(args, 0);
  switch (value.kind()) {
    case Value::Kind::kInt: return value;
    case Value::Kind::kUint: {
      uint64_t v = value.uint_value();
      return Value::Int(v > static_cast<uint64_t>(std::numeric_limits<int64_t>::max())
                            ? 0
                            : static_cast<int64_t>(v));
    }
    case Value::Kind::kFloat: return Value::Int(TruncateToInt(value.float_value()));
    case Value::Kind::kBool: return Value::Int(value.bool_value() ? 1 : 0);
    default: break;
  }
  // Integers parse exactly (a double would lose digits past 2^53); anything
  // else numeric ("2.5", "1e3") truncates.
  if (std::optional<int64_t> exact = ParseInt(value.string())) return Value::Int(*exact);
  std::optional<double> parsed = ParseFloat(value.string());
  return Value::Int(parsed.has_value() ? TruncateToInt(*parsed) : 0);
}

absl::StatusOr<Value> AsUint(Args args, const EvalContext&) {
  const Value& value = ArgOr(args, 0);
  switch (value.kind()) {
    case Value::Kind::kUint: return value;
    case Value::Kind::kInt:
      return Value::Uint(value.int_value() < 0 ? 0 : static_cast<uint64_t>(value.int_value()));
    case Value::Kind::kFloat: return Value::Uint(TruncateToUint(value.float_value()));
    case Value::Kind::kBool: return Value::Uint(value.bool_value() ? 1 : 0);
    default: break;
  }
  uint64_t exact = 0;
  absl::string_view text = absl::StripAsciiWhitespace(AbslView(value.string()));
  // SimpleAtoi accepts "-0"; a leading minus is never a valid unsigned.
  if (!absl::StartsWith(text, "-") && absl::SimpleAtoi(text, &exact)) return Value::Uint(exact);
  std::optional<double> parsed = ParseFloat(std::string_view(text.data(), text.size()));
  return Value::Uint(parsed.has_value() ? TruncateToUint(*parsed) : 0);
}

// True when `text` is well-formed UTF-8 (RFC 3629: no overlongs, no
// surrogates, nothing past U+10FFFF).
bool IsValidUtf8(std::string_view text) {
  for (size_t i = 0; i < text.size();) {
    diagnostics::DecodedChar c = diagnostics::DecodeUtf8(text, i);
    if (!c.valid) return false;
    i += c.length;
  }
  return true;
}

absl::StatusOr<Value> AsString(Args args, const EvalContext&) {
  const Value& value = ArgOr(args, 0);
  Value fallback = Value::String(std::string(ArgOr(args, 1).string()));
  switch (value.kind()) {
    case Value::Kind::kUint:
      // The docs' example of a failed cast is the integer 9223372036854775808,
      // one past int64: SecOps's integers are signed, so larger unsigned
      // values take the default too.
      if (value.uint_value() > static_cast<uint64_t>(std::numeric_limits<int64_t>::max())) {
        return fallback;
      }
      break;
    case Value::Kind::kFloat:
      if (!std::isfinite(value.float_value())) return fallback;
      break;
    case Value::Kind::kBytes:
      if (!IsValidUtf8(value.string())) return fallback;
      break;
    case Value::Kind::kList: return fallback;
    default: break;
  }
  return Value::String(ValueText(value));
}

}  // namespace

void AddCastFunctions(std::vector<FunctionInfo>& out) {
  out.push_back({
      .name = "cast.as_bool",
      .params = {Arg("value", kIntegral | kStringLike)},
      .result = Of(BaseType::kBool),
      .predicate = true,
      .summary = "True only for the integer 1 or the string \"true\" (any case); "
                 "false otherwise.",
      .eval = &AsBool,
  });
  // Documented for STRING; numbers are accepted too since converting a
  // number to a float is the identity the docs' examples imply.
  out.push_back({
      .name = "cast.as_float",
      .params = {Arg("value", kStringLike | kNumeric)},
      .result = Of(BaseType::kFloat),
      .summary = "A numeric string as a float (about 7 significant digits); 0 when invalid.",
      .eval = &AsFloat,
  });
  // The docs give FLOAT as the return type but describe and exemplify an
  // integer (spec §5.2 [DOC-CONFLICT]): INT, as the spec recommends. Public
  // Search queries pass numbers (`cast.as_int(network.sent_bytes + ...)`).
  out.push_back({
      .name = "cast.as_int",
      .params = {Arg("value", kStringLike | kNumeric)},
      .result = Of(BaseType::kInt),
      .summary = "A numeric string as an int, truncating any fraction; 0 when invalid.",
      .eval = &AsInt,
  });
  // Documented for INT|BYTES|BOOL; the examples also pass floats, and
  // strings and enums (names) convert trivially.
  out.push_back({
      .name = "cast.as_string",
      .params = {Arg("value", kNumeric | kBytes | kBool | kStringLike),
                 Optional(Arg("default", kStringLike))},
      .result = Of(BaseType::kString),
      .summary = "The value as text (bytes as raw text); `default` (or \"\") when the "
                 "conversion fails.",
      .eval = &AsString,
  });
  // Only named as a remedy in the runtime-error table (spec §5.2 [INFERRED]).
  out.push_back({
      .name = "cast.as_uint",
      .params = {Arg("value", kStringLike | kNumeric)},
      .result = Of(BaseType::kUint),
      .summary = "The value as an unsigned 64-bit integer; 0 when invalid.",
      .eval = &AsUint,
  });
}

}  // namespace yaral::functions::internal

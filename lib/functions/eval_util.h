// Small helpers shared by the function implementations (math, timestamp,
// arrays, window): reading list arguments, numbers and text the way YARA-L
// does, where a missing value is the zero value of its type (spec §3.4).
// Private to lib/functions.
#ifndef YARAL_LIB_FUNCTIONS_EVAL_UTIL_H_
#define YARAL_LIB_FUNCTIONS_EVAL_UTIL_H_

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "absl/strings/string_view.h"
#include "yaral/value.h"

namespace yaral::functions::internal {

// Debian's Abseil has its own string_view, not std::string_view.
inline absl::string_view AbslView(std::string_view s) { return {s.data(), s.size()}; }

// The elements of a list argument. A missing list (the zero value) has none;
// a scalar stands for a one-element list, because a repeated field holding
// one value may reach a function unwrapped.
inline std::span<const Value> ElementsOf(const Value& value) {
  if (value.is_list()) return value.list();
  if (value.is_zero_kind()) return {};
  return {&value, 1};
}

// The argument at `index`, or the zero value when an optional argument was
// left out.
inline const Value& ArgOr(std::span<const Value> args, size_t index) {
  static const Value* zero = new Value;
  return index < args.size() ? args[index] : *zero;
}

// An integer argument (int, uint, or a float truncated), saturating uint
// values beyond int64 so that an index or a count never wraps around.
int64_t IntArg(const Value& value);

// A float in its shortest round-trip decimal form without an exponent for
// ordinary magnitudes: 1.2 -> "1.2", 1.0 -> "1", 0.1 -> "0.1".
std::string FormatFloat(double value);

// The text of a scalar: strings as they are, numbers in decimal (floats via
// FormatFloat), booleans "true"/"false", the zero value "".
std::string ValueText(const Value& value);

// Parses a whole string as a number ("12", "-3", "1.5", surrounding spaces
// allowed); nullopt when it is not one.
std::optional<double> ParseFloat(std::string_view text);
std::optional<int64_t> ParseInt(std::string_view text);

// Numeric `a < b`, exact between two ints or two uints, through double
// otherwise (the language mixes int and float freely).
bool NumberLess(const Value& a, const Value& b);

}  // namespace yaral::functions::internal

#endif  // YARAL_LIB_FUNCTIONS_EVAL_UTIL_H_

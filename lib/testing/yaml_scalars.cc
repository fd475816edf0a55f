// Typed YAML scalars: the one place that decides what `25`, `"25"`, `true`
// and `~` mean in a test file, for inline events and expected values alike.

#include <charconv>
#include <cstdint>
#include <string>
#include <string_view>
#include <system_error>
#include <type_traits>

#include "testing_internal.h"

namespace yaral::testing_internal {
namespace {

constexpr std::string_view kStrTag = "tag:yaml.org,2002:str";

bool IsNull(std::string_view s) {
  return s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL";
}

std::optional<bool> AsBool(std::string_view s) {
  if (s == "true" || s == "True" || s == "TRUE") return true;
  if (s == "false" || s == "False" || s == "FALSE") return false;
  return std::nullopt;
}

// Parses all of `s` in `base`; false when anything is left over.
template <typename T>
bool ParseWhole(std::string_view s, T& out, int base = 10) {
  if (s.empty()) return false;
  const char* end = s.data() + s.size();
  std::from_chars_result r;
  if constexpr (std::is_floating_point_v<T>) {
    r = std::from_chars(s.data(), end, out);
  } else {
    r = std::from_chars(s.data(), end, out, base);
  }
  return r.ec == std::errc() && r.ptr == end;
}

std::optional<Value> AsInteger(std::string_view s) {
  std::string_view digits = s;
  bool negative = false;
  if (!digits.empty() && (digits[0] == '+' || digits[0] == '-')) {
    negative = digits[0] == '-';
    digits.remove_prefix(1);
  }
  int base = 10;
  if (digits.starts_with("0x")) {
    base = 16;
    digits.remove_prefix(2);
  } else if (digits.starts_with("0o")) {
    base = 8;
    digits.remove_prefix(2);
  }
  // from_chars accepts neither a sign nor a prefix here, so a stray one
  // ("--1", "0x-1") is rejected rather than misread.
  if (digits.empty() || digits[0] == '+' || digits[0] == '-') return std::nullopt;
  uint64_t magnitude = 0;
  if (!ParseWhole(digits, magnitude, base)) return std::nullopt;
  if (negative) {
    if (magnitude > uint64_t{1} << 63) return std::nullopt;
    return Value::Int(static_cast<int64_t>(0 - magnitude));
  }
  if (magnitude > static_cast<uint64_t>(INT64_MAX)) return Value::Uint(magnitude);
  return Value::Int(static_cast<int64_t>(magnitude));
}

// [-+]? ( . digits | digits [ . digits* ] ) ( [eE] [-+]? digits )?
std::optional<Value> AsFloat(std::string_view s) {
  size_t i = 0;
  auto digits = [&] {
    size_t from = i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
    return i - from;
  };
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
  const size_t whole = digits();
  size_t fraction = 0;
  if (i < s.size() && s[i] == '.') {
    ++i;
    fraction = digits();
  }
  if (whole + fraction == 0) return std::nullopt;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    if (digits() == 0) return std::nullopt;
  }
  if (i != s.size()) return std::nullopt;
  // from_chars takes no leading '+'.
  std::string_view number = s[0] == '+' ? s.substr(1) : s;
  double value = 0;
  if (!ParseWhole(number, value)) return std::nullopt;
  return Value::Float(value);
}

}  // namespace

TestFilePosition PositionOf(const YAML::Mark& mark) {
  if (mark.is_null()) return {};
  return {mark.line + 1, mark.column + 1};
}

std::string NodeKindName(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Null: return "nothing";
    case YAML::NodeType::Scalar: return "a scalar";
    case YAML::NodeType::Sequence: return "a list";
    case YAML::NodeType::Map: return "a mapping";
    default: return "undefined";
  }
}

Value ScalarValue(const YAML::Node& scalar) {
  if (scalar.Type() == YAML::NodeType::Null) return Value();
  const std::string& text = scalar.Scalar();
  // Quoted scalars carry the non-plain tag "!": they are strings whatever
  // they look like, which is how a fixture says "25" rather than 25.
  const std::string& tag = scalar.Tag();
  if (tag == "!" || tag == kStrTag) return Value::String(text);
  if (IsNull(text)) return Value();
  if (std::optional<bool> b = AsBool(text)) return Value::Bool(*b);
  if (std::optional<Value> n = AsInteger(text)) return *n;
  if (std::optional<Value> f = AsFloat(text)) return *f;
  return Value::String(text);
}

}  // namespace yaral::testing_internal

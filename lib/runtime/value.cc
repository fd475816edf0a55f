#include "yaral/value.h"

#include <cmath>
#include <cstdio>

namespace yaral {

bool Value::bool_value() const {
  const bool* v = std::get_if<1>(&data_);
  return v != nullptr && *v;
}

int64_t Value::int_value() const {
  if (const int64_t* v = std::get_if<2>(&data_)) return *v;
  return 0;
}

uint64_t Value::uint_value() const {
  if (const uint64_t* v = std::get_if<3>(&data_)) return *v;
  return 0;
}

double Value::float_value() const {
  switch (kind()) {
    case Kind::kInt: return static_cast<double>(std::get<2>(data_));
    case Kind::kUint: return static_cast<double>(std::get<3>(data_));
    case Kind::kFloat: return std::get<4>(data_);
    default: return 0;
  }
}

std::string_view Value::string() const {
  if (const std::string* s = std::get_if<5>(&data_)) return *s;
  if (const std::string* b = std::get_if<6>(&data_)) return *b;
  return {};
}

const Value::ListType& Value::list() const {
  static const ListType* empty = new ListType;
  if (const ListType* l = std::get_if<7>(&data_)) return *l;
  return *empty;
}

void Value::SetString(std::string_view text) {
  if (std::string* s = std::get_if<5>(&data_)) {
    s->assign(text.data(), text.size());
  } else {
    data_.emplace<5>(text);
  }
}

bool Value::IsZero() const {
  switch (kind()) {
    case Kind::kZero: return true;
    case Kind::kBool: return !bool_value();
    case Kind::kInt: return int_value() == 0;
    case Kind::kUint: return uint_value() == 0;
    case Kind::kFloat: return float_value() == 0;
    case Kind::kString:
    case Kind::kBytes: return string().empty();
    case Kind::kList: return list().empty();
  }
  return true;
}

bool Value::operator==(const Value& other) const {
  if (is_zero_kind() || other.is_zero_kind()) return IsZero() && other.IsZero();
  if (is_number() && other.is_number()) {
    // Exact for integers of the same signedness; through double otherwise,
    // except that a negative int never equals a uint.
    if (is_int() && other.is_int()) return int_value() == other.int_value();
    if (is_uint() && other.is_uint()) return uint_value() == other.uint_value();
    if (is_int() && other.is_uint()) return int_value() >= 0 && static_cast<uint64_t>(int_value()) == other.uint_value();
    if (is_uint() && other.is_int()) return other == *this;
    return float_value() == other.float_value();
  }
  if ((is_string() || is_bytes()) && (other.is_string() || other.is_bytes())) {
    return string() == other.string();
  }
  if (is_bool() && other.is_bool()) return bool_value() == other.bool_value();
  if (is_list() && other.is_list()) return list() == other.list();
  return false;
}

std::string Value::DebugString() const {
  switch (kind()) {
    case Kind::kZero: return "<zero>";
    case Kind::kBool: return bool_value() ? "true" : "false";
    case Kind::kInt: return std::to_string(int_value());
    case Kind::kUint: return std::to_string(uint_value());
    case Kind::kFloat: {
      char buffer[32];
      std::snprintf(buffer, sizeof buffer, "%.17g", float_value());
      return buffer;
    }
    case Kind::kString:
    case Kind::kBytes: {
      std::string out = "\"";
      for (char c : string()) {
        if (c == '"' || c == '\\') out += '\\';
        out += c;
      }
      return out + "\"";
    }
    case Kind::kList: {
      std::string out = "[";
      for (size_t i = 0; i < list().size(); ++i) {
        if (i > 0) out += ", ";
        out += list()[i].DebugString();
      }
      return out + "]";
    }
  }
  return "";
}

}  // namespace yaral

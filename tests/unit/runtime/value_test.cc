// The runtime value: zero values, accessors and YARA-L equality.
#include <catch2/catch.hpp>

#include "yaral/value.h"

namespace yaral {
namespace {

TEST_CASE("a default value is the zero value of every type", "[runtime][value]") {
  Value zero;
  CHECK(zero.is_zero_kind());
  CHECK(zero.IsZero());
  CHECK(zero.string().empty());
  CHECK(zero.int_value() == 0);
  CHECK_FALSE(zero.bool_value());
  CHECK(zero == Value::String(""));
  CHECK(zero == Value::Int(0));
  CHECK(zero == Value::Bool(false));
  CHECK_FALSE(zero == Value::String("x"));
}

TEST_CASE("numbers compare by value across kinds", "[runtime][value]") {
  CHECK(Value::Int(3) == Value::Uint(3));
  CHECK(Value::Int(3) == Value::Float(3.0));
  CHECK_FALSE(Value::Int(-1) == Value::Uint(UINT64_MAX));
  CHECK(Value::Uint(7) == Value::Int(7));
  CHECK_FALSE(Value::Int(3) == Value::String("3"));
}

TEST_CASE("accessors read the zero value for other kinds", "[runtime][value]") {
  Value s = Value::String("web-01");
  CHECK(s.is_string());
  CHECK(s.string() == "web-01");
  CHECK(s.int_value() == 0);
  CHECK(Value::Int(5).string().empty());
  CHECK(Value::Float(2.5).float_value() == 2.5);
  CHECK(Value::Int(2).float_value() == 2.0);
  Value list = Value::List({Value::String("a"), Value::Int(1)});
  REQUIRE(list.list().size() == 2);
  CHECK(list.DebugString() == "[\"a\", 1]");
  CHECK(Value::List({}).IsZero());
  CHECK(Value::Bytes("ab").string() == "ab");
  CHECK(Value::String("q\"").DebugString() == "\"q\\\"\"");
}

}  // namespace
}  // namespace yaral

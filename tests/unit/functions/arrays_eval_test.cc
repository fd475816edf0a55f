// arrays.* implementations (lib/functions/arrays_functions.cc): the
// documented examples of spec §5.2 plus empty lists, missing (zero-value)
// lists, negative and out-of-range indexes.
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "eval_case_table.h"

namespace {

using namespace yaral::functions::testing;  // NOLINT: the table's shorthands
using yaral::Value;

TEST_CASE("arrays.concat", "[arrays]") {
  CheckCases({
      {"arrays.concat", {L({S("a"), S("b")}), L({S("c")})}, L({S("a"), S("b"), S("c")})},
      {"arrays.concat", {L({S("")}), L({S("")})}, L({S(""), S("")})},  // doc
      {"arrays.concat", {L({}), L({})}, L({})},                        // doc
      {"arrays.concat", {Value(), L({S("x")})}, L({S("x")})},
      {"arrays.concat", {S("solo"), L({})}, L({S("solo")})},  // a scalar is a 1-element list
  });
}

TEST_CASE("arrays.contains", "[arrays]") {
  const Value ids = L({S("id_1234"), S("id_5678")});
  CheckCases({
      {"arrays.contains", {ids, S("id_1234")}, Bool(true)},
      {"arrays.contains", {ids, S("id_9")}, Bool(false)},
      {"arrays.contains", {L({}), S("")}, Bool(false)},
      {"arrays.contains", {Value(), S("x")}, Bool(false)},
      {"arrays.contains", {L({I(1), I(2)}), F(2.0)}, Bool(true)},  // numbers by value
      {"arrays.contains", {L({S("A")}), S("a")}, Bool(false)},      // case-sensitive
  });
}

TEST_CASE("arrays.index_to_float", "[arrays]") {
  CheckCases({
      {"arrays.index_to_float", {L({S("1.2"), S("3.3")}), I(1)}, F(3.3)},  // doc
      {"arrays.index_to_float", {L({I(1), I(2), I(3)}), I(0)}, F(1)},
      {"arrays.index_to_float", {L({F(1.5), F(2.5)}), I(-1)}, F(2.5)},      // 0-1 = last
      {"arrays.index_to_float", {L({F(1.5), F(2.5)}), I(-2)}, F(1.5)},
      {"arrays.index_to_float", {L({F(1.5), F(2.5)}), I(-3)}, F(0)},
      {"arrays.index_to_float", {L({F(1.5), F(2.5)}), I(2)}, F(0)},
      {"arrays.index_to_float", {L({}), I(0)}, F(0)},
      {"arrays.index_to_float", {Value(), I(0)}, F(0)},
      {"arrays.index_to_float", {L({S("abc")}), I(0)}, F(0)},
      {"arrays.index_to_float", {L({F(1)}), I(std::numeric_limits<int64_t>::min())}, F(0)},
      {"arrays.index_to_float", {L({F(1)}), Value::Uint(std::numeric_limits<uint64_t>::max())},
       F(0)},
  });
}

TEST_CASE("arrays.index_to_int", "[arrays]") {
  CheckCases({
      {"arrays.index_to_int", {L({F(1.1), F(1.2), F(1.3)}), I(1)}, I(1)},  // doc: truncated
      {"arrays.index_to_int", {L({S("1"), S("2")}), I(1)}, I(2)},
      {"arrays.index_to_int", {L({S("-7")}), I(0)}, I(-7)},
      {"arrays.index_to_int", {L({S("2.9")}), I(0)}, I(2)},
      {"arrays.index_to_int", {L({S("not a number")}), I(0)}, I(0)},  // doc
      {"arrays.index_to_int", {L({I(4), I(5)}), I(-1)}, I(5)},
      {"arrays.index_to_int", {L({I(4), I(5)}), I(5)}, I(0)},        // doc: OOB
      {"arrays.index_to_int", {L({F(-2.7)}), I(0)}, I(-2)},
      {"arrays.index_to_int", {L({F(1e300)}), I(0)}, I(0)},          // beyond int64
      {"arrays.index_to_int", {L({}), I(-1)}, I(0)},
  });
}

TEST_CASE("arrays.index_to_str", "[arrays]") {
  CheckCases({
      {"arrays.index_to_str", {L({S("a"), S("b"), S("c")}), I(2)}, S("c")},
      {"arrays.index_to_str", {L({S("a"), S("b"), S("c")}), I(-1)}, S("c")},
      {"arrays.index_to_str", {L({F(1.2)}), I(0)}, S("1.2")},   // doc: 1.200000 -> "1.2"
      {"arrays.index_to_str", {L({F(1.0)}), I(0)}, S("1")},
      {"arrays.index_to_str", {L({I(-42)}), I(0)}, S("-42")},
      {"arrays.index_to_str", {L({Bool(true)}), I(0)}, S("true")},
      {"arrays.index_to_str", {L({S("a")}), I(1)}, S("")},       // doc: OOB
      {"arrays.index_to_str", {L({}), I(0)}, S("")},             // doc: empty
      {"arrays.index_to_str", {L({S("a")}), I(-2)}, S("")},
      // GHDR: the third path segment of a split URL.
      {"arrays.index_to_str",
       {L({S("https:"), S(""), S("example.com"), S("x")}), I(1 + 1)},
       S("example.com")},
  });
}

TEST_CASE("arrays.join_string", "[arrays]") {
  CheckCases({
      {"arrays.join_string", {L({S("foo"), Value(), S("bar")}), S(",")}, S("foo,bar")},  // doc
      {"arrays.join_string", {L({S("a"), S("b")})}, S("ab")},  // default ""
      {"arrays.join_string", {L({S("a"), S(""), S("b")}), S("-")}, S("a--b")},
      {"arrays.join_string", {L({}), S(",")}, S("")},
      {"arrays.join_string", {Value(), S(",")}, S("")},
      {"arrays.join_string", {L({S("x")}), S(", ")}, S("x")},
  });
}

TEST_CASE("arrays.length and arrays.size", "[arrays]") {
  const Value three = L({S("10.0.0.1"), S("10.0.0.2"), S("10.0.0.3")});
  CheckCases({
      {"arrays.length", {three}, I(3)},
      {"arrays.length", {L({L({S("a"), S("b")}), L({S("c")})})}, I(3)},  // nested: leaves
      {"arrays.length", {L({})}, I(0)},
      {"arrays.length", {Value()}, I(0)},
      {"arrays.size", {three}, I(3)},
      {"arrays.size", {L({})}, I(0)},  // doc
      {"arrays.size", {Value()}, I(0)},
      {"arrays.size", {S("one")}, I(1)},
  });
}

TEST_CASE("arrays.max and arrays.min", "[arrays]") {
  CheckCases({
      {"arrays.max", {L({I(10), I(20)})}, F(20)},
      {"arrays.max", {L({F(-1.5), F(-0.5)})}, F(-0.5)},
      {"arrays.max", {L({})}, F(0)},  // doc
      {"arrays.max", {Value()}, F(0)},
      {"arrays.min", {L({I(10), I(20)})}, F(10)},
      {"arrays.min", {L({I(0), I(3), I(5)})}, F(0)},
      {"arrays.min", {L({I(0), I(3), I(5)}), Bool(true)}, F(3)},  // doc: zeros ignored
      {"arrays.min", {L({I(0), I(0)}), Bool(true)}, F(0)},
      {"arrays.min", {L({F(-2), I(0)}), Bool(true)}, F(-2)},
      {"arrays.min", {L({})}, F(0)},  // doc
      {"arrays.min", {L({Value::Uint(7), I(-1)})}, F(-1)},
  });
}

}  // namespace

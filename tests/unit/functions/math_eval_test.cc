// math.* implementations (lib/functions/math_functions.cc): the documented
// examples of spec §5.2 and the edge cases yaral chose (docs/functions.md).
#include <cmath>
#include <cstdint>
#include <limits>
#include <numbers>
#include <set>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "eval_case_table.h"

namespace {

namespace fn = yaral::functions;
using namespace fn::testing;  // NOLINT: the table's shorthands
using yaral::Value;

TEST_CASE("math.abs keeps the type and INT64_MIN overflows to 0", "[math]") {
  CheckCases({
      {"math.abs", {I(-3)}, I(3)},
      {"math.abs", {I(0)}, I(0)},
      {"math.abs", {I(1643687343 - 1643687043)}, I(300)},
      {"math.abs", {F(-1.5)}, F(1.5)},
      {"math.abs", {Value::Uint(7)}, Value::Uint(7)},
      {"math.abs", {I(std::numeric_limits<int64_t>::min())}, I(0)},
      {"math.abs", {I(std::numeric_limits<int64_t>::max())}, I(std::numeric_limits<int64_t>::max())},
      {"math.abs", {Value()}, I(0)},
  });
}

TEST_CASE("math.ceil and math.floor: documented examples and overflow", "[math]") {
  CheckCases({
      {"math.ceil", {F(-1.2)}, I(-1)},  // doc: ceil(0-1.2) = -1
      {"math.ceil", {F(2.000001)}, I(3)},
      {"math.ceil", {I(5)}, I(5)},
      {"math.ceil", {F(1e300)}, I(0)},  // beyond int64
      {"math.ceil", {F(std::nan(""))}, I(0)},
      {"math.ceil", {Value()}, I(0)},   // null
      {"math.floor", {F(-1.234568)}, I(-2)},  // doc: floor(0-1.234568) = -2
      {"math.floor", {F(2.9)}, I(2)},
      {"math.floor", {F(-1e300)}, I(0)},
      {"math.floor", {Value::Uint(std::numeric_limits<uint64_t>::max())}, I(0)},
      {"math.floor", {Value::Uint(42)}, I(42)},
  });
}

TEST_CASE("math.geo_distance: documented examples within 0.1%", "[math]") {
  struct Geo {
    double lon1, lat1, lon2, lat2, want;
  };
  const std::vector<Geo> cases = {
      {-122.020287, 37.407574, -122.021810, 37.407574, 134.564318},
      {-122.000000, 37.407574, -122.021810, 37.407574, 1926.421905},
      {-122.897680, 37.407574, -122.897680, 37.407574, 0},
  };
  for (const Geo& g : cases) {
    const Value got = Call("math.geo_distance", {F(g.lon1), F(g.lat1), F(g.lon2), F(g.lat2)});
    REQUIRE(got.is_float());
    CHECK(got.float_value() == Approx(g.want).epsilon(0.001).margin(1e-9));
  }
  // Invalid coordinates: latitude beyond 90, longitude beyond 180, NaN.
  CheckCases({
      {"math.geo_distance", {F(-122.897680), F(37.407574), F(-122.021810), F(97.407574)}, F(-1)},
      {"math.geo_distance", {F(181), F(0), F(0), F(0)}, F(-1)},
      {"math.geo_distance", {F(0), F(std::nan("")), F(0), F(0)}, F(-1)},
  });
  // Antipodal points: half the circumference, no NaN from rounding.
  const Value half = Call("math.geo_distance", {F(0), F(0), F(180), F(0)});
  CHECK(half.float_value() == Approx(std::numbers::pi * 6371000.0));
  // Integer arguments convert.
  CHECK(Call("math.geo_distance", {I(0), I(0), I(0), I(1)}).float_value() ==
        Approx(111194.93).epsilon(1e-4));
}

TEST_CASE("math.is_increasing: strictly ascending with ints and floats mixed", "[math]") {
  CheckCases({
      {"math.is_increasing", {F(-1.2), I(0), I(3)}, Value::Bool(true)},
      {"math.is_increasing", {F(-1.2), I(0), I(0)}, Value::Bool(false)},  // doc
      {"math.is_increasing", {I(1), I(2), I(3)}, Value::Bool(true)},
      {"math.is_increasing", {I(3), I(2), I(1)}, Value::Bool(false)},
      {"math.is_increasing", {I(1), F(1.5), Value::Uint(2)}, Value::Bool(true)},
      {"math.is_increasing", {I(-1), Value::Uint(0), I(1)}, Value::Bool(true)},
      {"math.is_increasing", {Value(), Value(), Value()}, Value::Bool(false)},
  });
}

TEST_CASE("math.log: natural logarithm and 0 for non-positive input", "[math]") {
  CHECK(Call("math.log", {F(std::numbers::e)}).float_value() == Approx(1.0));
  CHECK(Call("math.log", {I(1)}).float_value() == 0.0);
  CHECK(Call("math.log", {I(100)}).float_value() == Approx(4.605170186));
  CheckCases({
      {"math.log", {I(0)}, F(0)},
      {"math.log", {F(-3)}, F(0)},
      {"math.log", {Value()}, F(0)},
  });
}

TEST_CASE("math.pow: documented examples and 0 for overflow and NaN", "[math]") {
  CHECK(Call("math.pow", {I(3), I(-3)}).float_value() == Approx(0.037037).epsilon(1e-5));
  CheckCases({
      {"math.pow", {I(2), I(10)}, F(1024)},
      {"math.pow", {I(0), I(3)}, F(0)},  // doc
      {"math.pow", {I(std::numeric_limits<int64_t>::max()), I(0)}, F(1)},  // doc: accepted
      {"math.pow", {F(10), F(400)}, F(0)},  // overflow
      {"math.pow", {I(0), I(-1)}, F(0)},    // infinity
      {"math.pow", {F(-8), F(0.5)}, F(0)},  // NaN
      {"math.pow", {F(4), F(0.5)}, F(2)},
  });
}

TEST_CASE("math.random: uniform in 0 to 1 and deterministic per seed", "[math]") {
  std::set<double> seen;
  for (uint64_t seed = 0; seed < 1000; ++seed) {
    fn::EvalContext context;
    context.random_seed = seed;
    const Value a = Call("math.random", {}, context);
    const Value b = Call("math.random", {}, context);
    REQUIRE(a.is_float());
    CHECK(a.float_value() >= 0.0);
    CHECK(a.float_value() < 1.0);
    CHECK(a == b);
    seen.insert(a.float_value());
  }
  CHECK(seen.size() == 1000);
  double sum = 0;
  for (double x : seen) sum += x;
  CHECK(sum / 1000 == Approx(0.5).margin(0.05));
}

TEST_CASE("math.round: half away from zero with places and the type kept", "[math]") {
  CheckCases({
      {"math.round", {F(-10.7)}, F(-11)},  // doc: round(0-10.7) = -11
      {"math.round", {F(2.5)}, F(3)},
      {"math.round", {F(-2.5)}, F(-3)},
      {"math.round", {F(1.2567), I(2)}, F(1.26)},  // the doc's 1.25 is a typo
      {"math.round", {F(1234.5), I(-2)}, F(1200)},
      {"math.round", {F(0.1), I(400)}, F(0.1)},
      {"math.round", {F(5), I(-400)}, F(0)},
      {"math.round", {F(std::nan(""))}, F(0)},
      {"math.round", {I(17)}, I(17)},
      {"math.round", {I(17), I(2)}, I(17)},
      {"math.round", {I(15), I(-1)}, I(20)},
      {"math.round", {I(-15), I(-1)}, I(-20)},
      {"math.round", {I(-14), I(-1)}, I(-10)},
      {"math.round", {I(std::numeric_limits<int64_t>::max()), I(-1)}, I(0)},  // overflow
      {"math.round", {I(123), I(-30)}, I(0)},
      {"math.round", {Value::Uint(250), I(-2)}, Value::Uint(300)},
      {"math.round", {Value::Uint(std::numeric_limits<uint64_t>::max()), I(-1)}, Value::Uint(0)},
  });
}

TEST_CASE("math.sqrt: square root and 0 for a negative value", "[math]") {
  CheckCases({
      {"math.sqrt", {I(9)}, F(3)},
      {"math.sqrt", {F(2.25)}, F(1.5)},
      {"math.sqrt", {I(0)}, F(0)},
      {"math.sqrt", {I(-3)}, F(0)},  // doc
      {"math.sqrt", {Value()}, F(0)},
  });
}

}  // namespace

// window.* arithmetic and period_start_for_max/min (lib/functions/
// window_math.h): the documented worked examples of spec §5.2 and the
// deterministic choices where SecOps documents a random one.
#include <cstdint>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "functions/window_math.h"
#include "yaral/value.h"

namespace {

namespace window = yaral::functions::window;
using yaral::Value;

std::vector<Value> Ints(std::initializer_list<int64_t> xs) {
  std::vector<Value> out;
  for (int64_t x : xs) out.push_back(Value::Int(x));
  return out;
}

std::vector<Value> Floats(std::initializer_list<double> xs) {
  std::vector<Value> out;
  for (double x : xs) out.push_back(Value::Float(x));
  return out;
}

TEST_CASE("window.avg", "[window]") {
  CHECK(window::Avg(Ints({1, 2, 3, 4})) == 2.5);
  CHECK(window::Avg(Ints({0, 0, 0, 394})) == 98.5);
  CHECK(window::Avg(Ints({0, 0, 0, 394}), true) == 394);  // doc
  CHECK(window::Avg(Ints({0, 0}), true) == 0);
  CHECK(window::Avg({}) == 0);
  CHECK(window::Avg(std::vector<Value>{Value(), Value::Int(4)}) == 2);  // missing reads as 0
  CHECK(window::Avg(Floats({1e308, 1e308})) == 1e308);  // no overflow to infinity
}

TEST_CASE("window.median: the lower middle for an even count", "[window]") {
  CHECK(window::Median(Ints({3, 1, 2})) == 2);
  CHECK(window::Median(Ints({1, 2, 3, 4})) == 2);
  CHECK(window::Median(Ints({0, 0, 5, 7, 9}), true) == 7);
  CHECK(window::Median(Floats({-1.5})) == -1.5);
  CHECK(window::Median({}) == 0);
  CHECK(window::Median(Ints({0}), true) == 0);
}

TEST_CASE("window.mode: most frequent as text and smallest on ties", "[window]") {
  CHECK(window::Mode(Ints({1, 2, 2, 3})) == "2");
  CHECK(window::Mode(Ints({10, 9, 10, 9})) == "9");  // numeric tie-break, not text
  CHECK(window::Mode(Floats({1.5, 1.5, 2.0})) == "1.5");
  CHECK(window::Mode(std::vector<Value>{Value::Int(1), Value::Float(1.0), Value::Int(2)}) == "1");
  CHECK(window::Mode(std::vector<Value>{Value::String("b"), Value::String("a"),
                                        Value::String("b"), Value::String("a")}) == "a");
  CHECK(window::Mode(std::vector<Value>{Value::String("x")}) == "x");
  CHECK(window::Mode({}).empty());
}

TEST_CASE("window.range: min and max", "[window]") {
  CHECK(window::Range(Floats({-1.1, 0, 3.3})) == std::vector<double>{-1.1, 3.3});
  CHECK(window::Range(Floats({-1.1, 0, 3.3}), true) == std::vector<double>{-1.1, 3.3});
  CHECK(window::Range(Ints({0, 5, 2}), true) == std::vector<double>{2, 5});
  CHECK(window::Range(Ints({4})) == std::vector<double>{4, 4});
  CHECK(window::Range({}).empty());
  CHECK(window::Range(Ints({0, 0}), true).empty());
}

TEST_CASE("window.stddev and window.variance: sample (n-1)", "[window]") {
  CHECK(window::Stddev(Ints({10, 14, 18})) == Approx(4.0));  // doc
  CHECK(window::Stddev(Ints({1, 0, -1})) == Approx(1.0));    // doc
  CHECK(window::Variance(Ints({10, 14, 18})) == Approx(16.0));  // doc
  CHECK(window::Variance(Ints({-1, -56, -98})) == Approx(2366.333).epsilon(1e-6));  // doc
  CHECK(window::Variance(Ints({5})) == 0);
  CHECK(window::Stddev({}) == 0);
  CHECK(window::Variance(Floats({1e9 + 4, 1e9 + 7, 1e9 + 13, 1e9 + 16})) == Approx(30.0));
}

TEST_CASE("window.first and window.last: by sort key and input order on ties", "[window]") {
  const std::vector<window::Keyed> rows = {
      {Value::Int(300), Value::String("middle")},
      {Value::Int(100), Value::String("earliest")},
      {Value::Int(500), Value::String("latest")},
      {Value::Int(100), Value::String("earliest too")},
      {Value::Int(500), Value::String("latest too")},
  };
  CHECK(window::First(rows) == "earliest");
  CHECK(window::Last(rows) == "latest too");
  CHECK(window::First({}).empty());
  CHECK(window::Last({}).empty());
  const std::vector<window::Keyed> numbers = {{Value::Float(2.5), Value::Int(7)},
                                              {Value::Int(-1), Value::Float(1.5)}};
  CHECK(window::First(numbers) == "1.5");
  CHECK(window::Last(numbers) == "7");
}

TEST_CASE("period_start_for_max / min: the period holding the extreme", "[window]") {
  const std::vector<window::Keyed> periods = {
      {Value::Int(1708560000), Value::Int(5)},
      {Value::Int(1708473600), Value::Int(9)},
      {Value::Int(1708387200), Value::Int(1)},
      {Value::Int(1708300800), Value::Int(9)},  // same max, earlier period
  };
  CHECK(window::PeriodStartForMax(periods) == 1708300800);
  CHECK(window::PeriodStartForMin(periods) == 1708387200);
  CHECK(window::PeriodStartForMax({}) == 0);
  CHECK(window::PeriodStartForMin({}) == 0);
}

}  // namespace

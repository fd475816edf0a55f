// Comparing expectations with hand-made detections: typed values, partial
// entries, the assignment of entries to distinct detections, and the diff.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "yaral/engine.h"
#include "yaral/rule_test.h"
#include "yaral/udm_values.h"
#include "yaral/value.h"

namespace yaral {
namespace {

UdmTimestamp At(const char* text) { return *ParseTimestamp(text); }

Detection Smtp(const std::string& host, int64_t risk, int64_t events = 3) {
  Detection d;
  d.rule = "smtp";
  d.match = {{"host", Value::String(host)}, {"port", Value::Int(25)}};
  d.window = {At("2026-03-02T10:00:00Z"), At("2026-03-03T10:00:00Z")};
  d.outcomes = {{"risk", Value::Int(risk)},
                {"ratio", Value::Float(0.1 + 0.2)},
                {"ips", Value::List({Value::String("10.0.0.2"), Value::String("10.0.0.1")})}};
  EventSamples samples;
  samples.variable = "e";
  samples.total = events;
  d.events = {samples};
  return d;
}

ExpectedDetection Want(const std::string& host) {
  ExpectedDetection e;
  e.match = {{"host", Value::String(host)}};
  return e;
}

std::string Diff(const Value& expected, const Value& actual) {
  return CompareTestValue(expected, actual).value_or("equal");
}

TEST_CASE("expectations: values compare by type") {
  CHECK(Diff(Value::Int(40), Value::Float(40.0)) == "equal");
  CHECK(Diff(Value::Int(40), Value::Uint(40)) == "equal");
  CHECK(Diff(Value::Float(0.3), Value::Float(0.1 + 0.2)) == "equal");
  CHECK(Diff(Value::Int(40), Value::Int(41)) == "expected 40, got 41");
  CHECK(Diff(Value::Int(40), Value::String("40")) ==
        "expected 40 (an int), got \"40\" (a string)");
  CHECK(Diff(Value::String("25"), Value::Int(25)) ==
        "expected \"25\" (a string), got 25 (an int)");
  CHECK(Diff(Value::String("ws-01"), Value::String("ws-02")) ==
        "expected \"ws-01\", got \"ws-02\"");
  CHECK(Diff(Value::Bool(true), Value::Bool(true)) == "equal");
  CHECK(Diff(Value::Bool(false), Value()) == "equal");
  CHECK(Diff(Value::String(""), Value()) == "equal");
  CHECK(Diff(Value(), Value::Int(0)) == "equal");
  CHECK(Diff(Value(), Value::Int(3)) == "expected null (no value), got 3 (an int)");
  CHECK(Diff(Value::String("C:\\x\"y"), Value::String("z")) == "expected \"C:\\\\x\\\"y\", got \"z\"");
  // Lists: any order, same elements with the same multiplicity.
  const Value ab = Value::List({Value::String("a"), Value::String("b")});
  CHECK(Diff(ab, Value::List({Value::String("b"), Value::String("a")})) == "equal");
  CHECK(Diff(ab, Value::List({Value::String("a"), Value::String("a")})) ==
        "expected [\"a\", \"b\"], got [\"a\", \"a\"]");
  CHECK(Diff(ab, Value::List({Value::String("a")})) == "expected [\"a\", \"b\"], got [\"a\"]");
  CHECK(Diff(Value::List({Value::Int(1)}), Value::Int(1)) ==
        "expected [1] (a list), got 1 (an int)");
  CHECK(Diff(Value::Float(0.1), Value::Float(0.2)) == "expected 0.1, got 0.2");
}

TEST_CASE("expectations: a detection is compared only on what is stated") {
  const Detection d = Smtp("ws-01", 40);
  ExpectedDetection all;
  CHECK(DiffDetection(all, d).empty());

  ExpectedDetection e;
  e.rule = "smtp";
  e.match = {{"host", Value::String("ws-01")}, {"port", Value::Int(25)}};
  e.outcomes = {{"risk", Value::Float(40.0)},
                {"ratio", Value::Float(0.3)},
                {"ips", Value::List({Value::String("10.0.0.1"), Value::String("10.0.0.2")})}};
  e.window_start = At("2026-03-02T10:00:00Z");
  e.window_end = At("2026-03-03T10:00:00Z");
  e.events = {{"e", 3}};
  CHECK(DiffDetection(e, d).empty());

  e.rule = "other";
  e.match = {{"host", Value::String("ws-02")}, {"hots", Value::String("x")}};
  e.outcomes = {{"risk", Value::Int(35)}, {"missing", Value::Int(1)}};
  e.window_end = At("2026-03-02T11:00:00Z");
  e.events = {{"e", 2}, {"f", 1}};
  CHECK(DiffDetection(e, d) == std::vector<std::string>{
                                   "rule: expected \"other\", got \"smtp\"",
                                   "match.host: expected \"ws-02\", got \"ws-01\"",
                                   "match.hots: no match variable named hots (the detection has host, port)",
                                   "outcomes.risk: expected 35, got 40",
                                   "outcomes.missing: no outcome named missing (the detection has risk, ratio, ips)",
                                   "window.end: expected 2026-03-02T11:00:00Z, got 2026-03-03T10:00:00Z",
                                   "events.e: expected 2 events, got 3",
                                   "events.f: no event variable named f (the detection has e)",
                               });
}

TEST_CASE("expectations: a detection on one line") {
  CHECK(DescribeDetection(Smtp("ws-01", 40)) ==
        "smtp {host: \"ws-01\", port: 25} window 2026-03-02T10:00:00Z..2026-03-03T10:00:00Z "
        "outcomes {risk: 40, ratio: 0.30000000000000004, ips: [\"10.0.0.2\", \"10.0.0.1\"]} "
        "events {e: 3}");
  Detection single;
  single.rule = "one";
  single.window = {At("2026-03-02T10:00:00Z"), At("2026-03-02T10:00:00Z")};
  CHECK(DescribeDetection(single) == "one at 2026-03-02T10:00:00Z");
}

TEST_CASE("expectations: counts") {
  Expectations none;
  none.detections = 0;
  CHECK(CheckExpectations(none, {}).empty());
  const std::vector<std::string> lines = CheckExpectations(none, {Smtp("ws-01", 40)});
  REQUIRE(lines.size() == 2);
  CHECK(lines[0] == "expected 0 detections, got 1:");
  CHECK_THAT(lines[1], Catch::StartsWith("  smtp {host: \"ws-01\""));

  Expectations one;
  one.detections = 1;
  CHECK(CheckExpectations(one, {}) == std::vector<std::string>{"expected 1 detection, got 0"});

  std::vector<Detection> many(12, Smtp("ws-01", 40));
  const std::vector<std::string> long_list = CheckExpectations(one, many);
  REQUIRE(long_list.size() == 12);
  CHECK(long_list.back() == "  ... and 2 more");
}

TEST_CASE("expectations: each entry needs its own detection, in any order") {
  Expectations expect;
  expect.match = {Want("ws-02"), Want("ws-01")};
  CHECK(CheckExpectations(expect, {Smtp("ws-01", 40), Smtp("ws-02", 40)}).empty());

  // An entry that fits both detections must not take the one the other
  // entry needs: the matching backtracks.
  ExpectedDetection any_smtp;
  any_smtp.rule = "smtp";
  expect.match = {any_smtp, Want("ws-01")};
  CHECK(CheckExpectations(expect, {Smtp("ws-01", 40), Smtp("ws-02", 40)}).empty());

  // Two entries, one detection that fits both.
  expect.match = {Want("ws-01"), Want("ws-01")};
  expect.match[1].where = {30, 11};
  const std::vector<std::string> shared = CheckExpectations(expect, {Smtp("ws-01", 40)});
  REQUIRE(shared.size() == 1);
  CHECK(shared[0] ==
        "expected detection 2 (line 30) not found: the 1 detection that satisfy it are taken by "
        "other entries (each entry needs its own)");
}

TEST_CASE("expectations: an unmatched entry is diffed against the closest detection") {
  Expectations expect;
  ExpectedDetection e = Want("ws-01");
  e.where = {24, 11};
  e.outcomes = {{"risk", Value::Int(40)}};
  expect.match = {e};
  const std::vector<std::string> lines =
      CheckExpectations(expect, {Smtp("ws-09", 10), Smtp("ws-02", 40)});
  CHECK(lines == std::vector<std::string>{
                     "expected detection 1 (line 24) not found; the closest of 2 detections differs:",
                     "  match.host: expected \"ws-01\", got \"ws-02\"",
                     "  that detection: " + DescribeDetection(Smtp("ws-02", 40)),
                 });
  CHECK(CheckExpectations(expect, {}) ==
        std::vector<std::string>{"expected detection 1 (line 24) not found: there were no detections"});
}

}  // namespace
}  // namespace yaral

// The engine through its public API (yaral/engine.h): compiling, event
// decoding, event copies, windows, joins, streaming, errors and output.
// Language semantics case by case live in tests/conformance (golden YAML);
// these tests pin what only the API shows: stats, lateness, memory bounds,
// refusals and the exact output format.
#include <string>
#include <vector>

#include "catch2/catch.hpp"
#include "yaral/engine.h"

namespace yaral {
namespace {

// Rules need a meta section (E112); the tests' rules get a one-line one so
// they show only what they test.
std::vector<CompiledRule> Compile(std::string text, CompileOptions options = {}) {
  if (text.find("meta:") == std::string::npos) {
    text.insert(text.find('{') + 1, "\n  meta:\n    author = \"test\"");
  }
  CompileResult result = CompileRules(SourceFile("test.yaral", text), options);
  std::string messages;
  for (const Diagnostic& d : result.diagnostics) messages += d.code + ": " + d.message + "\n";
  INFO(messages);
  REQUIRE(result.ok());
  REQUIRE(!result.rules.empty());
  return result.rules;
}

std::string Event(const std::string& time, const std::string& body) {
  return R"({"metadata":{"event_timestamp":")" + time + R"(","event_type":"NETWORK_CONNECTION"},)" + body + "}";
}

const char* kSingle = R"(
rule single {
  meta:
    severity = "LOW"
  events:
    $e.metadata.event_type = "NETWORK_CONNECTION"
    $e.target.port = 25
  outcome:
    $port = $e.target.port
  condition:
    $e
}
)";

const char* kCounted = R"(
rule counted {
  events:
    $e.metadata.event_type = "NETWORK_CONNECTION"
    $host = $e.principal.hostname
  match:
    $host over 1h
  outcome:
    $n = count($e.metadata.event_type)
  condition:
    #e > 2
}
)";

TEST_CASE("a single-event rule gives one detection per matching event", "[engine]") {
  auto rules = Compile(kSingle);
  std::vector<std::string> events = {
      Event("2026-01-01T00:00:00Z", R"("target":{"port":25})"),
      Event("2026-01-01T00:00:01Z", R"("target":{"port":443})"),
      Event("2026-01-01T00:00:02.5Z", R"("target":{"port":25})"),
  };
  std::vector<Detection> d = RunRules(rules, events);
  REQUIRE(d.size() == 2);
  CHECK(d[0].rule == "single");
  CHECK(d[0].match.empty());
  CHECK(d[1].window.start == UdmTimestamp{1767225602, 500000000});
  CHECK(d[1].window.end == d[1].window.start);
  REQUIRE(d[0].outcomes.size() == 1);
  CHECK(d[0].outcomes[0].value == Value::Int(25));
  REQUIRE(d[0].events.size() == 1);
  CHECK(d[0].events[0].total == 1);
}

TEST_CASE("DetectionToJson writes the documented shape with typed values", "[engine][json]") {
  auto rules = Compile(kSingle);
  std::vector<std::string> events = {Event("2026-01-01T00:00:00Z", "\"target\": {\"port\": 25}")};
  std::vector<Detection> d = RunRules(rules, events);
  REQUIRE(d.size() == 1);
  CHECK(DetectionToJson(d[0]) ==
        R"({"rule":"single","match":{},"window":{"start":"2026-01-01T00:00:00Z","end":"2026-01-01T00:00:00Z"},)"
        R"("outcomes":{"port":25},"events":{"e":[{"metadata":{"event_timestamp":"2026-01-01T00:00:00Z",)"
        R"("event_type":"NETWORK_CONNECTION"},"target":{"port":25}}]},"meta":{"severity":"LOW"}})");
}

TEST_CASE("fields are read in every spelling UDM JSON uses", "[engine][decode]") {
  auto rules = Compile(R"(
rule spellings {
  events:
    $e.metadata.event_type = "NETWORK_CONNECTION"
    $e.network.sent_bytes > 100
    $e.principal.ip = "10.0.0.1"
    $e.metadata.event_timestamp.seconds = 1767225600
  condition:
    $e
})");
  std::vector<std::string> events = {
      // camelCase keys, int64 as a string, a scalar for a repeated field.
      R"({"metadata":{"eventTimestamp":"2026-01-01T00:00:00Z","eventType":"NETWORK_CONNECTION"},)"
      R"("network":{"sentBytes":"1000"},"principal":{"ip":"10.0.0.1"}})",
      // {seconds, nanos} timestamps and the enum by number (16002).
      R"({"metadata":{"event_timestamp":{"seconds":1767225600,"nanos":5},"event_type":16002},)"
      R"("network":{"sent_bytes":101},"principal":{"ip":["10.0.0.9","10.0.0.1"]}})",
      // Too few bytes: filtered out.
      R"({"metadata":{"event_timestamp":"2026-01-01T00:00:00Z","event_type":"NETWORK_CONNECTION"},)"
      R"("network":{"sent_bytes":100},"principal":{"ip":["10.0.0.1"]}})",
  };
  CHECK(RunRules(rules, events).size() == 2);
}

TEST_CASE("hop windows fire once per distinct set of events", "[engine][window]") {
  auto rules = Compile(kCounted);
  std::vector<std::string> events;
  for (int minute : {0, 10, 20}) {
    events.push_back(Event("2026-01-01T10:" + std::to_string(10 + minute) + ":00Z",
                           R"("principal":{"hostname":"h1"})"));
  }
  std::vector<Detection> d = RunRules(rules, events);
  REQUIRE(d.size() == 1);
  CHECK(d[0].match[0].value == Value::String("h1"));
  CHECK(d[0].events[0].total == 3);
  CHECK(d[0].outcomes[0].value == Value::Int(3));
  // The earliest 1h window (hop 6 min, aligned to the epoch) holding all three.
  CHECK(FormatTimestamp(d[0].window.start) == "2026-01-01T09:36:00Z");
  CHECK(FormatTimestamp(d[0].window.end) == "2026-01-01T10:36:00Z");
}

TEST_CASE("events further apart than the window never share one", "[engine][window]") {
  auto rules = Compile(kCounted);
  std::vector<std::string> events = {
      Event("2026-01-01T10:00:00Z", R"("principal":{"hostname":"h1"})"),
      Event("2026-01-01T10:40:00Z", R"("principal":{"hostname":"h1"})"),
      Event("2026-01-01T11:20:00Z", R"("principal":{"hostname":"h1"})"),
  };
  CHECK(RunRules(rules, events).empty());
}

TEST_CASE("match variables skip zero values unless allow_zero_values", "[engine][window]") {
  std::vector<std::string> events;
  for (int i = 0; i < 3; ++i) events.push_back(Event("2026-01-01T10:0" + std::to_string(i) + ":00Z", R"("x":1)"));
  CHECK(RunRules(Compile(kCounted), events).empty());
  std::string allowing = std::string(kCounted);
  allowing.insert(allowing.rfind('}'), "  options:\n    allow_zero_values = true\n");
  std::vector<Detection> d = RunRules(Compile(allowing), events);
  REQUIRE(d.size() == 1);
  CHECK(d[0].match[0].value == Value::String(""));
}

TEST_CASE("input out of order within the allowed lateness gives the same detections",
          "[engine][streaming]") {
  auto rules = Compile(kCounted);
  std::vector<std::string> sorted, shuffled;
  for (int i = 0; i < 6; ++i) {
    sorted.push_back(Event("2026-01-01T10:" + std::to_string(10 + i * 5) + ":00Z",
                           R"("principal":{"hostname":"h)" + std::to_string(i % 2) + "\"}"));
  }
  shuffled = {sorted[3], sorted[0], sorted[5], sorted[1], sorted[4], sorted[2]};
  std::vector<Detection> a = RunRules(rules, sorted);
  std::vector<Detection> b = RunRules(rules, shuffled);
  REQUIRE(a.size() == 2);
  REQUIRE(b.size() == a.size());
  for (size_t i = 0; i < a.size(); ++i) CHECK(DetectionToJson(a[i]).size() == DetectionToJson(b[i]).size());
}

TEST_CASE("events later than the allowed lateness are counted, not evaluated", "[engine][streaming]") {
  auto rules = Compile(kCounted);
  EngineOptions options;
  options.allowed_lateness_seconds = 0;
  Engine engine(rules, options);
  REQUIRE(engine.Feed(Event("2026-01-01T10:00:00Z", R"("principal":{"hostname":"h1"})")).ok());
  REQUIRE(engine.Feed(Event("2026-01-02T10:00:00Z", R"("principal":{"hostname":"h1"})")).ok());
  REQUIRE(engine.Feed(Event("2026-01-01T10:01:00Z", R"("principal":{"hostname":"h1"})")).ok());
  engine.Finish();
  CHECK(engine.stats().events == 3);
  CHECK(engine.stats().late_events == 1);
}

TEST_CASE("an event every rule rejects is read no further, but its time still counts",
          "[engine][streaming]") {
  auto rules = Compile(kCounted);
  EngineOptions options;
  options.allowed_lateness_seconds = 0;
  Engine engine(rules, options);
  REQUIRE(engine.Feed(Event("2026-01-01T10:00:00Z", R"("principal":{"hostname":"h1"})")).ok());
  // Rejected by its event type; `metadata` comes last, so the reader must
  // still read the time: a day later, it closes the first event's window.
  REQUIRE(engine.Feed(R"({"principal":{"hostname":"h1"},)"
                      R"("metadata":{"event_type":"USER_LOGIN","event_timestamp":"2026-01-02T10:00:00Z"}})")
              .ok());
  REQUIRE(engine.Feed(Event("2026-01-01T10:01:00Z", R"("principal":{"hostname":"h1"})")).ok());
  CHECK(engine.stats().late_events == 1);

  // The walk stops after `metadata`: a broken member behind it is never
  // parsed (EventSource validates whole events; Feed reads what rules need).
  const std::string broken_tail = R"(,"principal":{"hostname" "h1"}})";
  CHECK(engine.Feed(R"({"metadata":{"event_timestamp":"2026-01-02T11:00:00Z","event_type":"USER_LOGIN"})" +
                    broken_tail)
            .ok());
  CHECK(absl::IsInvalidArgument(engine.Feed(
      R"({"metadata":{"event_timestamp":"2026-01-02T11:00:00Z","event_type":"NETWORK_CONNECTION"})" +
      broken_tail)));
  CHECK(engine.stats().events == 4);
  CHECK(engine.stats().invalid_events == 1);

  // Explanations need every rule's view of every event: nothing is skipped.
  options.explain = [](std::string_view, std::string_view) {};
  Engine explaining(rules, options);
  CHECK(absl::IsInvalidArgument(explaining.Feed(
      R"({"metadata":{"event_timestamp":"2026-01-02T11:00:00Z","event_type":"USER_LOGIN"})" + broken_tail)));
}

TEST_CASE("memory follows the open windows, not the input", "[engine][streaming]") {
  auto rules = Compile(kCounted);
  Engine engine(rules);
  int64_t detections = 0;
  engine.OnDetection([&](const Detection&) { ++detections; });
  // 20,000 events, one a minute for two weeks, a few hosts.
  for (int i = 0; i < 20000; ++i) {
    const int64_t t = 1767225600 + i * 60;
    REQUIRE(engine.Feed(R"({"metadata":{"event_timestamp":{"seconds":)" + std::to_string(t) +
                        R"(},"event_type":"NETWORK_CONNECTION"},"principal":{"hostname":"h)" +
                        std::to_string(i % 3) + "\"}}")
                .ok());
  }
  engine.Finish();
  CHECK(detections > 0);
  // 1h window + 1h lateness + one hop of events, not 20,000.
  CHECK(engine.stats().peak_live_rows < 200);
}

TEST_CASE("input that is not a JSON object is refused and counted", "[engine][errors]") {
  Engine engine(Compile(kSingle));
  CHECK(absl::IsInvalidArgument(engine.Feed("[1, 2]")));
  CHECK(absl::IsInvalidArgument(engine.Feed("{\"metadata\": ")));
  CHECK(engine.Feed(Event("2026-01-01T00:00:00Z", R"("target":{"port":25})")).ok());
  engine.Finish();
  CHECK(engine.stats().invalid_events == 2);
  // Feed reads lazily: an object cut short fails as "not an object" before
  // any of its text is parsed.
  CHECK(engine.stats().invalid_by_reason.at("not_an_object") == 2);
  CHECK(engine.stats().events == 1);
  CHECK(engine.TakeDetections().size() == 1);
}

TEST_CASE("event times that cannot be read or held are refused by reason", "[engine][errors]") {
  Engine engine(Compile(kCounted));
  auto feed_time = [&](const std::string& time_json) {
    return engine.Feed(R"({"metadata":{"event_timestamp":)" + time_json +
                       R"(,"event_type":"NETWORK_CONNECTION"},"principal":{"hostname":"h"}})");
  };
  // Unreadable: never 1970.
  absl::Status feb30 = feed_time(R"("2026-02-30T10:00:00Z")");
  CHECK(absl::IsInvalidArgument(feb30));
  CHECK(feb30.message().find("event_timestamp") != std::string::npos);
  CHECK(absl::IsInvalidArgument(feed_time(R"("yesterday")")));
  CHECK(absl::IsInvalidArgument(feed_time(R"("<current_time>")")));
  CHECK(absl::IsInvalidArgument(feed_time(R"({"seconds":"soon"})")));
  CHECK(absl::IsInvalidArgument(feed_time(R"({"seconds":1767261600,"nanos":1000000000})")));
  CHECK(absl::IsInvalidArgument(feed_time("true")));
  // Outside protobuf's Timestamp range (years 0001-9999), including values
  // whose conversion to int64 would be undefined.
  CHECK(absl::IsInvalidArgument(feed_time(R"({"seconds":-9223372036854775808})")));
  CHECK(absl::IsInvalidArgument(feed_time(R"({"seconds":9223372036854775807})")));
  CHECK(absl::IsInvalidArgument(feed_time("1e300")));
  CHECK(absl::IsInvalidArgument(feed_time("-1e300")));
  CHECK(absl::IsInvalidArgument(feed_time(R"("253402300800")")));
  CHECK(absl::IsInvalidArgument(feed_time(R"("10000-01-01T00:00:00Z")")));
  // The range's own ends are times.
  CHECK(feed_time(R"({"seconds":-62135596800})").ok());
  CHECK(feed_time(R"("9999-12-31T23:59:59Z")").ok());
  // The refusals cost no detection of the other, normal events.
  engine.Finish();
  engine.TakeDetections();
  for (int minute = 0; minute < 3; ++minute) {
    REQUIRE(feed_time(R"({"seconds":)" + std::to_string(1767261600 + minute * 60) + "}").ok());
  }
  CHECK(absl::IsInvalidArgument(feed_time(R"({"seconds":-9223372036854775808})")));
  CHECK(absl::IsInvalidArgument(feed_time("1e300")));
  engine.Finish();
  CHECK(engine.TakeDetections().size() == 1);
  const EngineStats& stats = engine.stats();
  CHECK(stats.invalid_events == 14);
  CHECK(stats.invalid_by_reason.at("bad_timestamp") == 7);
  CHECK(stats.invalid_by_reason.at("time_out_of_range") == 7);
}

TEST_CASE("a number outside int64 in a field a rule reads reads as absent", "[engine][errors]") {
  // The one rule (docs/events.md, "64-bit integers"): as for any value of
  // the wrong type, the field's zero value; a string field keeps the digits.
  Engine engine(Compile(R"(
rule ports {
  events:
    $e.metadata.event_type = "NETWORK_CONNECTION"
    $e.target.port = 0
    $e.principal.hostname = "123456789012345678901234567890"
  condition:
    $e
}
)"));
  CHECK(engine.Feed(Event("2026-01-01T00:00:00Z",
                          R"("target":{"port":123456789012345678901234567890},)"
                          R"("principal":{"hostname":123456789012345678901234567890})"))
            .ok());
  CHECK(engine.Feed(Event("2026-01-01T00:00:01Z", R"("target":{"port":1e400},"principal":{"hostname":"h"})")).ok());
  engine.Finish();
  CHECK(engine.TakeDetections().size() == 1);
  CHECK(engine.stats().invalid_events == 0);
}

TEST_CASE("a key given twice: the first value wins", "[engine][events]") {
  Engine engine(Compile(kSingle));
  CHECK(engine.Feed(Event("2026-01-01T00:00:00Z", R"("target":{"port":25,"port":80})")).ok());
  CHECK(engine.Feed(Event("2026-01-01T00:00:01Z", R"("target":{"port":80,"port":25})")).ok());
  engine.Finish();
  std::vector<Detection> detections = engine.TakeDetections();
  REQUIRE(detections.size() == 1);
  CHECK(detections[0].window.start.seconds == 1767225600);
}

TEST_CASE("a duration field outside protobuf's Duration range is refused", "[engine][errors]") {
  Engine engine(Compile(R"(
rule slow {
  events:
    $e.metadata.event_type = "NETWORK_CONNECTION"
    $e.network.session_duration.seconds > 10
  condition:
    $e
}
)"));
  auto feed_duration = [&](const std::string& duration) {
    return engine.Feed(Event("2026-01-01T00:00:00Z", R"("network":{"session_duration":)" + duration + "}"));
  };
  CHECK(feed_duration(R"({"seconds":315576000000})").ok());
  CHECK(absl::IsInvalidArgument(feed_duration(R"({"seconds":315576000001})")));
  CHECK(absl::IsInvalidArgument(feed_duration(R"({"seconds":"forever"})")));
  engine.Finish();
  CHECK(engine.TakeDetections().size() == 1);
  CHECK(engine.stats().invalid_by_reason.at("time_out_of_range") == 1);
  CHECK(engine.stats().invalid_by_reason.at("bad_timestamp") == 1);
}

TEST_CASE("a rule whose list is not loaded does not compile (E800)", "[engine][lists]") {
  CompileResult result = CompileRules(SourceFile("t.yaral", R"(
rule listed {
  meta:
    author = "test"
  events:
    $e.principal.hostname in %vip_hosts
  condition:
    $e
})"));
  CHECK_FALSE(result.ok());
  CHECK(result.rules.empty());
  REQUIRE(!result.diagnostics.empty());
  CHECK(result.diagnostics[0].code == "E800");
}

TEST_CASE("reference lists of the three kinds filter events", "[engine][lists]") {
  auto lists = std::make_shared<ReferenceListSet>();
  lists->Add("hosts", ast::ListKind::kString, {"web-1", "web-2"});
  lists->Add("nets", ast::ListKind::kCidr, {"10.0.0.0/8"});
  lists->Add("bad", ast::ListKind::kRegex, {"^evil"});
  CompileOptions options;
  options.lists = lists;
  auto rules = Compile(R"(
rule listed {
  events:
    $e.principal.hostname in %hosts nocase
    $e.principal.ip in cidr %nets
    not $e.target.hostname in regex %bad
  condition:
    $e
})", options);
  std::vector<std::string> events = {
      Event("2026-01-01T00:00:00Z", R"("principal":{"hostname":"WEB-1","ip":["10.1.2.3"]},"target":{"hostname":"ok"})"),
      Event("2026-01-01T00:00:00Z", R"("principal":{"hostname":"web-3","ip":["10.1.2.3"]},"target":{"hostname":"ok"})"),
      Event("2026-01-01T00:00:00Z", R"("principal":{"hostname":"web-2","ip":["192.168.0.1"]},"target":{"hostname":"ok"})"),
      Event("2026-01-01T00:00:00Z", R"("principal":{"hostname":"web-2","ip":["10.0.0.1"]},"target":{"hostname":"evil.example"})"),
  };
  CHECK(RunRules(rules, events).size() == 1);
}

TEST_CASE("a join of two event variables through a placeholder", "[engine][join]") {
  auto rules = Compile(R"(
rule login_then_connect {
  events:
    $login.metadata.event_type = "USER_LOGIN"
    $login.target.user.userid = $user
    $conn.metadata.event_type = "NETWORK_CONNECTION"
    $conn.principal.user.userid = $user
    $login.metadata.event_timestamp.seconds < $conn.metadata.event_timestamp.seconds
  match:
    $user over 10m
  condition:
    $login and $conn
})");
  auto event = [](const std::string& time, const std::string& type, const std::string& body) {
    return R"({"metadata":{"event_timestamp":")" + time + R"(","event_type":")" + type + "\"}," + body + "}";
  };
  std::vector<std::string> events = {
      event("2026-01-01T10:00:00Z", "USER_LOGIN", R"("target":{"user":{"userid":"alice"}})"),
      event("2026-01-01T10:01:00Z", "NETWORK_CONNECTION", R"("principal":{"user":{"userid":"alice"}})"),
      event("2026-01-01T10:02:00Z", "NETWORK_CONNECTION", R"("principal":{"user":{"userid":"bob"}})"),
      // Before the login: the ordering filter rejects the pair.
      event("2026-01-01T09:59:00Z", "NETWORK_CONNECTION", R"("principal":{"user":{"userid":"carol"}})"),
      event("2026-01-01T10:00:30Z", "USER_LOGIN", R"("target":{"user":{"userid":"carol"}})"),
  };
  std::vector<Detection> d = RunRules(rules, events);
  REQUIRE(d.size() == 1);
  CHECK(d[0].match[0].value == Value::String("alice"));
  REQUIRE(d[0].events.size() == 2);
  CHECK(d[0].events[0].variable == "login");
  CHECK(d[0].events[1].total == 1);
}

TEST_CASE("a sliding window with a non-existence condition", "[engine][window]") {
  auto rules = Compile(R"(
rule no_logout {
  events:
    $login.metadata.event_type = "USER_LOGIN"
    $login.target.user.userid = $user
    $logout.metadata.event_type = "USER_LOGOUT"
    $logout.target.user.userid = $user
  match:
    $user over 1h after $login
  condition:
    $login and !$logout
})");
  auto event = [](const std::string& time, const std::string& type, const std::string& user) {
    return R"({"metadata":{"event_timestamp":")" + time + R"(","event_type":")" + type +
           R"("},"target":{"user":{"userid":")" + user + "\"}}}";
  };
  std::vector<std::string> events = {
      event("2026-01-01T10:00:00Z", "USER_LOGIN", "alice"),
      event("2026-01-01T10:30:00Z", "USER_LOGOUT", "alice"),
      event("2026-01-01T10:00:00Z", "USER_LOGIN", "bob"),
      event("2026-01-01T11:30:00Z", "USER_LOGOUT", "bob"),  // after bob's hour
  };
  std::vector<Detection> d = RunRules(rules, events);
  REQUIRE(d.size() == 1);
  CHECK(d[0].match[0].value == Value::String("bob"));
  CHECK(FormatTimestamp(d[0].window.end) == "2026-01-01T11:00:00Z");
}

TEST_CASE("suppression_window drops repeats of a key", "[engine][options]") {
  auto rules = Compile(R"(
rule suppressed {
  events:
    $e.metadata.event_type = "NETWORK_CONNECTION"
  outcome:
    $suppression_key = $e.principal.hostname
  condition:
    $e
  options:
    suppression_window = 10m
})");
  std::vector<std::string> events = {
      Event("2026-01-01T10:00:00Z", R"("principal":{"hostname":"a"})"),
      Event("2026-01-01T10:05:00Z", R"("principal":{"hostname":"a"})"),
      Event("2026-01-01T10:06:00Z", R"("principal":{"hostname":"b"})"),
      Event("2026-01-01T10:11:00Z", R"("principal":{"hostname":"a"})"),
  };
  Engine engine(rules);
  for (const std::string& e : events) REQUIRE(engine.Feed(e).ok());
  engine.Finish();
  CHECK(engine.TakeDetections().size() == 3);
  CHECK(engine.stats().suppressed == 1);
}

TEST_CASE("explain says which predicate rejected an event and why a window stayed quiet",
          "[engine][explain]") {
  auto rules = Compile(kCounted);
  EngineOptions options;
  std::vector<std::string> messages;
  options.explain = [&](std::string_view, std::string_view m) { messages.emplace_back(m); };
  RunRules(rules,
           std::vector<std::string>{
               R"({"metadata":{"event_timestamp":"2026-01-01T10:00:00Z","event_type":"USER_LOGIN"}})",
               Event("2026-01-01T10:00:00Z", R"("principal":{"hostname":"h1"})")},
           options);
  REQUIRE(messages.size() == 2);
  CHECK(messages[0].find("`$e.metadata.event_type = \"NETWORK_CONNECTION\"` is false "
                         "($e.metadata.event_type = \"USER_LOGIN\")") != std::string::npos);
  CHECK(messages[1].find("condition `#e > 2` is false (#e = 1") != std::string::npos);
}

TEST_CASE("the reference rule's plan reads six fields", "[engine][explain]") {
  auto rules = Compile(R"(
rule t {
  events:
    $e.metadata.event_type = "NETWORK_CONNECTION"
    $host = $e.principal.hostname
  match:
    $host over 24h
  condition:
    #e > 2
})");
  const std::string plan = rules[0].Explain();
  CHECK(plan.find("window: hop, 86400s long, starting every 8640s") != std::string::npos);
  CHECK(plan.find("binds $host = $e.principal.hostname") != std::string::npos);
}

TEST_CASE("equalities of one field or-ed together become one membership test", "[engine][plan]") {
  auto rules = Compile(R"(
rule ports {
  events:
    ($e.target.port = 25 or $e.target.port = 465 or $e.target.port in [587, 110])
    ($e.principal.hostname = "a" or $e.target.hostname = "b")
    ($e.principal.hostname = "z" or $e.principal.hostname = "A" nocase)
  condition:
    $e
})");
  const std::string plan = rules[0].Explain();
  INFO(plan);
  CHECK(plan.find("$e.target.port in [25, 465, 587, 110]") != std::string::npos);
  // Different fields, or `nocase` on one side: left as they are.
  CHECK(plan.find(R"(($e.principal.hostname = "a" or $e.target.hostname = "b"))") != std::string::npos);
  CHECK(plan.find(R"(or $e.principal.hostname = "A" nocase)") != std::string::npos);
  auto event = [](int port) {
    return Event("2026-01-01T00:00:00Z",
                 R"("principal":{"hostname":"a"},"target":{"port":)" + std::to_string(port) + "}");
  };
  std::vector<std::string> events = {event(25), event(110), event(26), event(587), event(465)};
  std::vector<Detection> d = RunRules(rules, events);
  CHECK(d.size() == 4);
}

TEST_CASE("comparisons with one data table hold on the same row (spec 10.4)", "[engine][tables]") {
  auto tables = std::make_shared<DataTableSet>();
  REQUIRE(tables->AddCsv("staff", "staff.csv", "userid,assigned_host\nu1,lap-2\nu2,lap-9\n").empty());
  CompileOptions options;
  options.tables = tables;
  auto rules = Compile(R"(
rule unassigned_host {
  events:
    $l.metadata.event_type = "USER_LOGIN"
    $l.principal.user.userid = $uid
    %staff.userid = $uid
    $l.principal.hostname != %staff.assigned_host
  match:
    $uid over 1h
  condition:
    $l
})", options);
  auto login = [](const std::string& user, const std::string& host) {
    return R"({"metadata":{"event_timestamp":"2026-01-01T10:00:00Z","event_type":"USER_LOGIN"},)"
           R"("principal":{"hostname":")" + host + R"(","user":{"userid":")" + user + "\"}}}";
  };
  // lap-9 is u2's host, not u1's: as a row join u1 from lap-9 fires, where
  // a column membership test would have said lap-9 is "assigned".
  std::vector<Detection> d = RunRules(rules, std::vector<std::string>{login("u1", "lap-9")});
  REQUIRE(d.size() == 1);
  CHECK(d[0].match[0].value == Value::String("u1"));
  CHECK(d[0].events.size() == 1);  // table rows are not events
  CHECK(RunRules(rules, std::vector<std::string>{login("u1", "lap-2")}).empty());
  CHECK(RunRules(rules, std::vector<std::string>{login("u3", "lap-9")}).empty());  // no row
}

}  // namespace
}  // namespace yaral

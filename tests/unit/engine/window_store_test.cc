// Windowed rules held per match key (lib/engine/window_store.h) and the
// limits of EngineOptions on what they hold: what a limit drops is counted
// by rule, limit and key, never lost silently. Per-key windows must give
// exactly the detections, in the same order, of one partition holding every
// row (EngineOptions::windows_per_key = false).
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "catch2/catch.hpp"
#include "yaral/detection.h"
#include "yaral/engine.h"

namespace yaral {
namespace {

std::vector<CompiledRule> Compile(const std::string& text, const CompileOptions& options = {}) {
  CompileResult result = CompileRules(SourceFile("test.yaral", text), options);
  std::string messages;
  for (const Diagnostic& d : result.diagnostics) messages += d.code + ": " + d.message + "\n";
  INFO(messages);
  REQUIRE(result.ok());
  REQUIRE(!result.rules.empty());
  return result.rules;
}

const char* kPerUser = R"(
rule per_user {
  meta:
    author = "test"
  events:
    $e.metadata.event_type = "USER_LOGIN"
    $e.target.user.userid = $user
  match:
    $user over 1h
  condition:
    #e >= 3
}
)";

const char* kFailedThenSuccess = R"(
rule failed_then_success {
  meta:
    author = "test"
  events:
    $fail.metadata.event_type = "USER_LOGIN"
    $fail.metadata.product_event_type = "4625"
    $fail.target.user.userid = $user
    $ok.metadata.event_type = "USER_LOGIN"
    $ok.metadata.product_event_type = "4624"
    $ok.target.user.userid = $user
    $fail.metadata.event_timestamp.seconds < $ok.metadata.event_timestamp.seconds
  match:
    $user over 10m
  condition:
    #fail >= 2 and $ok
}
)";

std::string Login(int64_t seconds, const std::string& user, bool success = false) {
  return R"({"metadata":{"event_type":"USER_LOGIN","event_timestamp":{"seconds":)" + std::to_string(seconds) +
         R"(},"product_event_type":")" + (success ? "4624" : "4625") + R"("},"target":{"user":{"userid":")" +
         user + "\"}}}";
}

constexpr int64_t kT0 = 1767225600;  // 2026-01-01T00:00:00Z

std::vector<Detection> Run(const std::vector<CompiledRule>& rules, const std::vector<std::string>& events,
                           const EngineOptions& options, EngineStats* stats) {
  Engine engine(rules, options);
  for (const std::string& e : events) REQUIRE(engine.Feed(e).ok());
  engine.Finish();
  *stats = engine.stats();
  return engine.TakeDetections();
}

TEST_CASE("thousands of keys in one window each give their own detection", "[engine][windows]") {
  // Every user once, every 100th twice more: one window holds 5,100 rows
  // of 5,000 keys; only the 50 users with three logins fire.
  std::vector<std::string> events;
  for (int u = 0; u < 5000; ++u) events.push_back(Login(kT0 + u % 600, "u" + std::to_string(u)));
  for (int u = 0; u < 5000; u += 100) {
    events.push_back(Login(kT0 + 700, "u" + std::to_string(u)));
    events.push_back(Login(kT0 + 800, "u" + std::to_string(u)));
  }
  EngineStats stats;
  std::vector<Detection> d = Run(Compile(kPerUser), events, {}, &stats);
  CHECK(d.size() == 50);
  CHECK(stats.dropped_by_limits == 0);
  CHECK(stats.limit_drops.empty());
  for (const Detection& detection : d) {
    REQUIRE(detection.events.size() == 1);
    CHECK(detection.events[0].total == 3);
  }
}

TEST_CASE("a join pairs rows of the same key only, whatever else the window holds", "[engine][windows]") {
  std::vector<std::string> events = {
      Login(kT0, "alice"),     Login(kT0 + 10, "bob"),        Login(kT0 + 20, "alice"),
      Login(kT0 + 30, "carol"), Login(kT0 + 40, "bob", true), Login(kT0 + 50, "alice", true),
  };
  EngineStats stats;
  std::vector<Detection> d = Run(Compile(kFailedThenSuccess), events, {}, &stats);
  REQUIRE(d.size() == 1);
  REQUIRE(d[0].match.size() == 1);
  CHECK(d[0].match[0].value == Value::String("alice"));
  REQUIRE(d[0].events.size() == 2);
  CHECK(d[0].events[0].total == 2);
  CHECK(d[0].events[1].total == 1);
}

TEST_CASE("rows beyond max_rows_per_key are dropped and counted by rule and key", "[engine][limits]") {
  std::vector<std::string> events;
  for (int i = 0; i < 4; ++i) events.push_back(Login(kT0 + i, "alice"));
  for (int i = 0; i < 3; ++i) events.push_back(Login(kT0 + i, "bob"));
  EngineOptions options;
  options.max_rows_per_key = 2;
  EngineStats stats;
  std::vector<Detection> d = Run(Compile(kPerUser), events, options, &stats);
  CHECK(d.empty());  // two rows per user cannot reach #e >= 3
  CHECK(stats.dropped_by_limits == 3);
  REQUIRE(stats.limit_drops.size() == 1);
  const LimitDrop& drop = stats.limit_drops[0];
  CHECK(drop.rule == "per_user");
  CHECK(drop.limit == "max_rows_per_key");
  CHECK(drop.count == 3);
  CHECK(drop.keys == std::map<std::string, int64_t>{{"user: \"alice\"", 2}, {"user: \"bob\"", 1}});
  CHECK(drop.other_keys == 0);

  options.max_rows_per_key = 3;
  d = Run(Compile(kPerUser), events, options, &stats);
  CHECK(d.size() == 2);
  CHECK(stats.dropped_by_limits == 1);
}

TEST_CASE("keys beyond max_keys_per_rule are dropped and counted, the first keys kept", "[engine][limits]") {
  std::vector<std::string> events;
  for (int u = 0; u < 20; ++u) {
    for (int i = 0; i < 3; ++i) events.push_back(Login(kT0 + 60 * i + u, "u" + std::to_string(u)));
  }
  EngineOptions options;
  options.max_keys_per_rule = 5;
  EngineStats stats;
  std::vector<Detection> d = Run(Compile(kPerUser), events, options, &stats);
  CHECK(d.size() == 5);
  CHECK(stats.dropped_by_limits == 45);
  REQUIRE(stats.limit_drops.size() == 1);
  CHECK(stats.limit_drops[0].limit == "max_keys_per_rule");
  // Ten keys named, the other five counted.
  CHECK(stats.limit_drops[0].keys.size() == LimitDrop::kMaxKeys);
  CHECK(stats.limit_drops[0].other_keys == 15);

  // Keys are held while their windows are open: once closed, new keys fit.
  events.clear();
  for (int u = 0; u < 20; ++u) {
    for (int i = 0; i < 3; ++i) events.push_back(Login(kT0 + 86400 * u + i, "u" + std::to_string(u)));
  }
  options.allowed_lateness_seconds = 0;
  d = Run(Compile(kPerUser), events, options, &stats);
  CHECK(d.size() == 20);
  CHECK(stats.dropped_by_limits == 0);
}

TEST_CASE("a key's window with more bindings than max_bindings_per_window is cut and counted",
          "[engine][limits]") {
  std::vector<std::string> events;
  for (int i = 0; i < 10; ++i) events.push_back(Login(kT0 + i, "alice"));
  events.push_back(Login(kT0 + 100, "alice", true));
  events.push_back(Login(kT0 + 200, "bob"));
  events.push_back(Login(kT0 + 201, "bob"));
  events.push_back(Login(kT0 + 202, "bob", true));
  EngineOptions options;
  options.max_bindings_per_window = 5;
  EngineStats stats;
  std::vector<Detection> d = Run(Compile(kFailedThenSuccess), events, options, &stats);
  // bob's windows hold two bindings; alice's ten are cut to five (which
  // still fire) and counted under her key.
  CHECK(d.size() == 2);
  REQUIRE(stats.limit_drops.size() == 1);
  CHECK(stats.limit_drops[0].limit == "max_bindings_per_window");
  CHECK(stats.limit_drops[0].keys.count("user: \"alice\"") == 1);
  CHECK(stats.limit_drops[0].keys.count("user: \"bob\"") == 0);
}

// ------------------------------------------------------------------ same detections

// splitmix64: a fixed sequence for a seed.
uint64_t Next(uint64_t& state) {
  uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

// Logins of `users` users over `span` seconds, 60% failures, out of order by
// up to 5 minutes (inside the default lateness), from two hosts per user.
std::vector<std::string> Logins(int events, int users, int64_t span, uint64_t seed) {
  std::vector<std::string> out;
  for (int i = 0; i < events; ++i) {
    const int64_t jitter = static_cast<int64_t>(Next(seed) % 300);
    const int64_t seconds = kT0 + i * span / events + jitter;
    const std::string user = "u" + std::to_string(Next(seed) % static_cast<uint64_t>(users));
    const bool success = Next(seed) % 10 >= 6;
    const std::string host = "h" + std::to_string(Next(seed) % 2);
    out.push_back(R"({"metadata":{"event_type":"USER_LOGIN","event_timestamp":{"seconds":)" +
                  std::to_string(seconds) + R"(},"product_event_type":")" + (success ? "4624" : "4625") +
                  R"("},"principal":{"hostname":")" + host + R"("},"target":{"user":{"userid":")" + user +
                  "\"}}}");
  }
  return out;
}

std::vector<std::string> Run(const std::vector<CompiledRule>& rules, const std::vector<std::string>& events,
                             bool per_key, EngineOptions options = {}) {
  options.windows_per_key = per_key;
  Engine engine(rules, options);
  for (const std::string& e : events) REQUIRE(engine.Feed(e).ok());
  engine.Finish();
  std::vector<std::string> out;
  for (const Detection& d : engine.TakeDetections()) out.push_back(DetectionToJson(d));
  return out;
}

// Per-key and one-partition runs agree detection for detection, in order;
// returns how many there were.
size_t Same(const std::vector<CompiledRule>& rules, const std::vector<std::string>& events,
            EngineOptions options = {}) {
  const std::vector<std::string> one = Run(rules, events, false, options);
  const std::vector<std::string> keyed = Run(rules, events, true, options);
  REQUIRE(keyed.size() == one.size());
  for (size_t i = 0; i < one.size(); ++i) {
    INFO("detection " << i);
    CHECK(keyed[i] == one[i]);
  }
  return one.size();
}

const char* kWindowRules = R"(
rule hop_count {
  meta:
    author = "test"
  events:
    $e.metadata.event_type = "USER_LOGIN"
    $e.target.user.userid = $user
  match:
    $user over 30m
  outcome:
    $hosts = array_distinct($e.principal.hostname)
    $first = min($e.metadata.event_timestamp.seconds)
  condition:
    #e >= 4
}

rule tumbling_count {
  meta:
    author = "test"
  events:
    $e.metadata.event_type = "USER_LOGIN"
    $e.target.user.userid = $user
    $e.principal.hostname = $host
  match:
    $user, $host by 20m
  outcome:
    $n = count($e.metadata.event_timestamp.seconds)
  condition:
    #e >= 3
}

rule sliding_after {
  meta:
    author = "test"
  events:
    $fail.metadata.product_event_type = "4625"
    $fail.target.user.userid = $user
    $ok.metadata.product_event_type = "4624"
    $ok.target.user.userid = $user
  match:
    $user over 10m after $fail
  condition:
    $fail and #ok >= 2
}

rule sliding_before {
  meta:
    author = "test"
  events:
    $fail.metadata.product_event_type = "4625"
    $fail.target.user.userid = $user
    $ok.metadata.product_event_type = "4624"
    $ok.target.user.userid = $user
  match:
    $user over 10m before $ok
  outcome:
    $fails = count_distinct($fail.metadata.event_timestamp.seconds)
  condition:
    $ok and #fail >= 2
}

rule join_optional {
  meta:
    author = "test"
  events:
    $fail.metadata.product_event_type = "4625"
    $fail.target.user.userid = $user
    $ok.metadata.product_event_type = "4624"
    $ok.target.user.userid = $user
    $ok.principal.hostname = $host
    $fail.principal.hostname = $host
  match:
    $user, $host over 15m
  outcome:
    $successes = count_distinct($ok.metadata.event_timestamp.seconds)
  condition:
    #fail >= 3 and #ok < 2
}
)";

TEST_CASE("per-key windows give the one-partition detections: hop, tumbling, sliding, joins",
          "[engine][windows]") {
  const std::vector<CompiledRule> rules = Compile(kWindowRules);
  const std::vector<std::string> events = Logins(6000, 40, 86400, 7);
  const size_t total = Same(rules, events);
  CHECK(total > 100);  // the rules fire: the comparison compares something
  // Each rule alone as well: their detections are not all of one rule.
  for (const CompiledRule& rule : rules) {
    INFO(rule.name());
    CHECK(Same({rule}, events) > 0);
  }
  // In order, every window closing on the way (no lateness), and with the
  // largest lateness holding everything until Finish().
  EngineOptions options;
  options.allowed_lateness_seconds = 0;
  CHECK(Same(rules, Logins(3000, 25, 43200, 8), options) > 0);
  options.allowed_lateness_seconds = 86400 * 2;
  CHECK(Same(rules, Logins(3000, 25, 43200, 9), options) > 0);
}

TEST_CASE("per-key windows give the one-partition detections with many keys", "[engine][windows]") {
  CHECK(Same(Compile(kWindowRules), Logins(20000, 5000, 7200, 10)) > 0);
}

TEST_CASE("per-key windows give the one-partition detections for an entity graph join", "[engine][windows]") {
  const std::vector<CompiledRule> rules = Compile(R"(
rule admin_login {
  meta:
    author = "test"
  events:
    $l.metadata.event_type = "USER_LOGIN"
    $l.target.user.userid = $user
    $ctx.graph.metadata.entity_type = "USER"
    $ctx.graph.entity.user.userid = $user
  match:
    $user over 1h
  outcome:
    $logins = count_distinct($l.metadata.event_timestamp.seconds)
  condition:
    $l and $ctx
}
)");
  std::vector<std::string> events;
  uint64_t seed = 11;
  for (int i = 0; i < 2000; ++i) {
    const int64_t seconds = kT0 + i * 30;
    const std::string user = "u" + std::to_string(Next(seed) % 30);
    if (i % 10 == 0) {
      // A context record valid for 2 hours from now.
      events.push_back(R"({"metadata":{"entity_type":"USER","interval":{"start_time":{"seconds":)" +
                       std::to_string(seconds) + R"(},"end_time":{"seconds":)" + std::to_string(seconds + 7200) +
                       R"(}}},"entity":{"user":{"userid":")" + user + "\"}}}");
    }
    events.push_back(Login(seconds, user, Next(seed) % 2 == 0));
  }
  const size_t total = Same(rules, events);
  CHECK(total > 10);
}

TEST_CASE("per-key windows give the one-partition detections for a data-table join", "[engine][windows]") {
  auto tables = std::make_shared<DataTableSet>();
  std::string csv = "userid,team\n";
  for (int u = 0; u < 40; u += 3) csv += "u" + std::to_string(u) + ",t" + std::to_string(u % 2) + "\n";
  csv += "u3,t9\n";  // two rows for one user
  REQUIRE(tables->AddCsv("staff", "staff.csv", csv).empty());
  CompileOptions options;
  options.tables = tables;
  const std::vector<CompiledRule> rules = Compile(R"(
rule staff_logins {
  meta:
    author = "test"
  events:
    $e.metadata.event_type = "USER_LOGIN"
    $e.target.user.userid = $user
    %staff.userid = $user
  match:
    $user over 20m
  outcome:
    $teams = array_distinct(%staff.team)
  condition:
    #e >= 3
}
)", options);
  CHECK(Same(rules, Logins(4000, 40, 86400, 12)) > 10);
}

TEST_CASE("a key whose rows are all evicted comes back later with its own windows", "[engine][windows]") {
  const std::vector<CompiledRule> rules = Compile(kPerUser);
  std::vector<std::string> events;
  for (int day = 0; day < 5; ++day) {
    for (int i = 0; i < 3; ++i) events.push_back(Login(kT0 + 86400 * day + 60 * i, "alice"));
    events.push_back(Login(kT0 + 86400 * day + 3600 * 5, "bob"));  // closes alice's windows
  }
  EngineOptions options;
  options.allowed_lateness_seconds = 0;
  Engine engine(rules, options);
  for (const std::string& e : events) REQUIRE(engine.Feed(e).ok());
  // Between days every window closed: only bob's latest login is held.
  CHECK(engine.stats().peak_live_rows <= 4);
  engine.Finish();
  std::vector<Detection> d = engine.TakeDetections();
  REQUIRE(d.size() == 5);
  for (int day = 0; day < 5; ++day) {
    CHECK(d[day].match[0].value == Value::String("alice"));
    CHECK(d[day].events[0].total == 3);
    CHECK(d[day].window.end.seconds > kT0 + 86400 * day);
    CHECK(d[day].window.start.seconds <= kT0 + 86400 * day);
  }
  CHECK(Same(rules, events, options) == 5);
}

}  // namespace
}  // namespace yaral

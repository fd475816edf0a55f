// The dispatch index (lib/engine/dispatch.h): what a filter implies about an
// event's fields, and that an engine asking only the rules the index
// selects gives exactly the detections of each rule run alone.
#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "compile/plan_access.h"
#include "engine/dispatch.h"
#include "yaral/compiler.h"
#include "yaral/engine.h"

namespace yaral {
namespace {

std::vector<CompiledRule> Compile(const std::string& text) {
  CompileResult result = CompileRules(SourceFile("dispatch.yaral", text));
  std::string errors;
  for (const Diagnostic& d : result.diagnostics) errors += d.code + ": " + d.message + "\n";
  INFO(errors);
  REQUIRE(result.ok());
  return result.rules;
}

// ImpliedStrings of the one filter of `$e`, by field path.
std::map<std::string, std::vector<std::string>> Implied(const std::string& filter) {
  const std::vector<CompiledRule> rules =
      Compile("rule r {\n  meta:\n  events:\n    " + filter + "\n  condition:\n    $e\n}\n");
  const plan::Plan& plan = internal::PlanAccess::Of(rules[0]);
  REQUIRE(plan.variables.size() == 1);
  const plan::Variable& e = plan.variables[0];
  REQUIRE(e.filters.size() == 1);
  std::map<std::string, std::vector<std::string>> out;
  for (auto& [slot, values] : engine::ImpliedStrings(plan, e.filters[0].node, 0, [](int) { return true; })) {
    out[plan.fields[e.slots[slot].field].text] = values;
  }
  return out;
}

using Values = std::vector<std::string>;

TEST_CASE("an equality or a set implies its field's values") {
  CHECK(Implied(R"($e.metadata.event_type = "PROCESS_LAUNCH")") ==
        std::map<std::string, Values>{{"metadata.event_type", {"PROCESS_LAUNCH"}}});
  CHECK(Implied(R"($e.target.port = 25 or $e.metadata.product_name = "x")").empty());
  CHECK(Implied(R"($e.metadata.product_event_type = "4688" or $e.metadata.product_event_type = "1")") ==
        std::map<std::string, Values>{{"metadata.product_event_type", {"1", "4688"}}});
}

TEST_CASE("or of ands implies what every side implies") {
  CHECK(Implied(R"(($e.metadata.product_event_type = "1" and re.regex($e.target.process.command_line, `a`)) or )"
                R"(($e.metadata.product_event_type = "11" and $e.target.file.full_path = "b"))") ==
        std::map<std::string, Values>{{"metadata.product_event_type", {"1", "11"}}});
  // Both sides of an `and` hold: on one field, the values they share.
  CHECK(Implied(R"((($e.metadata.vendor_name = "A" or $e.metadata.vendor_name = "B") and )"
                R"(($e.metadata.vendor_name = "B" or $e.metadata.vendor_name = "C")) or $e.metadata.vendor_name = "D")") ==
        std::map<std::string, Values>{{"metadata.vendor_name", {"B", "D"}}});
}

TEST_CASE("negations, nocase, regexes and empty strings imply nothing") {
  CHECK(Implied(R"($e.metadata.event_type != "PROCESS_LAUNCH")").empty());
  CHECK(Implied(R"($e.metadata.vendor_name = "okta" nocase)").empty());
  CHECK(Implied(R"(re.regex($e.metadata.vendor_name, `okta`))").empty());
  CHECK(Implied(R"($e.metadata.vendor_name = "")").empty());
  CHECK(Implied(R"(not ($e.metadata.vendor_name = "A"))").empty());
}

// Every detection of `rules` run together equals those of each rule run
// alone with explanations on, which makes the engine test every filter of
// every rule on every event (no read gate, no dispatch).
void CheckSameAsAlone(const std::vector<CompiledRule>& rules, const std::vector<std::string>& events) {
  EngineOptions exhaustive;
  exhaustive.explain = [](std::string_view, std::string_view) {};
  std::vector<std::string> alone;
  for (const CompiledRule& rule : rules) {
    for (const Detection& d : RunRules({rule}, events, exhaustive)) alone.push_back(DetectionToJson(d));
  }
  std::vector<std::string> together;
  for (const Detection& d : RunRules(rules, events)) together.push_back(DetectionToJson(d));
  std::sort(alone.begin(), alone.end());
  std::sort(together.begin(), together.end());
  CHECK(together == alone);
}

TEST_CASE("a pack asks only the rules an event's values select, and loses nothing") {
  const std::vector<CompiledRule> rules = Compile(R"(
rule launches {
  meta:
  events:
    $e.metadata.event_type = "PROCESS_LAUNCH"
  condition:
    $e
}
rule sysmon_file_or_process {
  meta:
  events:
    ($e.metadata.product_event_type = "1" and $e.target.process.file.full_path = "a.exe") or
    ($e.metadata.product_event_type = "11" and $e.target.file.full_path = "b.txt")
  condition:
    $e
}
rule not_a_login {
  meta:
  events:
    $e.metadata.event_type != "USER_LOGIN"
  condition:
    $e
}
rule logins_by_user {
  meta:
  events:
    $e.metadata.event_type = "USER_LOGIN"
    $e.target.user.userid = $user
  match:
    $user over 1h
  condition:
    #e >= 2
}
rule unspecified {
  meta:
  events:
    $e.metadata.event_type = "EVENTTYPE_UNSPECIFIED"
  condition:
    $e
}
)");
  const std::vector<std::string> events = {
      R"({"metadata": {"event_timestamp": "2026-01-01T00:00:00Z", "event_type": "PROCESS_LAUNCH", "product_event_type": "1"}, "target": {"process": {"file": {"full_path": "a.exe"}}}})",
      R"({"metadata": {"event_timestamp": "2026-01-01T00:00:01Z", "event_type": "FILE_CREATION", "product_event_type": "11"}, "target": {"file": {"full_path": "b.txt"}}})",
      R"({"metadata": {"event_timestamp": "2026-01-01T00:00:02Z", "event_type": "USER_LOGIN"}, "target": {"user": {"userid": "ann"}}})",
      R"({"metadata": {"event_timestamp": "2026-01-01T00:00:03Z", "event_type": "USER_LOGIN"}, "target": {"user": {"userid": "ann"}}})",
      // No event type at all, and a number no enum value has: the pack must
      // agree with the rules alone.
      R"({"metadata": {"event_timestamp": "2026-01-01T00:00:04Z"}})",
      R"({"metadata": {"event_timestamp": "2026-01-01T00:00:05Z", "event_type": 10000}})",
      R"({"metadata": {"eventTimestamp": "2026-01-01T00:00:06Z", "eventType": "PROCESS_LAUNCH"}})",
      // Target before metadata: the index is consulted only once both are read.
      R"({"target": {"file": {"full_path": "b.txt"}}, "metadata": {"event_timestamp": "2026-01-01T00:00:07Z", "product_event_type": "11"}})",
  };
  CheckSameAsAlone(rules, events);
  std::map<std::string, int> per_rule;
  for (const Detection& d : RunRules(rules, events)) ++per_rule[d.rule];
  CHECK(per_rule["launches"] == 2);                // events 1 and 7
  CHECK(per_rule["sysmon_file_or_process"] == 3);  // 1, 2 and 8
  CHECK(per_rule["not_a_login"] == 6);             // all but the logins
  CHECK(per_rule["logins_by_user"] == 1);
}

}  // namespace
}  // namespace yaral

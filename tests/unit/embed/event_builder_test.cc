// EventBuilder: paths resolved against the schema, values checked against
// the field's type, repeated fields, maps, and the first error kept.
#include <catch2/catch.hpp>
#include <string>

#include "yaral/engine.h"
#include "yaral/event_builder.h"
#include "yaral/source.h"

namespace yaral {
namespace {

std::string Json(const EventBuilder& builder) {
  absl::StatusOr<std::string> json = builder.ToJson();
  INFO(json.status().ToString());
  REQUIRE(json.ok());
  return *json;
}

std::string Error(const EventBuilder& builder) {
  REQUIRE_FALSE(builder.status().ok());
  REQUIRE(builder.status().code() == absl::StatusCode::kInvalidArgument);
  return std::string(builder.status().message());
}

TEST_CASE("event builder: nested fields in the order they are set") {
  EventBuilder b;
  b.SetTimestamp("metadata.event_timestamp", 1772445600, 5000000)
      .Set("metadata.event_type", "NETWORK_CONNECTION")
      .Set("target.port", 25)
      .Add("target.ip", "203.0.113.7")
      .Add("target.ip", "203.0.113.8")
      .Set("network.sent_bytes", uint64_t{12})
      .Set("security_result.confidence_score", 0.5)
      .Set("principal.user.attribute.permissions.name", "admin");
  CHECK(Json(b) ==
        R"({"metadata":{"event_timestamp":"2026-03-02T10:00:00.005Z","event_type":"NETWORK_CONNECTION"},)"
        R"("target":{"port":25,"ip":["203.0.113.7","203.0.113.8"]},"network":{"sent_bytes":12},)"
        R"("security_result":[{"confidence_score":0.5}],)"
        R"("principal":{"user":{"attribute":{"permissions":[{"name":"admin"}]}}}})");
}

TEST_CASE("event builder: repeated fields, indexes and lists") {
  EventBuilder b;
  b.Set("principal.ip", Value::List({Value::String("10.0.0.1"), Value::String("10.0.0.2")}))
      .Set("principal.ip[1]", "10.0.0.3")
      .Set("security_result[0].action", Value::List({Value::String("BLOCK")}))
      .Set("security_result[1].severity", "HIGH")
      .Set("about[0].hostname", "h");
  CHECK(Json(b) ==
        R"({"principal":{"ip":["10.0.0.1","10.0.0.3"]},)"
        R"("security_result":[{"action":["BLOCK"]},{"severity":"HIGH"}],"about":[{"hostname":"h"}]})");
  b.Set("principal.ip", "10.9.9.9");  // Set replaces the whole list
  CHECK(Json(b).find(R"("ip":["10.9.9.9"])") != std::string::npos);
}

TEST_CASE("event builder: labels, Struct fields and enum numbers") {
  EventBuilder b;
  b.Set("principal.labels[\"env\"]", "prod")
      .Set("principal.labels[\"env\"]", "dev")  // replaces
      .Add("principal.labels[\"team\"]", "blue")
      .Set("additional.fields[\"ticket\"]", "T-1")
      .Set("additional.fields[\"count\"]", 3)
      .Set("metadata.event_type", 16002)
      .Set("udm.network.direction", "OUTBOUND");
  CHECK(Json(b) ==
        R"({"principal":{"labels":[{"key":"env","value":"dev"},{"key":"team","value":"blue"}]},)"
        R"("additional":{"ticket":"T-1","count":3},"metadata":{"event_type":"NETWORK_CONNECTION"},)"
        R"("network":{"direction":"OUTBOUND"}})");
}

TEST_CASE("event builder: timestamps and durations in their accepted forms") {
  EventBuilder b;
  b.Set("metadata.event_timestamp", "2026-03-02T11:00:00+01:00")
      .Set("metadata.collected_timestamp", 1772445600)
      .Set("network.session_duration", "1.5s");
  CHECK(Json(b) ==
        R"({"metadata":{"event_timestamp":"2026-03-02T10:00:00Z","collected_timestamp":"2026-03-02T10:00:00Z"},)"
        R"("network":{"session_duration":"1.5s"}})");
}

TEST_CASE("event builder: mistakes name the path and stop the chain") {
  CHECK(Error(EventBuilder().Set("target.prot", 25)).find("did you mean `port`") !=
        std::string::npos);
  CHECK(Error(EventBuilder().Set("metadata.event_type", "NETWORK_CONECTION"))
            .find("NETWORK_CONNECTION") != std::string::npos);
  CHECK(Error(EventBuilder().Set("target.port", "25")).find("int field") != std::string::npos);
  CHECK(Error(EventBuilder().Set("target.port", -1.5)).find("int field") != std::string::npos);
  CHECK(Error(EventBuilder().Set("network.sent_bytes", -1)).find("uint") != std::string::npos);
  CHECK(Error(EventBuilder().Set("target", "x")).find("message") != std::string::npos);
  CHECK(Error(EventBuilder().Add("target.port", 1)).find("not repeated") != std::string::npos);
  CHECK(Error(EventBuilder().Set("target.port", Value::List({}))).find("list") !=
        std::string::npos);
  CHECK(Error(EventBuilder().Set("principal.ip[1]", "x")).find("past the end") !=
        std::string::npos);
  CHECK(Error(EventBuilder().Set("target..port", 1)).find("malformed") != std::string::npos);
  CHECK(Error(EventBuilder().Set("target.port[", 1)).find("malformed") != std::string::npos);
  CHECK(Error(EventBuilder().Set("graph.entity.hostname", "h")).find("entity") !=
        std::string::npos);
  CHECK(Error(EventBuilder().SetTimestamp("target.hostname", 1)).find("not a timestamp") !=
        std::string::npos);
  CHECK(Error(EventBuilder().SetTimestamp("metadata.event_timestamp", 1, -1)).find("nanos") !=
        std::string::npos);

  EventBuilder b;
  b.Set("target.prot", 25).Set("target.port", 25);
  CHECK(b.ToJson().status().message().find("prot") != absl::string_view::npos);
  b.Clear();
  CHECK(Json(b.Set("target.port", 25)) == R"({"target":{"port":25}})");
}

TEST_CASE("event builder: copies are independent, a moved-from builder is empty") {
  EventBuilder a;
  a.Set("target.port", 25);
  EventBuilder copy = a;
  copy.Set("target.hostname", "h");
  CHECK(Json(a) == R"({"target":{"port":25}})");
  EventBuilder moved = std::move(a);
  CHECK(Json(moved) == R"({"target":{"port":25}})");
  CHECK(Json(a) == "{}");  // NOLINT(bugprone-use-after-move): documented
  CHECK(Json(a.Set("target.port", 1)) == R"({"target":{"port":1}})");
}

TEST_CASE("event builder: the engine reads what it builds") {
  SourceFile file("t.yaral", R"(rule labelled {
  meta:
    author = "tests"
  events:
    $e.metadata.event_type = "NETWORK_CONNECTION"
    $e.principal.labels["env"] = "prod"
    $e.additional.fields["ticket"] = "T-1"
    $e.security_result.action = "BLOCK"
    $e.target.port = 25
  condition:
    $e
})");
  CompileResult compiled = CompileRules(file);
  REQUIRE(compiled.ok());
  EventBuilder b;
  b.SetTimestamp("metadata.event_timestamp", 1772445600)
      .Set("metadata.event_type", "NETWORK_CONNECTION")
      .Set("principal.labels[\"env\"]", "prod")
      .Set("additional.fields[\"ticket\"]", "T-1")
      .Add("security_result.action", "BLOCK")
      .Set("target.port", 25);
  std::vector<std::string> events = {Json(b)};
  CHECK(RunRules(compiled.rules, events).size() == 1);
}

}  // namespace
}  // namespace yaral

// The JSON forms the bindings share: engine options in, statistics and list
// diagnostics out, and feeding a file.
#include <catch2/catch.hpp>
#include <cstdio>
#include <fstream>
#include <string>

#include "yaral/embedding.h"

namespace yaral {
namespace {

TEST_CASE("engine options: defaults, every member, and refusals") {
  absl::StatusOr<EngineOptions> defaults = EngineOptionsFromJson("  ");
  REQUIRE(defaults.ok());
  CHECK(defaults->max_samples == 10);
  CHECK_FALSE(defaults->now_seconds.has_value());

  absl::StatusOr<EngineOptions> all = EngineOptionsFromJson(
      R"({"max_samples": 0, "allowed_lateness_seconds": 60, "now_seconds": -5, "random_seed": 7})");
  REQUIRE(all.ok());
  CHECK(all->max_samples == 0);
  CHECK(all->allowed_lateness_seconds == 60);
  CHECK(all->now_seconds == -5);
  CHECK(all->random_seed == 7);
  CHECK(EngineOptionsFromJson(R"({"now_seconds": null})").ok());

  for (const char* bad : {"[]", "{", R"({"max_sample": 1})", R"({"max_samples": -1})",
                          R"({"max_samples": 1.5})", R"({"now_seconds": "soon"})",
                          R"({"allowed_lateness_seconds": 18446744073709551615})"}) {
    INFO(bad);
    absl::StatusOr<EngineOptions> parsed = EngineOptionsFromJson(bad);
    CHECK(parsed.status().code() == absl::StatusCode::kInvalidArgument);
  }
  CHECK(EngineOptionsFromJson(R"({"max_sample": 1})").status().message().find("max_sample") !=
        absl::string_view::npos);
}

TEST_CASE("engine statistics as one JSON object") {
  EngineStats stats;
  stats.events = 3;
  stats.runtime_errors = 2;
  stats.runtime_errors_by_message["bad cidr"] = 2;
  ReadStats read;
  read.skipped = 1;
  CHECK(EngineStatsToJson(stats, read) ==
        R"({"detections":0,"dropped_by_limits":0,"events":3,"input_skipped":1,"invalid_by_reason":{},)"
        R"("invalid_events":0,"late_events":0,"limit_drops":[],)"
        R"("peak_live_rows":0,"rows_kept":0,"runtime_errors":2,)"
        R"("runtime_errors_by_message":{"bad cidr":2}})");
}

TEST_CASE("list diagnostics keep their files and order") {
  ReferenceListSet lists;
  std::vector<SourcedDiagnostic> diagnostics =
      lists.Add("nets", ast::ListKind::kCidr, {"10.0.0.0/8", "not-a-cidr"});
  REQUIRE(diagnostics.size() == 1);
  const std::string json = SourcedDiagnosticsToJson(diagnostics);
  CHECK(json.find(R"("file": "<list nets>")") != std::string::npos);
  CHECK(json.find(R"("code": "E311")") != std::string::npos);
  CHECK(SourcedDiagnosticsToJson({}) == "[]\n");
}

TEST_CASE("feeding a file counts what the reader skipped") {
  const std::string path = "embedding_test_events.ndjson";
  {
    std::ofstream out(path);
    out << R"({"metadata": {"event_type": "NETWORK_CONNECTION"}})" << "\nnot json\n[1]\n";
  }
  SourceFile file("t.yaral", R"(rule any_connection {
  meta:
    author = "tests"
  events:
    $e.metadata.event_type = "NETWORK_CONNECTION"
  condition:
    $e
})");
  CompileResult compiled = CompileRules(file);
  REQUIRE(compiled.ok());
  Engine engine(compiled.rules);
  ReadStats read;
  CHECK(FeedFile(engine, path, read).ok());
  engine.Finish();
  CHECK(engine.TakeDetections().size() == 1);
  CHECK(read.skipped == 2);
  CHECK(FeedFile(engine, "no/such/file.ndjson", read).code() == absl::StatusCode::kNotFound);
  std::remove(path.c_str());
}

}  // namespace
}  // namespace yaral

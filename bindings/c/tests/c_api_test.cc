// The C ABI from a caller's side: statuses, messages, ownership, callback and
// pull delivery, lists frozen while rules use them. Written in C++ for
// Catch2; every call goes through yaral/yaral_c.h only.
#include <catch2/catch.hpp>
#include <cstring>
#include <string>
#include <vector>

#include "yaral/yaral_c.h"

namespace {

constexpr const char* kRule = R"(rule smtp_connection {
  meta:
    author = "tests"
  events:
    $e.metadata.event_type = "NETWORK_CONNECTION"
    $e.target.port = 25
  condition:
    $e
})";

constexpr const char* kListRule = R"(rule bad_host {
  meta:
    author = "tests"
  events:
    $e.principal.hostname in %bad_hosts
  condition:
    $e
})";

constexpr const char* kSmtp =
    R"({"metadata": {"event_timestamp": "2026-03-02T10:00:00Z", "event_type": "NETWORK_CONNECTION"},)"
    R"( "target": {"port": 25}, "principal": {"hostname": "evil-01"}})";

yaral_rules* Compile(const char* text, yaral_lists* lists = nullptr) {
  yaral_rules* rules = nullptr;
  REQUIRE(yaral_rules_compile(text, std::strlen(text), "t.yaral", lists, &rules) == YARAL_OK);
  REQUIRE(rules != nullptr);
  return rules;
}

void Collect(const char* detection_json, void* user) {
  static_cast<std::vector<std::string>*>(user)->push_back(detection_json);
}

TEST_CASE("version and status names") {
  CHECK(std::string(yaral_version()).find('.') != std::string::npos);
  CHECK(std::string(yaral_status_name(YARAL_OK)) == "ok");
  CHECK(std::string(yaral_status_name(YARAL_ERROR_COMPILE)) == "compile");
  CHECK(std::string(yaral_status_name(static_cast<yaral_status>(99))) == "unknown");
  yaral_free(nullptr);
  yaral_rules_destroy(nullptr);
  yaral_engine_destroy(nullptr);
  yaral_lists_destroy(nullptr);
  yaral_detection_destroy(nullptr);
}

TEST_CASE("check returns diagnostics as JSON, owned by the caller") {
  char* json = nullptr;
  CHECK(yaral_check(kRule, std::strlen(kRule), "t.yaral", 0, &json) == YARAL_OK);
  REQUIRE(json != nullptr);
  CHECK(std::string(json) == "[]\n");
  yaral_free(json);

  const std::string bad = std::string(kRule).replace(std::string(kRule).find("port"), 4, "prot");
  CHECK(yaral_check(bad.data(), bad.size(), nullptr, 1, &json) == YARAL_ERROR_COMPILE);
  REQUIRE(json != nullptr);
  CHECK(std::string(json).find("\"E200\"") != std::string::npos);
  CHECK(std::string(json).find("\"<string>\"") != std::string::npos);
  yaral_free(json);

  CHECK(yaral_check(kRule, 3, nullptr, 0, nullptr) == YARAL_ERROR_INVALID_ARGUMENT);
  CHECK(std::string(yaral_last_error()).find("diagnostics_json") != std::string::npos);
}

TEST_CASE("compile errors keep a handle with the diagnostics") {
  const std::string bad = std::string(kRule).replace(std::string(kRule).find("port"), 4, "prot");
  yaral_rules* rules = nullptr;
  CHECK(yaral_rules_compile(bad.data(), bad.size(), "bad.yaral", nullptr, &rules) ==
        YARAL_ERROR_COMPILE);
  REQUIRE(rules != nullptr);
  CHECK(yaral_rules_count(rules) == 0);
  CHECK(std::string(yaral_rules_error(rules)).find("bad.yaral:") == 0);
  CHECK(std::string(yaral_rules_diagnostics_json(rules)).find("E200") != std::string::npos);
  CHECK(std::string(yaral_last_error()) == yaral_rules_error(rules));
  yaral_rules_destroy(rules);

  CHECK(yaral_rules_compile_file("no/such.yaral", nullptr, &rules) == YARAL_ERROR_NOT_FOUND);
  CHECK(rules == nullptr);
  CHECK(std::string(yaral_last_error()).find("no/such.yaral") != std::string::npos);
  CHECK(yaral_rules_compile(nullptr, 5, nullptr, nullptr, &rules) == YARAL_ERROR_INVALID_ARGUMENT);
}

TEST_CASE("a compiled rule set") {
  yaral_rules* rules = Compile(kRule);
  CHECK(yaral_rules_count(rules) == 1);
  CHECK(std::string(yaral_rules_name(rules, 0)) == "smtp_connection");
  CHECK(yaral_rules_name(rules, 1) == nullptr);
  CHECK(std::string(yaral_rules_error(rules)).empty());
  yaral_rules_destroy(rules);
}

TEST_CASE("detections to a callback, or pulled") {
  yaral_rules* rules = Compile(kRule);
  yaral_engine* engine = nullptr;
  REQUIRE(yaral_engine_create(rules, R"({"max_samples": 1})", &engine) == YARAL_OK);
  yaral_rules_destroy(rules);  // the engine keeps what it needs

  // Pulled: queued until taken.
  CHECK(yaral_engine_feed(engine, kSmtp, std::strlen(kSmtp)) == YARAL_OK);
  yaral_detection* detection = nullptr;
  REQUIRE(yaral_engine_next_detection(engine, &detection) == YARAL_OK);
  REQUIRE(detection != nullptr);
  CHECK(std::string(yaral_detection_rule(detection)) == "smtp_connection");
  CHECK(std::string(yaral_detection_json(detection)).find(R"("rule":"smtp_connection")") == 1);
  yaral_detection_destroy(detection);
  CHECK(yaral_engine_next_detection(engine, &detection) == YARAL_OK);
  CHECK(detection == nullptr);

  // A callback: called during the feed.
  std::vector<std::string> seen;
  CHECK(yaral_engine_set_callback(engine, Collect, &seen) == YARAL_OK);
  CHECK(yaral_engine_feed(engine, kSmtp, std::strlen(kSmtp)) == YARAL_OK);
  CHECK(yaral_engine_finish(engine) == YARAL_OK);
  CHECK(seen.size() == 1);

  // Not an object: refused, counted, the engine goes on.
  CHECK(yaral_engine_feed(engine, "[1]", 3) == YARAL_ERROR_INVALID_ARGUMENT);
  CHECK(std::string(yaral_engine_error(engine)).size() > 0);
  const std::string stats = yaral_engine_stats_json(engine);
  CHECK(stats.find(R"("events":2)") != std::string::npos);
  CHECK(stats.find(R"("invalid_events":1)") != std::string::npos);
  CHECK(stats.find(R"("detections":2)") != std::string::npos);

  CHECK(yaral_engine_feed_file(engine, "no/such.ndjson") == YARAL_ERROR_NOT_FOUND);
  yaral_engine_destroy(engine);
}

TEST_CASE("engine options are checked") {
  yaral_rules* rules = Compile(kRule);
  yaral_engine* engine = nullptr;
  CHECK(yaral_engine_create(rules, R"({"max_sample": 1})", &engine) ==
        YARAL_ERROR_INVALID_ARGUMENT);
  CHECK(engine == nullptr);
  CHECK(std::string(yaral_last_error()).find("max_sample") != std::string::npos);
  CHECK(yaral_engine_create(nullptr, nullptr, &engine) == YARAL_ERROR_INVALID_ARGUMENT);
  CHECK(yaral_engine_create(rules, nullptr, &engine) == YARAL_OK);
  yaral_engine_destroy(engine);
  yaral_rules_destroy(rules);
}

TEST_CASE("lists, their errors, and frozen while rules use them") {
  yaral_lists* lists = nullptr;
  REQUIRE(yaral_lists_create(&lists) == YARAL_OK);
  const char* hosts[] = {"evil-01"};
  CHECK(yaral_lists_add(lists, "bad_hosts", "string", hosts, 1) == YARAL_OK);
  CHECK(yaral_lists_add(lists, "x", "strings", hosts, 1) == YARAL_ERROR_INVALID_ARGUMENT);
  const char* nets[] = {"10.0.0.0/33"};
  CHECK(yaral_lists_add(lists, "nets", "cidr", nets, 1) == YARAL_ERROR_LIST);
  CHECK(std::string(yaral_lists_error(lists)).find("E311") != std::string::npos);
  CHECK(std::string(yaral_lists_diagnostics_json(lists)).find("E311") != std::string::npos);
  const char* csv = "host\nws-01\n";
  CHECK(yaral_lists_add_table_csv(lists, "watch", nullptr, csv, std::strlen(csv)) == YARAL_OK);
  CHECK(yaral_lists_load_directory(lists, "no/such/dir") == YARAL_ERROR_NOT_FOUND);

  yaral_rules* rules = Compile(kListRule, lists);
  CHECK(yaral_lists_add(lists, "later", "string", hosts, 1) == YARAL_ERROR_STATE);
  yaral_engine* engine = nullptr;
  REQUIRE(yaral_engine_create(rules, nullptr, &engine) == YARAL_OK);
  CHECK(yaral_engine_feed(engine, kSmtp, std::strlen(kSmtp)) == YARAL_OK);
  yaral_detection* detection = nullptr;
  CHECK(yaral_engine_next_detection(engine, &detection) == YARAL_OK);
  CHECK(detection != nullptr);
  yaral_detection_destroy(detection);
  yaral_engine_destroy(engine);
  yaral_rules_destroy(rules);
  CHECK(yaral_lists_add(lists, "later", "string", hosts, 1) == YARAL_OK);
  yaral_lists_destroy(lists);
}

}  // namespace

// Loading rule test files: the format, typed values, relative times, and
// every mistake reported with its line and column.
#include <stdlib.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "nlohmann/json.hpp"
#include "yaral/rule_test.h"
#include "yaral/udm_values.h"

namespace yaral {
namespace {

namespace fs = std::filesystem;

// A fresh directory holding a rule and an event file, so that paths in the
// test files resolve; ctest runs test cases in parallel processes.
class Fixture {
 public:
  Fixture() {
    std::string pattern = (fs::temp_directory_path() / "yaral_test_file_XXXXXX").string();
    REQUIRE(::mkdtemp(pattern.data()) != nullptr);
    dir_ = pattern;
    Write("rule.yaral", "rule r { meta: events: $e.metadata.event_type = \"USER_LOGIN\" condition: $e }\n");
    Write("events.ndjson", "{\"metadata\": {\"event_type\": \"USER_LOGIN\"}}\n");
    fs::create_directory(dir_ / "lists");
  }
  ~Fixture() {
    std::error_code ignored;
    fs::remove_all(dir_, ignored);
  }

  void Write(const std::string& name, const std::string& text) const {
    std::ofstream(dir_ / name, std::ios::binary) << text;
  }
  std::string Path(const std::string& name) const { return (dir_ / name).string(); }

  RuleTestLoad Load(const std::string& yaml) const {
    Write("r.test.yaml", yaml);
    return LoadRuleTestFile(Path("r.test.yaml"));
  }

 private:
  fs::path dir_;
};

// "LINE:COL: message" of every error, without the file name.
std::vector<std::string> Errors(const RuleTestLoad& load) {
  std::vector<std::string> out;
  for (const TestFileError& e : load.errors) {
    out.push_back(std::to_string(e.where.line) + ":" + std::to_string(e.where.column) + ": " +
                  e.message);
  }
  return out;
}

std::string OnlyError(const RuleTestLoad& load) {
  std::vector<std::string> errors = Errors(load);
  INFO(Catch::Detail::stringify(errors));
  REQUIRE(errors.size() == 1);
  return errors[0];
}

nlohmann::json EventJson(const RuleTestLoad& load, size_t case_index = 0, size_t event = 0) {
  REQUIRE(load.ok());
  return nlohmann::json::parse(load.file.cases.at(case_index).events.at(event).json);
}

TEST_CASE("test file: the documented format loads") {
  Fixture f;
  RuleTestLoad load = f.Load(R"(# a comment
rule: rule.yaral
lists: lists/
start: "2026-03-02T10:00:00Z"
cases:
  - name: fires
    events:
      - file: events.ndjson
      - metadata: {event_timestamp: "+5m", event_type: NETWORK_CONNECTION}
        principal: {hostname: ws-01}
    expect:
      detections: 1
      match:
        - rule: r
          match: {host: ws-01, $port: 25, ips: [10.0.0.1, 10.0.0.2]}
          outcomes: {risk: 40, score: 2.5, flag: true, name: "25", none: ~}
          window: {start: "+0m", end: "2026-03-03T10:00:00Z"}
          events: {e: 3, $f: 0}
  - name: quiet
    start: "+1h"
    events: []
    expect: none
)");
  INFO(Catch::Detail::stringify(Errors(load)));
  REQUIRE(load.ok());
  const RuleTestFile& file = load.file;
  CHECK(file.rule_path == f.Path("rule.yaral"));
  CHECK(file.rule_where.line == 2);
  CHECK(file.lists_dir == f.Path("lists"));
  CHECK(file.tables_dir.empty());
  CHECK(FormatTimestamp(file.start) == "2026-03-02T10:00:00Z");
  REQUIRE(file.cases.size() == 2);

  const TestCase& fires = file.cases[0];
  CHECK(fires.name == "fires");
  CHECK(fires.where.line == 6);
  REQUIRE(fires.events.size() == 2);
  CHECK(fires.events[0].file == f.Path("events.ndjson"));
  CHECK(fires.events[0].json.empty());
  CHECK(fires.events[1].where.line == 9);
  REQUIRE(fires.expect.detections == 1);
  REQUIRE(fires.expect.match.size() == 1);
  const ExpectedDetection& d = fires.expect.match[0];
  CHECK(d.where.line == 14);
  CHECK(d.rule == "r");
  REQUIRE(d.match.size() == 3);
  CHECK(d.match[0].name == "host");
  CHECK(d.match[0].value.is_string());
  CHECK(d.match[1].name == "port");  // `$` dropped
  CHECK(d.match[1].value.is_int());
  CHECK(d.match[2].value.is_list());
  CHECK(d.match[2].value.list().size() == 2);
  REQUIRE(d.outcomes.size() == 5);
  CHECK(d.outcomes[0].value.int_value() == 40);
  CHECK(d.outcomes[1].value.is_float());
  CHECK(d.outcomes[2].value.is_bool());
  CHECK(d.outcomes[3].value.is_string());  // quoted
  CHECK(d.outcomes[4].value.is_zero_kind());
  CHECK(FormatTimestamp(*d.window_start) == "2026-03-02T10:00:00Z");
  CHECK(FormatTimestamp(*d.window_end) == "2026-03-03T10:00:00Z");
  CHECK(d.events == std::vector<std::pair<std::string, int64_t>>{{"e", 3}, {"f", 0}});

  const TestCase& quiet = file.cases[1];
  CHECK(FormatTimestamp(quiet.start) == "2026-03-02T11:00:00Z");  // relative to the file's
  CHECK(quiet.events.empty());
  CHECK(quiet.expect.detections == 0);
  CHECK(quiet.expect.match.empty());
}

TEST_CASE("test file: inline events keep YAML's types and resolve relative times") {
  Fixture f;
  RuleTestLoad load = f.Load(R"(rule: rule.yaral
start: "2026-03-02T10:00:00Z"
cases:
  - name: c
    events:
      - metadata: {eventTimestamp: "-90s", event_type: NETWORK_CONNECTION}
        target: {port: 25, ip: ["10.0.0.1"], hostname: "25"}
        network: {sent_bytes: 18446744073709551615}
        additional: {fields: {anything: {goes: here}}}
        principal:
          user: {userid: alice, first_seen_time: "+1d"}
          process: {file: {full_path: 'C:\Windows\powershell.exe'}}
    expect: none
)");
  nlohmann::json e = EventJson(load);
  CHECK(e["metadata"]["eventTimestamp"] == "2026-03-02T09:58:30Z");
  CHECK(e["metadata"]["event_type"] == "NETWORK_CONNECTION");
  CHECK(e["target"]["port"].is_number_integer());
  CHECK(e["target"]["port"] == 25);
  CHECK(e["target"]["hostname"] == "25");
  CHECK(e["target"]["ip"] == nlohmann::json::array({"10.0.0.1"}));
  CHECK(e["network"]["sent_bytes"].is_number_unsigned());
  CHECK(e["additional"]["fields"]["anything"]["goes"] == "here");
  CHECK(e["principal"]["user"]["first_seen_time"] == "2026-03-03T10:00:00Z");
  CHECK(e["principal"]["process"]["file"]["full_path"] == "C:\\Windows\\powershell.exe");
}

TEST_CASE("test file: an event without a time gets the case's start; merge keys apply") {
  Fixture f;
  RuleTestLoad load = f.Load(R"(rule: rule.yaral
cases:
  - name: c
    start: "2026-05-01T00:00:00Z"
    events:
      - &login
        metadata: {event_type: USER_LOGIN}
        principal: {hostname: ws-01}
      - <<: *login
        metadata: {event_type: USER_LOGOUT, event_timestamp: "+1h"}
    expect: none
)");
  nlohmann::json first = EventJson(load, 0, 0);
  CHECK(first["metadata"]["event_timestamp"] == "2026-05-01T00:00:00Z");
  nlohmann::json second = EventJson(load, 0, 1);
  CHECK(second["metadata"]["event_type"] == "USER_LOGOUT");
  CHECK(second["metadata"]["event_timestamp"] == "2026-05-01T01:00:00Z");
  CHECK(second["principal"]["hostname"] == "ws-01");
}

TEST_CASE("test file: unknown keys are errors with line and column") {
  Fixture f;
  CHECK(OnlyError(f.Load("rule: rule.yaral\nrules: x\ncases:\n  - {name: c, events: [], expect: none}\n")) ==
        "2:1: unknown key 'rules' in the test file (expected rule, lists, tables, start, cases)");
  CHECK(OnlyError(f.Load("rule: rule.yaral\ncases:\n  - name: c\n    event: []\n    events: []\n"
                         "    expect: none\n")) ==
        "4:5: unknown key 'event' in a case (expected name, start, events, expect)");
  CHECK(OnlyError(f.Load("rule: rule.yaral\ncases:\n  - name: c\n    events: []\n    expect:\n"
                         "      detection: 1\n")) ==
        "6:7: unknown key 'detection' in 'expect' (expected detections, match)");
  CHECK_THAT(OnlyError(f.Load("rule: rule.yaral\ncases:\n  - name: c\n    events: []\n    expect:\n"
                              "      match:\n        - {outcome: {a: 1}}\n")),
             Catch::StartsWith("7:12: unknown key 'outcome' in an 'expect.match' entry"));
  CHECK_THAT(OnlyError(f.Load("rule: rule.yaral\ncases:\n  - name: c\n    events: []\n    expect:\n"
                              "      match:\n        - {window: {begin: +0m}}\n")),
             Catch::StartsWith("7:21: unknown key 'begin' in 'window'"));
  CHECK(OnlyError(f.Load("rule: rule.yaral\nrule: rule.yaral\ncases:\n  - {name: c, events: [], "
                         "expect: none}\n")) == "2:1: duplicate key 'rule' in the test file");
}

TEST_CASE("test file: missing files, bad times and bad values") {
  Fixture f;
  CHECK_THAT(OnlyError(f.Load("rule: nope.yaral\ncases:\n  - {name: c, events: [], expect: none}\n")),
             Catch::Matches("1:7: rule file '.*nope.yaral' not found"));
  CHECK_THAT(OnlyError(f.Load("rule: rule.yaral\nlists: rule.yaral\ncases:\n  - {name: c, events: [], "
                              "expect: none}\n")),
             Catch::Matches("2:8: lists directory '.*rule.yaral' is not a directory"));
  CHECK_THAT(OnlyError(f.Load("rule: rule.yaral\ncases:\n  - name: c\n    events:\n"
                              "      - file: missing.ndjson\n    expect: none\n")),
             Catch::Matches("5:15: event file '.*missing.ndjson' not found"));
  CHECK_THAT(OnlyError(f.Load("rule: rule.yaral\ncases:\n  - name: c\n    events:\n"
                              "      - metadata: {event_timestamp: +5min}\n    expect: none\n")),
             Catch::StartsWith("5:37: 'metadata.event_timestamp': invalid relative time \"+5min\": "
                               "unknown unit 'min'"));
  CHECK_THAT(OnlyError(f.Load("rule: rule.yaral\ncases:\n  - name: c\n    events:\n"
                              "      - metadata: {event_timestamp: 2026-13-01T00:00:00Z}\n"
                              "    expect: none\n")),
             Catch::StartsWith("5:37: 'metadata.event_timestamp': invalid timestamp"));
  CHECK_THAT(OnlyError(f.Load("rule: rule.yaral\ncases:\n  - name: c\n    events: []\n    expect:\n"
                              "      match:\n        - {window: {end: \"+5q\"}}\n")),
             Catch::StartsWith("7:26: 'window.end': invalid relative time"));
  CHECK_THAT(OnlyError(f.Load("rule: rule.yaral\nstart: \"+5m\"\ncases:\n  - {name: c, events: [], "
                              "expect: none}\n")),
             Catch::StartsWith("2:8: the file's 'start' must be an absolute RFC 3339 time"));
  CHECK(OnlyError(f.Load("rule: rule.yaral\ncases:\n  - {name: c, events: [], expect: {detections: -1}}\n")) ==
        "3:48: 'detections' must be a whole number, 0 or more");
  CHECK_THAT(OnlyError(f.Load("rule: rule.yaral\ncases:\n  - {name: c, events: [], expect: sometimes}\n")),
             Catch::StartsWith("3:35: 'expect' must be `none` or a mapping"));
  CHECK_THAT(OnlyError(f.Load("rule: rule.yaral\ncases:\n  - name: c\n    events: []\n    expect:\n"
                              "      match:\n        - {match: {host: {a: 1}}}\n")),
             Catch::StartsWith("7:26: 'match.host' must be a value or a list of values"));
}

TEST_CASE("test file: inline events are checked against the UDM schema") {
  Fixture f;
  CHECK(OnlyError(f.Load("rule: rule.yaral\ncases:\n  - name: c\n    events:\n"
                         "      - principle: {hostname: ws-01}\n    expect: none\n")) ==
        "5:9: unknown UDM field 'principle' in the event (UDM): did you mean 'principal'?");
  CHECK_THAT(OnlyError(f.Load("rule: rule.yaral\ncases:\n  - name: c\n    events:\n"
                              "      - principal: {hostnme: ws-01}\n    expect: none\n")),
             Catch::StartsWith("5:21: unknown UDM field 'hostnme' in 'principal' (Noun)"));
  CHECK_THAT(OnlyError(f.Load("rule: rule.yaral\ncases:\n  - name: c\n    events:\n"
                              "      - metadata: {event_type: NETWORK_CONECTION}\n    expect: none\n")),
             Catch::StartsWith("5:32: 'metadata.event_type': no value 'NETWORK_CONECTION' in enum"));
  CHECK_THAT(OnlyError(f.Load("rule: rule.yaral\ncases:\n  - name: c\n    events:\n"
                              "      - principal: ws-01\n    expect: none\n")),
             Catch::StartsWith("5:20: UDM field 'principal' is a message"));
  CHECK_THAT(OnlyError(f.Load("rule: rule.yaral\ncases:\n  - name: c\n    events:\n"
                              "      - {file: events.ndjson, principal: {hostname: x}}\n    expect: none\n")),
             Catch::StartsWith("5:9: a `file:` item"));
}

TEST_CASE("test file: structure errors") {
  Fixture f;
  CHECK_THAT(OnlyError(f.Load("")), Catch::StartsWith("1:1: the test file is empty"));
  CHECK_THAT(OnlyError(f.Load("rule: rule.yaral\ncases: [\n")), Catch::Contains(": invalid YAML: "));
  CHECK(OnlyError(f.Load("rule: rule.yaral\n")) == "1:1: missing 'cases' (the list of test cases)");
  CHECK_THAT(OnlyError(f.Load("cases:\n  - {name: c, events: [], expect: none}\n")),
             Catch::StartsWith("1:1: missing 'rule'"));
  CHECK(OnlyError(f.Load("rule: rule.yaral\ncases:\n  - {name: c, events: []}\n")) ==
        "3:5: a case needs 'expect' (`none`, or `detections:` and/or `match:`)");
  CHECK_THAT(OnlyError(f.Load("rule: rule.yaral\ncases:\n  - {name: c, expect: none}\n")),
             Catch::StartsWith("3:5: a case needs 'events'"));
  CHECK(OnlyError(f.Load("rule: rule.yaral\ncases:\n  - {name: c, events: [], expect: none}\n"
                         "  - {name: c, events: [], expect: none}\n")) ==
        "4:5: duplicate case name 'c'");
  CHECK_THAT(OnlyError(f.Load("rule: rule.yaral\ncases:\n  - {name: c, events: [], expect: {}}\n")),
             Catch::StartsWith("3:35: 'expect' states nothing"));
  CHECK_THAT(OnlyError(f.Load("rule: rule.yaral\ncases:\n  - name: c\n    events: []\n    expect:\n"
                              "      detections: 1\n      match: [{rule: a}, {rule: b}]\n")),
             Catch::StartsWith("6:7: 'expect' asks for 1 detections but lists 2"));
  // Several mistakes are all reported, in file order.
  RuleTestLoad many = f.Load("rule: nope.yaral\nextra: 1\ncases:\n  - {name: c, events: [], expect: maybe}\n");
  CHECK(Errors(many).size() == 3);
  CHECK(FormatTestFileError(many.errors[1]) == f.Path("r.test.yaml") +
        ":2:1: error: unknown key 'extra' in the test file (expected rule, lists, tables, start, cases)");
}

TEST_CASE("test file: an unreadable file") {
  RuleTestLoad load = LoadRuleTestFile("/nonexistent/x.test.yaml");
  REQUIRE(load.errors.size() == 1);
  CHECK(FormatTestFileError(load.errors[0]) ==
        "/nonexistent/x.test.yaml: error: cannot read '/nonexistent/x.test.yaml': No such file or directory");
}

}  // namespace
}  // namespace yaral

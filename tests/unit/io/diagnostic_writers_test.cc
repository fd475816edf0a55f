#include "yaral/diagnostic_writers.h"

#include <catch2/catch.hpp>
#include <fstream>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "nlohmann/json.hpp"
#include "yaral/diagnostics.h"
#include "yaral/source.h"

namespace yaral {
namespace {

using nlohmann::json;

// Text whose second line holds a non-ASCII character, so columns (code
// points) and byte offsets differ.
const char kText[] = "rule r {\n  é events\n}\n";
// Byte offsets into kText: line 2 starts at 9; "é" is bytes 11-12; "events"
// is bytes 14-19.
constexpr uint32_t kEventsBegin = 14;
constexpr uint32_t kEventsEnd = 20;

Diagnostic MakeError(std::string code, std::string message, SourceSpan span) {
  Diagnostic d;
  d.severity = Severity::kError;
  d.code = std::move(code);
  d.message = std::move(message);
  d.primary.span = span;
  return d;
}

TEST_CASE("JSON has the documented fields, in order", "[io][json]") {
  SourceFile file("rules/a.yaral", kText);
  Diagnostic d = MakeError("E102", "expected `:` after section name `events`",
                           {kEventsEnd, kEventsEnd});
  d.notes = {"a note"};
  d.help = "write `events:`";
  d.secondary.push_back({{kEventsBegin, kEventsEnd}, "this section"});
  d.fixes.push_back({{kEventsBegin, kEventsEnd}, "events:"});
  const std::string out =
      WriteDiagnosticsJson({{&file, {d}, {{"r", {0, static_cast<uint32_t>(file.text().size())}}}}});
  CHECK(out.back() == '\n');

  const nlohmann::ordered_json parsed = nlohmann::ordered_json::parse(out);
  REQUIRE(parsed.is_array());
  REQUIRE(parsed.size() == 1);
  const auto& e = parsed[0];
  std::vector<std::string> keys;
  for (const auto& [key, value] : e.items()) keys.push_back(key);
  CHECK(keys == std::vector<std::string>{"file", "rule", "severity", "code",
                                         "message", "line", "column", "end_line",
                                         "end_column", "notes", "help", "labels",
                                         "suggestions"});
  CHECK(e["rule"] == "r");
  REQUIRE(e["suggestions"].size() == 1);
  CHECK(e["suggestions"][0]["replacement"] == "events:");
  CHECK(e["suggestions"][0]["column"] == 5);
  CHECK(e["file"] == "rules/a.yaral");
  CHECK(e["severity"] == "error");
  CHECK(e["code"] == "E102");
  CHECK(e["line"] == 2);
  CHECK(e["column"] == 11);  // "  é events": code points, not bytes
  CHECK(e["end_line"] == 2);
  CHECK(e["end_column"] == 11);
  CHECK(e["notes"] == nlohmann::ordered_json::array({"a note"}));
  CHECK(e["help"] == "write `events:`");
  REQUIRE(e["labels"].size() == 1);
  CHECK(e["labels"][0]["message"] == "this section");
  CHECK(e["labels"][0]["column"] == 5);
  CHECK(e["labels"][0]["end_column"] == 11);
}

TEST_CASE("JSON: no help is null, no diagnostics is []", "[io][json]") {
  SourceFile file("a.yaral", kText);
  CHECK(WriteDiagnosticsJson({}) == "[]\n");
  CHECK(WriteDiagnosticsJson({{&file, {}}}) == "[]\n");
  json parsed = json::parse(
      WriteDiagnosticsJson({{&file, {MakeError("E100", "m", {0, 4})}}}));
  CHECK(parsed[0]["help"].is_null());
  CHECK(parsed[0]["rule"].is_null());  // no rule spans given
  CHECK(parsed[0]["labels"] == json::array());
  CHECK(parsed[0]["suggestions"] == json::array());
}

TEST_CASE("JSON keeps file order across files", "[io][json]") {
  SourceFile a("a.yaral", kText);
  SourceFile b("b.yaral", kText);
  json parsed = json::parse(WriteDiagnosticsJson(
      {{&a, {MakeError("E100", "one", {0, 1})}},
       {&b, {MakeError("E101", "two", {0, 1}), MakeError("E102", "three", {0, 1})}}}));
  REQUIRE(parsed.size() == 3);
  CHECK(parsed[0]["file"] == "a.yaral");
  CHECK(parsed[1]["file"] == "b.yaral");
  CHECK(parsed[2]["message"] == "three");
}

TEST_CASE("writers survive invalid UTF-8", "[io][json][sarif]") {
  SourceFile file("bad\xFF.yaral", "x\xFFy");
  Diagnostic d = MakeError("E002", "byte \xFF here", {1, 2});
  json parsed = json::parse(WriteDiagnosticsJson({{&file, {d}}}));
  CHECK(parsed[0]["message"] == "byte \xEF\xBF\xBD here");
  CHECK_NOTHROW(json::parse(WriteDiagnosticsSarif({{&file, {d}}}, "1")));
}

TEST_CASE("GitHub heading anchors", "[io][sarif]") {
  CHECK(GithubHeadingAnchor("E102 — missing colon after section name") ==
        "e102--missing-colon-after-section-name");
  CHECK(GithubHeadingAnchor("E114 — Search-only syntax in a rule") ==
        "e114--search-only-syntax-in-a-rule");
  CHECK(GithubHeadingAnchor("a `b`, c_d.") == "a-b-c_d");
}

// Every catalogued code links to an existing heading of its docs page
// (docs/diagnostics.md for errors, docs/lint.md for lint warnings).
TEST_CASE("help links match the headings of the docs pages", "[io][sarif]") {
  std::map<std::string, std::set<std::string>> anchors;  // page -> anchors
  for (const std::string page : {"docs/diagnostics.md", "docs/lint.md"}) {
    const std::string path = std::string(YARAL_SOURCE_DIR) + "/" + page;
    std::ifstream in(path);
    INFO("reading " << path);
    REQUIRE(in.good());
    std::string line;
    while (std::getline(in, line)) {
      if (line.rfind("### ", 0) == 0) anchors[page].insert(GithubHeadingAnchor(line.substr(4)));
    }
  }
  for (const DiagnosticInfo& info : AllDiagnosticInfos()) {
    const std::string uri = DiagnosticHelpUri(info.code);
    INFO("code " << info.code << " -> " << uri);
    const size_t hash = uri.find('#');
    REQUIRE(hash != std::string::npos);
    CHECK(anchors[std::string(info.doc_page)].count(uri.substr(hash + 1)) == 1);
    CHECK(uri.rfind(std::string(kProjectUri) + "/blob/main/" + std::string(info.doc_page) + "#", 0) == 0);
  }
  CHECK(DiagnosticHelpUri("not_a_code").find('#') == std::string::npos);
}

TEST_CASE("SARIF structure, rules and regions", "[io][sarif]") {
  SourceFile a("rules\\a b.yaral", kText);
  SourceFile b("b.yaral", kText);
  Diagnostic missing = MakeError("E102", "expected `:`", {kEventsEnd, kEventsEnd});
  missing.help = "write `events:`";
  Diagnostic span = MakeError("E101", "unexpected", {kEventsBegin, kEventsEnd});
  span.secondary.push_back({{0, 4}, "here"});
  Diagnostic lint = MakeError("unused_thing", "unused", {0, 4});
  lint.severity = Severity::kWarning;
  Diagnostic again = MakeError("E102", "again", {0, 0});

  const json log = json::parse(WriteDiagnosticsSarif(
      {{&a, {missing, span}}, {&b, {lint, again}}}, "9.8.7"));
  CHECK(log["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json");
  CHECK(log["version"] == "2.1.0");
  REQUIRE(log["runs"].size() == 1);
  const json& run = log["runs"][0];
  const json& driver = run["tool"]["driver"];
  CHECK(driver["name"] == "yaral");
  CHECK(driver["version"] == "9.8.7");
  CHECK(driver["informationUri"] == std::string(kProjectUri));

  // Every code that can appear is described, catalogue then lint, used or
  // not; a code in neither gets a rule of its own at the end.
  const json& rules = driver["rules"];
  std::map<std::string, size_t> index;
  for (size_t i = 0; i < rules.size(); ++i) index[rules[i]["id"].get<std::string>()] = i;
  CHECK(index.size() == rules.size());
  for (const DiagnosticInfo& info : AllDiagnosticInfos()) CHECK(index.count(std::string(info.code)) == 1);
  REQUIRE(index.count("unused_placeholder") == 1);
  REQUIRE(index.count("mixed_case_insensitivity") == 1);
  const json& e102 = rules[index["E102"]];
  CHECK(e102["shortDescription"]["text"] == std::string(FindDiagnosticInfo("E102")->title));
  CHECK(e102["helpUri"] == std::string(kProjectUri) +
                               "/blob/main/docs/diagnostics.md"
                               "#e102--missing-colon-after-section-name");
  CHECK(e102["defaultConfiguration"]["level"] == "error");
  CHECK(e102["fullDescription"]["text"].get<std::string>().find("SecOps would reject") == 0);
  CHECK(e102["help"]["markdown"].get<std::string>().find(e102["helpUri"].get<std::string>()) !=
        std::string::npos);
  CHECK(e102["properties"]["tags"] == json::array({"compile-error", "syntax"}));
  CHECK(e102["properties"]["precision"] == "very-high");
  const json& unused = rules[index["unused_placeholder"]];
  CHECK(unused["helpUri"] == std::string(kProjectUri) + "/blob/main/docs/lint.md#unused_placeholder");
  CHECK(unused["defaultConfiguration"]["level"] == "warning");
  CHECK(unused["properties"]["tags"][0] == "lint");
  CHECK(unused["properties"]["precision"] == "high");
  // Off-by-default checks say so.
  CHECK(rules[index["mixed_case_insensitivity"]]["defaultConfiguration"]["enabled"] == false);
  // Uncatalogued codes still get a non-empty description and their level.
  REQUIRE(index.count("unused_thing") == 1);
  CHECK(index["unused_thing"] == rules.size() - 1);
  CHECK(rules.back()["shortDescription"]["text"] == "unused_thing");
  CHECK(rules.back()["defaultConfiguration"]["level"] == "warning");

  const json& results = run["results"];
  REQUIRE(results.size() == 4);
  CHECK(results[0]["ruleId"] == "E102");
  CHECK(results[0]["ruleIndex"] == index["E102"]);
  CHECK(results[0]["level"] == "error");
  CHECK(results[0]["message"]["text"] == "expected `:`\nhelp: write `events:`");
  const json& loc = results[0]["locations"][0]["physicalLocation"];
  CHECK(loc["artifactLocation"]["uri"] == "rules/a%20b.yaral");
  // Zero-width span: widened to one character so code scanning accepts it.
  CHECK(loc["region"] == json{{"startLine", 2}, {"startColumn", 11},
                              {"endLine", 2}, {"endColumn", 12}});

  CHECK(results[1]["ruleIndex"] == index["E101"]);
  CHECK(results[1]["locations"][0]["physicalLocation"]["region"] ==
        json{{"startLine", 2}, {"startColumn", 5}, {"endLine", 2}, {"endColumn", 11}});
  REQUIRE(results[1]["relatedLocations"].size() == 1);
  CHECK(results[1]["relatedLocations"][0]["message"]["text"] == "here");
  CHECK(results[1]["relatedLocations"][0]["physicalLocation"]["region"]["startLine"] == 1);

  CHECK(results[2]["level"] == "warning");
  CHECK(results[2]["ruleIndex"] == index["unused_thing"]);
  CHECK(results[2]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] ==
        "b.yaral");
  CHECK(results[3]["ruleIndex"] == index["E102"]);  // one rule per code
  CHECK(results[3]["locations"][0]["physicalLocation"]["region"] ==
        json{{"startLine", 1}, {"startColumn", 1}, {"endLine", 1}, {"endColumn", 2}});
  CHECK_FALSE(results[3].contains("relatedLocations"));
}

TEST_CASE("SARIF with no diagnostics is still a valid run", "[io][sarif]") {
  const json log = json::parse(WriteDiagnosticsSarif({}, "0.1.0"));
  CHECK(log["runs"][0]["results"] == json::array());
  CHECK(log["runs"][0]["tool"]["driver"]["rules"].size() >= AllDiagnosticInfos().size());
  CHECK(log["runs"][0]["invocations"][0]["executionSuccessful"] == true);
  CHECK(log["runs"][0]["invocations"][0]["toolExecutionNotifications"] == json::array());
}

TEST_CASE("SARIF fingerprints ignore line moves but tell findings apart", "[io][sarif]") {
  const std::string rule = "rule r {\n  events:\n    $e.x = 1\n}\n";
  SourceFile before("a.yaral", rule);
  SourceFile after("a.yaral", "// a comment above\n" + rule);
  const uint32_t shift = 19;
  auto fingerprint = [](const SourceFile& file, std::vector<Diagnostic> ds, size_t i) {
    const json log = json::parse(WriteDiagnosticsSarif({{&file, std::move(ds)}}, "1"));
    return log["runs"][0]["results"][i]["partialFingerprints"]["yaralFinding/v1"]
        .get<std::string>();
  };
  const Diagnostic d = MakeError("E200", "unknown field `x`", {24, 27});
  Diagnostic moved = d;
  moved.primary.span = {24 + shift, 27 + shift};
  CHECK(fingerprint(before, {d}, 0) == fingerprint(after, {moved}, 0));
  CHECK(fingerprint(before, {d}, 0) != fingerprint(before, {MakeError("E201", "other", {24, 27})}, 0));
  // The same finding twice in one file: two identities.
  CHECK(fingerprint(before, {d, d}, 0) != fingerprint(before, {d, d}, 1));
}

TEST_CASE("SARIF fixes and unreadable inputs", "[io][sarif]") {
  SourceFile file("a.yaral", kText);
  Diagnostic d = MakeError("E705", "no list `bad_host`", {kEventsBegin, kEventsEnd});
  d.help = "did you mean `%bad_hosts`?";
  d.fixes.push_back({{kEventsBegin, kEventsEnd}, "bad_hosts"});
  d.fixes.push_back({{kEventsEnd, kEventsEnd}, ":"});  // an insertion
  const json log = json::parse(WriteDiagnosticsSarif(
      {{&file, {d}}}, "1", {{"missing.yaral", "cannot read 'missing.yaral': No such file"}}));
  const json& fix = log["runs"][0]["results"][0]["fixes"][0];
  CHECK(fix["description"]["text"] == "did you mean `%bad_hosts`?");
  const json& change = fix["artifactChanges"][0];
  CHECK(change["artifactLocation"]["uri"] == "a.yaral");
  REQUIRE(change["replacements"].size() == 2);
  CHECK(change["replacements"][0]["deletedRegion"] ==
        json{{"startLine", 2}, {"startColumn", 5}, {"endLine", 2}, {"endColumn", 11}});
  CHECK(change["replacements"][0]["insertedContent"]["text"] == "bad_hosts");
  // Insertions keep their empty region (results widen theirs; fixes must not).
  CHECK(change["replacements"][1]["deletedRegion"]["startColumn"] == 11);
  CHECK(change["replacements"][1]["deletedRegion"]["endColumn"] == 11);

  const json& invocation = log["runs"][0]["invocations"][0];
  CHECK(invocation["executionSuccessful"] == false);
  REQUIRE(invocation["toolExecutionNotifications"].size() == 1);
  const json& note = invocation["toolExecutionNotifications"][0];
  CHECK(note["level"] == "error");
  CHECK(note["message"]["text"] == "cannot read 'missing.yaral': No such file");
  CHECK(note["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "missing.yaral");
}

TEST_CASE("GitHub annotations: exact lines", "[io][github]") {
  SourceFile file("rules/a.yaral", kText);
  Diagnostic error = MakeError("E102", "expected `:` after `events`",
                               {kEventsEnd, kEventsEnd});
  Diagnostic warning = MakeError("missing_event_type_filter", "w", {kEventsBegin, kEventsEnd});
  warning.severity = Severity::kWarning;
  Diagnostic note = MakeError("n", "a note", {0, 4});
  note.severity = Severity::kNote;
  error.notes = {"sections end with `:`"};
  error.help = "write `events:`";
  const std::string docs = std::string(kProjectUri) + "/blob/main/docs/";
  CHECK(WriteDiagnosticsGithub({{&file, {error, warning, note}}}) ==
        "::error file=rules/a.yaral,line=2,col=11,endLine=2,endColumn=11,"
        "title=E102::expected `:` after `events`%0Anote: sections end with `:`"
        "%0Ahelp: write `events:`%0Asee: " + docs +
        "diagnostics.md#e102--missing-colon-after-section-name\n"
        "::warning file=rules/a.yaral,line=2,col=5,endLine=2,endColumn=11,"
        "title=missing_event_type_filter::w%0Asee: " + docs + "lint.md#missing_event_type_filter\n"
        "::notice file=rules/a.yaral,line=1,col=1,endLine=1,endColumn=5,"
        "title=n::a note%0Asee: " + docs + "diagnostics.md\n");
  CHECK(WriteDiagnosticsGithub({}).empty());
}

TEST_CASE("GitHub annotations: --max-annotations counts what it cuts", "[io][github]") {
  SourceFile file("a.yaral", kText);
  Diagnostic a = MakeError("E102", "one", {0, 1});
  Diagnostic b = MakeError("unused_placeholder", "two", {0, 1});
  b.severity = Severity::kWarning;
  // Errors are annotated before warnings, wherever they are.
  const std::string out = WriteDiagnosticsGithub({{&file, {b, a, b, a}}}, {.max_annotations = 2});
  CHECK(out.find("::error file=a.yaral") == 0);
  CHECK(out.find("::error file=a.yaral", 1) != std::string::npos);
  CHECK(out.find("title=unused_placeholder") == std::string::npos);
  CHECK(out.find("::warning title=yaral::2 more findings not annotated (--max-annotations 2): "
                 "unused_placeholder: 2.") != std::string::npos);
  // No limit: nothing cut, no summary.
  CHECK(WriteDiagnosticsGithub({{&file, {a, b}}}).find("not annotated") == std::string::npos);
}

TEST_CASE("GitHub annotations: escaping", "[io][github]") {
  SourceFile file("dir,x/a:b%.yaral", "x");
  Diagnostic d = MakeError("E1:0,0", "100% bad:\r\nsee, here", {0, 1});
  CHECK(WriteDiagnosticsGithub({{&file, {d}}}) ==
        "::error file=dir%2Cx/a%3Ab%25.yaral,line=1,col=1,endLine=1,endColumn=2,"
        "title=E1%3A0%2C0::100%25 bad:%0D%0Asee, here%0Asee: " + std::string(kProjectUri) +
        "/blob/main/docs/diagnostics.md\n");
}

}  // namespace
}  // namespace yaral

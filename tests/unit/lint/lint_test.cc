// Each lint check: a rule that should trigger it (right code, right place)
// and a rule that should not. Runs through CheckSource with every check
// selected, so the tests hold whether or not the analyzer's facts are filled.
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "lint/lint.h"
#include "yaral/checker.h"

namespace yaral::lint {
namespace {

// Every lint check, default-off ones included.
CheckOptions AllChecks() {
  CheckOptions options;
  options.select = {"all"};
  return options;
}

struct Finding {
  uint32_t line = 0;
  uint32_t column = 0;
  std::string text;  // the primary span's text
  Diagnostic diagnostic;
};

std::vector<Finding> Lint(const std::string& text, const std::string& code,
                          const std::string& file_name = "test_rule.yaral") {
  SourceFile source(file_name, text);
  CheckResult result = CheckSource(source, AllChecks());
  std::vector<Finding> out;
  for (const Diagnostic& d : result.diagnostics) {
    if (d.code != code) continue;
    SourceLocation where = source.Locate(d.primary.span.begin);
    out.push_back({where.line, where.column, std::string(source.Slice(d.primary.span)), d});
  }
  return out;
}

// A complete rule named `test_rule` with the given events (and extras).
std::string Rule(const std::string& events, const std::string& rest = "condition:\n    $e\n") {
  return "rule test_rule {\n"
         "  meta:\n    author = \"a\"\n    description = \"d\"\n    severity = \"Low\"\n"
         "  events:\n" + events + "  " + rest + "}\n";
}

TEST_CASE("missing_event_type_filter fires on an unfiltered UDM variable") {
  auto f = Lint(Rule("    $e.principal.hostname = \"h\"\n"), "missing_event_type_filter");
  REQUIRE(f.size() == 1);
  CHECK(f[0].line == 7);
  CHECK(f[0].column == 5);
  CHECK(f[0].text == "$e");
  CHECK(f[0].diagnostic.severity == Severity::kWarning);
  CHECK_FALSE(f[0].diagnostic.help.empty());
}

TEST_CASE("missing_event_type_filter accepts =, in, regex and or, and skips graph") {
  CHECK(Lint(Rule("    $e.metadata.event_type = \"USER_LOGIN\"\n"), "missing_event_type_filter").empty());
  CHECK(Lint(Rule("    ($e.metadata.event_type = \"USER_LOGIN\" or $e.principal.hostname = \"x\")\n"),
             "missing_event_type_filter")
            .empty());
  CHECK(Lint(Rule("    re.regex($e.udm.metadata.event_type, `^USER_`)\n"), "missing_event_type_filter")
            .empty());
  CHECK(Lint(Rule("    $g.graph.entity.hostname = \"h\"\n", "condition:\n    $g\n"),
             "missing_event_type_filter")
            .empty());
}

const char* kJoin =
    "    $a.metadata.event_type = \"USER_LOGIN\"\n"
    "    $b.metadata.event_type = \"USER_LOGIN\"\n"
    "    $user = $a.target.user.userid\n"
    "    $user = $b.target.user.userid\n";

TEST_CASE("unguarded_placeholder_join fires on a join without a guard") {
  auto f = Lint(Rule(kJoin, "outcome:\n    $u = $user\n  condition:\n    $a and $b\n"),
                "unguarded_placeholder_join");
  REQUIRE(f.size() == 1);
  CHECK(f[0].line == 9);
  CHECK(f[0].text == "$user");
  CHECK(f[0].diagnostic.secondary.size() == 2);
}

TEST_CASE("unguarded_placeholder_join is quiet with a guard or as a match variable") {
  std::string guarded = std::string(kJoin) + "    $a.target.user.userid != \"\"\n";
  CHECK(Lint(Rule(guarded, "outcome:\n    $u = $user\n  condition:\n    $a and $b\n"),
             "unguarded_placeholder_join")
            .empty());
  std::string on_placeholder = std::string(kJoin) + "    $user != \"\"\n";
  CHECK(Lint(Rule(on_placeholder, "outcome:\n    $u = $user\n  condition:\n    $a and $b\n"),
             "unguarded_placeholder_join")
            .empty());
  CHECK(Lint(Rule(kJoin, "match:\n    $user over 1h\n  condition:\n    $a and $b\n"),
             "unguarded_placeholder_join")
            .empty());
}

TEST_CASE("unguarded_placeholder_join fires on a match variable with allow_zero_values") {
  auto f = Lint(Rule(kJoin,
                     "match:\n    $user over 1h\n  condition:\n    $a and $b\n"
                     "  options:\n    allow_zero_values = true\n"),
                "unguarded_placeholder_join");
  CHECK(f.size() == 1);
}

TEST_CASE("unused_placeholder fires on a placeholder nobody reads") {
  auto f = Lint(Rule("    $e.metadata.event_type = \"USER_LOGIN\"\n    $host = $e.principal.hostname\n"),
                "unused_placeholder");
  REQUIRE(f.size() == 1);
  CHECK(f[0].line == 8);
  CHECK(f[0].column == 5);
  CHECK(f[0].text == "$host");
}

TEST_CASE("unused_placeholder is quiet for match, outcome and join placeholders") {
  std::string events = "    $e.metadata.event_type = \"USER_LOGIN\"\n    $host = $e.principal.hostname\n";
  CHECK(Lint(Rule(events, "match:\n    $host over 1h\n  condition:\n    $e\n"), "unused_placeholder")
            .empty());
  CHECK(Lint(Rule(events, "outcome:\n    $h = $host\n  condition:\n    $e\n"), "unused_placeholder")
            .empty());
  CHECK(Lint(Rule(kJoin, "condition:\n    $a and $b\n"), "unused_placeholder").empty());
}

TEST_CASE("regex_could_be_equality fires on an anchored literal") {
  auto f = Lint(Rule("    $e.metadata.event_type = \"USER_LOGIN\"\n    $e.principal.hostname = /^web\\.example$/\n"),
                "regex_could_be_equality");
  REQUIRE(f.size() == 1);
  CHECK(f[0].line == 8);
  CHECK(f[0].column == 29);
  CHECK(f[0].text == "/^web\\.example$/");
  REQUIRE(f[0].diagnostic.fixes.size() == 1);
  CHECK(f[0].diagnostic.fixes[0].replacement == "\"web.example\"");

  auto g = Lint(Rule("    $e.metadata.event_type = \"USER_LOGIN\"\n    re.regex($e.principal.hostname, `(?i)^web$`)\n"),
                "regex_could_be_equality");
  REQUIRE(g.size() == 1);
  CHECK(g[0].diagnostic.help.find("nocase") != std::string::npos);
}

TEST_CASE("regex_could_be_equality is quiet on real patterns") {
  CHECK(Lint(Rule("    $e.metadata.event_type = \"USER_LOGIN\"\n    $e.principal.hostname = /^web\\d+$/\n"),
             "regex_could_be_equality")
            .empty());
  CHECK(Lint(Rule("    $e.metadata.event_type = \"USER_LOGIN\"\n    $e.principal.hostname = /web/\n"),
             "regex_could_be_equality")
            .empty());
}

TEST_CASE("regex_leading_trailing_wildcard fires on .* at either end") {
  auto f = Lint(Rule("    $e.metadata.event_type = \"USER_LOGIN\"\n    $e.principal.hostname = /.*web.*/\n"),
                "regex_leading_trailing_wildcard");
  REQUIRE(f.size() == 1);
  CHECK(f[0].line == 8);
  CHECK(f[0].text == "/.*web.*/");
  CHECK(f[0].diagnostic.message.find("begins and ends") != std::string::npos);
  CHECK(Lint(Rule("    $e.metadata.event_type = \"USER_LOGIN\"\n    re.regex($e.principal.hostname, `^web.*$`)\n"),
             "regex_leading_trailing_wildcard")
            .size() == 1);
}

TEST_CASE("regex_leading_trailing_wildcard is quiet on escaped dots and re.capture") {
  CHECK(Lint(Rule("    $e.metadata.event_type = \"USER_LOGIN\"\n    $e.principal.hostname = /web\\.*/\n"),
             "regex_leading_trailing_wildcard")
            .empty());
  CHECK(Lint(Rule("    $e.metadata.event_type = \"USER_LOGIN\"\n"
                  "    $d = re.capture($e.principal.hostname, `.*\\.(.*)`)\n",
                  "match:\n    $d over 1h\n  condition:\n    $e\n"),
             "regex_leading_trailing_wildcard")
            .empty());
}

TEST_CASE("regex_case_flag_with_nocase fires on (?i) with nocase") {
  auto f = Lint(Rule("    $e.metadata.event_type = \"USER_LOGIN\"\n    $e.principal.hostname = /(?i)web/ nocase\n"),
                "regex_case_flag_with_nocase");
  REQUIRE(f.size() == 1);
  CHECK(f[0].text == "/(?i)web/");
  CHECK(Lint(Rule("    $e.metadata.event_type = \"USER_LOGIN\"\n    $e.principal.hostname = /web/ nocase\n"),
             "regex_case_flag_with_nocase")
            .empty());
}

TEST_CASE("mixed_case_insensitivity fires when a rule uses both styles") {
  std::string both = "    $e.metadata.event_type = \"USER_LOGIN\"\n"
                     "    $e.principal.hostname = /(?i)web/\n"
                     "    $e.target.hostname = /db/ nocase\n";
  auto f = Lint(Rule(both), "mixed_case_insensitivity");
  REQUIRE(f.size() == 1);
  CHECK(f[0].text == "/(?i)web/");
  CHECK(f[0].diagnostic.secondary.size() == 1);
  std::string one = "    $e.metadata.event_type = \"USER_LOGIN\"\n"
                    "    $e.principal.hostname = /web/ nocase\n"
                    "    $e.target.hostname = /db/ nocase\n";
  CHECK(Lint(Rule(one), "mixed_case_insensitivity").empty());
}

TEST_CASE("large_match_window fires above 24h only") {
  std::string events = "    $e.metadata.event_type = \"USER_LOGIN\"\n    $host = $e.principal.hostname\n";
  auto f = Lint(Rule(events, "match:\n    $host over 48h\n  condition:\n    $e\n"), "large_match_window");
  REQUIRE(f.size() == 1);
  CHECK(f[0].text == "48h");
  CHECK(Lint(Rule(events, "match:\n    $host over 24h\n  condition:\n    $e\n"), "large_match_window")
            .empty());
  CHECK(Lint(Rule(events, "match:\n    $host over 1d\n  condition:\n    $e\n"), "large_match_window")
            .empty());
}

TEST_CASE("deprecated_field fires on a deprecated field, on its segment") {
  auto f = Lint(Rule("    $e.metadata.event_type = \"USER_LOGIN\"\n    $e.target.user.role_name = \"admin\"\n"),
                "deprecated_field");
  REQUIRE(f.size() == 1);
  CHECK(f[0].line == 8);
  CHECK(f[0].text == "role_name");
  CHECK(Lint(Rule("    $e.metadata.event_type = \"USER_LOGIN\"\n    $e.target.user.userid = \"admin\"\n"),
             "deprecated_field")
            .empty());
}

TEST_CASE("missing_meta_fields lists what is missing, on the meta section") {
  std::string text = "rule test_rule {\n  meta:\n    author = \"a\"\n  events:\n"
                     "    $e.metadata.event_type = \"USER_LOGIN\"\n  condition:\n    $e\n}\n";
  auto f = Lint(text, "missing_meta_fields");
  REQUIRE(f.size() == 1);
  CHECK(f[0].line == 2);
  CHECK(f[0].diagnostic.message.find("`description`, `severity`") != std::string::npos);
  CHECK(f[0].diagnostic.message.find("author") == std::string::npos);
  CHECK(Lint(Rule("    $e.metadata.event_type = \"USER_LOGIN\"\n"), "missing_meta_fields").empty());
}

TEST_CASE("rule_name_mismatch compares a one-rule file's name with the rule") {
  std::string text = Rule("    $e.metadata.event_type = \"USER_LOGIN\"\n");
  auto f = Lint(text, "rule_name_mismatch", "rules/other_name.yaral");
  REQUIRE(f.size() == 1);
  CHECK(f[0].text == "test_rule");
  CHECK(Lint(text, "rule_name_mismatch", "rules/test_rule.yaral").empty());
  CHECK(Lint(text, "rule_name_mismatch", "<stdin>").empty());
  std::string two = text + "\n" + text;
  std::string renamed = two.substr(0, text.size()) + "\nrule second {" + text.substr(text.find('{') + 1);
  CHECK(Lint(renamed, "rule_name_mismatch", "rules/other_name.yaral").empty());
}

constexpr const char* kLogin = "    $e.metadata.event_type = \"USER_LOGIN\"\n";

TEST_CASE("self_comparison fires when both sides are the same expression") {
  auto f = Lint(Rule(std::string(kLogin) + "    $e.principal.hostname = $e.principal.hostname\n"),
                "self_comparison");
  REQUIRE(f.size() == 1);
  CHECK(f[0].line == 8);
  CHECK(f[0].diagnostic.message.find("always true") != std::string::npos);
  auto g = Lint(Rule(std::string(kLogin) + "    $e.principal.hostname != $e.principal.hostname\n"),
                "self_comparison");
  REQUIRE(g.size() == 1);
  CHECK(g[0].diagnostic.message.find("always false") != std::string::npos);
  CHECK(Lint(Rule(std::string(kLogin) + "    $e.principal.hostname = $e.target.hostname\n"),
             "self_comparison").empty());
}

TEST_CASE("duplicate_predicate fires on a repeated conjunct, not under or") {
  auto f = Lint(Rule(std::string(kLogin) + "    $e.principal.hostname = \"a\"\n" + kLogin),
                "duplicate_predicate");
  REQUIRE(f.size() == 1);
  CHECK(f[0].line == 9);
  REQUIRE(f[0].diagnostic.secondary.size() == 1);
  CHECK(Lint(Rule(std::string(kLogin) +
                  "    ($e.principal.hostname = \"a\" or $e.principal.hostname = \"a\")\n"),
             "duplicate_predicate").empty());
}

TEST_CASE("nocase_on_enum_field fires on an enum comparison and offers to drop nocase") {
  std::string text = Rule("    $e.metadata.event_type = \"USER_LOGIN\" nocase\n");
  auto f = Lint(text, "nocase_on_enum_field");
  REQUIRE(f.size() == 1);
  CHECK(f[0].text == " nocase");
  REQUIRE(f[0].diagnostic.fixes.size() == 1);
  CHECK(f[0].diagnostic.fixes[0].replacement.empty());
  CHECK(Lint(Rule(std::string(kLogin) + "    $e.principal.hostname = \"web\" nocase\n"),
             "nocase_on_enum_field").empty());
}

TEST_CASE("nocase_without_letters fires on digits and punctuation only") {
  auto f = Lint(Rule(std::string(kLogin) + "    $e.target.port = \"4444\" nocase\n"
                     "    $e.principal.hostname = /\\d+-\\d+/ nocase\n"),
                "nocase_without_letters");
  REQUIRE(f.size() == 2);
  CHECK(f[0].line == 8);
  CHECK(f[1].line == 9);
  REQUIRE(f[0].diagnostic.fixes.size() == 1);
  CHECK(Lint(Rule(std::string(kLogin) + "    $e.principal.hostname = \"web-1\" nocase\n"),
             "nocase_without_letters").empty());
}

TEST_CASE("regex_matches_everything fires on .* alone, once") {
  std::string text = Rule(std::string(kLogin) + "    $e.principal.hostname = /^.*$/\n"
                          "    re.regex($e.target.hostname, `.*`)\n");
  auto f = Lint(text, "regex_matches_everything");
  REQUIRE(f.size() == 2);
  CHECK(f[0].text == "/^.*$/");
  CHECK(Lint(text, "regex_leading_trailing_wildcard").empty());
  CHECK(Lint(Rule(std::string(kLogin) + "    $e.principal.hostname = /.+/\n"),
             "regex_matches_everything").empty());
}

TEST_CASE("regex_unescaped_dot fires on name.ext, not on escaped dots or classes") {
  auto f = Lint(Rule(std::string(kLogin) + "    $e.target.process.file.full_path = /cmd.exe$/ nocase\n"),
                "regex_unescaped_dot");
  REQUIRE(f.size() == 1);
  CHECK(f[0].diagnostic.message.find("`.exe`") != std::string::npos);
  for (const char* quiet : {"/cmd\\.exe$/", "/cmd[.]exe$/", "/a.*exe$/", "/cmd.executable$/"}) {
    INFO(quiet);
    CHECK(Lint(Rule(std::string(kLogin) + "    $e.target.process.file.full_path = " + quiet + "\n"),
               "regex_unescaped_dot").empty());
  }
}

// A rule with the given meta lines, otherwise clean.
std::string RuleWithMeta(const std::string& meta, const std::string& name = "test_rule") {
  return "rule " + name + " {\n  meta:\n" + meta + "  events:\n" + kLogin +
         "  condition:\n    $e\n}\n";
}

TEST_CASE("duplicate_meta_key and empty_meta_value read the meta entries") {
  std::string text = RuleWithMeta("    author = \"a\"\n    Author = \"b\"\n    description = \"\"\n"
                                  "    severity = \"Low\"\n");
  auto dup = Lint(text, "duplicate_meta_key");
  REQUIRE(dup.size() == 1);
  CHECK(dup[0].text == "Author");
  auto empty = Lint(text, "empty_meta_value");
  REQUIRE(empty.size() == 1);
  CHECK(empty[0].text == "\"\"");
  std::string clean = RuleWithMeta("    author = \"a\"\n    description = \"d\"\n    severity = \"Low\"\n");
  CHECK(Lint(clean, "duplicate_meta_key").empty());
  CHECK(Lint(clean, "empty_meta_value").empty());
}

TEST_CASE("unknown_meta_severity accepts the SecOps levels in any case") {
  auto f = Lint(RuleWithMeta("    severity = \"Severe\"\n"), "unknown_meta_severity");
  REQUIRE(f.size() == 1);
  CHECK(f[0].text == "\"Severe\"");
  for (const char* level : {"Low", "MEDIUM", "high", "Critical", "Informational"}) {
    CHECK(Lint(RuleWithMeta("    severity = \"" + std::string(level) + "\"\n"),
               "unknown_meta_severity").empty());
  }
}

TEST_CASE("rule_name_not_snake_case fires on capitals and suggests the lowered name") {
  auto f = Lint(RuleWithMeta("    author = \"a\"\n", "Failed_Logins"), "rule_name_not_snake_case");
  REQUIRE(f.size() == 1);
  CHECK(f[0].text == "Failed_Logins");
  CHECK(f[0].diagnostic.help.find("`failed_logins`") != std::string::npos);
  CHECK(Lint(RuleWithMeta("    author = \"a\"\n", "failed_logins_2"), "rule_name_not_snake_case").empty());
}

TEST_CASE("regex_on_enum_field fires on a regex over event_type, not over strings") {
  auto f = Lint(Rule("    $e.metadata.event_type = /PROCESS_/\n"), "regex_on_enum_field");
  REQUIRE(f.size() == 1);
  CHECK(f[0].text == "/PROCESS_/");
  auto g = Lint(Rule("    re.regex($e.metadata.event_type, `^USER_`)\n"), "regex_on_enum_field");
  CHECK(g.size() == 1);
  CHECK(Lint(Rule(std::string(kLogin) + "    $e.principal.hostname = /web/\n"),
             "regex_on_enum_field").empty());
}

TEST_CASE("case_function_instead_of_nocase fires on strings.lower compared with a literal") {
  auto f = Lint(Rule(std::string(kLogin) + "    strings.lower($e.principal.hostname) = \"web\"\n"),
                "case_function_instead_of_nocase");
  REQUIRE(f.size() == 1);
  CHECK(f[0].text == "strings.lower($e.principal.hostname)");
  CHECK(f[0].diagnostic.help.find("`$e.principal.hostname = \"web\" nocase`") != std::string::npos);
  CHECK(Lint(Rule(std::string(kLogin) + "    strings.lower($e.principal.hostname) = $e.target.hostname\n"),
             "case_function_instead_of_nocase").empty());
}

TEST_CASE("every lint finding is a warning with a registered code") {
  std::string text = Rule(std::string(kJoin) + "    $x = $a.principal.hostname\n"
                          "    $a.principal.hostname = /.*(?i)^a$/ nocase\n",
                          "match:\n    $user over 72h\n  condition:\n    $a and $b\n");
  SourceFile source("x.yaral", text);
  CheckResult result = CheckSource(source, AllChecks());
  int lint = 0;
  for (const Diagnostic& d : result.diagnostics) {
    if (d.code.empty() || d.code[0] == 'E') continue;
    ++lint;
    CHECK(d.severity == Severity::kWarning);
    bool known = false;
    for (const LintCheckInfo& info : AllLintChecks()) known = known || info.code == d.code;
    CHECK(known);
  }
  CHECK(lint >= 4);
}

TEST_CASE("docs/lint.md has a section for every lint code") {
  std::ifstream in(std::string(YARAL_SOURCE_DIR) + "/docs/lint.md");
  REQUIRE(in.good());
  std::stringstream buffer;
  buffer << in.rdbuf();
  std::string doc = buffer.str();
  for (const LintCheckInfo& info : AllLintChecks()) {
    INFO(info.code);
    CHECK(doc.find("\n### " + std::string(info.code) + "\n") != std::string::npos);
  }
}

}  // namespace
}  // namespace yaral::lint

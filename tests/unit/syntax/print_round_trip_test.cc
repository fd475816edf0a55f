// The printer's contract with the parser: Parse(PrintFile(Parse(text))) has
// the same structure as Parse(text), and printing is idempotent.
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "yaral/ast_printer.h"
#include "yaral/diagnostics.h"
#include "yaral/parser.h"
#include "yaral/source.h"

namespace yaral {
namespace {

struct RoundTrip {
  bool first_parsed = false;  // the input parsed with no errors
  bool reparsed = false;      // the printed text parsed with no errors
  bool same = false;          // ... to the same tree
  std::string printed;
  std::string reprinted;
};

RoundTrip Run(const std::string& text) {
  RoundTrip out;
  const SourceFile source("input.yaral", text);
  const ParseResult first = Parse(source);
  out.first_parsed = !HasErrors(first.diagnostics) && !first.file.rules.empty();
  out.printed = PrintFile(first.file);
  const SourceFile printed("printed.yaral", out.printed);
  const ParseResult second = Parse(printed);
  out.reparsed = !HasErrors(second.diagnostics);
  out.same = SameStructure(first.file, second.file);
  out.reprinted = PrintFile(second.file);
  return out;
}

void CheckRoundTrip(const std::string& text) {
  INFO("input:\n" << text);
  const RoundTrip result = Run(text);
  INFO("printed:\n" << result.printed);
  REQUIRE(result.first_parsed);
  CHECK(result.reparsed);
  CHECK(result.same);
  CHECK(result.reprinted == result.printed);
}

// Wraps events predicates (one per line) in a minimal valid rule.
std::string EventsRule(const std::string& predicates) {
  return "rule r {\n  meta:\n    author = \"t\"\n  events:\n" + predicates +
         "\n  condition:\n    $e\n}\n";
}

TEST_CASE("printer round trip: events predicates", "[syntax][printer][roundtrip]") {
  const std::vector<std::string> cases = {
      R"($e.metadata.event_type = "USER_LOGIN")",
      R"($e.x = "a" or $e.x = "b")",
      R"(($e.x = "a" or $e.x = "b") and $e.y = "c")",
      R"($e.x = "a" or $e.y = "b" and $e.z = "c")",
      R"(not ($e.x = "a" and $e.y = "b"))",
      R"(not $e.x = "a" and $e.y = "b")",
      R"(NOT $e.x = "a" AND $e.y = "b" OR $e.z = "c")",
      R"($e.x = /dns-server-[0-9]+/ nocase)",
      R"($e.target.url = /^\S*\/_layouts\/1(5|6)\/signout\.aspx(\?.*)?$/)",
      R"($e.x = "tab\there \"quoted\" back\\slash")",
      R"($e.x = `c:\windows\system32`)",
      R"($e.x in %allow_list)",
      R"($e.x in ["a", "b"])",
      R"($e.x = /admin/i)",
      R"($e.x not in %allow_list)",
      R"($e.x in regex %patterns nocase)",
      R"($e.principal.ip in cidr %t.cidr_range)",
      R"(any $e.principal.ip = "10.0.0.1")",
      R"(all $e.principal.ip != "10.0.0.1")",
      R"($e.principal.ip[0] = "1.2.3.4")",
      R"($e.additional.fields["key name"] = "v")",
      R"($e.a + $e.b * 2 > 10)",
      R"(2 * ($e.a + $e.b) > 10)",
      R"($e.a - ($e.b - $e.c) = 0)",
      R"($e.a - $e.b - $e.c = 0)",
      R"($e.a % 7 = 0 - 1)",
      R"(-$e.a < -3)",
      R"(re.regex($e.target.process.command_line, `(?i)whoami`))",
      R"(not re.regex($e.x, /a\/b/) nocase)",
      R"(strings.to_lower($e.x) = "admin")",
      R"($host = strings.concat($e.principal.hostname, ".example.com"))",
      R"($e.x = strings.to_lower($e.y) nocase)",
      R"(math.abs($e.a - 1643687343) > 300)",
      R"($e.metadata.event_timestamp.seconds < timestamp.current_seconds() - 3600)",
  };
  for (const std::string& predicate : cases) CheckRoundTrip(EventsRule("    " + predicate));
}

// Predicates that would run into the one before them if printed bare; the
// input needs the same parentheses.
TEST_CASE("printer round trip: several predicates stay apart", "[syntax][printer][roundtrip]") {
  CheckRoundTrip(EventsRule(
      "    $e.x = 1\n"
      "    (-1 = $e.y)\n"
      "    $e.z = $t\n"
      "    ($e.a = 1 or $e.b = 2) and $e.c = 3\n"
      "    $e.x = /a/\n"
      "    (/b/ = $e.x)\n"
      "    (%t.col = $e.x)\n"));
}

TEST_CASE("printer round trip: every section", "[syntax][printer][roundtrip]") {
  CheckRoundTrip(R"(
// A comment the printer drops.
rule all_sections {
  meta:
    author = "me"
    severity = "HIGH"
    priority = 3
  setup:
    graph_override($g.graph.entity.ip = %t.ip)
  events:
    $e.metadata.event_type = "USER_LOGIN"
    $e.principal.user.userid = $user
    $e.principal.ip = $ip
  match:
    $user, $ip over 24h
  outcome:
    $risk_score = max(if($e.security_result.severity = "HIGH", 80, 20))
    $ips = array_distinct($e.principal.ip)
    $count = count_distinct($e.metadata.id)
    $score = sum(if($e.x = "a", 1))
    $ratio = 100 * #e / 2
  condition:
    $e and #e > 5 or !$e and $risk_score >= 10
  options:
    allow_zero_values = true
    suppression_window = 5m
  export:
    %t.write_row(user: $user, score: $risk_score)
}
)");
}

TEST_CASE("printer round trip: match windows", "[syntax][printer][roundtrip]") {
  for (const std::string window :
       {"$user over 1h before $e", "$user, $host over 5m after $e", "$user by 1h",
        "$user by 30m tumbling", "$user over 2d"}) {
    CheckRoundTrip("rule r {\n  meta:\n  events:\n    $e.principal.user.userid = $user\n"
                   "    $e.principal.hostname = $host\n  match:\n    " +
                   window + "\n  condition:\n    $e\n}\n");
  }
}

TEST_CASE("printer round trip: metrics arguments and several rules",
          "[syntax][printer][roundtrip]") {
  CheckRoundTrip(R"(
rule metrics {
  meta:
  events:
    $e.principal.ip = $ip
  match:
    $ip over 1h
  outcome:
    $hist = max(metrics.auth_attempts_total(period:1d, window:30d, metric:event_count_sum, agg:avg, principal.asset.ip:$ip))
  condition:
    $e
}

rule second {
  meta:
  events:
    $e.x = "y"
  condition:
    $e
}
)");
}

// Text already in canonical form prints back unchanged; in particular the
// printer adds no parentheses the parser's precedence does not need.
TEST_CASE("printer keeps canonical text unchanged", "[syntax][printer][roundtrip]") {
  const std::vector<std::string> cases = {
      R"($e.x = "a" or $e.y = "b")",
      R"($e.x = "a" and $e.y = "b" or $e.z = "c")",
      R"(($e.x = "a" or $e.y = "b") and $e.z = "c")",
      R"(not $e.x = "a" and $e.y in %l)",
      R"($e.x = "a" nocase or $e.y = /b/ nocase)",
      R"($e.a - ($e.b - $e.c) > 2 * ($e.d + 1))",
  };
  for (const std::string& predicate : cases) {
    const std::string text = EventsRule("    " + predicate);
    const ParseResult parsed = Parse(SourceFile("in.yaral", text));
    INFO(text);
    REQUIRE_FALSE(HasErrors(parsed.diagnostics));
    CHECK(PrintFile(parsed.file) == text);
  }
}

TEST_CASE("printer writes canonical text from any layout", "[syntax][printer][roundtrip]") {
  const SourceFile source("in.yaral",
                          "RULE Loud{META:author=\"x\" EVENTS:$e.A=\"b\" NOCASE  // c\n"
                          "(($e.b=1)) CONDITION:$e}");
  const ParseResult parsed = Parse(source);
  REQUIRE_FALSE(HasErrors(parsed.diagnostics));
  CHECK(PrintFile(parsed.file) ==
        "rule Loud {\n"
        "  meta:\n"
        "    author = \"x\"\n"
        "  events:\n"
        "    $e.A = \"b\" nocase\n"
        "    $e.b = 1\n"
        "  condition:\n"
        "    $e\n"
        "}\n");
}

// Every public rule that parses cleanly must survive printing. The corpus is
// reference material outside the repository; without it there is nothing to
// check.
TEST_CASE("printer round trip: public corpus", "[syntax][printer][roundtrip][corpus]") {
  const std::filesystem::path corpus =
      std::filesystem::path(YARAL_SHARED_DIR) / "corpus";
  if (!std::filesystem::is_directory(corpus)) {
    WARN("skipped: no corpus at " << corpus.string());
    return;
  }
  int checked = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(corpus)) {
    if (entry.path().extension() != ".yaral") continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    const RoundTrip result = Run(text.str());
    if (!result.first_parsed) continue;
    ++checked;
    INFO(entry.path().string() << "\nprinted:\n" << result.printed);
    CHECK(result.reparsed);
    CHECK(result.same);
    CHECK(result.reprinted == result.printed);
  }
  CHECK(checked > 0);
}

}  // namespace
}  // namespace yaral

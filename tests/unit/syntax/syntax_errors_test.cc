// Syntax errors: the right code, at the right place, in words a rule author
// understands; and hostile input never crashes the parser.
#include <catch2/catch.hpp>

#include <thread>

#include "parse_test_util.h"
#include "yaral/ast_printer.h"

namespace yaral {
namespace {

using testing::Codes;
using testing::ParseText;
using testing::RuleWith;

struct Expected {
  std::string code;
  uint32_t line;
  uint32_t column;
  std::string message_part;
};

void CheckFirst(const testing::Parsed& parsed, const Expected& expected) {
  INFO(testing::Rendered(parsed));
  REQUIRE_FALSE(parsed.result.diagnostics.empty());
  const Diagnostic& d = parsed.result.diagnostics.front();
  CHECK(d.code == expected.code);
  SourceLocation at = parsed.source.Locate(d.primary.span.begin);
  CHECK(at.line == expected.line);
  CHECK(at.column == expected.column);
  CHECK_THAT(d.message, Catch::Matchers::Contains(expected.message_part));
}

TEST_CASE("missing colon after a section name", "[syntax][errors]") {
  testing::Parsed parsed = ParseText("rule r {\n  meta:\n  events\n    $e.a = 1\n  condition:\n    $e\n}\n");
  CheckFirst(parsed, {"E102", 3, 9, "expected `:` after section name `events`"});
  CHECK(testing::Rendered(parsed).find("test.yaral:3:9: error: expected `:` after section name `events` [E102]") !=
        std::string::npos);
}

TEST_CASE("every syntax error of a file is reported", "[syntax][errors]") {
  testing::Parsed parsed = ParseText(
      "rule a {\n  meta\n  events:\n    $e.a = 1\n  condition:\n    $e\n}\n"
      "rule b {\n  meta:\n  events:\n    $e.a = = 2\n  condition:\n    $e\n}\n"
      "rule c {\n  meta:\n  events:\n    $e.a = 3\n  condition:\n    $e\n}\n");
  std::vector<std::string> codes = Codes(parsed.result);
  INFO(testing::Rendered(parsed));
  CHECK(codes == std::vector<std::string>{"E102", "E100"});
  // Rule b, which the grammar could not make sense of, is left out; rule a's
  // missing colon is reported and the rule is kept for later stages.
  REQUIRE(parsed.result.file.rules.size() == 2);
  CHECK(parsed.result.file.rules[0].name == "a");
  CHECK(parsed.result.file.rules[1].name == "c");
}

TEST_CASE("lexical errors", "[syntax][errors]") {
  CheckFirst(ParseText(RuleWith("    $e.a = \"abc")), {"E103", 4, 12, "unterminated string"});
  CheckFirst(ParseText(RuleWith("    $e.a = `abc")), {"E103", 4, 12, "missing closing `"});
  CheckFirst(ParseText("rule r {\n /* never closed\n}\n"), {"E104", 2, 2, "unterminated block comment"});
  CheckFirst(ParseText(RuleWith("    $e.a = /abc")), {"E105", 4, 12, "unterminated regular expression"});
  CheckFirst(ParseText(RuleWith("    $e.a = 1 @@ 2")), {"E101", 4, 14, "unexpected characters `@@`"});
  CheckFirst(ParseText(RuleWith("    $e.a = 10x")), {"E107", 4, 12, "unknown unit `x`"});
}

TEST_CASE("structure errors", "[syntax][errors]") {
  CheckFirst(ParseText("rule r {\n  meta:\n  condition:\n    $e\n  events:\n    $e.a = 1\n}\n"),
             {"E110", 5, 3, "section `events` must come before `condition`"});
  CheckFirst(ParseText("rule r {\n  meta:\n  events:\n    $e.a = 1\n  events:\n    $e.b = 1\n  condition:\n    $e\n}\n"),
             {"E111", 5, 3, "appears more than once"});
  CheckFirst(ParseText("rule r {\n  meta:\n  events:\n    $e.a = 1\n}\n"),
             {"E112", 1, 6, "has no `condition` section"});
  CheckFirst(ParseText("rule r {\n  events:\n    $e.a = 1\n  condition:\n    $e\n}\n"),
             {"E112", 1, 6, "has no `meta` section"});
  CheckFirst(ParseText("rule r {\n  meta:\n  events:\n  condition:\n    $e\n}\n"),
             {"E113", 3, 3, "no predicates"});
  CheckFirst(ParseText("rule r {\n  meta:\n  events:\n    $e.a = 1\n  condition:\n    $e\n"),
             {"E100", 6, 7, "rule `r` is not closed"});
  CheckFirst(ParseText("events: $e.a = 1\n"), {"E100", 1, 1, "expected `rule` at the top level"});
}

TEST_CASE("condition and match mistakes", "[syntax][errors]") {
  // Invalid snippets X14, X15, X18 of the examples document.
  CheckFirst(ParseText(RuleWith("    $e.a = 1", "  match:\n    user over 5m\n  condition:\n    $e\n")),
             {"E118", 6, 5, "match variable `user` must start with `$`"});
  CheckFirst(ParseText(RuleWith("    $e.a = $user", "  match:\n    $user 1h\n  condition:\n    $e\n")),
             {"E118", 6, 11, "expected `over` or `by` before the window `1h`"});
  CheckFirst(ParseText(RuleWith("    $e.a = $user", "  match:\n    $user\n  condition:\n    $e\n")),
             {"E118", 6, 10, "needs a time window"});
  CheckFirst(ParseText(RuleWith("    $e1.a = $e2.a", "  condition:\n    $e1, $e2\n")),
             {"E117", 6, 8, "commas do not separate conditions"});
}

TEST_CASE("Search-only syntax is named as such", "[syntax][errors]") {
  CheckFirst(ParseText(RuleWith("    metadata.event_type = \"USER_LOGIN\"")),
             {"E114", 4, 5, "bare UDM field paths are Search syntax"});
  CheckFirst(ParseText(RuleWith("    $e.a = 1", "  condition:\n    $e\n  limit:\n    10\n")),
             {"E114", 7, 3, "`limit:` is a Search and Dashboards section"});
  CheckFirst(ParseText(RuleWith("    $e.a = 1", "  match:\n    $e.principal.ip over 1h\n  condition:\n    $e\n")),
             {"E114", 6, 5, "raw UDM field as a match key"});
}

TEST_CASE("names that are not values", "[syntax][errors]") {
  CheckFirst(ParseText(RuleWith("    $e.principal.user.userid != null")),
             {"E100", 4, 33, "`null` is not a value"});
  CheckFirst(ParseText(RuleWith("    $e.a = hostname")), {"E100", 4, 12, "unknown name `hostname`"});
}

TEST_CASE("reserved words as variable names", "[syntax][errors]") {
  // Invalid snippet X24.
  CheckFirst(ParseText(RuleWith("    $AND = $e.principal.hostname")),
             {"E115", 4, 5, "`$AND` uses the reserved word `and`"});
  CheckFirst(ParseText(RuleWith("    $window_start = $e.a")), {"E115", 4, 5, "reserved word"});
}

TEST_CASE("leading parenthesised arithmetic in an events predicate", "[syntax][errors]") {
  // Invalid snippet X25; the rewrite with a literal first is fine.
  CheckFirst(ParseText(RuleWith(
                 "    ($e.metadata.ingested_timestamp.seconds - $e.metadata.event_timestamp.seconds) / 3600 > 1")),
             {"E116", 4, 5, "cannot begin with a parenthesised arithmetic"});
  CHECK(ParseText(RuleWith("    1 < ($e.a.seconds - $e.b.seconds) / 3600")).result.diagnostics.empty());
  CHECK(ParseText(RuleWith("    ($e.a = 1 or $e.b = 2)")).result.diagnostics.empty());
}

TEST_CASE("hostile input gives diagnostics, never a crash", "[syntax][errors][robustness]") {
  CheckFirst(ParseText(""), {"E001", 1, 1, "file is empty"});
  CheckFirst(ParseText("// only a comment\n/* and another */\n"), {"E001", 1, 1, "only comments"});
  CheckFirst(ParseText(std::string("rule r {\0}", 10)), {"E002", 1, 9, "NUL byte"});
  CheckFirst(ParseText("rule \xff\xfe {}"), {"E002", 1, 6, "not valid UTF-8"});

  ParseOptions small;
  small.max_source_bytes = 32;
  CheckFirst(ParseText(RuleWith("    $e.a = 1"), small), {"E003", 1, 1, "the limit is 32"});

  std::string deep = "    " + std::string(500, '(') + "$e.a = 1" + std::string(500, ')');
  CheckFirst(ParseText(RuleWith(deep)), {"E004", 4, 105, "nesting deeper than 100 levels"});
  std::string nots = "    ";
  for (int i = 0; i < 300; ++i) nots += "not ";
  CheckFirst(ParseText(RuleWith(nots + "$e.a = 1")), {"E004", 4, 405, "nesting deeper"});

  // A long chain is fine up to the depth limit, and reported beyond it.
  std::string chain = "    $e.a = 0";
  for (int i = 1; i < 1000; ++i) chain += " or $e.a = " + std::to_string(i);
  testing::Parsed long_chain = ParseText(RuleWith(chain));
  CHECK(long_chain.result.diagnostics.empty());
  ParseOptions shallow;
  shallow.max_expression_depth = 50;
  CheckFirst(ParseText(RuleWith(chain), shallow), {"E004", 4, 5, "nested more than 50 levels"});

  // Too many errors: reporting stops, with a count of the rest.
  std::string noisy;
  for (int i = 0; i < 200; ++i) noisy += "rule r" + std::to_string(i) + " { meta }\n";
  testing::Parsed many = ParseText(noisy);
  CHECK(many.result.diagnostics.size() == 101);
  CHECK(many.result.diagnostics.back().code == "E005");

  // Random bytes of printable garbage.
  std::string garbage;
  uint32_t seed = 12345;
  for (int i = 0; i < 20000; ++i) {
    seed = seed * 1103515245 + 12345;
    garbage += static_cast<char>(32 + (seed >> 16) % 95);
  }
  testing::Parsed noise = ParseText(garbage);
  REQUIRE(noise.result.diagnostics.size() == 101);
  CHECK(noise.result.diagnostics.back().code == "E005");
}

TEST_CASE("parsing from several threads is safe", "[syntax][threads]") {
  const std::string text = RuleWith("    $e.a = 1 or $e.b = /x/ nocase\n    $h = $e.c",
                                    "  match:\n    $h over 5m\n  condition:\n    #e > 1\n");
  std::string expected = PrintFile(ParseText(text).result.file);
  std::vector<std::thread> threads;
  std::atomic<int> mismatches{0};
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 50; ++i) {
        if (PrintFile(ParseText(text).result.file) != expected) ++mismatches;
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  CHECK(mismatches == 0);
}

}  // namespace
}  // namespace yaral

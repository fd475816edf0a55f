// The facts the checker leaves for lowering and lint (sema::RuleFacts): each
// is decided once here, so these tests pin what later stages read.
#include <catch2/catch.hpp>

#include <set>
#include <string>

#include "functions/function_registry.h"
#include "sema/analyzer.h"
#include "yaral/parser.h"

namespace yaral::sema {
namespace {

// The facts of a rule the checker accepts, with the parse kept alive: the
// facts point into its AST.
struct Checked {
  ParseResult parsed;
  RuleFacts facts;
};

Checked CheckRule(const std::string& text) {
  Checked out{Parse(SourceFile("facts.yaral", text)), {}};
  REQUIRE(out.parsed.file.rules.size() == 1);
  std::vector<Diagnostic> diagnostics;
  out.facts = AnalyzeRule(out.parsed.file.rules[0], diagnostics);
  std::string errors;
  for (const Diagnostic& d : diagnostics) errors += d.code + ": " + d.message + "\n";
  INFO(text);
  CHECK(errors.empty());
  return out;
}

RuleFacts FactsOf(const std::string& condition) {
  return CheckRule("rule r {\n  meta:\n  events:\n"
                   "    $a.metadata.event_type = \"USER_LOGIN\"\n    $a.principal.hostname = $h\n"
                   "    $b.metadata.event_type = \"USER_LOGOUT\"\n    $b.principal.hostname = $h\n"
                   "    $b.target.port = $port\n"
                   "  match:\n    $h over 10m\n  condition:\n    " + condition + "\n}\n")
      .facts;
}

TEST_CASE("optional_events: the variables the condition lets be absent", "[sema][facts]") {
  using Set = std::set<std::string>;
  CHECK(FactsOf("$a and $b").optional_events == Set{});
  CHECK(FactsOf("$a and !$b").optional_events == Set{"b"});
  CHECK(FactsOf("$a and #b = 0").optional_events == Set{"b"});
  CHECK(FactsOf("$a and #b < 3").optional_events == Set{"b"});
  CHECK(FactsOf("$a and #b <= 2").optional_events == Set{"b"});
  // Counts that require at least one event (spec §8.3).
  CHECK(FactsOf("$a and #b != 0").optional_events == Set{});
  CHECK(FactsOf("$a and #b > 0").optional_events == Set{});
  CHECK(FactsOf("$a and #b >= 1").optional_events == Set{});
  CHECK(FactsOf("$a and #b = 2").optional_events == Set{});
  CHECK(FactsOf("$a and 0 < #b").optional_events == Set{});
  CHECK(FactsOf("$a and 3 > #b").optional_events == Set{"b"});
  // Bounded wins over unbounded (§8.3 item 6).
  CHECK(FactsOf("$a and $b and #b < 5").optional_events == Set{});
  // Through a placeholder: `#port` counts values of `$b`.
  CHECK(FactsOf("$a and #port < 2").optional_events == Set{"b"});
  CHECK(FactsOf("$a and #port > 0").optional_events == Set{});
}

// The name each resolved call has in the facts, sorted (ids are dense but
// their order is the builder's business).
std::multiset<std::string> FunctionNames(const RuleFacts& facts) {
  std::multiset<std::string> out;
  for (const auto& [id, f] : facts.functions) out.insert(std::string(f->name));
  return out;
}

TEST_CASE("functions: every call resolved once, to its registry entry", "[sema][facts]") {
  Checked checked = CheckRule(
      "rule r {\n  meta:\n  events:\n"
      "    $e.metadata.event_type = \"USER_LOGIN\"\n"
      "    $h = strings.to_lower($e.principal.hostname)\n"
      "    re.regex($e.target.hostname, `^srv`)\n"
      "  match:\n    $h over 10m\n"
      "  outcome:\n    $n = count_distinct($e.target.ip)\n"
      "    $first = window.first($e.metadata.event_timestamp.seconds, $e.target.hostname)\n"
      "    $big = if(max($e.target.port) > 1024, 1, 0)\n"
      "  condition:\n    $e and math.abs($n) >= 1\n}\n");
  const RuleFacts& facts = checked.facts;
  CHECK(FunctionNames(facts) ==
        std::multiset<std::string>{"strings.to_lower", "re.regex", "count_distinct", "window.first",
                                   "max", "math.abs"});
  for (const auto& [id, f] : facts.functions) {
    INFO(f->name);
    CHECK(f == functions::Find(f->name));  // the registry's own entry
  }
}

TEST_CASE("functions: an unknown call has no entry", "[sema][facts]") {
  ParseResult parsed = Parse(SourceFile(
      "facts.yaral",
      "rule r {\n  meta:\n  events:\n    $e.metadata.event_type = \"USER_LOGIN\"\n"
      "    strings.no_such($e.principal.hostname) = \"x\"\n    strings.to_upper(\"a\") = \"A\"\n"
      "  condition:\n    $e\n}\n"));
  REQUIRE(parsed.file.rules.size() == 1);
  std::vector<Diagnostic> diagnostics;
  RuleFacts facts = AnalyzeRule(parsed.file.rules[0], diagnostics);
  CHECK(FunctionNames(facts) == std::multiset<std::string>{"strings.to_upper"});
  REQUIRE_FALSE(diagnostics.empty());
  CHECK(diagnostics[0].code == codes::kUnknownFunction);
}

TEST_CASE("options: what the checker accepted, defaults otherwise", "[sema][facts]") {
  auto options_of = [](const std::string& options) {
    return CheckRule("rule r {\n  meta:\n  events:\n"
                     "    $e.metadata.event_type = \"USER_LOGIN\"\n    $e.principal.hostname = $h\n"
                     "  match:\n    $h over 10m\n  condition:\n    $e\n" + options + "}\n")
        .facts.options;
  };
  RuleOptions none = options_of("");
  CHECK_FALSE(none.allow_zero_values);
  CHECK(none.suppression_window_seconds == 0);
  RuleOptions set = options_of("  options:\n    allow_zero_values = true\n    suppression_window = 2h\n");
  CHECK(set.allow_zero_values);
  CHECK(set.suppression_window_seconds == 7200);
  CHECK_FALSE(options_of("  options:\n    allow_zero_values = false\n").allow_zero_values);
}

}  // namespace
}  // namespace yaral::sema

// The facts the checker leaves for lowering and lint (sema::RuleFacts): each
// is decided once here, so these tests pin what later stages read.
#include <catch2/catch.hpp>

#include "sema/analyzer.h"
#include "yaral/parser.h"

namespace yaral::sema {
namespace {

RuleFacts FactsOf(const std::string& condition) {
  SourceFile source("facts.yaral",
                    "rule r {\n  meta:\n  events:\n"
                    "    $a.metadata.event_type = \"USER_LOGIN\"\n    $a.principal.hostname = $h\n"
                    "    $b.metadata.event_type = \"USER_LOGOUT\"\n    $b.principal.hostname = $h\n"
                    "    $b.target.port = $port\n"
                    "  match:\n    $h over 10m\n  condition:\n    " + condition + "\n}\n");
  ParseResult parsed = Parse(source);
  REQUIRE(parsed.file.rules.size() == 1);
  std::vector<Diagnostic> diagnostics;
  RuleFacts facts = AnalyzeRule(parsed.file.rules[0], diagnostics);
  std::string errors;
  for (const Diagnostic& d : diagnostics) errors += d.code + ": " + d.message + "\n";
  INFO(condition);
  CHECK(errors.empty());
  return facts;
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

}  // namespace
}  // namespace yaral::sema

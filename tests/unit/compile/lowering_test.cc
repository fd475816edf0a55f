// Lowering (lib/compile/lowering.cc) read back from the plan: which
// predicates bind placeholders, which filter one variable, which join, and
// which variables may be absent.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "compile/plan_access.h"
#include "yaral/compiler.h"

namespace yaral {
namespace {

CompiledRule CompileOne(const std::string& events, const std::string& rest) {
  SourceFile source("lowering.yaral", "rule r {\n  meta:\n  events:\n" + events + "\n" + rest + "}\n");
  CompileResult result = CompileRules(source);
  std::string errors;
  for (const Diagnostic& d : result.diagnostics) errors += d.code + ": " + d.message + "\n";
  INFO(errors);
  REQUIRE(result.ok());
  REQUIRE(result.rules.size() == 1);
  return result.rules[0];
}

const plan::Variable& VariableNamed(const plan::Plan& p, const std::string& name) {
  for (const plan::Variable& v : p.variables) {
    if (v.name == name) return v;
  }
  FAIL("no variable " << name);
  return p.variables.front();
}

std::vector<std::string> Texts(const std::vector<plan::Predicate>& predicates) {
  std::vector<std::string> out;
  for (const plan::Predicate& p : predicates) out.push_back(p.text);
  return out;
}

std::vector<std::string> Texts(const std::vector<plan::Binding>& bindings) {
  std::vector<std::string> out;
  for (const plan::Binding& b : bindings) out.push_back(b.text);
  return out;
}

const std::string kTwoEvents =
    "    $a.metadata.event_type = \"USER_LOGIN\"\n    $a.principal.hostname = $h\n"
    "    $b.metadata.event_type = \"USER_LOGOUT\"\n    $b.principal.hostname = $h\n";

std::string MatchOn(const std::string& condition) {
  return "  match:\n    $h over 10m\n  condition:\n    " + condition + "\n";
}

TEST_CASE("predicate placement: bindings, filters, joins and constants", "[compile][lowering]") {
  CompiledRule rule = CompileOne(
      kTwoEvents +
          "    $a.target.port = 22\n"
          "    $b.metadata.event_timestamp.seconds > $a.metadata.event_timestamp.seconds\n"
          "    $lower = strings.to_lower($h)\n"
          "    $lower = $a.target.hostname\n"
          "    $lower != \"\"\n",
      MatchOn("$a and $b"));
  const plan::Plan& p = internal::PlanAccess::Of(rule);
  const plan::Variable& a = VariableNamed(p, "a");
  const plan::Variable& b = VariableNamed(p, "b");
  // `$ph = expr` binds on the variable it reads; `$lower` from `$h` lives
  // where `$h` was first bound.
  CHECK(Texts(a.bindings) == std::vector<std::string>{"$a.principal.hostname = $h",
                                                       "$lower = strings.to_lower($h)",
                                                       "$lower = $a.target.hostname"});
  CHECK(Texts(b.bindings) == std::vector<std::string>{"$b.principal.hostname = $h"});
  // Predicates over one variable (directly or through its placeholders)
  // filter it.
  CHECK(Texts(a.filters) == std::vector<std::string>{"$a.metadata.event_type = \"USER_LOGIN\"",
                                                      "$a.target.port = 22", "$lower != \"\""});
  CHECK(Texts(b.filters) == std::vector<std::string>{"$b.metadata.event_type = \"USER_LOGOUT\""});
  CHECK(Texts(p.joins) == std::vector<std::string>{
                              "$b.metadata.event_timestamp.seconds > $a.metadata.event_timestamp.seconds"});
  CHECK(p.constants.empty());
}

TEST_CASE("an equality with a constant or nocase is a filter, not a binding", "[compile][lowering]") {
  CompiledRule rule = CompileOne(
      "    $e.metadata.event_type = \"USER_LOGIN\"\n    $e.principal.hostname = $h\n"
      "    $e.target.hostname = $h nocase\n",
      "  match:\n    $h over 10m\n  condition:\n    $e\n");
  const plan::Variable& e = VariableNamed(internal::PlanAccess::Of(rule), "e");
  CHECK(Texts(e.bindings) == std::vector<std::string>{"$e.principal.hostname = $h"});
  CHECK(Texts(e.filters) == std::vector<std::string>{"$e.metadata.event_type = \"USER_LOGIN\"",
                                                      "$e.target.hostname = $h nocase"});
}

TEST_CASE("optional variables come from the checker's facts", "[compile][lowering]") {
  auto optional_of = [](const std::string& condition) {
    CompiledRule rule = CompileOne(kTwoEvents, MatchOn(condition));
    const plan::Plan& p = internal::PlanAccess::Of(rule);
    return std::pair{VariableNamed(p, "a").optional, VariableNamed(p, "b").optional};
  };
  CHECK(optional_of("$a and $b") == std::pair{false, false});
  CHECK(optional_of("$a and !$b") == std::pair{false, true});
  CHECK(optional_of("$a and #b = 0") == std::pair{false, true});
  CHECK(optional_of("$a and #b < 2") == std::pair{false, true});
  // `#b != 0` requires `$b`: no outer join (the bug the checker's record fixed).
  CHECK(optional_of("$a and #b != 0") == std::pair{false, false});
  CHECK(optional_of("#a != 0 and $b") == std::pair{false, false});
}

}  // namespace
}  // namespace yaral

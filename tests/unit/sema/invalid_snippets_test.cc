// The invalid snippets X1-X28 of the examples document (shared/spec/
// yaral-examples.md, appendix), each inside a rule that is otherwise valid,
// must be rejected with the right code; and the example rules E01-E42 of the
// same document must check without error.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "yaral/checker.h"

namespace yaral {
namespace {

struct Snippet {
  const char* id;
  const char* code;
  std::string rule;
};

std::string Rule(const std::string& events, const std::string& rest = "  condition:\n    $e\n") {
  return "rule snippet {\n  meta:\n  events:\n" + events + "\n" + rest + "}\n";
}

std::vector<std::string> ErrorCodes(const std::string& text) {
  CheckOptions options;
  options.lint = false;
  CheckResult result = CheckSource(SourceFile("snippet.yaral", text), options);
  std::vector<std::string> codes;
  for (const Diagnostic& d : result.diagnostics) {
    if (d.severity == Severity::kError) codes.push_back(d.code);
  }
  return codes;
}

const std::string kLogin = "    $e.metadata.event_type = \"USER_LOGIN\"\n";

TEST_CASE("invalid snippets X1-X28 are rejected with the right code", "[sema][snippets]") {
  const std::vector<Snippet> snippets = {
      {"X1", "E300", Rule("    $e.target.port = \"80\"")},
      {"X2", "E201", Rule("    $e.metadata.event_type = \"LOGIN\"")},
      {"X3", "E302", Rule("    $e.metadata.event_type = \"NETWORK_DNS\" nocase")},
      {"X4", "E400",
       Rule("    $a.src.ip = $ip\n    $b.target.ip = $ip\n    $c.about.ip = \"192.0.2.9\"",
            "  match:\n    $ip over 5m\n  condition:\n    $a and $b and $c\n")},
      {"X5", "E401", Rule("    $a.principal.port = $b.src.port + 1", "  condition:\n    $a and $b\n")},
      {"X6", "E402", Rule(kLogin + "    $x = strings.concat(\"a\", \"b\")")},
      {"X7", "E402",
       Rule("    $x = strings.concat($a.principal.hostname, $b.src.hostname)",
            "  condition:\n    $a and $b\n")},
      {"X8", "E306", Rule("    $v = re.capture($e.principal.hostname, \"(a)(b)\")")},
      {"X9", "E307", Rule(kLogin + "    any $e.principal.ip = $ip")},
      {"X10", "E308", Rule("    $e.principal.ip[-1] = \"1.2.3.4\"")},
      {"X11", "E308", Rule("    $e.intermediary.ip[0] = \"1.2.3.4\"")},
      {"X12", "E307", Rule("    all $e.additional.fields[\"k\"] = \"v\"")},
      {"X13", "E301", Rule(kLogin + "    \"a\" = \"a\"")},
      {"X14", "E118",
       Rule(kLogin + "    $user = $e.target.user.userid", "  match:\n    user over 5m\n  condition:\n    $e\n")},
      {"X15", "E118",
       Rule(kLogin + "    $user = $e.target.user.userid", "  match:\n    $user 1h\n  condition:\n    $e\n")},
      {"X16", "E501",
       Rule(kLogin + "    $user = $e.target.user.userid", "  match:\n    $user over 72h\n  condition:\n    $e\n")},
      {"X17", "E510",
       Rule("    $e1.principal.hostname = $h\n    $e2.target.hostname = $h",
            "  match:\n    $h over 5m\n  condition:\n    $e1 or $e2\n")},
      {"X18", "E117",
       Rule("    $e1.principal.hostname = $h\n    $e2.target.hostname = $h",
            "  match:\n    $h over 5m\n  condition:\n    $e1, $e2\n")},
      {"X19", "E511",
       Rule("    $e1.principal.hostname = $h\n    $e2.target.hostname = $h",
            "  match:\n    $h over 5m\n  condition:\n    not $e1 and $e2\n")},
      {"X20", "E512",
       Rule("    $e1.principal.hostname = $h\n    $e2.target.hostname = $h",
            "  match:\n    $h over 5m\n  condition:\n    !$e1 and !$e2\n")},
      {"X21", "E526",
       Rule(kLogin + "    $h = $e.principal.hostname",
            "  match:\n    $h over 5m\n  outcome:\n    $a = count($e.metadata.id)\n    $b = max($a)\n"
            "  condition:\n    $e\n")},
      {"X22", "E525",
       Rule(kLogin, "  outcome:\n    $label = if($e.principal.hostname = \"y\", \"hit\")\n  condition:\n    $e\n")},
      {"X23", "E524", Rule(kLogin, "  outcome:\n    $risk_score = \"high\"\n  condition:\n    $e\n")},
      {"X24", "E115", Rule("    $AND = $e.principal.hostname")},
      {"X25", "E116",
       Rule("    ($e.metadata.ingested_timestamp.seconds - $e.metadata.event_timestamp.seconds) / 3600 > 1")},
      {"X26", "E309", Rule(kLogin + "    $t = $e.network.received_bytes * 2")},
      {"X27", "E520",
       Rule(kLogin + "    $u = $e.target.user.userid",
            "  match:\n    $u over 5m\n  outcome:\n    $h = $e.principal.hostname\n  condition:\n    $e\n")},
      {"X28", "E531", Rule(kLogin, "  condition:\n    $e\n  options:\n    allow_zero_values = yes\n")},
  };
  for (const Snippet& s : snippets) {
    std::vector<std::string> codes = ErrorCodes(s.rule);
    INFO(s.id << "\n" << s.rule);
    CHECK(std::find(codes.begin(), codes.end(), s.code) != codes.end());
  }
}

// Each ```-fenced block that starts with `rule` in the examples document.
std::vector<std::string> ExampleRules(const std::string& markdown) {
  std::vector<std::string> rules;
  std::istringstream in(markdown);
  std::string line, block;
  bool inside = false;
  while (std::getline(in, line)) {
    if (line.rfind("```", 0) == 0) {
      if (inside && block.rfind("rule ", 0) == 0) rules.push_back(block);
      inside = !inside;
      block.clear();
      continue;
    }
    if (inside) block += line + "\n";
  }
  return rules;
}

TEST_CASE("the example rules E01-E42 check without error", "[sema][examples]") {
  std::filesystem::path path = std::filesystem::path(YARAL_SHARED_DIR) / "spec" / "yaral-examples.md";
  std::ifstream in(path);
  if (!in) {
    WARN("SKIP: " << path << " not found");
    return;
  }
  std::stringstream text;
  text << in.rdbuf();
  std::vector<std::string> rules = ExampleRules(text.str());
  CHECK(rules.size() >= 42);
  for (const std::string& rule : rules) {
    CheckOptions options;
    options.lint = false;
    SourceFile source("example.yaral", rule);
    CheckResult result = CheckSource(source, options);
    std::string rendered;
    for (const Diagnostic& d : result.diagnostics) rendered += RenderDiagnostic(d, source);
    INFO(rule << rendered);
    CHECK_FALSE(HasErrors(result.diagnostics));
  }
}

}  // namespace
}  // namespace yaral

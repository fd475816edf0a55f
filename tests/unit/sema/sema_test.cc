// Each semantic check, positive and negative: a rule that must produce the
// code, and a close variant that must not.
#include <catch2/catch.hpp>

#include "yaral/checker.h"

namespace yaral {
namespace {

struct Case {
  const char* what;
  const char* code;   // the check under test
  bool expected;      // whether `code` must appear
  std::string rule;
};

std::string Rule(const std::string& events, const std::string& rest = "  condition:\n    $e\n") {
  return "rule r {\n  meta:\n  events:\n" + events + "\n" + rest + "}\n";
}

const std::string kLogin = "    $e.metadata.event_type = \"USER_LOGIN\"\n";
const std::string kTwoJoined =
    "    $e1.metadata.event_type = \"USER_LOGIN\"\n    $e1.principal.hostname = $h\n"
    "    $e2.target.hostname = $h\n";

std::string MatchRule(const std::string& events, const std::string& outcome, const std::string& condition) {
  return Rule(events, "  match:\n    $h over 1h\n" + (outcome.empty() ? "" : "  outcome:\n" + outcome) +
                          "  condition:\n    " + condition + "\n");
}

TEST_CASE("semantic checks fire where they should and only there", "[sema]") {
  const std::vector<Case> cases = {
      {"unknown field", "E200", true, Rule("    $e.principal.hostnme = \"x\"")},
      {"known field", "E200", false, Rule("    $e.principal.hostname = \"x\"")},
      {"graph path", "E200", false, Rule("    $g.graph.entity.hostname = \"x\"")},
      {"enum value", "E201", false, Rule("    $e.metadata.event_type = \"NETWORK_DNS\"")},
      {"enum regex is not a value", "E201", false, Rule("    $e.metadata.event_type = /NETWORK_.*/")},
      {"undefined in outcome", "E202", true, Rule(kLogin, "  outcome:\n    $x = $nope\n  condition:\n    $e\n")},
      {"undefined in condition", "E202", true, Rule(kLogin, "  condition:\n    $e and $nope\n")},
      {"placeholder never assigned", "E203", true, Rule("    $e.principal.hostname != $h")},
      {"placeholder derived only from placeholders", "E203", true,
       Rule("    $a = strings.concat($e.principal.hostname, \"x\")\n    $b = strings.concat($a, \"y\")")},
      {"placeholder with a direct binding", "E203", false,
       Rule("    $a = $e.principal.hostname\n    $b = $e.src.hostname\n    $a = strings.concat($b, \".com\")")},
      {"duplicate outcome", "E205", true, Rule(kLogin, "  outcome:\n    $x = 1\n    $x = 2\n  condition:\n    $e\n")},
      {"duplicate option", "E206", true,
       Rule(kLogin, "  condition:\n    $e\n  options:\n    allow_zero_values = true\n    allow_zero_values = false\n")},
      {"event variable as a value", "E207", true, Rule(kLogin + "    $e = $x")},
      {"unknown function", "E208", true, Rule("    strings.nope($e.principal.hostname)")},
      {"int with int", "E300", false, Rule("    $e.target.port = 80")},
      {"string with number", "E300", true, Rule("    $e.principal.hostname = 5")},
      {"whole timestamp", "E300", true, Rule("    $e.metadata.event_timestamp > 5")},
      {"any element compare", "E300", false, Rule("    any $e.principal.ip = \"10.0.0.1\"")},
      {"nocase on string", "E302", false, Rule("    $e.principal.hostname = \"x\" nocase")},
      {"nocase on cidr list", "E302", true, Rule("    $e.principal.ip in cidr %nets nocase")},
      {"too few arguments", "E303", true, Rule("    re.regex($e.principal.hostname)")},
      {"too many arguments", "E303", true, Rule("    strings.to_lower($e.principal.hostname, \"x\") = \"y\"")},
      {"argument type", "E304", true, Rule("    net.ip_in_range_cidr($e.principal.ip, 5)")},
      {"bad regex literal", "E305", true, Rule("    $e.principal.hostname = /a(b/")},
      {"bad regex string", "E305", true, Rule("    re.regex($e.principal.hostname, `(?<=x)y`)")},
      {"one capture group", "E306", false, Rule("    $v = re.capture($e.principal.hostname, \"(a)b\")")},
      {"any on a scalar", "E307", true, Rule("    any $e.principal.hostname = \"x\"")},
      {"any on a list test", "E307", true, Rule("    any $e.principal.ip in %list")},
      {"any on a call", "E307", true, Rule("    any re.regex($e.principal.hostname, `x`)")},
      {"any inside a call", "E307", false, Rule("    re.regex(any $e.principal.ip, `^10\\.`)")},
      {"any joining events", "E307", true,
       Rule("    any $e1.principal.ip = $e2.principal.ip", "  condition:\n    $e1 and $e2\n")},
      {"index on a scalar", "E308", true, Rule("    $e.principal.hostname[0] = \"x\"")},
      {"index on every level", "E308", false, Rule("    $e.about[0].ip[0] = \"x\"")},
      {"arithmetic on strings", "E310", true, Rule("    $e.principal.hostname + 1 > 2")},
      {"modulo on floats", "E310", true, Rule("    $e.principal.location.region_latitude % 2 = 0")},
      {"bad cidr", "E311", true, Rule("    net.ip_in_range_cidr($e.principal.ip, \"10.0.0.0/99\")")},
      {"good cidr", "E311", false, Rule("    net.ip_in_range_cidr($e.principal.ip, \"2001:db8::/32\")")},
      {"bare field predicate", "E312", true, Rule("    $e.principal.hostname")},
      {"aggregation in events", "E313", true, Rule("    max($e.target.port) > 2")},
      {"joined events", "E400", false, MatchRule(kTwoJoined, "", "$e1 and $e2")},
      {"transitive arithmetic join", "E401", true,
       MatchRule("    $e1.principal.port = $h\n    $e2.target.port + 800 = $h", "", "$e1 and $e2")},
      {"function of two events in events", "E402", true,
       Rule("    strings.concat($a.principal.hostname, $b.principal.hostname) = \"x\"\n"
            "    $a.principal.hostname = $b.target.hostname",
            "  condition:\n    $a and $b\n")},
      {"eleven list tests", "E403", true,
       Rule("    $e.a1 in %l1\n    $e.principal.hostname in %l2\n    $e.principal.hostname in %l3\n"
            "    $e.principal.hostname in %l4\n    $e.principal.hostname in %l5\n"
            "    $e.principal.hostname in %l6\n    $e.principal.hostname in %l7\n"
            "    $e.principal.hostname in %l8\n    $e.principal.hostname in %l9\n"
            "    $e.principal.hostname in %l10\n    $e.principal.hostname in %l11")},
      {"table lookup mixed with a comparison", "E404", true,
       Rule("    ($e.principal.hostname = \"v\" or $e.principal.hostname in %t.host)")},
      {"table lookups and-ed in one block", "E404", true,
       Rule("    ($e.principal.hostname in %t.host and $e.principal.ip in %t.ip)")},
      {"table lookups or-ed", "E404", false,
       Rule("    ($e.principal.hostname in %t.host or $e.target.hostname in %t.host)")},
      {"match on an event variable", "E500", true,
       Rule(kLogin, "  match:\n    $e over 5m\n  condition:\n    $e\n")},
      {"match on an unassigned placeholder", "E500", true,
       Rule(kLogin, "  match:\n    $nope over 5m\n  condition:\n    $e\n")},
      {"48h window", "E501", false, MatchRule(kLogin + "    $h = $e.principal.hostname", "", "$e")},
      {"30s window", "E501", true,
       Rule(kLogin + "    $h = $e.principal.hostname", "  match:\n    $h over 30s\n  condition:\n    $e\n")},
      {"sliding pivot not an event", "E502", true,
       Rule(kLogin + "    $h = $e.principal.hostname", "  match:\n    $h over 5m after $h\n  condition:\n    $e\n")},
      {"or on one event variable", "E510", false,
       MatchRule(kLogin + "    $h = $e.principal.hostname\n    $u = $e.target.user.userid", "", "$h or $u")},
      {"bounded with absent", "E512", false, MatchRule(kTwoJoined, "", "$e1 and !$e2")},
      {"absent variable missing", "E513", true,
       MatchRule(kTwoJoined + "    $e3.principal.hostname = $h", "", "$e1 and !$e2")},
      {"match variable in condition", "E514", true, MatchRule(kTwoJoined, "", "$e1 and $e2 and $h")},
      {"or with absent", "E515", true, MatchRule(kTwoJoined, "", "($e1 or !$e2)")},
      {"count compared with a string", "E516", true, MatchRule(kTwoJoined, "", "#e1 > \"2\" and $e2")},
      {"condition reads a field", "E516", true, Rule(kLogin, "  condition:\n    $e.principal.hostname\n")},
      {"aggregated outcome", "E520", false,
       MatchRule(kTwoJoined, "    $hosts = array_distinct($e1.principal.hostname)\n    $key = $h\n", "$e1 and $e2")},
      {"single-event outcome field", "E520", false,
       Rule(kLogin, "  outcome:\n    $host = $e.principal.hostname\n  condition:\n    $e\n")},
      {"use before definition", "E522", true,
       Rule(kLogin, "  outcome:\n    $a = $b + 1\n    $b = 2\n  condition:\n    $e\n")},
      {"numeric risk score", "E524", false,
       Rule(kLogin, "  outcome:\n    $risk_score = if($e.principal.hostname = \"x\", 80, 40)\n  condition:\n    $e\n")},
      {"if branches differ", "E525", true,
       Rule(kLogin, "  outcome:\n    $x = if($e.principal.hostname = \"x\", 80, \"low\")\n  condition:\n    $e\n")},
      {"numeric if without else", "E525", false,
       Rule(kLogin, "  outcome:\n    $x = if($e.principal.hostname = \"x\", 80)\n  condition:\n    $e\n")},
      {"unknown option", "E530", true, Rule(kLogin, "  condition:\n    $e\n  options:\n    speed = 1\n")},
      {"suppression shorter than window", "E532", true,
       MatchRule(kLogin + "    $h = $e.principal.hostname", "", "$e\n  options:\n    suppression_window = 30m")},
      {"suppression longer than window", "E532", false,
       MatchRule(kLogin + "    $h = $e.principal.hostname", "", "$e\n  options:\n    suppression_window = 2h")},
      {"meta value not a string", "E540", true,
       "rule r {\n  meta:\n    severity = HIGH\n  events:\n" + kLogin + "  condition:\n    $e\n}\n"},
      {"composite without match", "E543", true, Rule("    $d.detection.detection.rule_name = \"x\"",
                                                      "  condition:\n    $d\n")},
  };
  for (const Case& c : cases) {
    CheckOptions options;
    options.lint = false;
    SourceFile source("case.yaral", c.rule);
    CheckResult result = CheckSource(source, options);
    bool found = false;
    std::string rendered;
    for (const Diagnostic& d : result.diagnostics) {
      found |= d.code == c.code;
      rendered += RenderDiagnostic(d, source);
    }
    INFO(c.what << " (" << c.code << (c.expected ? " expected" : " not expected") << ")\n" << c.rule << rendered);
    CHECK(found == c.expected);
  }
}

TEST_CASE("unknown fields come with a suggestion and a fix", "[sema]") {
  SourceFile source("s.yaral", Rule("    $e.principal.hostnme = \"x\""));
  CheckOptions options;
  options.lint = false;
  CheckResult result = CheckSource(source, options);
  REQUIRE_FALSE(result.diagnostics.empty());
  const Diagnostic& d = result.diagnostics.front();
  CHECK(d.code == "E200");
  CHECK(d.help.find("hostname") != std::string::npos);
  REQUIRE(d.fixes.size() == 1);
  CHECK(source.Slice(d.fixes[0].span) == "hostnme");
  CHECK(d.fixes[0].replacement == "hostname");
}

TEST_CASE("the reference rule checks clean", "[sema]") {
  std::string rule = R"(rule t1071_003 {
  meta:
    author = "a"
  events:
    $e.metadata.event_type = "NETWORK_CONNECTION"
    $e.network.direction = "OUTBOUND"
    ($e.target.port = 25 or $e.target.port = 993)
    not re.regex($e.principal.process.file.full_path, `(?i)(outlook|thunderbird)\.exe`)
    $host = $e.principal.hostname
    $proc = $e.principal.process.file.full_path
    $dest_ip = $e.target.ip
  match:
    $host, $proc, $dest_ip over 24h
  condition:
    #e > 2
}
)";
  CheckOptions options;
  options.lint = false;
  CheckResult result = CheckSource(SourceFile("t.yaral", rule), options);
  CHECK(result.diagnostics.empty());
}

}  // namespace
}  // namespace yaral

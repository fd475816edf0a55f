// Every construct of the grammar parses into the expected AST shape.
#include <catch2/catch.hpp>

#include "parse_test_util.h"
#include "yaral/ast.h"
#include "yaral/ast_printer.h"

namespace yaral {
namespace {

using testing::ParseText;
using testing::RuleWith;

// Parses a rule whose events section is `events` and returns its single
// predicate; fails the test on any diagnostic.
const ast::Expr& OnlyPredicate(const testing::Parsed& parsed) {
  INFO(testing::Rendered(parsed));
  REQUIRE(parsed.result.diagnostics.empty());
  REQUIRE(parsed.result.file.rules.size() == 1);
  const ast::Rule& rule = parsed.result.file.rules[0];
  REQUIRE(rule.events.has_value());
  REQUIRE(rule.events->predicates.size() == 1);
  return *rule.events->predicates[0];
}

std::string Canonical(const std::string& predicate) {
  testing::Parsed parsed = ParseText(RuleWith("    " + predicate));
  return PrintExpr(OnlyPredicate(parsed));
}

TEST_CASE("minimal rule has its sections", "[syntax][parser]") {
  testing::Parsed parsed = ParseText(R"(
// leading comment
/* block
   comment */
rule ex01_any_login {
  meta:
    author = "examples"
    description = "Every user login event"
  events:
    $login.metadata.event_type = "USER_LOGIN"
  condition:
    $login
}
)");
  INFO(testing::Rendered(parsed));
  REQUIRE(parsed.result.diagnostics.empty());
  REQUIRE(parsed.result.file.rules.size() == 1);
  const ast::Rule& rule = parsed.result.file.rules[0];
  CHECK(rule.name == "ex01_any_login");
  REQUIRE(rule.meta.has_value());
  REQUIRE(rule.meta->entries.size() == 2);
  CHECK(rule.meta->entries[0].key == "author");
  CHECK(std::get<ast::StringLiteral>(rule.meta->entries[0].value->kind).value == "examples");
  CHECK_FALSE(rule.match.has_value());
  CHECK_FALSE(rule.outcome.has_value());
  REQUIRE(rule.condition.has_value());
  CHECK(std::get<ast::Variable>(rule.condition->expr->kind).name == "login");
  // Spans point at the source text.
  CHECK(parsed.source.Slice(rule.name_span) == "ex01_any_login");
  CHECK(parsed.source.Slice(rule.events->predicates[0]->span) ==
        "$login.metadata.event_type = \"USER_LOGIN\"");
}

TEST_CASE("keywords are case-insensitive", "[syntax][parser]") {
  testing::Parsed parsed = ParseText(
      "RULE r {\n META:\n EVENTS:\n  $e.a = 1 AND NOT $e.b = 2 Or $e.c = 3\n MATCH:\n  $x OVER 5M\n"
      " CONDITION:\n  $e\n}\n");
  INFO(testing::Rendered(parsed));
  REQUIRE(parsed.result.diagnostics.empty());
  CHECK(PrintExpr(*parsed.result.file.rules[0].events->predicates[0]) ==
        "$e.a = 1 and not $e.b = 2 or $e.c = 3");
  CHECK(parsed.result.file.rules[0].match->window.Seconds() == 300);
}

TEST_CASE("several rules per file", "[syntax][parser]") {
  testing::Parsed parsed = ParseText(RuleWith("    $e.a = 1") + RuleWith("    $e.b = 2"));
  REQUIRE(parsed.result.diagnostics.empty());
  CHECK(parsed.result.file.rules.size() == 2);
}

TEST_CASE("implicit and between predicate lines; or groups first", "[syntax][parser]") {
  testing::Parsed parsed = ParseText(RuleWith(
      "    $a.field = \"x\"\n    or $a.field = \"y\"\n    $b.field = \"z\"\n"
      "    not $a.f = 1\n    re.regex($a.g, `x`)\n    ($a.h = 1 or $a.h = 2)"));
  INFO(testing::Rendered(parsed));
  REQUIRE(parsed.result.diagnostics.empty());
  const auto& predicates = parsed.result.file.rules[0].events->predicates;
  REQUIRE(predicates.size() == 5);
  CHECK(std::get<ast::Binary>(predicates[0]->kind).op == ast::BinaryOp::kOr);
  CHECK(std::holds_alternative<ast::Unary>(predicates[2]->kind));
  CHECK(std::holds_alternative<ast::Call>(predicates[3]->kind));
  CHECK(PrintExpr(*predicates[4]) == "$a.h = 1 or $a.h = 2");
}

TEST_CASE("operator precedence: not > and > or; arithmetic above comparison",
          "[syntax][parser]") {
  CHECK(Canonical("$e.a = 1 or $e.b = 2 and $e.c = 3") == "$e.a = 1 or $e.b = 2 and $e.c = 3");
  testing::Parsed parsed = ParseText(RuleWith("    $e.a = 1 or $e.b = 2 and $e.c = 3"));
  const auto& top = std::get<ast::Binary>(OnlyPredicate(parsed).kind);
  CHECK(top.op == ast::BinaryOp::kOr);
  CHECK(std::get<ast::Binary>(top.rhs->kind).op == ast::BinaryOp::kAnd);

  testing::Parsed arith = ParseText(RuleWith("    1 < $e.a - $e.b * 2 + 3 % 2 / 1"));
  const auto& cmp = std::get<ast::Comparison>(OnlyPredicate(arith).kind);
  CHECK(cmp.op == ast::ComparisonOp::kLt);
  CHECK(std::get<ast::Binary>(cmp.rhs->kind).op == ast::BinaryOp::kAdd);
  CHECK(Canonical("(($e.a = 1))") == "$e.a = 1");
  CHECK(Canonical("not ($e.a = 1 and $e.b = 2)") == "not ($e.a = 1 and $e.b = 2)");
  CHECK(Canonical("1 < ($e.a - $e.b) / 3600") == "1 < ($e.a - $e.b) / 3600");
}

TEST_CASE("comparison operators and nocase", "[syntax][parser]") {
  const std::pair<const char*, ast::ComparisonOp> cases[] = {
      {"=", ast::ComparisonOp::kEq}, {"!=", ast::ComparisonOp::kNe},
      {"<", ast::ComparisonOp::kLt}, {"<=", ast::ComparisonOp::kLe},
      {">", ast::ComparisonOp::kGt}, {">=", ast::ComparisonOp::kGe}};
  for (const auto& [text, op] : cases) {
    testing::Parsed parsed = ParseText(RuleWith(std::string("    $e.a ") + text + " 5"));
    CHECK(std::get<ast::Comparison>(OnlyPredicate(parsed).kind).op == op);
  }
  testing::Parsed parsed = ParseText(RuleWith("    $e.principal.hostname != \"http-server\" nocase"));
  CHECK(std::get<ast::Comparison>(OnlyPredicate(parsed).kind).nocase);
  testing::Parsed call = ParseText(RuleWith("    re.regex($e.target.hostname, `client-[0-9]+`) nocase"));
  CHECK(std::get<ast::Call>(OnlyPredicate(call).kind).nocase);
}

TEST_CASE("literals", "[syntax][parser]") {
  SECTION("double-quoted strings decode escapes") {
    testing::Parsed parsed = ParseText(RuleWith(R"(    $e.a = "c:\\windows\\ \"q\" a\tb \d")"));
    const auto& s = std::get<ast::StringLiteral>(
        std::get<ast::Comparison>(OnlyPredicate(parsed).kind).rhs->kind);
    CHECK(s.value == "c:\\windows\\ \"q\" a\tb \\d");
    CHECK_FALSE(s.raw);
  }
  SECTION("back-quoted strings are raw") {
    testing::Parsed parsed = ParseText(RuleWith(R"(    $e.a = `hello\tworld`)"));
    const auto& s = std::get<ast::StringLiteral>(
        std::get<ast::Comparison>(OnlyPredicate(parsed).kind).rhs->kind);
    CHECK(s.value == "hello\\tworld");
    CHECK(s.raw);
  }
  SECTION("regex literal with escaped slash and nocase") {
    testing::Parsed parsed = ParseText(RuleWith(R"(    $e.a = /^\S*\/_layouts\/1(5|6)\/x$/ nocase)"));
    const auto& cmp = std::get<ast::Comparison>(OnlyPredicate(parsed).kind);
    const auto& re = std::get<ast::RegexLiteral>(cmp.rhs->kind);
    CHECK(re.pattern == R"(^\S*\/_layouts\/1(5|6)\/x$)");
    CHECK(re.Unescaped() == R"(^\S*/_layouts/1(5|6)/x$)");
    CHECK(cmp.nocase);
  }
  SECTION("regex versus division is decided by position") {
    testing::Parsed parsed = ParseText(RuleWith("    $e.a / 3600 > 1 / 2"));
    const auto& cmp = std::get<ast::Comparison>(OnlyPredicate(parsed).kind);
    CHECK(std::get<ast::Binary>(cmp.lhs->kind).op == ast::BinaryOp::kDiv);
    CHECK(std::get<ast::Binary>(cmp.rhs->kind).op == ast::BinaryOp::kDiv);
    testing::Parsed arg = ParseText(RuleWith("    re.capture($x.a, /Bearer [^ ]*/) = $y.b"));
    const auto& call = std::get<ast::Call>(std::get<ast::Comparison>(OnlyPredicate(arg).kind).lhs->kind);
    CHECK(std::holds_alternative<ast::RegexLiteral>(call.arguments[1].value->kind));
  }
  SECTION("numbers, negatives, booleans, arrays") {
    testing::Parsed parsed = ParseText(RuleWith("    $e.a = 0 - 1.25 + -3"));
    CHECK(PrintExpr(OnlyPredicate(parsed)) == "$e.a = 0 - 1.25 + -3");
    testing::Parsed big = ParseText(RuleWith("    $e.a = 9223372036854775808"));
    const auto& n = std::get<ast::NumberLiteral>(std::get<ast::Comparison>(OnlyPredicate(big).kind).rhs->kind);
    CHECK(n.overflow);
    testing::Parsed array = ParseText(RuleWith("    arrays.contains([\"a\", \"b\"], $e.a) = true"));
    CHECK(PrintExpr(OnlyPredicate(array)) == "arrays.contains([\"a\", \"b\"], $e.a) = true");
  }
}

TEST_CASE("field paths with index and map access", "[syntax][parser]") {
  testing::Parsed parsed = ParseText(RuleWith(
      "    $k.about[0].labels[0].value = $e.additional.fields[\"pod_name\"]"));
  const auto& cmp = std::get<ast::Comparison>(OnlyPredicate(parsed).kind);
  const auto& lhs = std::get<ast::FieldPath>(cmp.lhs->kind);
  CHECK(lhs.variable == "k");
  REQUIRE(lhs.segments.size() == 3);
  CHECK(lhs.segments[0].name == "about");
  CHECK(lhs.segments[0].subscripts[0].index == 0);
  CHECK(lhs.ToString() == "$k.about[0].labels[0].value");
  const auto& rhs = std::get<ast::FieldPath>(cmp.rhs->kind);
  CHECK(rhs.segments[1].subscripts[0].is_key);
  CHECK(rhs.segments[1].subscripts[0].key == "pod_name");
  // Keywords are valid field names after a dot; a negative index parses (the
  // checker rejects it).
  testing::Parsed keywords = ParseText(RuleWith("    $e.network.dns.questions.type = 1\n    $e.principal.ip[-1] = \"x\""));
  CHECK(keywords.result.diagnostics.empty());
}

TEST_CASE("placeholders, counts, non-existence, outcome variables", "[syntax][parser]") {
  testing::Parsed parsed = ParseText(
      "rule r {\n  meta:\n  events:\n    $host = $e.principal.hostname\n"
      "  match:\n    $host over 10m\n  outcome:\n    $risk_score = max(if($e.a = \"HIGH\", 80, 40))\n"
      "  condition:\n    #e > 2 and !$f and $risk_score >= 50\n}\n");
  INFO(testing::Rendered(parsed));
  REQUIRE(parsed.result.diagnostics.empty());
  const ast::Rule& rule = parsed.result.file.rules[0];
  CHECK(PrintExpr(*rule.condition->expr) == "#e > 2 and !$f and $risk_score >= 50");
  const auto& call = std::get<ast::Call>(rule.outcome->assignments[0].value->kind);
  CHECK(call.name == "max");
  CHECK(std::holds_alternative<ast::If>(call.arguments[0].value->kind));
}

TEST_CASE("reference lists and data tables", "[syntax][parser]") {
  const std::pair<const char*, ast::ListKind> cases[] = {
      {"$e.h in %string_list", ast::ListKind::kString},
      {"$e.h in regex %regex_list", ast::ListKind::kRegex},
      {"$e.ip in cidr %cidr_list", ast::ListKind::kCidr},
      {"$e.h in %table.column nocase", ast::ListKind::kString}};
  for (const auto& [text, kind] : cases) {
    testing::Parsed parsed = ParseText(RuleWith(std::string("    ") + text));
    CHECK(std::get<ast::InList>(OnlyPredicate(parsed).kind).kind == kind);
    CHECK(PrintExpr(OnlyPredicate(parsed)) == text);
  }
  CHECK(Canonical("not $e.h in regex %l") == "not $e.h in regex %l");
  CHECK(Canonical("$e.h not in %l") == "not $e.h in %l");
  CHECK(Canonical("$e.h = %table.column") == "$e.h = %table.column");
  // `%` after an operand is modulo.
  CHECK(Canonical("$e.a % 2 = 0") == "$e.a % 2 = 0");
}

TEST_CASE("any and all modifiers", "[syntax][parser]") {
  testing::Parsed parsed = ParseText(RuleWith("    any $e.principal.ip = \"192.0.2.1\""));
  const auto& cmp = std::get<ast::Comparison>(OnlyPredicate(parsed).kind);
  CHECK(std::get<ast::Quantified>(cmp.lhs->kind).quantifier == ast::Quantifier::kAny);
  CHECK(Canonical("net.ip_in_range_cidr(all $e.principal.ip, \"10.0.0.0/8\")") ==
        "net.ip_in_range_cidr(all $e.principal.ip, \"10.0.0.0/8\")");
  CHECK(Canonical("not all $e.principal.ip = \"x\"") == "not all $e.principal.ip = \"x\"");
}

TEST_CASE("match windows: hop, sliding, tumbling", "[syntax][parser]") {
  struct Case {
    const char* text;
    ast::WindowKind kind;
    int64_t seconds;
  };
  const Case cases[] = {{"$a, $b over 24h", ast::WindowKind::kHop, 86400},
                        {"$u over 1h before $e2", ast::WindowKind::kSlidingBefore, 3600},
                        {"$u over 5m after $e1", ast::WindowKind::kSlidingAfter, 300},
                        {"$k by 2d", ast::WindowKind::kTumbling, 172800},
                        {"$k by 1h tumbling", ast::WindowKind::kTumbling, 3600}};
  for (const Case& c : cases) {
    testing::Parsed parsed = ParseText(
        RuleWith("    $e.a = 1", std::string("  match:\n    ") + c.text + "\n  condition:\n    $e\n"));
    INFO(c.text << "\n" << testing::Rendered(parsed));
    REQUIRE(parsed.result.diagnostics.empty());
    const ast::MatchSection& match = *parsed.result.file.rules[0].match;
    CHECK(match.window_kind == c.kind);
    CHECK(match.window.Seconds() == c.seconds);
  }
}

TEST_CASE("options, outcome and function calls with named arguments", "[syntax][parser]") {
  testing::Parsed parsed = ParseText(
      "rule r {\n  meta:\n  events:\n    $ip = $e.principal.ip\n  match:\n    $ip over 1h\n"
      "  outcome:\n    $max_bytes = max(metrics.network_bytes_outbound(period:1d, window:30d,"
      " metric:value_sum, agg:max, principal.asset.ip:$ip, dim: *))\n"
      "  condition:\n    $e\n  options:\n    allow_zero_values = true\n    suppression_window = 1h\n}\n");
  INFO(testing::Rendered(parsed));
  REQUIRE(parsed.result.diagnostics.empty());
  const ast::Rule& rule = parsed.result.file.rules[0];
  REQUIRE(rule.options->entries.size() == 2);
  CHECK(std::get<ast::BoolLiteral>(rule.options->entries[0].value->kind).value);
  CHECK(std::get<ast::Duration>(rule.options->entries[1].value->kind).Seconds() == 3600);
  const auto& outer = std::get<ast::Call>(rule.outcome->assignments[0].value->kind);
  const auto& metric = std::get<ast::Call>(outer.arguments[0].value->kind);
  REQUIRE(metric.arguments.size() == 6);
  CHECK(metric.arguments[0].name == "period");
  CHECK(metric.arguments[4].name == "principal.asset.ip");
  CHECK(std::holds_alternative<ast::Identifier>(metric.arguments[3].value->kind));
  CHECK(std::holds_alternative<ast::Wildcard>(metric.arguments[5].value->kind));
}

TEST_CASE("composite and entity-graph sources parse", "[syntax][parser]") {
  testing::Parsed parsed = ParseText(RuleWith(
      "    $d.detection.detection.rule_name = /PartOfName/\n"
      "    $d.detection.detection.variables[\"user\"].string_val = $user\n"
      "    $g.graph.metadata.entity_type = \"USER\"\n"
      "    $g.graph.entity.user.userid = $user"));
  INFO(testing::Rendered(parsed));
  CHECK(parsed.result.diagnostics.empty());
}

TEST_CASE("data-table setup and export sections", "[syntax][parser]") {
  testing::Parsed parsed = ParseText(
      "rule r {\n  meta:\n  setup:\n    graph_override($g.graph.entity.ip = %t.ip)\n"
      "    graph_append [$g, %t]\n  events:\n    $e.a = $g.graph.entity.ip\n"
      "  condition:\n    $e\n  export:\n    %t.write_row(col: $v, other: $w)\n}\n");
  INFO(testing::Rendered(parsed));
  REQUIRE(parsed.result.diagnostics.empty());
  const ast::Rule& rule = parsed.result.file.rules[0];
  REQUIRE(rule.setup->actions.size() == 2);
  CHECK(rule.setup->actions[1].name == "graph_append");
  CHECK(rule.export_->actions[0].table == "t");
  CHECK(rule.export_->actions[0].name == "write_row");
  CHECK(rule.export_->actions[0].arguments[1].name == "other");
}

TEST_CASE("forms tolerated because Google's own examples use them", "[syntax][parser]") {
  // Trailing comma before the window (a public Google workspace rule).
  testing::Parsed comma = ParseText(
      RuleWith("    $e.a = $id", "  match:\n    $id, over 1m\n  condition:\n    $e\n"));
  CHECK(comma.result.diagnostics.empty());
  // Regex flags after the closing slash, and lists named without `%`.
  testing::Parsed flags = ParseText(RuleWith("    $e.a = /powershell.*download/i"));
  CHECK(std::get<ast::RegexLiteral>(std::get<ast::Comparison>(OnlyPredicate(flags).kind).rhs->kind).flags == "i");
  CHECK(Canonical("$e.a in reference_list.admins") == "$e.a in reference_list.admins");
  CHECK(Canonical("$e.port in [445, 135]") == "$e.port in [445, 135]");
  // A double-quoted string may span lines.
  testing::Parsed multiline = ParseText(RuleWith("    $e.a = \"line one\nline two\""));
  CHECK(std::get<ast::StringLiteral>(std::get<ast::Comparison>(OnlyPredicate(multiline).kind).rhs->kind).value ==
        "line one\nline two");
}

TEST_CASE("node ids are unique and dense", "[syntax][parser]") {
  testing::Parsed parsed = ParseText(RuleWith("    $e.a = 1 and $e.b = 2"));
  const auto& bin = std::get<ast::Binary>(OnlyPredicate(parsed).kind);
  CHECK(bin.lhs->id != bin.rhs->id);
  CHECK(bin.lhs->id > 0);
}

}  // namespace
}  // namespace yaral

// Tests for lib/syntax/ast_printer.cc and the out-of-line AST members in
// lib/syntax/ast.cc, on trees built by hand.
#include "yaral/ast_printer.h"

#include <cstdint>
#include <limits>
#include <string>

#include <catch2/catch.hpp>

#include "ast_factory.h"
#include "yaral/ast.h"

namespace yaral {
namespace {

using namespace yaral::testing;  // NOLINT: terse node builders
using ast::BinaryOp;
using ast::ComparisonOp;
using ast::ListKind;
using ast::Quantifier;

std::string P(const ast::ExprPtr& expr) { return PrintExpr(*expr); }

ast::ExprPtr A() { return Var("a"); }
ast::ExprPtr B() { return Var("b"); }
ast::ExprPtr C() { return Var("c"); }

TEST_CASE("printer writes literals", "[syntax][printer]") {
  CHECK(P(Int(42)) == "42");
  CHECK(P(Float("2.50", 2.5)) == "2.50");
  CHECK(P(Bool(true)) == "true");
  CHECK(P(Bool(false)) == "false");
  CHECK(P(DurExpr(24, "h")) == "24h");
  CHECK(P(Regex(R"(^\S*\/_layouts\/1(5|6)$)")) == R"(/^\S*\/_layouts\/1(5|6)$/)");
  CHECK(P(Regex("abc", "is")) == "/abc/is");
  CHECK(P(Array(Exprs(Str("a"), Int(1)))) == R"(["a", 1])");
  CHECK(P(Array({})) == "[]");
  CHECK(P(Wild()) == "*");
  CHECK(P(Ident("max")) == "max");
  CHECK(P(Count("e")) == "#e");
  CHECK(P(Var("host")) == "$host");
  CHECK(P(Ref("allow")) == "%allow");
  CHECK(P(Ref("table", "column")) == "%table.column");
  CHECK(P(Unary(ast::UnaryOp::kNotExists, Var("e2"))) == "!$e2");
}

TEST_CASE("printer re-escapes double-quoted strings", "[syntax][printer]") {
  CHECK(P(Str("plain")) == R"("plain")");
  CHECK(P(Str("a\"b\\c")) == R"("a\"b\\c")");
  CHECK(P(Str("line\nfeed\rtab\t")) == R"("line\nfeed\rtab\t")");
  CHECK(P(Str("caf\xC3\xA9 \x01")) == "\"caf\xC3\xA9 \x01\"");
  CHECK(P(Str("")) == R"("")");
}

TEST_CASE("printer keeps raw strings back-quoted", "[syntax][printer]") {
  CHECK(P(Str(R"(c:\windows\"x")", true)) == R"(`c:\windows\"x"`)");
  CHECK(P(Str("two\nlines", true)) == "`two\nlines`");
  // No escape exists inside back quotes, so this one must change style.
  CHECK(P(Str("a`b", true)) == R"("a`b")");
}

TEST_CASE("printer writes field paths", "[syntax][printer]") {
  ast::FieldPath ip = PathOf("e", {"principal", "ip"});
  ip.segments[1].subscripts.push_back(Index(0));
  CHECK(ip.ToString() == "$e.principal.ip[0]");

  ast::FieldPath fields = PathOf("e", {"additional", "fields"});
  fields.segments[1].subscripts.push_back(Key("k"));
  CHECK(fields.ToString() == R"($e.additional.fields["k"])");
  CHECK(P(Make(std::move(fields))) == R"($e.additional.fields["k"])");

  ast::FieldPath quoted = PathOf("e", {"labels"});
  quoted.segments[0].subscripts.push_back(Key("a\"b\\"));
  quoted.segments[0].subscripts.push_back(Index(-1));
  CHECK(quoted.ToString() == R"($e.labels["a\"b\\"][-1])");

  CHECK(PathOf("", {"principal", "hostname"}).ToString() == "principal.hostname");
  CHECK(PathOf("e", {}).ToString() == "$e");
}

TEST_CASE("printer parenthesises boolean operators by precedence", "[syntax][printer]") {
  CHECK(P(And(Or(A(), B()), C())) == "($a or $b) and $c");
  CHECK(P(Or(A(), And(B(), C()))) == "$a or $b and $c");
  CHECK(P(Or(And(A(), B()), C())) == "$a and $b or $c");
  CHECK(P(And(A(), Or(B(), C()))) == "$a and ($b or $c)");
  CHECK(P(And(And(A(), B()), C())) == "$a and $b and $c");
  CHECK(P(And(A(), And(B(), C()))) == "$a and ($b and $c)");
  CHECK(P(Not(And(A(), B()))) == "not ($a and $b)");
  CHECK(P(And(Not(A()), B())) == "not $a and $b");
  CHECK(P(Or(A(), Not(B()))) == "$a or not $b");
  CHECK(P(Not(Not(A()))) == "not not $a");
}

TEST_CASE("printer parenthesises arithmetic by precedence", "[syntax][printer]") {
  CHECK(P(Bin(BinaryOp::kSub, A(), Bin(BinaryOp::kSub, B(), C()))) == "$a - ($b - $c)");
  CHECK(P(Bin(BinaryOp::kSub, Bin(BinaryOp::kSub, A(), B()), C())) == "$a - $b - $c");
  CHECK(P(Bin(BinaryOp::kMul, Bin(BinaryOp::kAdd, A(), B()), C())) == "($a + $b) * $c");
  CHECK(P(Bin(BinaryOp::kAdd, A(), Bin(BinaryOp::kMul, B(), C()))) == "$a + $b * $c");
  CHECK(P(Bin(BinaryOp::kDiv, A(), Bin(BinaryOp::kMod, B(), C()))) == "$a / ($b % $c)");
  CHECK(P(Bin(BinaryOp::kAdd, A(), Bin(BinaryOp::kSub, B(), C()))) == "$a + ($b - $c)");
  CHECK(P(Neg(Int(3))) == "-3");
  CHECK(P(Neg(Bin(BinaryOp::kAdd, A(), B()))) == "-($a + $b)");
  CHECK(P(Bin(BinaryOp::kMul, Neg(A()), B())) == "-$a * $b");
  CHECK(P(Bin(BinaryOp::kSub, Int(0), Int(1))) == "0 - 1");
  CHECK(P(Bin(BinaryOp::kAdd, A(), Neg(B()))) == "$a + -$b");
  CHECK(P(Bin(BinaryOp::kMul, Not(A()), B())) == "(not $a) * $b");
}

TEST_CASE("printer never chains comparisons", "[syntax][printer]") {
  CHECK(P(Eq(A(), Str("x"))) == R"($a = "x")");
  CHECK(P(Cmp(ComparisonOp::kNe, A(), B())) == "$a != $b");
  CHECK(P(Cmp(ComparisonOp::kLt, A(), B())) == "$a < $b");
  CHECK(P(Cmp(ComparisonOp::kLe, A(), B())) == "$a <= $b");
  CHECK(P(Cmp(ComparisonOp::kGt, A(), B())) == "$a > $b");
  CHECK(P(Cmp(ComparisonOp::kGe, A(), B())) == "$a >= $b");
  CHECK(P(Eq(Eq(A(), B()), C())) == "($a = $b) = $c");
  CHECK(P(Eq(A(), Eq(B(), C()))) == "$a = ($b = $c)");
  CHECK(P(Eq(In(A(), ListKind::kString, Ref("l")), Bool(true))) == "($a in %l) = true");
  CHECK(P(In(Eq(A(), B()), ListKind::kString, Ref("l"))) == "($a = $b) in %l");
  CHECK(P(Eq(Not(A()), B())) == "(not $a) = $b");
  CHECK(P(Not(Eq(A(), B()))) == "not $a = $b");
  CHECK(P(Eq(Bin(BinaryOp::kAdd, A(), B()), C())) == "$a + $b = $c");
  CHECK(P(Bin(BinaryOp::kAdd, A(), Eq(B(), C()))) == "$a + ($b = $c)");
  CHECK(P(And(Eq(A(), B()), Eq(B(), C()))) == "$a = $b and $b = $c");
}

TEST_CASE("printer writes nocase, in-lists and quantifiers", "[syntax][printer]") {
  CHECK(P(Eq(A(), Regex("dns-[0-9]+"), true)) == "$a = /dns-[0-9]+/ nocase");
  CHECK(P(In(A(), ListKind::kString, Ref("list"))) == "$a in %list");
  CHECK(P(In(A(), ListKind::kRegex, Ref("list"))) == "$a in regex %list");
  CHECK(P(In(A(), ListKind::kCidr, Ref("t", "ip"), true)) == "$a in cidr %t.ip nocase");
  CHECK(P(Not(In(A(), ListKind::kString, Ref("l")))) == "not $a in %l");
  CHECK(P(In(A(), ListKind::kString, Array(Exprs(Str("x"), Str("y"))))) == R"($a in ["x", "y"])");
  ast::ExprPtr bare_list = Ref("reference_list.admins");
  std::get<ast::ReferenceList>(bare_list->kind).sigil = false;
  CHECK(P(In(A(), ListKind::kString, std::move(bare_list))) == "$a in reference_list.admins");
  CHECK(P(Eq(Quant(Quantifier::kAny, Path("e", {"principal", "ip"})), Str("10.0.0.1"))) ==
        R"(any $e.principal.ip = "10.0.0.1")");
  CHECK(P(Quant(Quantifier::kAll, Bin(BinaryOp::kAdd, A(), Int(1)))) == "all ($a + 1)");
  CHECK(P(Bin(BinaryOp::kAdd, Quant(Quantifier::kAny, A()), Int(1))) == "any $a + 1");
}

TEST_CASE("printer writes calls and if", "[syntax][printer]") {
  CHECK(P(CallOf("re.regex", Args(Arg(Path("e", {"target", "url"})), Arg(Regex("x\\.com"))))) ==
        R"(re.regex($e.target.url, /x\.com/))");
  CHECK(P(CallOf("count_distinct", Args(Arg(Var("ip"))))) == "count_distinct($ip)");
  CHECK(P(CallOf("strings.concat", Args(Arg(A()), Arg(B())), true)) ==
        "strings.concat($a, $b) nocase");
  CHECK(P(CallOf("metrics.auth_attempts_total",
                 Args(Arg("period", DurExpr(1, "d")), Arg("window", Ident("today")),
                      Arg("principal.asset.ip", Var("ip")), Arg("agg", Ident("sum")),
                      Arg("dim", Wild())))) ==
        "metrics.auth_attempts_total(period: 1d, window: today, principal.asset.ip: $ip, "
        "agg: sum, dim: *)");
  CHECK(P(CallOf("f", {})) == "f()");
  CHECK(P(IfOf(Eq(A(), Int(1)), Int(10))) == "if($a = 1, 10)");
  CHECK(P(IfOf(Or(A(), B()), Int(10), Int(0))) == "if($a or $b, 10, 0)");
  // The grammar gives a `nocase` straight after a call's `)` to the call.
  CHECK(P(Eq(A(), CallOf("f", Args(Arg(B()))), true)) == "$a = (f($b)) nocase");
  CHECK(P(Eq(A(), Bin(BinaryOp::kAdd, B(), CallOf("f", {})), true)) == "$a = ($b + f()) nocase");
  CHECK(P(Eq(A(), CallOf("f", {}, true), true)) == "$a = f() nocase nocase");
  CHECK(P(Eq(A(), CallOf("f", {}))) == "$a = f()");
}

TEST_CASE("printer helpers: out-of-line AST members", "[syntax][printer]") {
  auto unescaped = [](std::string pattern) {
    ast::RegexLiteral regex;
    regex.pattern = std::move(pattern);
    return regex.Unescaped();
  };
  CHECK(unescaped(R"(a\/b\.c)") == R"(a/b\.c)");
  CHECK(unescaped(R"(\\\/)") == R"(\\/)");
  CHECK(unescaped(R"(tail\)") == R"(tail\)");
  CHECK(unescaped("").empty());

  CHECK(Dur(30, "s").Seconds() == 30);
  CHECK(Dur(5, "m").Seconds() == 300);
  CHECK(Dur(24, "h").Seconds() == 86400);
  CHECK(Dur(2, "d").Seconds() == 172800);
  CHECK(Dur(1, "w").Seconds() == 604800);
  CHECK(Dur(1, "mo").Seconds() == -1);
  CHECK(Dur(1, "").Seconds() == -1);
  constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
  CHECK(Dur(kMax, "w").Seconds() == kMax);
  CHECK(Dur(kMax, "s").Seconds() == kMax);
  ast::Duration overflowed = Dur(0, "h");
  overflowed.overflow = true;
  CHECK(overflowed.Seconds() == kMax);

  CHECK(ast::SectionName(ast::SectionKind::kMeta) == "meta");
  CHECK(ast::SectionName(ast::SectionKind::kSetup) == "setup");
  CHECK(ast::SectionName(ast::SectionKind::kEvents) == "events");
  CHECK(ast::SectionName(ast::SectionKind::kMatch) == "match");
  CHECK(ast::SectionName(ast::SectionKind::kOutcome) == "outcome");
  CHECK(ast::SectionName(ast::SectionKind::kCondition) == "condition");
  CHECK(ast::SectionName(ast::SectionKind::kOptions) == "options");
  CHECK(ast::SectionName(ast::SectionKind::kExport) == "export");
}

ast::Rule FullRule() {
  ast::Rule rule;
  rule.name = "full";
  rule.meta.emplace();
  rule.meta->entries.push_back(Entry("author", Str("me")));
  rule.meta->entries.push_back(Entry("severity", Str("HIGH")));
  rule.setup.emplace();
  rule.setup->actions.push_back(Action(
      "graph_override",
      Args(Arg(Eq(Path("g", {"graph", "entity", "ip"}), Ref("t", "ip"))))));
  rule.setup->actions.push_back(Action("graph_append", Args(Arg(Var("g")), Arg(Ref("t")))));
  rule.events.emplace();
  rule.events->predicates.push_back(
      Eq(Path("e", {"metadata", "event_type"}), Str("USER_LOGIN")));
  rule.events->predicates.push_back(Eq(Var("user"), Path("e", {"target", "user", "userid"})));
  rule.events->predicates.push_back(
      Or(Eq(Path("e", {"x"}), Str("a")), Eq(Path("e", {"x"}), Str("b"))));
  rule.match.emplace();
  rule.match->keys = Exprs(Var("user"), Var("host"));
  rule.match->window = Dur(24, "h");
  rule.outcome.emplace();
  rule.outcome->assignments.push_back(
      ast::OutcomeAssignment{"risk_score", CallOf("max", Args(Arg(Int(50)))), {}, {}});
  rule.outcome->assignments.push_back(
      ast::OutcomeAssignment{"ips", CallOf("array_distinct", Args(Arg(Var("ip")))), {}, {}});
  rule.condition.emplace();
  rule.condition->expr = And(Var("e"), Cmp(ComparisonOp::kGt, Count("e"), Int(5)));
  rule.options.emplace();
  rule.options->entries.push_back(Entry("allow_zero_values", Bool(true)));
  rule.options->entries.push_back(Entry("suppression_window", DurExpr(5, "m")));
  rule.export_.emplace();
  rule.export_->actions.push_back(
      Action("write_row", Args(Arg("user", Var("user")), Arg("score", Var("risk_score"))), "t"));
  return rule;
}

TEST_CASE("printer writes every section in canonical order", "[syntax][printer]") {
  CHECK(PrintRule(FullRule()) ==
        "rule full {\n"
        "  meta:\n"
        "    author = \"me\"\n"
        "    severity = \"HIGH\"\n"
        "  setup:\n"
        "    graph_override($g.graph.entity.ip = %t.ip)\n"
        "    graph_append [$g, %t]\n"
        "  events:\n"
        "    $e.metadata.event_type = \"USER_LOGIN\"\n"
        "    $user = $e.target.user.userid\n"
        "    $e.x = \"a\" or $e.x = \"b\"\n"
        "  match:\n"
        "    $user, $host over 24h\n"
        "  outcome:\n"
        "    $risk_score = max(50)\n"
        "    $ips = array_distinct($ip)\n"
        "  condition:\n"
        "    $e and #e > 5\n"
        "  options:\n"
        "    allow_zero_values = true\n"
        "    suppression_window = 5m\n"
        "  export:\n"
        "    %t.write_row(user: $user, score: $risk_score)\n"
        "}\n");
}

TEST_CASE("printer writes match windows", "[syntax][printer]") {
  auto print_match = [](ast::MatchSection match) {
    ast::Rule rule;
    rule.name = "r";
    rule.match = std::move(match);
    return PrintRule(rule);
  };
  auto section = [](ast::WindowKind kind, ast::Duration window) {
    ast::MatchSection match;
    match.keys = Exprs(Var("a"));
    match.window_kind = kind;
    match.window = std::move(window);
    return match;
  };

  ast::MatchSection before = section(ast::WindowKind::kSlidingBefore, Dur(1, "h"));
  before.pivot = "e";
  CHECK(print_match(std::move(before)) == "rule r {\n  match:\n    $a over 1h before $e\n}\n");

  ast::MatchSection after = section(ast::WindowKind::kSlidingAfter, Dur(5, "m"));
  after.pivot = "e1";
  CHECK(print_match(std::move(after)) == "rule r {\n  match:\n    $a over 5m after $e1\n}\n");

  CHECK(print_match(section(ast::WindowKind::kTumbling, Dur(1, "h"))) ==
        "rule r {\n  match:\n    $a by 1h\n}\n");
  ast::MatchSection tumbling = section(ast::WindowKind::kTumbling, Dur(30, "m"));
  tumbling.tumbling_keyword = true;
  CHECK(print_match(std::move(tumbling)) == "rule r {\n  match:\n    $a by 30m tumbling\n}\n");

  ast::MatchSection bare_keys;
  bare_keys.keys = Exprs(Make(PathOf("", {"principal", "ip"})), Var("b"));
  CHECK(print_match(std::move(bare_keys)) == "rule r {\n  match:\n    principal.ip, $b\n}\n");
}

TEST_CASE("printer keeps events predicates apart", "[syntax][printer]") {
  ast::Rule rule;
  rule.name = "r";
  rule.events.emplace();
  // Each of these would continue the line before it if printed bare.
  rule.events->predicates.push_back(Neg(Int(1)));
  rule.events->predicates.push_back(Eq(Neg(A()), Int(1)));
  rule.events->predicates.push_back(Eq(Ref("t", "uid"), Var("u")));
  rule.events->predicates.push_back(Eq(Regex("x"), A()));
  rule.events->predicates.push_back(Eq(Array(Exprs(Int(1))), A()));
  rule.events->predicates.push_back(Eq(A(), Make(PathOf("", {"principal", "hostname"}))));
  rule.events->predicates.push_back(And(Or(A(), B()), C()));
  rule.events->predicates.push_back(Eq(A(), Str("x"), true));
  rule.events->predicates.push_back(And(Or(A(), B()), C()));
  CHECK(PrintRule(rule) ==
        "rule r {\n"
        "  events:\n"
        "    -1\n"
        "    (-$a = 1)\n"
        "    (%t.uid = $u)\n"
        "    (/x/ = $a)\n"
        "    ([1] = $a)\n"
        "    ($a = principal.hostname)\n"
        "    ($a or $b) and $c\n"
        "    $a = \"x\" nocase\n"
        "    ($a or $b) and $c\n"
        "}\n");
}

TEST_CASE("printer writes empty sections and files", "[syntax][printer]") {
  ast::Rule rule;
  rule.name = "empty";
  rule.meta.emplace();
  rule.events.emplace();
  rule.condition.emplace();
  CHECK(PrintRule(rule) == "rule empty {\n  meta:\n  events:\n  condition:\n}\n");

  ast::File file;
  CHECK(PrintFile(file).empty());
  file.rules.push_back(std::move(rule));
  ast::Rule second;
  second.name = "second";
  second.condition.emplace();
  second.condition->expr = Var("e");
  file.rules.push_back(std::move(second));
  CHECK(PrintFile(file) ==
        "rule empty {\n  meta:\n  events:\n  condition:\n}\n"
        "\n"
        "rule second {\n  condition:\n    $e\n}\n");
}

}  // namespace
}  // namespace yaral

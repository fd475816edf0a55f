// Tests for lib/syntax/ast_json.cc: AstToJson and SameStructure on trees
// built by hand.
#include <string>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "ast_factory.h"
#include "yaral/ast.h"
#include "yaral/ast_printer.h"
#include "yaral/source.h"

namespace yaral {
namespace {

using namespace yaral::testing;  // NOLINT: terse node builders
using nlohmann::json;

constexpr AstJsonOptions kCompact{.include_spans = false, .include_ids = false, .indent = -1};

ast::File OneRule(ast::Rule rule) {
  ast::File file;
  file.rules.push_back(std::move(rule));
  return file;
}

// A rule whose condition is `expr`, to look at one expression's JSON.
ast::File ConditionOnly(ast::ExprPtr expr) {
  ast::Rule rule;
  rule.name = "r";
  rule.condition.emplace();
  rule.condition->expr = std::move(expr);
  return OneRule(std::move(rule));
}

json ConditionJson(ast::ExprPtr expr) {
  return json::parse(AstToJson(ConditionOnly(std::move(expr)), nullptr, kCompact))["rules"][0]
                                                                                  ["condition"]
                                                                                  ["expr"];
}

TEST_CASE("json writes a rule compactly", "[syntax][json]") {
  ast::ExprPtr cmp = Eq(Path("e", {"metadata", "event_type"}), Str("USER_LOGIN"), true);
  CHECK(AstToJson(ConditionOnly(std::move(cmp)), nullptr, kCompact) ==
        R"({"kind":"File","rules":[{"condition":{"expr":{"kind":"Comparison","lhs":)"
        R"({"kind":"FieldPath","segments":[{"kind":"PathSegment","name":"metadata",)"
        R"("subscripts":[]},{"kind":"PathSegment","name":"event_type","subscripts":[]}],)"
        R"("variable":"e"},"nocase":true,"op":"eq","rhs":{"kind":"StringLiteral","raw":false,)"
        R"("value":"USER_LOGIN"}},"kind":"ConditionSection"},"kind":"Rule","name":"r"}]})");
}

TEST_CASE("json spans and ids follow the options", "[syntax][json]") {
  const SourceFile source("r.yaral", "rule r {\n  condition:\n    $e\n}\n");
  ast::ExprPtr variable = Var("e");
  variable->span = SourceSpan{26, 28};
  variable->id = 7;
  ast::File file = ConditionOnly(std::move(variable));
  file.rules[0].span = SourceSpan{0, 32};
  file.rules[0].name_span = SourceSpan{5, 6};

  const json with_source = json::parse(AstToJson(file, &source));
  const json& expr = with_source["rules"][0]["condition"]["expr"];
  CHECK(expr["span"] == json{{"begin", 26}, {"end", 28}, {"line", 3}, {"column", 5}});
  CHECK(expr["id"] == 7);
  CHECK(with_source["rules"][0]["name_span"] ==
        json{{"begin", 5}, {"end", 6}, {"line", 1}, {"column", 6}});

  const json without_source = json::parse(AstToJson(file));
  CHECK(without_source["rules"][0]["condition"]["expr"]["span"] ==
        json{{"begin", 26}, {"end", 28}});

  const json bare = json::parse(
      AstToJson(file, &source, {.include_spans = false, .include_ids = false}));
  CHECK_FALSE(bare["rules"][0]["condition"]["expr"].contains("span"));
  CHECK_FALSE(bare["rules"][0]["condition"]["expr"].contains("id"));
  CHECK_FALSE(bare["rules"][0].contains("name_span"));
}

TEST_CASE("json indentation follows the options", "[syntax][json]") {
  const ast::File file = ConditionOnly(Var("e"));
  const std::string compact = AstToJson(file, nullptr, {.indent = -1});
  CHECK(compact.find('\n') == std::string::npos);
  const std::string indented = AstToJson(file, nullptr, {.indent = 2});
  CHECK(indented.find("\n  \"kind\": \"File\"") != std::string::npos);
  CHECK(json::parse(compact) == json::parse(indented));
}

TEST_CASE("json names enums in lower case", "[syntax][json]") {
  CHECK(ConditionJson(Not(Var("a")))["op"] == "not");
  CHECK(ConditionJson(Neg(Var("a")))["op"] == "negate");
  CHECK(ConditionJson(Unary(ast::UnaryOp::kNotExists, Var("a")))["op"] == "not_exists");
  CHECK(ConditionJson(Or(Var("a"), Var("b")))["op"] == "or");
  CHECK(ConditionJson(Bin(ast::BinaryOp::kMod, Var("a"), Var("b")))["op"] == "mod");
  CHECK(ConditionJson(Cmp(ast::ComparisonOp::kGe, Var("a"), Var("b")))["op"] == "ge");
  CHECK(ConditionJson(Quant(ast::Quantifier::kAll, Var("a")))["quantifier"] == "all");
  CHECK(ConditionJson(In(Var("a"), ast::ListKind::kCidr, Ref("l")))["list_kind"] == "cidr");
  CHECK(ConditionJson(In(Var("a"), ast::ListKind::kString, Ref("l")))["list_kind"] == "string");

  ast::Rule rule;
  rule.name = "r";
  rule.match.emplace();
  rule.match->keys = Exprs(Var("u"));
  rule.match->window_kind = ast::WindowKind::kSlidingBefore;
  rule.match->window = Dur(1, "h");
  rule.match->pivot = "e";
  const json match = json::parse(AstToJson(OneRule(std::move(rule)), nullptr, kCompact))
      ["rules"][0]["match"];
  CHECK(match["kind"] == "MatchSection");
  CHECK(match["window_kind"] == "sliding_before");
  CHECK(match["window"] == json{{"kind", "Duration"}, {"amount", 1}, {"unit", "h"},
                                {"overflow", false}});
  CHECK(match["pivot"] == "e");
}

TEST_CASE("json writes every expression kind", "[syntax][json]") {
  CHECK(ConditionJson(Int(5)) == json{{"kind", "NumberLiteral"}, {"is_float", false},
                                      {"int_value", 5}, {"float_value", 5.0},
                                      {"overflow", false}, {"text", "5"}});
  CHECK(ConditionJson(Regex("a\\/b")) == json{{"kind", "RegexLiteral"}, {"pattern", "a\\/b"}, {"flags", ""}});
  CHECK(ConditionJson(Bool(true)) == json{{"kind", "BoolLiteral"}, {"value", true}});
  CHECK(ConditionJson(Array(Exprs(Int(1))))["elements"].size() == 1);
  CHECK(ConditionJson(Count("e")) == json{{"kind", "Count"}, {"name", "e"}});
  CHECK(ConditionJson(Ref("t")) ==
        json{{"kind", "ReferenceList"}, {"name", "t"}, {"sigil", true}});
  CHECK(ConditionJson(Ref("t", "c"))["column"] == "c");
  CHECK(ConditionJson(Ident("max")) == json{{"kind", "Identifier"}, {"name", "max"}});
  CHECK(ConditionJson(Wild()) == json{{"kind", "Wildcard"}});

  ast::FieldPath path = PathOf("e", {"labels"});
  path.segments[0].subscripts.push_back(Key("k"));
  path.segments[0].subscripts.push_back(Index(2));
  const json subscripts = ConditionJson(Make(std::move(path)))["segments"][0]["subscripts"];
  CHECK(subscripts[0] == json{{"kind", "Subscript"}, {"is_key", true}, {"key", "k"}});
  CHECK(subscripts[1] == json{{"kind", "Subscript"}, {"is_key", false}, {"index", 2}});

  const json call = ConditionJson(CallOf("f", Args(Arg("period", DurExpr(1, "d"))), true));
  CHECK(call["name"] == "f");
  CHECK(call["nocase"] == true);
  CHECK(call["arguments"][0]["kind"] == "Argument");
  CHECK(call["arguments"][0]["name"] == "period");
  CHECK(call["arguments"][0]["value"]["unit"] == "d");

  const json if_two = ConditionJson(IfOf(Var("a"), Int(1)));
  CHECK(if_two["kind"] == "If");
  CHECK(if_two["else_value"].is_null());
}

TEST_CASE("json writes sections", "[syntax][json]") {
  ast::Rule rule;
  rule.name = "r";
  rule.meta.emplace();
  rule.meta->entries.push_back(Entry("author", Str("me")));
  rule.setup.emplace();
  rule.setup->actions.push_back(Action("graph_append", Args(Arg(Var("g")), Arg(Ref("t")))));
  rule.events.emplace();
  rule.events->predicates.push_back(Var("e"));
  rule.outcome.emplace();
  rule.outcome->assignments.push_back(ast::OutcomeAssignment{"score", Int(1), {}, {}});
  rule.options.emplace();
  rule.options->entries.push_back(Entry("allow_zero_values", Bool(true)));
  rule.export_.emplace();
  rule.export_->actions.push_back(Action("write_row", Args(Arg("c", Var("score"))), "t"));
  const json out = json::parse(AstToJson(OneRule(std::move(rule)), nullptr, kCompact))
      ["rules"][0];
  CHECK(out["meta"]["kind"] == "MetaSection");
  CHECK(out["meta"]["entries"][0] == json::parse(
      R"({"kind":"KeyValue","key":"author","value":{"kind":"StringLiteral","raw":false,"value":"me"}})"));
  CHECK(out["setup"]["kind"] == "SetupSection");
  CHECK(out["setup"]["actions"][0]["name"] == "graph_append");
  CHECK(out["events"]["kind"] == "EventsSection");
  CHECK(out["events"]["predicates"].size() == 1);
  CHECK(out["outcome"]["assignments"][0]["kind"] == "OutcomeAssignment");
  CHECK(out["outcome"]["assignments"][0]["name"] == "score");
  CHECK(out["options"]["kind"] == "OptionsSection");
  CHECK(out["export"]["kind"] == "ExportSection");
  CHECK(out["export"]["actions"][0]["table"] == "t");
  CHECK_FALSE(out.contains("match"));
  CHECK_FALSE(out.contains("condition"));
}

TEST_CASE("json survives bytes that are not UTF-8", "[syntax][json]") {
  const ast::File file = ConditionOnly(Str("bad \xFF byte"));
  std::string text;
  REQUIRE_NOTHROW(text = AstToJson(file, nullptr, kCompact));
  CHECK(text.find("bad ") != std::string::npos);
}

TEST_CASE("SameStructure ignores spans and ids only", "[syntax][json]") {
  auto build = [](ast::ComparisonOp op, uint32_t offset) {
    ast::ExprPtr cmp = Cmp(op, Var("a"), Str("x"));
    cmp->span = SourceSpan{offset, offset + 8};
    cmp->id = offset;
    ast::File file = ConditionOnly(std::move(cmp));
    file.rules[0].span = SourceSpan{0, offset};
    return file;
  };
  CHECK(SameStructure(build(ast::ComparisonOp::kEq, 1), build(ast::ComparisonOp::kEq, 50)));
  CHECK_FALSE(SameStructure(build(ast::ComparisonOp::kEq, 1), build(ast::ComparisonOp::kNe, 1)));

  CHECK_FALSE(SameStructure(ConditionOnly(Str("x")), ConditionOnly(Str("x", true))));
  CHECK_FALSE(SameStructure(ConditionOnly(Var("a")), ConditionOnly(Var("b"))));
  CHECK_FALSE(SameStructure(ConditionOnly(Var("a")), ast::File{}));
  CHECK(SameStructure(ast::File{}, ast::File{}));
}

}  // namespace
}  // namespace yaral

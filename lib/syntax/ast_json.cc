// The AST as JSON (AstToJson) and structural comparison (SameStructure).
//
// Every node becomes an object whose "kind" names its struct; an expression's
// fields sit beside its "kind", "span" and "id" rather than under a wrapper,
// so a consumer reads `{"kind":"Comparison","op":"eq",...}` directly. Field
// names are the struct members' names; enums are lower-case words. Absent
// optional sections are left out, absent child expressions are null.
#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

#include "yaral/ast.h"
#include "yaral/ast_printer.h"
#include "yaral/source.h"

namespace yaral {
namespace {

using nlohmann::json;

template <class... Ts>
struct Overloaded : Ts... {
  using Ts::operator()...;
};

std::string_view UnaryOpName(ast::UnaryOp op) {
  switch (op) {
    case ast::UnaryOp::kNot: return "not";
    case ast::UnaryOp::kNegate: return "negate";
    case ast::UnaryOp::kNotExists: return "not_exists";
  }
  return "";
}

std::string_view BinaryOpName(ast::BinaryOp op) {
  switch (op) {
    case ast::BinaryOp::kOr: return "or";
    case ast::BinaryOp::kAnd: return "and";
    case ast::BinaryOp::kAdd: return "add";
    case ast::BinaryOp::kSub: return "sub";
    case ast::BinaryOp::kMul: return "mul";
    case ast::BinaryOp::kDiv: return "div";
    case ast::BinaryOp::kMod: return "mod";
  }
  return "";
}

std::string_view ComparisonOpName(ast::ComparisonOp op) {
  switch (op) {
    case ast::ComparisonOp::kEq: return "eq";
    case ast::ComparisonOp::kNe: return "ne";
    case ast::ComparisonOp::kLt: return "lt";
    case ast::ComparisonOp::kLe: return "le";
    case ast::ComparisonOp::kGt: return "gt";
    case ast::ComparisonOp::kGe: return "ge";
  }
  return "";
}

std::string_view QuantifierName(ast::Quantifier quantifier) {
  switch (quantifier) {
    case ast::Quantifier::kAny: return "any";
    case ast::Quantifier::kAll: return "all";
  }
  return "";
}

std::string_view ListKindName(ast::ListKind kind) {
  switch (kind) {
    case ast::ListKind::kString: return "string";
    case ast::ListKind::kRegex: return "regex";
    case ast::ListKind::kCidr: return "cidr";
  }
  return "";
}

std::string_view WindowKindName(ast::WindowKind kind) {
  switch (kind) {
    case ast::WindowKind::kHop: return "hop";
    case ast::WindowKind::kSlidingBefore: return "sliding_before";
    case ast::WindowKind::kSlidingAfter: return "sliding_after";
    case ast::WindowKind::kTumbling: return "tumbling";
  }
  return "";
}

json Kind(std::string_view kind) { return json{{"kind", kind}}; }

class JsonWriter {
 public:
  JsonWriter(const SourceFile* source, const AstJsonOptions& options)
      : source_(source), options_(options) {}

  json File(const ast::File& file) const {
    json out = Kind("File");
    json rules = json::array();
    for (const ast::Rule& rule : file.rules) rules.push_back(Rule(rule));
    out["rules"] = std::move(rules);
    return out;
  }

  json Expr(const ast::ExprPtr& expr) const {
    if (expr == nullptr) return nullptr;
    json out = std::visit([this](const auto& node) { return Node(node); }, expr->kind);
    AddSpan(out, "span", expr->span);
    if (options_.include_ids) out["id"] = expr->id;
    return out;
  }

 private:
  void AddSpan(json& out, const char* key, SourceSpan span) const {
    if (!options_.include_spans) return;
    json value = {{"begin", span.begin}, {"end", span.end}};
    if (source_ != nullptr) {
      const SourceLocation where = source_->Locate(span.begin);
      value["line"] = where.line;
      value["column"] = where.column;
    }
    out[key] = std::move(value);
  }

  json Exprs(const std::vector<ast::ExprPtr>& exprs) const {
    json out = json::array();
    for (const ast::ExprPtr& expr : exprs) out.push_back(Expr(expr));
    return out;
  }

  json Arguments(const std::vector<ast::Argument>& arguments) const {
    json out = json::array();
    for (const ast::Argument& argument : arguments) {
      json item = Kind("Argument");
      item["name"] = argument.name;
      item["value"] = Expr(argument.value);
      AddSpan(item, "span", argument.span);
      out.push_back(std::move(item));
    }
    return out;
  }

  json Duration(const ast::Duration& duration) const {
    json out = Kind("Duration");
    out["amount"] = duration.amount;
    out["unit"] = duration.unit;
    out["overflow"] = duration.overflow;
    return out;
  }

  // ------------------------------------------------------------ expressions
  // One overload per ExprKind alternative and no template: a new kind fails
  // to compile here until it is given a JSON form.

  json Node(const ast::NumberLiteral& number) const {
    json out = Kind("NumberLiteral");
    out["is_float"] = number.is_float;
    out["int_value"] = number.int_value;
    out["float_value"] = number.float_value;
    out["overflow"] = number.overflow;
    out["text"] = number.text;
    return out;
  }

  json Node(const ast::StringLiteral& string) const {
    json out = Kind("StringLiteral");
    out["value"] = string.value;
    out["raw"] = string.raw;
    return out;
  }

  json Node(const ast::RegexLiteral& regex) const {
    json out = Kind("RegexLiteral");
    out["pattern"] = regex.pattern;
    out["flags"] = regex.flags;
    return out;
  }

  json Node(const ast::BoolLiteral& boolean) const {
    json out = Kind("BoolLiteral");
    out["value"] = boolean.value;
    return out;
  }

  json Node(const ast::Duration& duration) const { return Duration(duration); }

  json Node(const ast::ArrayLiteral& array) const {
    json out = Kind("ArrayLiteral");
    out["elements"] = Exprs(array.elements);
    return out;
  }

  json Node(const ast::Variable& variable) const {
    json out = Kind("Variable");
    out["name"] = variable.name;
    return out;
  }

  json Node(const ast::FieldPath& path) const {
    json out = Kind("FieldPath");
    out["variable"] = path.variable;
    json segments = json::array();
    for (const ast::PathSegment& segment : path.segments) {
      json item = Kind("PathSegment");
      item["name"] = segment.name;
      json subscripts = json::array();
      for (const ast::Subscript& subscript : segment.subscripts) {
        json sub = Kind("Subscript");
        sub["is_key"] = subscript.is_key;
        if (subscript.is_key) {
          sub["key"] = subscript.key;
        } else {
          sub["index"] = subscript.index;
        }
        AddSpan(sub, "span", subscript.span);
        subscripts.push_back(std::move(sub));
      }
      item["subscripts"] = std::move(subscripts);
      AddSpan(item, "span", segment.span);
      segments.push_back(std::move(item));
    }
    out["segments"] = std::move(segments);
    return out;
  }

  json Node(const ast::Count& count) const {
    json out = Kind("Count");
    out["name"] = count.name;
    return out;
  }

  json Node(const ast::ReferenceList& list) const {
    json out = Kind("ReferenceList");
    out["name"] = list.name;
    if (list.column) out["column"] = *list.column;
    out["sigil"] = list.sigil;
    return out;
  }

  json Node(const ast::Identifier& identifier) const {
    json out = Kind("Identifier");
    out["name"] = identifier.name;
    return out;
  }

  json Node(const ast::Wildcard&) const { return Kind("Wildcard"); }

  json Node(const ast::Unary& unary) const {
    json out = Kind("Unary");
    out["op"] = UnaryOpName(unary.op);
    out["operand"] = Expr(unary.operand);
    return out;
  }

  json Node(const ast::Binary& binary) const {
    json out = Kind("Binary");
    out["op"] = BinaryOpName(binary.op);
    out["lhs"] = Expr(binary.lhs);
    out["rhs"] = Expr(binary.rhs);
    return out;
  }

  json Node(const ast::Comparison& cmp) const {
    json out = Kind("Comparison");
    out["op"] = ComparisonOpName(cmp.op);
    out["lhs"] = Expr(cmp.lhs);
    out["rhs"] = Expr(cmp.rhs);
    out["nocase"] = cmp.nocase;
    return out;
  }

  json Node(const ast::Quantified& quantified) const {
    json out = Kind("Quantified");
    out["quantifier"] = QuantifierName(quantified.quantifier);
    out["operand"] = Expr(quantified.operand);
    return out;
  }

  json Node(const ast::InList& in) const {
    json out = Kind("InList");
    out["value"] = Expr(in.value);
    out["list_kind"] = ListKindName(in.kind);
    out["list"] = Expr(in.list);
    out["nocase"] = in.nocase;
    return out;
  }

  json Node(const ast::Call& call) const {
    json out = Kind("Call");
    out["name"] = call.name;
    out["arguments"] = Arguments(call.arguments);
    out["nocase"] = call.nocase;
    AddSpan(out, "name_span", call.name_span);
    return out;
  }

  json Node(const ast::If& if_expr) const {
    json out = Kind("If");
    out["condition"] = Expr(if_expr.condition);
    out["then_value"] = Expr(if_expr.then_value);
    out["else_value"] = Expr(if_expr.else_value);
    return out;
  }

  // ------------------------------------------------------------ sections

  json KeyValues(const std::vector<ast::KeyValue>& entries) const {
    json out = json::array();
    for (const ast::KeyValue& entry : entries) {
      json item = Kind("KeyValue");
      item["key"] = entry.key;
      item["value"] = Expr(entry.value);
      AddSpan(item, "span", entry.span);
      AddSpan(item, "key_span", entry.key_span);
      out.push_back(std::move(item));
    }
    return out;
  }

  json TableActions(const std::vector<ast::TableAction>& actions) const {
    json out = json::array();
    for (const ast::TableAction& action : actions) {
      json item = Kind("TableAction");
      item["name"] = action.name;
      item["table"] = action.table;
      item["arguments"] = Arguments(action.arguments);
      AddSpan(item, "span", action.span);
      out.push_back(std::move(item));
    }
    return out;
  }

  json Match(const ast::MatchSection& match) const {
    json out = Kind("MatchSection");
    out["keys"] = Exprs(match.keys);
    out["window_kind"] = WindowKindName(match.window_kind);
    out["window"] = Duration(match.window);
    AddSpan(out, "window_span", match.window_span);
    out["pivot"] = match.pivot;
    AddSpan(out, "pivot_span", match.pivot_span);
    out["tumbling_keyword"] = match.tumbling_keyword;
    AddSpan(out, "span", match.span);
    return out;
  }

  json Outcome(const ast::OutcomeSection& outcome) const {
    json out = Kind("OutcomeSection");
    json assignments = json::array();
    for (const ast::OutcomeAssignment& assignment : outcome.assignments) {
      json item = Kind("OutcomeAssignment");
      item["name"] = assignment.name;
      item["value"] = Expr(assignment.value);
      AddSpan(item, "span", assignment.span);
      AddSpan(item, "name_span", assignment.name_span);
      assignments.push_back(std::move(item));
    }
    out["assignments"] = std::move(assignments);
    AddSpan(out, "span", outcome.span);
    return out;
  }

  json Rule(const ast::Rule& rule) const {
    json out = Kind("Rule");
    out["name"] = rule.name;
    AddSpan(out, "name_span", rule.name_span);
    AddSpan(out, "span", rule.span);
    if (rule.meta) {
      json section = Kind("MetaSection");
      section["entries"] = KeyValues(rule.meta->entries);
      AddSpan(section, "span", rule.meta->span);
      out["meta"] = std::move(section);
    }
    if (rule.setup) {
      json section = Kind("SetupSection");
      section["actions"] = TableActions(rule.setup->actions);
      AddSpan(section, "span", rule.setup->span);
      out["setup"] = std::move(section);
    }
    if (rule.events) {
      json section = Kind("EventsSection");
      section["predicates"] = Exprs(rule.events->predicates);
      AddSpan(section, "span", rule.events->span);
      out["events"] = std::move(section);
    }
    if (rule.match) out["match"] = Match(*rule.match);
    if (rule.outcome) out["outcome"] = Outcome(*rule.outcome);
    if (rule.condition) {
      json section = Kind("ConditionSection");
      section["expr"] = Expr(rule.condition->expr);
      AddSpan(section, "span", rule.condition->span);
      out["condition"] = std::move(section);
    }
    if (rule.options) {
      json section = Kind("OptionsSection");
      section["entries"] = KeyValues(rule.options->entries);
      AddSpan(section, "span", rule.options->span);
      out["options"] = std::move(section);
    }
    if (rule.export_) {
      json section = Kind("ExportSection");
      section["actions"] = TableActions(rule.export_->actions);
      AddSpan(section, "span", rule.export_->span);
      out["export"] = std::move(section);
    }
    return out;
  }

  const SourceFile* source_;
  AstJsonOptions options_;
};

}  // namespace

std::string AstToJson(const ast::File& file, const SourceFile* source,
                      const AstJsonOptions& options) {
  const json tree = JsonWriter(source, options).File(file);
  // Rule text may hold bytes that are not UTF-8 (the lexer passes them
  // through in strings); replacing them keeps dump() from throwing.
  return tree.dump(options.indent < 0 ? -1 : options.indent, ' ', false,
                   json::error_handler_t::replace);
}

bool SameStructure(const ast::File& a, const ast::File& b) {
  const AstJsonOptions structure_only{.include_spans = false, .include_ids = false};
  return JsonWriter(nullptr, structure_only).File(a) ==
         JsonWriter(nullptr, structure_only).File(b);
}

}  // namespace yaral

// Terse constructors for building ASTs by hand in tests. Nodes are move-only,
// so lists are built by variadic helpers rather than initializer lists.
#ifndef YARAL_TESTS_UNIT_SYNTAX_AST_FACTORY_H_
#define YARAL_TESTS_UNIT_SYNTAX_AST_FACTORY_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "yaral/ast.h"

namespace yaral::testing {

inline ast::ExprPtr Make(ast::ExprKind kind) {
  auto expr = std::make_unique<ast::Expr>();
  expr->kind = std::move(kind);
  return expr;
}

inline ast::ExprPtr Int(int64_t value) {
  ast::NumberLiteral number;
  number.int_value = value;
  number.float_value = static_cast<double>(value);
  number.text = std::to_string(value);
  return Make(std::move(number));
}

inline ast::ExprPtr Float(std::string text, double value) {
  ast::NumberLiteral number;
  number.is_float = true;
  number.float_value = value;
  number.text = std::move(text);
  return Make(std::move(number));
}

inline ast::ExprPtr Str(std::string value, bool raw = false) {
  return Make(ast::StringLiteral{std::move(value), raw});
}

inline ast::ExprPtr Regex(std::string pattern, std::string flags = "") {
  ast::RegexLiteral regex;
  regex.pattern = std::move(pattern);
  regex.flags = std::move(flags);
  return Make(std::move(regex));
}
inline ast::ExprPtr Bool(bool value) { return Make(ast::BoolLiteral{value}); }

inline ast::Duration Dur(int64_t amount, std::string unit) {
  ast::Duration duration;
  duration.amount = amount;
  duration.unit = std::move(unit);
  return duration;
}

inline ast::ExprPtr DurExpr(int64_t amount, std::string unit) {
  return Make(Dur(amount, std::move(unit)));
}

inline ast::ExprPtr Var(std::string name) { return Make(ast::Variable{std::move(name)}); }
inline ast::ExprPtr Count(std::string name) { return Make(ast::Count{std::move(name)}); }
inline ast::ExprPtr Ident(std::string name) { return Make(ast::Identifier{std::move(name)}); }
inline ast::ExprPtr Wild() { return Make(ast::Wildcard{}); }

inline ast::ExprPtr Ref(std::string name, std::optional<std::string> column = std::nullopt) {
  ast::ReferenceList list;
  list.name = std::move(name);
  list.column = std::move(column);
  return Make(std::move(list));
}

// `$var.a.b.c` without subscripts.
inline ast::FieldPath PathOf(std::string variable, std::vector<std::string> names) {
  ast::FieldPath path;
  path.variable = std::move(variable);
  for (std::string& name : names) {
    ast::PathSegment segment;
    segment.name = std::move(name);
    path.segments.push_back(std::move(segment));
  }
  return path;
}

inline ast::ExprPtr Path(std::string variable, std::vector<std::string> names) {
  return Make(PathOf(std::move(variable), std::move(names)));
}

inline ast::Subscript Index(int64_t index) {
  ast::Subscript subscript;
  subscript.index = index;
  return subscript;
}

inline ast::Subscript Key(std::string key) {
  ast::Subscript subscript;
  subscript.is_key = true;
  subscript.key = std::move(key);
  return subscript;
}

inline ast::ExprPtr Unary(ast::UnaryOp op, ast::ExprPtr operand) {
  return Make(ast::Unary{op, std::move(operand)});
}
inline ast::ExprPtr Not(ast::ExprPtr operand) { return Unary(ast::UnaryOp::kNot, std::move(operand)); }
inline ast::ExprPtr Neg(ast::ExprPtr operand) { return Unary(ast::UnaryOp::kNegate, std::move(operand)); }

inline ast::ExprPtr Bin(ast::BinaryOp op, ast::ExprPtr lhs, ast::ExprPtr rhs) {
  return Make(ast::Binary{op, std::move(lhs), std::move(rhs)});
}
inline ast::ExprPtr And(ast::ExprPtr lhs, ast::ExprPtr rhs) {
  return Bin(ast::BinaryOp::kAnd, std::move(lhs), std::move(rhs));
}
inline ast::ExprPtr Or(ast::ExprPtr lhs, ast::ExprPtr rhs) {
  return Bin(ast::BinaryOp::kOr, std::move(lhs), std::move(rhs));
}

inline ast::ExprPtr Cmp(ast::ComparisonOp op, ast::ExprPtr lhs, ast::ExprPtr rhs,
                        bool nocase = false) {
  return Make(ast::Comparison{op, std::move(lhs), std::move(rhs), nocase});
}
inline ast::ExprPtr Eq(ast::ExprPtr lhs, ast::ExprPtr rhs, bool nocase = false) {
  return Cmp(ast::ComparisonOp::kEq, std::move(lhs), std::move(rhs), nocase);
}

inline ast::ExprPtr Quant(ast::Quantifier quantifier, ast::ExprPtr operand) {
  return Make(ast::Quantified{quantifier, std::move(operand)});
}

inline ast::ExprPtr In(ast::ExprPtr value, ast::ListKind kind, ast::ExprPtr list,
                       bool nocase = false) {
  return Make(ast::InList{std::move(value), kind, std::move(list), nocase});
}

inline ast::Argument Arg(ast::ExprPtr value) { return ast::Argument{"", std::move(value), {}}; }
inline ast::Argument Arg(std::string name, ast::ExprPtr value) {
  return ast::Argument{std::move(name), std::move(value), {}};
}

template <class... Ts>
std::vector<ast::Argument> Args(Ts&&... arguments) {
  std::vector<ast::Argument> out;
  (out.push_back(std::forward<Ts>(arguments)), ...);
  return out;
}

template <class... Ts>
std::vector<ast::ExprPtr> Exprs(Ts&&... exprs) {
  std::vector<ast::ExprPtr> out;
  (out.push_back(std::forward<Ts>(exprs)), ...);
  return out;
}

inline ast::ExprPtr CallOf(std::string name, std::vector<ast::Argument> arguments,
                           bool nocase = false) {
  ast::Call call;
  call.name = std::move(name);
  call.arguments = std::move(arguments);
  call.nocase = nocase;
  return Make(std::move(call));
}

inline ast::ExprPtr IfOf(ast::ExprPtr condition, ast::ExprPtr then_value,
                         ast::ExprPtr else_value = nullptr) {
  return Make(ast::If{std::move(condition), std::move(then_value), std::move(else_value)});
}

inline ast::ExprPtr Array(std::vector<ast::ExprPtr> elements) {
  return Make(ast::ArrayLiteral{std::move(elements)});
}

inline ast::KeyValue Entry(std::string key, ast::ExprPtr value) {
  ast::KeyValue entry;
  entry.key = std::move(key);
  entry.value = std::move(value);
  return entry;
}

inline ast::TableAction Action(std::string name, std::vector<ast::Argument> arguments,
                               std::string table = "") {
  ast::TableAction action;
  action.name = std::move(name);
  action.table = std::move(table);
  action.arguments = std::move(arguments);
  return action;
}

}  // namespace yaral::testing

#endif  // YARAL_TESTS_UNIT_SYNTAX_AST_FACTORY_H_

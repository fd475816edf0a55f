// Orchestrates the analysis of one rule and holds the small tree helpers the
// passes share.
#include "sema/analyzer.h"

#include <algorithm>

#include "sema/context.h"

namespace yaral::sema {
namespace internal {

void Children(const ast::Expr& expr, std::vector<const ast::Expr*>& out) {
  auto add = [&out](const ast::ExprPtr& child) {
    if (child != nullptr) out.push_back(child.get());
  };
  std::visit(
      [&](const auto& node) {
        using T = std::decay_t<decltype(node)>;
        if constexpr (std::is_same_v<T, ast::ArrayLiteral>) {
          for (const auto& e : node.elements) add(e);
        } else if constexpr (std::is_same_v<T, ast::Unary> || std::is_same_v<T, ast::Quantified>) {
          add(node.operand);
        } else if constexpr (std::is_same_v<T, ast::Binary> || std::is_same_v<T, ast::Comparison>) {
          add(node.lhs);
          add(node.rhs);
        } else if constexpr (std::is_same_v<T, ast::InList>) {
          add(node.value);
          add(node.list);
        } else if constexpr (std::is_same_v<T, ast::Call>) {
          for (const auto& a : node.arguments) add(a.value);
        } else if constexpr (std::is_same_v<T, ast::If>) {
          add(node.condition);
          add(node.then_value);
          add(node.else_value);
        }
      },
      expr.kind);
}

}  // namespace internal

std::vector<std::string> EventVariablesIn(const ast::Expr& expr) {
  std::vector<std::string> out;
  ForEachExpr(expr, [&out](const ast::Expr& e) {
    if (const auto* path = std::get_if<ast::FieldPath>(&e.kind)) {
      if (!path->variable.empty() &&
          std::find(out.begin(), out.end(), path->variable) == out.end()) {
        out.push_back(path->variable);
      }
    }
  });
  return out;
}

bool HasArithmetic(const ast::Expr& expr) {
  bool found = false;
  ForEachExpr(expr, [&found](const ast::Expr& e) {
    if (const auto* b = std::get_if<ast::Binary>(&e.kind)) {
      if (b->op != ast::BinaryOp::kAnd && b->op != ast::BinaryOp::kOr) found = true;
    } else if (const auto* u = std::get_if<ast::Unary>(&e.kind)) {
      if (u->op == ast::UnaryOp::kNegate) found = true;
    }
  });
  return found;
}

RuleFacts AnalyzeRule(const ast::Rule& rule, std::vector<Diagnostic>& diagnostics) {
  RuleFacts facts;
  facts.has_match = rule.match.has_value();
  AnalysisContext context{rule, facts, diagnostics};
  CollectVariables(context);
  CheckExpressions(context);
  CheckJoins(context);
  CheckMatch(context);
  CheckOutcome(context);
  CheckCondition(context);
  CheckOptionsAndMeta(context);
  return facts;
}

}  // namespace yaral::sema

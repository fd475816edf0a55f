// Orchestrates the analysis of one rule and holds the small tree helpers the
// passes share.
#include "sema/analyzer.h"

#include <algorithm>

#include "sema/context.h"

namespace yaral::sema {
namespace internal {

void Children(const ast::Expr& expr, std::vector<const ast::Expr*>& out) {
  ast::ForEachChild(expr, [&out](const ast::Expr& child) { out.push_back(&child); });
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

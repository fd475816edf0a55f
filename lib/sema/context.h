// Shared state of one rule's analysis: the rule, the facts being learned,
// and where findings go. Each pass (variables, expressions, joins, sections)
// takes an AnalysisContext so that it reports the same way.
#ifndef YARAL_LIB_SEMA_CONTEXT_H_
#define YARAL_LIB_SEMA_CONTEXT_H_

#include <string>
#include <string_view>
#include <vector>

#include "sema/rule_facts.h"
#include "yaral/ast.h"
#include "yaral/diagnostics.h"

namespace yaral::sema {

// Where an expression sits: what is allowed differs per section.
enum class Section { kEvents, kMatch, kOutcome, kCondition, kOptions, kMeta, kOther };

struct AnalysisContext {
  const ast::Rule& rule;
  RuleFacts& facts;
  std::vector<Diagnostic>& diagnostics;

  Diagnostic& Error(std::string_view code, std::string message, SourceSpan span,
                    std::string help = "") {
    diagnostics.push_back(MakeDiagnostic(code, std::move(message), span, std::move(help)));
    return diagnostics.back();
  }

  bool IsEvent(const std::string& name) const { return facts.events.count(name) != 0; }
  bool IsPlaceholder(const std::string& name) const {
    return facts.placeholders.count(name) != 0;
  }
};

// Calls `visit` on `expr` and every expression below it, parents first.
template <typename Visit>
void ForEachExpr(const ast::Expr& expr, const Visit& visit);

// The event variables whose fields `expr` reads directly (not through
// placeholders).
std::vector<std::string> EventVariablesIn(const ast::Expr& expr);

// True when `expr` contains arithmetic (`+ - * / %` or unary minus).
bool HasArithmetic(const ast::Expr& expr);

// ---------------------------------------------------------------- passes

// Pass 1: event variables, placeholders and their bindings (variables.cc).
void CollectVariables(AnalysisContext& context);
// Pass 2: field paths, types, functions, literals (expressions.cc).
void CheckExpressions(AnalysisContext& context);
// Pass 3: the join graph (joins.cc).
void CheckJoins(AnalysisContext& context);
// Pass 4: match, outcome, condition, options and meta (sections.cc,
// condition.cc).
void CheckMatch(AnalysisContext& context);
void CheckOutcome(AnalysisContext& context);
void CheckCondition(AnalysisContext& context);
void CheckOptionsAndMeta(AnalysisContext& context);

// ---------------------------------------------------------------- template

namespace internal {
void Children(const ast::Expr& expr, std::vector<const ast::Expr*>& out);
}  // namespace internal

template <typename Visit>
void ForEachExpr(const ast::Expr& expr, const Visit& visit) {
  // Iterative, parents first: long `or` chains make deep trees.
  std::vector<const ast::Expr*> pending{&expr};
  std::vector<const ast::Expr*> children;
  while (!pending.empty()) {
    const ast::Expr* e = pending.back();
    pending.pop_back();
    visit(*e);
    children.clear();
    internal::Children(*e, children);
    for (auto it = children.rbegin(); it != children.rend(); ++it) pending.push_back(*it);
  }
}

}  // namespace yaral::sema

#endif  // YARAL_LIB_SEMA_CONTEXT_H_

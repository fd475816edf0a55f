// Types expressions and checks literals, field paths, functions and
// modifiers. One instance checks one rule, section by section, and counts
// what the rule-wide limits need (reference-list tests).
#ifndef YARAL_LIB_SEMA_EXPRESSION_CHECKER_H_
#define YARAL_LIB_SEMA_EXPRESSION_CHECKER_H_

#include <string>
#include <string_view>

#include "sema/context.h"
#include "yaral/types.h"

namespace yaral::sema {

class ExpressionChecker {
 public:
  explicit ExpressionChecker(AnalysisContext& context);

  // Types `expr` (recording the type of every node in the facts) and
  // reports what is wrong with it in `section`.
  Type Check(const ast::Expr& expr, Section section);

  // Outcome assignments may only read outcome variables defined before them.
  void set_current_outcome(size_t index) { current_outcome_ = index; }
  void CheckListLimits(SourceSpan span);

 private:
  Type CheckUnrecorded(const ast::Expr& e, Section section);
  Type CheckPath(const ast::Expr& e, const ast::FieldPath& path, bool quantified);
  Type CheckCall(const ast::Expr& e, const ast::Call& call, Section section);
  Type CheckComparison(const ast::Expr& e, const ast::Comparison& cmp, Section section);
  Type CheckBinary(const ast::Expr& e, const ast::Binary& b, Section section);
  Type CheckIf(const ast::Expr& e, const ast::If& branch, Section section);
  Type VariableType(const ast::Expr& e, const std::string& name, Section section);
  void CheckRegex(const ast::Expr& e, std::string_view pattern, int max_groups, bool nocase);
  void Record(const ast::Expr& e, const Type& t);

  AnalysisContext& context_;
  size_t current_outcome_ = 0;
  int aggregation_depth_ = 0;
  int in_statements_ = 0;
  int regex_in_statements_ = 0;
  int cidr_in_statements_ = 0;
};

}  // namespace yaral::sema

#endif  // YARAL_LIB_SEMA_EXPRESSION_CHECKER_H_

// Pass 4b: the condition section (spec §8): what each term may name, `or`
// and `not` restrictions, and the bounded/unbounded rules of non-existence
// rules (§8.3).
#include <set>

#include "sema/context.h"
#include "sema/expression_checker.h"

namespace yaral::sema {
namespace {

// What a condition sub-expression says about event variables.
struct Terms {
  std::set<std::string> events;     // event variables it names (via placeholders too)
  std::set<std::string> bounded;    // ...that it requires to exist
  std::set<std::string> unbounded;  // ...that it allows to be absent
  bool existence = false;           // has `$x`, `!$x` or `#x` terms

  void Merge(const Terms& other) {
    events.insert(other.events.begin(), other.events.end());
    bounded.insert(other.bounded.begin(), other.bounded.end());
    unbounded.insert(other.unbounded.begin(), other.unbounded.end());
    existence |= other.existence;
  }
};

class ConditionChecker {
 public:
  explicit ConditionChecker(AnalysisContext& context) : context_(context), types_(context) {}

  Terms Check(const ast::Expr& e) {
    if (const auto* b = std::get_if<ast::Binary>(&e.kind)) {
      if (b->op == ast::BinaryOp::kAnd || b->op == ast::BinaryOp::kOr) {
        Terms left = Check(*b->lhs);
        Terms right = Check(*b->rhs);
        if (b->op == ast::BinaryOp::kOr) CheckOr(e, left, right);
        left.Merge(right);
        return left;
      }
    }
    if (const auto* u = std::get_if<ast::Unary>(&e.kind)) {
      if (u->op == ast::UnaryOp::kNot) {
        Terms inner = Check(*u->operand);
        if (inner.existence) {
          context_.Error(codes::kConditionNot,
                         "`not` cannot negate an event or placeholder condition", e.span,
                         "write `!$var` for \"does not exist\", or compare a count: `#var = 0`");
        }
        return inner;
      }
      if (u->op == ast::UnaryOp::kNotExists) {
        const auto* v = std::get_if<ast::Variable>(&u->operand->kind);
        return Existence(*u->operand, v != nullptr ? v->name : "", /*bounded=*/false);
      }
    }
    if (const auto* v = std::get_if<ast::Variable>(&e.kind)) {
      if (context_.facts.outcomes.count(v->name) != 0) {
        types_.Check(e, Section::kCondition);
        return {};
      }
      return Existence(e, v->name, /*bounded=*/true);
    }
    if (const auto* cmp = std::get_if<ast::Comparison>(&e.kind)) return CheckComparison(e, *cmp);
    if (std::holds_alternative<ast::FieldPath>(e.kind)) {
      context_.Error(codes::kConditionInvalid, "the condition cannot read event fields", e.span,
                     "compute the value in `outcome` and test the outcome variable");
      return {};
    }
    // Calls on outcome variables (`arrays.contains($list, "x")`) and anything
    // else are typed like expressions.
    types_.Check(e, Section::kCondition);
    return {};
  }

 private:
  Terms Existence(const ast::Expr& e, const std::string& name, bool bounded) {
    Terms terms;
    terms.existence = true;
    if (context_.facts.match_variables.count(name) != 0) {
      context_.Error(codes::kConditionMatchVariable,
                     "match variable `$" + name + "` cannot be used in the condition", e.span,
                     "use the event variable it comes from, e.g. `$e` or `#e > 1`");
      return terms;
    }
    std::set<std::string> events;
    if (context_.IsEvent(name)) {
      events.insert(name);
    } else if (auto it = context_.facts.placeholders.find(name); it != context_.facts.placeholders.end()) {
      it->second.used_outside_events = true;
      events = it->second.event_variables;
    } else {
      context_.Error(codes::kUndeclaredVariable, "`$" + name + "` is not defined", e.span,
                     "the condition names event variables, placeholders and outcome variables");
      return terms;
    }
    terms.events = events;
    (bounded ? terms.bounded : terms.unbounded) = events;
    return terms;
  }

  Terms CheckComparison(const ast::Expr& e, const ast::Comparison& cmp) {
    const auto* count = std::get_if<ast::Count>(&cmp.lhs->kind);
    const ast::Expr* number = cmp.rhs.get();
    ast::ComparisonOp op = cmp.op;
    if (count == nullptr) {
      count = std::get_if<ast::Count>(&cmp.rhs->kind);
      number = cmp.lhs.get();
      // `2 < #e` reads as `#e > 2`.
      switch (op) {
        case ast::ComparisonOp::kLt: op = ast::ComparisonOp::kGt; break;
        case ast::ComparisonOp::kLe: op = ast::ComparisonOp::kGe; break;
        case ast::ComparisonOp::kGt: op = ast::ComparisonOp::kLt; break;
        case ast::ComparisonOp::kGe: op = ast::ComparisonOp::kLe; break;
        default: break;
      }
    }
    if (count == nullptr) {
      types_.Check(e, Section::kCondition);
      return {};
    }
    const auto* literal = std::get_if<ast::NumberLiteral>(&number->kind);
    if (literal == nullptr || literal->is_float) {
      context_.Error(codes::kConditionInvalid, "a count is compared with an integer literal",
                     number->span);
      return {};
    }
    int64_t n = literal->int_value;
    bool bounded = (op == ast::ComparisonOp::kGt && n >= 0) || (op == ast::ComparisonOp::kGe && n > 0) ||
                   (op == ast::ComparisonOp::kEq && n > 0) || (op == ast::ComparisonOp::kNe && n == 0);
    return Existence(e, count->name, bounded);
  }

  void CheckOr(const ast::Expr& e, const Terms& left, const Terms& right) {
    if (!left.unbounded.empty() || !right.unbounded.empty()) {
      context_.Error(codes::kConditionOrUnbounded,
                     "`or` cannot combine conditions that allow an event to be absent", e.span);
      return;
    }
    if (context_.facts.events.size() > 1 && left.existence && right.existence &&
        left.events != right.events) {
      context_.Error(codes::kConditionOrAcrossEvents,
                     "`or` in the condition may only relate terms of a single event variable", e.span,
                     "the rule has several event variables; combine them with `and`");
    }
  }

  AnalysisContext& context_;
  ExpressionChecker types_;
};

}  // namespace

void CheckCondition(AnalysisContext& context) {
  const ast::Rule& rule = context.rule;
  if (!rule.condition || rule.condition->expr == nullptr) return;
  ConditionChecker checker(context);
  Terms terms = checker.Check(*rule.condition->expr);

  std::set<std::string> bounded = terms.bounded;
  std::set<std::string> unbounded;
  for (const std::string& name : terms.unbounded) {
    if (bounded.count(name) == 0) unbounded.insert(name);  // bounded wins (§8.3 item 6)
  }
  for (const std::string& name : unbounded) {
    if (context.IsEvent(name)) context.facts.optional_events.insert(name);
  }
  if (unbounded.empty()) return;

  bool bounded_udm = false;
  for (const std::string& name : bounded) {
    auto it = context.facts.events.find(name);
    bounded_udm |= it != context.facts.events.end() && it->second.root == PathRoot::kUdm;
  }
  if (!bounded_udm) {
    context.Error(codes::kConditionNoBoundedEvent,
                  "a rule whose condition lets events be absent needs at least one UDM event "
                  "variable that must exist",
                  rule.condition->expr->span, "require one event, e.g. `$e1 and !$e2`");
  }
  for (const auto& [name, event] : context.facts.events) {
    if (terms.events.count(name) == 0) {
      context.Error(codes::kConditionMissingVariable,
                    "event variable `$" + name + "` does not appear in the condition",
                    rule.condition->expr->span,
                    "in a rule with `!$var` or `#var = 0`, every event variable must appear in the condition");
    }
  }
  if (rule.match && (rule.match->window_kind == ast::WindowKind::kSlidingBefore ||
                     rule.match->window_kind == ast::WindowKind::kSlidingAfter) &&
      unbounded.count(rule.match->pivot) != 0) {
    context.Error(codes::kSlidingPivot,
                  "the sliding window's pivot `$" + rule.match->pivot + "` must be required to exist",
                  rule.match->pivot_span);
  }
}

}  // namespace yaral::sema

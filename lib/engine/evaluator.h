// Evaluating plan expressions.
//
// An Evaluator computes a plan node against an environment: the binding
// being looked at (one row per event variable), and, for outcomes and the
// condition, the group of bindings the aggregations and counts run over.
// Runtime failures (a function error, integer overflow) make the value the
// zero value, and so a predicate false, and are counted by message
// (spec §13); they never stop a run.
//
// Private to lib/engine. One Evaluator per engine (it keeps scratch space).
#ifndef YARAL_LIB_ENGINE_EVALUATOR_H_
#define YARAL_LIB_ENGINE_EVALUATOR_H_

#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "compile/plan.h"
#include "engine/row.h"
#include "functions/eval_context.h"
#include "yaral/value.h"

namespace yaral::engine {

// The bindings of one match group (or of one event, in a single-event rule).
struct Group {
  std::vector<Binding> bindings;
  // Match key values, by placeholder index; unset for non-key placeholders.
  std::vector<std::optional<Value>> key;
  int64_t window_start = 0;
  int64_t window_end = 0;
  std::vector<Value> outcomes;  // filled in section order
};

class Evaluator {
 public:
  Evaluator(const plan::Plan& plan, const functions::EvalContext& context,
            std::map<std::string, int64_t>& errors_by_message, int64_t& error_count);

  // On one binding (events-section predicates and bindings).
  Value Eval(plan::NodeRef node, const Binding& binding);
  bool Test(plan::NodeRef node, const Binding& binding);
  // Like Eval, without copying a value that already exists (a field, a
  // constant): the result is either that value or `scratch`.
  const Value& EvalRef(plan::NodeRef node, const Binding& binding, Value& scratch);

  // On a group: outcomes and the condition. Field and placeholder reads
  // outside aggregations look at the group's first binding.
  Value EvalGroup(plan::NodeRef node, const Group& group);
  bool TestGroup(plan::NodeRef node, const Group& group);

  // The number of distinct events of `variable` / values of `placeholder`
  // among the group's bindings.
  int64_t CountEvents(const Group& group, int variable) const;
  int64_t CountValues(const Group& group, int placeholder);

  // The value of a placeholder in a binding: from the row of the variable
  // that binds it, or any present row that does; zero when none.
  static const Value& PlaceholderValue(const plan::Plan& plan, const Binding& binding,
                                       int placeholder);

  void RecordError(std::string message);

 private:
  struct Env {
    const Binding* binding = nullptr;
    const Group* group = nullptr;
    const Value* element = nullptr;
  };

  Value Evaluate(plan::NodeRef node, Env& env);
  bool Truth(plan::NodeRef node, Env& env);
  // The value of a leaf node without copying it; other nodes are evaluated
  // into `scratch`.
  const Value& Ref(plan::NodeRef node, Env& env, Value& scratch);
  bool Compare(const plan::Node& node, const Value& a, const Value& b);
  Value Arithmetic(const plan::Node& node, const Value& a, const Value& b);
  // + - * % on two integers of one signedness; nullopt (an error recorded)
  // on overflow or a zero divisor.
  template <typename T>
  std::optional<T> IntegerArithmetic(ast::BinaryOp op, T x, T y);
  Value Call(const plan::Node& node, Env& env);
  Value Aggregate(const plan::Node& node, Env& env);

  const plan::Plan& plan_;
  const functions::EvalContext& context_;
  std::map<std::string, int64_t>& errors_by_message_;
  int64_t& error_count_;
};

}  // namespace yaral::engine

#endif  // YARAL_LIB_ENGINE_EVALUATOR_H_

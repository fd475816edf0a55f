// Filters of the commonest shape: `$e.f = c`, `$e.f != c` or `$e.f in [c1,
// c2]` on a slot with one value per event, without `nocase`. The engine
// tests them on the reader's value directly (RuleRunner) and indexes rules
// by them (dispatch.h); both recognise the shape here.
//
// Private to lib/engine.
#ifndef YARAL_LIB_ENGINE_CONSTANT_TEST_H_
#define YARAL_LIB_ENGINE_CONSTANT_TEST_H_

#include <functional>

#include "compile/plan.h"
#include "yaral/value.h"

namespace yaral::engine {

struct ConstantTest {
  int slot = -1;                    // -1: not of this shape
  const Value* constant = nullptr;  // one value, or a list for `in`
  bool negate = false;              // `!=`
};

// Whether `filter` is a ConstantTest on a slot of `variable` that `flat`
// accepts (one value per event).
inline ConstantTest ConstantTestOf(const plan::Plan& plan, plan::NodeRef filter, int variable,
                                   const std::function<bool(int slot)>& flat) {
  const plan::Node& node = plan.nodes[filter];
  ConstantTest test;
  if (node.nocase || node.args.size() != 2) return test;
  const bool compare =
      node.op == plan::Op::kCompare &&
      (node.compare == ast::ComparisonOp::kEq || node.compare == ast::ComparisonOp::kNe);
  if (!compare && node.op != plan::Op::kInArray) return test;
  for (int side = 0; side < 2; ++side) {
    const plan::Node& slot = plan.nodes[node.args[side]];
    const plan::Node& constant = plan.nodes[node.args[1 - side]];
    if (slot.op != plan::Op::kSlot || slot.a != variable || constant.op != plan::Op::kConst) continue;
    if (!flat(slot.b)) continue;
    // Compare() decides `=` and `!=` with Value equality when there is no
    // nocase; `in` with a constant list does the same per element.
    if (compare ? constant.constant.is_list() : (side != 0 || !constant.constant.is_list())) continue;
    test.slot = slot.b;
    test.constant = &constant.constant;
    test.negate = compare && node.compare == ast::ComparisonOp::kNe;
    break;
  }
  return test;
}

}  // namespace yaral::engine

#endif  // YARAL_LIB_ENGINE_CONSTANT_TEST_H_

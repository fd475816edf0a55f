// The library's way in to a CompiledRule's plan, which the public API keeps
// private (yaral/compiler.h): compile makes rules from plans, the engine
// reads them.
#ifndef YARAL_LIB_COMPILE_PLAN_ACCESS_H_
#define YARAL_LIB_COMPILE_PLAN_ACCESS_H_

#include <memory>
#include <utility>

#include "compile/plan.h"
#include "yaral/compiler.h"

namespace yaral::internal {

struct PlanAccess {
  static CompiledRule Make(std::shared_ptr<const plan::Plan> plan) {
    return CompiledRule(std::move(plan));
  }
  static const plan::Plan& Of(const CompiledRule& rule) { return *rule.plan_; }
};

}  // namespace yaral::internal

#endif  // YARAL_LIB_COMPILE_PLAN_ACCESS_H_

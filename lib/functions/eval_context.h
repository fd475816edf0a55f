// What a function implementation may know about the run that calls it.
#ifndef YARAL_LIB_FUNCTIONS_EVAL_CONTEXT_H_
#define YARAL_LIB_FUNCTIONS_EVAL_CONTEXT_H_

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string_view>

#include "absl/status/statusor.h"
#include "yaral/value.h"

namespace yaral::functions {

struct Argument;  // forward: named arguments of metrics functions

struct EvalContext {
  // "Now" for timestamp.current_seconds() / timestamp.now(): the run's
  // clock, which tests and fixtures set, never the wall clock by default.
  int64_t now_seconds = 0;
  // Seed for math.random(), so runs are reproducible.
  uint64_t random_seed = 0;
  // Values for metrics.* functions, supplied by the embedder; when unset, a
  // metrics call fails with "not available locally" (docs/functions.md).
  std::function<std::optional<double>(std::string_view function,
                                      std::span<const std::pair<std::string_view, Value>> named)>
      metrics;
};

// The engine's half of a registry entry: evaluates a function on evaluated
// arguments. An error (bad CIDR at run time, invalid regex from a data table)
// is a runtime error the engine reports and counts (spec §13).
using EvalFn = absl::StatusOr<Value> (*)(std::span<const Value> args, const EvalContext& context);

}  // namespace yaral::functions

#endif  // YARAL_LIB_FUNCTIONS_EVAL_CONTEXT_H_

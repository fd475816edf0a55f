#include "functions/misc_eval.h"

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "functions/eval_util.h"
#include "functions/function_registry.h"

namespace yaral::functions::internal {

absl::StatusOr<Value> SampleRate(std::span<const Value> args, const EvalContext& context) {
  const int64_t numerator = IntArg(ArgOr(args, 1));
  const int64_t denominator = IntArg(ArgOr(args, 2));
  if (numerator <= 0 || denominator <= 0) return Value::Bool(false);
  if (numerator >= denominator) return Value::Bool(true);
  // Through the registry, so that sampling follows hash.fingerprint2011
  // exactly as the spec defines it, whichever hash that is.
  static const FunctionInfo* fingerprint = Find("hash.fingerprint2011");
  if (fingerprint == nullptr || fingerprint->eval == nullptr) {
    return absl::UnimplementedError("optimization.sample_rate needs hash.fingerprint2011");
  }
  const Value value = ArgOr(args, 0);
  absl::StatusOr<Value> hash = fingerprint->eval(std::span<const Value>(&value, 1), context);
  if (!hash.ok()) return hash.status();
  const uint64_t h = hash->is_uint() ? hash->uint_value() : static_cast<uint64_t>(hash->int_value());
  return Value::Bool(h % static_cast<uint64_t>(denominator) < static_cast<uint64_t>(numerator));
}

namespace {

absl::StatusOr<Value> CallMetrics(std::string_view name, std::span<const Value> args,
                                  const EvalContext& context) {
  if (!context.metrics) {
    return absl::FailedPreconditionError(
        std::string(name) +
        " is not available locally: supply metric values (docs/functions.md#metrics)");
  }
  std::vector<std::pair<std::string_view, Value>> named;
  named.reserve(args.size());
  for (const Value& arg : args) {
    const Value::ListType& pair = arg.list();
    if (!arg.is_list() || pair.size() != 2 || !pair[0].is_string()) {
      return absl::InvalidArgumentError(std::string(name) +
                                        ": arguments must be [name, value] pairs, got " +
                                        arg.DebugString());
    }
    named.emplace_back(pair[0].string(), pair[1]);
  }
  // No data for these dimensions reads as 0 (spec §10.3), not an error.
  const std::optional<double> result = context.metrics(name, named);
  return Value::Float(result.value_or(0));
}

template <size_t I>
absl::StatusOr<Value> MetricsAt(std::span<const Value> args, const EvalContext& context) {
  return CallMetrics(kMetricsNames[I], args, context);
}

template <size_t... I>
constexpr std::array<EvalFn, sizeof...(I)> MetricsTable(std::index_sequence<I...>) {
  return {&MetricsAt<I>...};
}

constexpr auto kMetricsEvals = MetricsTable(std::make_index_sequence<kMetricsNames.size()>());

}  // namespace

EvalFn MetricsEval(std::string_view name) {
  for (size_t i = 0; i < kMetricsNames.size(); ++i) {
    if (kMetricsNames[i] == name) return kMetricsEvals[i];
  }
  return nullptr;
}

}  // namespace yaral::functions::internal

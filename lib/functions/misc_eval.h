// The implementations of optimization.sample_rate and the metrics.* family,
// kept apart from misc_functions.cc (the registry table of the small
// namespaces) so the table stays a table. Private to lib/functions.
#ifndef YARAL_LIB_FUNCTIONS_MISC_EVAL_H_
#define YARAL_LIB_FUNCTIONS_MISC_EVAL_H_

#include <array>
#include <span>
#include <string_view>

#include "absl/status/statusor.h"
#include "functions/eval_context.h"
#include "yaral/value.h"

namespace yaral::functions::internal {

// optimization.sample_rate(value, numerator, denominator): true when
// hash.fingerprint2011(value) % denominator < numerator (spec §5.2), so a
// value is always in or always out of the sample. A denominator or
// numerator <= 0 samples nothing.
absl::StatusOr<Value> SampleRate(std::span<const Value> args, const EvalContext& context);

// Spec §5.2 lists the documented names (METRICS page and the Pygments lexer).
inline constexpr std::array<std::string_view, 22> kMetricsNames = {
    "metrics.alert_event_name_count",
    "metrics.auth_attempts_fail",
    "metrics.auth_attempts_success",
    "metrics.auth_attempts_total",
    "metrics.dns_bytes_outbound",
    "metrics.dns_queries_fail",
    "metrics.dns_queries_success",
    "metrics.dns_queries_total",
    "metrics.file_executions_fail",
    "metrics.file_executions_success",
    "metrics.file_executions_total",
    "metrics.http_queries_fail",
    "metrics.http_queries_success",
    "metrics.http_queries_total",
    "metrics.network_bytes_inbound",
    "metrics.network_bytes_outbound",
    "metrics.network_bytes_total",
    "metrics.resource_creation_success",
    "metrics.resource_creation_total",
    "metrics.resource_deletion_success",
    "metrics.resource_read_fail",
    "metrics.resource_read_success",
};

// The eval of one metrics.* function, by its full name ("metrics.dns_queries_total");
// nullptr for any other name. An EvalFn carries no name, so each metrics
// function gets its own instance.
//
// Arguments are named: the engine passes each as a two-element list
// [String(name), value], in source order: `period:1d` -> ["period", "1d"],
// `principal.asset.ip:$ip` -> ["principal.asset.ip", <value of $ip>], and
// `filter:` its source text as a string (docs/functions.md#metrics).
EvalFn MetricsEval(std::string_view name);

}  // namespace yaral::functions::internal

#endif  // YARAL_LIB_FUNCTIONS_MISC_EVAL_H_

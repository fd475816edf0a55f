// The small namespaces (bytes.*, hash.*, optimization.*), the window.*
// aggregations, the metrics.* family and Search's group(): spec §5.2, §10.3.
#include <array>
#include <string_view>
#include <vector>

#include "functions/bytes_hash_eval.h"
#include "functions/function_tables.h"
#include "functions/misc_eval.h"

namespace yaral::functions::internal {
namespace {

void AddBytesHashOptimization(std::vector<FunctionInfo>& out) {
  // Documented for BYTES; public rules pass string fields
  // (`bytes.to_base64($e.target.file.md5)`), encoding their UTF-8 bytes.
  out.push_back({
      .name = "bytes.to_base64",
      .params = {Arg("value", kBytes | kStringLike), Optional(Arg("default", kStringLike))},
      .result = Of(BaseType::kString),
      .summary = "The value base64-encoded; `default` (or \"\") when the input is invalid.",
      .eval = &BytesToBase64,
  });
  // The algorithm is unpublished: yaral uses a stable 64-bit hash instead
  // (docs/functions.md says so).
  out.push_back({
      .name = "hash.fingerprint2011",
      .params = {Arg("value", kBytes | kStringLike)},
      .result = Of(BaseType::kUint),
      .summary = "A 64-bit non-cryptographic fingerprint of the value, in [2, 2^64-1].",
      .eval = &HashFingerprint2011,
  });
  out.push_back({
      .name = "hash.sha256",
      .params = {Arg("value", kStringLike)},
      .result = Of(BaseType::kString),
      .summary = "The SHA-256 of the text as lowercase hex.",
      .eval = &HashSha256,
  });
  out.push_back({
      .name = "optimization.sample_rate",
      .params = {Arg("value", kBytes | kStringLike), Arg("numerator", kIntegral),
                 Arg("denominator", kIntegral)},
      .result = Of(BaseType::kBool),
      .predicate = true,
      .summary = "Deterministic sampling: true for about numerator/denominator of the "
                 "distinct values.",
      .eval = &SampleRate,
  });
}

// window.*: aggregations over the match window, so outcome-only.
void AddWindow(std::vector<FunctionInfo>& out) {
  auto numeric_with_zeros = [](std::string_view name, Aggregate aggregate, Type result,
                               std::string_view summary) {
    return FunctionInfo{
        .name = name,
        .params = {Arg("value", kNumeric), Optional(Arg("ignore_zeros", kBool))},
        .result = result,
        .kind = FunctionKind::kWindow,
        .summary = summary,
        .aggregate = aggregate,
    };
  };
  auto numeric = [](std::string_view name, Aggregate aggregate, std::string_view summary) {
    return FunctionInfo{
        .name = name,
        .params = {Arg("value", kNumeric)},
        .result = Of(BaseType::kFloat),
        .kind = FunctionKind::kWindow,
        .summary = summary,
        .aggregate = aggregate,
    };
  };
  // The docs type `value` and the result as STRING; public rules pass
  // strings built by functions, and other scalars print as text.
  auto ordered = [](std::string_view name, Aggregate aggregate, std::string_view summary) {
    return FunctionInfo{
        .name = name,
        .params = {Arg("sort_key", kNumeric), Arg("value", kAnyScalar)},
        .result = Of(BaseType::kString),
        .kind = FunctionKind::kWindow,
        .summary = summary,
        .aggregate = aggregate,
    };
  };
  using A = Aggregate;
  out.push_back(numeric_with_zeros("window.avg", A::kWindowAvg, Of(BaseType::kFloat),
                                   "The mean over the window, zeros skipped when "
                                   "`ignore_zeros` is true."));
  out.push_back(ordered("window.first", A::kWindowFirst,
                        "`value` of the event with the lowest `sort_key`."));
  out.push_back(ordered("window.last", A::kWindowLast,
                        "`value` of the event with the highest `sort_key`."));
  out.push_back(numeric_with_zeros("window.median", A::kWindowMedian, Of(BaseType::kFloat),
                                   "The median over the window (one of the two middle "
                                   "values for an even count)."));
  out.push_back({
      .name = "window.mode",
      .params = {Arg("value", kNumeric | kStringLike)},
      .result = Of(BaseType::kString),
      .kind = FunctionKind::kWindow,
      .summary = "The most frequent value over the window, as text.",
      .aggregate = A::kWindowMode,
  });
  out.push_back(numeric_with_zeros("window.range", A::kWindowRange, ListOf(BaseType::kFloat),
                                   "[min, max] over the window, zeros skipped when "
                                   "`ignore_zeros` is true."));
  out.push_back(numeric("window.stddev", A::kWindowStddev,
                        "The sample standard deviation (n-1) over the window."));
  out.push_back(numeric("window.variance", A::kWindowVariance,
                        "The sample variance (n-1) over the window."));
}

// metrics.*, one entry per documented name (kMetricsNames, misc_eval.h):
// named arguments only (spec §10.3). The values are bare words
// and durations (`period:1d`, `metric:value_sum`, `agg:max`), which have no
// BaseType, hence kAnyScalar; the checker validates them by name. The
// result depends on `agg` (avg and stddev are fractional), hence float.
void AddMetrics(std::vector<FunctionInfo>& out) {
  for (std::string_view name : kMetricsNames) {
    out.push_back({
        .name = name,
        .params = {Constant(Arg("period", kAnyScalar)),     // 1h | 1d
                   Constant(Arg("window", kAnyScalar)),     // today | 30d
                   Constant(Arg("metric", kAnyScalar)),     // event_count_sum, value_sum, ...
                   Constant(Arg("agg", kAnyScalar)),        // avg, max, min, sum, ...
                   Optional(Arg("filter", kBool)),          // over metric values only
                   Variadic(Arg("dimension", kAnyScalar))},  // UDM-field-named, 1-3
        .result = Of(BaseType::kFloat),
        .kind = FunctionKind::kMetrics,
        .named_arguments_only = true,
        .summary = "A precomputed Risk Analytics metric over `window` (needs SecOps data; "
                   "wrap in an aggregation).",
        // Calls EvalContext::metrics, or fails "not available locally".
        .eval = MetricsEval(name),
    });
  }
}

}  // namespace

void AddMiscFunctions(std::vector<FunctionInfo>& out) {
  AddBytesHashOptimization(out);
  AddWindow(out);
  AddMetrics(out);
  // Search only: folds fields of one type into a placeholder
  // (`$ip = group(principal.ip, about.ip, target.ip)`).
  out.push_back({
      .name = "group",
      .params = {Variadic(Arg("fields", kAnyScalar))},
      .result_rule = ResultRule::kSameAsArg0,
      .search_only = true,
      .summary = "Search only: the values of several fields of one type as one placeholder.",
  });
}

}  // namespace yaral::functions::internal

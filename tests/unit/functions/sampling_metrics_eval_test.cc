// optimization.sample_rate and the metrics.* hook (lib/functions/misc_eval.cc).
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <catch2/catch.hpp>

#include "absl/status/status.h"
#include "eval_case_table.h"

namespace {

namespace fn = yaral::functions;
using fn::testing::Eval;
using yaral::Value;

bool Sample(std::string value, int64_t numerator, int64_t denominator) {
  absl::StatusOr<Value> got = Eval("optimization.sample_rate",
                                   {Value::String(std::move(value)), Value::Int(numerator),
                                    Value::Int(denominator)});
  INFO(got.status().ToString());
  REQUIRE(got.ok());
  REQUIRE(got->is_bool());
  return got->bool_value();
}

TEST_CASE("optimization.sample_rate: fixed bounds", "[optimization]") {
  // These never reach the hash.
  CHECK(Sample("x", 1, 1));
  CHECK(Sample("x", 5, 3));
  CHECK_FALSE(Sample("x", 0, 10));
  CHECK_FALSE(Sample("x", -1, 10));
  CHECK_FALSE(Sample("x", 1, 0));
  CHECK_FALSE(Sample("x", 1, -5));
}

TEST_CASE("optimization.sample_rate: deterministic and about num/den", "[optimization]") {
  const fn::FunctionInfo* fingerprint = fn::Find("hash.fingerprint2011");
  if (fingerprint == nullptr || fingerprint->eval == nullptr) {
    WARN("hash.fingerprint2011 is not implemented yet: sampling ratio not tested");
    return;
  }
  int in = 0;
  for (int i = 0; i < 10000; ++i) {
    const std::string value = "user-" + std::to_string(i);
    const bool sampled = Sample(value, 1, 10);
    CHECK(sampled == Sample(value, 1, 10));  // the same value, the same answer
    // A larger numerator keeps every value already sampled.
    if (sampled) CHECK(Sample(value, 3, 10));
    in += sampled;
  }
  CHECK(in > 800);
  CHECK(in < 1200);
  // Same as the spec's definition.
  const Value v = Value::String("abc");
  absl::StatusOr<Value> h = fingerprint->eval(std::span<const Value>(&v, 1), fn::EvalContext{});
  REQUIRE(h.ok());
  CHECK(Sample("abc", 7, 1000) == (h->uint_value() % 1000 < 7));
}

TEST_CASE("metrics functions: not available locally without the hook", "[metrics]") {
  for (const fn::FunctionInfo& f : fn::All()) {
    if (f.kind != fn::FunctionKind::kMetrics) continue;
    INFO(f.name);
    REQUIRE(f.eval != nullptr);
    absl::StatusOr<Value> got = f.eval({}, fn::EvalContext{});
    CHECK(got.status().code() == absl::StatusCode::kFailedPrecondition);
    CHECK(got.status().message() ==
          std::string(f.name) +
              " is not available locally: supply metric values (docs/functions.md#metrics)");
  }
}

TEST_CASE("metrics functions: the hook gets the function name and named arguments", "[metrics]") {
  std::string seen_name;
  std::vector<std::pair<std::string, std::string>> seen_args;
  fn::EvalContext context;
  context.metrics = [&](std::string_view function,
                        std::span<const std::pair<std::string_view, Value>> named)
      -> std::optional<double> {
    seen_name = std::string(function);
    seen_args.clear();
    for (const auto& [name, value] : named) {
      seen_args.emplace_back(std::string(name), value.DebugString());
    }
    for (const auto& [name, value] : named) {
      if (name == "principal.asset.ip" && value.string() == "10.0.0.1") return 4096;
    }
    return std::nullopt;  // no data
  };
  auto pair = [](std::string name, Value v) {
    return Value::List({Value::String(std::move(name)), std::move(v)});
  };
  std::vector<Value> args = {pair("period", Value::String("1d")),
                             pair("window", Value::String("30d")),
                             pair("metric", Value::String("value_sum")),
                             pair("agg", Value::String("max")),
                             pair("principal.asset.ip", Value::String("10.0.0.1"))};
  absl::StatusOr<Value> got = Eval("metrics.network_bytes_outbound", args, context);
  REQUIRE(got.ok());
  CHECK(got->is_float());
  CHECK(got->float_value() == 4096);
  CHECK(seen_name == "metrics.network_bytes_outbound");
  REQUIRE(seen_args.size() == 5);
  CHECK(seen_args[0] == std::pair<std::string, std::string>{"period", "\"1d\""});
  CHECK(seen_args[4].first == "principal.asset.ip");

  // No data for these dimensions: 0 (spec §10.3), not an error.
  args.back() = pair("principal.asset.ip", Value::String("10.9.9.9"));
  got = Eval("metrics.dns_queries_total", args, context);
  REQUIRE(got.ok());
  CHECK(got->float_value() == 0);
  CHECK(seen_name == "metrics.dns_queries_total");

  // Arguments that are not [name, value] pairs are the engine's bug: an error.
  got = Eval("metrics.dns_queries_total", {Value::String("period")}, context);
  CHECK(got.status().code() == absl::StatusCode::kInvalidArgument);
}

}  // namespace

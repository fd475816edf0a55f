// Table-driven checks of function implementations, called by name through
// the registry as the engine calls them. Shared by the *_eval_test.cc files
// of this folder.
#ifndef YARAL_TESTS_UNIT_FUNCTIONS_EVAL_CASE_TABLE_H_
#define YARAL_TESTS_UNIT_FUNCTIONS_EVAL_CASE_TABLE_H_

#include <string>
#include <string_view>
#include <vector>

#include <catch2/catch.hpp>

#include "absl/status/statusor.h"
#include "functions/function_registry.h"
#include "yaral/value.h"

namespace yaral::functions::testing {

inline Value S(std::string v) { return Value::String(std::move(v)); }
inline Value B(std::string v) { return Value::Bytes(std::move(v)); }
inline Value I(int64_t v) { return Value::Int(v); }
inline Value U(uint64_t v) { return Value::Uint(v); }
inline Value F(double v) { return Value::Float(v); }
inline Value Bool(bool v) { return Value::Bool(v); }
inline Value L(Value::ListType items) { return Value::List(std::move(items)); }
inline Value Strings(std::vector<std::string> items) {
  Value::ListType list;
  for (std::string& item : items) list.push_back(Value::String(std::move(item)));
  return Value::List(std::move(list));
}

// `context` carries what a few functions read from the run: the clock
// (timestamp.now), the random seed, the metrics hook.
inline absl::StatusOr<Value> Eval(std::string_view name, const std::vector<Value>& args,
                                  const EvalContext& context = {}) {
  const FunctionInfo* f = Find(name);
  REQUIRE(f != nullptr);
  REQUIRE(f->eval != nullptr);
  return f->eval(args, context);
}

// A call that must succeed, for checks a table cannot express (ranges,
// approximations).
inline Value Call(std::string_view name, const std::vector<Value>& args,
                  const EvalContext& context = {}) {
  absl::StatusOr<Value> result = Eval(name, args, context);
  INFO(name << ": " << result.status().ToString());
  REQUIRE(result.ok());
  return *result;
}

// One call and what it must give: `want` (same kind and value), or, when
// `error` is not empty, a failed status whose message contains it.
struct Case {
  std::string_view name;
  std::vector<Value> args;
  Value want;
  std::string_view error = {};
};

inline std::string Describe(const Case& c) {
  std::string text = std::string(c.name) + "(";
  for (size_t i = 0; i < c.args.size(); ++i) text += (i > 0 ? ", " : "") + c.args[i].DebugString();
  return text + ")";
}

inline void CheckCases(const std::vector<Case>& cases) {
  for (const Case& c : cases) {
    absl::StatusOr<Value> got = Eval(c.name, c.args);
    INFO(Describe(c) << " -> "
                     << (got.ok() ? got->DebugString() : std::string(got.status().message())));
    if (!c.error.empty()) {
      REQUIRE_FALSE(got.ok());
      CHECK(std::string(got.status().message()).find(c.error) != std::string::npos);
      continue;
    }
    REQUIRE(got.ok());
    INFO("want " << c.want.DebugString());
    CHECK(got->kind() == c.want.kind());
    CHECK(*got == c.want);
  }
}

}  // namespace yaral::functions::testing

#endif  // YARAL_TESTS_UNIT_FUNCTIONS_EVAL_CASE_TABLE_H_

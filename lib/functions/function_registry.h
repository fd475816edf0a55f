// The one registry of YARA-L built-in functions.
//
// Every function of spec §5 (and the outcome aggregations of §5.3) has one
// entry here with its signature, which the checker (lib/sema) uses for arity
// and argument types. The engine's half, the implementation, joins the same
// entry (issue 5: the `Eval` member below) so the two can never drift apart:
// a function cannot be declared for the checker without being registered in
// the one table.
//
//   const FunctionInfo* f = functions::Find("re.regex");
//   if (f == nullptr) ...unknown function...
//   f->params[0].accepts  // parameter types
//
// Thread-safety: the registry is built once on first use and immutable.
#ifndef YARAL_LIB_FUNCTIONS_FUNCTION_REGISTRY_H_
#define YARAL_LIB_FUNCTIONS_FUNCTION_REGISTRY_H_

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "functions/eval_context.h"
#include "yaral/types.h"

namespace yaral::functions {

// Which base types a parameter accepts, as a bit set over BaseType.
using TypeMask = uint32_t;
constexpr TypeMask Mask(BaseType t) { return TypeMask{1} << static_cast<int>(t); }
constexpr TypeMask kNumeric = Mask(BaseType::kInt) | Mask(BaseType::kUint) | Mask(BaseType::kFloat);
constexpr TypeMask kIntegral = Mask(BaseType::kInt) | Mask(BaseType::kUint);
// Strings, and enums read as their value names.
constexpr TypeMask kStringLike = Mask(BaseType::kString) | Mask(BaseType::kEnum);
constexpr TypeMask kAnyScalar = ~TypeMask{0};

struct Param {
  std::string_view name;
  TypeMask accepts = kAnyScalar;
  bool list = false;      // expects a list (array literal, array(), repeated field with any/all)
  bool optional = false;  // may be left out (only trailing parameters)
  // May repeat (only the last parameter): one or more arguments, or zero or
  // more when also `optional`.
  bool variadic = false;
  // Must be a literal: a regex pattern, a time zone, a CIDR. The checker
  // validates such literals at compile time (RE2 syntax, capture groups...).
  bool constant = false;
};

// What an aggregation computes over a match group (spec §7.4). It is the
// engine's half of an aggregation entry, as `eval` is a scalar function's:
// the plan names it, so no stage maps aggregation names again.
enum class Aggregate : uint8_t {
  kMax, kMin, kSum, kCount, kCountDistinct, kArray, kArrayDistinct, kAvg, kStddev,
  kEarliest, kLatest, kPeriodStartForMax, kPeriodStartForMin,
  kWindowAvg, kWindowFirst, kWindowLast, kWindowMedian, kWindowMode, kWindowRange,
  kWindowStddev, kWindowVariance,
  // No entry carries it yet (metrics.* are calls, `eval`); the engine
  // already treats it as reading a metrics back end.
  kMetrics,
};

enum class FunctionKind {
  kScalar,       // usable in events, outcome, condition
  kAggregation,  // outcome only, over the match window: max, count, array...
  kWindow,       // window.*: outcome aggregations over the window
  kMetrics,      // metrics.*: outcome only, needs SecOps's precomputed metrics
};

// How the result type is found.
enum class ResultRule {
  kFixed,          // `result`
  kSameAsArg0,     // e.g. max($x) has the type of $x
  // The element type of a list argument. No documented function needs it
  // today (arrays.max/min are documented to return FLOAT); kept for the
  // engine's extensions.
  kElementOfArg0,
  kListOfArg0,     // array($x), array_distinct($x)
};

struct FunctionInfo {
  std::string_view name;  // "re.regex", "count_distinct"
  std::vector<Param> params;
  Type result = {};  // for ResultRule::kFixed
  ResultRule result_rule = ResultRule::kFixed;
  FunctionKind kind = FunctionKind::kScalar;
  // For re.capture / re.capture_all: the most capture groups the regex
  // argument may have (spec §12 item 11); -1 when not applicable.
  int max_capture_groups = -1;
  // True when the function may stand alone as a predicate (returns bool).
  bool predicate = false;
  // metrics.*: every argument is named (`period:1d`, `principal.asset.ip:$ip`)
  // and may come in any order, so `params` is the set of accepted names rather
  // than a positional list, and the optional/variadic ordering rules do not
  // apply. The param named `dimension` stands for the 1-3 UDM-field-named
  // arguments, whose names the checker resolves against the schema.
  bool named_arguments_only = false;
  // Documented for Search only (`group`): a rule using it is an error.
  bool search_only = false;
  std::string_view summary;  // one line for docs and `--help`
  // The implementation (issue 5). Null for aggregations, which the engine
  // computes over a window, and until a function is implemented.
  EvalFn eval = nullptr;
  // kAggregation and kWindow entries: what the engine computes over the
  // group (a registry test checks every such entry has one).
  std::optional<Aggregate> aggregate = std::nullopt;
};

// nullptr when no function has this name.
const FunctionInfo* Find(std::string_view name);
std::span<const FunctionInfo> All();  // in registration order

// The signature as docs and diagnostics show it:
//   "re.regex(text: string, pattern: string|regex) -> bool"
//   "timestamp.get_hour(seconds: int, time_zone?: const string) -> int"
//   "strings.concat(values: string|number...) -> string"
std::string FormatSignature(const FunctionInfo& function);
std::string_view KindName(FunctionKind kind);  // "scalar", "aggregation", ...

}  // namespace yaral::functions

#endif  // YARAL_LIB_FUNCTIONS_FUNCTION_REGISTRY_H_

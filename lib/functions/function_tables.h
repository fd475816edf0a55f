// The registry's tables, one function per namespace family, and the
// shorthands they are written with. Private to lib/functions.
//
// Each Add*Functions appends its entries to `out`; function_registry.cc calls
// them all once, in this order, to build the registry.
#ifndef YARAL_LIB_FUNCTIONS_FUNCTION_TABLES_H_
#define YARAL_LIB_FUNCTIONS_FUNCTION_TABLES_H_

#include <string_view>
#include <vector>

#include "functions/function_registry.h"
#include "yaral/types.h"

namespace yaral::functions::internal {

void AddArraysFunctions(std::vector<FunctionInfo>& out);
void AddCastFunctions(std::vector<FunctionInfo>& out);
void AddMathFunctions(std::vector<FunctionInfo>& out);
void AddNetFunctions(std::vector<FunctionInfo>& out);
void AddReFunctions(std::vector<FunctionInfo>& out);
void AddStringsFunctions(std::vector<FunctionInfo>& out);
void AddTimestampFunctions(std::vector<FunctionInfo>& out);
// bytes.*, hash.*, optimization.*, window.*, metrics.*, group.
void AddMiscFunctions(std::vector<FunctionInfo>& out);
// max, min, sum, count, count_distinct, array, array_distinct, avg, stddev,
// earliest, latest, period_start_for_max, period_start_for_min.
void AddAggregations(std::vector<FunctionInfo>& out);

// A regex argument: a string literal (`"a.*b"`, `` `a.*b` ``) or `/a.*b/`.
constexpr TypeMask kPattern = Mask(BaseType::kString) | Mask(BaseType::kRegex);
constexpr TypeMask kBool = Mask(BaseType::kBool);
constexpr TypeMask kBytes = Mask(BaseType::kBytes);
// A whole timestamp message (`$e.metadata.event_timestamp`), which earliest()
// and latest() take besides its seconds.
constexpr TypeMask kTimestamp = kIntegral | Mask(BaseType::kMessage);

// Shorthands, so that a table row reads like the signature it declares.
inline Param Arg(std::string_view name, TypeMask accepts) {
  return Param{.name = name, .accepts = accepts};
}
inline Param ListArg(std::string_view name, TypeMask element) {
  return Param{.name = name, .accepts = element, .list = true};
}
inline Param Optional(Param param) {
  param.optional = true;
  return param;
}
inline Param Variadic(Param param) {
  param.variadic = true;
  return param;
}
inline Param Constant(Param param) {
  param.constant = true;
  return param;
}

inline Type Of(BaseType base) { return Type::Of(base); }
inline Type ListOf(BaseType base) { return Type::ListOf(base); }

}  // namespace yaral::functions::internal

#endif  // YARAL_LIB_FUNCTIONS_FUNCTION_TABLES_H_

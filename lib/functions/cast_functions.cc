// cast.*: spec §5.2. Failed conversions give a value (0, false, "", or the
// caller's default), never an error, so the parameter masks are generous
// where real rules rely on it (see the notes per entry).
#include <vector>

#include "functions/function_tables.h"

namespace yaral::functions::internal {

void AddCastFunctions(std::vector<FunctionInfo>& out) {
  out.push_back({
      .name = "cast.as_bool",
      .params = {Arg("value", kIntegral | kStringLike)},
      .result = Of(BaseType::kBool),
      .predicate = true,
      .summary = "True only for the integer 1 or the string \"true\" (any case); "
                 "false otherwise.",
  });
  // Documented for STRING; numbers are accepted too since converting a
  // number to a float is the identity the docs' examples imply.
  out.push_back({
      .name = "cast.as_float",
      .params = {Arg("value", kStringLike | kNumeric)},
      .result = Of(BaseType::kFloat),
      .summary = "A numeric string as a float (about 7 significant digits); 0 when invalid.",
  });
  // The docs give FLOAT as the return type but describe and exemplify an
  // integer (spec §5.2 [DOC-CONFLICT]): INT, as the spec recommends. Public
  // Search queries pass numbers (`cast.as_int(network.sent_bytes + ...)`).
  out.push_back({
      .name = "cast.as_int",
      .params = {Arg("value", kStringLike | kNumeric)},
      .result = Of(BaseType::kInt),
      .summary = "A numeric string as an int, truncating any fraction; 0 when invalid.",
  });
  // Documented for INT|BYTES|BOOL; the examples also pass floats, and
  // strings and enums (names) convert trivially.
  out.push_back({
      .name = "cast.as_string",
      .params = {Arg("value", kNumeric | kBytes | kBool | kStringLike),
                 Optional(Arg("default", kStringLike))},
      .result = Of(BaseType::kString),
      .summary = "The value as text (bytes as raw text); `default` (or \"\") when the "
                 "conversion fails.",
  });
  // Only named as a remedy in the runtime-error table (spec §5.2 [INFERRED]).
  out.push_back({
      .name = "cast.as_uint",
      .params = {Arg("value", kStringLike | kNumeric)},
      .result = Of(BaseType::kUint),
      .summary = "The value as an unsigned 64-bit integer; 0 when invalid.",
  });
}

}  // namespace yaral::functions::internal

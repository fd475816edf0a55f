// re.*: spec §5.2. Patterns are RE2 syntax, written as a string literal or
// `/.../`. re.capture and re.capture_all must see their pattern at compile
// time, since more than one capture group is a compile error (spec §12 item
// 11); re.regex also takes data-table regex columns (§10.4), so its pattern
// may be any string.
#include <vector>

#include "functions/function_tables.h"

namespace yaral::functions::internal {

void AddReFunctions(std::vector<FunctionInfo>& out) {
  out.push_back({
      .name = "re.regex",
      // Documented as ANY, ANY: a number is matched as its decimal text.
      .params = {Arg("text", kAnyScalar), Arg("pattern", kPattern)},
      .result = Of(BaseType::kBool),
      .predicate = true,
      .summary = "True when `pattern` matches anywhere in `text` (unanchored RE2 search).",
  });
  out.push_back({
      .name = "re.capture",
      .params = {Arg("text", kStringLike), Constant(Arg("pattern", kPattern))},
      .result = Of(BaseType::kString),
      .max_capture_groups = 1,
      .summary = "The first match's capture group, or the whole first match when the "
                 "pattern has none; \"\" when it does not match.",
  });
  out.push_back({
      .name = "re.capture_all",
      .params = {Arg("text", kStringLike), Constant(Arg("pattern", kPattern))},
      .result = ListOf(BaseType::kString),
      .max_capture_groups = 1,
      .summary = "Every non-overlapping match (or its capture group) in `text`.",
  });
  out.push_back({
      .name = "re.replace",
      .params = {Arg("text", kStringLike), Arg("pattern", kPattern),
                 Arg("replacement", kStringLike)},
      .result = Of(BaseType::kString),
      .summary = "`text` with every non-overlapping match replaced; `\\1`..`\\9` and `\\0` "
                 "in `replacement` insert groups.",
  });
}

}  // namespace yaral::functions::internal

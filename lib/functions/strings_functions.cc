// strings.*: spec §5.2. Enum fields are read as their value names, so every
// string parameter is kStringLike.
#include <string_view>
#include <vector>

#include "functions/function_tables.h"

namespace yaral::functions::internal {
namespace {

// The many string -> string transformations.
FunctionInfo Unary(std::string_view name, std::string_view summary) {
  return {
      .name = name,
      .params = {Arg("text", kStringLike)},
      .result = Of(BaseType::kString),
      .summary = summary,
  };
}

FunctionInfo StringPredicate(std::string_view name, std::string_view second,
                             std::string_view summary) {
  return {
      .name = name,
      .params = {Arg("text", kStringLike), Arg(second, kStringLike)},
      .result = Of(BaseType::kBool),
      .predicate = true,
      .summary = summary,
  };
}

FunctionInfo Trim(std::string_view name, std::string_view summary) {
  return {
      .name = name,
      .params = {Arg("text", kStringLike), Arg("cutset", kStringLike)},
      .result = Of(BaseType::kString),
      .summary = summary,
  };
}

}  // namespace

void AddStringsFunctions(std::vector<FunctionInfo>& out) {
  out.push_back(Unary("strings.base64_decode",
                      "The base64-decoded text; the input unchanged when it is not valid base64."));
  out.push_back({
      .name = "strings.coalesce",
      .params = {Variadic(Arg("values", kStringLike))},
      .result = Of(BaseType::kString),
      .summary = "The first argument that is not \"\"; \"\" when all are empty.",
  });
  // The docs list STRING, INT and FLOAT arguments.
  out.push_back({
      .name = "strings.concat",
      .params = {Variadic(Arg("values", kStringLike | kNumeric))},
      .result = Of(BaseType::kString),
      .summary = "The arguments' text joined; whole floats print without a decimal point.",
  });
  out.push_back(StringPredicate("strings.contains", "substring",
                                "True when `substring` occurs in `text` (case-sensitive)."));
  out.push_back({
      .name = "strings.count_substrings",
      .params = {Arg("text", kStringLike), Arg("substring", kStringLike)},
      .result = Of(BaseType::kInt),
      .summary = "The number of non-overlapping occurrences of `substring`; 0 when it is empty.",
  });
  out.push_back(StringPredicate("strings.ends_with", "suffix",
                                "True when the non-empty `suffix` ends `text`."));
  out.push_back(Unary("strings.extract_domain",
                      "The registrable domain of a URL or host (ICANN public suffixes); "
                      "\"\" when there is none."));
  out.push_back(Unary("strings.extract_hostname",
                      "The host part of a URL, case kept; \"\" when there is none."));
  out.push_back({
      .name = "strings.from_base64",
      .params = {Arg("text", kStringLike)},
      .result = Of(BaseType::kBytes),
      .summary = "The base64-decoded bytes; empty bytes when invalid.",
  });
  out.push_back({
      .name = "strings.from_hex",
      .params = {Arg("text", kStringLike)},
      .result = Of(BaseType::kBytes),
      .summary = "The hex-decoded bytes; empty bytes when not hex.",
  });
  out.push_back({
      .name = "strings.length",
      .params = {Arg("text", kStringLike)},
      .result = Of(BaseType::kInt),
      .summary = "The number of characters (Unicode code points).",
  });
  out.push_back(Trim("strings.ltrim", "`text` without the leading characters found in `cutset`."));
  out.push_back(Unary("strings.reverse", "The characters (code points) in reverse order."));
  out.push_back(Trim("strings.rtrim", "`text` without the trailing characters found in `cutset`."));
  out.push_back({
      .name = "strings.split",
      .params = {Arg("text", kStringLike), Optional(Arg("delimiter", kStringLike))},
      .result = ListOf(BaseType::kString),
      .summary = "The parts of `text` between delimiters (default \",\"); characters when "
                 "the delimiter is \"\".",
  });
  out.push_back(StringPredicate("strings.starts_with", "prefix",
                                "True when the non-empty `prefix` starts `text`."));
  out.push_back(Unary("strings.to_lower", "The text in lower case."));
  out.push_back(Unary("strings.to_upper", "The text in upper case."));
  out.push_back(Trim("strings.trim",
                     "`text` without the leading and trailing characters found in `cutset`."));
  out.push_back(Unary("strings.url_decode",
                      "The percent-decoded text (`+` kept); \"\" when invalid."));
}

}  // namespace yaral::functions::internal

// strings.*: spec §5.2. Enum fields are read as their value names, so every
// string parameter is kStringLike. The implementations read their arguments
// with Value's accessors, so the zero value of any kind reads as "".
#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_split.h"
#include "functions/eval_util.h"
#include "functions/function_tables.h"
#include "functions/url_parts.h"

namespace yaral::functions::internal {
namespace {

using Args = std::span<const Value>;

// The characters of `text` as byte ranges, one per UTF-8 code point. A byte
// that does not start a valid sequence is a character of its own, so
// invalid input is still handled byte by byte rather than dropped.
std::vector<std::string_view> Characters(std::string_view text) {
  std::vector<std::string_view> out;
  out.reserve(text.size());
  size_t i = 0;
  while (i < text.size()) {
    auto byte = static_cast<unsigned char>(text[i]);
    size_t length = byte < 0x80           ? 1
                    : (byte >> 5) == 0x6  ? 2
                    : (byte >> 4) == 0xE  ? 3
                    : (byte >> 3) == 0x1E ? 4
                                          : 1;
    if (i + length > text.size()) length = 1;
    for (size_t k = 1; k < length; ++k) {
      if ((static_cast<unsigned char>(text[i + k]) & 0xC0) != 0x80) {
        length = 1;
        break;
      }
    }
    out.push_back(text.substr(i, length));
    i += length;
  }
  return out;
}

std::string_view Text(Args args, size_t i) { return ArgOr(args, i).string(); }

absl::StatusOr<Value> Base64Decode(Args args, const EvalContext&) {
  std::string decoded;
  if (!absl::Base64Unescape(AbslView(Text(args, 0)), &decoded)) {
    return Value::String(std::string(Text(args, 0)));
  }
  return Value::String(std::move(decoded));
}

absl::StatusOr<Value> Coalesce(Args args, const EvalContext&) {
  for (const Value& value : args) {
    if (!value.string().empty()) return Value::String(std::string(value.string()));
  }
  return Value::String("");
}

// Spec §5.2: a float's digits beyond the 16th after the point are cut.
absl::StatusOr<Value> Concat(Args args, const EvalContext&) {
  std::string out;
  for (const Value& value : args) {
    std::string text = ValueText(value);
    size_t point = value.is_float() ? text.find('.') : std::string::npos;
    if (point != std::string::npos && text.find('e') == std::string::npos &&
        text.size() - point - 1 > 16) {
      text.resize(point + 17);
    }
    out += text;
  }
  return Value::String(std::move(out));
}

absl::StatusOr<Value> Contains(Args args, const EvalContext&) {
  return Value::Bool(Text(args, 0).find(Text(args, 1)) != std::string_view::npos);
}

absl::StatusOr<Value> CountSubstrings(Args args, const EvalContext&) {
  std::string_view text = Text(args, 0);
  std::string_view needle = Text(args, 1);
  int64_t count = 0;
  if (needle.empty()) return Value::Int(0);
  for (size_t at = text.find(needle); at != std::string_view::npos;
       at = text.find(needle, at + needle.size())) {
    ++count;
  }
  return Value::Int(count);
}

absl::StatusOr<Value> EndsWith(Args args, const EvalContext&) {
  std::string_view suffix = Text(args, 1);
  return Value::Bool(!suffix.empty() && Text(args, 0).ends_with(suffix));
}

absl::StatusOr<Value> StartsWith(Args args, const EvalContext&) {
  std::string_view prefix = Text(args, 1);
  return Value::Bool(!prefix.empty() && Text(args, 0).starts_with(prefix));
}

absl::StatusOr<Value> ExtractDomainFn(Args args, const EvalContext&) {
  return Value::String(std::string(ExtractDomain(Text(args, 0))));
}

absl::StatusOr<Value> ExtractHostnameFn(Args args, const EvalContext&) {
  return Value::String(std::string(ExtractHostname(Text(args, 0))));
}

absl::StatusOr<Value> FromBase64(Args args, const EvalContext&) {
  std::string decoded;
  if (!absl::Base64Unescape(AbslView(Text(args, 0)), &decoded)) decoded.clear();
  return Value::Bytes(std::move(decoded));
}

absl::StatusOr<Value> FromHex(Args args, const EvalContext&) {
  std::string_view text = Text(args, 0);
  // absl::HexStringToBytes does not validate, so check first: an odd length
  // or any non-hex character gives empty bytes (spec §5.2).
  if (text.size() % 2 != 0 ||
      !std::all_of(text.begin(), text.end(), [](char c) { return absl::ascii_isxdigit(c); })) {
    return Value::Bytes("");
  }
  return Value::Bytes(absl::HexStringToBytes(AbslView(text)));
}

absl::StatusOr<Value> Length(Args args, const EvalContext&) {
  return Value::Int(static_cast<int64_t>(Characters(Text(args, 0)).size()));
}

// Go's strings.Trim family: the cutset is a set of characters (code points),
// not a prefix or suffix. Without a cutset, whitespace is trimmed.
enum class TrimSide { kLeft, kRight, kBoth };

std::string TrimText(Args args, TrimSide side) {
  std::string_view text = Text(args, 0);
  std::vector<std::string_view> cutset =
      args.size() > 1 ? Characters(args[1].string())
                      : std::vector<std::string_view>{" ", "\t", "\n", "\r", "\v", "\f"};
  if (cutset.empty()) return std::string(text);
  auto in_cutset = [&](std::string_view c) {
    return std::find(cutset.begin(), cutset.end(), c) != cutset.end();
  };
  std::vector<std::string_view> chars = Characters(text);
  size_t begin = 0;
  size_t end = chars.size();
  if (side != TrimSide::kRight) {
    while (begin < end && in_cutset(chars[begin])) ++begin;
  }
  if (side != TrimSide::kLeft) {
    while (end > begin && in_cutset(chars[end - 1])) --end;
  }
  if (begin == end) return "";
  return std::string(chars[begin].data(), chars[end - 1].data() + chars[end - 1].size());
}

absl::StatusOr<Value> Ltrim(Args args, const EvalContext&) {
  return Value::String(TrimText(args, TrimSide::kLeft));
}
absl::StatusOr<Value> Rtrim(Args args, const EvalContext&) {
  return Value::String(TrimText(args, TrimSide::kRight));
}
absl::StatusOr<Value> TrimFn(Args args, const EvalContext&) {
  return Value::String(TrimText(args, TrimSide::kBoth));
}

absl::StatusOr<Value> Reverse(Args args, const EvalContext&) {
  std::vector<std::string_view> chars = Characters(Text(args, 0));
  std::string out;
  out.reserve(Text(args, 0).size());
  for (auto it = chars.rbegin(); it != chars.rend(); ++it) out += *it;
  return Value::String(std::move(out));
}

absl::StatusOr<Value> Split(Args args, const EvalContext&) {
  std::string_view text = Text(args, 0);
  std::string_view delimiter = args.size() > 1 ? args[1].string() : ",";
  Value::ListType parts;
  if (delimiter.empty()) {
    // Go's strings.Split: one element per character, none for "".
    for (std::string_view c : Characters(text)) parts.push_back(Value::String(std::string(c)));
  } else {
    for (absl::string_view part : absl::StrSplit(AbslView(text), AbslView(delimiter))) {
      parts.push_back(Value::String(std::string(part.data(), part.size())));
    }
  }
  return Value::List(std::move(parts));
}

// ASCII only: see docs/functions.md (no Unicode case tables in yaral).
absl::StatusOr<Value> ToLower(Args args, const EvalContext&) {
  return Value::String(absl::AsciiStrToLower(AbslView(Text(args, 0))));
}
absl::StatusOr<Value> ToUpper(Args args, const EvalContext&) {
  return Value::String(absl::AsciiStrToUpper(AbslView(Text(args, 0))));
}

// Percent-decoding as Go's url.PathUnescape: `+` stays, a `%` not followed
// by two hex digits makes the whole input invalid ("" by spec §5.2).
absl::StatusOr<Value> UrlDecode(Args args, const EvalContext&) {
  std::string_view text = Text(args, 0);
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '%') {
      out += text[i];
      continue;
    }
    if (i + 2 >= text.size() || !absl::ascii_isxdigit(text[i + 1]) ||
        !absl::ascii_isxdigit(text[i + 2])) {
      return Value::String("");
    }
    out += absl::HexStringToBytes(AbslView(text.substr(i + 1, 2)));
    i += 2;
  }
  return Value::String(std::move(out));
}

// The many string -> string transformations.
FunctionInfo Unary(std::string_view name, std::string_view summary, EvalFn eval) {
  return {
      .name = name,
      .params = {Arg("text", kStringLike)},
      .result = Of(BaseType::kString),
      .summary = summary,
      .eval = eval,
  };
}

FunctionInfo StringPredicate(std::string_view name, std::string_view second,
                             std::string_view summary, EvalFn eval) {
  return {
      .name = name,
      .params = {Arg("text", kStringLike), Arg(second, kStringLike)},
      .result = Of(BaseType::kBool),
      .predicate = true,
      .summary = summary,
      .eval = eval,
  };
}

FunctionInfo Trim(std::string_view name, std::string_view summary, EvalFn eval) {
  return {
      .name = name,
      .params = {Arg("text", kStringLike), Arg("cutset", kStringLike)},
      .result = Of(BaseType::kString),
      .summary = summary,
      .eval = eval,
  };
}

}  // namespace

void AddStringsFunctions(std::vector<FunctionInfo>& out) {
  out.push_back(Unary("strings.base64_decode",
                      "The base64-decoded text; the input unchanged when it is not valid base64.",
                      &Base64Decode));
  out.push_back({
      .name = "strings.coalesce",
      .params = {Variadic(Arg("values", kStringLike))},
      .result = Of(BaseType::kString),
      .summary = "The first argument that is not \"\"; \"\" when all are empty.",
      .eval = &Coalesce,
  });
  // The docs list STRING, INT and FLOAT arguments.
  out.push_back({
      .name = "strings.concat",
      .params = {Variadic(Arg("values", kStringLike | kNumeric))},
      .result = Of(BaseType::kString),
      .summary = "The arguments' text joined; whole floats print without a decimal point.",
      .eval = &Concat,
  });
  out.push_back(StringPredicate("strings.contains", "substring",
                                "True when `substring` occurs in `text` (case-sensitive).",
                                &Contains));
  out.push_back({
      .name = "strings.count_substrings",
      .params = {Arg("text", kStringLike), Arg("substring", kStringLike)},
      .result = Of(BaseType::kInt),
      .summary = "The number of non-overlapping occurrences of `substring`; 0 when it is empty.",
      .eval = &CountSubstrings,
  });
  out.push_back(StringPredicate("strings.ends_with", "suffix",
                                "True when the non-empty `suffix` ends `text`.", &EndsWith));
  out.push_back(Unary("strings.extract_domain",
                      "The registrable domain of a URL or host (the Public Suffix List's ICANN section); "
                      "\"\" when there is none.",
                      &ExtractDomainFn));
  out.push_back(Unary("strings.extract_hostname",
                      "The host part of a URL, case kept; \"\" when there is none.",
                      &ExtractHostnameFn));
  out.push_back({
      .name = "strings.from_base64",
      .params = {Arg("text", kStringLike)},
      .result = Of(BaseType::kBytes),
      .summary = "The base64-decoded bytes; empty bytes when invalid.",
      .eval = &FromBase64,
  });
  out.push_back({
      .name = "strings.from_hex",
      .params = {Arg("text", kStringLike)},
      .result = Of(BaseType::kBytes),
      .summary = "The hex-decoded bytes; empty bytes when not hex.",
      .eval = &FromHex,
  });
  out.push_back({
      .name = "strings.length",
      .params = {Arg("text", kStringLike)},
      .result = Of(BaseType::kInt),
      .summary = "The number of characters (Unicode code points).",
      .eval = &Length,
  });
  out.push_back(
      Trim("strings.ltrim", "`text` without the leading characters found in `cutset`.", &Ltrim));
  out.push_back(
      Unary("strings.reverse", "The characters (code points) in reverse order.", &Reverse));
  out.push_back(
      Trim("strings.rtrim", "`text` without the trailing characters found in `cutset`.", &Rtrim));
  out.push_back({
      .name = "strings.split",
      .params = {Arg("text", kStringLike), Optional(Arg("delimiter", kStringLike))},
      .result = ListOf(BaseType::kString),
      .summary = "The parts of `text` between delimiters (default \",\"); characters when "
                 "the delimiter is \"\".",
      .eval = &Split,
  });
  out.push_back(StringPredicate("strings.starts_with", "prefix",
                                "True when the non-empty `prefix` starts `text`.", &StartsWith));
  out.push_back(Unary("strings.to_lower", "The text in lower case.", &ToLower));
  out.push_back(Unary("strings.to_upper", "The text in upper case.", &ToUpper));
  out.push_back(Trim("strings.trim",
                     "`text` without the leading and trailing characters found in `cutset`.",
                     &TrimFn));
  out.push_back(Unary("strings.url_decode",
                      "The percent-decoded text (`+` kept); \"\" when invalid.", &UrlDecode));
}

}  // namespace yaral::functions::internal

// re.*: spec §5.2. Patterns are RE2 syntax, written as a string literal or
// `/.../`. re.capture and re.capture_all must see their pattern at compile
// time, since more than one capture group is a compile error (spec §12 item
// 11); re.regex also takes data-table regex columns (§10.4), so its pattern
// may be any string.
//
// Patterns are compiled once and cached (regex_cache.h); an invalid one,
// which the checker only sees when it is a literal, is a runtime error.
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "functions/eval_util.h"
#include "functions/function_tables.h"
#include "functions/regex_cache.h"
#include "re2/re2.h"

namespace yaral::functions::internal {
namespace {

using Args = std::span<const Value>;

re2::StringPiece Piece(std::string_view s) { return re2::StringPiece(s.data(), s.size()); }
std::string_view View(re2::StringPiece s) { return std::string_view(s.data(), s.size()); }

// re.regex documents ANY for the text: a number matches as its decimal text.
absl::StatusOr<Value> Regex(Args args, const EvalContext&) {
  std::string_view pattern = ArgOr(args, 1).string();
  absl::StatusOr<std::shared_ptr<const RE2>> re = CompiledRegex(pattern);
  if (!re.ok()) return re.status();
  std::string text = ValueText(ArgOr(args, 0));
  return Value::Bool(RE2::PartialMatch(Piece(RegexSubject(pattern, text)), **re));
}

// The text a match yields: its first capture group when the pattern has one
// (a group that took no part in the match yields ""), else the whole match.
// `groups` holds the whole match followed by the groups.
std::string_view Captured(const RE2& re, const re2::StringPiece* groups) {
  return View(re.NumberOfCapturingGroups() > 0 ? groups[1] : groups[0]);
}

absl::StatusOr<Value> Capture(Args args, const EvalContext&) {
  absl::StatusOr<std::shared_ptr<const RE2>> re = CompiledRegex(ArgOr(args, 1).string());
  if (!re.ok()) return re.status();
  std::string_view text = ArgOr(args, 0).string();
  re2::StringPiece groups[2];
  int count = (*re)->NumberOfCapturingGroups() > 0 ? 2 : 1;
  if (!(*re)->Match(Piece(text), 0, text.size(), RE2::UNANCHORED, groups, count)) {
    return Value::String("");
  }
  return Value::String(std::string(Captured(**re, groups)));
}

absl::StatusOr<Value> CaptureAll(Args args, const EvalContext&) {
  absl::StatusOr<std::shared_ptr<const RE2>> re = CompiledRegex(ArgOr(args, 1).string());
  if (!re.ok()) return re.status();
  std::string_view text = ArgOr(args, 0).string();
  re2::StringPiece groups[2];
  int count = (*re)->NumberOfCapturingGroups() > 0 ? 2 : 1;
  Value::ListType matches;
  size_t position = 0;
  while (position <= text.size() &&
         (*re)->Match(Piece(text), position, text.size(), RE2::UNANCHORED, groups, count)) {
    matches.push_back(Value::String(std::string(Captured(**re, groups))));
    size_t end = static_cast<size_t>(groups[0].data() - text.data()) + groups[0].size();
    if (groups[0].empty()) {
      // An empty match must not match again at the same place: step over one
      // character (a whole UTF-8 sequence, as RE2::GlobalReplace does).
      if (end >= text.size()) break;
      ++end;
      while (end < text.size() && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) ++end;
    }
    position = end;
  }
  return Value::List(std::move(matches));
}

absl::StatusOr<Value> Replace(Args args, const EvalContext&) {
  absl::StatusOr<std::shared_ptr<const RE2>> re = CompiledRegex(ArgOr(args, 1).string());
  if (!re.ok()) return re.status();
  std::string_view rewrite = ArgOr(args, 2).string();
  std::string error;
  if (!(*re)->CheckRewriteString(Piece(rewrite), &error)) {
    // SecOps's runtime error for a group reference the pattern lacks.
    return absl::InvalidArgumentError("Invalid re.replace(): " + error);
  }
  std::string text(ArgOr(args, 0).string());
  RE2::GlobalReplace(&text, **re, Piece(rewrite));
  return Value::String(std::move(text));
}

}  // namespace

void AddReFunctions(std::vector<FunctionInfo>& out) {
  out.push_back({
      .name = "re.regex",
      // Documented as ANY, ANY: a number is matched as its decimal text.
      .params = {Arg("text", kAnyScalar), Arg("pattern", kPattern)},
      .result = Of(BaseType::kBool),
      .predicate = true,
      .summary = "True when `pattern` matches anywhere in `text` (unanchored RE2 search).",
      .eval = &Regex,
  });
  out.push_back({
      .name = "re.capture",
      .params = {Arg("text", kStringLike), Constant(Arg("pattern", kPattern))},
      .result = Of(BaseType::kString),
      .max_capture_groups = 1,
      .summary = "The first match's capture group, or the whole first match when the "
                 "pattern has none; \"\" when it does not match.",
      .eval = &Capture,
  });
  out.push_back({
      .name = "re.capture_all",
      .params = {Arg("text", kStringLike), Constant(Arg("pattern", kPattern))},
      .result = ListOf(BaseType::kString),
      .max_capture_groups = 1,
      .summary = "Every non-overlapping match (or its capture group) in `text`.",
      .eval = &CaptureAll,
  });
  out.push_back({
      .name = "re.replace",
      .params = {Arg("text", kStringLike), Arg("pattern", kPattern),
                 Arg("replacement", kStringLike)},
      .result = Of(BaseType::kString),
      .summary = "`text` with every non-overlapping match replaced; `\\1`..`\\9` and `\\0` "
                 "in `replacement` insert groups.",
      .eval = &Replace,
  });
}

}  // namespace yaral::functions::internal

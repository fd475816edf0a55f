// Compiled RE2 patterns for the re.* functions, and the newline rule every
// YARA-L regex match follows.
//
//   absl::StatusOr<std::shared_ptr<const RE2>> re = functions::CompiledRegex(pattern);
//   if (!re.ok()) return re.status();  // "Invalid regular expression: ..."
//   bool hit = RE2::PartialMatch(functions::RegexSubject(pattern, text), **re);
//
// Patterns usually come from rule literals, so the same few are asked for
// once per event: compiling them once is most of the cost saved. Data-table
// regex columns can bring many distinct patterns, so the cache is bounded.
//
// Private to lib/functions. Thread-safety: every function is safe to call
// concurrently; a returned RE2 is immutable and stays valid while the caller
// holds it, even after the cache drops its own reference.
#ifndef YARAL_LIB_FUNCTIONS_REGEX_CACHE_H_
#define YARAL_LIB_FUNCTIONS_REGEX_CACHE_H_

#include <memory>
#include <string_view>

#include "absl/status/statusor.h"
#include "re2/re2.h"

namespace yaral::functions {

// The compiled pattern (RE2 syntax, UTF-8, `log_errors` off, a bounded
// `max_mem`). An invalid pattern is InvalidArgumentError("Invalid regular
// expression: <RE2's message>"). `case_insensitive` is the `nocase` suffix.
absl::StatusOr<std::shared_ptr<const RE2>> CompiledRegex(std::string_view pattern,
                                                         bool case_insensitive = false);

// True when `pattern` turns on RE2's `s` flag (`.` matches `\n`) in the
// flag groups it starts with: `(?s)`, `(?is)`, `(?i)(?s)`.
bool StartsWithDotAllFlag(std::string_view pattern);

// The part of `text` a YARA-L regex match looks at: the whole text when the
// pattern starts with `(?s)`, otherwise only up to the first newline (the
// `re.regex` documentation's newline rule; docs/semantics.md, "Regex
// matching and newlines").
std::string_view RegexSubject(std::string_view pattern, std::string_view text);

}  // namespace yaral::functions

#endif  // YARAL_LIB_FUNCTIONS_REGEX_CACHE_H_

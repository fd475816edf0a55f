#include "functions/regex_cache.h"

#include <string>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/synchronization/mutex.h"

namespace yaral::functions {
namespace {

// Enough for every literal of a large rule set; a data table with more
// distinct patterns than this recompiles some of them, which is slower but
// keeps memory bounded.
constexpr size_t kMaxCachedPatterns = 4096;
// Per pattern. RE2's default (8 MiB) is generous for a rule's patterns; a
// pattern that needs more is refused at compile time rather than growing
// without bound on hostile input.
constexpr int64_t kMaxRegexMemory = 8 << 20;

struct Entry {
  std::shared_ptr<const RE2> regex;  // null when the pattern is invalid
  std::string error;
};

class RegexCache {
 public:
  absl::StatusOr<std::shared_ptr<const RE2>> Get(std::string_view pattern, bool case_insensitive) {
    // The flag is part of the key: the same text compiles differently.
    std::string key;
    key.reserve(pattern.size() + 1);
    key += case_insensitive ? 'i' : 'c';
    key += pattern;
    {
      absl::MutexLock lock(&mutex_);
      auto it = entries_.find(key);
      if (it != entries_.end()) return ToResult(it->second);
    }
    // Compile outside the lock: compilation can be slow and other threads
    // should not wait for patterns they do not need.
    RE2::Options options;
    options.set_log_errors(false);
    options.set_max_mem(kMaxRegexMemory);
    options.set_case_sensitive(!case_insensitive);
    auto regex =
        std::make_shared<const RE2>(re2::StringPiece(pattern.data(), pattern.size()), options);
    Entry entry;
    if (regex->ok()) {
      entry.regex = std::move(regex);
    } else {
      entry.error = regex->error();
    }
    absl::MutexLock lock(&mutex_);
    // Dropping everything is crude but cheap, and callers keep their own
    // references, so nothing in use is freed.
    if (entries_.size() >= kMaxCachedPatterns) entries_.clear();
    auto [it, inserted] = entries_.try_emplace(std::move(key), std::move(entry));
    return ToResult(it->second);
  }

 private:
  static absl::StatusOr<std::shared_ptr<const RE2>> ToResult(const Entry& entry) {
    if (entry.regex == nullptr) {
      return absl::InvalidArgumentError("Invalid regular expression: " + entry.error);
    }
    return entry.regex;
  }

  absl::Mutex mutex_;
  absl::flat_hash_map<std::string, Entry> entries_ ABSL_GUARDED_BY(mutex_);
};

}  // namespace

absl::StatusOr<std::shared_ptr<const RE2>> CompiledRegex(std::string_view pattern,
                                                         bool case_insensitive) {
  static RegexCache* cache = new RegexCache;  // never destroyed: used until exit
  return cache->Get(pattern, case_insensitive);
}

bool StartsWithDotAllFlag(std::string_view pattern) {
  // Walk the leading `(?flags)` groups; a `(?flags:...)` group or anything
  // else ends them. In `(?i-s)` the `s` after `-` turns the flag off.
  bool dot_all = false;
  while (pattern.size() >= 3 && pattern.substr(0, 2) == "(?") {
    size_t i = 2;
    bool negated = false;
    bool group_dot_all = dot_all;
    for (; i < pattern.size(); ++i) {
      char c = pattern[i];
      if (c == '-') {
        negated = true;
      } else if (c == 's') {
        group_dot_all = !negated;
      } else if (c != 'i' && c != 'm' && c != 'U') {
        break;
      }
    }
    if (i >= pattern.size() || pattern[i] != ')') break;
    dot_all = group_dot_all;
    pattern.remove_prefix(i + 1);
  }
  return dot_all;
}

std::string_view RegexSubject(std::string_view pattern, std::string_view text) {
  if (StartsWithDotAllFlag(pattern)) return text;
  return text.substr(0, text.find('\n'));
}

}  // namespace yaral::functions

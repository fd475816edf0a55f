// Which cases `yaral test` runs: `-k` expressions and `--lf` (the cases that
// failed last time, from the cache file). docs/testing.md, "The command".
#ifndef YARAL_TOOLS_YARAL_TEST_SELECTION_H_
#define YARAL_TOOLS_YARAL_TEST_SELECTION_H_

#include <filesystem>
#include <functional>
#include <set>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace yaral::cli {

// A `-k` expression over case ids ("FILE::NAME"), as pytest's: words joined
// with `and`, `or`, `not` and parentheses; a word matches an id containing
// it, ignoring ASCII case. Text without operators or parentheses is one
// substring, spaces included ("-k '20 minutes'"). An error names the
// position: "-k 'a and': expected a word after 'and'".
absl::StatusOr<std::function<bool(std::string_view)>> ParseCaseExpression(std::string_view text);

// Where --lf keeps the ids of the cases that did not pass: relative to the
// current directory, like pytest's .pytest_cache.
inline constexpr std::string_view kLastFailedPath = ".yaral_cache/test/lastfailed";

// The ids recorded by the last run; empty when there is no cache.
std::set<std::string> ReadLastFailed(const std::filesystem::path& path);

// Records a run: ids that passed leave the set, ids that failed join it.
// Returns false (after a warning on stderr) when the file cannot be written.
bool WriteLastFailed(const std::filesystem::path& path, std::set<std::string> previous,
                     const std::set<std::string>& passed, const std::set<std::string>& failed);

}  // namespace yaral::cli

#endif  // YARAL_TOOLS_YARAL_TEST_SELECTION_H_

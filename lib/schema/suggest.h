// "Did you mean" suggestions for misspelt field and enum value names, and
// for reference-list names (lib/check). Private to the library.
#ifndef YARAL_SCHEMA_SUGGEST_H_
#define YARAL_SCHEMA_SUGGEST_H_

#include <cstddef>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

namespace yaral::schema {

// Optimal-string-alignment distance (insertions, deletions, substitutions and
// adjacent transpositions each cost 1), ignoring ASCII case.
size_t EditDistance(std::string_view a, std::string_view b);

// The candidates closest to `query`, best first, at most `max_results`:
//   1. the same name up to case and underscores ("eventType", "tcp");
//   2. within an edit distance that grows with the length of `query`;
//   3. one name's `_`-separated words contain the other's ("LOGIN" ->
//      "USER_LOGIN"), which edit distance alone misses;
//   4. an abbreviation: same first letter, letters in order ("secs").
// Ties go to the smaller distance, then the shorter name, then name order.
std::vector<std::string_view> SuggestNames(std::string_view query,
                                           std::span<const std::string_view> candidates,
                                           size_t max_results = 3);

// The one candidate a tool may put in place of `query` without asking (the
// fixes `yaral check --fix` applies): the best of SuggestNames when it is a
// respelling (same name up to case and underscores, or within the edit
// distance) and no other candidate is as close. Shared words and
// abbreviations are guesses, so they are only ever suggested.
std::optional<std::string_view> ClearSuggestion(std::string_view query,
                                                std::span<const std::string_view> candidates);

}  // namespace yaral::schema

#endif  // YARAL_SCHEMA_SUGGEST_H_

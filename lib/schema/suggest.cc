#include "schema/suggest.h"

#include <algorithm>
#include <cstddef>
#include <optional>
#include <utility>
#include <span>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

namespace yaral::schema {
namespace {

char Lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

// Lower case without underscores: "eventType", "event_type" and "EVENTTYPE"
// all become "eventtype".
std::string Fold(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    if (c != '_') out.push_back(Lower(c));
  }
  return out;
}

// Lower-case words split at `_` and at lower-to-upper case changes, so
// "LOGIN", "user_login" and "userLogin" share the word "login".
std::vector<std::string> Words(std::string_view s) {
  std::vector<std::string> words;
  std::string word;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    bool camel_break = i > 0 && c >= 'A' && c <= 'Z' && s[i - 1] >= 'a' && s[i - 1] <= 'z';
    if (c == '_' || camel_break) {
      if (!word.empty()) words.push_back(word);
      word.clear();
      if (c == '_') continue;
    }
    word.push_back(Lower(c));
  }
  if (!word.empty()) words.push_back(word);
  return words;
}

// `needle` occurs in `haystack` as a run of consecutive words.
bool ContainsWords(const std::vector<std::string>& haystack,
                   const std::vector<std::string>& needle) {
  if (needle.empty() || needle.size() > haystack.size()) return false;
  return std::search(haystack.begin(), haystack.end(), needle.begin(), needle.end()) !=
         haystack.end();
}

// "secs" for "seconds", "proc" for "process": same first letter, and the
// query's letters appear in order in the candidate. Three letters at least,
// or nearly every name would qualify.
bool IsAbbreviation(std::string_view query, std::string_view candidate) {
  if (query.size() < 3 || candidate.empty() || Lower(query[0]) != Lower(candidate[0])) return false;
  size_t next = 0;
  for (char c : candidate) {
    if (next < query.size() && Lower(c) == Lower(query[next])) ++next;
  }
  return next == query.size();
}

// A third of the length, between 1 and 3: one typo in a short name, a few in
// a long one, and never so many that unrelated names qualify.
size_t MaxDistance(std::string_view query) {
  return std::clamp<size_t>(query.size() / 3, 1, 3);
}

}  // namespace

size_t EditDistance(std::string_view a, std::string_view b) {
  // Three rolling rows of the dynamic-programming table; the one two rows
  // back is needed for transpositions.
  std::vector<size_t> before(b.size() + 1), previous(b.size() + 1), current(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) previous[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    current[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t cost = Lower(a[i - 1]) == Lower(b[j - 1]) ? 0 : 1;
      current[j] = std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost});
      if (i > 1 && j > 1 && Lower(a[i - 1]) == Lower(b[j - 2]) &&
          Lower(a[i - 2]) == Lower(b[j - 1])) {
        current[j] = std::min(current[j], before[j - 2] + 1);
      }
    }
    std::swap(before, previous);
    std::swap(previous, current);
  }
  return previous[b.size()];
}

namespace {

// A candidate's rank against the query: (tier, distance, length, name), lower
// is better; the tiers are those of SuggestNames.
using Rank = std::tuple<int, size_t, size_t, std::string_view>;

std::vector<Rank> RankCandidates(std::string_view query,
                                 std::span<const std::string_view> candidates) {
  const std::string folded = Fold(query);
  const std::vector<std::string> query_words = Words(query);
  std::vector<Rank> ranked;
  for (std::string_view candidate : candidates) {
    if (candidate == query) continue;
    size_t distance = EditDistance(query, candidate);
    int tier;
    if (Fold(candidate) == folded) {
      tier = 0;
    } else if (distance <= MaxDistance(query)) {
      tier = 1;
    } else if (ContainsWords(Words(candidate), query_words) ||
               ContainsWords(query_words, Words(candidate))) {
      tier = 2;
    } else if (IsAbbreviation(query, candidate)) {
      tier = 3;
    } else {
      continue;
    }
    ranked.emplace_back(tier, distance, candidate.size(), candidate);
  }
  std::sort(ranked.begin(), ranked.end());
  // A name listed twice among the candidates is one candidate.
  ranked.erase(std::unique(ranked.begin(), ranked.end()), ranked.end());
  return ranked;
}

}  // namespace

std::vector<std::string_view> SuggestNames(std::string_view query,
                                           std::span<const std::string_view> candidates,
                                           size_t max_results) {
  std::vector<std::string_view> out;
  for (const Rank& entry : RankCandidates(query, candidates)) {
    if (out.size() == max_results) break;
    out.push_back(std::get<3>(entry));
  }
  return out;
}

std::optional<std::string_view> ClearSuggestion(std::string_view query,
                                                std::span<const std::string_view> candidates) {
  const std::vector<Rank> ranked = RankCandidates(query, candidates);
  if (ranked.empty() || std::get<0>(ranked[0]) > 1) return std::nullopt;
  auto tier_and_distance = [](const Rank& r) { return std::pair(std::get<0>(r), std::get<1>(r)); };
  if (ranked.size() > 1 && tier_and_distance(ranked[1]) == tier_and_distance(ranked[0])) {
    return std::nullopt;
  }
  return std::get<3>(ranked[0]);
}

}  // namespace yaral::schema

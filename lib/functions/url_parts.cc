#include "functions/url_parts.h"

#include <arpa/inet.h>

#include <algorithm>
#include <array>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "functions/eval_util.h"

namespace yaral::functions {
namespace {

// Second-level labels that, under a two-letter country-code top-level
// domain, form a public suffix (`co.uk`, `com.au`, `ne.jp`, `gob.mx`): how
// most ICANN multi-label suffixes are built. Sorted for binary search.
constexpr std::array<std::string_view, 21> kCountrySecondLevels = {
    "ac",  "co", "com", "edu", "gen", "go",  "gob", "gov", "govt", "gv",  "ltd",
    "mil", "ne", "net", "nhs", "nic", "nom", "or",  "org", "plc",  "sch",
};

bool IsAsciiLetters(std::string_view s) {
  return !s.empty() &&
         std::all_of(s.begin(), s.end(), [](char c) { return absl::ascii_isalpha(c); });
}

bool IsDigits(std::string_view s) {
  return !s.empty() &&
         std::all_of(s.begin(), s.end(), [](char c) { return absl::ascii_isdigit(c); });
}

bool IsIpv4(std::string_view host) {
  std::string text(host);
  unsigned char buffer[4];
  return inet_pton(AF_INET, text.c_str(), buffer) == 1;
}

// How many trailing labels form the public suffix.
size_t SuffixLabels(const std::vector<std::string_view>& labels) {
  if (labels.size() < 2) return 1;
  std::string_view tld = labels[labels.size() - 1];
  std::string second = absl::AsciiStrToLower(internal::AbslView(labels[labels.size() - 2]));
  if (tld.size() == 2 && IsAsciiLetters(tld) &&
      std::binary_search(kCountrySecondLevels.begin(), kCountrySecondLevels.end(), second)) {
    return 2;
  }
  return 1;
}

}  // namespace

std::string_view ExtractHostname(std::string_view url) {
  absl::string_view trimmed = absl::StripAsciiWhitespace(internal::AbslView(url));
  url = std::string_view(trimmed.data(), trimmed.size());
  // A `://` before any path, query or fragment ends the scheme, and whatever
  // precedes it is skipped (SecOps extracts "www.google.com" from
  // "junk;http://www.google.com"). A `://` further on belongs to the path or
  // query ("a.com/?u=http://b.com") and leaves the host alone. A backslash
  // ends the host as a slash does, as browsers treat it.
  constexpr std::string_view kDelimiters = "/?#\\";
  size_t scheme_end = url.find("://");
  if (scheme_end != std::string_view::npos && scheme_end < url.find_first_of(kDelimiters)) {
    url.remove_prefix(scheme_end + 3);
  } else if (url.substr(0, 2) == "//") {
    url.remove_prefix(2);
  }
  std::string_view authority = url.substr(0, url.find_first_of(kDelimiters));
  size_t at = authority.rfind('@');
  if (at != std::string_view::npos) authority.remove_prefix(at + 1);
  if (!authority.empty() && authority.front() == '[') {
    size_t close = authority.find(']');
    return close == std::string_view::npos ? std::string_view() : authority.substr(0, close + 1);
  }
  return authority.substr(0, authority.find(':'));
}

std::string_view ExtractDomain(std::string_view url) {
  std::string_view host = ExtractHostname(url);
  if (!host.empty() && host.back() == '.') host.remove_suffix(1);  // "example.com."
  if (host.empty() || host.front() == '[' || IsIpv4(host)) return {};
  std::vector<std::string_view> labels;
  for (size_t begin = 0;;) {
    size_t dot = host.find('.', begin);
    labels.push_back(host.substr(begin, dot == std::string_view::npos ? dot : dot - begin));
    if (dot == std::string_view::npos) break;
    begin = dot + 1;
  }
  for (std::string_view label : labels) {
    if (label.empty()) return {};
  }
  if (labels.size() < 2 || IsDigits(labels.back())) return {};
  size_t keep = SuffixLabels(labels) + 1;
  if (labels.size() < keep) return {};
  // The labels are views into `host`, so the answer is a suffix of it.
  std::string_view first = labels[labels.size() - keep];
  return host.substr(static_cast<size_t>(first.data() - host.data()));
}

}  // namespace yaral::functions

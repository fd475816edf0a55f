#include "functions/url_parts.h"

#include <arpa/inet.h>
#include <libpsl.h>

#include <algorithm>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "functions/eval_util.h"

namespace yaral::functions {
namespace {

bool IsDigits(std::string_view s) {
  return !s.empty() &&
         std::all_of(s.begin(), s.end(), [](char c) { return absl::ascii_isdigit(c); });
}

bool IsIpv4(std::string_view host) {
  std::string text(host);
  unsigned char buffer[4];
  return inet_pton(AF_INET, text.c_str(), buffer) == 1;
}

// The Public Suffix List: the newer of libpsl's built-in copy and Debian's
// `publicsuffix` data (/usr/share/publicsuffix), loaded once. Null only when
// libpsl has neither.
const psl_ctx_t* PublicSuffixList() {
  static const psl_ctx_t* const list = [] {
    const psl_ctx_t* latest = psl_latest(nullptr);
    return latest != nullptr ? latest : psl_builtin();
  }();
  return list;
}

// Whether `suffix` (lower case) is an ICANN public suffix. SecOps ignores
// the list's private section ("us.com", "github.io"), so yaral does too.
// Unlisted top-level domains count as suffixes (the list's implicit `*`).
bool IsIcannSuffix(const std::string& suffix) {
  const psl_ctx_t* list = PublicSuffixList();
  return list != nullptr && psl_is_public_suffix2(list, suffix.c_str(), PSL_TYPE_ICANN) != 0;
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
  // The longest public suffix is found first, scanning from the left: the
  // registrable domain is it plus the label before it.
  const std::string lower = absl::AsciiStrToLower(internal::AbslView(host));
  for (size_t i = 0; i < labels.size(); ++i) {
    const size_t offset = static_cast<size_t>(labels[i].data() - host.data());
    if (!IsIcannSuffix(lower.substr(offset))) continue;
    if (i == 0) return {};  // the host is a suffix itself ("co.uk")
    return host.substr(static_cast<size_t>(labels[i - 1].data() - host.data()));
  }
  return {};
}

}  // namespace yaral::functions

// Checks on regular expressions used as filters: `x = /re/`, `x != /re/` and
// `re.regex(x, "re")`. Patterns given to re.capture or re.replace are not
// filters (a leading `.*` there changes what is captured), so they are left
// alone.
#include <cctype>
#include <optional>
#include <string>
#include <variant>

#include "lint/lint_internal.h"

namespace yaral::lint {
namespace {

// A place where a pattern decides whether an event matches.
struct RegexSite {
  std::string pattern;        // what RE2 sees
  SourceSpan span;            // the pattern as written
  bool nocase = false;        // the comparison or call carries `nocase`
  bool comparison = false;    // `x = /re/` (can become `x = "..."`)
};

std::vector<RegexSite> CollectSites(const ast::Rule& rule) {
  std::vector<RegexSite> sites;
  ForEachRootExpr(rule, [&sites](ast::SectionKind, const ast::Expr& root) {
    ForEachExpr(root, [&sites](const ast::Expr& e) {
      if (const auto* cmp = std::get_if<ast::Comparison>(&e.kind)) {
        if (cmp->op != ast::ComparisonOp::kEq && cmp->op != ast::ComparisonOp::kNe) return;
        for (const ast::ExprPtr* side : {&cmp->rhs, &cmp->lhs}) {
          if (!*side) continue;
          if (const auto* re = std::get_if<ast::RegexLiteral>(&(*side)->kind)) {
            sites.push_back({re->Unescaped(), (*side)->span, cmp->nocase, true});
          }
        }
        return;
      }
      const auto* call = std::get_if<ast::Call>(&e.kind);
      if (call == nullptr || call->name != "re.regex" || call->arguments.size() != 2) return;
      const ast::ExprPtr& arg = call->arguments[1].value;
      if (!arg) return;
      if (const auto* s = std::get_if<ast::StringLiteral>(&arg->kind)) {
        sites.push_back({s->value, arg->span, call->nocase, false});
      } else if (const auto* re = std::get_if<ast::RegexLiteral>(&arg->kind)) {
        sites.push_back({re->Unescaped(), arg->span, call->nocase, false});
      }
    });
  });
  return sites;
}

// `(?i)` anywhere, or a `(?i:...)` group.
bool HasCaseFlag(std::string_view pattern) {
  return pattern.find("(?i") != std::string_view::npos;
}

std::string_view StripLeadingFlags(std::string_view pattern) {
  if (pattern.starts_with("(?") && pattern.size() > 2) {
    size_t close = pattern.find(')');
    if (close != std::string_view::npos &&
        pattern.substr(2, close - 2).find_first_not_of("imsU") == std::string_view::npos) {
      return pattern.substr(close + 1);
    }
  }
  return pattern;
}

// The string an anchored pattern `^...$` matches exactly, or nothing when the
// pattern has any operator. Escaped punctuation (`\.`) is literal; escaped
// letters and digits are classes or assertions (`\d`, `\b`).
std::optional<std::string> ExactLiteral(std::string_view pattern) {
  pattern = StripLeadingFlags(pattern);
  if (pattern.size() < 2 || pattern.front() != '^' || pattern.back() != '$') return std::nullopt;
  std::string_view body = pattern.substr(1, pattern.size() - 2);
  if (!body.empty() && body.back() == '\\') return std::nullopt;  // `\$` is a literal dollar
  std::string literal;
  for (size_t i = 0; i < body.size(); ++i) {
    char c = body[i];
    if (c == '\\') {
      if (i + 1 >= body.size()) return std::nullopt;
      char next = body[i + 1];
      if (std::isalnum(static_cast<unsigned char>(next))) return std::nullopt;
      literal += next;
      ++i;
      continue;
    }
    if (std::string_view(".^$|?*+()[]{}").find(c) != std::string_view::npos) return std::nullopt;
    literal += c;
  }
  if (literal.empty()) return std::nullopt;  // `^$` is a test for emptiness
  return literal;
}

std::string Quote(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

// Whether the pattern ends with an unescaped `.*` (before an optional `$`).
bool EndsWithWildcard(std::string_view p) {
  if (p.ends_with("$") && !p.ends_with("\\$")) p.remove_suffix(1);
  if (p.ends_with("?")) p.remove_suffix(1);  // lazy `.*?`
  if (!p.ends_with(".*")) return false;
  size_t backslashes = 0;
  for (size_t i = p.size() - 2; i > 0 && p[i - 1] == '\\'; --i) ++backslashes;
  return backslashes % 2 == 0;
}

bool StartsWithWildcard(std::string_view p) {
  p = StripLeadingFlags(p);
  if (p.starts_with("^")) p.remove_prefix(1);
  return p.starts_with(".*");
}

// Whether the pattern matches every string, empty included: `.*` alone,
// maybe anchored, grouped or lazy. Such a test filters nothing.
bool MatchesEverything(std::string_view p) {
  p = StripLeadingFlags(p);
  if (p.starts_with("^")) p.remove_prefix(1);
  if (p.ends_with("$") && !p.ends_with("\\$")) p.remove_suffix(1);
  if (p.starts_with("(") && p.ends_with(")")) p = p.substr(1, p.size() - 2);
  if (p.starts_with("?:")) p.remove_prefix(2);
  return p.empty() || p == ".*" || p == ".*?";
}

// The offset of an unescaped `.` (outside a character class) followed by
// two to four letters or digits and then the end of the pattern, `$`, `|` or
// `)`: `cmd.exe$` meant `cmd\.exe$`. npos when there is none.
size_t UnescapedExtensionDot(std::string_view p) {
  bool in_class = false;
  for (size_t i = 0; i < p.size(); ++i) {
    char c = p[i];
    if (c == '\\') {
      ++i;
      continue;
    }
    if (in_class) {
      in_class = c != ']';
      continue;
    }
    if (c == '[') {
      in_class = true;
      continue;
    }
    if (c != '.' || i == 0) continue;
    // `x.exe` needs a name before the dot; `.*exe` and `(.exe)` are not it.
    if (!std::isalnum(static_cast<unsigned char>(p[i - 1])) && p[i - 1] != '_') continue;
    size_t j = i + 1;
    while (j < p.size() && std::isalnum(static_cast<unsigned char>(p[j]))) ++j;
    size_t run = j - i - 1;
    if (run < 2 || run > 4) continue;
    if (j == p.size() || p[j] == '$' || p[j] == '|' || p[j] == ')') return i;
  }
  return std::string_view::npos;
}

}  // namespace

void CheckRegexes(const RuleView& view, std::vector<Diagnostic>& out) {
  std::vector<RegexSite> sites = CollectSites(view.rule);
  const RegexSite* flag_site = nullptr;    // `(?i)` without nocase
  const RegexSite* nocase_site = nullptr;  // nocase without `(?i)`
  for (const RegexSite& site : sites) {
    if (MatchesEverything(site.pattern)) {
      out.push_back(MakeWarning(codes::kRegexMatchesEverything,
                                "this regex matches every value, so the test filters nothing",
                                site.span,
                                "remove the test, or use `!= \"\"` if a non-empty value was meant"));
      continue;  // the wildcard and equality checks would only repeat this
    }
    if (size_t dot = UnescapedExtensionDot(site.pattern); dot != std::string_view::npos) {
      size_t end = dot + 1;
      while (end < site.pattern.size() &&
             std::isalnum(static_cast<unsigned char>(site.pattern[end]))) {
        ++end;
      }
      std::string written(site.pattern.substr(dot, end - dot));
      out.push_back(MakeWarning(
          codes::kRegexUnescapedDot,
          "`" + written + "` matches any character before `" + written.substr(1) + "`",
          site.span, "escape the dot, `\\" + written + "`, to match a literal `.`"));
    }
    bool case_flag = HasCaseFlag(site.pattern);
    if (std::optional<std::string> literal = ExactLiteral(site.pattern)) {
      bool insensitive = case_flag || site.nocase;
      std::string replacement = Quote(*literal) + (insensitive ? " nocase" : "");
      Diagnostic d = MakeWarning(
          codes::kRegexCouldBeEquality, "this regex only matches the exact string " + Quote(*literal),
          site.span,
          site.comparison ? "compare with a string instead: `" + replacement + "`"
                          : "use `= " + replacement + "` instead of `re.regex`");
      // The fix is safe only for `x = /re/` without `(?i)`: `nocase` stays where it is.
      if (site.comparison && !case_flag) d.fixes.push_back({site.span, Quote(*literal)});
      out.push_back(std::move(d));
    }
    bool leading = StartsWithWildcard(site.pattern);
    bool trailing = EndsWithWildcard(site.pattern);
    if (leading || trailing) {
      std::string where = leading && trailing ? "begins and ends" : leading ? "begins" : "ends";
      Diagnostic d = MakeWarning(
          codes::kRegexLeadingTrailingWildcard, "regex " + where + " with `.*`, which matches nothing extra",
          site.span,
          "drop the `.*`: regex matching is unanchored, so `/foo/` already matches anywhere in the value");
      d.notes.push_back("a leading `.*` also makes the match slower");
      out.push_back(std::move(d));
    }
    if (case_flag && site.nocase) {
      out.push_back(MakeWarning(codes::kRegexCaseFlagWithNocase,
                                "`(?i)` is redundant: the comparison already has `nocase`", site.span,
                                "remove `(?i)` from the pattern"));
    }
    if (case_flag && !site.nocase && flag_site == nullptr) flag_site = &site;
    if (site.nocase && !case_flag && nocase_site == nullptr) nocase_site = &site;
  }
  if (flag_site != nullptr && nocase_site != nullptr) {
    Diagnostic d = MakeWarning(codes::kMixedCaseInsensitivity,
                               "this rule makes regexes case-insensitive both with `(?i)` and with `nocase`",
                               flag_site->span, "pick one style; `nocase` also works for string comparisons");
    d.secondary.push_back({nocase_site->span, "`nocase` used here"});
    out.push_back(std::move(d));
  }
}

}  // namespace yaral::lint

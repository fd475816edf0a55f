// Checks on a rule's identity: the meta fields a reviewer or SOC analyst
// expects, and the rule name matching the file it lives in.
#include <cctype>
#include <map>
#include <string>
#include <variant>

#include "lint/lint_internal.h"

namespace yaral::lint {
namespace {

constexpr std::string_view kRequiredMeta[] = {"author", "description", "severity"};

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i]))) {
      return false;
    }
  }
  return true;
}

void CheckMetaFields(const RuleView& view, std::vector<Diagnostic>& out) {
  std::string missing;
  for (std::string_view key : kRequiredMeta) {
    bool found = false;
    if (view.rule.meta) {
      for (const ast::KeyValue& kv : view.rule.meta->entries) {
        // Meta keys are free-form; `Author` or `SEVERITY` serve the purpose.
        if (EqualsIgnoreCase(kv.key, key)) found = true;
      }
    }
    if (!found) missing += (missing.empty() ? "`" : ", `") + std::string(key) + "`";
  }
  if (missing.empty()) return;
  SourceSpan span = view.rule.meta ? view.rule.meta->span : view.rule.name_span;
  std::string where = view.rule.meta ? "meta lacks " : "rule has no meta section; missing ";
  out.push_back(MakeWarning(codes::kMissingMetaFields, where + missing, span,
                            "add them, e.g. `author = \"...\"`, `description = \"...\"`, "
                            "`severity = \"Medium\"`"));
}

// The file name without directories and without the rule-file extension.
std::string FileStem(std::string_view name) {
  size_t slash = name.find_last_of("/\\");
  if (slash != std::string_view::npos) name.remove_prefix(slash + 1);
  for (std::string_view ext : {".yaral", ".yl2", ".yaral.txt"}) {
    if (name.ends_with(ext)) {
      name.remove_suffix(ext.size());
      break;
    }
  }
  return std::string(name);
}

// How many `rule NAME {` headers the file has outside comments and strings.
// LintRule sees one rule at a time, so it counts them in the text.
int CountRuleHeaders(std::string_view text) {
  int count = 0;
  auto is_ident = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; };
  for (size_t i = 0; i < text.size();) {
    if (text.substr(i, 2) == "//") {
      size_t end = text.find('\n', i);
      i = end == std::string_view::npos ? text.size() : end;
    } else if (text.substr(i, 2) == "/*") {
      size_t end = text.find("*/", i + 2);
      i = end == std::string_view::npos ? text.size() : end + 2;
    } else if (text[i] == '"' || text[i] == '`') {
      char quote = text[i++];
      while (i < text.size() && text[i] != quote) i += (text[i] == '\\' && quote == '"') ? 2 : 1;
      ++i;
    } else if (text.substr(i, 4) == "rule" && (i == 0 || !is_ident(text[i - 1])) &&
               i + 4 < text.size() && std::isspace(static_cast<unsigned char>(text[i + 4]))) {
      size_t j = i + 4;
      while (j < text.size() && std::isspace(static_cast<unsigned char>(text[j]))) ++j;
      size_t name_begin = j;
      while (j < text.size() && is_ident(text[j])) ++j;
      bool named = j > name_begin;
      while (j < text.size() && std::isspace(static_cast<unsigned char>(text[j]))) ++j;
      if (named && j < text.size() && text[j] == '{') ++count;
      i = j;
    } else {
      ++i;
    }
  }
  return count;
}

void CheckRuleName(const RuleView& view, std::vector<Diagnostic>& out) {
  const std::string& file = view.source.name();
  if (file.empty() || file == "<stdin>" || file == "-") return;
  if (CountRuleHeaders(view.source.text()) != 1) return;
  std::string stem = FileStem(file);
  if (stem.empty() || stem == view.rule.name) return;
  out.push_back(MakeWarning(codes::kRuleNameMismatch,
                            "rule `" + view.rule.name + "` is in a file named `" + stem + "`",
                            view.rule.name_span,
                            "rename the rule or the file so that they match; tools that sync "
                            "rules with SecOps identify them by file name"));
}

std::string Lowered(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// The levels SecOps shows for a detection's severity (Google's rules write
// them capitalised; case does not matter to a reader).
constexpr std::string_view kSeverityLevels[] = {"informational", "info", "low",
                                                 "medium",        "high", "critical"};

// Repeated keys, empty values and a severity SecOps has no level for: meta is
// what analysts read next to an alert, so a slip there is a slip in triage.
void CheckMetaValues(const RuleView& view, std::vector<Diagnostic>& out) {
  if (!view.rule.meta) return;
  std::map<std::string, const ast::KeyValue*> seen;
  for (const ast::KeyValue& kv : view.rule.meta->entries) {
    auto [it, fresh] = seen.emplace(Lowered(kv.key), &kv);
    if (!fresh) {
      Diagnostic d = MakeWarning(codes::kDuplicateMetaKey, "meta key `" + kv.key + "` is given twice",
                                 kv.key_span, "keep one of them; readers see only one value");
      d.secondary.push_back({it->second->key_span, "first given here"});
      out.push_back(std::move(d));
    }
    const auto* value = kv.value ? std::get_if<ast::StringLiteral>(&kv.value->kind) : nullptr;
    if (value == nullptr) continue;
    if (value->value.find_first_not_of(" \t") == std::string::npos) {
      out.push_back(MakeWarning(codes::kEmptyMetaValue, "meta `" + kv.key + "` is empty",
                                kv.value->span, "fill it in or remove the key"));
      continue;
    }
    if (Lowered(kv.key) != "severity") continue;
    bool known = false;
    for (std::string_view level : kSeverityLevels) known = known || Lowered(value->value) == level;
    if (known) continue;
    out.push_back(MakeWarning(codes::kUnknownMetaSeverity,
                              "severity `" + value->value + "` is not a SecOps severity level",
                              kv.value->span,
                              "use one of Informational, Low, Medium, High, Critical"));
  }
}

// Google's rules and the SecOps rule editor use lower snake_case names;
// a mixed-case name is easy to mistype in searches and API calls.
void CheckRuleNameCase(const RuleView& view, std::vector<Diagnostic>& out) {
  const std::string& name = view.rule.name;
  bool snake = !name.empty();
  for (char c : name) {
    snake = snake && (std::islower(static_cast<unsigned char>(c)) ||
                      std::isdigit(static_cast<unsigned char>(c)) || c == '_');
  }
  if (snake) return;
  out.push_back(MakeWarning(codes::kRuleNameNotSnakeCase,
                            "rule name `" + name + "` is not lower snake_case",
                            view.rule.name_span,
                            "rename it to `" + Lowered(name) + "` (and the file with it)"));
}

}  // namespace

void CheckMeta(const RuleView& view, std::vector<Diagnostic>& out) {
  CheckMetaFields(view, out);
  CheckRuleName(view, out);
  CheckMetaValues(view, out);
  CheckRuleNameCase(view, out);
}

}  // namespace yaral::lint

// CheckSource: parse, analyse each rule, lint it, resolve its reference lists
// when some are given, then apply the options' selection and the file's
// inline suppressions.
#include "yaral/checker.h"

#include <algorithm>
#include <map>

#include "check/list_references.h"
#include "lint/lint.h"
#include "schema/suggest.h"
#include "sema/analyzer.h"

namespace yaral {
namespace {

bool IsLintCode(const std::string& code) {
  // Errors are `E` + digits; lint codes are snake_case words.
  return code.empty() || code[0] != 'E' || code.size() < 2 || !std::isdigit(static_cast<unsigned char>(code[1]));
}

bool Contains(const std::vector<std::string>& list, const std::string& code) {
  return std::find(list.begin(), list.end(), code) != list.end();
}

// Whether the options keep a lint finding.
bool Selected(const CheckOptions& options, const std::string& code) {
  if (Contains(options.ignore, code)) return false;
  if (options.select.empty()) {
    for (const lint::LintCheckInfo& info : lint::AllLintChecks()) {
      if (info.code == code) return info.enabled_by_default;
    }
    return true;
  }
  return Contains(options.select, "all") || Contains(options.select, code);
}

void ReportDuplicateRuleNames(const ast::File& file, std::vector<Diagnostic>& diagnostics) {
  std::map<std::string, const ast::Rule*> seen;
  for (const ast::Rule& rule : file.rules) {
    auto [it, inserted] = seen.emplace(rule.name, &rule);
    if (inserted) continue;
    Diagnostic d = MakeDiagnostic(codes::kDuplicateRule,
                                  "rule `" + rule.name + "` is defined more than once in this file",
                                  rule.name_span);
    d.secondary.push_back({it->second->name_span, "first defined here"});
    d.help = "rename one of the rules";
    diagnostics.push_back(std::move(d));
  }
}

}  // namespace

std::string LintCodeProblem(std::string_view code, bool allow_all) {
  if (code == "all") return allow_all ? "" : "`all` can only be selected, not ignored";
  std::vector<std::string_view> names;
  for (const lint::LintCheckInfo& info : lint::AllLintChecks()) {
    if (info.code == code) return "";
    names.push_back(info.code);
  }
  if (!IsLintCode(std::string(code))) {
    return "`" + std::string(code) +
           "` is an error code; errors cannot be selected or ignored, only lint codes";
  }
  std::string problem = "unknown lint code `" + std::string(code) + "`";
  const std::vector<std::string_view> close = schema::SuggestNames(code, names, 1);
  if (!close.empty()) problem += "; did you mean `" + std::string(close.front()) + "`?";
  return problem + " (docs/lint.md lists them)";
}

bool KeepsLintFinding(const CheckOptions& options, const SourceFile& source,
                      const Diagnostic& diagnostic) {
  if (!IsLintCode(diagnostic.code) || diagnostic.severity == Severity::kError) return true;
  return options.lint && Selected(options, diagnostic.code) && !IsSuppressedInline(source, diagnostic);
}

CheckResult CheckSource(const SourceFile& source, const CheckOptions& options) {
  CheckResult result;
  ParseResult parsed = Parse(source, options.parse);
  result.file = std::move(parsed.file);
  std::vector<Diagnostic> all = std::move(parsed.diagnostics);

  ReportDuplicateRuleNames(result.file, all);
  for (const ast::Rule& rule : result.file.rules) {
    sema::RuleFacts facts = sema::AnalyzeRule(rule, all);
    if (options.lint) lint::LintRule(rule, facts, source, all);
    if (options.lists) check::CheckListReferences(rule, *options.lists, all, result.list_diagnostics);
  }

  for (Diagnostic& d : all) {
    if (!KeepsLintFinding(options, source, d)) {
      ++result.suppressed;
      continue;
    }
    result.diagnostics.push_back(std::move(d));
  }
  std::stable_sort(result.diagnostics.begin(), result.diagnostics.end(),
                   [](const Diagnostic& a, const Diagnostic& b) {
                     return a.primary.span.begin < b.primary.span.begin;
                   });
  return result;
}

}  // namespace yaral

// Runs the checker over every valid rule of the public corpus and prints how
// often each lint code fires: the numbers used to tune false positives. The
// only assertions are that nothing crashes and no lint finding is an error.
#include <catch2/catch.hpp>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <string>

#include "../../support/corpus.h"
#include "lint/lint.h"
#include "yaral/checker.h"

namespace yaral::lint {
namespace {

namespace fs = std::filesystem;

// Every lint check, default-off ones included.
CheckOptions AllChecks() {
  CheckOptions options;
  options.select = {"all"};
  return options;
}

TEST_CASE("corpus lint statistics") {
  fs::path corpus = fs::path(YARAL_SHARED_DIR) / "corpus";
  if (!fs::is_regular_file(corpus / "SOURCES.tsv")) {
    WARN("no corpus at " << corpus << "; skipped");
    return;
  }
  std::map<std::string, int> findings;   // code -> findings
  std::map<std::string, int> rules_hit;  // code -> rules with at least one
  int files = 0, rules = 0;
  for (const testing::CorpusFile& file : testing::LoadCorpus(corpus)) {
    if (file.kind != testing::CorpusKind::kValid) continue;
    // A file SOURCES.tsv lists but this copy of the corpus lacks has no rules
    // to count.
    if (!fs::is_regular_file(corpus / file.path)) continue;
    // The upstream name, so rule_name_mismatch sees the file name the rule
    // was published under rather than the corpus's flattened copy.
    SourceFile source(file.upstream_path, file.text);
    CheckResult result = CheckSource(source, AllChecks());
    ++files;
    rules += static_cast<int>(result.file.rules.size());
    std::map<std::string, std::map<uint32_t, bool>> per_rule;  // code -> rule begin
    for (const Diagnostic& d : result.diagnostics) {
      bool is_lint = false;
      for (const LintCheckInfo& info : AllLintChecks()) is_lint = is_lint || info.code == d.code;
      if (!is_lint) continue;
      CHECK(d.severity != Severity::kError);
      // LINT_SHOW=code prints that code's findings, for tuning.
      if (const char* show = std::getenv("LINT_SHOW"); show != nullptr && d.code == show) {
        std::printf("%s\n", RenderDiagnostic(d, source).c_str());
      }
      ++findings[d.code];
      for (const ast::Rule& rule : result.file.rules) {
        if (d.primary.span.begin >= rule.span.begin && d.primary.span.begin < rule.span.end) {
          per_rule[d.code][rule.span.begin] = true;
        }
      }
    }
    for (const auto& [code, hit] : per_rule) rules_hit[code] += static_cast<int>(hit.size());
  }
  std::printf("lint corpus: %d files, %d rules\n", files, rules);
  for (const LintCheckInfo& info : AllLintChecks()) {
    std::string code(info.code);
    std::printf("  %-34s %5d findings in %4d rules (%.1f%%)\n", code.c_str(), findings[code],
                rules_hit[code], rules == 0 ? 0.0 : 100.0 * rules_hit[code] / rules);
  }
}

}  // namespace
}  // namespace yaral::lint

// Runs `check --fix` (FixSource, every lint check selected, so that every
// kind of fix is tried) over every rule file of the
// public corpus (../shared/corpus, or $YARAL_CORPUS_DIR) and checks that it
// never makes a rule worse:
//   * a rule that checked without errors still does after its fixes;
//   * no fixed rule has an error its input did not have;
//   * text changes only when fixes were applied, and a refused fix leaves the
//     text as it was.
// Prints the fixes applied by code and the files where fixes were refused.
// Exits 77 (ctest: skipped) when the corpus is absent.
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "../support/corpus.h"
#include "yaral/checker.h"
#include "yaral/diagnostics.h"
#include "yaral/fixer.h"

namespace fs = std::filesystem;

namespace {

std::map<std::pair<std::string, std::string>, int> Errors(const std::vector<yaral::Diagnostic>& ds) {
  std::map<std::pair<std::string, std::string>, int> out;
  for (const yaral::Diagnostic& d : ds) {
    if (d.severity == yaral::Severity::kError) ++out[{d.code, d.message}];
  }
  return out;
}

}  // namespace

int main() {
  std::optional<fs::path> corpus = yaral::testing::CorpusDirectoryOrSkip();
  if (!corpus) return 77;
  yaral::CheckOptions options;
  options.select = {"all"};
  int files = 0, clean = 0, changed = 0, refused = 0, errors_fixed = 0;
  std::map<std::string, int> fixes_by_code;
  std::vector<std::string> failures;
  for (const yaral::testing::CorpusFile& file : yaral::testing::LoadCorpus(*corpus)) {
    if (!fs::is_regular_file(*corpus / file.path)) continue;
    ++files;
    const yaral::SourceFile source(file.path, file.text);
    const yaral::CheckResult before = yaral::CheckSource(source, options);
    const yaral::FixResult fixed = yaral::FixSource(source, options);
    const bool was_clean = !yaral::HasErrors(before.diagnostics);
    clean += was_clean;
    // The fixer's own re-check is what it reports; check the text it kept
    // independently.
    const yaral::CheckResult after =
        yaral::CheckSource(yaral::SourceFile(file.path, fixed.text), options);
    if (was_clean && yaral::HasErrors(after.diagnostics)) {
      failures.push_back(file.path + ": checked clean, but has errors after --fix");
    }
    std::map<std::pair<std::string, std::string>, int> allowed = Errors(before.diagnostics);
    for (const auto& [key, n] : Errors(after.diagnostics)) {
      if (n > allowed[key]) {
        failures.push_back(file.path + ": --fix added " + key.first + " " + key.second);
      }
    }
    if (fixed.changed() == (fixed.text == file.text)) {
      failures.push_back(file.path + ": text and applied fixes disagree");
    }
    if (!fixed.refusal.empty()) {
      ++refused;
      std::cout << "refused " << file.path << ": " << fixed.refusal << "\n";
    }
    if (!fixed.changed()) continue;
    ++changed;
    for (const yaral::Diagnostic& d : fixed.applied) {
      ++fixes_by_code[d.code];
      errors_fixed += d.severity == yaral::Severity::kError;
    }
  }
  for (const std::string& f : failures) std::cout << "FAIL " << f << "\n";
  for (const auto& [code, n] : fixes_by_code) std::printf("corpus fix: %s x%d\n", code.c_str(), n);
  std::printf("corpus fix: %d files, %d without errors; %d changed by --fix (%d errors fixed), "
              "%d with fixes refused\n",
              files, clean, changed, errors_fixed, refused);
  return failures.empty() && files > 0 ? 0 : 1;
}

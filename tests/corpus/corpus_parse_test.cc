// Parses every rule of the public corpus (../shared/corpus, or the folder in
// $YARAL_CORPUS_DIR) and checks it against the corpus's own notes:
//   * rules SecOps compiles parse with no diagnostic, and print back to text
//     that parses to the same tree (the printer round trip);
//   * rules marked INTENTIONALLY-INVALID or TEMPLATE-WITH-ELISION produce
//     diagnostics;
//   * synthetic token-coverage samples (never compiled by SecOps) only have
//     to come through without a crash; their diagnostics are counted.
// Exits 77 (ctest: skipped) with a message when the corpus is absent.
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include "../support/corpus.h"
#include "yaral/ast_printer.h"
#include "yaral/parser.h"

namespace fs = std::filesystem;
using yaral::testing::CorpusKind;

int main() {
  std::optional<fs::path> corpus = yaral::testing::CorpusDirectory();
  if (!corpus) {
    std::cout << "SKIP: no corpus at " << yaral::testing::CorpusLocation()
              << " (set YARAL_CORPUS_DIR or place ../shared beside the checkout)\n";
    return 77;
  }

  int valid = 0, valid_ok = 0, invalid = 0, invalid_ok = 0, synthetic = 0, synthetic_diags = 0;
  int round_trip_failures = 0, rules = 0;
  std::vector<std::string> failures;
  auto start = std::chrono::steady_clock::now();
  for (const yaral::testing::CorpusFile& file : yaral::testing::LoadCorpus(*corpus)) {
    // A file SOURCES.tsv lists but this copy of the corpus lacks is not the
    // parser's failure: passed over, not parsed as empty text.
    if (!fs::is_regular_file(*corpus / file.path)) continue;
    const std::string& name = file.path;
    yaral::SourceFile source(name, file.text);
    yaral::ParseResult result = yaral::Parse(source);
    rules += static_cast<int>(result.file.rules.size());
    switch (file.kind) {
      case CorpusKind::kValid: {
        ++valid;
        if (!result.diagnostics.empty()) {
          failures.push_back(yaral::RenderDiagnostic(result.diagnostics.front(), source));
          break;
        }
        yaral::SourceFile printed(name + " (printed)", yaral::PrintFile(result.file));
        yaral::ParseResult again = yaral::Parse(printed);
        if (!again.diagnostics.empty() || !yaral::SameStructure(result.file, again.file)) {
          ++round_trip_failures;
          failures.push_back(name + ": printed text does not parse back to the same tree" +
                             (again.diagnostics.empty()
                                  ? std::string()
                                  : "\n" + yaral::RenderDiagnostic(again.diagnostics.front(), printed)));
          break;
        }
        ++valid_ok;
        break;
      }
      case CorpusKind::kInvalid:
        ++invalid;
        if (yaral::HasErrors(result.diagnostics)) {
          ++invalid_ok;
        } else {
          failures.push_back(name + ": marked invalid in SOURCES.tsv but parsed without error");
        }
        break;
      case CorpusKind::kSynthetic:
        ++synthetic;
        if (!result.diagnostics.empty()) ++synthetic_diags;
        break;
    }
  }
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  for (const std::string& failure : failures) std::cout << "FAIL " << failure << "\n";
  std::printf("corpus: %d valid files parsed and round-tripped: %d/%d; %d rules in all\n", valid,
              valid_ok, valid, rules);
  std::printf("corpus: invalid files rejected: %d/%d\n", invalid_ok, invalid);
  std::printf("corpus: synthetic samples parsed without crash: %d (%d with diagnostics)\n",
              synthetic, synthetic_diags);
  std::printf("corpus: round-trip failures: %d; time %.2fs\n", round_trip_failures, seconds);
  return failures.empty() && valid > 0 ? 0 : 1;
}

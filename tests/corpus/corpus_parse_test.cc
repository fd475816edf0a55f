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
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "yaral/ast_printer.h"
#include "yaral/parser.h"

namespace fs = std::filesystem;

namespace {

enum class Expectation { kValid, kInvalid, kSynthetic };

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// file -> notes column of SOURCES.tsv.
std::map<std::string, std::string> ReadNotes(const fs::path& corpus) {
  std::map<std::string, std::string> notes;
  std::ifstream in(corpus / "SOURCES.tsv");
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    std::vector<std::string> columns;
    std::stringstream fields(line);
    std::string field;
    while (std::getline(fields, field, '\t')) columns.push_back(field);
    if (columns.size() >= 7) notes[columns[0]] = columns[6];
  }
  return notes;
}

Expectation Classify(const std::string& notes) {
  if (notes.find("INTENTIONALLY-INVALID") != std::string::npos ||
      notes.find("TEMPLATE-WITH-ELISION") != std::string::npos) {
    return Expectation::kInvalid;
  }
  if (notes.find("synthetic") != std::string::npos) return Expectation::kSynthetic;
  return Expectation::kValid;
}

}  // namespace

int main() {
  fs::path corpus;
  if (const char* dir = std::getenv("YARAL_CORPUS_DIR")) {
    corpus = dir;
  } else {
    corpus = fs::path(YARAL_SHARED_DIR) / "corpus";
  }
  if (!fs::is_regular_file(corpus / "SOURCES.tsv")) {
    std::cout << "SKIP: no corpus at " << corpus
              << " (set YARAL_CORPUS_DIR or place ../shared beside the checkout)\n";
    return 77;
  }
  std::map<std::string, std::string> notes = ReadNotes(corpus);

  int valid = 0, valid_ok = 0, invalid = 0, invalid_ok = 0, synthetic = 0, synthetic_diags = 0;
  int round_trip_failures = 0, rules = 0;
  std::vector<std::string> failures;
  auto start = std::chrono::steady_clock::now();
  for (const auto& [name, note] : notes) {
    fs::path path = corpus / name;
    if (path.extension() != ".yaral" || !fs::is_regular_file(path)) continue;
    yaral::SourceFile source(name, ReadFile(path));
    yaral::ParseResult result = yaral::Parse(source);
    rules += static_cast<int>(result.file.rules.size());
    switch (Classify(note)) {
      case Expectation::kValid: {
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
      case Expectation::kInvalid:
        ++invalid;
        if (yaral::HasErrors(result.diagnostics)) {
          ++invalid_ok;
        } else {
          failures.push_back(name + ": marked invalid in SOURCES.tsv but parsed without error");
        }
        break;
      case Expectation::kSynthetic:
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

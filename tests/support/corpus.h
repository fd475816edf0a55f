// The public rule corpus (../shared/corpus) as tests see it: its files and
// what SOURCES.tsv says about each. Header-only, for the tests that walk the
// corpus (tests/corpus, and the corpus checks of the schema, function and
// lint unit tests), so that each reads SOURCES.tsv the same way.
#ifndef YARAL_TESTS_SUPPORT_CORPUS_H_
#define YARAL_TESTS_SUPPORT_CORPUS_H_

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

namespace yaral::testing {

enum class CorpusKind {
  kValid,      // a rule SecOps compiles
  kInvalid,    // marked INTENTIONALLY-INVALID or TEMPLATE-WITH-ELISION
  kSynthetic,  // a lexer/parser token sample, never compiled by SecOps
};

struct CorpusFile {
  std::string path;           // relative to the corpus directory
  std::string upstream_path;  // the file's path in its source repository
  std::string text;
  CorpusKind kind = CorpusKind::kValid;
  // Google deprecated the SOC Prime rules (machine-converted from Sigma);
  // some hold errors Google documents (spec §12 items 1, 2).
  bool deprecated_soc_prime = false;
};

// Where the corpus is looked for: $YARAL_CORPUS_DIR, else
// YARAL_SHARED_DIR/corpus. Apart from CorpusDirectory so that a skip message
// can name the place that was empty.
inline std::filesystem::path CorpusLocation() {
  const char* env = std::getenv("YARAL_CORPUS_DIR");
  return env != nullptr ? std::filesystem::path(env)
                        : std::filesystem::path(YARAL_SHARED_DIR) / "corpus";
}

// The corpus directory, or nullopt when CorpusLocation() has no SOURCES.tsv.
inline std::optional<std::filesystem::path> CorpusDirectory() {
  std::filesystem::path dir = CorpusLocation();
  if (!std::filesystem::exists(dir / "SOURCES.tsv")) return std::nullopt;
  return dir;
}

// CorpusDirectory() for a test program that exits 77 (ctest: skipped) when
// there is no corpus: prints the skip message, naming the place looked at.
inline std::optional<std::filesystem::path> CorpusDirectoryOrSkip() {
  std::optional<std::filesystem::path> dir = CorpusDirectory();
  if (!dir) {
    std::cout << "SKIP: no corpus at " << CorpusLocation()
              << " (set YARAL_CORPUS_DIR or place ../shared beside the checkout)\n";
  }
  return dir;
}

// Every `.yaral` file SOURCES.tsv lists, in its order.
inline std::vector<CorpusFile> LoadCorpus(const std::filesystem::path& dir) {
  std::vector<CorpusFile> out;
  std::ifstream sources(dir / "SOURCES.tsv");
  std::string line;
  std::getline(sources, line);  // header
  while (std::getline(sources, line)) {
    std::vector<std::string> columns;
    std::stringstream fields(line);
    std::string field;
    while (std::getline(fields, field, '\t')) columns.push_back(field);
    if (columns.size() < 7 || std::filesystem::path(columns[0]).extension() != ".yaral") continue;
    CorpusFile file;
    file.path = columns[0];
    file.upstream_path = columns[2];
    std::ifstream in(dir / columns[0], std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    file.text = text.str();
    const std::string& notes = columns[6];
    if (notes.find("INTENTIONALLY-INVALID") != std::string::npos ||
        notes.find("TEMPLATE-WITH-ELISION") != std::string::npos) {
      file.kind = CorpusKind::kInvalid;
    } else if (notes.find("synthetic") != std::string::npos) {
      file.kind = CorpusKind::kSynthetic;
    }
    file.deprecated_soc_prime = file.path.find("rules___deprecated__soc_prime_rules") != std::string::npos;
    out.push_back(std::move(file));
  }
  return out;
}

}  // namespace yaral::testing

#endif  // YARAL_TESTS_SUPPORT_CORPUS_H_

// Formats every rule file of the public corpus (../shared/corpus, or the
// folder in $YARAL_CORPUS_DIR) and checks the formatter's contract on each
// file that parses:
//   * the formatted text parses to the same tree as the original;
//   * every comment of the original is still there, with the same text
//     (a line comment's trailing blanks aside);
//   * formatting the formatted text changes nothing.
// Files that do not parse are counted (the formatter leaves them alone), and
// every file that breaks the contract is named with the reason, so nothing is
// passed over in silence. Exits 77 (ctest: skipped) when the corpus is absent.
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "../support/corpus.h"
#include "yaral/ast_printer.h"
#include "yaral/diagnostics.h"
#include "yaral/formatter.h"
#include "yaral/parser.h"

namespace fs = std::filesystem;

namespace {

// The comments of a parse as text, sorted: the formatter may move a comment
// (sections are put in order), but never drops or rewrites one.
std::vector<std::string> CommentTexts(const yaral::SourceFile& source,
                                      const yaral::ParseResult& parsed) {
  std::vector<std::string> texts;
  for (yaral::SourceSpan span : parsed.comments) {
    std::string text(source.Slice(span));
    if (text.starts_with("//")) {
      while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r')) {
        text.pop_back();
      }
    }
    texts.push_back(std::move(text));
  }
  std::sort(texts.begin(), texts.end());
  return texts;
}

}  // namespace

int main() {
  std::optional<fs::path> corpus = yaral::testing::CorpusDirectoryOrSkip();
  if (!corpus) return 77;
  int files = 0, formatted = 0, unchanged = 0, not_parsed = 0;
  std::map<std::string, int> failures_by_reason;
  std::vector<std::string> failures;
  std::set<std::string> failed_files;
  auto fail = [&](const std::string& name, const std::string& reason, const std::string& detail) {
    ++failures_by_reason[reason];
    failed_files.insert(name);
    failures.push_back(name + ": " + reason + (detail.empty() ? "" : "\n" + detail));
  };
  for (const yaral::testing::CorpusFile& file : yaral::testing::LoadCorpus(*corpus)) {
    if (!fs::is_regular_file(*corpus / file.path)) continue;
    ++files;
    const yaral::SourceFile source(file.path, file.text);
    const yaral::ParseResult original = yaral::Parse(source);
    const yaral::FormatResult result = yaral::FormatSource(source);
    if (yaral::HasErrors(original.diagnostics)) {
      ++not_parsed;
      if (result.ok() || result.text != file.text) fail(file.path, "a file with errors was changed", "");
      continue;
    }
    if (!result.ok()) {
      fail(file.path, "a file that parses was not formatted", "");
      continue;
    }
    ++formatted;
    unchanged += result.text == file.text;
    const yaral::SourceFile output(file.path + " (formatted)", result.text);
    const yaral::ParseResult again = yaral::Parse(output);
    if (yaral::HasErrors(again.diagnostics)) {
      fail(file.path, "the formatted text does not parse",
           yaral::RenderDiagnostic(again.diagnostics.front(), output) + result.text);
      continue;
    }
    if (!yaral::SameStructure(original.file, again.file)) {
      fail(file.path, "the formatted text parses to another tree", result.text);
    }
    if (CommentTexts(source, original) != CommentTexts(output, again)) {
      fail(file.path, "comments were lost or changed", result.text);
    }
    const yaral::FormatResult twice = yaral::FormatSource(output);
    if (twice.text != result.text) {
      fail(file.path, "formatting twice changes the text", "first:\n" + result.text + "second:\n" + twice.text);
    }
  }
  for (const std::string& f : failures) std::cout << "FAIL " << f << "\n";
  for (const auto& [reason, n] : failures_by_reason) {
    std::printf("corpus fmt: %s: %d\n", reason.c_str(), n);
  }
  std::printf("corpus fmt: %d files; %d formatted (%d already canonical), %d left alone (syntax errors)\n",
              files, formatted, unchanged, not_parsed);
  std::printf("corpus fmt: files that break the contract: %zu\n", failed_files.size());
  return failures.empty() && formatted > 0 ? 0 : 1;
}

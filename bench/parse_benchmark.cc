// Parse throughput over the public corpus: how long does the front end take
// per rule? `yaral check` must stay well under a second per hundred rules, so
// parsing has to be a small part of that.
//
// Reads every *.yaral under $YARAL_CORPUS_DIR (default ../shared/corpus)
// into memory once, then times Parse over the whole set.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "yaral/parser.h"

namespace {

namespace fs = std::filesystem;

const std::vector<yaral::SourceFile>& Corpus() {
  static const std::vector<yaral::SourceFile>* corpus = [] {
    auto* files = new std::vector<yaral::SourceFile>;
    const char* env = std::getenv("YARAL_CORPUS_DIR");
    fs::path dir = env != nullptr ? fs::path(env) : fs::path(YARAL_SHARED_DIR) / "corpus";
    if (!fs::is_directory(dir)) return files;
    for (const auto& entry : fs::recursive_directory_iterator(dir)) {
      if (entry.path().extension() != ".yaral") continue;
      std::ifstream in(entry.path(), std::ios::binary);
      std::ostringstream text;
      text << in.rdbuf();
      files->emplace_back(entry.path().string(), text.str());
    }
    return files;
  }();
  return *corpus;
}

void BM_ParseCorpus(benchmark::State& state) {
  const auto& corpus = Corpus();
  if (corpus.empty()) {
    state.SkipWithError("no corpus: set YARAL_CORPUS_DIR");
    return;
  }
  size_t bytes = 0;
  for (const auto& file : corpus) bytes += file.text().size();
  size_t rules = 0;
  for (auto _ : state) {
    for (const auto& file : corpus) {
      yaral::ParseResult result = yaral::Parse(file);
      rules += result.file.rules.size();
      benchmark::DoNotOptimize(result);
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(bytes * state.iterations()));
  state.counters["files/s"] = benchmark::Counter(
      static_cast<double>(corpus.size() * state.iterations()), benchmark::Counter::kIsRate);
  state.counters["rules/s"] = benchmark::Counter(static_cast<double>(rules),
                                                 benchmark::Counter::kIsRate);
}
BENCHMARK(BM_ParseCorpus)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();

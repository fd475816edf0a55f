// Compiles every valid rule of the public corpus into a plan and runs it
// over every shipped UDM sample event (../shared/udm-samples), with the
// reference lists of corpus/_support. Exits 77 (ctest: skipped) when
// ../shared is absent.
//
// Passing means: each rule compiles (the documented exceptions below are
// counted), and the run finishes without crashing or hanging. Detections
// and runtime errors are counted and printed: the samples are a handful of
// unrelated events, so few rules fire.
//
// It is also the differential test of the rule set (issue 14): with the
// path of yaral_udm_generator as its argument, a seeded generated stream is
// added to the samples, and every rule run alone must give exactly the
// detections (the same JSON texts) that it gives when all rules run together
// in one Engine, where the dispatch index and the shared read gate decide
// which rules see which events. Alone, rules run with explanations on, which
// turns both shortcuts off.
//
// Exceptions, each counted:
//   - deprecated SOC Prime rules with the compile errors Google documents
//     (E201/E300), as in corpus.check;
//   - lists the corpus names but does not ship: replaced by empty lists of
//     the kind the rule uses them as (a rule cannot run without its lists);
//   - data-table row variables (`$row in data_table.x`), which need
//     SecOps's back end (E800, docs/semantics.md).
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "../support/corpus.h"
#include "yaral/engine.h"
#include "yaral/event_source.h"

namespace fs = std::filesystem;

namespace {

std::vector<std::string> LoadSampleEvents(const fs::path& dir) {
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.path().extension() == ".json") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  std::vector<std::string> events;
  for (const fs::path& file : files) {
    absl::StatusOr<yaral::EventSource> source = yaral::EventSource::Open(file.string());
    if (!source.ok()) continue;
    yaral::RawEvent event;
    while (source->Next(event)) events.emplace_back(event.json);
  }
  return events;
}

// About 2,400 events from the benchmark's generator (seed 7): the shapes
// and event types most corpus rules filter on, with repeating hosts and
// users so windowed rules group.
std::vector<std::string> GenerateEvents(const std::string& generator, const fs::path& out) {
  const std::string command = generator + " --bytes 2000000 --seed 7 --out " + out.string() + " > /dev/null";
  if (std::system(command.c_str()) != 0) return {};
  std::vector<std::string> events;
  std::ifstream in(out);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) events.push_back(line);
  }
  fs::remove(out);
  return events;
}

// Lists the rule names that the loaded set lacks, as empty lists of the
// kind the rule's text uses them as.
void AddMissingLists(const std::string& text, yaral::ReferenceListSet& lists) {
  static const std::regex kUse(
      R"((in\s+(regex|cidr)\s+)?(?:%|in\s+reference_list\.)([A-Za-z_][A-Za-z0-9_.]*))");
  for (auto it = std::sregex_iterator(text.begin(), text.end(), kUse); it != std::sregex_iterator(); ++it) {
    const std::string name = (*it)[3];
    if (name.find('.') != std::string::npos) continue;  // %table.column
    if (lists.Find(name) != nullptr) continue;
    const std::string kind = (*it)[2];
    lists.Add(name,
              kind == "regex"  ? yaral::ast::ListKind::kRegex
              : kind == "cidr" ? yaral::ast::ListKind::kCidr
                               : yaral::ast::ListKind::kString,
              {});
  }
}

}  // namespace

int main(int argc, char** argv) {
  std::optional<fs::path> corpus = yaral::testing::CorpusDirectory();
  const fs::path samples = fs::path(YARAL_SHARED_DIR) / "udm-samples";
  if (!corpus || !fs::exists(samples)) {
    std::cout << "SKIP: no corpus or udm-samples under " << YARAL_SHARED_DIR << "\n";
    return 77;
  }
  std::vector<std::string> events = LoadSampleEvents(samples);
  const size_t sample_events = events.size();
  if (argc > 1) {
    std::vector<std::string> generated = GenerateEvents(argv[1], fs::temp_directory_path() / "yaral-corpus-run.ndjson");
    if (generated.empty()) {
      std::cout << "FAIL: " << argv[1] << " generated no events\n";
      return 1;
    }
    events.insert(events.end(), generated.begin(), generated.end());
  }
  // Per rule name, the detections of each rule run alone.
  std::map<std::string, std::vector<std::string>> alone;
  std::vector<yaral::CompiledRule> pack;
  int compiled = 0, valid = 0, deprecated = 0, row_variables = 0, with_stand_in_lists = 0;
  int64_t detections = 0, runtime_errors = 0, refused_times = 0;
  std::set<std::string> stand_ins;
  std::vector<std::string> failures;
  for (const yaral::testing::CorpusFile& file : yaral::testing::LoadCorpus(*corpus)) {
    if (file.kind != yaral::testing::CorpusKind::kValid) continue;
    ++valid;
    yaral::ReferenceListLoad load = yaral::ReferenceListSet::LoadDirectory((*corpus / "_support").string());
    const size_t shipped = load.set.size();
    AddMissingLists(file.text, load.set);
    if (load.set.size() > shipped) {
      ++with_stand_in_lists;
      for (const std::string& name : load.set.Names()) stand_ins.insert(name);
    }
    yaral::CompileOptions options;
    options.lists = std::make_shared<const yaral::ReferenceListSet>(std::move(load.set));
    yaral::SourceFile source(file.path, file.text);
    yaral::CompileResult result = yaral::CompileRules(source, options);
    if (!result.ok()) {
      // A row variable also makes its field reads and its `in` fail: all
      // E800s of such a rule are that one limitation.
      bool documented = true, row_variable = false;
      for (const yaral::Diagnostic& d : result.diagnostics) {
        row_variable = row_variable || (d.code == "E800" && d.message.find("data-table row") != std::string::npos);
      }
      for (const yaral::Diagnostic& d : result.diagnostics) {
        if (d.severity != yaral::Severity::kError) continue;
        const bool soc_prime = file.deprecated_soc_prime && (d.code == "E201" || d.code == "E300");
        documented = documented && (soc_prime || (row_variable && d.code == "E800"));
      }
      if (documented) {
        (row_variable ? row_variables : deprecated) += 1;
        continue;
      }
      for (const yaral::Diagnostic& d : result.diagnostics) {
        if (d.severity == yaral::Severity::kError) {
          failures.push_back(yaral::RenderDiagnostic(d, source, {.color = false, .show_source = false}));
        }
      }
      continue;
    }
    ++compiled;
    pack.insert(pack.end(), result.rules.begin(), result.rules.end());
    // Alone and with explanations on: every filter of the rule is tested on
    // every event (no read gate, no dispatch), the reference the pack is
    // compared with.
    yaral::EngineOptions exhaustive;
    exhaustive.explain = [](std::string_view, std::string_view) {};
    yaral::Engine engine(result.rules, exhaustive);
    engine.OnDetection([&](const yaral::Detection& d) { alone[d.rule].push_back(yaral::DetectionToJson(d)); });
    for (const std::string& event : events) engine.Feed(event).IgnoreError();
    // Two shared samples (a docs template) carry "<current_time>" as their
    // event time: refused as unreadable (docs/events.md), never read as 1970.
    // Any other refusal is a failure.
    for (const auto& [reason, count] : engine.stats().invalid_by_reason) {
      if (reason != "bad_timestamp") {
        failures.push_back(file.path + ": " + std::to_string(count) + " sample events refused (" + reason + ")\n");
      }
    }
    refused_times = engine.stats().invalid_by_reason.contains("bad_timestamp")
                        ? engine.stats().invalid_by_reason.at("bad_timestamp")
                        : 0;
    engine.Finish();
    detections += engine.stats().detections;
    runtime_errors += engine.stats().runtime_errors;
  }
  // The same rules as one pack.
  std::map<std::string, std::vector<std::string>> together;
  yaral::Engine engine(pack);
  engine.OnDetection([&](const yaral::Detection& d) { together[d.rule].push_back(yaral::DetectionToJson(d)); });
  for (const std::string& event : events) engine.Feed(event).IgnoreError();
  engine.Finish();
  // Rule names repeat across corpus files: compare each name's detections
  // as a multiset.
  for (auto* side : {&alone, &together}) {
    for (auto& [rule, detections] : *side) std::sort(detections.begin(), detections.end());
  }
  int differing = 0;
  for (const auto* side : {&alone, &together}) {
    for (const auto& [rule, detections] : *side) {
      const auto& other = side == &alone ? together : alone;
      auto it = other.find(rule);
      const bool same = it != other.end() && it->second == detections;
      if (same || (side == &together && alone.contains(rule))) continue;  // reported once
      ++differing;
      failures.push_back("rule " + rule + ": " + std::to_string(alone.contains(rule) ? alone.at(rule).size() : 0) +
                         " detections run alone, " +
                         std::to_string(together.contains(rule) ? together.at(rule).size() : 0) +
                         " in the pack, or different ones\n");
    }
  }
  for (const std::string& f : failures) std::cout << "FAIL " << f;
  std::printf("corpus run: %zu events (%zu samples, %lld refused for an unreadable time)\n", events.size(),
              sample_events, static_cast<long long>(refused_times));
  std::printf("corpus run: %zu rules in one pack: %lld detections, %d rules whose detections differ from "
              "their run alone\n",
              pack.size(), static_cast<long long>(engine.stats().detections), differing);
  std::printf("corpus run: valid rules compiled and run: %d/%d\n", compiled, valid);
  std::printf("corpus run: deprecated SOC Prime rules with documented errors: %d\n", deprecated);
  std::printf("corpus run: rules with data-table row variables (not runnable locally): %d\n", row_variables);
  std::printf("corpus run: rules run with empty stand-ins for lists the corpus lacks: %d\n",
              with_stand_in_lists);
  std::printf("corpus run: detections: %lld, runtime errors: %lld\n", static_cast<long long>(detections),
              static_cast<long long>(runtime_errors));
  return failures.empty() && compiled > 0 ? 0 : 1;
}

// Running a loaded test file: compile its rule file once, then each case on
// a fresh Engine, and compare what came out with what the case expects.

#include <chrono>
#include <cstdint>
#include <memory>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "testing_internal.h"
#include "yaral/data_tables.h"
#include "yaral/diagnostics.h"
#include "yaral/engine.h"
#include "yaral/event_source.h"
#include "yaral/reference_lists.h"
#include "yaral/rule_test.h"
#include "yaral/source.h"

namespace yaral {
namespace {

// Fixtures list events in whatever order reads best, so no event may count
// as late: windows stay open until Finish(). Ten years is beyond any
// fixture and far from overflowing a timestamp.
constexpr int64_t kFixtureLatenessSeconds = int64_t{10} * 366 * 86400;

double SecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

std::vector<std::string> SplitLines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// What is shared by every case of a file: the compiled rules, or why there
// are none.
struct PreparedRules {
  std::vector<CompiledRule> rules;
  // When not empty the rule file does not compile; every case fails with
  // these lines.
  std::vector<std::string> failure;
};

class FileRunner {
 public:
  FileRunner(const RuleTestFile& file, const RuleTestOptions& options, RuleTestFileResult& result)
      : file_(file), options_(options), result_(result) {}

  void Run() {
    std::vector<const TestCase*> selected;
    for (const TestCase& test_case : file_.cases) {
      const std::string id = file_.path + "::" + test_case.name;
      if (options_.selected ? options_.selected(id) : id.find(options_.select) != std::string::npos) {
        selected.push_back(&test_case);
      }
    }
    if (selected.empty()) return;  // nothing to compile for
    std::optional<PreparedRules> rules = Prepare();
    if (!rules) return;
    for (const TestCase* test_case : selected) {
      result_.cases.push_back(RunCase(*test_case, *rules));
      // A rule that does not compile fails every case for one reason: its
      // errors are reported under the first case only.
      if (!rules->failure.empty()) {
        rules->failure = {"the rule file " + file_.rule_path +
                          " does not compile (its errors are under the first case)"};
      }
      if (options_.stop_at_first_failure && result_.cases.back().status != CaseStatus::kPassed) {
        break;
      }
    }
  }

 private:
  void Error(const TestFilePosition& where, std::string message) {
    result_.errors.push_back({file_.path, where, std::move(message)});
  }

  // Lists and tables with errors would make cases fail or pass for reasons
  // that have nothing to do with the rule, so they stop the file.
  bool Sourced(const std::vector<SourcedDiagnostic>& diagnostics, const TestFilePosition& where,
               const char* what) {
    bool ok = true;
    for (const SourcedDiagnostic& d : diagnostics) {
      if (d.diagnostic.severity != Severity::kError) continue;
      std::vector<std::string> lines = SplitLines(RenderSourcedDiagnostic(d));
      Error(where, std::string(what) + ": " + (lines.empty() ? d.diagnostic.message : lines[0]));
      ok = false;
    }
    return ok;
  }

  std::optional<PreparedRules> Prepare() {
    absl::StatusOr<std::string> text = testing_internal::ReadTextFile(file_.rule_path);
    if (!text.ok()) {
      Error(file_.rule_where, "rule file: " + std::string(text.status().message()));
      return std::nullopt;
    }
    CompileOptions options;
    if (!file_.lists_dir.empty()) {
      ReferenceListLoad lists = ReferenceListSet::LoadDirectory(file_.lists_dir);
      if (!Sourced(lists.diagnostics, file_.lists_where, "lists")) return std::nullopt;
      options.lists = std::make_shared<const ReferenceListSet>(std::move(lists.set));
    }
    if (!file_.tables_dir.empty()) {
      DataTableLoad tables = DataTableSet::LoadDirectory(file_.tables_dir);
      if (!Sourced(tables.diagnostics, file_.tables_where, "tables")) return std::nullopt;
      options.tables = std::make_shared<const DataTableSet>(std::move(tables.set));
    }
    const SourceFile source(file_.rule_path, *std::move(text));
    CompileResult compiled = CompileRules(source, options);
    PreparedRules prepared;
    if (!compiled.ok()) {
      prepared.failure.push_back("the rule file " + file_.rule_path + " has errors:");
      RenderOptions render;
      render.color = false;
      for (const Diagnostic& d : compiled.diagnostics) {
        if (d.severity != Severity::kError) continue;
        for (const std::string& line : SplitLines(RenderDiagnostic(d, source, render))) {
          prepared.failure.push_back("  " + line);
        }
      }
    } else if (compiled.rules.empty()) {
      prepared.failure.push_back("the rule file " + file_.rule_path + " holds no rule");
    }
    prepared.rules = std::move(compiled.rules);
    return prepared;
  }

  CaseResult RunCase(const TestCase& test_case, const PreparedRules& rules) {
    const auto start = std::chrono::steady_clock::now();
    CaseResult result;
    result.name = test_case.name;
    result.where = test_case.where;
    if (!rules.failure.empty()) {
      result.status = CaseStatus::kFailed;
      result.failure = rules.failure;
      result.seconds = SecondsSince(start);
      return result;
    }

    EngineOptions options;
    options.allowed_lateness_seconds = kFixtureLatenessSeconds;
    // now_seconds stays unset: the engine's "latest event time seen" is a
    // clock that belongs to the fixture, like a rule run just after its
    // events arrived. The case's start would put "now" before every event
    // at `+5m`.
    options.explain = [&result, this](std::string_view rule, std::string_view message) {
      if (result.explanations.size() < options_.max_explanations) {
        result.explanations.push_back(std::string(rule) + ": " + std::string(message));
      }
      ++result.explanations_total;
    };
    {
      // Scoped so that the engine, which holds the explain callback and its
      // reference to `result`, is gone before `result` is returned.
      Engine engine(rules.rules, options);
      for (const TestEvent& event : test_case.events) {
        if (std::optional<std::string> problem = Feed(engine, event)) {
          result.status = CaseStatus::kError;
          result.failure.push_back(FormatTestFileError({file_.path, event.where, *problem}));
          break;
        }
      }
      if (result.status != CaseStatus::kError) {
        engine.Finish();
        result.detections = engine.TakeDetections();
        result.failure = CheckExpectations(test_case.expect, result.detections);
        if (!result.failure.empty()) {
          result.status = CaseStatus::kFailed;
          AddEngineNotes(engine.stats(), result.failure);
        }
      }
    }
    result.seconds = SecondsSince(start);
    return result;
  }

  // Feeds one item of `events:`; returns what went wrong, if anything.
  static std::optional<std::string> Feed(Engine& engine, const TestEvent& event) {
    if (event.file.empty()) {
      absl::Status fed = engine.Feed(event.json);
      if (!fed.ok()) return "inline event refused: " + std::string(fed.message());
      return std::nullopt;
    }
    EventSourceOptions read;
    // A fixture file with a bad line is a broken test, not noise to skip.
    read.on_error = OnError::kFail;
    absl::StatusOr<EventSource> source = EventSource::Open(event.file, read);
    // The reader's messages name the file (and the line).
    if (!source.ok()) return "cannot read events: " + std::string(source.status().message());
    RawEvent raw;
    while (source->Next(raw)) {
      absl::Status fed = engine.Feed(raw);
      if (!fed.ok()) {
        return "cannot read events: " + event.file + ":" + std::to_string(raw.line) + ": " +
               std::string(fed.message());
      }
    }
    if (!source->status().ok()) {
      return "cannot read events: " + std::string(source->status().message());
    }
    return std::nullopt;
  }

  static void AddEngineNotes(const EngineStats& stats, std::vector<std::string>& out) {
    for (const auto& [message, count] : stats.runtime_errors_by_message) {
      out.push_back("runtime error (" + std::to_string(count) + "x): " + message);
    }
    if (stats.late_events > 0) {
      out.push_back(std::to_string(stats.late_events) + " events arrived too late to count");
    }
  }

  const RuleTestFile& file_;
  const RuleTestOptions& options_;
  RuleTestFileResult& result_;
};

}  // namespace

RuleTestFileResult RunRuleTestFile(const RuleTestFile& file, const RuleTestOptions& options) {
  const auto start = std::chrono::steady_clock::now();
  RuleTestFileResult result;
  result.path = file.path;
  FileRunner(file, options, result).Run();
  result.seconds = SecondsSince(start);
  return result;
}

}  // namespace yaral

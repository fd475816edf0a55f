// `yaral test`: run rule unit tests (docs/testing.md).
//
// Paths may be test files or directories, searched recursively for
// `*.test.yaml` (and `*.test.yml`). Every file is run even when another is
// invalid, so one run reports everything. The report is this verb's result
// and goes to stdout; the summary line and errors go to stderr, as for
// `check`. Exit code: 2 if a path could not be read, a test file is invalid
// or no case ran, else 1 if any case failed, else 0.

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <set>
#include <string>
#include <system_error>
#include <utility>
#include <vector>

#include "CLI/CLI.hpp"
#include "cli_common.h"
#include "commands.h"
#include "path_expansion.h"
#include "test_selection.h"
#include "yaral/engine.h"
#include "yaral/rule_test.h"

namespace yaral::cli {
namespace {

namespace fs = std::filesystem;

struct TestFlags {
  std::vector<std::string> paths;
  std::string select;
  std::string format = "text";
  std::string junit;
  std::string color = "auto";
  bool exit_first = false;     // -x
  bool last_failed = false;    // --lf
  bool quiet = false;          // -q
  bool verbose = false;        // -v
};

bool IsTestFile(const fs::path& path) {
  const std::string name = path.filename().string();
  return name.ends_with(".test.yaml") || name.ends_with(".test.yml");
}

struct Totals {
  size_t cases = 0;
  size_t passed = 0;
  size_t failed = 0;
  size_t errors = 0;  // cases that could not run, and invalid files
};

Totals Count(const std::vector<RuleTestFileResult>& results) {
  Totals totals;
  for (const RuleTestFileResult& result : results) {
    if (!result.errors.empty()) ++totals.errors;
    for (const CaseResult& c : result.cases) {
      ++totals.cases;
      if (c.status == CaseStatus::kPassed) ++totals.passed;
      if (c.status == CaseStatus::kFailed) ++totals.failed;
      if (c.status == CaseStatus::kError) ++totals.errors;
    }
  }
  return totals;
}

const char* StatusName(CaseStatus status) {
  switch (status) {
    case CaseStatus::kPassed: return "passed";
    case CaseStatus::kFailed: return "failed";
    case CaseStatus::kError: return "error";
  }
  return "";
}

// One line per case, and under a case that did not pass what went wrong:
// the differences first, then the engine's explanations, folded to a count
// unless -v (they run long for multi-event rules). -q leaves out the PASS
// lines.
void PrintText(const RuleTestFileResult& result, bool color, const TestFlags& flags) {
  for (const CaseResult& c : result.cases) {
    if (flags.quiet && c.status == CaseStatus::kPassed) continue;
    const char* word = c.status == CaseStatus::kPassed  ? "PASS"
                       : c.status == CaseStatus::kFailed ? "FAIL"
                                                         : "ERROR";
    const char* paint = c.status == CaseStatus::kPassed ? "\033[32m" : "\033[1;31m";
    if (color) {
      std::cout << paint << word << "\033[0m";
    } else {
      std::cout << word;
    }
    std::cout << ' ' << result.path << "::" << c.name << '\n';
    if (flags.verbose || c.explanations.empty()) {
      for (const std::string& line : CaseReport(c)) std::cout << "    " << line << '\n';
      continue;
    }
    for (const std::string& line : c.failure) std::cout << "    " << line << '\n';
    if (c.status == CaseStatus::kFailed) {
      std::cout << "    why events did not contribute: " << c.explanations_total
                << (c.explanations_total == 1 ? " explanation" : " explanations")
                << " (-v shows them)\n";
    }
  }
}

Json DetectionJson(const Detection& detection) {
  Json parsed = Json::parse(DetectionToJson(detection), nullptr, /*allow_exceptions=*/false);
  return parsed.is_discarded() ? Json(DetectionToJson(detection)) : parsed;
}

Json ResultsJson(const std::vector<RuleTestFileResult>& results,
                 const std::vector<std::string>& rules, double seconds) {
  Json files = Json::array();
  for (size_t i = 0; i < results.size(); ++i) {
    const RuleTestFileResult& result = results[i];
    Json errors = Json::array();
    for (const TestFileError& e : result.errors) errors.push_back(FormatTestFileError(e));
    Json cases = Json::array();
    for (const CaseResult& c : result.cases) {
      Json detections = Json::array();
      for (const Detection& d : c.detections) detections.push_back(DetectionJson(d));
      cases.push_back(Json{{"name", c.name},
                           {"line", c.where.line},
                           {"status", StatusName(c.status)},
                           {"time", c.seconds},
                           {"report", CaseReport(c)},
                           {"detections", std::move(detections)}});
    }
    files.push_back(Json{{"file", result.path},
                         {"rule", rules[i]},
                         {"errors", std::move(errors)},
                         {"time", result.seconds},
                         {"cases", std::move(cases)}});
  }
  const Totals totals = Count(results);
  return Json{{"files", std::move(files)},
              {"summary", Json{{"cases", totals.cases},
                               {"passed", totals.passed},
                               {"failed", totals.failed},
                               {"errors", totals.errors},
                               {"time", seconds}}}};
}

bool WriteFile(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  out.close();
  if (!out) {
    PrintError("cannot write '" + path + "': " + std::strerror(errno));
    return false;
  }
  return true;
}

std::string Plural(size_t n, const char* noun) {
  return std::to_string(n) + " " + noun + (n == 1 ? "" : "s");
}

int RunTest(const TestFlags& flags) {
  const auto start = std::chrono::steady_clock::now();
  const bool text = flags.format == "text";
  const bool color = text && UseColor(flags.color, STDOUT_FILENO);

  bool io_error = false;
  const std::vector<std::string> files =
      ExpandPaths(flags.paths.empty() ? std::vector<std::string>{"."} : flags.paths,
                  {.wanted = IsTestFile, .description = "test files", .normalize = true}, io_error);

  RuleTestOptions options;
  if (!flags.select.empty()) {
    auto expression = ParseCaseExpression(flags.select);
    if (!expression.ok()) {
      PrintError(std::string(expression.status().message()));
      return kExitUsageOrIo;
    }
    options.selected = *std::move(expression);
  }
  const fs::path cache = kLastFailedPath;
  const std::set<std::string> previously_failed = ReadLastFailed(cache);
  if (flags.last_failed) {
    if (previously_failed.empty()) {
      std::cerr << "yaral: no failed cases recorded in " << cache.string()
                << "; running every selected case\n";
    } else {
      auto by_k = options.selected;
      options.selected = [&previously_failed, by_k](std::string_view id) {
        return previously_failed.count(std::string(id)) == 1 && (!by_k || by_k(id));
      };
    }
  }
  options.stop_at_first_failure = flags.exit_first;
  std::vector<RuleTestFileResult> results;
  std::vector<std::string> rules;  // per result, for JSON
  bool stopped = false;
  for (const std::string& path : files) {
    if (stopped) break;
    RuleTestLoad load = LoadRuleTestFile(path);
    RuleTestFileResult result;
    if (load.ok()) {
      result = RunRuleTestFile(load.file, options);
    } else {
      result.path = path;
      result.errors = std::move(load.errors);
    }
    // With -k, files without a selected case are left out of every report.
    if (result.cases.empty() && result.errors.empty()) continue;
    for (const TestFileError& e : result.errors) std::cerr << FormatTestFileError(e) << '\n';
    for (const CaseResult& c : result.cases) {
      if (c.status != CaseStatus::kError) continue;
      for (const std::string& line : c.failure) std::cerr << line << '\n';
    }
    if (text) {
      PrintText(result, color, flags);
      std::cout.flush();
    }
    // -x: the first case (or file) that does not pass ends the run.
    if (flags.exit_first) {
      stopped = !result.errors.empty() ||
                std::any_of(result.cases.begin(), result.cases.end(),
                            [](const CaseResult& c) { return c.status != CaseStatus::kPassed; });
    }
    rules.push_back(load.file.rule_path);
    results.push_back(std::move(result));
  }

  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (flags.format == "json") {
    std::cout << DumpJson(ResultsJson(results, rules, seconds)) << '\n';
  } else if (flags.format == "junit") {
    std::cout << WriteJUnitReport(results);
  }
  std::cout.flush();
  if (!flags.junit.empty() && !WriteFile(flags.junit, WriteJUnitReport(results))) io_error = true;

  // --lf's memory: what passed leaves it, what did not pass joins it.
  std::set<std::string> passed;
  std::set<std::string> failed;
  for (const RuleTestFileResult& result : results) {
    for (const CaseResult& c : result.cases) {
      (c.status == CaseStatus::kPassed ? passed : failed).insert(result.path + "::" + c.name);
    }
  }
  WriteLastFailed(cache, previously_failed, passed, failed);

  const Totals totals = Count(results);
  char time[32];
  std::snprintf(time, sizeof time, "%.2fs", seconds);
  std::cerr << Plural(totals.cases, "case") << ", " << totals.passed << " passed, "
            << totals.failed << " failed";
  if (totals.errors > 0) std::cerr << ", " << Plural(totals.errors, "error");
  std::cerr << " in " << time;
  if (stopped) std::cerr << " (stopped at the first failure: -x)";
  std::cerr << '\n';

  if (totals.cases == 0 && totals.errors == 0 && !io_error) {
    // A typo in -k or in a path must not look like a passing suite in CI.
    PrintError(flags.select.empty() ? std::string("no test cases found (test files are named "
                                                  "*.test.yaml)")
                                    : "no test case matches -k '" + flags.select + "'");
    return kExitUsageOrIo;
  }
  if (io_error || totals.errors > 0) return kExitUsageOrIo;
  return totals.failed > 0 ? kExitRuleErrors : kExitOk;
}

}  // namespace

Command AddTestCommand(CLI::App& parent) {
  auto flags = std::make_shared<TestFlags>();
  CLI::App* app = parent.add_subcommand(
      "test", "Run rule unit tests: events in, expected detections out (*.test.yaml)");
  app->add_option("PATH", flags->paths,
                  "Test files, or directories searched recursively for *.test.yaml "
                  "(default: the current directory)")
      ->type_name("");
  app->add_option("-k", flags->select,
                  "Run only the cases whose 'FILE::NAME' matches: a substring, or words "
                  "with and/or/not and parentheses (-k \"login and not slow\"); case is "
                  "ignored")
      ->type_name("EXPRESSION");
  app->add_flag("-x,--exitfirst", flags->exit_first, "Stop at the first case that does not pass");
  app->add_flag("--lf,--last-failed", flags->last_failed,
                "Run only the cases that did not pass last time (recorded in "
                ".yaral_cache/test/lastfailed under the current directory); all when none");
  app->add_flag("-q,--quiet", flags->quiet, "Leave out the PASS lines");
  app->add_flag("-v,--verbose", flags->verbose,
                "Show the engine's explanations under a failure in full, not as a count");
  app->add_option("--format", flags->format,
                  "Report on stdout: text (a line per case, a diff per failure), json, "
                  "junit (JUnit XML)")
      ->check(CLI::IsMember({"text", "json", "junit"}))
      ->capture_default_str();
  app->add_option("--junit", flags->junit, "Also write a JUnit XML report to FILE")
      ->type_name("FILE");
  app->add_option("--color", flags->color,
                  "Colour PASS and FAIL: auto (only on a terminal), always, never")
      ->check(CLI::IsMember(std::vector<std::string>(std::begin(kColorModes),
                                                     std::end(kColorModes))))
      ->capture_default_str();
  app->footer(
      "Exit codes: 0 every case passed, 1 some case failed, 2 usage or I/O error, an "
      "invalid test file, or no case to run.");
  return {app, [flags] { return RunTest(*flags); }};
}

}  // namespace yaral::cli

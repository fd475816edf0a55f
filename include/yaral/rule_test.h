// Rule unit tests: a YAML file of cases (events in, detections expected)
// beside a rule, loaded, run on the engine and reported (`yaral test`).
//
//   yaral::RuleTestLoad load = yaral::LoadRuleTestFile("rules/login.test.yaml");
//   for (const yaral::TestFileError& e : load.errors)
//     std::cerr << yaral::FormatTestFileError(e) << "\n";  // FILE:LINE:COL: error: ...
//   if (!load.ok()) return;
//   yaral::RuleTestFileResult result = yaral::RunRuleTestFile(load.file);
//   for (const yaral::CaseResult& c : result.cases)
//     if (c.status == yaral::CaseStatus::kFailed) Show(c.failure);  // the diff
//   std::string xml = yaral::WriteJUnitReport({result});
//
// The file format is docs/testing.md. In short: `rule:` names one rule file
// (all its rules run), `lists:` / `tables:` optional directories, `start:` the
// base time of relative times (`+5m`), and `cases:`, each with `events`
// (inline UDM mappings or `file:` items in any format EventSource reads) and
// `expect` (`none`, or `detections:` and/or `match:` entries compared
// partially: only the keys a case states).
//
// Errors are values; nothing here throws (yaml-cpp's exceptions are caught
// inside). A file that cannot be loaded, a missing rule or event file, a
// bad relative time or an unknown key is a TestFileError with the test
// file's line and column. A case that ran and did not meet its expectations
// is a CaseResult with status kFailed and the diff lines.
//
// Thread-safety: everything here is a plain function over values; run
// different files on different threads freely.
#ifndef YARAL_RULE_TEST_H_
#define YARAL_RULE_TEST_H_

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "yaral/engine.h"
#include "yaral/udm_values.h"
#include "yaral/value.h"

namespace yaral {

// ------------------------------------------------------------------ format

// A place in a test file; 1-based, 0 when unknown.
struct TestFilePosition {
  int line = 0;
  int column = 0;
};

struct TestFileError {
  std::string file;  // the path of the file the position is in
  TestFilePosition where;
  std::string message;  // one line, no trailing period
};

// "FILE:LINE:COL: error: MESSAGE" (the position left out when unknown).
std::string FormatTestFileError(const TestFileError& error);

// One item of a case's `events:`: exactly one of `json` and `file` is set.
struct TestEvent {
  TestFilePosition where;
  // An inline event as a JSON object: YAML scalars keep their types, and
  // relative times in metadata.event_timestamp are resolved.
  std::string json;
  // A `file:` item, resolved against the test file's directory.
  std::string file;
};

// One entry of `expect.match`; unset or empty members are not compared.
struct ExpectedDetection {
  TestFilePosition where;
  std::optional<std::string> rule;
  std::vector<NamedValue> match;     // names without `$`, in file order
  std::vector<NamedValue> outcomes;  // names without `$`, in file order
  std::optional<UdmTimestamp> window_start;
  std::optional<UdmTimestamp> window_end;
  // Distinct events per event variable (name without `$`).
  std::vector<std::pair<std::string, int64_t>> events;
};

struct Expectations {
  TestFilePosition where;
  std::optional<int64_t> detections;  // exact count; `expect: none` is 0
  std::vector<ExpectedDetection> match;
};

struct TestCase {
  std::string name;
  TestFilePosition where;
  UdmTimestamp start;  // base of the case's relative times
  std::vector<TestEvent> events;
  Expectations expect;
};

struct RuleTestFile {
  std::string path;  // as given to the loader
  std::string rule_path;  // resolved against the test file's directory
  TestFilePosition rule_where;
  std::string lists_dir;  // resolved; empty when not given
  TestFilePosition lists_where;
  std::string tables_dir;  // resolved; empty when not given
  TestFilePosition tables_where;
  UdmTimestamp start;  // default 2026-01-01T00:00:00Z
  std::vector<TestCase> cases;
};

struct RuleTestLoad {
  RuleTestFile file;
  std::vector<TestFileError> errors;  // all found, in file order
  bool ok() const { return errors.empty(); }
};

// Reads and validates a test file. Relative paths in it are resolved against
// its directory; the rule file and the list and table directories must
// exist (event files are read when the case runs).
RuleTestLoad LoadRuleTestFile(const std::string& path);
// The same for text already in memory; `path` names it in errors and is the
// base of its relative paths.
RuleTestLoad ParseRuleTestFile(std::string_view text, const std::string& path);

// ------------------------------------------------------------------ times

// The default base time of relative times.
inline constexpr UdmTimestamp kDefaultTestStart{1767225600, 0};  // 2026-01-01T00:00:00Z

// True when `text` is written as a relative time (starts with `+` or `-`).
bool IsRelativeTime(std::string_view text);
// `+5m`, `+1h30m`, `-2h`, `+0s`: a sign, then one or more `<digits><unit>`
// with units s, m, h, d. Returns the offset in seconds; InvalidArgument
// saying what is wrong otherwise.
absl::StatusOr<int64_t> ParseRelativeTime(std::string_view text);
// A relative time added to `base`, or an absolute RFC 3339 time.
absl::StatusOr<UdmTimestamp> ResolveTestTime(std::string_view text, UdmTimestamp base);

// ------------------------------------------------------------------ expectations

// Typed comparison of an expected value with a detection's: numbers by value
// (40 equals 40.0; floats within a relative 1e-9), strings with strings and
// bytes, bools with bools, lists element by element in any order (aggregation
// order is not defined), the zero value (YAML null) with any zero value.
// Returns what differs ("expected 40, got \"40\" (a string)") or nullopt.
std::optional<std::string> CompareTestValue(const Value& expected, const Value& actual);

// The ways `detection` differs from `expected`, one line each
// ("match.host: expected \"ws-01\", got \"ws-02\""); empty when it satisfies
// it.
std::vector<std::string> DiffDetection(const ExpectedDetection& expected,
                                       const Detection& detection);

// A detection on one line for reports: rule, match, window, outcomes and
// event counts.
std::string DescribeDetection(const Detection& detection);

// Checks every expectation of a case. Each `match` entry needs a distinct
// detection satisfying it (a maximum bipartite matching, so the order of
// entries and detections does not matter). Returns the failure report, one
// line each (nested lines indented by two spaces); empty when the case
// passes.
std::vector<std::string> CheckExpectations(const Expectations& expect,
                                           const std::vector<Detection>& detections);

// ------------------------------------------------------------------ running

struct RuleTestOptions {
  // Runs only the cases whose "PATH::NAME" contains this text; empty runs all.
  std::string select;
  // When set, runs only the cases whose "PATH::NAME" it accepts (and
  // `select` is not used): `yaral test -k` expressions, `--lf`.
  std::function<bool(std::string_view id)> selected;
  // Stops after the first case that does not pass (`yaral test -x`).
  bool stop_at_first_failure = false;
  // Explanations kept per case for its report (EngineOptions::explain).
  size_t max_explanations = 20;
};

enum class CaseStatus {
  kPassed,
  kFailed,  // ran; the expectations were not met (or the rule has errors)
  kError,   // could not run: an event file could not be read
};

struct CaseResult {
  std::string name;
  TestFilePosition where;
  CaseStatus status = CaseStatus::kPassed;
  double seconds = 0;
  // Why it failed or could not run, one line each; nested lines are
  // indented by two spaces.
  std::vector<std::string> failure;
  std::vector<Detection> detections;  // what the rules produced
  // The engine's explanations of events and windows that did not produce a
  // detection ("rule: message"), at most max_explanations, and how many
  // there were in all.
  std::vector<std::string> explanations;
  size_t explanations_total = 0;
};

struct RuleTestFileResult {
  std::string path;
  std::vector<CaseResult> cases;  // the selected cases, in file order
  // Problems that stopped the whole file: an unloadable test file, a rule
  // or list that cannot be read. (A case that could not run is kError, its
  // failure the formatted TestFileError.)
  std::vector<TestFileError> errors;
  double seconds = 0;
};

// Compiles the rule file once and runs each selected case on a fresh Engine
// (all its events fed, then Finish), with the fixtures' clock.
RuleTestFileResult RunRuleTestFile(const RuleTestFile& file, const RuleTestOptions& options = {});

// ------------------------------------------------------------------ reports

// What a report shows under a case that did not pass: its failure lines,
// then the engine's explanations ("why events did not contribute"). Empty
// for a passed case.
std::vector<std::string> CaseReport(const CaseResult& result);

// JUnit XML as CI systems read it: <testsuites>, one <testsuite> per file
// (named by its path), one <testcase classname=PATH name=CASE time=S> per
// case, <failure message=FIRST LINE> holding the whole report, and <error>
// for files or cases that could not run.
std::string WriteJUnitReport(const std::vector<RuleTestFileResult>& results);

}  // namespace yaral

#endif  // YARAL_RULE_TEST_H_

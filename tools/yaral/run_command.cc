// `yaral run`: run rules over UDM events and print their detections.
//
// Detections are the result, so they go to stdout (one JSON object a line,
// or one text line each); diagnostics, read errors, explanations, the
// progress line and the summary go to stderr. Exit code: 1 when a rule does
// not compile, 2 for usage or I/O errors (an unreadable file, a list or
// table with errors, a malformed event with --on-error fail), else 0 however
// many detections there were. Input of which not one event could be read is
// an error (2) too, naming what the input looked like.

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <iostream>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "CLI/CLI.hpp"
#include "cli_common.h"
#include "commands.h"
#include "rule_loading.h"
#include "yaral/engine.h"
#include "yaral/event_source.h"
#include "yaral/raw_telemetry.h"
#include "yaral/udm_values.h"

namespace yaral::cli {
namespace {

struct RunFlags {
  std::vector<std::string> rules;
  std::string events = "-";
  std::string lists;
  std::string tables;
  std::string format = "json";
  std::string on_error = "skip";
  std::string from = "udm";
  bool all_events = false;
  bool explain = false;
  int64_t lateness_seconds = 3600;
  // Limits on what a windowed rule holds (docs/semantics.md#limits).
  size_t max_rows_per_key = EngineOptions().max_rows_per_key;
  size_t max_keys_per_rule = EngineOptions().max_keys_per_rule;
  size_t max_bindings_per_window = EngineOptions().max_bindings_per_window;
  std::string now;
  std::string color = "auto";
  bool progress = true;
};

// Read errors beyond this many are counted, not printed one by one.
constexpr int kMaxPrintedReadErrors = 20;

std::string TextLine(const Detection& d) {
  std::string out = d.rule + "  [" + FormatTimestamp(d.window.start) + ", " +
                    FormatTimestamp(d.window.end) + "]";
  for (const NamedValue& m : d.match) out += "  " + m.name + "=" + m.value.DebugString();
  for (const NamedValue& o : d.outcomes) out += "  $" + o.name + "=" + o.value.DebugString();
  for (const EventSamples& e : d.events) out += "  #" + e.variable + "=" + std::to_string(e.total);
  return out;
}

// ", 3 refused (bad_timestamp: 1, time_out_of_range: 2)"; nothing for 0.
void AppendByReason(std::string& summary, int64_t total, std::string_view what,
                    const std::map<std::string, int64_t>& by_reason) {
  if (total == 0) return;
  summary += ", " + std::to_string(total) + " " + std::string(what) + " (";
  bool first = true;
  for (const auto& [reason, count] : by_reason) {
    summary += (first ? "" : ", ") + reason + ": " + std::to_string(count);
    first = false;
  }
  summary += ")";
}

class Progress {
 public:
  explicit Progress(bool enabled) : enabled_(enabled), start_(Clock::now()), last_(start_) {}

  void Update(const ReadStats& read, int64_t detections, bool force = false) {
    if (!enabled_) return;
    const auto now = Clock::now();
    if (!force && now - last_ < std::chrono::milliseconds(500)) return;
    last_ = now;
    const double seconds = std::chrono::duration<double>(now - start_).count();
    std::fprintf(stderr, "\r%.1f MB, %lld events (%.0f events/s), %lld detections   ",
                 static_cast<double>(read.bytes) / 1e6, static_cast<long long>(read.events),
                 seconds > 0 ? static_cast<double>(read.events) / seconds : 0.0,
                 static_cast<long long>(detections));
    shown_ = true;
  }

  void Clear() {
    if (shown_) std::fprintf(stderr, "\r%*s\r", 70, "");
  }

  double Seconds() const { return std::chrono::duration<double>(Clock::now() - start_).count(); }

 private:
  using Clock = std::chrono::steady_clock;
  bool enabled_;
  bool shown_ = false;
  Clock::time_point start_;
  Clock::time_point last_;
};

int RunRulesCommand(const RunFlags& flags) {
  CompileOptions compile_options;
  if (!LoadListsAndTables(flags.lists, flags.tables, compile_options)) return kExitUsageOrIo;
  std::vector<CompiledRule> rules;
  const int loaded = CompileRuleFiles(flags.rules, compile_options, flags.color, rules);
  if (loaded != kExitOk) return loaded;

  EngineOptions options;
  options.max_samples = flags.all_events ? 0 : 10;
  options.allowed_lateness_seconds = flags.lateness_seconds;
  options.max_rows_per_key = flags.max_rows_per_key;
  options.max_keys_per_rule = flags.max_keys_per_rule;
  options.max_bindings_per_window = flags.max_bindings_per_window;
  if (!flags.now.empty()) {
    absl::StatusOr<UdmTimestamp> now = ParseTimestamp(flags.now);
    if (!now.ok()) {
      PrintError("--now: " + std::string(now.status().message()));
      return kExitUsageOrIo;
    }
    options.now_seconds = now->seconds;
  }
  if (flags.explain) {
    options.explain = [](std::string_view rule, std::string_view message) {
      std::cerr << "explain: " << rule << ": " << message << "\n";
    };
  }

  int printed_errors = 0;
  EventSourceOptions source_options;
  source_options.on_error = flags.on_error == "fail" ? OnError::kFail : OnError::kSkip;
  source_options.format = *ParseInputFormat(flags.from);
  std::string source_name = flags.events == "-" ? std::string(kStdinName) : flags.events;
  source_options.on_read_error = [&](const ReadError& error) {
    if (++printed_errors <= kMaxPrintedReadErrors) {
      std::cerr << FormatReadError(source_name, error) << "\n";
    }
  };
  absl::StatusOr<EventSource> source = EventSource::Open(flags.events, source_options);
  if (!source.ok()) {
    PrintError(std::string(source.status().message()));
    return kExitUsageOrIo;
  }

  Engine engine(rules, options);
  const bool json = flags.format == "json";
  engine.OnDetection([json](const Detection& d) {
    std::cout << (json ? DetectionToJson(d) : TextLine(d)) << "\n";
  });
  Progress progress(flags.progress && isatty(STDERR_FILENO) != 0);
  RawEvent event;
  int64_t refused = 0;
  bool failed = false;
  while (source->Next(event)) {
    absl::Status fed = engine.Feed(event);
    if (!fed.ok() && ++refused <= kMaxPrintedReadErrors) {
      std::cerr << source_name << ":" << event.line << ": " << fed.message() << "\n";
    }
    if (!fed.ok() && source_options.on_error == OnError::kFail) {
      failed = true;
      break;
    }
    progress.Update(source->stats(), engine.stats().detections);
  }
  engine.Finish();
  std::cout.flush();
  progress.Clear();

  const ReadStats& read = source->stats();
  const EngineStats& stats = engine.stats();
  std::string summary = std::to_string(read.events) + " events read";
  AppendByReason(summary, read.skipped, "skipped", read.skipped_by_reason);
  AppendByReason(summary, stats.invalid_events, "refused", stats.invalid_by_reason);
  if (stats.late_events > 0) summary += ", " + std::to_string(stats.late_events) + " too late for their windows";
  summary += "; " + std::to_string(stats.detections) + " detection" + (stats.detections == 1 ? "" : "s") +
             " from " + std::to_string(rules.size()) + " rule" + (rules.size() == 1 ? "" : "s");
  if (stats.suppressed > 0) summary += " (" + std::to_string(stats.suppressed) + " suppressed)";
  if (stats.dropped_by_limits > 0) {
    summary += "; " + std::to_string(stats.dropped_by_limits) + " dropped by limits";
  }
  char seconds[32];
  std::snprintf(seconds, sizeof seconds, " in %.2fs", progress.Seconds());
  std::cerr << summary << seconds << "\n";
  for (const auto& [message, count] : stats.runtime_errors_by_message) {
    std::cerr << "runtime error (" << count << "x): " << message << "\n";
  }
  for (const LimitDrop& d : stats.limit_drops) {
    std::cerr << "limit " << d.limit << " (rule " << d.rule << "): " << d.count << " dropped";
    const char* separator = "; keys: ";
    for (const auto& [key, count] : d.keys) {
      std::cerr << separator << "{" << key << "} " << count;
      separator = ", ";
    }
    if (d.other_keys > 0) std::cerr << " and " << d.other_keys << " more from other keys";
    std::cerr << "\n";
  }
  if (!source->status().ok()) {
    PrintError(std::string(source->status().message()));
    return kExitUsageOrIo;
  }
  if (failed) return kExitUsageOrIo;
  // Input that held not one usable event is not a quiet run with no
  // detections: it is usually a file of another kind.
  if (stats.events == 0 && read.head.find_first_not_of(" \t\r\n") != std::string::npos) {
    PrintError(source_name + ": no event could be read; the input looks like " + DescribeInputHead(read.head));
    return kExitUsageOrIo;
  }
  return kExitOk;
}

}  // namespace

Command AddRunCommand(CLI::App& parent) {
  auto flags = std::make_shared<RunFlags>();
  CLI::App* app = parent.add_subcommand("run", "Run rules over UDM events and print detections");
  app->add_option("RULE", flags->rules,
                  "Rule files, or directories searched recursively for *.yaral (every rule runs)")
      ->required()
      ->type_name("");
  app->add_option("--events", flags->events,
                  "UDM events: NDJSON, a JSON array or API envelopes (docs/events.md); "
                  "'-' reads standard input")
      ->capture_default_str()
      ->type_name("FILE");
  AddFromOption(*app, flags->from);
  app->add_option("--lists", flags->lists, "Directory of reference lists (docs/lists.md)")
      ->type_name("DIR");
  app->add_option("--tables", flags->tables, "Directory of data tables, CSV (docs/lists.md)")
      ->type_name("DIR");
  app->add_option("--format", flags->format,
                  "Detections on stdout: json (one object a line) or text")
      ->check(CLI::IsMember({"json", "text"}))
      ->capture_default_str();
  app->add_flag("--all-events", flags->all_events,
                "Put every contributing event in a detection, not the first 10 per variable");
  app->add_option("--on-error", flags->on_error,
                  "A malformed event: skip it (counted and reported) or fail the run")
      ->check(CLI::IsMember({"skip", "fail"}))
      ->capture_default_str();
  app->add_option("--lateness", flags->lateness_seconds,
                  "Seconds an event may arrive behind the latest event time seen and still "
                  "join its windows")
      ->capture_default_str()
      ->type_name("SECONDS");
  app->add_option("--max-rows-per-key", flags->max_rows_per_key,
                  "Rows one match key of a windowed rule holds for its open windows; more are "
                  "dropped and counted in the summary")
      ->capture_default_str()
      ->type_name("N");
  app->add_option("--max-keys-per-rule", flags->max_keys_per_rule,
                  "Match keys one windowed rule holds rows for at once; rows of more keys are "
                  "dropped and counted")
      ->capture_default_str()
      ->type_name("N");
  app->add_option("--max-bindings-per-window", flags->max_bindings_per_window,
                  "Joined bindings of one key's window; a window with more is cut and counted")
      ->capture_default_str()
      ->type_name("N");
  app->add_option("--now", flags->now,
                  "The time timestamp.now() returns (RFC 3339); default: the latest event time")
      ->type_name("TIME");
  app->add_flag("--explain", flags->explain,
                "Say on stderr why events and windows did not produce a detection");
  app->add_flag("!--no-progress", flags->progress, "Never show the progress line");
  app->add_option("--color", flags->color, "Colour diagnostics: auto, always, never")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->capture_default_str();
  return {app, [flags] { return RunRulesCommand(*flags); }};
}

}  // namespace yaral::cli

// `yaral check`: validate rule files offline as SecOps would, plus lint.
//
// Paths may be files or directories (searched recursively for `*.yaral`).
// Every file is checked even when another could not be read, so one run
// reports everything. The diagnostics are this verb's result, so they go to
// stdout in every format; the summary line and I/O errors go to stderr.
// Exit code: 2 if a path could not be read or the config is invalid, else 1
// if any rule has errors (or warnings, with --werror), else 0.

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <deque>
#include <filesystem>
#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <system_error>
#include <utility>
#include <vector>

#include "CLI/CLI.hpp"
#include "check_config.h"
#include "cli_common.h"
#include "commands.h"
#include "path_expansion.h"
#include "yaral/checker.h"
#include "yaral/diagnostic_writers.h"
#include "yaral/diagnostics.h"

namespace yaral::cli {
namespace {

namespace fs = std::filesystem;


struct CheckFlags {
  std::vector<std::string> paths;
  std::string format = "text";
  bool werror = false;
  bool no_lint = false;
  std::vector<std::string> select;
  std::vector<std::string> ignore;
  std::string config;
  std::string lists;
  std::string color = "auto";
  // To tell "not given" (use the config) from "given".
  CLI::Option* select_option = nullptr;
  CLI::Option* ignore_option = nullptr;
};

std::string Plural(size_t n, const char* noun) {
  return std::to_string(n) + " " + noun + (n == 1 ? "" : "s");
}

// Rule names must be unique across everything deployed together, not only
// within one file (CheckSource reports those). Reports each later
// definition, pointing at the first one by file and line.
class CrossFileNames {
 public:
  void Check(const SourceFile& source, const ast::File& file, const CheckOptions& options,
             std::vector<Diagnostic>& out, int& suppressed) {
    std::set<std::string> in_this_file;
    bool added = false;
    for (const ast::Rule& rule : file.rules) {
      // A repeat within the file is CheckSource's to report.
      if (!in_this_file.insert(rule.name).second) continue;
      const SourceLocation where = source.Locate(rule.name_span.begin);
      auto [it, inserted] =
          first_.emplace(rule.name, source.name() + ":" + std::to_string(where.line));
      if (inserted) continue;
      // A warning, not an error: SecOps compiles each rule on its own, and a
      // repository may keep an old copy of a rule beside the new one.
      Diagnostic d;
      d.severity = Severity::kWarning;
      d.code = "duplicate_rule_name";
      d.message = "rule `" + rule.name + "` is already defined in another file";
      d.primary.span = rule.name_span;
      d.notes.push_back("first defined in " + it->second);
      d.help = "rename one of the rules so that detections can be told apart";
      if (!KeepsLintFinding(options, source, d)) {
        ++suppressed;
        continue;
      }
      out.push_back(std::move(d));
      added = true;
    }
    if (added) {
      std::stable_sort(out.begin(), out.end(), [](const Diagnostic& a, const Diagnostic& b) {
        return a.primary.span.begin < b.primary.span.begin;
      });
    }
  }

 private:
  std::map<std::string, std::string> first_;  // rule name -> "file:line"
};

// Config from --config, else the nearest .yaral.yaml, else the defaults.
std::optional<CheckConfig> ResolveConfig(const CheckFlags& flags) {
  std::optional<fs::path> path;
  if (!flags.config.empty()) {
    path = flags.config;
  } else {
    std::error_code error;
    fs::path cwd = fs::current_path(error);
    if (!error) path = FindCheckConfig(cwd);
  }
  if (!path) return CheckConfig{};
  absl::StatusOr<CheckConfig> config = LoadCheckConfig(*path);
  if (!config.ok()) {
    PrintError(std::string(config.status().message()));
    return std::nullopt;
  }
  return *std::move(config);
}

std::string FormatSeconds(double seconds) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.2fs", seconds);
  return buffer;
}

int RunCheck(const CheckFlags& flags) {
  const auto start = std::chrono::steady_clock::now();

  std::optional<CheckConfig> config = ResolveConfig(flags);
  if (!config) return kExitUsageOrIo;
  if (!flags.lists.empty()) {
    // Only validated for now: list names are resolved by a later change.
    std::error_code error;
    if (!fs::is_directory(flags.lists, error)) {
      PrintError("--lists '" + flags.lists + "': " +
                 (fs::exists(flags.lists, error) ? std::string("not a directory")
                                                 : std::string("No such file or directory")));
      return kExitUsageOrIo;
    }
  }

  CheckOptions base;
  base.lint = !flags.no_lint;
  // Flags replace the config's lists rather than extending them, so a
  // command line says exactly what is selected.
  if (flags.select_option->count() > 0) {
    base.select = flags.select;
  } else if (config->select) {
    base.select = *config->select;
  }
  base.ignore = flags.ignore_option->count() > 0 ? flags.ignore : config->ignore;
  const bool werror = flags.werror || config->werror;

  const bool text = flags.format == "text";
  RenderOptions render;
  render.color = text && UseColor(flags.color, STDOUT_FILENO);

  bool io_error = false;
  const std::vector<std::string> paths =
      ExpandPaths(flags.paths, {.wanted = IsRuleFile, .description = ".yaral files", .warn_if_empty = true},
                  io_error);

  // The machine formats are written once at the end and need each file's
  // text for positions; a deque keeps the addresses stable.
  std::deque<SourceFile> sources;
  std::vector<FileDiagnostics> all;
  CrossFileNames names;
  size_t files = 0;
  size_t rules = 0;
  int suppressed = 0;
  DiagnosticCounts totals;

  for (const std::string& path : paths) {
    absl::StatusOr<SourceFile> source = ReadSourceFile(path);
    if (!source.ok()) {
      PrintError(std::string(source.status().message()));
      io_error = true;
      continue;
    }
    CheckOptions options = base;
    if (path != kStdinPath) {
      std::vector<std::string> extra = PerFileIgnores(*config, path);
      options.ignore.insert(options.ignore.end(), extra.begin(), extra.end());
    }
    CheckResult result = CheckSource(*source, options);
    names.Check(*source, result.file, options, result.diagnostics, result.suppressed);

    ++files;
    rules += result.file.rules.size();
    suppressed += result.suppressed;
    DiagnosticCounts counts = CountDiagnostics(result.diagnostics);
    totals.errors += counts.errors;
    totals.warnings += counts.warnings;

    if (text) {
      for (const Diagnostic& d : result.diagnostics) {
        std::cout << RenderDiagnostic(d, *source, render);
      }
    } else if (!result.diagnostics.empty()) {
      sources.push_back(*std::move(source));
      FileDiagnostics entry{&sources.back(), std::move(result.diagnostics), {}};
      for (const ast::Rule& rule : result.file.rules) entry.rules.emplace_back(rule.name, rule.span);
      all.push_back(std::move(entry));
    }
  }

  if (flags.format == "json") {
    std::cout << WriteDiagnosticsJson(all);
  } else if (flags.format == "sarif") {
    std::cout << WriteDiagnosticsSarif(all, YARAL_VERSION);
  } else if (flags.format == "github") {
    std::cout << WriteDiagnosticsGithub(all);
  }
  std::cout.flush();

  const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
  std::cerr << Plural(files, "file") << ", " << Plural(rules, "rule") << ": "
            << Plural(static_cast<size_t>(totals.errors), "error") << ", "
            << Plural(static_cast<size_t>(totals.warnings), "warning") << " (" << suppressed
            << " suppressed) in " << FormatSeconds(elapsed.count()) << '\n';

  if (io_error) return kExitUsageOrIo;
  if (totals.errors > 0 || (werror && totals.warnings > 0)) return kExitRuleErrors;
  return kExitOk;
}

std::vector<std::string> Choices(const auto& values) {
  return std::vector<std::string>(std::begin(values), std::end(values));
}

}  // namespace

Command AddCheckCommand(CLI::App& parent) {
  auto flags = std::make_shared<CheckFlags>();
  CLI::App* app = parent.add_subcommand(
      "check", "Check rule files for the errors SecOps would report, and lint them");
  app->add_option("PATH", flags->paths,
                  "Rule files, or directories searched recursively for *.yaral; "
                  "'-' reads standard input")
      ->required()
      ->type_name("");
  app->add_option("--format", flags->format,
                  "Output on stdout: text (gcc-style), json, sarif (SARIF 2.1.0), "
                  "github (workflow annotations)")
      ->check(CLI::IsMember({"text", "json", "sarif", "github"}))
      ->capture_default_str();
  app->add_flag("--werror", flags->werror, "Exit 1 when there are warnings, not only errors");
  app->add_flag("--no-lint", flags->no_lint, "Report errors only, as SecOps would");
  flags->select_option =
      app->add_option("--select", flags->select,
                      "Lint codes to report, comma-separated, or 'all' "
                      "(replaces the config's lint.select)")
          ->delimiter(',')
          ->type_name("CODES");
  flags->ignore_option = app->add_option("--ignore", flags->ignore,
                                         "Lint codes not to report, comma-separated "
                                         "(replaces the config's lint.ignore)")
                             ->delimiter(',')
                             ->type_name("CODES");
  app->add_option("--config", flags->config,
                  "Project config; default: the nearest .yaral.yaml in the current "
                  "directory or its parents, up to the repository root")
      ->type_name("FILE");
  app->add_option("--lists", flags->lists,
                  "Directory of reference lists (checked to exist; list names are "
                  "not verified yet)")
      ->type_name("DIR");
  app->add_option("--color", flags->color,
                  "Colour text output: auto (only on a terminal), always, never")
      ->check(CLI::IsMember(Choices(kColorModes)))
      ->capture_default_str();
  return {app, [flags] { return RunCheck(*flags); }};
}

}  // namespace yaral::cli

// `yaral check`: validate rule files offline as SecOps would, plus lint.
//
// Paths may be files or directories (searched recursively for `*.yaral` and
// `*.yl2`, or the config's `extensions:`).
// Every file is checked even when another could not be read, so one run
// reports everything. The diagnostics are this verb's result, so they go to
// stdout in every format; the summary line and I/O errors go to stderr.
// With --lists, the list files are loaded as `run` loads them and every
// `%name` a rule tests is resolved against them; findings in list files are
// reported like the rules' own.
// With --fix, each file's safe fixes are applied first (check_fix.h) and the
// findings reported are those of the fixed text; --fix --diff prints the
// diffs instead of writing, and reports findings only in the counts.
// Exit code: 2 if a path could not be read, the config is invalid or a
// --select/--ignore code names no lint check, else 1
// if any rule or list has errors (or warnings, with --werror) or, with
// --fix --diff, a file would change, else 0.

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <deque>
#include <filesystem>
#include <functional>
#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <system_error>
#include <tuple>
#include <utility>
#include <vector>

#include "CLI/CLI.hpp"
#include "check_config.h"
#include "check_fix.h"
#include "cli_common.h"
#include "commands.h"
#include "path_expansion.h"
#include "yaral/checker.h"
#include "yaral/diagnostic_writers.h"
#include "yaral/diagnostics.h"
#include "yaral/reference_lists.h"

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
  bool statistics = false;
  std::string stdin_filename;
  size_t max_annotations = 0;
  bool fix = false;
  bool diff = false;
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
      Diagnostic d = MakeDiagnostic(codes::kDuplicateRuleName,
                                    "rule `" + rule.name + "` is already defined in another file",
                                    rule.name_span);
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

// Where findings go: printed as they come in text format, or kept with the
// files they point into for a machine format, written once at the end, or
// (format "none": `check --fix --diff`, whose stdout is the diff) only
// counted. Counts them for the summary line.
class Findings {
 public:
  Findings(std::string format, RenderOptions render, size_t max_annotations)
      : format_(std::move(format)), render_(render), max_annotations_(max_annotations) {}

  // A path that could not be read: already on stderr; SARIF records it too.
  void AddUnreadable(std::string path, std::string message) {
    unreadable_.push_back({std::move(path), std::move(message)});
  }

  void AddRuleFile(SourceFile source, std::vector<Diagnostic> diagnostics, const ast::File& file) {
    Count(diagnostics);
    if (format_ == "none") return;
    if (format_ == "text") {
      for (const Diagnostic& d : diagnostics) std::cout << RenderDiagnostic(d, source, render_);
      return;
    }
    if (diagnostics.empty()) return;
    // The writers need each file's text for positions; a deque keeps the
    // addresses stable.
    sources_.push_back(std::move(source));
    FileDiagnostics entry{&sources_.back(), std::move(diagnostics), {}};
    for (const ast::Rule& rule : file.rules) entry.rules.emplace_back(rule.name, rule.span);
    all_.push_back(std::move(entry));
  }

  // Findings in list files: loading them, or compiling a kind a rule uses.
  void AddListFindings(std::vector<SourcedDiagnostic> findings) {
    for (SourcedDiagnostic& d : findings) {
      if (d.file == nullptr) d.file = std::make_shared<const SourceFile>("<lists>", "");
      Count({d.diagnostic});
      if (format_ == "none") continue;
      if (format_ == "text") {
        std::cout << RenderSourcedDiagnostic(d, render_);
        continue;
      }
      if (all_.empty() || all_.back().source != d.file.get()) {
        list_files_.push_back(d.file);
        all_.emplace_back(d.file.get(), std::vector<Diagnostic>{});
      }
      all_.back().diagnostics.push_back(std::move(d.diagnostic));
    }
  }

  void WriteMachineFormat() const {
    if (format_ == "json") {
      std::cout << WriteDiagnosticsJson(all_);
    } else if (format_ == "sarif") {
      std::cout << WriteDiagnosticsSarif(all_, YARAL_VERSION, unreadable_);
    } else if (format_ == "github") {
      std::cout << WriteDiagnosticsGithub(all_, {.max_annotations = max_annotations_});
    }
    std::cout.flush();
  }

  const DiagnosticCounts& totals() const { return totals_; }
  // Findings per code, for --statistics: code -> (severity, count).
  const std::map<std::string, std::pair<Severity, size_t>>& by_code() const { return by_code_; }

 private:
  void Count(const std::vector<Diagnostic>& diagnostics) {
    DiagnosticCounts counts = CountDiagnostics(diagnostics);
    totals_.errors += counts.errors;
    totals_.warnings += counts.warnings;
    for (const Diagnostic& d : diagnostics) {
      auto [it, added] = by_code_.emplace(d.code, std::make_pair(d.severity, size_t{0}));
      ++it->second.second;
    }
  }

  std::string format_;
  RenderOptions render_;
  std::deque<SourceFile> sources_;
  std::vector<std::shared_ptr<const SourceFile>> list_files_;  // kept alive for all_
  std::vector<FileDiagnostics> all_;
  std::vector<InputNotification> unreadable_;
  DiagnosticCounts totals_;
  std::map<std::string, std::pair<Severity, size_t>> by_code_;
  size_t max_annotations_ = 0;
};

// --statistics: one line per code, most frequent first, on stderr beside the
// summary (stdout holds the findings in every format).
void PrintStatistics(const std::map<std::string, std::pair<Severity, size_t>>& by_code) {
  std::vector<std::pair<std::string, std::pair<Severity, size_t>>> rows(by_code.begin(),
                                                                        by_code.end());
  std::stable_sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) {
    return a.second.second > b.second.second;
  });
  for (const auto& [code, entry] : rows) {
    char count[32];
    std::snprintf(count, sizeof count, "%6zu", entry.second);
    std::cerr << count << "  " << code << "  (" << SeverityName(entry.first) << ")\n";
  }
}

// Whether every --select/--ignore code names a lint check; prints why not.
bool ValidLintFlags(const CheckFlags& flags) {
  bool ok = true;
  for (const auto& [option, codes, allow_all] :
       {std::tuple{"--select", &flags.select, true}, std::tuple{"--ignore", &flags.ignore, false}}) {
    for (const std::string& code : *codes) {
      const std::string problem = LintCodeProblem(code, allow_all);
      if (problem.empty()) continue;
      PrintError(std::string(option) + ": " + problem);
      ok = false;
    }
  }
  return ok;
}

// Rule files of the project: the config's extensions, else the defaults.
std::function<bool(const fs::path&)> RuleFilePredicate(const CheckConfig& config) {
  if (!config.extensions) return IsRuleFile;
  return [extensions = *config.extensions](const fs::path& path) {
    const std::string name = path.filename().string();
    return std::any_of(extensions.begin(), extensions.end(), [&name](const std::string& ext) {
      return name.size() > ext.size() && name.ends_with(ext);
    });
  };
}

// Loads --lists like `run` does. The directory must exist (exit 2 if not);
// what is wrong inside it is a finding.
std::optional<ReferenceListLoad> LoadLists(const std::string& directory) {
  std::error_code error;
  if (!fs::is_directory(directory, error)) {
    PrintError("--lists '" + directory + "': " +
               (fs::exists(directory, error) ? std::string("not a directory")
                                             : std::string("No such file or directory")));
    return std::nullopt;
  }
  return ReferenceListSet::LoadDirectory(directory);
}

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

  if (!ValidLintFlags(flags)) return kExitUsageOrIo;
  if (flags.diff && !flags.fix) {
    PrintError("--diff shows what --fix would change: use --fix --diff");
    return kExitUsageOrIo;
  }
  if (flags.diff && flags.format != "text") {
    PrintError("--fix --diff prints a diff, not findings: it takes no --format");
    return kExitUsageOrIo;
  }
  std::optional<CheckConfig> config = ResolveConfig(flags);
  if (!config) return kExitUsageOrIo;
  std::optional<ReferenceListLoad> lists;
  if (!flags.lists.empty()) {
    lists = LoadLists(flags.lists);
    if (!lists) return kExitUsageOrIo;
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

  RenderOptions render;
  render.color = flags.format == "text" && UseColor(flags.color, STDOUT_FILENO);
  Findings findings(flags.diff ? "none" : flags.format, render, flags.max_annotations);
  RenderOptions fix_render;
  fix_render.color = UseColor(flags.color, STDERR_FILENO);
  RuleFixer fixer(flags.diff, fix_render);
  if (lists) {
    findings.AddListFindings(std::move(lists->diagnostics));
    base.lists = std::make_shared<const ReferenceListSet>(std::move(lists->set));
  }

  bool io_error = false;
  const std::vector<std::string> paths =
      ExpandPaths(flags.paths,
                  {.wanted = RuleFilePredicate(*config), .description = "rule files", .required = true},
                  io_error);

  CrossFileNames names;
  size_t files = 0;
  size_t rules = 0;
  int suppressed = 0;

  for (const std::string& path : paths) {
    absl::StatusOr<SourceFile> source = ReadSourceFile(path);
    if (!source.ok()) {
      PrintError(std::string(source.status().message()));
      findings.AddUnreadable(path, std::string(source.status().message()));
      io_error = true;
      continue;
    }
    // Standard input under the name an editor or pre-commit gives it, so
    // that per-file config, the file-name lint and the output all see it.
    const bool named_stdin = path == kStdinPath && !flags.stdin_filename.empty();
    if (named_stdin) source = SourceFile(flags.stdin_filename, source->text());
    CheckOptions options = base;
    if (path != kStdinPath || named_stdin) {
      std::vector<std::string> extra = PerFileIgnores(*config, source->name());
      options.ignore.insert(options.ignore.end(), extra.begin(), extra.end());
    }
    if (flags.fix && path == kStdinPath && !flags.diff) {
      PrintError("--fix cannot rewrite standard input: use --fix --diff to see the fixes");
      io_error = true;
      continue;
    }
    CheckResult result = flags.fix ? fixer.Fix(path, *source, options, io_error)
                                   : CheckSource(*source, options);
    names.Check(*source, result.file, options, result.diagnostics, result.suppressed);

    ++files;
    rules += result.file.rules.size();
    suppressed += result.suppressed;
    findings.AddRuleFile(*std::move(source), std::move(result.diagnostics), result.file);
    findings.AddListFindings(std::move(result.list_diagnostics));
  }
  findings.WriteMachineFormat();
  const DiagnosticCounts& totals = findings.totals();

  const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
  std::cerr << Plural(files, "file") << ", " << Plural(rules, "rule") << ": "
            << Plural(static_cast<size_t>(totals.errors), "error") << ", "
            << Plural(static_cast<size_t>(totals.warnings), "warning") << " (" << suppressed
            << " suppressed) in " << FormatSeconds(elapsed.count()) << '\n';
  if (flags.fix) std::cerr << fixer.Summary() << '\n';
  if (flags.statistics) PrintStatistics(findings.by_code());

  if (io_error) return kExitUsageOrIo;
  if (totals.errors > 0 || (werror && totals.warnings > 0)) return kExitRuleErrors;
  if (fixer.would_change()) return kExitRuleErrors;
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
                  "Rule files, or directories searched recursively for *.yaral and *.yl2 "
                  "(the config's `extensions:`); '-' reads standard input")
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
                  "Directory of reference lists, loaded as run does: errors in its files "
                  "and unknown `%name` lists in rules are reported")
      ->type_name("DIR");
  app->add_option("--color", flags->color,
                  "Colour text output: auto (only on a terminal), always, never")
      ->check(CLI::IsMember(Choices(kColorModes)))
      ->capture_default_str();
  app->add_flag("--statistics", flags->statistics,
                "After the summary, the number of findings of each code (on stderr)");
  app->add_option("--stdin-filename", flags->stdin_filename,
                  "The path standard input ('-') stands for: shown in findings and matched "
                  "by the config's per_file globs and the rule-name lint")
      ->type_name("PATH");
  app->add_option("--max-annotations", flags->max_annotations,
                  "With --format github, at most N annotations; the rest are counted by "
                  "code in one closing warning (0: no limit)")
      ->type_name("N")
      ->capture_default_str();
  app->add_flag("--fix", flags->fix,
                "Apply the safe fixes findings carry (misspelt fields, enum values and list "
                "names, ...) and rewrite the files, unless the fixed rule would have new "
                "errors; then report what is left");
  app->add_flag("--diff", flags->diff,
                "With --fix: write nothing, print a unified diff of the fixes on stdout "
                "(exit 1 if any file would change)");
  return {app, [flags] { return RunCheck(*flags); }};
}

}  // namespace yaral::cli

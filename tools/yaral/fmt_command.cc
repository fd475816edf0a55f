// `yaral fmt`: rewrite rule files in the canonical layout (yaral/formatter.h).
//
// Files are rewritten in place only when their text changes, through a
// temporary file renamed over the original, so an interrupted run never
// leaves half a rule. `-` reads standard input and writes the result to
// standard output. --check and --diff write nothing: they report the files
// that are not formatted (their names, or a unified diff). A file with syntax
// errors is left as it is and its diagnostics are printed.
//
// Exit code: 2 if a file could not be read or written (or none was found),
// else 1 if a file has errors or, with --check/--diff, is not formatted,
// else 0.

#include <unistd.h>

#include <algorithm>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "CLI/CLI.hpp"
#include "cli_common.h"
#include "commands.h"
#include "path_expansion.h"
#include "unified_diff.h"
#include "write_in_place.h"
#include "yaral/diagnostics.h"
#include "yaral/formatter.h"

namespace yaral::cli {
namespace {

struct FmtFlags {
  std::vector<std::string> paths;
  bool check = false;
  bool diff = false;
  std::string color = "auto";
};

int RunFmt(const FmtFlags& flags) {
  RenderOptions render;
  render.color = UseColor(flags.color, STDERR_FILENO);
  const bool report_only = flags.check || flags.diff;

  bool io_error = false;
  const std::vector<std::string> paths = ExpandPaths(
      flags.paths, {.wanted = IsRuleFile, .description = "rule files", .required = true},
      io_error);
  if (paths.empty()) {
    if (!io_error) PrintError("no rule files to format");  // else ExpandPaths said why
    return kExitUsageOrIo;
  }

  int changed = 0, unchanged = 0, with_errors = 0, unreadable = 0;
  for (const std::string& path : paths) {
    absl::StatusOr<SourceFile> source = ReadSourceFile(path);
    if (!source.ok()) {
      PrintError(std::string(source.status().message()));
      ++unreadable;
      continue;
    }
    FormatResult formatted = FormatSource(*source);
    for (const Diagnostic& d : formatted.diagnostics) {
      std::cerr << RenderDiagnostic(d, *source, render);
    }
    if (!formatted.ok()) {
      ++with_errors;
      if (path == kStdinPath && !report_only) std::cout << source->text();  // lose nothing
      continue;
    }
    const bool differs = formatted.text != source->text();
    differs ? ++changed : ++unchanged;
    if (flags.diff) {
      std::cout << UnifiedDiff(source->name(), source->text(), formatted.text);
    } else if (flags.check) {
      if (differs) std::cout << source->name() << ": not formatted\n";
    } else if (path == kStdinPath) {
      std::cout << formatted.text;
    } else if (differs) {
      if (std::string error = WriteInPlace(path, formatted.text); !error.empty()) {
        PrintError(error);
        ++unreadable;
      }
    }
  }

  std::cerr << "yaral fmt: " << changed << (report_only ? " to reformat, " : " reformatted, ")
            << unchanged << " already formatted";
  if (with_errors > 0) std::cerr << ", " << with_errors << " with errors (left unchanged)";
  if (unreadable > 0) std::cerr << ", " << unreadable << " unreadable or unwritable";
  std::cerr << '\n';

  if (io_error || unreadable > 0) return kExitUsageOrIo;
  if (with_errors > 0 || (report_only && changed > 0)) return kExitRuleErrors;
  return kExitOk;
}

}  // namespace

Command AddFmtCommand(CLI::App& parent) {
  auto flags = std::make_shared<FmtFlags>();
  CLI::App* app = parent.add_subcommand(
      "fmt", "Rewrite rule files in the canonical layout, keeping comments");
  app->add_option("PATH", flags->paths,
                  "Rule files, or directories searched for *.yaral and *.yl2 files; "
                  "'-' reads standard input and writes the result to standard output")
      ->required()
      ->type_name("");
  app->add_flag("--check", flags->check,
                "Write nothing; list the files that are not formatted and exit 1 if any");
  app->add_flag("--diff", flags->diff,
                "Write nothing; print a unified diff of what would change and exit 1 if "
                "anything would");
  app->add_option("--color", flags->color,
                  "Colour diagnostics: auto (only on a terminal), always, never")
      ->check(CLI::IsMember(std::vector<std::string>(std::begin(kColorModes),
                                                     std::end(kColorModes))))
      ->capture_default_str();
  return {app, [flags] { return RunFmt(*flags); }};
}

}  // namespace yaral::cli

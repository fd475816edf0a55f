// `yaral parse`: syntax-check rule files and optionally print their AST.
//
// Every file is parsed even when an earlier one could not be read or had
// errors, so one run reports everything. Exit code: 2 if any file could not
// be read, else 1 if any file has errors, else 0.

#include <unistd.h>

#include <algorithm>
#include <deque>
#include <iostream>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "CLI/CLI.hpp"
#include "cli_common.h"
#include "commands.h"
#include "yaral/ast_printer.h"
#include "yaral/diagnostic_writers.h"
#include "yaral/diagnostics.h"
#include "yaral/parser.h"

namespace yaral::cli {
namespace {

struct ParseFlags {
  std::vector<std::string> files;
  bool dump_ast = false;
  std::string format = "text";
  std::string color = "auto";
};

std::string Plural(int n, const char* noun) {
  return std::to_string(n) + " " + noun + (n == 1 ? "" : "s");
}

// "FILE: OK (2 rules)" or "FILE: FAILED (3 errors, 1 warning)".
std::string StatusLine(const SourceFile& source, const ParseResult& result) {
  DiagnosticCounts counts = CountDiagnostics(result.diagnostics);
  std::string line = source.name() + ": ";
  if (counts.errors > 0) {
    line += "FAILED (" + Plural(counts.errors, "error");
  } else {
    line += "OK (" + Plural(static_cast<int>(result.file.rules.size()), "rule");
  }
  if (counts.warnings > 0) line += ", " + Plural(counts.warnings, "warning");
  return line + ")";
}

// One `{"file": ..., "ast": ...}` element of the --dump-ast array, indented
// to sit inside it. The library's JSON text is embedded as is rather than
// parsed and re-serialised: a re-parse would reject the invalid UTF-8 a
// damaged rule file can carry. Raw newlines in JSON text only ever separate
// tokens, so indenting after each one is safe.
std::string AstArrayEntry(const std::string& file, const std::string& ast) {
  std::string indented;
  for (char c : ast) {
    indented += c;
    if (c == '\n') indented += "    ";
  }
  return "  {\n    \"file\": " + DumpJson(Json(file)) +
         ",\n    \"ast\": " + indented + "\n  }";
}

int RunParse(const ParseFlags& flags) {
  const bool json_diagnostics = flags.format == "json";
  // With --dump-ast the AST owns stdout, so nothing else may be printed there.
  const bool status_lines = !json_diagnostics && !flags.dump_ast;
  // The output's shape depends on the command line only, never on which
  // files happened to be readable: one file gives the bare AST document.
  const bool ast_array = flags.files.size() > 1;
  RenderOptions render;
  render.color = UseColor(flags.color, STDERR_FILENO);

  int exit_code = kExitOk;
  // The JSON writer needs every file's text for positions, so the files are
  // kept until the end; a deque keeps their addresses stable.
  std::deque<SourceFile> json_sources;
  std::vector<FileDiagnostics> diagnostics;
  std::vector<std::string> asts;

  for (const std::string& path : flags.files) {
    absl::StatusOr<SourceFile> source = ReadSourceFile(path);
    if (!source.ok()) {
      PrintError(std::string(source.status().message()));
      exit_code = kExitUsageOrIo;
      continue;
    }
    ParseResult result = Parse(*source);
    if (HasErrors(result.diagnostics)) {
      exit_code = std::max(exit_code, kExitRuleErrors);
    }

    if (json_diagnostics) {
      if (!result.diagnostics.empty()) {
        json_sources.push_back(*source);
        FileDiagnostics entry{&json_sources.back(), result.diagnostics, {}};
        for (const ast::Rule& rule : result.file.rules) entry.rules.emplace_back(rule.name, rule.span);
        diagnostics.push_back(std::move(entry));
      }
    } else {
      for (const Diagnostic& d : result.diagnostics) {
        std::cerr << RenderDiagnostic(d, *source, render);
      }
    }
    if (status_lines) std::cout << StatusLine(*source, result) << std::endl;

    if (flags.dump_ast) {
      std::string ast = AstToJson(result.file, &*source);
      while (!ast.empty() && ast.back() == '\n') ast.pop_back();
      if (ast_array) {
        asts.push_back(AstArrayEntry(source->name(), ast));
      } else {
        std::cout << ast << '\n';
      }
    }
  }

  if (flags.dump_ast && ast_array) {
    std::cout << "[";
    for (size_t i = 0; i < asts.size(); ++i) {
      std::cout << (i == 0 ? "\n" : ",\n") << asts[i];
    }
    std::cout << (asts.empty() ? "]\n" : "\n]\n");
  }
  if (json_diagnostics) {
    // stdout carries the AST when both were asked for.
    std::ostream& out = flags.dump_ast ? std::cerr : std::cout;
    out << WriteDiagnosticsJson(diagnostics);
  }
  return exit_code;
}

}  // namespace

Command AddParseCommand(CLI::App& parent) {
  auto flags = std::make_shared<ParseFlags>();
  CLI::App* app = parent.add_subcommand(
      "parse", "Check the syntax of rule files and report every error");
  app->add_option("FILE", flags->files,
                  "Rule files to parse; '-' reads standard input")
      ->required()
      ->type_name("");
  app->add_flag("--dump-ast", flags->dump_ast,
                "Print the AST as JSON on stdout (an array of {file, ast} "
                "when several files are given)");
  app->add_option("--format", flags->format,
                  "How to report diagnostics: text on stderr, or one JSON "
                  "array on stdout")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  app->add_option("--color", flags->color,
                  "Colour text diagnostics: auto (only on a terminal), "
                  "always, never")
      ->check(CLI::IsMember(std::vector<std::string>(std::begin(kColorModes),
                                                     std::end(kColorModes))))
      ->capture_default_str();
  return {app, [flags] { return RunParse(*flags); }};
}

}  // namespace yaral::cli

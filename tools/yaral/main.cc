// The `yaral` program: a thin front for the library, one file per verb.
//
// main.cc only builds the top-level app, registers the verbs listed in
// kCommands and maps CLI11's outcomes onto yaral's exit codes (docs/cli.md).

#include <exception>
#include <iostream>
#include <string>
#include <vector>

#include "CLI/CLI.hpp"
#include "cli_common.h"
#include "commands.h"

#ifndef YARAL_VERSION
#error "YARAL_VERSION must be defined by the build (tools/yaral/CMakeLists.txt)"
#endif

namespace yaral::cli {
namespace {

// Every verb, in the order `yaral --help` lists them. Adding a verb is one
// line here plus its declaration in commands.h.
constexpr AddCommandFn kCommands[] = {
    &AddParseCommand,
    &AddCheckCommand,
    &AddRunCommand,
    &AddExplainCommand,
    &AddTestCommand,
    &AddNormalizeCommand,
    &AddFmtCommand,
};

// CLI11's default message ends with "Run with --help"; point at the help of
// the subcommand that was being parsed, when there is one.
std::string UsageFailure(const CLI::App* app, const CLI::Error& error) {
  std::string what = error.what();
  std::string help = "yaral";
  for (const CLI::App* sub : app->get_subcommands())
    help += " " + sub->get_name();
  // Before a verb is chosen CLI11 reports a missing subcommand first, which
  // would hide a mistyped verb or option; name the culprit instead.
  if (app->get_subcommands().empty()) {
    std::vector<std::string> rest = app->remaining();
    if (rest.empty()) {
      what = "no verb given";
    } else if (rest.front().starts_with("-")) {
      what = "unknown option '" + rest.front() + "'";
    } else {
      what = "unknown verb '" + rest.front() + "'";
    }
  }
  return "yaral: error: " + what + "\nRun '" + help + " --help' for usage.\n";
}

int Main(int argc, char** argv) {
  CLI::App app(
      "yaral parses, checks and runs Google SecOps YARA-L 2.0 rules locally.",
      "yaral");
  app.set_version_flag("--version", "yaral " YARAL_VERSION);
  app.require_subcommand(1);
  app.failure_message(UsageFailure);
  app.footer(
      "Exit codes: 0 success, 1 the rules have errors or a test failed, 2 usage or I/O error.\n"
      "Run 'yaral VERB --help' for a verb's flags.");

  std::vector<Command> commands;
  for (AddCommandFn add : kCommands) commands.push_back(add(app));

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    // --help and --version arrive as "errors" with exit code 0; CLI11 gives
    // real usage errors a code per error kind, yaral always uses 2.
    return app.exit(error) == 0 ? kExitOk : kExitUsageOrIo;
  }

  for (const Command& command : commands) {
    if (command.app->parsed()) return command.run();
  }
  return kExitUsageOrIo;  // unreachable: require_subcommand(1)
}

}  // namespace
}  // namespace yaral::cli

int main(int argc, char** argv) {
  try {
    return yaral::cli::Main(argc, argv);
  } catch (const std::exception& e) {
    // The library reports rule problems as diagnostics; getting here means a
    // bug or resource exhaustion (e.g. out of memory on a huge input).
    yaral::cli::PrintError(std::string("internal error: ") + e.what());
    return yaral::cli::kExitUsageOrIo;
  }
}

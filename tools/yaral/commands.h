// The verbs of the `yaral` program.
//
// Each verb lives in its own `<verb>_command.cc` and exposes one function that
// adds its subcommand and flags to the top-level CLI11 app and returns how to
// run it. main.cc lists those functions in one table, so adding a verb is one
// declaration here and one line there.
//
// A verb only parses flags, calls the library and picks an exit code; the
// meaning of the exit codes is fixed for every verb (docs/cli.md).
#ifndef YARAL_TOOLS_YARAL_COMMANDS_H_
#define YARAL_TOOLS_YARAL_COMMANDS_H_

#include <functional>

namespace CLI {
class App;
}  // namespace CLI

namespace yaral::cli {

// Exit codes shared by every verb.
inline constexpr int kExitOk = 0;
// The input was read but contains errors (syntax errors, failed checks...).
inline constexpr int kExitRuleErrors = 1;
// yaral could not do the job: bad flags, an unreadable file, an internal error.
inline constexpr int kExitUsageOrIo = 2;

struct Command {
  // The subcommand, owned by the parent app.
  CLI::App* app = nullptr;
  // Called once flags are parsed; returns the exit code.
  std::function<int()> run;
};

using AddCommandFn = Command (*)(CLI::App& parent);

Command AddParseCommand(CLI::App& parent);
Command AddCheckCommand(CLI::App& parent);
Command AddRunCommand(CLI::App& parent);
Command AddExplainCommand(CLI::App& parent);
Command AddTestCommand(CLI::App& parent);
Command AddNormalizeCommand(CLI::App& parent);
Command AddFmtCommand(CLI::App& parent);

}  // namespace yaral::cli

#endif  // YARAL_TOOLS_YARAL_COMMANDS_H_

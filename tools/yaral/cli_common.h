// Helpers every verb that reads rule files needs: reading a path (or stdin),
// deciding on colour and serialising JSON. Diagnostics are rendered by the
// library (yaral/diagnostics.h, yaral/diagnostic_writers.h).
//
// These are edge concerns of the program (files, terminals, output formats),
// so they live with the CLI rather than in the library.
#ifndef YARAL_TOOLS_YARAL_CLI_COMMON_H_
#define YARAL_TOOLS_YARAL_CLI_COMMON_H_

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "nlohmann/json.hpp"
#include "yaral/diagnostics.h"
#include "yaral/source.h"

namespace CLI {
class App;
}  // namespace CLI

namespace yaral::cli {

// The path that means standard input, and the name diagnostics show for it.
inline constexpr std::string_view kStdinPath = "-";
inline constexpr std::string_view kStdinName = "<stdin>";

// Reads a whole rule file ("-" reads standard input). On failure the status
// message is one line naming the path and the reason, e.g.
// "cannot read 'x.yaral': No such file or directory".
absl::StatusOr<SourceFile> ReadSourceFile(const std::string& path);

// Adds `--from FORMAT` (what event files hold: auto, evtx, winevent-xml,
// sysmon-linux, auditd, udm; docs/raw-telemetry.md) to a verb that reads
// events; `from` holds the verb's default.
void AddFromOption(CLI::App& app, std::string& from);

// Prints "yaral: error: <message>" to stderr.
void PrintError(std::string_view message);

// The values of every verb's --color flag.
inline constexpr const char* kColorModes[] = {"auto", "always", "never"};

// "always" and "never" are obeyed; "auto" means colour when `fd` is a
// terminal and neither NO_COLOR is set nor TERM is "dumb".
bool UseColor(std::string_view mode, int fd);

// JSON whose objects keep insertion order, so output reads in the documented
// field order rather than alphabetically.
using Json = nlohmann::ordered_json;

// Serialises JSON for output. Rule text may hold invalid UTF-8 (a binary file
// given by mistake); such bytes become U+FFFD instead of aborting the dump.
std::string DumpJson(const Json& json, int indent = 2);

// Counts by severity, for per-file summaries.
struct DiagnosticCounts {
  int errors = 0;
  int warnings = 0;
};
DiagnosticCounts CountDiagnostics(const std::vector<Diagnostic>& diagnostics);

}  // namespace yaral::cli

#endif  // YARAL_TOOLS_YARAL_CLI_COMMON_H_

// The project configuration `yaral check` reads: `.yaral.yaml`.
//
//   lint:
//     select: [all]                 # or codes; absent: the default set
//     ignore: [regex_could_be_equality]
//     per_file:                     # glob -> codes to ignore in those files
//       "rules/legacy/*.yaral": [missing_meta_fields]
//   werror: false
//   extensions: [.yaral, .yl2]      # what a directory is searched for
//
// Reading files and globbing paths are edge concerns, so this lives with the
// CLI; the library only sees the resulting yaral::CheckOptions.
#ifndef YARAL_TOOLS_YARAL_CHECK_CONFIG_H_
#define YARAL_TOOLS_YARAL_CHECK_CONFIG_H_

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"

namespace yaral::cli {

// The name looked for when --config is not given.
inline constexpr std::string_view kConfigFileName = ".yaral.yaml";

struct CheckConfig {
  std::filesystem::path path;  // the file read; empty for the built-in default
  std::optional<std::vector<std::string>> select;  // absent: the default set
  std::vector<std::string> ignore;
  // Glob (relative to the config file's directory) and the codes it ignores,
  // in file order.
  std::vector<std::pair<std::string, std::vector<std::string>>> per_file;
  bool werror = false;
  // The file extensions (with the dot) of rule files found in directories;
  // absent: kDefaultRuleExtensions.
  std::optional<std::vector<std::string>> extensions;
};

// Reads and validates a config file. On failure the message names the file
// and, when known, the line and column: "x.yaml:3:5: unknown key 'selec'".
absl::StatusOr<CheckConfig> LoadCheckConfig(const std::filesystem::path& path);

// The first `.yaral.yaml` in `start` or one of its parents, stopping after
// a directory that contains `.git` (the top of the repository).
std::optional<std::filesystem::path> FindCheckConfig(const std::filesystem::path& start);

// The codes `config.per_file` ignores for `file` (a path as given on the
// command line; relative paths are taken from the current directory).
std::vector<std::string> PerFileIgnores(const CheckConfig& config,
                                        const std::filesystem::path& file);

// Whether `path` (with `/` separators) matches `glob`: `*` and `?` stay
// within one path segment, `**/` spans any number of directories, and a
// glob without `/` is matched against the last segment only.
bool GlobMatches(std::string_view glob, std::string_view path);

}  // namespace yaral::cli

#endif  // YARAL_TOOLS_YARAL_CHECK_CONFIG_H_

// Turning the paths on a command line into the files a verb reads:
// directories are searched recursively (hidden ones skipped), matches
// sorted so output never depends on the file system's order, and each file
// kept once.
#ifndef YARAL_TOOLS_YARAL_PATH_EXPANSION_H_
#define YARAL_TOOLS_YARAL_PATH_EXPANSION_H_

#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace yaral::cli {

struct FileKind {
  // Whether a file found in a directory is one the verb reads.
  std::function<bool(const std::filesystem::path& path)> wanted;
  std::string_view description;  // "*.yaral files", for the error when there are none
  bool required = false;         // a directory without any is an error (io_error)
  bool normalize = false;        // report found paths lexically normalised
};

// The extensions rule files have when a project does not say otherwise
// (`.yaral.yaml`'s `extensions:`): `.yaral`, and `.yl2` as Google's own
// repositories name them.
inline constexpr std::string_view kDefaultRuleExtensions[] = {".yaral", ".yl2"};

// Rule files: a default rule extension.
bool IsRuleFile(const std::filesystem::path& path);

// Paths in command-line order with directories expanded; the same file
// named twice is kept once. Files (and "-") are kept as given, even when
// missing: reading them reports the error like any unreadable file. Sets
// `io_error` when a directory cannot be read or, for a required kind, holds
// no file of it.
std::vector<std::string> ExpandPaths(const std::vector<std::string>& paths, const FileKind& kind,
                                     bool& io_error);

}  // namespace yaral::cli

#endif  // YARAL_TOOLS_YARAL_PATH_EXPANSION_H_

#include "path_expansion.h"

#include <algorithm>
#include <iostream>
#include <set>
#include <system_error>

#include "cli_common.h"

namespace yaral::cli {
namespace {

namespace fs = std::filesystem;

bool IsHidden(const fs::path& path) {
  const std::string name = path.filename().string();
  return name.size() > 1 && name[0] == '.' && name != "..";
}

bool CollectDirectory(const std::string& dir, const FileKind& kind, std::vector<std::string>& files) {
  std::vector<std::string> found;
  std::error_code error;
  fs::recursive_directory_iterator it(dir, fs::directory_options::none, error);
  for (; !error && it != fs::recursive_directory_iterator(); it.increment(error)) {
    std::error_code type_error;
    const bool is_directory = it->is_directory(type_error);
    // Hidden directories hold tool state (.git, .cache), never inputs.
    if (IsHidden(it->path())) {
      if (is_directory) it.disable_recursion_pending();
      continue;
    }
    // Anything else of the kind is read, so that a dangling link or an
    // unreadable file is reported rather than silently skipped.
    if (!is_directory && kind.wanted(it->path())) {
      found.push_back(kind.normalize ? it->path().lexically_normal().string() : it->path().string());
    }
  }
  if (error) {
    PrintError("cannot read '" + dir + "': " + error.message());
    return false;
  }
  if (found.empty() && kind.required) {
    // Exit 0 over nothing would pass a CI job that checks a mistyped path.
    PrintError("no " + std::string(kind.description) + " in '" + dir + "'");
    return false;
  }
  std::sort(found.begin(), found.end());
  files.insert(files.end(), found.begin(), found.end());
  return true;
}

}  // namespace

bool IsRuleFile(const fs::path& path) {
  const std::string extension = path.extension().string();
  return std::find(std::begin(kDefaultRuleExtensions), std::end(kDefaultRuleExtensions),
                   extension) != std::end(kDefaultRuleExtensions);
}

std::vector<std::string> ExpandPaths(const std::vector<std::string>& paths, const FileKind& kind,
                                     bool& io_error) {
  std::vector<std::string> expanded;
  for (const std::string& path : paths) {
    std::error_code error;
    if (path != kStdinPath && fs::is_directory(path, error)) {
      if (!CollectDirectory(path, kind, expanded)) io_error = true;
    } else {
      expanded.push_back(path);
    }
  }
  std::set<std::string> seen;
  std::vector<std::string> unique;
  for (const std::string& path : expanded) {
    std::error_code error;
    std::string key = path == kStdinPath ? path : fs::absolute(path, error).lexically_normal().string();
    if (seen.insert(key).second) unique.push_back(path);
  }
  return unique;
}

}  // namespace yaral::cli

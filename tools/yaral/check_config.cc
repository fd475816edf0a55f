#include "check_config.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <system_error>

#include "absl/status/status.h"
#include "yaml-cpp/yaml.h"
#include "yaral/checker.h"

namespace yaral::cli {
namespace {

namespace fs = std::filesystem;

// A config problem at a node, thrown inside the loader and turned into a
// status at its boundary: it keeps the validation code linear.
struct ConfigError {
  YAML::Mark mark;
  std::string message;
};

std::string Where(const fs::path& path, const YAML::Mark& mark) {
  std::string where = path.string();
  // yaml-cpp marks are 0-based; editors count from 1.
  if (!mark.is_null()) {
    where += ":" + std::to_string(mark.line + 1) + ":" + std::to_string(mark.column + 1);
  }
  return where;
}

std::string KindName(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Null: return "nothing";
    case YAML::NodeType::Scalar: return "a scalar";
    case YAML::NodeType::Sequence: return "a list";
    case YAML::NodeType::Map: return "a mapping";
    default: return "an undefined value";
  }
}

void Expect(const YAML::Node& node, YAML::NodeType::value type, const std::string& what) {
  if (node.Type() != type) {
    throw ConfigError{node.Mark(), what + " must be " +
                                       (type == YAML::NodeType::Map        ? "a mapping"
                                        : type == YAML::NodeType::Sequence ? "a list"
                                                                           : "a scalar") +
                                       ", not " + KindName(node)};
  }
}

std::vector<std::string> Codes(const YAML::Node& node, const std::string& what) {
  Expect(node, YAML::NodeType::Sequence, what);
  std::vector<std::string> codes;
  for (const YAML::Node& item : node) {
    Expect(item, YAML::NodeType::Scalar, "each code in " + what);
    codes.push_back(item.Scalar());
  }
  return codes;
}

// Codes that must name lint checks: a misspelt one would select or ignore
// nothing without a word.
std::vector<std::string> LintCodes(const YAML::Node& node, const std::string& what,
                                   bool allow_all) {
  std::vector<std::string> codes = Codes(node, what);
  size_t i = 0;
  for (const YAML::Node& item : node) {
    const std::string problem = LintCodeProblem(codes[i++], allow_all);
    if (!problem.empty()) throw ConfigError{item.Mark(), problem};
  }
  return codes;
}

std::string KeyOf(const YAML::Node& key, const std::string& where) {
  Expect(key, YAML::NodeType::Scalar, "a key in " + where);
  return key.Scalar();
}

void UnknownKey(const YAML::Node& key, const std::string& where, const char* expected) {
  throw ConfigError{key.Mark(), "unknown key '" + key.Scalar() + "' in " + where +
                                    " (expected " + expected + ")"};
}

void ReadLint(const YAML::Node& lint, CheckConfig& config) {
  if (lint.IsNull()) return;
  Expect(lint, YAML::NodeType::Map, "'lint'");
  for (const auto& entry : lint) {
    const std::string key = KeyOf(entry.first, "'lint'");
    if (key == "select") {
      config.select = LintCodes(entry.second, "'lint.select'", true);
    } else if (key == "ignore") {
      config.ignore = LintCodes(entry.second, "'lint.ignore'", false);
    } else if (key == "per_file") {
      Expect(entry.second, YAML::NodeType::Map, "'lint.per_file'");
      for (const auto& glob : entry.second) {
        std::string pattern = KeyOf(glob.first, "'lint.per_file'");
        config.per_file.emplace_back(
            pattern, LintCodes(glob.second, "the codes of 'lint.per_file." + pattern + "'", false));
      }
    } else {
      UnknownKey(entry.first, "'lint'", "select, ignore, per_file");
    }
  }
}

void ReadTop(const YAML::Node& top, CheckConfig& config) {
  if (top.IsNull()) return;  // an empty file is a valid, empty config
  Expect(top, YAML::NodeType::Map, "the configuration");
  for (const auto& entry : top) {
    const std::string key = KeyOf(entry.first, "the configuration");
    if (key == "lint") {
      ReadLint(entry.second, config);
    } else if (key == "werror") {
      Expect(entry.second, YAML::NodeType::Scalar, "'werror'");
      if (!YAML::convert<bool>::decode(entry.second, config.werror)) {
        throw ConfigError{entry.second.Mark(),
                          "'werror' must be true or false, not '" + entry.second.Scalar() + "'"};
      }
    } else if (key == "extensions") {
      std::vector<std::string> extensions = Codes(entry.second, "'extensions'");
      for (const std::string& extension : extensions) {
        if (extension.size() < 2 || extension[0] != '.' ||
            extension.find('/') != std::string::npos) {
          throw ConfigError{entry.second.Mark(), "each of 'extensions' is a file extension "
                                                 "with its dot, such as '.yaral', not '" +
                                                     extension + "'"};
        }
      }
      config.extensions = std::move(extensions);
    } else {
      UnknownKey(entry.first, "the configuration", "lint, werror, extensions");
    }
  }
}

bool MatchFrom(std::string_view glob, std::string_view path) {
  while (!glob.empty()) {
    if (glob.starts_with("**")) {
      std::string_view rest = glob.substr(2);
      if (rest.empty()) return true;
      if (rest[0] == '/') {
        // `**/`: zero or more whole directories.
        rest.remove_prefix(1);
        if (MatchFrom(rest, path)) return true;
        for (size_t slash = path.find('/'); slash != std::string_view::npos;
             slash = path.find('/', slash + 1)) {
          if (MatchFrom(rest, path.substr(slash + 1))) return true;
        }
        return false;
      }
      glob.remove_prefix(1);  // `**x` is just `*x`
      continue;
    }
    if (glob[0] == '*') {
      for (size_t k = 0;; ++k) {
        if (MatchFrom(glob.substr(1), path.substr(k))) return true;
        if (k == path.size() || path[k] == '/') return false;
      }
    }
    if (path.empty()) return false;
    if (glob[0] == '?' ? path[0] == '/' : glob[0] != path[0]) return false;
    glob.remove_prefix(1);
    path.remove_prefix(1);
  }
  return path.empty();
}

}  // namespace

absl::StatusOr<CheckConfig> LoadCheckConfig(const fs::path& path) {
  std::error_code ignored;
  if (fs::is_directory(path, ignored)) {
    return absl::FailedPreconditionError("cannot read config '" + path.string() +
                                         "': is a directory");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    const int error_number = errno;
    return absl::Status(absl::ErrnoToStatusCode(error_number), "cannot read config '" +
                                                                   path.string() + "': " +
                                                                   std::strerror(error_number));
  }
  std::ostringstream text;
  text << in.rdbuf();

  CheckConfig config;
  config.path = path;
  try {
    ReadTop(YAML::Load(text.str()), config);
  } catch (const ConfigError& error) {
    return absl::InvalidArgumentError(Where(path, error.mark) + ": " + error.message);
  } catch (const YAML::Exception& error) {
    // Syntax errors; yaml-cpp's what() repeats the position in its own words.
    return absl::InvalidArgumentError(Where(path, error.mark) + ": invalid YAML: " + error.msg);
  }
  return config;
}

std::optional<fs::path> FindCheckConfig(const fs::path& start) {
  std::error_code ignored;
  for (fs::path dir = start;; dir = dir.parent_path()) {
    fs::path candidate = dir / kConfigFileName;
    if (fs::is_regular_file(candidate, ignored)) return candidate;
    // A config above the repository belongs to some other project.
    if (fs::exists(dir / ".git", ignored)) return std::nullopt;
    if (dir == dir.parent_path() || dir.empty()) return std::nullopt;
  }
}

std::vector<std::string> PerFileIgnores(const CheckConfig& config, const fs::path& file) {
  std::vector<std::string> codes;
  if (config.per_file.empty() || config.path.empty()) return codes;
  std::error_code error;
  const fs::path base = fs::absolute(config.path, error).parent_path().lexically_normal();
  const fs::path absolute = fs::absolute(file, error).lexically_normal();
  if (error) return codes;
  const std::string relative = absolute.lexically_relative(base).generic_string();
  // Files outside the config's directory are not its business.
  if (relative.empty() || relative == ".." || relative.starts_with("../")) return codes;
  for (const auto& [glob, ignored] : config.per_file) {
    if (GlobMatches(glob, relative)) codes.insert(codes.end(), ignored.begin(), ignored.end());
  }
  return codes;
}

bool GlobMatches(std::string_view glob, std::string_view path) {
  if (glob.starts_with("./")) glob.remove_prefix(2);
  if (glob.find('/') == std::string_view::npos) {
    size_t slash = path.rfind('/');
    if (slash != std::string_view::npos) path.remove_prefix(slash + 1);
  }
  return MatchFrom(glob, path);
}

}  // namespace yaral::cli

#include "write_in_place.h"

#include <filesystem>
#include <fstream>
#include <string>
#include <system_error>

namespace yaral::cli {

namespace fs = std::filesystem;

std::string WriteInPlace(const std::string& path, const std::string& text) {
  const fs::path target(path);
  const fs::path temporary =
      target.parent_path() / ("." + target.filename().string() + ".yaral-tmp");
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out << text;
    out.close();
    if (!out) {
      std::error_code ignored;
      fs::remove(temporary, ignored);
      return "cannot write '" + temporary.string() + "'";
    }
  }
  std::error_code error;
  fs::permissions(temporary, fs::status(target, error).permissions(), error);
  fs::rename(temporary, target, error);
  if (error) {
    std::error_code ignored;
    fs::remove(temporary, ignored);
    return "cannot replace '" + path + "': " + error.message();
  }
  return "";
}

}  // namespace yaral::cli

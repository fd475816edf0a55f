#include "unified_diff.h"

#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "dtl/dtl.hpp"

namespace yaral::cli {
namespace {

// Lines without their terminators. A last line without a newline is marked
// as diff does, so a change of only the final newline still shows.
std::vector<std::string> SplitLines(std::string_view text) {
  std::vector<std::string> lines;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) {
      lines.emplace_back(std::string(text.substr(start)) + "\n\\ No newline at end of file");
      break;
    }
    lines.emplace_back(text.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

}  // namespace

std::string UnifiedDiff(std::string_view name, std::string_view before, std::string_view after) {
  if (before == after) return "";
  const std::vector<std::string> a = SplitLines(before);
  const std::vector<std::string> b = SplitLines(after);
  dtl::Diff<std::string> diff(a, b);
  diff.compose();
  diff.composeUnifiedHunks();
  std::ostringstream out;
  out << "--- a/" << name << "\n+++ b/" << name << "\n";
  diff.printUnifiedFormat(out);
  return out.str();
}

}  // namespace yaral::cli

// Cutting a docs page into the sections of its codes (embedded_pages.h).
#include <string>
#include <string_view>
#include <unordered_map>

#include "diagnostics/embedded_pages.h"

namespace yaral::diagnostics_docs {
namespace {

std::string_view Trim(std::string_view text) {
  const size_t first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  const size_t last = text.find_last_not_of(" \t\r\n");
  return text.substr(first, last - first + 1);
}

// `### E102 — missing colon` gives "E102"; `### missing_meta_fields` gives
// the whole name.
std::string_view CodeOfHeading(std::string_view heading) {
  heading = Trim(heading.substr(4));
  const size_t end = heading.find(' ');
  return end == std::string_view::npos ? heading : heading.substr(0, end);
}

}  // namespace

std::unordered_map<std::string, std::string> SectionsByCode(std::string_view page) {
  std::unordered_map<std::string, std::string> sections;
  std::string_view code;  // the section being read, if any
  size_t body_start = 0;
  bool in_fence = false;
  auto close = [&](size_t end) {
    if (!code.empty()) sections[std::string(code)] = std::string(Trim(page.substr(body_start, end - body_start)));
    code = {};
  };
  for (size_t line_start = 0; line_start < page.size();) {
    size_t line_end = page.find('\n', line_start);
    if (line_end == std::string_view::npos) line_end = page.size();
    const std::string_view line = page.substr(line_start, line_end - line_start);
    if (line.substr(0, 3) == "```") {
      in_fence = !in_fence;
    } else if (!in_fence && !line.empty() && line[0] == '#') {
      close(line_start);
      if (line.substr(0, 4) == "### ") {
        code = CodeOfHeading(line);
        body_start = line_end;
      }
    }
    line_start = line_end + 1;
  }
  close(page.size());
  return sections;
}

}  // namespace yaral::diagnostics_docs

// The pages that explain the diagnostic codes, docs/diagnostics.md and
// docs/lint.md, compiled into the library by lib/diagnostics/CMakeLists.txt
// (cmake/EmbedText.cmake), so that SARIF's rule help and the language
// server's hover carry the same words as the docs. Private to
// lib/diagnostics.
#ifndef YARAL_DIAGNOSTICS_EMBEDDED_PAGES_H_
#define YARAL_DIAGNOSTICS_EMBEDDED_PAGES_H_

#include <string>
#include <string_view>
#include <unordered_map>

namespace yaral::diagnostics_docs {

std::string EmbeddedDiagnosticsPage();  // docs/diagnostics.md
std::string EmbeddedLintPage();         // docs/lint.md

// The sections of a docs page headed `### CODE` or `### CODE — name`, by
// CODE: the Markdown between the heading and the next heading, trimmed.
// Headings inside fenced code blocks are not headings.
std::unordered_map<std::string, std::string> SectionsByCode(std::string_view page);

}  // namespace yaral::diagnostics_docs

#endif  // YARAL_DIAGNOSTICS_EMBEDDED_PAGES_H_

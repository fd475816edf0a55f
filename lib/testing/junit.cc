// JUnit XML for CI systems (Jenkins, GitLab, GitHub test reporters): the
// de-facto schema they share, with a suite per test file and a testcase per
// case.

#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include "diagnostics/utf8.h"
#include "yaral/rule_test.h"

namespace yaral {
namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

// XML 1.0 allows tab, LF, CR and U+0020 up, minus surrogates and U+FFFE/F.
bool AllowedInXml(char32_t c) {
  if (c < 0x20) return c == '\t' || c == '\n' || c == '\r';
  return c != 0xFFFE && c != 0xFFFF;
}

// Escapes for text content or, with `attribute`, a double-quoted attribute
// value, where line breaks and tabs must be character references or a
// parser folds them into spaces. Bytes that are not UTF-8 and characters
// XML cannot hold become U+FFFD, so the document always parses.
std::string Escape(std::string_view text, bool attribute) {
  std::string out;
  out.reserve(text.size());
  for (size_t pos = 0; pos < text.size();) {
    const diagnostics::DecodedChar c = diagnostics::DecodeUtf8(text, pos);
    const std::string_view bytes = text.substr(pos, c.length);
    pos += c.length;
    if (!c.valid || !AllowedInXml(c.code_point)) {
      out += kReplacement;
      continue;
    }
    switch (c.code_point) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += attribute ? "&quot;" : "\""; break;
      case '\n': out += attribute ? "&#10;" : "\n"; break;
      case '\r': out += "&#13;"; break;
      case '\t': out += attribute ? "&#9;" : "\t"; break;
      default: out += bytes;
    }
  }
  return out;
}

std::string Seconds(double seconds) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.3f", seconds);
  return buffer;
}

std::string Joined(const std::vector<std::string>& lines) {
  std::string out;
  for (const std::string& line : lines) out += line + "\n";
  return out;
}

struct Counts {
  size_t tests = 0;
  size_t failures = 0;
  size_t errors = 0;
};

Counts CountsOf(const RuleTestFileResult& result) {
  Counts counts;
  // A file that could not be run appears as one erroneous testcase.
  if (!result.errors.empty()) counts.tests = counts.errors = 1;
  for (const CaseResult& c : result.cases) {
    ++counts.tests;
    if (c.status == CaseStatus::kFailed) ++counts.failures;
    if (c.status == CaseStatus::kError) ++counts.errors;
  }
  return counts;
}

// <failure> or <error>: the first line as the message CI shows in lists, the
// whole report as the text it shows on the case's page.
void Problem(std::string& xml, const char* element, const std::vector<std::string>& lines) {
  const std::string message = lines.empty() ? std::string("failed") : lines.front();
  xml += "      <" + std::string(element) + " message=\"" + Escape(message, true) + "\">" +
         Escape(Joined(lines), false) + "</" + element + ">\n";
}

void Suite(std::string& xml, const RuleTestFileResult& result) {
  const Counts counts = CountsOf(result);
  const std::string file = Escape(result.path, true);
  xml += "  <testsuite name=\"" + file + "\" tests=\"" + std::to_string(counts.tests) +
         "\" failures=\"" + std::to_string(counts.failures) + "\" errors=\"" +
         std::to_string(counts.errors) + "\" skipped=\"0\" time=\"" + Seconds(result.seconds) +
         "\">\n";
  if (!result.errors.empty()) {
    std::vector<std::string> lines;
    for (const TestFileError& e : result.errors) lines.push_back(FormatTestFileError(e));
    xml += "    <testcase classname=\"" + file + "\" name=\"(test file)\" time=\"0.000\">\n";
    Problem(xml, "error", lines);
    xml += "    </testcase>\n";
  }
  for (const CaseResult& c : result.cases) {
    xml += "    <testcase classname=\"" + file + "\" name=\"" + Escape(c.name, true) +
           "\" time=\"" + Seconds(c.seconds) + "\"";
    if (c.status == CaseStatus::kPassed) {
      xml += "/>\n";
      continue;
    }
    xml += ">\n";
    Problem(xml, c.status == CaseStatus::kFailed ? "failure" : "error", CaseReport(c));
    xml += "    </testcase>\n";
  }
  xml += "  </testsuite>\n";
}

}  // namespace

std::string WriteJUnitReport(const std::vector<RuleTestFileResult>& results) {
  Counts total;
  double seconds = 0;
  for (const RuleTestFileResult& result : results) {
    const Counts counts = CountsOf(result);
    total.tests += counts.tests;
    total.failures += counts.failures;
    total.errors += counts.errors;
    seconds += result.seconds;
  }
  std::string xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  xml += "<testsuites name=\"yaral test\" tests=\"" + std::to_string(total.tests) +
         "\" failures=\"" + std::to_string(total.failures) + "\" errors=\"" +
         std::to_string(total.errors) + "\" time=\"" + Seconds(seconds) + "\">\n";
  for (const RuleTestFileResult& result : results) Suite(xml, result);
  xml += "</testsuites>\n";
  return xml;
}

}  // namespace yaral

// IsSuppressedInline: the `// yaral:ignore` comment forms and the places a
// comment marker is not a comment.
#include <catch2/catch.hpp>
#include <cstdint>
#include <string>

#include "yaral/checker.h"
#include "yaral/diagnostics.h"
#include "yaral/source.h"

namespace yaral {
namespace {

// A finding of `code` whose primary span starts at the first non-blank
// character of 1-based `line` in `text`.
Diagnostic FindingOnLine(const SourceFile& file, uint32_t line, const std::string& code,
                         Severity severity) {
  const std::string& text = file.text();
  size_t offset = 0;
  for (uint32_t l = 1; l < line; ++l) offset = text.find('\n', offset) + 1;
  offset = text.find_first_not_of(" \t", offset);
  Diagnostic d;
  d.severity = severity;
  d.code = code;
  d.message = "test finding";
  d.primary.span = {static_cast<uint32_t>(offset), static_cast<uint32_t>(offset + 1)};
  return d;
}

bool Suppressed(const std::string& text, uint32_t line,
                const std::string& code = "unused_placeholder",
                Severity severity = Severity::kWarning) {
  SourceFile file("test.yaral", text);
  return IsSuppressedInline(file, FindingOnLine(file, line, code, severity));
}

const char* const kRule =
    "rule r {\n"                                  // 1
    "  events:\n"                                 // 2
    "    $e.metadata.event_type = \"X\"\n"        // 3
    "    $e.principal.ip = $ip\n"                 // 4
    "  condition:\n"                              // 5
    "    $e\n"                                    // 6
    "}\n";                                        // 7

TEST_CASE("no directive suppresses nothing") {
  CHECK_FALSE(Suppressed(kRule, 4));
}

TEST_CASE("a trailing comment suppresses its own line only") {
  const std::string text =
      "rule r {\n"
      "  events:\n"
      "    $e.principal.ip = $ip  // yaral:ignore unused_placeholder\n"
      "    $e.target.ip = $other\n"
      "  condition:\n"
      "    $e\n"
      "}\n";
  CHECK(Suppressed(text, 3));
  CHECK_FALSE(Suppressed(text, 4));
  CHECK_FALSE(Suppressed(text, 2));
  // Other codes on the same line are still reported.
  CHECK_FALSE(Suppressed(text, 3, "missing_event_type_filter"));
}

TEST_CASE("a comment on its own line covers the next code line") {
  const std::string text =
      "rule r {\n"
      "  events:\n"
      "    // yaral:ignore unused_placeholder\n"
      "\n"
      "    // why: the placeholder documents the join\n"
      "    $e.principal.ip = $ip\n"
      "    $e.target.ip = $other\n"
      "  condition:\n"
      "    $e\n"
      "}\n";
  CHECK(Suppressed(text, 6));
  CHECK_FALSE(Suppressed(text, 7));
  CHECK_FALSE(Suppressed(text, 2));
}

TEST_CASE("several codes, separated by commas or spaces") {
  const std::string text =
      "rule r {\n"
      "  events:\n"
      "    $e.principal.ip = $ip // yaral:ignore unused_placeholder, deprecated_field\n"
      "    $e.target.ip = $ip // yaral:ignore regex_anchor deprecated_field\n"
      "  condition:\n"
      "    $e\n"
      "}\n";
  CHECK(Suppressed(text, 3, "unused_placeholder"));
  CHECK(Suppressed(text, 3, "deprecated_field"));
  CHECK_FALSE(Suppressed(text, 3, "regex_anchor"));
  CHECK(Suppressed(text, 4, "regex_anchor"));
  CHECK(Suppressed(text, 4, "deprecated_field"));
  CHECK_FALSE(Suppressed(text, 4, "unused_placeholder"));
}

TEST_CASE("ignore-file covers every line, wherever it is") {
  const std::string text = std::string(kRule) +
                           "// yaral:ignore-file unused_placeholder, missing_meta_fields\n";
  for (uint32_t line = 1; line <= 7; ++line) {
    CHECK(Suppressed(text, line));
    CHECK(Suppressed(text, line, "missing_meta_fields"));
    CHECK_FALSE(Suppressed(text, line, "deprecated_field"));
  }
}

TEST_CASE("block comments work trailing and alone") {
  const std::string text =
      "rule r {\n"
      "  events:\n"
      "    $e.principal.ip = $ip /* yaral:ignore unused_placeholder */\n"
      "    /* yaral:ignore deprecated_field */\n"
      "    $e.target.ip = $other\n"
      "    /*\n"
      "     * yaral:ignore regex_anchor\n"
      "     */\n"
      "    $e.target.hostname = /x/\n"
      "  condition:\n"
      "    $e\n"
      "}\n";
  CHECK(Suppressed(text, 3));
  CHECK(Suppressed(text, 5, "deprecated_field"));
  CHECK_FALSE(Suppressed(text, 4, "deprecated_field"));
  CHECK(Suppressed(text, 9, "regex_anchor"));
}

TEST_CASE("a block comment before code on the same line covers that line") {
  const std::string text =
      "rule r {\n"
      "  events:\n"
      "    /* yaral:ignore unused_placeholder */ $e.principal.ip = $ip\n"
      "    $e.target.ip = $other\n"
      "  condition:\n"
      "    $e\n"
      "}\n";
  CHECK(Suppressed(text, 3));
  CHECK_FALSE(Suppressed(text, 4));
}

TEST_CASE("comment markers inside strings and regexes are not comments") {
  const std::string text =
      "rule r {\n"
      "  events:\n"
      "    $e.target.url = \"http://x // yaral:ignore unused_placeholder\"\n"
      "    $e.target.url = `raw // yaral:ignore unused_placeholder`\n"
      "    $e.target.url = /https?:\\/\\/ yaral:ignore unused_placeholder/\n"
      "    $e.target.url = \"esc \\\" // yaral:ignore unused_placeholder\"\n"
      "    $e.principal.ip = $ip\n"
      "  condition:\n"
      "    $e\n"
      "}\n";
  for (uint32_t line = 3; line <= 7; ++line) {
    INFO("line " << line);
    CHECK_FALSE(Suppressed(text, line));
  }
}

TEST_CASE("a string that spans lines does not hide a later comment") {
  const std::string text =
      "rule r {\n"
      "  meta:\n"
      "    description = \"two\n"
      "lines with a quote \\\" and // in it\"\n"
      "  events:\n"
      "    $e.target.url = /\"/ // yaral:ignore unused_placeholder\n"
      "    $e.principal.ip = $ip // yaral:ignore unused_placeholder\n"
      "  condition:\n"
      "    $e\n"
      "}\n";
  CHECK(Suppressed(text, 6));
  CHECK(Suppressed(text, 7));
}

TEST_CASE("division is not a regex, so a following comment is found") {
  const std::string text =
      "rule r {\n"
      "  outcome:\n"
      "    $x = max($e.a) / 2 // yaral:ignore unused_placeholder\n"
      "    $y = $e.b / $e.c // yaral:ignore unused_placeholder\n"
      "  condition:\n"
      "    $e\n"
      "}\n";
  CHECK(Suppressed(text, 3));
  CHECK(Suppressed(text, 4));
}

TEST_CASE("the directive must open the comment and be spelled exactly") {
  const std::string text =
      "rule r {\n"
      "  events:\n"
      "    $e.principal.ip = $ip // see yaral:ignore unused_placeholder\n"
      "    $e.principal.ip = $ip // yaral:ignored unused_placeholder\n"
      "    $e.principal.ip = $ip // yaral:ignore\n"
      "    $e.principal.ip = $ip //yaral:ignore unused_placeholder -- joined later\n"
      "  condition:\n"
      "    $e\n"
      "}\n";
  CHECK_FALSE(Suppressed(text, 3));
  CHECK_FALSE(Suppressed(text, 4));
  CHECK_FALSE(Suppressed(text, 5));
  CHECK(Suppressed(text, 6));
}

TEST_CASE("errors are never suppressed") {
  const std::string text =
      "// yaral:ignore-file E300 unused_placeholder\n"
      "rule r {\n"
      "  events:\n"
      "    $e.target.port = \"80\" // yaral:ignore E300\n"
      "  condition:\n"
      "    $e\n"
      "}\n";
  CHECK_FALSE(Suppressed(text, 4, "E300", Severity::kError));
  // Defensive: an error code given a lower severity, and a lint code
  // raised to an error, stay unsuppressed too.
  CHECK_FALSE(Suppressed(text, 4, "E300", Severity::kWarning));
  CHECK_FALSE(Suppressed(text, 4, "unused_placeholder", Severity::kError));
  CHECK(Suppressed(text, 4, "unused_placeholder", Severity::kWarning));
}

TEST_CASE("CRLF line endings") {
  const std::string text =
      "rule r {\r\n"
      "  events:\r\n"
      "    // yaral:ignore unused_placeholder\r\n"
      "    $e.principal.ip = $ip\r\n"
      "    $e.target.ip = $ip // yaral:ignore deprecated_field\r\n"
      "  condition:\r\n"
      "    $e\r\n"
      "}\r\n";
  CHECK(Suppressed(text, 4));
  CHECK(Suppressed(text, 5, "deprecated_field"));
  CHECK_FALSE(Suppressed(text, 5));
}

TEST_CASE("a comment at the end of the file covers nothing") {
  const std::string text = std::string(kRule) + "// yaral:ignore unused_placeholder\n";
  for (uint32_t line = 1; line <= 7; ++line) CHECK_FALSE(Suppressed(text, line));
}

}  // namespace
}  // namespace yaral

#include "yaral/source.h"

#include <catch2/catch.hpp>
#include <cstdint>
#include <string>
#include <vector>

namespace yaral {
namespace {

struct LocateCase {
  const char* what;
  std::string text;
  uint32_t offset;
  uint32_t line;
  uint32_t column;
};

TEST_CASE("Locate maps byte offsets to 1-based line and character column",
          "[diagnostics][source]") {
  const std::vector<LocateCase> cases = {
      {"start of file", "rule a {}", 0, 1, 1},
      {"middle of first line", "rule a {}", 5, 1, 6},
      {"start of second line", "ab\ncd", 3, 2, 1},
      {"on the newline itself", "ab\ncd", 2, 1, 3},
      {"end of file, no final newline", "ab\ncd", 5, 2, 3},
      {"end of file after a final newline", "ab\ncd\n", 6, 2, 3},
      {"past the end", "ab\ncd", 99, 2, 3},
      {"empty file", "", 0, 1, 1},
      {"empty file, past the end", "", 7, 1, 1},
      {"only a newline", "\n", 1, 1, 1},
      {"blank line before the end", "a\n\n", 3, 2, 1},
      // "é" is two bytes, "→" three, "😀" four: each is one column.
      {"two-byte character before", "\xC3\xA9x", 2, 1, 2},
      {"three-byte character before", "\xE2\x86\x92x", 3, 1, 2},
      {"four-byte character before", "\xF0\x9F\x98\x80x", 4, 1, 2},
      {"mixed characters on a later line", "a\n \xC3\xA9\xE2\x86\x92 $x", 9, 2, 5},
      {"offset inside a multi-byte character", "\xE2\x86\x92x", 1, 1, 2},
      // Invalid bytes count one column each.
      {"lone continuation bytes", "\x80\x80x", 2, 1, 3},
      {"truncated sequence", "\xE2\x86x", 2, 1, 3},
      {"overlong encoding", "\xC0\xAFx", 2, 1, 3},
      {"encoded surrogate", "\xED\xA0\x80x", 3, 1, 4},
      {"CRLF: start of second line", "ab\r\ncd", 4, 2, 1},
      {"CRLF: on the carriage return", "ab\r\ncd", 2, 1, 3},
      {"CRLF: on the line feed", "ab\r\ncd", 3, 1, 3},
      {"CRLF: end of file after final CRLF", "ab\r\n", 4, 1, 3},
      {"lone CR is not a line break", "ab\rcd", 4, 1, 5},
  };
  for (const LocateCase& c : cases) {
    SECTION(c.what) {
      const SourceFile file("t.yaral", c.text);
      const SourceLocation where = file.Locate(c.offset);
      CHECK(where.line == c.line);
      CHECK(where.column == c.column);
    }
  }
}

TEST_CASE("Line strips terminators and returns empty for missing lines",
          "[diagnostics][source]") {
  const SourceFile file("t.yaral", "rule a {\r\n  meta:\n\n}\r");
  CHECK(file.line_count() == 4);
  CHECK(file.Line(0) == "");
  CHECK(file.Line(1) == "rule a {");
  CHECK(file.Line(2) == "  meta:");
  CHECK(file.Line(3) == "");
  CHECK(file.Line(4) == "}");
  CHECK(file.Line(5) == "");
  CHECK(file.Line(99) == "");
}

TEST_CASE("line_count does not count a line after the final newline",
          "[diagnostics][source]") {
  CHECK(SourceFile("t", "").line_count() == 1);
  CHECK(SourceFile("t", "a").line_count() == 1);
  CHECK(SourceFile("t", "a\n").line_count() == 1);
  CHECK(SourceFile("t", "a\r\n").line_count() == 1);
  CHECK(SourceFile("t", "a\nb").line_count() == 2);
  CHECK(SourceFile("t", "a\n\n").line_count() == 2);
  CHECK(SourceFile("t", "\n").line_count() == 1);
  CHECK(SourceFile("t", "a\rb\rc").line_count() == 1);
}

TEST_CASE("Slice returns the covered text, clamped to the file", "[diagnostics][source]") {
  const SourceFile file("t.yaral", "rule abc {}");
  CHECK(file.Slice({5, 8}) == "abc");
  CHECK(file.Slice({5, 5}) == "");
  CHECK(file.Slice({9, 99}) == "{}");
  CHECK(file.Slice({50, 60}) == "");
  CHECK(file.Slice({8, 5}) == "");  // reversed spans are empty, not UB
  CHECK(file.Slice({0, 11}) == "rule abc {}");
}

TEST_CASE("SourceFile keeps its name and text", "[diagnostics][source]") {
  const SourceFile file("rules/x.yaral", "rule x {}\n");
  CHECK(file.name() == "rules/x.yaral");
  CHECK(file.text() == "rule x {}\n");
}

TEST_CASE("Locate agrees with Line for every offset", "[diagnostics][source]") {
  const std::string text = "rule x {\r\n\tmeta:\n  a = \"\xC3\xA9\"\n\n}";
  const SourceFile file("t.yaral", text);
  for (uint32_t offset = 0; offset <= text.size(); ++offset) {
    const SourceLocation where = file.Locate(offset);
    REQUIRE(where.line >= 1);
    REQUIRE(where.line <= file.line_count());
    // The column never goes further than one past the line's last character.
    const std::string_view line = file.Line(where.line);
    CHECK(where.column <= line.size() + 1);
  }
}

}  // namespace
}  // namespace yaral

#include <catch2/catch.hpp>
#include <cstdint>
#include <string>
#include <vector>

#include "yaral/diagnostics.h"
#include "yaral/source.h"

namespace yaral {
namespace {

// Span of the first occurrence of `needle` in `text`.
SourceSpan SpanOf(const std::string& text, const std::string& needle) {
  const size_t at = text.find(needle);
  REQUIRE(at != std::string::npos);
  return {static_cast<uint32_t>(at), static_cast<uint32_t>(at + needle.size())};
}

// Zero-width span just after the first occurrence of `needle`.
SourceSpan After(const std::string& text, const std::string& needle) {
  const SourceSpan span = SpanOf(text, needle);
  return {span.end, span.end};
}

Diagnostic Error(std::string code, std::string message, SourceSpan span,
                 std::string label = "") {
  Diagnostic d;
  d.severity = Severity::kError;
  d.code = std::move(code);
  d.message = std::move(message);
  d.primary = {span, std::move(label)};
  return d;
}

TEST_CASE("SeverityName spells each severity", "[diagnostics][render]") {
  CHECK(SeverityName(Severity::kError) == "error");
  CHECK(SeverityName(Severity::kWarning) == "warning");
  CHECK(SeverityName(Severity::kNote) == "note");
}

TEST_CASE("HasErrors looks for error severity only", "[diagnostics][render]") {
  std::vector<Diagnostic> diagnostics;
  CHECK_FALSE(HasErrors(diagnostics));
  diagnostics.push_back(Diagnostic{});
  diagnostics.back().severity = Severity::kWarning;
  diagnostics.push_back(Diagnostic{});
  diagnostics.back().severity = Severity::kNote;
  CHECK_FALSE(HasErrors(diagnostics));
  diagnostics.push_back(Diagnostic{});  // defaults to an error
  CHECK(HasErrors(diagnostics));
}

TEST_CASE("renders a missing colon with a caret and help", "[diagnostics][render]") {
  const std::string text = "rule x {\n  meta:\n  events\n    $e.a = 1\n}\n";
  const SourceFile file("rules/x.yaral", text);
  Diagnostic d = Error("E102", "expected `:` after section name `events`", After(text, "events"));
  d.help = "write `events:`";
  CHECK(RenderDiagnostic(d, file) ==
        "rules/x.yaral:3:9: error: expected `:` after section name `events` [E102]\n"
        "    3 |   events\n"
        "      |         ^\n"
        "      = help: write `events:`\n");
}

TEST_CASE("carets span the primary label and its text follows", "[diagnostics][render]") {
  const std::string text = "rule x {\n  events:\n    $e.target.port = \"80\"\n}\n";
  const SourceFile file("x.yaral", text);
  const Diagnostic d = Error("E100", "type mismatch", SpanOf(text, "\"80\""), "a string");
  CHECK(RenderDiagnostic(d, file) ==
        "x.yaral:3:22: error: type mismatch [E100]\n"
        "    3 |     $e.target.port = \"80\"\n"
        "      |                      ^^^^ a string\n");
}

TEST_CASE("tabs expand the same way in the source and caret lines", "[diagnostics][render]") {
  // Tab stops every 4 columns: the first tab fills columns 0-3, the second
  // fills 12-15, the one after `a` fills 1-3.
  const std::string text = "\t$e.a = 1\tand x\na\tb\n";
  const SourceFile file("t.yaral", text);
  CHECK(RenderDiagnostic(Error("E101", "unexpected", SpanOf(text, "x")), file) ==
        "t.yaral:1:15: error: unexpected [E101]\n"
        "    1 |     $e.a = 1    and x\n"
        "      |                     ^\n");
  CHECK(RenderDiagnostic(Error("E101", "unexpected", SpanOf(text, "b")), file) ==
        "t.yaral:2:3: error: unexpected [E101]\n"
        "    2 | a   b\n"
        "      |     ^\n");
  // A span covering a tab underlines every column the tab occupies.
  CHECK(RenderDiagnostic(Error("E101", "tab", SpanOf(text, "\t")), file) ==
        "t.yaral:1:1: error: tab [E101]\n"
        "    1 |     $e.a = 1    and x\n"
        "      | ^^^^\n");
}

TEST_CASE("multi-byte characters before the error count one column each",
          "[diagnostics][render]") {
  // "é" (2 bytes), "→" (3 bytes) and "😀" (4 bytes).
  const std::string text = "  a = \"\xC3\xA9\xE2\x86\x92\xF0\x9F\x98\x80\" bad";
  const SourceFile file("u.yaral", text);
  CHECK(RenderDiagnostic(Error("E100", "unexpected `bad`", SpanOf(text, "bad")), file) ==
        "u.yaral:1:13: error: unexpected `bad` [E100]\n"
        "    1 |   a = \"\xC3\xA9\xE2\x86\x92\xF0\x9F\x98\x80\" bad\n"
        "      |             ^^^\n");
  // A label over multi-byte characters gets one caret per character.
  CHECK(RenderDiagnostic(Error("E100", "m", SpanOf(text, "\xC3\xA9\xE2\x86\x92")), file) ==
        "u.yaral:1:8: error: m [E100]\n"
        "    1 |   a = \"\xC3\xA9\xE2\x86\x92\xF0\x9F\x98\x80\" bad\n"
        "      |        ^^\n");
}

TEST_CASE("CRLF files render without the carriage return", "[diagnostics][render]") {
  const std::string text = "rule x {\r\n  events\r\n}\r\n";
  const SourceFile file("w.yaral", text);
  CHECK(RenderDiagnostic(Error("E102", "missing colon", After(text, "events")), file) ==
        "w.yaral:2:9: error: missing colon [E102]\n"
        "    2 |   events\n"
        "      |         ^\n");
}

TEST_CASE("a span at end of file points just past the last character",
          "[diagnostics][render]") {
  SECTION("with a final newline") {
    const std::string text = "rule x {\n  meta:\n";
    const SourceFile file("e.yaral", text);
    const auto end = static_cast<uint32_t>(text.size());
    CHECK(RenderDiagnostic(Error("E100", "unexpected end of file", {end, end}), file) ==
          "e.yaral:2:8: error: unexpected end of file [E100]\n"
          "    2 |   meta:\n"
          "      |        ^\n");
  }
  SECTION("without a final newline") {
    const std::string text = "rule x {";
    const SourceFile file("e.yaral", text);
    const auto end = static_cast<uint32_t>(text.size());
    CHECK(RenderDiagnostic(Error("E100", "unexpected end of file", {end, end}), file) ==
          "e.yaral:1:9: error: unexpected end of file [E100]\n"
          "    1 | rule x {\n"
          "      |         ^\n");
  }
  SECTION("with a final CRLF") {
    const std::string text = "rule x {\r\n";
    const SourceFile file("e.yaral", text);
    const auto end = static_cast<uint32_t>(text.size());
    CHECK(RenderDiagnostic(Error("E100", "unexpected end of file", {end, end}), file) ==
          "e.yaral:1:9: error: unexpected end of file [E100]\n"
          "    1 | rule x {\n"
          "      |         ^\n");
  }
  SECTION("offsets past the end behave like the end") {
    const SourceFile file("e.yaral", "ab");
    CHECK(RenderDiagnostic(Error("E100", "x", {100, 200}), file) ==
          "e.yaral:1:3: error: x [E100]\n"
          "    1 | ab\n"
          "      |   ^\n");
  }
  SECTION("empty file") {
    const SourceFile file("empty.yaral", "");
    CHECK(RenderDiagnostic(Error("E001", "no rule text", {0, 0}), file) ==
          "empty.yaral:1:1: error: no rule text [E001]\n"
          "    1 |\n"
          "      | ^\n");
  }
}

TEST_CASE("a zero-width span gets one caret", "[diagnostics][render]") {
  const std::string text = "condition:\n  $e and $f\n";
  const SourceFile file("z.yaral", text);
  const SourceSpan at_and = SpanOf(text, "and");
  CHECK(RenderDiagnostic(Error("E100", "here", {at_and.begin, at_and.begin}, "insert"), file) ==
        "z.yaral:2:6: error: here [E100]\n"
        "    2 |   $e and $f\n"
        "      |      ^ insert\n");
}

TEST_CASE("a multi-line span is underlined to the end of its first line",
          "[diagnostics][render]") {
  const std::string text = "events:\n  ($e.a = 1\n   or $e.b = 2)\n";
  const SourceFile file("m.yaral", text);
  const SourceSpan span{SpanOf(text, "(").begin, SpanOf(text, ")").end};
  CHECK(RenderDiagnostic(Error("E116", "parenthesised", span, "this group"), file) ==
        "m.yaral:2:3: error: parenthesised [E116]\n"
        "    2 |   ($e.a = 1\n"
        "      |   ^^^^^^^^^ this group\n");
  // A span that starts on the line break still gets one caret.
  const SourceSpan from_newline{After(text, "= 1").begin, span.end};
  CHECK(RenderDiagnostic(Error("E116", "p", from_newline), file) ==
        "m.yaral:2:12: error: p [E116]\n"
        "    2 |   ($e.a = 1\n"
        "      |            ^\n");
}

TEST_CASE("notes and help follow the excerpt, aligned under the gutter",
          "[diagnostics][render]") {
  const std::string text = "condition:\n  $a, $b\n";
  const SourceFile file("c.yaral", text);
  Diagnostic d = Error("E117", "commas are not allowed in a condition", SpanOf(text, ","));
  d.notes = {"conditions combine variables with `and` and `or`",
             "first line\nsecond line"};
  d.help = "write `$a and $b`";
  CHECK(RenderDiagnostic(d, file) ==
        "c.yaral:2:5: error: commas are not allowed in a condition [E117]\n"
        "    2 |   $a, $b\n"
        "      |     ^\n"
        "      = note: conditions combine variables with `and` and `or`\n"
        "      = note: first line\n"
        "              second line\n"
        "      = help: write `$a and $b`\n");

  SECTION("without the source excerpt") {
    const RenderOptions options{.color = false, .show_source = false};
    CHECK(RenderDiagnostic(d, file, options) ==
          "c.yaral:2:5: error: commas are not allowed in a condition [E117]\n"
          "  = note: conditions combine variables with `and` and `or`\n"
          "  = note: first line\n"
          "          second line\n"
          "  = help: write `$a and $b`\n");
  }
}

TEST_CASE("secondary labels use dashes, with a locator on other lines",
          "[diagnostics][render]") {
  const std::string text =
      "rule x {\n"
      "  events:\n"
      "    $e.a = $x and $f.b = $x\n"
      "  events:\n"
      "}\n";
  const SourceFile file("s.yaral", text);
  const size_t second = text.find("events", text.find("events") + 1);
  Diagnostic d = Error("E111", "duplicate `events` section",
                       {static_cast<uint32_t>(second), static_cast<uint32_t>(second + 6)},
                       "second `events`");
  const size_t first_x = text.find("$x");
  const size_t second_x = text.find("$x", first_x + 1);
  d.secondary = {
      {SpanOf(text, "events"), "first `events` here"},
      {{static_cast<uint32_t>(second), static_cast<uint32_t>(second)}, ""},
      {{static_cast<uint32_t>(first_x), static_cast<uint32_t>(first_x + 2)}, "one"},
      {{static_cast<uint32_t>(second_x), static_cast<uint32_t>(second_x + 2)}, "two"},
  };
  d.help = "merge the two sections";
  CHECK(RenderDiagnostic(d, file) ==
        "s.yaral:4:3: error: duplicate `events` section [E111]\n"
        "    4 |   events:\n"
        "      |   ^^^^^^ second `events`\n"
        "      |   -\n"
        "  s.yaral:2:3:\n"
        "    2 |   events:\n"
        "      |   ------ first `events` here\n"
        "  s.yaral:3:12:\n"
        "    3 |     $e.a = $x and $f.b = $x\n"
        "      |            -- one\n"
        "      |                          -- two\n"
        "      = help: merge the two sections\n");
}

TEST_CASE("the gutter widens for long line numbers", "[diagnostics][render]") {
  const std::string text = std::string(123455, '\n') + "x\n";
  const SourceFile file("big.yaral", text);
  Diagnostic d = Error("E101", "unexpected", SpanOf(text, "x"));
  d.notes = {"n"};
  d.secondary = {{{0, 0}, "start"}};
  CHECK(RenderDiagnostic(d, file) ==
        "big.yaral:123456:1: error: unexpected [E101]\n"
        " 123456 | x\n"
        "        | ^\n"
        "  big.yaral:1:1:\n"
        "      1 |\n"
        "        | - start\n"
        "        = note: n\n");
}

TEST_CASE("control characters and invalid bytes echo as `?`", "[diagnostics][render]") {
  const std::string text = std::string("a\x01\x7F\x1B[2J\r\xFF\xE2\x80\xAE") + "b\n";
  const SourceFile file("ctl.yaral", text);
  CHECK(RenderDiagnostic(Error("E002", "bad", SpanOf(text, "b")), file) ==
        "ctl.yaral:1:11: error: bad [E002]\n"
        "    1 | a???[2J???b\n"
        "      |           ^\n");
}

TEST_CASE("colour wraps severity words, carets and codes", "[diagnostics][render]") {
  const std::string text = "  events\n";
  const SourceFile file("k.yaral", text);
  Diagnostic d = Error("E102", "missing colon", After(text, "events"), "here");
  d.notes = {"n"};
  d.help = "h";
  const RenderOptions color{.color = true};
  CHECK(RenderDiagnostic(d, file, color) ==
        "k.yaral:1:9: \x1b[1;31merror\x1b[0m: missing colon \x1b[2m[E102]\x1b[0m\n"
        "    1 |   events\n"
        "      |         \x1b[1;31m^ here\x1b[0m\n"
        "      = \x1b[1mnote\x1b[0m: n\n"
        "      = \x1b[1mhelp\x1b[0m: h\n");

  d.severity = Severity::kWarning;
  CHECK(RenderDiagnostic(d, file, {.color = true, .show_source = false}) ==
        "k.yaral:1:9: \x1b[1;33mwarning\x1b[0m: missing colon \x1b[2m[E102]\x1b[0m\n"
        "  = \x1b[1mnote\x1b[0m: n\n"
        "  = \x1b[1mhelp\x1b[0m: h\n");
  d.severity = Severity::kNote;
  d.notes.clear();
  d.help.clear();
  CHECK(RenderDiagnostic(d, file, {.color = true, .show_source = false}) ==
        "k.yaral:1:9: \x1b[1;36mnote\x1b[0m: missing colon \x1b[2m[E102]\x1b[0m\n");
}

TEST_CASE("colour off never emits escapes", "[diagnostics][render]") {
  const std::string text = "  events\n";
  const SourceFile file("k.yaral", text);
  Diagnostic d = Error("E102", "missing colon", After(text, "events"), "here");
  d.secondary = {{SpanOf(text, "events"), "section"}};
  d.notes = {"n"};
  d.help = "h";
  CHECK(RenderDiagnostic(d, file).find('\x1b') == std::string::npos);
}

TEST_CASE("warnings with snake_case codes and diagnostics without a code",
          "[diagnostics][render]") {
  const std::string text = "  $unused = $e.a\n";
  const SourceFile file("l.yaral", text);
  Diagnostic d = Error("unused_placeholder", "placeholder `$unused` is never used",
                       SpanOf(text, "$unused"));
  d.severity = Severity::kWarning;
  CHECK(RenderDiagnostic(d, file) ==
        "l.yaral:1:3: warning: placeholder `$unused` is never used [unused_placeholder]\n"
        "    1 |   $unused = $e.a\n"
        "      |   ^^^^^^^\n");
  d.code.clear();
  CHECK(RenderDiagnostic(d, file, {.show_source = false}) ==
        "l.yaral:1:3: warning: placeholder `$unused` is never used\n");
}

TEST_CASE("very long lines are shown as a window around the label", "[diagnostics][render]") {
  const std::string text = std::string(300, 'a') + "X" + std::string(300, 'b') + "\n";
  const SourceFile file("long.yaral", text);
  const std::string rendered =
      RenderDiagnostic(Error("E101", "unexpected", SpanOf(text, "X")), file);
  // 60 columns of context before the label, 200 columns in all.
  const std::string shown = "..." + std::string(60, 'a') + "X" + std::string(139, 'b') + "...";
  CHECK(rendered ==
        "long.yaral:1:301: error: unexpected [E101]\n"
        "    1 | " + shown + "\n"
        "      | " + std::string(63, ' ') + "^\n");

  SECTION("a label near the end keeps the window at the end of the line") {
    const std::string tail = std::string(300, 'a') + "Y";
    const SourceFile tail_file("tail.yaral", tail);
    const std::string out =
        RenderDiagnostic(Error("E101", "u", After(tail, "Y")), tail_file);
    CHECK(out ==
          "tail.yaral:1:302: error: u [E101]\n"
          "    1 | ..." + std::string(199, 'a') + "Y\n"
          "      | " + std::string(203, ' ') + "^\n");
  }
}

TEST_CASE("any span over any text renders without trouble", "[diagnostics][render]") {
  // Tabs, CRLF, a lone CR, invalid and truncated UTF-8, a control byte, an
  // empty line and no final newline: every span, including reversed and
  // out-of-range ones, must render to well-formed output.
  const std::string text = "a\t\xC3\xA9\r\n\xE2\x86\n\n\x01b\rc\xF0\x9F\x98\x80";
  const SourceFile file("f.yaral", text);
  const auto size = static_cast<uint32_t>(text.size());
  for (uint32_t begin = 0; begin <= size + 1; ++begin) {
    for (uint32_t end = 0; end <= size + 1; ++end) {
      Diagnostic d = Error("E100", "m", {begin, end}, "p");
      d.secondary = {{{end, begin}, "s"}};
      d.notes = {"n"};
      const std::string out = RenderDiagnostic(d, file);
      INFO("span " << begin << ".." << end << "\n" << out);
      REQUIRE(out.back() == '\n');
      CHECK(out.find('^') != std::string::npos);
      CHECK(out.find('\r') == std::string::npos);
      CHECK(out.find('\x01') == std::string::npos);
    }
  }
}

}  // namespace
}  // namespace yaral

// FormatSource: the canonical layout with every comment where the author put
// it, the same tree as the input, and nothing changed on a second pass.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "yaral/ast_printer.h"
#include "yaral/diagnostics.h"
#include "yaral/formatter.h"
#include "yaral/parser.h"
#include "yaral/source.h"

namespace yaral {
namespace {

// Formats `text`, requires success, and checks the contract every formatted
// file keeps: same tree, every comment still there, a fixed point.
std::string Format(const std::string& text) {
  const SourceFile source("in.yaral", text);
  const FormatResult formatted = FormatSource(source);
  INFO("input:\n" << text);
  REQUIRE(formatted.ok());
  INFO("formatted:\n" << formatted.text);
  const SourceFile output("out.yaral", formatted.text);
  const ParseResult before = Parse(source);
  const ParseResult after = Parse(output);
  REQUIRE_FALSE(HasErrors(after.diagnostics));
  CHECK(SameStructure(before.file, after.file));
  std::vector<std::string_view> comments_before, comments_after;
  for (SourceSpan c : before.comments) comments_before.push_back(source.Slice(c));
  for (SourceSpan c : after.comments) comments_after.push_back(output.Slice(c));
  CHECK(comments_after.size() == comments_before.size());
  CHECK(FormatSource(output).text == formatted.text);
  return formatted.text;
}

TEST_CASE("fmt writes the canonical layout", "[format][layout]") {
  CHECK(Format("RULE  late_login{META:author=\"x\"   EVENTS:\n"
               "\t$e.metadata.event_type=\"USER_LOGIN\"  (($e.principal.port>1024))\n"
               "  $host=$e.principal.hostname MATCH: $host  OVER 5m\n"
               "CONDITION:#e>=2 AND $e}") ==
        "rule late_login {\n"
        "  meta:\n"
        "    author = \"x\"\n"
        "  events:\n"
        "    $e.metadata.event_type = \"USER_LOGIN\"\n"
        "    $e.principal.port > 1024\n"
        "    $host = $e.principal.hostname\n"
        "  match:\n"
        "    $host over 5m\n"
        "  condition:\n"
        "    #e >= 2 and $e\n"
        "}\n");
}

TEST_CASE("fmt leaves canonical text unchanged", "[format][idempotence]") {
  const std::string canonical =
      "// Logins from many hosts.\n"
      "rule logins {\n"
      "  meta:\n"
      "    author = \"me\" // who to ask\n"
      "\n"
      "    severity = \"HIGH\"\n"
      "  events:\n"
      "    // the login itself\n"
      "    $e.metadata.event_type = \"USER_LOGIN\"\n"
      "    $e.principal.user.userid = $user\n"
      "  match:\n"
      "    $user over 1h\n"
      "\n"
      "  condition:\n"
      "    #e > 3\n"
      "}\n";
  CHECK(Format(canonical) == canonical);
}

TEST_CASE("fmt keeps line comments on their lines", "[format][comments]") {
  CHECK(Format("rule r {\n"
               "meta:\n"
               "        author = \"me\"    // trailing, blanks trimmed   \n"
               "events:\n"
               "   // before the predicate\n"
               "      $e.metadata.event_type = \"USER_LOGIN\" // after it\n"
               "condition:\n"
               "  $e // last\n"
               "} // after the rule\n") ==
        "rule r {\n"
        "  meta:\n"
        "    author = \"me\" // trailing, blanks trimmed\n"
        "  events:\n"
        "    // before the predicate\n"
        "    $e.metadata.event_type = \"USER_LOGIN\" // after it\n"
        "  condition:\n"
        "    $e // last\n"
        "} // after the rule\n");
}

TEST_CASE("fmt keeps block comments verbatim", "[format][comments]") {
  CHECK(Format("/* A header\n"
               "   over two lines. */\n"
               "rule r {\n"
               "  meta:\n"
               "    author = \"me\" /* inline */\n"
               "  events:\n"
               "    /* spacing   kept */ $e.metadata.event_type = \"USER_LOGIN\"\n"
               "  condition:\n"
               "    $e\n"
               "}\n") ==
        "/* A header\n"
        "   over two lines. */\n"
        "rule r {\n"
        "  meta:\n"
        "    author = \"me\" /* inline */\n"
        "  events:\n"
        "    /* spacing   kept */\n"
        "    $e.metadata.event_type = \"USER_LOGIN\"\n"
        "  condition:\n"
        "    $e\n"
        "}\n");
}

TEST_CASE("fmt keeps comments between sections with their section", "[format][comments]") {
  CHECK(Format("rule r {\n"
               "  meta:\n"
               "    author = \"me\"\n"
               "\n"
               "// The events.\n"
               "  events:\n"
               "    $e.metadata.event_type = \"USER_LOGIN\"\n"
               "    // Closing remark of events.\n"
               "  condition:\n"
               "    $e\n"
               "    // Closing remark of the rule.\n"
               "}\n") ==
        "rule r {\n"
        "  meta:\n"
        "    author = \"me\"\n"
        "\n"
        "  // The events.\n"
        "  events:\n"
        "    $e.metadata.event_type = \"USER_LOGIN\"\n"
        "    // Closing remark of events.\n"
        "  condition:\n"
        "    $e\n"
        "    // Closing remark of the rule.\n"
        "}\n");
}

TEST_CASE("fmt puts one space before a trailing comment", "[format][comments]") {
  CHECK(Format("rule r {\n"
               "  meta:\n"
               "    author = \"me\"        // aligned\n"
               "    severity = \"LOW\"\t// after a tab\n"
               "  events:\n"
               "    $e.metadata.event_type = \"USER_LOGIN\"\n"
               "  condition:\n"
               "    $e\n"
               "}\n") ==
        "rule r {\n"
        "  meta:\n"
        "    author = \"me\" // aligned\n"
        "    severity = \"LOW\" // after a tab\n"
        "  events:\n"
        "    $e.metadata.event_type = \"USER_LOGIN\"\n"
        "  condition:\n"
        "    $e\n"
        "}\n");
}

// A comment inside a predicate that the layout prints on one line has no line
// of its own there any more: it goes on the line before the predicate.
TEST_CASE("fmt moves comments inside a joined entry before it", "[format][comments]") {
  CHECK(Format("rule r {\n"
               "  meta:\n"
               "  events:\n"
               "    $e.metadata.event_type = \"USER_LOGIN\"\n"
               "  condition:\n"
               "    $e and // at least one\n"
               "    #e > 1\n"
               "}\n") ==
        "rule r {\n"
        "  meta:\n"
        "  events:\n"
        "    $e.metadata.event_type = \"USER_LOGIN\"\n"
        "  condition:\n"
        "    // at least one\n"
        "    $e and #e > 1\n"
        "}\n");
}

TEST_CASE("fmt keeps at most one blank line and none after a header", "[format][blank-lines]") {
  CHECK(Format("\n\nrule a {\n"
               "  meta:\n"
               "\n"
               "    author = \"me\"\n"
               "\n\n\n"
               "    severity = \"LOW\"\n"
               "  events:\n"
               "    $e.metadata.event_type = \"USER_LOGIN\"\n"
               "\n"
               "  condition:\n"
               "    $e\n"
               "\n"
               "}\n"
               "rule b {\n"
               "  meta:\n"
               "  events:\n"
               "    $e.metadata.event_type = \"USER_LOGOUT\"\n"
               "  condition:\n"
               "    $e\n"
               "}\n\n\n") ==
        "rule a {\n"
        "  meta:\n"
        "    author = \"me\"\n"
        "\n"
        "    severity = \"LOW\"\n"
        "  events:\n"
        "    $e.metadata.event_type = \"USER_LOGIN\"\n"
        "\n"
        "  condition:\n"
        "    $e\n"
        "}\n"
        "\n"
        "rule b {\n"
        "  meta:\n"
        "  events:\n"
        "    $e.metadata.event_type = \"USER_LOGOUT\"\n"
        "  condition:\n"
        "    $e\n"
        "}\n");
}

// Literals are printed from the tree; what they mean must not change, and
// escapes are written the one canonical way.
TEST_CASE("fmt keeps strings, meta values and regexes", "[format][literals]") {
  const std::string canonical =
      "rule r {\n"
      "  meta:\n"
      "    description = \"a \\\"quoted\\\" word, a tab\\t and a back\\\\slash\"\n"
      "    reference = \"https://example.com/a?b=c&d=e\"\n"
      "    priority = 3\n"
      "  events:\n"
      "    $e.target.url = /^\\S*\\/_layouts\\/1(5|6)\\/signout\\.aspx(\\?.*)?$/ nocase\n"
      "    $e.target.process.command_line = `c:\\windows\\system32`\n"
      "    re.regex($e.principal.process.command_line, `(?i)who\\s*ami`)\n"
      "    $e.principal.hostname = \"caf\xc3\xa9\"\n"
      "  condition:\n"
      "    $e\n"
      "}\n";
  CHECK(Format(canonical) == canonical);
}

TEST_CASE("fmt without a final newline or with CRLF line ends", "[format][layout]") {
  const std::string expected =
      "rule r {\n"
      "  meta:\n"
      "    author = \"me\" // who\n"
      "  events:\n"
      "    $e.metadata.event_type = \"USER_LOGIN\"\n"
      "  condition:\n"
      "    $e\n"
      "}\n";
  CHECK(Format("rule r {\r\n  meta:\r\n    author = \"me\" // who\r\n  events:\r\n"
               "    $e.metadata.event_type = \"USER_LOGIN\"\r\n  condition:\r\n    $e\r\n}\r\n") ==
        expected);
  CHECK(Format("rule r { meta: author = \"me\" // who\n events: $e.metadata.event_type = "
               "\"USER_LOGIN\" condition: $e }") == expected);
}

TEST_CASE("fmt leaves a file with syntax errors as it is", "[format][errors]") {
  const std::string text =
      "rule broken {\n"
      "  meta:\n"
      "  events\n"
      "    $e.metadata.event_type = \"USER_LOGIN\"\n"
      "  condition:\n"
      "    $e\n"
      "}\n";
  const FormatResult formatted = FormatSource(SourceFile("broken.yaral", text));
  CHECK_FALSE(formatted.ok());
  CHECK(formatted.text == text);
  REQUIRE_FALSE(formatted.diagnostics.empty());
  CHECK(formatted.diagnostics[0].code == "E102");
}

TEST_CASE("fmt refuses empty and comment-only files", "[format][errors]") {
  for (const std::string text : {"", "// nothing but a comment\n"}) {
    const FormatResult formatted = FormatSource(SourceFile("empty.yaral", text));
    CHECK_FALSE(formatted.ok());
    CHECK(formatted.text == text);
  }
}

TEST_CASE("FormatParsed formats a parse kept by the caller", "[format][api]") {
  const SourceFile source("in.yaral",
                          "rule r { meta: events: $e.x = 1 // one\n condition: $e }\n");
  const ParseResult parsed = Parse(source);
  REQUIRE_FALSE(HasErrors(parsed.diagnostics));
  CHECK(FormatParsed(source, parsed) == FormatSource(source).text);
}

}  // namespace
}  // namespace yaral

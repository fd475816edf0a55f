// ApplyFixes (edits applied from the end, overlaps refused) and FixSource
// (check, fix, re-check; the fixed text kept only without new errors).
#include <catch2/catch.hpp>
#include <memory>
#include <string>
#include <vector>

#include "yaral/checker.h"
#include "yaral/diagnostics.h"
#include "yaral/fixer.h"
#include "yaral/reference_lists.h"
#include "yaral/source.h"

namespace yaral {
namespace {

Diagnostic WithFixes(std::vector<Fix> fixes) {
  Diagnostic d = MakeDiagnostic("E200", "test", fixes.empty() ? SourceSpan{} : fixes[0].span);
  d.fixes = std::move(fixes);
  return d;
}

TEST_CASE("ApplyFixes applies every fix against the original positions", "[check][fix][edits]") {
  //                              0123456789012345678
  const std::string text = "alpha beta gamma";
  const AppliedEdits edits = ApplyFixes(
      text, {WithFixes({{{0, 5}, "ALPHA!"}}), WithFixes({{{11, 16}, "g"}}), WithFixes({}),
             WithFixes({{{6, 6}, "<"}, {{10, 10}, ">"}})});
  CHECK(edits.text == "ALPHA! <beta> g");
  CHECK(edits.outcomes == std::vector<FixOutcome>{FixOutcome::kApplied, FixOutcome::kApplied,
                                                  FixOutcome::kNoFix, FixOutcome::kApplied});
  CHECK(edits.applied() == 3);
}

TEST_CASE("ApplyFixes: of overlapping fixes the later one wins", "[check][fix][edits]") {
  const std::string text = "abcdefgh";
  const AppliedEdits edits =
      ApplyFixes(text, {WithFixes({{{1, 4}, "X"}}), WithFixes({{{3, 6}, "Y"}}),
                        WithFixes({{{6, 6}, "+"}})});
  CHECK(edits.text == "abcY+gh");
  CHECK(edits.outcomes == std::vector<FixOutcome>{FixOutcome::kOverlapping, FixOutcome::kApplied,
                                                  FixOutcome::kApplied});
}

TEST_CASE("ApplyFixes: a fix is applied whole or not at all", "[check][fix][edits]") {
  const std::string text = "abcdefgh";
  // The second edit of the first fix overlaps the other fix: none of its
  // edits is applied.
  const AppliedEdits edits =
      ApplyFixes(text, {WithFixes({{{0, 1}, "A"}, {{5, 7}, "Z"}}), WithFixes({{{6, 8}, "W"}})});
  CHECK(edits.text == "abcdefW");
  CHECK(edits.outcomes[0] == FixOutcome::kOverlapping);
}

TEST_CASE("ApplyFixes: insertions, repeats, bad spans", "[check][fix][edits]") {
  const std::string text = "key value";
  // An insertion at either end of a replaced range is not an overlap.
  CHECK(ApplyFixes(text, {WithFixes({{{4, 9}, "\"value\""}}), WithFixes({{{4, 4}, "= "}}),
                          WithFixes({{{9, 9}, ";"}})})
            .text == "key = \"value\";");
  // Two insertions at one place would be ambiguous.
  AppliedEdits two = ApplyFixes(text, {WithFixes({{{3, 3}, "1"}}), WithFixes({{{3, 3}, "2"}})});
  CHECK(two.applied() == 1);
  // The same finding reported twice is fixed once.
  AppliedEdits twice = ApplyFixes(text, {WithFixes({{{0, 3}, "KEY"}}), WithFixes({{{0, 3}, "KEY"}})});
  CHECK(twice.text == "KEY value");
  CHECK(twice.applied() == 2);
  // A span past the end belongs to another text.
  AppliedEdits outside = ApplyFixes(text, {WithFixes({{{4, 40}, "x"}})});
  CHECK(outside.text == text);
  CHECK(outside.outcomes[0] == FixOutcome::kOutOfRange);
  // Edits of one fix that overlap each other.
  AppliedEdits self = ApplyFixes(text, {WithFixes({{{0, 5}, "a"}, {{2, 6}, "b"}})});
  CHECK(self.text == text);
  CHECK(self.outcomes[0] == FixOutcome::kOverlapping);
}

std::string Rule(const std::string& events, const std::string& rest = "") {
  return "rule r {\n"
         "  meta:\n"
         "    author = \"a\"\n"
         "  events:\n" +
         events +
         "  condition:\n"
         "    $e\n" +
         rest + "}\n";
}

CheckOptions ErrorsOnly() {
  CheckOptions options;
  options.lint = false;
  return options;
}

TEST_CASE("FixSource respells a field and an enum value", "[check][fix]") {
  const SourceFile source("r.yaral", Rule("    $e.metadata.event_type = \"user_login\"\n"
                                          "    $e.principal.hostnme = \"ws-01\"\n"));
  const FixResult fixed = FixSource(source, ErrorsOnly());
  CHECK(fixed.text == Rule("    $e.metadata.event_type = \"USER_LOGIN\"\n"
                           "    $e.principal.hostname = \"ws-01\"\n"));
  CHECK(fixed.refusal.empty());
  REQUIRE(fixed.applied.size() == 2);
  CHECK(fixed.applied[0].code == "E201");
  CHECK(source.Slice(fixed.applied[0].primary.span) == "\"user_login\"");
  CHECK(fixed.applied[1].code == "E200");
  CHECK(source.Slice(fixed.applied[1].primary.span) == "hostnme");
  CHECK(fixed.check.diagnostics.empty());
}

// Only the first bad segment of a path is reported; the second appears once
// the first is fixed, and its position is given in the original text.
TEST_CASE("FixSource fixes what each re-check finds", "[check][fix]") {
  const SourceFile source("r.yaral", Rule("    $e.metadata.event_type = \"USER_LOGIN\"\n"
                                          "    $e.principal.usr.useridd = \"alice\"\n"));
  const FixResult fixed = FixSource(source, ErrorsOnly());
  CHECK(fixed.text == Rule("    $e.metadata.event_type = \"USER_LOGIN\"\n"
                           "    $e.principal.user.userid = \"alice\"\n"));
  REQUIRE(fixed.applied.size() == 2);
  CHECK(source.Slice(fixed.applied[0].primary.span) == "usr");
  CHECK(source.Slice(fixed.applied[1].primary.span) == "useridd");
}

TEST_CASE("FixSource keeps the input when a fix would add an error", "[check][fix]") {
  // `target.port` is an integer: respelt, the comparison with a string
  // becomes a type error the misspelt rule did not have.
  const SourceFile source("r.yaral", Rule("    $e.metadata.event_type = \"NETWORK_CONNECTION\"\n"
                                          "    $e.target.prot = \"eighty\"\n"));
  const FixResult fixed = FixSource(source, ErrorsOnly());
  CHECK_FALSE(fixed.changed());
  CHECK(fixed.text == source.text());
  CHECK(fixed.refusal.find("1 new error: E300") != std::string::npos);
  REQUIRE(fixed.new_errors.size() == 1);
  CHECK(fixed.new_errors[0].code == "E300");
  CHECK(fixed.rejected_text.find("$e.target.port = \"eighty\"") != std::string::npos);
  // What is reported is the input's own error.
  REQUIRE_FALSE(fixed.check.diagnostics.empty());
  CHECK(fixed.check.diagnostics[0].code == "E200");
}

TEST_CASE("FixSource leaves ambiguous suggestions to a person", "[check][fix]") {
  // `NETWORK_HTP` is one letter from NETWORK_HTTP and from NETWORK_FTP.
  const SourceFile source("r.yaral", Rule("    $e.metadata.event_type = \"NETWORK_HTP\"\n"));
  const FixResult fixed = FixSource(source, ErrorsOnly());
  CHECK_FALSE(fixed.changed());
  CHECK(fixed.refusal.empty());
  REQUIRE_FALSE(fixed.check.diagnostics.empty());
  CHECK(fixed.check.diagnostics[0].code == "E201");
  CHECK(fixed.check.diagnostics[0].fixes.empty());
  CHECK_FALSE(fixed.check.diagnostics[0].help.empty());
}

TEST_CASE("FixSource applies lint fixes that keep the meaning", "[check][fix][lint]") {
  const SourceFile source("r.yaral", Rule("    $e.metadata.event_type = \"USER_LOGIN\" nocase\n"
                                          "    $e.principal.hostname = /^ws-01$/\n"));
  CheckOptions options;
  options.select = {"all"};
  const FixResult fixed = FixSource(source, options);
  CHECK(fixed.text == Rule("    $e.metadata.event_type = \"USER_LOGIN\"\n"
                           "    $e.principal.hostname = \"ws-01\"\n"));
  std::vector<std::string> codes;
  for (const Diagnostic& d : fixed.applied) codes.push_back(d.code);
  CHECK(codes == std::vector<std::string>{"nocase_on_enum_field", "regex_could_be_equality"});
}

TEST_CASE("FixSource respells a reference list name", "[check][fix][lists]") {
  auto lists = std::make_shared<ReferenceListSet>();
  REQUIRE(lists->AddFile("bad_hosts", "lists/bad_hosts.txt", "evil-01.example\n").empty());
  CheckOptions options = ErrorsOnly();
  options.lists = lists;
  const SourceFile source("r.yaral", Rule("    $e.metadata.event_type = \"USER_LOGIN\"\n"
                                          "    $e.principal.hostname in %bad_host\n"));
  const FixResult fixed = FixSource(source, options);
  CHECK(fixed.text == Rule("    $e.metadata.event_type = \"USER_LOGIN\"\n"
                           "    $e.principal.hostname in %bad_hosts\n"));
}

TEST_CASE("FixSource changes nothing in a clean rule", "[check][fix]") {
  const std::string text = Rule("    $e.metadata.event_type = \"USER_LOGIN\"\n");
  const FixResult fixed = FixSource(SourceFile("r.yaral", text), ErrorsOnly());
  CHECK_FALSE(fixed.changed());
  CHECK(fixed.text == text);
  CHECK(fixed.refusal.empty());
}

// Error recovery still finds the misspelt field, but a re-check of a file
// that does not parse cannot vouch for the fix.
TEST_CASE("FixSource does not fix a file with syntax errors", "[check][fix]") {
  const std::string text =
      "rule r {\n  meta:\n  events\n    $e.principal.hostnme = \"x\"\n  condition:\n    $e\n}\n";
  const FixResult fixed = FixSource(SourceFile("r.yaral", text), ErrorsOnly());
  CHECK_FALSE(fixed.changed());
  CHECK(fixed.text == text);
  CHECK(fixed.refusal == "the file has syntax errors; fix them first");
  std::vector<std::string> codes;
  for (const Diagnostic& d : fixed.check.diagnostics) codes.push_back(d.code);
  CHECK(codes == std::vector<std::string>{"E102", "E200"});
}

}  // namespace
}  // namespace yaral

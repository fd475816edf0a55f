// CheckSource with CheckOptions::lists: `%name` resolved against loaded
// reference lists, reported at the reference; nothing without lists.
#include <catch2/catch.hpp>
#include <memory>
#include <string>
#include <vector>

#include "yaral/checker.h"
#include "yaral/diagnostics.h"
#include "yaral/reference_lists.h"
#include "yaral/source.h"

namespace yaral {
namespace {

// A rule whose events section holds `predicates`, one a line from line 5.
std::string RuleWith(const std::string& predicates) {
  return "rule r {\n"
         "  meta:\n"
         "  events:\n"
         "    $e.metadata.event_type = \"NETWORK_CONNECTION\"\n" +
         predicates +
         "  condition:\n"
         "    $e\n"
         "}\n";
}

std::shared_ptr<ReferenceListSet> Lists() {
  auto lists = std::make_shared<ReferenceListSet>();
  REQUIRE(lists->AddFile("bad_hosts", "lists/bad_hosts.txt", "evil-01.example\n").empty());
  REQUIRE(lists->AddFile("mail_tools", "lists/mail_tools.txt",
                         "// yaral:kind=regex\noutlook\\.exe$\n")
              .empty());
  REQUIRE(lists->AddFile("ranges", "lists/ranges.txt", "10.0.0.0/8\nnot-a-range\n").empty());
  return lists;
}

CheckResult Check(const SourceFile& file, std::shared_ptr<const ReferenceListSet> lists) {
  CheckOptions options;
  options.lint = false;
  options.lists = std::move(lists);
  return CheckSource(file, options);
}

std::vector<const Diagnostic*> WithCode(const CheckResult& result, std::string_view code) {
  std::vector<const Diagnostic*> out;
  for (const Diagnostic& d : result.diagnostics) {
    if (d.code == code) out.push_back(&d);
  }
  return out;
}

TEST_CASE("lists used as their kind are clean") {
  SourceFile file("r.yaral", RuleWith("    $e.principal.hostname in %bad_hosts nocase\n"
                                      "    $e.principal.process.file.full_path in regex %mail_tools\n"
                                      "    not $e.principal.user.userid in reference_list.bad_hosts\n"));
  CheckResult result = Check(file, Lists());
  CHECK(result.diagnostics.empty());
  CHECK(result.list_diagnostics.empty());
}

TEST_CASE("an unknown list is E705 at the reference, with the closest name") {
  SourceFile file("r.yaral", RuleWith("    $e.principal.hostname in %bad_host nocase\n"));
  CheckResult result = Check(file, Lists());
  std::vector<const Diagnostic*> unknown = WithCode(result, codes::kUnknownList);
  REQUIRE(unknown.size() == 1);
  const Diagnostic& d = *unknown[0];
  CHECK(d.severity == Severity::kError);
  CHECK(d.message == "no reference list named `bad_host`");
  SourceLocation where = file.Locate(d.primary.span.begin);
  CHECK(where.line == 5);
  CHECK(where.column == 30);
  CHECK(file.text().substr(d.primary.span.begin, d.primary.span.end - d.primary.span.begin) ==
        "%bad_host");
  CHECK(d.help == "did you mean `%bad_hosts`?");
  REQUIRE(d.fixes.size() == 1);
  CHECK(file.text().substr(d.fixes[0].span.begin, d.fixes[0].span.end - d.fixes[0].span.begin) ==
        "bad_host");
  CHECK(d.fixes[0].replacement == "bad_hosts");
}

TEST_CASE("an unknown list with nothing close has no suggestion") {
  SourceFile file("r.yaral", RuleWith("    $e.principal.hostname in %zzz\n"));
  CheckResult result = Check(file, Lists());
  std::vector<const Diagnostic*> unknown = WithCode(result, codes::kUnknownList);
  REQUIRE(unknown.size() == 1);
  CHECK(unknown[0]->fixes.empty());
  CHECK(unknown[0]->help.find("did you mean") == std::string::npos);
}

TEST_CASE("without lists, list names are not checked") {
  SourceFile file("r.yaral", RuleWith("    $e.principal.hostname in %bad_host\n"));
  CheckResult result = Check(file, nullptr);
  CHECK(WithCode(result, codes::kUnknownList).empty());
  CHECK(result.list_diagnostics.empty());
}

TEST_CASE("data-table references are not lists") {
  SourceFile file("r.yaral", RuleWith("    $e.principal.hostname in %assets.hostname\n"));
  CheckResult result = Check(file, Lists());
  CHECK(WithCode(result, codes::kUnknownList).empty());
}

TEST_CASE("a declared kind used as another is E702 at the reference") {
  SourceFile file("r.yaral", RuleWith("    $e.principal.process.file.full_path in %mail_tools\n"));
  CheckResult result = Check(file, Lists());
  std::vector<const Diagnostic*> conflict = WithCode(result, codes::kListKindConflict);
  REQUIRE(conflict.size() == 1);
  CHECK(conflict[0]->message == "`mail_tools` is a regex list but is used as a string list");
  CHECK(file.Locate(conflict[0]->primary.span.begin).line == 5);
  REQUIRE(conflict[0]->notes.size() == 1);
  CHECK(conflict[0]->notes[0] == "the kind is declared in lists/mail_tools.txt:1");
}

TEST_CASE("entries invalid for the kind a rule uses are reported in the list file") {
  SourceFile file("r.yaral", RuleWith("    not $e.target.ip in cidr %ranges\n"));
  CheckResult result = Check(file, Lists());
  CHECK(result.diagnostics.empty());
  REQUIRE(result.list_diagnostics.size() == 1);
  const SourcedDiagnostic& d = result.list_diagnostics[0];
  CHECK(d.diagnostic.code == codes::kInvalidCidr);
  CHECK(d.file->name() == "lists/ranges.txt");
  CHECK(d.file->Locate(d.diagnostic.primary.span.begin).line == 2);
}

}  // namespace
}  // namespace yaral

// The corpus's real list files (../shared/corpus/_support): Google's
// published lists with their license headers, loaded as a directory.
#include <catch2/catch.hpp>
#include <cstdio>
#include <filesystem>
#include <string>

#include "test_util.h"
#include "yaral/data_tables.h"
#include "yaral/reference_lists.h"

#ifndef YARAL_SHARED_DIR
#error "YARAL_SHARED_DIR must name ../shared (see tests/unit/lists/CMakeLists.txt)"
#endif

namespace yaral {
namespace {

using ast::ListKind;

const std::string kSupport = std::string(YARAL_SHARED_DIR) + "/corpus/_support";

TEST_CASE("the corpus's reference lists load and match") {
  if (!std::filesystem::is_directory(kSupport)) {
    WARN("skipped: " << kSupport << " is absent");
    return;
  }
  ReferenceListLoad load = ReferenceListSet::LoadDirectory(kSupport);
  for (const SourcedDiagnostic& d : load.diagnostics) INFO(RenderSourcedDiagnostic(d));
  CHECK(load.diagnostics.empty());
  const ReferenceListSet& lists = load.set;
  // Five list files; the CSV and SOURCES.tsv are not lists.
  CHECK(lists.size() == 5);

  // Rules name them by their last path part (`%hacktool_regex`).
  REQUIRE(lists.Find("first_party_ms_cloud_apps") != nullptr);
  REQUIRE(lists.Find("hacktool_regex") != nullptr);
  REQUIRE(lists.Find("hacktool_contains") != nullptr);
  REQUIRE(lists.Find("test_list_1") != nullptr);
  REQUIRE(lists.Find("test_list_2") != nullptr);

  // A STRING list with a ` //` license header and inline comments.
  CHECK(lists.Prepare("first_party_ms_cloud_apps", ListKind::kString).ok);
  CHECK(lists.Contains("first_party_ms_cloud_apps", "23523755-3a2b-41ca-9315-f81f3f566a95",
                       ListKind::kString));
  CHECK(lists.Contains("first_party_ms_cloud_apps", "e1ef36fd-b883-4dbf-97f0-9ece4b576fc6",
                       ListKind::kString));
  CHECK_FALSE(lists.Contains("first_party_ms_cloud_apps", "ACOM Azure Website",
                             ListKind::kString));
  CHECK_FALSE(lists.Contains("first_party_ms_cloud_apps", "Copyright 2023 Google LLC",
                             ListKind::kString));

  // REGEX lists with a `/* */` license header, used as
  // `full_path IN regex %hacktool_regex nocase`.
  for (const char* name : {"hacktool_regex", "hacktool_contains"}) {
    PrepareResult p = lists.Prepare(name, ListKind::kRegex, true);
    for (const SourcedDiagnostic& d : p.diagnostics) INFO(RenderSourcedDiagnostic(d));
    CHECK(p.ok);
  }
  CHECK(lists.Contains("hacktool_regex", "C:\\Users\\x\\Downloads\\Akagi64.exe", ListKind::kRegex));
  CHECK(lists.Contains("hacktool_regex", "c:\\temp\\WINPEASX64.EXE", ListKind::kRegex, true));
  CHECK(lists.Contains("hacktool_regex", "/tmp/xordump.exe", ListKind::kRegex));  // last line
  CHECK_FALSE(lists.Contains("hacktool_regex", "C:\\Windows\\notepad.exe", ListKind::kRegex, true));
  CHECK(lists.Contains("hacktool_contains", "C:\\tools\\JuicyPotato.exe", ListKind::kRegex));
  CHECK(lists.Contains("hacktool_contains", "c:\\x\\SECRETSDUMP.py", ListKind::kRegex, true));
  CHECK_FALSE(lists.Contains("hacktool_contains", "Copyright", ListKind::kRegex, true));
  CHECK(lists.Find("hacktool_regex")->entries().size() == 68);

  // content_manager's test lists: strings and CIDRs.
  CHECK(lists.Contains("test_list_1", "bonjour", ListKind::kString));
  CHECK(lists.Contains("test_list_1", "hallo", ListKind::kString));
  CHECK(lists.Prepare("test_list_2", ListKind::kCidr).ok);
  CHECK(lists.Contains("test_list_2", "172.20.1.1", ListKind::kCidr));
  CHECK(lists.Contains("test_list_2", "192.168.200.1", ListKind::kCidr));
  CHECK_FALSE(lists.Contains("test_list_2", "8.8.8.8", ListKind::kCidr));
}

TEST_CASE("the corpus's header-less data table loads with caller-given columns") {
  if (!std::filesystem::is_directory(kSupport)) {
    WARN("skipped: " << kSupport << " is absent");
    return;
  }
  // As a directory, the file is rejected: its first row is data.
  DataTableLoad load = DataTableSet::LoadDirectory(kSupport);
  CHECK(load.set.size() == 0);
  REQUIRE_FALSE(load.diagnostics.empty());
  CHECK(load.diagnostics[0].diagnostic.code == codes::kTableHeader);

  const std::string stem =
      "chronicle__detection-rules__tools__content_manager__content_manager__test_data__"
      "data_tables__cisco_umbrella_top_1k_domains";
  std::string text;
  {
    std::FILE* f = std::fopen((kSupport + "/" + stem + ".csv").c_str(), "rb");
    REQUIRE(f != nullptr);
    char buffer[4096];
    for (size_t n; (n = std::fread(buffer, 1, sizeof(buffer), f)) > 0;) text.append(buffer, n);
    std::fclose(f);
  }
  DataTableSet set;
  DataTableOptions options;
  options.columns = {"rank:int", "domain"};
  auto d = set.AddCsv(stem, stem + ".csv", text, options);
  CHECK(d.empty());
  const DataTable* t = set.Find("cisco_umbrella_top_1k_domains");
  REQUIRE(t != nullptr);
  CHECK(t->rows().size() == 1000);
  CHECK(t->ColumnContains("domain", "login.microsoftonline.com", ListKind::kString));
  CHECK(t->ColumnContains("rank", "1000", ListKind::kString));
  CHECK_FALSE(t->ColumnContains("rank", "1001", ListKind::kString));
  CHECK(t->rows()[0] == std::vector<std::string>{"1", "google.com"});
}

}  // namespace
}  // namespace yaral

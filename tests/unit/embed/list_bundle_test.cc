// ListBundle: sources merged into shared sets, frozen while rules use them.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <string>

#include "embed/list_bundle.h"

namespace yaral::embed {
namespace {

TEST_CASE("list bundle: literal, text and directory lists merge") {
  const std::filesystem::path dir = "list_bundle_test_lists";
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "from_dir.txt") << "// yaral:kind=string\nalpha\n";

  ListBundle bundle;
  REQUIRE(bundle.AddList("literal", ast::ListKind::kString, {"a"}).ok());
  REQUIRE(bundle.AddListText("text", "text.txt", "b // comment\n").ok());
  absl::StatusOr<Diagnostics> loaded = bundle.LoadListDirectory(dir.string());
  REQUIRE(loaded.ok());
  CHECK(loaded->empty());
  CHECK(bundle.ListNames() == std::vector<std::string>{"from_dir", "literal", "text"});
  CHECK(bundle.Options().lists->Contains("text", "b", ast::ListKind::kString));
  CHECK(bundle.LoadListDirectory("no/such/dir").status().code() == absl::StatusCode::kNotFound);
  std::filesystem::remove_all(dir);
}

TEST_CASE("list bundle: tables, and errors as diagnostics") {
  ListBundle bundle;
  absl::StatusOr<Diagnostics> added = bundle.AddTableCsv("users", "users.csv", "uid\nalice\n");
  REQUIRE(added.ok());
  CHECK(bundle.TableNames() == std::vector<std::string>{"users"});
  absl::StatusOr<Diagnostics> bad = bundle.AddList("nets", ast::ListKind::kCidr, {"x/99"});
  REQUIRE(bad.ok());
  CHECK(HasErrors(*bad));
}

TEST_CASE("list bundle: frozen while options are held") {
  ListBundle bundle;
  {
    CompileOptions held = bundle.Options();
    CHECK(bundle.AddList("late", ast::ListKind::kString, {"x"}).status().code() ==
          absl::StatusCode::kFailedPrecondition);
  }
  CHECK(bundle.AddList("late", ast::ListKind::kString, {"x"}).ok());
}

}  // namespace
}  // namespace yaral::embed

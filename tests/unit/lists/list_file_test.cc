// List-file syntax: comments, escapes, blank lines, headers.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "test_util.h"
#include "yaral/reference_lists.h"

namespace yaral {
namespace {

using ast::ListKind;
using testing::Where;

std::vector<std::string> Texts(const ReferenceList& list) {
  std::vector<std::string> out;
  for (const ListEntry& e : list.entries()) out.push_back(e.text);
  return out;
}

TEST_CASE("comments, blanks and surrounding spaces are not entries") {
  ReferenceListSet set;
  auto d = set.AddFile("l", "l.txt",
                       "// own-line comment\n"
                       "\n"
                       "   \t\n"
                       "alpha // inline comment\n"
                       "  beta  \r\n"
                       "gamma//tight comment\n"
                       "delta");
  CHECK(d.empty());
  const ReferenceList* list = set.Find("l");
  REQUIRE(list != nullptr);
  CHECK(Texts(*list) == std::vector<std::string>{"alpha", "beta", "gamma", "delta"});
  CHECK_FALSE(list->declared_kind().has_value());
  CHECK(list->Contains("beta", ListKind::kString));
  CHECK_FALSE(list->Contains("beta  ", ListKind::kString));
  CHECK_FALSE(list->Contains("// own-line comment", ListKind::kString));
  // Entry spans point at the text: line 5, column 3.
  CHECK(list->source()->Locate(list->entries()[1].span.begin).line == 5);
  CHECK(list->source()->Locate(list->entries()[1].span.begin).column == 3);
}

TEST_CASE("backslash escapes: string lists unescape every pair") {
  ReferenceListSet set;
  set.AddFile("l", "l.txt",
              "http:\\/\\/example.com\\/x // a URL\n"
              "back\\\\slash\n"
              "trailing\\ \n"
              "a\\b\n");
  const ReferenceList& list = *set.Find("l");
  CHECK(list.Contains("http://example.com/x", ListKind::kString));
  CHECK(list.Contains("back\\slash", ListKind::kString));
  CHECK(list.Contains("trailing ", ListKind::kString));  // an escaped blank is kept
  CHECK(list.Contains("ab", ListKind::kString));
}

TEST_CASE("backslash escapes: regex lists only turn \\/ into /") {
  ReferenceListSet set;
  set.AddFile("l", "l.txt",
              "^https?:\\/\\/evil\\.example\\/  // `//` must be escaped\n"
              "c:\\\\windows\\\\temp\n");
  const ReferenceList& list = *set.Find("l");
  CHECK(list.Prepare(ListKind::kRegex).ok);
  CHECK(list.Contains("https://evil.example/x", ListKind::kRegex));
  CHECK_FALSE(list.Contains("https://evilxexample/", ListKind::kRegex));  // `\.` reached RE2
  CHECK(list.Contains("C:c:\\windows\\temp\\a.exe", ListKind::kRegex));
}

TEST_CASE("a /* */ header before the first entry is a comment") {
  ReferenceListSet set;
  auto d = set.AddFile("l", "l.txt",
                       "/*\n"
                       " * Copyright 2025 Google LLC\n"
                       " * Licensed under the Apache License\n"
                       " */\n"
                       "/* second */ first\n"
                       "/*\n");
  CHECK(d.empty());
  // After the first entry `/*` is an ordinary entry (a URL path pattern).
  CHECK(Texts(*set.Find("l")) == std::vector<std::string>{"first", "/*"});
}

TEST_CASE("an unterminated /* header is an error") {
  ReferenceListSet set;
  auto d = set.AddFile("l", "l.txt", "// note\n/* license\nalpha\n");
  CHECK(Where(d) == std::vector<std::string>{"2:1 E104"});
  CHECK(set.Find("l")->entries().empty());
}

TEST_CASE("the yaral:kind header declares the kind") {
  ReferenceListSet set;
  auto d = set.AddFile("l", "l.txt", "/* header */\n// yaral:kind=CIDR\n10.0.0.0/8\n");
  CHECK(d.empty());
  REQUIRE(set.Find("l")->declared_kind() == ListKind::kCidr);
  CHECK(set.Find("l")->Contains("10.1.2.3", ListKind::kCidr));

  auto spaced = set.AddFile("m", "m.txt", "//   yaral:kind = regex  \nab+c\n");
  CHECK(spaced.empty());
  CHECK(set.Find("m")->declared_kind() == ListKind::kRegex);
}

TEST_CASE("bad kind headers are diagnosed with their line") {
  ReferenceListSet set;
  auto unknown = set.AddFile("a", "a.txt", "// yaral:kind=ipv4\nx\n");
  CHECK(Where(unknown) == std::vector<std::string>{"1:1 E703"});
  auto twice = set.AddFile("b", "b.txt", "// yaral:kind=regex\n// yaral:kind=cidr\nx\n");
  CHECK(Where(twice) == std::vector<std::string>{"2:1 E703"});
  auto late = set.AddFile("c", "c.txt", "x\n// yaral:kind=regex\n");
  CHECK(Where(late) == std::vector<std::string>{"2:1 E703"});
}

TEST_CASE("diagnostics render with file:line:col") {
  ReferenceListSet set;
  auto d = set.AddFile("r", "lists/r.txt", "// yaral:kind=regex\nok\n  bad(\n");
  REQUIRE(d.size() == 1);
  std::string text = RenderSourcedDiagnostic(d[0]);
  CHECK(text.rfind("lists/r.txt:3:3: error: invalid regular expression in list `r`", 0) == 0);
  CHECK(text.find("[E305]") != std::string::npos);
}

TEST_CASE("list kind names") {
  CHECK(ListKindName(ListKind::kCidr) == "cidr");
  CHECK(ParseListKind("Regex") == ListKind::kRegex);
  CHECK_FALSE(ParseListKind("ip").has_value());
}

}  // namespace
}  // namespace yaral

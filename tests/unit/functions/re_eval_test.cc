// re.* implementations (lib/functions/re_functions.cc, regex_cache.cc): the
// documented examples of spec §5.2, the newline rule of §1.5
// (docs/semantics.md) and invalid patterns.
#include <string>
#include <thread>
#include <vector>

#include <catch2/catch.hpp>

#include "eval_case_table.h"
#include "functions/regex_cache.h"

namespace {

namespace fn = yaral::functions;
using namespace yaral::functions::testing;  // NOLINT: the table's shorthands
using yaral::Value;

TEST_CASE("re.regex is an unanchored search", "[re]") {
  CheckCases({
      {"re.regex", {S("fullest"), S("full")}, Bool(true)},
      {"re.regex", {S("lawfull"), S("full")}, Bool(true)},
      {"re.regex", {S("joyfully"), S("full")}, Bool(true)},
      {"re.regex", {S("fullest"), S("^full$")}, Bool(false)},
      {"re.regex", {S("mail.altostrat.com"), S(".*altostrat\\.com")}, Bool(true)},
      {"re.regex", {S("SVCHOST.EXE"), S("(?i)\\bsvchost(\\.exe)?\\b")}, Bool(true)},
      {"re.regex", {S(""), S("")}, Bool(true)},
      {"re.regex", {S(""), S("x")}, Bool(false)},
      {"re.regex", {Value(), S("^$")}, Bool(true)},
      // ANY text: numbers match as their decimal text.
      {"re.regex", {I(443), S("^44")}, Bool(true)},
      {"re.regex", {F(2.5), S("^2\\.5$")}, Bool(true)},
      {"re.regex", {S("x"), S("(")}, Value(), "Invalid regular expression"},
  });
}

TEST_CASE("re.regex sees only the first line unless the pattern starts with (?s)", "[re]") {
  CheckCases({
      {"re.regex", {S("abc\ndef"), S("def")}, Bool(false)},
      {"re.regex", {S("abc\ndef"), S("abc")}, Bool(true)},
      {"re.regex", {S("abc\ndef"), S("abc$")}, Bool(true)},
      {"re.regex", {S("abc\ndef"), S("(?s)def")}, Bool(true)},
      {"re.regex", {S("abc\ndef"), S("(?s)abc.def")}, Bool(true)},
      {"re.regex", {S("abc\ndef"), S("(?is)DEF")}, Bool(true)},
      {"re.regex", {S("abc\ndef"), S("(?i)(?s)DEF")}, Bool(true)},
      {"re.regex", {S("abc\ndef"), S("(?s-s)def")}, Bool(false)},
      {"re.regex", {S("abc\ndef"), S("x|(?s)def")}, Bool(false)},  // not at the start
      {"re.regex", {S("\ndef"), S("def")}, Bool(false)},
  });
  CHECK(fn::StartsWithDotAllFlag("(?s)x"));
  CHECK(fn::StartsWithDotAllFlag("(?ms)x"));
  CHECK_FALSE(fn::StartsWithDotAllFlag("(?s:x)"));  // a group, not a flag setting
  CHECK_FALSE(fn::StartsWithDotAllFlag("s"));
  CHECK(fn::RegexSubject("x", "a\nb") == "a");
  CHECK(fn::RegexSubject("(?s)x", "a\nb") == "a\nb");
}

TEST_CASE("re.capture: the group, the whole match, or \"\"", "[re]") {
  CheckCases({
      {"re.capture", {S("alice@example.com"), S("(.*)@")}, S("alice")},
      {"re.capture", {S("abc123def456"), S("[0-9]+")}, S("123")},
      {"re.capture", {S("abc"), S("[0-9]+")}, S("")},
      {"re.capture", {S("abc"), S("(x)?abc")}, S("")},  // the group took no part
      {"re.capture", {S("C:\\Windows\\cmd.exe"), S(".*\\\\(.*).exe")}, S("cmd")},
      {"re.capture", {S("Bearer abc.def ghi"), S("Bearer [^ ]*")}, S("Bearer abc.def")},
      {"re.capture", {S("line1\nkey=v"), S("key=(\\w+)")}, S("v")},  // whole text searched
      {"re.capture", {Value(), S("x")}, S("")},
      {"re.capture", {S("x"), S("[")}, Value(), "Invalid regular expression"},
  });
}

TEST_CASE("re.capture_all returns every non-overlapping match", "[re]") {
  CheckCases({
      {"re.capture_all", {S("a1b22c333"), S("[0-9]+")}, Strings({"1", "22", "333"})},
      {"re.capture_all", {S("a1b2c3"), S("([a-z])[0-9]")}, Strings({"a", "b", "c"})},
      {"re.capture_all", {S("aaaa"), S("aa")}, Strings({"aa", "aa"})},
      {"re.capture_all", {S("abc"), S("[0-9]")}, Strings({})},
      {"re.capture_all", {S(""), S("x")}, Strings({})},
      // Empty matches step over one character, so the scan ends.
      {"re.capture_all", {S("ab"), S("x*")}, Strings({"", "", ""})},
      {"re.capture_all", {S("é"), S("")}, Strings({"", ""})},
      {"re.capture_all", {S("x=1\ny=2"), S("\\w=(\\d)")}, Strings({"1", "2"})},
      {"re.capture_all", {S("x"), S("(")}, Value(), "Invalid regular expression"},
  });
}

TEST_CASE("re.replace replaces every match; bad group references fail", "[re]") {
  CheckCases({
      {"re.replace", {S("banana"), S("ana"), S("111")}, S("b111na")},
      {"re.replace", {S("name"), S(""), S("1")}, S("1n1a1m1e1")},
      {"re.replace", {S(""), S("^$"), S("empty")}, S("empty")},
      {"re.replace", {S("abc"), S("(b)"), S("[\\1]")}, S("a[b]c")},
      {"re.replace", {S("abc"), S("b"), S("<\\0>")}, S("a<b>c")},
      {"re.replace", {S("alice@example.com"), S("@.*$"), S("")}, S("alice")},
      {"re.replace", {S("no match"), S("xyz"), S("q")}, S("no match")},
      {"re.replace", {S("abc"), S("(b)"), S("\\2")}, Value(), "Invalid re.replace()"},
      {"re.replace", {S("abc"), S("b"), S("\\1")}, Value(), "Invalid re.replace()"},
      {"re.replace", {S("abc"), S("("), S("x")}, Value(), "Invalid regular expression"},
  });
}

TEST_CASE("the regex cache compiles once and is safe across threads", "[re]") {
  auto first = fn::CompiledRegex("a+b");
  auto second = fn::CompiledRegex("a+b");
  REQUIRE(first.ok());
  REQUIRE(second.ok());
  CHECK(first->get() == second->get());
  auto nocase = fn::CompiledRegex("a+b", /*case_insensitive=*/true);
  REQUIRE(nocase.ok());
  CHECK(nocase->get() != first->get());
  CHECK(RE2::PartialMatch("AAB", **nocase));
  CHECK_FALSE(fn::CompiledRegex("(").ok());

  // Many threads, many distinct patterns (more than the cache keeps, so it
  // also drops entries while others hold them).
  std::vector<std::thread> threads;
  std::vector<int> failures(4, 0);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([t, &failures] {
      for (int i = 0; i < 1200; ++i) {
        std::string pattern = "p" + std::to_string(t) + "_" + std::to_string(i) + "x";
        auto re = fn::CompiledRegex(pattern);
        if (!re.ok() || !RE2::FullMatch(pattern.substr(0, pattern.size() - 1) + "x", **re)) {
          ++failures[t];
        }
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  CHECK(failures == std::vector<int>(4, 0));
}

}  // namespace

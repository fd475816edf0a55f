// strings.* implementations (lib/functions/strings_functions.cc,
// url_parts.cc): the documented examples of spec §5.2 and the edge cases
// yaral chose (docs/functions.md).
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "eval_case_table.h"

namespace {

using namespace yaral::functions::testing;  // NOLINT: the table's shorthands
using yaral::Value;

TEST_CASE("strings base64 and hex decoding, with their failure values", "[strings]") {
  CheckCases({
      {"strings.base64_decode", {S("VGVzdFN0cmluZw==")}, S("TestString")},
      {"strings.base64_decode", {S("aGVsbG8")}, S("hello")},  // padding optional
      {"strings.base64_decode", {S("not base64!")}, S("not base64!")},
      {"strings.base64_decode", {S("")}, S("")},
      {"strings.base64_decode", {Value()}, S("")},
      {"strings.from_base64",
       {S("AAAAAG+OxVhtAm+bubtKpg==")},
       B(std::string("\x00\x00\x00\x00\x6f\x8e\xc5\x58\x6d\x02\x6f\x9b\xb9\xbb\x4a\xa6", 16))},
      {"strings.from_base64", {S("#!")}, B("")},
      {"strings.from_base64", {S("")}, B("")},
      {"strings.from_hex", {S("0AF1")}, B("\x0a\xf1")},
      {"strings.from_hex", {S("68656c6c6f")}, B("hello")},
      {"strings.from_hex", {S("0AF")}, B("")},
      {"strings.from_hex", {S("zz")}, B("")},
      {"strings.from_hex", {S("ü1")}, B("")},
      {"strings.from_hex", {S("")}, B("")},
      {"strings.from_hex", {Value()}, B("")},
  });
}

TEST_CASE("strings.coalesce and strings.concat", "[strings]") {
  CheckCases({
      {"strings.coalesce", {S(""), S("b"), S("c")}, S("b")},
      {"strings.coalesce", {S("a"), S("b")}, S("a")},
      {"strings.coalesce", {S(""), S("")}, S("")},
      {"strings.coalesce", {Value(), S("x")}, S("x")},
      {"strings.coalesce", {S("only")}, S("only")},
      {"strings.concat", {S("str"), I(1), F(1.5)}, S("str11.5")},
      {"strings.concat", {F(1.0)}, S("1")},  // whole floats print without a point
      {"strings.concat", {S("db-01"), S(":"), I(5432)}, S("db-01:5432")},
      {"strings.concat", {I(-3), U(18446744073709551615u)}, S("-318446744073709551615")},
      {"strings.concat", {F(0.12345678901234567)}, S("0.1234567890123456")},  // cut at 16
      {"strings.concat", {F(2.25), S("")}, S("2.25")},
      {"strings.concat", {Value(), S("x")}, S("x")},
  });
}

TEST_CASE("strings predicates: contains, starts_with, ends_with", "[strings]") {
  CheckCases({
      {"strings.contains", {S("thisisasample"), S("isa")}, Bool(true)},
      {"strings.contains", {S("ABC"), S("abc")}, Bool(false)},  // case-sensitive
      {"strings.contains", {S(""), S("a")}, Bool(false)},
      {"strings.ends_with", {S("str"), S("str")}, Bool(true)},
      {"strings.ends_with", {S("some.exe"), S(".exe")}, Bool(true)},
      {"strings.ends_with", {S(""), S("")}, Bool(false)},
      {"strings.ends_with", {S("abc"), S("")}, Bool(false)},
      {"strings.ends_with", {S("abc"), S("ab")}, Bool(false)},
      {"strings.starts_with", {S("str"), S("str")}, Bool(true)},
      {"strings.starts_with", {S("powershell -enc"), S("power")}, Bool(true)},
      {"strings.starts_with", {S("abc"), S("")}, Bool(false)},
      {"strings.starts_with", {S(""), S("a")}, Bool(false)},
      {"strings.starts_with", {Value(), Value()}, Bool(false)},
  });
}

TEST_CASE("strings.count_substrings counts non-overlapping occurrences", "[strings]") {
  CheckCases({
      {"strings.count_substrings", {S("ABABABA"), S("ABA")}, I(2)},
      {"strings.count_substrings", {S("aaaa"), S("a")}, I(4)},
      {"strings.count_substrings", {S("abc"), S("")}, I(0)},
      {"strings.count_substrings", {S(""), S("a")}, I(0)},
      {"strings.count_substrings", {S("a`b`c"), S("`")}, I(2)},
  });
}

TEST_CASE("strings.extract_hostname: the documented examples", "[strings]") {
  CheckCases({
      {"strings.extract_hostname", {S("https://www.google.com/search?q=x")}, S("www.google.com")},
      {"strings.extract_hostname", {S("1234")}, S("1234")},
      {"strings.extract_hostname", {S("mailto:?to=&subject=&body=")}, S("mailto")},
      {"strings.extract_hostname", {S("test#@google.com")}, S("test")},
      {"strings.extract_hostname", {S("https://test#@google.com")}, S("test")},
      {"strings.extract_hostname",
       {S("   \t !$5*^)&dahgsdfs;http://www.google.com")},
       S("www.google.com")},
      {"strings.extract_hostname", {S("\\\\")}, S("")},
      {"strings.extract_hostname", {S("")}, S("")},
      {"strings.extract_hostname", {Value()}, S("")},
      // Case kept, user info and port dropped, IPv6 brackets kept.
      {"strings.extract_hostname",
       {S("HTTP://User:pw@WWW.Example.COM:8080/a")},
       S("WWW.Example.COM")},
      {"strings.extract_hostname", {S("http://[2001:db8::1]:443/")}, S("[2001:db8::1]")},
      {"strings.extract_hostname", {S("example.com/redirect?u=http://evil.com")}, S("example.com")},
      {"strings.extract_hostname", {S("//cdn.example.net/lib.js")}, S("cdn.example.net")},
  });
}

TEST_CASE("strings.extract_domain: the documented examples", "[strings]") {
  CheckCases({
      {"strings.extract_domain", {S("https://www.google.com/search")}, S("google.com")},
      {"strings.extract_domain",
       {S("   \t !$5*^)&dahgsdfs;http://www.google.com")},
       S("google.com")},
      {"strings.extract_domain", {S("https://google.co.in")}, S("google.co.in")},
      {"strings.extract_domain", {S("foo.us.com")}, S("us.com")},  // private suffix ignored
      {"strings.extract_domain", {S("http://例子.卷筒纸.中国")}, S("卷筒纸.中国")},
      {"strings.extract_domain", {S("1234")}, S("")},
      {"strings.extract_domain", {S("")}, S("")},
      {"strings.extract_domain", {S("mailto:?to=&subject=&body=")}, S("")},
      {"strings.extract_domain", {S("test#@google.com")}, S("")},
      {"strings.extract_domain", {S("https://test#@google.com")}, S("")},
      // The Public Suffix List (libpsl), ICANN section.
      {"strings.extract_domain", {S("www.example.co.uk")}, S("example.co.uk")},
      {"strings.extract_domain", {S("news.bbc.co.uk")}, S("bbc.co.uk")},
      // Suffixes a two-label guess gets wrong: wildcard and exception rules,
      // deeper suffixes, and `co` under a country that has no such suffix.
      {"strings.extract_domain", {S("www.city.kawasaki.jp")}, S("city.kawasaki.jp")},
      {"strings.extract_domain", {S("a.b.kawasaki.jp")}, S("a.b.kawasaki.jp")},
      {"strings.extract_domain", {S("school.k12.ca.us")}, S("school.k12.ca.us")},
      {"strings.extract_domain", {S("www.example.co.de")}, S("co.de")},
      {"strings.extract_domain", {S("shop.example.com.br")}, S("example.com.br")},
      {"strings.extract_domain", {S("WWW.Example.CO.UK")}, S("Example.CO.UK")},  // case kept
      {"strings.extract_domain", {S("kawasaki.jp")}, S("")},
      // Private suffixes are ignored, as SecOps does.
      {"strings.extract_domain", {S("me.github.io")}, S("github.io")},
      {"strings.extract_domain", {S("www.example.com.au:443")}, S("example.com.au")},
      {"strings.extract_domain", {S("co.uk")}, S("")},
      {"strings.extract_domain", {S("a.b.example.org.")}, S("example.org")},
      {"strings.extract_domain", {S("http://192.168.1.1/x")}, S("")},
      {"strings.extract_domain", {S("http://[::1]/")}, S("")},
      {"strings.extract_domain", {S("a..com")}, S("")},
      {"strings.extract_domain", {S("localhost")}, S("")},
  });
}

TEST_CASE("strings.length and strings.reverse work on code points", "[strings]") {
  CheckCases({
      {"strings.length", {S("hello")}, I(5)},
      {"strings.length", {S("héllo")}, I(5)},
      {"strings.length", {S("😀")}, I(1)},
      {"strings.length", {S("")}, I(0)},
      {"strings.length", {Value()}, I(0)},
      {"strings.length", {S("\xff\xfe")}, I(2)},  // invalid UTF-8: byte by byte
      {"strings.reverse", {S("abc")}, S("cba")},
      {"strings.reverse", {S("héllo")}, S("olléh")},
      {"strings.reverse", {S("a😀b")}, S("b😀a")},
      {"strings.reverse", {S("")}, S("")},
  });
}

TEST_CASE("strings trims remove characters of the cutset", "[strings]") {
  CheckCases({
      {"strings.ltrim", {S("a aastraa aa "), S(" a")}, S("straa aa ")},
      {"strings.rtrim", {S("a aastraa aa "), S(" a")}, S("a aastr")},  // doc typo fixed
      {"strings.trim", {S("a aastraa aa "), S(" a")}, S("str")},
      {"strings.trim", {S("  x  "), S("")}, S("  x  ")},  // empty cutset: unchanged
      {"strings.trim", {S("aaaa"), S("a")}, S("")},
      {"strings.trim", {S(""), S("a")}, S("")},
      {"strings.trim", {S("ééxaé"), S("éa")}, S("x")},  // multi-byte characters
      {"strings.ltrim", {S("\t x"), S(" \t")}, S("x")},
      {"strings.rtrim", {S("x\r\n"), S("\r\n")}, S("x")},
      {"strings.trim", {S("  x  ")}, S("x")},  // no cutset: whitespace
  });
}

TEST_CASE("strings.split returns a list", "[strings]") {
  CheckCases({
      {"strings.split", {S("a,b,c")}, Strings({"a", "b", "c"})},  // default ","
      {"strings.split", {S("a b"), S(" ")}, Strings({"a", "b"})},
      {"strings.split", {S("abc"), S("x")}, Strings({"abc"})},
      {"strings.split", {S("abc"), S("")}, Strings({"a", "b", "c"})},
      {"strings.split", {S("é😀"), S("")}, Strings({"é", "😀"})},
      {"strings.split", {S("a::b::"), S("::")}, Strings({"a", "b", ""})},
      {"strings.split", {S(""), S(",")}, Strings({""})},
      {"strings.split", {S(""), S("")}, Strings({})},
  });
}

TEST_CASE("strings case mapping and url_decode", "[strings]") {
  CheckCases({
      {"strings.to_lower", {S("ABC dEf 123")}, S("abc def 123")},
      {"strings.to_upper", {S("abc dEf 123")}, S("ABC DEF 123")},
      {"strings.to_lower", {S("ÉCOLE")}, S("École")},  // ASCII only (docs/functions.md)
      {"strings.to_upper", {Value()}, S("")},
      {"strings.url_decode",
       {S("http%3A%2F%2Fwww.example.com%2Fa%2Bb")},
       S("http://www.example.com/a+b")},
      {"strings.url_decode", {S("%E4%BD%A0%E5%A5%BD")}, S("你好")},
      {"strings.url_decode", {S("a+b%20c")}, S("a+b c")},  // `+` kept
      {"strings.url_decode", {S("%zz")}, S("")},
      {"strings.url_decode", {S("%4")}, S("")},
      {"strings.url_decode", {S("100%")}, S("")},
      {"strings.url_decode", {S("")}, S("")},
  });
}

}  // namespace

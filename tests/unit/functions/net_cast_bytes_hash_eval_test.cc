// net.*, cast.*, bytes.* and hash.* implementations (lib/functions/
// net_functions.cc, cast_functions.cc, bytes_hash_eval.cc): the documented
// examples of spec §5.2 and the edge cases yaral chose (docs/functions.md).
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "eval_case_table.h"
#include "functions/bytes_hash_eval.h"

namespace {

namespace fn = yaral::functions;
using namespace yaral::functions::testing;  // NOLINT: the table's shorthands
using yaral::Value;

constexpr int64_t kInt64Max = std::numeric_limits<int64_t>::max();
constexpr uint64_t kUint64Max = std::numeric_limits<uint64_t>::max();

TEST_CASE("net.ip_in_range_cidr for IPv4 and IPv6", "[net]") {
  CheckCases({
      {"net.ip_in_range_cidr", {S("10.20.1.2"), S("10.20.0.0/16")}, Bool(true)},
      {"net.ip_in_range_cidr", {S("10.21.1.2"), S("10.20.0.0/16")}, Bool(false)},
      {"net.ip_in_range_cidr", {S("203.0.113.7"), S("203.0.113.0/24")}, Bool(true)},
      {"net.ip_in_range_cidr", {S("192.1.2.3"), S("192.0.2.0/8")}, Bool(true)},  // host bits masked
      {"net.ip_in_range_cidr", {S("8.8.8.8"), S("0.0.0.0/0")}, Bool(true)},
      {"net.ip_in_range_cidr", {S("10.0.0.1"), S("10.0.0.1/32")}, Bool(true)},
      {"net.ip_in_range_cidr", {S("10.0.0.2"), S("10.0.0.1/32")}, Bool(false)},
      {"net.ip_in_range_cidr", {S("10.0.0.1"), S("10.0.0.1")}, Bool(true)},  // bare address
      {"net.ip_in_range_cidr", {S("10.0.0.130"), S("10.0.0.128/25")}, Bool(true)},
      {"net.ip_in_range_cidr", {S("10.0.0.127"), S("10.0.0.128/25")}, Bool(false)},
      {"net.ip_in_range_cidr", {S("2001:db8::1"), S("2001:db8::/32")}, Bool(true)},
      {"net.ip_in_range_cidr", {S("2001:db9::1"), S("2001:db8::/32")}, Bool(false)},
      {"net.ip_in_range_cidr",
       {S("2001:DB8:0:0:8000::1"), S("2001:db8::8000:0:0:0/65")},
       Bool(true)},
      {"net.ip_in_range_cidr", {S("::1"), S("::/0")}, Bool(true)},
      // IPv4-mapped IPv6 addresses are IPv4; otherwise families never mix.
      {"net.ip_in_range_cidr", {S("::ffff:10.1.2.3"), S("10.0.0.0/8")}, Bool(true)},
      {"net.ip_in_range_cidr", {S("10.1.2.3"), S("::ffff:10.0.0.0/104")}, Bool(true)},
      {"net.ip_in_range_cidr", {S("10.0.0.1"), S("::/0")}, Bool(false)},
      {"net.ip_in_range_cidr", {S("::1"), S("0.0.0.0/0")}, Bool(false)},
      // A malformed address (or a missing field) is not in any subnet.
      {"net.ip_in_range_cidr", {S("not an ip"), S("10.0.0.0/8")}, Bool(false)},
      {"net.ip_in_range_cidr", {S(""), S("10.0.0.0/8")}, Bool(false)},
      {"net.ip_in_range_cidr", {Value(), S("10.0.0.0/8")}, Bool(false)},
      {"net.ip_in_range_cidr", {S("10.0.0.256"), S("10.0.0.0/8")}, Bool(false)},
      // A malformed subnet is a runtime error, as in SecOps.
      {"net.ip_in_range_cidr", {S("10.0.0.1"), S("10.0.0.0/33")}, Value(), "Invalid subnet CIDR"},
      {"net.ip_in_range_cidr", {S("::1"), S("::/129")}, Value(), "Invalid subnet CIDR"},
      {"net.ip_in_range_cidr", {S("10.0.0.1"), S("10.0.0.0/")}, Value(), "Invalid subnet CIDR"},
      {"net.ip_in_range_cidr", {S("10.0.0.1"), S("10.0.0.0/-1")}, Value(), "Invalid subnet CIDR"},
      {"net.ip_in_range_cidr", {S("10.0.0.1"), S("10.0.0/8")}, Value(), "Invalid subnet CIDR"},
      {"net.ip_in_range_cidr", {S("10.0.0.1"), S("")}, Value(), "Invalid subnet CIDR"},
  });
}

TEST_CASE("cast.as_bool: only 1 and \"true\"", "[cast]") {
  CheckCases({
      {"cast.as_bool", {I(1)}, Bool(true)},
      {"cast.as_bool", {U(1)}, Bool(true)},
      {"cast.as_bool", {S("true")}, Bool(true)},
      {"cast.as_bool", {S("TRUE")}, Bool(true)},
      {"cast.as_bool", {S("True")}, Bool(true)},
      {"cast.as_bool", {S("123")}, Bool(false)},
      {"cast.as_bool", {S("1")}, Bool(false)},
      {"cast.as_bool", {S("false")}, Bool(false)},
      {"cast.as_bool", {I(0)}, Bool(false)},
      {"cast.as_bool", {I(0 - 1)}, Bool(false)},
      {"cast.as_bool", {I(2)}, Bool(false)},
      {"cast.as_bool", {S("")}, Bool(false)},
      {"cast.as_bool", {Value()}, Bool(false)},
  });
}

TEST_CASE("cast.as_float: about 7 significant digits; 0 when invalid", "[cast]") {
  const fn::FunctionInfo* f = fn::Find("cast.as_float");
  REQUIRE(f != nullptr);
  std::vector<Value> args = {S("1.012345678")};
  absl::StatusOr<Value> got = f->eval(args, {});
  REQUIRE(got.ok());
  CHECK(got->is_float());
  CHECK(got->float_value() == Approx(1.0123456).margin(1e-7));
  CheckCases({
      {"cast.as_float", {S("1.5")}, F(1.5)},
      {"cast.as_float", {S("-2.25")}, F(-2.25)},
      {"cast.as_float", {S("42")}, F(42)},
      {"cast.as_float", {S("")}, F(0)},
      {"cast.as_float", {S("abc")}, F(0)},
      {"cast.as_float", {S("inf")}, F(0)},
      {"cast.as_float", {S("1e39")}, F(0)},  // beyond a 32-bit float
      {"cast.as_float", {Value()}, F(0)},
      {"cast.as_float", {I(3)}, F(3)},
      {"cast.as_float", {F(0.1)}, F(0.1)},
  });
}

TEST_CASE("cast.as_int truncates; invalid and overflow give 0", "[cast]") {
  CheckCases({
      {"cast.as_int", {S("2.012345678")}, I(2)},
      {"cast.as_int", {S("123")}, I(123)},
      {"cast.as_int", {S("-7.9")}, I(-7)},
      {"cast.as_int", {S(" 12 ")}, I(12)},
      {"cast.as_int", {S("9223372036854775807")}, I(kInt64Max)},
      {"cast.as_int", {S("9223372036854775808")}, I(0)},
      {"cast.as_int", {S("99999999999999999999")}, I(0)},
      {"cast.as_int", {S("")}, I(0)},
      {"cast.as_int", {S("x")}, I(0)},
      {"cast.as_int", {Value()}, I(0)},
      {"cast.as_int", {F(3.99)}, I(3)},
      {"cast.as_int", {F(1e30)}, I(0)},
      {"cast.as_int", {U(9223372036854775808u)}, I(0)},
      {"cast.as_int", {I(-5)}, I(-5)},
  });
}

TEST_CASE("cast.as_string: text, or the default when the cast fails", "[cast]") {
  CheckCases({
      {"cast.as_string", {I(123)}, S("123")},
      {"cast.as_string", {F(2.25)}, S("2.25")},
      {"cast.as_string", {F(1.0)}, S("1")},
      {"cast.as_string", {Bool(true)}, S("true")},
      {"cast.as_string", {Bool(false)}, S("false")},
      {"cast.as_string", {B("abc")}, S("abc")},  // bytes as raw text
      {"cast.as_string", {S("keep")}, S("keep")},
      {"cast.as_string", {U(9223372036854775808u), S("default")}, S("default")},
      {"cast.as_string", {U(9223372036854775808u)}, S("")},
      {"cast.as_string", {U(9223372036854775807u), S("default")}, S("9223372036854775807")},
      {"cast.as_string", {B("\xff\xfe"), S("bad utf-8")}, S("bad utf-8")},
      {"cast.as_string", {B("\xc0\xaf"), S("overlong")}, S("overlong")},
      {"cast.as_string", {B("h\xc3\xa9")}, S("hé")},
      {"cast.as_string", {I(-1)}, S("-1")},
      {"cast.as_string", {Value()}, S("")},
  });
}

TEST_CASE("cast.as_uint: 0 when negative, invalid or too large", "[cast]") {
  CheckCases({
      {"cast.as_uint", {S("18446744073709551615")}, U(kUint64Max)},
      {"cast.as_uint", {S("18446744073709551616")}, U(0)},
      {"cast.as_uint", {S("42")}, U(42)},
      {"cast.as_uint", {S("3.9")}, U(3)},
      {"cast.as_uint", {S("-1")}, U(0)},
      {"cast.as_uint", {S("")}, U(0)},
      {"cast.as_uint", {S("abc")}, U(0)},
      {"cast.as_uint", {I(-5)}, U(0)},
      {"cast.as_uint", {I(5)}, U(5)},
      {"cast.as_uint", {F(3.9)}, U(3)},
      {"cast.as_uint", {F(-0.5)}, U(0)},
      {"cast.as_uint", {F(1e20)}, U(0)},
      {"cast.as_uint", {Value()}, U(0)},
  });
}

TEST_CASE("bytes.to_base64 encodes bytes and strings", "[bytes]") {
  CheckCases({
      {"bytes.to_base64",
       {B(std::string("\x00\x00\x00\x00\x6f\x8e\xc5\x58\x6d\x02\x6f\x9b\xb9\xbb\x4a\xa6", 16))},
       S("AAAAAG+OxVhtAm+bubtKpg==")},
      {"bytes.to_base64", {S("hello")}, S("aGVsbG8=")},
      {"bytes.to_base64", {S("TestString"), S("default")}, S("VGVzdFN0cmluZw==")},
      {"bytes.to_base64", {B("")}, S("")},
      {"bytes.to_base64", {Value()}, S("")},
      {"bytes.to_base64", {Strings({"a"}), S("default")}, S("default")},
  });
}

TEST_CASE("hash.sha256 is lowercase hex", "[hash]") {
  CheckCases({
      {"hash.sha256",
       {S("")},
       S("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")},
      {"hash.sha256",
       {S("abc")},
       S("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")},
      {"hash.sha256",
       {Value()},
       S("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")},
  });
}

TEST_CASE("hash.fingerprint2011 is stable, in range and content-based", "[hash]") {
  // Pinned: the value must never change between versions, since rules
  // sample with it (optimization.sample_rate).
  CheckCases({
      {"hash.fingerprint2011", {S("")}, U(17280346270528514342u)},
      {"hash.fingerprint2011", {S("hello")}, U(16844978562278765124u)},
      {"hash.fingerprint2011", {B("hello")}, U(16844978562278765124u)},
  });
  CHECK(fn::internal::Fingerprint2011("a") != fn::internal::Fingerprint2011("b"));
  for (int i = 0; i < 1000; ++i) {
    CHECK(fn::internal::Fingerprint2011(std::to_string(i)) >= 2);
  }
}

}  // namespace

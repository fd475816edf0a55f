// net.*: spec §5.2. The CIDR is not required to be a literal: rules pass
// data-table CIDR columns (`net.ip_in_range_cidr($e.ip, %t.col)`, §10.4).
#include <arpa/inet.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "functions/eval_util.h"
#include "functions/function_tables.h"

namespace yaral::functions::internal {
namespace {

// An address in network byte order; IPv4 uses the first 4 bytes.
struct Address {
  std::array<unsigned char, 16> bytes = {};
  bool v6 = false;
  bool mapped = false;  // written as IPv4-mapped IPv6, stored as IPv4
};

std::optional<Address> ParseAddress(std::string_view text) {
  Address address;
  std::string copy(text);  // inet_pton needs a terminated string
  address.v6 = copy.find(':') != std::string::npos;
  if (inet_pton(address.v6 ? AF_INET6 : AF_INET, copy.c_str(), address.bytes.data()) != 1) {
    return std::nullopt;
  }
  // An IPv4-mapped IPv6 address (::ffff:10.0.0.1) is that IPv4 address, so
  // it matches IPv4 subnets as UDM fields that mix notations expect.
  static constexpr std::array<unsigned char, 12> kMappedPrefix = {0, 0, 0, 0, 0,    0,
                                                                  0, 0, 0, 0, 0xff, 0xff};
  if (address.v6 && std::equal(kMappedPrefix.begin(), kMappedPrefix.end(), address.bytes.begin())) {
    std::copy(address.bytes.begin() + 12, address.bytes.end(), address.bytes.begin());
    std::fill(address.bytes.begin() + 4, address.bytes.end(), 0);
    address.v6 = false;
    address.mapped = true;
  }
  return address;
}

std::string_view Trimmed(std::string_view text) {
  absl::string_view trimmed = absl::StripAsciiWhitespace(AbslView(text));
  return std::string_view(trimmed.data(), trimmed.size());
}

// True when the first `bits` bits of `a` and `b` agree.
bool SamePrefix(const Address& a, const Address& b, int bits) {
  for (int i = 0; bits > 0; ++i, bits -= 8) {
    unsigned mask = bits >= 8 ? 0xffu : (0xffu << (8 - bits)) & 0xffu;
    if ((a.bytes[i] & mask) != (b.bytes[i] & mask)) return false;
  }
  return true;
}

absl::StatusOr<Value> IpInRangeCidr(std::span<const Value> args, const EvalContext&) {
  std::string_view ip = Trimmed(ArgOr(args, 0).string());
  std::string_view cidr = Trimmed(ArgOr(args, 1).string());
  // The subnet is the rule's (a literal or a data-table column): a malformed
  // one is the rule's mistake, reported as SecOps does. A bare address is a
  // one-host subnet, as the checker accepts it. Host bits are masked
  // (`192.0.2.0/8` is 192.0.0.0/8).
  size_t slash = cidr.find('/');
  std::optional<Address> subnet = ParseAddress(cidr.substr(0, slash));
  int bits = 0;
  bool valid = subnet.has_value();
  if (valid) {
    // A mapped subnet's length counts IPv6 bits (::ffff:10.0.0.0/104).
    int max_bits = subnet->v6 || subnet->mapped ? 128 : 32;
    bits = max_bits;
    if (slash != std::string_view::npos) {
      std::string_view length = cidr.substr(slash + 1);
      valid = !length.empty() && length.size() <= 3 &&
              std::all_of(length.begin(), length.end(), absl::ascii_isdigit) &&
              absl::SimpleAtoi(AbslView(length), &bits) && bits <= max_bits;
    }
    if (valid && subnet->mapped) bits = std::max(0, bits - 96);
  }
  if (!valid) {
    return absl::InvalidArgumentError("Invalid subnet CIDR: \"" + std::string(cidr) + "\"");
  }
  // The address is event data: a missing field ("") or a malformed value is
  // simply not in the subnet, rather than a runtime error per event.
  std::optional<Address> address = ParseAddress(ip);
  if (!address.has_value() || address->v6 != subnet->v6) return Value::Bool(false);
  return Value::Bool(SamePrefix(*address, *subnet, bits));
}

}  // namespace

void AddNetFunctions(std::vector<FunctionInfo>& out) {
  out.push_back({
      .name = "net.ip_in_range_cidr",
      .params = {Arg("ip", kStringLike), Arg("cidr", kStringLike)},
      .result = Of(BaseType::kBool),
      .predicate = true,
      .summary = "True when the IPv4 or IPv6 address `ip` is inside the subnet `cidr`.",
      .eval = &IpInRangeCidr,
  });
}

}  // namespace yaral::functions::internal

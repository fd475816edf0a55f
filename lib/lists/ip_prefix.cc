#include "lists/ip_prefix.h"

#include <arpa/inet.h>

#include <algorithm>

#include <string>

namespace yaral::lists {

std::optional<IpAddress> ParseIpAddress(std::string_view text) {
  if (text.empty() || text.size() > 64) return std::nullopt;
  std::string copy(text);  // inet_pton needs a terminated string
  IpAddress out;
  if (copy.find(':') == std::string::npos) {
    if (inet_pton(AF_INET, copy.c_str(), out.bytes.data()) != 1) return std::nullopt;
    return out;
  }
  if (inet_pton(AF_INET6, copy.c_str(), out.bytes.data()) != 1) return std::nullopt;
  out.v6 = true;
  static constexpr uint8_t kMappedPrefix[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
  if (std::equal(kMappedPrefix, kMappedPrefix + 12, out.bytes.begin())) {
    IpAddress v4;
    std::copy(out.bytes.begin() + 12, out.bytes.end(), v4.bytes.begin());
    return v4;
  }
  return out;
}

std::optional<CidrRange> ParseCidr(std::string_view text) {
  size_t slash = text.find('/');
  std::string_view address_text = text.substr(0, slash);
  // A mapped address in a range keeps its family so that the prefix length
  // is read against 128 bits; it is converted below.
  std::string copy(address_text);
  CidrRange range;
  bool mapped = false;
  if (copy.find(':') == std::string::npos) {
    if (copy.empty() || inet_pton(AF_INET, copy.c_str(), range.address.bytes.data()) != 1) {
      return std::nullopt;
    }
  } else {
    if (inet_pton(AF_INET6, copy.c_str(), range.address.bytes.data()) != 1) return std::nullopt;
    range.address.v6 = true;
    std::optional<IpAddress> plain = ParseIpAddress(address_text);
    mapped = plain.has_value() && !plain->v6;
  }
  range.prefix = range.address.bit_count();
  if (slash != std::string_view::npos) {
    std::string_view bits = text.substr(slash + 1);
    if (bits.empty() || bits.size() > 3) return std::nullopt;
    int value = 0;
    for (char c : bits) {
      if (c < '0' || c > '9') return std::nullopt;
      value = value * 10 + (c - '0');
    }
    if (value > range.address.bit_count()) return std::nullopt;
    range.prefix = value;
  }
  if (mapped && range.prefix >= 96) {
    IpAddress v4;
    std::copy(range.address.bytes.begin() + 12, range.address.bytes.end(), v4.bytes.begin());
    range.address = v4;
    range.prefix -= 96;
  }
  return range;
}

PrefixTrie::PrefixTrie() : nodes_(2) {}

void PrefixTrie::Insert(const CidrRange& range) {
  int32_t node = range.address.v6 ? 1 : 0;
  for (int i = 0; i < range.prefix; ++i) {
    if (nodes_[node].terminal) return;  // a wider range already covers this one
    int bit = range.address.Bit(i);
    if (nodes_[node].child[bit] < 0) {
      nodes_[node].child[bit] = static_cast<int32_t>(nodes_.size());
      nodes_.emplace_back();  // invalidates references: index again below
    }
    node = nodes_[node].child[bit];
  }
  nodes_[node].terminal = true;
}

bool PrefixTrie::Contains(const IpAddress& address) const {
  int32_t node = address.v6 ? 1 : 0;
  for (int i = 0;; ++i) {
    if (nodes_[node].terminal) return true;
    if (i == address.bit_count()) return false;
    node = nodes_[node].child[address.Bit(i)];
    if (node < 0) return false;
  }
}

}  // namespace yaral::lists

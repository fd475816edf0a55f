// IP addresses, CIDR ranges and the prefix trie behind CIDR lists.
//
// Private to lib/lists. A PrefixTrie is immutable after building and may be
// read from any number of threads.
#ifndef YARAL_LIB_LISTS_IP_PREFIX_H_
#define YARAL_LIB_LISTS_IP_PREFIX_H_

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace yaral::lists {

struct IpAddress {
  bool v6 = false;
  std::array<uint8_t, 16> bytes{};  // IPv4 uses the first 4

  int bit_count() const { return v6 ? 128 : 32; }
  int Bit(int i) const { return (bytes[i / 8] >> (7 - i % 8)) & 1; }
};

// A dotted-quad IPv4 or an IPv6 address. An IPv4-mapped IPv6 address
// (`::ffff:10.1.2.3`) becomes the IPv4 address, so it matches IPv4 ranges.
std::optional<IpAddress> ParseIpAddress(std::string_view text);

struct CidrRange {
  IpAddress address;
  int prefix = 0;
};

// `address/prefix`, or a bare address (a single host). Host bits after the
// prefix are allowed and ignored (`10.1.2.3/8` is 10.0.0.0/8).
std::optional<CidrRange> ParseCidr(std::string_view text);

// A binary trie over address bits, one root per family: a lookup walks at
// most 32 or 128 nodes whatever the number of ranges.
class PrefixTrie {
 public:
  PrefixTrie();
  void Insert(const CidrRange& range);
  bool Contains(const IpAddress& address) const;

 private:
  struct Node {
    int32_t child[2] = {-1, -1};
    bool terminal = false;  // a range ends here: everything below matches
  };
  std::vector<Node> nodes_;  // [0] IPv4 root, [1] IPv6 root
};

}  // namespace yaral::lists

#endif  // YARAL_LIB_LISTS_IP_PREFIX_H_

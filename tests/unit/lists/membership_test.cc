// Membership per kind: string (exact, nocase), regex (RE2::Set, nocase),
// CIDR (IPv4, IPv6, mapped addresses), kinds inferred from use, limits.
#include <catch2/catch.hpp>
#include <string>
#include <thread>
#include <vector>

#include "test_util.h"
#include "yaral/reference_lists.h"

namespace yaral {
namespace {

using ast::ListKind;
using testing::Where;

TEST_CASE("string lists: exact, case-sensitive, nocase on request") {
  ReferenceListSet set;
  CHECK(set.Add("hosts", ListKind::kString, {"Server-01", "db.example.com", ""}).empty());
  CHECK(set.Contains("hosts", "Server-01", ListKind::kString));
  CHECK_FALSE(set.Contains("hosts", "server-01", ListKind::kString));
  CHECK(set.Contains("hosts", "server-01", ListKind::kString, /*nocase=*/true));
  CHECK(set.Contains("hosts", "DB.EXAMPLE.COM", ListKind::kString, true));
  CHECK_FALSE(set.Contains("hosts", "db.example", ListKind::kString));   // no substring match
  CHECK_FALSE(set.Contains("hosts", "x.db.example.com", ListKind::kString, true));
  CHECK_FALSE(set.Contains("missing", "Server-01", ListKind::kString));
}

TEST_CASE("regex lists: any entry matches anywhere, nocase uses a second set") {
  ReferenceListSet set;
  CHECK(set.Add("re", ListKind::kRegex, {"^evil-[0-9]+$", "mimikatz", "\\.onion$"}).empty());
  const ReferenceList& list = *set.Find("re");
  CHECK(list.Prepare(ListKind::kRegex, true).ok);
  CHECK(list.Contains("evil-42", ListKind::kRegex));
  CHECK_FALSE(list.Contains("evil-42x", ListKind::kRegex));
  CHECK(list.Contains("C:\\tools\\mimikatz.exe", ListKind::kRegex));  // unanchored
  CHECK_FALSE(list.Contains("C:\\tools\\MIMIKATZ.exe", ListKind::kRegex));
  CHECK(list.Contains("C:\\tools\\MIMIKATZ.exe", ListKind::kRegex, true));
  CHECK(list.Contains("abc.ONION", ListKind::kRegex, true));
  CHECK_FALSE(list.Contains("benign", ListKind::kRegex, true));
}

TEST_CASE("bad regex entries: error with the line, the other entries still match") {
  ReferenceListSet set;
  set.AddFile("re", "re.txt", "// patterns\nok[0-9]\n(unclosed\n\n*star\nfine$\n");
  PrepareResult p = set.Prepare("re", ListKind::kRegex);
  CHECK_FALSE(p.ok);
  CHECK(Where(p.diagnostics) == std::vector<std::string>{"3:1 E305", "5:1 E305"});
  CHECK(set.Contains("re", "ok7", ListKind::kRegex));
  CHECK(set.Contains("re", "so fine", ListKind::kRegex));
  // Reported once; ok stays false.
  PrepareResult again = set.Prepare("re", ListKind::kRegex);
  CHECK(again.diagnostics.empty());
  CHECK_FALSE(again.ok);
}

TEST_CASE("CIDR lists: IPv4, IPv6, hosts, mapped addresses") {
  ReferenceListSet set;
  auto d = set.AddFile("nets", "nets.txt",
                       "10.0.0.0/8\n"
                       "192.168.1.17       // one host\n"
                       "172.16.5.9/12      // host bits are ignored\n"
                       "2001:db8::/32\n"
                       "fe80::1/128\n");
  CHECK(d.empty());
  const ReferenceList& list = *set.Find("nets");
  CHECK(list.Prepare(ListKind::kCidr).ok);
  CHECK(list.Contains("10.200.3.4", ListKind::kCidr));
  CHECK_FALSE(list.Contains("11.0.0.1", ListKind::kCidr));
  CHECK(list.Contains("192.168.1.17", ListKind::kCidr));
  CHECK_FALSE(list.Contains("192.168.1.18", ListKind::kCidr));
  CHECK(list.Contains("172.31.255.255", ListKind::kCidr));
  CHECK_FALSE(list.Contains("172.32.0.0", ListKind::kCidr));
  CHECK(list.Contains("2001:db8:ffff::1", ListKind::kCidr));
  CHECK(list.Contains("2001:DB8::", ListKind::kCidr));
  CHECK_FALSE(list.Contains("2001:db9::1", ListKind::kCidr));
  CHECK(list.Contains("fe80::1", ListKind::kCidr));
  CHECK_FALSE(list.Contains("fe80::2", ListKind::kCidr));
  CHECK(list.Contains("::ffff:10.1.1.1", ListKind::kCidr));  // IPv4-mapped
  CHECK_FALSE(list.Contains("not an ip", ListKind::kCidr));
  CHECK_FALSE(list.Contains("", ListKind::kCidr));
  CHECK_FALSE(list.Contains("10.0.0.0/8", ListKind::kCidr));  // a value is an address
}

TEST_CASE("CIDR /0 matches its whole family only") {
  ReferenceListSet set;
  set.Add("all4", ListKind::kCidr, {"0.0.0.0/0"});
  CHECK(set.Contains("all4", "8.8.8.8", ListKind::kCidr));
  CHECK_FALSE(set.Contains("all4", "2001:db8::1", ListKind::kCidr));
}

TEST_CASE("bad CIDR entries: error with the line") {
  ReferenceListSet set;
  auto d = set.AddFile("nets", "nets.txt",
                       "// yaral:kind=cidr\n10.0.0.0/8\n10.0.0.0/33\n300.1.1.1\n::1/129\nhost\n");
  CHECK(Where(d) ==
        std::vector<std::string>{"3:1 E311", "4:1 E311", "5:1 E311", "6:1 E311"});
  CHECK(set.Contains("nets", "10.9.9.9", ListKind::kCidr));
}

TEST_CASE("an undeclared list is compiled for each kind a rule uses") {
  ReferenceListSet set;
  set.AddFile("mixed", "mixed.txt", "10.0.0.0/8\nadmin.*\n");
  // As a string list both lines are plain strings.
  CHECK(set.Prepare("mixed", ListKind::kString).ok);
  CHECK(set.Contains("mixed", "admin.*", ListKind::kString));
  // As a regex list `10.0.0.0/8` is a (valid) pattern too.
  CHECK(set.Prepare("mixed", ListKind::kRegex).ok);
  CHECK(set.Contains("mixed", "administrator", ListKind::kRegex));
  // As a CIDR list the second line is an error at line 2.
  PrepareResult cidr = set.Prepare("mixed", ListKind::kCidr);
  CHECK_FALSE(cidr.ok);
  CHECK(Where(cidr.diagnostics) == std::vector<std::string>{"2:1 E311"});
}

TEST_CASE("a declared kind used as another kind is an error every time") {
  ReferenceListSet set;
  set.AddFile("nets", "nets.txt", "// yaral:kind=cidr\n10.0.0.0/8\n");
  for (int i = 0; i < 2; ++i) {
    PrepareResult p = set.Prepare("nets", ListKind::kRegex);
    CHECK_FALSE(p.ok);
    CHECK(Where(p.diagnostics) == std::vector<std::string>{"1:1 E702"});
  }
  CHECK(set.Prepare("nets", ListKind::kCidr).ok);
}

TEST_CASE("an unknown list is an error") {
  ReferenceListSet set;
  PrepareResult p = set.Prepare("nope", ListKind::kString);
  CHECK_FALSE(p.ok);
  REQUIRE(p.diagnostics.size() == 1);
  CHECK(p.diagnostics[0].diagnostic.code == codes::kUnknownList);
}

TEST_CASE("SecOps size limits are warnings") {
  ReferenceListSet set;
  std::vector<std::string> many;
  for (int i = 0; i < 151; ++i) many.push_back("10.0." + std::to_string(i) + ".0/24");
  auto cidr = set.Add("cidr", ListKind::kCidr, many);
  CHECK(Where(cidr) == std::vector<std::string>{"151:1 E701"});
  CHECK(cidr[0].diagnostic.severity == Severity::kWarning);
  CHECK(set.Contains("cidr", "10.0.150.1", ListKind::kCidr));  // still works locally

  std::vector<std::string> patterns(101, "a+");
  CHECK(Where(set.Add("re", ListKind::kRegex, patterns)) == std::vector<std::string>{"101:1 E701"});
  CHECK(set.Add("re100", ListKind::kRegex, std::vector<std::string>(100, "a+")).empty());

  auto long_line = set.Add("s", ListKind::kString, {"ok", std::string(5001, 'x')});
  CHECK(Where(long_line) == std::vector<std::string>{"2:1 E701"});
  CHECK(set.Add("s2", ListKind::kString, {std::string(5000, 'x')}).empty());

  // The size counts the whole file, comments included.
  std::string big = "// yaral:kind=cidr\n// " + std::string(120 * 1024, 'x') + "\n10.0.0.0/8\n";
  CHECK(Where(set.AddFile("bigc", "bigc.txt", big)) == std::vector<std::string>{"1:1 E701"});
}

TEST_CASE("lookups are safe from many threads, nocase built on first use") {
  ReferenceListSet set;
  std::vector<std::string> entries;
  for (int i = 0; i < 1000; ++i) entries.push_back("host-" + std::to_string(i));
  set.Add("hosts", ListKind::kString, entries);
  set.Add("re", ListKind::kRegex, {"^host-9[0-9]$"});
  const ReferenceListSet& shared = set;
  std::vector<std::thread> threads;
  std::vector<int> hits(4, 0);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 1000; ++i) {
        std::string v = "HOST-" + std::to_string(i);
        hits[t] += shared.Contains("hosts", v, ListKind::kString, true);
        hits[t] += shared.Contains("re", v, ListKind::kRegex, true);
      }
    });
  }
  for (std::thread& t : threads) t.join();
  for (int h : hits) CHECK(h == 1010);
}

}  // namespace
}  // namespace yaral

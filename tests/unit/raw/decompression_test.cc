// .gz and .zst input, recognised by content, for every reader.
#include "catch2/catch.hpp"
#include "raw_test_util.h"

namespace yaral::raw_test {
namespace {

constexpr std::string_view kAudit =
    "type=SYSCALL msg=audit(1772456531.000:1802): arch=c000003e syscall=59 pid=40 exe=\"/bin/true\"\n"
    "type=EOE msg=audit(1772456531.000:1802): \n"
    "type=USER_LOGIN msg=audit(1772456532.500:1803): pid=77 msg='acct=\"bob\" res=success'\n";

TEST_CASE("gzip and zstd files read like the plain file, whatever their name", "[raw][compression]") {
  const Normalized plain = Normalize(WriteTempFile("a.log", kAudit));
  REQUIRE(plain.events.size() == 2);
  for (const auto& [name, bytes] : {std::pair{"a.gz.log", Gzip(kAudit)}, std::pair{"a.data", Zstd(kAudit)}}) {
    const Normalized n = Normalize(WriteTempFile(name, bytes));
    INFO(name);
    REQUIRE(n.open.ok());
    CHECK(n.status.ok());
    CHECK(n.events == plain.events);
  }
  // UDM JSON compressed, through --from auto.
  const Normalized udm = Normalize(WriteTempFile("udm.ndjson.gz", Gzip("{\"metadata\": {}}\n{}\n")));
  CHECK(udm.events.size() == 2);
}

TEST_CASE("a corrupt or truncated gzip stream ends reading with an error naming the file", "[raw][compression]") {
  std::string gz = Gzip(std::string(kAudit) + std::string(kAudit));
  std::string corrupt = gz;
  for (size_t i = 20; i < 40 && i < corrupt.size(); ++i) corrupt[i] = static_cast<char>(corrupt[i] ^ 0x5a);
  const std::string bad_path = WriteTempFile("bad.gz", corrupt);
  const Normalized bad = Normalize(bad_path, InputFormat::kAuditd);
  CHECK_FALSE(bad.status.ok());
  CHECK(std::string(bad.status.message()).find(bad_path + ": corrupt gzip data") == 0);

  const Normalized cut = Normalize(WriteTempFile("cut.gz", gz.substr(0, gz.size() - 12)), InputFormat::kAuditd);
  CHECK_FALSE(cut.status.ok());
  CHECK(std::string(cut.status.message()).find("truncated") != std::string::npos);

  const std::string zst = Zstd(kAudit);
  const Normalized zcut = Normalize(WriteTempFile("cut.zst", zst.substr(0, zst.size() - 5)), InputFormat::kAuditd);
  CHECK_FALSE(zcut.status.ok());
}

}  // namespace
}  // namespace yaral::raw_test

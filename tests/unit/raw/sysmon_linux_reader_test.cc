// Sysmon for Linux: <Event> XML inside syslog lines.
#include "catch2/catch.hpp"
#include "raw_test_util.h"

namespace yaral::raw_test {
namespace {

constexpr std::string_view kLines =
    "Mar  2 13:02:09 lnx-build-02 systemd[1]: Started session 4.\n"
    "Mar  2 13:02:10 lnx-build-02 sysmon: <Event><System><Provider Name=\"Linux-Sysmon\" "
    "Guid=\"{ff032593-a8d3-4f13-b0d6-01fc615a0f97}\"/><EventID>3</EventID><Version>5</Version>"
    "<TimeCreated SystemTime=\"2026-03-02T13:02:10.118000Z\"/><EventRecordID>1801</EventRecordID>"
    "<Channel>Linux-Sysmon/Operational</Channel><Computer>lnx-build-02.corp.example</Computer>"
    "</System><EventData><Data Name=\"ProcessId\">30211</Data><Data Name=\"Image\">/usr/bin/nc</Data>"
    "<Data Name=\"Protocol\">tcp</Data><Data Name=\"Initiated\">true</Data>"
    "<Data Name=\"DestinationIp\">127.0.0.1</Data><Data Name=\"DestinationPort\">110</Data>"
    "</EventData></Event>\n"
    "Mar  2 13:02:11 lnx-build-02 sysmon: <Event><System><EventID>3</EventID></System><EventData>\n";

TEST_CASE("sysmon-linux: one record per syslog line; other lines are counted", "[raw][sysmon-linux]") {
  const Normalized n = Normalize(WriteTempFile("syslog", kLines));
  REQUIRE(n.open.ok());
  REQUIRE(n.events.size() == 1);
  const auto& e = n.events[0];
  CHECK(e["metadata"]["event_type"] == "NETWORK_CONNECTION");
  CHECK(e["metadata"]["log_type"] == "LINUX_SYSMON");
  CHECK(e["metadata"]["product_name"] == "Linux-Sysmon");
  CHECK(e["principal"]["hostname"] == "lnx-build-02.corp.example");
  CHECK(e["principal"]["process"]["file"]["full_path"] == "/usr/bin/nc");
  CHECK(e["network"]["direction"] == "OUTBOUND");
  CHECK(e["target"]["port"] == 110);
  CHECK(n.lines[0] == 2);
  REQUIRE(n.errors.size() == 2);
  CHECK(n.errors[0].line == 1);
  CHECK(n.errors[0].reason == ReadErrorReason::kNotARecord);
  CHECK(n.errors[1].line == 3);
  CHECK(n.errors[1].reason == ReadErrorReason::kUnterminated);
}

}  // namespace
}  // namespace yaral::raw_test

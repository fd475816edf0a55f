// Windows event XML files (wevtutil / Event Viewer exports).
#include "catch2/catch.hpp"
#include "raw_test_util.h"

namespace yaral::raw_test {
namespace {

constexpr std::string_view kTwoEvents = R"(<?xml version="1.0" encoding="utf-8"?>
<Events>
<Event xmlns="http://schemas.microsoft.com/win/2004/08/events/event">
  <System>
    <Provider Name="Microsoft-Windows-Sysmon" Guid="{5770385f-c22a-43e0-bf4c-06f5698ffbd9}"/>
    <EventID>1</EventID>
    <TimeCreated SystemTime="2026-03-02T10:14:59.1000000Z"/>
    <EventRecordID>48212</EventRecordID>
    <Computer>ws-fin-07.corp.example</Computer>
  </System>
  <EventData>
    <Data Name="ProcessId">7412</Data>
    <Data Name="Image">C:\Windows\System32\WindowsPowerShell\v1.0\powershell.exe</Data>
    <Data Name="CommandLine">powershell.exe -c "Send-MailMessage"</Data>
    <Data Name="ParentImage">C:\Windows\explorer.exe</Data>
    <Data Name="Hashes">SHA1=AA,MD5=BB,SHA256=CC,IMPHASH=DD</Data>
  </EventData>
</Event>
<Event xmlns="http://schemas.microsoft.com/win/2004/08/events/event">
  <System>
    <Provider Name="Microsoft-Windows-Security-Auditing"/>
    <EventID>4625</EventID>
    <TimeCreated SystemTime="2026-03-02T10:20:00.0000000Z"/>
    <Computer>dc-01</Computer>
  </System>
  <EventData>
    <Data Name="TargetUserName">bob</Data>
    <Data Name="LogonType">3</Data>
    <Data Name="IpAddress">192.0.2.7</Data>
    <Data Name="WorkstationName">-</Data>
  </EventData>
</Event>
</Events>
)";

TEST_CASE("winevent-xml: each <Event> of an export is one UDM event", "[raw][xml]") {
  const Normalized n = Normalize(WriteTempFile("two.xml", kTwoEvents));
  REQUIRE(n.open.ok());
  REQUIRE(n.events.size() == 2);
  CHECK(n.stats.skipped == 0);
  const auto& launch = n.events[0];
  CHECK(launch["metadata"]["event_type"] == "PROCESS_LAUNCH");
  CHECK(launch["metadata"]["log_type"] == "WINDOWS_SYSMON");
  CHECK(launch["metadata"]["event_timestamp"] == "2026-03-02T10:14:59.1000000Z");
  CHECK(launch["principal"]["hostname"] == "ws-fin-07.corp.example");
  CHECK(launch["target"]["process"]["file"]["full_path"] ==
        "C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe");
  CHECK(launch["target"]["process"]["file"]["sha256"] == "CC");
  CHECK(launch["target"]["process"]["command_line"] == "powershell.exe -c \"Send-MailMessage\"");
  CHECK(launch["principal"]["process"]["file"]["full_path"] == "C:\\Windows\\explorer.exe");
  CHECK(n.lines[0] == 3);  // the line the <Event> starts on
  const auto& failed = n.events[1];
  CHECK(failed["metadata"]["event_type"] == "USER_LOGIN");
  CHECK(failed["security_result"][0]["action"] == nlohmann::json::array({"BLOCK"}));  // repeated in UDM
  CHECK(failed["extensions"]["auth"]["mechanism"] == nlohmann::json::array({"NETWORK"}));
  CHECK(failed["target"]["user"]["userid"] == "bob");
  CHECK(failed["target"]["hostname"] == "dc-01");
}

TEST_CASE("winevent-xml: a broken record is reported with its line, the others read", "[raw][xml]") {
  std::string text(kTwoEvents);
  text.replace(text.find("<EventID>1</EventID>"), 20, "<EventID>1</EventI>");
  const Normalized n = Normalize(WriteTempFile("broken.xml", text), InputFormat::kWinEventXml);
  REQUIRE(n.events.size() == 1);
  REQUIRE(n.errors.size() == 1);
  CHECK(n.errors[0].line == 3);
  CHECK(n.errors[0].reason == ReadErrorReason::kInvalidXml);
  CHECK(n.stats.skipped_by_reason.at("invalid_xml") == 1);
}

TEST_CASE("winevent-xml: input ending inside a record is an error, not silence", "[raw][xml]") {
  const std::string text(kTwoEvents.substr(0, kTwoEvents.find("</Events>") - 200));
  const Normalized n = Normalize(WriteTempFile("cut.xml", text));
  CHECK(n.events.size() == 1);
  REQUIRE(n.errors.size() == 1);
  CHECK(n.errors[0].reason == ReadErrorReason::kUnterminated);
}

}  // namespace
}  // namespace yaral::raw_test

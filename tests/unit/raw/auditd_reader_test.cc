// auditd logs: records grouped by audit id, hex fields decoded.
#include "catch2/catch.hpp"
#include "raw_test_util.h"

namespace yaral::raw_test {
namespace {

// connect(2) to 127.0.0.1:110 (saddr 0200006E7F000001...), nc's proctitle
// hex-encoded (it has spaces), then an execve with a hex argument.
constexpr std::string_view kLog =
    "node=lnx-build-02.corp.example type=SYSCALL msg=audit(1772456530.118:1801): arch=c000003e "
    "syscall=42 success=yes exit=0 a0=3 ppid=30190 pid=30211 auid=1001 uid=1001 comm=\"nc\" "
    "exe=\"/usr/bin/nc\" key=\"network_connect\"\n"
    "node=lnx-build-02.corp.example type=SOCKADDR msg=audit(1772456530.118:1801): "
    "saddr=0200006E7F0000010000000000000000\n"
    "node=lnx-build-02.corp.example type=PROCTITLE msg=audit(1772456530.118:1801): "
    "proctitle=6E63003132372E302E302E31003131300A\n"
    "node=lnx-build-02.corp.example type=EOE msg=audit(1772456530.118:1801): \n"
    "type=SYSCALL msg=audit(1772456531.000:1802): arch=c000003e syscall=59 success=yes ppid=1 "
    "pid=40 auid=0 exe=\"/usr/bin/echo\"\n"
    "type=EXECVE msg=audit(1772456531.000:1802): argc=2 a0=\"echo\" a1=68692074686572650A\n"
    "type=CWD msg=audit(1772456531.000:1802): cwd=\"/root\"\n"
    "type=PATH msg=audit(1772456531.000:1802): item=0 name=\"/usr/bin/echo\" nametype=NORMAL\n"
    "type=EOE msg=audit(1772456531.000:1802): \n"
    "type=USER_LOGIN msg=audit(1772456532.500:1803): pid=77 uid=0 auid=1001 ses=3 "
    "msg='op=login id=1001 exe=\"/usr/sbin/sshd\" hostname=? addr=198.51.100.9 terminal=sshd res=failed'\n"
    "type=SYSCALL arch=c000003e syscall=87\n";

TEST_CASE("auditd: records of one id are one event", "[raw][auditd]") {
  const Normalized n = Normalize(WriteTempFile("audit.log", kLog));
  REQUIRE(n.open.ok());
  REQUIRE(n.events.size() == 3);
  const auto& connect = n.events[0];
  CHECK(connect["metadata"]["event_type"] == "NETWORK_CONNECTION");
  CHECK(connect["metadata"]["event_timestamp"] == "2026-03-02T13:02:10.118Z");
  CHECK(connect["metadata"]["log_type"] == "AUDITD");
  CHECK(connect["metadata"]["product_event_type"] == "connect");
  CHECK(connect["network"]["direction"] == "OUTBOUND");
  CHECK(connect["principal"]["hostname"] == "lnx-build-02.corp.example");
  CHECK(connect["principal"]["process"]["file"]["full_path"] == "/usr/bin/nc");
  CHECK(connect["principal"]["process"]["command_line"] == "nc 127.0.0.1 110");
  CHECK(connect["target"]["ip"] == nlohmann::json::array({"127.0.0.1"}));
  CHECK(connect["target"]["port"] == 110);
  CHECK(n.lines[0] == 1);

  const auto& exec = n.events[1];
  CHECK(exec["metadata"]["event_type"] == "PROCESS_LAUNCH");
  CHECK(exec["target"]["process"]["command_line"] == "echo hi there");
  CHECK(exec["target"]["process"]["file"]["full_path"] == "/usr/bin/echo");
  CHECK(exec["additional"]["CWD.cwd"] == "/root");

  const auto& login = n.events[2];
  CHECK(login["metadata"]["event_type"] == "USER_LOGIN");
  CHECK(login["principal"]["ip"] == nlohmann::json::array({"198.51.100.9"}));
  CHECK(login["security_result"][0]["action"] == nlohmann::json::array({"BLOCK"}));  // repeated in UDM
}

TEST_CASE("auditd: a record without its audit id is reported with its line", "[raw][auditd]") {
  const Normalized n = Normalize(WriteTempFile("audit2.log", kLog), InputFormat::kAuditd);
  REQUIRE(n.errors.size() == 1);
  CHECK(n.errors[0].line == 11);
  CHECK(n.errors[0].reason == ReadErrorReason::kMissingField);
  CHECK(n.errors[0].message.find("msg=audit") != std::string::npos);
}

}  // namespace
}  // namespace yaral::raw_test

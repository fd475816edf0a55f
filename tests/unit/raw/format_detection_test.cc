// Format detection by content, never by name.
#include "raw/format_detection.h"

#include "catch2/catch.hpp"
#include "raw_test_util.h"
#include "yaral/raw_telemetry.h"

namespace yaral::raw_test {
namespace {

InputFormat Detect(std::string_view head) {
  absl::StatusOr<InputFormat> format = raw::DetectFormat(head, "x");
  REQUIRE(format.ok());
  return *format;
}

TEST_CASE("formats are told apart by their first bytes", "[raw][detect]") {
  CHECK(Detect(std::string_view("ElfFile\0\0\0", 10)) == InputFormat::kEvtx);
  CHECK(Detect("\xEF\xBB\xBF<?xml version=\"1.0\"?><Events>") == InputFormat::kWinEventXml);
  CHECK(Detect("  <Event xmlns=\"x\">") == InputFormat::kWinEventXml);
  CHECK(Detect("type=SYSCALL msg=audit(1.0:1): x") == InputFormat::kAuditd);
  CHECK(Detect("node=h type=EOE msg=audit(1.0:1): ") == InputFormat::kAuditd);
  CHECK(Detect("Mar  2 x y: hi\nMar  2 x sysmon: <Event><System>") == InputFormat::kSysmonLinux);
  CHECK(Detect("{\"metadata\": {}}") == InputFormat::kUdm);
  CHECK(Detect("[{}]") == InputFormat::kUdm);
}

TEST_CASE("an unknown format is an error naming what was seen", "[raw][detect]") {
  absl::StatusOr<InputFormat> format = raw::DetectFormat("hello\x01world", "f.evtx");
  REQUIRE_FALSE(format.ok());
  const std::string message(format.status().message());
  CHECK(message.find("f.evtx: unknown input format") == 0);
  CHECK(message.find("hello\\x01world") != std::string::npos);
  CHECK(raw::DetectFormat("  \n", "e").status().message().find("empty input") != std::string::npos);
}

TEST_CASE("the extension does not decide: an .evtx name holding auditd reads as auditd", "[raw][detect]") {
  const std::string path = WriteTempFile("misnamed.evtx", "type=EOE msg=audit(1.0:1): \n");
  absl::StatusOr<InputFormat> format = DetectInputFormat(path);
  REQUIRE(format.ok());
  CHECK(*format == InputFormat::kAuditd);
}

TEST_CASE("format names round-trip", "[raw][detect]") {
  for (InputFormat f : {InputFormat::kUdm, InputFormat::kAuto, InputFormat::kEvtx, InputFormat::kWinEventXml,
                        InputFormat::kSysmonLinux, InputFormat::kAuditd}) {
    CHECK(ParseInputFormat(InputFormatName(f)) == f);
  }
  CHECK_FALSE(ParseInputFormat("xml").has_value());
}

}  // namespace
}  // namespace yaral::raw_test

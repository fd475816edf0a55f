// The JUnit writer: structure, counts and escaping (and, with pugixml, that
// the result parses).
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "yaral/rule_test.h"

#ifdef YARAL_HAVE_PUGIXML
#include <pugixml.hpp>
#endif

namespace yaral {
namespace {

std::vector<RuleTestFileResult> Sample() {
  RuleTestFileResult file;
  file.path = "rules/a&b.test.yaml";
  file.seconds = 0.25;
  CaseResult pass;
  pass.name = "fires <on> \"smtp\"";
  pass.seconds = 0.0125;
  CaseResult fail;
  fail.name = "quiet";
  fail.status = CaseStatus::kFailed;
  fail.failure = {"expected 0 detections, got 1:", "  r {host: \"ws-01\"} at 2026-01-01T00:00:00Z",
                  std::string("bad bytes \xff\x01 end")};
  fail.explanations = {"r: $e failed $e.target.port = 25 (port is 26)"};
  fail.explanations_total = 3;
  file.cases = {pass, fail};

  RuleTestFileResult broken;
  broken.path = "rules/broken.test.yaml";
  broken.errors = {{"rules/broken.test.yaml", {2, 1}, "unknown key 'rules' in the test file"}};
  return {file, broken};
}

TEST_CASE("junit: one suite per file, one testcase per case") {
  const std::string xml = WriteJUnitReport(Sample());
  CHECK_THAT(xml, Catch::StartsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites "
                                    "name=\"yaral test\" tests=\"3\" failures=\"1\" errors=\"1\""));
  CHECK_THAT(xml, Catch::Contains("<testsuite name=\"rules/a&amp;b.test.yaml\" tests=\"2\" "
                                  "failures=\"1\" errors=\"0\" skipped=\"0\" time=\"0.250\">"));
  CHECK_THAT(xml, Catch::Contains("<testcase classname=\"rules/a&amp;b.test.yaml\" "
                                  "name=\"fires &lt;on&gt; &quot;smtp&quot;\" time=\"0.013\"/>"));
  CHECK_THAT(xml, Catch::Contains("<failure message=\"expected 0 detections, got 1:\">"
                                  "expected 0 detections, got 1:\n  r {host: \"ws-01\"}"));
  CHECK_THAT(xml, Catch::Contains("bad bytes \xEF\xBF\xBD\xEF\xBF\xBD end"));
  CHECK_THAT(xml, Catch::Contains("why events did not contribute (first 1 of 3):\n"
                                  "  r: $e failed $e.target.port = 25 (port is 26)"));
  CHECK_THAT(xml, Catch::Contains("<testcase classname=\"rules/broken.test.yaml\" name=\"(test "
                                  "file)\" time=\"0.000\">\n      <error message=\"rules/"
                                  "broken.test.yaml:2:1: error: unknown key 'rules' in the test "
                                  "file\">"));
  CHECK_THAT(xml, Catch::EndsWith("</testsuites>\n"));
}

TEST_CASE("junit: attributes keep line breaks as references") {
  RuleTestFileResult file;
  file.path = "x";
  CaseResult c;
  c.name = "two\nlines\tand tab";
  file.cases = {c};
  CHECK_THAT(WriteJUnitReport({file}), Catch::Contains("name=\"two&#10;lines&#9;and tab\""));
  CHECK_THAT(WriteJUnitReport({}), Catch::Contains("tests=\"0\" failures=\"0\" errors=\"0\""));
}

#ifdef YARAL_HAVE_PUGIXML
TEST_CASE("junit: the report parses as XML") {
  const std::string xml = WriteJUnitReport(Sample());
  pugi::xml_document doc;
  pugi::xml_parse_result parsed = doc.load_string(xml.c_str());
  INFO(parsed.description());
  REQUIRE(parsed);
  pugi::xml_node suites = doc.child("testsuites");
  REQUIRE(suites);
  pugi::xml_node first = suites.child("testsuite");
  CHECK(std::string(first.attribute("name").value()) == "rules/a&b.test.yaml");
  pugi::xml_node pass = first.child("testcase");
  CHECK(std::string(pass.attribute("name").value()) == "fires <on> \"smtp\"");
  pugi::xml_node failure = pass.next_sibling("testcase").child("failure");
  CHECK(std::string(failure.attribute("message").value()) == "expected 0 detections, got 1:");
  CHECK_THAT(std::string(failure.child_value()), Catch::Contains("why events did not contribute"));
}
#endif

}  // namespace
}  // namespace yaral

#include "yaral/udm_values.h"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "yaral/schema.h"

namespace yaral {
namespace {

constexpr int64_t kBase = 1674596400;  // 2023-01-24T21:40:00Z

struct TimestampCase {
  const char* text;
  int64_t seconds;
  int32_t nanos;
};

TEST_CASE("RFC 3339 timestamps with 0 to 9 fractional digits and offsets",
          "[io][values][timestamp]") {
  const std::vector<TimestampCase> cases = {
      {"2023-01-24T21:40:00Z", kBase, 0},
      {"2023-01-24T21:40:00.1Z", kBase, 100000000},
      {"2023-01-24T21:40:00.12Z", kBase, 120000000},
      {"2023-01-24T21:40:00.123Z", kBase, 123000000},
      {"2023-01-24T21:40:00.1234Z", kBase, 123400000},
      {"2023-01-24T21:40:00.12345Z", kBase, 123450000},
      {"2023-01-24T21:40:00.142265Z", kBase, 142265000},
      {"2023-01-24T21:40:00.1234567Z", kBase, 123456700},
      {"2023-01-24T21:40:00.12345678Z", kBase, 123456780},
      {"2023-01-24T21:40:00.037506921Z", kBase, 37506921},
      {"2023-01-24T21:40:00.000Z", kBase, 0},
      {"2023-01-24T21:40:00+00:00", kBase, 0},
      {"2023-01-24T21:40:00-00:00", kBase, 0},
      {"2023-01-24T22:40:00+01:00", kBase, 0},
      {"2023-01-24T16:10:00.5-05:30", kBase, 500000000},
      {"2023-01-25T05:40:00+08:00", kBase, 0},
      {"2023-01-24t21:40:00z", kBase, 0},
      {"2023-01-24 21:40:00Z", kBase, 0},
      {"1969-12-31T23:59:59.999999999Z", -1, 999999999},
      {"1970-01-01T00:00:00Z", 0, 0},
      {"2016-12-31T23:59:60Z", 1483228800, 0},
      {"2024-02-29T00:00:00Z", 1709164800, 0},
      {"0001-01-01T00:00:00Z", -62135596800, 0},
      {"9999-12-31T23:59:59.999999999Z", 253402300799, 999999999},
      {"2026-03-16T15:42:11.037506921+01:00", 1773672131, 37506921},
  };
  for (const TimestampCase& c : cases) {
    INFO(c.text);
    absl::StatusOr<UdmTimestamp> t = ParseTimestamp(c.text);
    REQUIRE(t.ok());
    CHECK(t->seconds == c.seconds);
    CHECK(t->nanos == c.nanos);
  }
}

TEST_CASE("malformed timestamps are InvalidArgument", "[io][values][timestamp]") {
  for (const char* text : {
           "",
           "2023-01-24",
           "2023-01-24T21:40:00",         // no offset
           "2023-01-24T21:40:00.Z",       // no fractional digits
           "2023-01-24T21:40:00.1234567891Z",  // 10 digits
           "2023-13-01T00:00:00Z",
           "2023-02-29T00:00:00Z",
           "2023-01-32T00:00:00Z",
           "2023-01-24T24:00:00Z",
           "2023-01-24T21:60:00Z",
           "2023-01-24T21:40:61Z",
           "2023-01-24T21:40:00+0100",
           "2023-01-24T21:40:00+24:00",
           "2023-01-24T21:40:00ZZ",
           " 2023-01-24T21:40:00Z",
           "23-01-24T21:40:00Z",
           "12023-01-24T21:40:00Z",
           "2023-01-24X21:40:00Z",
       }) {
    INFO(text);
    absl::StatusOr<UdmTimestamp> t = ParseTimestamp(text);
    CHECK(t.status().code() == absl::StatusCode::kInvalidArgument);
  }
}

TEST_CASE("timestamps in JSON: strings, epoch seconds, {seconds, nanos}",
          "[io][values][timestamp]") {
  struct Case {
    const char* json;
    UdmTimestamp want;
  };
  const std::vector<Case> cases = {
      {"\"2023-01-24T21:40:00.5Z\"", {kBase, 500000000}},
      {"\"1674596400\"", {kBase, 0}},
      {"1674596400", {kBase, 0}},
      {" {\"seconds\": 1674596400} ", {kBase, 0}},
      {"{\"seconds\": \"1674596400\", \"nanos\": 7}", {kBase, 7}},
      {"{\"nanos\": 1}", {0, 1}},
      {"{}", {0, 0}},
  };
  for (const Case& c : cases) {
    INFO(c.json);
    absl::StatusOr<UdmTimestamp> t = ParseTimestampJson(c.json);
    REQUIRE(t.ok());
    CHECK(*t == c.want);
  }
  for (const char* bad : {"", "\"\"", "\"x\"", "{\"seconds\": 1, \"nanos\": 1000000000}",
                          "{\"seconds\": 1.5}", "{\"minutes\": 1}", "{\"seconds\": ", "1.5",
                          "true", "\"2023-01-24T21:40:00Z"}) {
    INFO(bad);
    CHECK_FALSE(ParseTimestampJson(bad).ok());
  }
  CHECK_FALSE(TimestampFromParts(1, -1).ok());
  CHECK(*TimestampFromParts(-5, 999999999) == UdmTimestamp{-5, 999999999});
}

TEST_CASE("FormatTimestamp writes UTC with 0, 3, 6 or 9 digits", "[io][values][timestamp]") {
  CHECK(FormatTimestamp({kBase, 0}) == "2023-01-24T21:40:00Z");
  CHECK(FormatTimestamp({kBase, 120000000}) == "2023-01-24T21:40:00.120Z");
  CHECK(FormatTimestamp({kBase, 142265000}) == "2023-01-24T21:40:00.142265Z");
  CHECK(FormatTimestamp({kBase, 37506921}) == "2023-01-24T21:40:00.037506921Z");
  CHECK(FormatTimestamp({-1, 999999999}) == "1969-12-31T23:59:59.999999999Z");
  for (const char* text : {"2021-07-14T15:30:18.142265Z", "2019-10-22T12:00:00.001Z"}) {
    CHECK(FormatTimestamp(*ParseTimestamp(text)) == text);
  }
}

TEST_CASE("64-bit integers as strings", "[io][values][int]") {
  CHECK(*ParseInt64("54321") == 54321);
  CHECK(*ParseInt64("-1101") == -1101);
  CHECK(*ParseInt64("9223372036854775807") == INT64_MAX);
  CHECK(*ParseUint64("18446744073709551615") == UINT64_MAX);
  for (const char* bad : {"", "-", "+1", " 1", "1 ", "0x10", "1.0", "9223372036854775808"}) {
    INFO(bad);
    CHECK_FALSE(ParseInt64(bad).ok());
  }
  CHECK_FALSE(ParseUint64("-1").ok());
  CHECK_FALSE(ParseUint64("18446744073709551616").ok());
}

TEST_CASE("camelCase keys normalise to snake_case", "[io][values][names]") {
  CHECK(NormalizeFieldName("eventTimestamp") == "event_timestamp");
  CHECK(NormalizeFieldName("event_timestamp") == "event_timestamp");
  CHECK(NormalizeFieldName("securityResult") == "security_result");
  CHECK(NormalizeFieldName("ipProtocol") == "ip_protocol");
  CHECK(NormalizeFieldName("hostname") == "hostname");
  CHECK(NormalizeFieldName("sha256") == "sha256");
}

TEST_CASE("FieldNameIndex finds fields by proto or JSON name", "[io][values][names]") {
  const UdmSchema& schema = UdmSchema::Get();
  const FieldNameIndex& index = FieldNameIndex::Default();
  const MessageInfo& metadata = *schema.FindMessage("Metadata");
  for (const char* key : {"eventTimestamp", "event_timestamp"}) {
    const FieldInfo* f = index.Find(metadata, key);
    REQUIRE(f != nullptr);
    CHECK(f->name == "event_timestamp");
    CHECK(f->type == FieldType::kTimestamp);
  }
  const MessageInfo& udm = *schema.FindMessage("UDM");
  REQUIRE(index.Find(udm, "securityResult") != nullptr);
  CHECK(index.Find(udm, "securityResult")->repeated);
  CHECK(index.Find(udm, "principal")->name == "principal");
  CHECK(index.Find(udm, "Principal") == nullptr);
  CHECK(index.Find(udm, "no_such_field") == nullptr);
  // The one name the mechanical mapping cannot invert.
  const MessageInfo& risk = *schema.FindMessage("EntityRisk");
  const FieldInfo* irregular = index.Find(risk, "DEPRECATEDRiskScore");
  REQUIRE(irregular != nullptr);
  CHECK(irregular->name == "DEPRECATED_risk_score");
  // Every JSON name in the schema resolves to its own field.
  for (const MessageInfo& m : schema.messages()) {
    for (const FieldInfo& f : m.fields) {
      CHECK(index.Find(m, f.name) == &f);
      if (!f.json_name.empty()) CHECK(index.Find(m, f.json_name) == &f);
    }
  }
}

TEST_CASE("enum values by name or number", "[io][values][enum]") {
  const UdmSchema& schema = UdmSchema::Get();
  const EnumInfo& event_type = *schema.FindEnum("Metadata.EventType");
  REQUIRE(ResolveEnum(event_type, "NETWORK_CONNECTION") != nullptr);
  CHECK(ResolveEnum(event_type, "NETWORK_CONNECTION")->number == 16002);
  REQUIRE(ResolveEnum(event_type, "16002") != nullptr);
  CHECK(ResolveEnum(event_type, "16002")->name == "NETWORK_CONNECTION");
  CHECK(ResolveEnumNumber(event_type, 0)->name == "EVENTTYPE_UNSPECIFIED");
  CHECK(ResolveEnum(event_type, "network_connection") == nullptr);
  CHECK(ResolveEnum(event_type, "99999999") == nullptr);
  CHECK(ResolveEnum(event_type, "") == nullptr);
  // Aliases: the first value that is not deprecated.
  CHECK(ResolveEnumNumber(*schema.FindEnum("UsnJournal.Attribute"), 14)->name ==
        "NOT_CONTENT_INDEXED");
  CHECK(ResolveEnumNumber(*schema.FindEnum("Collection.CollectionType"), 2)->name ==
        "GCTI_FINDING");
  // A docs-only enum: names known, numbers not.
  const EnumInfo& family = *schema.FindEnum("UserAgentProto.Family");
  CHECK(ResolveEnum(family, "MSIE") != nullptr);
  CHECK(ResolveEnum(family, "1") == nullptr);
}

}  // namespace
}  // namespace yaral

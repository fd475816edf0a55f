// Loading the UDM schema (lib/schema/schema_loader.cc), lookups and enum
// values (lib/schema/schema.cc), and the research expansion cross-check.
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include <catch2/catch.hpp>

#include "yaral/schema.h"

namespace {

using yaral::FieldType;
using yaral::PathRoot;
using yaral::UdmSchema;

namespace fs = std::filesystem;

}  // namespace

TEST_CASE("schema loads the compiled-in data", "[schema][load]") {
  const UdmSchema& schema = UdmSchema::Get();
  CHECK(&schema == &UdmSchema::Get());  // one instance
  CHECK(schema.messages().size() == 141);
  CHECK(schema.enums().size() == 80);
  CHECK(schema.RootMessage(PathRoot::kUdm).name == "UDM");
  CHECK(schema.RootMessage(PathRoot::kGraph).name == "Entity");
  CHECK(schema.RootMessage(PathRoot::kDetection).name == "Collection");

  const yaral::MessageInfo* noun = schema.FindMessage("Noun");
  REQUIRE(noun != nullptr);
  const yaral::FieldInfo* ip = noun->FindField("ip");
  REQUIRE(ip != nullptr);
  CHECK(ip->type == FieldType::kString);
  CHECK(ip->repeated);
  CHECK_FALSE(ip->deprecated);
  CHECK(noun->FindField("nope") == nullptr);

  const yaral::FieldInfo* security_result = schema.RootMessage(PathRoot::kUdm).FindField("security_result");
  REQUIRE(security_result != nullptr);
  CHECK(security_result->json_name == "securityResult");
  CHECK(security_result->message == schema.FindMessage("SecurityResult"));
  CHECK(schema.FindMessage("SecurityResult.Association") != nullptr);
  CHECK(schema.FindMessage("google.type.Interval") != nullptr);
  CHECK(schema.FindMessage("Nope") == nullptr);
}

TEST_CASE("schema field types, flags and links", "[schema][load]") {
  const UdmSchema& schema = UdmSchema::Get();
  const yaral::MessageInfo& udm = schema.RootMessage(PathRoot::kUdm);
  const yaral::FieldInfo* additional = udm.FindField("additional");
  REQUIRE(additional != nullptr);
  CHECK(additional->type == FieldType::kMap);
  CHECK(additional->message == nullptr);  // a Struct

  const yaral::FieldInfo* variables = schema.FindMessage("SecurityResult")->FindField("variables");
  REQUIRE(variables != nullptr);
  CHECK(variables->type == FieldType::kMap);
  CHECK(variables->message == schema.FindMessage("FindingVariable"));

  const yaral::FieldInfo* labels = schema.FindMessage("Noun")->FindField("labels");
  REQUIRE(labels != nullptr);
  CHECK(labels->deprecated);
  CHECK(labels->IsLabelList());
  CHECK_FALSE(schema.FindMessage("Noun")->FindField("ip")->IsLabelList());
  CHECK_FALSE(schema.FindMessage("Noun")->FindField("user")->IsLabelList());

  const yaral::FieldInfo* event_type = schema.FindMessage("Metadata")->FindField("event_type");
  REQUIRE(event_type != nullptr);
  CHECK(event_type->type == FieldType::kEnum);
  CHECK(event_type->enum_type == schema.FindEnum("Metadata.EventType"));
  CHECK(schema.FindMessage("Metadata")->FindField("event_timestamp")->type == FieldType::kTimestamp);
  CHECK(schema.FindMessage("Network")->FindField("session_duration")->type == FieldType::kDuration);

  CHECK(yaral::FieldTypeName(FieldType::kUint) == "uint");
  CHECK(yaral::PathRootName(PathRoot::kDetection) == "detection");
}

TEST_CASE("schema enum values", "[schema][enum]") {
  const UdmSchema& schema = UdmSchema::Get();
  const yaral::EnumValue* connection = schema.FindEnumValue("Metadata.EventType", "NETWORK_CONNECTION");
  REQUIRE(connection != nullptr);
  CHECK(connection->number == 16002);
  CHECK_FALSE(connection->deprecated);
  CHECK(schema.FindEnumValue("Metadata.EventType", "USER_LOGIN")->number == 15001);
  CHECK(schema.FindEnumValue("Metadata.EventType", "EVENTTYPE_UNSPECIFIED")->number == 0);

  CHECK(schema.FindEnumValue("Metadata.EventType", "LOGIN") == nullptr);
  CHECK(schema.SuggestEnumValues("Metadata.EventType", "LOGIN") ==
        std::vector<std::string_view>{"USER_LOGIN"});
  // Exact case only: nocase is not allowed on enums, so `tcp` is an error
  // whose fix is `TCP`.
  CHECK(schema.FindEnumValue("Network.IpProtocol", "tcp") == nullptr);
  REQUIRE_FALSE(schema.SuggestEnumValues("Network.IpProtocol", "tcp").empty());
  CHECK(schema.SuggestEnumValues("Network.IpProtocol", "tcp").front() == "TCP");
  CHECK(schema.SuggestEnumValues("Metadata.EventType", "PROCESS_LAUNCHED").front() == "PROCESS_LAUNCH");
  CHECK(schema.SuggestEnumValues("Metadata.EventType", "QQQQQQQQQQQQQQQQ").empty());
  CHECK(schema.SuggestEnumValues("No.Such.Enum", "X").empty());
  CHECK(schema.FindEnumValue("No.Such.Enum", "X") == nullptr);

  CHECK(schema.FindEnumValue("Metadata.EventType", "USER_STATS")->deprecated);
  CHECK(schema.FindEnumValue("Noun.Platform", "GCP")->deprecated);
  CHECK(schema.FindEnumValue("SecurityResult.Action", "BLOCK")->number == 2);
  CHECK(schema.FindEnumValue("Network.Direction", "OUTBOUND")->number == 2);

  // allow_alias: two names, one number.
  CHECK(schema.FindEnumValue("Collection.CollectionType", "GCTI_FINDING")->number == 2);
  CHECK(schema.FindEnumValue("Collection.CollectionType", "UPPERCASE_ALERT")->number == 2);

  // Docs-only values have no published number; docs-only enums no values.
  const yaral::EnumValue* family = schema.FindEnumValue("UserAgentProto.Family", "USER_DEFINED");
  REQUIRE(family != nullptr);
  CHECK_FALSE(family->number.has_value());
  const yaral::EnumInfo* os_type = schema.FindEnum("UserAgentProto.OSType");
  REQUIRE(os_type != nullptr);
  CHECK_FALSE(os_type->values_known());
  CHECK(schema.FindEnum("Metadata.EventType")->values.size() == 105);
}

TEST_CASE("schema FromText parses the data-file format", "[schema][load]") {
  const std::string text =
      "# comment\n"
      "message\tUDM\n"
      "\tmetadata\tMetadata\n"
      "\tip\tstring\tr\n"
      "message\tMetadata\n"
      "\tevent_type\tenum:Metadata.EventType\t\teventType\n"
      "\told\tint\td\n"
      "message\tEntity\n"
      "\tadditional\tstruct\n"
      "message\tCollection\n"
      "\tvars\tmap:Metadata\n"
      "enum\tMetadata.EventType\n"
      "\tUNSPECIFIED\t0\n"
      "\tGONE\t1\td\n"
      "\tDOCS_ONLY\n";
  absl::StatusOr<std::unique_ptr<UdmSchema>> loaded = UdmSchema::FromText(text);
  REQUIRE(loaded.ok());
  const UdmSchema& schema = **loaded;
  CHECK(schema.messages().size() == 4);
  const yaral::FieldInfo* event_type = schema.FindMessage("Metadata")->FindField("event_type");
  CHECK(event_type->json_name == "eventType");
  CHECK(schema.FindMessage("Metadata")->FindField("old")->deprecated);
  CHECK(schema.FindMessage("UDM")->FindField("ip")->json_name == "ip");
  CHECK(schema.FindEnumValue("Metadata.EventType", "GONE")->deprecated);
  CHECK_FALSE(schema.FindEnumValue("Metadata.EventType", "DOCS_ONLY")->number.has_value());

  yaral::PathResult path = schema.ResolvePath("metadata.event_type");
  REQUIRE(path.ok());
  CHECK(path.path->enum_type->values.size() == 3);
  yaral::PathResult map = schema.ResolvePath("detection.vars[\"k\"].old");
  REQUIRE(map.ok());
  CHECK(map.path->type == FieldType::kInt);
}

TEST_CASE("schema FromText rejects malformed data with the line number", "[schema][load]") {
  const std::string roots = "message\tUDM\n\tx\tstring\nmessage\tEntity\nmessage\tCollection\n";
  struct Bad {
    std::string text;
    std::string_view expected;
  };
  const Bad cases[] = {
      {"\tx\tstring\n" + roots, "line 1"},
      {roots + "message\tM\n\tf\tNope\n", "line 6: unknown type `Nope`"},
      {roots + "message\tM\n\tf\tenum:Nope\n", "unknown enum `Nope`"},
      {roots + "message\tM\n\tf\tstring\n\tf\tint\n", "duplicate field `f`"},
      {roots + "message\tM\n\tf\tstring\tx\n", "unknown field flag `x`"},
      {roots + "message\tM\n\tf\n", "line 6"},
      {roots + "enum\tE\n\tA\t1\n\tA\t2\n", "duplicate value `A`"},
      {roots + "enum\tE\n\tA\tone\n", "bad enum number `one`"},
      {roots + "message\tUDM\n", "duplicate message UDM"},
      {roots + "message\n", "exactly one name"},
      {"message\tUDM\nmessage\tEntity\n", "no `Collection` message"},
      {roots + "garbage\n", "line 5"},
  };
  for (const Bad& c : cases) {
    INFO(c.text);
    absl::StatusOr<std::unique_ptr<UdmSchema>> loaded = UdmSchema::FromText(c.text);
    REQUIRE_FALSE(loaded.ok());
    CHECK(loaded.status().code() == absl::StatusCode::kInvalidArgument);
    CHECK(std::string(loaded.status().message()).find(c.expected) != std::string::npos);
  }
}

namespace {

// The research expansion (../shared/udm/udm_schema.tsv) writes a type as
// `string`, `enum:X`, `message`, `map`...; ours must agree on every path.
std::string TypeToken(const yaral::ResolvedPath& path) {
  if (path.type == FieldType::kEnum) return "enum:" + std::string(path.enum_type->name);
  return std::string(yaral::FieldTypeName(path.type));
}

}  // namespace

TEST_CASE("schema agrees with every path of the research expansion", "[schema][conformance]") {
  fs::path file = fs::path(YARAL_SHARED_DIR) / "udm" / "udm_schema.tsv";
  if (!fs::is_regular_file(file)) {
    WARN("SKIP: no research expansion at " << file << " (set YARAL_SHARED_DIR)");
    return;
  }
  std::ifstream in(file);
  std::string line;
  std::getline(in, line);  // header
  const UdmSchema& schema = UdmSchema::Get();
  size_t rows = 0, mismatches = 0;
  std::ostringstream report;
  while (std::getline(in, line)) {
    std::vector<std::string> columns;
    std::stringstream fields(line);
    std::string field;
    while (std::getline(fields, field, '\t')) columns.push_back(field);
    if (columns.size() < 10) continue;
    ++rows;
    const std::string& path_text = columns[0];
    yaral::PathResult result = schema.ResolvePath(path_text);
    std::string problem;
    if (!result.ok()) {
      problem = result.error->message;
    } else {
      const yaral::ResolvedPath& path = *result.path;
      bool in_repeated = path.repeated_levels - (path.leaf_repeated ? 1 : 0) > 0;
      if (TypeToken(path) != columns[1]) problem = "type " + TypeToken(path) + " != " + columns[1];
      if (path.leaf_repeated != (columns[2] == "1")) problem += " repeated differs";
      if (path.steps.back().deprecated != (columns[7] == "1")) problem += " deprecated differs";
      if (in_repeated != (columns[9] == "1")) problem += " in_repeated differs";
    }
    if (!problem.empty() && ++mismatches <= 20) report << path_text << ": " << problem << "\n";
  }
  INFO(report.str());
  CHECK(rows > 50000);
  CHECK(mismatches == 0);
}

// The mapping data file (data/raw/udm_mappings.tsv): every row is valid
// against the UDM schema, the events the issue names are all mapped, and
// mapping keeps every field.
#include "raw/udm_mapping.h"

#include <set>

#include "catch2/catch.hpp"
#include "nlohmann/json.hpp"
#include "yaral/schema.h"

namespace yaral::raw {
namespace {

TEST_CASE("every row of udm_mappings.tsv resolves in the UDM schema", "[raw][mapping]") {
  absl::StatusOr<std::vector<MappingRow>> rows = ParseMappings(EmbeddedMappingText(), UdmSchema::Get());
  INFO((rows.ok() ? std::string("ok") : std::string(rows.status().message())));
  REQUIRE(rows.ok());
  CHECK(rows->size() == UdmMapper::Get().rows().size());
  for (const MappingRow& row : *rows) {
    INFO("line " << row.line << ": " << row.udm_path);
    CHECK(UdmSchema::Get().ResolvePath(std::string_view(row.udm_path)).ok());
  }
}

TEST_CASE("the mapping covers the events the issue names", "[raw][mapping]") {
  std::set<std::pair<std::string, std::string>> typed;
  for (const MappingRow& row : UdmMapper::Get().rows()) {
    if (row.udm_path == "metadata.event_type") typed.insert({row.source, row.event_id});
  }
  for (const char* id : {"1", "3", "5", "7", "8", "10", "11", "12", "13", "14", "15", "17", "18",
                         "22", "23", "26"}) {
    CHECK(typed.count({"sysmon", id}) == 1);
  }
  for (const char* id : {"4624", "4625", "4634", "4648", "4672", "4688", "4697", "4698", "4720", "4732"}) {
    CHECK(typed.count({"security", id}) == 1);
  }
  CHECK(typed.count({"powershell", "4103"}) == 1);
  CHECK(typed.count({"powershell", "4104"}) == 1);
  for (const char* id : {"execve", "connect", "accept", "open", "openat", "unlink", "unlinkat", "USER_LOGIN"}) {
    CHECK(typed.count({"auditd", id}) == 1);
  }
}

TEST_CASE("bad rows are rejected with their line", "[raw][mapping]") {
  const UdmSchema& schema = UdmSchema::Get();
  auto error = [&](std::string_view text) {
    absl::StatusOr<std::vector<MappingRow>> rows = ParseMappings(text, schema);
    return rows.ok() ? std::string() : std::string(rows.status().message());
  };
  CHECK(error("sysmon\t1\tImage\tprincipal.proces.file.full_path\tcopy\n").find("udm_mappings.tsv:1:") == 0);
  CHECK(error("# c\nsysmon\t1\tImage\tprincipal.hostname\tsquash\n").find(":2: unknown conversion") != std::string::npos);
  CHECK(error("sysmon\t1\t-\tmetadata.event_type\tconst:PROCESS_LAUNCHED\n").find("not a value") != std::string::npos);
  CHECK(error("sysmon\t1\tImage\tprincipal.hostname\n").find("expected 5") != std::string::npos);
  CHECK(error("sysmon\t1\tImage\tprincipal.hostname\tcopy\n").empty());
}

TEST_CASE("a record without rows becomes GENERIC_EVENT and keeps every field", "[raw][mapping]") {
  SourceRecord record;
  record.source = "windows";
  record.event_id = "7036";
  record.timestamp = "2026-03-02T10:00:00.5Z";
  record.Add("System.Provider.Name", "Service Control Manager");
  record.Add("System.EventID", "7036");
  record.Add("System.Computer", "ws-01");
  record.Add("param1", "Windows Update");
  const nlohmann::json event = nlohmann::json::parse(UdmMapper::Get().Map(record));
  CHECK(event["metadata"]["event_type"] == "GENERIC_EVENT");
  CHECK(event["metadata"]["product_event_type"] == "7036");
  CHECK(event["metadata"]["vendor_name"] == "Microsoft");
  CHECK(event["metadata"]["product_name"] == "Service Control Manager");
  CHECK(event["metadata"]["log_type"] == "WINEVTLOG");
  CHECK(event["metadata"]["event_timestamp"] == "2026-03-02T10:00:00.5Z");
  CHECK(event["principal"]["hostname"] == "ws-01");
  CHECK(event["additional"]["param1"] == "Windows Update");
}

TEST_CASE("Sysmon 3 maps the connection tuple, direction and hashes stay", "[raw][mapping]") {
  SourceRecord record;
  record.source = "sysmon";
  record.event_id = "3";
  record.timestamp = "2026-03-02T10:15:03.512Z";
  record.Add("System.EventID", "3");
  record.Add("System.Computer", "ws-fin-07");
  record.Add("Image", "C:\\x.exe");
  record.Add("ProcessGuid", "{abc}");
  record.Add("ProcessId", "7412");
  record.Add("Protocol", "tcp");
  record.Add("Initiated", "true");
  record.Add("DestinationIp", "127.0.0.1");
  record.Add("DestinationPort", "25");
  record.Add("DestinationPortName", "-");
  const nlohmann::json event = nlohmann::json::parse(UdmMapper::Get().Map(record));
  CHECK(event["metadata"]["event_type"] == "NETWORK_CONNECTION");
  CHECK(event["principal"]["process"]["pid"] == "7412");  // Process.pid is a string in UDM
  CHECK(event["principal"]["process"]["product_specific_process_id"] == "SYSMON:{abc}");
  CHECK(event["network"]["ip_protocol"] == "TCP");
  CHECK(event["network"]["direction"] == "OUTBOUND");
  CHECK(event["target"]["ip"] == nlohmann::json::array({"127.0.0.1"}));
  CHECK(event["target"]["port"] == 25);
  CHECK_FALSE(event.contains("additional"));  // "-" is no value
}

TEST_CASE("a value that does not fit its UDM field stays in additional", "[raw][mapping]") {
  SourceRecord record;
  record.source = "sysmon";
  record.event_id = "3";
  record.Add("DestinationPort", "smtp");
  const nlohmann::json event = nlohmann::json::parse(UdmMapper::Get().Map(record));
  CHECK_FALSE(event.contains("target"));
  CHECK(event["additional"]["DestinationPort"] == "smtp");
}

}  // namespace
}  // namespace yaral::raw

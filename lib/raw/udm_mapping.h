// yaral's mapping from source records to UDM events: the rows of
// data/raw/udm_mappings.tsv (compiled into the library), applied to a
// SourceRecord to give one UDM event as JSON. Private to lib/raw; the
// rows are documented in docs/raw-telemetry.md.
#ifndef YARAL_RAW_UDM_MAPPING_H_
#define YARAL_RAW_UDM_MAPPING_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "raw/source_record.h"
#include "yaral/schema.h"

namespace yaral::raw {

struct MappingRow {
  int line = 0;            // in the data file
  std::string source;      // "sysmon", "security", "auditd", ...
  std::string event_id;    // "1", "4624", "connect"; "*" for every event
  std::string field;       // source field name; "-" for a constant
  std::string udm_path;    // "principal.process.file.full_path"
  std::string conversion;  // "copy", "timestamp", "const:VALUE", ...
  ResolvedPath resolved;   // udm_path against the compiled schema
};

// The data file's text, as the build embedded it.
std::string EmbeddedMappingText();

// Parses and checks mapping rows: every UDM path must resolve in `schema`,
// every conversion be known, every constant of an enum field be one of its
// values. InvalidArgument names the first bad line.
absl::StatusOr<std::vector<MappingRow>> ParseMappings(std::string_view text, const UdmSchema& schema);

class UdmMapper {
 public:
  // The compiled-in rows (checked once; a bad data file is a build bug).
  static const UdmMapper& Get();
  explicit UdmMapper(std::vector<MappingRow> rows);

  // The UDM event for `record`, as JSON text (metadata first).
  std::string Map(const SourceRecord& record) const;

  const std::vector<MappingRow>& rows() const { return rows_; }

 private:
  std::vector<MappingRow> rows_;
};

}  // namespace yaral::raw

#endif  // YARAL_RAW_UDM_MAPPING_H_

#include "raw/udm_mapping.h"

#include <algorithm>
#include <cctype>
#include <map>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "nlohmann/json.hpp"

namespace yaral::raw {
namespace {

using Json = nlohmann::ordered_json;

constexpr std::string_view kConversions[] = {
    "copy", "timestamp", "direction", "upper", "hex_int", "logon_type", "hashes", "registry_event", "result", "const:",
    "prefix:"};

bool KnownConversion(std::string_view conversion) {
  return std::any_of(std::begin(kConversions), std::end(kConversions), [&](std::string_view c) {
    return c.back() == ':' ? conversion.starts_with(c) : conversion == c;
  });
}

// Security events' LogonType to UDM's Authentication.Mechanism.
std::string LogonMechanism(std::string_view type) {
  static const std::map<std::string_view, std::string_view> kTypes = {
      {"2", "INTERACTIVE"}, {"3", "NETWORK"}, {"4", "BATCH"}, {"5", "SERVICE"},
      {"7", "UNLOCK"}, {"8", "NETWORK_CLEAR_TEXT"}, {"9", "NEW_CREDENTIALS"},
      {"10", "REMOTE_INTERACTIVE"}, {"11", "CACHED_INTERACTIVE"}};
  auto it = kTypes.find(type);
  return it == kTypes.end() ? std::string("MECHANISM_OTHER") : std::string(it->second);
}

// Sysmon's UtcTime "2026-03-02 10:15:03.512" (and RFC 3339 as is).
std::string Rfc3339(std::string_view time) {
  std::string out(time);
  if (out.size() > 10 && out[10] == ' ') out[10] = 'T';
  if (!out.empty() && out.back() != 'Z' && out.find('+', 10) == std::string::npos) out += 'Z';
  return out;
}

// A value that means "none" in Windows and audit records.
bool IsEmptyValue(std::string_view value) {
  return value.empty() || value == "-" || value == "?" || value == "(null)";
}

const std::string* FindField(const SourceRecord& record, std::string_view name, size_t& index) {
  for (size_t i = 0; i < record.fields.size(); ++i) {
    if (record.fields[i].first == name) {
      index = i;
      return &record.fields[i].second;
    }
  }
  return nullptr;
}

// Writes one value at the row's path; false (nothing written) when the value
// does not fit the field's type, so the caller keeps it in additional.
bool SetValue(Json& root, const MappingRow& row, const std::string& value) {
  const ResolvedPath& path = row.resolved;
  Json leaf;
  switch (path.type) {
    case FieldType::kInt: {
      int64_t n = 0;
      if (!absl::SimpleAtoi(value, &n)) return false;
      leaf = n;
      break;
    }
    case FieldType::kUint: {
      uint64_t n = 0;
      if (!absl::SimpleAtoi(value, &n)) return false;
      leaf = n;
      break;
    }
    case FieldType::kBool:
      if (value != "true" && value != "false") return false;
      leaf = value == "true";
      break;
    case FieldType::kEnum:
      if (path.enum_type != nullptr && path.enum_type->values_known() &&
          path.enum_type->FindValue(value) == nullptr) {
        return false;
      }
      leaf = value;
      break;
    default:
      leaf = value;
  }
  // The parents only once the value fits: a value that does not must leave
  // no empty objects behind.
  Json* node = &root;
  for (size_t i = 0; i + 1 < path.steps.size(); ++i) {
    node = &(*node)[std::string(path.steps[i].name)];
    if (path.steps[i].repeated) {
      if (!node->is_array()) *node = Json::array({Json::object()});
      node = &(*node)[0];
    }
  }
  Json& slot = (*node)[std::string(path.steps.back().name)];
  if (path.leaf_repeated) {
    if (!slot.is_array()) slot = Json::array();
    slot.push_back(std::move(leaf));
  } else {
    slot = std::move(leaf);
  }
  return true;
}

// The value a row writes, from the record's value; empty for none.
std::string Convert(std::string_view conversion, const std::string& value) {
  if (conversion == "copy") return value;
  if (conversion == "timestamp") return Rfc3339(value);
  if (conversion == "direction") {
    if (value == "true") return "OUTBOUND";
    if (value == "false") return "INBOUND";
    return "";
  }
  if (conversion == "upper") {
    std::string out = value;
    for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return out;
  }
  if (conversion == "hex_int") {
    uint64_t n = 0;
    std::string_view digits = value;
    if (digits.starts_with("0x") || digits.starts_with("0X")) digits.remove_prefix(2);
    if (!absl::SimpleHexAtoi(Av(digits), &n)) return "";
    return absl::StrCat(n);
  }
  if (conversion == "logon_type") return LogonMechanism(value);
  if (conversion == "registry_event") {
    // Sysmon 12/13/14's EventType.
    if (value == "CreateKey") return "REGISTRY_CREATION";
    if (value == "DeleteKey" || value == "DeleteValue") return "REGISTRY_DELETION";
    if (value == "SetValue" || value == "RenameKey") return "REGISTRY_MODIFICATION";
    return "REGISTRY_UNCATEGORIZED";
  }
  if (conversion == "result") {
    // auditd's res= / success=.
    if (value == "success" || value == "yes") return "ALLOW";
    if (value == "failed" || value == "no") return "BLOCK";
    return "";
  }
  if (conversion.starts_with("prefix:")) return absl::StrCat(Av(conversion.substr(7)), value);
  return value;
}

}  // namespace

absl::StatusOr<std::vector<MappingRow>> ParseMappings(std::string_view text, const UdmSchema& schema) {
  std::vector<MappingRow> rows;
  int line_number = 0;
  for (absl::string_view piece : absl::StrSplit(Av(text), '\n')) {
    std::string_view line(piece.data(), piece.size());
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line.front() == '#') continue;
    std::vector<std::string> cells = absl::StrSplit(Av(line), '\t');
    auto bad = [&](std::string_view why) {
      return absl::InvalidArgumentError(absl::StrCat("udm_mappings.tsv:", line_number, ": ", Av(why)));
    };
    if (cells.size() != 5) return bad(absl::StrCat("expected 5 tab-separated cells, found ", cells.size()));
    if (cells[0] == "source" && cells[1] == "event_id") continue;  // the header
    MappingRow row{line_number, cells[0], cells[1], cells[2], cells[3], cells[4], {}};
    if (!KnownConversion(row.conversion)) return bad(absl::StrCat("unknown conversion `", row.conversion, "`"));
    if ((row.field == "-") != row.conversion.starts_with("const:")) {
      return bad("a constant (const:VALUE) has `-` as its source field, and only a constant does");
    }
    PathResult resolved = schema.ResolvePath(std::string_view(row.udm_path));
    if (!resolved.ok()) {
      return bad(absl::StrCat("`", row.udm_path, "` is not a UDM path: ", resolved.error->message));
    }
    row.resolved = *std::move(resolved.path);
    const bool hashes = row.conversion == "hashes";
    if (hashes != (row.resolved.type == FieldType::kMessage)) {
      return bad(hashes ? "hashes writes below a message (a File), not a leaf field"
                        : "the path ends at a message, not a field");
    }
    if (row.conversion.starts_with("const:") && row.resolved.type == FieldType::kEnum &&
        row.resolved.enum_type != nullptr && row.resolved.enum_type->values_known() &&
        row.resolved.enum_type->FindValue(row.conversion.substr(6)) == nullptr) {
      return bad(absl::StrCat("`", row.conversion.substr(6), "` is not a value of ",
                              Av(row.resolved.enum_type->name)));
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

const UdmMapper& UdmMapper::Get() {
  static const UdmMapper* mapper = [] {
    absl::StatusOr<std::vector<MappingRow>> rows = ParseMappings(EmbeddedMappingText(), UdmSchema::Get());
    // The file is checked by the mapping test; a bad row here is a build bug.
    return new UdmMapper(rows.ok() ? *std::move(rows) : std::vector<MappingRow>{});
  }();
  return *mapper;
}

UdmMapper::UdmMapper(std::vector<MappingRow> rows) : rows_(std::move(rows)) {}

std::string UdmMapper::Map(const SourceRecord& record) const {
  // Sysmon for Linux logs the same event ids and fields as Sysmon: its event
  // rows are Sysmon's; only its `*` rows (vendor, product, log type) differ.
  // (Both arms string_view: `? "sysmon" : record.source` would make a
  // temporary std::string and leave the view dangling.)
  const std::string_view event_source =
      record.source == "sysmon-linux" ? std::string_view("sysmon") : std::string_view(record.source);
  Json event = Json::object();
  event["metadata"] = Json::object();
  std::vector<bool> used(record.fields.size(), false);
  bool mapped = false;
  for (const MappingRow& row : rows_) {
    const bool common = row.event_id == "*" && row.source == record.source;
    const bool specific = row.event_id == record.event_id && row.source == event_source;
    if (!common && !specific) continue;
    mapped = mapped || specific;
    if (row.field == "-") {
      SetValue(event, row, row.conversion.substr(6));
      continue;
    }
    size_t index = 0;
    const std::string* value = FindField(record, row.field, index);
    if (value == nullptr || IsEmptyValue(*value)) {
      if (value != nullptr) used[index] = true;  // an empty value carries nothing
      continue;
    }
    if (row.conversion == "hashes") {
      // "SHA1=..,MD5=..,SHA256=..,IMPHASH=..": each known hash to its field
      // of the File; the text stays in additional (IMPHASH has no field).
      for (absl::string_view piece : absl::StrSplit(*value, ',')) {
        const std::string_view pair(piece.data(), piece.size());
        const size_t eq = pair.find('=');
        if (eq == std::string_view::npos) continue;
        std::string name(pair.substr(0, eq));
        for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        if (name != "md5" && name != "sha1" && name != "sha256") continue;
        MappingRow leaf = row;
        PathResult resolved = UdmSchema::Get().ResolvePath(std::string_view(row.udm_path + "." + name));
        if (!resolved.ok()) continue;
        leaf.resolved = *resolved.path;
        SetValue(event, leaf, std::string(pair.substr(eq + 1)));
      }
      continue;
    }
    const std::string converted = Convert(row.conversion, *value);
    if (!converted.empty() && SetValue(event, row, converted)) used[index] = true;
  }
  Json& metadata = event["metadata"];
  if (!mapped || !metadata.contains("event_type")) metadata["event_type"] = "GENERIC_EVENT";
  if (!record.timestamp.empty() && !metadata.contains("event_timestamp")) {
    metadata["event_timestamp"] = Rfc3339(record.timestamp);
  }
  if (!metadata.contains("product_event_type")) metadata["product_event_type"] = record.event_id;
  // Whatever no row took stays with the event, by its source name.
  Json additional = Json::object();
  for (size_t i = 0; i < record.fields.size(); ++i) {
    if (used[i] || IsEmptyValue(record.fields[i].second)) continue;
    Json& slot = additional[record.fields[i].first];
    if (slot.is_null()) {
      slot = record.fields[i].second;
    } else {
      // A name seen twice (several PATH records): the values in order.
      if (!slot.is_array()) slot = Json::array({slot});
      slot.push_back(record.fields[i].second);
    }
  }
  if (!additional.empty()) event["additional"] = std::move(additional);
  return event.dump(-1, ' ', false, Json::error_handler_t::replace);
}

}  // namespace yaral::raw

// The UDM schema: the message graph behind YARA-L field paths.
//
// A rule reads fields of three record kinds, picked by the first segment of
// the path after the variable (spec §3.1):
//
//   $e.principal.hostname, $e.udm.principal.hostname  UDM event          (message UDM)
//   $g.graph.entity.hostname                          entity-graph record (Entity)
//   $d.detection.detection.rule_name                  detection           (Collection)
//
// The schema knows every message, field and enum those records hold, taken
// from Google's published protos (`backstory/*.proto`) and compiled into the
// library, so nothing is read from disk at run time. `docs/udm-schema.md`
// says where the data comes from, how to regenerate it and how paths resolve.
//
//   const yaral::UdmSchema& schema = yaral::UdmSchema::Get();
//   yaral::PathResult r = schema.ResolvePath(field_path);  // an ast::FieldPath
//   if (!r.ok()) {
//     // r.error->message: "no field `hostnme` in `principal` (Noun)"
//     // r.error->suggestions: {"hostname"}
//   } else if (r.path->type == yaral::FieldType::kEnum) {
//     const yaral::EnumValue* v =
//         r.path->enum_type->FindValue("NETWORK_CONNECTION");  // number 16002
//   }
//
// Errors: a path or enum value that does not exist is a rule mistake, so it
// comes back as data (PathError, a null EnumValue) for the checker to turn
// into a diagnostic; nothing here throws. `FromText` returns a Status because
// a malformed data file means the operation could not run.
//
// Thread-safety: a UdmSchema is immutable. `Get()` builds the compiled-in
// schema once, on first use (thread-safe), and never destroys it, so the
// references and string_views it hands out stay valid for the whole process
// and may be shared between threads freely.
#ifndef YARAL_SCHEMA_H_
#define YARAL_SCHEMA_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "yaral/ast.h"

namespace yaral {

namespace schema {
struct SchemaData;  // lib/schema/schema_data.h
}  // namespace schema

// The type of a value a path reads. Proto integer widths collapse to kInt
// (signed) and kUint (unsigned) because YARA-L only distinguishes those
// (spec §3.3); float and double are kFloat.
enum class FieldType {
  kString,
  kInt,
  kUint,
  kFloat,
  kBool,
  kBytes,
  kEnum,       // compared with value-name strings; see EnumInfo
  kTimestamp,  // google.protobuf.Timestamp; `.seconds` / `.nanos` are kInt
  kDuration,   // google.protobuf.Duration; `.seconds` / `.nanos` are kInt
  kMap,        // google.protobuf.Struct, its `fields`, or a proto map
  kMessage,
};

// "string", "int", "uint", "float", "bool", "bytes", "enum", "timestamp",
// "duration", "map", "message".
std::string_view FieldTypeName(FieldType type);

struct EnumValue {
  std::string_view name;  // "NETWORK_CONNECTION"
  // Unset for the few values known only from Google's REST docs, which do not
  // publish numbers (UserAgentProto.Family).
  std::optional<int64_t> number;
  bool deprecated = false;
};

struct EnumInfo {
  std::string_view name;          // package-relative: "Metadata.EventType"
  std::vector<EnumValue> values;  // declaration order; aliases share a number
  // False for the docs-only enums whose values are unpublished: any value
  // name must then be accepted.
  bool values_known() const { return !values.empty(); }
  const EnumValue* FindValue(std::string_view value_name) const;  // exact case
};

struct MessageInfo;

struct FieldInfo {
  std::string_view name;       // the proto name, as rules write it
  std::string_view json_name;  // proto3 JSON name: "eventTimestamp"
  FieldType type = FieldType::kString;
  bool repeated = false;
  bool deprecated = false;
  // kMessage: the field's message. kMap: the value message of a proto map
  // (SecurityResult.variables -> FindingVariable); null for a Struct.
  const MessageInfo* message = nullptr;
  const EnumInfo* enum_type = nullptr;  // kEnum only

  // A repeated message with string `key` and `value` fields (Label): besides
  // `labels.key` / `labels[0].value` it reads as a map, `labels["k"]`, which
  // gives the first matching `value` (spec §4.10).
  bool IsLabelList() const;
};

struct MessageInfo {
  std::string_view name;  // package-relative: "Noun", "SecurityResult.Association"
  std::vector<FieldInfo> fields;  // declaration order
  const FieldInfo* FindField(std::string_view field_name) const;
};

// The record kind a path reads, from its first segment (spec §3.1).
enum class PathRoot {
  kUdm,        // UDM event: the default, or an explicit leading `udm`
  kGraph,      // `graph`: an entity-graph record (message Entity)
  kDetection,  // `detection`: a detection (message Collection)
};

std::string_view PathRootName(PathRoot root);  // "udm", "graph", "detection"

// One resolved segment of a path.
struct ResolvedStep {
  std::string_view name;
  // The message the name was looked up in. Null for the synthetic children
  // that are not proto fields: `seconds`/`nanos` of a Timestamp or Duration
  // and `fields` of a Struct.
  const MessageInfo* parent = nullptr;
  const FieldInfo* field = nullptr;  // null for the same synthetic children
  FieldType type = FieldType::kString;  // the value after this step's subscript
  bool repeated = false;  // the field is a proto repeated field
  bool indexed = false;   // `[N]` picks one element
  bool keyed = false;     // `["k"]` reads one entry of a map or Label list
  bool deprecated = false;
};

struct ResolvedPath {
  PathRoot root = PathRoot::kUdm;
  // Input segments taken by the root keyword (`udm`, `graph`, `detection`):
  // 0 or 1. steps[i] describes input segment i + root_segments.
  size_t root_segments = 0;
  std::vector<ResolvedStep> steps;

  FieldType type = FieldType::kString;  // of the leaf value
  const EnumInfo* enum_type = nullptr;  // type == kEnum
  const MessageInfo* message = nullptr;  // type == kMessage
  // The leaf is a `["key"]` read. It gives a string, except through a proto
  // map (`variables["k"]`), which gives the value message.
  bool map_access = false;
  // Repeated fields the path crosses, the leaf included. A Label list read by
  // key is a lookup, not a level: it yields one value.
  int repeated_levels = 0;
  int indexed_levels = 0;  // how many of those levels carry `[N]`
  // The leaf field itself is repeated and not indexed (`principal.ip`).
  bool leaf_repeated = false;
  bool deprecated = false;  // some step is a deprecated field

  // The value can differ between event copies (spec §4.9): some repeated
  // level is not indexed, so it unnests.
  bool is_repeated() const { return repeated_levels > indexed_levels; }
};

enum class PathErrorKind {
  kSyntax,        // text form only: not `name[.name]...` with `[N]`/`["k"]`
  kEmpty,         // no field after the root keyword (`$g.graph`)
  kUnknownField,  // the message has no such field
  kNotAMessage,   // a segment after a scalar, enum or map entry (`port.x`)
  kNotRepeated,   // `[N]` on a field that is not repeated
  kNotMap,        // `["k"]` on a field that is neither a map nor a Label list
  kMissingKey,    // a map entry named with `.` instead of `["k"]`
  kBadSubscript,  // several subscripts on one segment (`fields[0]["k"]`)
};

struct PathError {
  PathErrorKind kind = PathErrorKind::kUnknownField;
  size_t segment = 0;   // index of the failing input segment
  std::string message;  // one line, no trailing period
  // What to write instead, best first; may be empty. For kUnknownField these
  // are field names to replace the segment's name (by edit distance, JSON
  // camelCase spelling or shared words); otherwise a corrected spelling of
  // the segment in path syntax (`fields["k"]`).
  std::vector<std::string> suggestions;
};

struct [[nodiscard]] PathResult {
  std::optional<ResolvedPath> path;  // set on success
  std::optional<PathError> error;    // set on failure
  bool ok() const { return path.has_value(); }
};

class UdmSchema {
 public:
  // The schema compiled into the library (data/udm/udm_schema.tsv).
  static const UdmSchema& Get();

  // A schema from text in the data-file format (docs/udm-schema.md), for
  // tests and tools. InvalidArgument names the first bad line; the messages
  // UDM, Entity and Collection must be present.
  static absl::StatusOr<std::unique_ptr<UdmSchema>> FromText(std::string text);

  UdmSchema(const UdmSchema&) = delete;
  UdmSchema& operator=(const UdmSchema&) = delete;
  ~UdmSchema();

  std::span<const MessageInfo> messages() const;
  std::span<const EnumInfo> enums() const;
  const MessageInfo* FindMessage(std::string_view name) const;
  const EnumInfo* FindEnum(std::string_view name) const;
  const MessageInfo& RootMessage(PathRoot root) const;

  // Null when the enum or the value does not exist. Value names are exact
  // case: `nocase` is not allowed on enum comparisons (spec §3.3).
  const EnumValue* FindEnumValue(std::string_view enum_name,
                                 std::string_view value_name) const;
  // Closest value names for a misspelt one, best first (at most 3):
  // "LOGIN" -> {"USER_LOGIN"}, "tcp" -> {"TCP"}.
  std::vector<std::string_view> SuggestEnumValues(std::string_view enum_name,
                                                  std::string_view value_name) const;

  // Resolves the segments after the variable: `principal.ip[0]`,
  // `udm.additional.fields["k"]`, `graph.entity.hostname`,
  // `detection.detection.rule_labels["tactic"]`. Only the kind of each
  // subscript matters; index values are the checker's business.
  PathResult ResolvePath(std::span<const ast::PathSegment> segments) const;
  PathResult ResolvePath(const ast::FieldPath& path) const {
    return ResolvePath(std::span<const ast::PathSegment>(path.segments));
  }
  // The same for text such as `about[0].labels["k"]` (no `$variable.`
  // prefix): for tests, tools and documentation examples.
  PathResult ResolvePath(std::string_view text) const;

 private:
  explicit UdmSchema(std::unique_ptr<schema::SchemaData> data);
  std::unique_ptr<schema::SchemaData> data_;
};

}  // namespace yaral

#endif  // YARAL_SCHEMA_H_

// Path resolution against the compiled-in UDM schema (lib/schema/path_resolver.cc).
#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include <catch2/catch.hpp>

#include "yaral/ast.h"
#include "yaral/schema.h"

namespace {

using yaral::FieldType;
using yaral::PathErrorKind;
using yaral::PathRoot;
using yaral::UdmSchema;

struct PathCase {
  std::string_view path;
  FieldType type;
  std::string_view type_name;  // enum or message name; empty otherwise
  int repeated_levels;
  int indexed_levels;
  bool leaf_repeated;
  bool map_access;
  bool deprecated;
  PathRoot root = PathRoot::kUdm;
};

// clang-format off
const PathCase kPaths[] = {
    // path                                                type                  enum / message           rep idx leaf   map    depr
    {"metadata.event_type",                                FieldType::kEnum,     "Metadata.EventType",     0, 0, false, false, false},
    {"target.port",                                        FieldType::kInt,      "",                       0, 0, false, false, false},
    {"network.received_bytes",                             FieldType::kUint,     "",                       0, 0, false, false, false},
    {"network.sent_bytes",                                 FieldType::kUint,     "",                       0, 0, false, false, false},
    {"principal.hostname",                                 FieldType::kString,   "",                       0, 0, false, false, false},
    {"principal.ip",                                       FieldType::kString,   "",                       1, 0, true,  false, false},
    {"principal.ip[0]",                                    FieldType::kString,   "",                       1, 1, false, false, false},
    {"principal.process.parent_process.parent_process.file.full_path",
                                                           FieldType::kString,   "",                       0, 0, false, false, false},
    {"principal.process.parent_process",                   FieldType::kMessage,  "Process",                0, 0, false, false, false},
    {"about.labels[\"k\"]",                                FieldType::kString,   "",                       1, 0, false, true,  true},
    {"about[0].labels[0].value",                           FieldType::kString,   "",                       2, 2, false, false, true},
    {"principal.labels[\"k\"]",                            FieldType::kString,   "",                       0, 0, false, true,  true},
    {"additional.fields[\"k\"]",                           FieldType::kString,   "",                       0, 0, false, true,  false},
    {"additional",                                         FieldType::kMap,      "",                       0, 0, false, false, false},
    {"extracted.fields[\"k\"]",                            FieldType::kString,   "",                       0, 0, false, true,  false},
    {"metadata.ingestion_labels[\"k\"]",                   FieldType::kString,   "",                       0, 0, false, true,  false},
    {"metadata.ingestion_labels.key",                      FieldType::kString,   "",                       1, 0, false, false, false},
    {"target.resource.attribute.labels[\"role\"]",         FieldType::kString,   "",                       0, 0, false, true,  false},
    {"security_result.detection_fields[\"k\"]",            FieldType::kString,   "",                       1, 0, false, true,  false},
    {"security_result.variables[\"k\"].string_val",        FieldType::kString,   "",                       1, 0, false, false, false},
    {"security_result.variables[\"k\"]",                   FieldType::kMessage,  "FindingVariable",        1, 0, false, true,  false},
    {"metadata.event_timestamp",                           FieldType::kTimestamp, "",                      0, 0, false, false, false},
    {"metadata.event_timestamp.seconds",                   FieldType::kInt,      "",                       0, 0, false, false, false},
    {"metadata.event_timestamp.nanos",                     FieldType::kInt,      "",                       0, 0, false, false, false},
    {"security_result.action",                             FieldType::kEnum,     "SecurityResult.Action",  2, 0, true,  false, false},
    {"security_result[0].action[1]",                       FieldType::kEnum,     "SecurityResult.Action",  2, 2, false, false, false},
    {"intermediary.ip",                                    FieldType::kString,   "",                       2, 0, true,  false, false},
    {"intermediary[0].ip[0]",                              FieldType::kString,   "",                       2, 2, false, false, false},
    {"network.ip_protocol",                                FieldType::kEnum,     "Network.IpProtocol",     0, 0, false, false, false},
    {"network.dns.questions.name",                         FieldType::kString,   "",                       1, 0, false, false, false},
    {"network.http.parsed_user_agent.family",              FieldType::kEnum,     "UserAgentProto.Family",  0, 0, false, false, false},
    {"extensions.auth.mechanism",                          FieldType::kEnum,     "Authentication.Mechanism", 1, 0, true, false, false},
    {"metadata.id",                                        FieldType::kBytes,    "",                       0, 0, false, false, false},
    {"principal.process.parent_pid",                       FieldType::kString,   "",                       0, 0, false, false, true},
    {"udm.principal.hostname",                             FieldType::kString,   "",                       0, 0, false, false, false},
    {"udm.additional.fields[\"pod_name\"]",                FieldType::kString,   "",                       0, 0, false, true,  false},
    // Entity graph (spec §10.2).
    {"graph.entity.hostname",                              FieldType::kString,   "",                       0, 0, false, false, false, PathRoot::kGraph},
    {"graph.metadata.entity_type",                         FieldType::kEnum,     "EntityMetadata.EntityType", 0, 0, false, false, false, PathRoot::kGraph},
    {"graph.metadata.source_type",                         FieldType::kEnum,     "EntityMetadata.SourceType", 0, 0, false, false, false, PathRoot::kGraph},
    {"graph.relations.entity.ip",                          FieldType::kString,   "",                       2, 0, true,  false, false, PathRoot::kGraph},
    {"graph.relations.relationship",                       FieldType::kEnum,     "Relation.Relationship",  1, 0, false, false, false, PathRoot::kGraph},
    {"graph.entity.domain.prevalence.rolling_max",         FieldType::kInt,      "",                       0, 0, false, false, false, PathRoot::kGraph},
    {"graph.entity.file.first_seen_time.seconds",          FieldType::kInt,      "",                       0, 0, false, false, false, PathRoot::kGraph},
    {"graph.additional.fields[\"k\"]",                     FieldType::kString,   "",                       0, 0, false, true,  false, PathRoot::kGraph},
    {"graph.metadata.threat.threat_feed_name",             FieldType::kString,   "",                       1, 0, false, false, false, PathRoot::kGraph},
    // Detections (spec §10.1): Collection.detection is a repeated SecurityResult.
    {"detection.detection.rule_name",                      FieldType::kString,   "",                       1, 0, false, false, false, PathRoot::kDetection},
    {"detection.detection.rule_id",                        FieldType::kString,   "",                       1, 0, false, false, false, PathRoot::kDetection},
    {"detection.detection.outcomes[\"x\"]",                FieldType::kString,   "",                       1, 0, false, true,  true,  PathRoot::kDetection},
    {"detection.detection.variables[\"x\"].string_val",    FieldType::kString,   "",                       1, 0, false, false, false, PathRoot::kDetection},
    {"detection.detection.variables[\"x\"].int64_seq.int64_vals",
                                                           FieldType::kInt,      "",                       2, 0, true,  false, false, PathRoot::kDetection},
    {"detection.detection.rule_labels[\"tactic\"]",        FieldType::kString,   "",                       1, 0, false, true,  false, PathRoot::kDetection},
    {"detection.detection.risk_score",                     FieldType::kFloat,    "",                       1, 0, false, false, false, PathRoot::kDetection},
    {"detection.detection_time.seconds",                   FieldType::kInt,      "",                       0, 0, false, false, false, PathRoot::kDetection},
    {"detection.time_window.start_time.seconds",           FieldType::kInt,      "",                       0, 0, false, false, false, PathRoot::kDetection},
    {"detection.collection_elements.references.event.target.hostname",
                                                           FieldType::kString,   "",                       2, 0, false, false, false, PathRoot::kDetection},
    {"detection.collection_elements.references.event.principal.ip",
                                                           FieldType::kString,   "",                       3, 0, true,  false, false, PathRoot::kDetection},
};
// clang-format on

}  // namespace

TEST_CASE("schema resolves common UDM, graph and detection paths", "[schema][path]") {
  const UdmSchema& schema = UdmSchema::Get();
  for (const PathCase& c : kPaths) {
    INFO(c.path);
    yaral::PathResult result = schema.ResolvePath(c.path);
    REQUIRE(result.ok());
    REQUIRE_FALSE(result.error.has_value());
    const yaral::ResolvedPath& path = *result.path;
    CHECK(yaral::FieldTypeName(path.type) == yaral::FieldTypeName(c.type));
    if (c.type == FieldType::kEnum) {
      REQUIRE(path.enum_type != nullptr);
      CHECK(path.enum_type->name == c.type_name);
    } else if (c.type == FieldType::kMessage) {
      REQUIRE(path.message != nullptr);
      CHECK(path.message->name == c.type_name);
    } else {
      CHECK(path.enum_type == nullptr);
    }
    CHECK(path.repeated_levels == c.repeated_levels);
    CHECK(path.indexed_levels == c.indexed_levels);
    CHECK(path.leaf_repeated == c.leaf_repeated);
    CHECK(path.map_access == c.map_access);
    CHECK(path.deprecated == c.deprecated);
    CHECK(path.is_repeated() == (c.repeated_levels > c.indexed_levels));
    CHECK(path.root == c.root);
  }
}

TEST_CASE("schema paths keep the root keyword apart from the steps", "[schema][path]") {
  const UdmSchema& schema = UdmSchema::Get();
  yaral::PathResult plain = schema.ResolvePath("principal.hostname");
  yaral::PathResult prefixed = schema.ResolvePath("udm.principal.hostname");
  REQUIRE(plain.ok());
  REQUIRE(prefixed.ok());
  CHECK(plain.path->root_segments == 0);
  CHECK(prefixed.path->root_segments == 1);
  REQUIRE(prefixed.path->steps.size() == 2);
  CHECK(prefixed.path->steps[0].field == plain.path->steps[0].field);
  CHECK(prefixed.path->steps[1].field == plain.path->steps[1].field);
}

TEST_CASE("schema path steps name the message each field belongs to", "[schema][path]") {
  yaral::PathResult result =
      UdmSchema::Get().ResolvePath("principal.process.parent_process.file.full_path");
  REQUIRE(result.ok());
  std::vector<std::string_view> parents;
  for (const yaral::ResolvedStep& step : result.path->steps) parents.push_back(step.parent->name);
  CHECK(parents == std::vector<std::string_view>{"UDM", "Noun", "Process", "Process", "File"});

  yaral::PathResult seconds = UdmSchema::Get().ResolvePath("metadata.event_timestamp.seconds");
  REQUIRE(seconds.ok());
  const yaral::ResolvedStep& leaf = seconds.path->steps.back();
  CHECK(leaf.name == "seconds");
  CHECK(leaf.field == nullptr);  // synthetic: not a proto field
  CHECK(leaf.parent == nullptr);
}

TEST_CASE("schema resolves an ast::FieldPath like its text", "[schema][path]") {
  // $e.additional.fields["pod_name"]
  yaral::ast::FieldPath path;
  path.variable = "e";
  path.segments.resize(2);
  path.segments[0].name = "additional";
  path.segments[1].name = "fields";
  yaral::ast::Subscript key;
  key.is_key = true;
  key.key = "pod_name";
  path.segments[1].subscripts.push_back(key);
  yaral::PathResult result = UdmSchema::Get().ResolvePath(path);
  REQUIRE(result.ok());
  CHECK(result.path->type == FieldType::kString);
  CHECK(result.path->map_access);
}

namespace {

struct ErrorCase {
  std::string_view path;
  PathErrorKind kind;
  size_t segment;
  std::string_view message_part;
  std::vector<std::string> suggestions;  // expected prefix of the suggestions
};

const ErrorCase kErrors[] = {
    {"principal.hostnme", PathErrorKind::kUnknownField, 1, "no field `hostnme` in `principal` (Noun)",
     {"hostname"}},
    {"metadata.eventType", PathErrorKind::kUnknownField, 1, "`metadata` (Metadata)", {"event_type"}},
    {"metdata.event_type", PathErrorKind::kUnknownField, 0, "in a UDM event (UDM)", {"metadata"}},
    {"principal.user.user_id", PathErrorKind::kUnknownField, 2, "`user` (User)", {"userid"}},
    {"graph.entity.hostnam", PathErrorKind::kUnknownField, 2, "`entity` (Noun)", {"hostname"}},
    {"graph.entity_type", PathErrorKind::kUnknownField, 1, "an entity-graph record (Entity)", {}},
    {"detection.detection.rule_nam", PathErrorKind::kUnknownField, 2, "(SecurityResult)",
     {"rule_name"}},
    {"detection.rule_name", PathErrorKind::kUnknownField, 1, "a detection (Collection)", {}},
    {"metadata.event_timestamp.secs", PathErrorKind::kUnknownField, 2,
     "only has `seconds` and `nanos`", {"seconds"}},
    {"additional.field[\"k\"]", PathErrorKind::kUnknownField, 1, "a Struct", {"fields"}},
    {"target.port.number", PathErrorKind::kNotAMessage, 2, "`port` is an int", {}},
    {"metadata.event_type.x", PathErrorKind::kNotAMessage, 2, "is an enum", {}},
    {"about.labels[\"k\"].value", PathErrorKind::kNotAMessage, 2, "is a string", {}},
    {"principal.hostname[0]", PathErrorKind::kNotRepeated, 1, "not a repeated field", {}},
    {"metadata.event_timestamp.seconds[0]", PathErrorKind::kNotRepeated, 2, "not a repeated", {}},
    {"principal.ip[\"k\"]", PathErrorKind::kNotMap, 1, "not a map or a Label list", {}},
    {"additional[\"k\"]", PathErrorKind::kNotMap, 0, "is a Struct",
     {"additional.fields[\"k\"]"}},
    {"additional.fields.pod_name", PathErrorKind::kMissingKey, 2, "`fields` is a map",
     {"fields[\"pod_name\"]"}},
    {"security_result.variables.x", PathErrorKind::kMissingKey, 2, "`variables` is a map",
     {"variables[\"x\"]"}},
    {"additional.fields[0][\"k\"]", PathErrorKind::kBadSubscript, 1, "2 subscripts", {}},
    {"graph", PathErrorKind::kEmpty, 0, "a field must follow `graph`", {}},
    {"udm", PathErrorKind::kEmpty, 0, "a field must follow `udm`", {}},
    {"", PathErrorKind::kSyntax, 0, "malformed", {}},
    {"principal..ip", PathErrorKind::kSyntax, 1, "offset 10", {}},
    {"principal.ip[", PathErrorKind::kSyntax, 1, "malformed", {}},
    {"$e.principal.ip", PathErrorKind::kSyntax, 0, "offset 0", {}},
};

}  // namespace

TEST_CASE("schema reports unresolved paths with the failing segment and suggestions",
          "[schema][path][error]") {
  const UdmSchema& schema = UdmSchema::Get();
  for (const ErrorCase& c : kErrors) {
    INFO(c.path);
    yaral::PathResult result = schema.ResolvePath(c.path);
    REQUIRE_FALSE(result.ok());
    REQUIRE(result.error.has_value());
    const yaral::PathError& error = *result.error;
    INFO(error.message);
    CHECK(error.kind == c.kind);
    CHECK(error.segment == c.segment);
    CHECK(error.message.find(c.message_part) != std::string::npos);
    CHECK(error.message.back() != '.');
    REQUIRE(error.suggestions.size() >= c.suggestions.size());
    for (size_t i = 0; i < c.suggestions.size(); ++i) CHECK(error.suggestions[i] == c.suggestions[i]);
  }
}

TEST_CASE("schema suggestions stay few and relevant", "[schema][path][error]") {
  yaral::PathResult result = UdmSchema::Get().ResolvePath("principal.zzzzzzzz");
  REQUIRE_FALSE(result.ok());
  CHECK(result.error->suggestions.empty());

  yaral::PathResult close = UdmSchema::Get().ResolvePath("principal.prcess");
  REQUIRE_FALSE(close.ok());
  CHECK(close.error->suggestions.size() <= 3);
  REQUIRE_FALSE(close.error->suggestions.empty());
  CHECK(close.error->suggestions.front() == "process");
}

TEST_CASE("schema resolves every field of every message reachable from the roots",
          "[schema][path]") {
  // Walks the message graph, visiting each message once per path (as the
  // research expansion does), and resolves the text of every field path: the
  // resolver must land on exactly the field the loader linked.
  const UdmSchema& schema = UdmSchema::Get();
  size_t resolved = 0;
  struct Frame {
    std::string prefix;
    const yaral::MessageInfo* message;
    std::vector<const yaral::MessageInfo*> on_path;
  };
  std::vector<Frame> stack = {{"", &schema.RootMessage(PathRoot::kUdm), {}},
                              {"graph.", &schema.RootMessage(PathRoot::kGraph), {}},
                              {"detection.", &schema.RootMessage(PathRoot::kDetection), {}}};
  while (!stack.empty()) {
    Frame frame = std::move(stack.back());
    stack.pop_back();
    frame.on_path.push_back(frame.message);
    for (const yaral::FieldInfo& field : frame.message->fields) {
      std::string text = frame.prefix + std::string(field.name);
      yaral::PathResult result = schema.ResolvePath(text);
      INFO(text);
      REQUIRE(result.ok());
      REQUIRE(result.path->steps.back().field == &field);
      ++resolved;
      const yaral::MessageInfo* next = field.message;
      if (field.type == FieldType::kMessage && next != nullptr && frame.prefix.size() < 160 &&
          std::find(frame.on_path.begin(), frame.on_path.end(), next) == frame.on_path.end()) {
        stack.push_back({text + ".", next, frame.on_path});
      }
    }
  }
  CHECK(resolved > 10000);
}

// Inline UDM events of a test file, YAML to JSON.
//
// A fixture with a misspelt field (`principle:`) or enum value
// (`NETWORK_CONECTION`) still parses, and a case that expects no detection
// would then pass for the wrong reason. So the event is checked against the
// UDM schema as it is converted, and such mistakes are errors in the test
// file rather than silently ignored fields.

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>

#include "nlohmann/json.hpp"
#include "testing_internal.h"
#include "yaral/schema.h"
#include "yaral/udm_values.h"

namespace yaral::testing_internal {
namespace {

// Ordered, so an event prints in the order the fixture wrote it.
using Json = nlohmann::ordered_json;

constexpr std::string_view kMergeKey = "<<";

Json JsonOf(const Value& value) {
  switch (value.kind()) {
    case Value::Kind::kBool: return value.bool_value();
    case Value::Kind::kInt: return value.int_value();
    case Value::Kind::kUint: return value.uint_value();
    case Value::Kind::kFloat: return value.float_value();
    case Value::Kind::kString: return std::string(value.string());
    default: return nullptr;
  }
}

bool IsScalarType(FieldType type) {
  return type != FieldType::kMessage && type != FieldType::kMap &&
         type != FieldType::kTimestamp && type != FieldType::kDuration;
}

class EventConverter {
 public:
  EventConverter(UdmTimestamp start, const IssueSink& issue) : start_(start), issue_(issue) {}

  std::optional<std::string> Convert(const YAML::Node& event) {
    if (!event.IsMap()) {
      issue_(event.Mark(), "an event must be a mapping of UDM fields (or `file: PATH`), not " +
                               NodeKindName(event));
      return std::nullopt;
    }
    const UdmSchema& schema = UdmSchema::Get();
    // An entity-graph record (`{metadata, entity}`) is read like an event
    // (docs/events.md) but has its own fields.
    graph_ = static_cast<bool>(event["entity"]);
    const MessageInfo& root = schema.RootMessage(graph_ ? PathRoot::kGraph : PathRoot::kUdm);
    Json json = Mapping(event, &root, "");
    if (!ok_) return std::nullopt;
    if (!graph_) AddDefaultTime(json);
    return json.dump(-1, ' ', false, Json::error_handler_t::replace);
  }

 private:
  void Issue(const YAML::Mark& mark, std::string message) {
    ok_ = false;
    issue_(mark, std::move(message));
  }

  // An event without a time would fall at the epoch, far from every other
  // event of the case; the case's start is what the author means.
  void AddDefaultTime(Json& json) const {
    Json& metadata = json["metadata"];
    if (metadata.is_null()) metadata = Json::object();
    if (!metadata.is_object()) return;
    if (metadata.contains("event_timestamp") || metadata.contains("eventTimestamp")) return;
    metadata["event_timestamp"] = FormatTimestamp(start_);
  }

  // `message` is the message whose fields the mapping holds, or null below
  // a field the schema does not describe (Struct, map): those keys are data.
  Json Mapping(const YAML::Node& node, const MessageInfo* message, const std::string& path) {
    Json out = Json::object();
    std::set<std::string> seen;
    for (const auto& entry : node) {
      if (!entry.first.IsScalar()) {
        Issue(entry.first.Mark(), "a key in an event must be a name, not " +
                                      NodeKindName(entry.first));
        continue;
      }
      const std::string& key = entry.first.Scalar();
      if (key == kMergeKey) continue;  // applied below, after the explicit keys
      if (!seen.insert(key).second) {
        Issue(entry.first.Mark(), "duplicate key '" + key + "'");
        continue;
      }
      const FieldInfo* field = nullptr;
      if (message != nullptr) {
        field = FieldNameIndex::Default().Find(*message, key);
        if (field == nullptr) {
          UnknownField(entry.first, *message, path, key);
          continue;
        }
      }
      const std::string child_path =
          path.empty() ? std::string(field ? field->name : key)
                       : path + "." + std::string(field ? field->name : key);
      out[key] = Field(entry.second, field, child_path);
    }
    // `<<: *anchor` (YAML merge keys; yaml-cpp does not apply them): the
    // anchored mapping's entries, where this mapping does not set them.
    for (const auto& entry : node) {
      if (!entry.first.IsScalar() || entry.first.Scalar() != kMergeKey) continue;
      const YAML::Node& source = entry.second;
      if (source.IsMap()) {
        Merge(out, Mapping(source, message, path));
      } else if (source.IsSequence()) {
        for (const YAML::Node& item : source) {
          if (item.IsMap()) {
            Merge(out, Mapping(item, message, path));
          } else {
            Issue(item.Mark(), "`<<` merges mappings, not " + NodeKindName(item));
          }
        }
      } else {
        Issue(source.Mark(), "`<<` merges a mapping (`<<: *anchor`), not " +
                                 NodeKindName(source));
      }
    }
    return out;
  }

  static void Merge(Json& into, const Json& from) {
    for (auto it = from.begin(); it != from.end(); ++it) {
      if (!into.contains(it.key())) into[it.key()] = it.value();
    }
  }

  // The value of `field` (null below the schema).
  Json Field(const YAML::Node& node, const FieldInfo* field, const std::string& path) {
    if (node.IsSequence()) {
      Json list = Json::array();
      for (const YAML::Node& item : node) list.push_back(Field(item, field, path));
      return list;
    }
    if (node.IsMap()) {
      if (field != nullptr && IsScalarType(field->type)) {
        Issue(node.Mark(), "UDM field '" + path + "' holds a " +
                               std::string(FieldTypeName(field->type)) + ", not a mapping");
        return nullptr;
      }
      const MessageInfo* message =
          field != nullptr && field->type == FieldType::kMessage ? field->message : nullptr;
      return Mapping(node, message, path);
    }
    if (node.IsNull()) return nullptr;
    if (field != nullptr && field->type == FieldType::kMessage) {
      Issue(node.Mark(), "UDM field '" + path + "' is a message: give a mapping of its fields");
      return nullptr;
    }
    const Value value = ScalarValue(node);
    if (field == nullptr || !value.is_string()) return JsonOf(value);
    if (field->type == FieldType::kTimestamp) return Timestamp(node, path);
    if (field->type == FieldType::kEnum) CheckEnum(node, *field, path);
    return JsonOf(value);
  }

  // Relative times (`+5m`) become RFC 3339 from the case's start; an
  // absolute one is checked now, so that a typo is not an event at the
  // epoch.
  Json Timestamp(const YAML::Node& node, const std::string& path) {
    absl::StatusOr<UdmTimestamp> t = ResolveTestTime(node.Scalar(), start_);
    if (!t.ok()) {
      Issue(node.Mark(), "'" + path + "': " + std::string(t.status().message()));
      return nullptr;
    }
    return FormatTimestamp(*t);
  }

  void CheckEnum(const YAML::Node& node, const FieldInfo& field, const std::string& path) {
    const EnumInfo& info = *field.enum_type;
    if (!info.values_known() || ResolveEnum(info, node.Scalar()) != nullptr) return;
    std::string message = "'" + path + "': no value '" + node.Scalar() + "' in enum " +
                          std::string(info.name);
    std::vector<std::string_view> near =
        UdmSchema::Get().SuggestEnumValues(info.name, node.Scalar());
    if (!near.empty()) message += " (did you mean '" + std::string(near.front()) + "'?)";
    Issue(node.Mark(), message);
  }

  void UnknownField(const YAML::Node& key, const MessageInfo& message, const std::string& path,
                    const std::string& name) {
    std::string where = path.empty() ? "the event" : "'" + path + "'";
    std::string text = "unknown UDM field '" + name + "' in " + where + " (" +
                       std::string(message.name) + ")";
    // The resolver's suggestions (edit distance, camelCase, shared words).
    std::string full = (graph_ ? "graph." : "") + (path.empty() ? name : path + "." + name);
    PathResult resolved = UdmSchema::Get().ResolvePath(std::string_view(full));
    if (resolved.error && resolved.error->kind == PathErrorKind::kUnknownField &&
        !resolved.error->suggestions.empty()) {
      text += ": did you mean '" + resolved.error->suggestions.front() + "'?";
    }
    Issue(key.Mark(), text);
  }

  UdmTimestamp start_;
  const IssueSink& issue_;
  bool graph_ = false;
  bool ok_ = true;
};

}  // namespace

std::optional<std::string> InlineEventJson(const YAML::Node& event, UdmTimestamp start,
                                           const IssueSink& issue) {
  return EventConverter(start, issue).Convert(event);
}

}  // namespace yaral::testing_internal

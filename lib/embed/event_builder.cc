// EventBuilder: dotted UDM paths and typed values into one proto3 JSON
// object, each checked against the UDM schema as it is set.
#include "yaral/event_builder.h"

#include <cstdint>
#include <exception>
#include <limits>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/numbers.h"
#include "nlohmann/json.hpp"
#include "yaral/ast.h"
#include "yaral/schema.h"
#include "yaral/udm_values.h"

namespace yaral {

// Ordered, so the event prints in the order the fields were set.
using Json = nlohmann::ordered_json;

struct EventBuilder::State {
  Json event = Json::object();
  absl::Status status;
};

namespace {

enum class Mode { kSet, kAdd };

std::string Quote(std::string_view path) { return "`" + std::string(path) + "`"; }

absl::Status BadPath(std::string_view path, std::string_view why) {
  return absl::InvalidArgumentError(Quote(path) + ": " + std::string(why));
}

// `a.b[0].c["k"]` as segments. The schema's text form of ResolvePath keeps
// only the kind of each subscript, and the builder needs the index and the
// key to place the value, so it splits the text itself and resolves the
// segments.
absl::StatusOr<std::vector<ast::PathSegment>> SplitPath(std::string_view path) {
  std::vector<ast::PathSegment> segments;
  size_t at = 0;
  auto malformed = [&](std::string_view why) {
    return BadPath(path, "malformed field path at offset " + std::to_string(at) + ": " +
                               std::string(why));
  };
  while (true) {
    size_t end = path.find_first_of(".[", at);
    if (end == std::string_view::npos) end = path.size();
    ast::PathSegment segment;
    segment.name = std::string(path.substr(at, end - at));
    if (segment.name.empty()) return malformed("expected a field name");
    at = end;
    while (at < path.size() && path[at] == '[') {
      ast::Subscript subscript;
      ++at;
      if (at < path.size() && path[at] == '"') {
        subscript.is_key = true;
        for (++at; at < path.size() && path[at] != '"'; ++at) {
          if (path[at] == '\\' && at + 1 < path.size()) ++at;
          subscript.key.push_back(path[at]);
        }
        if (at == path.size()) return malformed("unterminated key");
        ++at;
      } else {
        size_t close = path.find(']', at);
        if (close == std::string_view::npos ||
            !absl::SimpleAtoi(std::string(path.substr(at, close - at)), &subscript.index) ||
            subscript.index < 0) {
          return malformed("expected an index `[N]` or a key `[\"k\"]`");
        }
        at = close;
      }
      if (at == path.size() || path[at] != ']') return malformed("expected `]`");
      ++at;
      segment.subscripts.push_back(std::move(subscript));
    }
    segments.push_back(std::move(segment));
    if (at == path.size()) return segments;
    if (path[at] != '.') return malformed("expected `.` or `[`");
    ++at;
  }
}

// An int, or a uint that fits one.
std::optional<int64_t> AsInt64(const Value& value) {
  if (value.is_int()) return value.int_value();
  if (value.is_uint() && value.uint_value() <= uint64_t{std::numeric_limits<int64_t>::max()}) {
    return static_cast<int64_t>(value.uint_value());
  }
  return std::nullopt;
}

// What a scalar leaf holds: its type, and its enum when it is one.
struct LeafType {
  FieldType type = FieldType::kString;
  const EnumInfo* enum_type = nullptr;
};

// The value itself says best what was given: `"25"` for an int field.
absl::Status WrongType(std::string_view path, LeafType leaf, const Value& value) {
  return BadPath(path, "a " + std::string(FieldTypeName(leaf.type)) + " field cannot take " +
                           value.DebugString());
}

absl::StatusOr<Json> EnumJson(std::string_view path, const EnumInfo* info, const Value& value) {
  if (value.is_string() && (info == nullptr || !info->values_known())) {
    return Json(std::string(value.string()));  // a docs-only enum: any name
  }
  const EnumValue* found = nullptr;
  if (value.is_string()) {
    found = ResolveEnum(*info, value.string());
  } else if (std::optional<int64_t> number = AsInt64(value)) {
    found = info == nullptr ? nullptr : ResolveEnumNumber(*info, *number);
  } else {
    return WrongType(path, {FieldType::kEnum, info}, value);
  }
  if (found != nullptr) return Json(std::string(found->name));
  std::string why = "no value " + value.DebugString() + " in enum " + std::string(info->name);
  if (value.is_string()) {
    std::vector<std::string_view> near =
        UdmSchema::Get().SuggestEnumValues(info->name, value.string());
    if (!near.empty()) why += " (did you mean " + Quote(near.front()) + "?)";
  }
  return BadPath(path, why);
}

absl::StatusOr<Json> TimestampJson(std::string_view path, const Value& value) {
  absl::StatusOr<UdmTimestamp> time = absl::InvalidArgumentError("");
  if (value.is_string()) {
    time = ParseTimestamp(value.string());
  } else if (std::optional<int64_t> seconds = AsInt64(value)) {
    time = TimestampFromParts(*seconds, 0);
  } else {
    return WrongType(path, {FieldType::kTimestamp, nullptr}, value);
  }
  if (!time.ok()) return BadPath(path, std::string(time.status().message()));
  return Json(FormatTimestamp(*time));
}

absl::StatusOr<Json> DurationJson(std::string_view path, const Value& value) {
  if (value.is_int() || value.is_uint()) return Json(value.DebugString() + "s");
  if (value.is_float()) return Json(std::to_string(value.float_value()) + "s");
  double seconds = 0;
  std::string_view text = value.string();
  if (value.is_string() && text.size() > 1 && text.back() == 's' &&
      absl::SimpleAtod(std::string(text.substr(0, text.size() - 1)), &seconds)) {
    return Json(std::string(text));
  }
  return BadPath(path, "a duration is seconds or proto3 JSON text such as \"1.5s\", not " +
                             value.DebugString());
}

// One value for a leaf of type `leaf`, as proto3 JSON writes it.
absl::StatusOr<Json> ScalarJson(std::string_view path, LeafType leaf, const Value& value) {
  switch (leaf.type) {
    case FieldType::kString:
    case FieldType::kBytes:
      if (value.is_string() || value.is_bytes()) return Json(std::string(value.string()));
      break;
    case FieldType::kInt:
      if (std::optional<int64_t> number = AsInt64(value)) return Json(*number);
      break;
    case FieldType::kUint:
      if (value.is_uint()) return Json(value.uint_value());
      if (value.is_int() && value.int_value() >= 0) {
        return Json(static_cast<uint64_t>(value.int_value()));
      }
      break;
    case FieldType::kFloat:
      if (value.is_number()) return Json(value.float_value());
      break;
    case FieldType::kBool:
      if (value.is_bool()) return Json(value.bool_value());
      break;
    case FieldType::kEnum:
      return EnumJson(path, leaf.enum_type, value);
    case FieldType::kTimestamp:
      return TimestampJson(path, value);
    case FieldType::kDuration:
      return DurationJson(path, value);
    case FieldType::kMap:
      return BadPath(path, "is a map: set one entry, as `fields[\"key\"]` or `labels[\"key\"]`");
    case FieldType::kMessage:
      return BadPath(path, "is a message: set one of its fields");
  }
  return WrongType(path, leaf, value);
}

// A Struct entry (`additional.fields["k"]`) holds any JSON value; rules
// read it as text, so each scalar is kept as given.
absl::StatusOr<Json> StructJson(std::string_view path, const Value& value) {
  switch (value.kind()) {
    case Value::Kind::kBool: return Json(value.bool_value());
    case Value::Kind::kInt: return Json(value.int_value());
    case Value::Kind::kUint: return Json(value.uint_value());
    case Value::Kind::kFloat: return Json(value.float_value());
    case Value::Kind::kString:
    case Value::Kind::kBytes: return Json(std::string(value.string()));
    case Value::Kind::kList: {
      Json list = Json::array();
      for (const Value& element : value.list()) {
        absl::StatusOr<Json> json = StructJson(path, element);
        if (!json.ok()) return json.status();
        list.push_back(*std::move(json));
      }
      return list;
    }
    case Value::Kind::kZero: break;
  }
  return BadPath(path, "a Struct entry cannot take " + value.DebugString());
}

// The elements a value stands for: a list's elements, or the value itself.
std::span<const Value> Elements(const Value& value) {
  if (value.is_list()) return value.list();
  return std::span<const Value>(&value, 1);
}

Json& Member(Json& parent, const std::string& key, Json::value_t kind) {
  Json& child = parent[key];
  if (child.type() != kind) child = kind == Json::value_t::array ? Json::array() : Json::object();
  return child;
}

// Element `index` of `list`, appending it when `index` is the length.
absl::StatusOr<Json*> Element(std::string_view path, Json& list, int64_t index) {
  if (static_cast<uint64_t>(index) > list.size()) {
    return BadPath(path, "index " + std::to_string(index) + " is past the end of a list of " +
                               std::to_string(list.size()) + " (set the elements in order)");
  }
  if (static_cast<uint64_t>(index) == list.size()) list.push_back(nullptr);
  return &list[static_cast<size_t>(index)];
}

// `labels["key"]`: Set replaces the first entry with that key, Add appends.
absl::Status PlaceLabel(std::string_view path, Json& list, const std::string& key,
                        const Value& value, Mode mode) {
  for (const Value& element : Elements(value)) {
    absl::StatusOr<Json> text = ScalarJson(path, {FieldType::kString, nullptr}, element);
    if (!text.ok()) return text.status();
    Json* entry = nullptr;
    if (mode == Mode::kSet) {
      for (Json& existing : list) {
        if (existing.is_object() && existing.value("key", "") == key) {
          entry = &existing;
          break;
        }
      }
    }
    if (entry == nullptr) entry = &list.emplace_back(Json{{"key", key}});
    (*entry)["value"] = *std::move(text);
    mode = Mode::kAdd;  // the elements of a list after the first are added
  }
  return absl::OkStatus();
}

// The last step: the value itself, one element, or the whole list.
absl::Status PlaceLeaf(std::string_view path, Json& parent, const std::string& key,
                       const ResolvedStep& step, const ast::PathSegment& segment,
                       LeafType leaf, const Value& value, Mode mode) {
  const bool whole_list = step.repeated && !step.indexed;
  if (mode == Mode::kAdd && !whole_list) {
    return BadPath(path, step.repeated ? "names one element: Set it, or Add to the list"
                                         : "is not repeated: use Set");
  }
  if (value.is_list() && !whole_list) {
    return BadPath(path, "is not a repeated field, so it cannot take a list");
  }
  std::vector<Json> converted;
  for (const Value& element : Elements(value)) {
    absl::StatusOr<Json> json = ScalarJson(path, leaf, element);
    if (!json.ok()) return json.status();
    converted.push_back(*std::move(json));
  }
  if (!step.repeated) {
    parent[key] = std::move(converted.front());
    return absl::OkStatus();
  }
  Json& list = Member(parent, key, Json::value_t::array);
  if (whole_list) {
    if (mode == Mode::kSet) list = Json::array();
    for (Json& json : converted) list.push_back(std::move(json));
    return absl::OkStatus();
  }
  absl::StatusOr<Json*> slot = Element(path, list, segment.subscripts.back().index);
  if (!slot.ok()) return slot.status();
  **slot = std::move(converted.front());
  return absl::OkStatus();
}

std::string ResolveError(std::string_view path, const yaral::PathError& error) {
  std::string why = error.message;
  if (!error.suggestions.empty()) why += " (did you mean " + Quote(error.suggestions.front()) + "?)";
  return why;
}

absl::Status Place(Json& event, std::string_view path, const Value& value, Mode mode,
                   std::optional<FieldType> required_type = std::nullopt) {
  absl::StatusOr<std::vector<ast::PathSegment>> segments = SplitPath(path);
  if (!segments.ok()) return segments.status();
  PathResult resolved = UdmSchema::Get().ResolvePath(std::span<const ast::PathSegment>(*segments));
  if (!resolved.ok()) return BadPath(path, ResolveError(path, *resolved.error));
  const ResolvedPath& found = *resolved.path;
  if (found.root != PathRoot::kUdm) {
    return BadPath(path, "is a path into an entity or detection record, not a UDM event");
  }
  if (required_type && found.type != *required_type) {
    return BadPath(path, "is a " + std::string(FieldTypeName(found.type)) + " field, not a " +
                               std::string(FieldTypeName(*required_type)));
  }
  const LeafType leaf{found.type, found.enum_type};
  Json* node = &event;
  for (size_t i = 0; i < found.steps.size(); ++i) {
    const ResolvedStep& step = found.steps[i];
    const ast::PathSegment& segment = (*segments)[i + found.root_segments];
    const bool last = i + 1 == found.steps.size();
    if (step.field == nullptr) {
      // proto3 JSON writes a Struct as a plain object: its `fields` is the
      // object itself, keyed directly. Timestamps and durations are one
      // JSON value, so their `seconds` and `nanos` cannot be set apart.
      if (!step.keyed) return BadPath(path, "set the whole timestamp or duration instead");
      Json& entry = (*node)[segment.subscripts.back().key];
      if (!last) {
        node = &entry;
        continue;
      }
      if (mode == Mode::kAdd) return BadPath(path, "is not repeated: use Set");
      absl::StatusOr<Json> json = StructJson(path, value);
      if (!json.ok()) return json.status();
      entry = *std::move(json);
      return absl::OkStatus();
    }
    const std::string key(step.field->name);
    if (step.keyed) {
      const std::string& map_key = segment.subscripts.back().key;
      if (step.field->IsLabelList()) {
        return PlaceLabel(path, Member(*node, key, Json::value_t::array), map_key, value, mode);
      }
      node = &Member(Member(*node, key, Json::value_t::object), map_key, Json::value_t::object);
      if (last) return BadPath(path, "is a message: set one of its fields");
      continue;
    }
    if (last) return PlaceLeaf(path, *node, key, step, segment, leaf, value, mode);
    if (!step.repeated) {
      node = &Member(*node, key, Json::value_t::object);
      continue;
    }
    Json& list = Member(*node, key, Json::value_t::array);
    absl::StatusOr<Json*> element = Element(path, list, step.indexed ? segment.subscripts.back().index : 0);
    if (!element.ok()) return element.status();
    if (!(*element)->is_object()) **element = Json::object();
    node = *element;
  }
  return absl::OkStatus();
}

}  // namespace

EventBuilder::EventBuilder() : state_(std::make_unique<State>()) {}
EventBuilder::~EventBuilder() = default;
EventBuilder::EventBuilder(const EventBuilder& other)
    : state_(std::make_unique<State>(*other.state_)) {}
EventBuilder& EventBuilder::operator=(const EventBuilder& other) {
  if (this != &other) state_ = std::make_unique<State>(*other.state_);
  return *this;
}
EventBuilder::EventBuilder(EventBuilder&&) noexcept = default;
EventBuilder& EventBuilder::operator=(EventBuilder&&) noexcept = default;

// Runs one placement unless an earlier one failed. nlohmann::json reports
// misuse by throwing; the paths are checked before anything is written, so a
// throw is a bug, and it becomes a status rather than escaping the API.
template <typename F>
EventBuilder& EventBuilder::Record(F&& place) {
  if (!state_) state_ = std::make_unique<State>();  // reuse after a move
  if (!state_->status.ok()) return *this;
  try {
    state_->status = place();
  } catch (const std::exception& e) {
    state_->status = absl::InternalError(std::string("event builder: ") + e.what());
  }
  return *this;
}

EventBuilder& EventBuilder::Set(std::string_view path, const Value& value) {
  return Record([&] { return Place(state_->event, path, value, Mode::kSet); });
}

EventBuilder& EventBuilder::Add(std::string_view path, const Value& value) {
  return Record([&] { return Place(state_->event, path, value, Mode::kAdd); });
}

EventBuilder& EventBuilder::SetTimestamp(std::string_view path, int64_t seconds, int32_t nanos) {
  return Record([&]() -> absl::Status {
    absl::StatusOr<UdmTimestamp> time = TimestampFromParts(seconds, nanos);
    if (!time.ok()) return BadPath(path, std::string(time.status().message()));
    return Place(state_->event, path, Value::String(FormatTimestamp(*time)), Mode::kSet,
                 FieldType::kTimestamp);
  });
}

const absl::Status& EventBuilder::status() const {
  static const absl::Status kOk;  // a moved-from builder is an empty one
  return state_ ? state_->status : kOk;
}

absl::StatusOr<std::string> EventBuilder::ToJson() const {
  if (!state_) return std::string("{}");
  if (!state_->status.ok()) return state_->status;
  try {
    // Invalid UTF-8 in a value becomes U+FFFD rather than an exception.
    return state_->event.dump(-1, ' ', false, Json::error_handler_t::replace);
  } catch (const std::exception& e) {
    return absl::InternalError(std::string("event builder: ") + e.what());
  }
}

void EventBuilder::Clear() { state_ = std::make_unique<State>(); }

}  // namespace yaral

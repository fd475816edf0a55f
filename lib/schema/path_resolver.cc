// Resolving a field path against the schema (docs/udm-schema.md#paths).
//
// A path is walked segment by segment with a cursor that says what the value
// reached so far can be followed by: a message's fields, a Timestamp's
// `seconds`/`nanos`, a Struct's `fields`, a map entry `["k"]`, or nothing.
// Recursion (`parent_process.parent_process...`) needs no special case: the
// cursor just visits the same message again.
#include <array>
#include <cctype>
#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "schema/schema_data.h"
#include "schema/text.h"
#include "schema/suggest.h"
#include "yaral/ast.h"
#include "yaral/schema.h"

namespace yaral {
namespace {

// What may follow the value reached so far.
enum class Node {
  kMessage,    // `.field` of `message`
  kTimestamp,  // `.seconds` / `.nanos` of a Timestamp or Duration
  kStruct,     // `.fields` of a google.protobuf.Struct
  kMap,        // `["k"]` of a Struct's `fields` or of a proto map
  kValue,      // a scalar, an enum or a map entry: nothing
};

constexpr std::array<std::string_view, 2> kTimeChildren = {"seconds", "nanos"};
constexpr std::string_view kStructFields = "fields";

class Resolver {
 public:
  Resolver(const schema::SchemaData& data, std::span<const ast::PathSegment> segments)
      : data_(data), segments_(segments) {}

  PathResult Run() {
    ResolvedPath path;
    const MessageInfo* root = TakeRoot(path);
    if (path.root_segments == segments_.size()) {
      std::string message = segments_.empty()
                                ? std::string("empty field path")
                                : schema::Cat({"a field must follow `", segments_[0].name, "`"});
      return Fail(PathErrorKind::kEmpty, segments_.empty() ? 0 : segments_.size() - 1,
                  std::move(message), {});
    }
    node_ = Node::kMessage;
    message_ = root;
    for (size_t i = path.root_segments; i < segments_.size(); ++i) {
      std::optional<PathError> error = Step(i, path);
      if (error) return PathResult{.path = std::nullopt, .error = std::move(error)};
    }
    const ResolvedStep& leaf = path.steps.back();
    path.type = leaf.type;
    if (leaf.type == FieldType::kEnum) path.enum_type = leaf.field->enum_type;
    if (node_ == Node::kMessage) path.message = message_;
    path.map_access = leaf.keyed;
    path.leaf_repeated = leaf.repeated && !leaf.indexed && !leaf.keyed;
    return PathResult{.path = std::move(path), .error = std::nullopt};
  }

 private:
  // A leading `udm`, `graph` or `detection` picks the record kind (spec
  // §3.1). UDM, Entity and Collection have no fields with these names, so
  // the keyword can never hide a field.
  const MessageInfo* TakeRoot(ResolvedPath& path) {
    if (segments_.empty() || !segments_[0].subscripts.empty()) return data_.udm;
    std::string_view first = segments_[0].name;
    if (first == "udm") {
      path.root = PathRoot::kUdm;
    } else if (first == "graph") {
      path.root = PathRoot::kGraph;
    } else if (first == "detection") {
      path.root = PathRoot::kDetection;
    } else {
      return data_.udm;
    }
    path.root_segments = 1;
    root_ = path.root;
    switch (path.root) {
      case PathRoot::kGraph: return data_.entity;
      case PathRoot::kDetection: return data_.collection;
      case PathRoot::kUdm: break;
    }
    return data_.udm;
  }

  std::optional<PathError> Step(size_t i, ResolvedPath& path) {
    const ast::PathSegment& segment = segments_[i];
    ResolvedStep step;
    switch (node_) {
      case Node::kMessage: {
        const FieldInfo* field = message_->FindField(segment.name);
        if (field == nullptr) return UnknownField(i, path);
        step = ResolvedStep{.name = field->name, .parent = message_, .field = field,
                            .type = field->type, .repeated = field->repeated,
                            .indexed = false, .keyed = false, .deprecated = field->deprecated};
        Enter(*field);
        break;
      }
      case Node::kTimestamp:
        if (segment.name != kTimeChildren[0] && segment.name != kTimeChildren[1]) {
          return UnknownField(i, path);
        }
        // The name comes from the constants, not the segment: a ResolvedPath
        // must not point into the caller's segments.
        step = ResolvedStep{
            .name = segment.name == kTimeChildren[0] ? kTimeChildren[0] : kTimeChildren[1],
            .type = FieldType::kInt};
        // `.seconds` of a deprecated timestamp is as deprecated as the field.
        step.deprecated = path.steps.back().deprecated;
        node_ = Node::kValue;
        break;
      case Node::kStruct:
        if (segment.name != kStructFields) return UnknownField(i, path);
        step = ResolvedStep{.name = kStructFields, .type = FieldType::kMap};
        step.deprecated = path.steps.back().deprecated;
        node_ = Node::kMap;
        message_ = nullptr;
        break;
      case Node::kMap: {
        const std::string_view map = path.steps.back().name;
        return Error(PathErrorKind::kMissingKey, i,
                     schema::Cat({"`", map, "` is a map: read an entry with `", map, "[\"",
                                  segment.name, "\"]`"}),
                     {schema::Cat({map, "[\"", segment.name, "\"]"})});
      }
      case Node::kValue: {
        const ResolvedStep& previous = path.steps.back();
        std::string_view type = previous.keyed ? "string" : FieldTypeName(previous.type);
        std::string_view article = type == "int" || type == "enum" ? "an" : "a";
        return Error(PathErrorKind::kNotAMessage, i,
                     schema::Cat({"`", SegmentText(i - 1), "` is ", article, " ", type,
                                  " and has no field `", segment.name, "`"}),
                     {});
      }
    }
    if (std::optional<PathError> error = ApplySubscripts(i, step)) return error;
    if (step.repeated && !step.keyed) {
      ++path.repeated_levels;
      if (step.indexed) ++path.indexed_levels;
    }
    path.deprecated = path.deprecated || step.deprecated;
    path.steps.push_back(step);
    return std::nullopt;
  }

  // Moves the cursor past a field of a message.
  void Enter(const FieldInfo& field) {
    switch (field.type) {
      case FieldType::kMessage:
        node_ = Node::kMessage;
        message_ = field.message;
        break;
      case FieldType::kTimestamp:
      case FieldType::kDuration:
        node_ = Node::kTimestamp;
        break;
      case FieldType::kMap:
        // A proto map keeps its value message for after `["k"]`; a Struct
        // first needs `.fields`.
        node_ = field.message != nullptr ? Node::kMap : Node::kStruct;
        message_ = field.message;
        break;
      default:
        node_ = Node::kValue;
        break;
    }
  }

  std::optional<PathError> ApplySubscripts(size_t i, ResolvedStep& step) {
    const std::vector<ast::Subscript>& subscripts = segments_[i].subscripts;
    if (subscripts.empty()) return std::nullopt;
    if (subscripts.size() > 1) {
      return Error(PathErrorKind::kBadSubscript, i,
                   schema::Cat({"`", SegmentText(i), "` has ", std::to_string(subscripts.size()),
                                " subscripts; a field takes one `[N]` or `[\"key\"]`"}),
                   {});
    }
    if (!subscripts[0].is_key) {
      if (step.field == nullptr || !step.field->repeated) {
        return Error(PathErrorKind::kNotRepeated, i,
                     schema::Cat({"`", step.name,
                                  "` is not a repeated field, so it cannot be indexed"}),
                     {});
      }
      step.indexed = true;
      return std::nullopt;
    }
    const std::string key = subscripts[0].key;
    if (node_ == Node::kMap) {
      // Struct `fields["k"]` reads a string (spec §4.10); a proto map entry is
      // its value message (`variables["k"].string_val`).
      step.keyed = true;
      if (message_ != nullptr) {
        step.type = FieldType::kMessage;
        node_ = Node::kMessage;
      } else {
        step.type = FieldType::kString;
        node_ = Node::kValue;
      }
      return std::nullopt;
    }
    if (step.field != nullptr && step.field->IsLabelList()) {
      step.keyed = true;
      step.type = FieldType::kString;
      node_ = Node::kValue;
      return std::nullopt;
    }
    if (node_ == Node::kStruct) {
      std::string fix = schema::Cat({step.name, ".fields[\"", key, "\"]"});
      return Error(PathErrorKind::kNotMap, i,
                   schema::Cat({"`", step.name, "` is a Struct: read a key with `", fix, "`"}),
                   {fix});
    }
    return Error(PathErrorKind::kNotMap, i,
                 schema::Cat({"`", step.name, "` is not a map or a Label list, so `[\"", key,
                              "\"]` cannot read it"}),
                 {});
  }

  PathError UnknownField(size_t i, const ResolvedPath& path) {
    std::string_view name = segments_[i].name;
    std::vector<std::string_view> candidates;
    std::string where;
    const std::string_view parent = path.steps.empty() ? "" : path.steps.back().name;
    switch (node_) {
      case Node::kMessage:
        for (const FieldInfo& field : message_->fields) candidates.push_back(field.name);
        // A camelCase JSON name ("eventType") maps straight to its field.
        for (const FieldInfo& field : message_->fields) {
          if (field.json_name == name) candidates = {field.name};
        }
        where = path.steps.empty() ? RootDescription()
                                   : schema::Cat({"`", parent, "` (", message_->name, ")"});
        break;
      case Node::kTimestamp:
        candidates.assign(kTimeChildren.begin(), kTimeChildren.end());
        where = schema::Cat({"`", parent, "`, which only has `seconds` and `nanos`"});
        break;
      default:
        candidates = {kStructFields};
        where = schema::Cat({"`", parent, "` (a Struct, read as `", parent, ".fields[\"key\"]`)"});
        break;
    }
    std::vector<std::string> suggestions;
    for (std::string_view s : schema::SuggestNames(name, candidates)) suggestions.emplace_back(s);
    return *Error(PathErrorKind::kUnknownField, i,
                  schema::Cat({"no field `", name, "` in ", where}), std::move(suggestions));
  }

  std::string RootDescription() const {
    switch (root_) {
      case PathRoot::kGraph: return "an entity-graph record (Entity)";
      case PathRoot::kDetection: return "a detection (Collection)";
      case PathRoot::kUdm: break;
    }
    return "a UDM event (UDM)";
  }

  // Segment i as written, subscript values elided: `labels["..."]`, `ip[N]`.
  std::string SegmentText(size_t i) const {
    std::string text = segments_[i].name;
    for (const ast::Subscript& s : segments_[i].subscripts) {
      text += s.is_key ? schema::Cat({"[\"", s.key, "\"]"})
                       : schema::Cat({"[", std::to_string(s.index), "]"});
    }
    return text;
  }

  static std::optional<PathError> Error(PathErrorKind kind, size_t segment, std::string message,
                                        std::vector<std::string> suggestions) {
    return PathError{.kind = kind, .segment = segment, .message = std::move(message),
                     .suggestions = std::move(suggestions)};
  }

  static PathResult Fail(PathErrorKind kind, size_t segment, std::string message,
                         std::vector<std::string> suggestions) {
    return PathResult{.path = std::nullopt,
                      .error = Error(kind, segment, std::move(message), std::move(suggestions))};
  }

  const schema::SchemaData& data_;
  std::span<const ast::PathSegment> segments_;
  PathRoot root_ = PathRoot::kUdm;
  Node node_ = Node::kMessage;
  const MessageInfo* message_ = nullptr;
};

bool IsNameStart(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_'; }
bool IsNameChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

// `name[0].name["key"]...` -> segments. Keys are double-quoted with `\"` and
// `\\` escapes. Returns the byte offset of the first error.
std::optional<size_t> ParsePathText(std::string_view text, std::vector<ast::PathSegment>& out) {
  size_t pos = 0;
  while (true) {
    ast::PathSegment segment;
    size_t start = pos;
    if (pos >= text.size() || !IsNameStart(text[pos])) return pos;
    while (pos < text.size() && IsNameChar(text[pos])) ++pos;
    segment.name = std::string(text.substr(start, pos - start));
    while (pos < text.size() && text[pos] == '[') {
      ast::Subscript subscript;
      ++pos;
      if (pos < text.size() && text[pos] == '"') {
        subscript.is_key = true;
        ++pos;
        while (pos < text.size() && text[pos] != '"') {
          if (text[pos] == '\\' && pos + 1 < text.size()) ++pos;
          subscript.key.push_back(text[pos++]);
        }
        if (pos >= text.size()) return pos;
        ++pos;
      } else {
        size_t digits = pos;
        while (pos < text.size() && std::isdigit(static_cast<unsigned char>(text[pos]))) {
          subscript.index = subscript.index * 10 + (text[pos++] - '0');
          if (subscript.index > (int64_t{1} << 40)) return digits;
        }
        if (pos == digits) return pos;
      }
      if (pos >= text.size() || text[pos] != ']') return pos;
      ++pos;
      segment.subscripts.push_back(std::move(subscript));
    }
    out.push_back(std::move(segment));
    if (pos == text.size()) return std::nullopt;
    if (text[pos] != '.') return pos;
    ++pos;
  }
}

}  // namespace

PathResult UdmSchema::ResolvePath(std::span<const ast::PathSegment> segments) const {
  return Resolver(*data_, segments).Run();
}

PathResult UdmSchema::ResolvePath(std::string_view text) const {
  std::vector<ast::PathSegment> segments;
  if (std::optional<size_t> bad = ParsePathText(text, segments)) {
    return PathResult{
        .path = std::nullopt,
        .error = PathError{.kind = PathErrorKind::kSyntax,
                           .segment = segments.size(),
                           .message = schema::Cat({"malformed field path `", text,
                                                   "` at offset ", std::to_string(*bad)}),
                           .suggestions = {}}};
  }
  return ResolvePath(std::span<const ast::PathSegment>(segments));
}

}  // namespace yaral

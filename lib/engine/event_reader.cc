#include "engine/event_reader.h"

#include <simdjson.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <string>

namespace yaral::engine {
namespace {

namespace od = simdjson::ondemand;

}  // namespace

// ------------------------------------------------------------------ trie

FieldTrie::FieldTrie() { nodes_.emplace_back(); }

int FieldTrie::Child(int parent, const plan::FieldStep& step) {
  for (int c : nodes_[parent].children) {
    if (nodes_[c].name == step.name) return c;
  }
  TrieNode node;
  node.name = step.name;
  node.json_name = step.json_name;
  const FieldType parent_type = nodes_[parent].type;
  if (parent != kRoot && (parent_type == FieldType::kTimestamp || parent_type == FieldType::kDuration)) {
    node.time_part = step.name == "seconds" ? TrieNode::TimePart::kSeconds
                     : step.name == "nanos" ? TrieNode::TimePart::kNanos
                                            : TrieNode::TimePart::kNone;
  }
  node.type = step.type;
  node.enum_type = step.enum_type;
  node.repeated = step.repeated;
  node.label_list = step.label_list;
  node.parent = parent;
  const TrieNode& p = nodes_[parent];
  node.repeated_ancestor = p.repeated ? parent : p.repeated_ancestor;
  if (parent == kRoot) {
    const size_t member = p.children.size();
    node.member_bit = member < 63 ? uint64_t{1} << member : kUndecidedMember;
  }
  nodes_.push_back(std::move(node));
  const int index = static_cast<int>(nodes_.size() - 1);
  nodes_[parent].children.push_back(index);
  const TrieNode& added = nodes_[index];
  nodes_[parent].child_keys.push_back(
      {.first = added.name[0], .json_first = added.json_name == added.name ? '\0' : added.json_name[0]});
  return index;
}

uint64_t FieldTrie::MemberBit(int node) const {
  while (node != kRoot && nodes_[node].parent != kRoot) node = nodes_[node].parent;
  return node == kRoot ? 0 : nodes_[node].member_bit;
}

std::vector<int> FieldTrie::Add(const plan::FieldPath& path) {
  std::vector<int> out;
  int current = kRoot;
  for (const plan::FieldStep& step : path.steps) {
    current = Child(current, step);
    if (step.key) {
      // A keyed read is a leaf under the map (or Label list) node. Its items
      // belong to the map's parent element: a lookup, not a level.
      int keyed = -1;
      for (int k : nodes_[current].keyed) {
        if (nodes_[k].name == *step.key) keyed = k;
      }
      if (keyed < 0) {
        TrieNode node;
        node.name = *step.key;
        node.json_name = *step.key;
        node.type = FieldType::kString;
        node.is_key = true;
        node.parent = current;
        const TrieNode& map = nodes_[current];
        node.repeated_ancestor = map.repeated_ancestor;
        nodes_.push_back(std::move(node));
        keyed = static_cast<int>(nodes_.size() - 1);
        nodes_[current].keyed.push_back(keyed);
      }
      current = keyed;
    }
    out.push_back(current);
  }
  return out;
}

// ------------------------------------------------------------------ reader

struct EventReader::Parser {
  od::parser parser;
  std::vector<TrieNode>* nodes = nullptr;

  Item& Push(int node, uint32_t parent, uint32_t position) {
    TrieNode& n = (*nodes)[node];
    if (n.count == n.items.size()) n.items.emplace_back();
    Item& item = n.items[n.count++];
    item.parent = parent;
    item.position = position;
    return item;
  }

  // A raw token without the whitespace simdjson leaves after it.
  static std::string_view Trimmed(std::string_view raw) {
    while (!raw.empty() && (raw.back() == ' ' || raw.back() == '\n' || raw.back() == '\r' ||
                            raw.back() == '\t')) {
      raw.remove_suffix(1);
    }
    return raw;
  }

  static void SetNumberAsString(Value& out, od::value& v) { out.SetString(Trimmed(v.raw_json_token())); }

  // The seconds protobuf allows: Timestamp from 0001-01-01T00:00:00Z to
  // 9999-12-31T23:59:59Z, Duration within ±315576000000 s (10000 years).
  struct TimeRange {
    int64_t min, max;
  };
  static TimeRange RangeOf(FieldType type) {
    if (type == FieldType::kDuration) return {-315576000000, 315576000000};
    return {-62135596800, 253402300799};
  }

  // The event cannot be used: Read returns the first refusal.
  void Refuse(std::string_view reason, std::string message) {
    if (!refusal_reason.empty()) return;
    refusal_reason = reason;
    refusal = std::move(message);
  }
  void RefuseRange(const TrieNode& n, std::string_view value) {
    Refuse(kTimeOutOfRange, n.name + ": " + std::string(value) + " is outside the " +
                                (n.type == FieldType::kDuration ? "Duration range (±10000 years)"
                                                                : "Timestamp range (years 0001-9999)"));
  }

  // One scalar leaf value.
  void Leaf(od::value v, int node, uint32_t parent, uint32_t position) {
    TrieNode& n = (*nodes)[node];
    od::json_type type;
    if (v.type().get(type) != simdjson::SUCCESS) return;
    if (type == od::json_type::null) return;  // absent: the zero value
    Item& item = Push(node, parent, position);
    Value& out = item.value;
    std::string_view text;
    switch (n.type) {
      case FieldType::kString:
      case FieldType::kBytes:
        if (type == od::json_type::string && v.get_string().get(text) == simdjson::SUCCESS) {
          out.SetString(text);
        } else if (type == od::json_type::number) {
          SetNumberAsString(out, v);
        } else if (type == od::json_type::boolean) {
          bool b = false;
          if (v.get_bool().get(b) != simdjson::SUCCESS) b = false;
          out.SetString(b ? "true" : "false");
        } else {
          out = Value();
        }
        return;
      case FieldType::kEnum: {
        if (type == od::json_type::string && v.get_string().get(text) == simdjson::SUCCESS) {
          if (n.enum_type != nullptr && !text.empty() && (text[0] >= '0' && text[0] <= '9')) {
            if (const EnumValue* e = ResolveEnum(*n.enum_type, text)) text = e->name;
          }
          out.SetString(text);
        } else if (type == od::json_type::number) {
          int64_t number = 0;
          const EnumValue* e = nullptr;
          if (v.get_int64().get(number) == simdjson::SUCCESS && n.enum_type != nullptr) {
            e = ResolveEnumNumber(*n.enum_type, number);
          }
          if (e != nullptr) {
            out.SetString(e->name);
          } else {
            SetNumberAsString(out, v);
          }
        } else {
          out = Value();
        }
        return;
      }
      case FieldType::kInt:
      case FieldType::kUint:
      case FieldType::kFloat: {
        if (type == od::json_type::string && v.get_string().get(text) == simdjson::SUCCESS) {
          if (n.type == FieldType::kInt) {
            auto parsed = ParseInt64(text);
            out = parsed.ok() ? Value::Int(*parsed) : Value();
          } else if (n.type == FieldType::kUint) {
            auto parsed = ParseUint64(text);
            out = parsed.ok() ? Value::Uint(*parsed) : Value();
          } else {
            char* end = nullptr;
            std::string copy(text);
            double d = std::strtod(copy.c_str(), &end);
            out = end != nullptr && *end == '\0' && !copy.empty() ? Value::Float(d) : Value();
          }
          return;
        }
        if (type != od::json_type::number) {
          out = Value();
          return;
        }
        od::number number;
        if (v.get_number().get(number) != simdjson::SUCCESS) {
          out = Value();
          return;
        }
        if (n.type == FieldType::kFloat) {
          out = Value::Float(number.as_double());
        } else if (number.is_int64()) {
          out = n.type == FieldType::kUint && number.get_int64() >= 0
                    ? Value::Uint(static_cast<uint64_t>(number.get_int64()))
                    : Value::Int(number.get_int64());
        } else if (number.is_uint64()) {
          out = Value::Uint(number.get_uint64());
        } else {
          // 1.0 for an integer field: keep the number, as a float.
          out = Value::Float(number.as_double());
        }
        return;
      }
      case FieldType::kBool: {
        bool b = false;
        if (type == od::json_type::boolean && v.get_bool().get(b) == simdjson::SUCCESS) {
          out = Value::Bool(b);
        } else if (type == od::json_type::string && v.get_string().get(text) == simdjson::SUCCESS) {
          out = Value::Bool(text == "true");
        } else {
          out = Value();
        }
        return;
      }
      default:
        out = Value();
        return;
    }
  }

  // A Timestamp or Duration: `.seconds` / `.nanos` come from an RFC 3339
  // string, a number of seconds or a {seconds, nanos} object. A value that
  // cannot be read, or lies outside what protobuf's Timestamp (years
  // 0001-9999) or Duration (about ±10000 years) can hold, refuses the event
  // (Refuse): reading it as 0 would silently move it to 1970, and bounded
  // times keep every later window sum far from int64 overflow.
  void Timestamp(od::value v, int node, uint32_t parent) {
    TrieNode& n = (*nodes)[node];
    od::json_type type;
    if (v.type().get(type) != simdjson::SUCCESS) return;
    int64_t seconds = 0;
    int64_t nanos = 0;
    std::string_view text;
    if (type == od::json_type::null) return;  // absent: the zero value
    if (type == od::json_type::string) {
      if (v.get_string().get(text) != simdjson::SUCCESS) return;
      auto t = ParseTimestamp(text);
      if (!t.ok()) {
        auto s = ParseInt64(text);  // epoch seconds as a string
        if (!s.ok()) {
          Refuse(kBadTimestamp, n.name + ": " + std::string(t.status().message()));
          return;
        }
        seconds = *s;
      } else {
        seconds = t->seconds;
        nanos = t->nanos;
      }
    } else if (type == od::json_type::number) {
      double d = 0;
      if (v.get_double().get(d) != simdjson::SUCCESS || !std::isfinite(d)) {
        Refuse(kBadTimestamp,
               n.name + ": number " + std::string(Trimmed(v.raw_json_token())) + " is not a time in seconds");
        return;
      }
      // Compared as a double before the cast: converting a double outside
      // int64 is undefined behaviour.
      const TimeRange range = RangeOf(n.type);
      if (d < static_cast<double>(range.min) || d > static_cast<double>(range.max)) {
        RefuseRange(n, Trimmed(v.raw_json_token()));
        return;
      }
      seconds = static_cast<int64_t>(d);
    } else if (type == od::json_type::object) {
      od::object object;
      if (v.get_object().get(object) != simdjson::SUCCESS) return;
      for (auto field : object) {
        std::string_view key;
        if (field.unescaped_key().get(key) != simdjson::SUCCESS) return;
        od::value part;
        if (field.value().get(part) != simdjson::SUCCESS) return;
        int64_t* target = key == "seconds" ? &seconds : key == "nanos" ? &nanos : nullptr;
        if (target == nullptr) continue;
        od::json_type part_type;
        if (part.type().get(part_type) != simdjson::SUCCESS) return;
        if (part_type == od::json_type::null) continue;
        bool read = false;
        if (part_type == od::json_type::string) {
          if (part.get_string().get(text) != simdjson::SUCCESS) return;
          auto parsed = ParseInt64(text);
          if (parsed.ok()) *target = *parsed;
          read = parsed.ok();
        } else if (part_type == od::json_type::number) {
          int64_t i = 0;
          read = part.get_int64().get(i) == simdjson::SUCCESS;
          if (read) *target = i;
        }
        if (!read) {
          Refuse(kBadTimestamp, n.name + "." + std::string(key) + ": " +
                                     std::string(Trimmed(part.raw_json_token())) + " is not an int64");
          return;
        }
      }
      if (nanos < 0 || nanos > 999999999) {
        Refuse(kBadTimestamp, n.name + ".nanos: " + std::to_string(nanos) + " is outside [0, 999999999]");
        return;
      }
    } else {
      Refuse(kBadTimestamp, n.name + ": " + std::string(Trimmed(v.raw_json_token())) + " is not a timestamp");
      return;
    }
    const TimeRange range = RangeOf(n.type);
    if (seconds < range.min || seconds > range.max) {
      RefuseRange(n, std::to_string(seconds) + " seconds");
      return;
    }
    if (n.children.empty()) {
      // The timestamp itself (`earliest($e.metadata.event_timestamp)`):
      // read as Unix seconds.
      Push(node, parent, 0).value = Value::Int(seconds);
      return;
    }
    for (int c : n.children) {
      switch ((*nodes)[c].time_part) {
        case TrieNode::TimePart::kSeconds: Push(c, parent, 0).value = Value::Int(seconds); break;
        case TrieNode::TimePart::kNanos: Push(c, parent, 0).value = Value::Int(nanos); break;
        case TrieNode::TimePart::kNone: break;
      }
    }
  }

  // A map entry value: a string, or the Struct encoding {"stringValue": s}.
  void MapEntry(od::value v, int keyed, uint32_t parent) {
    TrieNode& n = (*nodes)[keyed];
    // The first value wins (spec §4.10): keep one per parent element.
    if (n.count > 0 && n.items[n.count - 1].parent == parent) return;
    od::json_type type;
    if (v.type().get(type) != simdjson::SUCCESS) return;
    std::string_view text;
    if (type == od::json_type::string) {
      if (v.get_string().get(text) != simdjson::SUCCESS) return;
      Push(keyed, parent, 0).value.SetString(text);
    } else if (type == od::json_type::object) {
      od::object object;
      if (v.get_object().get(object) != simdjson::SUCCESS) return;
      for (auto field : object) {
        std::string_view key;
        if (field.unescaped_key().get(key) != simdjson::SUCCESS) return;
        if (key != "stringValue" && key != "string_value") continue;
        od::value inner;
        if (field.value().get(inner) != simdjson::SUCCESS) return;
        if (inner.get_string().get(text) == simdjson::SUCCESS) {
          Push(keyed, parent, 0).value.SetString(text);
        }
        return;
      }
    }
  }

  int KeyedChild(const TrieNode& map, std::string_view key) const {
    for (int k : map.keyed) {
      if ((*nodes)[k].name == key) return k;
    }
    return -1;
  }

  // A Struct (`additional`, `fields`): entries are read by key. The JSON may
  // be the canonical object or {"fields": {...}} (the explicit encoding).
  void Struct(od::object object, int node, uint32_t parent) {
    const TrieNode& n = (*nodes)[node];
    int fields_child = -1;
    for (int c : n.children) {
      if ((*nodes)[c].name == "fields") fields_child = c;
    }
    const int map = fields_child >= 0 ? fields_child : node;
    for (auto field : object) {
      std::string_view key;
      if (field.unescaped_key().get(key) != simdjson::SUCCESS) return;
      od::value v;
      if (field.value().get(v) != simdjson::SUCCESS) return;
      if (key == "fields") {
        od::object inner;
        if (v.get_object().get(inner) == simdjson::SUCCESS) Struct(inner, map, parent);
        continue;
      }
      int keyed = KeyedChild((*nodes)[map], key);
      if (keyed >= 0) MapEntry(v, keyed, parent);
    }
  }

  // One Label element {key, value} of a list read by key.
  void LabelEntry(od::object object, const TrieNode& list, uint32_t parent) {
    bool has_key = false;
    bool has_value = false;
    for (auto field : object) {
      std::string_view name;
      if (field.unescaped_key().get(name) != simdjson::SUCCESS) return;
      std::string_view text;
      if (name == "key" && field.value().get_string().get(text) == simdjson::SUCCESS) {
        label_key_.assign(text);
        has_key = true;
      } else if (name == "value" && field.value().get_string().get(text) == simdjson::SUCCESS) {
        label_value_.assign(text);
        has_value = true;
      }
    }
    if (!has_key) return;
    const int keyed = KeyedChild(list, label_key_);
    if (keyed < 0) return;
    TrieNode& n = (*nodes)[keyed];
    if (n.count > 0 && n.items[n.count - 1].parent == parent) return;  // first wins
    Push(keyed, parent, 0).value.SetString(has_value ? std::string_view(label_value_) : "");
  }

  // One element (or the single value) of a field.
  simdjson::error_code Element(od::value v, int node, uint32_t parent, uint32_t position) {
    TrieNode& n = (*nodes)[node];
    if (n.type == FieldType::kTimestamp || n.type == FieldType::kDuration) {
      uint32_t element_parent = parent;
      if (n.repeated && !n.children.empty()) {
        Push(node, parent, position);
        element_parent = static_cast<uint32_t>(n.count - 1);
      }
      Timestamp(v, node, element_parent);
      return simdjson::SUCCESS;
    }
    if (n.children.empty() && n.keyed.empty()) {
      Leaf(v, node, parent, position);
      return simdjson::SUCCESS;
    }
    od::json_type type;
    if (auto error = v.type().get(type)) return error;
    uint32_t element_parent = parent;
    if (n.repeated) {
      Push(node, parent, position);
      element_parent = static_cast<uint32_t>(n.count - 1);
    }
    if (type != od::json_type::object) return simdjson::SUCCESS;
    od::object object;
    if (auto error = v.get_object().get(object)) return error;
    if (n.type == FieldType::kMap) {
      Struct(object, node, element_parent);
      return simdjson::SUCCESS;
    }
    if (n.label_list && !n.keyed.empty() && n.children.empty()) {
      // Only read by key: the lookup belongs to the list's parent element.
      LabelEntry(object, n, parent);
      return simdjson::SUCCESS;
    }
    return Object(object, node, element_parent);
  }

  simdjson::error_code Value_(od::value v, int node, uint32_t parent) {
    TrieNode& n = (*nodes)[node];
    if (n.repeated) {
      od::json_type type;
      if (auto error = v.type().get(type)) return error;
      if (type == od::json_type::array) {
        od::array array;
        if (auto error = v.get_array().get(array)) return error;
        uint32_t position = 0;
        for (auto element : array) {
          od::value e;
          if (auto error = element.get(e)) return error;
          if (auto error = Element(e, node, parent, position++)) return error;
        }
        return simdjson::SUCCESS;
      }
      // A scalar where a list is expected: a one-element list.
    }
    return Element(v, node, parent, 0);
  }

  simdjson::error_code Object(od::object object, int node, uint32_t parent) {
    const TrieNode& n = (*nodes)[node];
    for (auto result : object) {
      od::field field;
      if (auto error = std::move(result).get(field)) return error;
      // Compare the key as it stands in the input (bytes, then the closing
      // quote): UDM field names hold no escapes, so unescaping every key
      // would be wasted work, and a key spelt with escapes is no field name.
      // The first byte rules out most candidates without a memcmp.
      const od::raw_json_string key = field.key();
      const char first = *reinterpret_cast<const char*>(key.raw());
      int child = -1;
      for (size_t i = 0; i < n.children.size(); ++i) {
        const TrieNode::ChildKey& k = n.child_keys[i];
        if (first != k.first && first != k.json_first) continue;
        const TrieNode& candidate = (*nodes)[n.children[i]];
        if ((first == k.first && key.unsafe_is_equal(candidate.name)) ||
            (first == k.json_first && key.unsafe_is_equal(candidate.json_name))) {
          child = n.children[i];
          break;
        }
      }
      if (child < 0) continue;  // not read by the rule: skipped unparsed
      if (auto error = Value_(field.value(), child, parent)) return error;
      if (node == FieldTrie::kRoot && gate != nullptr) {
        // A member read twice counts as read at its first occurrence, as
        // single values do (the first item is the one used).
        members_read |= (*nodes)[child].member_bit & ~FieldTrie::kUndecidedMember;
        if ((members_read & time_members) == time_members && gate->Rejects(members_read)) {
          rejected = true;
          return simdjson::SUCCESS;
        }
      }
    }
    return simdjson::SUCCESS;
  }

  // The early stop of one Read (see ReadGate).
  ReadGate* gate = nullptr;
  uint64_t time_members = 0;
  uint64_t members_read = 0;
  bool rejected = false;

  std::string label_key_;
  std::string label_value_;
  std::string_view refusal_reason;  // empty while the event is usable
  std::string refusal;
};

EventReader::EventReader() : parser_(std::make_unique<Parser>()) {}
EventReader::~EventReader() = default;

void EventReader::AddTimeFields() {
  // Resolved by the schema like any rule path, so the JSON names and the
  // Timestamp's `seconds` / `nanos` come out exactly as for the rules' own.
  auto add = [&](std::string_view text) {
    PathResult resolved = UdmSchema::Get().ResolvePath(text);
    const plan::FieldPath path = plan::FieldPathOf(*resolved.path);
    const int node = trie(path.root).Add(path).back();
    time_members_[static_cast<int>(path.root)] |= trie(path.root).MemberBit(node);
    return node;
  };
  time_[static_cast<int>(plan::Root::kUdm)] = {
      .seconds = add("metadata.event_timestamp.seconds"),
      .nanos = add("metadata.event_timestamp.nanos"),
  };
  time_[static_cast<int>(plan::Root::kGraph)] = {
      .seconds = add("graph.metadata.interval.start_time.seconds"),
      .nanos = add("graph.metadata.interval.start_time.nanos"),
      .until = add("graph.metadata.interval.end_time.seconds"),
  };
}

absl::Status EventReader::Read(std::string_view json, bool padded, ReadGate* gate) {
  ++read_count_;
  rejected_ = false;
  // Decide the root from the top-level keys without a second parse: entity
  // records carry `entity`; its presence near the top is typical but not
  // guaranteed, so the object's own keys are checked below.
  // simdjson reads whole blocks past the end (what lies there does not
  // matter): text without that padding is copied into a buffer that only
  // grows (no zero fill per event).
  const size_t needed = json.size() + simdjson::SIMDJSON_PADDING;
  simdjson::padded_string_view text(json.data(), json.size(), needed);
  if (!padded) {
    if (needed > capacity_) {
      capacity_ = std::max(needed, capacity_ * 2);
      buffer_ = std::make_unique_for_overwrite<char[]>(capacity_);
    }
    std::memcpy(buffer_.get(), json.data(), json.size());
    std::memset(buffer_.get() + json.size(), ' ', simdjson::SIMDJSON_PADDING);
    text = simdjson::padded_string_view(buffer_.get(), json.size(), capacity_);
  }
  refusal_reason_ = kInvalidJson;
  od::document doc;
  if (auto error = parser_->parser.iterate(text).get(doc)) {
    return absl::InvalidArgumentError(std::string("invalid JSON: ") + simdjson::error_message(error));
  }
  od::object object;
  if (doc.get_object().get(object) != simdjson::SUCCESS) {
    refusal_reason_ = kNotAnObject;
    return absl::InvalidArgumentError("an event must be a JSON object");
  }
  // The record kind: entity-graph records have a top-level `entity`. Only
  // rules with graph variables care; for them a quick search for the key
  // avoids walking the keys twice for ordinary events.
  root_ = plan::Root::kUdm;
  if (read_entities_ && memmem(json.data(), json.size(), "\"entity\"", 8) != nullptr) {
    bool is_entity = false;
    for (auto field : object) {
      std::string_view key;
      if (field.unescaped_key().get(key) != simdjson::SUCCESS) break;
      if (key == "entity") {
        is_entity = true;
        break;
      }
    }
    if (is_entity) root_ = plan::Root::kGraph;
    if (auto error = object.reset().error()) {
      return absl::InvalidArgumentError(std::string("invalid JSON: ") + simdjson::error_message(error));
    }
  }
  for (FieldTrie& t : tries_) {
    for (TrieNode& n : t.nodes()) n.count = 0;
  }
  Parser& parser = *parser_;
  parser.nodes = &trie(root_).nodes();
  parser.gate = gate;
  parser.time_members = time_members_[static_cast<int>(root_)];
  parser.members_read = 0;
  parser.rejected = false;
  parser.refusal_reason = {};
  if (auto error = parser.Object(object, FieldTrie::kRoot, 0)) {
    return absl::InvalidArgumentError(std::string("invalid JSON: ") + simdjson::error_message(error));
  }
  if (!parser.refusal_reason.empty()) {
    refusal_reason_ = parser.refusal_reason;
    return absl::InvalidArgumentError(parser.refusal);
  }
  rejected_ = parser.rejected;
  return absl::OkStatus();
}

int64_t EventReader::valid_until() const {
  const TimeFields& f = time_[static_cast<int>(root_)];
  if (f.until < 0) return time().seconds;
  const TrieNode& n = tries_[static_cast<int>(root_)].nodes()[f.until];
  return n.count > 0 ? n.items[0].value.int_value() : std::numeric_limits<int64_t>::max();
}

UdmTimestamp EventReader::time() const {
  const TimeFields& f = time_[static_cast<int>(root_)];
  const std::vector<TrieNode>& nodes = tries_[static_cast<int>(root_)].nodes();
  UdmTimestamp t;
  if (f.seconds >= 0 && nodes[f.seconds].count > 0) t.seconds = nodes[f.seconds].items[0].value.int_value();
  if (f.nanos >= 0 && nodes[f.nanos].count > 0) {
    int64_t n = nodes[f.nanos].items[0].value.int_value();
    t.nanos = static_cast<int32_t>(n >= 0 && n < 1000000000 ? n : 0);
  }
  return t;
}

}  // namespace yaral::engine

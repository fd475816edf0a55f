// Reading the fields a plan needs out of one UDM event's JSON.
//
// The plan's field paths are merged into a trie (one per record root: UDM
// event or entity). The reader walks the event's JSON once with simdjson
// On-Demand, descends only into keys the trie knows (either spelling:
// `event_timestamp` or `eventTimestamp`), skips everything else, and stores
// the values it meets per trie node as `Item`s. Repeated fields keep their
// structure: every item records the element of the nearest repeated
// ancestor it belongs to and its position there, which is what event-copy
// unnesting (rows.h) and `[N]` need.
//
// The walk can stop early: after each top-level member (`metadata`,
// `principal`, ...) the reader asks its ReadGate whether the members read so
// far already decide the event, e.g. every rule's filter on
// `metadata.event_type` is false. Most events of a stream are rejected that
// way after their first member, and the rest of their JSON is never walked.
// The event's time fields are always read before the gate is asked.
//
// Values are decoded the way docs/events.md describes (int64 as strings,
// timestamps as RFC 3339 or {seconds, nanos}, enums by name or number, a
// scalar where a list is expected). A value of the wrong JSON type for its
// field reads as the zero value, as an absent field would.
//
// Private to lib/engine. Not thread-safe: one reader per engine; its storage
// is reused from event to event, so a steady stream allocates nothing.
#ifndef YARAL_LIB_ENGINE_EVENT_READER_H_
#define YARAL_LIB_ENGINE_EVENT_READER_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "compile/plan.h"
#include "yaral/udm_values.h"
#include "yaral/value.h"

namespace yaral::engine {

// One value (or, for a repeated message, one element) found in the event.
struct Item {
  uint32_t parent = 0;    // item index in the nearest repeated ancestor; 0 at the root
  uint32_t position = 0;  // index within its JSON array (0 for a scalar)
  Value value;            // leaves only
};

struct TrieNode {
  std::string name;
  std::string json_name;
  // Under a Timestamp or Duration: which part this node reads.
  enum class TimePart : uint8_t { kNone, kSeconds, kNanos } time_part = TimePart::kNone;
  FieldType type = FieldType::kString;
  const EnumInfo* enum_type = nullptr;
  bool repeated = false;
  bool label_list = false;
  bool is_key = false;             // a `["k"]` read under its parent
  int parent = -1;
  int repeated_ancestor = -1;      // nearest repeated ancestor node, -1 = root
  // Top-level members only: this member's bit in the mask a ReadGate sees
  // (kUndecidedMember past the 63rd member: never reported as read).
  uint64_t member_bit = 0;
  std::vector<int> children;       // by field name
  // Per child, the first byte of each spelling: the walk rules out most
  // keys without touching the child nodes.
  struct ChildKey {
    char first = 0;
    char json_first = 0;  // 0 when json_name == name
  };
  std::vector<ChildKey> child_keys;  // parallel to `children`
  std::vector<int> keyed;          // `["k"]` reads (is_key nodes)
  // Decoded items of the current event: the first `count` are live.
  std::vector<Item> items;
  size_t count = 0;
};

// The trie of one root, built from a plan's field paths.
class FieldTrie {
 public:
  // The bit shared by top-level members beyond the 63rd: a read mask never
  // holds it, so filters on such members are never decided early.
  static constexpr uint64_t kUndecidedMember = uint64_t{1} << 63;
  // The ReadGate bit of the top-level member `node` lies under.
  uint64_t MemberBit(int node) const;

  // Adds `path`; returns the node of each step (so steps[i] -> nodes[i]).
  std::vector<int> Add(const plan::FieldPath& path);
  std::vector<TrieNode>& nodes() { return nodes_; }
  const std::vector<TrieNode>& nodes() const { return nodes_; }
  static constexpr int kRoot = 0;

  FieldTrie();

 private:
  int Child(int parent, const plan::FieldStep& step);
  std::vector<TrieNode> nodes_;
};

// Where the event's time is found in each trie.
struct TimeFields {
  int seconds = -1;
  int nanos = -1;
  int until = -1;  // entity records: metadata.interval.end_time.seconds
};

// Decides, from the top-level members read so far, whether the rest of an
// event is needed.
class ReadGate {
 public:
  virtual ~ReadGate() = default;
  // `members_read`: the FieldTrie::MemberBit of every top-level member read
  // completely so far. True stops the walk: the event is rejected.
  virtual bool Rejects(uint64_t members_read) = 0;
};

// Why Read refuses an event; the keys of EngineStats::invalid_by_reason.
inline constexpr std::string_view kInvalidJson = "invalid_json";
inline constexpr std::string_view kNotAnObject = "not_an_object";
inline constexpr std::string_view kBadTimestamp = "bad_timestamp";        // unreadable
inline constexpr std::string_view kTimeOutOfRange = "time_out_of_range";  // outside protobuf's range

class EventReader {
 public:
  EventReader();
  ~EventReader();

  FieldTrie& trie(plan::Root root) { return tries_[static_cast<int>(root)]; }
  // Some rule reads entity-graph records: tell them from UDM events.
  void ReadEntities() { read_entities_ = true; }
  // Adds metadata.event_timestamp (UDM) / metadata.interval.start_time
  // (entities) to the tries; call once, after every path was added.
  void AddTimeFields();

  // Reads `json` (one JSON object). Which trie is filled depends on the
  // record: an object with a top-level `entity` key is an entity-graph
  // record, anything else a UDM event. InvalidArgument when the text is not
  // a JSON object. `padded`: SIMDJSON_PADDING readable bytes follow `json`
  // in memory, so it is parsed in place instead of copied. With a gate, the
  // walk may stop early (rejected()).
  absl::Status Read(std::string_view json, bool padded = false, ReadGate* gate = nullptr);

  // Why the last Read failed: one of the k* reasons below.
  std::string_view refusal_reason() const { return refusal_reason_; }

  // The gate stopped the last Read: the fields after the deciding member
  // were not read, and the event must not be used beyond its time.
  bool rejected() const { return rejected_; }
  // Counts Read calls: tells one event's cached filter results from the next.
  uint64_t read_count() const { return read_count_; }

  plan::Root root() const { return root_; }
  UdmTimestamp time() const;
  // The end of an entity record's validity interval (Unix seconds); the
  // largest int64 when it has none; time().seconds for a UDM event.
  int64_t valid_until() const;

 private:
  struct Parser;
  std::unique_ptr<Parser> parser_;
  FieldTrie tries_[3];
  TimeFields time_[3];
  plan::Root root_ = plan::Root::kUdm;
  std::unique_ptr<char[]> buffer_;  // the event copied with simdjson's padding
  size_t capacity_ = 0;
  bool read_entities_ = false;
  bool rejected_ = false;
  std::string_view refusal_reason_;
  uint64_t read_count_ = 0;
  uint64_t time_members_[3] = {0, 0, 0};  // members holding each root's time fields
};

}  // namespace yaral::engine

#endif  // YARAL_LIB_ENGINE_EVENT_READER_H_

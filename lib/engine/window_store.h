// The rows a windowed rule holds for its open windows, grouped by match key.
//
// When every event variable of a rule binds every match placeholder (the
// usual `$e1.f = $key ... $e2.f = $key ... match: $key`), a row's match key
// is known as soon as the row is built, and rows of different keys never
// meet in a group. The store then keeps one KeyState per distinct key, with
// its own rows and its own window clock, so closing a window costs the rows
// of the keys it holds, not every live row, and a join never pairs rows of
// two keys. Other rules keep a single KeyState (key "") holding all rows.
//
// Keys are visited in order of when they next need work through two lazy
// agendas (min-heaps of (time, order, key id)): when the key's next window
// closes, and when its oldest row or judged set may be forgotten. An entry
// whose time is no longer the key's queued time, or whose key is gone, is
// skipped when popped, so rescheduling never searches the heap.
//
// Private to lib/engine.
#ifndef YARAL_LIB_ENGINE_WINDOW_STORE_H_
#define YARAL_LIB_ENGINE_WINDOW_STORE_H_

#include <cstdint>
#include <functional>
#include <limits>
#include <memory>
#include <queue>
#include <string>
#include <unordered_map>
#include <vector>

#include "engine/row.h"

namespace yaral::engine {

// The signature of a set of events already judged for a group key, and the
// end of the window it was judged in (forgotten once no window still to
// close can hold those events).
struct EmittedSet {
  uint64_t signature = 0;
  int64_t window_end = 0;
};

struct KeyState {
  static constexpr int64_t kNever = std::numeric_limits<int64_t>::max();

  uint64_t id = 0;
  std::string key;  // the partition text (RuleRunner::PartitionText); "" when not keyed
  // Live rows per variable (table variables: none), ordered by (time,
  // event). Boxed so a pending pivot's pointer survives inserts in the
  // middle. A vector, not a deque: most keys hold a few rows, and an empty
  // deque already allocates its first block.
  std::vector<std::vector<std::unique_ptr<Row>>> rows;
  size_t live_rows = 0;
  // The group key (RuleRunner::KeyText) its rows share, unless they differ
  // (values equal across kinds, like 1 and 1.0, share a partition).
  std::string group_key;
  bool mixed_keys = false;
  size_t pending_pivots = 0;  // sliding windows: pivots of this key not yet evaluated
  // Hop/tumbling: the first window of this key not yet closed (once one was).
  int64_t next_window_start = std::numeric_limits<int64_t>::min();
  // Per group key (KeyText): the event sets emitted, explained (--explain)
  // and found quiet (condition false, see RuleRunner::JudgeGroup).
  std::unordered_map<std::string, EmittedSet> emitted;
  std::unordered_map<std::string, EmittedSet> explained;
  std::unordered_map<std::string, EmittedSet> quiet;
  // The times last queued on the two agendas (kNever: not queued).
  int64_t due = kNever;
  int64_t expires = kNever;
};

class WindowStore {
 public:
  explicit WindowStore(size_t variables) : variables_(variables) {}

  // The state of `key`, created when new; null when it is new and the store
  // already holds `max_keys` keys.
  KeyState* Find(const std::string& key, size_t max_keys);

  // Inserts `row` in time order among the key's rows of `variable`.
  const Row* Keep(KeyState& state, int variable, Row row);

  // Queues the key on an agenda for `time`, unless it is queued no later.
  void ScheduleClose(KeyState& state, int64_t time) { Schedule(close_agenda_, state, state.due, time); }
  void ScheduleExpiry(KeyState& state, int64_t time) { Schedule(expiry_agenda_, state, state.expires, time); }
  // The next key queued at or before `time` (and no longer queued), or null;
  // `*when` is the time it was queued for.
  KeyState* PopClose(int64_t time, int64_t* when) { return Pop(close_agenda_, time, &KeyState::due, when); }
  KeyState* PopExpiry(int64_t time) { return Pop(expiry_agenda_, time, &KeyState::expires, nullptr); }

  // Row counts after rows were erased from `state` directly.
  void Forgot(KeyState& state, size_t rows) {
    state.live_rows -= rows;
    live_rows_ -= rows;
  }
  // Erases a key holding no rows and no pending pivot (destroys `state`).
  void EraseIfEmpty(KeyState& state);

  size_t live_rows() const { return live_rows_; }
  size_t keys() const { return states_.size(); }
  void Clear();

 private:
  struct Entry {
    int64_t time;
    uint64_t id;  // creation order: keys due at once pop oldest first
    bool operator>(const Entry& other) const {
      return time != other.time ? time > other.time : id > other.id;
    }
  };
  using Agenda = std::priority_queue<Entry, std::vector<Entry>, std::greater<>>;
  void Schedule(Agenda& agenda, KeyState& state, int64_t& queued, int64_t time);
  KeyState* Pop(Agenda& agenda, int64_t time, int64_t KeyState::*queued, int64_t* when);

  size_t variables_;
  uint64_t next_id_ = 1;
  std::unordered_map<uint64_t, std::unique_ptr<KeyState>> states_;
  std::unordered_map<std::string, uint64_t> ids_;
  Agenda close_agenda_;
  Agenda expiry_agenda_;
  size_t live_rows_ = 0;
};

}  // namespace yaral::engine

#endif  // YARAL_LIB_ENGINE_WINDOW_STORE_H_

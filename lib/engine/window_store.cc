#include "engine/window_store.h"

#include <algorithm>
#include <utility>

namespace yaral::engine {

KeyState* WindowStore::Find(const std::string& key, size_t max_keys) {
  auto found = ids_.find(key);
  if (found != ids_.end()) return states_.at(found->second).get();
  if (states_.size() >= max_keys) return nullptr;
  auto state = std::make_unique<KeyState>();
  state->id = next_id_++;
  state->key = key;
  state->rows.resize(variables_);
  KeyState* pointer = state.get();
  ids_.emplace(key, state->id);
  states_.emplace(state->id, std::move(state));
  return pointer;
}

const Row* WindowStore::Keep(KeyState& state, int variable, Row row) {
  auto boxed = std::make_unique<Row>(std::move(row));
  const Row* pointer = boxed.get();
  std::vector<std::unique_ptr<Row>>& rows = state.rows[variable];
  const auto order = std::make_pair(pointer->time, pointer->event);
  if (rows.empty() || std::make_pair(rows.back()->time, rows.back()->event) <= order) {
    rows.push_back(std::move(boxed));
  } else {
    auto at = std::upper_bound(rows.begin(), rows.end(), order, [](const auto& o, const auto& r) {
      return o < std::make_pair(r->time, r->event);
    });
    rows.insert(at, std::move(boxed));
  }
  ++state.live_rows;
  ++live_rows_;
  return pointer;
}

void WindowStore::Schedule(Agenda& agenda, KeyState& state, int64_t& queued, int64_t time) {
  if (time >= queued) return;  // already queued no later: that entry will see the key
  queued = time;
  agenda.push({time, state.id});
}

KeyState* WindowStore::Pop(Agenda& agenda, int64_t time, int64_t KeyState::*queued, int64_t* when) {
  while (!agenda.empty() && agenda.top().time <= time) {
    const Entry entry = agenda.top();
    agenda.pop();
    auto it = states_.find(entry.id);
    if (it == states_.end() || (*it->second).*queued != entry.time) continue;  // stale entry
    (*it->second).*queued = KeyState::kNever;
    if (when != nullptr) *when = entry.time;
    return it->second.get();
  }
  return nullptr;
}

void WindowStore::EraseIfEmpty(KeyState& state) {
  if (state.live_rows != 0 || state.pending_pivots != 0) return;
  ids_.erase(state.key);
  states_.erase(state.id);  // destroys `state`
}

void WindowStore::Clear() {
  states_.clear();
  ids_.clear();
  close_agenda_ = {};
  expiry_agenda_ = {};
  live_rows_ = 0;
}

}  // namespace yaral::engine

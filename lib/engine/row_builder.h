// Turning one read event into the rows (event copies) of one variable.
//
// Spec §4.9: an event whose repeated fields have several elements is
// evaluated as several copies, one per combination of elements of the
// repeated levels the rule reads without `any`/`all`/`[N]`; nested levels
// multiply, an empty level gives one copy of zero values. A RowBuilder knows
// which levels ("dimensions") its variable's row slots cross, enumerates
// their combinations and fills each copy's slot values; whole slots (every
// value, for any/all and list arguments) are the same on every copy.
//
// Private to lib/engine.
#ifndef YARAL_LIB_ENGINE_ROW_BUILDER_H_
#define YARAL_LIB_ENGINE_ROW_BUILDER_H_

#include <cstdint>
#include "absl/functional/function_ref.h"
#include <vector>

#include "compile/plan.h"
#include "engine/event_reader.h"
#include "yaral/value.h"

namespace yaral::engine {

class RowBuilder {
 public:
  // Registers the variable's field paths in `reader`'s trie for its root.
  RowBuilder(const plan::Plan& plan, int variable, EventReader& reader);

  // Calls `visit(slots)` once per event copy of the event the reader holds,
  // with the copy's slot values (Variable::slots order); stops early when
  // `visit` returns false. Returns false when the copies were cut at
  // `max_rows` (a runaway cross product).
  bool ForEachRow(absl::FunctionRef<bool(std::vector<Value>& slots)> visit, size_t max_rows);

  // Slots whose value is the same on every copy: a path with no repeated
  // level, or a whole slot. Predicates reading only those can reject an
  // event before any copy is built.
  bool CopyInvariant(size_t slot) const { return paths_[slot].flat || paths_[slot].mode == plan::SlotMode::kWhole; }
  // The trie node of the top-level member (`principal`, ...) the slot's
  // path starts with.
  int MemberNode(size_t slot) const { return paths_[slot].steps.front().node; }
  // The value of a copy-invariant slot (the same on every copy).
  void FillInvariantSlot(size_t slot, Value& out) const { FillSlot(slot, out); }
  // A slot with one value per event (no repeated level, not whole).
  bool Flat(size_t slot) const { return paths_[slot].flat && paths_[slot].mode != plan::SlotMode::kWhole; }
  // A flat slot's value, read where the reader keeps it (no copy).
  const Value& FlatValue(size_t slot) const {
    const TrieNode& leaf = (*nodes_)[paths_[slot].steps.back().node];
    return leaf.count > 0 ? leaf.items[0].value : paths_[slot].zero;
  }

 private:
  struct Step {
    int node = 0;
    int64_t index = -1;  // `[N]`
    bool level = false;  // a repeated level (not a keyed lookup)
    int dim = -1;        // row slots: the dimension of an unindexed level
  };
  struct SlotPath {
    std::vector<Step> steps;
    plan::SlotMode mode = plan::SlotMode::kRow;
    bool flat = false;  // no repeated level: the leaf's first item
    // What an absent value reads as: the zero value of the field's type
    // ("" for strings and enums, 0, false; spec §3.4).
    Value zero;
  };
  struct Dim {
    int node = 0;
    int slot = 0;  // a slot whose path defines it
    int step = 0;  // the step of that path
  };

  // The element of the last level before `step_end` on `path`, under the
  // current assignment; -1 when some level is empty.
  int64_t Anchor(const SlotPath& path, size_t step_end) const;
  void FillSlot(size_t slot, Value& out) const;
  void CollectWhole(const SlotPath& path, size_t step, int64_t anchor, Value::ListType& out) const;
  bool Enumerate(size_t dim, absl::FunctionRef<bool(std::vector<Value>&)> visit, size_t max_rows,
                 size_t& rows, bool& truncated);
  // Items of `node` whose parent is `parent`: [first, last).
  std::pair<size_t, size_t> Children(int node, int64_t parent) const;

  std::vector<TrieNode>* nodes_ = nullptr;
  std::vector<SlotPath> paths_;
  std::vector<Dim> dims_;
  std::vector<int64_t> assignment_;  // item index per dimension, -1 = empty
  std::vector<Value> values_;
};

}  // namespace yaral::engine

#endif  // YARAL_LIB_ENGINE_ROW_BUILDER_H_

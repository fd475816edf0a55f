#include "engine/row_builder.h"

#include <algorithm>

namespace yaral::engine {

RowBuilder::RowBuilder(const plan::Plan& plan, int variable, EventReader& reader) {
  const plan::Variable& v = plan.variables[variable];
  FieldTrie& trie = reader.trie(v.root);
  // The trie's node vector may grow as later variables register paths, so
  // keep a pointer to the vector, not to nodes.
  nodes_ = &trie.nodes();
  if (v.root == plan::Root::kGraph) reader.ReadEntities();
  // A dimension is identified by the path prefix that reaches it.
  std::vector<std::vector<std::pair<int, int64_t>>> dim_keys;
  for (size_t s = 0; s < v.slots.size(); ++s) {
    const plan::Slot& slot = v.slots[s];
    const plan::FieldPath& field = plan.fields[slot.field];
    std::vector<int> nodes = trie.Add(field);
    SlotPath path;
    path.mode = slot.mode;
    std::vector<std::pair<int, int64_t>> prefix;
    bool any_level = false;
    for (size_t i = 0; i < field.steps.size(); ++i) {
      const plan::FieldStep& fs = field.steps[i];
      Step step;
      step.node = nodes[i];
      step.index = fs.index;
      // A keyed read of a Label list is a lookup, not a level.
      step.level = fs.repeated && !fs.key;
      prefix.emplace_back(step.node, step.index);
      if (step.level) any_level = true;
      if (step.level && step.index < 0 && slot.mode == plan::SlotMode::kRow) {
        auto it = std::find(dim_keys.begin(), dim_keys.end(), prefix);
        if (it == dim_keys.end()) {
          dim_keys.push_back(prefix);
          dims_.push_back({step.node, static_cast<int>(s), static_cast<int>(i)});
          step.dim = static_cast<int>(dims_.size() - 1);
        } else {
          step.dim = static_cast<int>(it - dim_keys.begin());
        }
      }
      path.steps.push_back(step);
    }
    path.flat = !any_level;
    switch (field.steps.back().type) {
      case FieldType::kInt: path.zero = Value::Int(0); break;
      case FieldType::kUint: path.zero = Value::Uint(0); break;
      case FieldType::kFloat: path.zero = Value::Float(0); break;
      case FieldType::kBool: path.zero = Value::Bool(false); break;
      case FieldType::kString: path.zero = Value::String(""); break;
      case FieldType::kEnum: {
        // The value in position 0 (EVENTTYPE_UNSPECIFIED...), spec §3.4.
        const EnumInfo* info = field.steps.back().enum_type;
        path.zero = Value::String(info != nullptr && info->values_known()
                                      ? std::string(info->values[0].name)
                                      : std::string());
        break;
      }
      default: break;  // messages, timestamps read whole: untyped zero
    }
    if (field.steps.back().key) path.zero = Value::String("");
    paths_.push_back(std::move(path));
  }
  assignment_.assign(dims_.size(), -1);
  values_.resize(v.slots.size());
}

std::pair<size_t, size_t> RowBuilder::Children(int node, int64_t parent) const {
  const TrieNode& n = (*nodes_)[node];
  auto begin = n.items.begin();
  auto end = n.items.begin() + static_cast<std::ptrdiff_t>(n.count);
  const uint32_t p = static_cast<uint32_t>(parent);
  auto lo = std::lower_bound(begin, end, p, [](const Item& item, uint32_t x) { return item.parent < x; });
  auto hi = std::upper_bound(lo, end, p, [](uint32_t x, const Item& item) { return x < item.parent; });
  return {static_cast<size_t>(lo - begin), static_cast<size_t>(hi - begin)};
}

int64_t RowBuilder::Anchor(const SlotPath& path, size_t step_end) const {
  int64_t current = 0;
  for (size_t i = 0; i < step_end; ++i) {
    const Step& step = path.steps[i];
    if (!step.level) continue;
    if (step.index >= 0) {
      auto [first, last] = Children(step.node, current);
      const TrieNode& n = (*nodes_)[step.node];
      int64_t found = -1;
      for (size_t k = first; k < last; ++k) {
        if (n.items[k].position == static_cast<uint32_t>(step.index)) {
          found = static_cast<int64_t>(k);
          break;
        }
      }
      if (found < 0) return -1;
      current = found;
    } else if (step.dim >= 0) {
      current = assignment_[step.dim];
      if (current < 0) return -1;
    } else {
      return -1;  // a whole-mode path has no single anchor
    }
  }
  return current;
}

void RowBuilder::FillSlot(size_t slot, Value& out) const {
  const SlotPath& path = paths_[slot];
  const TrieNode& leaf = (*nodes_)[path.steps.back().node];
  if (path.mode == plan::SlotMode::kWhole) {
    Value::ListType list;
    CollectWhole(path, 0, 0, list);
    out = Value::List(std::move(list));
    return;
  }
  if (path.flat) {
    out = FlatValue(slot);
    return;
  }
  if (path.steps.back().level) {
    const int64_t item = Anchor(path, path.steps.size());
    out = item >= 0 ? leaf.items[item].value : path.zero;
    return;
  }
  const int64_t anchor = Anchor(path, path.steps.size() - 1);
  if (anchor < 0) {
    out = path.zero;
    return;
  }
  auto [first, last] = Children(path.steps.back().node, anchor);
  out = first < last ? leaf.items[first].value : path.zero;
}

void RowBuilder::CollectWhole(const SlotPath& path, size_t step, int64_t anchor,
                              Value::ListType& out) const {
  const Step& s = path.steps[step];
  const TrieNode& n = (*nodes_)[s.node];
  const bool last_step = step + 1 == path.steps.size();
  if (!s.level) {
    if (last_step) {
      auto [first, last] = Children(s.node, anchor);
      if (first < last) out.push_back(n.items[first].value);
      return;
    }
    CollectWhole(path, step + 1, anchor, out);
    return;
  }
  auto [first, last] = Children(s.node, anchor);
  for (size_t k = first; k < last; ++k) {
    if (s.index >= 0 && n.items[k].position != static_cast<uint32_t>(s.index)) continue;
    if (last_step) {
      out.push_back(n.items[k].value);
    } else {
      CollectWhole(path, step + 1, static_cast<int64_t>(k), out);
    }
  }
}

bool RowBuilder::Enumerate(size_t dim, absl::FunctionRef<bool(std::vector<Value>&)> visit,
                           size_t max_rows, size_t& rows, bool& truncated) {
  if (dim == dims_.size()) {
    if (rows == max_rows) {
      truncated = true;
      return false;
    }
    ++rows;
    for (size_t s = 0; s < paths_.size(); ++s) FillSlot(s, values_[s]);
    return visit(values_);
  }
  const Dim& d = dims_[dim];
  const int64_t anchor = Anchor(paths_[d.slot], d.step);
  if (anchor >= 0) {
    auto [first, last] = Children(d.node, anchor);
    if (first < last) {
      for (size_t k = first; k < last; ++k) {
        assignment_[dim] = static_cast<int64_t>(k);
        if (!Enumerate(dim + 1, visit, max_rows, rows, truncated)) return false;
      }
      return true;
    }
  }
  // An empty level still gives one copy, its fields zero (spec §4.9).
  assignment_[dim] = -1;
  return Enumerate(dim + 1, visit, max_rows, rows, truncated);
}

bool RowBuilder::ForEachRow(absl::FunctionRef<bool(std::vector<Value>&)> visit, size_t max_rows) {
  size_t rows = 0;
  bool truncated = false;
  Enumerate(0, visit, max_rows, rows, truncated);
  return !truncated;
}

}  // namespace yaral::engine

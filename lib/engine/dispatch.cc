#include "engine/dispatch.h"

#include <algorithm>
#include <iterator>
#include <span>

#include "engine/constant_test.h"

namespace yaral::engine {
namespace {

using Implied = std::map<int, std::vector<std::string>>;

bool NonEmptyString(const Value& v) { return v.is_string() && !v.string().empty(); }

std::vector<std::string> Sorted(std::vector<std::string> values) {
  std::sort(values.begin(), values.end());
  values.erase(std::unique(values.begin(), values.end()), values.end());
  return values;
}

}  // namespace

Implied ImpliedStrings(const plan::Plan& plan, plan::NodeRef ref, int variable,
                       const std::function<bool(int)>& flat) {
  const plan::Node& node = plan.nodes[ref];
  Implied out;
  switch (node.op) {
    case plan::Op::kCompare:
    case plan::Op::kInArray: {
      // `f = "a"`, or the plan's `f in ["a", "b"]` (or-ed equalities).
      const ConstantTest test = ConstantTestOf(plan, ref, variable, flat);
      if (test.slot < 0 || test.negate) break;
      const std::span<const Value> constants = test.constant->is_list()
                                                   ? std::span<const Value>(test.constant->list())
                                                   : std::span<const Value>(test.constant, 1);
      if (constants.empty() || !std::all_of(constants.begin(), constants.end(), NonEmptyString)) break;
      std::vector<std::string> values;
      for (const Value& c : constants) values.emplace_back(c.string());
      out[test.slot] = Sorted(std::move(values));
      break;
    }
    case plan::Op::kAnd:
      // Each side's implication holds; on one slot, both (intersection).
      for (plan::NodeRef arg : node.args) {
        for (auto& [slot, values] : ImpliedStrings(plan, arg, variable, flat)) {
          auto [it, added] = out.try_emplace(slot, values);
          if (added) continue;
          std::vector<std::string> both;
          std::set_intersection(it->second.begin(), it->second.end(), values.begin(), values.end(),
                                std::back_inserter(both));
          it->second = std::move(both);
        }
      }
      break;
    case plan::Op::kOr: {
      // A slot every side constrains: one of the sides' values.
      bool first = true;
      for (plan::NodeRef arg : node.args) {
        Implied side = ImpliedStrings(plan, arg, variable, flat);
        if (first) {
          out = std::move(side);
          first = false;
          continue;
        }
        for (auto it = out.begin(); it != out.end();) {
          auto other = side.find(it->first);
          if (other == side.end()) {
            it = out.erase(it);
            continue;
          }
          it->second.insert(it->second.end(), other->second.begin(), other->second.end());
          it->second = Sorted(std::move(it->second));
          ++it;
        }
      }
      break;
    }
    default:
      break;
  }
  return out;
}

Dispatch::Dispatch(const std::vector<std::optional<std::vector<DispatchTest>>>& tests) {
  std::unordered_map<std::string, size_t> field_index;
  for (uint32_t rule = 0; rule < tests.size(); ++rule) {
    all_.push_back(rule);
    if (!tests[rule]) {
      unindexed_.push_back(rule);
      continue;
    }
    ++indexed_rules_;
    for (const DispatchTest& test : *tests[rule]) {
      auto [it, added] = field_index.try_emplace(test.field, fields_.size());
      if (added) {
        fields_.emplace_back();
        fields_.back().builder = test.builder;
        fields_.back().slot = test.slot;
        members_ |= test.member_bit;
      }
      Field& field = fields_[it->second];
      if (field.rules.empty() || field.rules.back() != rule) field.rules.push_back(rule);
      for (const std::string& value : test.values) {
        std::vector<uint32_t>& rules = field.rules_by_value[value];
        if (rules.empty() || rules.back() != rule) rules.push_back(rule);
      }
    }
  }
}

void Dispatch::Select(std::vector<uint32_t>& out) const {
  out = unindexed_;
  bool merged = false;
  for (const Field& field : fields_) {
    const Value& value = field.builder->FlatValue(field.slot);
    const std::vector<uint32_t>* rules = nullptr;
    if (value.is_string()) {
      auto it = field.rules_by_value.find(value.string());
      if (it != field.rules_by_value.end()) rules = &it->second;
    } else if (!value.IsZero()) {
      rules = &field.rules;
    }
    if (rules == nullptr || rules->empty()) continue;
    out.insert(out.end(), rules->begin(), rules->end());
    merged = true;
  }
  if (merged) {
    // A rule listed under two fields (two variables) may appear twice.
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
  }
}

}  // namespace yaral::engine

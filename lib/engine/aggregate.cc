// Outcome aggregations over a group's bindings (spec §7.4, §5.2 window.*).
//
// The argument is evaluated once per binding: per event copy and per
// combination of joined events, which is why `count` and `sum` grow with
// unnesting exactly as SecOps's known issue describes, while `max`,
// `count_distinct` and `array_distinct` do not.
#include <algorithm>
#include <cmath>
#include <set>

#include "engine/evaluator.h"
#include "functions/eval_util.h"
#include "functions/window_math.h"

namespace yaral::engine {
namespace {

using plan::Aggregate;

// `array` / `array_distinct` keep at most this many values: the limit of
// SecOps rules (spec §14). The first values in event-time order are kept,
// where SecOps keeps a random subset, so runs are reproducible.
constexpr size_t kArrayLimit = 25;

std::string DistinctKey(const Value& v) {
  // Numbers compare by value across int/uint/float, as `=` does.
  if (v.is_number()) return "n:" + functions::internal::ValueText(Value::Float(v.float_value()));
  return std::to_string(static_cast<int>(v.kind())) + ":" + v.DebugString();
}

bool AllIntegers(const std::vector<Value>& values) {
  for (const Value& v : values) {
    if (v.is_float()) return false;
  }
  return true;
}

Value Extreme(const std::vector<Value>& values, bool largest) {
  if (values.empty()) return Value();
  const Value* best = nullptr;
  for (const Value& v : values) {
    if (!v.is_number() && !v.is_zero_kind()) continue;
    if (best == nullptr || (largest ? functions::internal::NumberLess(*best, v)
                                    : functions::internal::NumberLess(v, *best))) {
      best = &v;
    }
  }
  if (best == nullptr) return Value();
  return best->is_zero_kind() ? Value::Int(0) : *best;
}

}  // namespace

Value Evaluator::Aggregate(const plan::Node& node, Env& env) {
  if (env.group == nullptr || node.args.empty()) {
    // Outside a group (cannot happen for a checked rule): the value itself.
    return node.args.empty() ? Value() : Evaluate(node.args[0], env);
  }
  const Group& group = *env.group;
  std::vector<Value> values;
  std::vector<functions::window::Keyed> keyed;
  values.reserve(group.bindings.size());
  const bool ordered = node.aggregate == Aggregate::kWindowFirst || node.aggregate == Aggregate::kWindowLast;
  const bool by_period = node.aggregate == Aggregate::kPeriodStartForMax ||
                         node.aggregate == Aggregate::kPeriodStartForMin;
  for (const Binding& binding : group.bindings) {
    Env inner{.binding = &binding, .group = env.group, .element = env.element};
    if (ordered && node.args.size() >= 2) {
      keyed.push_back({Evaluate(node.args[0], inner), Evaluate(node.args[1], inner)});
      continue;
    }
    Value v = Evaluate(node.args[0], inner);
    if (by_period) {
      // The period of a row is the day its event started in (UTC).
      int64_t time = 0;
      for (const Row* row : binding) {
        if (row != nullptr) {
          time = row->time.seconds;
          break;
        }
      }
      keyed.push_back({Value::Int(time - ((time % 86400) + 86400) % 86400), v});
    }
    values.push_back(std::move(v));
  }
  bool ignore_zeros = false;
  if (node.args.size() >= 2 && !ordered) {
    Env first{.binding = env.binding, .group = env.group};
    ignore_zeros = Truth(node.args[1], first);
  }
  switch (node.aggregate) {
    case Aggregate::kMax:
    case Aggregate::kLatest:
      return Extreme(values, /*largest=*/true);
    case Aggregate::kMin:
    case Aggregate::kEarliest:
      return Extreme(values, /*largest=*/false);
    case Aggregate::kSum: {
      if (AllIntegers(values)) {
        bool any_uint = false;
        for (const Value& v : values) any_uint = any_uint || v.is_uint();
        if (any_uint) {
          uint64_t total = 0;
          for (const Value& v : values) {
            if (v.is_int() && v.int_value() < 0) {
              RecordError("Cannot complete arithmetic operation between unsigned and signed integer");
              return Value();
            }
            const uint64_t x = v.is_uint() ? v.uint_value() : static_cast<uint64_t>(v.int_value());
            if (__builtin_add_overflow(total, x, &total)) {
              RecordError("Integer overflow in sum() aggregation: use sum(0.0 + x)");
              return Value();
            }
          }
          return Value::Uint(total);
        }
        int64_t total = 0;
        for (const Value& v : values) {
          if (__builtin_add_overflow(total, v.int_value(), &total)) {
            RecordError("Integer overflow in sum() aggregation: use sum(0.0 + x)");
            return Value();
          }
        }
        return Value::Int(total);
      }
      double total = 0;
      for (const Value& v : values) total += v.float_value();
      return Value::Float(total);
    }
    case Aggregate::kCount:
      return Value::Int(static_cast<int64_t>(values.size()));
    case Aggregate::kCountDistinct: {
      std::set<std::string> distinct;
      for (const Value& v : values) distinct.insert(DistinctKey(v));
      return Value::Int(static_cast<int64_t>(distinct.size()));
    }
    case Aggregate::kArray: {
      if (values.size() > kArrayLimit) values.resize(kArrayLimit);
      return Value::List(std::move(values));
    }
    case Aggregate::kArrayDistinct: {
      std::set<std::string> seen;
      Value::ListType out;
      for (Value& v : values) {
        if (seen.insert(DistinctKey(v)).second) out.push_back(std::move(v));
        if (out.size() == kArrayLimit) break;
      }
      return Value::List(std::move(out));
    }
    case Aggregate::kAvg:
      if (values.empty()) return Value::Float(0);
      return Value::Float(functions::window::Avg(values));
    case Aggregate::kStddev:
      return Value::Float(functions::window::Stddev(values));
    case Aggregate::kPeriodStartForMax:
      return Value::Int(functions::window::PeriodStartForMax(keyed));
    case Aggregate::kPeriodStartForMin:
      return Value::Int(functions::window::PeriodStartForMin(keyed));
    case Aggregate::kWindowAvg:
      return Value::Float(functions::window::Avg(values, ignore_zeros));
    case Aggregate::kWindowMedian:
      return Value::Float(functions::window::Median(values, ignore_zeros));
    case Aggregate::kWindowMode:
      return Value::String(functions::window::Mode(values));
    case Aggregate::kWindowRange: {
      Value::ListType out;
      for (double d : functions::window::Range(values, ignore_zeros)) out.push_back(Value::Float(d));
      return Value::List(std::move(out));
    }
    case Aggregate::kWindowStddev:
      return Value::Float(functions::window::Stddev(values));
    case Aggregate::kWindowVariance:
      return Value::Float(functions::window::Variance(values));
    case Aggregate::kWindowFirst:
      return Value::String(functions::window::First(keyed));
    case Aggregate::kWindowLast:
      return Value::String(functions::window::Last(keyed));
    case Aggregate::kMetrics:
      return values.empty() ? Value() : values.front();
  }
  return Value();
}

}  // namespace yaral::engine

#include "functions/window_math.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>

#include "functions/eval_util.h"

namespace yaral::functions::window {
namespace {

using internal::NumberLess;

double Number(const Value& v) { return v.is_number() ? v.float_value() : 0; }

// The values as doubles, zeros dropped when asked.
std::vector<double> Numbers(std::span<const Value> values, bool ignore_zeros) {
  std::vector<double> out;
  out.reserve(values.size());
  for (const Value& v : values) {
    const double x = Number(v);
    if (ignore_zeros && x == 0) continue;
    out.push_back(x);
  }
  return out;
}

// A key for comparisons: the zero value reads as 0.
Value KeyOf(const Value& v) { return v.is_number() ? v : Value::Int(0); }

// The row whose key is best by `better` (strict, so the first wins on ties).
template <typename Better>
const Keyed* Pick(std::span<const Keyed> rows, Better better) {
  const Keyed* best = nullptr;
  for (const Keyed& row : rows) {
    if (best == nullptr || better(row, *best)) best = &row;
  }
  return best;
}

}  // namespace

double Avg(std::span<const Value> values, bool ignore_zeros) {
  const std::vector<double> xs = Numbers(values, ignore_zeros);
  if (xs.empty()) return 0;
  // Mean by running update: no overflow to infinity for large sums.
  double mean = 0;
  for (size_t i = 0; i < xs.size(); ++i) mean += (xs[i] - mean) / static_cast<double>(i + 1);
  return mean;
}

double Median(std::span<const Value> values, bool ignore_zeros) {
  std::vector<double> xs = Numbers(values, ignore_zeros);
  if (xs.empty()) return 0;
  // The lower middle: index (n-1)/2 for both odd and even counts.
  auto middle = xs.begin() + static_cast<std::ptrdiff_t>((xs.size() - 1) / 2);
  std::nth_element(xs.begin(), middle, xs.end());
  return *middle;
}

std::string Mode(std::span<const Value> values) {
  struct Tally {
    Value first;  // a representative, for numeric tie-breaking
    int64_t count = 0;
  };
  std::map<std::string, Tally> tallies;
  for (const Value& v : values) {
    Tally& t = tallies[internal::ValueText(v)];
    if (t.count++ == 0) t.first = v;
  }
  const std::pair<const std::string, Tally>* best = nullptr;
  for (const auto& entry : tallies) {
    if (best == nullptr || entry.second.count > best->second.count) {
      best = &entry;
      continue;
    }
    if (entry.second.count < best->second.count) continue;
    // A tie: the smaller value wins; `tallies` is in text order already.
    const Value& a = entry.second.first;
    const Value& b = best->second.first;
    if (a.is_number() && b.is_number() && NumberLess(a, b)) best = &entry;
  }
  return best == nullptr ? "" : best->first;
}

std::vector<double> Range(std::span<const Value> values, bool ignore_zeros) {
  const std::vector<double> xs = Numbers(values, ignore_zeros);
  if (xs.empty()) return {};
  const auto [lo, hi] = std::minmax_element(xs.begin(), xs.end());
  return {*lo, *hi};
}

double Variance(std::span<const Value> values) {
  const std::vector<double> xs = Numbers(values, /*ignore_zeros=*/false);
  if (xs.size() < 2) return 0;
  // Welford's algorithm: stable where sum-of-squares cancels badly.
  double mean = 0;
  double m2 = 0;
  for (size_t i = 0; i < xs.size(); ++i) {
    const double delta = xs[i] - mean;
    mean += delta / static_cast<double>(i + 1);
    m2 += delta * (xs[i] - mean);
  }
  return m2 / static_cast<double>(xs.size() - 1);
}

double Stddev(std::span<const Value> values) { return std::sqrt(Variance(values)); }

std::string First(std::span<const Keyed> rows) {
  const Keyed* row = Pick(rows, [](const Keyed& a, const Keyed& b) {
    return NumberLess(KeyOf(a.key), KeyOf(b.key));
  });
  return row == nullptr ? "" : internal::ValueText(row->value);
}

std::string Last(std::span<const Keyed> rows) {
  // `>=`: on equal keys the later row replaces the earlier.
  const Keyed* row = Pick(rows, [](const Keyed& a, const Keyed& b) {
    return !NumberLess(KeyOf(a.key), KeyOf(b.key));
  });
  return row == nullptr ? "" : internal::ValueText(row->value);
}

namespace {

// The earliest key among the rows whose value is extreme.
int64_t PeriodStartFor(std::span<const Keyed> rows, bool largest) {
  const Keyed* best = nullptr;
  for (const Keyed& row : rows) {
    if (best == nullptr) {
      best = &row;
      continue;
    }
    const Value a = KeyOf(row.value);
    const Value b = KeyOf(best->value);
    const bool better = largest ? NumberLess(b, a) : NumberLess(a, b);
    const bool tie = !NumberLess(a, b) && !NumberLess(b, a);
    if (better || (tie && NumberLess(KeyOf(row.key), KeyOf(best->key)))) best = &row;
  }
  return best == nullptr ? 0 : internal::IntArg(KeyOf(best->key));
}

}  // namespace

int64_t PeriodStartForMax(std::span<const Keyed> rows) { return PeriodStartFor(rows, true); }
int64_t PeriodStartForMin(std::span<const Keyed> rows) { return PeriodStartFor(rows, false); }

}  // namespace yaral::functions::window

// The arithmetic of the window.* functions and of period_start_for_max/min
// (spec §5.2, §7.4), as pure functions over the values the engine collected
// for one match group. The engine owns the grouping; these only compute, so
// they are tested on plain lists.
//
//   std::vector<Value> sent = ...;  // one per row of the group
//   double mean = window::Avg(sent, /*ignore_zeros=*/false);
//
// Numbers may be int, uint or float; anything else (the zero value of a
// missing field) counts as 0, as YARA-L reads a missing number (spec §3.4).
// Every function is deterministic where SecOps documents a random choice
// (median of an even count, ties of mode); docs/functions.md says which.
#ifndef YARAL_LIB_FUNCTIONS_WINDOW_MATH_H_
#define YARAL_LIB_FUNCTIONS_WINDOW_MATH_H_

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "yaral/value.h"

namespace yaral::functions::window {

// window.avg: the mean; 0 when no value is left.
double Avg(std::span<const Value> values, bool ignore_zeros = false);

// window.median: the middle value; for an even count the lower of the two
// middle values. 0 when no value is left.
double Median(std::span<const Value> values, bool ignore_zeros = false);

// window.mode: the most frequent value as text (ValueText: 1.0 and 1 are
// both "1" and count together); ties go to the smallest (numerically when
// both are numbers, else by text). "" for no values.
std::string Mode(std::span<const Value> values);

// window.range: {min, max}; empty (the zero value of a list) when no value
// is left.
std::vector<double> Range(std::span<const Value> values, bool ignore_zeros = false);

// window.variance / window.stddev: the sample variance and standard
// deviation (divided by n-1, as the docs' worked examples show); 0 for fewer
// than two values.
double Variance(std::span<const Value> values);
double Stddev(std::span<const Value> values);

// One row for the functions that pick a value by a key: the sort key of
// window.first/last (usually event seconds), or the period start of
// period_start_for_max/min.
struct Keyed {
  Value key;
  Value value;
};

// window.first / window.last: the text of the value with the lowest /
// highest key; on equal keys the earlier row wins for first and the later
// for last (the engine passes rows in event-time order). "" when empty.
std::string First(std::span<const Keyed> rows);
std::string Last(std::span<const Keyed> rows);

// period_start_for_max / period_start_for_min [INFERRED: only named by the
// docs]: the key (a period's start, Unix seconds) of the row holding the
// largest / smallest value; the earliest such period on ties; 0 when empty.
int64_t PeriodStartForMax(std::span<const Keyed> rows);
int64_t PeriodStartForMin(std::span<const Keyed> rows);

}  // namespace yaral::functions::window

#endif  // YARAL_LIB_FUNCTIONS_WINDOW_MATH_H_

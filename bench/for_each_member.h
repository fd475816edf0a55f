// The bare baselines' object walk (engine_benchmark.cc, window_benchmark.cc):
// simdjson On-Demand, keys compared raw, values the visitor does not read
// skipped unparsed.
#ifndef YARAL_BENCH_FOR_EACH_MEMBER_H_
#define YARAL_BENCH_FOR_EACH_MEMBER_H_

#include <simdjson.h>

namespace yaral::bench {

// Calls `visit(key, value)` for every member of the object `v` and stops at
// the first error.
template <typename Visit>
simdjson::error_code ForEachMember(simdjson::ondemand::value v, Visit&& visit) {
  simdjson::ondemand::object object;
  if (auto error = v.get_object().get(object)) return error;
  for (auto member : object) {
    simdjson::ondemand::raw_json_string key;
    if (auto error = member.key().get(key)) return error;
    simdjson::ondemand::value value;
    if (auto error = member.value().get(value)) return error;
    if (auto error = visit(key, value)) return error;
  }
  return simdjson::SUCCESS;
}

}  // namespace yaral::bench

#endif  // YARAL_BENCH_FOR_EACH_MEMBER_H_

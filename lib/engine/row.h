// The data the engine holds between events: rows and bindings.
//
// A Row is one event copy (spec §4.9) of one event variable that passed the
// variable's filters: the values of its slots and of the placeholders it
// binds. A Binding picks one row (or none, for a variable the condition
// lets be absent) per event variable: the unit joins, outcomes and counts
// work on (spec §11 stages 2-5).
#ifndef YARAL_LIB_ENGINE_ROW_H_
#define YARAL_LIB_ENGINE_ROW_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "yaral/udm_values.h"
#include "yaral/value.h"

namespace yaral::engine {

struct Row {
  int64_t event = 0;  // the event's sequence number in the run: its identity
  UdmTimestamp time;
  // Entity-graph records are valid from `time` to `valid_until` (Unix
  // seconds, metadata.interval); an event's row is valid at its time only.
  int64_t valid_until = 0;
  std::vector<Value> slots;         // Variable::slots order
  std::vector<Value> placeholders;  // Plan::placeholders order
  std::vector<uint8_t> defined;     // which placeholders this row binds
  std::shared_ptr<const std::string> json;  // the event, minified, for samples
};

// One row per event variable; null where the variable is absent.
using Binding = std::vector<const Row*>;

}  // namespace yaral::engine

#endif  // YARAL_LIB_ENGINE_ROW_H_

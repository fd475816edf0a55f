// What a rule reports: detections and their one-line JSON form.
#ifndef YARAL_DETECTION_H_
#define YARAL_DETECTION_H_

#include <cstdint>
#include <string>
#include <vector>

#include "yaral/udm_values.h"
#include "yaral/value.h"

namespace yaral {

struct NamedValue {
  std::string name;
  Value value;
};

struct DetectionWindow {
  UdmTimestamp start;
  UdmTimestamp end;
};

// The events one event variable contributed to a detection.
struct EventSamples {
  std::string variable;             // without the `$`
  std::vector<std::string> events;  // JSON objects as read (minified)
  int64_t total = 0;                // distinct events, samples or not
};

struct Detection {
  std::string rule;
  // Match variables in `match:` order, names without `$`. Empty without a
  // match section.
  std::vector<NamedValue> match;
  // The window that fired. Single-event rules: the event's own time, as
  // start and end.
  DetectionWindow window;
  std::vector<NamedValue> outcomes;  // `outcome:` order
  std::vector<EventSamples> events;  // per event variable, `events:` order
  std::vector<NamedValue> meta;
};

// The one-line JSON form `yaral run` prints (docs/cli.md):
// {"rule":..., "match":{...}, "window":{"start":..., "end":...},
//  "outcomes":{...}, "events":{"e":[...]}, "meta":{...}}
std::string DetectionToJson(const Detection& detection);

}  // namespace yaral

#endif  // YARAL_DETECTION_H_

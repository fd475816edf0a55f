// Helpers shared inside lib/testing: what the test-file loader needs from
// yaml-cpp nodes, used by its two halves (the file's own keys in
// test_file.cc, inline UDM events in inline_events.cc), and reading a whole
// file. Private to lib/testing: public headers never name a yaml-cpp type.
#ifndef YARAL_LIB_TESTING_TESTING_INTERNAL_H_
#define YARAL_LIB_TESTING_TESTING_INTERNAL_H_

#include <functional>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "yaml-cpp/yaml.h"
#include "yaral/rule_test.h"
#include "yaral/udm_values.h"
#include "yaral/value.h"

namespace yaral::testing_internal {

// Where a problem is, and what it is; the loader turns it into a
// TestFileError with the file's name.
using IssueSink = std::function<void(const YAML::Mark& mark, std::string message)>;

// yaml-cpp marks are 0-based; people count from 1.
TestFilePosition PositionOf(const YAML::Mark& mark);

// "a mapping", "a list", "a scalar", "nothing": for "must be X, not Y".
std::string NodeKindName(const YAML::Node& node);

// A scalar read with YAML 1.2's core schema, so that fixtures mean what they
// look like: a plain `25` is an int, `2.5` a float, `true` a bool, `~` or
// `null` the zero value; anything quoted (or tagged `!!str`) is a string, as
// is every other plain scalar (`127.0.0.1`, `ws-01`).
Value ScalarValue(const YAML::Node& scalar);

// An inline UDM event (a mapping) as a JSON object. Keys are checked against
// the UDM schema (either spelling, as the engine reads them; keys of maps
// and Structs are data and not checked), a relative time in a timestamp
// field is resolved against `start`, an event without
// metadata.event_timestamp gets `start`, and `<<` merge keys are applied.
// Problems go to `issue`; the result is then nullopt.
std::optional<std::string> InlineEventJson(const YAML::Node& event, UdmTimestamp start,
                                           const IssueSink& issue);

// The whole of a file; the status message names the path and the reason
// ("cannot read 'x.yaral': No such file or directory").
absl::StatusOr<std::string> ReadTextFile(const std::string& path);

}  // namespace yaral::testing_internal

#endif  // YARAL_LIB_TESTING_TESTING_INTERNAL_H_

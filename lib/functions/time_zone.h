// The time-zone argument of the timestamp.* functions (spec §5.2): a TZ
// database name ("America/Los_Angeles", "UTC", "GMT") or an offset
// (+|-)H[H][:M[M]] ("-08:00", "+5", "+05:30"). Abbreviations such as "PST"
// or "EST" are refused, as in SecOps, even where the TZ database happens to
// hold a zone of that name. Shared by the implementations and the checker,
// which validates time-zone literals when a rule is compiled.
//
// TZ database names need the system's zoneinfo files (Debian's `tzdata`,
// which scripts/setup.sh installs); offsets, "UTC" and "GMT" do not.
#ifndef YARAL_LIB_FUNCTIONS_TIME_ZONE_H_
#define YARAL_LIB_FUNCTIONS_TIME_ZONE_H_

#include <string_view>

#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace yaral::functions {

// InvalidArgument naming the zone when it is not one of the accepted forms
// or no zoneinfo file has that name.
absl::StatusOr<absl::TimeZone> ParseTimeZone(std::string_view name);

}  // namespace yaral::functions

#endif  // YARAL_LIB_FUNCTIONS_TIME_ZONE_H_

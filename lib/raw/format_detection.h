// Deciding an input's format from its first bytes (after decompression),
// never from its name. Private to lib/raw; the public face is
// yaral::DetectInputFormat (raw_telemetry.h).
#ifndef YARAL_RAW_FORMAT_DETECTION_H_
#define YARAL_RAW_FORMAT_DETECTION_H_

#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "yaral/raw_telemetry.h"

namespace yaral::raw {

// How many bytes detection looks at: enough for an XML prolog, a wrapper
// element and the first record's start, or a first syslog line.
inline constexpr size_t kDetectBytes = 4096;

// The format of input that begins with `head`; InvalidArgument naming what
// was seen (`name` is the input's name) when no format matches.
absl::StatusOr<InputFormat> DetectFormat(std::string_view head, std::string_view name);

}  // namespace yaral::raw

#endif  // YARAL_RAW_FORMAT_DETECTION_H_

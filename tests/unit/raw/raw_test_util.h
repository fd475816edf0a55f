// Helpers for the lib/raw tests: files written to a temporary directory and
// read back through EventSource as UDM events.
#ifndef YARAL_TESTS_UNIT_RAW_RAW_TEST_UTIL_H_
#define YARAL_TESTS_UNIT_RAW_RAW_TEST_UTIL_H_

#include <string>
#include <string_view>
#include <vector>

#include "nlohmann/json.hpp"
#include "yaral/event_source.h"

namespace yaral::raw_test {

// Writes `bytes` to a fresh file under the test's temporary directory.
std::string WriteTempFile(std::string_view name, std::string_view bytes);
// gzip / zstd compression of `bytes`, for decompression tests.
std::string Gzip(std::string_view bytes);
std::string Zstd(std::string_view bytes);

struct Normalized {
  absl::Status open;     // EventSource::Open's status
  absl::Status status;   // the stream's status at its end
  std::vector<nlohmann::json> events;
  std::vector<int64_t> lines;  // RawEvent::line of each event
  ReadStats stats;
  std::vector<ReadError> errors;
};
Normalized Normalize(const std::string& path, InputFormat format = InputFormat::kAuto);

}  // namespace yaral::raw_test

#endif  // YARAL_TESTS_UNIT_RAW_RAW_TEST_UTIL_H_

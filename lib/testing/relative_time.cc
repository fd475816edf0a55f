// Relative times in test files: `+5m` from a case's start, so that windowed
// cases read as "the login, then five minutes later the upload" instead of
// as a column of timestamps to subtract in one's head.

#include <cctype>
#include <cstdint>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "yaral/rule_test.h"
#include "yaral/udm_values.h"

namespace yaral {
namespace {

absl::Status BadRelativeTime(std::string_view text, std::string_view why) {
  std::string message = "invalid relative time \"";
  message.append(text).append("\": ").append(why);
  message += " (write a sign and amounts with units s, m, h, d: \"+5m\", \"+1h30m\", \"-2h\")";
  return absl::InvalidArgumentError(message);
}

int64_t UnitSeconds(char unit) {
  switch (unit) {
    case 's': return 1;
    case 'm': return 60;
    case 'h': return 3600;
    case 'd': return 86400;
    default: return 0;
  }
}

// Far beyond any fixture, and small enough that adding a base time can
// never overflow.
constexpr int64_t kMaxOffsetSeconds = int64_t{1} << 40;

}  // namespace

bool IsRelativeTime(std::string_view text) {
  return !text.empty() && (text[0] == '+' || text[0] == '-');
}

absl::StatusOr<int64_t> ParseRelativeTime(std::string_view text) {
  if (!IsRelativeTime(text)) return BadRelativeTime(text, "it must start with + or -");
  const int64_t sign = text[0] == '-' ? -1 : 1;
  size_t i = 1;
  if (i == text.size()) return BadRelativeTime(text, "no amount after the sign");
  int64_t total = 0;
  while (i < text.size()) {
    if (text[i] < '0' || text[i] > '9') {
      return BadRelativeTime(text, std::string("expected a digit at '") + text[i] + "'");
    }
    int64_t amount = 0;
    for (; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i) {
      amount = amount * 10 + (text[i] - '0');
      if (amount > kMaxOffsetSeconds) return BadRelativeTime(text, "too large");
    }
    // The unit is the run of letters after the digits, so that "+5min"
    // is reported as the unit "min" rather than a stray "i".
    const size_t unit_begin = i;
    while (i < text.size() && std::isalpha(static_cast<unsigned char>(text[i]))) ++i;
    const std::string_view unit_name = text.substr(unit_begin, i - unit_begin);
    if (unit_name.empty()) {
      if (i == text.size()) return BadRelativeTime(text, "the last amount has no unit");
      return BadRelativeTime(text, std::string("unexpected '") + text[i] + "'");
    }
    const int64_t unit = unit_name.size() == 1 ? UnitSeconds(unit_name[0]) : 0;
    if (unit == 0) {
      return BadRelativeTime(text, "unknown unit '" + std::string(unit_name) + "'");
    }
    total += amount * unit;
    if (total > kMaxOffsetSeconds) return BadRelativeTime(text, "too large");
  }
  return sign * total;
}

absl::StatusOr<UdmTimestamp> ResolveTestTime(std::string_view text, UdmTimestamp base) {
  if (!IsRelativeTime(text)) return ParseTimestamp(text);
  absl::StatusOr<int64_t> offset = ParseRelativeTime(text);
  if (!offset.ok()) return offset.status();
  return UdmTimestamp{base.seconds + *offset, base.nanos};
}

}  // namespace yaral

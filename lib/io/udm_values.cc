#include "yaral/udm_values.h"

#include <simdjson.h>

#include <cctype>
#include <string>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"

namespace yaral {
namespace {

constexpr int64_t kNanosPerSecond = 1'000'000'000;

// Debian's Abseil is built with its own string_view type.
absl::string_view Av(std::string_view s) { return {s.data(), s.size()}; }

absl::Status BadTimestamp(std::string_view text, std::string_view why) {
  return absl::InvalidArgumentError(
      absl::StrCat("invalid timestamp \"", Av(text), "\": ", Av(why)));
}

// Reads exactly `n` digits at `i`; false when any is missing.
bool Digits(std::string_view s, size_t& i, int n, int& out) {
  out = 0;
  for (int k = 0; k < n; ++k, ++i) {
    if (i >= s.size() || !std::isdigit(static_cast<unsigned char>(s[i]))) return false;
    out = out * 10 + (s[i] - '0');
  }
  return true;
}

bool Expect(std::string_view s, size_t& i, char c) {
  if (i >= s.size() || s[i] != c) return false;
  ++i;
  return true;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

bool LooksLikeInteger(std::string_view s) {
  if (!s.empty() && s.front() == '-') s.remove_prefix(1);
  if (s.empty()) return false;
  for (char c : s) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

// A `seconds` or `nanos` member: proto3 JSON writes int64 as a string, some
// producers as a number.
absl::StatusOr<int64_t> IntMember(simdjson::dom::element value, std::string_view name) {
  int64_t n = 0;
  if (value.get(n) == simdjson::SUCCESS) return n;
  std::string_view s;
  if (value.get(s) == simdjson::SUCCESS) return ParseInt64(s);
  return absl::InvalidArgumentError(absl::StrCat("timestamp `", Av(name), "` is not an integer"));
}

}  // namespace

absl::StatusOr<UdmTimestamp> ParseTimestamp(std::string_view text) {
  // Parsed by hand rather than with absl::ParseTime: its `%Y` takes any
  // number of digits and `%E*S` any number of fractional digits, and RFC 3339
  // allows neither. absl's civil time still does the calendar arithmetic.
  size_t i = 0;
  int year, month, day, hour, minute, second;
  if (!Digits(text, i, 4, year) || !Expect(text, i, '-') || !Digits(text, i, 2, month) ||
      !Expect(text, i, '-') || !Digits(text, i, 2, day)) {
    return BadTimestamp(text, "expected a date YYYY-MM-DD");
  }
  if (i >= text.size() || (text[i] != 'T' && text[i] != 't' && text[i] != ' ')) {
    return BadTimestamp(text, "expected `T` after the date");
  }
  ++i;
  if (!Digits(text, i, 2, hour) || !Expect(text, i, ':') || !Digits(text, i, 2, minute) ||
      !Expect(text, i, ':') || !Digits(text, i, 2, second)) {
    return BadTimestamp(text, "expected a time hh:mm:ss");
  }
  int64_t nanos = 0;
  if (i < text.size() && text[i] == '.') {
    ++i;
    int digits = 0;
    while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) {
      if (++digits > 9) return BadTimestamp(text, "more than 9 fractional digits");
      nanos = nanos * 10 + (text[i++] - '0');
    }
    if (digits == 0) return BadTimestamp(text, "no digits after `.`");
    for (int k = digits; k < 9; ++k) nanos *= 10;
  }
  int offset_seconds = 0;
  if (i < text.size() && (text[i] == 'Z' || text[i] == 'z')) {
    ++i;
  } else if (i < text.size() && (text[i] == '+' || text[i] == '-')) {
    const int sign = text[i++] == '-' ? -1 : 1;
    int oh, om;
    if (!Digits(text, i, 2, oh) || !Expect(text, i, ':') || !Digits(text, i, 2, om) || oh > 23 ||
        om > 59) {
      return BadTimestamp(text, "expected an offset ±hh:mm");
    }
    offset_seconds = sign * (oh * 3600 + om * 60);
  } else {
    return BadTimestamp(text, "expected `Z` or an offset ±hh:mm");
  }
  if (i != text.size()) return BadTimestamp(text, "unexpected text after the offset");
  const absl::CivilDay civil_day(year, month, day);
  if (month < 1 || month > 12 || civil_day.month() != month || civil_day.day() != day) {
    return BadTimestamp(text, "no such date");
  }
  if (hour > 23 || minute > 59 || second > 60) return BadTimestamp(text, "no such time");
  // RFC 3339 allows a leap second; Unix time has none, so :60 is the next
  // second, as protobuf's own parser does.
  const absl::CivilSecond civil(year, month, day, hour, minute, second == 60 ? 59 : second);
  const int64_t seconds = absl::ToUnixSeconds(absl::FromCivil(civil, absl::UTCTimeZone())) +
                          (second == 60 ? 1 : 0) - offset_seconds;
  return UdmTimestamp{seconds, static_cast<int32_t>(nanos)};
}

absl::StatusOr<UdmTimestamp> TimestampFromParts(int64_t seconds, int64_t nanos) {
  if (nanos < 0 || nanos >= kNanosPerSecond) {
    return absl::InvalidArgumentError(
        absl::StrCat("timestamp nanos ", nanos, " is outside [0, 999999999]"));
  }
  return UdmTimestamp{seconds, static_cast<int32_t>(nanos)};
}

absl::StatusOr<UdmTimestamp> ParseTimestampJson(std::string_view json) {
  json = Trim(json);
  if (json.empty()) return absl::InvalidArgumentError("empty timestamp");
  if (json.front() == '"') {
    if (json.size() < 2 || json.back() != '"') {
      return absl::InvalidArgumentError(absl::StrCat("unterminated timestamp string ", Av(json)));
    }
    std::string_view text = json.substr(1, json.size() - 2);
    if (LooksLikeInteger(text)) {
      absl::StatusOr<int64_t> seconds = ParseInt64(text);
      if (!seconds.ok()) return seconds.status();
      return UdmTimestamp{*seconds, 0};
    }
    // An escape in a timestamp string is possible in JSON but never written
    // by any producer; reading it raw gives a clear error instead.
    return ParseTimestamp(text);
  }
  if (json.front() == '{') {
    // Rare (text-format dumps, hand-written tests), so a parser per thread
    // built on first use costs nothing that matters.
    thread_local simdjson::dom::parser parser;
    simdjson::padded_string padded(json);
    simdjson::dom::object object;
    if (auto code = parser.parse(padded).get(object); code) {
      return absl::InvalidArgumentError(
          absl::StrCat("invalid timestamp object: ", simdjson::error_message(code)));
    }
    int64_t seconds = 0, nanos = 0;
    for (simdjson::dom::key_value_pair field : object) {
      absl::StatusOr<int64_t> n = IntMember(field.value, field.key);
      if (!n.ok()) return n.status();
      if (field.key == "seconds") {
        seconds = *n;
      } else if (field.key == "nanos") {
        nanos = *n;
      } else {
        return absl::InvalidArgumentError(
            absl::StrCat("unexpected timestamp member `", Av(field.key), "`"));
      }
    }
    return TimestampFromParts(seconds, nanos);
  }
  if (LooksLikeInteger(json)) {
    absl::StatusOr<int64_t> seconds = ParseInt64(json);
    if (!seconds.ok()) return seconds.status();
    return UdmTimestamp{*seconds, 0};
  }
  return absl::InvalidArgumentError(absl::StrCat("not a timestamp: ", Av(json)));
}

std::string FormatTimestamp(UdmTimestamp t) {
  std::string out = absl::FormatTime("%Y-%m-%dT%H:%M:%S", absl::FromUnixSeconds(t.seconds),
                                     absl::UTCTimeZone());
  if (t.nanos != 0) {
    int digits = 9;
    int64_t n = t.nanos;
    if (n % 1'000'000 == 0) {
      digits = 3, n /= 1'000'000;
    } else if (n % 1'000 == 0) {
      digits = 6, n /= 1'000;
    }
    std::string frac = std::to_string(n);
    out += '.';
    out.append(digits - frac.size(), '0');
    out += frac;
  }
  out += 'Z';
  return out;
}

absl::StatusOr<int64_t> ParseInt64(std::string_view text) {
  int64_t value = 0;
  // SimpleAtoi also takes spaces and `+`; proto3 JSON allows neither.
  if (!LooksLikeInteger(text) || !absl::SimpleAtoi(Av(text), &value)) {
    return absl::InvalidArgumentError(absl::StrCat("not a 64-bit integer: \"", Av(text), "\""));
  }
  return value;
}

absl::StatusOr<uint64_t> ParseUint64(std::string_view text) {
  uint64_t value = 0;
  if (!LooksLikeInteger(text) || text.front() == '-' || !absl::SimpleAtoi(Av(text), &value)) {
    return absl::InvalidArgumentError(
        absl::StrCat("not an unsigned 64-bit integer: \"", Av(text), "\""));
  }
  return value;
}

std::string NormalizeFieldName(std::string_view key) {
  std::string out;
  out.reserve(key.size() + 4);
  for (char c : key) {
    if (c >= 'A' && c <= 'Z') {
      if (!out.empty()) out += '_';
      out += static_cast<char>(c - 'A' + 'a');
    } else {
      out += c;
    }
  }
  return out;
}

struct FieldNameIndex::Table {
  absl::flat_hash_map<const MessageInfo*, absl::flat_hash_map<std::string_view, const FieldInfo*>>
      by_message;
};

FieldNameIndex::FieldNameIndex(const UdmSchema& schema) : table_(std::make_unique<Table>()) {
  for (const MessageInfo& message : schema.messages()) {
    auto& names = table_->by_message[&message];
    // Proto names first: should a JSON name ever equal another field's
    // proto name, the proto name wins, as in protobuf's JSON parser.
    for (const FieldInfo& field : message.fields) names.emplace(field.name, &field);
    for (const FieldInfo& field : message.fields) {
      if (!field.json_name.empty()) names.emplace(field.json_name, &field);
    }
  }
}

FieldNameIndex::~FieldNameIndex() = default;

const FieldNameIndex& FieldNameIndex::Default() {
  static const FieldNameIndex* const index = new FieldNameIndex(UdmSchema::Get());
  return *index;
}

const FieldInfo* FieldNameIndex::Find(const MessageInfo& message, std::string_view key) const {
  auto m = table_->by_message.find(&message);
  if (m == table_->by_message.end()) return nullptr;
  auto f = m->second.find(key);
  return f == m->second.end() ? nullptr : f->second;
}

const EnumValue* ResolveEnumNumber(const EnumInfo& info, int64_t number) {
  const EnumValue* first = nullptr;
  for (const EnumValue& value : info.values) {
    if (value.number != number) continue;
    if (!value.deprecated) return &value;
    if (first == nullptr) first = &value;
  }
  return first;
}

const EnumValue* ResolveEnum(const EnumInfo& info, std::string_view name_or_number) {
  if (!info.values_known()) return nullptr;
  if (const EnumValue* value = info.FindValue(name_or_number)) return value;
  absl::StatusOr<int64_t> number = ParseInt64(name_or_number);
  return number.ok() ? ResolveEnumNumber(info, *number) : nullptr;
}

}  // namespace yaral

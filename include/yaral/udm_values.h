// Decoding the values of UDM JSON the way Google SecOps does.
//
// UDM arrives as proto3 JSON written by many producers, so one field can be
// spelt several ways (docs/events.md): keys in snake_case or lowerCamelCase,
// timestamps as RFC 3339 strings or `{seconds, nanos}`, 64-bit integers as
// JSON numbers or strings, enums by name or number. These helpers turn each
// spelling into one value; the engine calls them on the fields a plan reads.
//
//   absl::StatusOr<yaral::UdmTimestamp> t =
//       yaral::ParseTimestamp("2026-03-16T15:42:11.037506921+01:00");
//   // t->seconds == 1773672131, t->nanos == 37506921
//   const yaral::UdmSchema& schema = yaral::UdmSchema::Get();
//   const yaral::MessageInfo& metadata = *schema.FindMessage("Metadata");
//   const yaral::FieldInfo* f =
//       yaral::FieldNameIndex::Default().Find(metadata, "eventTimestamp");
//   // f->name == "event_timestamp"
//   const yaral::FieldInfo* type = metadata.FindField("event_type");
//   const yaral::EnumValue* v = yaral::ResolveEnum(*type->enum_type, "16002");
//   // v->name == "NETWORK_CONNECTION"
//
// Errors: a value that cannot be decoded is InvalidArgument (the message
// quotes the text and says what is wrong); an unknown field or enum value is
// a null pointer, since unknown keys are normal in UDM input. Nothing throws.
//
// Thread-safety: every function is pure. A FieldNameIndex is immutable after
// construction; Default() is built once on first use (thread-safe) and lives
// for the whole process.
#ifndef YARAL_UDM_VALUES_H_
#define YARAL_UDM_VALUES_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "yaral/schema.h"

namespace yaral {

// A google.protobuf.Timestamp: seconds since the Unix epoch (UTC) and a
// non-negative fraction, 0 <= nanos < 1e9 (so 1 ns before the epoch is
// {-1, 999999999}).
struct UdmTimestamp {
  int64_t seconds = 0;
  int32_t nanos = 0;
  bool operator==(const UdmTimestamp&) const = default;
  auto operator<=>(const UdmTimestamp&) const = default;
};

// RFC 3339: `YYYY-MM-DDTHH:MM:SS[.f]` then `Z` or `±hh:mm`, with 0 to 9
// fractional digits (more would lose precision silently, so they are
// rejected). `t`, `z` and a space instead of `T` are accepted as RFC 3339
// §5.6 allows; a leap second (:60) is read as the next second.
absl::StatusOr<UdmTimestamp> ParseTimestamp(std::string_view text);

// From the `{seconds, nanos}` object form; nanos must be in [0, 1e9).
absl::StatusOr<UdmTimestamp> TimestampFromParts(int64_t seconds, int64_t nanos);

// A timestamp given as the JSON text of a value, in any form seen in UDM:
// an RFC 3339 string, a string or number of epoch seconds ("1700000000"),
// or an object `{"seconds": N|"N", "nanos": N}`.
absl::StatusOr<UdmTimestamp> ParseTimestampJson(std::string_view json);

// RFC 3339 in UTC with `Z`, using as few fractional digits as needed (0, 3,
// 6 or 9): "2023-01-24T21:40:00Z", "2021-07-14T15:30:18.142265Z".
std::string FormatTimestamp(UdmTimestamp t);

// proto3 JSON writes int64/uint64 as strings ("54321"); inputs use numbers.
// Decimal only, optional leading `-` (signed), no spaces, range-checked.
absl::StatusOr<int64_t> ParseInt64(std::string_view text);
absl::StatusOr<uint64_t> ParseUint64(std::string_view text);

// The mechanical lowerCamelCase -> snake_case mapping proto3 JSON uses in
// reverse: "eventTimestamp" -> "event_timestamp"; snake_case is unchanged.
// Use FieldNameIndex where the message is known: it also finds the
// irregular names this mapping cannot invert ("DEPRECATEDRiskScore").
// Never apply it to map or Struct keys (`additional`, `labels`): those are
// data, not field names.
std::string NormalizeFieldName(std::string_view key);

// Finds a message's field by either spelling of its name, from the schema's
// own json names rather than by converting strings.
class FieldNameIndex {
 public:
  explicit FieldNameIndex(const UdmSchema& schema);
  ~FieldNameIndex();
  FieldNameIndex(const FieldNameIndex&) = delete;
  FieldNameIndex& operator=(const FieldNameIndex&) = delete;

  // The index of UdmSchema::Get().
  static const FieldNameIndex& Default();

  // The field of `message` whose proto name or JSON name is `key`; null if
  // none. `message` must belong to the schema the index was built from.
  const FieldInfo* Find(const MessageInfo& message, std::string_view key) const;

 private:
  struct Table;
  std::unique_ptr<Table> table_;
};

// An enum value given by name ("NETWORK_CONNECTION", exact case) or by
// number ("16002"). Null when neither matches, and always null for the
// docs-only enums whose values are unknown (EnumInfo::values_known()): the
// caller then keeps the name as written. Aliases share a number; a number
// resolves to the first value declared with it that is not deprecated.
const EnumValue* ResolveEnum(const EnumInfo& info, std::string_view name_or_number);
const EnumValue* ResolveEnumNumber(const EnumInfo& info, int64_t number);

}  // namespace yaral

#endif  // YARAL_UDM_VALUES_H_

// Building a UDM event field by field, without writing JSON.
//
//   absl::StatusOr<std::string> json = yaral::EventBuilder()
//       .SetTimestamp("metadata.event_timestamp", 1772445600)
//       .Set("metadata.event_type", "NETWORK_CONNECTION")
//       .Set("network.direction", "OUTBOUND")
//       .Set("principal.hostname", "ws-01")
//       .Set("target.port", 25)
//       .Add("target.ip", "203.0.113.7")
//       .ToJson();
//   if (!json.ok()) return json.status();  // e.g. no field `prot` in `target`
//   absl::Status fed = engine.Feed(*json);  // yaral/engine.h
//
// Paths are written as in a rule after `$e.`: proto field names, `[N]` to
// pick an element of a repeated field, `["key"]` for a Label list
// (`principal.labels["env"]`), a Struct (`additional.fields["k"]`) or a
// proto map. Each path is resolved against the compiled-in UDM schema
// (yaral/schema.h), so a misspelt field fails here, with the schema's
// suggestion, instead of producing an event the rule silently never matches.
//
// Values are checked against the field's type: strings for string, bytes
// (proto3 JSON: base64 text) and enum fields (an enum value must exist,
// e.g. "NETWORK_CONNECTION"; a number picks the value with that number),
// integers for int and uint fields, any number for floats, booleans for
// bools. Timestamps take SetTimestamp, an RFC 3339 string or epoch seconds;
// durations take seconds or proto3 JSON text ("1.5s").
//
// Repeated fields: Set replaces the whole list (a Value::List sets several
// elements), Add appends one; `ip[1]` sets one element. A repeated message
// crossed without `[N]` (`security_result.action`) means its first element,
// created when missing; `[N]` with N equal to the current length appends.
//
// Output is proto3 JSON with snake_case keys, the form ingestion examples use
// and every reader of docs/events.md accepts. Nothing is added: an event
// without `metadata.event_timestamp` sits at the epoch for the engine.
//
// Errors are values: the first mistake is kept, later calls are ignored, and
// status() / ToJson() return it (InvalidArgument naming the path), so a
// chain needs one check at the end. Nothing throws.
//
// Thread-safety: a builder is a plain value: use one per thread. The schema
// it reads is immutable and shared.
#ifndef YARAL_EVENT_BUILDER_H_
#define YARAL_EVENT_BUILDER_H_

#include <concepts>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "yaral/value.h"

namespace yaral {

class EventBuilder {
 public:
  EventBuilder();
  ~EventBuilder();
  EventBuilder(const EventBuilder& other);
  EventBuilder& operator=(const EventBuilder& other);
  EventBuilder(EventBuilder&&) noexcept;
  EventBuilder& operator=(EventBuilder&&) noexcept;

  // Sets the field at `path`, replacing what was there. A Value::List is
  // only accepted for a repeated field and sets all of its elements.
  EventBuilder& Set(std::string_view path, const Value& value);
  EventBuilder& Set(std::string_view path, std::string_view value) {
    return Set(path, Value::String(std::string(value)));
  }
  EventBuilder& Set(std::string_view path, const char* value) {
    return Set(path, std::string_view(value));
  }
  template <typename T>
    requires std::integral<T> || std::floating_point<T>
  EventBuilder& Set(std::string_view path, T value) {
    return Set(path, ValueOf(value));
  }

  // Appends to the repeated field at `path`: one element, or each element
  // of a Value::List.
  EventBuilder& Add(std::string_view path, const Value& value);
  EventBuilder& Add(std::string_view path, std::string_view value) {
    return Add(path, Value::String(std::string(value)));
  }
  EventBuilder& Add(std::string_view path, const char* value) {
    return Add(path, std::string_view(value));
  }
  template <typename T>
    requires std::integral<T> || std::floating_point<T>
  EventBuilder& Add(std::string_view path, T value) {
    return Add(path, ValueOf(value));
  }

  // Sets a timestamp field from seconds since the Unix epoch (UTC) and a
  // fraction in [0, 1e9) nanoseconds.
  EventBuilder& SetTimestamp(std::string_view path, int64_t seconds, int32_t nanos = 0);

  // OK, or the first mistake made so far.
  const absl::Status& status() const;

  // The event as one line of JSON (an object), or the first mistake.
  absl::StatusOr<std::string> ToJson() const;

  // Starts a new, empty event and clears the error.
  void Clear();

 private:
  template <typename T>
  static Value ValueOf(T value) {
    if constexpr (std::same_as<T, bool>) {
      return Value::Bool(value);
    } else if constexpr (std::floating_point<T>) {
      return Value::Float(static_cast<double>(value));
    } else if constexpr (std::signed_integral<T>) {
      return Value::Int(static_cast<int64_t>(value));
    } else {
      return Value::Uint(static_cast<uint64_t>(value));
    }
  }

  template <typename F>
  EventBuilder& Record(F&& place);

  struct State;  // lib/embed/event_builder.cc
  std::unique_ptr<State> state_;
};

}  // namespace yaral

#endif  // YARAL_EVENT_BUILDER_H_

// Turns one top-level JSON value (an NDJSON line, an array element, a
// top-level object) into the UDM events it holds. Private to lib/io: the
// parser type stays in event_decoder.cc so simdjson never reaches a header.
#ifndef YARAL_LIB_IO_EVENT_DECODER_H_
#define YARAL_LIB_IO_EVENT_DECODER_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include "yaral/event_source.h"

namespace yaral::io {

// Bytes that must be readable after any text given to Decode: simdjson reads
// whole SIMD blocks past the end. Equal to SIMDJSON_PADDING (checked in the
// .cc) so callers need not include simdjson.
inline constexpr size_t kJsonPadding = 64;

// An event found in a value: a byte range of the value's text.
struct DecodedEvent {
  size_t offset = 0;  // from the start of the value's text
  size_t length = 0;
  int64_t line = 0;
  std::string_view label;  // collectionElements label; points into the text
};

class EventDecoder {
 public:
  EventDecoder();
  ~EventDecoder();
  EventDecoder(EventDecoder&&) noexcept;
  EventDecoder& operator=(EventDecoder&&) noexcept;

  // Validates `text` (which starts on 1-based `line`) and appends its events
  // and errors, each in text order. `text` must be followed by kJsonPadding
  // readable bytes. A bare event object comes back as the whole text without
  // a second pass; envelopes are walked to find their events.
  void Decode(std::string_view text, int64_t line, std::vector<DecodedEvent>& events,
              std::vector<ReadError>& errors);

 private:
  struct Parser;
  std::unique_ptr<Parser> parser_;
};

}  // namespace yaral::io

#endif  // YARAL_LIB_IO_EVENT_DECODER_H_

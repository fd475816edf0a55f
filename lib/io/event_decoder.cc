#include "io/event_decoder.h"

#include <simdjson.h>

#include <algorithm>
#include <cstring>
#include <string>
#include <utility>

namespace yaral::io {

static_assert(kJsonPadding == simdjson::SIMDJSON_PADDING, "kJsonPadding must match simdjson");

namespace {

// Envelopes nest a few levels (detections → collectionElements → references
// → event); anything deeper is not an envelope shape we know, and the cap
// keeps the walker's recursion bounded on hostile input.
constexpr int kMaxEnvelopeDepth = 16;

bool IsEventKey(std::string_view key) { return key == "udm" || key == "event"; }

// Keys whose presence makes an object an envelope rather than an event. UDM,
// Entity and Collection have no field with any of these names.
bool IsEnvelopeKey(std::string_view key) {
  return IsEventKey(key) || key == "events" || key == "detections" ||
         key == "collectionElements" || key == "collection_elements" ||
         key == "inlineSource" || key == "inline_source";
}

// Walks text that simdjson has already validated, so it only needs to find
// where values start and end; it never has to reject anything. Byte ranges
// into the original text keep events exactly as written and give each one
// its own line number, which a re-serialised DOM element could not.
class Walker {
 public:
  Walker(std::string_view text, int64_t line, std::vector<DecodedEvent>& events,
         std::vector<ReadError>& errors)
      : text_(text), line_(line), events_(events), errors_(errors) {}

  void Value(size_t p, std::string_view label, int depth) {
    if (depth > kMaxEnvelopeDepth) {
      Error(p, ReadErrorReason::kTooDeep, "envelopes nested too deeply");
      return;
    }
    if (text_[p] == '[') {
      ForEachElement(p, [&](size_t element) { Value(element, label, depth + 1); });
    } else if (text_[p] == '{') {
      Object(p, label, depth);
    } else {
      Error(p, ReadErrorReason::kNotAnObject, "expected an event object, found " + Kind(p));
    }
  }

 private:
  struct Fields {
    size_t event = 0, events = 0, detections = 0, elements = 0, inline_source = 0;
  };

  void Object(size_t p, std::string_view label, int depth) {
    Fields f;
    ForEachField(p, [&](std::string_view key, size_t value) {
      const char c = text_[value];
      if (IsEventKey(key) && c == '{' && f.event == 0) f.event = value;
      if (key == "events" && c == '[') f.events = value;
      if (key == "detections" && c == '[') f.detections = value;
      if ((key == "collectionElements" || key == "collection_elements") && c == '[')
        f.elements = value;
      if ((key == "inlineSource" || key == "inline_source") && c == '{') f.inline_source = value;
    });
    if (f.event != 0) {
      Event(f.event, label);
      return;
    }
    if (f.events == 0 && f.detections == 0 && f.elements == 0 && f.inline_source == 0) {
      Event(p, label);
      return;
    }
    if (f.inline_source != 0) Value(f.inline_source, label, depth + 1);
    if (f.events != 0) Value(f.events, label, depth + 1);
    if (f.detections != 0) Value(f.detections, label, depth + 1);
    if (f.elements != 0) CollectionElements(f.elements);
  }

  // A detection's `collectionElements[]`: each element names the event
  // variable (`label`) and lists `references[]` of {event|udm} or {entity}.
  // Entity references belong to graph variables, not events: not reported.
  void CollectionElements(size_t p) {
    ForEachElement(p, [&](size_t element) {
      if (text_[element] != '{') {
        Error(element, ReadErrorReason::kNotAnObject, "collection element is " + Kind(element));
        return;
      }
      std::string_view label;
      size_t references = 0;
      ForEachField(element, [&](std::string_view key, size_t value) {
        if (key == "label" && text_[value] == '"') label = StringContents(value);
        if (key == "references" && text_[value] == '[') references = value;
      });
      if (references == 0) return;
      ForEachElement(references, [&](size_t ref) {
        if (text_[ref] != '{') {
          Error(ref, ReadErrorReason::kNotAnObject, "reference is " + Kind(ref));
          return;
        }
        ForEachField(ref, [&](std::string_view key, size_t value) {
          if (IsEventKey(key) && text_[value] == '{') Event(value, label);
        });
      });
    });
  }

  void Event(size_t p, std::string_view label) {
    events_.push_back({p, SkipValue(p) - p, LineAt(p), label});
  }

  void Error(size_t p, ReadErrorReason reason, std::string message) {
    errors_.push_back({LineAt(p), std::nullopt, reason, std::move(message)});
  }

  std::string Kind(size_t p) const {
    switch (text_[p]) {
      case '"': return "a string";
      case '[': return "an array";
      case 't':
      case 'f': return "a boolean";
      case 'n': return "null";
      default: return "a number";
    }
  }

  template <typename F>
  void ForEachElement(size_t p, F&& f) {
    p = SkipWs(p + 1);
    if (text_[p] == ']') return;
    for (;;) {
      f(p);
      p = SkipWs(SkipValue(p));
      if (text_[p] != ',') return;
      p = SkipWs(p + 1);
    }
  }

  template <typename F>
  void ForEachField(size_t p, F&& f) {
    p = SkipWs(p + 1);
    if (text_[p] == '}') return;
    for (;;) {
      std::string_view key = StringContents(p);
      p = SkipWs(SkipString(p));
      p = SkipWs(p + 1);  // ':'
      f(key, p);
      p = SkipWs(SkipValue(p));
      if (text_[p] != ',') return;
      p = SkipWs(p + 1);
    }
  }

  // The raw characters between the quotes. Keys we compare are plain ASCII;
  // an escaped spelling simply does not match, which is what proto3 JSON
  // parsers do too.
  std::string_view StringContents(size_t p) const {
    return text_.substr(p + 1, SkipString(p) - p - 2);
  }

  size_t SkipWs(size_t p) const {
    while (p < text_.size() &&
           (text_[p] == ' ' || text_[p] == '\n' || text_[p] == '\r' || text_[p] == '\t')) {
      ++p;
    }
    return p;
  }

  size_t SkipString(size_t p) const {
    for (++p; p < text_.size(); ++p) {
      if (text_[p] == '\\') {
        ++p;
      } else if (text_[p] == '"') {
        return p + 1;
      }
    }
    return text_.size();
  }

  size_t SkipValue(size_t p) const {
    const char c = text_[p];
    if (c == '"') return SkipString(p);
    if (c != '{' && c != '[') {
      while (p < text_.size() && std::strchr(",]} \t\r\n", text_[p]) == nullptr) ++p;
      return p;
    }
    int depth = 0;
    for (; p < text_.size(); ++p) {
      const char d = text_[p];
      if (d == '"') {
        p = SkipString(p) - 1;
      } else if (d == '{' || d == '[') {
        ++depth;
      } else if ((d == '}' || d == ']') && --depth == 0) {
        return p + 1;
      }
    }
    return text_.size();
  }

  // Positions are visited in increasing order, so counting newlines from the
  // previous position keeps the whole walk linear.
  int64_t LineAt(size_t p) {
    if (p < counted_) {
      counted_ = 0;
      counted_line_ = line_;
    }
    counted_line_ += std::count(text_.begin() + counted_, text_.begin() + p, '\n');
    counted_ = p;
    return counted_line_;
  }

  std::string_view text_;
  int64_t line_;
  std::vector<DecodedEvent>& events_;
  std::vector<ReadError>& errors_;
  size_t counted_ = 0;
  int64_t counted_line_ = line_;
};

// The length of the JSON number (RFC 8259 grammar) at text[p], 0 if none.
size_t NumberLength(std::string_view text, size_t p) {
  const size_t start = p;
  auto digits = [&] {
    const size_t from = p;
    while (p < text.size() && text[p] >= '0' && text[p] <= '9') ++p;
    return p > from;
  };
  if (p < text.size() && text[p] == '-') ++p;
  if (p < text.size() && text[p] == '0') {
    ++p;
  } else if (!digits()) {
    return 0;
  }
  if (p < text.size() && text[p] == '.') {
    ++p;
    if (!digits()) return 0;
  }
  if (p < text.size() && (text[p] == 'e' || text[p] == 'E')) {
    ++p;
    if (p < text.size() && (text[p] == '+' || text[p] == '-')) ++p;
    if (!digits()) return 0;
  }
  return p - start;
}

// `text` with every well-formed number written as `0` and spaces (same
// length, so offsets hold). simdjson's DOM refuses numbers outside int64 /
// uint64 / double as "invalid"; such a number is still JSON, and a field no
// rule reads must not cost the event, so validation looks past its value.
std::string WithNumbersZeroed(std::string_view text) {
  std::string out(text);
  for (size_t p = 0; p < out.size();) {
    const char c = out[p];
    if (c == '"') {
      for (++p; p < out.size() && out[p] != '"'; ++p) {
        if (out[p] == '\\') ++p;
      }
      ++p;
    } else if (c == '-' || (c >= '0' && c <= '9')) {
      const size_t length = NumberLength(out, p);
      if (length == 0) return out;  // malformed: the parse reports it
      out[p] = '0';
      std::fill(out.begin() + static_cast<std::ptrdiff_t>(p + 1),
                out.begin() + static_cast<std::ptrdiff_t>(p + length), ' ');
      p += length;
    } else {
      ++p;
    }
  }
  return out;
}

ReadErrorReason ReasonFor(simdjson::error_code code) {
  switch (code) {
    case simdjson::UTF8_ERROR: return ReadErrorReason::kInvalidUtf8;
    case simdjson::DEPTH_ERROR: return ReadErrorReason::kTooDeep;
    case simdjson::UNCLOSED_STRING: return ReadErrorReason::kUnterminated;
    default: return ReadErrorReason::kInvalidJson;
  }
}

}  // namespace

struct EventDecoder::Parser {
  simdjson::dom::parser dom;
};

EventDecoder::EventDecoder() : parser_(std::make_unique<Parser>()) {}
EventDecoder::~EventDecoder() = default;
EventDecoder::EventDecoder(EventDecoder&&) noexcept = default;
EventDecoder& EventDecoder::operator=(EventDecoder&&) noexcept = default;

void EventDecoder::Decode(std::string_view text, int64_t line, std::vector<DecodedEvent>& events,
                          std::vector<ReadError>& errors) {
  // The DOM parse validates the whole value (structure, literals, numbers,
  // UTF-8); the engine's later on-demand reads only touch the fields a plan
  // needs, so this is where a malformed line is caught and counted. Reusing
  // one parser keeps its buffers warm: no allocation per event.
  simdjson::dom::element root;
  auto code = parser_->dom.parse(text.data(), text.size(), false).get(root);
  if (code == simdjson::NUMBER_ERROR) {
    // Maybe only a number out of range (docs/events.md, "64-bit integers").
    // The zeroed copy has the same structure, so `root` still tells an
    // envelope from an event; the events are ranges of the original text.
    const std::string zeroed = WithNumbersZeroed(text);
    code = parser_->dom.parse(zeroed.data(), zeroed.size(), true).get(root);
  }
  if (code) {
    errors.push_back({line, std::nullopt, ReasonFor(code),
                      std::string("invalid JSON: ") + simdjson::error_message(code)});
    return;
  }
  simdjson::dom::object object;
  if (root.get(object) == simdjson::SUCCESS) {
    bool envelope = false;
    for (simdjson::dom::key_value_pair field : object) {
      if (IsEnvelopeKey(field.key)) {
        envelope = true;
        break;
      }
    }
    if (!envelope) {
      events.push_back({0, text.size(), line, {}});
      return;
    }
  }
  Walker(text, line, events, errors).Value(0, {}, 0);
}

}  // namespace yaral::io

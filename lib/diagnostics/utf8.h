// UTF-8 decoding shared by SourceFile (columns), the renderer (echoed source
// lines), the parser's input check (E002) and cast.as_string. Private to the
// library: lib/diagnostics is its bottom layer, so any stage may use it.
//
// Rule files are UTF-8, but a diagnostic may have to point into text that is
// not (that is what E002 reports), so decoding never fails: each byte that is
// not part of a well-formed sequence counts as one character on its own. That
// keeps columns and carets consistent for any input.
#ifndef YARAL_DIAGNOSTICS_UTF8_H_
#define YARAL_DIAGNOSTICS_UTF8_H_

#include <cstddef>
#include <string_view>

namespace yaral::diagnostics {

struct DecodedChar {
  char32_t code_point = 0;  // meaningless when !valid
  size_t length = 1;        // bytes consumed; 1 for an invalid byte
  bool valid = false;
};

// Decodes the character starting at text[pos] (pos < text.size()). Accepts
// exactly the well-formed sequences of Unicode Table 3-7, so overlong forms,
// surrogates and values above U+10FFFF are invalid bytes.
inline DecodedChar DecodeUtf8(std::string_view text, size_t pos) {
  const auto byte = [&](size_t i) {
    return static_cast<unsigned char>(text[pos + i]);
  };
  const unsigned char lead = byte(0);
  if (lead < 0x80) return {lead, 1, true};

  size_t length = 0;
  char32_t value = 0;
  // Bounds for the second byte; the rest are always 0x80..0xBF.
  unsigned char low = 0x80;
  unsigned char high = 0xBF;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
    value = lead & 0x1F;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    value = lead & 0x0F;
    if (lead == 0xE0) low = 0xA0;   // overlong
    if (lead == 0xED) high = 0x9F;  // surrogates
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    value = lead & 0x07;
    if (lead == 0xF0) low = 0x90;   // overlong
    if (lead == 0xF4) high = 0x8F;  // above U+10FFFF
  } else {
    return {};
  }
  if (pos + length > text.size()) return {};
  for (size_t i = 1; i < length; ++i) {
    const unsigned char b = byte(i);
    const unsigned char min = i == 1 ? low : 0x80;
    const unsigned char max = i == 1 ? high : 0xBF;
    if (b < min || b > max) return {};
    value = (value << 6) | (b & 0x3F);
  }
  return {value, length, true};
}

// Number of characters in `text`, invalid bytes counting one each.
inline size_t CountChars(std::string_view text) {
  size_t count = 0;
  for (size_t pos = 0; pos < text.size(); pos += DecodeUtf8(text, pos).length) {
    ++count;
  }
  return count;
}

}  // namespace yaral::diagnostics

#endif  // YARAL_DIAGNOSTICS_UTF8_H_

#include "syntax/token_spans.h"

namespace yaral::syntax {

TokenSpans::TokenSpans(std::string_view text) {
  byte_offsets_.reserve(text.size() + 1);
  for (uint32_t i = 0; i < text.size(); ++i) {
    // Every byte that is not a UTF-8 continuation byte starts a code point.
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) byte_offsets_.push_back(i);
  }
  byte_offsets_.push_back(static_cast<uint32_t>(text.size()));
}

uint32_t TokenSpans::ByteOffset(size_t code_point_index) const {
  if (code_point_index >= byte_offsets_.size()) return byte_offsets_.back();
  return byte_offsets_[code_point_index];
}

SourceSpan TokenSpans::Of(const antlr4::Token* token) const {
  return Between(token, token);
}

SourceSpan TokenSpans::Between(const antlr4::Token* start, const antlr4::Token* stop) const {
  if (start == nullptr) return {};
  if (start->getType() == antlr4::Token::EOF) {
    uint32_t end = byte_offsets_.back();
    return {end, end};
  }
  if (stop == nullptr || stop->getType() == antlr4::Token::EOF ||
      stop->getStopIndex() < start->getStartIndex() ||
      stop->getStopIndex() == static_cast<size_t>(-1)) {
    stop = start;
  }
  uint32_t begin = ByteOffset(start->getStartIndex());
  uint32_t end = ByteOffset(stop->getStopIndex() + 1);
  if (end < begin) end = begin;
  return {begin, end};
}

SourceSpan TokenSpans::Of(antlr4::ParserRuleContext* context) const {
  return Between(context->getStart(), context->getStop());
}

}  // namespace yaral::syntax

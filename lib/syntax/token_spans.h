// Maps ANTLR token positions to byte spans of the source text.
//
// ANTLR's input stream decodes UTF-8 into code points, so token start/stop
// indices count code points. Diagnostics and AST spans are byte offsets into
// the original text (see yaral/source.h); this table converts between them.
#ifndef YARAL_LIB_SYNTAX_TOKEN_SPANS_H_
#define YARAL_LIB_SYNTAX_TOKEN_SPANS_H_

#include <cstdint>
#include <string_view>
#include <vector>

#include "antlr4-runtime.h"
#include "yaral/source.h"

namespace yaral::syntax {

class TokenSpans {
 public:
  // `text` must be valid UTF-8 (Parse checks that before lexing).
  explicit TokenSpans(std::string_view text);

  SourceSpan Of(const antlr4::Token* token) const;
  // From the first byte of `start` to the last byte of `stop`.
  SourceSpan Between(const antlr4::Token* start, const antlr4::Token* stop) const;
  SourceSpan Of(antlr4::ParserRuleContext* context) const;

 private:
  uint32_t ByteOffset(size_t code_point_index) const;
  std::vector<uint32_t> byte_offsets_;  // code point index -> byte offset, plus end
};

}  // namespace yaral::syntax

#endif  // YARAL_LIB_SYNTAX_TOKEN_SPANS_H_

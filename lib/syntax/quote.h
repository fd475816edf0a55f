// Quoting a string the way YARA-L reads it back, shared by FieldPath keys and
// the printer. Private to lib/syntax.
#ifndef YARAL_SYNTAX_QUOTE_H_
#define YARAL_SYNTAX_QUOTE_H_

#include <string>
#include <string_view>

namespace yaral::syntax {

// `value` as a double-quoted literal. Only `\`, `"`, newline, carriage return
// and tab are escaped: the lexer forbids a raw line break inside quotes, and
// every other byte (UTF-8 included) stands for itself.
std::string QuoteString(std::string_view value);

}  // namespace yaral::syntax

#endif  // YARAL_SYNTAX_QUOTE_H_

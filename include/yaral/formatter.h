// Formatting rule files: one canonical layout, comments kept where they were.
//
//   yaral::SourceFile file("rules/login.yaral", text);
//   yaral::FormatResult formatted = yaral::FormatSource(file);
//   if (!formatted.ok()) { ...report formatted.diagnostics; nothing changed... }
//   else if (formatted.text != text) { ...write formatted.text... }
//
// The layout is the canonical printer's (yaral/ast_printer.h): two-space
// section headers, four-space entries, one predicate per line, sections in
// the language's order. On top of it the formatter puts back every comment:
// a comment that ended a source line after an entry still ends that entry's
// line, one space after it; a comment on lines of its own stays before the
// entry (or header, or closing brace) that followed it, indented as that line
// (as an entry before a closing brace, and before a header it was indented
// deeper than: it closes the section above); a comment inside a construct
// that is now printed on one line moves to the line before it. Line comments
// lose trailing blanks, block comments are kept byte for byte. Blank lines between
// entries and between sections are kept, at most one in a row, never right
// after a header or before a closing brace; rules are separated by exactly
// one. The result parses to the same tree as the input (the corpus test
// checks that and that formatting twice changes nothing).
//
// A file with syntax errors is not formatted: `text` is the input unchanged
// and `diagnostics` says why.
//
// Thread-safety: FormatSource may be called from any thread (parsing is
// serialised internally; see parser.h).
#ifndef YARAL_FORMATTER_H_
#define YARAL_FORMATTER_H_

#include <string>
#include <vector>

#include "yaral/diagnostics.h"
#include "yaral/parser.h"
#include "yaral/source.h"

namespace yaral {

struct FormatResult {
  std::string text;                     // formatted, or the input when !ok()
  std::vector<Diagnostic> diagnostics;  // the parse's findings
  bool ok() const { return !HasErrors(diagnostics); }
};

FormatResult FormatSource(const SourceFile& source, const ParseOptions& options = {});

// Formats an already parsed file (`parsed` must come from Parse(source)), for
// tools that keep the parse, such as the language server. The parse must have
// no errors.
std::string FormatParsed(const SourceFile& source, const ParseResult& parsed);

}  // namespace yaral

#endif  // YARAL_FORMATTER_H_

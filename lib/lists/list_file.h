// Reading the text of a reference-list file (docs/lists.md, spec §4.8).
//
// Private to lib/lists. Pure functions; thread-safe.
#ifndef YARAL_LIB_LISTS_LIST_FILE_H_
#define YARAL_LIB_LISTS_LIST_FILE_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "yaral/ast.h"
#include "yaral/diagnostics.h"
#include "yaral/reference_lists.h"
#include "yaral/source.h"

namespace yaral::lists {

struct ParsedListFile {
  std::vector<ListEntry> entries;
  std::optional<ast::ListKind> declared_kind;
  SourceSpan kind_span;
  std::vector<Diagnostic> diagnostics;
};

// Splits a list file into entries: `//` comments (own line or inline) and
// blank lines dropped, a `/* ... */` block before the first entry dropped,
// entries trimmed of surrounding blanks, escapes kept (see UnescapeEntry),
// the `// yaral:kind=KIND` header recognised before the first entry.
ParsedListFile ParseListFile(const SourceFile& file);

// An entry's value for a kind. String and CIDR lists: `\c` becomes `c`.
// Regex lists: only `\/` becomes `/`; other escapes are RE2's to read.
std::string UnescapeEntry(std::string_view text, ast::ListKind kind);

// Reads a whole file; nullopt (and `error` set) when it cannot be read.
std::optional<std::string> ReadFile(const std::string& path, std::string* error);

// ASCII helpers on std::string_view (Abseil's take absl::string_view, which
// is not std::string_view in every build).
std::string_view TrimBlanks(std::string_view s);
std::string AsciiLower(std::string_view s);

// Makes a diagnostic with a primary span.
Diagnostic MakeDiagnostic(Severity severity, std::string_view code, std::string message,
                          SourceSpan span, std::string help = {});

}  // namespace yaral::lists

#endif  // YARAL_LIB_LISTS_LIST_FILE_H_

// A strict RFC 4180 CSV reader that remembers where every field is.
//
// Private to lib/lists. Pure; thread-safe.
#ifndef YARAL_LIB_LISTS_CSV_H_
#define YARAL_LIB_LISTS_CSV_H_

#include <string>
#include <vector>

#include "yaral/diagnostics.h"
#include "yaral/source.h"

namespace yaral::lists {

struct CsvField {
  std::string value;  // quotes removed, `""` turned into `"`
  SourceSpan span;    // the field as written, quotes included
};

struct CsvRow {
  std::vector<CsvField> fields;
  SourceSpan span;  // the record, without its line end
};

struct CsvResult {
  std::vector<CsvRow> rows;             // well-formed records only
  std::vector<Diagnostic> diagnostics;  // E710, one per malformed record
};

// Fields are separated by `,`; records end at LF or CRLF; a field starting
// with `"` is quoted and may hold `,`, `""` and line ends. A stray `"` in an
// unquoted field, text after a closing quote or an unterminated quote is
// malformed: the record is reported and skipped. Blank lines are skipped; a
// leading UTF-8 byte-order mark is ignored.
CsvResult ParseCsv(const SourceFile& file);

}  // namespace yaral::lists

#endif  // YARAL_LIB_LISTS_CSV_H_

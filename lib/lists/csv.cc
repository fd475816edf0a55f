#include "lists/csv.h"

#include <cstdint>
#include <string_view>

#include "lists/list_file.h"
#include "yaral/reference_lists.h"

namespace yaral::lists {

CsvResult ParseCsv(const SourceFile& file) {
  CsvResult out;
  const std::string& text = file.text();
  const uint32_t size = static_cast<uint32_t>(text.size());
  uint32_t pos = text.starts_with("\xEF\xBB\xBF") ? 3 : 0;
  auto at_record_end = [&](uint32_t p) {
    return p >= size || text[p] == '\n' || (text[p] == '\r' && (p + 1 == size || text[p + 1] == '\n'));
  };
  auto skip_line_end = [&](uint32_t p) {
    if (p < size && text[p] == '\r') ++p;
    if (p < size && text[p] == '\n') ++p;
    return p;
  };
  auto malformed = [&](std::string message, SourceSpan span) {
    out.diagnostics.push_back(MakeDiagnostic(Severity::kError, codes::kMalformedCsv,
                                             std::move(message), span,
                                             "quote a field holding `\"` or `,`, and double "
                                             "every `\"` inside it: \"say \"\"hi\"\"\""));
  };
  while (pos < size) {
    if (at_record_end(pos)) {  // a blank line
      pos = skip_line_end(pos);
      continue;
    }
    CsvRow row;
    row.span.begin = pos;
    bool bad = false;
    while (true) {
      CsvField field;
      uint32_t start = pos;
      if (pos < size && text[pos] == '"') {
        ++pos;
        bool closed = false;
        while (pos < size) {
          if (text[pos] != '"') {
            field.value.push_back(text[pos++]);
          } else if (pos + 1 < size && text[pos + 1] == '"') {
            field.value.push_back('"');
            pos += 2;
          } else {
            ++pos;
            closed = true;
            break;
          }
        }
        if (!closed) {
          malformed("unterminated quoted field", SourceSpan{start, start + 1});
          return out;  // everything after the quote is inside it
        }
        if (pos < size && text[pos] != ',' && !at_record_end(pos)) {
          malformed("unexpected text after a closing quote", SourceSpan{pos, pos + 1});
          bad = true;
        }
      } else {
        while (pos < size && text[pos] != ',' && !at_record_end(pos)) {
          if (text[pos] == '"' && !bad) {
            malformed("`\"` inside an unquoted field", SourceSpan{pos, pos + 1});
            bad = true;
          }
          field.value.push_back(text[pos++]);
        }
      }
      if (bad) break;
      field.span = SourceSpan{start, pos};
      row.fields.push_back(std::move(field));
      if (pos < size && text[pos] == ',') {
        ++pos;
        continue;
      }
      break;
    }
    if (bad) {  // resynchronise at the next line
      while (pos < size && text[pos] != '\n') ++pos;
      pos = skip_line_end(pos);
      continue;
    }
    row.span.end = pos;
    pos = skip_line_end(pos);
    out.rows.push_back(std::move(row));
  }
  return out;
}

}  // namespace yaral::lists

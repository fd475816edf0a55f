#include "lists/list_file.h"

#include <fstream>
#include <sstream>


namespace yaral::lists {
namespace {

bool IsBlank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v'; }

// The kind named by a `yaral:kind=KIND` comment body, or why it is wrong.
// Returns false when the comment is not a kind header at all.
bool ParseKindHeader(std::string_view comment, std::optional<ast::ListKind>* kind) {
  comment = TrimBlanks(comment);
  constexpr std::string_view kPrefix = "yaral:kind";
  if (comment.substr(0, kPrefix.size()) != kPrefix) return false;
  comment = TrimBlanks(comment.substr(kPrefix.size()));
  if (comment.empty() || comment.front() != '=') {
    *kind = std::nullopt;
    return true;
  }
  *kind = ParseListKind(TrimBlanks(comment.substr(1)));
  return true;
}

}  // namespace

std::string_view TrimBlanks(std::string_view s) {
  while (!s.empty() && (IsBlank(s.front()) || s.front() == '\n')) s.remove_prefix(1);
  while (!s.empty() && (IsBlank(s.back()) || s.back() == '\n')) s.remove_suffix(1);
  return s;
}

std::string AsciiLower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

Diagnostic MakeDiagnostic(Severity severity, std::string_view code, std::string message,
                          SourceSpan span, std::string help) {
  Diagnostic d;
  d.severity = severity;
  d.code = std::string(code);
  d.message = std::move(message);
  d.primary.span = span;
  d.help = std::move(help);
  return d;
}

ParsedListFile ParseListFile(const SourceFile& file) {
  ParsedListFile out;
  const std::string& text = file.text();
  const uint32_t size = static_cast<uint32_t>(text.size());
  bool in_block = false;
  uint32_t block_start = 0;
  uint32_t line_begin = 0;
  while (line_begin < size) {
    uint32_t line_end = line_begin;
    while (line_end < size && text[line_end] != '\n') ++line_end;
    uint32_t next = line_end < size ? line_end + 1 : size;
    uint32_t pos = line_begin;
    // Block comments are recognised only before the first entry: Google's
    // published lists start with a `/* license */` header, while later a
    // line such as `/*` may well be a string entry (a URL path pattern).
    while (true) {
      if (in_block) {
        size_t close = text.find("*/", pos);
        if (close == std::string::npos || close + 2 > line_end) {
          pos = line_end;
          break;
        }
        pos = static_cast<uint32_t>(close + 2);
        in_block = false;
      }
      while (pos < line_end && IsBlank(text[pos])) ++pos;
      if (out.entries.empty() && pos + 1 < line_end && text[pos] == '/' && text[pos + 1] == '*') {
        in_block = true;
        block_start = pos;
        pos += 2;
        continue;
      }
      break;
    }
    // Scan the entry: a backslash takes the next character with it, so an
    // escaped slash never starts a comment and an escaped blank is kept.
    uint32_t content_begin = pos;
    uint32_t content_end = pos;
    uint32_t comment_begin = line_end;
    for (uint32_t i = pos; i < line_end;) {
      char c = text[i];
      if (c == '\\' && i + 1 < line_end) {
        i += 2;
        content_end = i;
      } else if (c == '/' && i + 1 < line_end && text[i + 1] == '/') {
        comment_begin = i;
        break;
      } else {
        ++i;
        if (!IsBlank(c)) content_end = i;
      }
    }
    if (content_end > content_begin) {
      out.entries.push_back({text.substr(content_begin, content_end - content_begin),
                             SourceSpan{content_begin, content_end}});
    } else if (comment_begin < line_end) {
      std::optional<ast::ListKind> kind;
      std::string_view comment(text.data() + comment_begin + 2, line_end - comment_begin - 2);
      SourceSpan span{comment_begin, line_end};
      while (span.end > span.begin && IsBlank(text[span.end - 1])) --span.end;
      if (ParseKindHeader(comment, &kind)) {
        if (!out.entries.empty()) {
          out.diagnostics.push_back(MakeDiagnostic(
              Severity::kError, codes::kListKindHeader,
              "`yaral:kind=` must come before the first entry of the list", span,
              "move this line to the top of the file"));
        } else if (!kind.has_value()) {
          out.diagnostics.push_back(MakeDiagnostic(
              Severity::kError, codes::kListKindHeader, "invalid list kind header", span,
              "write `// yaral:kind=string`, `// yaral:kind=regex` or `// yaral:kind=cidr`"));
        } else if (out.declared_kind.has_value()) {
          out.diagnostics.push_back(MakeDiagnostic(Severity::kError, codes::kListKindHeader,
                                                   "the list kind is declared twice", span));
        } else {
          out.declared_kind = kind;
          out.kind_span = span;
        }
      }
    }
    line_begin = next;
  }
  if (in_block) {
    out.diagnostics.push_back(MakeDiagnostic(Severity::kError, codes::kUnterminatedComment,
                                             "unterminated `/*` comment in list file",
                                             SourceSpan{block_start, block_start + 2},
                                             "close the header comment with `*/`"));
  }
  return out;
}

std::string UnescapeEntry(std::string_view text, ast::ListKind kind) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\\' && i + 1 < text.size()) {
      char next = text[i + 1];
      if (kind != ast::ListKind::kRegex || next == '/') {
        out.push_back(next);
      } else {
        out.push_back('\\');
        out.push_back(next);
      }
      ++i;
    } else {
      out.push_back(text[i]);
    }
  }
  return out;
}

std::optional<std::string> ReadFile(const std::string& path, std::string* error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    *error = "cannot open `" + path + "`";
    return std::nullopt;
  }
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) {
    *error = "cannot read `" + path + "`";
    return std::nullopt;
  }
  return std::move(buffer).str();
}

}  // namespace yaral::lists

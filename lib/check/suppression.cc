// Inline suppressions: `// yaral:ignore CODE[, CODE...]`,
// `/* yaral:ignore CODE */` and `// yaral:ignore-file CODE...`.
//
// The comments are found by scanning the whole text the way the lexer
// (grammar/YaraLLexer.g4) does, rather than line by line: double-quoted
// strings, raw strings and block comments may span lines, and `//` inside a
// string ("http://x") or a regex literal (/a\//) is not a comment. The scanner
// only needs to know where comments are and which lines hold code, so it is a
// few dozen lines instead of a second lexer.
#include <algorithm>
#include <cctype>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "yaral/checker.h"

namespace yaral {
namespace {

constexpr std::string_view kDirective = "yaral:ignore";
constexpr std::string_view kFileSuffix = "-file";

bool IsIdentChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_';
}

bool IsErrorCode(std::string_view code) {
  return code.size() >= 2 && code[0] == 'E' &&
         std::isdigit(static_cast<unsigned char>(code[1])) != 0;
}

// Keywords after which `/` opens a regex (the lexer's AfterOperand() is
// false after them). `true` and `false` are operands, so they are absent.
bool IsNonOperandKeyword(std::string_view word) {
  static constexpr std::string_view kKeywords[] = {
      "rule",   "meta",   "events", "match",  "outcome",  "condition",
      "options", "setup", "export", "dedup",  "order",    "limit",
      "select", "unselect", "and",  "or",     "not",      "nocase",
      "in",     "regex",  "cidr",   "over",   "before",   "after",
      "by",     "tumbling", "any",  "all",    "if"};
  std::string lower(word);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return std::find(std::begin(kKeywords), std::end(kKeywords), lower) != std::end(kKeywords);
}

struct Comment {
  uint32_t begin = 0;  // byte offset of `//` or `/*`
  uint32_t end = 0;    // one past the comment
};

struct Scan {
  std::vector<Comment> comments;
  // Byte offsets where a code token starts or ends; used to tell a trailing
  // comment from one alone on its line, and to find "the next code line".
  std::vector<uint32_t> code_offsets;
};

Scan ScanText(std::string_view text) {
  Scan scan;
  bool after_operand = false;
  const size_t n = text.size();
  size_t i = 0;
  auto code = [&](size_t begin, size_t end) {
    scan.code_offsets.push_back(static_cast<uint32_t>(begin));
    if (end > begin + 1) scan.code_offsets.push_back(static_cast<uint32_t>(end - 1));
  };
  while (i < n) {
    const char c = text[i];
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v') {
      ++i;
      continue;
    }
    const char next = i + 1 < n ? text[i + 1] : '\0';
    if (c == '/' && next == '/') {
      size_t end = text.find('\n', i);
      if (end == std::string_view::npos) end = n;
      scan.comments.push_back({static_cast<uint32_t>(i), static_cast<uint32_t>(end)});
      i = end;
      continue;
    }
    if (c == '/' && next == '*') {
      size_t end = text.find("*/", i + 2);
      end = end == std::string_view::npos ? n : end + 2;
      scan.comments.push_back({static_cast<uint32_t>(i), static_cast<uint32_t>(end)});
      i = end;
      continue;
    }
    const size_t begin = i;
    if (c == '"') {
      // Strings may span lines; a backslash escapes any character.
      for (++i; i < n && text[i] != '"'; ++i) {
        if (text[i] == '\\') ++i;
      }
      i = std::min(i + 1, n);
      after_operand = true;
    } else if (c == '`') {
      size_t end = text.find('`', i + 1);
      i = end == std::string_view::npos ? n : end + 1;
      after_operand = true;
    } else if (c == '/' && !after_operand) {
      // A regex literal: ends at an unescaped `/` or at the end of the line.
      for (++i; i < n && text[i] != '/' && text[i] != '\n' && text[i] != '\r'; ++i) {
        if (text[i] == '\\' && i + 1 < n && text[i + 1] != '\n') ++i;
      }
      if (i < n && text[i] == '/') {
        ++i;
        while (i < n && (text[i] == 'i' || text[i] == 'm' || text[i] == 's')) ++i;
      }
      after_operand = true;
    } else if (IsIdentChar(c) || ((c == '$' || c == '#' || c == '%') && !after_operand)) {
      // Names, keywords, numbers and durations; `$x`, `#x` and `%list`.
      ++i;
      while (i < n && IsIdentChar(text[i])) ++i;
      after_operand = !IsNonOperandKeyword(text.substr(begin, i - begin));
    } else {
      ++i;
      after_operand = c == ')' || c == ']';
    }
    code(begin, i);
  }
  return scan;
}

// The codes after the directive: identifiers separated by commas and/or
// spaces, up to anything else (the end of a block comment, prose after `--`).
std::vector<std::string> ParseCodes(std::string_view rest) {
  std::vector<std::string> codes;
  size_t i = 0;
  for (;;) {
    while (i < rest.size() && (rest[i] == ' ' || rest[i] == '\t' || rest[i] == ',')) ++i;
    size_t begin = i;
    while (i < rest.size() && IsIdentChar(rest[i])) ++i;
    if (i == begin) break;
    codes.emplace_back(rest.substr(begin, i - begin));
  }
  return codes;
}

bool Contains(const std::vector<std::string>& codes, std::string_view code) {
  return std::find(codes.begin(), codes.end(), code) != codes.end();
}

}  // namespace

bool IsSuppressedInline(const SourceFile& source, const Diagnostic& diagnostic) {
  // Errors describe rules SecOps would refuse; hiding them would only move
  // the failure to deployment time.
  if (IsErrorCode(diagnostic.code) || diagnostic.severity == Severity::kError) return false;
  const std::string_view text = source.text();
  // Nearly every file has no directive at all: skip the scan for them, so
  // checking one diagnostic costs a memchr-speed search, not a full scan.
  if (text.find(kDirective) == std::string_view::npos) return false;

  const uint32_t target_line = source.Locate(diagnostic.primary.span.begin).line;
  const Scan scan = ScanText(text);
  // The line of each code offset, and the lines that hold code (ascending:
  // offsets are produced in order).
  std::vector<uint32_t> offset_lines;
  std::vector<uint32_t> code_lines;
  offset_lines.reserve(scan.code_offsets.size());
  for (uint32_t offset : scan.code_offsets) {
    offset_lines.push_back(source.Locate(offset).line);
    if (code_lines.empty() || code_lines.back() != offset_lines.back()) {
      code_lines.push_back(offset_lines.back());
    }
  }

  for (const Comment& comment : scan.comments) {
    std::string_view body = text.substr(comment.begin + 2, comment.end - comment.begin - 2);
    if (text[comment.begin + 1] == '*' && body.ends_with("*/")) body.remove_suffix(2);
    // The directive must open the comment, so prose that mentions it
    // ("see yaral:ignore in the docs") suppresses nothing.
    const size_t start = body.find_first_not_of(" \t\r\n*");
    if (start == std::string_view::npos || body.substr(start, kDirective.size()) != kDirective) {
      continue;
    }
    std::string_view rest = body.substr(start + kDirective.size());
    const bool file_wide = rest.starts_with(kFileSuffix);
    if (file_wide) rest.remove_prefix(kFileSuffix.size());
    // `yaral:ignored` or `yaral:ignore-line` are not this directive.
    if (!rest.empty() && rest[0] != ' ' && rest[0] != '\t' && rest[0] != ',') continue;
    if (!Contains(ParseCodes(rest), diagnostic.code)) continue;
    if (file_wide) return true;

    const uint32_t first = source.Locate(comment.begin).line;
    const uint32_t last = source.Locate(comment.end - 1).line;
    // Code before the comment on its first line (or after it on its last
    // line) makes it a trailing comment, which covers that line.
    const size_t next_code = static_cast<size_t>(
        std::lower_bound(scan.code_offsets.begin(), scan.code_offsets.end(), comment.end) -
        scan.code_offsets.begin());
    uint32_t applies_to = 0;
    if (next_code > 0 && offset_lines[next_code - 1] == first) {
      applies_to = first;
    } else if (next_code < offset_lines.size() && offset_lines[next_code] == last) {
      applies_to = last;
    } else {
      // Alone on its line(s): the next line that is not blank and not only
      // comments.
      auto it = std::upper_bound(code_lines.begin(), code_lines.end(), last);
      if (it != code_lines.end()) applies_to = *it;
    }
    if (applies_to == target_line) return true;
  }
  return false;
}

}  // namespace yaral

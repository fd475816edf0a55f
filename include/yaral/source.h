// A rule file's text and the positions inside it.
//
// Every AST node and every diagnostic refers to its text through a
// `SourceSpan`: a half-open byte range into one `SourceFile`. Line and column
// numbers are computed only when something is shown to a person, so nodes stay
// small and spans survive any rendering choice.
//
//   yaral::SourceFile file("rules/login.yaral", text);
//   yaral::SourceLocation where = file.Locate(span.begin);
//   // where.line, where.column are 1-based; column counts characters.
//
// Thread-safety: a SourceFile is immutable after construction and may be read
// from any number of threads.
#ifndef YARAL_SOURCE_H_
#define YARAL_SOURCE_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace yaral {

// Half-open byte range [begin, end) into a SourceFile's text.
struct SourceSpan {
  uint32_t begin = 0;
  uint32_t end = 0;

  uint32_t size() const { return end - begin; }
  bool operator==(const SourceSpan&) const = default;
};

// A 1-based line and column. Columns count Unicode code points, not bytes, so
// a caret lines up under the character an editor shows.
struct SourceLocation {
  uint32_t line = 1;
  uint32_t column = 1;
};

class SourceFile {
 public:
  // `name` is what diagnostics print (usually the path as given by the user).
  SourceFile(std::string name, std::string text);

  const std::string& name() const { return name_; }
  const std::string& text() const { return text_; }

  // Location of a byte offset; offsets past the end map to the end.
  SourceLocation Locate(uint32_t offset) const;

  // The text of a 1-based line without its line terminator; empty when the
  // line does not exist.
  std::string_view Line(uint32_t line) const;

  uint32_t line_count() const { return static_cast<uint32_t>(line_starts_.size()); }

  // The text a span covers (clamped to the file).
  std::string_view Slice(SourceSpan span) const;

 private:
  std::string name_;
  std::string text_;
  std::vector<uint32_t> line_starts_;  // byte offset where each line begins
};

}  // namespace yaral

#endif  // YARAL_SOURCE_H_

// The formatter: the canonical layout (syntax/rule_layout.h) with the lexer's
// comments attached to its lines and blank lines carried over from the source.
#include "yaral/formatter.h"

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "syntax/rule_layout.h"
#include "yaral/parser.h"

namespace yaral {
namespace {

using syntax::LayoutLine;
using syntax::LayoutRole;

// A layout line together with the comments that go with it.
struct PlacedLine {
  LayoutLine line;
  std::vector<SourceSpan> leading;   // on lines of their own before it
  std::vector<SourceSpan> trailing;  // after it on the same line
  bool first_of_rule = false;        // a rule header (the rule's first line)
};

bool HasNewline(std::string_view text) { return text.find('\n') != std::string_view::npos; }

// What a comment attaches to: a line (leading or trailing), or the end of
// the file when nothing follows it.
class CommentPlacer {
 public:
  CommentPlacer(const std::string& text, std::vector<PlacedLine>& lines)
      : text_(text), lines_(lines) {}

  // Returns false when the comment follows every line (a file trailer).
  bool Place(SourceSpan comment) {
    // Inside an entry printed on one line now: before that entry.
    for (PlacedLine& placed : lines_) {
      const SourceSpan span = placed.line.span;
      if (span.begin < comment.begin && comment.end <= span.end) {
        placed.leading.push_back(comment);
        return true;
      }
    }
    // After a line's text with no line break between: it ends that line.
    PlacedLine* before = nullptr;
    for (PlacedLine& placed : lines_) {
      const SourceSpan span = placed.line.span;
      if (span.end <= comment.begin && (before == nullptr || span.end > before->line.span.end)) {
        before = &placed;
      }
    }
    if (before != nullptr &&
        !HasNewline(std::string_view(text_).substr(before->line.span.end,
                                                   comment.begin - before->line.span.end))) {
      before->trailing.push_back(comment);
      return true;
    }
    // Otherwise before the line that follows it in the source (the canonical
    // order may differ from the source's when sections were out of order).
    PlacedLine* after = nullptr;
    for (PlacedLine& placed : lines_) {
      const SourceSpan span = placed.line.span;
      if (span.begin >= comment.end && (after == nullptr || span.begin < after->line.span.begin)) {
        after = &placed;
      }
    }
    if (after == nullptr) return false;
    after->leading.push_back(comment);
    return true;
  }

 private:
  const std::string& text_;
  std::vector<PlacedLine>& lines_;
};

// Writes lines and comments, deciding blank lines from the source: a blank
// line goes before an element when the source had one between it and the
// element that preceded it there.
class Writer {
 public:
  Writer(const std::string& text, std::vector<SourceSpan> elements)
      : text_(text), elements_(std::move(elements)) {
    std::sort(elements_.begin(), elements_.end(),
              [](SourceSpan a, SourceSpan b) { return a.end < b.end; });
  }

  void Comment(SourceSpan comment, std::string_view indent, bool force_blank) {
    BlankLineBefore(comment, force_blank, /*closing=*/false);
    out_ += indent;
    out_ += CommentText(comment);
    out_.push_back('\n');
    after_header_ = false;
  }

  void Line(const PlacedLine& placed, bool force_blank) {
    const bool closing = placed.line.role == LayoutRole::kRuleEnd;
    BlankLineBefore(placed.line.span, force_blank, closing);
    out_ += syntax::LayoutIndent(placed.line.role);
    out_ += placed.line.text;
    for (SourceSpan comment : placed.trailing) {
      out_.push_back(' ');
      out_ += CommentText(comment);
    }
    out_.push_back('\n');
    after_header_ = placed.line.role == LayoutRole::kRuleHeader ||
                    placed.line.role == LayoutRole::kSectionHeader;
  }

  std::string Take() { return std::move(out_); }

 private:
  // Line comments lose trailing blanks; block comments are kept verbatim.
  std::string_view CommentText(SourceSpan comment) const {
    std::string_view body = std::string_view(text_).substr(comment.begin, comment.size());
    if (body.starts_with("//")) {
      while (!body.empty() && (body.back() == ' ' || body.back() == '\t' || body.back() == '\r')) {
        body.remove_suffix(1);
      }
    }
    return body;
  }

  bool SourceHadBlankLineBefore(SourceSpan span) const {
    uint32_t previous_end = 0;
    bool found = false;
    for (SourceSpan element : elements_) {
      if (element.end > span.begin) break;
      previous_end = element.end;
      found = true;
    }
    if (!found) return false;
    const std::string_view gap =
        std::string_view(text_).substr(previous_end, span.begin - previous_end);
    return std::count(gap.begin(), gap.end(), '\n') >= 2;
  }

  void BlankLineBefore(SourceSpan span, bool force, bool closing) {
    if (out_.empty()) return;
    if (force || (!after_header_ && !closing && SourceHadBlankLineBefore(span))) {
      out_.push_back('\n');
    }
  }

  const std::string& text_;
  std::vector<SourceSpan> elements_;  // every line and comment, by end
  std::string out_;
  bool after_header_ = false;
};

// The column of `offset` in its line, in bytes from the line's start.
uint32_t ColumnOf(const std::string& text, uint32_t offset) {
  const size_t newline = std::string_view(text).substr(0, offset).rfind('\n');
  return newline == std::string_view::npos ? offset : offset - static_cast<uint32_t>(newline) - 1;
}

// A comment on lines of its own takes the indentation of the line it comes
// before, except where it belongs to the section above: before a closing
// brace, and before a section header when the author indented it deeper
// than the header (a closing remark of the previous section, not a title).
std::string_view LeadingCommentIndent(const std::string& text, SourceSpan comment,
                                      const LayoutLine& next) {
  const std::string_view entry = syntax::LayoutIndent(LayoutRole::kEntry);
  if (next.role == LayoutRole::kRuleEnd) return entry;
  if (next.role == LayoutRole::kSectionHeader &&
      ColumnOf(text, comment.begin) > ColumnOf(text, next.span.begin)) {
    return entry;
  }
  return syntax::LayoutIndent(next.role);
}

}  // namespace

std::string FormatParsed(const SourceFile& source, const ParseResult& parsed) {
  std::vector<PlacedLine> lines;
  for (const ast::Rule& rule : parsed.file.rules) {
    bool first = true;
    for (LayoutLine& line : syntax::LayoutRule(rule)) {
      lines.push_back({std::move(line), {}, {}, first});
      first = false;
    }
  }

  CommentPlacer placer(source.text(), lines);
  std::vector<SourceSpan> file_trailer;
  std::vector<SourceSpan> elements = parsed.comments;
  for (SourceSpan comment : parsed.comments) {
    if (!placer.Place(comment)) file_trailer.push_back(comment);
  }
  for (const PlacedLine& placed : lines) elements.push_back(placed.line.span);

  Writer writer(source.text(), std::move(elements));
  bool first_rule = true;
  for (const PlacedLine& placed : lines) {
    // Rules are separated by exactly one blank line, before the comments
    // that introduce the rule.
    bool force_blank = placed.first_of_rule && !first_rule;
    if (placed.first_of_rule) first_rule = false;
    for (SourceSpan comment : placed.leading) {
      writer.Comment(comment, LeadingCommentIndent(source.text(), comment, placed.line), force_blank);
      force_blank = false;
    }
    writer.Line(placed, force_blank);
  }
  for (SourceSpan comment : file_trailer) writer.Comment(comment, "", false);
  return writer.Take();
}

FormatResult FormatSource(const SourceFile& source, const ParseOptions& options) {
  ParseResult parsed = Parse(source, options);
  FormatResult result;
  result.diagnostics = std::move(parsed.diagnostics);
  if (!result.ok()) {
    result.text = source.text();
    return result;
  }
  // FormatParsed needs the parse, diagnostics aside.
  parsed.diagnostics.clear();
  result.text = FormatParsed(source, parsed);
  return result;
}

}  // namespace yaral

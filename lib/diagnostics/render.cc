// Text rendering of a Diagnostic, in the gcc/clang shape that editors and CI
// log scanners already understand:
//
//   rules/x.yaral:4:9: error: expected `:` after section name `events` [E102]
//       4 |   events
//         |         ^
//         = help: write `events:`
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "diagnostics/utf8.h"
#include "yaral/diagnostics.h"
#include "yaral/source.h"

namespace yaral {
namespace {

// Tabs expand to the next multiple of this column, in the echoed line and
// the caret line alike, so carets stay under their characters. Rule files
// are indented with spaces by convention; 4 matches most rule editors.
constexpr uint32_t kTabStop = 4;

// Lines wider than this are shown as a window around the label, so a rule
// minified onto one line (or hostile input) cannot multiply a multi-megabyte
// line into every diagnostic.
constexpr uint32_t kMaxEchoColumns = 200;
// How much of the line before the label such a window keeps.
constexpr uint32_t kEchoLeftContext = 60;
constexpr std::string_view kEllipsis = "...";

// Line numbers get at least this many digits so short files line up the way
// gcc's output does.
constexpr size_t kMinGutterDigits = 4;

constexpr std::string_view kReset = "\x1b[0m";
constexpr std::string_view kBold = "\x1b[1m";
constexpr std::string_view kDim = "\x1b[2m";
constexpr std::string_view kBoldBlue = "\x1b[1;34m";

std::string_view SeverityStyle(Severity severity) {
  switch (severity) {
    case Severity::kError:
      return "\x1b[1;31m";
    case Severity::kWarning:
      return "\x1b[1;33m";
    case Severity::kNote:
      return "\x1b[1;36m";
  }
  return kBold;
}

// Appends `text`, wrapped in `style` when colour is on.
void AppendStyled(std::string& out, std::string_view text, std::string_view style,
                  bool color) {
  if (color) out.append(style);
  out.append(text);
  if (color) out.append(kReset);
}

// Characters that would disturb the terminal or hide what the line really
// says: C0/C1 controls (including a stray `\r`), DEL, and the bidirectional
// overrides behind "Trojan Source" tricks.
bool IsUnsafeToEcho(char32_t c) {
  return c < 0x20 || (c >= 0x7F && c <= 0x9F) || (c >= 0x202A && c <= 0x202E) ||
         (c >= 0x2066 && c <= 0x2069);
}

// Walks one source line character by character, tracking the display column
// (0-based) and producing the text a terminal should show for each character.
// Every character takes one column except tabs; wide East Asian characters
// are rare enough in rules not to be worth a width table.
class LineCursor {
 public:
  explicit LineCursor(std::string_view line) : line_(line) {}

  bool done() const { return pos_ >= line_.size(); }
  size_t pos() const { return pos_; }
  uint32_t column() const { return column_; }

  // Appends the current character as displayed (clipped to the display
  // columns [first, last)) and moves past it.
  void Advance(std::string* out, uint32_t first, uint32_t last) {
    const diagnostics::DecodedChar c = diagnostics::DecodeUtf8(line_, pos_);
    uint32_t width = 1;
    if (c.valid && c.code_point == '\t') {
      width = kTabStop - column_ % kTabStop;
      if (out != nullptr) {
        const uint32_t from = std::max(column_, first);
        const uint32_t to = std::min(column_ + width, last);
        if (to > from) out->append(to - from, ' ');
      }
    } else if (out != nullptr && column_ >= first && column_ < last) {
      if (!c.valid || IsUnsafeToEcho(c.code_point)) {
        out->push_back('?');
      } else {
        out->append(line_.substr(pos_, c.length));
      }
    }
    pos_ += c.length;
    column_ += width;
  }

 private:
  std::string_view line_;
  size_t pos_ = 0;
  uint32_t column_ = 0;
};

// Display column of byte `offset` within `line` (clamped to the line's end).
uint32_t DisplayColumn(std::string_view line, size_t offset) {
  LineCursor cursor(line);
  while (!cursor.done() && cursor.pos() < offset) {
    cursor.Advance(nullptr, 0, 0);
  }
  return cursor.column();
}

// A label resolved against the file: which line it starts on and which
// display columns it underlines there.
struct PlacedLabel {
  const Label* label = nullptr;
  SourceLocation location;
  uint32_t first_column = 0;  // display column, 0-based
  uint32_t last_column = 0;   // exclusive; > first_column
  bool primary = false;
};

PlacedLabel Place(const Label& label, const SourceFile& file, bool primary) {
  PlacedLabel placed;
  placed.label = &label;
  placed.primary = primary;
  placed.location = file.Locate(label.span.begin);

  const std::string_view line = file.Line(placed.location.line);
  const auto line_start = static_cast<size_t>(line.data() - file.text().data());
  const size_t text_size = file.text().size();
  const size_t begin = std::min<size_t>(label.span.begin, text_size);
  const size_t end = std::max<size_t>(begin, std::min<size_t>(label.span.end, text_size));
  // Offsets past the line's last character (the terminator, or the next
  // lines of a multi-line span) clamp to the end of the line.
  const size_t begin_in_line = std::min(begin - std::min(begin, line_start), line.size());
  const size_t end_in_line = std::min(end - std::min(end, line_start), line.size());
  placed.first_column = DisplayColumn(line, begin_in_line);
  placed.last_column = std::max(DisplayColumn(line, end_in_line), placed.first_column + 1);
  return placed;
}

// The part of a line that is echoed: all of it, or a window of display
// columns around the first label when the line is very wide.
struct EchoWindow {
  uint32_t first = 0;
  uint32_t last = 0;  // exclusive
  bool cut_left = false;
  bool cut_right = false;
};

EchoWindow ChooseWindow(std::string_view line, uint32_t anchor_column) {
  const uint32_t width = DisplayColumn(line, line.size());
  EchoWindow window;
  window.last = width;
  if (width <= kMaxEchoColumns) return window;
  window.first = anchor_column > kEchoLeftContext ? anchor_column - kEchoLeftContext : 0;
  window.first = std::min(window.first, width - kMaxEchoColumns);
  window.last = window.first + kMaxEchoColumns;
  window.cut_left = window.first > 0;
  window.cut_right = window.last < width;
  return window;
}

size_t CountDigits(uint32_t n) {
  size_t digits = 1;
  while (n >= 10) {
    n /= 10;
    ++digits;
  }
  return digits;
}

// Writes the source excerpt: a `file:line:col:` locator for lines other than
// the primary one, the echoed line, and one underline row per label.
class ExcerptWriter {
 public:
  ExcerptWriter(const SourceFile& file, const Diagnostic& diagnostic, size_t gutter_digits,
                bool color, std::string& out)
      : file_(file),
        diagnostic_(diagnostic),
        gutter_digits_(gutter_digits),
        color_(color),
        out_(out) {}

  // `labels` all start on the same line; the first one anchors the window.
  void WriteLine(const std::vector<PlacedLabel>& labels, bool with_locator) {
    const SourceLocation where = labels.front().location;
    if (with_locator) {
      out_.append("  ");
      out_.append(file_.name());
      out_.append(":" + std::to_string(where.line) + ":" + std::to_string(where.column) + ":\n");
    }
    const std::string_view line = file_.Line(where.line);
    const EchoWindow window = ChooseWindow(line, labels.front().first_column);

    std::string echoed;
    if (window.cut_left) echoed.append(kEllipsis);
    LineCursor cursor(line);
    while (!cursor.done() && cursor.column() < window.last) {
      cursor.Advance(&echoed, window.first, window.last);
    }
    if (window.cut_right) echoed.append(kEllipsis);
    // No trailing blanks: they are invisible and upset diff-based tests.
    while (!echoed.empty() && echoed.back() == ' ') echoed.pop_back();

    const std::string number = std::to_string(where.line);
    out_.append(Pad() - number.size(), ' ');
    out_.append(number);
    out_.append(" |");
    if (!echoed.empty()) {
      out_.push_back(' ');
      out_.append(echoed);
    }
    out_.push_back('\n');

    const uint32_t shift = window.cut_left ? static_cast<uint32_t>(kEllipsis.size()) : 0;
    for (const PlacedLabel& placed : labels) {
      // A label outside a cut window is pinned to the window's edge; past the
      // end of an uncut line it stays where it is (end of line, end of file).
      uint32_t first = std::max(placed.first_column, window.first);
      uint32_t last = placed.last_column;
      if (window.cut_right) {
        first = std::min(first, window.last);
        last = std::min(last, window.last);
      }
      last = std::max(last, first + 1);

      out_.append(Pad(), ' ');
      out_.append(" | ");
      out_.append(shift + first - window.first, ' ');
      std::string marked(last - first, placed.primary ? '^' : '-');
      if (!placed.label->text.empty()) marked += " " + placed.label->text;
      AppendStyled(out_, marked,
                   placed.primary ? SeverityStyle(diagnostic_.severity) : kBoldBlue, color_);
      out_.push_back('\n');
    }
  }

  size_t Pad() const { return 1 + gutter_digits_; }

 private:
  const SourceFile& file_;
  const Diagnostic& diagnostic_;
  size_t gutter_digits_;
  bool color_;
  std::string& out_;
};

// Appends `= note: text` (or help); continuation lines of a multi-line text
// are indented under the first.
void WriteFooter(std::string& out, size_t indent, std::string_view kind, std::string_view text,
                 bool color) {
  out.append(indent, ' ');
  out.append("= ");
  AppendStyled(out, kind, kBold, color);
  out.append(": ");
  const size_t hanging = indent + 2 + kind.size() + 2;
  size_t start = 0;
  while (true) {
    const size_t newline = text.find('\n', start);
    out.append(text.substr(start, newline - start));
    out.push_back('\n');
    if (newline == std::string_view::npos) break;
    start = newline + 1;
    out.append(hanging, ' ');
  }
}

}  // namespace

std::string_view SeverityName(Severity severity) {
  switch (severity) {
    case Severity::kError:
      return "error";
    case Severity::kWarning:
      return "warning";
    case Severity::kNote:
      return "note";
  }
  return "error";
}

bool HasErrors(const std::vector<Diagnostic>& diagnostics) {
  return std::any_of(diagnostics.begin(), diagnostics.end(),
                     [](const Diagnostic& d) { return d.severity == Severity::kError; });
}

std::string RenderDiagnostic(const Diagnostic& diagnostic, const SourceFile& file,
                             const RenderOptions& options) {
  const bool color = options.color;
  std::string out;

  const PlacedLabel primary = Place(diagnostic.primary, file, /*primary=*/true);
  out.append(file.name());
  out.append(":" + std::to_string(primary.location.line) + ":" +
             std::to_string(primary.location.column) + ": ");
  AppendStyled(out, SeverityName(diagnostic.severity), SeverityStyle(diagnostic.severity), color);
  out.append(": ");
  out.append(diagnostic.message);
  if (!diagnostic.code.empty()) {
    out.push_back(' ');
    AppendStyled(out, "[" + diagnostic.code + "]", kDim, color);
  }
  out.push_back('\n');

  size_t footer_indent = 2;
  if (options.show_source) {
    // Group labels by line: the primary's line first (with any secondary
    // labels on it), then each further line in the order its labels appear.
    std::vector<std::vector<PlacedLabel>> groups{{primary}};
    uint32_t widest_line = primary.location.line;
    for (const Label& label : diagnostic.secondary) {
      const PlacedLabel placed = Place(label, file, /*primary=*/false);
      widest_line = std::max(widest_line, placed.location.line);
      if (placed.location.line == primary.location.line) {
        groups.front().push_back(placed);
      } else if (groups.size() > 1 &&
                 groups.back().front().location.line == placed.location.line) {
        groups.back().push_back(placed);
      } else {
        groups.push_back({placed});
      }
    }

    const size_t digits = std::max(kMinGutterDigits, CountDigits(widest_line));
    ExcerptWriter writer(file, diagnostic, digits, color, out);
    for (size_t i = 0; i < groups.size(); ++i) {
      writer.WriteLine(groups[i], /*with_locator=*/i > 0);
    }
    // `=` lines up under the gutter's `|`.
    footer_indent = writer.Pad() + 1;
  }

  for (const std::string& note : diagnostic.notes) {
    WriteFooter(out, footer_indent, "note", note, color);
  }
  if (!diagnostic.help.empty()) {
    WriteFooter(out, footer_indent, "help", diagnostic.help, color);
  }
  return out;
}

}  // namespace yaral

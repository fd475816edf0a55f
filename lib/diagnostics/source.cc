#include "yaral/source.h"

#include <algorithm>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <utility>

#include "diagnostics/utf8.h"

namespace yaral {
namespace {

// Spans are 32-bit; text beyond this cannot be pointed at, so it is not
// indexed either. The parser refuses such input long before (E003).
constexpr size_t kMaxIndexedBytes = std::numeric_limits<uint32_t>::max();

}  // namespace

SourceFile::SourceFile(std::string name, std::string text)
    : name_(std::move(name)), text_(std::move(text)) {
  // A newline that ends the file does not start another line: editors and
  // `wc -l` agree, and a diagnostic at end of file then points just past the
  // last character instead of at an empty line nobody wrote.
  line_starts_.push_back(0);
  const std::string_view text_view(text_);
  const size_t limit = std::min(text_view.size(), kMaxIndexedBytes);
  for (size_t pos = text_view.find('\n'); pos < limit;
       pos = text_view.find('\n', pos + 1)) {
    if (pos + 1 < text_view.size()) {
      line_starts_.push_back(static_cast<uint32_t>(pos + 1));
    }
  }
}

SourceLocation SourceFile::Locate(uint32_t offset) const {
  offset = static_cast<uint32_t>(
      std::min<size_t>(offset, std::min(text_.size(), kMaxIndexedBytes)));
  // The last line starting at or before `offset`.
  const auto after = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  const auto index = static_cast<uint32_t>(after - line_starts_.begin() - 1);
  const uint32_t line_start = line_starts_[index];
  // An offset on the line terminator (or at end of file after a final
  // newline) is reported just past the line's last character, so `\r\n` and
  // `\n` files give the same column.
  const std::string_view content = Line(index + 1);
  const size_t end = std::min<size_t>(offset, line_start + content.size());
  const std::string_view before(text_.data() + line_start, end - line_start);
  return {index + 1, static_cast<uint32_t>(1 + diagnostics::CountChars(before))};
}

std::string_view SourceFile::Line(uint32_t line) const {
  if (line == 0 || line > line_starts_.size()) return {};
  const size_t begin = line_starts_[line - 1];
  const size_t end = line < line_starts_.size() ? line_starts_[line] : text_.size();
  std::string_view content(text_.data() + begin, end - begin);
  if (!content.empty() && content.back() == '\n') content.remove_suffix(1);
  if (!content.empty() && content.back() == '\r') content.remove_suffix(1);
  return content;
}

std::string_view SourceFile::Slice(SourceSpan span) const {
  const size_t begin = std::min<size_t>(span.begin, text_.size());
  const size_t end = std::clamp<size_t>(span.end, begin, text_.size());
  return std::string_view(text_).substr(begin, end - begin);
}

}  // namespace yaral

// The match window: long windows cost and delay.
#include <cctype>
#include <string>

#include "lint/lint_internal.h"

namespace yaral::lint {
namespace {

// One day. SecOps accepts up to 48h (E501 beyond), but a window longer than
// a day keeps every candidate event in state for that long and a detection
// can only fire once the window closes, so it arrives up to that late.
constexpr int64_t kMaxWindowSeconds = 24 * 60 * 60;

// The duration inside `over 48h [before $e]`.
SourceSpan DurationSpan(const RuleView& view) {
  SourceSpan span = view.rule.match->window_span;
  std::string_view text = view.source.Slice(span);
  std::string written = std::to_string(view.rule.match->window.amount);
  size_t at = text.find(written);
  if (at == std::string_view::npos) return span;
  size_t end = at + written.size();
  while (end < text.size() && std::isalpha(static_cast<unsigned char>(text[end]))) ++end;
  return {span.begin + static_cast<uint32_t>(at), span.begin + static_cast<uint32_t>(end)};
}

}  // namespace

void CheckWindow(const RuleView& view, std::vector<Diagnostic>& out) {
  if (!view.rule.match) return;
  const ast::Duration& window = view.rule.match->window;
  int64_t seconds = window.Seconds();
  if (window.overflow || seconds <= kMaxWindowSeconds) return;
  Diagnostic d = MakeWarning(
      codes::kLargeMatchWindow,
      "match window of " + std::to_string(window.amount) + window.unit + " is longer than 24h",
      DurationSpan(view),
      "use a window of 24h or less, or split the logic so that detections are not delayed");
  d.notes.push_back("events are held for the whole window and a detection fires only when it closes");
  out.push_back(std::move(d));
}

}  // namespace yaral::lint

// ApplyFixes (yaral/fixer.h): the text edits of diagnostics' fixes, applied
// from the end of the text backwards so that no edit moves another's span.
#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "yaral/fixer.h"

namespace yaral {
namespace {

bool IsInsertion(const Fix& fix) { return fix.span.begin == fix.span.end; }

bool SameEdit(const Fix& a, const Fix& b) {
  return a.span == b.span && a.replacement == b.replacement;
}

// Whether applying both edits would be ambiguous or would edit the same
// text twice. An insertion at either end of a replaced range is fine: it
// lands before or after the replacement.
bool Conflict(const Fix& a, const Fix& b) {
  if (IsInsertion(a) && IsInsertion(b)) return a.span.begin == b.span.begin;
  if (IsInsertion(a)) return b.span.begin < a.span.begin && a.span.begin < b.span.end;
  if (IsInsertion(b)) return a.span.begin < b.span.begin && b.span.begin < a.span.end;
  return a.span.begin < b.span.end && b.span.begin < a.span.end;
}

// Edits in the order they are applied: the one furthest on first; of a
// replaced range and an insertion at its start, the range first, so the
// insertion ends up before it.
bool AppliedBefore(const Fix& a, const Fix& b) {
  if (a.span.begin != b.span.begin) return a.span.begin > b.span.begin;
  return a.span.end > b.span.end;
}

std::vector<Fix> Sorted(std::vector<Fix> edits) {
  std::sort(edits.begin(), edits.end(), AppliedBefore);
  return edits;
}

bool SameEdits(const std::vector<Fix>& a, const std::vector<Fix>& b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), SameEdit);
}

}  // namespace

int AppliedEdits::applied() const {
  return static_cast<int>(std::count(outcomes.begin(), outcomes.end(), FixOutcome::kApplied));
}

AppliedEdits ApplyFixes(std::string_view text, const std::vector<Diagnostic>& diagnostics) {
  AppliedEdits result;
  result.outcomes.assign(diagnostics.size(), FixOutcome::kNoFix);
  // Each diagnostic's edits, in application order; checked on their own first.
  std::vector<std::vector<Fix>> units(diagnostics.size());
  std::vector<size_t> candidates;
  for (size_t i = 0; i < diagnostics.size(); ++i) {
    if (diagnostics[i].fixes.empty()) continue;
    units[i] = Sorted(diagnostics[i].fixes);
    const std::vector<Fix>& unit = units[i];
    bool in_range = std::all_of(unit.begin(), unit.end(), [&](const Fix& f) {
      return f.span.begin <= f.span.end && f.span.end <= text.size();
    });
    if (!in_range) {
      result.outcomes[i] = FixOutcome::kOutOfRange;
      continue;
    }
    bool self_overlap = false;
    for (size_t j = 1; j < unit.size(); ++j) self_overlap |= Conflict(unit[j - 1], unit[j]);
    if (self_overlap) {
      result.outcomes[i] = FixOutcome::kOverlapping;
      continue;
    }
    candidates.push_back(i);
  }
  // The diagnostic whose first edit is furthest on is taken first, so that
  // of two overlapping fixes the later one wins (ties: the order given).
  std::stable_sort(candidates.begin(), candidates.end(), [&](size_t a, size_t b) {
    return units[a].back().span.begin > units[b].back().span.begin;
  });
  std::vector<size_t> taken;
  std::vector<Fix> edits;
  for (size_t i : candidates) {
    bool repeat = std::any_of(taken.begin(), taken.end(),
                              [&](size_t t) { return SameEdits(units[t], units[i]); });
    if (repeat) {
      result.outcomes[i] = FixOutcome::kApplied;
      continue;
    }
    bool conflict = std::any_of(units[i].begin(), units[i].end(), [&](const Fix& mine) {
      return std::any_of(edits.begin(), edits.end(),
                         [&](const Fix& other) { return Conflict(mine, other); });
    });
    if (conflict) {
      result.outcomes[i] = FixOutcome::kOverlapping;
      continue;
    }
    result.outcomes[i] = FixOutcome::kApplied;
    taken.push_back(i);
    edits.insert(edits.end(), units[i].begin(), units[i].end());
  }
  std::sort(edits.begin(), edits.end(), AppliedBefore);
  result.text = std::string(text);
  for (const Fix& edit : edits) {
    result.text.replace(edit.span.begin, edit.span.size(), edit.replacement);
  }
  return result;
}

}  // namespace yaral

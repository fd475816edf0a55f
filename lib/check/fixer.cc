// FixSource (yaral/fixer.h): check, apply the findings' fixes, re-check, and
// keep the result only if it has no error the input did not have.
#include <algorithm>
#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "yaral/checker.h"
#include "yaral/fixer.h"
#include "yaral/parser.h"

namespace yaral {
namespace {

// Errors by code and message: positions move when text is edited, what an
// error says does not.
using ErrorCounts = std::map<std::pair<std::string, std::string>, int>;

ErrorCounts CountErrors(const std::vector<Diagnostic>& diagnostics) {
  ErrorCounts counts;
  for (const Diagnostic& d : diagnostics) {
    if (d.severity == Severity::kError) ++counts[{d.code, d.message}];
  }
  return counts;
}

// The errors of `after` beyond those counted in `before`.
std::vector<Diagnostic> NewErrors(ErrorCounts before, const std::vector<Diagnostic>& after) {
  std::vector<Diagnostic> added;
  for (const Diagnostic& d : after) {
    if (d.severity != Severity::kError) continue;
    int& allowance = before[{d.code, d.message}];
    if (allowance > 0) {
      --allowance;
    } else {
      added.push_back(d);
    }
  }
  return added;
}

// The edits one pass applied, in ascending order, to map positions in its
// output back to its input.
std::vector<Fix> AppliedEditsOf(const std::vector<Diagnostic>& diagnostics,
                                const AppliedEdits& edits) {
  std::vector<Fix> out;
  for (size_t i = 0; i < diagnostics.size(); ++i) {
    if (edits.outcomes[i] != FixOutcome::kApplied) continue;
    for (const Fix& fix : diagnostics[i].fixes) {
      bool seen = std::any_of(out.begin(), out.end(), [&](const Fix& f) {
        return f.span == fix.span && f.replacement == fix.replacement;
      });
      if (!seen) out.push_back(fix);
    }
  }
  std::sort(out.begin(), out.end(),
            [](const Fix& a, const Fix& b) { return a.span.begin < b.span.begin; });
  return out;
}

// An offset in the text `edits` produced, in the text they were applied to;
// an offset inside replaced text maps to the start of what it replaced.
uint32_t MapBack(uint32_t offset, const std::vector<Fix>& edits) {
  int64_t shift = 0;  // output minus input, for the edits before `offset`
  for (const Fix& edit : edits) {
    const int64_t output_begin = edit.span.begin + shift;
    const int64_t output_end = output_begin + static_cast<int64_t>(edit.replacement.size());
    if (offset < output_begin) break;
    if (offset < output_end) return edit.span.begin;
    shift += static_cast<int64_t>(edit.replacement.size()) - edit.span.size();
  }
  return static_cast<uint32_t>(offset - shift);
}

SourceSpan MapBack(SourceSpan span, const std::vector<std::vector<Fix>>& passes) {
  for (auto pass = passes.rbegin(); pass != passes.rend(); ++pass) {
    span = {MapBack(span.begin, *pass), MapBack(span.end, *pass)};
    if (span.end < span.begin) span.end = span.begin;
  }
  return span;
}

std::string Refusal(const std::vector<Diagnostic>& added) {
  std::string why = "the fixed text would have " + std::to_string(added.size()) + " new error" +
                    (added.size() == 1 ? "" : "s") + ": ";
  for (size_t i = 0; i < added.size(); ++i) {
    if (i > 0) why += "; ";
    why += added[i].code + " " + added[i].message;
  }
  return why;
}

}  // namespace

FixResult FixSource(const SourceFile& source, const CheckOptions& options) {
  FixResult result;
  result.check = CheckSource(source, options);
  std::vector<Diagnostic> found = result.check.diagnostics;
  const bool fixes_offered = std::any_of(found.begin(), found.end(),
                                         [](const Diagnostic& d) { return !d.fixes.empty(); });
  result.text = source.text();
  if (!fixes_offered) return result;
  // A re-check of text that does not parse judges a tree rebuilt by error
  // recovery, so it cannot vouch for a fix.
  if (HasErrors(Parse(source, options.parse).diagnostics)) {
    result.refusal = "the file has syntax errors; fix them first";
    return result;
  }
  const ErrorCounts input_errors = CountErrors(found);
  // A round's fixes may reveal errors the next round fixes (a path's second
  // misspelt segment is reported once the first is respelt), so a round with
  // new errors is not the end: the text kept is that of the last round
  // without any.
  std::string text = source.text();
  std::vector<std::vector<Fix>> passes;  // each round's edits, in its input
  std::vector<Diagnostic> pending;       // fixed since the text kept last
  std::vector<Diagnostic> new_errors;    // of the latest round
  for (int pass = 0; pass < kMaxFixPasses; ++pass) {
    AppliedEdits edits = ApplyFixes(text, found);
    if (edits.applied() == 0 || edits.text == text) break;
    for (size_t i = 0; i < found.size(); ++i) {
      if (edits.outcomes[i] != FixOutcome::kApplied) continue;
      Diagnostic d = found[i];
      d.primary.span = MapBack(d.primary.span, passes);
      for (Label& label : d.secondary) label.span = MapBack(label.span, passes);
      for (Fix& fix : d.fixes) fix.span = MapBack(fix.span, passes);
      pending.push_back(std::move(d));
    }
    passes.push_back(AppliedEditsOf(found, edits));
    text = std::move(edits.text);
    CheckResult recheck = CheckSource(SourceFile(source.name(), text), options);
    found = recheck.diagnostics;
    new_errors = NewErrors(input_errors, recheck.diagnostics);
    if (new_errors.empty()) {
      result.text = text;
      result.check = std::move(recheck);
      for (Diagnostic& d : pending) result.applied.push_back(std::move(d));
      pending.clear();
    }
  }
  if (text != result.text) {
    result.refusal = Refusal(new_errors);
    result.new_errors = std::move(new_errors);
    result.rejected_text = std::move(text);
  }
  std::stable_sort(result.applied.begin(), result.applied.end(),
                   [](const Diagnostic& a, const Diagnostic& b) {
                     return a.primary.span.begin < b.primary.span.begin;
                   });
  return result;
}

}  // namespace yaral

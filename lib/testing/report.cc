// The text shown under a case that did not pass, shared by every report
// format (the terminal, JSON, JUnit) so that they all say the same thing.

#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "yaral/rule_test.h"

namespace yaral {
namespace {

// The heading over the explanations, saying when they were cut.
std::string ExplanationsHeading(const CaseResult& result) {
  std::string heading = "why events did not contribute";
  if (result.explanations_total > result.explanations.size()) {
    heading += " (first " + std::to_string(result.explanations.size()) + " of " +
               std::to_string(result.explanations_total) + ")";
  }
  return heading;
}

// An explanation of the engine's of the form "RULE: event #N: $VAR rejects
// it: REASON" (lib/engine/rule_runner.cc), cut into its parts.
struct Rejection {
  std::string_view event;     // "#3"
  std::string_view variable;  // "$login"
  std::string_view filter;    // "`$login.x = 1` is false", the part shared by events
  std::string_view values;    // "($login.x = 2)", what this event had
};

bool ParseRejection(std::string_view line, Rejection& out) {
  const size_t event = line.find(": event #");
  if (event == std::string_view::npos) return false;
  line.remove_prefix(event + 8);  // "#N: ..."
  const size_t colon = line.find(": $");
  if (colon == std::string_view::npos) return false;
  out.event = line.substr(0, colon);
  line.remove_prefix(colon + 2);
  const size_t verb = line.find(" rejects it: ");
  if (verb == std::string_view::npos) return false;
  out.variable = line.substr(0, verb);
  line.remove_prefix(verb + 13);
  // "`filter` is false (values)": events differ only in their values.
  constexpr std::string_view kFalse = "` is false (";
  const size_t values = line.find(kFalse);
  const bool has_values = values != std::string_view::npos && line.back() == ')';
  out.filter = has_values ? line.substr(0, values + kFalse.size() - 2) : line;
  out.values = has_values ? line.substr(values + kFalse.size() - 1) : std::string_view();
  return true;
}

}  // namespace

std::vector<std::string> CaseReport(const CaseResult& result) {
  if (result.status == CaseStatus::kPassed) return {};
  std::vector<std::string> lines = result.failure;
  // A case that could not run has nothing to explain.
  if (result.status == CaseStatus::kError || result.explanations.empty()) return lines;
  lines.push_back(ExplanationsHeading(result) + ":");
  for (const std::string& line : result.explanations) lines.push_back("  " + line);
  return lines;
}

std::vector<std::string> FoldedCaseReport(const CaseResult& result) {
  if (result.status == CaseStatus::kPassed) return {};
  std::vector<std::string> lines = result.failure;
  if (result.status == CaseStatus::kError || result.explanations.empty()) return lines;

  // Per event variable, in the order they first appear, the filters that
  // rejected events, each with the events it rejected and the first one's
  // values.
  struct Group {
    std::vector<std::string_view> events;
    std::string_view first_values;
  };
  std::vector<std::string_view> variables;
  std::map<std::string_view, std::vector<std::pair<std::string_view, Group>>> by_variable;
  std::vector<std::string_view> others;  // window and condition explanations
  for (const std::string& line : result.explanations) {
    Rejection r;
    if (!ParseRejection(line, r)) {
      others.push_back(line);
      continue;
    }
    auto& filters = by_variable[r.variable];
    if (filters.empty()) variables.push_back(r.variable);
    auto it = filters.begin();
    while (it != filters.end() && it->first != r.filter) ++it;
    if (it == filters.end()) it = filters.insert(filters.end(), {r.filter, Group{{}, r.values}});
    it->second.events.push_back(r.event);
  }

  lines.push_back(ExplanationsHeading(result) + ", folded (-v lists each):");
  for (std::string_view variable : variables) {
    for (const auto& [filter, group] : by_variable[variable]) {
      const size_t n = group.events.size();
      std::string events = std::to_string(n) + (n == 1 ? " event" : " events") + " (";
      for (size_t i = 0; i < n && i < 3; ++i) events += (i ? ", " : "") + std::string(group.events[i]);
      events += n > 3 ? ", ...)" : ")";
      std::string text = "  " + std::string(variable) + " rejected " + events + ": " +
                         std::string(filter);
      if (!group.first_values.empty()) {
        text += n == 1 ? " " : " first ";
        text += group.first_values;
      }
      lines.push_back(std::move(text));
    }
  }
  constexpr size_t kOthersShown = 3;
  for (size_t i = 0; i < others.size() && i < kOthersShown; ++i) {
    lines.push_back("  " + std::string(others[i]));
  }
  if (others.size() > kOthersShown) {
    lines.push_back("  and " + std::to_string(others.size() - kOthersShown) +
                    " more window or condition explanations");
  }
  return lines;
}

}  // namespace yaral

// The text shown under a case that did not pass, shared by every report
// format (the terminal, JSON, JUnit) so that they all say the same thing.

#include <string>
#include <vector>

#include "yaral/rule_test.h"

namespace yaral {

std::vector<std::string> CaseReport(const CaseResult& result) {
  if (result.status == CaseStatus::kPassed) return {};
  std::vector<std::string> lines = result.failure;
  // A case that could not run has nothing to explain.
  if (result.status == CaseStatus::kError || result.explanations.empty()) return lines;
  std::string heading = "why events did not contribute";
  if (result.explanations_total > result.explanations.size()) {
    heading += " (first " + std::to_string(result.explanations.size()) + " of " +
               std::to_string(result.explanations_total) + ")";
  }
  lines.push_back(heading + ":");
  for (const std::string& line : result.explanations) lines.push_back("  " + line);
  return lines;
}

}  // namespace yaral

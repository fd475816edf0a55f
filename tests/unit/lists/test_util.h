// Helpers shared by the lists tests.
#ifndef YARAL_TESTS_UNIT_LISTS_TEST_UTIL_H_
#define YARAL_TESTS_UNIT_LISTS_TEST_UTIL_H_

#include <string>
#include <vector>

#include "yaral/reference_lists.h"

namespace yaral::testing {

// "line:col CODE" of each diagnostic, the form golden checks compare.
inline std::vector<std::string> Where(const std::vector<SourcedDiagnostic>& diagnostics) {
  std::vector<std::string> out;
  for (const SourcedDiagnostic& d : diagnostics) {
    SourceLocation at = d.file->Locate(d.diagnostic.primary.span.begin);
    out.push_back(std::to_string(at.line) + ":" + std::to_string(at.column) + " " +
                  d.diagnostic.code);
  }
  return out;
}

}  // namespace yaral::testing

#endif  // YARAL_TESTS_UNIT_LISTS_TEST_UTIL_H_

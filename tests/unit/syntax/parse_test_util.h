// Helpers shared by the parser tests: parse a snippet, find diagnostics.
#ifndef YARAL_TESTS_UNIT_SYNTAX_PARSE_TEST_UTIL_H_
#define YARAL_TESTS_UNIT_SYNTAX_PARSE_TEST_UTIL_H_

#include <string>
#include <vector>

#include "yaral/diagnostics.h"
#include "yaral/parser.h"

namespace yaral::testing {

struct Parsed {
  SourceFile source;
  ParseResult result;
};

inline Parsed ParseText(std::string text, const ParseOptions& options = {}) {
  SourceFile source("test.yaral", std::move(text));
  ParseResult result = Parse(source, options);
  return {std::move(source), std::move(result)};
}

// A whole rule around an events section body and optional later sections.
inline std::string RuleWith(const std::string& events, const std::string& rest = "  condition:\n    $e\n") {
  return "rule r {\n  meta:\n  events:\n" + events + "\n" + rest + "}\n";
}

inline std::vector<std::string> Codes(const ParseResult& result) {
  std::vector<std::string> codes;
  for (const Diagnostic& d : result.diagnostics) codes.push_back(d.code);
  return codes;
}

inline std::string Rendered(const Parsed& parsed) {
  std::string out;
  for (const Diagnostic& d : parsed.result.diagnostics) out += RenderDiagnostic(d, parsed.source);
  return out;
}

}  // namespace yaral::testing

#endif  // YARAL_TESTS_UNIT_SYNTAX_PARSE_TEST_UTIL_H_

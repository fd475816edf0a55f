// Turning an AST back into text: canonical YARA-L, and JSON for tools.
//
//   std::string text = yaral::PrintFile(parsed.file);   // re-parses to the same AST
//   std::string json = yaral::AstToJson(parsed.file, &source);
//
// The canonical form is stable: two-space indentation, one predicate per line,
// lower-case keywords, parentheses only where precedence needs them, strings
// re-escaped. It is the form `yaral fmt` will write and what the round-trip
// test checks: Parse(PrintFile(ast)) has the same structure as ast.
//
// Thread-safety: pure functions.
#ifndef YARAL_AST_PRINTER_H_
#define YARAL_AST_PRINTER_H_

#include <string>

#include "yaral/ast.h"
#include "yaral/source.h"

namespace yaral {

std::string PrintFile(const ast::File& file);
std::string PrintRule(const ast::Rule& rule);
std::string PrintExpr(const ast::Expr& expr);

struct AstJsonOptions {
  // Spans as {"begin","end"} byte offsets plus "line"/"column" when a source
  // is given. Off for structural comparison of two trees.
  bool include_spans = true;
  bool include_ids = true;
  int indent = 2;  // -1: compact, one line
};

// The AST as JSON: every node is an object with a "kind" and its fields.
// The schema is documented in docs/ast-json.md.
std::string AstToJson(const ast::File& file, const SourceFile* source = nullptr,
                      const AstJsonOptions& options = {});

// True when the two trees have the same structure and values, ignoring spans
// and node ids.
bool SameStructure(const ast::File& a, const ast::File& b);

}  // namespace yaral

#endif  // YARAL_AST_PRINTER_H_

// Parsing rule text into an AST.
//
//   yaral::SourceFile file("login.yaral", text);
//   yaral::ParseResult result = yaral::Parse(file);
//   if (yaral::HasErrors(result.diagnostics)) { ...report... }
//   for (const yaral::ast::Rule& rule : result.file.rules) ...
//
// Parse never throws and never aborts on bad input: empty, binary, huge or
// deeply nested text, and every syntax error, become diagnostics. All syntax
// errors of a file are reported (up to `max_errors`), each in words a rule
// author understands. Rules that parsed cleanly are returned even when a
// neighbouring rule in the same file has errors.
//
// Thread-safety: Parse may be called from any thread. The ANTLR 4.9 runtime
// shares a prediction cache between parsers without locking it, so calls are
// serialised internally by a process-wide mutex; parse up front and
// parallelise evaluation, not parsing.
#ifndef YARAL_PARSER_H_
#define YARAL_PARSER_H_

#include <cstddef>
#include <vector>

#include "yaral/ast.h"
#include "yaral/diagnostics.h"
#include "yaral/source.h"

namespace yaral {

struct ParseOptions {
  // Larger inputs are refused with E003. The biggest public rule is ~20 KB;
  // 4 MiB leaves room for generated rules while bounding memory and time.
  size_t max_source_bytes = 4 * 1024 * 1024;
  // Deeper nesting of parentheses, brackets and prefix operators is refused
  // with E004: ANTLR's recursive-descent parser would otherwise exhaust the
  // stack. Real rules nest fewer than 10 levels.
  int max_nesting_depth = 100;
  // Deepest expression tree, where each operator of a chain such as
  // `a or b or c ...` adds a level: the tree and every pass over it recurse
  // that deep. The longest chains in public rules have ~300 terms.
  int max_expression_depth = 2000;
  // Stop reporting after this many errors (E005 says how many were dropped).
  int max_errors = 100;
};

struct ParseResult {
  ast::File file;
  std::vector<Diagnostic> diagnostics;
  // Every `//` and `/* */` comment, in source order, as the lexer found it
  // (the AST keeps none): the formatter puts them back where they were.
  std::vector<SourceSpan> comments;
};

ParseResult Parse(const SourceFile& source, const ParseOptions& options = {});

}  // namespace yaral

#endif  // YARAL_PARSER_H_

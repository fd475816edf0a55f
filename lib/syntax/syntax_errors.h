// Turns ANTLR's recognition errors into diagnostics a rule author can act on.
//
// ANTLR reports "mismatched input 'x' expecting {':', '='}"; a rule author
// wants "expected `:` after section name `events`". SyntaxErrorReporter is an
// error strategy that keeps ANTLR's recovery (so every error of a file is
// found) but words each report from the parser's situation: the section being
// parsed, the token before, and what could have come next.
#ifndef YARAL_LIB_SYNTAX_SYNTAX_ERRORS_H_
#define YARAL_LIB_SYNTAX_SYNTAX_ERRORS_H_

#include <string>
#include <vector>

#include "antlr4-runtime.h"
#include "syntax/token_spans.h"
#include "yaral/diagnostics.h"

namespace yaral::syntax {

class SyntaxErrorReporter : public antlr4::DefaultErrorStrategy {
 public:
  SyntaxErrorReporter(const TokenSpans& spans, antlr4::CommonTokenStream& tokens,
                      std::vector<Diagnostic>& sink, int max_errors);

  int error_count() const { return error_count_; }

 protected:
  void reportNoViableAlternative(antlr4::Parser* parser,
                                 const antlr4::NoViableAltException& e) override;
  void reportInputMismatch(antlr4::Parser* parser,
                           const antlr4::InputMismatchException& e) override;
  void reportFailedPredicate(antlr4::Parser* parser,
                             const antlr4::FailedPredicateException& e) override;
  void reportUnwantedToken(antlr4::Parser* parser) override;
  void reportMissingToken(antlr4::Parser* parser) override;

 private:
  enum class Problem { kUnexpected, kMissing };
  void Report(antlr4::Parser* parser, antlr4::Token* offending, Problem problem);
  void Emit(Diagnostic diagnostic);

  const TokenSpans& spans_;
  antlr4::CommonTokenStream& tokens_;
  std::vector<Diagnostic>& sink_;
  int max_errors_;
  int error_count_ = 0;
};

// Diagnostics for the error tokens the lexer put on its ERRORS channel
// (stray characters, unterminated strings, comments and regexes).
void ReportLexicalErrors(antlr4::CommonTokenStream& tokens, const TokenSpans& spans,
                         std::vector<Diagnostic>& sink);

// An error diagnostic with just a code, message and primary span: the shape
// of nearly every syntax-stage finding.
Diagnostic MakeError(std::string_view code, std::string message, SourceSpan span);

// A short, quoted description of a token for messages: "`events`",
// "string \"abc\"", "end of file".
std::string DescribeToken(const antlr4::Token* token);

}  // namespace yaral::syntax

#endif  // YARAL_LIB_SYNTAX_SYNTAX_ERRORS_H_

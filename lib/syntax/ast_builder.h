// Builds the yaral AST from ANTLR's parse tree.
//
// This is the one place where parse-tree types become AST nodes. Besides the
// translation it reports the problems that are syntax to a rule author but
// are easier to judge on a whole tree than in the grammar: section order,
// duplicate and missing sections, Search-only constructs, reserved variable
// names, bad durations, and SecOps's "leading parenthesis" quirk.
#ifndef YARAL_LIB_SYNTAX_AST_BUILDER_H_
#define YARAL_LIB_SYNTAX_AST_BUILDER_H_

#include <vector>

#include "YaraLParser.h"
#include "syntax/token_spans.h"
#include "yaral/ast.h"
#include "yaral/diagnostics.h"

namespace yaral::syntax {

class AstBuilder {
 public:
  AstBuilder(const TokenSpans& spans, std::vector<Diagnostic>& diagnostics,
             int max_expression_depth);

  // Rules that contain a syntax error (an error node or a recognition
  // exception anywhere below them) are skipped: their errors are already
  // reported and a partial rule would only produce follow-on noise.
  ast::File Build(yaral_grammar::YaraLParser::FileContext* file);

 private:
  using P = yaral_grammar::YaraLParser;

  std::optional<ast::Rule> BuildRule(P::RuleDeclContext* context);
  void BuildSection(P::SectionContext* context, ast::Rule& rule);
  ast::MatchSection BuildMatch(P::MatchSectionContext* context);
  ast::KeyValue BuildKeyValue(P::KeyValueContext* context);
  ast::TableAction BuildTableAction(P::TableActionContext* context);
  std::vector<ast::Argument> BuildArguments(P::ArgumentsContext* context);

  ast::ExprPtr BuildExpr(P::ExprContext* context);
  ast::ExprPtr BuildExprUnchecked(P::ExprContext* context);
  ast::ExprPtr BuildPrimary(P::PrimaryContext* context);
  ast::ExprPtr BuildVariable(antlr4::tree::TerminalNode* variable,
                             const std::vector<P::PathSuffixContext*>& suffixes,
                             SourceSpan span);
  ast::ExprPtr BuildDuration(antlr4::Token* token);
  ast::ExprPtr BuildListRef(P::ListRefContext* context);
  ast::ExprPtr BuildMembershipTarget(P::MembershipTargetContext* context);
  ast::ExprPtr Make(ast::ExprKind kind, SourceSpan span);

  std::string VariableName(antlr4::Token* token);
  void CheckLeadingParenthesis(P::ExprContext* predicate);
  void Error(std::string_view code, std::string message, SourceSpan span,
             std::string help = "");

  const TokenSpans& spans_;
  std::vector<Diagnostic>& diagnostics_;
  int max_expression_depth_;
  int depth_ = 0;
  ast::NodeId next_id_ = 1;
};

}  // namespace yaral::syntax

#endif  // YARAL_LIB_SYNTAX_AST_BUILDER_H_

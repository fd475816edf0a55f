#include "syntax/ast_builder.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cstdlib>
#include <stack>

#include "YaraLLexer.h"
#include "syntax/syntax_errors.h"

namespace yaral::syntax {
namespace {

using yaral_grammar::YaraLLexer;
using yaral_grammar::YaraLParser;

// Thrown inside the builder when an expression is nested deeper than the
// configured limit; caught per rule, which is then dropped with E004.
struct DepthExceeded {
  SourceSpan span;
};

// Words that cannot name a variable (yaral-spec §1.3): `$and`, `$outcome`
// and the window bounds are rejected by SecOps.
constexpr std::array<std::string_view, 27> kReservedVariableNames = {
    "rule",  "meta",   "match",  "over",       "events",     "condition", "outcome",
    "options", "and",  "or",     "not",        "nocase",     "in",        "regex",
    "cidr",  "before", "after",  "all",        "any",        "if",        "is",
    "null",  "by",     "true",   "false",      "window_start", "window_end"};

std::string Lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

// Decodes a double-quoted literal's body. C-like escapes are decoded; an
// unknown escape keeps its backslash so that `"\d"` still reaches a regex as
// `\d` (docs/semantics.md#string-escapes).
std::string DecodeString(std::string_view body) {
  std::string out;
  out.reserve(body.size());
  for (size_t i = 0; i < body.size(); ++i) {
    char c = body[i];
    if (c != '\\' || i + 1 >= body.size()) {
      out += c;
      continue;
    }
    char e = body[++i];
    switch (e) {
      case 'n': out += '\n'; break;
      case 'r': out += '\r'; break;
      case 't': out += '\t'; break;
      case '\\': out += '\\'; break;
      case '"': out += '"'; break;
      case '\'': out += '\''; break;
      default:
        out += '\\';
        out += e;
        break;
    }
  }
  return out;
}

// The value of a STRING or RAW_STRING token.
ast::StringLiteral StringValue(antlr4::Token* token) {
  std::string text = token->getText();
  std::string_view body(text);
  body = body.substr(1, body.size() >= 2 ? body.size() - 2 : 0);
  if (token->getType() == YaraLLexer::RAW_STRING) return {std::string(body), true};
  return {DecodeString(body), false};
}

bool HasSyntaxError(antlr4::tree::ParseTree* root) {
  // Iterative: a long `or` chain makes a deep tree.
  std::vector<antlr4::tree::ParseTree*> pending{root};
  while (!pending.empty()) {
    antlr4::tree::ParseTree* node = pending.back();
    pending.pop_back();
    if (dynamic_cast<antlr4::tree::ErrorNode*>(node) != nullptr) return true;
    if (auto* context = dynamic_cast<antlr4::ParserRuleContext*>(node)) {
      if (context->exception != nullptr) return true;
    }
    for (antlr4::tree::ParseTree* child : node->children) pending.push_back(child);
  }
  return false;
}

ast::ComparisonOp ComparisonOpOf(size_t type) {
  switch (type) {
    case YaraLLexer::NEQ: return ast::ComparisonOp::kNe;
    case YaraLLexer::LT: return ast::ComparisonOp::kLt;
    case YaraLLexer::LE: return ast::ComparisonOp::kLe;
    case YaraLLexer::GT: return ast::ComparisonOp::kGt;
    case YaraLLexer::GE: return ast::ComparisonOp::kGe;
    default: return ast::ComparisonOp::kEq;
  }
}

int SectionOrder(ast::SectionKind kind) { return static_cast<int>(kind); }

}  // namespace

AstBuilder::AstBuilder(const TokenSpans& spans, std::vector<Diagnostic>& diagnostics,
                       int max_expression_depth)
    : spans_(spans), diagnostics_(diagnostics), max_expression_depth_(max_expression_depth) {}

void AstBuilder::Error(std::string_view code, std::string message, SourceSpan span,
                       std::string help) {
  Diagnostic d = MakeError(code, std::move(message), span);
  d.help = std::move(help);
  diagnostics_.push_back(std::move(d));
}

ast::ExprPtr AstBuilder::Make(ast::ExprKind kind, SourceSpan span) {
  auto expr = std::make_unique<ast::Expr>();
  expr->kind = std::move(kind);
  expr->span = span;
  expr->id = next_id_++;
  return expr;
}

ast::File AstBuilder::Build(YaraLParser::FileContext* file) {
  ast::File out;
  for (YaraLParser::RuleDeclContext* rule : file->ruleDecl()) {
    if (HasSyntaxError(rule)) continue;
    try {
      if (std::optional<ast::Rule> built = BuildRule(rule)) out.rules.push_back(std::move(*built));
    } catch (const DepthExceeded& e) {
      depth_ = 0;
      Error(codes::kNestingTooDeep,
            "expression is nested more than " + std::to_string(max_expression_depth_) +
                " levels deep",
            e.span, "split the expression into several predicates or use a reference list");
    }
  }
  return out;
}

std::string AstBuilder::VariableName(antlr4::Token* token) {
  std::string name = token->getText().substr(1);
  std::string lower = Lower(name);
  if (std::find(kReservedVariableNames.begin(), kReservedVariableNames.end(), lower) !=
      kReservedVariableNames.end()) {
    Error(codes::kReservedName, "`$" + name + "` uses the reserved word `" + lower + "` as a name",
          spans_.Of(token), "choose another name, e.g. `$" + lower + "_value`");
  }
  return name;
}

std::optional<ast::Rule> AstBuilder::BuildRule(YaraLParser::RuleDeclContext* context) {
  ast::Rule rule;
  rule.name = context->name->getText();
  rule.name_span = spans_.Of(context->name);
  rule.span = spans_.Of(context);

  std::optional<ast::SectionKind> previous;
  SourceSpan previous_span;
  std::vector<ast::SectionKind> seen;
  for (YaraLParser::SectionContext* section : context->section()) {
    SourceSpan header = spans_.Of(section->getStart());
    if (auto* search = dynamic_cast<YaraLParser::SearchOnlySectionContext*>(section)) {
      std::string name = Lower(search->searchSectionName()->getText());
      Error(codes::kSearchOnly, "`" + name + ":` is a Search and Dashboards section, not a rule section",
            header, "remove it: detection rules have meta, events, match, outcome, condition and options");
      continue;
    }
    ast::SectionKind kind;
    if (dynamic_cast<YaraLParser::MetaSectionContext*>(section)) kind = ast::SectionKind::kMeta;
    else if (dynamic_cast<YaraLParser::SetupSectionContext*>(section)) kind = ast::SectionKind::kSetup;
    else if (dynamic_cast<YaraLParser::EventsSectionContext*>(section)) kind = ast::SectionKind::kEvents;
    else if (dynamic_cast<YaraLParser::MatchSectionContext*>(section)) kind = ast::SectionKind::kMatch;
    else if (dynamic_cast<YaraLParser::OutcomeSectionContext*>(section)) kind = ast::SectionKind::kOutcome;
    else if (dynamic_cast<YaraLParser::ConditionSectionContext*>(section)) kind = ast::SectionKind::kCondition;
    else if (dynamic_cast<YaraLParser::OptionsSectionContext*>(section)) kind = ast::SectionKind::kOptions;
    else kind = ast::SectionKind::kExport;
    // The first of duplicated sections is kept; BuildSection ignores later ones.
    BuildSection(section, rule);

    if (std::find(seen.begin(), seen.end(), kind) != seen.end()) {
      Error(codes::kDuplicateSection,
            "section `" + std::string(ast::SectionName(kind)) + "` appears more than once", header,
            "merge the two sections into one");
    } else if (previous && SectionOrder(kind) < SectionOrder(*previous)) {
      Diagnostic d = MakeDiagnostic(codes::kSectionOrder,
                                    "section `" + std::string(ast::SectionName(kind)) +
                                        "` must come before `" +
                                        std::string(ast::SectionName(*previous)) + "`",
                                    header);
      d.secondary.push_back({previous_span, "`" + std::string(ast::SectionName(*previous)) + "` is here"});
      d.notes.push_back("sections go in this order: meta, events, match, outcome, condition, options");
      diagnostics_.push_back(std::move(d));
    }
    seen.push_back(kind);
    if (!previous || SectionOrder(kind) > SectionOrder(*previous)) {
      previous = kind;
      previous_span = header;
    }
  }

  struct Required {
    bool present;
    std::string_view name;
  };
  for (const Required& required : {Required{rule.meta.has_value(), "meta"},
                                   Required{rule.events.has_value(), "events"},
                                   Required{rule.condition.has_value(), "condition"}}) {
    if (!required.present) {
      Error(codes::kMissingSection,
            "rule `" + rule.name + "` has no `" + std::string(required.name) + "` section",
            rule.name_span,
            required.name == "meta" ? "add `meta:` (it may be empty) before `events:`"
                                    : "every rule needs `" + std::string(required.name) + ":`");
    }
  }
  return rule;
}

// The section's `:` token, which the grammar lets be missing.
static antlr4::Token* SectionColon(YaraLParser::SectionContext* section) {
  if (auto* c = dynamic_cast<YaraLParser::MetaSectionContext*>(section)) return c->colon;
  if (auto* c = dynamic_cast<YaraLParser::SetupSectionContext*>(section)) return c->colon;
  if (auto* c = dynamic_cast<YaraLParser::EventsSectionContext*>(section)) return c->colon;
  if (auto* c = dynamic_cast<YaraLParser::MatchSectionContext*>(section)) return c->colon;
  if (auto* c = dynamic_cast<YaraLParser::OutcomeSectionContext*>(section)) return c->colon;
  if (auto* c = dynamic_cast<YaraLParser::ConditionSectionContext*>(section)) return c->colon;
  if (auto* c = dynamic_cast<YaraLParser::OptionsSectionContext*>(section)) return c->colon;
  if (auto* c = dynamic_cast<YaraLParser::ExportSectionContext*>(section)) return c->colon;
  return nullptr;
}

void AstBuilder::BuildSection(YaraLParser::SectionContext* section, ast::Rule& rule) {
  SourceSpan span = spans_.Of(section);
  if (SectionColon(section) == nullptr) {
    antlr4::Token* keyword = section->getStart();
    SourceSpan after = spans_.Of(keyword);
    std::string name = Lower(keyword->getText());
    Error(codes::kMissingColon, "expected `:` after section name `" + name + "`",
          {after.end, after.end}, "write `" + name + ":` and put the section's entries after it");
  }
  if (auto* meta = dynamic_cast<YaraLParser::MetaSectionContext*>(section)) {
    ast::MetaSection out;
    out.span = span;
    for (auto* entry : meta->keyValue()) out.entries.push_back(BuildKeyValue(entry));
    if (!rule.meta) rule.meta = std::move(out);
  } else if (auto* setup = dynamic_cast<YaraLParser::SetupSectionContext*>(section)) {
    ast::SetupSection out;
    out.span = span;
    for (auto* action : setup->tableAction()) out.actions.push_back(BuildTableAction(action));
    if (!rule.setup) rule.setup = std::move(out);
  } else if (auto* events = dynamic_cast<YaraLParser::EventsSectionContext*>(section)) {
    ast::EventsSection out;
    out.span = span;
    for (auto* predicate : events->expr()) {
      CheckLeadingParenthesis(predicate);
      out.predicates.push_back(BuildExpr(predicate));
    }
    if (out.predicates.empty()) {
      Error(codes::kEmptySection, "section `events` has no predicates", spans_.Of(section->getStart()),
            "describe the events to match, e.g. `$e.metadata.event_type = \"USER_LOGIN\"`");
    }
    if (!rule.events) rule.events = std::move(out);
  } else if (auto* match = dynamic_cast<YaraLParser::MatchSectionContext*>(section)) {
    ast::MatchSection out = BuildMatch(match);
    if (!rule.match) rule.match = std::move(out);
  } else if (auto* outcome = dynamic_cast<YaraLParser::OutcomeSectionContext*>(section)) {
    ast::OutcomeSection out;
    out.span = span;
    for (auto* assignment : outcome->outcomeAssignment()) {
      ast::OutcomeAssignment a;
      a.name = VariableName(assignment->VARIABLE()->getSymbol());
      a.name_span = spans_.Of(assignment->VARIABLE()->getSymbol());
      a.value = BuildExpr(assignment->expr());
      a.span = spans_.Of(assignment);
      out.assignments.push_back(std::move(a));
    }
    if (out.assignments.empty()) {
      Error(codes::kEmptySection, "section `outcome` has no assignments",
            spans_.Of(section->getStart()), "remove the section or add `$name = expression`");
    }
    if (!rule.outcome) rule.outcome = std::move(out);
  } else if (auto* condition = dynamic_cast<YaraLParser::ConditionSectionContext*>(section)) {
    ast::ConditionSection out;
    out.span = span;
    out.expr = BuildExpr(condition->expr());
    if (!rule.condition) rule.condition = std::move(out);
  } else if (auto* options = dynamic_cast<YaraLParser::OptionsSectionContext*>(section)) {
    ast::OptionsSection out;
    out.span = span;
    for (auto* entry : options->keyValue()) out.entries.push_back(BuildKeyValue(entry));
    if (!rule.options) rule.options = std::move(out);
  } else if (auto* exports = dynamic_cast<YaraLParser::ExportSectionContext*>(section)) {
    ast::ExportSection out;
    out.span = span;
    for (auto* action : exports->tableAction()) out.actions.push_back(BuildTableAction(action));
    if (!rule.export_) rule.export_ = std::move(out);
  }
}

ast::KeyValue AstBuilder::BuildKeyValue(YaraLParser::KeyValueContext* context) {
  ast::KeyValue out;
  out.key = context->key->getText();
  out.key_span = spans_.Of(context->key);
  if (context->value != nullptr) {
    out.value = BuildExpr(context->value);
  } else {
    out.value = Make(ast::Identifier{context->word->getText()}, spans_.Of(context->word));
  }
  out.span = spans_.Of(context);
  return out;
}

ast::MatchSection AstBuilder::BuildMatch(YaraLParser::MatchSectionContext* context) {
  ast::MatchSection out;
  out.span = spans_.Of(context);
  YaraLParser::MatchBodyContext* body = context->matchBody();
  for (YaraLParser::MatchKeyContext* key : body->matchKey()) {
    SourceSpan span = spans_.Of(key);
    if (key->VARIABLE() != nullptr) {
      ast::ExprPtr expr = BuildVariable(key->VARIABLE(), key->pathSuffix(), span);
      if (std::holds_alternative<ast::FieldPath>(expr->kind)) {
        Error(codes::kSearchOnly,
              "a raw UDM field as a match key is Search syntax; rules match on placeholders",
              span, "assign it in `events` (`$key = " + key->getText() +
                        "`) and match on `$key`");
      }
      out.keys.push_back(std::move(expr));
    } else {
      std::string name = key->IDENT()->getText();
      Error(codes::kMatchWindowSyntax, "match variable `" + name + "` must start with `$`", span,
            "write `$" + name + "` and assign it in `events`");
      ast::FieldPath path;
      path.segments.push_back({name, {}, spans_.Of(key->IDENT()->getSymbol())});
      out.keys.push_back(Make(std::move(path), span));
    }
  }

  YaraLParser::MatchWindowContext* window = body->matchWindow();
  if (window == nullptr) {
    SourceSpan end = spans_.Of(body->getStop());
    Error(codes::kMatchWindowSyntax, "the match section needs a time window",
          {end.end, end.end}, "add a window such as `over 5m` after the match variables");
    return out;
  }
  out.window_span = spans_.Of(window);
  antlr4::Token* duration = nullptr;
  if (auto* over = dynamic_cast<YaraLParser::OverWindowContext*>(window)) {
    duration = over->DURATION()->getSymbol();
    out.window_kind = ast::WindowKind::kHop;
    if (over->VARIABLE() != nullptr) {
      out.window_kind = over->BEFORE() != nullptr ? ast::WindowKind::kSlidingBefore
                                                  : ast::WindowKind::kSlidingAfter;
      out.pivot = VariableName(over->VARIABLE()->getSymbol());
      out.pivot_span = spans_.Of(over->VARIABLE()->getSymbol());
    }
  } else if (auto* by = dynamic_cast<YaraLParser::ByWindowContext*>(window)) {
    duration = by->DURATION()->getSymbol();
    out.window_kind = ast::WindowKind::kTumbling;
    out.tumbling_keyword = by->TUMBLING() != nullptr;
  }
  if (duration != nullptr) {
    ast::ExprPtr parsed = BuildDuration(duration);
    out.window = std::get<ast::Duration>(parsed->kind);
  }
  return out;
}

ast::TableAction AstBuilder::BuildTableAction(YaraLParser::TableActionContext* context) {
  ast::TableAction out;
  out.span = spans_.Of(context);
  if (auto* call = dynamic_cast<YaraLParser::CallActionContext*>(context)) {
    out.name = call->ident()->getText();
    out.arguments = BuildArguments(call->arguments());
  } else if (auto* list = dynamic_cast<YaraLParser::ListActionContext*>(context)) {
    out.name = list->ident()->getText();
    out.arguments = BuildArguments(list->arguments());
  } else if (auto* table = dynamic_cast<YaraLParser::TableCallActionContext*>(context)) {
    // `%t.write_row(...)`: the table, then the operation.
    YaraLParser::ListRefContext* ref = table->listRef();
    out.table = ref->LIST_REF()->getText().substr(1);
    out.name = ref->ident() != nullptr ? ref->ident()->getText() : "";
    out.arguments = BuildArguments(table->arguments());
  }
  return out;
}

std::vector<ast::Argument> AstBuilder::BuildArguments(YaraLParser::ArgumentsContext* context) {
  std::vector<ast::Argument> out;
  if (context == nullptr) return out;
  for (YaraLParser::ArgumentContext* argument : context->argument()) {
    ast::Argument a;
    a.span = spans_.Of(argument);
    if (argument->argName != nullptr) a.name = argument->argName->getText();
    YaraLParser::ArgumentValueContext* value = argument->argumentValue();
    SourceSpan span = spans_.Of(value);
    if (auto* e = dynamic_cast<YaraLParser::ExprArgumentContext*>(value)) {
      a.value = BuildExpr(e->expr());
    } else if (dynamic_cast<YaraLParser::WildcardArgumentContext*>(value)) {
      a.value = Make(ast::Wildcard{}, span);
    } else if (auto* ident = dynamic_cast<YaraLParser::IdentArgumentContext*>(value)) {
      a.value = Make(ast::Identifier{ident->ident()->getText()}, span);
    }
    out.push_back(std::move(a));
  }
  return out;
}

ast::ExprPtr AstBuilder::BuildExpr(YaraLParser::ExprContext* context) {
  if (++depth_ > max_expression_depth_) throw DepthExceeded{spans_.Of(context)};
  ast::ExprPtr out = BuildExprUnchecked(context);
  --depth_;
  return out;
}

ast::ExprPtr AstBuilder::BuildExprUnchecked(YaraLParser::ExprContext* context) {
  SourceSpan span = spans_.Of(context);
  if (auto* e = dynamic_cast<YaraLParser::PrimaryExprContext*>(context)) {
    return BuildPrimary(e->primary());
  }
  if (auto* e = dynamic_cast<YaraLParser::QuantifiedExprContext*>(context)) {
    ast::Quantifier q = e->op->getType() == YaraLLexer::ANY ? ast::Quantifier::kAny
                                                            : ast::Quantifier::kAll;
    return Make(ast::Quantified{q, BuildExpr(e->expr())}, span);
  }
  if (auto* e = dynamic_cast<YaraLParser::NegateExprContext*>(context)) {
    return Make(ast::Unary{ast::UnaryOp::kNegate, BuildExpr(e->expr())}, span);
  }
  if (auto* e = dynamic_cast<YaraLParser::NotExprContext*>(context)) {
    return Make(ast::Unary{ast::UnaryOp::kNot, BuildExpr(e->expr())}, span);
  }
  if (auto* e = dynamic_cast<YaraLParser::MultiplicativeExprContext*>(context)) {
    ast::BinaryOp op = e->op->getType() == YaraLLexer::STAR    ? ast::BinaryOp::kMul
                       : e->op->getType() == YaraLLexer::SLASH ? ast::BinaryOp::kDiv
                                                               : ast::BinaryOp::kMod;
    return Make(ast::Binary{op, BuildExpr(e->expr(0)), BuildExpr(e->expr(1))}, span);
  }
  if (auto* e = dynamic_cast<YaraLParser::AdditiveExprContext*>(context)) {
    ast::BinaryOp op =
        e->op->getType() == YaraLLexer::PLUS ? ast::BinaryOp::kAdd : ast::BinaryOp::kSub;
    return Make(ast::Binary{op, BuildExpr(e->expr(0)), BuildExpr(e->expr(1))}, span);
  }
  if (auto* e = dynamic_cast<YaraLParser::ComparisonExprContext*>(context)) {
    return Make(ast::Comparison{ComparisonOpOf(e->op->getType()), BuildExpr(e->expr(0)),
                                BuildExpr(e->expr(1)), false},
                span);
  }
  if (auto* e = dynamic_cast<YaraLParser::NocaseExprContext*>(context)) {
    ast::ExprPtr inner = BuildExpr(e->expr());
    if (auto* comparison = std::get_if<ast::Comparison>(&inner->kind)) {
      comparison->nocase = true;
    } else if (auto* call = std::get_if<ast::Call>(&inner->kind)) {
      call->nocase = true;
    } else if (auto* in = std::get_if<ast::InList>(&inner->kind)) {
      in->nocase = true;
    } else {
      SourceSpan keyword = spans_.Of(e->NOCASE()->getSymbol());
      Error(codes::kSyntaxError, "`nocase` must follow a comparison, a regex match or a list test",
            keyword, "e.g. `$e.principal.hostname = \"host\" nocase`");
    }
    inner->span = span;
    return inner;
  }
  if (auto* e = dynamic_cast<YaraLParser::InListExprContext*>(context)) {
    ast::InList in;
    in.value = BuildExpr(e->expr());
    in.kind = e->kind == nullptr                          ? ast::ListKind::kString
              : e->kind->getType() == YaraLLexer::CIDR    ? ast::ListKind::kCidr
                                                          : ast::ListKind::kRegex;
    in.list = BuildMembershipTarget(e->membershipTarget());
    in.nocase = e->NOCASE() != nullptr;
    ast::ExprPtr membership = Make(std::move(in), span);
    if (e->NOT() == nullptr) return membership;
    return Make(ast::Unary{ast::UnaryOp::kNot, std::move(membership)}, span);
  }
  if (auto* e = dynamic_cast<YaraLParser::AndExprContext*>(context)) {
    return Make(ast::Binary{ast::BinaryOp::kAnd, BuildExpr(e->expr(0)), BuildExpr(e->expr(1))},
                span);
  }
  auto* e = dynamic_cast<YaraLParser::OrExprContext*>(context);
  return Make(ast::Binary{ast::BinaryOp::kOr, BuildExpr(e->expr(0)), BuildExpr(e->expr(1))},
              span);
}

ast::ExprPtr AstBuilder::BuildDuration(antlr4::Token* token) {
  std::string text = token->getText();
  size_t digits = 0;
  while (digits < text.size() && std::isdigit(static_cast<unsigned char>(text[digits]))) ++digits;
  ast::Duration d;
  d.unit = Lower(text.substr(digits));
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + digits, d.amount);
  d.overflow = ec != std::errc();
  if (d.overflow) {
    Error(codes::kInvalidDuration, "duration `" + text + "` is too large", spans_.Of(token));
  } else if (d.Seconds() < 0) {
    Error(codes::kInvalidDuration, "`" + text + "` is not a duration: unknown unit `" + d.unit + "`",
          spans_.Of(token), "durations are a whole number and a unit: `30s`, `5m`, `24h`, `2d`");
  }
  return Make(std::move(d), spans_.Of(token));
}

ast::ExprPtr AstBuilder::BuildVariable(antlr4::tree::TerminalNode* variable,
                                       const std::vector<YaraLParser::PathSuffixContext*>& suffixes,
                                       SourceSpan span) {
  std::string name = VariableName(variable->getSymbol());
  if (suffixes.empty()) return Make(ast::Variable{name}, span);
  ast::FieldPath path;
  path.variable = name;
  for (YaraLParser::PathSuffixContext* suffix : suffixes) {
    SourceSpan suffix_span = spans_.Of(suffix);
    if (auto* field = dynamic_cast<YaraLParser::FieldSuffixContext*>(suffix)) {
      path.segments.push_back({field->ident()->getText(), {}, spans_.Of(field->ident())});
      continue;
    }
    // A subscript directly on the variable (`$list[0]`) gets a segment with
    // an empty name, as documented in ast.h.
    if (path.segments.empty()) path.segments.push_back({"", {}, suffix_span});
    ast::PathSegment& segment = path.segments.back();
    ast::Subscript subscript;
    subscript.span = suffix_span;
    if (auto* index = dynamic_cast<YaraLParser::IndexSuffixContext*>(suffix)) {
      std::string digits = index->INTEGER()->getText();
      int64_t value = 0;
      auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
      if (ec != std::errc()) {
        Error(codes::kInvalidNumber, "index `" + digits + "` is too large", suffix_span);
      }
      subscript.index = index->MINUS() != nullptr ? -value : value;
    } else if (auto* key = dynamic_cast<YaraLParser::KeySuffixContext*>(suffix)) {
      antlr4::Token* token = key->STRING() != nullptr ? key->STRING()->getSymbol()
                                                      : key->RAW_STRING()->getSymbol();
      subscript.is_key = true;
      subscript.key = StringValue(token).value;
    }
    segment.subscripts.push_back(std::move(subscript));
    segment.span.end = suffix_span.end;
  }
  return Make(std::move(path), span);
}

ast::ExprPtr AstBuilder::BuildPrimary(YaraLParser::PrimaryContext* context) {
  SourceSpan span = spans_.Of(context);
  if (auto* p = dynamic_cast<YaraLParser::ParenPrimaryContext*>(context)) {
    ast::ExprPtr inner = BuildExpr(p->expr());
    inner->span = span;  // the span includes the parentheses
    return inner;
  }
  if (auto* p = dynamic_cast<YaraLParser::IntegerPrimaryContext*>(context)) {
    ast::NumberLiteral n;
    n.text = p->getText();
    auto [ptr, ec] = std::from_chars(n.text.data(), n.text.data() + n.text.size(), n.int_value);
    n.overflow = ec != std::errc();
    n.float_value = n.overflow ? std::strtod(n.text.c_str(), nullptr)
                               : static_cast<double>(n.int_value);
    return Make(std::move(n), span);
  }
  if (auto* p = dynamic_cast<YaraLParser::FloatPrimaryContext*>(context)) {
    ast::NumberLiteral n;
    n.is_float = true;
    n.text = p->getText();
    n.float_value = std::strtod(n.text.c_str(), nullptr);
    return Make(std::move(n), span);
  }
  if (auto* p = dynamic_cast<YaraLParser::DurationPrimaryContext*>(context)) {
    return BuildDuration(p->DURATION()->getSymbol());
  }
  if (auto* p = dynamic_cast<YaraLParser::StringPrimaryContext*>(context)) {
    return Make(StringValue(p->STRING()->getSymbol()), span);
  }
  if (auto* p = dynamic_cast<YaraLParser::RawStringPrimaryContext*>(context)) {
    return Make(StringValue(p->RAW_STRING()->getSymbol()), span);
  }
  if (auto* p = dynamic_cast<YaraLParser::RegexPrimaryContext*>(context)) {
    std::string text = p->getText();
    size_t close = text.rfind('/');
    return Make(ast::RegexLiteral{text.substr(1, close - 1), text.substr(close + 1)}, span);
  }
  if (auto* p = dynamic_cast<YaraLParser::BoolPrimaryContext*>(context)) {
    return Make(ast::BoolLiteral{p->TRUE() != nullptr}, span);
  }
  if (auto* p = dynamic_cast<YaraLParser::ArrayPrimaryContext*>(context)) {
    ast::ArrayLiteral array;
    for (auto* element : p->expr()) array.elements.push_back(BuildExpr(element));
    return Make(std::move(array), span);
  }
  if (auto* p = dynamic_cast<YaraLParser::IfPrimaryContext*>(context)) {
    std::vector<YaraLParser::ExprContext*> parts = p->expr();
    ast::If branch;
    branch.condition = BuildExpr(parts[0]);
    branch.then_value = BuildExpr(parts[1]);
    if (parts.size() > 2) branch.else_value = BuildExpr(parts[2]);
    return Make(std::move(branch), span);
  }
  if (auto* p = dynamic_cast<YaraLParser::CallPrimaryContext*>(context)) {
    ast::Call call;
    call.name = p->dottedName()->getText();
    call.name_span = spans_.Of(p->dottedName());
    call.arguments = BuildArguments(p->arguments());
    call.nocase = p->NOCASE() != nullptr;
    return Make(std::move(call), span);
  }
  if (auto* p = dynamic_cast<YaraLParser::VariablePrimaryContext*>(context)) {
    return BuildVariable(p->VARIABLE(), p->pathSuffix(), span);
  }
  if (auto* p = dynamic_cast<YaraLParser::CountPrimaryContext*>(context)) {
    return Make(ast::Count{p->getText().substr(1)}, span);
  }
  if (auto* p = dynamic_cast<YaraLParser::NotExistsPrimaryContext*>(context)) {
    antlr4::Token* variable = p->VARIABLE()->getSymbol();
    ast::ExprPtr operand = Make(ast::Variable{VariableName(variable)}, spans_.Of(variable));
    return Make(ast::Unary{ast::UnaryOp::kNotExists, std::move(operand)}, span);
  }
  auto* p = dynamic_cast<YaraLParser::ListRefPrimaryContext*>(context);
  return BuildListRef(p->listRef());
}

ast::ExprPtr AstBuilder::BuildListRef(YaraLParser::ListRefContext* context) {
  ast::ReferenceList list{context->LIST_REF()->getText().substr(1), std::nullopt};
  if (context->ident() != nullptr) list.column = context->ident()->getText();
  return Make(std::move(list), spans_.Of(context));
}

ast::ExprPtr AstBuilder::BuildMembershipTarget(YaraLParser::MembershipTargetContext* context) {
  SourceSpan span = spans_.Of(context);
  if (auto* list = dynamic_cast<YaraLParser::ListTargetContext*>(context)) {
    return BuildListRef(list->listRef());
  }
  if (auto* array = dynamic_cast<YaraLParser::ArrayTargetContext*>(context)) {
    ast::ArrayLiteral literal;
    for (auto* element : array->expr()) literal.elements.push_back(BuildExpr(element));
    return Make(std::move(literal), span);
  }
  auto* bare = dynamic_cast<YaraLParser::BareListTargetContext*>(context);
  ast::ReferenceList list{bare->dottedName()->getText(), std::nullopt, false};
  return Make(std::move(list), span);
}

// SecOps rejects an events predicate whose first operand is a parenthesised
// arithmetic expression (`(a - b) / 3600 > 1`) with "parsing: error with
// token: ")" invalid operator in events predicate"; boolean grouping such as
// `($e.a = 1 or $e.b = 2)` is fine. yaral-spec §4.5, example X25.
void AstBuilder::CheckLeadingParenthesis(YaraLParser::ExprContext* predicate) {
  if (dynamic_cast<YaraLParser::ComparisonExprContext*>(predicate) == nullptr &&
      dynamic_cast<YaraLParser::InListExprContext*>(predicate) == nullptr) {
    return;
  }
  YaraLParser::ExprContext* left = predicate;
  while (true) {
    if (auto* c = dynamic_cast<YaraLParser::ComparisonExprContext*>(left)) left = c->expr(0);
    else if (auto* i = dynamic_cast<YaraLParser::InListExprContext*>(left)) left = i->expr();
    else if (auto* a = dynamic_cast<YaraLParser::AdditiveExprContext*>(left)) left = a->expr(0);
    else if (auto* m = dynamic_cast<YaraLParser::MultiplicativeExprContext*>(left)) left = m->expr(0);
    else break;
  }
  auto* primary = dynamic_cast<YaraLParser::PrimaryExprContext*>(left);
  if (primary == nullptr) return;
  auto* paren = dynamic_cast<YaraLParser::ParenPrimaryContext*>(primary->primary());
  if (paren == nullptr) return;
  YaraLParser::ExprContext* inner = paren->expr();
  if (dynamic_cast<YaraLParser::AdditiveExprContext*>(inner) == nullptr &&
      dynamic_cast<YaraLParser::MultiplicativeExprContext*>(inner) == nullptr &&
      dynamic_cast<YaraLParser::NegateExprContext*>(inner) == nullptr) {
    return;
  }
  Diagnostic d = MakeDiagnostic(
      codes::kLeadingParenArithmetic,
      "an events predicate cannot begin with a parenthesised arithmetic expression", spans_.Of(paren));
  d.notes.push_back(
      "SecOps reports: parsing: error with token: \")\" invalid operator in events predicate");
  d.help = "put a literal or a field first, e.g. `1 < (...) / 3600`";
  diagnostics_.push_back(std::move(d));
}

}  // namespace yaral::syntax

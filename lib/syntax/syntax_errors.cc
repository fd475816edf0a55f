#include "syntax/syntax_errors.h"

#include <algorithm>
#include <string_view>

#include "YaraLLexer.h"
#include "YaraLParser.h"

namespace yaral::syntax {
namespace {

using yaral_grammar::YaraLLexer;
using yaral_grammar::YaraLParser;

constexpr size_t kSectionKeywords[] = {
    YaraLLexer::META,    YaraLLexer::SETUP,   YaraLLexer::EVENTS,
    YaraLLexer::MATCH,   YaraLLexer::OUTCOME, YaraLLexer::CONDITION,
    YaraLLexer::OPTIONS, YaraLLexer::EXPORT,  YaraLLexer::DEDUP,
    YaraLLexer::ORDER,   YaraLLexer::LIMIT,   YaraLLexer::SELECT,
    YaraLLexer::UNSELECT};

bool IsSectionKeyword(size_t type) {
  return std::find(std::begin(kSectionKeywords), std::end(kSectionKeywords), type) !=
         std::end(kSectionKeywords);
}

std::string Lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

// Quotes source text for a message, shortened so a long string literal does
// not swamp the line.
std::string Quote(std::string_view text) {
  constexpr size_t kMax = 40;
  std::string shown(text.substr(0, kMax));
  if (text.size() > kMax) shown += "...";
  for (char& c : shown) {
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  }
  return "`" + shown + "`";
}

bool Has(const antlr4::misc::IntervalSet& set, size_t type) { return set.contains(type); }

bool IsKeyword(size_t type) {
  return type >= YaraLLexer::RULE && type <= YaraLLexer::FALSE;
}

// How an expected token type reads in a sentence.
std::string ExpectedName(size_t type, const antlr4::dfa::Vocabulary& vocabulary) {
  switch (type) {
    case antlr4::Token::EOF: return "end of file";
    case YaraLLexer::IDENT: return "a name";
    case YaraLLexer::VARIABLE: return "a variable such as `$e`";
    case YaraLLexer::COUNT: return "a count such as `#e`";
    case YaraLLexer::LIST_REF: return "a reference list such as `%name`";
    case YaraLLexer::INTEGER: return "a number";
    case YaraLLexer::FLOAT: return "a number";
    case YaraLLexer::DURATION: return "a duration such as `5m`";
    case YaraLLexer::STRING: return "a string";
    case YaraLLexer::RAW_STRING: return "a string";
    case YaraLLexer::REGEX: return "a regular expression";
    case YaraLLexer::REGEX_KW: return "`regex`";
    default: break;
  }
  std::string literal = vocabulary.getLiteralName(type);
  if (literal.size() >= 2 && literal.front() == '\'') {
    std::string quoted = "`";
    quoted.append(literal, 1, literal.size() - 2);  // drop ANTLR's single quotes
    return quoted + "`";
  }
  return "`" + Lower(vocabulary.getSymbolicName(type)) + "`";
}

// "`:` or `=`", "an expression", ... or empty when the set is too broad to
// be a useful hint.
std::string DescribeExpected(const antlr4::misc::IntervalSet& expected,
                             const antlr4::dfa::Vocabulary& vocabulary) {
  bool expression_start = Has(expected, YaraLLexer::VARIABLE) &&
                          Has(expected, YaraLLexer::STRING) &&
                          Has(expected, YaraLLexer::INTEGER);
  bool name = Has(expected, YaraLLexer::IDENT) && Has(expected, YaraLLexer::AND);
  std::vector<std::string> names;
  if (expression_start) names.push_back("an expression");
  if (name) names.push_back("a name");
  for (size_t type : expected.toList()) {
    if (expression_start &&
        (type == YaraLLexer::VARIABLE || type == YaraLLexer::STRING ||
         type == YaraLLexer::RAW_STRING || type == YaraLLexer::INTEGER ||
         type == YaraLLexer::FLOAT || type == YaraLLexer::REGEX ||
         type == YaraLLexer::COUNT || type == YaraLLexer::LIST_REF ||
         type == YaraLLexer::LPAREN || type == YaraLLexer::LBRACKET ||
         type == YaraLLexer::MINUS || type == YaraLLexer::NOT ||
         type == YaraLLexer::ANY || type == YaraLLexer::ALL ||
         type == YaraLLexer::IF || type == YaraLLexer::TRUE ||
         type == YaraLLexer::FALSE || type == YaraLLexer::BANG ||
         type == YaraLLexer::DURATION || type == YaraLLexer::IDENT)) {
      continue;
    }
    if (name && (type == YaraLLexer::IDENT || IsKeyword(type))) continue;
    std::string text = ExpectedName(type, vocabulary);
    if (std::find(names.begin(), names.end(), text) == names.end()) names.push_back(text);
  }
  if (names.empty() || names.size() > 6) return "";
  std::string out;
  for (size_t i = 0; i < names.size(); ++i) {
    if (i > 0) out += (i + 1 == names.size()) ? " or " : ", ";
    out += names[i];
  }
  return out;
}

constexpr size_t kNoSection = static_cast<size_t>(-1);

// The section the offending token is in: the last `name :` before it, within
// the same rule. Scanning tokens works even where ANTLR's context has
// already been popped back to the rule level by error recovery.
size_t SectionAt(antlr4::CommonTokenStream& tokens, size_t index) {
  for (size_t i = std::min(index, tokens.size()); i > 0;) {
    --i;
    antlr4::Token* t = tokens.get(i);
    if (t->getChannel() != antlr4::Token::DEFAULT_CHANNEL) continue;
    if (t->getType() == YaraLLexer::RULE || t->getType() == YaraLLexer::RBRACE) return kNoSection;
    if (t->getType() == YaraLLexer::COLON && i > 0) {
      for (size_t j = i; j > 0;) {
        --j;
        antlr4::Token* k = tokens.get(j);
        if (k->getChannel() != antlr4::Token::DEFAULT_CHANNEL) continue;
        if (IsSectionKeyword(k->getType())) return k->getType();
        break;
      }
    }
  }
  return kNoSection;
}

YaraLParser::RuleDeclContext* EnclosingRule(antlr4::ParserRuleContext* context) {
  for (auto* c = context; c != nullptr;
       c = dynamic_cast<antlr4::ParserRuleContext*>(c->parent)) {
    if (auto* rule = dynamic_cast<YaraLParser::RuleDeclContext*>(c)) return rule;
  }
  return nullptr;
}

}  // namespace

Diagnostic MakeError(std::string_view code, std::string message, SourceSpan span) {
  return MakeDiagnostic(code, std::move(message), span);
}

std::string DescribeToken(const antlr4::Token* token) {
  if (token == nullptr || token->getType() == antlr4::Token::EOF) return "end of file";
  std::string text = token->getText();
  switch (token->getType()) {
    case YaraLLexer::STRING:
    case YaraLLexer::RAW_STRING: return "string " + Quote(text);
    case YaraLLexer::INTEGER:
    case YaraLLexer::FLOAT: return "number " + Quote(text);
    case YaraLLexer::REGEX: return "regular expression " + Quote(text);
    default: return Quote(text);
  }
}

SyntaxErrorReporter::SyntaxErrorReporter(const TokenSpans& spans,
                                         antlr4::CommonTokenStream& tokens,
                                         std::vector<Diagnostic>& sink, int max_errors)
    : spans_(spans), tokens_(tokens), sink_(sink), max_errors_(max_errors) {}

void SyntaxErrorReporter::Emit(Diagnostic diagnostic) {
  ++error_count_;
  if (error_count_ > max_errors_) return;
  sink_.push_back(std::move(diagnostic));
}

void SyntaxErrorReporter::reportNoViableAlternative(antlr4::Parser* parser,
                                                    const antlr4::NoViableAltException& e) {
  Report(parser, e.getOffendingToken(), Problem::kUnexpected);
}

void SyntaxErrorReporter::reportInputMismatch(antlr4::Parser* parser,
                                              const antlr4::InputMismatchException& e) {
  Report(parser, e.getOffendingToken(), Problem::kUnexpected);
}

void SyntaxErrorReporter::reportFailedPredicate(antlr4::Parser* parser,
                                                const antlr4::FailedPredicateException& e) {
  Report(parser, e.getOffendingToken(), Problem::kUnexpected);
}

void SyntaxErrorReporter::reportUnwantedToken(antlr4::Parser* parser) {
  if (inErrorRecoveryMode(parser)) return;
  beginErrorCondition(parser);
  Report(parser, parser->getCurrentToken(), Problem::kUnexpected);
}

void SyntaxErrorReporter::reportMissingToken(antlr4::Parser* parser) {
  if (inErrorRecoveryMode(parser)) return;
  beginErrorCondition(parser);
  Report(parser, parser->getCurrentToken(), Problem::kMissing);
}

void SyntaxErrorReporter::Report(antlr4::Parser* parser, antlr4::Token* offending,
                                 Problem problem) {
  if (offending == nullptr) offending = parser->getCurrentToken();
  size_t index = offending->getTokenIndex();
  // An unterminated string or stray character already has its own message;
  // the parser's complaint about the token after it would only be noise.
  if (index != static_cast<size_t>(-1) && index > 0 &&
      !tokens_.getHiddenTokensToLeft(index, YaraLLexer::ERRORS).empty()) {
    return;
  }

  antlr4::Token* previous = nullptr;
  for (size_t i = index; i > 0 && index != static_cast<size_t>(-1);) {
    --i;
    antlr4::Token* t = tokens_.get(i);
    if (t->getChannel() == antlr4::Token::DEFAULT_CHANNEL) {
      previous = t;
      break;
    }
  }
  antlr4::Token* next = nullptr;  // the next token the parser would see
  for (size_t i = index + 1; index != static_cast<size_t>(-1) && i < tokens_.size(); ++i) {
    if (tokens_.get(i)->getChannel() == antlr4::Token::DEFAULT_CHANNEL) {
      next = tokens_.get(i);
      break;
    }
  }
  antlr4::misc::IntervalSet expected = parser->getExpectedTokens();
  antlr4::ParserRuleContext* context = parser->getContext();
  size_t section = index == static_cast<size_t>(-1) ? kNoSection : SectionAt(tokens_, index);
  size_t type = offending->getType();
  SourceSpan here = spans_.Of(offending);

  // `events` followed by anything but `:`.
  if (previous != nullptr && IsSectionKeyword(previous->getType()) &&
      Has(expected, YaraLLexer::COLON) && type != YaraLLexer::COLON) {
    SourceSpan after = spans_.Of(previous);
    Diagnostic d = MakeError(codes::kMissingColon,
                             "expected `:` after section name " +
                                 Quote(Lower(previous->getText())),
                             {after.end, after.end});
    d.help = "write `" + Lower(previous->getText()) + ":` and put the section's entries after it";
    Emit(std::move(d));
    return;
  }

  if (section == YaraLLexer::CONDITION && type == YaraLLexer::COMMA) {
    Diagnostic d = MakeError(codes::kConditionComma,
                             "commas do not separate conditions", here);
    d.help = "combine conditions with `and` (or `or`), e.g. `$e1 and $e2`";
    Emit(std::move(d));
    return;
  }

  if (section == YaraLLexer::MATCH && type == YaraLLexer::DURATION) {
    Diagnostic d = MakeError(codes::kMatchWindowSyntax,
                             "expected `over` or `by` before the window " +
                                 Quote(offending->getText()),
                             here);
    d.help = "write the window as `$var over " + offending->getText() + "`";
    Emit(std::move(d));
    return;
  }

  // `metadata.event_type = ...` with no event variable: Search syntax.
  if (type == YaraLLexer::IDENT && next != nullptr && next->getType() == YaraLLexer::DOT &&
      section != kNoSection) {
    Diagnostic d = MakeError(codes::kSearchOnly,
                             "bare UDM field paths are Search syntax, not rule syntax", here);
    d.help = "name an event variable: `$e." + offending->getText() + "...`";
    Emit(std::move(d));
    return;
  }

  // `a and` followed by the next section or the end of the rule.
  if ((type == YaraLLexer::AND || type == YaraLLexer::OR) &&
      (next == nullptr || next->getType() == YaraLLexer::RBRACE ||
       next->getType() == antlr4::Token::EOF || IsSectionKeyword(next->getType()))) {
    Diagnostic d = MakeError(codes::kSyntaxError,
                             "`" + Lower(offending->getText()) + "` needs an expression after it",
                             here);
    d.help = "complete the expression or remove the trailing `" + Lower(offending->getText()) + "`";
    Emit(std::move(d));
    return;
  }

  // A name that is not followed by `(`: the parser took it for a function.
  if (auto* call = dynamic_cast<YaraLParser::CallPrimaryContext*>(context);
      call != nullptr && Has(expected, YaraLLexer::LPAREN) && call->dottedName() != nullptr) {
    std::string name = call->dottedName()->getText();
    SourceSpan name_span = spans_.Of(call->dottedName());
    Diagnostic d;
    if (name.find('.') != std::string::npos) {
      d = MakeError(codes::kSearchOnly, "bare UDM field paths are Search syntax, not rule syntax",
                    name_span);
      d.help = "name an event variable: `$e." + name + "`";
    } else if (Lower(name) == "null") {
      d = MakeError(codes::kSyntaxError, "`null` is not a value in YARA-L", name_span);
      d.notes.push_back("a missing field reads as its zero value: \"\" for strings, 0 for numbers");
      d.help = "compare with the zero value, e.g. `!= \"\"`";
    } else {
      d = MakeError(codes::kSyntaxError, "unknown name `" + name + "`", name_span);
      d.help = "variables start with `$`; functions are called with `(...)`";
    }
    Emit(std::move(d));
    return;
  }

  if (dynamic_cast<YaraLParser::FileContext*>(context) != nullptr) {
    Diagnostic d = MakeError(codes::kSyntaxError,
                             "expected `rule` at the top level, found " + DescribeToken(offending),
                             here);
    d.notes.push_back(
        "a rule file holds only `rule NAME { ... }` blocks and comments; Search "
        "queries and other text cannot stand outside a rule");
    Emit(std::move(d));
    return;
  }

  if (type == antlr4::Token::EOF && Has(expected, YaraLLexer::RBRACE)) {
    auto* rule = EnclosingRule(context);
    std::string name = rule != nullptr && rule->name != nullptr ? rule->name->getText() : "";
    Diagnostic d = MakeError(codes::kSyntaxError,
                             name.empty() ? "rule is not closed: expected `}` before end of file"
                                          : "rule `" + name +
                                                "` is not closed: expected `}` before end of file",
                             here);
    if (rule != nullptr) d.secondary.push_back({spans_.Of(rule->getStart()), "rule starts here"});
    Emit(std::move(d));
    return;
  }

  std::string wanted = DescribeExpected(expected, parser->getVocabulary());
  if (dynamic_cast<YaraLParser::RuleDeclContext*>(context) != nullptr) {
    wanted = "a section such as `condition:`, or `}` to end the rule";
  }
  std::string message;
  if (problem == Problem::kMissing && !wanted.empty()) {
    message = "expected " + wanted + " before " + DescribeToken(offending);
  } else if (!wanted.empty()) {
    message = "unexpected " + DescribeToken(offending) + "; expected " + wanted;
  } else {
    message = "unexpected " + DescribeToken(offending) + " here";
  }
  if (section != kNoSection) {
    message += " in section `" + Lower(parser->getVocabulary().getSymbolicName(section)) + "`";
  }
  Emit(MakeError(codes::kSyntaxError, std::move(message), here));
}

void ReportLexicalErrors(antlr4::CommonTokenStream& tokens, const TokenSpans& spans,
                         std::vector<Diagnostic>& sink) {
  const std::vector<antlr4::Token*> all = tokens.getTokens();  // returned by value
  for (size_t i = 0; i < all.size(); ++i) {
    antlr4::Token* token = all[i];
    if (token->getChannel() != YaraLLexer::ERRORS) continue;
    SourceSpan span = spans.Of(token);
    switch (token->getType()) {
      case YaraLLexer::UNTERMINATED_STRING:
      case YaraLLexer::UNTERMINATED_RAW_STRING: {
        char quote = token->getText().empty() ? '"' : token->getText()[0];
        Diagnostic d = MakeError(codes::kUnterminatedString,
                                 std::string("unterminated string: missing closing `") + quote +
                                     "`",
                                 span);
        if (quote == '"') d.notes.push_back("double-quoted strings end on the line they start");
        sink.push_back(std::move(d));
        break;
      }
      case YaraLLexer::UNTERMINATED_COMMENT: {
        sink.push_back(MakeError(codes::kUnterminatedComment,
                                 "unterminated block comment: missing `*/`",
                                 {span.begin, span.begin + 2}));
        break;
      }
      case YaraLLexer::UNTERMINATED_REGEX: {
        Diagnostic d = MakeError(codes::kUnterminatedRegex,
                                 "unterminated regular expression: missing closing `/`", span);
        d.help = "write a `/` inside the pattern as `\\/`";
        sink.push_back(std::move(d));
        break;
      }
      default: {
        // Merge a run of adjacent stray characters into one report.
        size_t j = i;
        while (j + 1 < all.size() && all[j + 1]->getType() == YaraLLexer::ERROR_CHAR &&
               all[j + 1]->getChannel() == YaraLLexer::ERRORS &&
               all[j + 1]->getStartIndex() == all[j]->getStopIndex() + 1) {
          ++j;
        }
        SourceSpan whole = spans.Between(all[i], all[j]);
        std::string text;
        for (size_t k = i; k <= j; ++k) text += all[k]->getText();
        bool printable = std::all_of(text.begin(), text.end(), [](unsigned char c) {
          return c >= 0x20 && c != 0x7f;
        });
        std::string shown = printable ? Quote(text) : "(control character)";
        sink.push_back(MakeError(codes::kUnexpectedCharacter,
                                 (j > i ? "unexpected characters " : "unexpected character ") +
                                     shown,
                                 whole));
        i = j;
        break;
      }
    }
  }
}

}  // namespace yaral::syntax

// The parse fence: the only entry into ANTLR. Everything that can go wrong
// inside it (bad input, recognition errors, a runtime exception) comes out as
// diagnostics; nothing throws past Parse().
#include "yaral/parser.h"

#include <algorithm>
#include <mutex>

#include "YaraLLexer.h"
#include "YaraLParser.h"
#include "antlr4-runtime.h"
#include "diagnostics/utf8.h"
#include "syntax/ast_builder.h"
#include "syntax/syntax_errors.h"
#include "syntax/token_spans.h"

namespace yaral {
namespace {

using yaral_grammar::YaraLLexer;
using yaral_grammar::YaraLParser;
using syntax::MakeError;

// ANTLR 4.9 shares its DFA cache between parser instances without locking
// (TSan confirms the races), so every parse in the process is serialised.
std::mutex& ParseMutex() {
  static std::mutex* mutex = new std::mutex;  // never destroyed: usable during exit
  return *mutex;
}

// E005 stays last: it is positioned at the end of the file.
void SortByPosition(std::vector<Diagnostic>& diagnostics) {
  std::stable_sort(diagnostics.begin(), diagnostics.end(),
                   [](const Diagnostic& a, const Diagnostic& b) {
                     return a.primary.span.begin < b.primary.span.begin;
                   });
}

// Offset of the first byte that makes `text` unfit for the lexer (a NUL or
// invalid UTF-8), or npos. ANTLR's UTF-8 decoder throws on invalid input.
size_t FindNonText(std::string_view text) {
  for (size_t i = 0; i < text.size();) {
    diagnostics::DecodedChar c = diagnostics::DecodeUtf8(text, i);
    if (!c.valid || c.code_point == 0) return i;
    i += c.length;
  }
  return std::string_view::npos;
}

// Nesting that would make ANTLR recurse deeply: brackets, and runs of prefix
// operators (`not not not ...`). Returns the token where the limit is passed.
antlr4::Token* FindExcessiveNesting(antlr4::CommonTokenStream& tokens, int limit) {
  int depth = 0;
  int prefix_run = 0;
  const std::vector<antlr4::Token*> all = tokens.getTokens();  // returned by value
  for (antlr4::Token* token : all) {
    if (token->getChannel() != antlr4::Token::DEFAULT_CHANNEL) continue;
    switch (token->getType()) {
      case YaraLLexer::LPAREN:
      case YaraLLexer::LBRACKET:
        ++depth;
        break;
      case YaraLLexer::RPAREN:
      case YaraLLexer::RBRACKET:
        depth = std::max(0, depth - 1);
        break;
      default:
        break;
    }
    bool prefix = token->getType() == YaraLLexer::NOT || token->getType() == YaraLLexer::MINUS ||
                  token->getType() == YaraLLexer::ANY || token->getType() == YaraLLexer::ALL;
    prefix_run = prefix ? prefix_run + 1 : 0;
    if (depth + prefix_run > limit) return token;
  }
  return nullptr;
}

void ParseLocked(const SourceFile& source, const ParseOptions& options, ParseResult& result) {
  const std::string& text = source.text();
  syntax::TokenSpans spans(text);
  antlr4::ANTLRInputStream input(text);
  YaraLLexer lexer(&input);
  lexer.removeErrorListeners();  // the lexer cannot fail: see ERROR_CHAR
  antlr4::CommonTokenStream tokens(&lexer);
  tokens.fill();

  syntax::ReportLexicalErrors(tokens, spans, result.diagnostics);

  const std::vector<antlr4::Token*> all_tokens = tokens.getTokens();  // a copy
  for (antlr4::Token* token : all_tokens) {
    if (token->getType() == YaraLLexer::LINE_COMMENT ||
        token->getType() == YaraLLexer::BLOCK_COMMENT) {
      result.comments.push_back(spans.Of(token));
    }
  }
  bool has_content = std::any_of(all_tokens.begin(), all_tokens.end(),
                                 [](antlr4::Token* t) {
                                   return t->getType() != antlr4::Token::EOF &&
                                          t->getChannel() != antlr4::Token::HIDDEN_CHANNEL;
                                 });
  if (!has_content) {
    result.diagnostics.push_back(MakeError(
        codes::kEmptyInput,
        text.empty() ? "file is empty: no rule to parse" : "file has only comments: no rule to parse",
        {0, 0}));
    return;
  }

  if (antlr4::Token* deep = FindExcessiveNesting(tokens, options.max_nesting_depth)) {
    Diagnostic d = MakeError(codes::kNestingTooDeep,
                             "nesting deeper than " + std::to_string(options.max_nesting_depth) +
                                 " levels",
                             spans.Of(deep));
    d.help = "simplify the expression; real rules rarely nest more than a few levels";
    result.diagnostics.push_back(std::move(d));
    return;
  }

  YaraLParser parser(&tokens);
  parser.removeErrorListeners();

  // Two-stage parsing: the fast SLL mode bails out at the first problem, and
  // only then does the full-context LL mode run, with error recovery, to
  // report every error in the file.
  YaraLParser::FileContext* tree = nullptr;
  parser.getInterpreter<antlr4::atn::ParserATNSimulator>()->setPredictionMode(
      antlr4::atn::PredictionMode::SLL);
  parser.setErrorHandler(std::make_shared<antlr4::BailErrorStrategy>());
  try {
    tree = parser.file();
  } catch (const antlr4::ParseCancellationException&) {
    tree = nullptr;
  }
  std::shared_ptr<syntax::SyntaxErrorReporter> reporter;
  if (tree == nullptr) {
    tokens.seek(0);
    parser.reset();
    reporter = std::make_shared<syntax::SyntaxErrorReporter>(spans, tokens, result.diagnostics,
                                                             options.max_errors);
    parser.setErrorHandler(reporter);
    parser.getInterpreter<antlr4::atn::ParserATNSimulator>()->setPredictionMode(
        antlr4::atn::PredictionMode::LL);
    tree = parser.file();
  }

  syntax::AstBuilder builder(spans, result.diagnostics, options.max_expression_depth);
  result.file = builder.Build(tree);

  // Lexical and builder errors are not capped as they are found, so the
  // limit is applied to the whole list here.
  size_t limit = static_cast<size_t>(std::max(0, options.max_errors));
  size_t dropped = reporter != nullptr && reporter->error_count() > options.max_errors
                       ? static_cast<size_t>(reporter->error_count() - options.max_errors)
                       : 0;
  if (result.diagnostics.size() > limit) {
    SortByPosition(result.diagnostics);
    dropped += result.diagnostics.size() - limit;
    result.diagnostics.resize(limit);
  }
  if (dropped > 0) {
    result.diagnostics.push_back(MakeError(
        codes::kTooManyErrors,
        "too many errors: " + std::to_string(dropped) + " more not shown",
        {static_cast<uint32_t>(text.size()), static_cast<uint32_t>(text.size())}));
  }
}

}  // namespace

ParseResult Parse(const SourceFile& source, const ParseOptions& options) {
  ParseResult result;
  const std::string& text = source.text();
  if (text.size() > options.max_source_bytes) {
    result.diagnostics.push_back(MakeError(
        codes::kInputTooLarge,
        "file is " + std::to_string(text.size()) + " bytes; the limit is " +
            std::to_string(options.max_source_bytes),
        {0, 0}));
    return result;
  }
  if (size_t bad = FindNonText(text); bad != std::string_view::npos) {
    Diagnostic d = MakeError(
        codes::kNotText,
        text[bad] == '\0' ? "file is not text: it contains a NUL byte"
                          : "file is not valid UTF-8 text",
        {static_cast<uint32_t>(bad), static_cast<uint32_t>(bad + 1)});
    d.notes.push_back("rule files must be UTF-8 encoded text");
    result.diagnostics.push_back(std::move(d));
    return result;
  }

  try {
    std::lock_guard<std::mutex> lock(ParseMutex());
    ParseLocked(source, options, result);
  } catch (const std::exception& e) {
    result.file.rules.clear();
    result.comments.clear();
    result.diagnostics.push_back(MakeError(
        codes::kInternalError, std::string("internal parser error: ") + e.what(), {0, 0}));
  } catch (...) {
    result.file.rules.clear();
    result.comments.clear();
    result.diagnostics.push_back(
        MakeError(codes::kInternalError, "internal parser error", {0, 0}));
  }
  SortByPosition(result.diagnostics);
  return result;
}

}  // namespace yaral

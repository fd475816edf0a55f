// The canonical YARA-L printer (PrintFile, PrintRule, PrintExpr).
//
// The output must re-parse to the same tree, so parentheses follow the
// grammar's precedence (grammar/YaraLParser.g4, tightest first): primary,
// `any`/`all`, unary `-`, `* / %`, `+ -`, comparison, `in`, `not`, `and`,
// `or`. Comparison and `in` share one level here and their operands never
// nest unparenthesised: the grammar would accept `a = b = c`, but a reader
// should not have to know how it groups.
#include "yaral/ast_printer.h"

#include <algorithm>
#include <cctype>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "syntax/quote.h"
#include "syntax/rule_layout.h"
#include "yaral/ast.h"

namespace yaral {
namespace {

using ast::Expr;

// Binding strength, loosest first. Plain ints rather than an enum: the
// printer asks for "one tighter than" a level.
constexpr int kLowest = 0;
constexpr int kOr = 1;
constexpr int kAnd = 2;
constexpr int kNot = 3;
constexpr int kCompare = 4;  // comparison and `in`; non-associative
constexpr int kAdditive = 5;
constexpr int kMultiplicative = 6;
constexpr int kPrefix = 7;  // unary `-`, `any`, `all`
constexpr int kPrimary = 8;

constexpr std::string_view kSectionIndent = "  ";
constexpr std::string_view kEntryIndent = "    ";

int BinaryPrecedence(ast::BinaryOp op) {
  switch (op) {
    case ast::BinaryOp::kOr: return kOr;
    case ast::BinaryOp::kAnd: return kAnd;
    case ast::BinaryOp::kAdd:
    case ast::BinaryOp::kSub: return kAdditive;
    case ast::BinaryOp::kMul:
    case ast::BinaryOp::kDiv:
    case ast::BinaryOp::kMod: return kMultiplicative;
  }
  return kLowest;
}




template <class... Ts>
struct Overloaded : Ts... {
  using Ts::operator()...;
};
// clang 14 has no aggregate CTAD (P1816), so `Overloaded{...}` needs a guide.
template <class... Ts>
Overloaded(Ts...) -> Overloaded<Ts...>;

int PrecedenceOf(const Expr& expr) {
  return std::visit(
      Overloaded{
          [](const ast::NumberLiteral&) { return kPrimary; },
          [](const ast::StringLiteral&) { return kPrimary; },
          [](const ast::RegexLiteral&) { return kPrimary; },
          [](const ast::BoolLiteral&) { return kPrimary; },
          [](const ast::Duration&) { return kPrimary; },
          [](const ast::ArrayLiteral&) { return kPrimary; },
          [](const ast::Variable&) { return kPrimary; },
          [](const ast::FieldPath&) { return kPrimary; },
          [](const ast::Count&) { return kPrimary; },
          [](const ast::ReferenceList&) { return kPrimary; },
          [](const ast::Identifier&) { return kPrimary; },
          [](const ast::Wildcard&) { return kPrimary; },
          [](const ast::Call&) { return kPrimary; },
          [](const ast::If&) { return kPrimary; },
          [](const ast::Quantified&) { return kPrefix; },
          [](const ast::Unary& unary) {
            switch (unary.op) {
              case ast::UnaryOp::kNot: return kNot;
              case ast::UnaryOp::kNegate: return kPrefix;
              case ast::UnaryOp::kNotExists: return kPrimary;
            }
            return kLowest;
          },
          [](const ast::Binary& binary) { return BinaryPrecedence(binary.op); },
          [](const ast::Comparison&) { return kCompare; },
          [](const ast::InList&) { return kCompare; },
      },
      expr.kind);
}

// True when the rightmost token of `expr`, as printed, is the `)` of a call
// without `nocase`. A `nocase` printed right after it would be taken by the
// call (the grammar's callPrimary has an optional NOCASE), not by the
// enclosing comparison. Conservative: it ignores parentheses the printer may
// add, which only costs a redundant pair.
bool EndsWithBareCall(const Expr& expr) {
  return std::visit(
      Overloaded{
          [](const ast::NumberLiteral&) { return false; },
          [](const ast::StringLiteral&) { return false; },
          [](const ast::RegexLiteral&) { return false; },
          [](const ast::BoolLiteral&) { return false; },
          [](const ast::Duration&) { return false; },
          [](const ast::ArrayLiteral&) { return false; },
          [](const ast::Variable&) { return false; },
          [](const ast::FieldPath&) { return false; },
          [](const ast::Count&) { return false; },
          [](const ast::ReferenceList&) { return false; },
          [](const ast::Identifier&) { return false; },
          [](const ast::Wildcard&) { return false; },
          [](const ast::If&) { return false; },
          [](const ast::InList&) { return false; },
          [](const ast::Call& call) { return !call.nocase; },
          [](const ast::Quantified& q) { return q.operand && EndsWithBareCall(*q.operand); },
          [](const ast::Unary& unary) {
            return unary.operand && EndsWithBareCall(*unary.operand);
          },
          [](const ast::Binary& binary) { return binary.rhs && EndsWithBareCall(*binary.rhs); },
          [](const ast::Comparison& cmp) {
            return !cmp.nocase && cmp.rhs && EndsWithBareCall(*cmp.rhs);
          },
      },
      expr.kind);
}

void AppendExpr(const Expr& expr, int min_precedence, std::string& out);

// A child slot that may be empty in a tree built by hand or by error
// recovery; printing an empty pair keeps the output well-formed enough to
// show.
void AppendChild(const ast::ExprPtr& child, int min_precedence, std::string& out) {
  if (child == nullptr) {
    out += "()";
    return;
  }
  AppendExpr(*child, min_precedence, out);
}

void AppendArguments(const std::vector<ast::Argument>& arguments, std::string& out) {
  for (size_t i = 0; i < arguments.size(); ++i) {
    if (i > 0) out += ", ";
    if (!arguments[i].name.empty()) {
      out += arguments[i].name;
      out += ": ";
    }
    AppendChild(arguments[i].value, kLowest, out);
  }
}

std::string NumberText(const ast::NumberLiteral& number) {
  if (!number.text.empty()) return number.text;
  // Hand-built literals may leave `text` empty.
  if (number.is_float) return std::to_string(number.float_value);
  return std::to_string(number.int_value);
}

// Prints one expression node; the caller has already decided on parentheses.
class ExprPrinter {
 public:
  explicit ExprPrinter(std::string& out) : out_(out) {}

  void operator()(const ast::NumberLiteral& number) { out_ += NumberText(number); }

  void operator()(const ast::StringLiteral& string) {
    // A back-quoted string has no escapes, so one holding a back quote can
    // only be written with double quotes.
    if (string.raw && string.value.find('`') == std::string::npos) {
      out_.push_back('`');
      out_ += string.value;
      out_.push_back('`');
    } else {
      out_ += syntax::QuoteString(string.value);
    }
  }

  void operator()(const ast::RegexLiteral& regex) {
    out_.push_back('/');
    out_ += regex.pattern;
    out_.push_back('/');
    out_ += regex.flags;
  }

  void operator()(const ast::BoolLiteral& boolean) { out_ += boolean.value ? "true" : "false"; }

  void operator()(const ast::Duration& duration) {
    out_ += std::to_string(duration.amount);
    out_ += duration.unit;
  }

  void operator()(const ast::ArrayLiteral& array) {
    out_.push_back('[');
    for (size_t i = 0; i < array.elements.size(); ++i) {
      if (i > 0) out_ += ", ";
      AppendChild(array.elements[i], kLowest, out_);
    }
    out_.push_back(']');
  }

  void operator()(const ast::Variable& variable) {
    out_.push_back('$');
    out_ += variable.name;
  }

  void operator()(const ast::FieldPath& path) { out_ += path.ToString(); }

  void operator()(const ast::Count& count) {
    out_.push_back('#');
    out_ += count.name;
  }

  void operator()(const ast::ReferenceList& list) {
    if (list.sigil) out_.push_back('%');
    out_ += list.name;
    if (list.column) {
      out_.push_back('.');
      out_ += *list.column;
    }
  }

  void operator()(const ast::Identifier& identifier) { out_ += identifier.name; }

  void operator()(const ast::Wildcard&) { out_.push_back('*'); }

  void operator()(const ast::Unary& unary) {
    switch (unary.op) {
      case ast::UnaryOp::kNot:
        out_ += "not ";
        AppendChild(unary.operand, kNot, out_);
        return;
      case ast::UnaryOp::kNegate:
        out_.push_back('-');
        AppendChild(unary.operand, kPrefix, out_);
        return;
      case ast::UnaryOp::kNotExists:
        out_.push_back('!');
        AppendChild(unary.operand, kPrimary, out_);
        return;
    }
  }

  void operator()(const ast::Binary& binary) {
    // Left-associative: an equal-precedence right operand needs parentheses.
    const int precedence = BinaryPrecedence(binary.op);
    AppendChild(binary.lhs, precedence, out_);
    out_.push_back(' ');
    out_ += ast::OperatorText(binary.op);
    out_.push_back(' ');
    AppendChild(binary.rhs, precedence + 1, out_);
  }

  void operator()(const ast::Comparison& cmp) {
    AppendChild(cmp.lhs, kCompare + 1, out_);
    out_.push_back(' ');
    out_ += ast::OperatorText(cmp.op);
    out_.push_back(' ');
    const bool guard_nocase = cmp.nocase && cmp.rhs && EndsWithBareCall(*cmp.rhs);
    AppendChild(cmp.rhs, guard_nocase ? kPrimary + 1 : kCompare + 1, out_);
    if (cmp.nocase) out_ += " nocase";
  }

  void operator()(const ast::Quantified& quantified) {
    out_ += quantified.quantifier == ast::Quantifier::kAny ? "any " : "all ";
    AppendChild(quantified.operand, kPrefix, out_);
  }

  void operator()(const ast::InList& in) {
    AppendChild(in.value, kCompare + 1, out_);
    out_ += " in ";
    out_ += ast::ListKindPrefix(in.kind);
    AppendChild(in.list, kPrimary, out_);
    if (in.nocase) out_ += " nocase";
  }

  void operator()(const ast::Call& call) {
    out_ += call.name;
    out_.push_back('(');
    AppendArguments(call.arguments, out_);
    out_.push_back(')');
    if (call.nocase) out_ += " nocase";
  }

  void operator()(const ast::If& if_expr) {
    out_ += "if(";
    AppendChild(if_expr.condition, kLowest, out_);
    out_ += ", ";
    AppendChild(if_expr.then_value, kLowest, out_);
    if (if_expr.else_value) {
      out_ += ", ";
      AppendChild(if_expr.else_value, kLowest, out_);
    }
    out_.push_back(')');
  }

 private:
  std::string& out_;
};

void AppendExpr(const Expr& expr, int min_precedence, std::string& out) {
  const bool parenthesise = PrecedenceOf(expr) < min_precedence;
  if (parenthesise) out.push_back('(');
  std::visit(ExprPrinter(out), expr.kind);
  if (parenthesise) out.push_back(')');
}

std::string ExprText(const ast::ExprPtr& expr) {
  std::string out;
  AppendChild(expr, kLowest, out);
  return out;
}

bool IsNameChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || c == '.';
}

// True when `text` ends with a plain dotted name (`principal.hostname`,
// `true`): followed by `(` on the next line it would read as a call.
bool EndsWithDottedName(std::string_view text) {
  size_t start = text.size();
  while (start > 0 && IsNameChar(text[start - 1])) --start;
  if (start == text.size()) return false;
  const std::string_view name = text.substr(start);
  if (std::isdigit(static_cast<unsigned char>(name.front())) != 0) return false;
  if (name == "nocase") return false;  // always taken by what precedes it
  return start == 0 || (text[start - 1] != '$' && text[start - 1] != '#' &&
                        text[start - 1] != '%' && text[start - 1] != ']');
}

// Events predicates are separated only by line breaks, which the parser does
// not see: a predicate starting with `-`, `/`, `%`, `[` or `*` would continue
// the previous one as an operator or subscript, so such a predicate is
// parenthesised, as is a predicate that ends in a dotted name before one that
// starts with `(`.
std::vector<std::string> EventsLines(const std::vector<ast::ExprPtr>& predicates) {
  std::vector<std::string> lines;
  lines.reserve(predicates.size());
  for (const ast::ExprPtr& predicate : predicates) {
    std::string text = ExprText(predicate);
    if (!lines.empty() && !text.empty() &&
        std::string_view("-/%[*").find(text.front()) != std::string_view::npos) {
      text = "(" + text + ")";
    }
    if (!lines.empty() && !text.empty() && text.front() == '(' &&
        EndsWithDottedName(lines.back())) {
      lines.back() = "(" + lines.back() + ")";
    }
    lines.push_back(std::move(text));
  }
  return lines;
}

std::string KeyValueText(const ast::KeyValue& entry) {
  return entry.key + " = " + ExprText(entry.value);
}

std::string TableActionText(const ast::TableAction& action) {
  std::string text;
  if (!action.table.empty()) {
    text += "%" + action.table + ".";
  }
  text += action.name;
  // `graph_append` takes its operands as a bracketed list, not a call.
  const bool bracketed = action.table.empty() && action.name == "graph_append";
  text += bracketed ? " [" : "(";
  AppendArguments(action.arguments, text);
  text += bracketed ? "]" : ")";
  return text;
}

std::string_view WindowKeyword(ast::WindowKind kind) {
  switch (kind) {
    case ast::WindowKind::kHop:
    case ast::WindowKind::kSlidingBefore:
    case ast::WindowKind::kSlidingAfter: return "over";
    case ast::WindowKind::kTumbling: return "by";
  }
  return "over";
}

std::string MatchLine(const ast::MatchSection& match) {
  std::string text;
  for (size_t i = 0; i < match.keys.size(); ++i) {
    if (i > 0) text += ", ";
    AppendChild(match.keys[i], kLowest, text);
  }
  // The grammar lets the window be left out (to report it); such a section
  // comes back with an empty unit.
  if (match.window.unit.empty()) return text;
  if (!text.empty()) text.push_back(' ');
  text += WindowKeyword(match.window_kind);
  text.push_back(' ');
  ExprPrinter{text}(match.window);
  switch (match.window_kind) {
    case ast::WindowKind::kHop: break;
    case ast::WindowKind::kSlidingBefore: text += " before $" + match.pivot; break;
    case ast::WindowKind::kSlidingAfter: text += " after $" + match.pivot; break;
    case ast::WindowKind::kTumbling:
      if (match.tumbling_keyword) text += " tumbling";
      break;
  }
  return text;
}

SourceSpan SpanOf(const ast::ExprPtr& expr) { return expr ? expr->span : SourceSpan{}; }

// Collects a rule's lines in canonical section order.
class RuleLayout {
 public:
  void Header(const ast::Rule& rule) {
    lines_.push_back({syntax::LayoutRole::kRuleHeader, "rule " + rule.name + " {",
                      {rule.span.begin, rule.name_span.end}});
  }

  // The header line stands for the section keyword, which starts the
  // section's span.
  void Section(ast::SectionKind kind, SourceSpan section_span) {
    const std::string_view name = ast::SectionName(kind);
    const uint32_t keyword_end =
        std::min<uint32_t>(section_span.end, section_span.begin + static_cast<uint32_t>(name.size()));
    lines_.push_back({syntax::LayoutRole::kSectionHeader, std::string(name) + ":",
                      {section_span.begin, keyword_end}});
  }

  void Entry(std::string text, SourceSpan span) {
    lines_.push_back({syntax::LayoutRole::kEntry, std::move(text), span});
  }

  void End(const ast::Rule& rule) {
    const uint32_t close = rule.span.end > rule.span.begin ? rule.span.end - 1 : rule.span.end;
    lines_.push_back({syntax::LayoutRole::kRuleEnd, "}", {close, rule.span.end}});
  }

  std::vector<syntax::LayoutLine> Take() { return std::move(lines_); }

 private:
  std::vector<syntax::LayoutLine> lines_;
};

void LayoutKeyValues(const std::vector<ast::KeyValue>& entries, RuleLayout& layout) {
  for (const ast::KeyValue& entry : entries) layout.Entry(KeyValueText(entry), entry.span);
}

void LayoutTableActions(const std::vector<ast::TableAction>& actions, RuleLayout& layout) {
  for (const ast::TableAction& action : actions) layout.Entry(TableActionText(action), action.span);
}

// The match line starts at its first key (or, with none, its window), after
// the section keyword.
SourceSpan MatchEntrySpan(const ast::MatchSection& match) {
  const uint32_t begin = !match.keys.empty() && match.keys.front()
                             ? match.keys.front()->span.begin
                             : match.window_span.begin;
  return {begin, match.span.end};
}

}  // namespace

namespace syntax {

std::string_view LayoutIndent(LayoutRole role) {
  switch (role) {
    case LayoutRole::kRuleHeader:
    case LayoutRole::kRuleEnd: return "";
    case LayoutRole::kSectionHeader: return kSectionIndent;
    case LayoutRole::kEntry: return kEntryIndent;
  }
  return "";
}

std::vector<LayoutLine> LayoutRule(const ast::Rule& rule) {
  RuleLayout layout;
  layout.Header(rule);
  if (rule.meta) {
    layout.Section(ast::SectionKind::kMeta, rule.meta->span);
    LayoutKeyValues(rule.meta->entries, layout);
  }
  if (rule.setup) {
    layout.Section(ast::SectionKind::kSetup, rule.setup->span);
    LayoutTableActions(rule.setup->actions, layout);
  }
  if (rule.events) {
    layout.Section(ast::SectionKind::kEvents, rule.events->span);
    std::vector<std::string> lines = EventsLines(rule.events->predicates);
    for (size_t i = 0; i < lines.size(); ++i) {
      layout.Entry(std::move(lines[i]), SpanOf(rule.events->predicates[i]));
    }
  }
  if (rule.match) {
    layout.Section(ast::SectionKind::kMatch, rule.match->span);
    layout.Entry(MatchLine(*rule.match), MatchEntrySpan(*rule.match));
  }
  if (rule.outcome) {
    layout.Section(ast::SectionKind::kOutcome, rule.outcome->span);
    for (const ast::OutcomeAssignment& assignment : rule.outcome->assignments) {
      layout.Entry("$" + assignment.name + " = " + ExprText(assignment.value), assignment.span);
    }
  }
  if (rule.condition) {
    layout.Section(ast::SectionKind::kCondition, rule.condition->span);
    if (rule.condition->expr) {
      layout.Entry(ExprText(rule.condition->expr), rule.condition->expr->span);
    }
  }
  if (rule.options) {
    layout.Section(ast::SectionKind::kOptions, rule.options->span);
    LayoutKeyValues(rule.options->entries, layout);
  }
  if (rule.export_) {
    layout.Section(ast::SectionKind::kExport, rule.export_->span);
    LayoutTableActions(rule.export_->actions, layout);
  }
  layout.End(rule);
  return layout.Take();
}

}  // namespace syntax

std::string PrintExpr(const ast::Expr& expr) {
  std::string out;
  AppendExpr(expr, kLowest, out);
  return out;
}

std::string PrintRule(const ast::Rule& rule) {
  std::string out;
  for (const syntax::LayoutLine& line : syntax::LayoutRule(rule)) {
    out += syntax::LayoutIndent(line.role);
    out += line.text;
    out.push_back('\n');
  }
  return out;
}

std::string PrintFile(const ast::File& file) {
  std::string out;
  for (size_t i = 0; i < file.rules.size(); ++i) {
    if (i > 0) out.push_back('\n');
    out += PrintRule(file.rules[i]);
  }
  return out;
}

}  // namespace yaral

// The abstract syntax tree of a YARA-L 2.0 rule file.
//
// The parser (`yaral/parser.h`) turns rule text into a `ast::File`: a list of
// rules, each a plain struct of sections. Expressions are a closed sum type
// (`ExprKind`, a std::variant), so a `std::visit` over them stops compiling
// when a new kind is added and no stage can silently forget one.
//
//   yaral::ParseResult parsed = yaral::Parse(file);
//   for (const yaral::ast::Rule& rule : parsed.file.rules)
//     for (const yaral::ast::ExprPtr& predicate : rule.events->predicates)
//       if (auto* cmp = std::get_if<yaral::ast::Comparison>(&predicate->kind))
//         ...
//
// Every node carries the `SourceSpan` of the text it came from and a dense
// `NodeId` (unique within one File), so later stages can keep facts about a
// node in side tables keyed by id instead of rewriting the tree. The tree is
// immutable after parsing and owns its children through unique_ptr; there are
// no parent pointers.
//
// The AST is independent of ANTLR: nothing here names a parse-tree type.
// Names follow the language reference: an *event variable* ($e), a
// *placeholder* ($host), an *outcome variable* ($risk_score) are all written
// `$name` and are told apart by the checker, not the parser, so the AST has a
// single `Variable` kind for them.
//
// Thread-safety: a File is immutable once built and may be read concurrently.
#ifndef YARAL_AST_H_
#define YARAL_AST_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <variant>
#include <vector>

#include "yaral/source.h"

namespace yaral::ast {

using NodeId = uint32_t;

struct Expr;
using ExprPtr = std::unique_ptr<Expr>;

// ---------------------------------------------------------------- literals

// An integer or float literal. The parser never produces a negative literal:
// `-3` is `Unary{kNegate, 3}`, as the language only has non-negative literals.
struct NumberLiteral {
  bool is_float = false;
  int64_t int_value = 0;    // valid when !is_float && !overflow
  double float_value = 0;   // always set (the integer's value too)
  bool overflow = false;    // an integer literal too large for int64
  std::string text;         // as written, e.g. "9223372036854775808"
};

// A string literal, double-quoted ("...", escapes decoded) or back-quoted
// (`...`, raw: every character literal).
struct StringLiteral {
  std::string value;  // decoded
  bool raw = false;   // written with back quotes
};

// `/pattern/`. `pattern` is the text between the slashes exactly as written,
// so `\/` is still `\/`; `RegexLiteral::Unescaped` gives what RE2 should see.
struct RegexLiteral {
  std::string pattern;
  std::string flags;  // letters after the closing slash (`/x/i`): undocumented
  std::string Unescaped() const;  // `\/` -> `/`, everything else verbatim
};

struct BoolLiteral {
  bool value = false;
};

// `5m`, `24h`, `2d`, `30s`: a number and a unit letter. Appears as an option
// value, a metrics named argument, or the window of a match section.
struct Duration {
  int64_t amount = 0;
  std::string unit;  // "s", "m", "h", "d", ... as written (lower-cased)
  bool overflow = false;
  // Length in seconds, or -1 when the unit is not one of s, m, h, d, w.
  int64_t Seconds() const;
};

// `[a, b, c]`.
struct ArrayLiteral {
  std::vector<ExprPtr> elements;
};

// ---------------------------------------------------------------- references

// `$name`: an event variable, placeholder or outcome variable on its own.
struct Variable {
  std::string name;  // without the `$`
};

// One subscript of a field path segment: `[0]` or `["key"]`.
struct Subscript {
  bool is_key = false;
  int64_t index = 0;  // may be negative as written: the checker rejects that
  std::string key;
  SourceSpan span;
};

// A subscript directly on a variable (`$list[0]`) is a segment with an empty
// name.
struct PathSegment {
  std::string name;
  std::vector<Subscript> subscripts;
  SourceSpan span;  // the name and its subscripts
};

// `$e.principal.ip[0]`, `$e.additional.fields["k"]`. With no variable it is
// a bare UDM path (`principal.hostname`), which only Search accepts; the
// parser keeps it so it can say so.
struct FieldPath {
  std::string variable;  // without the `$`; empty for a bare path
  std::vector<PathSegment> segments;
  std::string ToString() const;  // "$e.principal.ip[0]"
};

// `#name`: the count of an event variable or placeholder (condition section).
struct Count {
  std::string name;
};

// `%name` (reference list) or `%table.column` (data table column).
struct ReferenceList {
  std::string name;
  std::optional<std::string> column;
  // False for a list named without `%` after `in` (`in reference_list.x`),
  // a form seen in Google's SDK docs; `name` then holds the dotted name.
  bool sigil = true;

  // The name of the list meant: `x` for `reference_list.x`, else `name`.
  std::string_view ListName() const {
    constexpr std::string_view kPrefix = "reference_list.";
    std::string_view list = name;
    if (!sigil && list.starts_with(kPrefix)) list.remove_prefix(kPrefix.size());
    return list;
  }
};

// A bare identifier in an argument position: `agg:max`, `window:today`.
struct Identifier {
  std::string name;
};

// `*` as a named argument value (`dim: *` in metrics functions).
struct Wildcard {};

// ---------------------------------------------------------------- operators

enum class UnaryOp {
  kNot,        // `not x`
  kNegate,     // `-x`
  kNotExists,  // `!$e` in the condition section
};

enum class BinaryOp {
  kOr,
  kAnd,
  kAdd,
  kSub,
  kMul,
  kDiv,
  kMod,
};

enum class ComparisonOp { kEq, kNe, kLt, kLe, kGt, kGe };

enum class Quantifier { kAny, kAll };

enum class ListKind { kString, kRegex, kCidr };  // `in`, `in regex`, `in cidr`

// Operators as written: "or", "+", "!=". ListKindPrefix gives what follows
// `in`: "", "regex ", "cidr ".
std::string_view OperatorText(BinaryOp op);
std::string_view OperatorText(ComparisonOp op);
std::string_view ListKindPrefix(ListKind kind);

struct Unary {
  UnaryOp op;
  ExprPtr operand;
};

struct Binary {
  BinaryOp op;
  ExprPtr lhs;
  ExprPtr rhs;
};

// `lhs op rhs [nocase]`. A regex literal on the right makes `=`/`!=` a
// (non-)match; the checker decides what each pair of operand types means.
struct Comparison {
  ComparisonOp op;
  ExprPtr lhs;
  ExprPtr rhs;
  bool nocase = false;
};

// `any $e.principal.ip` / `all $e.principal.ip` as an operand.
struct Quantified {
  Quantifier quantifier;
  ExprPtr operand;
};

// `value in [regex|cidr] %list [nocase]`. `value not in %list` is parsed as
// `not (value in %list)`.
struct InList {
  ExprPtr value;
  ListKind kind = ListKind::kString;
  ExprPtr list;  // a ReferenceList, or an ArrayLiteral (`in [1, 2]`)
  bool nocase = false;
};

// A call argument: positional, or named (`period:1d`, `principal.asset.ip:$ip`).
struct Argument {
  std::string name;  // empty when positional; may contain dots
  ExprPtr value;
  SourceSpan span;
};

// `re.regex(a, b)`, `max(x)`, `strings.concat(a, b) nocase`. Aggregations
// are calls whose name has no namespace.
struct Call {
  std::string name;  // dotted, as written: "re.regex", "count_distinct"
  std::vector<Argument> arguments;
  bool nocase = false;
  SourceSpan name_span;
};

// `if(condition, then)` or `if(condition, then, else)`.
struct If {
  ExprPtr condition;
  ExprPtr then_value;
  ExprPtr else_value;  // null when omitted
};

using ExprKind =
    std::variant<NumberLiteral, StringLiteral, RegexLiteral, BoolLiteral,
                 Duration, ArrayLiteral, Variable, FieldPath, Count,
                 ReferenceList, Identifier, Wildcard, Unary, Binary,
                 Comparison, Quantified, InList, Call, If>;

struct Expr {
  ExprKind kind;
  SourceSpan span;
  NodeId id = 0;
};

// ---------------------------------------------------------------- sections

enum class SectionKind {
  kMeta,
  kSetup,
  kEvents,
  kMatch,
  kOutcome,
  kCondition,
  kOptions,
  kExport,
};

std::string_view SectionName(SectionKind kind);  // "meta", "events", ...

// `key = value` in meta or options.
struct KeyValue {
  std::string key;
  ExprPtr value;
  SourceSpan span;
  SourceSpan key_span;
};

struct MetaSection {
  std::vector<KeyValue> entries;
  SourceSpan span;
};

// `events:` — the predicates, implicitly joined by `and`.
struct EventsSection {
  std::vector<ExprPtr> predicates;
  SourceSpan span;
};

enum class WindowKind {
  kHop,            // `over 24h`
  kSlidingBefore,  // `over 1h before $e`
  kSlidingAfter,   // `over 1h after $e`
  kTumbling,       // `by 1h`
};

struct MatchSection {
  std::vector<ExprPtr> keys;  // Variables; bare paths only in Search
  WindowKind window_kind = WindowKind::kHop;
  Duration window;
  SourceSpan window_span;
  std::string pivot;  // sliding windows: the event variable, without `$`
  SourceSpan pivot_span;
  bool tumbling_keyword = false;  // `by 1h tumbling` (one doc revision)
  SourceSpan span;
};

struct OutcomeAssignment {
  std::string name;  // without the `$`
  ExprPtr value;
  SourceSpan span;
  SourceSpan name_span;
};

struct OutcomeSection {
  std::vector<OutcomeAssignment> assignments;
  SourceSpan span;
};

struct ConditionSection {
  ExprPtr expr;
  SourceSpan span;
};

struct OptionsSection {
  std::vector<KeyValue> entries;
  SourceSpan span;
};

// Data-table enrichment (`setup:`) and export (`export:`) actions: a named
// operation with arguments, e.g. `graph_override($g.graph.entity.ip = %t.ip)`,
// `graph_append [$g, %t]`, `%t.write_row(col: $v)`.
struct TableAction {
  std::string name;   // "graph_override", "write_row"
  std::string table;  // for export actions: the table written to
  std::vector<Argument> arguments;
  SourceSpan span;
};

struct SetupSection {
  std::vector<TableAction> actions;
  SourceSpan span;
};

struct ExportSection {
  std::vector<TableAction> actions;
  SourceSpan span;
};

// A `rule NAME { ... }` block. Optional sections are empty optionals.
struct Rule {
  std::string name;
  SourceSpan name_span;
  SourceSpan span;
  std::optional<MetaSection> meta;
  std::optional<SetupSection> setup;
  std::optional<EventsSection> events;
  std::optional<MatchSection> match;
  std::optional<OutcomeSection> outcome;
  std::optional<ConditionSection> condition;
  std::optional<OptionsSection> options;
  std::optional<ExportSection> export_;
};

struct File {
  std::vector<Rule> rules;
};

// ---------------------------------------------------------------- walking

template <typename T, typename... Kinds>
inline constexpr bool kIsOneOf = (std::is_same_v<T, Kinds> || ...);
template <typename T>
inline constexpr bool kUnhandledKind = false;

// Calls `visit(const Expr&)` on each direct child of `expr`, left to right.
// The one place that knows which expression kinds have children: every kind
// of ExprKind is named below, so adding a kind fails to compile until this
// walker says what its operands are, and no pass skips them silently. Passes
// that descend the tree (sema's ForEachExpr, lint, lowering) build on it.
template <typename Visit>
void ForEachChild(const Expr& expr, Visit&& visit) {
  auto child = [&visit](const ExprPtr& e) {
    if (e != nullptr) visit(static_cast<const Expr&>(*e));
  };
  std::visit(
      [&](const auto& node) {
        using T = std::decay_t<decltype(node)>;
        if constexpr (std::is_same_v<T, ArrayLiteral>) {
          for (const ExprPtr& e : node.elements) child(e);
        } else if constexpr (kIsOneOf<T, Unary, Quantified>) {
          child(node.operand);
        } else if constexpr (kIsOneOf<T, Binary, Comparison>) {
          child(node.lhs);
          child(node.rhs);
        } else if constexpr (std::is_same_v<T, InList>) {
          child(node.value);
          child(node.list);
        } else if constexpr (std::is_same_v<T, Call>) {
          for (const Argument& a : node.arguments) child(a.value);
        } else if constexpr (std::is_same_v<T, If>) {
          child(node.condition);
          child(node.then_value);
          child(node.else_value);
        } else if constexpr (kIsOneOf<T, NumberLiteral, StringLiteral, RegexLiteral, BoolLiteral,
                                      Duration, Variable, FieldPath, Count, ReferenceList,
                                      Identifier, Wildcard>) {
          // Leaves.
        } else {
          static_assert(kUnhandledKind<T>, "ForEachChild: name the children of this expression kind");
        }
      },
      expr.kind);
}

}  // namespace yaral::ast

#endif  // YARAL_AST_H_

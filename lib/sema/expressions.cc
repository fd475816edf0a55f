// Pass 2: field paths, types, literals, functions and modifiers, section by
// section (spec §3.3, §4.5–§4.10, §5, §7, §12 items 1, 2, 5, 9, 11–15, 19,
// 22, 23).
#include <arpa/inet.h>

#include <algorithm>
#include <optional>

#include "functions/function_registry.h"
#include "re2/re2.h"
#include "schema/suggest.h"
#include "sema/context.h"
#include "sema/expression_checker.h"
#include "yaral/schema.h"

namespace yaral::sema {
namespace {

bool IsLiteral(const ast::Expr& e) {
  return std::holds_alternative<ast::NumberLiteral>(e.kind) ||
         std::holds_alternative<ast::StringLiteral>(e.kind) ||
         std::holds_alternative<ast::RegexLiteral>(e.kind) ||
         std::holds_alternative<ast::BoolLiteral>(e.kind);
}

Type FromField(FieldType type, const EnumInfo* enum_type) {
  switch (type) {
    case FieldType::kString: return Type::Of(BaseType::kString);
    case FieldType::kInt: return Type::Of(BaseType::kInt);
    case FieldType::kUint: return Type::Of(BaseType::kUint);
    case FieldType::kFloat: return Type::Of(BaseType::kFloat);
    case FieldType::kBool: return Type::Of(BaseType::kBool);
    case FieldType::kBytes: return Type::Of(BaseType::kBytes);
    case FieldType::kEnum: return Type::Enum(enum_type);
    default: return Type::Of(BaseType::kMessage);
  }
}

bool StringLike(const Type& t) {
  return t.Is(BaseType::kString) || t.Is(BaseType::kEnum) || t.Is(BaseType::kBytes);
}

// Whether two operand types may be compared; unknown or any types always may
// (their problem, if any, was reported where they came from).
bool Comparable(const Type& a, const Type& b) {
  if (!a.known() || !b.known() || a.base == BaseType::kAny || b.base == BaseType::kAny) return true;
  if (a.list || b.list) return false;
  if (a.base == BaseType::kMessage || b.base == BaseType::kMessage) return false;
  if (a.numeric() && b.numeric()) return true;
  if (StringLike(a) && (StringLike(b) || b.base == BaseType::kRegex)) return true;
  if (StringLike(b) && a.base == BaseType::kRegex) return true;
  return a.base == b.base;
}

}  // namespace

ExpressionChecker::ExpressionChecker(AnalysisContext& context) : context_(context) {}

void ExpressionChecker::Record(const ast::Expr& e, const Type& t) { context_.facts.types[e.id] = t; }

Type ExpressionChecker::CheckPath(const ast::Expr& e, const ast::FieldPath& path, bool quantified) {
  if (path.variable.empty()) return Type{};
  if (!context_.IsEvent(path.variable)) {
    if (context_.IsPlaceholder(path.variable) || context_.facts.outcomes.count(path.variable)) {
      context_.Error(codes::kUndeclaredVariable,
                     "`$" + path.variable + "` is not an event variable, so it has no fields",
                     e.span);
    } else {
      context_.Error(codes::kUndeclaredVariable,
                     "event variable `$" + path.variable + "` is not used in `events`", e.span,
                     "every event variable must be filtered in the events section");
    }
    return Type{};
  }
  for (const ast::PathSegment& segment : path.segments) {
    for (const ast::Subscript& s : segment.subscripts) {
      if (!s.is_key && s.index < 0) {
        context_.Error(codes::kSubscriptMisuse, "array index " + std::to_string(s.index) +
                                                    " is negative", s.span,
                       "indexes are non-negative integer literals: `[0]` is the first element");
        return Type{};
      }
    }
  }
  if (context_.facts.table_rows.count(path.variable) != 0) return Type::Of(BaseType::kAny);
  PathResult resolved = UdmSchema::Get().ResolvePath(path);
  if (!resolved.ok()) {
    const PathError& error = *resolved.error;
    bool subscript = error.kind == PathErrorKind::kNotRepeated ||
                     error.kind == PathErrorKind::kNotMap ||
                     error.kind == PathErrorKind::kBadSubscript;
    SourceSpan span = error.segment < path.segments.size() ? path.segments[error.segment].span : e.span;
    Diagnostic& d = context_.Error(subscript ? codes::kSubscriptMisuse : codes::kUnknownField,
                                   error.message, span);
    if (!error.suggestions.empty()) {
      std::string help = "did you mean `" + error.suggestions[0] + "`";
      for (size_t i = 1; i < error.suggestions.size(); ++i) help += " or `" + error.suggestions[i] + "`";
      d.help = help + "?";
      // The suggestions are the best of one ranking, so the clear choice
      // among them is the clear choice among all the fields.
      const std::string& name = path.segments[error.segment].name;
      const std::vector<std::string_view> ranked(error.suggestions.begin(), error.suggestions.end());
      if (error.kind == PathErrorKind::kUnknownField && schema::ClearSuggestion(name, ranked)) {
        d.fixes.push_back({{span.begin, static_cast<uint32_t>(span.begin + name.size())},
                           error.suggestions[0]});
      }
    }
    return Type{};
  }
  const ResolvedPath& p = *resolved.path;
  if (p.indexed_levels > 0 && p.indexed_levels < p.repeated_levels) {
    context_.Error(codes::kSubscriptMisuse,
                   "`" + path.ToString() + "` indexes some repeated levels but not all", e.span,
                   "when a path crosses several repeated fields, give every repeated level an index");
  }
  context_.facts.paths[e.id] = p;
  Type t = p.map_access && p.type != FieldType::kMessage ? Type::Of(BaseType::kString)
                                                         : FromField(p.type, p.enum_type);
  if (quantified) {
    if (!p.is_repeated()) {
      context_.Error(codes::kQuantifierMisuse,
                     "`any`/`all` need a repeated field; `" + path.ToString() + "` is not repeated",
                     e.span);
    } else if (p.map_access) {
      context_.Error(codes::kQuantifierMisuse, "`any`/`all` cannot be combined with map access",
                     e.span);
    } else if (p.indexed_levels > 0) {
      context_.Error(codes::kQuantifierMisuse, "`any`/`all` cannot be combined with an index",
                     e.span);
    }
  }
  return t;
}

void ExpressionChecker::CheckRegex(const ast::Expr& e, std::string_view pattern, int max_groups,
                                   bool nocase) {
  RE2::Options options;
  options.set_log_errors(false);
  options.set_case_sensitive(!nocase);
  RE2 re(re2::StringPiece(pattern.data(), pattern.size()), options);
  if (!re.ok()) {
    Diagnostic& d = context_.Error(codes::kInvalidRegex, "invalid regular expression: " + re.error(),
                                   e.span);
    if (!re.error_arg().empty()) d.notes.push_back("at `" + re.error_arg() + "`");
    d.notes.push_back("YARA-L uses RE2 syntax: no backreferences or lookaround");
    return;
  }
  if (max_groups >= 0 && re.NumberOfCapturingGroups() > max_groups) {
    context_.Error(codes::kTooManyCaptureGroups,
                   "the regex has " + std::to_string(re.NumberOfCapturingGroups()) +
                       " capture groups; this function takes at most " + std::to_string(max_groups),
                   e.span, "make the other groups non-capturing: `(?:...)`");
  }
}

// A literal's pattern as RE2 should see it, or nullopt for a non-literal.
static std::optional<std::string> LiteralPattern(const ast::Expr& e) {
  if (const auto* s = std::get_if<ast::StringLiteral>(&e.kind)) return s->value;
  if (const auto* r = std::get_if<ast::RegexLiteral>(&e.kind)) return r->Unescaped();
  return std::nullopt;
}

static bool ValidCidr(const std::string& text) {
  size_t slash = text.find('/');
  std::string address = text.substr(0, slash);
  unsigned char buffer[16];
  int family = address.find(':') != std::string::npos ? AF_INET6 : AF_INET;
  if (inet_pton(family, address.c_str(), buffer) != 1) return false;
  if (slash == std::string::npos) return true;
  std::string bits = text.substr(slash + 1);
  if (bits.empty() || bits.size() > 3 || !std::all_of(bits.begin(), bits.end(), ::isdigit)) return false;
  return std::stoi(bits) <= (family == AF_INET ? 32 : 128);
}

Type ExpressionChecker::CheckCall(const ast::Expr& e, const ast::Call& call, Section section) {
  const functions::FunctionInfo* f = functions::Find(call.name);
  if (f == nullptr) {
    context_.Error(codes::kUnknownFunction, "unknown function `" + call.name + "`", call.name_span,
                   "see docs/functions.md for the functions YARA-L provides");
    for (const ast::Argument& a : call.arguments) Check(*a.value, section);
    return Type{};
  }
  context_.facts.functions[e.id] = f;
  bool aggregation = f->kind != functions::FunctionKind::kScalar;
  if (f->search_only) {
    context_.Error(codes::kMisplacedFunction, "`" + call.name + "` is Search syntax, not rule syntax",
                   call.name_span);
  } else if (aggregation && section != Section::kOutcome) {
    context_.Error(codes::kMisplacedFunction,
                   "`" + call.name + "` aggregates over a match window and is only allowed in `outcome`",
                   call.name_span);
  }
  // Aggregations in a single-event rule's outcome aggregate over that one
  // event; public Google rules rely on it (docs/semantics.md#aggregations).
  if (aggregation && section == Section::kOutcome) ++aggregation_depth_;

  std::vector<Type> types;
  for (const ast::Argument& a : call.arguments) types.push_back(Check(*a.value, section));
  if (aggregation && section == Section::kOutcome) --aggregation_depth_;

  if (section == Section::kEvents && EventVariablesIn(e).size() > 1) {
    std::vector<std::string> events = EventVariablesIn(e);
    context_.Error(codes::kFunctionEventCount,
                   "`" + call.name + "(...)` reads fields of several event variables (`$" + events[0] +
                       "`, `$" + events[1] + "`)",
                   e.span, "a function may depend on one event variable only");
  }

  if (!f->named_arguments_only) {
    size_t required = 0;
    bool variadic = false;
    for (const functions::Param& p : f->params) {
      if (!p.optional && !p.variadic) ++required;
      variadic |= p.variadic;
    }
    size_t given = call.arguments.size();
    if (given < required || (!variadic && given > f->params.size())) {
      std::string expected = variadic ? "at least " + std::to_string(required)
                             : required == f->params.size()
                                 ? std::to_string(required)
                                 : std::to_string(required) + " to " + std::to_string(f->params.size());
      context_.Error(codes::kArgumentCount,
                     "`" + call.name + "` takes " + expected + " argument" +
                         (expected == "1" ? "" : "s") + ", not " + std::to_string(given),
                     e.span);
    } else {
      for (size_t i = 0; i < given; ++i) {
        const functions::Param& p = f->params[std::min(i, f->params.size() - 1)];
        const ast::Expr& arg = *call.arguments[i].value;
        Type t = types[i];
        // `f(any $e.ip, ...)`: the function sees one element at a time.
        if (std::holds_alternative<ast::Quantified>(arg.kind) && !p.list) t.list = false;
        bool regex_param = (p.accepts & functions::Mask(BaseType::kRegex)) != 0;
        if (t.known() && t.base != BaseType::kAny) {
          // A field read where a list is expected is taken as the list of its
          // values (a public rule calls arrays.max on a scalar field).
          bool ok = p.list ? (t.list || t.base == BaseType::kAny ||
                              std::holds_alternative<ast::FieldPath>(arg.kind))
                           : (!t.list && ((p.accepts & functions::Mask(t.base)) != 0 ||
                                          (t.base == BaseType::kRegex &&
                                           (p.accepts & functions::Mask(BaseType::kString)) != 0) ||
                                          (t.base == BaseType::kEnum &&
                                           (p.accepts & functions::Mask(BaseType::kString)) != 0)));
          if (!ok) {
            context_.Error(codes::kArgumentType,
                           "argument " + std::to_string(i + 1) + " of `" + call.name + "` (" +
                               std::string(p.name) + ") cannot be " + TypeName(t),
                           arg.span);
          }
        }
        if (regex_param || (call.name.rfind("re.", 0) == 0 && i == 1)) {
          if (std::optional<std::string> pattern = LiteralPattern(arg)) {
            CheckRegex(arg, *pattern, f->max_capture_groups, call.nocase);
          }
        }
        if (call.name == "net.ip_in_range_cidr" && i == 1) {
          if (const auto* s = std::get_if<ast::StringLiteral>(&arg.kind); s && !ValidCidr(s->value)) {
            context_.Error(codes::kInvalidCidr, "`" + s->value + "` is not a valid CIDR range",
                           arg.span, "write an IPv4 or IPv6 range such as `10.0.0.0/8`");
          }
        }
      }
    }
  }

  switch (f->result_rule) {
    case functions::ResultRule::kFixed: return f->result;
    case functions::ResultRule::kSameAsArg0:
      return types.empty() ? f->result : Type{types[0].base, false, types[0].enum_type};
    case functions::ResultRule::kElementOfArg0:
      return types.empty() ? f->result : Type{types[0].base, false, types[0].enum_type};
    case functions::ResultRule::kListOfArg0:
      return types.empty() ? f->result : Type{types[0].base, true, types[0].enum_type};
  }
  return f->result;
}

Type ExpressionChecker::CheckComparison(const ast::Expr& e, const ast::Comparison& cmp, Section section) {
  if (IsLiteral(*cmp.lhs) && IsLiteral(*cmp.rhs)) {
    context_.Error(codes::kLiteralComparison, "both sides of the comparison are literals", e.span,
                   "compare a field, placeholder or function result with the literal");
  }
  Type left = Check(*cmp.lhs, section);
  Type right = Check(*cmp.rhs, section);
  // `any $e.ip = "x"` compares each element.
  if (std::holds_alternative<ast::Quantified>(cmp.lhs->kind)) left.list = false;
  if (std::holds_alternative<ast::Quantified>(cmp.rhs->kind)) right.list = false;
  bool regex = std::holds_alternative<ast::RegexLiteral>(cmp.rhs->kind);
  if (regex) {
    if (cmp.op != ast::ComparisonOp::kEq && cmp.op != ast::ComparisonOp::kNe) {
      context_.Error(codes::kTypeMismatch, "a regular expression can only be matched with `=` or `!=`",
                     e.span);
    }
    CheckRegex(*cmp.rhs, std::get<ast::RegexLiteral>(cmp.rhs->kind).Unescaped(), -1, cmp.nocase);
  }
  if (!Comparable(left, right)) {
    Diagnostic& d = context_.Error(codes::kTypeMismatch,
                                   "cannot compare " + TypeName(left) + " with " + TypeName(right),
                                   e.span);
    if (left.Is(BaseType::kMessage) || right.Is(BaseType::kMessage)) {
      d.help = "compare one of the message's fields, e.g. `.seconds` of a timestamp";
    } else if (left.numeric() && right.Is(BaseType::kString)) {
      d.help = "write the number without quotes";
    }
  }
  // Enum fields compare with value names, exactly.
  auto check_enum = [&](const Type& field, const ast::Expr& other) {
    if (!field.Is(BaseType::kEnum) || field.enum_type == nullptr) return;
    if (cmp.nocase) {
      context_.Error(codes::kNocaseNotAllowed,
                     "`nocase` cannot be used with the enum field of type " + std::string(field.enum_type->name),
                     e.span, "enum values are written exactly, in upper case");
    }
    const auto* literal = std::get_if<ast::StringLiteral>(&other.kind);
    if (literal == nullptr || !field.enum_type->values_known()) return;
    if (field.enum_type->FindValue(literal->value) == nullptr) {
      Diagnostic& d = context_.Error(codes::kUnknownEnumValue,
                                     "`" + literal->value + "` is not a value of " +
                                         std::string(field.enum_type->name),
                                     other.span);
      std::vector<std::string_view> suggestions =
          UdmSchema::Get().SuggestEnumValues(field.enum_type->name, literal->value);
      if (!suggestions.empty()) d.help = "did you mean `" + std::string(suggestions[0]) + "`?";
      std::vector<std::string_view> values;
      for (const EnumValue& value : field.enum_type->values) values.push_back(value.name);
      if (std::optional<std::string_view> clear = schema::ClearSuggestion(literal->value, values)) {
        // Enum value names are upper-case words: nothing to escape.
        d.fixes.push_back({other.span, "\"" + std::string(*clear) + "\""});
      }
    }
  };
  check_enum(left, *cmp.rhs);
  check_enum(right, *cmp.lhs);
  // `any $e1.ip = $e2.ip`: a quantifier cannot join two repeated fields.
  bool quantified = std::holds_alternative<ast::Quantified>(cmp.lhs->kind) ||
                    std::holds_alternative<ast::Quantified>(cmp.rhs->kind);
  if (quantified && EventVariablesIn(e).size() > 1) {
    context_.Error(codes::kQuantifierMisuse, "`any`/`all` cannot be used to join two event variables",
                   e.span);
  }
  return Type::Of(BaseType::kBool);
}

Type ExpressionChecker::Check(const ast::Expr& e, Section section) {
  Type t = CheckUnrecorded(e, section);
  Record(e, t);
  return t;
}

Type ExpressionChecker::CheckUnrecorded(const ast::Expr& e, Section section) {
  return std::visit(
      [&](const auto& node) -> Type {
        using T = std::decay_t<decltype(node)>;
        if constexpr (std::is_same_v<T, ast::NumberLiteral>) {
          return Type::Of(node.is_float ? BaseType::kFloat : BaseType::kInt);
        } else if constexpr (std::is_same_v<T, ast::StringLiteral>) {
          return Type::Of(BaseType::kString);
        } else if constexpr (std::is_same_v<T, ast::RegexLiteral>) {
          return Type::Of(BaseType::kRegex);
        } else if constexpr (std::is_same_v<T, ast::BoolLiteral>) {
          return Type::Of(BaseType::kBool);
        } else if constexpr (std::is_same_v<T, ast::Duration> || std::is_same_v<T, ast::Identifier> ||
                             std::is_same_v<T, ast::Wildcard>) {
          return Type::Of(BaseType::kAny);
        } else if constexpr (std::is_same_v<T, ast::ArrayLiteral>) {
          Type element = Type::Of(BaseType::kAny);
          for (const auto& item : node.elements) {
            Type t = Check(*item, section);
            if (element.base == BaseType::kAny) element = t;
          }
          return Type{element.base, true, element.enum_type};
        } else if constexpr (std::is_same_v<T, ast::Variable>) {
          return VariableType(e, node.name, section);
        } else if constexpr (std::is_same_v<T, ast::FieldPath>) {
          return CheckPath(e, node, false);
        } else if constexpr (std::is_same_v<T, ast::Count>) {
          return Type::Of(BaseType::kInt);
        } else if constexpr (std::is_same_v<T, ast::ReferenceList>) {
          return Type::Of(BaseType::kAny);
        } else if constexpr (std::is_same_v<T, ast::Unary>) {
          Type operand = Check(*node.operand, section);
          if (node.op == ast::UnaryOp::kNegate) {
            if (operand.known() && !operand.numeric() && operand.base != BaseType::kAny) {
              context_.Error(codes::kArithmeticType, "cannot negate " + TypeName(operand), e.span);
            }
            return operand;
          }
          return Type::Of(BaseType::kBool);
        } else if constexpr (std::is_same_v<T, ast::Binary>) {
          return CheckBinary(e, node, section);
        } else if constexpr (std::is_same_v<T, ast::Comparison>) {
          return CheckComparison(e, node, section);
        } else if constexpr (std::is_same_v<T, ast::Quantified>) {
          if (const auto* path = std::get_if<ast::FieldPath>(&node.operand->kind)) {
            Type element = CheckPath(*node.operand, *path, true);
            Record(*node.operand, element);
            return Type{element.base, true, element.enum_type};
          }
          context_.Error(codes::kQuantifierMisuse,
                         "`any`/`all` apply to a repeated event field, not to this expression", e.span,
                         "inside a function call, put the modifier on the field argument: `re.regex(any $e.f, ...)`");
          Check(*node.operand, section);
          return Type{};
        } else if constexpr (std::is_same_v<T, ast::InList>) {
          ++in_statements_;
          if (node.kind == ast::ListKind::kRegex) ++regex_in_statements_;
          if (node.kind == ast::ListKind::kCidr) ++cidr_in_statements_;
          if (std::holds_alternative<ast::Quantified>(node.value->kind)) {
            context_.Error(codes::kQuantifierMisuse, "`any`/`all` cannot be used with reference lists",
                           node.value->span);
          }
          if (node.nocase && node.kind == ast::ListKind::kCidr) {
            context_.Error(codes::kNocaseNotAllowed, "`nocase` cannot be used with a CIDR list", e.span);
          }
          Check(*node.value, section);
          Check(*node.list, section);
          return Type::Of(BaseType::kBool);
        } else if constexpr (std::is_same_v<T, ast::Call>) {
          return CheckCall(e, node, section);
        } else if constexpr (std::is_same_v<T, ast::If>) {
          return CheckIf(e, node, section);
        }
      },
      e.kind);
}

Type ExpressionChecker::CheckBinary(const ast::Expr& e, const ast::Binary& b, Section section) {
  Type left = Check(*b.lhs, section);
  Type right = Check(*b.rhs, section);
  if (b.op == ast::BinaryOp::kAnd || b.op == ast::BinaryOp::kOr) return Type::Of(BaseType::kBool);
  for (const Type* t : {&left, &right}) {
    if (t->known() && t->base != BaseType::kAny && !t->numeric()) {
      context_.Error(codes::kArithmeticType, "arithmetic needs numbers, not " + TypeName(*t), e.span);
      return Type{};
    }
  }
  if (b.op == ast::BinaryOp::kMod && (left.Is(BaseType::kFloat) || right.Is(BaseType::kFloat))) {
    context_.Error(codes::kArithmeticType, "`%` is not defined on floats", e.span);
  }
  // SecOps refuses signed integer constants in arithmetic with an unsigned
  // field: "Cannot complete operation between unsigned and signed integer".
  // Only a field read directly counts: a public Google rule divides an
  // outcome sum of unsigned fields by an integer constant.
  auto int_literal = [](const ast::Expr& x) {
    const auto* n = std::get_if<ast::NumberLiteral>(&x.kind);
    return n != nullptr && !n->is_float;
  };
  auto uint_field = [](const ast::Expr& x, const Type& t) {
    return t.Is(BaseType::kUint) && std::holds_alternative<ast::FieldPath>(x.kind);
  };
  if ((uint_field(*b.lhs, left) && int_literal(*b.rhs)) || (uint_field(*b.rhs, right) && int_literal(*b.lhs))) {
    context_.Error(codes::kSignedUnsignedArithmetic,
                   "arithmetic between an unsigned field and a signed integer constant", e.span,
                   "convert the field first: `cast.as_int(...)`, or use a float constant");
  }
  if (left.Is(BaseType::kFloat) || right.Is(BaseType::kFloat) || b.op == ast::BinaryOp::kDiv) {
    return Type::Of(left.Is(BaseType::kFloat) || right.Is(BaseType::kFloat) ? BaseType::kFloat : left.base);
  }
  return left.known() ? left : right;
}

Type ExpressionChecker::CheckIf(const ast::Expr& e, const ast::If& branch, Section section) {
  Check(*branch.condition, section);
  Type then_type = Check(*branch.then_value, section);
  if (branch.else_value == nullptr) {
    bool needs_else = then_type.Is(BaseType::kString) ||
                      std::holds_alternative<ast::Variable>(branch.then_value->kind);
    if (needs_else) {
      context_.Error(codes::kIfBranches,
                     "`if` without an else value must give a number; this one gives " + TypeName(then_type),
                     e.span, "add the else value: `if(condition, value, \"\")`");
    }
    return then_type;
  }
  Type else_type = Check(*branch.else_value, section);
  if (!Comparable(then_type, else_type) || then_type.Is(BaseType::kRegex) || else_type.Is(BaseType::kRegex)) {
    context_.Error(codes::kIfBranches,
                   "the branches of `if` give " + TypeName(then_type) + " and " + TypeName(else_type), e.span);
  }
  return then_type.known() ? then_type : else_type;
}

Type ExpressionChecker::VariableType(const ast::Expr& e, const std::string& name, Section section) {
  const RuleFacts& facts = context_.facts;
  if (auto it = facts.placeholders.find(name); it != facts.placeholders.end()) return it->second.type;
  if (facts.events.count(name) != 0) return Type::Of(BaseType::kMessage);
  if (auto it = facts.outcomes.find(name); it != facts.outcomes.end()) {
    if (section == Section::kOutcome) {
      if (it->second.index >= current_outcome_) {
        context_.Error(codes::kOutcomeUseBeforeDefinition,
                       "outcome variable `$" + name + "` is used before it is defined", e.span,
                       "define it earlier in the outcome section");
      } else if (aggregation_depth_ > 0) {
        context_.Error(codes::kNestedAggregation,
                       "outcome variable `$" + name + "` cannot be aggregated again", e.span);
      }
    }
    return it->second.type;
  }
  if (section != Section::kEvents) {
    context_.Error(codes::kUndeclaredVariable, "`$" + name + "` is not defined", e.span,
                   "placeholders are assigned in `events`; outcome variables in `outcome`");
  }
  return Type{};
}

void ExpressionChecker::CheckListLimits(SourceSpan span) {
  // The newer limits (10 in total, 5 regex, 5 CIDR): spec §4.8.
  if (in_statements_ > 10 || regex_in_statements_ > 5 || cidr_in_statements_ > 5) {
    context_.Error(codes::kTooManyListTests,
                   "too many reference-list tests: " + std::to_string(in_statements_) + " (" +
                       std::to_string(regex_in_statements_) + " regex, " +
                       std::to_string(cidr_in_statements_) + " cidr); the limits are 10, 5 and 5",
                   span);
  }
}

void CheckExpressions(AnalysisContext& context) {
  ExpressionChecker checker(context);
  const ast::Rule& rule = context.rule;
  if (rule.events) {
    for (const ast::ExprPtr& predicate : rule.events->predicates) {
      Type t = checker.Check(*predicate, Section::kEvents);
      if (t.known() && !t.Is(BaseType::kBool) && t.base != BaseType::kAny) {
        context.Error(codes::kNotAPredicate, "this predicate is " + TypeName(t) + ", not a condition",
                      predicate->span, "compare it with something, e.g. `... != \"\"`");
      }
    }
    // Placeholder types come from the values they are assigned.
    for (const PlaceholderAssignment& a : context.facts.assignments) {
      Placeholder& p = context.facts.placeholders.at(a.placeholder);
      auto type = context.facts.types.find(a.value->id);
      if (!p.type.known() && type != context.facts.types.end() && type->second.known() &&
          !type->second.Is(BaseType::kRegex)) {
        p.type = type->second;
      }
    }
    checker.CheckListLimits(rule.events->span);
  }
  if (rule.outcome) {
    for (size_t i = 0; i < rule.outcome->assignments.size(); ++i) {
      const ast::OutcomeAssignment& a = rule.outcome->assignments[i];
      checker.set_current_outcome(i);
      Type t = checker.Check(*a.value, Section::kOutcome);
      auto it = context.facts.outcomes.find(a.name);
      if (it != context.facts.outcomes.end() && it->second.index == i) it->second.type = t;
    }
  }
}

}  // namespace yaral::sema

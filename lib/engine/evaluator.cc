#include "engine/evaluator.h"

#include <cmath>
#include <set>

#include "functions/eval_util.h"
#include "functions/regex_cache.h"

namespace yaral::engine {
namespace {

using plan::Op;
using functions::internal::NumberLess;
using functions::internal::ValueText;

const Value& Zero() {
  static const Value* zero = new Value;
  return *zero;
}

char Lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

bool EqualsNocase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (Lower(a[i]) != Lower(b[i])) return false;
  }
  return true;
}

bool IsText(const Value& v) { return v.is_string() || v.is_bytes(); }

// Orders two values of comparable kinds; nullopt when they are not
// comparable (a string against a number). The zero value takes the kind of
// the other side.
std::optional<int> Order(const Value& a, const Value& b) {
  const bool a_num = a.is_number() || (a.is_zero_kind() && b.is_number());
  const bool b_num = b.is_number() || (b.is_zero_kind() && a.is_number());
  if (a_num && b_num) {
    if (NumberLess(a, b)) return -1;
    if (NumberLess(b, a)) return 1;
    return 0;
  }
  const bool a_text = IsText(a) || (a.is_zero_kind() && IsText(b));
  const bool b_text = IsText(b) || (b.is_zero_kind() && IsText(a));
  if (a_text && b_text) {
    int c = a.string().compare(b.string());
    return c < 0 ? -1 : (c > 0 ? 1 : 0);
  }
  if ((a.is_bool() || a.is_zero_kind()) && (b.is_bool() || b.is_zero_kind())) {
    return static_cast<int>(a.bool_value()) - static_cast<int>(b.bool_value());
  }
  return std::nullopt;
}

std::optional<int64_t> EnumNumber(const EnumInfo& info, const Value& v) {
  if (v.is_number()) return v.int_value();
  if (v.is_zero_kind()) return info.values.empty() ? std::nullopt : info.values[0].number;
  const EnumValue* e = info.FindValue(v.string());
  if (e == nullptr) return std::nullopt;
  return e->number;
}

}  // namespace

Evaluator::Evaluator(const plan::Plan& plan, const functions::EvalContext& context,
                     std::map<std::string, int64_t>& errors_by_message, int64_t& error_count)
    : plan_(plan), context_(context), errors_by_message_(errors_by_message), error_count_(error_count) {}

void Evaluator::RecordError(std::string message) {
  ++error_count_;
  ++errors_by_message_[std::move(message)];
}

const Value& Evaluator::PlaceholderValue(const plan::Plan& plan, const Binding& binding,
                                         int placeholder) {
  const int home = plan.placeholders[placeholder].variable;
  if (home >= 0 && home < static_cast<int>(binding.size()) && binding[home] != nullptr &&
      binding[home]->defined[placeholder]) {
    return binding[home]->placeholders[placeholder];
  }
  for (const Row* row : binding) {
    if (row != nullptr && row->defined[placeholder]) return row->placeholders[placeholder];
  }
  return Zero();
}

Value Evaluator::Eval(plan::NodeRef node, const Binding& binding) {
  Env env{.binding = &binding};
  return Evaluate(node, env);
}

const Value& Evaluator::EvalRef(plan::NodeRef node, const Binding& binding, Value& scratch) {
  Env env{.binding = &binding};
  return Ref(node, env, scratch);
}

bool Evaluator::Test(plan::NodeRef node, const Binding& binding) {
  Env env{.binding = &binding};
  return Truth(node, env);
}

Value Evaluator::EvalGroup(plan::NodeRef node, const Group& group) {
  static const Binding* empty = new Binding;
  Env env{.binding = group.bindings.empty() ? empty : &group.bindings.front(), .group = &group};
  return Evaluate(node, env);
}

bool Evaluator::TestGroup(plan::NodeRef node, const Group& group) {
  static const Binding* empty = new Binding;
  Env env{.binding = group.bindings.empty() ? empty : &group.bindings.front(), .group = &group};
  return Truth(node, env);
}

int64_t Evaluator::CountEvents(const Group& group, int variable) const {
  std::set<int64_t> events;
  for (const Binding& b : group.bindings) {
    if (variable < static_cast<int>(b.size()) && b[variable] != nullptr) events.insert(b[variable]->event);
  }
  return static_cast<int64_t>(events.size());
}

int64_t Evaluator::CountValues(const Group& group, int placeholder) {
  std::set<std::string> values;
  for (const Binding& b : group.bindings) {
    const Value& v = PlaceholderValue(plan_, b, placeholder);
    // Kind-tagged so 1 and "1" stay distinct.
    values.insert(std::to_string(static_cast<int>(v.kind())) + ":" + v.DebugString());
  }
  return static_cast<int64_t>(values.size());
}

const Value& Evaluator::Ref(plan::NodeRef ref, Env& env, Value& scratch) {
  const plan::Node& node = plan_.nodes[ref];
  switch (node.op) {
    case Op::kConst:
      return node.constant;
    case Op::kSlot: {
      const Binding& b = *env.binding;
      if (node.a >= static_cast<int>(b.size()) || b[node.a] == nullptr) return Zero();
      return b[node.a]->slots[node.b];
    }
    case Op::kPlaceholder:
      // A match variable is one value for the whole group.
      if (env.group != nullptr && node.a < static_cast<int>(env.group->key.size()) &&
          env.group->key[node.a]) {
        return *env.group->key[node.a];
      }
      return PlaceholderValue(plan_, *env.binding, node.a);
    case Op::kOutcome:
      if (env.group != nullptr && node.a < static_cast<int>(env.group->outcomes.size())) {
        return env.group->outcomes[node.a];
      }
      return Zero();
    case Op::kElement:
      return env.element != nullptr ? *env.element : Zero();
    default:
      scratch = Evaluate(ref, env);
      return scratch;
  }
}

bool Evaluator::Truth(plan::NodeRef ref, Env& env) {
  const plan::Node& node = plan_.nodes[ref];
  switch (node.op) {
    case Op::kAnd:
      return Truth(node.args[0], env) && Truth(node.args[1], env);
    case Op::kOr:
      return Truth(node.args[0], env) || Truth(node.args[1], env);
    case Op::kNot:
      return !Truth(node.args[0], env);
    case Op::kCompare: {
      Value sa, sb;
      const Value& a = Ref(node.args[0], env, sa);
      const Value& b = Ref(node.args[1], env, sb);
      return Compare(node, a, b);
    }
    case Op::kRegexMatch: {
      Value scratch;
      const Value& subject = Ref(node.args[0], env, scratch);
      if (node.regex == nullptr) return false;
      std::string text_storage;
      std::string_view text;
      if (IsText(subject)) {
        text = subject.string();
      } else {
        text_storage = ValueText(subject);
        text = text_storage;
      }
      if (!node.dot_all) {
        size_t newline = text.find('\n');
        if (newline != std::string_view::npos) text = text.substr(0, newline);
      }
      const bool hit = RE2::PartialMatch(re2::StringPiece(text.data(), text.size()), *node.regex);
      return node.compare == ast::ComparisonOp::kNe ? !hit : hit;
    }
    case Op::kQuantified: {
      Value list_storage;
      const Value& list = Ref(node.args[0], env, list_storage);
      std::span<const Value> elements = functions::internal::ElementsOf(list);
      const Value* saved = env.element;
      bool result = node.quantifier == ast::Quantifier::kAll;
      for (const Value& element : elements) {
        env.element = &element;
        const bool t = Truth(node.args[1], env);
        if (node.quantifier == ast::Quantifier::kAny && t) {
          result = true;
          break;
        }
        if (node.quantifier == ast::Quantifier::kAll && !t) {
          result = false;
          break;
        }
      }
      env.element = saved;
      return result;
    }
    case Op::kInList: {
      if (node.list == nullptr) return false;
      Value scratch;
      const Value& v = Ref(node.args[0], env, scratch);
      if (IsText(v)) return node.list->Contains(v.string(), node.list_kind, node.nocase);
      return node.list->Contains(ValueText(v), node.list_kind, node.nocase);
    }
    case Op::kInColumn: {
      if (node.table == nullptr) return false;
      Value scratch;
      const Value& v = Ref(node.args[0], env, scratch);
      const std::string text = ValueText(v);
      return node.table->ColumnContains(node.column, text, node.list_kind, node.nocase);
    }
    case Op::kInArray: {
      Value sv, sl;
      const Value& v = Ref(node.args[0], env, sv);
      const Value& list = Ref(node.args[1], env, sl);
      for (const Value& element : functions::internal::ElementsOf(list)) {
        if (node.nocase && IsText(v) && IsText(element)) {
          if (EqualsNocase(v.string(), element.string())) return true;
        } else if (v == element) {
          return true;
        }
      }
      return false;
    }
    case Op::kExists:
    case Op::kNotExists: {
      int64_t count = 0;
      if (env.group != nullptr) {
        count = node.a >= 0 ? CountEvents(*env.group, node.a) : CountValues(*env.group, node.b);
      }
      return node.op == Op::kExists ? count > 0 : count == 0;
    }
    default: {
      Value scratch;
      const Value& v = Ref(ref, env, scratch);
      if (v.is_bool()) return v.bool_value();
      return !v.IsZero();
    }
  }
}

bool Evaluator::Compare(const plan::Node& node, const Value& a, const Value& b) {
  using ast::ComparisonOp;
  if (node.op == Op::kCompare && node.enum_type != nullptr && node.compare != ComparisonOp::kEq &&
      node.compare != ComparisonOp::kNe) {
    std::optional<int64_t> x = EnumNumber(*node.enum_type, a);
    std::optional<int64_t> y = EnumNumber(*node.enum_type, b);
    if (!x || !y) return false;
    switch (node.compare) {
      case ComparisonOp::kLt: return *x < *y;
      case ComparisonOp::kLe: return *x <= *y;
      case ComparisonOp::kGt: return *x > *y;
      case ComparisonOp::kGe: return *x >= *y;
      default: return false;
    }
  }
  if (node.compare == ComparisonOp::kEq || node.compare == ComparisonOp::kNe) {
    bool equal;
    if (node.nocase && (IsText(a) || a.is_zero_kind()) && (IsText(b) || b.is_zero_kind())) {
      equal = EqualsNocase(a.string(), b.string());
    } else {
      equal = a == b;
    }
    return node.compare == ComparisonOp::kEq ? equal : !equal;
  }
  std::optional<int> order;
  if (node.nocase && IsText(a) && IsText(b)) {
    std::string x(a.string()), y(b.string());
    for (char& c : x) c = Lower(c);
    for (char& c : y) c = Lower(c);
    order = x < y ? -1 : (x > y ? 1 : 0);
  } else {
    order = Order(a, b);
  }
  if (!order) return false;
  switch (node.compare) {
    case ComparisonOp::kLt: return *order < 0;
    case ComparisonOp::kLe: return *order <= 0;
    case ComparisonOp::kGt: return *order > 0;
    case ComparisonOp::kGe: return *order >= 0;
    default: return false;
  }
}

Value Evaluator::Arithmetic(const plan::Node& node, const Value& a, const Value& b) {
  using ast::BinaryOp;
  const bool a_ok = a.is_number() || a.is_zero_kind();
  const bool b_ok = b.is_number() || b.is_zero_kind();
  if (!a_ok || !b_ok) {
    RecordError("arithmetic on a value that is not a number");
    return Value();
  }
  // `/` always divides as floats: `(2/1)` is the documented way to force a
  // float (spec §3.3).
  if (a.is_float() || b.is_float() || node.arith == BinaryOp::kDiv) {
    const double x = a.float_value();
    const double y = b.float_value();
    switch (node.arith) {
      case BinaryOp::kAdd: return Value::Float(x + y);
      case BinaryOp::kSub: return Value::Float(x - y);
      case BinaryOp::kMul: return Value::Float(x * y);
      case BinaryOp::kDiv:
        if (y == 0) {
          RecordError("division by zero");
          return Value();
        }
        return Value::Float(x / y);
      case BinaryOp::kMod:
        RecordError("`%` is not defined on floats");
        return Value();
      default: return Value();
    }
  }
  if ((a.is_uint() && b.is_int()) || (a.is_int() && b.is_uint())) {
    RecordError(
        "Cannot complete arithmetic operation between unsigned and signed integer: use "
        "cast.as_int() or cast.as_uint()");
    return Value();
  }
  if (a.is_uint() || b.is_uint()) {
    std::optional<uint64_t> r = IntegerArithmetic<uint64_t>(node.arith, a.uint_value(), b.uint_value());
    return r ? Value::Uint(*r) : Value();
  }
  std::optional<int64_t> r = IntegerArithmetic<int64_t>(node.arith, a.int_value(), b.int_value());
  return r ? Value::Int(*r) : Value();
}

template <typename T>
std::optional<T> Evaluator::IntegerArithmetic(ast::BinaryOp op, T x, T y) {
  T r = 0;
  bool overflow = false;
  switch (op) {
    case ast::BinaryOp::kAdd: overflow = __builtin_add_overflow(x, y, &r); break;
    case ast::BinaryOp::kSub: overflow = __builtin_sub_overflow(x, y, &r); break;
    case ast::BinaryOp::kMul: overflow = __builtin_mul_overflow(x, y, &r); break;
    case ast::BinaryOp::kMod:
      if (y == 0) {
        RecordError("modulo by zero");
        return std::nullopt;
      }
      // INT64_MIN % -1 overflows in C++; its value is 0.
      if constexpr (std::is_signed_v<T>) {
        if (y == -1) return 0;
      }
      r = x % y;
      break;
    default: break;
  }
  if (overflow) {
    RecordError("integer overflow in arithmetic");
    return std::nullopt;
  }
  return r;
}

Value Evaluator::Call(const plan::Node& node, Env& env) {
  std::vector<Value> args;
  args.reserve(node.args.size());
  for (size_t i = 0; i < node.args.size(); ++i) {
    Value v = Evaluate(node.args[i], env);
    if (!node.arg_names.empty() && !node.arg_names[i].empty()) {
      v = Value::List({Value::String(node.arg_names[i]), std::move(v)});
    }
    args.push_back(std::move(v));
  }
  absl::StatusOr<Value> result = node.call(args, context_);
  if (!result.ok()) {
    RecordError(node.name + ": " + std::string(result.status().message()));
    return Value();
  }
  return *std::move(result);
}

Value Evaluator::Evaluate(plan::NodeRef ref, Env& env) {
  const plan::Node& node = plan_.nodes[ref];
  switch (node.op) {
    case Op::kConst:
    case Op::kSlot:
    case Op::kPlaceholder:
    case Op::kOutcome:
    case Op::kElement: {
      Value unused;
      return Ref(ref, env, unused);
    }
    case Op::kCount: {
      if (env.group == nullptr) return Value::Int(0);
      return Value::Int(node.a >= 0 ? CountEvents(*env.group, node.a)
                                    : CountValues(*env.group, node.b));
    }
    case Op::kNegate: {
      Value v = Evaluate(node.args[0], env);
      if (v.is_float()) return Value::Float(-v.float_value());
      if (v.is_uint()) {
        if (v.uint_value() > static_cast<uint64_t>(INT64_MAX)) {
          RecordError("integer overflow in arithmetic");
          return Value();
        }
        return Value::Int(-static_cast<int64_t>(v.uint_value()));
      }
      if (v.int_value() == INT64_MIN) {
        RecordError("integer overflow in arithmetic");
        return Value();
      }
      return Value::Int(-v.int_value());
    }
    case Op::kArithmetic: {
      Value sa, sb;
      const Value& a = Ref(node.args[0], env, sa);
      const Value& b = Ref(node.args[1], env, sb);
      return Arithmetic(node, a, b);
    }
    case Op::kCall:
      return Call(node, env);
    case Op::kAggregate:
      return Aggregate(node, env);
    case Op::kIf:
      return Truth(node.args[0], env) ? Evaluate(node.args[1], env) : Evaluate(node.args[2], env);
    case Op::kWindowStart:
      return Value::Int(env.group != nullptr ? env.group->window_start : 0);
    case Op::kWindowEnd:
      return Value::Int(env.group != nullptr ? env.group->window_end : 0);
    default:
      return Value::Bool(Truth(ref, env));
  }
}

}  // namespace yaral::engine

// Out-of-line members of the AST (include/yaral/ast.h).
#include "yaral/ast.h"

#include <cstdint>
#include <limits>
#include <string>
#include <string_view>

#include "syntax/quote.h"

namespace yaral {
namespace syntax {

std::string QuoteString(std::string_view value) {
  std::string out;
  out.reserve(value.size() + 2);
  out.push_back('"');
  for (char c : value) {
    switch (c) {
      case '\\': out += "\\\\"; break;
      case '"': out += "\\\""; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default: out.push_back(c); break;
    }
  }
  out.push_back('"');
  return out;
}

}  // namespace syntax

namespace ast {
namespace {

// Seconds per unit, or 0 for a unit the rule language has no fixed length for
// (months vary, and Search's granularity words are not durations).
int64_t UnitSeconds(std::string_view unit) {
  if (unit == "s") return 1;
  if (unit == "m") return 60;
  if (unit == "h") return 60 * 60;
  if (unit == "d") return 24 * 60 * 60;
  if (unit == "w") return 7 * 24 * 60 * 60;
  return 0;
}

}  // namespace

std::string RegexLiteral::Unescaped() const {
  std::string out;
  out.reserve(pattern.size());
  for (size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] != '\\' || i + 1 == pattern.size()) {
      out.push_back(pattern[i]);
      continue;
    }
    // An escape is consumed as a pair so that `\\/` cannot be misread as a
    // backslash followed by an escaped slash.
    char next = pattern[++i];
    if (next != '/') out.push_back('\\');
    out.push_back(next);
  }
  return out;
}

int64_t Duration::Seconds() const {
  const int64_t unit_seconds = UnitSeconds(unit);
  if (unit_seconds == 0) return -1;
  // A window too long to count saturates rather than wraps, so a range check
  // such as "at most 48h" still rejects it.
  constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
  constexpr int64_t kMin = std::numeric_limits<int64_t>::min();
  if (overflow || amount > kMax / unit_seconds) return kMax;
  if (amount < kMin / unit_seconds) return kMin;
  return amount * unit_seconds;
}

std::string FieldPath::ToString() const {
  std::string out;
  if (!variable.empty()) {
    out.push_back('$');
    out += variable;
  }
  for (const PathSegment& segment : segments) {
    if (!out.empty()) out.push_back('.');
    out += segment.name;
    for (const Subscript& subscript : segment.subscripts) {
      out.push_back('[');
      out += subscript.is_key ? syntax::QuoteString(subscript.key)
                              : std::to_string(subscript.index);
      out.push_back(']');
    }
  }
  return out;
}

std::string_view OperatorText(BinaryOp op) {
  switch (op) {
    case BinaryOp::kOr: return "or";
    case BinaryOp::kAnd: return "and";
    case BinaryOp::kAdd: return "+";
    case BinaryOp::kSub: return "-";
    case BinaryOp::kMul: return "*";
    case BinaryOp::kDiv: return "/";
    case BinaryOp::kMod: return "%";
  }
  return "?";
}

std::string_view OperatorText(ComparisonOp op) {
  switch (op) {
    case ComparisonOp::kEq: return "=";
    case ComparisonOp::kNe: return "!=";
    case ComparisonOp::kLt: return "<";
    case ComparisonOp::kLe: return "<=";
    case ComparisonOp::kGt: return ">";
    case ComparisonOp::kGe: return ">=";
  }
  return "?";
}

std::string_view ListKindPrefix(ListKind kind) {
  switch (kind) {
    case ListKind::kString: return "";
    case ListKind::kRegex: return "regex ";
    case ListKind::kCidr: return "cidr ";
  }
  return "";
}

std::string_view SectionName(SectionKind kind) {
  switch (kind) {
    case SectionKind::kMeta: return "meta";
    case SectionKind::kSetup: return "setup";
    case SectionKind::kEvents: return "events";
    case SectionKind::kMatch: return "match";
    case SectionKind::kOutcome: return "outcome";
    case SectionKind::kCondition: return "condition";
    case SectionKind::kOptions: return "options";
    case SectionKind::kExport: return "export";
  }
  return "";
}

}  // namespace ast
}  // namespace yaral

// The canonical layout of a rule, line by line, with the source text each
// line prints: PrintRule joins these lines, and the formatter (lib/format)
// puts the file's comments back between and after them. One layout, so the
// printer and `yaral fmt` cannot disagree on where anything goes.
#ifndef YARAL_LIB_SYNTAX_RULE_LAYOUT_H_
#define YARAL_LIB_SYNTAX_RULE_LAYOUT_H_

#include <string>
#include <string_view>
#include <vector>

#include "yaral/ast.h"
#include "yaral/source.h"

namespace yaral::syntax {

enum class LayoutRole {
  kRuleHeader,     // `rule name {`
  kSectionHeader,  // `events:`
  kEntry,          // a predicate, key-value, assignment, match or condition line
  kRuleEnd,        // `}`
};

struct LayoutLine {
  LayoutRole role;
  std::string text;  // without indentation or line break
  // The source text the line stands for: a header's keyword, an entry's
  // whole extent (which may cover several source lines). Empty for a rule
  // built by hand.
  SourceSpan span;
};

// The indentation of a line of `role`, and of the comments placed before it.
std::string_view LayoutIndent(LayoutRole role);

std::vector<LayoutLine> LayoutRule(const ast::Rule& rule);

}  // namespace yaral::syntax

#endif  // YARAL_LIB_SYNTAX_RULE_LAYOUT_H_

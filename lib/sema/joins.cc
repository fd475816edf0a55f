// Pass 3: every event variable must be joined, directly or through
// placeholders, with every other one, and joins carry no arithmetic
// (spec §4.4, §12 items 6 and 7).
#include <map>
#include <set>

#include "sema/context.h"

namespace yaral::sema {
namespace {

// Union-find over event-variable names.
class Components {
 public:
  void Add(const std::string& name) { parent_.emplace(name, name); }
  std::string Find(const std::string& name) {
    std::string root = name;
    while (parent_[root] != root) root = parent_[root];
    return root;
  }
  void Join(const std::string& a, const std::string& b) { parent_[Find(a)] = Find(b); }

 private:
  std::map<std::string, std::string> parent_;
};

bool UnderNot(const std::vector<const ast::Expr*>& ancestors) {
  for (const ast::Expr* a : ancestors) {
    if (const auto* u = std::get_if<ast::Unary>(&a->kind); u && u->op == ast::UnaryOp::kNot) return true;
  }
  return false;
}

// Visits every equality of `expr` that is not under `not`, with whether it
// sits under an `or` (an `or` of equalities still joins: spec §4.4).
template <typename Visit>
void ForEachEquality(const ast::Expr& expr, const Visit& visit) {
  std::vector<std::pair<const ast::Expr*, std::vector<const ast::Expr*>>> pending{{&expr, {}}};
  std::vector<const ast::Expr*> children;
  while (!pending.empty()) {
    auto [e, ancestors] = std::move(pending.back());
    pending.pop_back();
    if (const auto* cmp = std::get_if<ast::Comparison>(&e->kind)) {
      if (cmp->op == ast::ComparisonOp::kEq && !UnderNot(ancestors)) visit(*e, *cmp);
      continue;
    }
    children.clear();
    internal::Children(*e, children);
    ancestors.push_back(e);
    for (const ast::Expr* child : children) pending.push_back({child, ancestors});
  }
}

bool IsTableLookup(const ast::Expr& e) {
  const auto* in = std::get_if<ast::InList>(&e.kind);
  if (in == nullptr) return false;
  const auto* list = std::get_if<ast::ReferenceList>(&in->list->kind);
  return list != nullptr && list->column.has_value();
}

// Data-table lookups inside one predicate block: they may be or-ed with each
// other, but neither mixed with plain comparisons nor and-ed (spec §4.11,
// §12 item 24).
void CheckTableLookupBlock(AnalysisContext& context, const ast::Expr& predicate) {
  const auto* top = std::get_if<ast::Binary>(&predicate.kind);
  if (top == nullptr || (top->op != ast::BinaryOp::kAnd && top->op != ast::BinaryOp::kOr)) return;
  bool lookup = false, other = false, and_inside = false;
  std::vector<const ast::Expr*> pending{&predicate};
  std::vector<const ast::Expr*> children;
  while (!pending.empty()) {
    const ast::Expr* e = pending.back();
    pending.pop_back();
    if (const auto* b = std::get_if<ast::Binary>(&e->kind);
        b != nullptr && (b->op == ast::BinaryOp::kAnd || b->op == ast::BinaryOp::kOr)) {
      and_inside |= b->op == ast::BinaryOp::kAnd;
      pending.push_back(b->lhs.get());
      pending.push_back(b->rhs.get());
      continue;
    }
    if (const auto* u = std::get_if<ast::Unary>(&e->kind); u && u->op == ast::UnaryOp::kNot) {
      pending.push_back(u->operand.get());
      continue;
    }
    (IsTableLookup(*e) ? lookup : other) = true;
  }
  if (!lookup) return;
  if (other) {
    context.Error(codes::kDataTableMix,
                  "a block cannot mix data-table lookups with other comparisons", predicate.span,
                  "write the lookup as a predicate of its own");
  } else if (and_inside) {
    context.Error(codes::kDataTableMix, "data-table lookups in one block can only be combined with `or`",
                  predicate.span, "write each lookup as a predicate of its own");
  }
}

}  // namespace

void CheckJoins(AnalysisContext& context) {
  const ast::Rule& rule = context.rule;
  RuleFacts& facts = context.facts;
  if (!rule.events) return;
  Components components;
  for (const auto& [name, _] : facts.events) components.Add(name);

  for (const ast::ExprPtr& predicate : rule.events->predicates) {
    CheckTableLookupBlock(context, *predicate);
    ForEachEquality(*predicate, [&](const ast::Expr& e, const ast::Comparison& cmp) {
      std::vector<std::string> left = EventVariablesIn(*cmp.lhs);
      std::vector<std::string> right = EventVariablesIn(*cmp.rhs);
      if (left.size() != 1 || right.size() != 1 || left[0] == right[0]) return;
      if (HasArithmetic(*cmp.lhs) || HasArithmetic(*cmp.rhs)) {
        context.Error(codes::kArithmeticInJoin,
                      "a join between `$" + left[0] + "` and `$" + right[0] + "` cannot use arithmetic",
                      e.span, "join on plain fields (or a function of one event), then filter separately");
        return;
      }
      components.Join(left[0], right[0]);
    });
  }
  // Placeholders assigned from several event variables join them all; an
  // assignment with arithmetic may not take part in such a join.
  for (const auto& [placeholder, p] : facts.placeholders) {
    // A named copy: lambdas may not capture structured bindings before C++20's P1091 (clang 14).
    const std::string& name = placeholder;
    if (p.event_variables.size() < 2) continue;
    const std::string& first = *p.event_variables.begin();
    for (const std::string& other : p.event_variables) components.Join(first, other);
    for (const PlaceholderAssignment& a : facts.assignments) {
      if (a.placeholder == name && HasArithmetic(*a.value)) {
        context.Error(codes::kArithmeticInJoin,
                      "placeholder `$" + name + "` joins several event variables, so its assignment "
                      "cannot use arithmetic",
                      a.comparison->span);
      }
    }
  }

  if (facts.events.size() < 2) return;
  std::string anchor = components.Find(facts.events.begin()->first);
  for (const auto& [name, event] : facts.events) {
    if (components.Find(name) == anchor) continue;
    Diagnostic& d = context.Error(codes::kNotJoined,
                                  "event variable `$" + name + "` is not joined with `$" +
                                      facts.events.begin()->first + "`",
                                  event.first_use,
                                  "join them with an equality between their fields or a shared placeholder");
    d.notes.push_back("every event variable must be connected to every other, directly or through placeholders");
    anchor = components.Find(name);  // report each unconnected group once
    for (const auto& [other, _] : facts.events) {
      if (components.Find(other) == anchor) components.Join(other, facts.events.begin()->first);
    }
    anchor = components.Find(facts.events.begin()->first);
  }
}

}  // namespace yaral::sema

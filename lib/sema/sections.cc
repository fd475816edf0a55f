// Pass 4a: the match, outcome, options and meta sections (spec §6, §7, §9,
// §2.3; §12 items 16, 17, 19, 27, 29, 30, 32).
#include <set>

#include "functions/function_registry.h"
#include "sema/context.h"

namespace yaral::sema {
namespace {

constexpr int64_t kMinWindowSeconds = 60;
constexpr int64_t kMaxWindowSeconds = 48 * 3600;

// A call the expression pass resolved to an aggregation (max, window.avg...).
bool IsAggregation(const RuleFacts& facts, const ast::Expr& e) {
  auto f = facts.functions.find(e.id);
  return f != facts.functions.end() && f->second->kind != functions::FunctionKind::kScalar;
}

// In a rule with a match section every outcome value is per window, so event
// fields and non-match placeholders must be read through an aggregation.
void CheckAggregated(AnalysisContext& context, const ast::Expr& e, bool aggregated) {
  aggregated |= IsAggregation(context.facts, e);
  if (!aggregated) {
    if (const auto* path = std::get_if<ast::FieldPath>(&e.kind); path && !path->variable.empty()) {
      context.Error(codes::kOutcomeNeedsAggregation,
                    "`" + path->ToString() + "` has one value per event, so in a rule with `match` it "
                    "must be aggregated",
                    e.span, "wrap it in an aggregation such as `array_distinct(...)` or `max(...)`");
      return;
    }
    if (const auto* v = std::get_if<ast::Variable>(&e.kind)) {
      if (context.IsPlaceholder(v->name) && context.facts.match_variables.count(v->name) == 0) {
        context.Error(codes::kOutcomeNeedsAggregation,
                      "placeholder `$" + v->name + "` is not a match variable, so it must be aggregated",
                      e.span, "wrap it in an aggregation such as `array_distinct($" + v->name + ")`");
      }
      return;
    }
  }
  std::vector<const ast::Expr*> children;
  internal::Children(e, children);
  for (const ast::Expr* child : children) CheckAggregated(context, *child, aggregated);
}

}  // namespace

void CheckMatch(AnalysisContext& context) {
  const ast::Rule& rule = context.rule;
  RuleFacts& facts = context.facts;
  if (!rule.match) {
    for (const auto& [name, event] : facts.events) {
      if (event.root == PathRoot::kDetection) {
        context.Error(codes::kCompositeWithoutMatch,
                      "`$" + name + "` reads detections, and composite rules need a `match` section",
                      event.first_use, "add `match:` with a placeholder and a window");
        break;
      }
    }
    return;
  }
  const ast::MatchSection& match = *rule.match;
  for (const ast::ExprPtr& key : match.keys) {
    const auto* v = std::get_if<ast::Variable>(&key->kind);
    if (v == nullptr) continue;  // reported by the parser
    if (context.IsEvent(v->name)) {
      context.Error(codes::kMatchVariable,
                    "`$" + v->name + "` is an event variable; match on a placeholder", key->span,
                    "assign the field to match on: `$key = $" + v->name + ".principal.hostname`");
    } else if (!context.IsPlaceholder(v->name)) {
      context.Error(codes::kMatchVariable,
                    "match variable `$" + v->name + "` is not assigned in `events`", key->span,
                    "assign it, e.g. `$" + v->name + " = $e.principal.hostname`");
    } else {
      facts.placeholders[v->name].used_outside_events = true;
    }
  }
  int64_t seconds = match.window.Seconds();
  if (!match.window.unit.empty() && seconds >= 0 &&
      (seconds < kMinWindowSeconds || seconds > kMaxWindowSeconds)) {
    context.Error(codes::kMatchWindowRange,
                  "match window `" + std::to_string(match.window.amount) + match.window.unit +
                      "` is outside the allowed range of 1m to 48h",
                  match.window_span);
  }
  if (match.window_kind == ast::WindowKind::kSlidingBefore ||
      match.window_kind == ast::WindowKind::kSlidingAfter) {
    if (!context.IsEvent(match.pivot)) {
      context.Error(codes::kSlidingPivot,
                    "the sliding window pivots on `$" + match.pivot + "`, which is not an event variable",
                    match.pivot_span);
    }
  }
}

void CheckOutcome(AnalysisContext& context) {
  const ast::Rule& rule = context.rule;
  if (!rule.outcome) return;
  for (const ast::OutcomeAssignment& a : rule.outcome->assignments) {
    if (context.facts.has_match) CheckAggregated(context, *a.value, false);
    ForEachExpr(*a.value, [&](const ast::Expr& e) {
      if (const auto* v = std::get_if<ast::Variable>(&e.kind); v && context.IsPlaceholder(v->name)) {
        context.facts.placeholders[v->name].used_outside_events = true;
      }
    });
  }
  auto risk = context.facts.outcomes.find("risk_score");
  if (risk != context.facts.outcomes.end()) {
    const Type& t = risk->second.type;
    if (t.known() && t.base != BaseType::kAny && !t.numeric()) {
      context.Error(codes::kRiskScoreType, "`$risk_score` must be a number, not " + TypeName(t),
                    risk->second.span, "SecOps stores it as the detection's risk score (0-100)");
    }
  }
}

void CheckOptionsAndMeta(AnalysisContext& context) {
  const ast::Rule& rule = context.rule;
  if (rule.meta) {
    for (const ast::KeyValue& entry : rule.meta->entries) {
      if (!std::holds_alternative<ast::StringLiteral>(entry.value->kind)) {
        context.Error(codes::kMetaValue, "meta value of `" + entry.key + "` must be a quoted string",
                      entry.value->span, "write it in double quotes: `" + entry.key + " = \"...\"`");
      }
    }
  }
  if (!rule.options) return;
  std::set<std::string> seen;
  for (const ast::KeyValue& entry : rule.options->entries) {
    if (!seen.insert(entry.key).second) {
      context.Error(codes::kDuplicateOption, "option `" + entry.key + "` is set twice", entry.key_span);
      continue;
    }
    const ast::Expr& value = *entry.value;
    RuleOptions& options = context.facts.options;
    if (entry.key == "allow_zero_values") {
      if (const auto* b = std::get_if<ast::BoolLiteral>(&value.kind)) {
        options.allow_zero_values = b->value;
      } else {
        context.Error(codes::kInvalidOptionValue, "`allow_zero_values` takes `true` or `false`",
                      value.span);
      }
    } else if (entry.key == "suppression_window") {
      const auto* d = std::get_if<ast::Duration>(&value.kind);
      if (d == nullptr || d->Seconds() < 0) {
        context.Error(codes::kInvalidOptionValue,
                      "`suppression_window` takes a duration such as `5m`, `1h` or `1d`", value.span);
      } else if (rule.match && rule.match->window.Seconds() >= 0 &&
                 d->Seconds() <= rule.match->window.Seconds()) {
        context.Error(codes::kSuppressionWindow,
                      "`suppression_window` must be longer than the match window", value.span);
      } else {
        options.suppression_window_seconds = d->Seconds();
      }
    } else {
      context.Error(codes::kUnknownOption, "unknown option `" + entry.key + "`", entry.key_span,
                    "rules accept `allow_zero_values` and `suppression_window`");
    }
  }
}

}  // namespace yaral::sema

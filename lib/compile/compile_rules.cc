// CompileRules: parse, check, lower (yaral/engine.h).
#include <algorithm>

#include "compile/lowering.h"
#include "compile/plan.h"
#include "compile/plan_access.h"
#include "sema/analyzer.h"
#include "yaral/compiler.h"
#include "yaral/parser.h"

namespace yaral {

const std::string& CompiledRule::name() const { return plan_->rule_name; }

const std::vector<std::pair<std::string, Value>>& CompiledRule::meta() const { return plan_->meta; }

bool CompiledRule::has_match() const { return plan_->match.window != plan::WindowKind::kNone; }

std::string CompiledRule::Explain() const { return plan::ExplainPlan(*plan_); }

bool CompileResult::ok() const { return !HasErrors(diagnostics); }

CompileResult CompileRules(const SourceFile& source, const CompileOptions& options) {
  CompileResult result;
  ParseResult parsed = Parse(source);
  result.diagnostics = std::move(parsed.diagnostics);
  for (const ast::Rule& rule : parsed.file.rules) {
    std::vector<Diagnostic> rule_diagnostics;
    sema::RuleFacts facts = sema::AnalyzeRule(rule, rule_diagnostics);
    // A syntax error inside the rule's text also keeps it from running: the
    // parser may have recovered into a different rule than the one written.
    bool broken = HasErrors(rule_diagnostics);
    for (const Diagnostic& d : result.diagnostics) {
      if (d.severity == Severity::kError && d.primary.span.begin >= rule.span.begin &&
          d.primary.span.begin <= rule.span.end) {
        broken = true;
      }
    }
    if (!broken) {
      std::shared_ptr<const plan::Plan> plan =
          compile::LowerRule(rule, facts, source, options, rule_diagnostics);
      if (plan != nullptr) result.rules.push_back(internal::PlanAccess::Make(std::move(plan)));
    }
    for (Diagnostic& d : rule_diagnostics) result.diagnostics.push_back(std::move(d));
  }
  std::stable_sort(result.diagnostics.begin(), result.diagnostics.end(),
                   [](const Diagnostic& a, const Diagnostic& b) {
                     return a.primary.span.begin < b.primary.span.begin;
                   });
  return result;
}

}  // namespace yaral

// Field paths that read deprecated UDM fields.
#include <optional>
#include <string>
#include <variant>

#include "lint/lint_internal.h"

namespace yaral::lint {

void CheckDeprecated(const RuleView& view, std::vector<Diagnostic>& out) {
  const UdmSchema& schema = UdmSchema::Get();
  ForEachRootExpr(view.rule, [&](ast::SectionKind, const ast::Expr& root) {
    ForEachExpr(root, [&](const ast::Expr& e) {
      const auto* path = std::get_if<ast::FieldPath>(&e.kind);
      if (path == nullptr || path->variable.empty() || path->segments.empty()) return;
      // The checker's resolution when it has one; unresolvable paths are its
      // business (E200), not lint's.
      std::optional<ResolvedPath> resolved;
      if (auto it = view.facts.paths.find(e.id); it != view.facts.paths.end()) {
        resolved = it->second;
      } else if (PathResult r = schema.ResolvePath(*path); r.ok()) {
        resolved = std::move(r.path);
      }
      if (!resolved || !resolved->deprecated) return;
      for (size_t i = 0; i < resolved->steps.size(); ++i) {
        const ResolvedStep& step = resolved->steps[i];
        if (!step.deprecated) continue;
        size_t segment = i + resolved->root_segments;
        SourceSpan span = segment < path->segments.size() ? path->segments[segment].span : e.span;
        std::string owner = step.parent != nullptr ? std::string(step.parent->name) + "." : "";
        out.push_back(MakeWarning(
            codes::kDeprecatedField,
            "`" + owner + std::string(step.name) + "` is deprecated in the UDM schema", span,
            "read the field that replaces it (see the UDM field list); deprecated fields may "
            "stop being populated"));
        break;  // one finding per path
      }
    });
  });
}

}  // namespace yaral::lint

// CheckListReferences: the reference lists' own checks (ReferenceListSet::
// Prepare), reported where the rule uses the list.
#include "check/list_references.h"

#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "lint/lint_internal.h"
#include "schema/suggest.h"

namespace yaral::check {
namespace {

// The list a reference names, or nullopt when it names a data table:
// `%table.column`, or `data_table.name` (a row binding). `in
// reference_list.name`, a form of Google's SDK docs, names the list `name`.
std::optional<std::string> ListName(const ast::ReferenceList& ref) {
  if (ref.column) return std::nullopt;
  const std::string_view name = ref.ListName();
  if (!ref.sigil && name.size() == ref.name.size()) return std::nullopt;  // not reference_list.
  return std::string(name);
}

// The set's E705, which has no position, placed on the reference with the
// closest loaded names as help and the closest as a fix.
Diagnostic UnknownList(Diagnostic d, const ast::ReferenceList& ref, const std::string& name,
                       SourceSpan span, const ReferenceListSet& lists) {
  d.primary.span = span;
  const std::vector<std::string> names = lists.Names();
  const std::vector<std::string_view> candidates(names.begin(), names.end());
  const std::vector<std::string_view> near = schema::SuggestNames(name, candidates);
  if (near.empty()) return d;
  const std::string written = ref.sigil ? "%" : "reference_list.";
  std::string help = "did you mean `" + written + std::string(near[0]) + "`";
  for (size_t i = 1; i < near.size(); ++i) help += " or `" + written + std::string(near[i]) + "`";
  d.help = help + "?";
  // The name ends the reference in both forms.
  if (std::optional<std::string_view> clear = schema::ClearSuggestion(name, candidates)) {
    d.fixes.push_back({{static_cast<uint32_t>(span.end - name.size()), span.end}, std::string(*clear)});
  }
  return d;
}

// The set's E702, which points at the list's `yaral:kind=` line, placed on
// the reference: the rule is what a rule author changes.
Diagnostic KindConflict(const SourcedDiagnostic& conflict, SourceSpan span) {
  Diagnostic d = conflict.diagnostic;
  const SourceLocation declared = conflict.file->Locate(d.primary.span.begin);
  d.notes.push_back("the kind is declared in " + conflict.file->name() + ":" +
                    std::to_string(declared.line));
  d.primary.span = span;
  return d;
}

}  // namespace

void CheckListReferences(const ast::Rule& rule, const ReferenceListSet& lists,
                         std::vector<Diagnostic>& diagnostics,
                         std::vector<SourcedDiagnostic>& list_diagnostics) {
  lint::ForEachRootExpr(rule, [&](ast::SectionKind, const ast::Expr& root) {
    lint::ForEachExpr(root, [&](const ast::Expr& e) {
      const auto* in = std::get_if<ast::InList>(&e.kind);
      if (in == nullptr) return;
      const auto* ref = std::get_if<ast::ReferenceList>(&in->list->kind);
      if (ref == nullptr) return;  // `in [1, 2]`
      const std::optional<std::string> name = ListName(*ref);
      if (!name) return;
      // The same call `yaral run` makes when it compiles the rule.
      PrepareResult prepared = lists.Prepare(*name, in->kind, in->nocase);
      for (SourcedDiagnostic& d : prepared.diagnostics) {
        if (d.diagnostic.code == codes::kUnknownList) {
          diagnostics.push_back(UnknownList(std::move(d.diagnostic), *ref, *name, in->list->span, lists));
        } else if (d.diagnostic.code == codes::kListKindConflict) {
          diagnostics.push_back(KindConflict(d, in->list->span));
        } else {
          list_diagnostics.push_back(std::move(d));  // about the file's entries
        }
      }
    });
  });
}

}  // namespace yaral::check

// Checks on single predicates that are always true, repeated, or carry a
// `nocase` that cannot change the result.
#include <cctype>
#include <map>
#include <string>
#include <utility>
#include <variant>

#include "lint/lint_internal.h"

namespace yaral::lint {
namespace {

// The predicate's text with runs of whitespace folded, so that a repeat
// written with other line breaks is still seen as a repeat.
std::string NormalizedText(const SourceFile& source, SourceSpan span) {
  std::string out;
  bool space = false;
  for (char c : source.Slice(span)) {
    if (std::isspace(static_cast<unsigned char>(c))) {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

bool IsLiteral(const ast::Expr& e) {
  return std::holds_alternative<ast::NumberLiteral>(e.kind) ||
         std::holds_alternative<ast::StringLiteral>(e.kind) ||
         std::holds_alternative<ast::RegexLiteral>(e.kind) ||
         std::holds_alternative<ast::BoolLiteral>(e.kind);
}

// The span of ` nocase` at the end of a comparison or list test, so that a
// fix can delete it.
SourceSpan NocaseSpan(const SourceFile& source, SourceSpan span) {
  std::string_view text = source.Slice(span);
  constexpr std::string_view kWord = "nocase";
  if (!text.ends_with(kWord)) return {};
  size_t begin = text.size() - kWord.size();
  while (begin > 0 && std::isspace(static_cast<unsigned char>(text[begin - 1]))) --begin;
  return {span.begin + static_cast<uint32_t>(begin), span.end};
}

bool IsEnumPath(const RuleView& view, const ast::Expr& e) {
  if (!std::holds_alternative<ast::FieldPath>(e.kind)) return false;
  auto it = view.facts.paths.find(e.id);
  return it != view.facts.paths.end() && it->second.type == FieldType::kEnum;
}

bool HasLetter(std::string_view s) {
  for (char c : s) {
    if (std::isalpha(static_cast<unsigned char>(c))) return true;
  }
  return false;
}

void CheckSelfComparisons(const RuleView& view, std::vector<Diagnostic>& out) {
  ForEachRootExpr(view.rule, [&](ast::SectionKind, const ast::Expr& root) {
    ForEachExpr(root, [&](const ast::Expr& e) {
      const auto* cmp = std::get_if<ast::Comparison>(&e.kind);
      if (cmp == nullptr || !cmp->lhs || !cmp->rhs || IsLiteral(*cmp->lhs)) return;
      if (NormalizedText(view.source, cmp->lhs->span) !=
          NormalizedText(view.source, cmp->rhs->span)) {
        return;
      }
      bool always = cmp->op == ast::ComparisonOp::kEq || cmp->op == ast::ComparisonOp::kLe ||
                    cmp->op == ast::ComparisonOp::kGe;
      out.push_back(MakeWarning(
          codes::kSelfComparison,
          std::string("both sides are the same expression, so this is always ") +
              (always ? "true" : "false"),
          e.span, "compare with the other event variable or value that was meant"));
    });
  });
}

void CheckDuplicatePredicates(const RuleView& view, std::vector<Diagnostic>& out) {
  std::map<std::string, const ast::Expr*> seen;
  for (const ast::Expr* predicate : ConjunctivePredicates(view.rule)) {
    std::string text = NormalizedText(view.source, predicate->span);
    auto [it, fresh] = seen.emplace(text, predicate);
    if (fresh) continue;
    Diagnostic d = MakeWarning(codes::kDuplicatePredicate, "this predicate is already required",
                               predicate->span, "remove the repeat");
    d.secondary.push_back({it->second->span, "first written here"});
    out.push_back(std::move(d));
  }
}

void CheckNocase(const RuleView& view, std::vector<Diagnostic>& out) {
  ForEachRootExpr(view.rule, [&](ast::SectionKind, const ast::Expr& e_root) {
    ForEachExpr(e_root, [&](const ast::Expr& e) {
      const auto* cmp = std::get_if<ast::Comparison>(&e.kind);
      if (cmp == nullptr || !cmp->nocase || !cmp->lhs || !cmp->rhs) return;
      SourceSpan nocase = NocaseSpan(view.source, e.span);
      auto with_fix = [&](Diagnostic d) {
        if (nocase.size() > 0) d.fixes.push_back({nocase, ""});
        out.push_back(std::move(d));
      };
      if (IsEnumPath(view, *cmp->lhs) || IsEnumPath(view, *cmp->rhs)) {
        with_fix(MakeWarning(codes::kNocaseOnEnumField,
                             "`nocase` on an enum field does nothing: enum values have one "
                             "spelling",
                             nocase.size() > 0 ? nocase : e.span,
                             "remove `nocase` and write the value in upper case, as the schema "
                             "spells it"));
        return;
      }
      for (const ast::ExprPtr* side : {&cmp->rhs, &cmp->lhs}) {
        const auto* s = std::get_if<ast::StringLiteral>(&(*side)->kind);
        const auto* re = std::get_if<ast::RegexLiteral>(&(*side)->kind);
        if (s == nullptr && re == nullptr) continue;
        // `\w`, `\S` and the like are letters in a regex's text but classes
        // that case does not change either way.
        std::string_view text = s != nullptr ? std::string_view(s->value) : re->pattern;
        std::string letters;
        for (size_t i = 0; i < text.size(); ++i) {
          if (re != nullptr && text[i] == '\\') {
            ++i;
            continue;
          }
          letters += text[i];
        }
        if (HasLetter(letters)) return;
        with_fix(MakeWarning(codes::kNocaseWithoutLetters,
                             "`nocase` does nothing: the value has no letters",
                             nocase.size() > 0 ? nocase : e.span, "remove `nocase`"));
        return;
      }
    });
  });
}

// `$e.metadata.event_type = /LOGIN/`: an enum has a closed set of values, so
// the regex can be spelled as the values it accepts, which is exact and does
// not run a regex per event.
void CheckRegexOnEnum(const RuleView& view, std::vector<Diagnostic>& out) {
  ForEachRootExpr(view.rule, [&](ast::SectionKind, const ast::Expr& root) {
    ForEachExpr(root, [&](const ast::Expr& e) {
      const ast::Expr* subject = nullptr;
      const ast::Expr* pattern = nullptr;
      if (const auto* cmp = std::get_if<ast::Comparison>(&e.kind); cmp && cmp->lhs && cmp->rhs) {
        if (std::holds_alternative<ast::RegexLiteral>(cmp->rhs->kind)) {
          subject = cmp->lhs.get();
          pattern = cmp->rhs.get();
        }
      } else if (const auto* call = std::get_if<ast::Call>(&e.kind);
                 call && call->name == "re.regex" && call->arguments.size() == 2 &&
                 call->arguments[0].value && call->arguments[1].value) {
        subject = call->arguments[0].value.get();
        pattern = call->arguments[1].value.get();
      }
      if (subject == nullptr || !IsEnumPath(view, *subject)) return;
      out.push_back(MakeWarning(codes::kRegexOnEnumField,
                                "regex on the enum field `" + std::string(view.source.Slice(subject->span)) +
                                    "`",
                                pattern->span,
                                "compare with the values meant: `= \"VALUE\"`, or `in [\"A\", \"B\"]`"));
    });
  });
}

// `strings.lower($e.x) = "abc"`: `$e.x = "abc" nocase` says the same, reads
// the field directly and lets the engine use its case-insensitive matching.
void CheckCaseFunctions(const RuleView& view, std::vector<Diagnostic>& out) {
  ForEachRootExpr(view.rule, [&](ast::SectionKind section, const ast::Expr& root) {
    if (section != ast::SectionKind::kEvents) return;
    ForEachExpr(root, [&](const ast::Expr& e) {
      const auto* cmp = std::get_if<ast::Comparison>(&e.kind);
      if (cmp == nullptr || !cmp->lhs || !cmp->rhs) return;
      if (cmp->op != ast::ComparisonOp::kEq && cmp->op != ast::ComparisonOp::kNe) return;
      for (const auto& [fn_side, value_side] :
           {std::pair{&cmp->lhs, &cmp->rhs}, std::pair{&cmp->rhs, &cmp->lhs}}) {
        const auto* call = std::get_if<ast::Call>(&(*fn_side)->kind);
        if (call == nullptr || (call->name != "strings.lower" && call->name != "strings.upper") ||
            call->arguments.size() != 1 || !call->arguments[0].value) {
          continue;
        }
        if (!std::holds_alternative<ast::StringLiteral>((*value_side)->kind) &&
            !std::holds_alternative<ast::RegexLiteral>((*value_side)->kind)) {
          continue;
        }
        std::string field(view.source.Slice(call->arguments[0].value->span));
        out.push_back(MakeWarning(
            codes::kCaseFunctionInsteadOfNocase,
            "`" + call->name + "` is used only to compare without case", (*fn_side)->span,
            "compare the value itself with `nocase`: `" + field + " " +
                std::string(ast::OperatorText(cmp->op)) + " " +
                std::string(view.source.Slice((*value_side)->span)) + " nocase`"));
        return;
      }
    });
  });
}

}  // namespace

void CheckPredicates(const RuleView& view, std::vector<Diagnostic>& out) {
  CheckSelfComparisons(view, out);
  CheckDuplicatePredicates(view, out);
  CheckNocase(view, out);
  CheckRegexOnEnum(view, out);
  CheckCaseFunctions(view, out);
}

}  // namespace yaral::lint

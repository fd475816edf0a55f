// Every field path of an event variable in the public rule corpus
// (../shared/corpus) must resolve: those rules compile in SecOps, so a path
// that does not resolve is a gap in the schema or the resolver. Rules marked
// invalid or elided in SOURCES.tsv, and synthetic samples, are left out.
// Skips with a message when the corpus is absent.
#include <cstddef>
#include <filesystem>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include <catch2/catch.hpp>

#include "../../support/corpus.h"
#include "yaral/ast.h"
#include "yaral/parser.h"
#include "yaral/schema.h"

namespace {

namespace fs = std::filesystem;
namespace ast = yaral::ast;

// Collects field paths and the variables that range over data-table rows
// (`$row in data_table.t`, `$row in %t`): those paths name table columns,
// not schema fields.
class PathCollector {
 public:
  void Visit(const ast::Expr* expr) {
    if (expr == nullptr) return;
    const ast::ExprKind& kind = expr->kind;
    if (const auto* path = std::get_if<ast::FieldPath>(&kind)) {
      if (!path->variable.empty()) paths.push_back(path);
    } else if (const auto* array = std::get_if<ast::ArrayLiteral>(&kind)) {
      for (const ast::ExprPtr& element : array->elements) Visit(element.get());
    } else if (const auto* unary = std::get_if<ast::Unary>(&kind)) {
      Visit(unary->operand.get());
    } else if (const auto* binary = std::get_if<ast::Binary>(&kind)) {
      Visit(binary->lhs.get());
      Visit(binary->rhs.get());
    } else if (const auto* comparison = std::get_if<ast::Comparison>(&kind)) {
      Visit(comparison->lhs.get());
      Visit(comparison->rhs.get());
    } else if (const auto* quantified = std::get_if<ast::Quantified>(&kind)) {
      Visit(quantified->operand.get());
    } else if (const auto* in_list = std::get_if<ast::InList>(&kind)) {
      if (const auto* variable = std::get_if<ast::Variable>(&in_list->value->kind)) {
        row_variables.insert(variable->name);
      }
      Visit(in_list->value.get());
      Visit(in_list->list.get());
    } else if (const auto* call = std::get_if<ast::Call>(&kind)) {
      for (const ast::Argument& argument : call->arguments) Visit(argument.value.get());
    } else if (const auto* if_expr = std::get_if<ast::If>(&kind)) {
      Visit(if_expr->condition.get());
      Visit(if_expr->then_value.get());
      Visit(if_expr->else_value.get());
    }
  }

  void VisitRule(const ast::Rule& rule) {
    if (rule.events) {
      for (const ast::ExprPtr& predicate : rule.events->predicates) Visit(predicate.get());
    }
    if (rule.match) {
      for (const ast::ExprPtr& key : rule.match->keys) Visit(key.get());
    }
    if (rule.outcome) {
      for (const ast::OutcomeAssignment& a : rule.outcome->assignments) Visit(a.value.get());
    }
    if (rule.condition) Visit(rule.condition->expr.get());
    for (const auto* section : {rule.setup ? &rule.setup->actions : nullptr,
                                rule.export_ ? &rule.export_->actions : nullptr}) {
      if (section == nullptr) continue;
      for (const ast::TableAction& action : *section) {
        for (const ast::Argument& argument : action.arguments) Visit(argument.value.get());
      }
    }
  }

  std::vector<const ast::FieldPath*> paths;
  std::set<std::string> row_variables;
};

}  // namespace

TEST_CASE("schema resolves every field path of the public rule corpus", "[schema][corpus]") {
  // The whole corpus only, never $YARAL_CORPUS_DIR: the rule count below is
  // the full corpus's.
  const fs::path corpus = fs::path(YARAL_SHARED_DIR) / "corpus";
  if (!fs::is_regular_file(corpus / "SOURCES.tsv")) {
    WARN("SKIP: no corpus at " << corpus << " (set YARAL_SHARED_DIR)");
    return;
  }
  const yaral::UdmSchema& schema = yaral::UdmSchema::Get();
  size_t rules = 0, paths = 0, resolved = 0, table_columns = 0, parse_errors = 0;
  std::map<std::string_view, size_t> by_root;
  std::map<std::string, std::string> unresolved;  // path text -> "file: message"
  std::set<std::string> distinct;
  for (const yaral::testing::CorpusFile& file : yaral::testing::LoadCorpus(corpus)) {
    // Only rules SecOps compiles: not the invalid or elided ones, nor the
    // synthetic samples.
    if (file.kind != yaral::testing::CorpusKind::kValid) continue;
    const std::string& name = file.path;
    yaral::SourceFile source(name, file.text);
    yaral::ParseResult parsed = yaral::Parse(source);
    if (yaral::HasErrors(parsed.diagnostics)) ++parse_errors;
    for (const ast::Rule& rule : parsed.file.rules) {
      ++rules;
      PathCollector collector;
      collector.VisitRule(rule);
      for (const ast::FieldPath* path : collector.paths) {
        if (collector.row_variables.count(path->variable) != 0) {
          ++table_columns;
          continue;
        }
        ++paths;
        distinct.insert(path->ToString().substr(path->variable.size() + 1));
        yaral::PathResult result = schema.ResolvePath(*path);
        if (result.ok()) {
          ++resolved;
          ++by_root[yaral::PathRootName(result.path->root)];
        } else {
          unresolved.emplace(path->ToString(), name + ": " + result.error->message);
        }
      }
    }
  }
  std::ostringstream report;
  report << rules << " rules, " << paths << " field paths (" << distinct.size() << " distinct), "
         << resolved << " resolved (";
  const char* separator = "";
  for (const auto& [root, count] : by_root) {
    report << separator << root << " " << count;
    separator = ", ";
  }
  report << "), " << table_columns << " data-table column reads skipped, " << parse_errors
         << " files with parse errors\n";
  for (const auto& [path, where] : unresolved) report << "  " << path << "  (" << where << ")\n";
  INFO(report.str());
  WARN(report.str());
  CHECK(rules > 900);
  CHECK(unresolved.empty());
}

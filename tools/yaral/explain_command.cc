// `yaral explain`: print the plan each rule compiles to: the fields it
// reads, what each event variable keeps, the joins, the match key and
// window, the outcomes and the condition (docs/cli.md#explain).
// Exit code: 1 when a rule does not compile, 2 for I/O errors, else 0.

#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "CLI/CLI.hpp"
#include "commands.h"
#include "rule_loading.h"
#include "yaral/engine.h"

namespace yaral::cli {
namespace {

struct ExplainFlags {
  std::vector<std::string> rules;
  std::string lists;
  std::string tables;
  std::string color = "auto";
};

int RunExplain(const ExplainFlags& flags) {
  CompileOptions options;
  if (!LoadListsAndTables(flags.lists, flags.tables, options)) return kExitUsageOrIo;
  std::vector<CompiledRule> rules;
  const int result = CompileRuleFiles(flags.rules, options, flags.color, rules);
  for (size_t i = 0; i < rules.size(); ++i) {
    if (i > 0) std::cout << "\n";
    std::cout << rules[i].Explain();
  }
  return result;
}

}  // namespace

Command AddExplainCommand(CLI::App& parent) {
  auto flags = std::make_shared<ExplainFlags>();
  CLI::App* app = parent.add_subcommand("explain", "Print the plan the engine runs for each rule");
  app->add_option("RULE", flags->rules, "Rule files, or directories searched for *.yaral")
      ->required()
      ->type_name("");
  app->add_option("--lists", flags->lists, "Directory of reference lists")->type_name("DIR");
  app->add_option("--tables", flags->tables, "Directory of data tables")->type_name("DIR");
  app->add_option("--color", flags->color, "Colour diagnostics: auto, always, never")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->capture_default_str();
  return {app, [flags] { return RunExplain(*flags); }};
}

}  // namespace yaral::cli

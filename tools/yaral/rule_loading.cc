#include "rule_loading.h"

#include <unistd.h>

#include <iostream>
#include <memory>

#include "cli_common.h"
#include "commands.h"
#include "path_expansion.h"
#include "yaral/data_tables.h"
#include "yaral/reference_lists.h"

namespace yaral::cli {

bool LoadListsAndTables(const std::string& lists_dir, const std::string& tables_dir,
                        CompileOptions& options) {
  bool ok = true;
  auto report = [&](const std::vector<SourcedDiagnostic>& diagnostics) {
    RenderOptions render;
    render.color = UseColor("auto", STDERR_FILENO);
    for (const SourcedDiagnostic& d : diagnostics) std::cerr << RenderSourcedDiagnostic(d, render);
    if (HasErrors(diagnostics)) ok = false;
  };
  if (!lists_dir.empty()) {
    ReferenceListLoad load = ReferenceListSet::LoadDirectory(lists_dir);
    report(load.diagnostics);
    options.lists = std::make_shared<const ReferenceListSet>(std::move(load.set));
  }
  if (!tables_dir.empty()) {
    DataTableLoad load = DataTableSet::LoadDirectory(tables_dir);
    report(load.diagnostics);
    options.tables = std::make_shared<const DataTableSet>(std::move(load.set));
  }
  return ok;
}

int CompileRuleFiles(const std::vector<std::string>& paths, const CompileOptions& options,
                     const std::string& color, std::vector<CompiledRule>& rules) {
  int result = kExitOk;
  RenderOptions render;
  render.color = UseColor(color, STDERR_FILENO);
  bool io_error = false;
  const std::vector<std::string> files =
      ExpandPaths(paths, {.wanted = IsRuleFile, .description = ".yaral files", .required = true},
                  io_error);
  if (io_error) result = kExitUsageOrIo;
  for (const std::string& path : files) {
    absl::StatusOr<SourceFile> source = ReadSourceFile(path);
    if (!source.ok()) {
      PrintError(std::string(source.status().message()));
      result = kExitUsageOrIo;
      continue;
    }
    CompileResult compiled = CompileRules(*source, options);
    for (const Diagnostic& d : compiled.diagnostics) {
      if (d.severity == Severity::kError) std::cerr << RenderDiagnostic(d, *source, render);
    }
    if (!compiled.ok() && result == kExitOk) result = kExitRuleErrors;
    if (compiled.ok() && compiled.rules.empty()) {
      PrintError("'" + path + "' holds no rule");
      result = kExitUsageOrIo;
    }
    for (CompiledRule& rule : compiled.rules) rules.push_back(std::move(rule));
  }
  return result;
}

}  // namespace yaral::cli

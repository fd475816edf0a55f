#include "check_fix.h"

#include <iostream>
#include <string>
#include <utility>

#include "cli_common.h"
#include "unified_diff.h"
#include "write_in_place.h"
#include "yaral/fixer.h"

namespace yaral::cli {

CheckResult RuleFixer::Fix(const std::string& path, SourceFile& source,
                           const CheckOptions& options, bool& write_error) {
  FixResult fixed = FixSource(source, options);
  const char* verb = diff_only_ ? "would fix" : "fixed";
  for (const Diagnostic& d : fixed.applied) {
    const SourceLocation where = source.Locate(d.primary.span.begin);
    std::cerr << source.name() << ":" << where.line << ":" << where.column << ": " << verb << " ["
              << d.code << "] " << d.message << "\n";
  }
  if (!fixed.refusal.empty()) {
    ++files_refused_;
    std::cerr << source.name() << ": "
              << (fixed.changed() ? "further fixes not applied: " : "not fixed: ")
              << fixed.refusal << "\n";
    const SourceFile rejected(source.name() + " (as it would be fixed)", fixed.rejected_text);
    for (const Diagnostic& d : fixed.new_errors) {
      std::cerr << RenderDiagnostic(d, rejected, render_);
    }
  }
  if (fixed.changed()) {
    fixes_ += static_cast<int>(fixed.applied.size());
    ++files_changed_;
    if (diff_only_) {
      std::cout << UnifiedDiff(source.name(), source.text(), fixed.text);
    } else if (std::string error = WriteInPlace(path, fixed.text); !error.empty()) {
      PrintError(error);
      write_error = true;
      // The file keeps its old text, and so do the findings reported.
      return CheckSource(source, options);
    }
    source = SourceFile(source.name(), std::move(fixed.text));
  }
  return std::move(fixed.check);
}

std::string RuleFixer::Summary() const {
  auto count = [](int n, const char* one, const char* many) {
    return std::to_string(n) + " " + (n == 1 ? one : many);
  };
  std::string line = count(fixes_, "fix", "fixes") + (diff_only_ ? " to apply in " : " applied in ") +
                     count(files_changed_, "file", "files");
  if (files_refused_ > 0) {
    line += "; fixes refused in " + count(files_refused_, "file", "files") + " (they would add errors)";
  }
  return line;
}

}  // namespace yaral::cli

// _yaral.Rule and _yaral.compile: rule text to immutable compiled rules.
#include <pybind11/stl.h>

#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "embed/list_bundle.h"
#include "py_common.h"
#include "yaral/diagnostic_writers.h"
#include "yaral/engine.h"

namespace yaral::python {
namespace {

// (rules that compiled, diagnostics as JSON, the errors rendered as text).
std::tuple<std::vector<CompiledRule>, std::string, std::string> Compile(
    std::string text, std::string path, const embed::ListBundle* lists) {
  const SourceFile source(std::move(path), std::move(text));
  CompileOptions options;
  if (lists != nullptr) options = lists->Options();
  CompileResult compiled;
  {
    // Compiling touches no Python object; other threads may run meanwhile.
    py::gil_scoped_release release;
    compiled = CompileRules(source, options);
  }
  std::string errors;
  for (const Diagnostic& d : compiled.diagnostics) {
    if (d.severity == Severity::kError) errors += RenderDiagnostic(d, source);
  }
  std::string json = WriteDiagnosticsJson({FileDiagnostics(&source, compiled.diagnostics)});
  return {std::move(compiled.rules), std::move(json), std::move(errors)};
}

}  // namespace

void BindRules(py::module_& module) {
  py::class_<CompiledRule>(module, "Rule", R"doc(
One compiled rule: immutable, cheap to copy, safe to share between threads.)doc")
      .def_property_readonly("name", &CompiledRule::name, "The rule's name.")
      .def_property_readonly(
          "meta",
          [](const CompiledRule& rule) {
            py::dict meta;
            for (const auto& [key, value] : rule.meta()) meta[py::str(key)] = FromValue(value);
            return meta;
          },
          "The `meta:` section as a dict, in rule order.")
      .def_property_readonly("has_match", &CompiledRule::has_match,
                             "True for a rule with a `match:` section.")
      .def("explain", &CompiledRule::Explain,
           "The compiled plan as `yaral explain` prints it.");

  module.def("compile", &Compile, py::arg("text"), py::arg("path"),
             py::arg("lists") = nullptr, R"doc(
Compiles every rule of `text`: (rules, diagnostics_json, errors_text). Rules
with errors are left out; the Python layer raises CompileError for them.)doc");
}

}  // namespace yaral::python

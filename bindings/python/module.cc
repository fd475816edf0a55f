// The `_yaral` extension module: the compiled half of the `yaral` package.
// The Python half (yaral/__init__.py) turns its JSON results into dicts and
// its Status failures into the package's exceptions; users import `yaral`.
#include <pybind11/stl.h>

#include <string>
#include <utility>
#include <vector>

#include "py_common.h"
#include "yaral/checker.h"
#include "yaral/diagnostic_writers.h"
#include "yaral/event_builder.h"

namespace yaral::python {
namespace {

std::string Check(std::string text, std::string path, bool lint, std::vector<std::string> select,
                  std::vector<std::string> ignore) {
  const SourceFile source(std::move(path), std::move(text));
  CheckOptions options;
  options.lint = lint;
  options.select = std::move(select);
  options.ignore = std::move(ignore);
  CheckResult result;
  {
    py::gil_scoped_release release;
    result = CheckSource(source, options);
  }
  FileDiagnostics entry(&source, std::move(result.diagnostics));
  for (const ast::Rule& rule : result.file.rules) entry.rules.emplace_back(rule.name, rule.span);
  return WriteDiagnosticsJson({entry});
}

// `fields` is a sequence of (path, value): a list value sets a repeated
// field's elements.
std::string BuildEvent(const std::vector<std::pair<std::string, py::object>>& fields) {
  EventBuilder builder;
  for (const auto& [path, value] : fields) builder.Set(path, ToValue(value));
  absl::StatusOr<std::string> json = builder.ToJson();
  if (!json.ok()) Raise(json.status());
  return *std::move(json);
}

}  // namespace
}  // namespace yaral::python

PYBIND11_MODULE(_yaral, module) {
  namespace py = pybind11;
  using namespace yaral::python;
  module.doc() = "The compiled core of the yaral package; import `yaral` instead.";
  module.attr("__version__") = YARAL_VERSION;
  module.def("check", &Check, py::arg("text"), py::arg("path"), py::arg("lint"),
             py::arg("select"), py::arg("ignore"),
             "Checks rule text as `yaral check` does; the diagnostics as a JSON array.");
  module.def("build_event", &BuildEvent, py::arg("fields"),
             "A UDM event from (path, value) pairs, checked against the schema, as JSON.");
  BindLists(module);
  BindRules(module);
  BindEngine(module);
}

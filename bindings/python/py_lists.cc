// _yaral.Lists: reference lists and data tables (lib/embed/list_bundle.h).
#include <pybind11/stl.h>

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "embed/list_bundle.h"
#include "py_common.h"
#include "yaral/embedding.h"
#include "yaral/reference_lists.h"

namespace yaral::python {
namespace {

using embed::Diagnostics;
using embed::ListBundle;

// (diagnostics as JSON, the same rendered as text): the Python layer raises
// ListError when some are errors, so the message reads like the CLI's.
std::pair<std::string, std::string> Report(const absl::StatusOr<Diagnostics>& diagnostics) {
  if (!diagnostics.ok()) Raise(diagnostics.status());
  std::string rendered;
  for (const SourcedDiagnostic& d : *diagnostics) rendered += RenderSourcedDiagnostic(d);
  return {SourcedDiagnosticsToJson(*diagnostics), std::move(rendered)};
}

ast::ListKind Kind(const std::string& name) {
  std::optional<ast::ListKind> kind = ParseListKind(name);
  if (!kind) throw py::value_error("unknown list kind '" + name + "' (string, regex or cidr)");
  return *kind;
}

}  // namespace

void BindLists(py::module_& module) {
  py::class_<ListBundle>(module, "Lists", R"doc(
Reference lists and data tables being gathered for compiling rules.

Each adding method returns ``(diagnostics_json, rendered_text)``. Once rules
compiled with these lists exist, adding raises RuntimeError.)doc")
      .def(py::init<>())
      .def(
          "add",
          [](ListBundle& self, std::string name, const std::string& kind,
             std::vector<std::string> entries) {
            return Report(self.AddList(std::move(name), Kind(kind), std::move(entries)));
          },
          py::arg("name"), py::arg("kind"), py::arg("entries"),
          "A list of literal entries of kind 'string', 'regex' or 'cidr'.")
      .def(
          "add_text",
          [](ListBundle& self, std::string name, std::string file_name, std::string text) {
            return Report(self.AddListText(std::move(name), std::move(file_name), std::move(text)));
          },
          py::arg("name"), py::arg("file_name"), py::arg("text"),
          "A list from text in the list-file syntax (docs/lists.md).")
      .def(
          "load_directory",
          [](ListBundle& self, const std::string& directory) {
            return Report(self.LoadListDirectory(directory));
          },
          py::arg("directory"), "Every list file of a directory, named after the file.")
      .def(
          "add_table_csv",
          [](ListBundle& self, std::string name, std::string file_name, std::string text) {
            return Report(self.AddTableCsv(std::move(name), std::move(file_name), std::move(text)));
          },
          py::arg("name"), py::arg("file_name"), py::arg("text"),
          "A data table from CSV text with a header row.")
      .def(
          "load_table_directory",
          [](ListBundle& self, const std::string& directory) {
            return Report(self.LoadTableDirectory(directory));
          },
          py::arg("directory"), "Every *.csv file of a directory as a table.")
      .def_property_readonly("list_names", &ListBundle::ListNames)
      .def_property_readonly("table_names", &ListBundle::TableNames);
}

}  // namespace yaral::python

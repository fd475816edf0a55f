// Shared by the files of the `_yaral` extension module: Python <-> Value
// conversion, Status -> Python exception, and one Bind* function per class.
#ifndef YARAL_BINDINGS_PYTHON_PY_COMMON_H_
#define YARAL_BINDINGS_PYTHON_PY_COMMON_H_

#include <pybind11/pybind11.h>

#include "absl/status/status.h"
#include "yaral/value.h"

namespace yaral::python {

namespace py = pybind11;

// bool, int, float, str, bytes and lists or tuples of them; TypeError for
// anything else, OverflowError for an int outside int64 and uint64.
Value ToValue(py::handle object);
// The Python object for a value: kZero is None.
py::object FromValue(const Value& value);

// Raises the Python exception matching `status`: ValueError for
// InvalidArgument, FileNotFoundError for NotFound, PermissionError, OSError
// for I/O failures, RuntimeError otherwise.
[[noreturn]] void Raise(const absl::Status& status);

void BindLists(py::module_& module);   // py_lists.cc
void BindRules(py::module_& module);   // py_rules.cc
void BindEngine(py::module_& module);  // py_engine.cc

}  // namespace yaral::python

#endif  // YARAL_BINDINGS_PYTHON_PY_COMMON_H_

// Python objects <-> yaral::Value, and absl::Status -> Python exceptions.
#include <cstdint>
#include <string>

#include "py_common.h"

namespace yaral::python {

Value ToValue(py::handle object) {
  // bool first: Python's bool is a subclass of int.
  if (py::isinstance<py::bool_>(object)) return Value::Bool(object.cast<bool>());
  if (py::isinstance<py::int_>(object)) {
    int overflow = 0;
    const long long number = PyLong_AsLongLongAndOverflow(object.ptr(), &overflow);
    if (overflow == 0) return Value::Int(number);
    if (overflow > 0) {
      const unsigned long long big = PyLong_AsUnsignedLongLong(object.ptr());
      if (!PyErr_Occurred()) return Value::Uint(big);
      PyErr_Clear();
    }
    throw py::value_error("integer " + py::repr(object).cast<std::string>() +
                          " does not fit in 64 bits");
  }
  if (py::isinstance<py::float_>(object)) return Value::Float(object.cast<double>());
  if (py::isinstance<py::str>(object)) return Value::String(object.cast<std::string>());
  if (py::isinstance<py::bytes>(object)) return Value::Bytes(object.cast<std::string>());
  if (py::isinstance<py::list>(object) || py::isinstance<py::tuple>(object)) {
    Value::ListType elements;
    for (py::handle element : object) elements.push_back(ToValue(element));
    return Value::List(std::move(elements));
  }
  throw py::type_error("cannot use a " +
                       py::str(py::type::of(object).attr("__name__")).cast<std::string>() +
                       " as a UDM value (use str, int, float, bool, bytes or a list)");
}

py::object FromValue(const Value& value) {
  switch (value.kind()) {
    case Value::Kind::kZero: return py::none();
    case Value::Kind::kBool: return py::bool_(value.bool_value());
    case Value::Kind::kInt: return py::int_(value.int_value());
    case Value::Kind::kUint: return py::int_(value.uint_value());
    case Value::Kind::kFloat: return py::float_(value.float_value());
    case Value::Kind::kString: return py::str(std::string(value.string()));
    case Value::Kind::kBytes: return py::bytes(std::string(value.string()));
    case Value::Kind::kList: {
      py::list out;
      for (const Value& element : value.list()) out.append(FromValue(element));
      return out;
    }
  }
  return py::none();
}

void Raise(const absl::Status& status) {
  const std::string message(status.message());
  PyObject* type = PyExc_RuntimeError;
  switch (status.code()) {
    case absl::StatusCode::kInvalidArgument: type = PyExc_ValueError; break;
    case absl::StatusCode::kNotFound: type = PyExc_FileNotFoundError; break;
    case absl::StatusCode::kPermissionDenied: type = PyExc_PermissionError; break;
    case absl::StatusCode::kUnavailable:
    case absl::StatusCode::kDataLoss: type = PyExc_OSError; break;
    default: break;
  }
  PyErr_SetString(type, message.c_str());
  throw py::error_already_set();
}

}  // namespace yaral::python

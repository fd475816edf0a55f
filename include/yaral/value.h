// A YARA-L runtime value: what a field read, a literal, a function or an
// aggregation produces when a rule runs.
//
//   yaral::Value port = yaral::Value::Int(443);
//   yaral::Value host = yaral::Value::String("web-01");
//   yaral::Value ips = yaral::Value::List({yaral::Value::String("10.0.0.1")});
//   if (host.is_string()) std::string_view s = host.string();
//
// YARA-L has no null: a missing field reads as the zero value of its type
// ("" for strings, 0 for numbers, false for booleans; spec §3.4). A
// default-constructed Value is the zero value of an unknown type (`kZero`),
// which compares equal to "", 0 and false, so a function that gets it behaves
// as it would with the zero value of the type it expects.
//
// Thread-safety: a Value is a plain value type; copies are independent.
#ifndef YARAL_VALUE_H_
#define YARAL_VALUE_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace yaral {

class Value {
 public:
  enum class Kind { kZero, kBool, kInt, kUint, kFloat, kString, kBytes, kList };
  using ListType = std::vector<Value>;

  Value() = default;
  static Value Bool(bool v) { return Value(Data(std::in_place_index<1>, v)); }
  static Value Int(int64_t v) { return Value(Data(std::in_place_index<2>, v)); }
  static Value Uint(uint64_t v) { return Value(Data(std::in_place_index<3>, v)); }
  static Value Float(double v) { return Value(Data(std::in_place_index<4>, v)); }
  static Value String(std::string v) { return Value(Data(std::in_place_index<5>, std::move(v))); }
  static Value Bytes(std::string v) { return Value(Data(std::in_place_index<6>, std::move(v))); }
  static Value List(ListType v) { return Value(Data(std::in_place_index<7>, std::move(v))); }

  Kind kind() const { return static_cast<Kind>(data_.index()); }
  bool is_zero_kind() const { return kind() == Kind::kZero; }
  bool is_bool() const { return kind() == Kind::kBool; }
  bool is_int() const { return kind() == Kind::kInt; }
  bool is_uint() const { return kind() == Kind::kUint; }
  bool is_float() const { return kind() == Kind::kFloat; }
  bool is_number() const { return is_int() || is_uint() || is_float(); }
  bool is_string() const { return kind() == Kind::kString; }
  bool is_bytes() const { return kind() == Kind::kBytes; }
  bool is_list() const { return kind() == Kind::kList; }

  // Accessors read the zero value when the kind differs: `Value().string()`
  // is "", `Value::String("x").int_value()` is 0. Callers that care check the
  // kind first.
  bool bool_value() const;
  int64_t int_value() const;
  uint64_t uint_value() const;
  double float_value() const;   // any number, converted
  std::string_view string() const;  // strings and bytes
  const ListType& list() const;

  // Makes this a string holding `text`, reusing the buffer when it already
  // holds a string: the engine refills the same Values for every event, so
  // reading a field costs no allocation once buffers have grown.
  void SetString(std::string_view text);

  // True for the zero value of any kind: "", 0, 0.0, false, an empty list.
  bool IsZero() const;

  // Equality as YARA-L's `=` sees it: numbers compare by value across int,
  // uint and float; kZero equals every zero value; strings byte for byte.
  bool operator==(const Value& other) const;

  // A short text form for messages, explanations and JSON-less output:
  // `"web-01"`, `443`, `true`, `["a", "b"]`.
  std::string DebugString() const;

 private:
  using Data = std::variant<std::monostate, bool, int64_t, uint64_t, double, std::string,
                            std::string, ListType>;
  explicit Value(Data data) : data_(std::move(data)) {}
  Data data_;
};

}  // namespace yaral

#endif  // YARAL_VALUE_H_

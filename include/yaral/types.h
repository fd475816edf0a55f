// The types the checker gives YARA-L expressions (spec §3.3).
//
// A field path's type comes from the UDM schema (yaral/schema.h); literals,
// operators and functions (lib/functions) give the rest. Integer widths
// collapse to signed and unsigned 64-bit; float and double are one kFloat.
// Timestamps are read through `.seconds` / `.nanos` (kInt), so a bare
// timestamp message is kMessage like any other message.
//
//   yaral::Type port = yaral::Type::Of(yaral::BaseType::kInt);
//   yaral::Type ips = yaral::Type::ListOf(yaral::BaseType::kString);
//   yaral::TypeName(ips);  // "list<string>"
//
// Thread-safety: plain values.
#ifndef YARAL_TYPES_H_
#define YARAL_TYPES_H_

#include <string>
#include <string_view>

namespace yaral {

struct EnumInfo;  // yaral/schema.h

enum class BaseType {
  kUnknown,  // not known (after an error): never reported again
  kAny,      // accepted everywhere (function parameters documented as ANY)
  kString,
  kInt,
  kUint,
  kFloat,
  kBool,
  kBytes,
  kEnum,     // a UDM enum; compared with value-name strings
  kRegex,    // a regex literal `/.../`
  kMessage,  // a whole UDM message (not comparable)
};

struct Type {
  BaseType base = BaseType::kUnknown;
  bool list = false;                   // arrays, repeated fields under any/all, array()
  const EnumInfo* enum_type = nullptr;  // for kEnum

  static Type Of(BaseType base) { return Type{base, false, nullptr}; }
  static Type ListOf(BaseType base) { return Type{base, true, nullptr}; }
  static Type Enum(const EnumInfo* info) { return Type{BaseType::kEnum, false, info}; }

  bool known() const { return base != BaseType::kUnknown; }
  bool numeric() const {
    return !list && (base == BaseType::kInt || base == BaseType::kUint || base == BaseType::kFloat);
  }
  bool Is(BaseType b) const { return !list && base == b; }
  bool operator==(const Type& other) const {
    return base == other.base && list == other.list && enum_type == other.enum_type;
  }
};

std::string_view BaseTypeName(BaseType base);  // "string", "int", ...
std::string TypeName(const Type& type);        // "list<string>", "enum Metadata.EventType"

}  // namespace yaral

#endif  // YARAL_TYPES_H_

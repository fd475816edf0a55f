#include "yaral/types.h"

#include <string>
#include <string_view>

#include "yaral/schema.h"

namespace yaral {

std::string_view BaseTypeName(BaseType base) {
  switch (base) {
    case BaseType::kUnknown:
      return "unknown";
    case BaseType::kAny:
      return "any";
    case BaseType::kString:
      return "string";
    case BaseType::kInt:
      return "int";
    case BaseType::kUint:
      return "uint";
    case BaseType::kFloat:
      return "float";
    case BaseType::kBool:
      return "bool";
    case BaseType::kBytes:
      return "bytes";
    case BaseType::kEnum:
      return "enum";
    case BaseType::kRegex:
      return "regex";
    case BaseType::kMessage:
      return "message";
  }
  return "unknown";
}

std::string TypeName(const Type& type) {
  std::string name(BaseTypeName(type.base));
  if (type.base == BaseType::kEnum && type.enum_type != nullptr) {
    name += ' ';
    name += type.enum_type->name;
  }
  return type.list ? "list<" + name + ">" : name;
}

}  // namespace yaral

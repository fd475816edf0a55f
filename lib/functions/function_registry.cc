#include "functions/function_registry.h"

#include <cassert>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "functions/function_tables.h"
#include "yaral/types.h"

namespace yaral::functions {
namespace {

struct Registry {
  std::vector<FunctionInfo> functions;
  absl::flat_hash_map<std::string_view, const FunctionInfo*> by_name;
};

Registry BuildRegistry() {
  Registry registry;
  std::vector<FunctionInfo>& f = registry.functions;
  internal::AddArraysFunctions(f);
  internal::AddCastFunctions(f);
  internal::AddMathFunctions(f);
  internal::AddNetFunctions(f);
  internal::AddReFunctions(f);
  internal::AddStringsFunctions(f);
  internal::AddTimestampFunctions(f);
  internal::AddMiscFunctions(f);
  internal::AddAggregations(f);
  // The map points into the vector: it must not grow after this.
  registry.by_name.reserve(f.size());
  for (const FunctionInfo& info : f) {
    [[maybe_unused]] bool inserted = registry.by_name.emplace(info.name, &info).second;
    // A duplicate would make Find's answer depend on table order; the unit
    // test checks uniqueness in release builds too.
    assert(inserted && "duplicate built-in function name");
  }
  return registry;
}

// Built on first use; C++ guarantees the initialisation runs once even when
// several threads race to it, and the registry is immutable afterwards.
const Registry& GetRegistry() {
  static const Registry* const registry = new Registry(BuildRegistry());
  return *registry;
}

// "string", "number", "string|regex", "any".
std::string MaskName(TypeMask mask) {
  if (mask == kAnyScalar) return "any";
  std::string name;
  auto add = [&name](std::string_view part) {
    if (!name.empty()) name += '|';
    name += part;
  };
  // Named groups first, so common masks read as one word.
  if ((mask & kStringLike) == kStringLike) {
    add("string");
    mask &= ~kStringLike;
  }
  if ((mask & kNumeric) == kNumeric) {
    add("number");
    mask &= ~kNumeric;
  } else if ((mask & kIntegral) == kIntegral) {
    add("int");
    mask &= ~kIntegral;
  }
  for (int i = 0; i < 32; ++i) {
    if ((mask & (TypeMask{1} << i)) == 0) continue;
    const auto base = static_cast<BaseType>(i);
    add(base == BaseType::kMessage ? "timestamp" : BaseTypeName(base));
  }
  return name;
}

}  // namespace

const FunctionInfo* Find(std::string_view name) {
  const Registry& registry = GetRegistry();
  auto it = registry.by_name.find(name);
  return it == registry.by_name.end() ? nullptr : it->second;
}

std::span<const FunctionInfo> All() { return GetRegistry().functions; }

std::string_view KindName(FunctionKind kind) {
  switch (kind) {
    case FunctionKind::kScalar:
      return "scalar";
    case FunctionKind::kAggregation:
      return "aggregation";
    case FunctionKind::kWindow:
      return "window";
    case FunctionKind::kMetrics:
      return "metrics";
  }
  return "?";
}

std::string FormatSignature(const FunctionInfo& function) {
  std::string text(function.name);
  text += '(';
  bool first = true;
  for (const Param& param : function.params) {
    if (!first) text += ", ";
    first = false;
    text += param.name;
    if (param.optional) text += '?';
    text += ": ";
    if (param.constant) text += "const ";
    std::string type = MaskName(param.accepts);
    text += param.list ? "list<" + type + ">" : type;
    if (param.variadic) text += "...";
  }
  text += ") -> ";
  std::string arg0 = function.params.empty() ? "?" : std::string(function.params[0].name);
  switch (function.result_rule) {
    case ResultRule::kFixed:
      text += TypeName(function.result);
      break;
    case ResultRule::kSameAsArg0:
      text += "type of " + arg0;
      break;
    case ResultRule::kElementOfArg0:
      text += "element type of " + arg0;
      break;
    case ResultRule::kListOfArg0:
      text += "list of type of " + arg0;
      break;
  }
  return text;
}

}  // namespace yaral::functions

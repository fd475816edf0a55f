// FieldPathOf: a schema-resolved path as the event reader follows it.
#include <cctype>
#include <string>

#include "compile/plan.h"

namespace yaral::plan {
namespace {

// lowerCamelCase of a proto name, for JSON keys the schema does not list
// (the synthetic `seconds` / `nanos` of a Timestamp).
std::string CamelCase(std::string_view name) {
  std::string out;
  bool upper = false;
  for (char c : name) {
    if (c == '_') {
      upper = true;
    } else {
      out += upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
      upper = false;
    }
  }
  return out;
}

}  // namespace

Root RootOf(PathRoot root) {
  switch (root) {
    case PathRoot::kUdm: return Root::kUdm;
    case PathRoot::kGraph: return Root::kGraph;
    case PathRoot::kDetection: return Root::kDetection;
  }
  return Root::kUdm;
}

FieldPath FieldPathOf(const ResolvedPath& resolved, std::span<const ast::PathSegment> segments) {
  FieldPath out;
  out.root = RootOf(resolved.root);
  for (size_t i = 0; i < resolved.steps.size(); ++i) {
    const ResolvedStep& step = resolved.steps[i];
    FieldStep s;
    s.name = std::string(step.name);
    s.json_name = step.field != nullptr ? std::string(step.field->json_name) : CamelCase(step.name);
    s.repeated = step.repeated;
    s.type = step.type;
    s.timestamp_part = step.field == nullptr && (step.name == "seconds" || step.name == "nanos");
    if (step.field != nullptr) {
      s.enum_type = step.field->enum_type;
      s.label_list = step.field->IsLabelList();
    }
    if (!out.text.empty()) out.text += ".";
    out.text += s.name;
    const size_t segment = i + resolved.root_segments;
    if (segment < segments.size()) {
      for (const ast::Subscript& subscript : segments[segment].subscripts) {
        if (subscript.is_key) {
          s.key = subscript.key;
          out.text += "[\"" + subscript.key + "\"]";
        } else {
          s.index = subscript.index;
          out.text += "[" + std::to_string(subscript.index) + "]";
        }
      }
    }
    out.steps.push_back(std::move(s));
  }
  return out;
}

}  // namespace yaral::plan

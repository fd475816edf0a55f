// yaral::UdmSchema: lookups over the compiled-in schema. Path resolution is
// in path_resolver.cc, the data-file parser in schema_loader.cc.
#include "yaral/schema.h"

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "schema/embedded_schema.h"
#include "schema/schema_data.h"
#include "schema/suggest.h"

namespace yaral {

std::string_view FieldTypeName(FieldType type) {
  switch (type) {
    case FieldType::kString: return "string";
    case FieldType::kInt: return "int";
    case FieldType::kUint: return "uint";
    case FieldType::kFloat: return "float";
    case FieldType::kBool: return "bool";
    case FieldType::kBytes: return "bytes";
    case FieldType::kEnum: return "enum";
    case FieldType::kTimestamp: return "timestamp";
    case FieldType::kDuration: return "duration";
    case FieldType::kMap: return "map";
    case FieldType::kMessage: return "message";
  }
  return "unknown";
}

std::string_view PathRootName(PathRoot root) {
  switch (root) {
    case PathRoot::kUdm: return "udm";
    case PathRoot::kGraph: return "graph";
    case PathRoot::kDetection: return "detection";
  }
  return "udm";
}

// Linear scans: messages have at most ~60 fields and enums ~110 values, and
// lookups happen while checking a rule, never per event.
const EnumValue* EnumInfo::FindValue(std::string_view value_name) const {
  for (const EnumValue& value : values) {
    if (value.name == value_name) return &value;
  }
  return nullptr;
}

const FieldInfo* MessageInfo::FindField(std::string_view field_name) const {
  for (const FieldInfo& field : fields) {
    if (field.name == field_name) return &field;
  }
  return nullptr;
}

bool FieldInfo::IsLabelList() const {
  if (!repeated || type != FieldType::kMessage || message == nullptr) return false;
  const FieldInfo* key = message->FindField("key");
  const FieldInfo* value = message->FindField("value");
  return key != nullptr && value != nullptr && key->type == FieldType::kString &&
         value->type == FieldType::kString;
}

UdmSchema::UdmSchema(std::unique_ptr<schema::SchemaData> data) : data_(std::move(data)) {}

UdmSchema::~UdmSchema() = default;

const UdmSchema& UdmSchema::Get() {
  // Built on first use and intentionally leaked, so the views it hands out
  // outlive every static destructor that might still read them.
  static const UdmSchema* const schema = [] {
    absl::StatusOr<std::unique_ptr<UdmSchema>> loaded = FromText(schema::EmbeddedUdmSchemaText());
    if (!loaded.ok()) {
      // The embedded file is generated and checked by the schema tests, so
      // this is a broken build, not bad input; there is no schema to return.
      std::fprintf(stderr, "yaral: internal error: the compiled-in UDM schema is invalid: %s\n",
                   std::string(loaded.status().message()).c_str());
      std::abort();
    }
    return loaded->release();
  }();
  return *schema;
}

absl::StatusOr<std::unique_ptr<UdmSchema>> UdmSchema::FromText(std::string text) {
  absl::StatusOr<std::unique_ptr<schema::SchemaData>> data =
      schema::ParseSchemaText(std::move(text));
  if (!data.ok()) return data.status();
  return std::unique_ptr<UdmSchema>(new UdmSchema(*std::move(data)));
}

std::span<const MessageInfo> UdmSchema::messages() const { return data_->messages; }

std::span<const EnumInfo> UdmSchema::enums() const { return data_->enums; }

const MessageInfo* UdmSchema::FindMessage(std::string_view name) const {
  auto it = data_->message_index.find(name);
  return it == data_->message_index.end() ? nullptr : it->second;
}

const EnumInfo* UdmSchema::FindEnum(std::string_view name) const {
  auto it = data_->enum_index.find(name);
  return it == data_->enum_index.end() ? nullptr : it->second;
}

const MessageInfo& UdmSchema::RootMessage(PathRoot root) const {
  switch (root) {
    case PathRoot::kGraph: return *data_->entity;
    case PathRoot::kDetection: return *data_->collection;
    case PathRoot::kUdm: break;
  }
  return *data_->udm;
}

const EnumValue* UdmSchema::FindEnumValue(std::string_view enum_name,
                                          std::string_view value_name) const {
  const EnumInfo* enum_info = FindEnum(enum_name);
  return enum_info == nullptr ? nullptr : enum_info->FindValue(value_name);
}

std::vector<std::string_view> UdmSchema::SuggestEnumValues(std::string_view enum_name,
                                                           std::string_view value_name) const {
  const EnumInfo* enum_info = FindEnum(enum_name);
  if (enum_info == nullptr) return {};
  std::vector<std::string_view> names;
  names.reserve(enum_info->values.size());
  for (const EnumValue& value : enum_info->values) names.push_back(value.name);
  return schema::SuggestNames(value_name, names);
}

}  // namespace yaral

// The in-memory UDM schema behind yaral::UdmSchema, and the parser of the
// data-file format (docs/udm-schema.md). Private to lib/schema.
#ifndef YARAL_SCHEMA_SCHEMA_DATA_H_
#define YARAL_SCHEMA_SCHEMA_DATA_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "yaral/schema.h"

namespace yaral::schema {

// Every name is a string_view into `text`, and every MessageInfo/EnumInfo
// pointer points into `messages`/`enums`; both are filled once by
// ParseSchemaText and never change after, so the views and pointers stay
// valid as long as the SchemaData lives.
struct SchemaData {
  std::string text;
  std::vector<MessageInfo> messages;
  std::vector<EnumInfo> enums;
  absl::flat_hash_map<std::string_view, const MessageInfo*> message_index;
  absl::flat_hash_map<std::string_view, const EnumInfo*> enum_index;
  const MessageInfo* udm = nullptr;         // PathRoot::kUdm
  const MessageInfo* entity = nullptr;      // PathRoot::kGraph
  const MessageInfo* collection = nullptr;  // PathRoot::kDetection
};

// InvalidArgument names the first bad line ("udm schema line 12: ...").
absl::StatusOr<std::unique_ptr<SchemaData>> ParseSchemaText(std::string text);

}  // namespace yaral::schema

#endif  // YARAL_SCHEMA_SCHEMA_DATA_H_

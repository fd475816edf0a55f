// Parses the data-file format of data/udm/udm_schema.tsv (docs/udm-schema.md):
//
//   message<TAB>Noun
//   <TAB>ip<TAB>string<TAB>r
//   enum<TAB>Network.Direction
//   <TAB>INBOUND<TAB>1
//
// The file is generated and checked by scripts/gen_udm_schema.py, but the
// loader still validates everything it links (unknown types, duplicates), so
// a hand edit that breaks the graph fails the schema tests instead of
// producing dangling lookups.
#include <charconv>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "schema/schema_data.h"
#include "schema/text.h"

namespace yaral::schema {
namespace {

// A field whose message or enum type is linked once every block is read.
struct PendingLink {
  size_t message;  // index into SchemaData::messages
  size_t field;    // index into that message's fields
  std::string_view type_name;
  size_t line;
};

struct ScalarType {
  std::string_view token;
  FieldType type;
};

constexpr ScalarType kScalars[] = {
    {"string", FieldType::kString},       {"int", FieldType::kInt},
    {"uint", FieldType::kUint},           {"float", FieldType::kFloat},
    {"bool", FieldType::kBool},           {"bytes", FieldType::kBytes},
    {"timestamp", FieldType::kTimestamp}, {"duration", FieldType::kDuration},
    {"struct", FieldType::kMap},
};

std::vector<std::string_view> Split(std::string_view text, char separator) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  while (true) {
    size_t end = text.find(separator, start);
    if (end == std::string_view::npos) {
      parts.push_back(text.substr(start));
      return parts;
    }
    parts.push_back(text.substr(start, end - start));
    start = end + 1;
  }
}

absl::Status LineError(size_t line, std::string_view what) {
  return absl::InvalidArgumentError(Cat({"udm schema line ", std::to_string(line), ": ", what}));
}

class Loader {
 public:
  explicit Loader(SchemaData& data) : data_(data) {}

  absl::Status Load() {
    std::string_view text = data_.text;
    size_t line_number = 0;
    for (std::string_view line : Split(text, '\n')) {
      ++line_number;
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      if (line.empty() || line.front() == '#') continue;
      std::vector<std::string_view> columns = Split(line, '\t');
      absl::Status status;
      if (columns[0] == "message" || columns[0] == "enum") {
        status = StartBlock(columns, line_number);
      } else if (columns[0].empty() && block_ == Block::kMessage) {
        status = AddField(columns, line_number);
      } else if (columns[0].empty() && block_ == Block::kEnum) {
        status = AddValue(columns, line_number);
      } else {
        status = LineError(line_number,
                           "expected `message NAME`, `enum NAME` or an indented member");
      }
      if (!status.ok()) return status;
    }
    return Link();
  }

 private:
  enum class Block { kNone, kMessage, kEnum };

  absl::Status StartBlock(const std::vector<std::string_view>& columns, size_t line) {
    if (columns.size() != 2 || columns[1].empty()) {
      return LineError(line, Cat({"`", columns[0], "` takes exactly one name"}));
    }
    if (columns[0] == "message") {
      block_ = Block::kMessage;
      data_.messages.push_back(MessageInfo{.name = columns[1], .fields = {}});
    } else {
      block_ = Block::kEnum;
      data_.enums.push_back(EnumInfo{.name = columns[1], .values = {}});
    }
    return absl::OkStatus();
  }

  // TAB name TAB type [TAB flags [TAB json_name]]
  absl::Status AddField(const std::vector<std::string_view>& columns, size_t line) {
    if (columns.size() < 3 || columns.size() > 5 || columns[1].empty() || columns[2].empty()) {
      return LineError(line, "a field is `<TAB>name<TAB>type[<TAB>flags[<TAB>json_name]]`");
    }
    MessageInfo& message = data_.messages.back();
    if (message.FindField(columns[1]) != nullptr) {
      return LineError(line, Cat({"duplicate field `", columns[1], "` in ", message.name}));
    }
    FieldInfo field;
    field.name = columns[1];
    field.json_name = columns.size() == 5 && !columns[4].empty() ? columns[4] : columns[1];
    std::string_view flags = columns.size() >= 4 ? columns[3] : std::string_view();
    for (char flag : flags) {
      if (flag == 'r') {
        field.repeated = true;
      } else if (flag == 'd') {
        field.deprecated = true;
      } else {
        return LineError(line, Cat({"unknown field flag `", std::string(1, flag), "`"}));
      }
    }
    std::string_view type = columns[2];
    std::string_view link;
    if (type.starts_with("enum:")) {
      field.type = FieldType::kEnum;
      link = type;
    } else if (type.starts_with("map:")) {
      field.type = FieldType::kMap;
      link = type.substr(4);
    } else {
      field.type = FieldType::kMessage;
      link = type;
      for (const ScalarType& scalar : kScalars) {
        if (scalar.token == type) {
          field.type = scalar.type;
          link = {};
        }
      }
    }
    if (!link.empty()) {
      pending_.push_back({data_.messages.size() - 1, message.fields.size(), link, line});
    }
    message.fields.push_back(field);
    return absl::OkStatus();
  }

  // TAB NAME [TAB number [TAB d]]
  absl::Status AddValue(const std::vector<std::string_view>& columns, size_t line) {
    if (columns.size() < 2 || columns.size() > 4 || columns[1].empty()) {
      return LineError(line, "an enum value is `<TAB>NAME[<TAB>number[<TAB>d]]`");
    }
    EnumInfo& enum_info = data_.enums.back();
    if (enum_info.FindValue(columns[1]) != nullptr) {
      return LineError(line, Cat({"duplicate value `", columns[1], "` in ", enum_info.name}));
    }
    EnumValue value{.name = columns[1], .number = std::nullopt, .deprecated = false};
    if (columns.size() >= 3 && !columns[2].empty()) {
      std::string_view digits = columns[2];
      int64_t number = 0;
      auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), number);
      if (error != std::errc() || end != digits.data() + digits.size()) {
        return LineError(line, Cat({"bad enum number `", digits, "`"}));
      }
      value.number = number;
    }
    if (columns.size() == 4) {
      if (columns[3] != "d" && !columns[3].empty()) {
        return LineError(line, Cat({"unknown enum value flag `", columns[3], "`"}));
      }
      value.deprecated = columns[3] == "d";
    }
    enum_info.values.push_back(value);
    return absl::OkStatus();
  }

  // Runs after the last push_back, so the pointers taken here stay valid.
  absl::Status Link() {
    for (const MessageInfo& message : data_.messages) {
      if (!data_.message_index.emplace(message.name, &message).second) {
        return absl::InvalidArgumentError(Cat({"udm schema: duplicate message ", message.name}));
      }
    }
    for (const EnumInfo& enum_info : data_.enums) {
      if (!data_.enum_index.emplace(enum_info.name, &enum_info).second) {
        return absl::InvalidArgumentError(Cat({"udm schema: duplicate enum ", enum_info.name}));
      }
    }
    for (const PendingLink& link : pending_) {
      FieldInfo& field = data_.messages[link.message].fields[link.field];
      if (field.type == FieldType::kEnum) {
        auto it = data_.enum_index.find(link.type_name.substr(5));
        if (it == data_.enum_index.end()) {
          return LineError(link.line, Cat({"unknown enum `", link.type_name.substr(5), "`"}));
        }
        field.enum_type = it->second;
      } else {
        auto it = data_.message_index.find(link.type_name);
        if (it == data_.message_index.end()) {
          return LineError(link.line, Cat({"unknown type `", link.type_name, "`"}));
        }
        field.message = it->second;
      }
    }
    auto root = [&](std::string_view name, const MessageInfo*& out) {
      auto it = data_.message_index.find(name);
      if (it == data_.message_index.end()) {
        return absl::InvalidArgumentError(Cat({"udm schema: no `", name, "` message"}));
      }
      out = it->second;
      return absl::OkStatus();
    };
    if (absl::Status s = root("UDM", data_.udm); !s.ok()) return s;
    if (absl::Status s = root("Entity", data_.entity); !s.ok()) return s;
    return root("Collection", data_.collection);
  }

  SchemaData& data_;
  Block block_ = Block::kNone;
  std::vector<PendingLink> pending_;
};

}  // namespace

absl::StatusOr<std::unique_ptr<SchemaData>> ParseSchemaText(std::string text) {
  auto data = std::make_unique<SchemaData>();
  data->text = std::move(text);
  if (absl::Status status = Loader(*data).Load(); !status.ok()) return status;
  return data;
}

}  // namespace yaral::schema

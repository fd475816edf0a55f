#include "raw/windows_event.h"

#include <cstring>

#include "absl/strings/str_cat.h"

namespace yaral::raw {
namespace {

// Which mapping rows a provider's events use (docs/raw-telemetry.md).
std::string SourceOfProvider(std::string_view provider) {
  if (provider == "Microsoft-Windows-Sysmon") return "sysmon";
  if (provider == "Linux-Sysmon") return "sysmon-linux";
  if (provider == "Microsoft-Windows-Security-Auditing") return "security";
  if (provider == "Microsoft-Windows-PowerShell" || provider == "PowerShell") return "powershell";
  return "windows";
}

// Names in the XML are compared without their namespace prefix: exports
// differ in whether they write one.
std::string_view LocalName(const pugi::xml_node& node) {
  std::string_view name = node.name();
  const size_t colon = name.find(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

pugi::xml_node Child(const pugi::xml_node& parent, std::string_view name) {
  for (pugi::xml_node child : parent.children()) {
    if (child.type() == pugi::node_element && LocalName(child) == name) return child;
  }
  return {};
}

// The text of an element (its first text or CDATA child), trimmed of the
// indentation pretty-printed exports add around nested elements only.
std::string Text(const pugi::xml_node& node) { return node.child_value(); }

// Every value below `node`, named `prefix.Child` (and `.Attribute`); a
// repeated name gets the value of each occurrence as its own field.
void AddNested(const pugi::xml_node& node, const std::string& prefix, SourceRecord& record) {
  for (pugi::xml_attribute attribute : node.attributes()) {
    std::string_view name = attribute.name();
    if (name == "xmlns" || name.starts_with("xmlns:")) continue;
    record.Add(absl::StrCat(prefix, ".", Av(name)), attribute.value());
  }
  bool has_children = false;
  for (pugi::xml_node child : node.children()) {
    if (child.type() != pugi::node_element) continue;
    has_children = true;
    AddNested(child, absl::StrCat(prefix, ".", Av(LocalName(child))), record);
  }
  if (!has_children && node.first_child().type() != pugi::node_null) record.Add(prefix, Text(node));
}

void AddEventData(const pugi::xml_node& data, SourceRecord& record) {
  int unnamed = 0;
  for (pugi::xml_node item : data.children()) {
    if (item.type() != pugi::node_element) continue;
    const std::string_view kind = LocalName(item);
    const char* name = item.attribute("Name").value();
    if (kind == "Data" && name[0] != '\0') {
      record.Add(name, Text(item));
    } else if (kind == "Data") {
      // Classic events carry positional strings: Data[0], Data[1], ...
      record.Add(absl::StrCat("Data[", unnamed++, "]"), Text(item));
    } else {
      AddNested(item, std::string(kind), record);
    }
  }
}

}  // namespace

bool WindowsEventToRecord(const pugi::xml_node& event, SourceRecord& record, std::string& why) {
  const pugi::xml_node system = Child(event, "System");
  const pugi::xml_node event_id = Child(system, "EventID");
  if (!system || !event_id) {
    why = "an <Event> without <System><EventID>";
    return false;
  }
  record.fields.clear();
  record.event_id = Text(event_id);
  const pugi::xml_node provider = Child(system, "Provider");
  record.source = SourceOfProvider(provider.attribute("Name").value());
  record.timestamp = Child(system, "TimeCreated").attribute("SystemTime").value();
  for (pugi::xml_node item : system.children()) {
    if (item.type() == pugi::node_element) {
      AddNested(item, absl::StrCat("System.", Av(LocalName(item))), record);
    }
  }
  for (pugi::xml_node part : event.children()) {
    if (part.type() != pugi::node_element) continue;
    const std::string_view kind = LocalName(part);
    if (kind == "EventData") {
      AddEventData(part, record);
    } else if (kind == "UserData") {
      for (pugi::xml_node item : part.children()) {
        if (item.type() == pugi::node_element) AddEventData(item, record);
      }
    } else if (kind == "RenderingInfo") {
      // Event Viewer's export with display information: the message text.
      if (pugi::xml_node message = Child(part, "Message")) record.Add("Message", Text(message));
    }
  }
  return true;
}

size_t FindEventStart(std::string_view text, size_t from) {
  for (size_t at = text.find("<Event", from); at != std::string_view::npos;
       at = text.find("<Event", at + 1)) {
    if (at + 6 >= text.size()) return at;  // undecided: wait for more input
    const char next = text[at + 6];
    if (next == '>' || next == ' ' || next == '\t' || next == '\r' || next == '\n' || next == '/') return at;
  }
  return std::string_view::npos;
}

bool ParseWindowsEvent(std::string_view xml, SourceRecord& record, std::string& why) {
  pugi::xml_document doc;
  const pugi::xml_parse_result parsed =
      doc.load_buffer(xml.data(), xml.size(), pugi::parse_default | pugi::parse_ws_pcdata_single);
  if (!parsed) {
    why = absl::StrCat("invalid XML at byte ", parsed.offset, ": ", parsed.description());
    return false;
  }
  pugi::xml_node event = doc.document_element();
  if (LocalName(event) != "Event") {
    why = absl::StrCat("expected an <Event> element, found <", event.name(), ">");
    return false;
  }
  return WindowsEventToRecord(event, record, why);
}

}  // namespace yaral::raw

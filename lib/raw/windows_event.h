// A Windows event in its XML form (<Event xmlns=...><System>...<EventData>),
// as EVTX renders it, wevtutil / Event Viewer export it and Sysmon for Linux
// logs it, turned into a SourceRecord. Private to lib/raw.
#ifndef YARAL_RAW_WINDOWS_EVENT_H_
#define YARAL_RAW_WINDOWS_EVENT_H_

#include <string>
#include <string_view>

#include "pugixml.hpp"
#include "raw/source_record.h"

namespace yaral::raw {

// Fills `record` from an <Event> element. False, with `why`, when the element
// lacks what makes it an event (System/EventID).
bool WindowsEventToRecord(const pugi::xml_node& event, SourceRecord& record, std::string& why);

// Parses `xml` (one <Event>) and converts it; `why` names the XML error and
// its byte offset when it does not parse.
bool ParseWindowsEvent(std::string_view xml, SourceRecord& record, std::string& why);

// The end tag of a record, and where the next record's start tag is in
// `text` from `from` on: `<Event` followed by what ends a tag name (so not
// <EventData>, <EventID>); npos when there is none. A match in the last
// bytes of `text` may be undecided: callers holding a partial buffer read on.
inline constexpr std::string_view kEventEndTag = "</Event>";
size_t FindEventStart(std::string_view text, size_t from);

}  // namespace yaral::raw

#endif  // YARAL_RAW_WINDOWS_EVENT_H_

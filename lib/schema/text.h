// String building for lib/schema's messages. Private to lib/schema.
//
// Not absl::StrCat: Debian's Abseil is built with its own absl::string_view,
// which does not convert from the std::string_view used everywhere here.
#ifndef YARAL_SCHEMA_TEXT_H_
#define YARAL_SCHEMA_TEXT_H_

#include <initializer_list>
#include <string>
#include <string_view>

namespace yaral::schema {

inline std::string Cat(std::initializer_list<std::string_view> parts) {
  size_t size = 0;
  for (std::string_view part : parts) size += part.size();
  std::string out;
  out.reserve(size);
  for (std::string_view part : parts) out.append(part);
  return out;
}

}  // namespace yaral::schema

#endif  // YARAL_SCHEMA_TEXT_H_

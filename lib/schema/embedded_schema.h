// The text of data/udm/udm_schema.tsv, compiled into the library by
// lib/schema/CMakeLists.txt (cmake/EmbedText.cmake). Private to lib/schema.
#ifndef YARAL_SCHEMA_EMBEDDED_SCHEMA_H_
#define YARAL_SCHEMA_EMBEDDED_SCHEMA_H_

#include <string>

namespace yaral::schema {

// The whole data file, reassembled from the chunks the build embedded.
std::string EmbeddedUdmSchemaText();

}  // namespace yaral::schema

#endif  // YARAL_SCHEMA_EMBEDDED_SCHEMA_H_

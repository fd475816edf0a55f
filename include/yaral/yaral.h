// The whole C++ API in one include, for programs that embed yaral.
//
//   #include "yaral/yaral.h"
//
//   yaral::SourceFile file("t1071.yaral", text);
//   yaral::CompileResult compiled = yaral::CompileRules(file);
//   yaral::Engine engine(compiled.rules);
//   engine.OnDetection([](const yaral::Detection& d) {
//     std::cout << yaral::DetectionToJson(d) << "\n";
//   });
//
// docs/api.md walks through it. Each header below is one concept and may be
// included on its own; this one only saves listing them. The C ABI is
// separate: yaral/yaral_c.h.
//
// The contract shared by every header: errors are values (absl::Status,
// diagnostics), nothing throws except std::bad_alloc; compiled rules, lists,
// tables and the schema are immutable once built and may be shared between
// threads; an Engine or an EventSource belongs to one thread at a time.
#ifndef YARAL_YARAL_H_
#define YARAL_YARAL_H_

#include "yaral/ast.h"                 // IWYU pragma: export
#include "yaral/ast_printer.h"         // IWYU pragma: export
#include "yaral/checker.h"             // IWYU pragma: export
#include "yaral/compiler.h"            // IWYU pragma: export
#include "yaral/data_tables.h"         // IWYU pragma: export
#include "yaral/detection.h"           // IWYU pragma: export
#include "yaral/diagnostic_writers.h"  // IWYU pragma: export
#include "yaral/diagnostics.h"         // IWYU pragma: export
#include "yaral/embedding.h"           // IWYU pragma: export
#include "yaral/engine.h"              // IWYU pragma: export
#include "yaral/event_builder.h"       // IWYU pragma: export
#include "yaral/event_source.h"        // IWYU pragma: export
#include "yaral/fixer.h"               // IWYU pragma: export
#include "yaral/formatter.h"           // IWYU pragma: export
#include "yaral/parser.h"              // IWYU pragma: export
#include "yaral/reference_lists.h"     // IWYU pragma: export
#include "yaral/rule_test.h"           // IWYU pragma: export
#include "yaral/schema.h"              // IWYU pragma: export
#include "yaral/source.h"              // IWYU pragma: export
#include "yaral/types.h"               // IWYU pragma: export
#include "yaral/udm_values.h"          // IWYU pragma: export
#include "yaral/value.h"               // IWYU pragma: export

#endif  // YARAL_YARAL_H_

// Helpers for front ends that embed the engine: the JSON forms of its
// options, its statistics and list diagnostics, and feeding it a file. The
// C ABI (yaral/yaral_c.h) and the Python module take options and return
// statistics in exactly these shapes, so both behave the same and a new
// option reaches both at once.
//
//   absl::StatusOr<yaral::EngineOptions> options = yaral::EngineOptionsFromJson(
//       R"({"max_samples": 0, "allowed_lateness_seconds": 600})");
//   if (!options.ok()) return options.status();  // names the bad member
//   yaral::Engine engine(rules, *options);
//   ...
//   yaral::ReadStats read;
//   absl::Status fed = yaral::FeedFile(engine, "events.ndjson", read);
//   std::string stats = yaral::EngineStatsToJson(engine.stats(), read);
//
// Errors are values; nothing here throws.
// Thread-safety: all functions are pure.
#ifndef YARAL_EMBEDDING_H_
#define YARAL_EMBEDDING_H_

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "yaral/engine.h"
#include "yaral/event_source.h"
#include "yaral/reference_lists.h"

namespace yaral {

// An object with any of the members `max_samples` (>= 0),
// `allowed_lateness_seconds` (>= 0), `now_seconds` (an integer or null) and
// `random_seed` (>= 0); absent members keep EngineOptions' defaults. An empty
// string means all defaults. InvalidArgument for anything else, including an
// unknown member (a misspelt option should not be silently ignored).
absl::StatusOr<EngineOptions> EngineOptionsFromJson(std::string_view json);

// One object: the EngineStats members under their own names
// (`runtime_errors_by_message` an object), and `input_skipped`, the input
// values an EventSource skipped as malformed (ReadStats::skipped).
std::string EngineStatsToJson(const EngineStats& stats, const ReadStats& read = {});

// The diagnostics of list and table files in the format of
// WriteDiagnosticsJson (yaral/diagnostic_writers.h), each with the file it
// points into, in report order.
std::string SourcedDiagnosticsToJson(const std::vector<SourcedDiagnostic>& diagnostics);

// Feeds every event of a file in any shape EventSource reads ("-" is
// stdin) and adds the reader's counts to `totals`. Malformed input values
// are skipped and values that are not events are counted by the engine, as
// `yaral run` does, so the status is only about the file: NotFound,
// PermissionDenied, DataLoss (EventSource::Open and status()).
absl::Status FeedFile(Engine& engine, const std::string& path, ReadStats& totals);

}  // namespace yaral

#endif  // YARAL_EMBEDDING_H_

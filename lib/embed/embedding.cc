// Engine options from JSON, engine statistics and list diagnostics to JSON,
// and feeding a file: what the C ABI and the Python module share.
#include "yaral/embedding.h"

#include <cstdint>
#include <exception>
#include <limits>
#include <string>

#include "nlohmann/json.hpp"
#include "yaral/diagnostic_writers.h"

namespace yaral {
namespace {

using Json = nlohmann::json;

absl::Status BadOption(const std::string& name, std::string_view why) {
  return absl::InvalidArgumentError("engine option `" + name + "` " + std::string(why));
}

// A non-negative integer member that fits `T`.
template <typename T>
absl::Status ReadCount(const Json& value, const std::string& name, T& out) {
  if (!value.is_number_integer() ||
      (value.is_number_unsigned() ? value.get<uint64_t>() > std::numeric_limits<T>::max()
                                  : value.get<int64_t>() < 0)) {
    return BadOption(name, "must be a non-negative integer");
  }
  out = value.get<T>();
  return absl::OkStatus();
}

absl::Status ReadMember(const std::string& name, const Json& value, EngineOptions& options) {
  if (name == "max_samples") return ReadCount(value, name, options.max_samples);
  if (name == "allowed_lateness_seconds") {
    return ReadCount(value, name, options.allowed_lateness_seconds);
  }
  if (name == "random_seed") return ReadCount(value, name, options.random_seed);
  if (name == "max_rows_per_key") return ReadCount(value, name, options.max_rows_per_key);
  if (name == "max_keys_per_rule") return ReadCount(value, name, options.max_keys_per_rule);
  if (name == "max_bindings_per_window") return ReadCount(value, name, options.max_bindings_per_window);
  if (name == "now_seconds") {
    if (value.is_null()) {
      options.now_seconds.reset();
    } else if (value.is_number_integer() &&
               !(value.is_number_unsigned() &&
                 value.get<uint64_t>() > uint64_t{std::numeric_limits<int64_t>::max()})) {
      options.now_seconds = value.get<int64_t>();
    } else {
      return BadOption(name, "must be an integer (seconds since the epoch) or null");
    }
    return absl::OkStatus();
  }
  return absl::InvalidArgumentError(
      "unknown engine option `" + name +
      "` (known: max_samples, allowed_lateness_seconds, now_seconds, random_seed, "
      "max_rows_per_key, max_keys_per_rule, max_bindings_per_window)");
}

}  // namespace

absl::StatusOr<EngineOptions> EngineOptionsFromJson(std::string_view json) {
  EngineOptions options;
  if (json.find_first_not_of(" \t\r\n") == std::string_view::npos) return options;
  Json parsed = Json::parse(json, nullptr, /*allow_exceptions=*/false);
  if (parsed.is_discarded() || !parsed.is_object()) {
    return absl::InvalidArgumentError("engine options must be a JSON object");
  }
  for (const auto& [name, value] : parsed.items()) {
    absl::Status read = ReadMember(name, value, options);
    if (!read.ok()) return read;
  }
  return options;
}

std::string EngineStatsToJson(const EngineStats& stats, const ReadStats& read) {
  Json by_message = Json::object();
  for (const auto& [message, count] : stats.runtime_errors_by_message) by_message[message] = count;
  Json drops = Json::array();
  for (const LimitDrop& d : stats.limit_drops) {
    drops.push_back({{"rule", d.rule}, {"limit", d.limit}, {"count", d.count}, {"keys", d.keys},
                     {"other_keys", d.other_keys}});
  }
  Json out = {
      {"events", stats.events},
      {"invalid_events", stats.invalid_events},
      {"invalid_by_reason", stats.invalid_by_reason},
      {"late_events", stats.late_events},
      {"rows_kept", stats.rows_kept},
      {"detections", stats.detections},
      {"runtime_errors", stats.runtime_errors},
      {"runtime_errors_by_message", std::move(by_message)},
      {"peak_live_rows", stats.peak_live_rows},
      {"dropped_by_limits", stats.dropped_by_limits},
      {"limit_drops", std::move(drops)},
      {"input_skipped", read.skipped},
  };
  // Runtime error messages may quote event text that is not UTF-8.
  return out.dump(-1, ' ', false, Json::error_handler_t::replace);
}

std::string SourcedDiagnosticsToJson(const std::vector<SourcedDiagnostic>& diagnostics) {
  // One entry per run of diagnostics in the same file keeps report order.
  std::vector<FileDiagnostics> files;
  for (const SourcedDiagnostic& d : diagnostics) {
    if (files.empty() || files.back().source != d.file.get()) {
      files.emplace_back(d.file.get(), std::vector<Diagnostic>{});
    }
    files.back().diagnostics.push_back(d.diagnostic);
  }
  return WriteDiagnosticsJson(files);
}

absl::Status FeedFile(Engine& engine, const std::string& path, ReadStats& totals) {
  absl::StatusOr<EventSource> source = EventSource::Open(path);
  if (!source.ok()) return source.status();
  RawEvent event;
  while (source->Next(event)) engine.Feed(event).IgnoreError();
  totals.bytes += source->stats().bytes;
  totals.events += source->stats().events;
  totals.skipped += source->stats().skipped;
  for (const auto& [reason, count] : source->stats().skipped_by_reason) {
    totals.skipped_by_reason[reason] += count;
  }
  return source->status();
}

}  // namespace yaral

// yaral_engine and yaral_detection: feeding events, delivering detections
// to a callback or a queue.
#include <memory>
#include <string>
#include <utility>

#include "c_handles.h"
#include "yaral/embedding.h"
#include "yaral/engine.h"
#include "yaral/yaral_c.h"

namespace {

using yaral::c_api::FailWith;
using yaral::c_api::Guard;
using yaral::c_api::NullArgument;

// Installed once per engine: the callback and the queue are looked up at
// each detection, so set_callback may switch between them at any time.
void Deliver(yaral_engine* handle, const yaral::Detection& detection) {
  std::string json = yaral::DetectionToJson(detection);
  if (handle->callback != nullptr) {
    handle->callback(json.c_str(), handle->user);
    return;
  }
  handle->queue.push_back(yaral_detection{detection.rule, std::move(json)});
}

}  // namespace

extern "C" {

yaral_status yaral_engine_create(const yaral_rules* rules, const char* options_json,
                                 yaral_engine** out) {
  if (out == nullptr) return NullArgument("out");
  *out = nullptr;
  if (rules == nullptr) return NullArgument("rules");
  return Guard([&] {
    absl::StatusOr<yaral::EngineOptions> options =
        yaral::EngineOptionsFromJson(options_json != nullptr ? options_json : "");
    if (!options.ok()) return FailWith(options.status());
    auto handle = std::make_unique<yaral_engine>(rules->rules, *std::move(options));
    yaral_engine* raw = handle.get();
    handle->engine.OnDetection([raw](const yaral::Detection& d) { Deliver(raw, d); });
    *out = handle.release();
    return YARAL_OK;
  });
}

void yaral_engine_destroy(yaral_engine* engine) { delete engine; }

yaral_status yaral_engine_set_callback(yaral_engine* engine, yaral_detection_callback callback,
                                       void* user) {
  if (engine == nullptr) return NullArgument("engine");
  engine->callback = callback;
  engine->user = user;
  return YARAL_OK;
}

yaral_status yaral_engine_feed(yaral_engine* engine, const char* event_json, size_t length) {
  if (engine == nullptr) return NullArgument("engine");
  if (event_json == nullptr) return NullArgument("event_json");
  return Guard(
      [&] {
        absl::Status fed = engine->engine.Feed(std::string_view(event_json, length));
        return fed.ok() ? YARAL_OK : FailWith(fed, &engine->error);
      },
      &engine->error);
}

yaral_status yaral_engine_feed_file(yaral_engine* engine, const char* path) {
  if (engine == nullptr) return NullArgument("engine");
  if (path == nullptr) return NullArgument("path");
  return Guard(
      [&] {
        absl::Status fed = yaral::FeedFile(engine->engine, path, engine->read);
        return fed.ok() ? YARAL_OK : FailWith(fed, &engine->error);
      },
      &engine->error);
}

yaral_status yaral_engine_finish(yaral_engine* engine) {
  if (engine == nullptr) return NullArgument("engine");
  return Guard(
      [&] {
        engine->engine.Finish();
        return YARAL_OK;
      },
      &engine->error);
}

yaral_status yaral_engine_next_detection(yaral_engine* engine, yaral_detection** out) {
  if (out == nullptr) return NullArgument("out");
  *out = nullptr;
  if (engine == nullptr) return NullArgument("engine");
  if (engine->queue.empty()) return YARAL_OK;
  return Guard(
      [&] {
        *out = new yaral_detection(std::move(engine->queue.front()));
        engine->queue.pop_front();
        return YARAL_OK;
      },
      &engine->error);
}

const char* yaral_engine_stats_json(yaral_engine* engine) {
  if (engine == nullptr) return "{}";
  yaral_status status = Guard(
      [&] {
        engine->stats_json = yaral::EngineStatsToJson(engine->engine.stats(), engine->read);
        return YARAL_OK;
      },
      &engine->error);
  return status == YARAL_OK ? engine->stats_json.c_str() : "{}";
}

const char* yaral_engine_error(const yaral_engine* engine) {
  return engine != nullptr ? engine->error.c_str() : "";
}

const char* yaral_detection_json(const yaral_detection* detection) {
  return detection != nullptr ? detection->json.c_str() : "";
}

const char* yaral_detection_rule(const yaral_detection* detection) {
  return detection != nullptr ? detection->rule.c_str() : "";
}

void yaral_detection_destroy(yaral_detection* detection) { delete detection; }

}  // extern "C"

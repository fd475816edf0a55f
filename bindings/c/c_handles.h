// What the C ABI's opaque handles hold, and the guard every entry point runs
// its body in, so no C++ exception reaches a C caller.
#ifndef YARAL_BINDINGS_C_C_HANDLES_H_
#define YARAL_BINDINGS_C_C_HANDLES_H_

#include <deque>
#include <memory>
#include <new>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "embed/list_bundle.h"
#include "yaral/engine.h"
#include "yaral/event_source.h"
#include "yaral/source.h"
#include "yaral/yaral_c.h"

struct yaral_lists {
  yaral::embed::ListBundle bundle;
  std::string error;                    // rendered diagnostics of the last call
  std::string diagnostics_json = "[]";  // the same, as JSON
};

struct yaral_rules {
  std::unique_ptr<yaral::SourceFile> source;  // diagnostics point into it
  std::vector<yaral::CompiledRule> rules;
  std::string diagnostics_json = "[]";
  std::string error;  // the errors, rendered
};

struct yaral_detection {
  std::string rule;
  std::string json;
};

struct yaral_engine {
  explicit yaral_engine(std::vector<yaral::CompiledRule> rules, yaral::EngineOptions options)
      : engine(std::move(rules), std::move(options)) {}

  yaral::Engine engine;
  yaral_detection_callback callback = nullptr;
  void* user = nullptr;
  std::deque<yaral_detection> queue;  // detections while no callback is set
  yaral::ReadStats read;              // totals of every feed_file call
  std::string stats_json;
  std::string error;
};

namespace yaral::c_api {

// Records `message` as the calling thread's last error and, when given, the
// handle's, and returns `status`.
yaral_status Fail(yaral_status status, std::string message, std::string* handle_error = nullptr);

// The C status for a failed absl::Status, recorded as Fail does.
yaral_status FailWith(const absl::Status& status, std::string* handle_error = nullptr);

yaral_status NullArgument(const char* name);

// Runs `body` (returning yaral_status), turning any exception into a status.
template <typename F>
yaral_status Guard(F&& body, std::string* handle_error = nullptr) noexcept {
  try {
    return body();
  } catch (const std::bad_alloc&) {
    return Fail(YARAL_ERROR_NO_MEMORY, "out of memory", handle_error);
  } catch (const std::exception& e) {
    return Fail(YARAL_ERROR_INTERNAL, std::string("internal error: ") + e.what(), handle_error);
  } catch (...) {
    return Fail(YARAL_ERROR_INTERNAL, "internal error: unknown exception", handle_error);
  }
}

}  // namespace yaral::c_api

#endif  // YARAL_BINDINGS_C_C_HANDLES_H_

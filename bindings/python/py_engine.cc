// _yaral.Engine: the streaming engine, returning detections as JSON lines.
#include <pybind11/stl.h>

#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "py_common.h"
#include "yaral/embedding.h"
#include "yaral/engine.h"

namespace yaral::python {
namespace {

// Every call releases the GIL while the engine works, so other Python
// threads run meanwhile. The engine itself is single-threaded: the mutex,
// taken after the GIL is released (never the other way round, so no
// deadlock), keeps two threads from feeding one engine at once.
class PyEngine {
 public:
  PyEngine(std::vector<CompiledRule> rules, const std::string& options_json)
      : engine_(std::move(rules), Options(options_json)) {}

  std::vector<std::string> Feed(const std::string& event) {
    absl::Status fed;
    std::vector<std::string> out;
    {
      py::gil_scoped_release release;
      std::lock_guard lock(mutex_);
      fed = engine_.Feed(event);
      out = TakeLocked();
    }
    if (!fed.ok()) Raise(fed);
    return out;
  }

  // Stops at the first event that is not a JSON object (ValueError naming
  // its index); the events before it were fed, their detections are kept
  // for the next call.
  std::vector<std::string> FeedMany(const std::vector<std::string>& events) {
    absl::Status fed;
    size_t index = 0;
    std::vector<std::string> out;
    {
      py::gil_scoped_release release;
      std::lock_guard lock(mutex_);
      for (; index < events.size() && fed.ok(); ++index) fed = engine_.Feed(events[index]);
      if (fed.ok()) out = TakeLocked();
    }
    if (!fed.ok()) {
      Raise(absl::InvalidArgumentError("event " + std::to_string(index - 1) + ": " +
                                       std::string(fed.message())));
    }
    return out;
  }

  // Any shape docs/events.md accepts; malformed values are skipped and
  // counted (`input_skipped`), as `yaral run` does.
  std::vector<std::string> FeedFile(const std::string& path) {
    absl::Status status;
    std::vector<std::string> out;
    {
      py::gil_scoped_release release;
      std::lock_guard lock(mutex_);
      status = yaral::FeedFile(engine_, path, read_);
      out = TakeLocked();
    }
    if (!status.ok()) Raise(status);
    return out;
  }

  std::vector<std::string> Finish() {
    py::gil_scoped_release release;
    std::lock_guard lock(mutex_);
    engine_.Finish();
    return TakeLocked();
  }

  std::string Stats() {
    py::gil_scoped_release release;
    std::lock_guard lock(mutex_);
    return EngineStatsToJson(engine_.stats(), read_);
  }

 private:
  static EngineOptions Options(const std::string& json) {
    absl::StatusOr<EngineOptions> options = EngineOptionsFromJson(json);
    if (!options.ok()) Raise(options.status());
    return *std::move(options);
  }

  std::vector<std::string> TakeLocked() {
    std::vector<std::string> out;
    for (const Detection& d : engine_.TakeDetections()) out.push_back(DetectionToJson(d));
    return out;
  }

  std::mutex mutex_;
  Engine engine_;
  ReadStats read_;
};

}  // namespace

void BindEngine(py::module_& module) {
  py::class_<PyEngine>(module, "Engine", R"doc(
A streaming run of compiled rules. Each method returns the detections it
produced, as JSON lines; the GIL is released while the engine works.)doc")
      .def(py::init<std::vector<CompiledRule>, const std::string&>(), py::arg("rules"),
           py::arg("options_json") = "")
      .def("feed", &PyEngine::Feed, py::arg("event_json"),
           "One event (a JSON object); ValueError when it is not one.")
      .def("feed_many", &PyEngine::FeedMany, py::arg("events_json"),
           "Several events; ValueError at the first that is not a JSON object.")
      .def("feed_file", &PyEngine::FeedFile, py::arg("path"),
           "Every event of a file (NDJSON, JSON arrays, API envelopes).")
      .def("finish", &PyEngine::Finish, "Closes every open window.")
      .def("stats", &PyEngine::Stats, "The engine's counters as a JSON object.");
}

}  // namespace yaral::python

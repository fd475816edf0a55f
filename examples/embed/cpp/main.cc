// Runs a YARA-L rule over UDM events with yaral's C++ API and prints each
// detection as one line of JSON.
//
//   yaral_cpp_example RULE_FILE [EVENTS...]
//
// EVENTS are files or directories (their *.ndjson and *.json files, in name
// order). Without any, the program builds three events field by field with
// yaral::EventBuilder instead: a process beaconing to an SMTP port.
//
// With the shipped example (from the repository root):
//   yaral_cpp_example examples/rules/t1071_003_non_mail_process_mail_protocol.yaral \
//       examples/events/t1071_003
#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "yaral/yaral.h"

namespace {

namespace fs = std::filesystem;

// Files as given; directories replaced by their event files, sorted.
std::vector<std::string> EventFiles(int argc, char** argv) {
  std::vector<std::string> files;
  for (int i = 2; i < argc; ++i) {
    std::error_code ec;
    if (!fs::is_directory(argv[i], ec)) {
      files.push_back(argv[i]);
      continue;
    }
    std::vector<std::string> found;
    for (const fs::directory_entry& entry : fs::directory_iterator(argv[i], ec)) {
      const std::string extension = entry.path().extension().string();
      if (entry.is_regular_file() && (extension == ".ndjson" || extension == ".json")) {
        found.push_back(entry.path().string());
      }
    }
    std::sort(found.begin(), found.end());
    files.insert(files.end(), found.begin(), found.end());
  }
  return files;
}

// Three connections from one process to port 25, a minute apart.
std::vector<std::string> BuiltEvents() {
  std::vector<std::string> events;
  for (int minute = 0; minute < 3; ++minute) {
    absl::StatusOr<std::string> json =
        yaral::EventBuilder()
            .SetTimestamp("metadata.event_timestamp", 1772445600 + 60 * minute)
            .Set("metadata.event_type", "NETWORK_CONNECTION")
            .Set("network.direction", "OUTBOUND")
            .Set("principal.hostname", "ws-demo-01.corp.example")
            .Set("principal.process.file.full_path", "C:\\Users\\Public\\beacon.exe")
            .Set("target.port", 587)
            .Add("target.ip", "198.51.100.9")
            .ToJson();
    if (!json.ok()) {  // a misspelt path or a bad value: a bug in this program
      std::cerr << json.status() << "\n";
      std::exit(1);
    }
    events.push_back(*std::move(json));
  }
  return events;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: " << argv[0] << " RULE_FILE [EVENTS...]\n";
    return 2;
  }
  std::ifstream in(argv[1], std::ios::binary);
  if (!in) {
    std::cerr << argv[1] << ": cannot open the rule file\n";
    return 1;
  }
  std::ostringstream text;
  text << in.rdbuf();

  // Compile: the same checks as `yaral check`, then an immutable plan.
  const yaral::SourceFile file(argv[1], std::move(text).str());
  yaral::CompileResult compiled = yaral::CompileRules(file);
  for (const yaral::Diagnostic& d : compiled.diagnostics) {
    if (d.severity == yaral::Severity::kError) std::cerr << yaral::RenderDiagnostic(d, file);
  }
  if (!compiled.ok()) return 1;

  // The shipped scenarios are separate recordings, not one time-ordered
  // stream: let events arrive up to a week late so none is dropped.
  yaral::EngineOptions options;
  options.allowed_lateness_seconds = 7 * 24 * 3600;
  yaral::Engine engine(compiled.rules, options);
  long count = 0;
  engine.OnDetection([&count](const yaral::Detection& detection) {
    ++count;
    std::cout << yaral::DetectionToJson(detection) << "\n";
  });

  int exit_code = 0;
  if (argc == 2) {
    for (const std::string& event : BuiltEvents()) {
      if (absl::Status fed = engine.Feed(event); !fed.ok()) std::cerr << fed << "\n";
    }
  }
  for (const std::string& path : EventFiles(argc, argv)) {
    absl::StatusOr<yaral::EventSource> source = yaral::EventSource::Open(path);
    if (!source.ok()) {
      std::cerr << path << ": " << source.status().message() << "\n";
      exit_code = 1;
      continue;
    }
    yaral::RawEvent event;
    while (source->Next(event)) {
      // Not a JSON object: counted by the engine and reported, not fatal.
      if (absl::Status fed = engine.Feed(event); !fed.ok()) {
        std::cerr << path << ":" << event.line << ": " << fed.message() << "\n";
      }
    }
    if (!source->status().ok()) {
      std::cerr << path << ": " << source->status().message() << "\n";
      exit_code = 1;
    }
  }
  engine.Finish();  // closes the windows still open

  const yaral::EngineStats& stats = engine.stats();
  std::cerr << count << " detection(s) from " << stats.events << " event(s)\n";
  return exit_code;
}

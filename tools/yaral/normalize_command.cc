// `yaral normalize`: read raw telemetry (EVTX, Windows event XML, Sysmon for
// Linux, auditd; plain, .gz or .zst) and print it as UDM events, one JSON
// object a line, with yaral's mapping (docs/raw-telemetry.md).
//
// Events go to stdout; read errors (file:record: reason) and one summary
// line per file go to stderr. Exit code: 2 when a file cannot be opened,
// its format is unknown, reading stopped on an I/O or decompression error,
// or no event at all could be read from it; else 0 (bad records counted).

#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "CLI/CLI.hpp"
#include "cli_common.h"
#include "commands.h"
#include "yaral/event_source.h"
#include "yaral/raw_telemetry.h"

namespace yaral::cli {
namespace {

struct NormalizeFlags {
  std::vector<std::string> files;
  std::string from = "auto";
};

// Read errors beyond this many per file are counted, not printed.
constexpr int kMaxPrintedReadErrors = 20;

std::string Summary(const std::string& name, const ReadStats& read) {
  std::string out = name + ": " + std::to_string(read.events) + " events";
  if (read.skipped > 0) {
    out += ", " + std::to_string(read.skipped) + " records skipped (";
    bool first = true;
    for (const auto& [reason, count] : read.skipped_by_reason) {
      out += (first ? "" : ", ") + reason + ": " + std::to_string(count);
      first = false;
    }
    out += ")";
  }
  return out;
}

int NormalizeFile(const std::string& path, InputFormat format) {
  EventSourceOptions options;
  options.format = format;
  const std::string shown = path == "-" ? std::string(kStdinName) : path;
  int printed = 0;
  options.on_read_error = [&](const ReadError& error) {
    if (++printed <= kMaxPrintedReadErrors) std::cerr << FormatReadError(shown, error) << "\n";
  };
  absl::StatusOr<EventSource> source = EventSource::Open(path, options);
  if (!source.ok()) {
    PrintError(std::string(source.status().message()));
    return kExitUsageOrIo;
  }
  RawEvent event;
  while (source->Next(event)) std::cout << event.json << "\n";
  std::cout.flush();
  const ReadStats& read = source->stats();
  std::cerr << Summary(shown, read) << "\n";
  if (!source->status().ok()) {
    PrintError(std::string(source->status().message()));
    return kExitUsageOrIo;
  }
  if (read.events == 0 && read.skipped > 0) {
    PrintError(shown + ": no event could be read");
    return kExitUsageOrIo;
  }
  return kExitOk;
}

int RunNormalize(const NormalizeFlags& flags) {
  const InputFormat format = *ParseInputFormat(flags.from);
  int exit_code = kExitOk;
  for (const std::string& file : flags.files) {
    const int code = NormalizeFile(file, format);
    if (code != kExitOk) exit_code = code;
  }
  return exit_code;
}

}  // namespace

Command AddNormalizeCommand(CLI::App& parent) {
  auto flags = std::make_shared<NormalizeFlags>();
  CLI::App* app = parent.add_subcommand(
      "normalize", "Print raw telemetry (EVTX, Windows event XML, Sysmon for Linux, auditd) as UDM NDJSON");
  app->add_option("FILE", flags->files,
                  "Input files, plain, .gz or .zst (recognised by content); '-' reads standard input")
      ->required()
      ->type_name("");
  AddFromOption(*app, flags->from);
  return {app, [flags] { return RunNormalize(*flags); }};
}

}  // namespace yaral::cli

#include "cli_common.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <utility>

#include "CLI/CLI.hpp"
#include "absl/status/status.h"
#include "yaral/raw_telemetry.h"

namespace yaral::cli {
namespace {

absl::Status ReadError(std::string_view shown_name, int error_number,
                       std::string_view reason) {
  // Debian's Abseil has its own string_view, so build the message with std.
  std::string message = "cannot read '";
  message.append(shown_name).append("': ").append(reason);
  return absl::Status(absl::ErrnoToStatusCode(error_number), message);
}

absl::Status ReadError(std::string_view shown_name, int error_number) {
  return ReadError(shown_name, error_number, std::strerror(error_number));
}

// Reads `fd` to the end. POSIX reads rather than iostreams so that errno, and
// hence the reason shown to the user, is exact.
absl::StatusOr<std::string> ReadAll(int fd, std::string_view shown_name) {
  std::string text;
  char buffer[64 * 1024];
  for (;;) {
    ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n == 0) return text;
    if (n < 0) {
      if (errno == EINTR) continue;
      return ReadError(shown_name, errno);
    }
    text.append(buffer, static_cast<size_t>(n));
  }
}

}  // namespace

absl::StatusOr<SourceFile> ReadSourceFile(const std::string& path) {
  if (path == kStdinPath) {
    absl::StatusOr<std::string> text = ReadAll(STDIN_FILENO, kStdinName);
    if (!text.ok()) return text.status();
    return SourceFile(std::string(kStdinName), *std::move(text));
  }
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return ReadError(path, errno);
  // open() succeeds on a directory; say what went wrong before read() fails
  // with a bare EISDIR.
  struct stat info;
  if (::fstat(fd, &info) == 0 && S_ISDIR(info.st_mode)) {
    ::close(fd);
    return ReadError(path, EISDIR,
                     "is a directory (give the rule files inside it)");
  }
  absl::StatusOr<std::string> text = ReadAll(fd, path);
  ::close(fd);
  if (!text.ok()) return text.status();
  return SourceFile(path, *std::move(text));
}

void PrintError(std::string_view message) {
  std::cerr << "yaral: error: " << message << '\n';
}

bool UseColor(std::string_view mode, int fd) {
  if (mode == "always") return true;
  if (mode == "never") return false;
  // https://no-color.org: any non-empty NO_COLOR turns colour off.
  const char* no_color = std::getenv("NO_COLOR");
  if (no_color != nullptr && no_color[0] != '\0') return false;
  const char* term = std::getenv("TERM");
  if (term != nullptr && std::strcmp(term, "dumb") == 0) return false;
  return ::isatty(fd) == 1;
}

std::string DumpJson(const Json& json, int indent) {
  return json.dump(indent, ' ', /*ensure_ascii=*/false,
                   Json::error_handler_t::replace);
}

DiagnosticCounts CountDiagnostics(const std::vector<Diagnostic>& diagnostics) {
  DiagnosticCounts counts;
  for (const Diagnostic& d : diagnostics) {
    if (d.severity == Severity::kError) ++counts.errors;
    if (d.severity == Severity::kWarning) ++counts.warnings;
  }
  return counts;
}

void AddFromOption(CLI::App& app, std::string& from) {
  std::vector<std::string> names;
  for (InputFormat format : {InputFormat::kAuto, InputFormat::kEvtx, InputFormat::kWinEventXml,
                             InputFormat::kSysmonLinux, InputFormat::kAuditd, InputFormat::kUdm}) {
    names.emplace_back(InputFormatName(format));
  }
  app.add_option("--from", from,
                 "What event files hold: auto (decided by content), evtx, winevent-xml, "
                 "sysmon-linux, auditd or udm; raw records become UDM events "
                 "(docs/raw-telemetry.md), .gz / .zst are decompressed")
      ->check(CLI::IsMember(names))
      ->capture_default_str()
      ->type_name("FORMAT");
}

}  // namespace yaral::cli

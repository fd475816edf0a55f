// EVTX through libevtx. The count test compares yaral with an independent
// reader, Debian's `evtxexport` (libevtx-utils), on every public sample in
// ../shared/raw-samples/evtx: both read the allocated records of the file
// (evtxexport's default `-m items`; recovered records are left out on both
// sides), and every record yaral could not read must be a reported error.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "catch2/catch.hpp"
#include "raw_test_util.h"

namespace yaral::raw_test {
namespace {

const std::filesystem::path kSamples = std::filesystem::path(YARAL_SHARED_DIR) / "raw-samples" / "evtx";

std::string Quote(const std::string& path) {
  std::string out = "'";
  for (char c : path) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

// Records evtxexport exports ("Event number" lines), or -1 if it cannot run.
int EvtxexportCount(const std::string& path) {
  const std::string command = "evtxexport " + Quote(path) + " 2>/dev/null";
  std::FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return -1;
  int count = 0;
  char line[4096];
  while (std::fgets(line, sizeof line, pipe) != nullptr) {
    if (std::string_view(line).starts_with("Event number")) ++count;
  }
  return pclose(pipe) == 0 ? count : -1;
}

std::string ReadBytes(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

TEST_CASE("evtx: every shared sample gives one event per record as evtxexport counts them", "[raw][evtx][samples]") {
  if (!std::filesystem::is_directory(kSamples)) {
    WARN("skipped: " << kSamples.string() << " is absent");
    return;
  }
  if (std::system("command -v evtxexport >/dev/null") != 0) {
    WARN("skipped: evtxexport (libevtx-utils) is not installed");
    return;
  }
  int files = 0;
  int64_t records = 0;
  for (const auto& entry : std::filesystem::directory_iterator(kSamples)) {
    if (entry.path().extension() != ".evtx") continue;
    ++files;
    const std::string path = entry.path().string();
    INFO(path);
    const int expected = EvtxexportCount(path);
    REQUIRE(expected >= 0);
    const Normalized n = Normalize(path, InputFormat::kEvtx);
    REQUIRE(n.open.ok());
    CHECK(n.status.ok());
    CHECK(static_cast<int64_t>(n.events.size()) + n.stats.skipped == expected);
    CHECK(n.stats.skipped == 0);  // no sample has a record libevtx cannot read
    records += expected;
    for (const auto& event : n.events) {
      CHECK(event["metadata"].contains("event_timestamp"));
      CHECK(event["metadata"].contains("vendor_name"));
      CHECK(event["metadata"].contains("product_name"));
      CHECK(event["metadata"].contains("log_type"));
      CHECK(event["metadata"].contains("product_event_type"));
    }
  }
  CHECK(files >= 100);
  CHECK(records > 0);
}

TEST_CASE("evtx: the same file gzip-compressed gives the same events", "[raw][evtx][samples]") {
  const std::filesystem::path path = kSamples / "Execution__exec_sysmon_1_ftp.evtx";
  if (!std::filesystem::exists(path)) {
    WARN("skipped: " << path.string() << " is absent");
    return;
  }
  const Normalized plain = Normalize(path.string(), InputFormat::kAuto);
  const Normalized gz = Normalize(WriteTempFile("ftp.evtx.gz", Gzip(ReadBytes(path))), InputFormat::kAuto);
  REQUIRE(plain.events.size() == 4);
  CHECK(gz.events == plain.events);
  CHECK(plain.events[0]["metadata"]["event_type"] == "PROCESS_LAUNCH");
}

// A cut file keeps whatever records are still whole: every record libevtx
// can read is an event, as evtxexport also reads it, and any record it
// lists but cannot read is counted as corrupt_record, never dropped.
TEST_CASE("evtx: a truncated file reads what is there and reports the rest, no crash", "[raw][evtx][samples]") {
  const std::filesystem::path path = kSamples / "Execution__rogue_msi_url_1040_1042.evtx";
  if (!std::filesystem::exists(path)) {
    WARN("skipped: " << path.string() << " is absent");
    return;
  }
  const bool have_evtxexport = std::system("command -v evtxexport >/dev/null") == 0;
  const std::string bytes = ReadBytes(path);
  for (size_t keep : {bytes.size() / 3, bytes.size() / 2, size_t{4096 + 1000}, size_t{600}}) {
    INFO("kept " << keep << " bytes");
    const std::string cut = WriteTempFile("cut.evtx", bytes.substr(0, keep));
    const Normalized n = Normalize(cut, InputFormat::kAuto);
    if (!n.open.ok()) {
      CHECK(std::string(n.open.message()).find(cut) == 0);
      continue;
    }
    CHECK(n.events.size() + n.stats.skipped <= 351);
    if (have_evtxexport) {
      const int expected = EvtxexportCount(cut);
      if (expected >= 0) CHECK(static_cast<int64_t>(n.events.size()) + n.stats.skipped == expected);
    }
    for (const ReadError& e : n.errors) CHECK(e.reason == ReadErrorReason::kCorruptRecord);
  }
}

TEST_CASE("evtx: a file that is not EVTX is an error naming it", "[raw][evtx]") {
  const std::string path = WriteTempFile("fake.evtx", std::string("ElfFile\0garbage", 15));
  const Normalized n = Normalize(path, InputFormat::kEvtx);
  REQUIRE_FALSE(n.open.ok());
  CHECK(std::string(n.open.message()).find(path + ": not a readable EVTX file") == 0);
}

}  // namespace
}  // namespace yaral::raw_test

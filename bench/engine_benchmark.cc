// Engine throughput against the cost of just parsing the input.
//
//   yaral_engine_benchmark --events FILE [--threads N] [--mode rule|scan|bare|pack]
//                          [--rule PATH] [--rules DIR]
//
// Three modes read the same NDJSON file the same way, through
// yaral::EventSource:
//
// - `rule` compiles a rule (default: the reference rule T1071.003) and feeds
//   every event to a yaral::Engine, then Finish(): the engine's real cost.
// - `scan` is the floor any engine has to pay: a hand-written simdjson
//   On-Demand pass over each event that reads the seven fields the reference
//   rule needs (metadata.event_type, metadata.event_timestamp,
//   network.direction, target.port, principal.process.file.full_path,
//   principal.hostname, target.ip) in either key spelling, and nothing else.
//
// - `pack` compiles every rule file under --rules (default: the public
//   corpus, with the reference lists of its `_support` folder) and feeds
//   every event to one Engine holding all the rules that compile: the cost
//   of running a whole rule pack. Files that do not compile are counted.
//
// The ratio rule/scan is how much the engine costs beyond parsing.
//
// `bare` is the truly bare floor: the same On-Demand pass as `scan`, but
// straight over the raw file's lines (read in padded blocks, split at
// newlines), with no EventSource in front and so no validating parse.
// rule/bare is the engine's throughput as a share of that floor.
//
// Threads: the file is cut into N byte ranges at line boundaries, and each
// thread reads its own range with its own EventSource (and Engine). This is
// a throughput measurement: a windowed rule run on shards misses groups
// whose events fall in different shards, so detections with N > 1 differ
// from a single run over the whole file.
//
// Reading: EventSource::Open cannot start at an offset, so each thread
// reads its range in blocks (pread, cut after the last newline) and hands
// each block to EventSource::FromString. That copies each block once more,
// the same for both modes and every thread count; `--reader open` (one
// thread only) uses EventSource::Open on the file instead, to show what the
// extra copy costs.
//
// Output: a readable summary, then one `RESULT key=value ...` line for
// bench/run_engine_bench.sh. MB is 10^6 bytes. Peak RSS is the process's
// high-water mark (getrusage), so it includes the compiled rule and every
// thread's buffers.
#include <fcntl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cinttypes>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include <simdjson.h>

#include "CLI/CLI.hpp"
#include "for_each_member.h"
#include "yaral/diagnostics.h"
#include "yaral/engine.h"
#include "yaral/event_source.h"
#include "yaral/reference_lists.h"
#include "yaral/source.h"
#include "yaral/udm_values.h"

namespace {

namespace od = simdjson::ondemand;
using yaral::bench::ForEachMember;

// ------------------------------------------------------------------ input

struct Range {
  uint64_t begin = 0;
  uint64_t end = 0;
};

// Cuts [0, size) into `n` ranges that each start at the beginning of a line.
std::vector<Range> SplitAtLines(int fd, uint64_t size, int n) {
  std::vector<uint64_t> starts = {0};
  char buf[4096];
  for (int i = 1; i < n; ++i) {
    // A range starts just after the first newline at or after its even
    // share's first byte minus one (so a share already starting a line
    // keeps that line).
    uint64_t pos = std::max(starts.back(), size * static_cast<uint64_t>(i) / n);
    pos = pos > 0 ? pos - 1 : 0;
    uint64_t start = size;
    while (pos < size) {
      const ssize_t got = pread(fd, buf, sizeof(buf), static_cast<off_t>(pos));
      if (got <= 0) break;
      const void* nl = std::memchr(buf, '\n', static_cast<size_t>(got));
      if (nl != nullptr) {
        start = pos + static_cast<uint64_t>(static_cast<const char*>(nl) - buf) + 1;
        break;
      }
      pos += static_cast<uint64_t>(got);
    }
    starts.push_back(std::max(start, starts.back()));
  }
  std::vector<Range> ranges;
  for (int i = 0; i < n; ++i) {
    ranges.push_back({starts[i], i + 1 < n ? starts[i + 1] : size});
  }
  return ranges;
}

struct ReadTotals {
  int64_t events = 0;
  uint64_t bytes = 0;
  int64_t skipped = 0;  // malformed values EventSource reported
  bool io_error = false;
};

// Calls `on_event(event)` (a yaral::RawEvent) for every event of `range`,
// read in blocks of whole lines, each block through its own EventSource.
template <typename OnEvent>
ReadTotals ReadRange(int fd, Range range, size_t block_bytes, OnEvent&& on_event) {
  ReadTotals totals;
  std::vector<char> buf(block_bytes);
  size_t held = 0;  // bytes of an incomplete last line carried to the next block
  uint64_t pos = range.begin;
  auto feed = [&](std::string_view text) {
    yaral::EventSource source = yaral::EventSource::FromString(text, "shard");
    yaral::RawEvent event;
    while (source.Next(event)) on_event(event);
    totals.events += source.stats().events;
    totals.bytes += source.stats().bytes;
    totals.skipped += source.stats().skipped;
  };
  while (pos < range.end) {
    if (held == buf.size()) buf.resize(buf.size() * 2);  // a line longer than a block
    const size_t want = static_cast<size_t>(std::min<uint64_t>(buf.size() - held, range.end - pos));
    const ssize_t got = pread(fd, buf.data() + held, want, static_cast<off_t>(pos));
    if (got <= 0) {
      totals.io_error = true;
      break;
    }
    pos += static_cast<uint64_t>(got);
    const size_t filled = held + static_cast<size_t>(got);
    size_t cut = filled;
    if (pos < range.end) {
      while (cut > 0 && buf[cut - 1] != '\n') --cut;
    }
    if (cut == 0) {
      held = filled;
      continue;
    }
    feed(std::string_view(buf.data(), cut));
    held = filled - cut;
    std::memmove(buf.data(), buf.data() + cut, held);
  }
  if (held > 0) feed(std::string_view(buf.data(), held));
  return totals;
}

// Calls `on_line(line)` for every non-empty line of `range`, read in blocks
// that keep SIMDJSON_PADDING readable bytes after the last line, so every
// line can be parsed in place. No EventSource: nothing is validated.
template <typename OnLine>
ReadTotals ReadLines(int fd, Range range, size_t block_bytes, OnLine&& on_line) {
  ReadTotals totals;
  std::vector<char> buf(block_bytes + simdjson::SIMDJSON_PADDING);
  size_t held = 0;
  uint64_t pos = range.begin;
  auto feed = [&](const char* begin, const char* end) {
    while (begin < end) {
      const char* nl = static_cast<const char*>(std::memchr(begin, '\n', end - begin));
      const char* line_end = nl != nullptr ? nl : end;
      if (line_end > begin) {
        on_line(std::string_view(begin, static_cast<size_t>(line_end - begin)));
        ++totals.events;
      }
      begin = line_end + 1;
    }
  };
  while (pos < range.end) {
    if (held == buf.size() - simdjson::SIMDJSON_PADDING) {
      buf.resize((buf.size() - simdjson::SIMDJSON_PADDING) * 2 + simdjson::SIMDJSON_PADDING);
    }
    const size_t room = buf.size() - simdjson::SIMDJSON_PADDING - held;
    const size_t want = static_cast<size_t>(std::min<uint64_t>(room, range.end - pos));
    const ssize_t got = pread(fd, buf.data() + held, want, static_cast<off_t>(pos));
    if (got <= 0) {
      totals.io_error = true;
      break;
    }
    pos += static_cast<uint64_t>(got);
    totals.bytes += static_cast<uint64_t>(got);
    const size_t filled = held + static_cast<size_t>(got);
    size_t cut = filled;
    if (pos < range.end) {
      while (cut > 0 && buf[cut - 1] != '\n') --cut;
    }
    if (cut == 0) {
      held = filled;
      continue;
    }
    feed(buf.data(), buf.data() + cut);
    held = filled - cut;
    std::memmove(buf.data(), buf.data() + cut, held);
  }
  if (held > 0) feed(buf.data(), buf.data() + held);
  return totals;
}

// The whole file through EventSource::Open, as `yaral run` reads it.
template <typename OnEvent>
ReadTotals ReadWithOpen(const std::string& path, OnEvent&& on_event) {
  ReadTotals totals;
  absl::StatusOr<yaral::EventSource> source = yaral::EventSource::Open(path);
  if (!source.ok()) {
    totals.io_error = true;
    return totals;
  }
  yaral::RawEvent event;
  while (source->Next(event)) on_event(event);
  totals.events = source->stats().events;
  totals.bytes = source->stats().bytes;
  totals.skipped = source->stats().skipped;
  totals.io_error = !source->status().ok();
  return totals;
}

// ------------------------------------------------------------------ scan

// What the scan keeps of the fields it reads: enough that none of the
// reads can be optimised away, and a count of the events that pass the
// rule's filters before its regex (the mail-port share of the input). The
// checksum is a sum over events, so it is the same for any thread count.
struct ScanTotals {
  int64_t candidates = 0;
  int64_t target_ips = 0;
  int64_t bad_timestamps = 0;
  int64_t parse_errors = 0;
  uint64_t checksum = 0;

  void Add(const ScanTotals& other) {
    candidates += other.candidates;
    target_ips += other.target_ips;
    bad_timestamps += other.bad_timestamps;
    parse_errors += other.parse_errors;
    checksum += other.checksum;
  }
};

bool IsKey(od::raw_json_string key, std::string_view snake, std::string_view camel) {
  return key == snake || (!camel.empty() && key == camel);
}

bool IsMailPort(int64_t port) {
  static constexpr int64_t kPorts[] = {25, 465, 587, 110, 995, 143, 993};
  return std::find(std::begin(kPorts), std::end(kPorts), port) != std::end(kPorts);
}

// Length and edge bytes: uses each value without hashing all of it.
uint64_t Mix(uint64_t h, std::string_view s) {
  h = h * 0x100000001b3ULL ^ s.size();
  if (s.empty()) return h;
  return h * 0x100000001b3ULL ^
         (uint64_t{static_cast<uint8_t>(s.front())} << 8 | static_cast<uint8_t>(s.back()));
}

// The fields the scan reads. The string views point into the parser's own
// buffer and stay valid until the next document.
struct Fields {
  std::string_view event_type, timestamp, direction, full_path, hostname;
  int64_t port = -1;
};

class Scanner {
 public:
  // `json` points into an EventSource buffer, which keeps
  // SIMDJSON_PADDING readable bytes after every event it hands out.
  void Scan(std::string_view json) {
    Fields f;
    if (Read(json, f) != simdjson::SUCCESS) {
      ++totals_.parse_errors;
      return;
    }
    absl::StatusOr<yaral::UdmTimestamp> t = yaral::ParseTimestamp(f.timestamp);
    if (t.ok()) {
      totals_.checksum += static_cast<uint64_t>(t->seconds);
    } else {
      ++totals_.bad_timestamps;
    }
    if (f.event_type == "NETWORK_CONNECTION" && f.direction == "OUTBOUND" && IsMailPort(f.port)) {
      ++totals_.candidates;
    }
    uint64_t h = Mix(0, f.event_type);
    h = Mix(h, f.direction);
    h = Mix(h, f.full_path);
    h = Mix(h, f.hostname);
    totals_.checksum += h + static_cast<uint64_t>(f.port);
  }

  const ScanTotals& totals() const { return totals_; }

 private:
  using Key = od::raw_json_string;
  static constexpr simdjson::error_code kOk = simdjson::SUCCESS;

  // One pass over the event's keys, descending only into the objects that
  // hold a wanted field, so key order does not matter and nothing is read
  // twice.
  simdjson::error_code Read(std::string_view json, Fields& f) {
    od::document doc;
    auto error = parser_.iterate(json.data(), json.size(), json.size() + simdjson::SIMDJSON_PADDING)
                     .get(doc);
    if (error) return error;
    od::value root;
    if ((error = doc.get_value().get(root))) return error;
    return ForEachMember(root, [&](Key key, od::value v) -> simdjson::error_code {
      if (key == "metadata") {
        return ForEachMember(v, [&](Key k, od::value m) -> simdjson::error_code {
          if (IsKey(k, "event_type", "eventType")) return m.get_string().get(f.event_type);
          if (IsKey(k, "event_timestamp", "eventTimestamp")) return m.get_string().get(f.timestamp);
          return kOk;
        });
      }
      if (key == "network") {
        return ForEachMember(v, [&](Key k, od::value n) -> simdjson::error_code {
          return k == "direction" ? n.get_string().get(f.direction) : kOk;
        });
      }
      if (key == "principal") {
        return ForEachMember(v, [&](Key k, od::value p) -> simdjson::error_code {
          if (k == "hostname") return p.get_string().get(f.hostname);
          if (!(k == "process")) return kOk;
          return ForEachMember(p, [&](Key k2, od::value process) -> simdjson::error_code {
            if (!(k2 == "file")) return kOk;
            return ForEachMember(process, [&](Key k3, od::value file) -> simdjson::error_code {
              return IsKey(k3, "full_path", "fullPath") ? file.get_string().get(f.full_path) : kOk;
            });
          });
        });
      }
      if (key == "target") {
        return ForEachMember(v, [&](Key k, od::value t) -> simdjson::error_code {
          if (k == "port") return t.get_int64().get(f.port);
          if (k == "ip") return ReadIps(t);
          return kOk;
        });
      }
      return kOk;
    });
  }

  // target.ip is repeated: an array in API output, sometimes a bare string.
  simdjson::error_code ReadIps(od::value value) {
    simdjson::error_code error;
    od::json_type type;
    if ((error = value.type().get(type))) return error;
    std::string_view ip;
    if (type == od::json_type::string) {
      if ((error = value.get_string().get(ip))) return error;
      ++totals_.target_ips;
      totals_.checksum += Mix(0, ip);
      return simdjson::SUCCESS;
    }
    od::array ips;
    if ((error = value.get_array().get(ips))) return error;
    for (auto element : ips) {
      if ((error = element.get_string().get(ip))) return error;
      ++totals_.target_ips;
      totals_.checksum += Mix(0, ip);
    }
    return simdjson::SUCCESS;
  }

  od::parser parser_;
  ScanTotals totals_;
};

// ------------------------------------------------------------------ rule

struct RuleTotals {
  yaral::EngineStats stats;
  int64_t refused = 0;  // Feed() errors

  void Add(const RuleTotals& other) {
    const yaral::EngineStats& o = other.stats;
    stats.events += o.events;
    stats.invalid_events += o.invalid_events;
    stats.late_events += o.late_events;
    stats.rows_kept += o.rows_kept;
    stats.detections += o.detections;
    stats.runtime_errors += o.runtime_errors;
    for (const auto& [message, count] : o.runtime_errors_by_message) {
      stats.runtime_errors_by_message[message] += count;
    }
    // Each engine holds its own rows: together they hold at most the sum.
    stats.peak_live_rows += o.peak_live_rows;
    refused += other.refused;
  }
};

// ------------------------------------------------------------------ main

int64_t PeakRssKb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss;  // kilobytes on Linux
}

double CpuSeconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  auto seconds = [](const timeval& tv) { return tv.tv_sec + tv.tv_usec / 1e6; };
  return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

struct Options {
  std::string events;
  std::string mode = "rule";
  std::string rule = YARAL_REFERENCE_RULE;
  std::string rules_dir = YARAL_CORPUS_DIR;
  std::string reader = "shard";
  int threads = 1;
  size_t block_kib = 1024;  // EventSource's own read size
  int show = 0;
};

std::optional<std::vector<yaral::CompiledRule>> Compile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "%s: cannot read\n", path.c_str());
    return std::nullopt;
  }
  std::ostringstream text;
  text << in.rdbuf();
  yaral::SourceFile file(path, text.str());
  yaral::CompileResult compiled = yaral::CompileRules(file);
  for (const yaral::Diagnostic& d : compiled.diagnostics) {
    std::fprintf(stderr, "%s", yaral::RenderDiagnostic(d, file).c_str());
  }
  if (!compiled.ok() || compiled.rules.empty()) {
    std::fprintf(stderr, "%s: does not compile\n", path.c_str());
    return std::nullopt;
  }
  return std::move(compiled.rules);
}

struct Pack {
  std::vector<yaral::CompiledRule> rules;
  int files = 0;
  int files_compiled = 0;
};

// Every `.yaral` file under `dir` that compiles, with the reference lists of
// `dir/_support` when that folder exists. A file that does not compile (a
// list the corpus does not ship, a data-table row variable, a deprecated
// rule) is counted, not fatal.
std::optional<Pack> CompilePack(const std::string& dir) {
  namespace fs = std::filesystem;
  std::error_code error;
  if (!fs::is_directory(dir, error)) {
    std::fprintf(stderr, "%s: not a directory\n", dir.c_str());
    return std::nullopt;
  }
  yaral::CompileOptions options;
  const fs::path support = fs::path(dir) / "_support";
  if (fs::is_directory(support, error)) {
    options.lists = std::make_shared<const yaral::ReferenceListSet>(
        yaral::ReferenceListSet::LoadDirectory(support.string()).set);
  }
  std::vector<fs::path> files;
  for (const auto& entry : fs::recursive_directory_iterator(dir, error)) {
    if (entry.is_regular_file() && entry.path().extension() == ".yaral") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  Pack pack;
  for (const fs::path& path : files) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    ++pack.files;
    yaral::CompileResult compiled = yaral::CompileRules(yaral::SourceFile(path.string(), text.str()), options);
    if (!compiled.ok()) continue;
    ++pack.files_compiled;
    for (yaral::CompiledRule& rule : compiled.rules) pack.rules.push_back(std::move(rule));
  }
  if (pack.rules.empty()) {
    std::fprintf(stderr, "%s: no rule compiles\n", dir.c_str());
    return std::nullopt;
  }
  return pack;
}

int Run(const Options& options) {
  const int fd = open(options.events.c_str(), O_RDONLY);
  struct stat st {};
  if (fd < 0 || fstat(fd, &st) != 0) {
    std::perror(options.events.c_str());
    return 1;
  }
  const uint64_t size = static_cast<uint64_t>(st.st_size);
  const bool pack_mode = options.mode == "pack";
  const bool rule_mode = options.mode == "rule" || pack_mode;
  const bool bare_mode = options.mode == "bare";
  const bool use_open = options.reader == "open";
  if (use_open && bare_mode) {
    std::fprintf(stderr, "--mode bare reads the file itself, without EventSource\n");
    return 2;
  }
  if (use_open && options.threads != 1) {
    std::fprintf(stderr, "--reader open reads the whole file: use it with --threads 1\n");
    return 2;
  }

  std::vector<yaral::CompiledRule> rules;
  Pack pack;
  double compile_seconds = 0;
  if (rule_mode) {
    const auto t0 = std::chrono::steady_clock::now();
    if (pack_mode) {
      std::optional<Pack> compiled = CompilePack(options.rules_dir);
      if (!compiled) return 1;
      pack = std::move(*compiled);
      rules = pack.rules;
    } else {
      std::optional<std::vector<yaral::CompiledRule>> compiled = Compile(options.rule);
      if (!compiled) return 1;
      rules = std::move(*compiled);
    }
    compile_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  }
  const int64_t rss_before_kb = PeakRssKb();

  const std::vector<Range> ranges = SplitAtLines(fd, size, options.threads);
  const size_t block_bytes = options.block_kib * 1024;
  std::vector<ReadTotals> reads(ranges.size());
  std::vector<ScanTotals> scans(ranges.size());
  std::vector<RuleTotals> engines(ranges.size());
  std::atomic<int> shown{0};

  const double cpu_start = CpuSeconds();
  const auto start = std::chrono::steady_clock::now();
  auto work = [&](size_t i) {
    auto read = [&](auto&& on_event) {
      return use_open ? ReadWithOpen(options.events, on_event)
                      : ReadRange(fd, ranges[i], block_bytes, on_event);
    };
    if (bare_mode) {
      Scanner scanner;
      reads[i] = ReadLines(fd, ranges[i], block_bytes, [&](std::string_view line) { scanner.Scan(line); });
      scans[i] = scanner.totals();
      return;
    }
    if (!rule_mode) {
      Scanner scanner;
      reads[i] = read([&](const yaral::RawEvent& event) { scanner.Scan(event.json); });
      scans[i] = scanner.totals();
      return;
    }
    yaral::Engine engine(rules);
    engine.OnDetection([&](const yaral::Detection& d) {
      if (shown.fetch_add(1) < options.show) {
        std::fprintf(stderr, "%s\n", yaral::DetectionToJson(d).c_str());
      }
    });
    int64_t refused = 0;
    // Both modes parse the event where EventSource holds it, no copy.
    reads[i] = read([&](const yaral::RawEvent& event) {
      if (!engine.Feed(event).ok()) ++refused;
    });
    engine.Finish();
    engines[i].stats = engine.stats();
    engines[i].refused = refused;
  };
  if (ranges.size() == 1) {
    work(0);
  } else {
    std::vector<std::thread> threads;
    for (size_t i = 0; i < ranges.size(); ++i) threads.emplace_back(work, i);
    for (std::thread& t : threads) t.join();
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const double cpu_seconds = CpuSeconds() - cpu_start;
  close(fd);

  ReadTotals read;
  ScanTotals scan;
  RuleTotals rule;
  for (size_t i = 0; i < ranges.size(); ++i) {
    read.events += reads[i].events;
    read.bytes += reads[i].bytes;
    read.skipped += reads[i].skipped;
    read.io_error |= reads[i].io_error;
    scan.Add(scans[i]);
    rule.Add(engines[i]);
  }
  if (read.io_error) {
    std::fprintf(stderr, "%s: read failed\n", options.events.c_str());
    return 1;
  }

  const double events_per_s = static_cast<double>(read.events) / seconds;
  const double mb_per_s = static_cast<double>(read.bytes) / 1e6 / seconds;
  const int64_t peak_rss_kb = PeakRssKb();
  std::printf("input        %s (%" PRIu64 " bytes, %d range%s, %s reader)\n",
              options.events.c_str(), size, options.threads, options.threads == 1 ? "" : "s",
              bare_mode ? "raw lines, no EventSource"
              : use_open ? "EventSource::Open"
                         : "block+FromString");
  const std::string& rule_source = pack_mode ? options.rules_dir : options.rule;
  std::printf("mode         %s%s%s\n", options.mode.c_str(), rule_mode ? " " : "",
              rule_mode ? rule_source.c_str() : "");
  if (pack_mode) {
    std::printf("pack         %zu rules from %d of %d files (%d do not compile locally)\n",
                pack.rules.size(), pack.files_compiled, pack.files, pack.files - pack.files_compiled);
  }
  std::printf("events       %" PRId64 " (%" PRId64 " skipped by the reader)\n", read.events,
              read.skipped);
  std::printf("wall         %.3f s (cpu %.3f s)\n", seconds, cpu_seconds);
  std::printf("throughput   %.0f events/s, %.1f MB/s\n", events_per_s, mb_per_s);
  std::printf("peak rss     %.1f MB (%.1f MB before reading)\n", peak_rss_kb / 1024.0,
              rss_before_kb / 1024.0);
  if (rule_mode) {
    const yaral::EngineStats& s = rule.stats;
    std::printf("compile      %.3f s\n", compile_seconds);
    std::printf("detections   %" PRId64 "%s\n", s.detections,
                options.threads > 1 ? " (shards: groups across a border are missed)" : "");
    std::printf("engine       events=%" PRId64 " invalid=%" PRId64 " late=%" PRId64
                " rows_kept=%" PRId64 " peak_live_rows=%zu runtime_errors=%" PRId64
                " refused=%" PRId64 "\n",
                s.events, s.invalid_events, s.late_events, s.rows_kept, s.peak_live_rows,
                s.runtime_errors, rule.refused);
    for (const auto& [message, count] : s.runtime_errors_by_message) {
      std::printf("  runtime error x%" PRId64 ": %s\n", count, message.c_str());
    }
  } else {
    std::printf("scan         candidates=%" PRId64 " (%.2f%%) target_ips=%" PRId64
                " bad_timestamps=%" PRId64 " parse_errors=%" PRId64 " checksum=%016" PRIx64 "\n",
                scan.candidates, read.events > 0 ? 100.0 * scan.candidates / read.events : 0.0,
                scan.target_ips, scan.bad_timestamps, scan.parse_errors, scan.checksum);
  }
  std::printf("RESULT mode=%s threads=%d reader=%s events=%" PRId64 " bytes=%" PRIu64
              " seconds=%.3f cpu_seconds=%.3f events_per_s=%.0f mb_per_s=%.1f"
              " peak_rss_kb=%" PRId64 " detections=%" PRId64
              " peak_live_rows=%zu"
              " rows_kept=%" PRId64 " late=%" PRId64 " candidates=%" PRId64 " rules=%zu\n",
              options.mode.c_str(), options.threads, options.reader.c_str(), read.events,
              read.bytes, seconds, cpu_seconds, events_per_s, mb_per_s, peak_rss_kb,
              rule.stats.detections, rule.stats.peak_live_rows, rule.stats.rows_kept,
              rule.stats.late_events, scan.candidates, rules.size());
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Engine throughput against a bare simdjson scan of the same events."};
  Options options;
  app.add_option("--events", options.events, "NDJSON file (bench/udm_generator.cc)")->required();
  app.add_option("--mode", options.mode,
                 "rule: run the engine; pack: run every rule under --rules; scan: parse the rule's "
                 "fields only; bare: the same over raw lines, without EventSource")
      ->check(CLI::IsMember({"rule", "scan", "bare", "pack"}));
  app.add_option("--rule", options.rule, "rule file for --mode rule");
  app.add_option("--rules", options.rules_dir, "rule folder for --mode pack (its _support: lists)");
  app.add_option("--threads", options.threads, "byte ranges read in parallel")
      ->check(CLI::Range(1, 256));
  app.add_option("--reader", options.reader,
                 "shard: blocks through EventSource::FromString; open: EventSource::Open")
      ->check(CLI::IsMember({"shard", "open"}));
  app.add_option("--block-kib", options.block_kib, "block size of the shard reader")
      ->check(CLI::Range(64, 1 << 20));
  app.add_option("--show", options.show, "print the first N detections to stderr");
  CLI11_PARSE(app, argc, argv);
  return Run(options);
}

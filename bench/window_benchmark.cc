// Windowed rules against a bare simdjson pass over the same events.
//
//   yaral_window_benchmark --workload join|keys [--events N] [--keys K] [--runs R]
//
// Two workloads, each with its own rule under bench/rules/ and its own
// generated input (deterministic, held in memory, never written out):
//
// - `join` (benchmark c): bench/rules/failed_then_success.yaral, two event
//   variables joined on $user (failed logins, then a success, 10-minute hop
//   windows). N login events of K users spread over one day, 70% failures.
// - `keys` (benchmark d): bench/rules/many_keys.yaral, one event variable,
//   match $user over 1h, condition #e >= 3. K users log in once each within
//   30 minutes, and 1,000 of them ("hot" users) twice more: exactly 1,000
//   detections are expected (min(K, 1000)); the program says whether the
//   engine found them. N is K + 2 * hot users.
//
// Each run measures, alternately and R times (best of R by wall time):
// - bare: a streamed simdjson On-Demand pass (iterate_many) over the
//   whole buffer that reads the rule's fields (metadata.event_type,
//   metadata.event_timestamp, metadata.product_event_type,
//   target.user.userid) and nothing else;
// - rule: EventSource::FromString over the same buffer, every event fed to
//   a yaral::Engine, then Finish(), as `yaral run` does.
// The ratio bare/rule (throughput of the rule as a share of the bare pass's)
// is printed, with the engine's stats and a `RESULT` line.
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cinttypes>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <simdjson.h>

#include "CLI/CLI.hpp"
#include "for_each_member.h"
#include "yaral/diagnostics.h"
#include "yaral/engine.h"
#include "yaral/event_source.h"
#include "yaral/source.h"
#include "yaral/udm_values.h"

namespace {

namespace od = simdjson::ondemand;
using yaral::bench::ForEachMember;

struct Options {
  std::string workload = "keys";
  int64_t events = 0;  // 0: the workload's default
  int64_t keys = 0;
  int runs = 3;
};

// ------------------------------------------------------------------ input

// splitmix64: a fixed, portable sequence for a given seed.
uint64_t Next(uint64_t& state) {
  uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

constexpr int64_t kBaseSeconds = 1767225600;  // 2026-01-01T00:00:00Z
constexpr int64_t kHotUsers = 1000;

void AppendLogin(std::string& out, int64_t seconds, bool success, int64_t user) {
  const std::string time = yaral::FormatTimestamp({seconds, 0});
  out += R"({"metadata":{"event_type":"USER_LOGIN","event_timestamp":")";
  out += time;
  out += R"(","product_event_type":")";
  out += success ? "4624" : "4625";
  out += R"(","product_name":"Microsoft-Windows-Security-Auditing"},"principal":{"hostname":"ws-)";
  out += std::to_string(user % 997);
  out += R"(","ip":["10.1.)" + std::to_string(user % 251) + "." + std::to_string(user % 241) + R"("]},)";
  out += R"("target":{"user":{"userid":"user-)";
  out += std::to_string(user);
  out += R"("},"hostname":"dc-1"},"security_result":[{"action":[")";
  out += success ? "ALLOW" : "BLOCK";
  out += "\"]}]}\n";
}

// The join workload: `events` logins of `keys` users over one day.
std::string JoinInput(int64_t events, int64_t keys) {
  std::string out;
  uint64_t state = 14;
  for (int64_t i = 0; i < events; ++i) {
    const int64_t seconds = kBaseSeconds + i * 86400 / events;
    const int64_t user = static_cast<int64_t>(Next(state) % static_cast<uint64_t>(keys));
    AppendLogin(out, seconds, Next(state) % 10 >= 7, user);
  }
  return out;
}

// The keys workload: every user once in 30 minutes; the hot users (every
// (keys / 1000)-th) twice more, at random places in the same 30 minutes.
std::string KeysInput(int64_t keys, int64_t* events, int64_t* hot) {
  *hot = std::min(keys, kHotUsers);
  const int64_t stride = keys / *hot;
  std::vector<int64_t> users;
  users.reserve(static_cast<size_t>(keys + 2 * *hot));
  for (int64_t u = 0; u < keys; ++u) users.push_back(u);
  for (int64_t h = 0; h < *hot; ++h) {
    users.push_back(h * stride);
    users.push_back(h * stride);
  }
  uint64_t state = 15;
  for (size_t i = users.size() - 1; i > 0; --i) {  // Fisher-Yates
    std::swap(users[i], users[Next(state) % (i + 1)]);
  }
  *events = static_cast<int64_t>(users.size());
  std::string out;
  for (size_t i = 0; i < users.size(); ++i) {
    AppendLogin(out, kBaseSeconds + static_cast<int64_t>(i) * 1800 / *events, false, users[i]);
  }
  return out;
}

// ------------------------------------------------------------------ bare pass

// What the bare pass keeps of the fields it reads, so none of the reads can
// be optimised away.
struct BareTotals {
  int64_t events = 0;
  int64_t errors = 0;
  uint64_t checksum = 0;
};

uint64_t Mix(uint64_t h, std::string_view s) {
  h = h * 0x100000001b3ULL ^ s.size();
  return s.empty() ? h : h * 0x100000001b3ULL ^ static_cast<uint8_t>(s.back());
}

simdjson::error_code ReadEvent(od::document_reference doc, BareTotals& totals) {
  using Key = od::raw_json_string;
  constexpr simdjson::error_code kOk = simdjson::SUCCESS;
  od::value root;
  if (auto error = doc.get_value().get(root)) return error;
  std::string_view type, timestamp, product, user;
  auto error = ForEachMember(root, [&](Key key, od::value v) -> simdjson::error_code {
    if (key == "metadata") {
      return ForEachMember(v, [&](Key k, od::value m) -> simdjson::error_code {
        if (k == "event_type") return m.get_string().get(type);
        if (k == "event_timestamp") return m.get_string().get(timestamp);
        if (k == "product_event_type") return m.get_string().get(product);
        return kOk;
      });
    }
    if (key == "target") {
      return ForEachMember(v, [&](Key k, od::value t) -> simdjson::error_code {
        if (!(k == "user")) return kOk;
        return ForEachMember(t, [&](Key k2, od::value u) -> simdjson::error_code {
          return k2 == "userid" ? u.get_string().get(user) : kOk;
        });
      });
    }
    return kOk;
  });
  if (error) return error;
  absl::StatusOr<yaral::UdmTimestamp> t = yaral::ParseTimestamp(timestamp);
  totals.checksum += Mix(Mix(Mix(t.ok() ? static_cast<uint64_t>(t->seconds) : 0, type), product), user);
  return kOk;
}

BareTotals Bare(const simdjson::padded_string& input) {
  BareTotals totals;
  od::parser parser;
  od::document_stream stream;
  if (parser.iterate_many(input).get(stream)) {
    ++totals.errors;
    return totals;
  }
  for (auto doc : stream) {
    od::document_reference ref;
    if (std::move(doc).get(ref) || ReadEvent(ref, totals)) {
      ++totals.errors;
      continue;
    }
    ++totals.events;
  }
  return totals;
}

// ------------------------------------------------------------------ rule

std::optional<std::vector<yaral::CompiledRule>> Compile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  yaral::SourceFile file(path, text.str());
  yaral::CompileResult compiled = yaral::CompileRules(file);
  for (const yaral::Diagnostic& d : compiled.diagnostics) {
    std::fprintf(stderr, "%s", yaral::RenderDiagnostic(d, file).c_str());
  }
  if (!in || !compiled.ok() || compiled.rules.empty()) {
    std::fprintf(stderr, "%s: does not compile\n", path.c_str());
    return std::nullopt;
  }
  return std::move(compiled.rules);
}

yaral::EngineStats RunRule(const std::vector<yaral::CompiledRule>& rules, std::string_view input) {
  yaral::Engine engine(rules);
  engine.OnDetection([](const yaral::Detection&) {});
  yaral::EventSource source = yaral::EventSource::FromString(input, "generated");
  yaral::RawEvent event;
  while (source.Next(event)) (void)engine.Feed(event);
  engine.Finish();
  return engine.stats();
}

// ------------------------------------------------------------------ main

double CpuSeconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  auto seconds = [](const timeval& tv) { return tv.tv_sec + tv.tv_usec / 1e6; };
  return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

struct Timing {
  double wall = 1e300;
  double cpu = 1e300;
};

template <typename Body>
void Time(Timing& best, Body&& body) {
  const double cpu0 = CpuSeconds();
  const auto t0 = std::chrono::steady_clock::now();
  body();
  const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  if (wall < best.wall) best = {wall, CpuSeconds() - cpu0};
}

int Run(const Options& options) {
  const bool join = options.workload == "join";
  int64_t keys = options.keys != 0 ? options.keys : (join ? 10000 : 100000);
  int64_t events = 0;
  int64_t hot = 0;
  std::string text;
  if (join) {
    events = options.events != 0 ? options.events : 200000;
    text = JoinInput(events, keys);
  } else {
    text = KeysInput(keys, &events, &hot);
  }
  const std::string rule_path =
      std::string(YARAL_BENCH_RULES) + (join ? "/failed_then_success.yaral" : "/many_keys.yaral");
  std::optional<std::vector<yaral::CompiledRule>> rules = Compile(rule_path);
  if (!rules) return 1;
  const simdjson::padded_string padded(text);

  Timing bare_time, rule_time;
  BareTotals bare;
  yaral::EngineStats stats;
  for (int r = 0; r < options.runs; ++r) {
    Time(bare_time, [&] { bare = Bare(padded); });
    Time(rule_time, [&] { stats = RunRule(*rules, text); });
  }
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);

  std::printf("workload     %s: %s\n", options.workload.c_str(), rule_path.c_str());
  std::printf("input        %" PRId64 " events, %" PRId64 " users, %.1f MB (generated in memory)\n",
              events, keys, static_cast<double>(text.size()) / 1e6);
  std::printf("bare         %.3f s (cpu %.3f s), %" PRId64 " events, %" PRId64 " errors, checksum %016" PRIx64
              "\n",
              bare_time.wall, bare_time.cpu, bare.events, bare.errors, bare.checksum);
  std::printf("rule         %.3f s (cpu %.3f s), %.0f events/s, %.2f us/event\n", rule_time.wall,
              rule_time.cpu, static_cast<double>(events) / rule_time.wall,
              rule_time.wall * 1e6 / static_cast<double>(events));
  std::printf("rule/bare    %.3f (wall), %.3f (CPU): the rule's throughput as a share of the bare pass's\n",
              bare_time.wall / rule_time.wall, bare_time.cpu / rule_time.cpu);
  std::printf("engine       detections=%" PRId64 " rows_kept=%" PRId64 " peak_live_rows=%zu late=%" PRId64
              " runtime_errors=%" PRId64 "\n",
              stats.detections, stats.rows_kept, stats.peak_live_rows, stats.late_events,
              stats.runtime_errors);
  for (const auto& [message, count] : stats.runtime_errors_by_message) {
    std::printf("  runtime error x%" PRId64 ": %s\n", count, message.c_str());
  }
  bool complete = true;
  if (!join) {
    complete = stats.detections == hot;
    std::printf("expected     %" PRId64 " detections: %s\n", hot,
                complete ? "all found" : "DETECTIONS LOST");
  }
  std::printf("peak rss     %.1f MB (the process, input included)\n", usage.ru_maxrss / 1024.0);
  std::printf("RESULT workload=%s events=%" PRId64 " keys=%" PRId64 " bare_seconds=%.3f rule_seconds=%.3f"
              " bare_cpu=%.3f rule_cpu=%.3f ratio_wall=%.3f ratio_cpu=%.3f us_per_event=%.3f"
              " detections=%" PRId64 " peak_live_rows=%zu peak_rss_kb=%ld\n",
              options.workload.c_str(), events, keys, bare_time.wall, rule_time.wall, bare_time.cpu,
              rule_time.cpu, bare_time.wall / rule_time.wall, bare_time.cpu / rule_time.cpu,
              rule_time.wall * 1e6 / static_cast<double>(events), stats.detections,
              stats.peak_live_rows, usage.ru_maxrss);
  return complete ? 0 : 3;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Windowed rules (a join, many distinct keys) against a bare simdjson pass."};
  Options options;
  app.add_option("--workload", options.workload, "join: benchmark (c); keys: benchmark (d)")
      ->check(CLI::IsMember({"join", "keys"}));
  app.add_option("--events", options.events, "join: login events (default 200000)");
  app.add_option("--keys", options.keys, "distinct users (default: join 10000, keys 100000)")
      ->check(CLI::Range(int64_t{1}, int64_t{100000000}));
  app.add_option("--runs", options.runs, "best of R runs of each")->check(CLI::Range(1, 100));
  CLI11_PARSE(app, argc, argv);
  return Run(options);
}

// A deterministic generator of UDM events as NDJSON, for the engine
// throughput benchmark (bench/engine_benchmark.cc, bench/run_engine_bench.sh).
//
//   yaral_udm_generator --bytes 1073741824 --seed 1 --out /tmp/events.ndjson
//
// The same seed and size always give the same file, byte for byte: every
// choice comes from one seeded PRNG with integer-only sampling, and event
// times are derived from a fixed start, never from the clock.
//
// What the events look like, and why:
//
// - Shapes follow the public samples (../shared/udm-samples, FORMAT_NOTES.md):
//   a mix of NETWORK_CONNECTION, NETWORK_HTTP, NETWORK_DNS, PROCESS_LAUNCH,
//   USER_LOGIN, FILE_CREATION, FILE_MODIFICATION and REGISTRY_MODIFICATION
//   with principal/target nouns, `ip` and `mac` as arrays, hashes, command
//   lines. About 800 bytes an event on average, like real EDR/Sysmon UDM.
// - One event in five is written the way API responses are (lowerCamelCase
//   keys, int64 values as strings, nanosecond timestamps), the others as
//   ingestion input (snake_case, numbers), so readers must handle both.
// - Event time advances by a uniform 0-0.7 s step (a fixed rate, ~250,000
//   events a day), so a larger file covers more days at the same density:
//   memory held for open windows should not grow with the file. One event
//   in five is jittered by up to ±1.5 s, so input is nearly but not exactly
//   in time order.
// - ~3% of events are OUTBOUND NETWORK_CONNECTIONs to a mail port (25, 465,
//   587, 110, 995, 143, 993). Most come from mail clients and browsers the
//   reference rule (examples/rules/t1071_003_*) excludes; the rest are MTAs
//   and scripts on a few servers, scattered non-mail processes, and a few
//   implants beaconing to one address each: over a bounded set of hosts and
//   mail servers, so the rule's groups repeat and it finds a realistic,
//   non-zero number of detections. Near misses (inbound SMTP, mail ports in
//   HTTP events) keep the filters honest.
#include <algorithm>
#include <array>
#include <chrono>
#include <cinttypes>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

#include "CLI/CLI.hpp"
#include "fmt/format.h"

namespace {

// Concatenates anything fmt can print. (Debian's Abseil has its own
// string_view, which absl::StrCat will not take from std::string_view.)
template <typename... Args>
std::string Cat(const Args&... args) {
  std::string out;
  (fmt::format_to(std::back_inserter(out), "{}", args), ...);
  return out;
}

// ------------------------------------------------------------------ random

// xoshiro256** seeded through splitmix64: fast, and its output is fixed by
// its definition, unlike std:: distributions whose results vary by library.
class Rng {
 public:
  explicit Rng(uint64_t seed) {
    for (uint64_t& word : state_) {
      seed += 0x9e3779b97f4a7c15ULL;
      uint64_t z = seed;
      z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
      z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
      word = z ^ (z >> 31);
    }
  }

  uint64_t Next() {
    const uint64_t result = Rotl(state_[1] * 5, 7) * 9;
    const uint64_t t = state_[1] << 17;
    state_[2] ^= state_[0];
    state_[3] ^= state_[1];
    state_[1] ^= state_[2];
    state_[0] ^= state_[3];
    state_[2] ^= t;
    state_[3] = Rotl(state_[3], 45);
    return result;
  }

  // Uniform in [0, n), n < 2^32, by multiply-and-shift of the high 32 bits;
  // the bias for the n used here is far below anything measurable.
  uint64_t Below(uint64_t n) { return ((Next() >> 32) * n) >> 32; }
  int64_t Between(int64_t lo, int64_t hi) {  // inclusive
    return lo + static_cast<int64_t>(Below(static_cast<uint64_t>(hi - lo + 1)));
  }
  // True with probability per_mille / 1000.
  bool PerMille(uint64_t per_mille) { return Below(1000) < per_mille; }

  template <typename T>
  const T& Pick(const std::vector<T>& items) {
    return items[Below(items.size())];
  }

 private:
  static uint64_t Rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  std::array<uint64_t, 4> state_{};
};

// A choice among items with integer weights.
template <typename T>
class Weighted {
 public:
  Weighted(std::initializer_list<std::pair<T, uint64_t>> items) {
    for (const auto& [item, weight] : items) {
      total_ += weight;
      items_.push_back(item);
      cumulative_.push_back(total_);
    }
  }
  const T& Pick(Rng& rng) const {
    const uint64_t r = rng.Below(total_);
    const size_t i =
        std::upper_bound(cumulative_.begin(), cumulative_.end(), r) - cumulative_.begin();
    return items_[i];
  }

 private:
  std::vector<T> items_;
  std::vector<uint64_t> cumulative_;
  uint64_t total_ = 0;
};

std::string Hex(Rng& rng, int digits) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out(static_cast<size_t>(digits), '0');
  uint64_t bits = 0;
  for (int i = 0; i < digits; ++i) {
    if (i % 16 == 0) bits = rng.Next();
    out[static_cast<size_t>(i)] = kDigits[bits & 15];
    bits >>= 4;
  }
  return out;
}

std::string Base64Id(Rng& rng) {  // metadata.id: 16 bytes, base64 (proto3 bytes)
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out(22, 'A');
  for (char& c : out) c = kAlphabet[rng.Below(64)];
  return out + "==";
}

// ------------------------------------------------------------------ writer

// Appends compact JSON. Keys are given in snake_case and written in
// lowerCamelCase for API-style events, as proto3 JSON maps them.
class JsonWriter {
 public:
  explicit JsonWriter(std::string& out) : out_(out) {}

  void SetCamel(bool camel) { camel_ = camel; }
  bool camel() const { return camel_; }

  void BeginObject() { Open('{'); }
  void EndObject() { Close('}'); }
  void BeginArray() { Open('['); }
  void EndArray() { Close(']'); }

  void Key(std::string_view snake) {
    Separate();
    out_ += '"';
    if (camel_) {
      bool upper = false;
      for (char c : snake) {
        if (c == '_') {
          upper = true;
          continue;
        }
        out_ += upper && c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c;
        upper = false;
      }
    } else {
      out_ += snake;
    }
    out_ += "\":";
    after_key_ = true;
  }

  void String(std::string_view value) {
    Separate();
    out_ += '"';
    for (char c : value) {
      if (c == '"' || c == '\\') out_ += '\\';
      out_ += c;
    }
    out_ += '"';
  }
  void Int(int64_t value) {
    Separate();
    fmt::format_to(std::back_inserter(out_), "{}", value);
  }
  // int64/uint64 fields: JSON strings in API responses (proto3), numbers in
  // ingestion input.
  void Int64(int64_t value) {
    if (camel_) {
      String(Cat(value));
    } else {
      Int(value);
    }
  }

  // Shorthands for the common `"key": value` members.
  void Field(std::string_view key, std::string_view value) {
    Key(key);
    String(value);
  }
  void FieldInt(std::string_view key, int64_t value) {
    Key(key);
    Int(value);
  }
  void FieldInt64(std::string_view key, int64_t value) {
    Key(key);
    Int64(value);
  }
  void FieldStrings(std::string_view key, std::initializer_list<std::string_view> values) {
    Key(key);
    BeginArray();
    for (std::string_view v : values) String(v);
    EndArray();
  }

 private:
  void Separate() {
    if (after_key_) {
      after_key_ = false;
      return;
    }
    if (!first_.empty()) {
      if (!first_.back()) out_ += ',';
      first_.back() = false;
    }
  }
  void Open(char c) {
    Separate();
    out_ += c;
    first_.push_back(true);
  }
  void Close(char c) {
    out_ += c;
    first_.pop_back();
  }

  std::string& out_;
  bool camel_ = false;
  bool after_key_ = false;
  std::vector<bool> first_;  // per open container: nothing written in it yet
};

// ------------------------------------------------------------------ world

// Everything fixed for a run: hosts, users, programs, servers. Built from
// the seed before the first event, so every event draws from the same
// bounded population and the rule's (host, process, ip) groups repeat.

struct Program {
  std::string path;
  std::string sha256;
  std::string command_line;  // with the path first, as Sysmon writes it
};

struct User {
  std::string userid;
  std::string sid;
};

struct Host {
  std::string hostname;
  std::string asset_id;
  std::string ip;
  std::string mac;
  bool windows = true;
  size_t user = 0;  // index into World::users: the usual interactive user
};

struct Implant {  // a process beaconing to its C2 address over a mail port
  size_t host = 0;
  Program program;
  std::string c2_ip;
  int port = 587;
};

struct MtaPair {  // a server that sends mail itself (postfix, a report script)
  size_t host = 0;
  size_t program = 0;  // index into World::server_mailers
};

Program MakeProgram(Rng& rng, std::string path, std::string args) {
  const bool windows = path.find('\\') != std::string::npos;
  std::string command_line = windows ? Cat("\"", path, "\"") : path;
  if (!args.empty()) command_line += Cat(" ", args);
  return {std::move(path), Hex(rng, 64), std::move(command_line)};
}

struct ProgramSpec {
  std::string_view path;
  std::string_view args;
};

template <size_t N>
std::vector<Program> MakePrograms(Rng& rng, const ProgramSpec (&specs)[N]) {
  std::vector<Program> programs;
  for (const ProgramSpec& spec : specs) {
    programs.push_back(MakeProgram(rng, std::string(spec.path), std::string(spec.args)));
  }
  return programs;
}

struct World {
  std::vector<User> users;
  std::vector<Host> hosts;
  std::vector<size_t> windows_hosts, linux_hosts;
  std::vector<Program> mail_clients;   // excluded by the rule's regex
  std::vector<Program> windows_tools;  // everyday processes, not mail clients
  std::vector<Program> linux_tools;
  std::vector<Program> server_mailers;  // send mail, but the regex does not know them
  std::vector<std::string> mail_servers;
  std::vector<std::string> mail_server_names;
  std::vector<std::string> web_ips, web_hosts, dns_servers, domains;
  std::vector<MtaPair> mta_pairs;
  std::vector<Implant> implants;
};

std::string PrivateIp(Rng& rng) {
  return Cat("10.", rng.Between(1, 40), ".", rng.Between(0, 255), ".", rng.Between(2, 254));
}

std::string DocIp(Rng& rng) {
  // RFC 5737 documentation ranges stand in for public addresses.
  static constexpr std::string_view kNets[] = {"192.0.2.", "198.51.100.", "203.0.113."};
  return Cat(kNets[rng.Below(3)], rng.Between(1, 254));
}

std::string Mac(Rng& rng) {
  return fmt::format("{:02x}:{:02x}:{:02x}:{:02x}:{:02x}:{:02x}", 0x28, 0x80, rng.Below(256),
                     rng.Below(256), rng.Below(256), rng.Below(256));
}

World MakeWorld(Rng& rng) {
  World w;
  static constexpr std::string_view kFirst[] = {
      "alice", "bruno", "carla", "dmitri", "elena", "farid", "grace", "hiro",  "ines",
      "jamal", "kofi",  "lena",  "marta",  "nadia", "oscar", "priya", "quinn", "rosa",
      "sven",  "tomas", "uma",   "victor", "wei",   "xenia", "yusuf", "zoe"};
  static constexpr std::string_view kLast[] = {
      "adams",  "becker",   "costa",  "dubois", "evans",    "fischer", "garcia", "haddad", "ito",
      "jensen", "kowalski", "larsen", "moreau", "nakamura", "okafor",  "petrov", "quispe", "rossi",
      "silva",  "tanaka",   "ueda",   "varga",  "weber",    "yilmaz",  "zhang"};
  for (int i = 0; i < 300; ++i) {
    std::string id =
        Cat(kFirst[rng.Below(std::size(kFirst))], ".", kLast[rng.Below(std::size(kLast))]);
    if (i >= 200) id += Cat(i % 7);
    w.users.push_back({std::move(id), Cat("S-1-5-21-3623811015-3361044348-30300820-", 1100 + i)});
  }
  for (int i = 0; i < 400; ++i) {
    Host h;
    h.windows = i % 5 != 4;
    h.hostname = h.windows ? fmt::format("wks-{:04d}.corp.example.com", i)
                           : fmt::format("srv-lnx-{:03d}.dc1.example.com", i);
    h.asset_id = Cat(h.windows ? "CS:" : "OSQ:", Hex(rng, 20));
    h.ip = PrivateIp(rng);
    h.mac = Mac(rng);
    h.user = rng.Below(w.users.size());
    (h.windows ? w.windows_hosts : w.linux_hosts).push_back(w.hosts.size());
    w.hosts.push_back(std::move(h));
  }

  static constexpr ProgramSpec kMailClients[] = {
      {R"(C:\Program Files\Microsoft Office\root\Office16\OUTLOOK.EXE)", ""},
      {R"(C:\Program Files\Mozilla Thunderbird\thunderbird.exe)", ""},
      {R"(C:\Program Files\Google\Chrome\Application\chrome.exe)",
       "--type=utility --utility-sub-type=network.mojom.NetworkService"},
      {R"(C:\Program Files (x86)\Microsoft\Edge\Application\msedge.exe)",
       "--type=utility --utility-sub-type=network.mojom.NetworkService"},
      {R"(C:\Program Files\Mozilla Firefox\firefox.exe)", "-contentproc"},
      {R"(C:\Program Files\eM Client\MailClient.exe)", ""},
  };
  static constexpr ProgramSpec kWindowsTools[] = {
      {R"(C:\Windows\System32\svchost.exe)", "-k netsvcs -p -s Schedule"},
      {R"(C:\Windows\System32\WindowsPowerShell\v1.0\powershell.exe)",
       "-NoProfile -ExecutionPolicy Bypass -File C:\\ProgramData\\it\\inventory.ps1"},
      {R"(C:\Windows\System32\rundll32.exe)", "C:\\Windows\\System32\\shell32.dll,Control_RunDLL"},
      {R"(C:\Windows\System32\cmd.exe)", "/c ipconfig /all"},
      {R"(C:\Windows\explorer.exe)", ""},
      {R"(C:\Program Files\Microsoft OneDrive\OneDrive.exe)", "/background"},
      {R"(C:\Program Files\Slack\slack.exe)", "--process-start-args"},
      {R"(C:\Windows\System32\msiexec.exe)", "/V"},
      {R"(C:\Python311\python.exe)", "C:\\Tools\\sync_reports.py --daily"},
  };
  static constexpr ProgramSpec kLinuxTools[] = {
      {"/usr/sbin/sshd", "-D"},
      {"/usr/bin/python3", "/opt/jobs/export.py --since 1h"},
      {"/usr/bin/curl", "-sS https://updates.example.net/manifest.json"},
      {"/usr/lib/systemd/systemd-resolved", ""},
      {"/usr/bin/dockerd", "-H fd://"},
      {"/usr/sbin/cron", "-f"},
  };
  static constexpr ProgramSpec kServerMailers[] = {
      {"/usr/lib/postfix/sbin/smtp", "-n smtp -t unix -u -c"},
      {"/usr/bin/python3", "/opt/reports/send_digest.py"},
      {"/usr/sbin/exim4", "-bd -q30m"},
  };
  w.mail_clients = MakePrograms(rng, kMailClients);
  w.windows_tools = MakePrograms(rng, kWindowsTools);
  w.linux_tools = MakePrograms(rng, kLinuxTools);
  w.server_mailers = MakePrograms(rng, kServerMailers);
  for (int i = 0; i < 30; ++i) {
    w.mail_servers.push_back(DocIp(rng));
    w.mail_server_names.push_back(fmt::format("mx{:02d}.mail.example.net", i));
  }
  static constexpr std::string_view kSites[] = {
      "updates.example.net", "cdn.example.org",       "login.example.com",  "api.example.io",
      "docs.example.com",    "telemetry.example.net", "static.example.org", "files.example.com"};
  for (int i = 0; i < 200; ++i) {
    w.web_ips.push_back(DocIp(rng));
    w.web_hosts.push_back(Cat("s", i, ".", kSites[rng.Below(std::size(kSites))]));
  }
  for (std::string_view site : kSites) w.domains.emplace_back(site);
  w.dns_servers = {"10.0.0.53", "10.0.1.53", "8.8.8.8"};

  // Eight (server, mailer) pairs that send mail all day: the rule flags
  // them (a true positive by its letter, a false positive in practice).
  for (int i = 0; i < 8; ++i) {
    w.mta_pairs.push_back(
        {w.linux_hosts[rng.Below(w.linux_hosts.size())], rng.Below(w.server_mailers.size())});
  }
  // Six implants, each on its own workstation with its own C2 address.
  static constexpr std::string_view kImplantNames[] = {"updater",  "svcmon",  "winhelper",
                                                       "synctool", "msdtc32", "runtimebroker"};
  for (int i = 0; i < 6; ++i) {
    const size_t host = w.windows_hosts[rng.Below(w.windows_hosts.size())];
    const User& user = w.users[w.hosts[host].user];
    std::string path = Cat("C:\\Users\\", user.userid, "\\AppData\\Roaming\\", Hex(rng, 8), "\\",
                           kImplantNames[i], ".exe");
    w.implants.push_back(
        {host, MakeProgram(rng, std::move(path), ""), DocIp(rng), i % 2 == 0 ? 587 : 465});
  }
  return w;
}

// ------------------------------------------------------------------ events

enum class Kind {
  kMailConnection,   // OUTBOUND NETWORK_CONNECTION to a mail port
  kInboundSmtp,      // INBOUND NETWORK_CONNECTION to port 25 (near miss)
  kOtherConnection,  // NETWORK_CONNECTION to other ports
  kHttp,
  kDns,
  kProcessLaunch,
  kUserLogin,
  kFileCreation,
  kFileModification,
  kRegistry,
};

// Per 10,000 events. The mail share is the one the benchmark cares about.
const Weighted<Kind>& Kinds() {
  static const auto* kinds = new Weighted<Kind>({
      {Kind::kMailConnection, 300},
      {Kind::kInboundSmtp, 30},
      {Kind::kOtherConnection, 2670},
      {Kind::kHttp, 1200},
      {Kind::kDns, 1500},
      {Kind::kProcessLaunch, 1800},
      {Kind::kUserLogin, 800},
      {Kind::kFileCreation, 1000},
      {Kind::kFileModification, 300},
      {Kind::kRegistry, 400},
  });
  return *kinds;
}

constexpr int kMailPorts[] = {25, 465, 587, 110, 995, 143, 993};

class EventWriter {
 public:
  EventWriter(Rng& rng, const World& world) : rng_(rng), world_(world) {}

  // Appends one event (no newline) at `micros` since the epoch.
  void Write(std::string& out, int64_t micros) {
    JsonWriter j(out);
    j.SetCamel(rng_.PerMille(200));
    micros_ = micros;
    switch (Kinds().Pick(rng_)) {
      case Kind::kMailConnection: MailConnection(j); break;
      case Kind::kInboundSmtp: InboundSmtp(j); break;
      case Kind::kOtherConnection: OtherConnection(j); break;
      case Kind::kHttp: Http(j); break;
      case Kind::kDns: Dns(j); break;
      case Kind::kProcessLaunch: ProcessLaunch(j); break;
      case Kind::kUserLogin: UserLogin(j); break;
      case Kind::kFileCreation: FileEvent(j, "FILE_CREATION", "11"); break;
      case Kind::kFileModification: FileEvent(j, "FILE_MODIFICATION", "2"); break;
      case Kind::kRegistry: Registry(j); break;
    }
  }

 private:
  // RFC 3339 in UTC. API responses carry nanoseconds, ingestion input
  // microseconds.
  std::string Timestamp(int64_t micros, bool camel) {
    using std::chrono::days;
    const int64_t day = micros >= 0 ? micros / 86'400'000'000 : (micros + 1) / 86'400'000'000 - 1;
    const int64_t in_day = micros - day * 86'400'000'000;
    const std::chrono::year_month_day date{std::chrono::sys_days{days{day}}};
    const int64_t second = in_day / 1'000'000;
    std::string out =
        fmt::format("{:04d}-{:02d}-{:02d}T{:02d}:{:02d}:{:02d}.", static_cast<int>(date.year()),
                    static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()),
                    second / 3600, second / 60 % 60, second % 60);
    if (camel) {
      fmt::format_to(std::back_inserter(out), "{:06d}{:03d}Z", in_day % 1'000'000,
                     rng_.Below(1000));
    } else {
      fmt::format_to(std::back_inserter(out), "{:06d}Z", in_day % 1'000'000);
    }
    return out;
  }

  void Metadata(JsonWriter& j, std::string_view type, std::string_view vendor,
                std::string_view product, std::string_view product_type,
                std::string_view log_type) {
    j.Key("metadata");
    j.BeginObject();
    if (j.camel()) j.Field("id", Base64Id(rng_));
    j.Field("event_timestamp", Timestamp(micros_, j.camel()));
    j.Field("event_type", type);
    j.Field("vendor_name", vendor);
    j.Field("product_name", product);
    j.Field("product_event_type", product_type);
    if (!j.camel()) j.Field("product_log_id", Cat(rng_.Between(1000000, 99999999)));
    j.Field("log_type", log_type);
    if (j.camel()) {  // set by SecOps on ingestion: only API output has it
      j.Field("ingested_timestamp",
              Timestamp(micros_ + rng_.Between(2'000'000, 90'000'000), j.camel()));
    }
    j.EndObject();
  }

  // principal: the host, its address, and optionally the user and process.
  void HostNoun(JsonWriter& j, const Host& host, const Program* program, bool with_user,
                int64_t port) {
    j.BeginObject();
    j.Field("hostname", host.hostname);
    j.Field("asset_id", host.asset_id);
    j.FieldStrings("ip", {host.ip});
    j.FieldStrings("mac", {host.mac});
    if (port > 0) j.FieldInt("port", port);
    if (with_user) UserNoun(j, world_.users[host.user], host.windows);
    if (program != nullptr) Process(j, *program, false);
    j.EndObject();
  }

  void UserNoun(JsonWriter& j, const User& user, bool windows) {
    j.Key("user");
    j.BeginObject();
    j.Field("userid", user.userid);
    if (windows) j.Field("windows_sid", user.sid);
    j.EndObject();
  }

  // Sysmon gives hashes for the launched image only, not for the actor.
  void Process(JsonWriter& j, const Program& program, bool with_hash) {
    j.Key("process");
    j.BeginObject();
    j.FieldInt64("pid", rng_.Between(300, 65000));
    j.Key("file");
    j.BeginObject();
    j.Field("full_path", program.path);
    if (with_hash) j.Field("sha256", program.sha256);
    j.EndObject();
    j.Field("command_line", program.command_line);
    j.EndObject();
  }

  void Network(JsonWriter& j, std::string_view direction, std::string_view protocol,
               std::string_view application) {
    j.Key("network");
    j.BeginObject();
    j.Field("direction", direction);
    j.Field("ip_protocol", protocol);
    if (!application.empty()) j.Field("application_protocol", application);
    j.FieldInt64("sent_bytes", rng_.Between(200, 90000));
    j.FieldInt64("received_bytes", rng_.Between(200, 400000));
    j.EndObject();
  }

  void SecurityResult(JsonWriter& j, std::string_view action, std::string_view rule) {
    j.Key("security_result");
    j.BeginArray();
    j.BeginObject();
    j.FieldStrings("action", {action});
    if (!rule.empty()) j.Field("rule_name", rule);
    j.EndObject();
    j.EndArray();
  }

  void Connection(JsonWriter& j, const Host& host, const Program& program,
                  std::string_view direction, std::string_view target_host,
                  std::string_view target_ip, int64_t port, std::string_view application) {
    j.BeginObject();
    Metadata(j, "NETWORK_CONNECTION", "Microsoft", "Sysmon", "3", "WINDOWS_SYSMON");
    j.Key("principal");
    HostNoun(j, host, &program, true, rng_.Between(49152, 65535));
    j.Key("target");
    j.BeginObject();
    if (!target_host.empty()) j.Field("hostname", target_host);
    j.FieldStrings("ip", {target_ip});
    j.FieldInt("port", port);
    j.EndObject();
    Network(j, direction, "TCP", application);
    SecurityResult(j, "ALLOW", "");
    j.EndObject();
  }

  void MailConnection(JsonWriter& j) {
    const int port = kMailPorts[rng_.Below(std::size(kMailPorts))];
    const uint64_t who = rng_.Below(1000);
    const size_t server = rng_.Below(world_.mail_servers.size());
    const std::string& server_ip = world_.mail_servers[server];
    const std::string& server_name = world_.mail_server_names[server];
    if (who < 700) {  // mail clients and browsers on workstations
      const Host& host =
          world_.hosts[world_.windows_hosts[rng_.Below(world_.windows_hosts.size())]];
      Connection(j, host, rng_.Pick(world_.mail_clients), "OUTBOUND", server_name, server_ip, port,
                 "SMTP");
    } else if (who < 850) {  // mail-sending servers
      const MtaPair& pair = world_.mta_pairs[rng_.Below(world_.mta_pairs.size())];
      Connection(j, world_.hosts[pair.host], world_.server_mailers[pair.program], "OUTBOUND",
                 server_name, server_ip, 25, "SMTP");
    } else if (who < 950) {  // anything else, anywhere: sparse groups
      const Host& host = world_.hosts[rng_.Below(world_.hosts.size())];
      const Program& program =
          host.windows ? rng_.Pick(world_.windows_tools) : rng_.Pick(world_.linux_tools);
      Connection(j, host, program, "OUTBOUND", "", server_ip, port, "");
    } else {  // implants beaconing
      const Implant& implant = world_.implants[rng_.Below(world_.implants.size())];
      Connection(j, world_.hosts[implant.host], implant.program, "OUTBOUND", "", implant.c2_ip,
                 implant.port, "");
    }
  }

  void InboundSmtp(JsonWriter& j) {
    const MtaPair& pair = world_.mta_pairs[rng_.Below(world_.mta_pairs.size())];
    Connection(j, world_.hosts[pair.host], world_.server_mailers[pair.program], "INBOUND", "",
               world_.hosts[pair.host].ip, 25, "SMTP");
  }

  void OtherConnection(JsonWriter& j) {
    static constexpr int kPorts[] = {443, 443, 443, 443, 80, 80, 22, 3389, 445, 8443, 5985, 9200};
    const Host& host = world_.hosts[rng_.Below(world_.hosts.size())];
    const Program& program =
        host.windows ? rng_.Pick(world_.windows_tools) : rng_.Pick(world_.linux_tools);
    const bool outbound = rng_.PerMille(800);
    const size_t site = rng_.Below(world_.web_ips.size());
    Connection(j, host, program, outbound ? "OUTBOUND" : "INBOUND",
               outbound ? std::string_view(world_.web_hosts[site]) : std::string_view(),
               outbound ? world_.web_ips[site] : PrivateIp(rng_),
               kPorts[rng_.Below(std::size(kPorts))], "");
  }

  void Http(JsonWriter& j) {
    static constexpr std::string_view kAgents[] = {
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
        "Chrome/126.0.0.0 Safari/537.36",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:127.0) Gecko/20100101 Firefox/127.0",
        "Microsoft-CryptoAPI/10.0", "curl/7.88.1"};
    const Host& host = world_.hosts[rng_.Below(world_.hosts.size())];
    const size_t site = rng_.Below(world_.web_ips.size());
    // A few webmail HTTP events on a mail port: right port, wrong event type.
    const int port = rng_.PerMille(20) ? 587 : 443;
    j.BeginObject();
    Metadata(j, "NETWORK_HTTP", "Zscaler", "Internet Access", "web", "ZSCALER_WEBPROXY");
    j.Key("principal");
    HostNoun(j, host, nullptr, true, 0);
    j.Key("target");
    j.BeginObject();
    j.Field("hostname", world_.web_hosts[site]);
    if (rng_.PerMille(100)) {
      j.FieldStrings("ip", {world_.web_ips[site], "2001:db8::1f"});
    } else {
      j.FieldStrings("ip", {world_.web_ips[site]});
    }
    j.FieldInt("port", port);
    j.Field("url", Cat("https://", world_.web_hosts[site], "/v", rng_.Between(1, 3), "/items/",
                       Hex(rng_, 12), "?lang=en"));
    j.EndObject();
    j.Key("network");
    j.BeginObject();
    j.Field("direction", "OUTBOUND");
    j.Field("application_protocol", "HTTPS");
    j.Key("http");
    j.BeginObject();
    j.Field("method", rng_.PerMille(800) ? "GET" : "POST");
    j.FieldInt("response_code", rng_.PerMille(950) ? 200 : 404);
    j.Field("user_agent", kAgents[rng_.Below(std::size(kAgents))]);
    j.EndObject();
    j.FieldInt64("sent_bytes", rng_.Between(300, 5000));
    j.FieldInt64("received_bytes", rng_.Between(500, 900000));
    j.EndObject();
    SecurityResult(j, rng_.PerMille(970) ? "ALLOW" : "BLOCK", "Default Internet Policy");
    j.EndObject();
  }

  void Dns(JsonWriter& j) {
    const Host& host = world_.hosts[rng_.Below(world_.hosts.size())];
    const Program& program =
        host.windows ? world_.windows_tools[0] : world_.linux_tools[3];  // the resolvers
    const size_t site = rng_.Below(world_.web_hosts.size());
    j.BeginObject();
    Metadata(j, "NETWORK_DNS", "Microsoft", "Sysmon", "22", "WINDOWS_SYSMON");
    j.Key("principal");
    HostNoun(j, host, &program, false, rng_.Between(49152, 65535));
    j.Key("target");
    j.BeginObject();
    j.FieldStrings("ip", {world_.dns_servers[rng_.Below(world_.dns_servers.size())]});
    j.FieldInt("port", 53);
    j.EndObject();
    j.Key("network");
    j.BeginObject();
    j.Field("ip_protocol", "UDP");
    j.Field("application_protocol", "DNS");
    j.Key("dns");
    j.BeginObject();
    j.Key("questions");
    j.BeginArray();
    j.BeginObject();
    j.Field("name", world_.web_hosts[site]);
    j.FieldInt("type", 1);
    j.EndObject();
    j.EndArray();
    j.Key("answers");
    j.BeginArray();
    j.BeginObject();
    j.Field("name", world_.web_hosts[site]);
    j.FieldInt("type", 1);
    j.Field("data", world_.web_ips[site]);
    j.FieldInt("ttl", rng_.Between(30, 3600));
    j.EndObject();
    j.EndArray();
    j.EndObject();
    j.EndObject();
    j.EndObject();
  }

  void ProcessLaunch(JsonWriter& j) {
    const Host& host = world_.hosts[rng_.Below(world_.hosts.size())];
    const auto& tools = host.windows ? world_.windows_tools : world_.linux_tools;
    const Program& parent = host.windows ? world_.windows_tools[4] : world_.linux_tools[5];
    j.BeginObject();
    Metadata(j, "PROCESS_LAUNCH", "Microsoft", "Sysmon", "1", "WINDOWS_SYSMON");
    j.Key("principal");
    HostNoun(j, host, &parent, true, 0);
    j.Key("target");
    j.BeginObject();
    Process(j, rng_.Pick(tools), true);
    j.EndObject();
    SecurityResult(j, "ALLOW", "");
    j.EndObject();
  }

  void UserLogin(JsonWriter& j) {
    const Host& from = world_.hosts[rng_.Below(world_.hosts.size())];
    const Host& to = world_.hosts[rng_.Below(world_.hosts.size())];
    const bool ok = rng_.PerMille(930);
    j.BeginObject();
    Metadata(j, "USER_LOGIN", "Microsoft", "Windows", "4624", "WINEVTLOG");
    j.Key("principal");
    HostNoun(j, from, nullptr, false, 0);
    j.Key("target");
    j.BeginObject();
    j.Field("hostname", to.hostname);
    j.FieldStrings("ip", {to.ip});
    UserNoun(j, world_.users[rng_.PerMille(900) ? from.user : rng_.Below(world_.users.size())],
             true);
    j.EndObject();
    j.Key("extensions");
    j.BeginObject();
    j.Key("auth");
    j.BeginObject();
    j.Field("type", rng_.PerMille(700) ? "MACHINE" : "SSO");
    j.FieldStrings("mechanism", {rng_.PerMille(600) ? "USERNAME_PASSWORD" : "REMOTE_INTERACTIVE"});
    j.EndObject();
    j.EndObject();
    SecurityResult(j, ok ? "ALLOW" : "BLOCK", ok ? "" : "An account failed to log on");
    j.EndObject();
  }

  void FileEvent(JsonWriter& j, std::string_view type, std::string_view sysmon_id) {
    static constexpr std::string_view kExtensions[] = {".docx", ".xlsx", ".pdf", ".tmp",
                                                       ".log",  ".zip",  ".ps1", ".dll"};
    const Host& host = world_.hosts[rng_.Below(world_.hosts.size())];
    const auto& tools = host.windows ? world_.windows_tools : world_.linux_tools;
    const User& user = world_.users[host.user];
    std::string path =
        host.windows
            ? Cat("C:\\Users\\", user.userid, "\\Documents\\", Hex(rng_, 10),
                  kExtensions[rng_.Below(std::size(kExtensions))])
            : Cat("/var/lib/app/", Hex(rng_, 10), kExtensions[rng_.Below(std::size(kExtensions))]);
    j.BeginObject();
    Metadata(j, type, "Microsoft", "Sysmon", sysmon_id, "WINDOWS_SYSMON");
    j.Key("principal");
    HostNoun(j, host, &rng_.Pick(tools), true, 0);
    j.Key("target");
    j.BeginObject();
    j.Key("file");
    j.BeginObject();
    j.Field("full_path", path);
    j.FieldInt64("size", rng_.Between(100, 50'000'000));
    j.Field("sha256", Hex(rng_, 64));
    j.EndObject();
    j.EndObject();
    j.EndObject();
  }

  void Registry(JsonWriter& j) {
    const Host& host = world_.hosts[world_.windows_hosts[rng_.Below(world_.windows_hosts.size())]];
    j.BeginObject();
    Metadata(j, "REGISTRY_MODIFICATION", "Microsoft", "Sysmon", "13", "WINDOWS_SYSMON");
    j.Key("principal");
    HostNoun(j, host, &rng_.Pick(world_.windows_tools), true, 0);
    j.Key("target");
    j.BeginObject();
    j.Key("registry");
    j.BeginObject();
    j.Field("registry_key", R"(HKLM\SOFTWARE\Microsoft\Windows\CurrentVersion\Run)");
    j.Field("registry_value_name", Cat("Updater", rng_.Below(20)));
    j.Field("registry_value_data", Cat("C:\\ProgramData\\", Hex(rng_, 8), "\\run.exe"));
    j.EndObject();
    j.EndObject();
    j.EndObject();
  }

  Rng& rng_;
  const World& world_;
  int64_t micros_ = 0;
};

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Writes deterministic UDM events as NDJSON for the engine benchmark."};
  uint64_t bytes = 0;
  uint64_t seed = 1;
  std::string out_path;
  app.add_option("--bytes", bytes, "stop after the event that reaches this size")->required();
  app.add_option("--seed", seed, "PRNG seed; the same seed and size give the same file");
  app.add_option("--out", out_path, "output file")->required();
  CLI11_PARSE(app, argc, argv);

  std::FILE* out = std::fopen(out_path.c_str(), "wb");
  if (out == nullptr) {
    std::perror(out_path.c_str());
    return 1;
  }
  Rng rng(seed);
  const World world = MakeWorld(rng);
  EventWriter writer(rng, world);

  // 2026-01-05T00:00:00Z: a fixed start, so output never depends on the clock.
  int64_t base_micros = int64_t{1767571200} * 1'000'000;
  uint64_t written = 0;
  int64_t events = 0;
  std::string block;
  block.reserve(size_t{4} << 20);
  while (written + block.size() < bytes) {
    base_micros += rng.Between(0, 700'000);
    int64_t micros = base_micros;
    if (rng.PerMille(200)) micros += rng.Between(-1'500'000, 1'500'000);
    writer.Write(block, micros);
    block += '\n';
    ++events;
    if (block.size() >= (size_t{4} << 20)) {
      if (std::fwrite(block.data(), 1, block.size(), out) != block.size()) break;
      written += block.size();
      block.clear();
    }
  }
  if (!block.empty() && std::fwrite(block.data(), 1, block.size(), out) == block.size()) {
    written += block.size();
    block.clear();
  }
  if (std::fclose(out) != 0 || !block.empty()) {
    std::perror(out_path.c_str());
    return 1;
  }
  std::printf("events=%" PRId64 " bytes=%" PRIu64 " avg_bytes=%.1f\n", events, written,
              events > 0 ? static_cast<double>(written) / static_cast<double>(events) : 0.0);
  return 0;
}

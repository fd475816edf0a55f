// Linux audit logs (auditd's audit.log, raw or enriched format). One kernel
// event is several records (SYSCALL, EXECVE, PATH, CWD, SOCKADDR, PROCTITLE,
// then EOE) that share the id in `msg=audit(SECONDS.MILLIS:SERIAL)`; the
// reader groups them back into one SourceRecord, named "TYPE.field".
//
// Values auditd could not log as plain text (spaces, quotes, control bytes)
// it writes as unquoted hex; those fields are decoded, PROCTITLE's NUL
// separators becoming spaces. SOCKADDR's `saddr` (a struct sockaddr in hex)
// becomes family, addr and port (or path).

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <utility>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "raw/readers.h"

namespace yaral::raw {
namespace {

// Syscall numbers by audit arch, for the syscalls the mapping names.
struct SyscallName {
  std::string_view arch;  // the SYSCALL record's `arch` value
  int number;
  std::string_view name;
};
constexpr SyscallName kSyscalls[] = {
    // x86_64
    {"c000003e", 2, "open"}, {"c000003e", 257, "openat"}, {"c000003e", 437, "openat2"},
    {"c000003e", 85, "creat"}, {"c000003e", 87, "unlink"}, {"c000003e", 263, "unlinkat"},
    {"c000003e", 82, "rename"}, {"c000003e", 264, "renameat"}, {"c000003e", 316, "renameat2"},
    {"c000003e", 59, "execve"}, {"c000003e", 322, "execveat"}, {"c000003e", 42, "connect"},
    {"c000003e", 43, "accept"}, {"c000003e", 288, "accept4"}, {"c000003e", 49, "bind"},
    {"c000003e", 41, "socket"}, {"c000003e", 90, "chmod"}, {"c000003e", 268, "fchmodat"},
    {"c000003e", 92, "chown"}, {"c000003e", 260, "fchownat"}, {"c000003e", 62, "kill"},
    {"c000003e", 101, "ptrace"}, {"c000003e", 165, "mount"}, {"c000003e", 175, "init_module"},
    {"c000003e", 313, "finit_module"}, {"c000003e", 176, "delete_module"},
    {"c000003e", 83, "mkdir"}, {"c000003e", 84, "rmdir"},
    // aarch64
    {"c00000b7", 56, "openat"}, {"c00000b7", 35, "unlinkat"}, {"c00000b7", 221, "execve"},
    {"c00000b7", 281, "execveat"}, {"c00000b7", 203, "connect"}, {"c00000b7", 202, "accept"},
    {"c00000b7", 242, "accept4"}, {"c00000b7", 200, "bind"}, {"c00000b7", 198, "socket"},
    {"c00000b7", 38, "renameat"}, {"c00000b7", 276, "renameat2"}, {"c00000b7", 53, "fchmodat"},
    {"c00000b7", 54, "fchownat"}, {"c00000b7", 129, "kill"}, {"c00000b7", 117, "ptrace"},
    {"c00000b7", 40, "mount"}, {"c00000b7", 105, "init_module"}, {"c00000b7", 273, "finit_module"},
};

std::string SyscallNameOf(std::string_view arch, std::string_view number) {
  int n = 0;
  if (!absl::SimpleAtoi(Av(number), &n)) return std::string(number);  // already a name (`ausearch -i`)
  for (const SyscallName& s : kSyscalls) {
    if (s.arch == arch && s.number == n) return std::string(s.name);
  }
  return std::string(number);
}

// Fields auditd hex-encodes when their value is not plain text.
bool MayBeHex(std::string_view type, std::string_view name) {
  if (type == "EXECVE" && name.size() >= 2 && name[0] == 'a' && std::isdigit(name[1]) != 0) return true;
  static constexpr std::string_view kNames[] = {"proctitle", "name", "exe", "comm", "cwd",
                                                "acct", "cmd", "path", "data", "key"};
  return std::find(std::begin(kNames), std::end(kNames), name) != std::end(kNames);
}

bool IsHex(std::string_view s) {
  return !s.empty() && s.size() % 2 == 0 &&
         std::all_of(s.begin(), s.end(), [](char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0; });
}

std::string HexDecode(std::string_view hex) {
  std::string out;
  out.reserve(hex.size() / 2);
  for (size_t i = 0; i + 1 < hex.size(); i += 2) {
    int byte = 0;
    absl::SimpleHexAtoi(Av(hex.substr(i, 2)), &byte);
    out.push_back(static_cast<char>(byte));
  }
  return out;
}

// `struct sockaddr` as hex: family (little-endian u16), then for inet
// port (big-endian u16) and address; for local a path.
void AddSockaddr(std::string_view hex, std::vector<std::pair<std::string, std::string>>& out) {
  if (!IsHex(hex) || hex.size() < 4) return;
  const std::string b = HexDecode(hex);
  auto u8 = [&](size_t i) { return static_cast<unsigned>(static_cast<unsigned char>(b[i])); };
  const unsigned family = u8(0) | (u8(1) << 8);
  if (family == 2 && b.size() >= 8) {
    out.emplace_back("SOCKADDR.family", "inet");
    out.emplace_back("SOCKADDR.addr", absl::StrCat(u8(4), ".", u8(5), ".", u8(6), ".", u8(7)));
    out.emplace_back("SOCKADDR.port", absl::StrCat((u8(2) << 8) | u8(3)));
  } else if (family == 10 && b.size() >= 24) {
    std::string addr;
    for (size_t i = 8; i < 24; i += 2) {
      absl::StrAppend(&addr, i == 8 ? "" : ":", absl::Hex((u8(i) << 8) | u8(i + 1)));
    }
    out.emplace_back("SOCKADDR.family", "inet6");
    out.emplace_back("SOCKADDR.addr", addr);
    out.emplace_back("SOCKADDR.port", absl::StrCat((u8(2) << 8) | u8(3)));
  } else if (family == 1) {
    std::string path = b.substr(2);
    path.erase(std::find(path.begin(), path.end(), '\0'), path.end());
    out.emplace_back("SOCKADDR.family", "local");
    out.emplace_back("SOCKADDR.path", path);
  } else {
    out.emplace_back("SOCKADDR.family", absl::StrCat(family));
  }
}

// key=value pairs; values are "double quoted", 'single quoted' (the `msg`
// of user-space records, whose pairs are read as the record's own) or bare.
void ParsePairs(std::string_view text, std::string_view type,
                std::vector<std::pair<std::string, std::string>>& out, bool interpreted) {
  size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && (text[i] == ' ' || text[i] == '\x1d')) {
      if (text[i] == '\x1d') interpreted = true;  // enriched format: interpreted values follow
      ++i;
    }
    const size_t eq = text.find('=', i);
    if (eq == std::string_view::npos) break;
    const std::string_view name = text.substr(i, eq - i);
    i = eq + 1;
    std::string value;
    bool quoted = false;
    if (i < text.size() && (text[i] == '"' || text[i] == '\'')) {
      const char quote = text[i];
      const size_t close = text.find(quote, i + 1);
      const size_t stop = close == std::string_view::npos ? text.size() : close;
      value = std::string(text.substr(i + 1, stop - i - 1));
      i = stop + 1;
      quoted = true;
      if (quote == '\'' && name == "msg") {
        ParsePairs(value, type, out, interpreted);
        continue;
      }
    } else {
      size_t stop = i;
      while (stop < text.size() && text[stop] != ' ' && text[stop] != '\x1d') ++stop;
      value = std::string(text.substr(i, stop - i));
      i = stop;
    }
    if (name.empty() || name.find(' ') != std::string_view::npos) continue;
    // The enriched format repeats ids and names in upper case (AUID="bob"):
    // kept under their own names.
    if (!quoted && !interpreted && MayBeHex(type, name) && IsHex(value)) {
      value = HexDecode(value);
      if (name == "proctitle") std::replace(value.begin(), value.end(), '\0', ' ');
      while (!value.empty() && (value.back() == ' ' || value.back() == '\0' || value.back() == '\n' || value.back() == '\r')) value.pop_back();
    }
    if (type == "SOCKADDR" && name == "saddr") AddSockaddr(value, out);
    out.emplace_back(absl::StrCat(Av(type), ".", Av(name)), std::move(value));
  }
}

struct Group {
  std::string id;  // "1772456530.118:1801"
  int64_t line = 0;
  bool syscall = false;
  std::string first_type;
  std::string node;
  std::vector<std::pair<std::string, std::string>> fields;
};

class AuditdReader final : public RecordReader {
 public:
  explicit AuditdReader(std::unique_ptr<InputStream> input)
      : input_(std::move(input)), lines_(*input_, kMaxRecordBytes) {}

  Step Next(SourceRecord& record, ReadError& error) override {
    std::string_view line;
    int64_t number = 0;
    bool truncated = false;
    while (ready_.empty()) {
      if (!lines_.Next(line, number, truncated)) {
        if (open_.empty()) return Step::kEnd;
        Close(open_.size());
        break;
      }
      if (line.find_first_not_of(" \t") == std::string_view::npos) continue;
      if (truncated) {
        error = {number, std::nullopt, ReadErrorReason::kTooLarge,
                 absl::StrCat("a line longer than ", kMaxRecordBytes, " bytes")};
        return Step::kError;
      }
      if (!AddLine(line, number, error)) return Step::kError;
    }
    Group group = std::move(ready_.front());
    ready_.pop_front();
    return ToRecord(group, record, error);
  }

  absl::Status status() const override { return input_->status(); }
  uint64_t bytes() const override { return input_->file_bytes(); }

 private:
  // Events whose records are interleaved with others' stay open; a record
  // kind that is complete in one line, or EOE, closes its event. More open
  // events than this means their EOE is not coming (old kernels, cut logs).
  static constexpr size_t kMaxOpen = 32;

  bool AddLine(std::string_view line, int64_t number, ReadError& error) {
    error = {number, std::nullopt, ReadErrorReason::kMissingField, ""};
    std::string node;
    if (line.starts_with("node=")) {
      const size_t space = line.find(' ');
      node = std::string(line.substr(5, space == std::string_view::npos ? line.npos : space - 5));
      line = space == std::string_view::npos ? std::string_view() : line.substr(space + 1);
    }
    if (!line.starts_with("type=")) {
      error.message = "an audit line that does not start with type= (or node=... type=)";
      return false;
    }
    const size_t type_end = line.find(' ');
    const std::string type(line.substr(5, type_end == line.npos ? line.npos : type_end - 5));
    const size_t msg = line.find("msg=audit(");
    const size_t close = msg == line.npos ? line.npos : line.find(')', msg);
    if (close == line.npos) {
      error.message = absl::StrCat("a ", type, " record without its msg=audit(TIME:SERIAL) id");
      return false;
    }
    const std::string id(line.substr(msg + 10, close - msg - 10));
    const size_t colon = id.find(':');
    double seconds = 0;
    if (colon == std::string::npos || !absl::SimpleAtod(id.substr(0, colon), &seconds)) {
      error.column = static_cast<int64_t>(msg) + 1;
      error.message = absl::StrCat("a ", type, " record whose audit id `", id, "` is not TIME:SERIAL");
      return false;
    }
    auto it = std::find_if(open_.begin(), open_.end(), [&](const Group& g) { return g.id == id; });
    if (it == open_.end()) {
      open_.push_back(Group{id, number, false, type, node, {}});
      it = std::prev(open_.end());
    }
    if (type == "EOE") {
      ready_.push_back(std::move(*it));
      open_.erase(it);
      return true;
    }
    it->syscall = it->syscall || type == "SYSCALL";
    std::string_view rest = line.substr(std::min(line.size(), close + 1));
    if (rest.starts_with(":")) rest.remove_prefix(1);
    ParsePairs(rest, type, it->fields, false);
    // A user-space record (login, account change, ...) is an event alone.
    if (!it->syscall && it->first_type == type && !IsKernelPart(type)) {
      ready_.push_back(std::move(*it));
      open_.erase(it);
    }
    if (open_.size() > kMaxOpen) Close(1);
    return true;
  }

  static bool IsKernelPart(std::string_view type) {
    static constexpr std::string_view kParts[] = {"SYSCALL", "EXECVE", "PATH", "CWD", "SOCKADDR",
                                                  "PROCTITLE", "BPRM_FCAPS", "MMAP", "FD_PAIR",
                                                  "OBJ_PID", "NETFILTER_CFG", "CAPSET", "SOCKETCALL"};
    return std::find(std::begin(kParts), std::end(kParts), type) != std::end(kParts);
  }

  void Close(size_t count) {
    for (size_t i = 0; i < count && !open_.empty(); ++i) {
      ready_.push_back(std::move(open_.front()));
      open_.pop_front();
    }
  }

  Step ToRecord(Group& group, SourceRecord& record, ReadError& error) {
    record.fields.clear();
    record.source = "auditd";
    record.location = group.line;
    const size_t colon = group.id.find(':');
    double seconds = 0;
    (void)absl::SimpleAtod(group.id.substr(0, colon), &seconds);
    const absl::Time time = absl::FromUnixMillis(static_cast<int64_t>(seconds * 1000 + 0.5));
    record.timestamp = absl::FormatTime("%Y-%m-%dT%H:%M:%E3SZ", time, absl::UTCTimeZone());
    record.Add("audit_id", group.id);
    record.Add("serial", group.id.substr(colon + 1));
    if (!group.node.empty()) record.Add("node", group.node);
    std::string arch, syscall, argv, interpreted_syscall;
    for (const auto& [name, value] : group.fields) {
      if (name == "SYSCALL.arch") arch = value;
      if (name == "SYSCALL.syscall") syscall = value;
      if (name == "SYSCALL.SYSCALL") interpreted_syscall = value;
      if (name.starts_with("EXECVE.a") && name != "EXECVE.argc" && name.find("_len") == std::string::npos) {
        absl::StrAppend(&argv, argv.empty() || name.find('[') != std::string::npos ? "" : " ", value);
      }
    }
    if (group.syscall) {
      record.event_id = !interpreted_syscall.empty() ? interpreted_syscall : SyscallNameOf(arch, syscall);
      if (syscall.empty()) {
        error = {group.line, std::nullopt, ReadErrorReason::kMissingField,
                 absl::StrCat("audit event ", group.id, ": its SYSCALL record has no syscall= field")};
        return Step::kError;
      }
    } else {
      record.event_id = group.first_type;
    }
    // The event's subject file: the PATH item created or deleted (unlink's
    // item 1; item 0 is the parent directory), else the first PATH (the
    // file opened, the program run).
    std::string subject, last_path;
    for (const auto& [name, value] : group.fields) {
      if (name == "PATH.name") {
        last_path = value;
        if (subject.empty()) subject = value;
      }
      if (name == "PATH.nametype" && (value == "CREATE" || value == "DELETE")) subject = last_path;
    }
    for (auto& field : group.fields) record.fields.push_back(std::move(field));
    if (!argv.empty()) record.Add("EXECVE.argv", argv);
    if (!subject.empty()) record.Add("PATH.subject", subject);
    return Step::kRecord;
  }

  std::unique_ptr<InputStream> input_;
  LineReader lines_;
  std::deque<Group> open_;
  std::deque<Group> ready_;
};

}  // namespace

std::unique_ptr<RecordReader> NewAuditdReader(std::unique_ptr<InputStream> input) {
  return std::make_unique<AuditdReader>(std::move(input));
}

}  // namespace yaral::raw

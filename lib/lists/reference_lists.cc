// Reference lists: compiling entries per kind, membership, loading a
// directory (include/yaral/reference_lists.h, docs/lists.md).
#include "yaral/reference_lists.h"

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <mutex>
#include <system_error>
#include <unordered_set>
#include <utility>

#include "lists/ip_prefix.h"
#include "lists/list_file.h"
#include "re2/re2.h"
#include "re2/set.h"

namespace yaral {
namespace {

// SecOps's reference-list limits (spec §4.8, §14). "MB" is read as MiB.
constexpr size_t kMiB = 1024 * 1024;
constexpr size_t kStringListBytes = 6 * kMiB;
constexpr size_t kStringLineChars = 5000;
constexpr size_t kSmallListBytes = kMiB / 10;  // REGEX and CIDR: 0.1 MB
constexpr size_t kRegexListEntries = 100;
constexpr size_t kCidrListEntries = 150;
// RE2's default budget (8 MiB) is for one pattern; a set of many patterns
// needs more before it falls back to slower matching.
constexpr int64_t kRegexSetMemory = 64 * kMiB;

// Heterogeneous lookup, so a string_view value needs no copy.
struct StringHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};
using StringSet = std::unordered_set<std::string, StringHash, std::equal_to<>>;

size_t KindIndex(ast::ListKind kind) { return static_cast<size_t>(kind); }

size_t CodePoints(std::string_view s) {
  return static_cast<size_t>(
      std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

std::string Plural(size_t n, std::string_view word) {
  return std::to_string(n) + " " + std::string(word) + (n == 1 ? "" : "s");
}

std::unique_ptr<RE2::Set> CompileSet(const std::vector<std::string>& patterns, bool nocase) {
  if (patterns.empty()) return nullptr;
  RE2::Options options;
  options.set_log_errors(false);
  options.set_case_sensitive(!nocase);
  options.set_max_mem(kRegexSetMemory);
  auto set = std::make_unique<RE2::Set>(options, RE2::UNANCHORED);
  for (const std::string& p : patterns) set->Add(p, nullptr);
  if (!set->Compile()) return nullptr;
  return set;
}

}  // namespace

// The compiled forms of one list, one state per kind, each built once.
struct ReferenceList::Index {
  struct KindState {
    std::once_flag once;
    bool ok = true;
    std::vector<Diagnostic> diagnostics;
    std::atomic<bool> reported{false};
    std::vector<std::string> values;  // valid entries, unescaped for the kind
  };

  bool file_syntax = false;    // entries carry escapes to resolve
  bool secops_limits = false;  // a reference list (not a table column)
  size_t source_bytes = 0;
  KindState kinds[3];

  StringSet exact;
  std::once_flag lower_once;
  StringSet lower;

  std::unique_ptr<RE2::Set> regex;
  bool regex_compile_failed = false;
  std::once_flag regex_nocase_once;
  std::unique_ptr<RE2::Set> regex_nocase;

  lists::PrefixTrie trie;

  void Build(const ReferenceList& list, ast::ListKind kind);
  void CheckLimits(const ReferenceList& list, ast::ListKind kind, KindState& state);
};

void ReferenceList::Index::CheckLimits(const ReferenceList& list, ast::ListKind kind,
                                       KindState& state) {
  size_t max_bytes = kind == ast::ListKind::kString ? kStringListBytes : kSmallListBytes;
  if (source_bytes > max_bytes) {
    state.diagnostics.push_back(lists::MakeDiagnostic(
        Severity::kWarning, codes::kListLimit,
        "the " + std::string(ListKindName(kind)) + " list `" + list.name() + "` is " +
            std::to_string(source_bytes) + " bytes; SecOps accepts at most " +
            std::to_string(max_bytes),
        SourceSpan{}));
  }
  size_t max_entries = kind == ast::ListKind::kRegex  ? kRegexListEntries
                       : kind == ast::ListKind::kCidr ? kCidrListEntries
                                                       : SIZE_MAX;
  if (list.entries().size() > max_entries) {
    state.diagnostics.push_back(lists::MakeDiagnostic(
        Severity::kWarning, codes::kListLimit,
        "the " + std::string(ListKindName(kind)) + " list `" + list.name() + "` has " +
            Plural(list.entries().size(), "entry") + "; SecOps accepts at most " +
            std::to_string(max_entries),
        list.entries()[max_entries].span, "this is the first entry over the limit"));
  }
  if (kind != ast::ListKind::kString) return;
  for (const ListEntry& e : list.entries()) {
    if (CodePoints(e.text) > kStringLineChars) {
      state.diagnostics.push_back(lists::MakeDiagnostic(
          Severity::kWarning, codes::kListLimit,
          "list entry of " + std::to_string(CodePoints(e.text)) +
              " characters; SecOps accepts lines of at most " + std::to_string(kStringLineChars),
          e.span));
    }
  }
}

void ReferenceList::Index::Build(const ReferenceList& list, ast::ListKind kind) {
  KindState& state = kinds[KindIndex(kind)];
  if (secops_limits) CheckLimits(list, kind, state);
  RE2::Options options;
  options.set_log_errors(false);
  for (const ListEntry& e : list.entries()) {
    std::string value = file_syntax ? lists::UnescapeEntry(e.text, kind) : e.text;
    if (kind == ast::ListKind::kRegex) {
      RE2 re(value, options);
      if (!re.ok()) {
        state.ok = false;
        state.diagnostics.push_back(lists::MakeDiagnostic(
            Severity::kError, codes::kInvalidRegex,
            "invalid regular expression in list `" + list.name() + "`: " + re.error(), e.span,
            "a regex list holds one RE2 pattern a line; a `//` inside one is written `\\/\\/`"));
        continue;
      }
    } else if (kind == ast::ListKind::kCidr) {
      std::optional<lists::CidrRange> range = lists::ParseCidr(value);
      if (!range.has_value()) {
        state.ok = false;
        state.diagnostics.push_back(lists::MakeDiagnostic(
            Severity::kError, codes::kInvalidCidr,
            "`" + value + "` in list `" + list.name() + "` is not a CIDR range", e.span,
            "write an IPv4 or IPv6 address with an optional prefix: `10.0.0.0/8`, `2001:db8::/32`"));
        continue;
      }
      trie.Insert(*range);
    }
    state.values.push_back(std::move(value));
  }
  if (kind == ast::ListKind::kString) {
    exact.insert(state.values.begin(), state.values.end());
  } else if (kind == ast::ListKind::kRegex) {
    regex = CompileSet(state.values, false);
    if (regex == nullptr && !state.values.empty()) {
      state.ok = false;
      regex_compile_failed = true;
      state.diagnostics.push_back(lists::MakeDiagnostic(
          Severity::kError, codes::kInvalidRegex,
          "the regex list `" + list.name() + "` is too large to compile", SourceSpan{}));
    }
  }
}

ReferenceList::ReferenceList(std::string name, std::shared_ptr<const SourceFile> source,
                             std::vector<ListEntry> entries,
                             std::optional<ast::ListKind> declared_kind, bool file_syntax,
                             bool secops_limits)
    : name_(std::move(name)),
      source_(std::move(source)),
      entries_(std::move(entries)),
      declared_kind_(declared_kind),
      index_(std::make_unique<Index>()) {
  index_->file_syntax = file_syntax;
  index_->secops_limits = secops_limits;
  index_->source_bytes = source_->text().size();
}

ReferenceList::~ReferenceList() = default;

PrepareResult ReferenceList::Prepare(ast::ListKind kind, bool nocase) const {
  PrepareResult result;
  if (declared_kind_.has_value() && *declared_kind_ != kind) {
    result.ok = false;
    Diagnostic d = lists::MakeDiagnostic(
        Severity::kError, codes::kListKindConflict,
        "`" + name_ + "` is a " + std::string(ListKindName(*declared_kind_)) +
            " list but is used as a " + std::string(ListKindName(kind)) + " list",
        kind_span_,
        *declared_kind_ == ast::ListKind::kString
            ? "test it with `in %" + name_ + "`"
            : "test it with `in " + std::string(ListKindName(*declared_kind_)) + " %" + name_ + "`");
    result.diagnostics.push_back({source_, std::move(d)});
  }
  Index::KindState& state = index_->kinds[KindIndex(kind)];
  std::call_once(state.once, [&] { index_->Build(*this, kind); });
  if (nocase) Contains("", kind, true);  // builds the case-insensitive form now
  result.ok = result.ok && state.ok;
  if (!state.reported.exchange(true)) {
    for (const Diagnostic& d : state.diagnostics) result.diagnostics.push_back({source_, d});
  }
  return result;
}

bool ReferenceList::Contains(std::string_view value, ast::ListKind kind, bool nocase) const {
  Index& index = *index_;
  Index::KindState& state = index.kinds[KindIndex(kind)];
  std::call_once(state.once, [&] { index.Build(*this, kind); });
  switch (kind) {
    case ast::ListKind::kString: {
      if (!nocase) return index.exact.contains(value);
      std::call_once(index.lower_once, [&] {
        for (const std::string& v : state.values) index.lower.insert(lists::AsciiLower(v));
      });
      return index.lower.contains(lists::AsciiLower(value));
    }
    case ast::ListKind::kRegex: {
      const RE2::Set* set = index.regex.get();
      if (nocase) {
        std::call_once(index.regex_nocase_once,
                       [&] { index.regex_nocase = CompileSet(state.values, true); });
        set = index.regex_nocase.get();
      }
      return set != nullptr && set->Match(value, nullptr);
    }
    case ast::ListKind::kCidr: {
      std::optional<lists::IpAddress> address = lists::ParseIpAddress(value);
      return address.has_value() && index.trie.Contains(*address);
    }
  }
  return false;
}

std::string RenderSourcedDiagnostic(const SourcedDiagnostic& d, const RenderOptions& options) {
  if (d.file == nullptr) return RenderDiagnostic(d.diagnostic, SourceFile("<lists>", ""), options);
  return RenderDiagnostic(d.diagnostic, *d.file, options);
}

bool HasErrors(const std::vector<SourcedDiagnostic>& diagnostics) {
  return std::any_of(diagnostics.begin(), diagnostics.end(), [](const SourcedDiagnostic& d) {
    return d.diagnostic.severity == Severity::kError;
  });
}

std::string_view ListKindName(ast::ListKind kind) {
  switch (kind) {
    case ast::ListKind::kString:
      return "string";
    case ast::ListKind::kRegex:
      return "regex";
    case ast::ListKind::kCidr:
      return "cidr";
  }
  return "string";
}

std::optional<ast::ListKind> ParseListKind(std::string_view name) {
  std::string lower = lists::AsciiLower(name);
  if (lower == "string") return ast::ListKind::kString;
  if (lower == "regex") return ast::ListKind::kRegex;
  if (lower == "cidr") return ast::ListKind::kCidr;
  return std::nullopt;
}

// ---------------------------------------------------------------------------
// ReferenceListSet

ReferenceListSet::ReferenceListSet() = default;
ReferenceListSet::~ReferenceListSet() = default;
ReferenceListSet::ReferenceListSet(ReferenceListSet&&) noexcept = default;
ReferenceListSet& ReferenceListSet::operator=(ReferenceListSet&&) noexcept = default;

std::vector<SourcedDiagnostic> ReferenceListSet::Insert(std::unique_ptr<ReferenceList> list) {
  std::vector<SourcedDiagnostic> out;
  // A declared kind is known now, so the file is checked at load time.
  if (list->declared_kind().has_value()) out = list->Prepare(*list->declared_kind()).diagnostics;
  std::string name = list->name();
  lists_[name] = std::move(list);
  RebuildAliases();
  return out;
}

std::vector<SourcedDiagnostic> ReferenceListSet::AddFile(std::string name, std::string file_name,
                                                         std::string text) {
  auto source = std::make_shared<const SourceFile>(std::move(file_name), std::move(text));
  lists::ParsedListFile parsed = lists::ParseListFile(*source);
  std::vector<SourcedDiagnostic> out;
  for (Diagnostic& d : parsed.diagnostics) out.push_back({source, std::move(d)});
  std::unique_ptr<ReferenceList> list(new ReferenceList(std::move(name), source,
                                                        std::move(parsed.entries),
                                                        parsed.declared_kind, true, true));
  list->kind_span_ = parsed.kind_span;
  for (SourcedDiagnostic& d : Insert(std::move(list))) out.push_back(std::move(d));
  return out;
}

std::vector<SourcedDiagnostic> ReferenceListSet::Add(std::string name, ast::ListKind kind,
                                                     std::vector<std::string> entries) {
  std::string text;
  std::vector<ListEntry> list_entries;
  for (std::string& e : entries) {
    uint32_t begin = static_cast<uint32_t>(text.size());
    text += e;
    list_entries.push_back({std::move(e), SourceSpan{begin, static_cast<uint32_t>(text.size())}});
    text += '\n';
  }
  auto source = std::make_shared<const SourceFile>("<list " + name + ">", std::move(text));
  return Insert(std::unique_ptr<ReferenceList>(new ReferenceList(
      std::move(name), std::move(source), std::move(list_entries), kind, false, true)));
}

void ReferenceListSet::RebuildAliases() {
  aliases_.clear();
  std::map<std::string, int, std::less<>> counts;
  for (const auto& [name, list] : lists_) {
    size_t cut = name.rfind("__");
    if (cut == std::string::npos || cut + 2 == name.size()) continue;
    std::string alias = name.substr(cut + 2);
    if (lists_.count(alias) != 0) continue;
    if (++counts[alias] == 1) {
      aliases_[alias] = name;
    } else {
      aliases_.erase(alias);  // ambiguous: only the full names work
    }
  }
}

const ReferenceList* ReferenceListSet::Find(std::string_view name) const {
  if (auto it = lists_.find(name); it != lists_.end()) return it->second.get();
  if (auto it = aliases_.find(name); it != aliases_.end()) return lists_.find(it->second)->second.get();
  return nullptr;
}

PrepareResult ReferenceListSet::Prepare(std::string_view name, ast::ListKind kind,
                                        bool nocase) const {
  if (const ReferenceList* list = Find(name)) return list->Prepare(kind, nocase);
  PrepareResult result;
  result.ok = false;
  Diagnostic d = lists::MakeDiagnostic(Severity::kError, codes::kUnknownList,
                                       "no reference list named `" + std::string(name) + "`",
                                       SourceSpan{}, "add a file for it to the --lists directory");
  result.diagnostics.push_back({std::make_shared<const SourceFile>("<lists>", ""), std::move(d)});
  return result;
}

bool ReferenceListSet::Contains(std::string_view name, std::string_view value,
                                ast::ListKind kind, bool nocase) const {
  const ReferenceList* list = Find(name);
  return list != nullptr && list->Contains(value, kind, nocase);
}

std::vector<std::string> ReferenceListSet::Names() const {
  std::vector<std::string> names;
  for (const auto& [name, list] : lists_) names.push_back(name);
  return names;
}

ReferenceListLoad ReferenceListSet::LoadDirectory(const std::string& directory) {
  namespace fs = std::filesystem;
  ReferenceListLoad load;
  auto unreadable = [&](const std::string& file, const std::string& message) {
    load.diagnostics.push_back(
        {std::make_shared<const SourceFile>(file, ""),
         lists::MakeDiagnostic(Severity::kError, codes::kListFileUnreadable, message, SourceSpan{})});
  };
  std::error_code ec;
  std::vector<fs::path> files;
  for (fs::directory_iterator it(directory, ec), end; !ec && it != end; it.increment(ec)) {
    const fs::path& path = it->path();
    std::string ext = path.extension().string();
    if (path.filename().string().starts_with(".")) continue;
    if (ext != "" && ext != ".txt" && ext != ".list") continue;
    std::error_code type_ec;
    if (!it->is_regular_file(type_ec)) continue;
    files.push_back(path);
  }
  if (ec) {
    unreadable(directory, "cannot read the list directory `" + directory + "`: " + ec.message());
    return load;
  }
  std::sort(files.begin(), files.end());  // the same diagnostics on every system
  for (const fs::path& path : files) {
    std::string name = path.stem().string();
    std::string error;
    std::optional<std::string> text = lists::ReadFile(path.string(), &error);
    if (!text.has_value()) {
      unreadable(path.string(), error);
      continue;
    }
    if (load.set.lists_.count(name) != 0) {
      load.diagnostics.push_back(
          {std::make_shared<const SourceFile>(path.string(), ""),
           lists::MakeDiagnostic(Severity::kError, codes::kDuplicateListName,
                                 "another file in the directory already defines the list `" +
                                     name + "`; this file is ignored",
                                 SourceSpan{}, "keep one of `NAME`, `NAME.txt`, `NAME.list`")});
      continue;
    }
    for (SourcedDiagnostic& d : load.set.AddFile(name, path.string(), std::move(*text))) {
      load.diagnostics.push_back(std::move(d));
    }
  }
  return load;
}

}  // namespace yaral

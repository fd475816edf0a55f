// Reference lists: the `%name` of `in %name`, `in regex %name` and
// `in cidr %name` (spec §4.8), loaded from files or given in memory.
//
//   yaral::ReferenceListLoad load = yaral::ReferenceListSet::LoadDirectory("lists/");
//   for (const yaral::SourcedDiagnostic& d : load.diagnostics)
//     std::cerr << yaral::RenderSourcedDiagnostic(d);
//   // lists/bad_hosts.txt:7:1: error: invalid regular expression in list ... [E305]
//   yaral::ReferenceListSet& lists = load.set;
//   // Compile step, once per (list, kind) a rule uses:
//   yaral::PrepareResult p = lists.Prepare("bad_hosts", yaral::ast::ListKind::kRegex);
//   // Evaluation, from any thread:
//   const yaral::ReferenceList* list = lists.Find("bad_hosts");
//   bool hit = list->Contains("evil-01.example", yaral::ast::ListKind::kRegex, /*nocase=*/true);
//
// A list file holds one entry per line; `//` starts a comment, `\` escapes the
// next character, blank lines are ignored, a `/* ... */` block before the
// first entry is a comment (license headers), and an optional
// `// yaral:kind=regex` line before the first entry declares the kind.
// Without it the kind comes from use: the text is kept and compiled for
// each kind a rule asks for. docs/lists.md is the full description.
//
// Errors: a bad file, a bad regex or CIDR, a kind conflict or a SecOps size
// limit comes back as a SourcedDiagnostic pointing at the list file's line
// (limits are warnings: the list still works locally). Invalid entries are
// skipped; the rest of the list still matches. Nothing here throws. The
// codes (E700–E712, yaral::codes::kListFileUnreadable …) are declared with
// all the others in yaral/diagnostics.h.
//
// Thread-safety: loading, Add and Prepare build a set; do them on one thread
// before sharing it. Contains and every const method are then safe from any
// number of threads. Contains on a kind that was never prepared compiles it
// on first use, safely (std::call_once), but its diagnostics only reach the
// caller through a later Prepare: prepare every kind a rule uses while
// checking it.
#ifndef YARAL_REFERENCE_LISTS_H_
#define YARAL_REFERENCE_LISTS_H_

#include <cstddef>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "yaral/ast.h"
#include "yaral/diagnostics.h"
#include "yaral/source.h"

namespace yaral {

// A diagnostic and the list or table file its spans point into.
struct SourcedDiagnostic {
  std::shared_ptr<const SourceFile> file;
  Diagnostic diagnostic;
};

std::string RenderSourcedDiagnostic(const SourcedDiagnostic& d, const RenderOptions& options = {});
bool HasErrors(const std::vector<SourcedDiagnostic>& diagnostics);

// "string", "regex", "cidr".
std::string_view ListKindName(ast::ListKind kind);
// Parses a kind name, case-insensitively; nullopt when unknown.
std::optional<ast::ListKind> ParseListKind(std::string_view name);

// One entry as written: comments and surrounding blanks removed, escapes
// still in place (they are resolved per kind: in a regex list only `\/`
// becomes `/`, everything else goes to RE2 as written).
struct ListEntry {
  std::string text;
  SourceSpan span;  // in the list's source()
};

struct PrepareResult {
  // False when the list does not exist, its kind conflicts with the use, or
  // some entry is invalid for the kind (then the valid entries still work).
  bool ok = true;
  // Reported once: only the Prepare call that compiled this kind returns
  // them (a kind conflict and an unknown list are reported every time).
  std::vector<SourcedDiagnostic> diagnostics;
};

class ReferenceList {
 public:
  ~ReferenceList();
  ReferenceList(const ReferenceList&) = delete;
  ReferenceList& operator=(const ReferenceList&) = delete;

  const std::string& name() const { return name_; }
  // The kind the file declares, if it does (in-memory lists always do).
  std::optional<ast::ListKind> declared_kind() const { return declared_kind_; }
  const std::shared_ptr<const SourceFile>& source() const { return source_; }
  const std::vector<ListEntry>& entries() const { return entries_; }

  // Compiles the list for `kind` (and its `nocase` variant when asked)
  // unless done already. See PrepareResult for what is reported when.
  PrepareResult Prepare(ast::ListKind kind, bool nocase = false) const;

  // Membership (spec §4.8). kString: `value` equals an entry (O(1) hash
  // lookup; `nocase` compares ASCII-lowercased). kRegex: some entry matches
  // somewhere in `value` (one RE2::Set, unanchored; `nocase` uses a second,
  // case-insensitive set). kCidr: `value` is an IPv4 or IPv6 address inside
  // some entry's range (a binary prefix trie); `nocase` is ignored and a
  // value that is not an address is in no range.
  bool Contains(std::string_view value, ast::ListKind kind, bool nocase = false) const;

 private:
  friend class ReferenceListSet;
  friend class DataTable;
  friend class DataTableSet;
  struct Index;  // compiled forms, lib/lists/reference_lists.cc

  ReferenceList(std::string name, std::shared_ptr<const SourceFile> source,
                std::vector<ListEntry> entries, std::optional<ast::ListKind> declared_kind,
                bool file_syntax, bool secops_limits);

  std::string name_;
  std::shared_ptr<const SourceFile> source_;
  std::vector<ListEntry> entries_;
  std::optional<ast::ListKind> declared_kind_;
  SourceSpan kind_span_;  // the `yaral:kind=` line, for conflict diagnostics
  std::unique_ptr<Index> index_;
};

struct ReferenceListLoad;

class ReferenceListSet {
 public:
  ReferenceListSet();
  ~ReferenceListSet();
  ReferenceListSet(ReferenceListSet&&) noexcept;
  ReferenceListSet& operator=(ReferenceListSet&&) noexcept;

  // Loads every `*.txt`, `*.list` and extension-less regular file in
  // `directory` (not recursively; dotfiles skipped). The name is the file
  // name without its extension. A name with `__` (the corpus's flattened
  // paths, `owner__repo__dir__name`) is also reachable by its last
  // `__`-separated part when no other list has that name. Lists that
  // declare their kind are compiled (and checked) now.
  static ReferenceListLoad LoadDirectory(const std::string& directory);

  // One list from text (`file_name` is what diagnostics print). Replaces a
  // list of the same name. Returns the file's diagnostics.
  std::vector<SourcedDiagnostic> AddFile(std::string name, std::string file_name,
                                         std::string text);

  // An in-memory list (API, Python): `entries` are literal values (no
  // comments, no escapes). Replaces a list of the same name. Diagnostics
  // point into a synthetic source named `<list NAME>` with one entry a line.
  std::vector<SourcedDiagnostic> Add(std::string name, ast::ListKind kind,
                                     std::vector<std::string> entries);

  // The list called `name` (or its `__` alias), or null.
  const ReferenceList* Find(std::string_view name) const;
  // Prepare on the named list; an unknown name is an E705 error.
  PrepareResult Prepare(std::string_view name, ast::ListKind kind, bool nocase = false) const;
  // Contains on the named list; false for an unknown list.
  bool Contains(std::string_view name, std::string_view value, ast::ListKind kind,
                bool nocase = false) const;

  std::vector<std::string> Names() const;  // sorted, without aliases
  size_t size() const { return lists_.size(); }

 private:
  std::vector<SourcedDiagnostic> Insert(std::unique_ptr<ReferenceList> list);
  void RebuildAliases();

  std::map<std::string, std::unique_ptr<ReferenceList>, std::less<>> lists_;
  std::map<std::string, std::string, std::less<>> aliases_;  // alias -> name
};

struct ReferenceListLoad {
  ReferenceListSet set;
  std::vector<SourcedDiagnostic> diagnostics;
};

}  // namespace yaral

#endif  // YARAL_REFERENCE_LISTS_H_

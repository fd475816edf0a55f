// Data tables: the `%table.column` of spec §10.4, loaded from CSV files.
//
//   yaral::DataTableLoad load = yaral::DataTableSet::LoadDirectory("tables/");
//   for (const yaral::SourcedDiagnostic& d : load.diagnostics)
//     std::cerr << yaral::RenderSourcedDiagnostic(d);
//   // tables/users.csv:4:12: error: unterminated quoted field [E710]
//   const yaral::DataTable* users = load.set.Find("users");
//   // `$e.principal.user.userid in %users.uid`:
//   bool hit = users->ColumnContains("uid", "alice", yaral::ast::ListKind::kString, false);
//   // Row joins (`$e.principal.hostname = %users.host`): scan rows().
//   size_t host = *users->ColumnIndex("host");
//   for (const auto& row : users->rows()) Use(row[host]);
//
// A table is one CSV file (RFC 4180: `,` separated, `"` quoted, `""` for a
// quote inside quotes, LF or CRLF line ends, quoted fields may span lines;
// blank lines are skipped). The first row is required and names the
// columns, optionally typed: `name:string`, `name:int`, `name:float`,
// `name:regex`, `name:cidr`. An untyped column is `int` when every
// non-empty cell is a 64-bit integer, else `float` when every one is a
// number, else `string`. A file without a header row (the corpus's
// `1,google.com` file) is an E711 error; callers that know the columns pass
// them in DataTableOptions instead. docs/lists.md has the details.
//
// Errors come back as SourcedDiagnostic at the file's line and column; a
// malformed row is skipped, the rest of the table loads. Nothing throws.
//
// Thread-safety: build a set on one thread; afterwards every const method,
// including ColumnContains (which compiles a column's lookup form on first
// use under std::call_once), is safe from any number of threads.
#ifndef YARAL_DATA_TABLES_H_
#define YARAL_DATA_TABLES_H_

#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "yaral/ast.h"
#include "yaral/reference_lists.h"
#include "yaral/source.h"

namespace yaral {

enum class ColumnType { kString, kInt, kFloat, kRegex, kCidr };

std::string_view ColumnTypeName(ColumnType type);  // "string", "int", ...
std::optional<ColumnType> ParseColumnType(std::string_view name);

struct DataTableColumn {
  std::string name;
  ColumnType type = ColumnType::kString;
  bool declared = false;  // typed in the header rather than inferred
};

struct DataTableOptions {
  // When set, the file has no header row and these are its columns
  // (`name` or `name:type`, as in a header).
  std::vector<std::string> columns;
};

class DataTable {
 public:
  ~DataTable();
  DataTable(const DataTable&) = delete;
  DataTable& operator=(const DataTable&) = delete;

  const std::string& name() const { return name_; }
  const std::shared_ptr<const SourceFile>& source() const { return source_; }
  const std::vector<DataTableColumn>& columns() const { return columns_; }
  std::optional<size_t> ColumnIndex(std::string_view column) const;

  // Cells as written (quotes removed); every row has columns().size() cells.
  const std::vector<std::vector<std::string>>& rows() const { return rows_; }
  // Where row `row` starts in source(), for diagnostics about it.
  SourceSpan RowSpan(size_t row) const { return row_spans_[row]; }
  // A cell read as its column's number; nullopt when empty or not a number.
  std::optional<int64_t> IntCell(size_t row, size_t column) const;
  std::optional<double> FloatCell(size_t row, size_t column) const;

  // `value in %table.column` (with `regex`/`cidr`: `kind`). `regex` and
  // `cidr` columns match as those kinds even under a plain `in` (spec
  // §10.4: the keyword is optional there). `int`/`float` columns compare
  // numerically: `value` is parsed as a number ("080" is 80). Returns false
  // for an unknown column.
  bool ColumnContains(std::string_view column, std::string_view value, ast::ListKind kind,
                      bool nocase = false) const;
  bool ColumnContains(size_t column, std::string_view value, ast::ListKind kind,
                      bool nocase = false) const;

  // The column as a reference list, for callers that want list semantics.
  const ReferenceList& ColumnList(size_t column) const;

 private:
  friend class DataTableSet;
  DataTable() = default;

  std::string name_;
  std::shared_ptr<const SourceFile> source_;
  std::vector<DataTableColumn> columns_;
  std::vector<std::vector<std::string>> rows_;
  std::vector<SourceSpan> row_spans_;
  std::vector<std::unique_ptr<ReferenceList>> column_lists_;  // one per column
};

struct DataTableLoad;

class DataTableSet {
 public:
  DataTableSet();
  ~DataTableSet();
  DataTableSet(DataTableSet&&) noexcept;
  DataTableSet& operator=(DataTableSet&&) noexcept;

  // Loads every `*.csv` regular file in `directory` (not recursively;
  // dotfiles skipped); the table name is the file name without `.csv`, and
  // a `__` name is also reachable by its last part, as for lists.
  static DataTableLoad LoadDirectory(const std::string& directory);

  // One table from CSV text. Replaces a table of the same name. A table
  // whose header is unusable is not added.
  std::vector<SourcedDiagnostic> AddCsv(std::string name, std::string file_name, std::string text,
                                        const DataTableOptions& options = {});

  const DataTable* Find(std::string_view name) const;
  // Shorthand for Find(table)->ColumnContains(...); false if either is unknown.
  bool ColumnContains(std::string_view table, std::string_view column, std::string_view value,
                      ast::ListKind kind, bool nocase = false) const;

  std::vector<std::string> Names() const;  // sorted, without aliases
  size_t size() const { return tables_.size(); }

 private:
  void RebuildAliases();

  std::map<std::string, std::unique_ptr<DataTable>, std::less<>> tables_;
  std::map<std::string, std::string, std::less<>> aliases_;
};

struct DataTableLoad {
  DataTableSet set;
  std::vector<SourcedDiagnostic> diagnostics;
};

}  // namespace yaral

#endif  // YARAL_DATA_TABLES_H_

// Data tables: CSV loading, column typing and lookups
// (include/yaral/data_tables.h, docs/lists.md).
#include "yaral/data_tables.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <filesystem>
#include <system_error>
#include <utility>

#include "lists/csv.h"
#include "lists/list_file.h"

namespace yaral {
namespace {

// SecOps's data-table limits (spec §10.4, §14).
constexpr size_t kMaxColumns = 1000;
constexpr size_t kMaxRows = 10'000'000;

std::optional<int64_t> ParseInt(std::string_view s) {
  int64_t value = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (s.empty() || ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
  return value;
}

std::optional<double> ParseFloat(std::string_view s) {
  double value = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (s.empty() || ec != std::errc() || end != s.data() + s.size() || !std::isfinite(value)) {
    return std::nullopt;
  }
  return value;
}

// One spelling per number, so numeric cells and looked-up values can meet
// in a hash set: "080" and "80" are both "80"; 80.0 is "80".
std::string CanonicalInt(int64_t v) { return std::to_string(v); }
std::string CanonicalFloat(double v) {
  char buffer[64];
  auto [end, ec] = std::to_chars(buffer, buffer + sizeof(buffer), v);
  return std::string(buffer, end);
}

bool ValidColumnName(std::string_view name) {
  auto alpha = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; };
  if (name.empty() || !alpha(name[0])) return false;
  return std::all_of(name.begin(), name.end(),
                     [&](char c) { return alpha(c) || (c >= '0' && c <= '9'); });
}

Diagnostic Error(std::string_view code, std::string message, SourceSpan span,
                 std::string help = {}) {
  return lists::MakeDiagnostic(Severity::kError, code, std::move(message), span, std::move(help));
}

}  // namespace

std::string_view ColumnTypeName(ColumnType type) {
  switch (type) {
    case ColumnType::kString:
      return "string";
    case ColumnType::kInt:
      return "int";
    case ColumnType::kFloat:
      return "float";
    case ColumnType::kRegex:
      return "regex";
    case ColumnType::kCidr:
      return "cidr";
  }
  return "string";
}

std::optional<ColumnType> ParseColumnType(std::string_view name) {
  std::string lower = lists::AsciiLower(name);
  for (ColumnType t : {ColumnType::kString, ColumnType::kInt, ColumnType::kFloat,
                       ColumnType::kRegex, ColumnType::kCidr}) {
    if (lower == ColumnTypeName(t)) return t;
  }
  return std::nullopt;
}

// ---------------------------------------------------------------------------
// DataTable

DataTable::~DataTable() = default;

std::optional<size_t> DataTable::ColumnIndex(std::string_view column) const {
  for (size_t i = 0; i < columns_.size(); ++i) {
    if (columns_[i].name == column) return i;
  }
  return std::nullopt;
}

std::optional<int64_t> DataTable::IntCell(size_t row, size_t column) const {
  return ParseInt(rows_[row][column]);
}

std::optional<double> DataTable::FloatCell(size_t row, size_t column) const {
  return ParseFloat(rows_[row][column]);
}

const ReferenceList& DataTable::ColumnList(size_t column) const { return *column_lists_[column]; }

bool DataTable::ColumnContains(std::string_view column, std::string_view value, ast::ListKind kind,
                               bool nocase) const {
  std::optional<size_t> index = ColumnIndex(column);
  return index.has_value() && ColumnContains(*index, value, kind, nocase);
}

bool DataTable::ColumnContains(size_t column, std::string_view value, ast::ListKind kind,
                               bool nocase) const {
  if (column >= columns_.size()) return false;
  const ReferenceList& list = *column_lists_[column];
  switch (columns_[column].type) {
    case ColumnType::kRegex:
      return list.Contains(value, ast::ListKind::kRegex, nocase);
    case ColumnType::kCidr:
      return list.Contains(value, ast::ListKind::kCidr, false);
    case ColumnType::kInt: {
      std::optional<int64_t> v = ParseInt(value);
      return v.has_value() && list.Contains(CanonicalInt(*v), ast::ListKind::kString, false);
    }
    case ColumnType::kFloat: {
      std::optional<double> v = ParseFloat(value);
      return v.has_value() && list.Contains(CanonicalFloat(*v), ast::ListKind::kString, false);
    }
    case ColumnType::kString:
      return list.Contains(value, kind, nocase);
  }
  return false;
}

// ---------------------------------------------------------------------------
// DataTableSet

DataTableSet::DataTableSet() = default;
DataTableSet::~DataTableSet() = default;
DataTableSet::DataTableSet(DataTableSet&&) noexcept = default;
DataTableSet& DataTableSet::operator=(DataTableSet&&) noexcept = default;

std::vector<SourcedDiagnostic> DataTableSet::AddCsv(std::string name, std::string file_name,
                                                    std::string text,
                                                    const DataTableOptions& options) {
  auto source = std::make_shared<const SourceFile>(std::move(file_name), std::move(text));
  lists::CsvResult csv = lists::ParseCsv(*source);
  std::vector<Diagnostic> diagnostics = std::move(csv.diagnostics);
  auto finish = [&] {
    std::vector<SourcedDiagnostic> out;
    for (Diagnostic& d : diagnostics) out.push_back({source, std::move(d)});
    std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
      return a.diagnostic.primary.span.begin < b.diagnostic.primary.span.begin;
    });
    return out;
  };

  std::unique_ptr<DataTable> table(new DataTable);
  table->name_ = name;
  table->source_ = source;
  // The header: from the options, or the first record.
  std::vector<lists::CsvField> header;
  size_t first_data_row = 0;
  if (!options.columns.empty()) {
    for (const std::string& c : options.columns) header.push_back({c, SourceSpan{}});
  } else if (csv.rows.empty()) {
    diagnostics.push_back(Error(codes::kTableHeader,
                                "data table `" + name + "` has no header row", SourceSpan{},
                                "the first line names the columns: `host,owner:string`"));
    return finish();
  } else {
    header = csv.rows[0].fields;
    first_data_row = 1;
  }
  bool header_ok = true;
  for (const lists::CsvField& cell : header) {
    DataTableColumn column;
    std::string_view spec = cell.value;
    size_t colon = spec.rfind(':');
    column.name = lists::TrimBlanks(spec.substr(0, colon));
    if (colon != std::string_view::npos) {
      std::optional<ColumnType> type = ParseColumnType(lists::TrimBlanks(spec.substr(colon + 1)));
      if (!type.has_value()) {
        diagnostics.push_back(Error(codes::kTableHeader,
                                    "unknown column type in `" + cell.value + "`", cell.span,
                                    "the types are string, int, float, regex and cidr"));
        header_ok = false;
        continue;
      }
      column.type = *type;
      column.declared = true;
    }
    if (!ValidColumnName(column.name)) {
      diagnostics.push_back(Error(
          codes::kTableHeader, "`" + cell.value + "` is not a column name", cell.span,
          "a data table's first row names its columns (letters, digits, `_`); a file "
          "without one needs its columns given by the caller"));
      header_ok = false;
    } else if (table->ColumnIndex(column.name).has_value()) {
      diagnostics.push_back(Error(codes::kTableHeader, "column `" + column.name + "` appears twice",
                                  cell.span));
      header_ok = false;
    }
    table->columns_.push_back(std::move(column));
  }
  if (!header_ok) return finish();
  const size_t width = table->columns_.size();
  if (width > kMaxColumns) {
    diagnostics.push_back(lists::MakeDiagnostic(
        Severity::kWarning, codes::kListLimit,
        "data table `" + name + "` has " + std::to_string(width) +
            " columns; SecOps accepts at most " + std::to_string(kMaxColumns),
        csv.rows.empty() ? SourceSpan{} : csv.rows[0].span));
  }

  // The rows, with each cell's span kept for typing diagnostics.
  std::vector<std::vector<SourceSpan>> cell_spans;
  for (size_t r = first_data_row; r < csv.rows.size(); ++r) {
    lists::CsvRow& row = csv.rows[r];
    if (row.fields.size() != width) {
      diagnostics.push_back(Error(codes::kMalformedCsv,
                                  "row has " + std::to_string(row.fields.size()) +
                                      " fields; the table has " + std::to_string(width) +
                                      " columns",
                                  row.span, "this row is skipped"));
      continue;
    }
    std::vector<std::string> cells;
    std::vector<SourceSpan> spans;
    for (lists::CsvField& f : row.fields) {
      cells.push_back(std::move(f.value));
      spans.push_back(f.span);
    }
    table->rows_.push_back(std::move(cells));
    table->row_spans_.push_back(row.span);
    cell_spans.push_back(std::move(spans));
  }
  if (table->rows_.size() > kMaxRows) {
    diagnostics.push_back(lists::MakeDiagnostic(
        Severity::kWarning, codes::kListLimit,
        "data table `" + name + "` has " + std::to_string(table->rows_.size()) +
            " rows; SecOps accepts at most " + std::to_string(kMaxRows),
        table->row_spans_[kMaxRows]));
  }

  // Types, then each column's lookup form.
  for (size_t c = 0; c < width; ++c) {
    DataTableColumn& column = table->columns_[c];
    if (!column.declared) {
      bool all_int = true;
      bool all_float = true;
      bool any = false;
      for (const auto& row : table->rows_) {
        if (row[c].empty()) continue;  // an empty cell is a missing value
        any = true;
        all_int = all_int && ParseInt(row[c]).has_value();
        all_float = all_float && ParseFloat(row[c]).has_value();
      }
      column.type = !any ? ColumnType::kString
                    : all_int ? ColumnType::kInt
                    : all_float ? ColumnType::kFloat
                                : ColumnType::kString;
    }
    std::vector<ListEntry> entries;
    for (size_t r = 0; r < table->rows_.size(); ++r) {
      const std::string& cell = table->rows_[r][c];
      if (cell.empty()) continue;
      std::string value = cell;
      if (column.type == ColumnType::kInt || column.type == ColumnType::kFloat) {
        std::optional<double> f = ParseFloat(cell);
        std::optional<int64_t> i = ParseInt(cell);
        if (column.type == ColumnType::kInt ? !i.has_value() : !f.has_value()) {
          diagnostics.push_back(Error(codes::kTableCellType,
                                      "`" + cell + "` is not a " +
                                          std::string(ColumnTypeName(column.type)) +
                                          " (column `" + column.name + "`)",
                                      cell_spans[r][c]));
          continue;
        }
        value = column.type == ColumnType::kInt ? CanonicalInt(*i) : CanonicalFloat(*f);
      }
      entries.push_back({std::move(value), cell_spans[r][c]});
    }
    std::optional<ast::ListKind> kind;
    if (column.type == ColumnType::kRegex) kind = ast::ListKind::kRegex;
    if (column.type == ColumnType::kCidr) kind = ast::ListKind::kCidr;
    auto list = std::unique_ptr<ReferenceList>(new ReferenceList(
        name + "." + column.name, source, std::move(entries), kind, false, false));
    if (kind.has_value()) {
      for (SourcedDiagnostic& d : list->Prepare(*kind).diagnostics) {
        diagnostics.push_back(std::move(d.diagnostic));
      }
    }
    table->column_lists_.push_back(std::move(list));
  }
  tables_[name] = std::move(table);
  RebuildAliases();
  return finish();
}

void DataTableSet::RebuildAliases() {
  aliases_.clear();
  std::map<std::string, int, std::less<>> counts;
  for (const auto& [name, table] : tables_) {
    size_t cut = name.rfind("__");
    if (cut == std::string::npos || cut + 2 == name.size()) continue;
    std::string alias = name.substr(cut + 2);
    if (tables_.count(alias) != 0) continue;
    if (++counts[alias] == 1) {
      aliases_[alias] = name;
    } else {
      aliases_.erase(alias);
    }
  }
}

const DataTable* DataTableSet::Find(std::string_view name) const {
  if (auto it = tables_.find(name); it != tables_.end()) return it->second.get();
  if (auto it = aliases_.find(name); it != aliases_.end()) {
    return tables_.find(it->second)->second.get();
  }
  return nullptr;
}

bool DataTableSet::ColumnContains(std::string_view table, std::string_view column,
                                  std::string_view value, ast::ListKind kind, bool nocase) const {
  const DataTable* t = Find(table);
  return t != nullptr && t->ColumnContains(column, value, kind, nocase);
}

std::vector<std::string> DataTableSet::Names() const {
  std::vector<std::string> names;
  for (const auto& [name, table] : tables_) names.push_back(name);
  return names;
}

DataTableLoad DataTableSet::LoadDirectory(const std::string& directory) {
  namespace fs = std::filesystem;
  DataTableLoad load;
  auto unreadable = [&](const std::string& file, const std::string& message) {
    load.diagnostics.push_back({std::make_shared<const SourceFile>(file, ""),
                                Error(codes::kListFileUnreadable, message, SourceSpan{})});
  };
  std::error_code ec;
  std::vector<fs::path> files;
  for (fs::directory_iterator it(directory, ec), end; !ec && it != end; it.increment(ec)) {
    const fs::path& path = it->path();
    if (path.filename().string().starts_with(".") || path.extension() != ".csv") continue;
    std::error_code type_ec;
    if (it->is_regular_file(type_ec)) files.push_back(path);
  }
  if (ec) {
    unreadable(directory, "cannot read the table directory `" + directory + "`: " + ec.message());
    return load;
  }
  std::sort(files.begin(), files.end());
  for (const fs::path& path : files) {
    std::string error;
    std::optional<std::string> text = lists::ReadFile(path.string(), &error);
    if (!text.has_value()) {
      unreadable(path.string(), error);
      continue;
    }
    for (SourcedDiagnostic& d : load.set.AddCsv(path.stem().string(), path.string(), *text)) {
      load.diagnostics.push_back(std::move(d));
    }
  }
  return load;
}

}  // namespace yaral

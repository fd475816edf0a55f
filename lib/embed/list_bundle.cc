// ListBundle: lists and tables from any mix of sources, frozen while
// compiled rules share them.
#include "embed/list_bundle.h"

#include <filesystem>
#include <system_error>
#include <utility>

namespace yaral::embed {
namespace {

absl::Status CheckDirectory(const std::string& directory, std::string_view what) {
  std::error_code ec;
  if (std::filesystem::is_directory(directory, ec)) return absl::OkStatus();
  return absl::NotFoundError("no " + std::string(what) + " directory `" + directory + "`");
}

}  // namespace

ListBundle::ListBundle()
    : lists_(std::make_shared<ReferenceListSet>()), tables_(std::make_shared<DataTableSet>()) {}

absl::Status ListBundle::CheckWritable() const {
  if (lists_.use_count() == 1 && tables_.use_count() == 1) return absl::OkStatus();
  return absl::FailedPreconditionError(
      "these lists are used by compiled rules and cannot change; add everything before "
      "compiling, or build a new set of lists");
}

absl::StatusOr<Diagnostics> ListBundle::AddList(std::string name, ast::ListKind kind,
                                                std::vector<std::string> entries) {
  if (absl::Status writable = CheckWritable(); !writable.ok()) return writable;
  return lists_->Add(std::move(name), kind, std::move(entries));
}

absl::StatusOr<Diagnostics> ListBundle::AddListText(std::string name, std::string file_name,
                                                    std::string text) {
  if (absl::Status writable = CheckWritable(); !writable.ok()) return writable;
  return lists_->AddFile(std::move(name), std::move(file_name), std::move(text));
}

absl::StatusOr<Diagnostics> ListBundle::LoadListDirectory(const std::string& directory) {
  if (absl::Status writable = CheckWritable(); !writable.ok()) return writable;
  if (absl::Status found = CheckDirectory(directory, "list"); !found.ok()) return found;
  ReferenceListLoad load = ReferenceListSet::LoadDirectory(directory);
  if (lists_->size() == 0) {
    *lists_ = std::move(load.set);
    return std::move(load.diagnostics);
  }
  // The sets have no merge; re-adding each file's text keeps the names, the
  // declared kinds and the `__` aliases exactly as loading made them. Its
  // diagnostics were reported by the load already.
  for (const std::string& name : load.set.Names()) {
    const ReferenceList* list = load.set.Find(name);
    lists_->AddFile(name, list->source()->name(), list->source()->text());
  }
  return std::move(load.diagnostics);
}

absl::StatusOr<Diagnostics> ListBundle::AddTableCsv(std::string name, std::string file_name,
                                                    std::string text) {
  if (absl::Status writable = CheckWritable(); !writable.ok()) return writable;
  return tables_->AddCsv(std::move(name), std::move(file_name), std::move(text));
}

absl::StatusOr<Diagnostics> ListBundle::LoadTableDirectory(const std::string& directory) {
  if (absl::Status writable = CheckWritable(); !writable.ok()) return writable;
  if (absl::Status found = CheckDirectory(directory, "table"); !found.ok()) return found;
  DataTableLoad load = DataTableSet::LoadDirectory(directory);
  if (tables_->size() == 0) {
    *tables_ = std::move(load.set);
    return std::move(load.diagnostics);
  }
  for (const std::string& name : load.set.Names()) {
    const DataTable* table = load.set.Find(name);
    tables_->AddCsv(name, table->source()->name(), table->source()->text());
  }
  return std::move(load.diagnostics);
}

CompileOptions ListBundle::Options() const {
  return CompileOptions{.lists = lists_, .tables = tables_};
}

}  // namespace yaral::embed

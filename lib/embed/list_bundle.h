// Reference lists and data tables gathered from several sources (literal
// entries, list-file text, CSV text, directories) into the two shared sets
// CompileOptions takes. The C ABI's yaral_lists and Python's yaral.Lists are
// this class; it lives in the library so both behave the same.
//
// Compiled rules keep the sets alive and read them from any thread, so a set
// must not change under them: once rules compiled from Options() exist,
// every adding call fails with FailedPrecondition until they are gone.
//
// Errors: a directory that does not exist is NotFound; the diagnostics of
// the files are returned (errors and SecOps-limit warnings); entries with
// errors are skipped and the rest kept, as the sets do. Nothing throws
// except std::bad_alloc.
//
// Thread-safety: build on one thread; Options() may then be shared.
#ifndef YARAL_LIB_EMBED_LIST_BUNDLE_H_
#define YARAL_LIB_EMBED_LIST_BUNDLE_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "yaral/ast.h"
#include "yaral/data_tables.h"
#include "yaral/engine.h"
#include "yaral/reference_lists.h"

namespace yaral::embed {

using Diagnostics = std::vector<SourcedDiagnostic>;

class ListBundle {
 public:
  ListBundle();

  // ReferenceListSet::Add: literal entries of one kind.
  absl::StatusOr<Diagnostics> AddList(std::string name, ast::ListKind kind,
                                      std::vector<std::string> entries);
  // ReferenceListSet::AddFile: text in the list-file syntax.
  absl::StatusOr<Diagnostics> AddListText(std::string name, std::string file_name,
                                          std::string text);
  // Every list file of `directory` (ReferenceListSet::LoadDirectory), added
  // to what is there; a list of the same name is replaced.
  absl::StatusOr<Diagnostics> LoadListDirectory(const std::string& directory);
  // DataTableSet::AddCsv.
  absl::StatusOr<Diagnostics> AddTableCsv(std::string name, std::string file_name,
                                          std::string text);
  // Every `*.csv` of `directory` (DataTableSet::LoadDirectory), added.
  absl::StatusOr<Diagnostics> LoadTableDirectory(const std::string& directory);

  std::vector<std::string> ListNames() const { return lists_->Names(); }
  std::vector<std::string> TableNames() const { return tables_->Names(); }

  // The sets, for CompileRules. Rules compiled with them freeze the bundle.
  CompileOptions Options() const;

 private:
  absl::Status CheckWritable() const;

  std::shared_ptr<ReferenceListSet> lists_;
  std::shared_ptr<DataTableSet> tables_;
};

}  // namespace yaral::embed

#endif  // YARAL_LIB_EMBED_LIST_BUNDLE_H_

// yaral_lists: reference lists and data tables for compiled rules.
#include <string>
#include <vector>

#include "c_handles.h"
#include "yaral/embedding.h"
#include "yaral/reference_lists.h"
#include "yaral/yaral_c.h"

namespace {

using yaral::c_api::Fail;
using yaral::c_api::FailWith;
using yaral::c_api::Guard;
using yaral::c_api::NullArgument;

// Keeps a call's diagnostics on the handle; an error among them makes the
// call fail with YARAL_ERROR_LIST (the other entries were still added).
yaral_status Report(yaral_lists* lists,
                    const absl::StatusOr<yaral::embed::Diagnostics>& diagnostics) {
  lists->error.clear();
  lists->diagnostics_json = "[]";
  if (!diagnostics.ok()) return FailWith(diagnostics.status(), &lists->error);
  std::string rendered;
  for (const yaral::SourcedDiagnostic& d : *diagnostics) {
    rendered += yaral::RenderSourcedDiagnostic(d);
  }
  lists->diagnostics_json = yaral::SourcedDiagnosticsToJson(*diagnostics);
  if (yaral::HasErrors(*diagnostics)) return Fail(YARAL_ERROR_LIST, rendered, &lists->error);
  lists->error = std::move(rendered);  // warnings only: shown, not a failure
  return YARAL_OK;
}

std::string Text(const char* text, size_t length) {
  return text != nullptr ? std::string(text, length) : std::string();
}

}  // namespace

extern "C" {

yaral_status yaral_lists_create(yaral_lists** out) {
  if (out == nullptr) return NullArgument("out");
  *out = nullptr;
  return Guard([&] {
    *out = new yaral_lists();
    return YARAL_OK;
  });
}

void yaral_lists_destroy(yaral_lists* lists) { delete lists; }

yaral_status yaral_lists_add(yaral_lists* lists, const char* name, const char* kind,
                             const char* const* entries, size_t count) {
  if (lists == nullptr) return NullArgument("lists");
  if (name == nullptr) return NullArgument("name");
  if (kind == nullptr) return NullArgument("kind");
  if (entries == nullptr && count > 0) return NullArgument("entries");
  return Guard(
      [&] {
        std::optional<yaral::ast::ListKind> parsed = yaral::ParseListKind(kind);
        if (!parsed) {
          return Fail(YARAL_ERROR_INVALID_ARGUMENT,
                      std::string("unknown list kind `") + kind +
                          "` (expected string, regex or cidr)",
                      &lists->error);
        }
        std::vector<std::string> values;
        for (size_t i = 0; i < count; ++i) {
          if (entries[i] == nullptr) return NullArgument("entries[i]");
          values.emplace_back(entries[i]);
        }
        return Report(lists, lists->bundle.AddList(name, *parsed, std::move(values)));
      },
      &lists->error);
}

yaral_status yaral_lists_add_text(yaral_lists* lists, const char* name, const char* file_name,
                                  const char* text, size_t length) {
  if (lists == nullptr) return NullArgument("lists");
  if (name == nullptr) return NullArgument("name");
  if (text == nullptr && length > 0) return NullArgument("text");
  return Guard(
      [&] {
        std::string shown = file_name != nullptr ? file_name : "<list " + std::string(name) + ">";
        return Report(lists, lists->bundle.AddListText(name, shown, Text(text, length)));
      },
      &lists->error);
}

yaral_status yaral_lists_load_directory(yaral_lists* lists, const char* directory) {
  if (lists == nullptr) return NullArgument("lists");
  if (directory == nullptr) return NullArgument("directory");
  return Guard([&] { return Report(lists, lists->bundle.LoadListDirectory(directory)); },
               &lists->error);
}

yaral_status yaral_lists_add_table_csv(yaral_lists* lists, const char* name,
                                       const char* file_name, const char* csv, size_t length) {
  if (lists == nullptr) return NullArgument("lists");
  if (name == nullptr) return NullArgument("name");
  if (csv == nullptr && length > 0) return NullArgument("csv");
  return Guard(
      [&] {
        std::string shown = file_name != nullptr ? file_name : std::string(name) + ".csv";
        return Report(lists, lists->bundle.AddTableCsv(name, shown, Text(csv, length)));
      },
      &lists->error);
}

yaral_status yaral_lists_load_table_directory(yaral_lists* lists, const char* directory) {
  if (lists == nullptr) return NullArgument("lists");
  if (directory == nullptr) return NullArgument("directory");
  return Guard([&] { return Report(lists, lists->bundle.LoadTableDirectory(directory)); },
               &lists->error);
}

const char* yaral_lists_error(const yaral_lists* lists) {
  return lists != nullptr ? lists->error.c_str() : "";
}

const char* yaral_lists_diagnostics_json(const yaral_lists* lists) {
  return lists != nullptr ? lists->diagnostics_json.c_str() : "[]";
}

}  // extern "C"

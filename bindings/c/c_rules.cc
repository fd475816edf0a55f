// yaral_rules: rule text compiled once, shared by any number of engines.
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>

#include "c_handles.h"
#include "yaral/diagnostic_writers.h"
#include "yaral/engine.h"
#include "yaral/yaral_c.h"

namespace {

using yaral::c_api::Fail;
using yaral::c_api::Guard;
using yaral::c_api::NullArgument;

yaral_status Compile(std::string name, std::string text, const yaral_lists* lists,
                     yaral_rules** out) {
  auto handle = std::make_unique<yaral_rules>();
  handle->source = std::make_unique<yaral::SourceFile>(std::move(name), std::move(text));
  yaral::CompileOptions options;
  if (lists != nullptr) options = lists->bundle.Options();
  yaral::CompileResult compiled = yaral::CompileRules(*handle->source, options);
  handle->rules = std::move(compiled.rules);
  for (const yaral::Diagnostic& d : compiled.diagnostics) {
    if (d.severity == yaral::Severity::kError) {
      handle->error += yaral::RenderDiagnostic(d, *handle->source);
    }
  }
  handle->diagnostics_json = yaral::WriteDiagnosticsJson(
      {yaral::FileDiagnostics(handle->source.get(), std::move(compiled.diagnostics))});
  const bool ok = handle->error.empty();
  std::string error = handle->error;
  *out = handle.release();
  if (!ok) return Fail(YARAL_ERROR_COMPILE, std::move(error));
  return YARAL_OK;
}

}  // namespace

extern "C" {

yaral_status yaral_rules_compile(const char* text, size_t length, const char* name,
                                 const yaral_lists* lists, yaral_rules** out) {
  if (out == nullptr) return NullArgument("out");
  *out = nullptr;
  if (text == nullptr && length > 0) return NullArgument("text");
  return Guard([&] {
    return Compile(name != nullptr ? name : "<string>",
                   text != nullptr ? std::string(text, length) : std::string(), lists, out);
  });
}

yaral_status yaral_rules_compile_file(const char* path, const yaral_lists* lists,
                                      yaral_rules** out) {
  if (out == nullptr) return NullArgument("out");
  *out = nullptr;
  if (path == nullptr) return NullArgument("path");
  return Guard([&] {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec)) {
      return Fail(YARAL_ERROR_NOT_FOUND, std::string("no rule file `") + path + "`");
    }
    std::ifstream in(path, std::ios::binary);
    if (!in.is_open()) {
      return Fail(YARAL_ERROR_IO, std::string("cannot open the rule file `") + path + "`");
    }
    std::ostringstream text;
    text << in.rdbuf();
    return Compile(path, std::move(text).str(), lists, out);
  });
}

void yaral_rules_destroy(yaral_rules* rules) { delete rules; }

size_t yaral_rules_count(const yaral_rules* rules) {
  return rules != nullptr ? rules->rules.size() : 0;
}

const char* yaral_rules_name(const yaral_rules* rules, size_t index) {
  if (rules == nullptr || index >= rules->rules.size()) return nullptr;
  return rules->rules[index].name().c_str();
}

const char* yaral_rules_diagnostics_json(const yaral_rules* rules) {
  return rules != nullptr ? rules->diagnostics_json.c_str() : "[]";
}

const char* yaral_rules_error(const yaral_rules* rules) {
  return rules != nullptr ? rules->error.c_str() : "";
}

}  // extern "C"

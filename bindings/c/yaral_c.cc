// The C ABI's common part: version, status names, error messages, strings
// handed to the caller, and checking.
#include <cstdlib>
#include <cstring>
#include <string>

#include "c_handles.h"
#include "yaral/checker.h"
#include "yaral/diagnostic_writers.h"
#include "yaral/yaral_c.h"

namespace yaral::c_api {
namespace {

// Per thread, so concurrent callers never read each other's messages.
thread_local std::string last_error;

}  // namespace

yaral_status Fail(yaral_status status, std::string message, std::string* handle_error) {
  // Recording is best effort: it runs inside catch blocks, where running out
  // of memory again must not throw.
  try {
    if (handle_error != nullptr) *handle_error = message;
    last_error = std::move(message);
  } catch (...) {
  }
  return status;
}

yaral_status FailWith(const absl::Status& status, std::string* handle_error) {
  yaral_status code = YARAL_ERROR_INTERNAL;
  switch (status.code()) {
    case absl::StatusCode::kInvalidArgument: code = YARAL_ERROR_INVALID_ARGUMENT; break;
    case absl::StatusCode::kNotFound: code = YARAL_ERROR_NOT_FOUND; break;
    case absl::StatusCode::kPermissionDenied:
    case absl::StatusCode::kUnavailable:
    case absl::StatusCode::kDataLoss: code = YARAL_ERROR_IO; break;
    case absl::StatusCode::kFailedPrecondition: code = YARAL_ERROR_STATE; break;
    case absl::StatusCode::kResourceExhausted: code = YARAL_ERROR_NO_MEMORY; break;
    default: break;
  }
  return Fail(code, std::string(status.message()), handle_error);
}

yaral_status NullArgument(const char* name) {
  return Fail(YARAL_ERROR_INVALID_ARGUMENT, std::string("`") + name + "` is NULL");
}

}  // namespace yaral::c_api

using yaral::c_api::Guard;

extern "C" {

const char* yaral_version(void) { return YARAL_VERSION; }

const char* yaral_status_name(yaral_status status) {
  switch (status) {
    case YARAL_OK: return "ok";
    case YARAL_ERROR_INVALID_ARGUMENT: return "invalid_argument";
    case YARAL_ERROR_COMPILE: return "compile";
    case YARAL_ERROR_LIST: return "list";
    case YARAL_ERROR_NOT_FOUND: return "not_found";
    case YARAL_ERROR_IO: return "io";
    case YARAL_ERROR_STATE: return "state";
    case YARAL_ERROR_NO_MEMORY: return "no_memory";
    case YARAL_ERROR_INTERNAL: return "internal";
  }
  return "unknown";
}

const char* yaral_last_error(void) { return yaral::c_api::last_error.c_str(); }

void yaral_free(char* text) { std::free(text); }

yaral_status yaral_check(const char* text, size_t length, const char* name, int lint,
                         char** diagnostics_json) {
  if (diagnostics_json == nullptr) return yaral::c_api::NullArgument("diagnostics_json");
  *diagnostics_json = nullptr;
  if (text == nullptr && length > 0) return yaral::c_api::NullArgument("text");
  return Guard([&] {
    yaral::SourceFile file(name != nullptr ? name : "<string>",
                           text != nullptr ? std::string(text, length) : std::string());
    yaral::CheckOptions options;
    options.lint = lint != 0;
    yaral::CheckResult result = yaral::CheckSource(file, options);
    const bool errors = yaral::HasErrors(result.diagnostics);
    yaral::FileDiagnostics entry(&file, std::move(result.diagnostics));
    for (const yaral::ast::Rule& rule : result.file.rules) entry.rules.emplace_back(rule.name, rule.span);
    const std::string json = yaral::WriteDiagnosticsJson({entry});
    // malloc'd, so that yaral_free is plain free() whatever allocated it.
    char* copy = static_cast<char*>(std::malloc(json.size() + 1));
    if (copy == nullptr) return yaral::c_api::Fail(YARAL_ERROR_NO_MEMORY, "out of memory");
    std::memcpy(copy, json.c_str(), json.size() + 1);
    *diagnostics_json = copy;
    if (errors) return yaral::c_api::Fail(YARAL_ERROR_COMPILE, "the rule text has errors");
    return YARAL_OK;
  });
}

}  // extern "C"

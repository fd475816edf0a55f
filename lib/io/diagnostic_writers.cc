#include "yaral/diagnostic_writers.h"

#include <openssl/evp.h>

#include <algorithm>
#include <cstddef>
#include <functional>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "lint/lint.h"
#include "nlohmann/json.hpp"

namespace yaral {
namespace {

// Insertion-ordered so output follows the documented field order.
using Json = nlohmann::ordered_json;

// The `### CODE — heading` text of each section of docs/diagnostics.md. The
// catalogue's titles are worded for sentences and differ from the headings,
// so the anchors cannot be derived from them; the io tests compare this table
// with the page so the two cannot drift apart silently.

std::string Dump(const Json& json) {
  // Rule text and file names may hold invalid UTF-8 (a binary file given by
  // mistake); `replace` turns such bytes into U+FFFD instead of throwing.
  return json.dump(2, ' ', /*ensure_ascii=*/false,
                   Json::error_handler_t::replace) +
         "\n";
}

struct Region {
  SourceLocation begin;
  SourceLocation end;
};

Region Locate(const SourceFile& file, SourceSpan span) {
  return {file.Locate(span.begin), file.Locate(span.end)};
}

Json SpanToJson(const SourceFile& file, SourceSpan span) {
  Region r = Locate(file, span);
  return {{"line", r.begin.line},
          {"column", r.begin.column},
          {"end_line", r.end.line},
          {"end_column", r.end.column}};
}

// The rule whose text holds the finding, or null (file-level findings).
Json RuleOf(const Diagnostic& diagnostic, const FileDiagnostics& file) {
  for (const auto& [name, span] : file.rules) {
    if (diagnostic.primary.span.begin >= span.begin && diagnostic.primary.span.begin < span.end) {
      return name;
    }
  }
  return nullptr;
}

Json DiagnosticToJson(const Diagnostic& diagnostic, const FileDiagnostics& entry) {
  const SourceFile& file = *entry.source;
  Json out = {
      {"file", file.name()},
      {"rule", RuleOf(diagnostic, entry)},
      {"severity", SeverityName(diagnostic.severity)},
      {"code", diagnostic.code},
      {"message", diagnostic.message},
  };
  out.update(SpanToJson(file, diagnostic.primary.span));
  out["notes"] = diagnostic.notes;
  // null rather than "" so that consumers can test for presence.
  out["help"] = diagnostic.help.empty() ? Json(nullptr) : Json(diagnostic.help);
  Json labels = Json::array();
  for (const Label& label : diagnostic.secondary) {
    Json entry = {{"message", label.text}};
    entry.update(SpanToJson(file, label.span));
    labels.push_back(std::move(entry));
  }
  out["labels"] = std::move(labels);
  // Machine-applicable edits (`yaral check` with a fixer, editors).
  Json suggestions = Json::array();
  for (const Fix& fix : diagnostic.fixes) {
    Json edit = {{"replacement", fix.replacement}};
    edit.update(SpanToJson(file, fix.span));
    suggestions.push_back(std::move(edit));
  }
  out["suggestions"] = std::move(suggestions);
  return out;
}

// SARIF's levels are spelled like our severity names.
std::string_view SarifLevel(Severity severity) { return SeverityName(severity); }

// SARIF wants a URI reference; file names may contain spaces, `#`, `%` or
// Windows separators, which would otherwise change the meaning of the URI.
std::string PathToUri(std::string_view path) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string uri;
  for (char c : path) {
    const auto byte = static_cast<unsigned char>(c);
    if (c == '\\') {
      uri += '/';
    } else if ((byte >= 'a' && byte <= 'z') || (byte >= 'A' && byte <= 'Z') ||
               (byte >= '0' && byte <= '9') ||
               std::string_view("-._~/!$&'()*+,;=:@").find(c) !=
                   std::string_view::npos) {
      uri += c;
    } else {
      uri += '%';
      uri += kHex[byte >> 4];
      uri += kHex[byte & 0xF];
    }
  }
  return uri;
}

// A SARIF region. Code scanning rejects empty regions, so a zero-width span
// (something missing between two characters) covers the next character.
Json SarifRegion(const SourceFile& file, SourceSpan span) {
  Region r = Locate(file, span);
  uint32_t end_line = r.end.line;
  uint32_t end_column = r.end.column;
  if (end_line < r.begin.line ||
      (end_line == r.begin.line && end_column <= r.begin.column)) {
    end_line = r.begin.line;
    end_column = r.begin.column + 1;
  }
  return {{"startLine", r.begin.line},
          {"startColumn", r.begin.column},
          {"endLine", end_line},
          {"endColumn", end_column}};
}

Json SarifLocation(const SourceFile& file, SourceSpan span) {
  return {{"physicalLocation",
           {{"artifactLocation", {{"uri", PathToUri(file.name())}}},
            {"region", SarifRegion(file, span)}}}};
}

// The message of a result: the one-line message, then notes and help, which
// code scanning shows under it.
std::string SarifMessage(const Diagnostic& diagnostic) {
  std::string text = diagnostic.message;
  for (const std::string& note : diagnostic.notes) text += "\nnote: " + note;
  if (!diagnostic.help.empty()) text += "\nhelp: " + diagnostic.help;
  return text;
}

// What SARIF's `tool.driver.rules` says about one code.
struct CodeDescription {
  std::string code;
  std::string title;
  Severity level = Severity::kError;
  bool enabled_by_default = true;
  bool is_lint = false;
};

// Every code that can appear, in catalogue order: the catalogue
// (yaral/diagnostics.h) is the one record of each code's words and page;
// only whether a lint check is on by default lives in the lint registry.
const std::vector<CodeDescription>& AllCodeDescriptions() {
  static const auto* all = [] {
    auto* out = new std::vector<CodeDescription>;
    for (const DiagnosticInfo& info : AllDiagnosticInfos()) {
      CodeDescription code{std::string(info.code), std::string(info.title), info.default_severity,
                           true, info.doc_page == "docs/lint.md"};
      if (code.is_lint) {
        for (const lint::LintCheckInfo& check : lint::AllLintChecks()) {
          if (check.code == info.code) code.enabled_by_default = check.enabled_by_default;
        }
      }
      out->push_back(std::move(code));
    }
    return out;
  }();
  return *all;
}

bool IsLintCode(std::string_view code) {
  // Lint codes are snake_case names; catalogue codes are `E` and digits.
  return !(code.size() >= 2 && code[0] == 'E' && code[1] >= '0' && code[1] <= '9');
}

std::string HelpUriFor(const CodeDescription& code) { return DiagnosticHelpUri(code.code); }

// The area of the language an error code belongs to, by its hundreds digit
// (docs/diagnostics.md groups the codes the same way).
std::string_view ErrorArea(std::string_view code) {
  switch (code.size() > 1 ? code[1] : '?') {
    case '0': return "input";
    case '1': return "syntax";
    case '2': return "names";
    case '3': return "types";
    case '4': return "events";
    case '5': return "structure";
    case '7': return "lists";
    case '8': return "local-engine";
    default: return "other";
  }
}

Json SarifRule(const CodeDescription& code) {
  const std::string help_uri = HelpUriFor(code);
  std::string full;
  std::string markdown;
  Json tags = Json::array();
  if (code.is_lint) {
    full = "Lint (a warning SecOps does not give): " + code.title + ". " +
           (code.enabled_by_default ? "On by default." : "Off by default; `--select " +
                                                             code.code + "` turns it on.");
    markdown = "**`" + code.code + "`**: " + code.title + ".\n\nA best-practice warning of " +
               "`yaral check`; silence it with `// yaral:ignore " + code.code +
               "` or `--ignore " + code.code + "`. Rationale and examples: [docs/lint.md](" +
               help_uri + ").";
    tags.push_back("lint");
    tags.push_back("maintainability");
  } else {
    const bool error = code.level == Severity::kError;
    full = std::string(error ? "SecOps would reject the rule: " : "A SecOps limit or caution: ") +
           code.title + ".";
    markdown = "**" + code.code + "**: " + code.title + ".\n\nExplanation, a failing example " +
               "and the fix: [docs/diagnostics.md](" + help_uri + ").";
    tags.push_back(error ? "compile-error" : "compile-warning");
    tags.push_back(std::string(ErrorArea(code.code)));
  }
  // GitHub sorts alerts by problem.severity (error, warning, recommendation).
  const std::string_view problem_severity =
      code.level == Severity::kError ? "error"
                                     : (code.level == Severity::kWarning ? "warning" : "recommendation");
  Json configuration = {{"level", SarifLevel(code.level)}};
  if (!code.enabled_by_default) configuration["enabled"] = false;
  return {{"id", code.code},
          {"name", code.code},
          {"shortDescription", {{"text", code.title}}},
          {"fullDescription", {{"text", full}}},
          {"helpUri", help_uri},
          {"help", {{"text", full + " See " + help_uri}, {"markdown", markdown}}},
          {"defaultConfiguration", std::move(configuration)},
          // Errors are the compiler's own verdict; lint checks are heuristics
          // that may flag a deliberate choice.
          {"properties",
           {{"tags", std::move(tags)},
            {"precision", code.is_lint ? "high" : "very-high"},
            {"problem.severity", problem_severity}}}};
}

// A code missing from both registries (a bug, but the report must still
// name it): its own id as the title.
CodeDescription UnknownCode(const Diagnostic& first_use) {
  return {first_use.code, first_use.code, first_use.severity, true, IsLintCode(first_use.code)};
}

// The text a finding's identity is made of: what it is and where, without
// line numbers, so that the alert survives edits above it. Hashed with
// SHA-256 (OpenSSL, as hash.sha256) to a fixed-size key.
std::string Fingerprint(const Diagnostic& d, const SourceFile& file, const Json& rule,
                        size_t occurrence) {
  std::string identity = d.code;
  identity += '\0';
  identity += file.name();
  identity += '\0';
  if (rule.is_string()) identity += rule.get<std::string>();
  identity += '\0';
  const std::string_view text = file.text();
  const SourceSpan span = d.primary.span;
  if (span.begin <= span.end && span.end <= text.size()) {
    identity += text.substr(span.begin, span.end - span.begin);
  }
  identity += '\0';
  identity += d.message;
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (EVP_Digest(identity.data(), identity.size(), digest, &length, EVP_sha256(), nullptr) != 1) {
    length = 0;
  }
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  for (unsigned int i = 0; i < length && i < 16; ++i) {
    hex += kHex[digest[i] >> 4];
    hex += kHex[digest[i] & 0xF];
  }
  // Identical findings in one file (the same typo twice) stay apart.
  return hex + ":" + std::to_string(occurrence);
}

// A suggested edit as a SARIF fix. Unlike a result's region, a deleted
// region may be empty: that is an insertion.
Json SarifFix(const Diagnostic& d, const SourceFile& file) {
  Json replacements = Json::array();
  for (const Fix& fix : d.fixes) {
    Region r = Locate(file, fix.span);
    replacements.push_back({{"deletedRegion",
                             {{"startLine", r.begin.line},
                              {"startColumn", r.begin.column},
                              {"endLine", r.end.line},
                              {"endColumn", r.end.column}}},
                            {"insertedContent", {{"text", fix.replacement}}}});
  }
  const std::string description = d.help.empty() ? "apply yaral's suggestion" : d.help;
  return {{"description", {{"text", description}}},
          {"artifactChanges",
           Json::array({{{"artifactLocation", {{"uri", PathToUri(file.name())}}},
                         {"replacements", std::move(replacements)}}})}};
}

// GitHub workflow-command escaping: the message ("data") escapes `%` and line
// breaks; property values additionally escape the `:` and `,` that delimit
// properties.
std::string EscapeData(std::string_view text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '%': out += "%25"; break;
      case '\r': out += "%0D"; break;
      case '\n': out += "%0A"; break;
      default: out += c;
    }
  }
  return out;
}

std::string EscapeProperty(std::string_view text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '%': out += "%25"; break;
      case '\r': out += "%0D"; break;
      case '\n': out += "%0A"; break;
      case ':': out += "%3A"; break;
      case ',': out += "%2C"; break;
      default: out += c;
    }
  }
  return out;
}

// GitHub's workflow commands say `notice` where we say `note`.
std::string_view GithubCommand(Severity severity) {
  return severity == Severity::kNote ? "notice" : SeverityName(severity);
}

}  // namespace

std::string DiagnosticHelpUri(std::string_view code) {
  const DiagnosticInfo* info = FindDiagnosticInfo(code);
  std::string uri = std::string(kProjectUri) + "/blob/main/" +
                    std::string(info != nullptr ? info->doc_page : "docs/diagnostics.md");
  if (info != nullptr) uri += "#" + info->doc_anchor;
  return uri;
}

std::string WriteDiagnosticsJson(const std::vector<FileDiagnostics>& files) {
  Json out = Json::array();
  for (const FileDiagnostics& file : files) {
    if (file.source == nullptr) continue;
    for (const Diagnostic& d : file.diagnostics) {
      out.push_back(DiagnosticToJson(d, file));
    }
  }
  return Dump(out);
}

std::string WriteDiagnosticsSarif(const std::vector<FileDiagnostics>& files,
                                  std::string_view tool_version,
                                  const std::vector<InputNotification>& unreadable) {
  // Every code that can appear is described, used or not, so code scanning
  // knows the whole rule set (and an alert that disappears is known fixed).
  Json rules = Json::array();
  std::map<std::string, size_t, std::less<>> rule_index;  // code -> index in `rules`
  for (const CodeDescription& code : AllCodeDescriptions()) {
    rule_index.emplace(code.code, rules.size());
    rules.push_back(SarifRule(code));
  }
  Json results = Json::array();
  for (const FileDiagnostics& file : files) {
    if (file.source == nullptr) continue;
    std::map<std::string, size_t> seen;  // fingerprint without occurrence -> count
    for (const Diagnostic& d : file.diagnostics) {
      auto [it, added] = rule_index.emplace(d.code, rules.size());
      if (added) rules.push_back(SarifRule(UnknownCode(d)));
      const Json rule = RuleOf(d, file);
      const std::string base = Fingerprint(d, *file.source, rule, 0);
      const size_t occurrence = seen[base]++;
      Json result = {
          {"ruleId", d.code},
          {"ruleIndex", it->second},
          {"level", SarifLevel(d.severity)},
          {"message", {{"text", SarifMessage(d)}}},
          {"locations", Json::array({SarifLocation(*file.source, d.primary.span)})},
          {"partialFingerprints",
           {{"yaralFinding/v1", occurrence == 0 ? base
                                                : Fingerprint(d, *file.source, rule, occurrence)}}},
      };
      if (!d.secondary.empty()) {
        Json related = Json::array();
        for (size_t i = 0; i < d.secondary.size(); ++i) {
          Json location = SarifLocation(*file.source, d.secondary[i].span);
          location["id"] = i;
          if (!d.secondary[i].text.empty()) {
            location["message"] = {{"text", d.secondary[i].text}};
          }
          related.push_back(std::move(location));
        }
        result["relatedLocations"] = std::move(related);
      }
      if (!d.fixes.empty()) result["fixes"] = Json::array({SarifFix(d, *file.source)});
      results.push_back(std::move(result));
    }
  }
  Json notifications = Json::array();
  for (const InputNotification& input : unreadable) {
    notifications.push_back(
        {{"level", "error"},
         {"message", {{"text", input.message}}},
         {"locations",
          Json::array({{{"physicalLocation",
                         {{"artifactLocation", {{"uri", PathToUri(input.path)}}}}}}})}});
  }
  Json driver = {{"name", "yaral"},
                 {"version", std::string(tool_version)},
                 {"informationUri", std::string(kProjectUri)},
                 {"rules", std::move(rules)}};
  // An input that could not be read means the analysis is incomplete.
  Json invocation = {{"executionSuccessful", unreadable.empty()},
                     {"toolExecutionNotifications", std::move(notifications)}};
  Json run = {{"tool", {{"driver", std::move(driver)}}},
              {"invocations", Json::array({std::move(invocation)})},
              // Our columns count code points, not SARIF's default UTF-16
              // code units.
              {"columnKind", "unicodeCodePoints"},
              {"results", std::move(results)}};
  Json log = {{"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
              {"version", "2.1.0"},
              {"runs", Json::array({std::move(run)})}};
  return Dump(log);
}

std::string WriteDiagnosticsGithub(const std::vector<FileDiagnostics>& files,
                                   const GithubOptions& options) {
  std::string out;
  size_t written = 0;
  std::map<std::string, size_t> cut;  // code -> annotations not written
  // Under a limit, errors are annotated first, then warnings, then notes,
  // so the limit never hides an error behind a lint warning.
  const bool limited = options.max_annotations != 0;
  const std::vector<std::vector<Severity>> passes =
      limited ? std::vector<std::vector<Severity>>{{Severity::kError}, {Severity::kWarning}, {Severity::kNote}}
              : std::vector<std::vector<Severity>>{{Severity::kError, Severity::kWarning, Severity::kNote}};
  for (const std::vector<Severity>& pass : passes) {
    for (const FileDiagnostics& file : files) {
      if (file.source == nullptr) continue;
      const std::string path = EscapeProperty(file.source->name());
      for (const Diagnostic& d : file.diagnostics) {
        if (std::find(pass.begin(), pass.end(), d.severity) == pass.end()) continue;
        if (limited && written == options.max_annotations) {
          ++cut[d.code];
          continue;
        }
        ++written;
        Region r = Locate(*file.source, d.primary.span);
        out += "::";
        out += GithubCommand(d.severity);
        out += " file=" + path;
        out += ",line=" + std::to_string(r.begin.line);
        out += ",col=" + std::to_string(r.begin.column);
        out += ",endLine=" + std::to_string(r.end.line);
        out += ",endColumn=" + std::to_string(r.end.column);
        out += ",title=" + EscapeProperty(d.code);
        // The annotation shows the message, then the notes and help as the
        // text format prints them, then the code's documentation.
        std::string text = SarifMessage(d);
        text += "\nsee: " + DiagnosticHelpUri(d.code);
        out += "::" + EscapeData(text) + "\n";
      }
    }
  }
  if (!cut.empty()) {
    size_t total = 0;
    std::string by_code;
    for (const auto& [code, count] : cut) {
      total += count;
      by_code += (by_code.empty() ? "" : ", ") + code + ": " + std::to_string(count);
    }
    out += "::warning title=yaral::" +
           EscapeData(std::to_string(total) + " more finding" + (total == 1 ? "" : "s") +
                      " not annotated (--max-annotations " +
                      std::to_string(options.max_annotations) + "): " + by_code +
                      ". Run `yaral check` locally or use --format sarif for all of them.") +
           "\n";
  }
  return out;
}

}  // namespace yaral

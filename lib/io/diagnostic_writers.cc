#include "yaral/diagnostic_writers.h"

#include <cstddef>
#include <map>
#include <string>
#include <utility>

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

Json SarifRule(const Diagnostic& first_use) {
  const DiagnosticInfo* info = FindDiagnosticInfo(first_use.code);
  // Codes outside the catalogue (a lint added without a catalogue entry)
  // still need a non-empty description and a level.
  const std::string title =
      info != nullptr ? std::string(info->title) : first_use.code;
  const Severity level =
      info != nullptr ? info->default_severity : first_use.severity;
  const std::string help_uri = DiagnosticHelpUri(first_use.code);
  return {{"id", first_use.code},
          {"shortDescription", {{"text", title}}},
          {"helpUri", help_uri},
          {"help", {{"text", title + ". See " + help_uri}}},
          {"defaultConfiguration", {{"level", SarifLevel(level)}}}};
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
                                  std::string_view tool_version) {
  Json rules = Json::array();
  std::map<std::string, size_t> rule_index;  // code -> index in `rules`
  Json results = Json::array();
  for (const FileDiagnostics& file : files) {
    if (file.source == nullptr) continue;
    for (const Diagnostic& d : file.diagnostics) {
      auto [it, added] = rule_index.emplace(d.code, rules.size());
      if (added) rules.push_back(SarifRule(d));
      Json result = {
          {"ruleId", d.code},
          {"ruleIndex", it->second},
          {"level", SarifLevel(d.severity)},
          {"message", {{"text", SarifMessage(d)}}},
          {"locations", Json::array({SarifLocation(*file.source, d.primary.span)})},
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
      results.push_back(std::move(result));
    }
  }
  Json driver = {{"name", "yaral"},
                 {"version", std::string(tool_version)},
                 {"informationUri", std::string(kProjectUri)},
                 {"rules", std::move(rules)}};
  Json run = {{"tool", {{"driver", std::move(driver)}}},
              // Our columns count code points, not SARIF's default UTF-16
              // code units.
              {"columnKind", "unicodeCodePoints"},
              {"results", std::move(results)}};
  Json log = {{"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
              {"version", "2.1.0"},
              {"runs", Json::array({std::move(run)})}};
  return Dump(log);
}

std::string WriteDiagnosticsGithub(const std::vector<FileDiagnostics>& files) {
  std::string out;
  for (const FileDiagnostics& file : files) {
    if (file.source == nullptr) continue;
    const std::string path = EscapeProperty(file.source->name());
    for (const Diagnostic& d : file.diagnostics) {
      Region r = Locate(*file.source, d.primary.span);
      out += "::";
      out += GithubCommand(d.severity);
      out += " file=" + path;
      out += ",line=" + std::to_string(r.begin.line);
      out += ",col=" + std::to_string(r.begin.column);
      out += ",endLine=" + std::to_string(r.end.line);
      out += ",endColumn=" + std::to_string(r.end.column);
      out += ",title=" + EscapeProperty(d.code);
      out += "::" + EscapeData(d.message) + "\n";
    }
  }
  return out;
}

}  // namespace yaral

// DetectionToJson: the one-line detection format of `yaral run`
// (docs/cli.md#run). Written by hand rather than through a JSON DOM so the
// sample events go out byte for byte as read (minified), not re-encoded.
#include <cmath>
#include <string>

#include "absl/strings/escaping.h"
#include "functions/eval_util.h"
#include "nlohmann/json.hpp"
#include "yaral/engine.h"

namespace yaral {
namespace {

void AppendString(std::string& out, std::string_view text) {
  // nlohmann escapes per RFC 8259 and replaces invalid UTF-8 with U+FFFD
  // instead of throwing.
  out += nlohmann::json(std::string(text)).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

void AppendValue(std::string& out, const Value& v) {
  switch (v.kind()) {
    case Value::Kind::kZero:
      out += "null";  // the zero value of an unknown type (docs/cli.md#run)
      return;
    case Value::Kind::kBool:
      out += v.bool_value() ? "true" : "false";
      return;
    case Value::Kind::kInt:
      out += std::to_string(v.int_value());
      return;
    case Value::Kind::kUint:
      out += std::to_string(v.uint_value());
      return;
    case Value::Kind::kFloat: {
      const double d = v.float_value();
      if (!std::isfinite(d)) {
        out += "null";
        return;
      }
      std::string text = functions::internal::FormatFloat(d);
      // Keep the float a float for readers that type by syntax.
      if (text.find_first_of(".eE") == std::string::npos) text += ".0";
      out += text;
      return;
    }
    case Value::Kind::kString:
      AppendString(out, v.string());
      return;
    case Value::Kind::kBytes: {
      std::string encoded;
      absl::Base64Escape(absl::string_view(v.string().data(), v.string().size()), &encoded);
      AppendString(out, encoded);
      return;
    }
    case Value::Kind::kList:
      out += '[';
      for (size_t i = 0; i < v.list().size(); ++i) {
        if (i > 0) out += ',';
        AppendValue(out, v.list()[i]);
      }
      out += ']';
      return;
  }
}

void AppendNamed(std::string& out, const std::vector<NamedValue>& values) {
  out += '{';
  for (size_t i = 0; i < values.size(); ++i) {
    if (i > 0) out += ',';
    AppendString(out, values[i].name);
    out += ':';
    AppendValue(out, values[i].value);
  }
  out += '}';
}

}  // namespace

std::string DetectionToJson(const Detection& d) {
  std::string out = "{\"rule\":";
  AppendString(out, d.rule);
  out += ",\"match\":";
  AppendNamed(out, d.match);
  out += ",\"window\":{\"start\":";
  AppendString(out, FormatTimestamp(d.window.start));
  out += ",\"end\":";
  AppendString(out, FormatTimestamp(d.window.end));
  out += "},\"outcomes\":";
  AppendNamed(out, d.outcomes);
  out += ",\"events\":{";
  for (size_t i = 0; i < d.events.size(); ++i) {
    if (i > 0) out += ',';
    AppendString(out, d.events[i].variable);
    out += ":[";
    for (size_t e = 0; e < d.events[i].events.size(); ++e) {
      if (e > 0) out += ',';
      out += d.events[i].events[e];
    }
    out += ']';
  }
  out += "},\"meta\":";
  AppendNamed(out, d.meta);
  out += '}';
  return out;
}

}  // namespace yaral

// Comparing a case's expectations with the detections the rules produced,
// and saying field by field what differs.
//
// Expectations are partial (only what a case states is compared) and the
// `match` entries are unordered: each needs its own detection, found by a
// maximum bipartite matching, so a case never fails because its entries
// were listed in a different order from the engine's output.

#include <charconv>
#include <cmath>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "yaral/engine.h"
#include "yaral/rule_test.h"
#include "yaral/udm_values.h"
#include "yaral/value.h"

namespace yaral {
namespace {

// Detections listed under a count mismatch before "... and N more".
constexpr size_t kMaxListedDetections = 10;

std::string Quote(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default: out += c;
    }
  }
  return out + "\"";
}

// Values as a fixture would write them: the shortest float that reads back
// the same (0.1, not 0.10000000000000001), strings quoted and escaped.
std::string Show(const Value& value) {
  switch (value.kind()) {
    case Value::Kind::kZero: return "null";
    case Value::Kind::kBool: return value.bool_value() ? "true" : "false";
    case Value::Kind::kInt: return std::to_string(value.int_value());
    case Value::Kind::kUint: return std::to_string(value.uint_value());
    case Value::Kind::kFloat: {
      char buffer[64];
      std::to_chars_result r = std::to_chars(buffer, buffer + sizeof buffer, value.float_value());
      return std::string(buffer, r.ptr);
    }
    case Value::Kind::kString:
    case Value::Kind::kBytes: return Quote(value.string());
    case Value::Kind::kList: {
      std::string out = "[";
      for (size_t i = 0; i < value.list().size(); ++i) {
        if (i > 0) out += ", ";
        out += Show(value.list()[i]);
      }
      return out + "]";
    }
  }
  return "";
}

std::string KindName(const Value& value) {
  switch (value.kind()) {
    case Value::Kind::kZero: return "no value";
    case Value::Kind::kBool: return "a bool";
    case Value::Kind::kInt: return "an int";
    case Value::Kind::kUint: return "a uint";
    case Value::Kind::kFloat: return "a float";
    case Value::Kind::kString: return "a string";
    case Value::Kind::kBytes: return "bytes";
    case Value::Kind::kList: return "a list";
  }
  return "";
}

bool SameNumber(const Value& a, const Value& b) {
  if (a.is_int() && b.is_int()) return a.int_value() == b.int_value();
  if (a.is_uint() && b.is_uint()) return a.uint_value() == b.uint_value();
  if (!a.is_float() && !b.is_float()) return a == b;  // int vs uint, exactly
  const double x = a.float_value();
  const double y = b.float_value();
  // Outcomes computed in floating point (averages, ratios) rarely land on
  // the decimal a person writes; a relative 1e-9 forgives only rounding.
  return x == y || std::fabs(x - y) <= 1e-9 * std::fmax(std::fabs(x), std::fabs(y));
}

bool Equal(const Value& expected, const Value& actual);

// Lists compare as multisets: aggregations (array, array_distinct) give
// their elements in an order no documentation promises.
bool SameElements(const Value::ListType& expected, const Value::ListType& actual) {
  if (expected.size() != actual.size()) return false;
  std::vector<bool> used(actual.size(), false);
  for (const Value& want : expected) {
    bool found = false;
    for (size_t j = 0; j < actual.size() && !found; ++j) {
      if (!used[j] && Equal(want, actual[j])) used[j] = found = true;
    }
    if (!found) return false;
  }
  return true;
}

bool Equal(const Value& expected, const Value& actual) {
  if (expected.is_zero_kind()) return actual.IsZero();
  if (expected.is_number()) return actual.is_number() && SameNumber(expected, actual);
  if (expected.is_string() || expected.is_bytes()) {
    if (actual.is_zero_kind()) return expected.string().empty();
    return (actual.is_string() || actual.is_bytes()) && expected.string() == actual.string();
  }
  if (expected.is_bool()) {
    if (actual.is_zero_kind()) return !expected.bool_value();
    return actual.is_bool() && expected.bool_value() == actual.bool_value();
  }
  if (expected.is_list()) {
    if (actual.is_zero_kind()) return expected.list().empty();
    return actual.is_list() && SameElements(expected.list(), actual.list());
  }
  return false;
}

bool SameFamily(const Value& a, const Value& b) {
  return (a.is_number() && b.is_number()) || ((a.is_string() || a.is_bytes()) && (b.is_string() || b.is_bytes())) ||
         a.kind() == b.kind();
}

const Value* FindNamed(const std::vector<NamedValue>& values, const std::string& name) {
  for (const NamedValue& v : values) {
    if (v.name == name) return &v.value;
  }
  return nullptr;
}

std::string Names(const std::vector<NamedValue>& values) {
  std::string out;
  for (const NamedValue& v : values) out += (out.empty() ? "" : ", ") + v.name;
  return out;
}

// "match.host: ..." lines for every named value that differs.
void DiffNamed(const char* section, const char* noun, const std::vector<NamedValue>& expected,
               const std::vector<NamedValue>& actual, std::vector<std::string>& out) {
  for (const NamedValue& want : expected) {
    const std::string key = std::string(section) + "." + want.name;
    const Value* got = FindNamed(actual, want.name);
    if (got == nullptr) {
      out.push_back(key + ": no " + noun + " named " + want.name + " (the detection has " +
                    (actual.empty() ? std::string("none") : Names(actual)) + ")");
    } else if (std::optional<std::string> diff = CompareTestValue(want.value, *got)) {
      out.push_back(key + ": " + *diff);
    }
  }
}

std::string ShowNamed(const std::vector<NamedValue>& values) {
  std::string out = "{";
  for (const NamedValue& v : values) {
    if (out.size() > 1) out += ", ";
    out += v.name + ": " + Show(v.value);
  }
  return out + "}";
}

std::string Plural(size_t n, const char* noun) {
  return std::to_string(n) + " " + noun + (n == 1 ? "" : "s");
}

std::string LineOf(const TestFilePosition& where) {
  return where.line > 0 ? " (line " + std::to_string(where.line) + ")" : "";
}

// Maximum bipartite matching (Kuhn): entry i may take detection j when
// fits[i][j]. Returns, per entry, its detection or -1.
class Assignment {
 public:
  explicit Assignment(const std::vector<std::vector<bool>>& fits)
      : fits_(fits), owner_(fits.empty() ? 0 : fits[0].size(), -1) {
    for (size_t i = 0; i < fits_.size(); ++i) {
      std::vector<bool> visited(owner_.size(), false);
      Augment(static_cast<int>(i), visited);
    }
  }

  std::vector<int> ByEntry() const {
    std::vector<int> detection(fits_.size(), -1);
    for (size_t j = 0; j < owner_.size(); ++j) {
      if (owner_[j] >= 0) detection[static_cast<size_t>(owner_[j])] = static_cast<int>(j);
    }
    return detection;
  }
  bool Taken(size_t detection) const { return owner_[detection] >= 0; }

 private:
  bool Augment(int entry, std::vector<bool>& visited) {
    for (size_t j = 0; j < owner_.size(); ++j) {
      if (!fits_[static_cast<size_t>(entry)][j] || visited[j]) continue;
      visited[j] = true;
      if (owner_[j] < 0 || Augment(owner_[j], visited)) {
        owner_[j] = entry;
        return true;
      }
    }
    return false;
  }

  const std::vector<std::vector<bool>>& fits_;
  std::vector<int> owner_;  // detection -> entry
};

}  // namespace

std::optional<std::string> CompareTestValue(const Value& expected, const Value& actual) {
  if (Equal(expected, actual)) return std::nullopt;
  // Name the types when they differ: `40` and `"40"` print differently but
  // people read past quotes.
  if (SameFamily(expected, actual)) return "expected " + Show(expected) + ", got " + Show(actual);
  return "expected " + Show(expected) + " (" + KindName(expected) + "), got " + Show(actual) +
         " (" + KindName(actual) + ")";
}

std::vector<std::string> DiffDetection(const ExpectedDetection& expected,
                                       const Detection& detection) {
  std::vector<std::string> out;
  if (expected.rule && *expected.rule != detection.rule) {
    out.push_back("rule: expected " + Quote(*expected.rule) + ", got " + Quote(detection.rule));
  }
  DiffNamed("match", "match variable", expected.match, detection.match, out);
  DiffNamed("outcomes", "outcome", expected.outcomes, detection.outcomes, out);
  if (expected.window_start && *expected.window_start != detection.window.start) {
    out.push_back("window.start: expected " + FormatTimestamp(*expected.window_start) + ", got " +
                  FormatTimestamp(detection.window.start));
  }
  if (expected.window_end && *expected.window_end != detection.window.end) {
    out.push_back("window.end: expected " + FormatTimestamp(*expected.window_end) + ", got " +
                  FormatTimestamp(detection.window.end));
  }
  for (const auto& [variable, count] : expected.events) {
    const EventSamples* samples = nullptr;
    for (const EventSamples& s : detection.events) {
      if (s.variable == variable) samples = &s;
    }
    if (samples == nullptr) {
      std::string have;
      for (const EventSamples& s : detection.events) have += (have.empty() ? "" : ", ") + s.variable;
      out.push_back("events." + variable + ": no event variable named " + variable +
                    " (the detection has " + (have.empty() ? "none" : have) + ")");
    } else if (samples->total != count) {
      out.push_back("events." + variable + ": expected " + Plural(static_cast<size_t>(count), "event") +
                    ", got " + std::to_string(samples->total));
    }
  }
  return out;
}

std::string DescribeDetection(const Detection& detection) {
  std::string out = detection.rule;
  if (!detection.match.empty()) out += " " + ShowNamed(detection.match);
  if (detection.window.start == detection.window.end) {
    out += " at " + FormatTimestamp(detection.window.start);
  } else {
    out += " window " + FormatTimestamp(detection.window.start) + ".." +
           FormatTimestamp(detection.window.end);
  }
  if (!detection.outcomes.empty()) out += " outcomes " + ShowNamed(detection.outcomes);
  if (!detection.events.empty()) {
    out += " events {";
    for (size_t i = 0; i < detection.events.size(); ++i) {
      out += (i > 0 ? ", " : "") + detection.events[i].variable + ": " +
             std::to_string(detection.events[i].total);
    }
    out += "}";
  }
  return out;
}

std::vector<std::string> CheckExpectations(const Expectations& expect,
                                           const std::vector<Detection>& detections) {
  std::vector<std::string> out;
  if (expect.detections && static_cast<size_t>(*expect.detections) != detections.size()) {
    out.push_back("expected " + Plural(static_cast<size_t>(*expect.detections), "detection") +
                  ", got " + std::to_string(detections.size()) + (detections.empty() ? "" : ":"));
    for (size_t j = 0; j < detections.size() && j < kMaxListedDetections; ++j) {
      out.push_back("  " + DescribeDetection(detections[j]));
    }
    if (detections.size() > kMaxListedDetections) {
      out.push_back("  ... and " + std::to_string(detections.size() - kMaxListedDetections) +
                    " more");
    }
  }
  if (expect.match.empty()) return out;

  // diffs[i][j]: how detection j fails entry i (empty: it satisfies it).
  std::vector<std::vector<std::vector<std::string>>> diffs(expect.match.size());
  std::vector<std::vector<bool>> fits(expect.match.size());
  for (size_t i = 0; i < expect.match.size(); ++i) {
    for (const Detection& detection : detections) {
      diffs[i].push_back(DiffDetection(expect.match[i], detection));
      fits[i].push_back(diffs[i].back().empty());
    }
  }
  const Assignment assignment(fits);
  const std::vector<int> chosen = assignment.ByEntry();
  for (size_t i = 0; i < expect.match.size(); ++i) {
    if (chosen[i] >= 0) continue;
    const std::string entry = "expected detection " + std::to_string(i + 1) +
                              LineOf(expect.match[i].where) + " not found";
    if (detections.empty()) {
      out.push_back(entry + ": there were no detections");
      continue;
    }
    size_t satisfying = 0;
    for (bool f : fits[i]) satisfying += f ? 1 : 0;
    if (satisfying > 0) {
      out.push_back(entry + ": the " + Plural(satisfying, "detection") +
                    " that satisfy it are taken by other entries (each entry needs its own)");
      continue;
    }
    // The closest: fewest differences, preferring a detection no other
    // entry took, since that is the one most likely meant.
    size_t best = 0;
    for (size_t j = 1; j < detections.size(); ++j) {
      const auto key = [&](size_t k) {
        return std::make_pair(diffs[i][k].size(), assignment.Taken(k) ? 1 : 0);
      };
      if (key(j) < key(best)) best = j;
    }
    out.push_back(entry + "; the closest of " + Plural(detections.size(), "detection") +
                  " differs:");
    for (const std::string& line : diffs[i][best]) out.push_back("  " + line);
    out.push_back("  that detection: " + DescribeDetection(detections[best]));
  }
  return out;
}

}  // namespace yaral

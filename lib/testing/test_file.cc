// Loading a rule test file (docs/testing.md): YAML in, a validated
// RuleTestFile out, or every mistake found with its line and column.
//
// A test file is written by hand, so the loader is strict: unknown keys,
// wrong kinds of value and missing files are errors rather than things to
// ignore, because an ignored expectation is a test that passes for the
// wrong reason. It reports all of them in one go rather than the first.

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "yaml-cpp/yaml.h"
#include "testing_internal.h"
#include "yaral/rule_test.h"
#include "yaral/udm_values.h"

namespace yaral {
namespace {

namespace fs = std::filesystem;
using testing_internal::InlineEventJson;
using testing_internal::IssueSink;
using testing_internal::NodeKindName;
using testing_internal::PositionOf;
using testing_internal::ScalarValue;

// A mapping's entries by key, after duplicate and unknown keys are reported.
class Keys {
 public:
  // Only for a key that Has().
  YAML::Node Get(const std::string& key) const { return values_.at(key); }
  bool Has(const std::string& key) const { return values_.count(key) > 0; }
  std::map<std::string, YAML::Node>& values() { return values_; }

 private:
  std::map<std::string, YAML::Node> values_;
};

std::string Join(std::initializer_list<std::string_view> names) {
  std::string out;
  for (std::string_view name : names) {
    if (!out.empty()) out += ", ";
    out += name;
  }
  return out;
}

// `$host` and `host` both name the match variable `host`.
std::string VariableName(const std::string& name) {
  return name.starts_with("$") ? name.substr(1) : name;
}

class TestFileLoader {
 public:
  explicit TestFileLoader(const std::string& path) : base_(fs::path(path).parent_path()) {
    load_.file.path = path;
    load_.file.start = kDefaultTestStart;
    issue_ = [this](const YAML::Mark& mark, std::string message) {
      Issue(mark, std::move(message));
    };
  }

  RuleTestLoad Load(std::string_view text) {
    // yaml-cpp reports every problem by throwing; this is the boundary.
    try {
      const YAML::Node root = YAML::Load(std::string(text));
      Top(root);
    } catch (const YAML::Exception& e) {
      Issue(e.mark, "invalid YAML: " + e.msg);
    } catch (const std::exception& e) {
      Issue(YAML::Mark::null_mark(), std::string("cannot load the test file: ") + e.what());
    }
    // Checks run in a logical order (the rule before the cases); people read
    // a file top to bottom.
    std::stable_sort(load_.errors.begin(), load_.errors.end(),
                     [](const TestFileError& a, const TestFileError& b) {
                       return std::pair(a.where.line, a.where.column) <
                              std::pair(b.where.line, b.where.column);
                     });
    return std::move(load_);
  }

 private:
  void Issue(const YAML::Mark& mark, std::string message) {
    load_.errors.push_back({load_.file.path, PositionOf(mark), std::move(message)});
  }

  // The entries of `node`, a mapping; reports duplicate keys and keys not in
  // `allowed`. `what` names the mapping in messages ("a case").
  Keys MappingKeys(const YAML::Node& node, const std::string& what,
                   std::initializer_list<std::string_view> allowed) {
    Keys keys;
    for (const auto& entry : node) {
      if (!entry.first.IsScalar()) {
        Issue(entry.first.Mark(), "a key in " + what + " must be a name, not " +
                                      NodeKindName(entry.first));
        continue;
      }
      const std::string& key = entry.first.Scalar();
      bool known = false;
      for (std::string_view name : allowed) known = known || key == name;
      if (!known) {
        Issue(entry.first.Mark(),
              "unknown key '" + key + "' in " + what + " (expected " + Join(allowed) + ")");
      } else if (!keys.values().emplace(key, entry.second).second) {
        Issue(entry.first.Mark(), "duplicate key '" + key + "' in " + what);
      }
    }
    return keys;
  }

  bool ExpectKind(const YAML::Node& node, YAML::NodeType::value type, const std::string& what,
                  const std::string& kind) {
    if (node.Type() == type) return true;
    Issue(node.Mark(), what + " must be " + kind + ", not " + NodeKindName(node));
    return false;
  }

  std::optional<std::string> Text(const YAML::Node& node, const std::string& what) {
    if (!ExpectKind(node, YAML::NodeType::Scalar, what, "a scalar")) return std::nullopt;
    return node.Scalar();
  }

  std::optional<int64_t> Count(const YAML::Node& node, const std::string& what) {
    if (node.IsScalar()) {
      const Value v = ScalarValue(node);
      if (v.is_int() && v.int_value() >= 0) return v.int_value();
    }
    Issue(node.Mark(), what + " must be a whole number, 0 or more");
    return std::nullopt;
  }

  // A time as written, relative to `base` or absolute.
  std::optional<UdmTimestamp> Time(const YAML::Node& node, const std::string& what,
                                   UdmTimestamp base) {
    std::optional<std::string> text = Text(node, what);
    if (!text) return std::nullopt;
    absl::StatusOr<UdmTimestamp> t = ResolveTestTime(*text, base);
    if (!t.ok()) {
      Issue(node.Mark(), what + ": " + std::string(t.status().message()));
      return std::nullopt;
    }
    return *t;
  }

  // A path in the file, relative to the file's directory.
  std::string Resolve(const std::string& path) const {
    fs::path resolved = base_.empty() || fs::path(path).is_absolute() ? fs::path(path)
                                                                      : base_ / path;
    // "lists/" names the directory "lists"; messages read better without
    // the slash. (Trimmed as text: path::parent_path() kept the slash in
    // optimised builds of this toolchain.)
    std::string out = resolved.lexically_normal().string();
    while (out.size() > 1 && out.back() == '/') out.pop_back();
    return out;
  }

  std::optional<std::string> ExistingPath(const YAML::Node& node, const std::string& what,
                                          bool directory) {
    std::optional<std::string> text = Text(node, what);
    if (!text) return std::nullopt;
    if (text->empty()) {
      Issue(node.Mark(), what + " is empty");
      return std::nullopt;
    }
    std::string path = Resolve(*text);
    std::error_code error;
    const bool found = directory ? fs::is_directory(path, error) : fs::is_regular_file(path, error);
    if (!found) {
      std::string reason = fs::exists(path, error)
                               ? (directory ? "is not a directory" : "is not a regular file")
                               : "not found";
      Issue(node.Mark(), what + " '" + path + "' " + reason);
      return std::nullopt;
    }
    return path;
  }

  void Top(const YAML::Node& root) {
    if (root.IsNull()) {
      Issue(YAML::Mark(), "the test file is empty (it needs 'rule' and 'cases')");
      return;
    }
    if (!ExpectKind(root, YAML::NodeType::Map, "the test file", "a mapping")) return;
    Keys keys = MappingKeys(root, "the test file", {"rule", "lists", "tables", "start", "cases"});
    RuleTestFile& file = load_.file;

    if (!keys.Has("rule")) {
      Issue(root.Mark(), "missing 'rule' (the rule file to test, relative to this file)");
    } else {
      const YAML::Node rule = keys.Get("rule");
      file.rule_where = PositionOf(rule.Mark());
      if (auto path = ExistingPath(rule, "rule file", false)) file.rule_path = *path;
    }
    if (keys.Has("lists")) {
      const YAML::Node lists = keys.Get("lists");
      file.lists_where = PositionOf(lists.Mark());
      if (auto path = ExistingPath(lists, "lists directory", true)) file.lists_dir = *path;
    }
    if (keys.Has("tables")) {
      const YAML::Node tables = keys.Get("tables");
      file.tables_where = PositionOf(tables.Mark());
      if (auto path = ExistingPath(tables, "tables directory", true)) file.tables_dir = *path;
    }
    if (keys.Has("start")) {
      const YAML::Node start = keys.Get("start");
      if (start.IsScalar() && IsRelativeTime(start.Scalar())) {
        Issue(start.Mark(), "the file's 'start' must be an absolute RFC 3339 time "
                            "(\"2026-03-02T10:00:00Z\"); relative times count from it");
      } else if (auto t = Time(start, "'start'", kDefaultTestStart)) {
        file.start = *t;
      }
    }
    if (!keys.Has("cases")) {
      Issue(root.Mark(), "missing 'cases' (the list of test cases)");
      return;
    }
    const YAML::Node cases = keys.Get("cases");
    if (!ExpectKind(cases, YAML::NodeType::Sequence, "'cases'", "a list")) return;
    if (cases.size() == 0) Issue(cases.Mark(), "'cases' is empty");
    std::set<std::string> names;
    for (const YAML::Node& node : cases) {
      std::optional<TestCase> test_case = Case(node);
      if (!test_case) continue;
      if (!names.insert(test_case->name).second) {
        Issue(node.Mark(), "duplicate case name '" + test_case->name + "'");
        continue;
      }
      file.cases.push_back(*std::move(test_case));
    }
  }

  std::optional<TestCase> Case(const YAML::Node& node) {
    if (!ExpectKind(node, YAML::NodeType::Map, "a case", "a mapping")) return std::nullopt;
    const size_t errors_before = load_.errors.size();
    Keys keys = MappingKeys(node, "a case", {"name", "start", "events", "expect"});
    TestCase test_case;
    test_case.where = PositionOf(node.Mark());
    test_case.start = load_.file.start;
    if (!keys.Has("name")) {
      Issue(node.Mark(), "a case needs a 'name'");
    } else if (auto name = Text(keys.Get("name"), "a case's 'name'")) {
      if (name->empty()) Issue(keys.Get("name").Mark(), "a case's 'name' is empty");
      test_case.name = *name;
    }
    if (keys.Has("start")) {
      if (auto t = Time(keys.Get("start"), "the case's 'start'", load_.file.start)) {
        test_case.start = *t;
      }
    }
    if (!keys.Has("events")) {
      // Required even when empty, so that a forgotten key does not make a
      // quiet case pass by having nothing to be quiet about.
      Issue(node.Mark(), "a case needs 'events' (write `events: []` for none)");
    } else {
      Events(keys.Get("events"), test_case);
    }
    if (!keys.Has("expect")) {
      Issue(node.Mark(), "a case needs 'expect' (`none`, or `detections:` and/or `match:`)");
    } else {
      Expect(keys.Get("expect"), test_case);
    }
    if (load_.errors.size() != errors_before) return std::nullopt;
    return test_case;
  }

  void Events(const YAML::Node& node, TestCase& test_case) {
    if (!ExpectKind(node, YAML::NodeType::Sequence, "'events'", "a list")) return;
    for (const YAML::Node& item : node) {
      TestEvent event;
      event.where = PositionOf(item.Mark());
      if (item.IsMap() && item["file"]) {
        if (item.size() != 1) {
          Issue(item.Mark(), "a `file:` item names an event file and takes no other keys");
          continue;
        }
        if (auto path = ExistingPath(item["file"], "event file", false)) event.file = *path;
      } else if (auto json = InlineEventJson(item, test_case.start, issue_)) {
        event.json = *std::move(json);
      }
      test_case.events.push_back(std::move(event));
    }
  }

  void Expect(const YAML::Node& node, TestCase& test_case) {
    Expectations& expect = test_case.expect;
    expect.where = PositionOf(node.Mark());
    if (node.IsScalar()) {
      if (node.Scalar() == "none") {
        expect.detections = 0;
      } else {
        Issue(node.Mark(), "'expect' must be `none` or a mapping with `detections:` and/or "
                           "`match:`, not '" + node.Scalar() + "'");
      }
      return;
    }
    if (!ExpectKind(node, YAML::NodeType::Map, "'expect'", "`none` or a mapping")) return;
    Keys keys = MappingKeys(node, "'expect'", {"detections", "match"});
    if (keys.Has("detections")) expect.detections = Count(keys.Get("detections"), "'detections'");
    if (keys.Has("match")) {
      const YAML::Node match = keys.Get("match");
      if (ExpectKind(match, YAML::NodeType::Sequence, "'expect.match'", "a list")) {
        for (const YAML::Node& entry : match) {
          if (auto expected = Expected(entry, test_case.start)) {
            expect.match.push_back(*std::move(expected));
          }
        }
      }
    }
    if (node.size() == 0) {
      Issue(node.Mark(), "'expect' states nothing: give `detections:`, `match:`, or write "
                         "`expect: none`");
    }
    if (expect.detections && keys.Has("match") &&
        static_cast<size_t>(*expect.detections) < keys.Get("match").size()) {
      Issue(node.Mark(), "'expect' asks for " + std::to_string(*expect.detections) +
                             " detections but lists " + std::to_string(keys.Get("match").size()) +
                             " distinct ones under 'match'");
    }
  }

  std::optional<ExpectedDetection> Expected(const YAML::Node& node, UdmTimestamp start) {
    if (!ExpectKind(node, YAML::NodeType::Map, "an 'expect.match' entry", "a mapping")) {
      return std::nullopt;
    }
    ExpectedDetection expected;
    expected.where = PositionOf(node.Mark());
    Keys keys =
        MappingKeys(node, "an 'expect.match' entry", {"rule", "match", "outcomes", "window", "events"});
    if (keys.Has("rule")) expected.rule = Text(keys.Get("rule"), "'rule'");
    if (keys.Has("match")) expected.match = NamedValues(keys.Get("match"), "match");
    if (keys.Has("outcomes")) expected.outcomes = NamedValues(keys.Get("outcomes"), "outcomes");
    if (keys.Has("window")) {
      const YAML::Node window = keys.Get("window");
      if (ExpectKind(window, YAML::NodeType::Map, "'window'", "a mapping")) {
        Keys bounds = MappingKeys(window, "'window'", {"start", "end"});
        if (bounds.Has("start")) expected.window_start = Time(bounds.Get("start"), "'window.start'", start);
        if (bounds.Has("end")) expected.window_end = Time(bounds.Get("end"), "'window.end'", start);
      }
    }
    if (keys.Has("events")) {
      const YAML::Node events = keys.Get("events");
      if (ExpectKind(events, YAML::NodeType::Map, "'events'", "a mapping of event variables to counts")) {
        for (const auto& entry : events) {
          if (auto name = Text(entry.first, "an event variable")) {
            if (auto n = Count(entry.second, "the count of $" + VariableName(*name))) {
              expected.events.emplace_back(VariableName(*name), *n);
            }
          }
        }
      }
    }
    return expected;
  }

  std::vector<NamedValue> NamedValues(const YAML::Node& node, const std::string& what) {
    std::vector<NamedValue> values;
    if (!ExpectKind(node, YAML::NodeType::Map, "'" + what + "'", "a mapping of names to values")) {
      return values;
    }
    std::set<std::string> seen;
    for (const auto& entry : node) {
      std::optional<std::string> name = Text(entry.first, "a name in '" + what + "'");
      if (!name) continue;
      if (!seen.insert(VariableName(*name)).second) {
        Issue(entry.first.Mark(), "duplicate key '" + *name + "' in '" + what + "'");
        continue;
      }
      if (auto value = ExpectedValue(entry.second, what + "." + VariableName(*name))) {
        values.push_back({VariableName(*name), *std::move(value)});
      }
    }
    return values;
  }

  std::optional<Value> ExpectedValue(const YAML::Node& node, const std::string& what) {
    if (node.IsSequence()) {
      Value::ListType items;
      for (const YAML::Node& item : node) {
        std::optional<Value> v = ExpectedValue(item, what);
        if (!v) return std::nullopt;
        items.push_back(*std::move(v));
      }
      return Value::List(std::move(items));
    }
    if (node.IsMap()) {
      Issue(node.Mark(), "'" + what + "' must be a value or a list of values, not a mapping");
      return std::nullopt;
    }
    return ScalarValue(node);
  }

  fs::path base_;
  RuleTestLoad load_;
  IssueSink issue_;
};

}  // namespace

std::string FormatTestFileError(const TestFileError& error) {
  std::string out = error.file;
  if (error.where.line > 0) {
    out += ":" + std::to_string(error.where.line) + ":" + std::to_string(error.where.column);
  }
  return out + ": error: " + error.message;
}

RuleTestLoad ParseRuleTestFile(std::string_view text, const std::string& path) {
  return TestFileLoader(path).Load(text);
}

RuleTestLoad LoadRuleTestFile(const std::string& path) {
  absl::StatusOr<std::string> text = testing_internal::ReadTextFile(path);
  if (!text.ok()) {
    RuleTestLoad load;
    load.file.path = path;
    load.errors.push_back({path, {}, std::string(text.status().message())});
    return load;
  }
  return ParseRuleTestFile(*text, path);
}

namespace testing_internal {

absl::StatusOr<std::string> ReadTextFile(const std::string& path) {
  std::error_code error;
  if (fs::is_directory(path, error)) {
    return absl::InvalidArgumentError("cannot read '" + path + "': is a directory");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return absl::NotFoundError("cannot read '" + path + "': " + std::strerror(errno));
  }
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) return absl::DataLossError("cannot read '" + path + "': read error");
  return text.str();
}

}  // namespace testing_internal

}  // namespace yaral

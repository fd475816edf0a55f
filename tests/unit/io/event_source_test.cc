#include "yaral/event_source.h"

#include <catch2/catch.hpp>

#include <unistd.h>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace yaral {
namespace {

struct Read {
  std::string json;
  int64_t line = 0;
  std::string label;
};

struct Result {
  std::vector<Read> events;
  std::vector<ReadError> errors;
  ReadStats stats;
  absl::Status status;
};

Result Drain(EventSource& source) {
  Result r;
  RawEvent e;
  int64_t expected_index = 0;
  while (source.Next(e)) {
    CHECK(e.index == expected_index++);
    r.events.push_back({std::string(e.json), e.line, std::string(e.label)});
  }
  r.errors = source.errors();
  r.stats = source.stats();
  r.status = source.status();
  return r;
}

Result ReadText(std::string_view text, EventSourceOptions options = {}) {
  EventSource source = EventSource::FromString(text, "t", std::move(options));
  return Drain(source);
}

// Reads through a real file with a given block size, so values straddle
// block boundaries at every possible offset when the size is tiny.
Result ReadFile(std::string_view text, size_t chunk, EventSourceOptions options = {}) {
  // ctest runs each test case as its own process, in parallel: the file name
  // must be unique per process and per call.
  static int counter = 0;
  auto path = std::filesystem::temp_directory_path() /
              ("yaral_event_source_test_" + std::to_string(::getpid()) + "_" +
               std::to_string(counter++) + ".json");
  {
    std::ofstream out(path, std::ios::binary);
    out << text;
  }
  options.chunk_bytes = chunk;
  absl::StatusOr<EventSource> source = EventSource::Open(path.string(), std::move(options));
  REQUIRE(source.ok());
  Result r = Drain(*source);
  std::filesystem::remove(path);
  return r;
}

std::vector<int64_t> Lines(const Result& r) {
  std::vector<int64_t> lines;
  for (const Read& e : r.events) lines.push_back(e.line);
  return lines;
}

std::vector<std::string> Jsons(const Result& r) {
  std::vector<std::string> out;
  for (const Read& e : r.events) out.push_back(e.json);
  return out;
}

TEST_CASE("NDJSON: one event per line, exact text, lines and indexes", "[io][events]") {
  Result r = ReadText("{\"a\":1}\n{\"b\": 2}\n{\"c\":3}\n");
  CHECK(Jsons(r) == std::vector<std::string>{"{\"a\":1}", "{\"b\": 2}", "{\"c\":3}"});
  CHECK(Lines(r) == std::vector<int64_t>{1, 2, 3});
  CHECK(r.stats.events == 3);
  CHECK(r.stats.skipped == 0);
  CHECK(r.stats.bytes == 25);
  CHECK(r.status.ok());
}

TEST_CASE("NDJSON: a malformed line is skipped, counted and located", "[io][events]") {
  std::vector<ReadError> seen;
  EventSourceOptions options;
  options.on_read_error = [&](const ReadError& e) { seen.push_back(e); };
  Result r = ReadText("{\"a\":1}\n{\"b\": tru}\n{\"c\":3}\n\n{\"d\":\n{\"e\":5}", options);
  CHECK(Lines(r) == std::vector<int64_t>{1, 3, 6});
  REQUIRE(r.errors.size() == 2);
  CHECK(r.errors[0].line == 2);
  CHECK(r.errors[0].reason == ReadErrorReason::kInvalidJson);
  CHECK(r.errors[1].line == 5);
  CHECK(seen.size() == 2);
  CHECK(r.stats.skipped == 2);
  CHECK(r.stats.skipped_by_reason.at("invalid_json") == 2);
  CHECK(r.status.ok());
  CHECK(FormatReadError("x.ndjson", r.errors[0]).rfind("x.ndjson:2: invalid JSON", 0) == 0);
}

TEST_CASE("numbers outside int64 and double are JSON: the event is kept", "[io][events]") {
  // simdjson's DOM refuses them; they must not cost an event whose rules
  // never read that field (the engine decides for the fields it reads).
  const std::string big = R"({"a":123456789012345678901234567890,"b":"x"})";
  const std::string huge = R"({"a":[1e400,-1e400],"b":-99999999999999999999.5e3})";
  const std::string wrapped = R"({"events":[{"a":1e999},{"b":2}]})";
  Result r = ReadText(big + "\n" + huge + "\n" + wrapped + "\n{\"c\":01}\n{\"d\":1.}\n{\"e\":-}\n");
  CHECK(Jsons(r) == std::vector<std::string>{big, huge, R"({"a":1e999})", R"({"b":2})"});
  CHECK(Lines(r) == std::vector<int64_t>{1, 2, 3, 3});
  // Malformed numbers are still malformed.
  CHECK(r.stats.skipped_by_reason.at("invalid_json") == 3);
}

TEST_CASE("kFail stops at the first malformed value", "[io][events]") {
  EventSourceOptions options;
  options.on_error = OnError::kFail;
  Result r = ReadText("{\"a\":1}\n{\"b\": tru}\n{\"c\":3}\n", options);
  CHECK(Lines(r) == std::vector<int64_t>{1});
  CHECK(r.status.code() == absl::StatusCode::kInvalidArgument);
  CHECK(r.status.message().find("t:2:") == 0);
  CHECK(r.stats.skipped == 1);
}

TEST_CASE("blank lines, CRLF, BOM and a last line without newline", "[io][events]") {
  Result r = ReadText("\xEF\xBB\xBF{\"a\":1}\r\n\r\n   \n\t{\"b\":2}  \r\n{\"c\":3}");
  CHECK(Jsons(r) == std::vector<std::string>{"{\"a\":1}", "{\"b\":2}", "{\"c\":3}"});
  CHECK(Lines(r) == std::vector<int64_t>{1, 4, 5});
  CHECK(r.errors.empty());
}

TEST_CASE("empty and blank input yield nothing, without errors", "[io][events]") {
  for (std::string_view text : {"", "\n\n", "  \r\n", "\xEF\xBB\xBF", "[]", "[\n]\n"}) {
    Result r = ReadText(text);
    CHECK(r.events.empty());
    CHECK(r.errors.empty());
    CHECK(r.status.ok());
  }
}

TEST_CASE("a line larger than the read block is read whole", "[io][events]") {
  std::string big = "{\"x\":\"" + std::string(3 << 20, 'a') + "\"}";
  std::string text = "{\"a\":1}\n" + big + "\n{\"c\":3}\n";
  Result r = ReadFile(text, size_t{1} << 20);
  REQUIRE(r.events.size() == 3);
  CHECK(r.events[1].json == big);
  CHECK(Lines(r) == std::vector<int64_t>{1, 2, 3});
}

TEST_CASE("a value over max_value_bytes is skipped as too_large", "[io][events]") {
  std::string big = "{\"x\":\"" + std::string(1000, 'a') + "\"}";
  EventSourceOptions options;
  options.max_value_bytes = 100;
  SECTION("NDJSON") {
    Result r = ReadFile("{\"a\":1}\n" + big + "\n{\"c\":3}\n", 16, options);
    CHECK(Lines(r) == std::vector<int64_t>{1, 3});
    REQUIRE(r.errors.size() == 1);
    CHECK(r.errors[0].line == 2);
    CHECK(r.errors[0].reason == ReadErrorReason::kTooLarge);
  }
  SECTION("array element") {
    Result r = ReadFile("[\n  {\"a\":1},\n  " + big + ",\n  {\"c\":3}\n]\n", 16, options);
    CHECK(Lines(r) == std::vector<int64_t>{2, 4});
    REQUIRE(r.errors.size() == 1);
    CHECK(r.errors[0].line == 3);
    CHECK(r.stats.skipped_by_reason.at("too_large") == 1);
  }
}

// Every shape in one table; each input must give the same events at every
// read block size.
struct ShapeCase {
  const char* name;
  std::string text;
  std::vector<std::string> events;
  std::vector<int64_t> lines;
  std::vector<std::string> labels = {};
};

std::vector<ShapeCase> ShapeCases() {
  return {
      {"array", "[{\"a\":1},{\"b\":2}]", {"{\"a\":1}", "{\"b\":2}"}, {1, 1}},
      {"pretty array",
       "[\n  {\n    \"a\": 1\n  },\n  {\n    \"b\": [2, 3]\n  }\n]\n",
       {"{\n    \"a\": 1\n  }", "{\n    \"b\": [2, 3]\n  }"},
       {2, 5}},
      {"array with elements at column 0", "[\n{\"a\":1},\n{\"b\":2}\n]", {"{\"a\":1}", "{\"b\":2}"},
       {2, 3}},
      {"pretty object", "{\n  \"metadata\": {\n    \"event_type\": \"X\"\n  }\n}\n",
       {"{\n  \"metadata\": {\n    \"event_type\": \"X\"\n  }\n}"}, {1}},
      {"concatenated pretty objects", "{\n \"a\": 1\n}\n{\n \"b\": 2\n}",
       {"{\n \"a\": 1\n}", "{\n \"b\": 2\n}"}, {1, 4}},
      {"udm envelope per line", "{\"udm\":{\"a\":1},\"name\":\"n\"}\n{\"eventLogToken\":\"t\",\"udm\":{\"b\":2}}\n",
       {"{\"a\":1}", "{\"b\":2}"}, {1, 2}},
      {"udm envelopes in an array", "[{\"udm\":{\"a\":1}},\n {\"udm\":{\"b\":2}}]",
       {"{\"a\":1}", "{\"b\":2}"}, {1, 2}},
      {"events envelope (batchCreate)",
       "{\n  \"customer_id\": \"c\",\n  \"events\": [\n    {\"a\": 1},\n    {\"udm\": {\"b\": 2}}\n  ]\n}\n",
       {"{\"a\": 1}", "{\"b\": 2}"}, {4, 5}},
      {"inlineSource (events:import)",
       "{\"inlineSource\": {\"events\": [{\"udm\": {\"a\": 1}}]}}", {"{\"a\": 1}"}, {1}},
      {"inline_source snake case", "{\"inline_source\": {\"events\": [{\"a\": 1}]}}", {"{\"a\": 1}"},
       {1}},
      {"detection collectionElements",
       "{\"detections\": [{\"id\": \"d\", \"collectionElements\": [\n"
       " {\"label\": \"e\", \"references\": [{\"event\": {\"a\": 1}}, {\"event\": {\"b\": 2}}]},\n"
       " {\"label\": \"g\", \"references\": [{\"entity\": {\"c\": 3}}]},\n"
       " {\"label\": \"f\", \"references\": [{\"udm\": {\"d\": 4}}]}]}]}",
       {"{\"a\": 1}", "{\"b\": 2}", "{\"d\": 4}"},
       {2, 2, 4},
       {"e", "e", "f"}},
      {"collection_elements snake case, NDJSON",
       "{\"collection_elements\": [{\"label\": \"x\", \"references\": [{\"event\": {\"a\": 1}}]}]}\n"
       "{\"collectionElements\": [{\"label\": \"y\", \"references\": [{\"event\": {\"b\": 2}}]}]}\n",
       {"{\"a\": 1}", "{\"b\": 2}"},
       {1, 2},
       {"x", "y"}},
      {"strings with brackets and escapes", "{\"a\":\"}]\\\"[{\"}\n[{\"b\":\"\\\\\"}]",
       {"{\"a\":\"}]\\\"[{\"}", "{\"b\":\"\\\\\"}"}, {1, 2}},
  };
}

TEST_CASE("every input shape, at every read block size", "[io][events][shapes]") {
  for (const ShapeCase& c : ShapeCases()) {
    for (size_t chunk : {size_t{1}, size_t{2}, size_t{3}, size_t{7}, size_t{64}, size_t{1} << 20}) {
      INFO(c.name << ", block " << chunk);
      Result r = ReadFile(c.text, chunk);
      CHECK(r.errors.empty());
      CHECK(Jsons(r) == c.events);
      CHECK(Lines(r) == c.lines);
      if (!c.labels.empty()) {
        std::vector<std::string> labels;
        for (const Read& e : r.events) labels.push_back(e.label);
        CHECK(labels == c.labels);
      }
    }
    INFO(c.name << ", from a string");
    CHECK(Jsons(ReadText(c.text)) == c.events);
  }
}

struct BadCase {
  const char* name;
  std::string text;
  std::vector<int64_t> event_lines;
  std::vector<int64_t> error_lines;
  ReadErrorReason reason;
};

TEST_CASE("malformed input: skipped with a reason and a line", "[io][events][errors]") {
  std::vector<BadCase> cases = {
      {"bad array element", "[{\"a\":1},\n {\"b\": tru},\n {\"c\":3}]", {1, 3}, {2},
       ReadErrorReason::kInvalidJson},
      {"scalar line", "{\"a\":1}\n42\n{\"c\":3}", {1, 3}, {2}, ReadErrorReason::kNotAnObject},
      {"scalar array element", "[1, {\"a\":1}]", {1}, {1}, ReadErrorReason::kNotAnObject},
      {"non-object in events", "{\"events\": [\"x\",\n {\"a\":1}]}", {2}, {1},
       ReadErrorReason::kNotAnObject},
      {"truncated first line", "{\"a\": 1\n{\"b\":2}\n{\"c\":3}\n", {2, 3}, {1},
       ReadErrorReason::kUnterminated},
      {"unterminated string in pretty input", "{\n \"a\": \"x\n}\n{\"b\":2}\n", {4}, {1},
       ReadErrorReason::kUnterminated},
      {"array never closed", "[{\"a\":1},\n{\"b\":2},", {1, 2}, {1},
       ReadErrorReason::kUnterminated},
      {"stray closer", "{\n\"a\":1\n}}\n{\"b\":2}", {1, 4}, {3}, ReadErrorReason::kUnexpected},
      {"invalid UTF-8", "{\"a\":1}\n{\"b\":\"\xFF\"}\n{\"c\":3}", {1, 3}, {2},
       ReadErrorReason::kInvalidUtf8},
      {"garbage line", "{\"a\":1}\nnot json at all\n{\"c\":3}", {1, 3}, {2},
       ReadErrorReason::kInvalidJson},
  };
  for (const BadCase& c : cases) {
    for (size_t chunk : {size_t{1}, size_t{5}, size_t{1} << 20}) {
      INFO(c.name << ", block " << chunk);
      Result r = ReadFile(c.text, chunk);
      CHECK(Lines(r) == c.event_lines);
      std::vector<int64_t> error_lines;
      for (const ReadError& e : r.errors) error_lines.push_back(e.line);
      CHECK(error_lines == c.error_lines);
      if (!r.errors.empty()) CHECK(r.errors[0].reason == c.reason);
      CHECK(r.stats.skipped == static_cast<int64_t>(c.error_lines.size()));
      CHECK(r.status.ok());
    }
  }
}

TEST_CASE("kept errors are capped; counts are not", "[io][events][errors]") {
  std::string text;
  for (int i = 0; i < 50; ++i) text += "{\"a\":1}\n{bad}\n";
  EventSourceOptions options;
  options.max_kept_errors = 3;
  Result r = ReadText(text, options);
  CHECK(r.events.size() == 50);
  CHECK(r.errors.size() == 3);
  CHECK(r.stats.skipped == 50);
}

TEST_CASE("Open reports a missing file; '-' is stdin", "[io][events]") {
  absl::StatusOr<EventSource> missing = EventSource::Open("/nonexistent/yaral/events.json");
  CHECK(missing.status().code() == absl::StatusCode::kNotFound);
  absl::StatusOr<EventSource> in = EventSource::Open("-");
  REQUIRE(in.ok());
  CHECK(in->name() == "<stdin>");
}

// The public samples in ../shared (FORMAT_NOTES.md there): every JSON file
// must read without error. The .textproto files are protobuf text format,
// which is not an accepted input (docs/events.md).
TEST_CASE("every shared UDM sample reads without errors", "[io][events][samples]") {
  const std::filesystem::path dir = std::filesystem::path(YARAL_SHARED_DIR) / "udm-samples";
  if (!std::filesystem::is_directory(dir)) {
    WARN("skipped: " << dir.string() << " is absent");
    return;
  }
  int files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() != ".json") continue;
    ++files;
    INFO(entry.path().filename().string());
    absl::StatusOr<EventSource> source = EventSource::Open(entry.path().string());
    REQUIRE(source.ok());
    Result r = Drain(*source);
    CHECK(r.events.size() >= 1);
    CHECK(r.errors.empty());
    CHECK(r.status.ok());
    for (const Read& e : r.events) CHECK(e.json.front() == '{');
  }
  CHECK(files > 0);
}

}  // namespace
}  // namespace yaral

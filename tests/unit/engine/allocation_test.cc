// Issue 4: "no per-event heap allocation on the path of an event that fails
// its filters". Counts every operator new in this process (its own test
// executable, so the replacement below touches nothing else; under
// AddressSanitizer, every allocation through its hook) while events that
// the reference rule rejects stream through an engine.
#include <atomic>
#include <cstdlib>
#include <fstream>
#include <new>
#include <sstream>
#include <string>
#include <vector>

#include "catch2/catch.hpp"
#include "yaral/engine.h"

namespace {
std::atomic<long> allocations{0};
}  // namespace

#if defined(__SANITIZE_ADDRESS__)
// AddressSanitizer owns operator new (a replacement here would pair with its
// deletes in shared libraries); it reports every allocation to a hook
// instead, malloc included.
// From libasan (sanitizer/allocator_interface.h, not installed by Debian's
// g++ packages).
extern "C" int __sanitizer_install_malloc_and_free_hooks(
    void (*malloc_hook)(const volatile void*, size_t), void (*free_hook)(const volatile void*));
namespace {
void CountAllocation(const volatile void*, size_t) { ++allocations; }
void IgnoreFree(const volatile void*) {}
const int kHooksInstalled = __sanitizer_install_malloc_and_free_hooks(CountAllocation, IgnoreFree);
}  // namespace
#else
void* operator new(std::size_t size) {
  ++allocations;
  if (void* p = std::malloc(size == 0 ? 1 : size)) return p;
  throw std::bad_alloc();
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
#endif

namespace yaral {
namespace {

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

TEST_CASE("events the reference rule rejects cost no heap allocation", "[engine][allocation]") {
  const std::string rule_path =
      std::string(YARAL_SOURCE_DIR) + "/examples/rules/t1071_003_non_mail_process_mail_protocol.yaral";
  CompileResult compiled = CompileRules(SourceFile(rule_path, ReadFile(rule_path)));
  REQUIRE(compiled.ok());
  Engine engine(compiled.rules);
  std::vector<std::string> rejected;
  for (int minute = 0; minute < 60; ++minute) {
    const std::string time = "2026-03-02T10:" + std::string(minute < 10 ? "0" : "") + std::to_string(minute) + ":00Z";
    // Not a network connection: fails the first filter.
    rejected.push_back(R"({"metadata":{"event_timestamp":")" + time +
                       R"(","event_type":"USER_LOGIN","product_name":"Microsoft-Windows-Security-Auditing"},)"
                       R"("principal":{"hostname":"ws-fin-07.corp.example","ip":["10.1.2.3"]},"target":{"user":{"userid":"alice"}}})");
    // A mail client talking SMTP: fails the regex filter last.
    rejected.push_back(R"({"metadata":{"event_timestamp":")" + time +
                       R"(","event_type":"NETWORK_CONNECTION"},"principal":{"hostname":"ws-fin-07.corp.example",)"
                       R"("process":{"file":{"full_path":"C:\\Program Files\\Microsoft Office\\OUTLOOK.EXE"}}},)"
                       R"("target":{"ip":["203.0.113.5"],"port":587},"network":{"direction":"OUTBOUND"}})");
  }
  // Warm up: buffers grow to the size these events need.
  for (const std::string& e : rejected) REQUIRE(engine.Feed(e).ok());
  const long before = allocations.load();
  REQUIRE(before > 0);  // the counter sees the engine's set-up
  for (int round = 0; round < 10; ++round) {
    for (const std::string& e : rejected) REQUIRE(engine.Feed(e).ok());
  }
  const long after = allocations.load();
  CHECK(after - before == 0);
  engine.Finish();
  CHECK(engine.stats().rows_kept == 0);
}

}  // namespace
}  // namespace yaral

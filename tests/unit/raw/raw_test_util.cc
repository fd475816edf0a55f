#include "raw_test_util.h"

#include <zlib.h>
#include <zstd.h>

#include <filesystem>
#include <fstream>

namespace yaral::raw_test {

std::string WriteTempFile(std::string_view name, std::string_view bytes) {
  static const std::filesystem::path dir = [] {
    std::filesystem::path d = std::filesystem::temp_directory_path() /
                              ("yaral-raw-tests-" + std::to_string(::getpid()));
    std::filesystem::create_directories(d);
    return d;
  }();
  const std::filesystem::path path = dir / std::string(name);
  std::ofstream(path, std::ios::binary) << bytes;
  return path.string();
}

std::string Gzip(std::string_view bytes) {
  z_stream z{};
  deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
  std::string out(deflateBound(&z, bytes.size()) + 32, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
  z.avail_in = static_cast<uInt>(bytes.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

std::string Zstd(std::string_view bytes) {
  std::string out(ZSTD_compressBound(bytes.size()), '\0');
  out.resize(ZSTD_compress(out.data(), out.size(), bytes.data(), bytes.size(), 3));
  return out;
}

Normalized Normalize(const std::string& path, InputFormat format) {
  Normalized result;
  EventSourceOptions options;
  options.format = format;
  absl::StatusOr<EventSource> source = EventSource::Open(path, options);
  if (!source.ok()) {
    result.open = source.status();
    return result;
  }
  RawEvent event;
  while (source->Next(event)) {
    result.events.push_back(nlohmann::json::parse(event.json));
    result.lines.push_back(event.line);
  }
  result.status = source->status();
  result.stats = source->stats();
  result.errors = source->errors();
  return result;
}

}  // namespace yaral::raw_test

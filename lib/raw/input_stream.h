// The bytes of an input file, decompressed on the fly when they are gzip or
// zstd (recognised by their magic numbers, never by the file name), read in
// blocks so no file is ever held whole. Private to lib/raw.
#ifndef YARAL_RAW_INPUT_STREAM_H_
#define YARAL_RAW_INPUT_STREAM_H_

#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace yaral::raw {

class InputStream {
 public:
  // "-" is stdin. NotFound / PermissionDenied / Unavailable when the file
  // cannot be opened.
  static absl::StatusOr<std::unique_ptr<InputStream>> Open(const std::string& path);
  virtual ~InputStream() = default;

  // Up to `size` bytes of the (decompressed) start of the input, without
  // consuming them: what format detection looks at.
  std::string_view Peek(size_t size);
  // Fills `out` with up to `size` bytes; 0 at the end of input or on an
  // error, which status() then holds (DataLoss for a damaged stream).
  size_t Read(char* out, size_t size);

  const absl::Status& status() const { return status_; }
  // "gzip", "zstd", or "" for a plain file.
  std::string_view compression() const { return compression_; }
  // Bytes taken from the file itself (compressed bytes for .gz / .zst).
  virtual uint64_t file_bytes() const = 0;
  const std::string& name() const { return name_; }

 protected:
  explicit InputStream(std::string name) : name_(std::move(name)) {}
  // Decompressed (or plain) bytes into out; 0 at the end or on error.
  virtual size_t Produce(char* out, size_t size) = 0;

  std::string name_;
  std::string_view compression_;
  absl::Status status_;

 private:
  std::string peeked_;  // bytes Peek produced that Read has not handed out
  size_t peeked_pos_ = 0;
};

// Splits an InputStream into lines (without their `\n` or `\r\n`), held one
// at a time. A line longer than `max_line` is cut there and `truncated` set.
class LineReader {
 public:
  LineReader(InputStream& input, size_t max_line);
  // False at the end of input (or on a read error: input.status()).
  bool Next(std::string_view& line, int64_t& number, bool& truncated);

 private:
  bool Fill();
  InputStream& input_;
  size_t max_line_;
  std::string buf_;
  size_t pos_ = 0, end_ = 0;
  bool eof_ = false;
  int64_t number_ = 0;
  std::string held_;  // the kept head of an over-long line
};

// A stdio stream over a (decompressed) InputStream, for the UDM JSON reader,
// which reads a FILE*. Owns the stream; closed with std::fclose.
std::FILE* OpenAsFile(std::unique_ptr<InputStream> input);

}  // namespace yaral::raw

#endif  // YARAL_RAW_INPUT_STREAM_H_

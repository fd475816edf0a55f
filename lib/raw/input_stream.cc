#include "raw/input_stream.h"

#include <zlib.h>
#include <zstd.h>

#include <cerrno>
#include <cstring>
#include <vector>

#include "absl/strings/str_cat.h"
#include "raw/source_record.h"

namespace yaral::raw {
namespace {

constexpr size_t kBlock = size_t{1} << 16;

class PlainStream final : public InputStream {
 public:
  PlainStream(std::string name, std::FILE* file, bool owns)
      : InputStream(std::move(name)), file_(file), owns_(owns) {}
  ~PlainStream() override {
    if (owns_) std::fclose(file_);
  }
  uint64_t file_bytes() const override { return bytes_; }

 protected:
  size_t Produce(char* out, size_t size) override {
    const size_t got = std::fread(out, 1, size, file_);
    bytes_ += got;
    if (got < size && std::ferror(file_) != 0 && status_.ok()) {
      status_ = absl::DataLossError(absl::StrCat(name_, ": read error: ", std::strerror(errno)));
    }
    return got;
  }

 private:
  std::FILE* file_;
  bool owns_;
  uint64_t bytes_ = 0;
};

// A decompressor reads the compressed bytes through the plain stream that
// detected them (its peek buffer still holds the magic number), so stdin
// works as well as a file.
class Decompressor : public InputStream {
 public:
  explicit Decompressor(std::unique_ptr<InputStream> source)
      : InputStream(source->name()), source_(std::move(source)) {
    in_.resize(kBlock);
  }
  uint64_t file_bytes() const override { return source_->file_bytes(); }

 protected:
  // More compressed bytes into in_; false at the end or on a read error.
  bool ReadCompressed(size_t& got) {
    got = source_->Read(in_.data(), in_.size());
    if (got == 0 && !source_->status().ok()) status_ = source_->status();
    return got > 0;
  }
  absl::Status Truncated(std::string_view format) const {
    return absl::DataLossError(absl::StrCat(name_, ": ", Av(format), " stream truncated after ",
                                            file_bytes(), " compressed bytes"));
  }
  absl::Status Corrupt(std::string_view format, uint64_t at, std::string_view why) const {
    return absl::DataLossError(
        absl::StrCat(name_, ": corrupt ", Av(format), " data near compressed byte ", at, ": ", Av(why)));
  }

  std::unique_ptr<InputStream> source_;
  std::vector<char> in_;
  bool done_ = false;
};

// gzip, including files of several members (`cat a.gz b.gz`).
class GzipStream final : public Decompressor {
 public:
  explicit GzipStream(std::unique_ptr<InputStream> source) : Decompressor(std::move(source)) {
    compression_ = "gzip";
    std::memset(&z_, 0, sizeof z_);
    // 15 + 16: a gzip header and trailer, not a bare zlib stream.
    if (inflateInit2(&z_, 15 + 16) != Z_OK) status_ = absl::InternalError("zlib: cannot start inflate");
  }
  ~GzipStream() override { inflateEnd(&z_); }

 protected:
  size_t Produce(char* out, size_t size) override {
    if (!status_.ok() || done_ || size == 0) return 0;
    z_.next_out = reinterpret_cast<Bytef*>(out);
    z_.avail_out = static_cast<uInt>(size);
    while (z_.avail_out == size) {
      if (z_.avail_in == 0) {
        size_t got = 0;
        if (!ReadCompressed(got)) {
          if (status_.ok() && !at_member_end_) status_ = Truncated("gzip");
          done_ = true;
          break;
        }
        z_.next_in = reinterpret_cast<Bytef*>(in_.data());
        z_.avail_in = static_cast<uInt>(got);
      }
      at_member_end_ = false;
      const int rc = inflate(&z_, Z_NO_FLUSH);
      if (rc == Z_STREAM_END) {
        at_member_end_ = true;
        inflateReset(&z_);  // another member may follow
      } else if (rc != Z_OK && rc != Z_BUF_ERROR) {
        status_ = Corrupt("gzip", file_bytes() - z_.avail_in,
                          z_.msg != nullptr ? z_.msg : "inflate failed");
        done_ = true;
        break;
      }
    }
    return size - z_.avail_out;
  }

 private:
  z_stream z_;
  bool at_member_end_ = false;
};

class ZstdStream final : public Decompressor {
 public:
  explicit ZstdStream(std::unique_ptr<InputStream> source)
      : Decompressor(std::move(source)), z_(ZSTD_createDStream()) {
    compression_ = "zstd";
  }
  ~ZstdStream() override { ZSTD_freeDStream(z_); }

 protected:
  size_t Produce(char* out, size_t size) override {
    if (!status_.ok() || done_ || size == 0) return 0;
    ZSTD_outBuffer output{out, size, 0};
    while (output.pos == 0) {
      if (input_.pos == input_.size) {
        size_t got = 0;
        if (!ReadCompressed(got)) {
          if (status_.ok() && frame_open_) status_ = Truncated("zstd");
          done_ = true;
          break;
        }
        input_ = {in_.data(), got, 0};
      }
      const size_t hint = ZSTD_decompressStream(z_, &output, &input_);
      if (ZSTD_isError(hint)) {
        status_ = Corrupt("zstd", file_bytes() - (input_.size - input_.pos), ZSTD_getErrorName(hint));
        done_ = true;
        break;
      }
      frame_open_ = hint != 0;
    }
    return output.pos;
  }

 private:
  ZSTD_DStream* z_;
  ZSTD_inBuffer input_{nullptr, 0, 0};
  bool frame_open_ = true;
};

}  // namespace

std::string_view InputStream::Peek(size_t size) {
  while (peeked_.size() - peeked_pos_ < size) {
    const size_t old = peeked_.size();
    peeked_.resize(peeked_pos_ + size);
    const size_t got = Produce(peeked_.data() + old, peeked_.size() - old);
    peeked_.resize(old + got);
    if (got == 0) break;
  }
  return std::string_view(peeked_).substr(peeked_pos_, size);
}

size_t InputStream::Read(char* out, size_t size) {
  if (peeked_pos_ < peeked_.size()) {
    const size_t n = std::min(size, peeked_.size() - peeked_pos_);
    std::memcpy(out, peeked_.data() + peeked_pos_, n);
    peeked_pos_ += n;
    if (peeked_pos_ == peeked_.size()) peeked_.clear(), peeked_pos_ = 0;
    return n;
  }
  return Produce(out, size);
}

absl::StatusOr<std::unique_ptr<InputStream>> InputStream::Open(const std::string& path) {
  std::FILE* file = stdin;
  const bool is_stdin = path == "-";
  std::string name = is_stdin ? "<stdin>" : path;
  if (!is_stdin) {
    file = std::fopen(path.c_str(), "rb");
    if (file == nullptr) {
      const int err = errno;
      std::string message = absl::StrCat(path, ": ", std::strerror(err));
      if (err == ENOENT) return absl::NotFoundError(message);
      if (err == EACCES) return absl::PermissionDeniedError(message);
      return absl::UnavailableError(message);
    }
  }
  // The magic numbers: gzip 1f 8b, a zstd frame 28 b5 2f fd.
  auto plain = std::make_unique<PlainStream>(name, file, !is_stdin);
  const std::string_view head = plain->Peek(4);
  if (head.size() >= 2 && head[0] == '\x1f' && head[1] == '\x8b') {
    return std::unique_ptr<InputStream>(std::make_unique<GzipStream>(std::move(plain)));
  }
  if (head == std::string_view("\x28\xb5\x2f\xfd", 4)) {
    return std::unique_ptr<InputStream>(std::make_unique<ZstdStream>(std::move(plain)));
  }
  return std::unique_ptr<InputStream>(std::move(plain));
}

LineReader::LineReader(InputStream& input, size_t max_line) : input_(input), max_line_(max_line) {
  buf_.resize(kBlock);
}

bool LineReader::Fill() {
  if (eof_) return false;
  if (pos_ > 0) {
    std::memmove(buf_.data(), buf_.data() + pos_, end_ - pos_);
    end_ -= pos_;
    pos_ = 0;
  }
  if (end_ == buf_.size()) buf_.resize(buf_.size() * 2);
  const size_t got = input_.Read(buf_.data() + end_, buf_.size() - end_);
  if (got == 0) eof_ = true;
  end_ += got;
  return got > 0;
}

bool LineReader::Next(std::string_view& line, int64_t& number, bool& truncated) {
  truncated = false;
  size_t scanned = pos_;
  for (;;) {
    const void* nl = std::memchr(buf_.data() + scanned, '\n', end_ - scanned);
    const bool too_long = nl == nullptr && end_ - pos_ > max_line_;
    if (nl != nullptr || too_long || (eof_ && end_ > pos_)) {
      size_t stop = nl != nullptr ? static_cast<size_t>(static_cast<const char*>(nl) - buf_.data())
                                  : (too_long ? pos_ + max_line_ : end_);
      line = std::string_view(buf_.data() + pos_, stop - pos_);
      pos_ = nl != nullptr ? stop + 1 : stop;
      number = ++number_;
      if (too_long) {
        // Keep the head, read past the rest of the over-long line.
        truncated = true;
        held_.assign(line);
        line = held_;
        for (;;) {
          const void* next = std::memchr(buf_.data() + pos_, '\n', end_ - pos_);
          if (next != nullptr) {
            pos_ = static_cast<size_t>(static_cast<const char*>(next) - buf_.data()) + 1;
            break;
          }
          pos_ = end_;
          if (!Fill()) break;
        }
      }
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      return true;
    }
    if (eof_) return false;
    const size_t offset = end_ - pos_;
    Fill();
    scanned = pos_ + offset;
  }
}

namespace {

ssize_t CookieRead(void* cookie, char* out, size_t size) {
  auto* input = static_cast<InputStream*>(cookie);
  const size_t got = input->Read(out, size);
  if (got == 0 && !input->status().ok()) {
    errno = EIO;
    return -1;
  }
  return static_cast<ssize_t>(got);
}

int CookieClose(void* cookie) {
  delete static_cast<InputStream*>(cookie);
  return 0;
}

}  // namespace

std::FILE* OpenAsFile(std::unique_ptr<InputStream> input) {
  cookie_io_functions_t io{};
  io.read = CookieRead;
  io.close = CookieClose;
  std::FILE* file = fopencookie(input.get(), "rb", io);
  if (file != nullptr) input.release();
  return file;
}

}  // namespace yaral::raw

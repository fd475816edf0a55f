// EVTX files through libevtx: every allocated record of the file, in order,
// rendered to its XML by libevtx and read like an exported event.
//
// Recovered records (remnants of overwritten records libevtx finds in the
// slack of chunks) are not events of the log and are not read, as
// `evtxexport` leaves them out unless asked (`-m all`); docs/raw-telemetry.md
// says why.

#include <libevtx.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "absl/strings/str_cat.h"
#include "raw/readers.h"
#include "raw/windows_event.h"

namespace yaral::raw {
namespace {

std::string TakeError(libevtx_error_t*& error) {
  if (error == nullptr) return "libevtx error";
  char text[512] = {};
  libevtx_error_sprint(error, text, sizeof text);
  libevtx_error_free(&error);
  std::string out = text;
  while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) out.pop_back();
  // libevtx prints a backtrace of nested calls, one a line: keep the last.
  const size_t nl = out.rfind('\n');
  return nl == std::string::npos ? out : out.substr(nl + 1);
}

class EvtxReader final : public RecordReader {
 public:
  EvtxReader(libevtx_file_t* file, std::string name, uint64_t bytes, std::string temp_path)
      : file_(file), name_(std::move(name)), bytes_(bytes), temp_path_(std::move(temp_path)) {}
  ~EvtxReader() override {
    libevtx_file_close(file_, nullptr);
    libevtx_file_free(&file_, nullptr);
    if (!temp_path_.empty()) std::remove(temp_path_.c_str());
  }

  bool Init(std::string& why) {
    libevtx_error_t* error = nullptr;
    if (libevtx_file_get_number_of_records(file_, &count_, &error) != 1) {
      why = TakeError(error);
      return false;
    }
    return true;
  }

  Step Next(SourceRecord& record, ReadError& error) override {
    if (index_ >= count_) return Step::kEnd;
    const int index = index_++;
    const int64_t number = index + 1;
    libevtx_error_t* lib_error = nullptr;
    libevtx_record_t* item = nullptr;
    error = {number, std::nullopt, ReadErrorReason::kCorruptRecord, ""};
    if (libevtx_file_get_record_by_index(file_, index, &item, &lib_error) != 1) {
      error.message = absl::StrCat("record ", number, ": libevtx cannot read it: ", TakeError(lib_error));
      return Step::kError;
    }
    size_t size = 0;
    std::string xml;
    bool ok = libevtx_record_get_utf8_xml_string_size(item, &size, &lib_error) == 1 && size > 0;
    if (ok) {
      xml.resize(size);
      ok = libevtx_record_get_utf8_xml_string(item, reinterpret_cast<uint8_t*>(xml.data()), size,
                                              &lib_error) == 1;
    }
    libevtx_record_free(&item, nullptr);
    if (!ok) {
      error.message = absl::StrCat("record ", number, ": libevtx cannot render its XML: ",
                                   TakeError(lib_error));
      return Step::kError;
    }
    if (!xml.empty() && xml.back() == '\0') xml.pop_back();
    std::string why;
    if (!ParseWindowsEvent(xml, record, why)) {
      error.reason = ReadErrorReason::kInvalidXml;
      error.message = absl::StrCat("record ", number, ": ", why);
      return Step::kError;
    }
    record.location = number;
    return Step::kRecord;
  }

  absl::Status status() const override { return absl::OkStatus(); }
  // libevtx reads by offset; progress is told in records, scaled to bytes.
  uint64_t bytes() const override { return count_ == 0 ? bytes_ : bytes_ * index_ / count_; }

 private:
  libevtx_file_t* file_;
  std::string name_;
  uint64_t bytes_;
  std::string temp_path_;
  int count_ = 0;
  int index_ = 0;
};

// A plain file is opened where it is; anything else (compressed, stdin) is
// copied block by block to a temporary file first.
absl::StatusOr<std::string> PathOnDisk(InputStream& input, std::string& temp_path) {
  if (input.compression().empty() && input.name() != "<stdin>") return input.name();
  const char* dir = std::getenv("TMPDIR");
  std::string pattern = absl::StrCat(dir != nullptr && *dir != '\0' ? dir : "/tmp", "/yaral-evtx-XXXXXX");
  const int fd = mkstemp(pattern.data());
  if (fd < 0) return absl::UnavailableError(absl::StrCat(input.name(), ": cannot create a temporary file"));
  temp_path = pattern;
  std::string block(size_t{1} << 16, '\0');
  for (;;) {
    const size_t got = input.Read(block.data(), block.size());
    if (got == 0) break;
    if (write(fd, block.data(), got) != static_cast<ssize_t>(got)) {
      close(fd);
      return absl::UnavailableError(absl::StrCat(input.name(), ": cannot write the temporary file ", temp_path));
    }
  }
  close(fd);
  if (!input.status().ok()) return input.status();
  return temp_path;
}

}  // namespace

absl::StatusOr<std::unique_ptr<RecordReader>> NewEvtxReader(std::unique_ptr<InputStream> input) {
  std::string temp_path;
  absl::StatusOr<std::string> path = PathOnDisk(*input, temp_path);
  auto cleanup = [&] {
    if (!temp_path.empty()) std::remove(temp_path.c_str());
  };
  if (!path.ok()) {
    cleanup();
    return path.status();
  }
  // The stream has done its job (detection, decompression); libevtx opens
  // the file itself.
  const std::string name = input->name();
  uint64_t bytes = input->file_bytes();
  input.reset();
  libevtx_file_t* file = nullptr;
  libevtx_error_t* error = nullptr;
  if (libevtx_file_initialize(&file, &error) != 1 ||
      libevtx_file_open(file, path->c_str(), LIBEVTX_OPEN_READ, &error) != 1) {
    const std::string why = TakeError(error);
    if (file != nullptr) libevtx_file_free(&file, nullptr);
    cleanup();
    return absl::InvalidArgumentError(absl::StrCat(name, ": not a readable EVTX file: ", why));
  }
  if (temp_path.empty()) {
    std::error_code ignored;
    bytes = std::filesystem::file_size(*path, ignored);
  }
  auto reader = std::make_unique<EvtxReader>(file, name, bytes, temp_path);
  std::string why;
  if (!reader->Init(why)) {
    return absl::InvalidArgumentError(absl::StrCat(name, ": cannot count the EVTX records: ", why));
  }
  return std::unique_ptr<RecordReader>(std::move(reader));
}

}  // namespace yaral::raw

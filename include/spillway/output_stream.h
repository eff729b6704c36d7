#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <vector>

#include "spillway/bytes.h"

namespace spillway {

// Where a Parquet file's bytes go. The writer appends, in order, and calls
// close() once after the footer. Any method may throw spillway::Error (or
// another std::exception, which the writer wraps); after a failure the writer
// calls nothing but the destructor. A stream that is destroyed without a
// successful close() must not leave something that looks like a finished file.
class OutputStream {
 public:
  virtual ~OutputStream() = default;
  virtual void write(const uint8_t* data, size_t size) = 0;
  // Writes a shared buffer; a stream may keep a reference instead of copying.
  virtual void write(const Bytes& bytes) { write(bytes.data(), bytes.size()); }
  virtual void flush() = 0;
  // Makes everything written durable and final.
  virtual void close() = 0;
};

// Writes to a temporary file beside `path` and renames it over `path` on
// close(), so a failed or abandoned write never leaves a partial file there.
class FileOutputStream : public OutputStream {
 public:
  explicit FileOutputStream(const std::filesystem::path& path, bool fsync_on_close = true);
  ~FileOutputStream() override;
  void write(const uint8_t* data, size_t size) override;
  void flush() override;
  void close() override;

 private:
  void write_fully(const uint8_t* data, size_t size);

  std::filesystem::path path_;
  std::filesystem::path temp_path_;
  int fd_ = -1;
  bool fsync_on_close_;
  bool closed_ = false;
  std::vector<uint8_t> buffer_;
};

// Keeps the bytes in memory (tests, small files).
class MemoryOutputStream : public OutputStream {
 public:
  void write(const uint8_t* data, size_t size) override {
    data_.insert(data_.end(), data, data + size);
  }
  void flush() override {}
  void close() override { closed_ = true; }
  const std::vector<uint8_t>& data() const { return data_; }
  bool closed() const { return closed_; }

 private:
  std::vector<uint8_t> data_;
  bool closed_ = false;
};

// Counts bytes and drops them (benchmarks, memory measurements).
class NullOutputStream : public OutputStream {
 public:
  void write(const uint8_t*, size_t size) override { bytes_ += size; }
  void flush() override {}
  void close() override {}
  uint64_t bytes() const { return bytes_; }

 private:
  uint64_t bytes_ = 0;
};

}  // namespace spillway

#pragma once

// A file, standard input, or bytes in memory, read front to back. Every
// reader of the CLI takes its bytes from here, so progress (bytes read) and
// errors (naming the input) look the same for every format.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace spillway::cli {

class InputSource {
 public:
  // "-" is standard input. Throws spillway::Error naming the path if it
  // cannot be opened.
  static std::unique_ptr<InputSource> open(const std::string& path);
  // Bytes already in memory (tests, generated data).
  static std::unique_ptr<InputSource> from_string(std::string data, std::string name);

  ~InputSource();
  InputSource(const InputSource&) = delete;
  InputSource& operator=(const InputSource&) = delete;

  // Up to `n` bytes: fewer only at the end of the input (0 = at the end).
  // Throws spillway::Error naming the input on an I/O error.
  size_t read(void* out, size_t n);
  // The next `n` bytes (fewer at the end of the input) without consuming
  // them: for format detection.
  std::string_view peek(size_t n);

  // What error messages call this input: the path, or "<stdin>".
  const std::string& name() const { return name_; }
  // Bytes consumed by read() so far.
  uint64_t bytes_read() const { return bytes_read_; }
  // The input's size when known up front (a regular file or memory), else 0.
  uint64_t size_hint() const { return size_hint_; }

 private:
  InputSource(int fd, bool owns_fd, std::string name);
  size_t read_raw(void* out, size_t n);

  int fd_ = -1;  // -1: reading from memory_
  bool owns_fd_ = false;
  std::string name_;
  std::string memory_;
  size_t memory_pos_ = 0;
  std::string peeked_;  // peeked and not yet consumed
  uint64_t bytes_read_ = 0;
  uint64_t size_hint_ = 0;
};

}  // namespace spillway::cli

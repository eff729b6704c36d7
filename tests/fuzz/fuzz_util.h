#pragma once

// Shared by the libFuzzer targets (and the regression tests that replay
// their inputs): reading a fuzz input front to back as a small byte-code.

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "spillway/error.h"

namespace spillway::fuzz {

// Reads the fuzz input front to back; past the end every read returns 0, so
// any input is a complete program (short inputs mean "defaults").
class ByteCode {
 public:
  ByteCode(const uint8_t* data, size_t size) : data_(data), size_(size) {}
  uint8_t u8() { return pos_ < size_ ? data_[pos_++] : 0; }
  uint16_t u16() { return static_cast<uint16_t>(u8() | (u8() << 8)); }
  uint32_t u32() { return static_cast<uint32_t>(u16()) | (static_cast<uint32_t>(u16()) << 16); }
  uint64_t u64() { return static_cast<uint64_t>(u32()) | (static_cast<uint64_t>(u32()) << 32); }
  // A value in [0, n) (n > 0).
  uint32_t below(uint32_t n) { return n <= 256 ? u8() % n : u16() % n; }
  bool flag() { return (u8() & 1) != 0; }
  // Up to `n` input bytes (fewer at the end), consumed.
  std::string bytes(size_t n) {
    size_t k = n < size_ - pos_ ? n : size_ - pos_;
    std::string s(reinterpret_cast<const char*>(data_ + pos_), k);
    pos_ += k;
    return s;
  }
  size_t remaining() const { return size_ - pos_; }

 private:
  const uint8_t* data_;
  size_t size_;
  size_t pos_ = 0;
};

// An expected spillway::Error; printed when SPILLWAY_FUZZ_VERBOSE is set (to
// see what a seed exercises), else ignored.
inline void expected_error(const Error& e) {
  static const bool verbose = std::getenv("SPILLWAY_FUZZ_VERBOSE") != nullptr;
  if (verbose) std::fprintf(stderr, "spillway::Error: %s\n", e.what());
}

// Fails the run (libFuzzer reports the abort as a crash) with a message.
[[noreturn]] inline void bug(const std::string& what) {
  std::fprintf(stderr, "fuzz target found a bug: %s\n", what.c_str());
  std::fflush(stderr);
  __builtin_trap();
}

// Removes the first line of `text` and returns it (the reader targets take
// a --schema option from there).
inline std::string take_first_line(std::string& text) {
  const size_t eol = text.find('\n');
  std::string line = text.substr(0, eol);
  text.erase(0, eol == std::string::npos ? text.size() : eol + 1);
  return line;
}

}  // namespace spillway::fuzz

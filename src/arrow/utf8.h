#pragma once

// UTF-8 validation for string columns (Arrow requires valid UTF-8 in utf8,
// large_utf8 and utf8_view arrays; Parquet STRING columns promise it).

#include <cstddef>
#include <cstdint>
#include <string>

namespace spillway {

// Offset of the first byte that does not start a well-formed UTF-8 sequence
// (per the Unicode standard's table of well-formed byte sequences: no overlong
// forms, no surrogates, nothing above U+10FFFF), or `size` if all is valid.
// ASCII runs are checked 8 bytes at a time.
size_t find_invalid_utf8(const uint8_t* data, size_t size);

inline bool is_valid_utf8(const uint8_t* data, size_t size) {
  return find_invalid_utf8(data, size) == size;
}

// Whether `byte` is a continuation byte (10xxxxxx): a value may not start on
// one, which lets a caller validate many adjacent values in one pass.
inline bool is_utf8_continuation(uint8_t byte) {
  return (byte & 0xC0) == 0x80;
}

// Appends the UTF-8 encoding of a code point (at most 0x10FFFF).
void append_utf8(std::string& out, uint32_t code_point);

}  // namespace spillway

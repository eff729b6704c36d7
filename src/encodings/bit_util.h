#pragma once

// Bit-level building blocks shared by the encoders and decoders: ULEB128 and
// zigzag varints (Encodings.md, DELTA_BINARY_PACKED), LSB-first bit packing
// (the RLE/bit-packed hybrid order, also used by DELTA_BINARY_PACKED
// miniblocks) and a bounds-checked reader for decoding untrusted bytes.

#include <algorithm>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <span>
#include <string>

#include "spillway/error.h"
#include "util/byte_buffer.h"

namespace spillway {

// Bits needed to represent `max_value`; 0 for 0.
inline int bit_width_for(uint64_t max_value) {
  return max_value == 0 ? 0 : 64 - std::countl_zero(max_value);
}

inline uint64_t zigzag_encode(int64_t v) {
  return (static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v >> 63);
}
inline int64_t zigzag_decode(uint64_t u) {
  return static_cast<int64_t>((u >> 1) ^ (~(u & 1) + 1));
}

inline size_t uleb128_size(uint64_t v) {
  size_t n = 1;
  while (v >= 0x80) {
    v >>= 7;
    ++n;
  }
  return n;
}
// Writes at most 10 bytes; returns the end.
inline uint8_t* write_uleb128(uint8_t* p, uint64_t v) {
  while (v >= 0x80) {
    *p++ = static_cast<uint8_t>(v) | 0x80;
    v >>= 7;
  }
  *p++ = static_cast<uint8_t>(v);
  return p;
}
inline void append_uleb128(ByteBuffer& out, uint64_t v) {
  uint8_t* p = out.ensure(10);
  out.advance(static_cast<size_t>(write_uleb128(p, v) - p));
}

// Packs `n` values (n a multiple of 8) of `bit_width` bits each, LSB first,
// into exactly n * bit_width / 8 bytes at `out`. Every value must be below
// 2^bit_width; bit_width is 0..32 for uint32_t and 0..64 for uint64_t.
void bit_pack(const uint32_t* in, size_t n, int bit_width, uint8_t* out);
void bit_pack(const uint64_t* in, size_t n, int bit_width, uint8_t* out);

// Reads the `bit_width`-bit value (0..64) starting at bit `bit_offset` of `in`
// (LSB first). The caller guarantees the bytes exist.
inline uint64_t read_packed_bits(const uint8_t* in, size_t bit_offset, int bit_width) {
  uint64_t v = 0;
  size_t byte = bit_offset >> 3;
  int shift = static_cast<int>(bit_offset & 7);
  for (int got = 0; got < bit_width;) {
    int take = std::min(8 - shift, bit_width - got);
    uint64_t bits = (static_cast<uint64_t>(in[byte]) >> shift) & ((1u << take) - 1);
    v |= bits << got;
    got += take;
    shift = 0;
    ++byte;
  }
  return v;
}

// A cursor over untrusted bytes. Every read checks bounds and throws
// spillway::Error naming `what` (the encoding) and the byte offset, counted
// from the start of the encoded values (`base_offset` shifts a sub-stream).
class ByteReader {
 public:
  ByteReader(std::span<const uint8_t> data, const char* what, size_t base_offset = 0)
      : data_(data), what_(what), base_(base_offset) {}

  size_t offset() const { return pos_; }
  size_t remaining() const { return data_.size() - pos_; }
  bool at_end() const { return pos_ == data_.size(); }

  [[noreturn]] void fail(const std::string& message) const { fail_at(pos_, message); }
  [[noreturn]] void fail_at(size_t offset, const std::string& message) const {
    throw Error(std::string(what_) + ": " + message + " at byte offset " +
                std::to_string(base_ + offset));
  }

  uint8_t read_u8() {
    if (pos_ >= data_.size()) fail("unexpected end of data reading 1 byte");
    return data_[pos_++];
  }
  uint32_t read_u32_le() {
    if (remaining() < 4) fail("unexpected end of data reading a 4-byte length");
    uint32_t v;
    std::memcpy(&v, data_.data() + pos_, 4);
    pos_ += 4;
    return v;
  }
  uint64_t read_uleb128() {
    uint64_t v = 0;
    size_t start = pos_;
    for (int shift = 0;; shift += 7) {
      if (pos_ >= data_.size()) fail_at(start, "truncated ULEB128 varint");
      uint8_t b = data_[pos_++];
      if (shift == 63 && (b & 0x7e) != 0) fail_at(start, "ULEB128 varint overflows 64 bits");
      v |= static_cast<uint64_t>(b & 0x7f) << shift;
      if ((b & 0x80) == 0) return v;
      if (shift == 63) fail_at(start, "ULEB128 varint longer than 10 bytes");
    }
  }
  int64_t read_zigzag() { return zigzag_decode(read_uleb128()); }
  std::span<const uint8_t> read_bytes(size_t n) {
    if (n > remaining()) {
      fail("need " + std::to_string(n) + " bytes but only " + std::to_string(remaining()) +
           " remain");
    }
    auto s = data_.subspan(pos_, n);
    pos_ += n;
    return s;
  }

 private:
  std::span<const uint8_t> data_;
  const char* what_;
  size_t base_;
  size_t pos_ = 0;
};

}  // namespace spillway

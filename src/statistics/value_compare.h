#pragma once

// Three-way comparisons of encoded values under each ValueOrder. Inline:
// statistics call them once per value.

#include <cstddef>
#include <cstdint>
#include <cstring>

namespace spillway::stats_detail {

// Unsigned byte-wise; a proper prefix sorts first.
inline int compare_unsigned_bytes(const uint8_t* a, size_t alen, const uint8_t* b, size_t blen) {
  const size_t n = alen < blen ? alen : blen;
  if (n > 0) {
    if (a[0] != b[0]) return a[0] < b[0] ? -1 : 1;  // most values differ here
    const int c = std::memcmp(a, b, n);
    if (c != 0) return c < 0 ? -1 : 1;
  }
  return alen == blen ? 0 : (alen < blen ? -1 : 1);
}

// Big-endian two's complement integers (DECIMAL on BYTE_ARRAY / FLBA); the
// shorter one is sign-extended, and an empty array is zero.
inline int compare_signed_big_endian(const uint8_t* a, size_t alen, const uint8_t* b, size_t blen) {
  const bool a_neg = alen > 0 && (a[0] & 0x80) != 0;
  const bool b_neg = blen > 0 && (b[0] & 0x80) != 0;
  if (a_neg != b_neg) return a_neg ? -1 : 1;
  // Same sign: the leading bytes of the longer value must equal the sign
  // extension; after that, same-width same-sign values compare as unsigned.
  const uint8_t ext = a_neg ? 0xFF : 0x00;
  for (; alen > blen; ++a, --alen) {
    if (*a != ext) return *a < ext ? -1 : 1;
  }
  for (; blen > alen; ++b, --blen) {
    if (*b != ext) return ext < *b ? -1 : 1;
  }
  if (alen == 0) return 0;
  const int c = std::memcmp(a, b, alen);
  return c == 0 ? 0 : (c < 0 ? -1 : 1);
}

// IEEE half precision stored as 2 little-endian bytes.
inline uint16_t float16_bits(const uint8_t* p) {
  return static_cast<uint16_t>(p[0] | (p[1] << 8));
}
inline bool float16_is_nan(uint16_t h) {
  return (h & 0x7C00) == 0x7C00 && (h & 0x03FF) != 0;
}
// An integer that orders non-NaN halves by value; -0 and +0 both map to 0.
inline int32_t float16_key(uint16_t h) {
  const int32_t magnitude = h & 0x7FFF;
  return (h & 0x8000) != 0 ? -magnitude : magnitude;
}

}  // namespace spillway::stats_detail

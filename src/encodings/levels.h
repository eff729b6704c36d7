#pragma once

// Repetition and definition levels: the RLE/bit-packed hybrid at the bit
// width of the column's max level. Data page v1 prefixes the runs with their
// 4-byte little-endian length; data page v2 does not (the page header carries
// the byte lengths). A column whose max level is 0 stores no levels at all.

#include <cstddef>
#include <cstdint>
#include <span>

#include "util/byte_buffer.h"

namespace spillway {

void encode_levels_v1(const int16_t* levels, size_t n, int16_t max_level, ByteBuffer& out);
void encode_levels_v2(const int16_t* levels, size_t n, int16_t max_level, ByteBuffer& out);

// Decodes num_values levels from the start of `in` (which may run on into the
// values) and returns the bytes consumed: 0 when max_level == 0 (all levels
// are then 0). Throws spillway::Error on truncation or a level above max_level.
size_t decode_levels_v1(std::span<const uint8_t> in, int16_t max_level, size_t num_values,
                        int16_t* out);
// `in` is exactly the level bytes the v2 page header announces.
void decode_levels_v2(std::span<const uint8_t> in, int16_t max_level, size_t num_values,
                      int16_t* out);

}  // namespace spillway

#include "encodings/levels.h"

#include <algorithm>
#include <cstring>
#include <string>

#include "encodings/rle_bit_packed.h"
#include "spillway/error.h"

namespace spillway {
namespace {

int level_bit_width(int16_t max_level) {
  if (max_level < 0) throw Error("levels: negative max level " + std::to_string(max_level));
  return bit_width_for(static_cast<uint64_t>(max_level));
}

void encode_runs(const int16_t* levels, size_t n, int16_t max_level, ByteBuffer& out) {
  RleBitPackedEncoder encoder(level_bit_width(max_level));
  encoder.put_batch(levels, n);
  encoder.flush_to(out);
}

// Decodes exactly num_values levels from `runs`; offsets in errors count from
// `base` (the start of the level data, including any length prefix).
void decode_runs(std::span<const uint8_t> runs, size_t base, int16_t max_level, size_t num_values,
                 int16_t* out) {
  RleBitPackedDecoder decoder(runs, level_bit_width(max_level), base);
  uint32_t chunk[1024];
  size_t done = 0;
  while (done < num_values) {
    size_t want = std::min(num_values - done, sizeof(chunk) / sizeof(chunk[0]));
    size_t got = decoder.get_batch(chunk, want);
    for (size_t i = 0; i < got; ++i) {
      if (chunk[i] > static_cast<uint32_t>(max_level)) {
        throw Error("levels: level " + std::to_string(chunk[i]) + " at index " +
                    std::to_string(done + i) + " exceeds the max level " +
                    std::to_string(max_level));
      }
      out[done + i] = static_cast<int16_t>(chunk[i]);
    }
    done += got;
    if (got < want) {
      throw Error("levels: RLE/bit-packed data ends at byte offset " +
                  std::to_string(base + decoder.offset()) + " after " + std::to_string(done) +
                  " of " + std::to_string(num_values) + " levels");
    }
  }
}

}  // namespace

void encode_levels_v1(const int16_t* levels, size_t n, int16_t max_level, ByteBuffer& out) {
  if (max_level == 0) return;
  size_t prefix_at = out.size();
  out.append_le<uint32_t>(0);
  encode_runs(levels, n, max_level, out);
  uint32_t length = static_cast<uint32_t>(out.size() - prefix_at - 4);
  std::memcpy(out.data() + prefix_at, &length, 4);
}

void encode_levels_v2(const int16_t* levels, size_t n, int16_t max_level, ByteBuffer& out) {
  if (max_level == 0) return;
  encode_runs(levels, n, max_level, out);
}

size_t decode_levels_v1(std::span<const uint8_t> in, int16_t max_level, size_t num_values,
                        int16_t* out) {
  if (max_level == 0) {
    std::fill(out, out + num_values, int16_t{0});
    return 0;
  }
  ByteReader reader(in, "levels (data page v1)");
  uint32_t length = reader.read_u32_le();
  auto runs = reader.read_bytes(length);
  decode_runs(runs, 4, max_level, num_values, out);
  return 4 + static_cast<size_t>(length);
}

void decode_levels_v2(std::span<const uint8_t> in, int16_t max_level, size_t num_values,
                      int16_t* out) {
  if (max_level == 0) {
    if (!in.empty()) {
      throw Error("levels (data page v2): " + std::to_string(in.size()) +
                  " bytes of levels for a column whose max level is 0");
    }
    std::fill(out, out + num_values, int16_t{0});
    return;
  }
  decode_runs(in, 0, max_level, num_values, out);
}

}  // namespace spillway

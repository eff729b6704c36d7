// DELTA_BINARY_PACKED, DELTA_LENGTH_BYTE_ARRAY and DELTA_BYTE_ARRAY decoding.

#include <algorithm>
#include <limits>
#include <string>
#include <type_traits>

#include "encodings/bit_util.h"
#include "encodings/decoder.h"
#include "encodings/delta_decoder.h"

namespace spillway {

template <typename T>
size_t decode_delta_binary_packed(std::span<const uint8_t> in, size_t num_values, T* out,
                                  size_t base_offset) {
  static_assert(std::is_same_v<T, int32_t> || std::is_same_v<T, int64_t>);
  using U = std::make_unsigned_t<T>;
  constexpr int kBits = sizeof(T) * 8;
  ByteReader r(in, "DELTA_BINARY_PACKED", base_offset);

  const uint64_t block_size = r.read_uleb128();
  const uint64_t miniblocks = r.read_uleb128();
  const size_t count_at = r.offset();
  const uint64_t total = r.read_uleb128();
  const int64_t first = r.read_zigzag();
  // The specification asks for multiples of 128 and 32; multiples of 8 keep
  // miniblocks byte-aligned, which is all decoding needs.
  if (block_size == 0 || block_size % 8 != 0 || block_size > (uint64_t{1} << 31)) {
    r.fail_at(0, "block size " + std::to_string(block_size) +
                     " is not a positive multiple of 8 below 2^31");
  }
  if (miniblocks == 0 || block_size % miniblocks != 0 || (block_size / miniblocks) % 8 != 0) {
    r.fail_at(0, std::to_string(miniblocks) + " miniblocks do not split a block of " +
                     std::to_string(block_size) + " values into multiples of 8");
  }
  if (total != num_values) {
    r.fail_at(count_at, "header holds " + std::to_string(total) + " values but " +
                            std::to_string(num_values) + " were expected");
  }
  if (total == 0) return r.offset();
  if (kBits == 32 && (first < std::numeric_limits<int32_t>::min() ||
                      first > std::numeric_limits<int32_t>::max())) {
    r.fail("first value " + std::to_string(first) + " is out of INT32 range");
  }

  const size_t miniblock_size = block_size / miniblocks;
  U last = static_cast<U>(first);
  out[0] = static_cast<T>(last);
  size_t i = 1;
  while (i < total) {
    // Deltas wrap in the type's width, matching the encoder.
    const U min_delta = static_cast<U>(r.read_zigzag());
    const size_t widths_at = r.offset();
    const auto widths = r.read_bytes(miniblocks);
    // Miniblocks past the last value carry no data and any width byte.
    for (size_t m = 0; m < miniblocks && i < total; ++m) {
      const int w = widths[m];
      if (w > kBits) {
        r.fail_at(widths_at + m,
                  "miniblock bit width " + std::to_string(w) + " exceeds " + std::to_string(kBits));
      }
      const auto data = r.read_bytes(miniblock_size * w / 8);
      const size_t n = std::min<uint64_t>(miniblock_size, total - i);
      for (size_t j = 0; j < n; ++j) {
        U delta = static_cast<U>(read_packed_bits(data.data(), j * w, w));
        last = static_cast<U>(last + min_delta + delta);
        out[i++] = static_cast<T>(last);
      }
    }
  }
  return r.offset();
}

template size_t decode_delta_binary_packed<int32_t>(std::span<const uint8_t>, size_t, int32_t*,
                                                    size_t);
template size_t decode_delta_binary_packed<int64_t>(std::span<const uint8_t>, size_t, int64_t*,
                                                    size_t);

size_t parse_delta_lengths(std::span<const uint8_t> in, size_t num_values, size_t base_offset,
                           const char* encoding, std::vector<int32_t>& lengths,
                           std::span<const uint8_t>& data) {
  lengths.resize(num_values);
  size_t pos = decode_delta_binary_packed<int32_t>(in, num_values, lengths.data(), base_offset);
  uint64_t total = 0;
  for (size_t i = 0; i < num_values; ++i) {
    if (lengths[i] < 0) {
      throw Error(std::string(encoding) + ": negative length " + std::to_string(lengths[i]) +
                  " of value " + std::to_string(i) + " at byte offset " +
                  std::to_string(base_offset));
    }
    total += static_cast<uint64_t>(lengths[i]);
  }
  if (total > in.size() - pos) {
    throw Error(std::string(encoding) + ": lengths add up to " + std::to_string(total) +
                " bytes but only " + std::to_string(in.size() - pos) + " remain at byte offset " +
                std::to_string(base_offset + pos));
  }
  data = in.subspan(pos, total);
  return pos + total;
}

size_t decode_delta_length_byte_array(std::span<const uint8_t> in, size_t num_values,
                                      std::vector<ByteArray>& out, std::vector<uint8_t>& storage) {
  std::vector<int32_t> lengths;
  std::span<const uint8_t> data;
  size_t end = parse_delta_lengths(in, num_values, 0, "DELTA_LENGTH_BYTE_ARRAY", lengths, data);
  storage.assign(data.begin(), data.end());
  out.resize(num_values);
  size_t offset = 0;
  for (size_t i = 0; i < num_values; ++i) {
    out[i] = ByteArray{storage.data() + offset, static_cast<uint32_t>(lengths[i])};
    offset += static_cast<size_t>(lengths[i]);
  }
  return end;
}

template <typename DType>
size_t decode_delta_byte_array(std::span<const uint8_t> in, size_t num_values, int32_t type_length,
                               std::vector<typename DType::value_type>& out,
                               std::vector<uint8_t>& storage) {
  constexpr bool kFLBA = std::is_same_v<DType, FLBAType>;
  constexpr const char* kWhat = "DELTA_BYTE_ARRAY";
  std::vector<int32_t> prefixes(num_values);
  size_t pos = decode_delta_binary_packed<int32_t>(in, num_values, prefixes.data(), 0);
  std::vector<int32_t> suffix_lengths;
  std::span<const uint8_t> suffixes;
  size_t end =
      pos + parse_delta_lengths(in.subspan(pos), num_values, pos, kWhat, suffix_lengths, suffixes);

  // First pass: validate and size the values, so storage is allocated once.
  uint64_t total = 0;
  uint64_t previous = 0;
  for (size_t i = 0; i < num_values; ++i) {
    if (prefixes[i] < 0 || static_cast<uint64_t>(prefixes[i]) > previous) {
      throw Error(std::string(kWhat) + ": prefix length " + std::to_string(prefixes[i]) +
                  " of value " + std::to_string(i) + " exceeds the previous value's " +
                  std::to_string(previous) + " bytes (prefix lengths at byte offset 0)");
    }
    uint64_t len = static_cast<uint64_t>(prefixes[i]) + static_cast<uint64_t>(suffix_lengths[i]);
    if (kFLBA && len != static_cast<uint64_t>(type_length)) {
      throw Error(std::string(kWhat) + ": value " + std::to_string(i) + " has " +
                  std::to_string(len) + " bytes but the FIXED_LEN_BYTE_ARRAY width is " +
                  std::to_string(type_length));
    }
    if (!kFLBA && len > static_cast<uint64_t>(std::numeric_limits<int32_t>::max())) {
      throw Error(std::string(kWhat) + ": value " + std::to_string(i) + " has " +
                  std::to_string(len) + " bytes, over the 2147483647-byte limit");
    }
    total += len;
    if (total > (uint64_t{1} << 32)) {
      throw Error(std::string(kWhat) + ": values expand to more than 4 GiB");
    }
    previous = len;
  }

  storage.resize(total);
  out.resize(num_values);
  uint8_t* dst = storage.data();
  const uint8_t* prev = dst;
  const uint8_t* suffix = suffixes.data();
  for (size_t i = 0; i < num_values; ++i) {
    size_t p = static_cast<size_t>(prefixes[i]);
    size_t s = static_cast<size_t>(suffix_lengths[i]);
    if (p > 0) std::memcpy(dst, prev, p);
    if (s > 0) std::memcpy(dst + p, suffix, s);
    suffix += s;
    if constexpr (kFLBA) {
      out[i] = FixedLenByteArray{dst};
    } else {
      out[i] = ByteArray{dst, static_cast<uint32_t>(p + s)};
    }
    prev = dst;
    dst += p + s;
  }
  return end;
}

template size_t decode_delta_byte_array<ByteArrayType>(std::span<const uint8_t>, size_t, int32_t,
                                                       std::vector<ByteArray>&,
                                                       std::vector<uint8_t>&);
template size_t decode_delta_byte_array<FLBAType>(std::span<const uint8_t>, size_t, int32_t,
                                                  std::vector<FixedLenByteArray>&,
                                                  std::vector<uint8_t>&);

}  // namespace spillway

#include "encodings/delta_encoder.h"

#include <algorithm>
#include <limits>
#include <string>

#include "encodings/bit_util.h"
#include "spillway/error.h"

namespace spillway {
namespace {

// Values are handed to the inner encoders in chunks of this many, from
// arrays on the stack.
constexpr size_t kChunk = 256;

size_t common_prefix(const uint8_t* a, const uint8_t* b, size_t n) {
  size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    uint64_t x, y;
    std::memcpy(&x, a + i, 8);
    std::memcpy(&y, b + i, 8);
    if (x != y) return i + std::countr_zero(x ^ y) / 8;  // little-endian host
  }
  while (i < n && a[i] == b[i]) ++i;
  return i;
}

void check_byte_array_length(uint64_t len, const char* encoding) {
  if (len > static_cast<uint64_t>(std::numeric_limits<int32_t>::max())) {
    throw Error(std::string(encoding) + ": a BYTE_ARRAY value of " + std::to_string(len) +
                " bytes exceeds the 2147483647-byte limit");
  }
}

}  // namespace

template <typename DType>
DeltaBinaryPackedEncoder<DType>::DeltaBinaryPackedEncoder(uint32_t block_size, uint32_t miniblocks)
    : block_size_(block_size),
      miniblocks_(miniblocks),
      miniblock_size_(miniblocks == 0 ? 0 : block_size / miniblocks) {
  if (block_size == 0 || miniblocks == 0 || block_size % miniblocks != 0 ||
      miniblock_size_ % 8 != 0) {
    throw Error("DELTA_BINARY_PACKED: block size " + std::to_string(block_size) + " with " +
                std::to_string(miniblocks) +
                " miniblocks does not give whole miniblocks of a multiple of 8 values");
  }
  deltas_.reset(new U[block_size]);
}

template <typename DType>
void DeltaBinaryPackedEncoder<DType>::put(const T* values, size_t n) {
  if (n == 0) return;
  size_t i = 0;
  if (total_count_ == 0) {
    first_ = last_ = values[0];
    i = 1;
  }
  total_count_ += n;
  U last = static_cast<U>(last_);
  while (i < n) {
    size_t take = std::min<size_t>(n - i, block_size_ - num_deltas_);
    U* d = deltas_.get() + num_deltas_;
    for (size_t k = 0; k < take; ++k) {
      U v = static_cast<U>(values[i + k]);
      d[k] = static_cast<U>(v - last);
      last = v;
    }
    num_deltas_ += take;
    i += take;
    if (num_deltas_ == block_size_) encode_block();
  }
  last_ = static_cast<T>(last);
}

template <typename DType>
void DeltaBinaryPackedEncoder<DType>::encode_block() {
  const size_t n = num_deltas_;
  U* d = deltas_.get();
  T min_delta = static_cast<T>(d[0]);
  for (size_t k = 1; k < n; ++k) min_delta = std::min(min_delta, static_cast<T>(d[k]));
  const U umin = static_cast<U>(min_delta);
  // Relative to the minimum every delta is non-negative and fits in U.
  for (size_t k = 0; k < n; ++k) d[k] = static_cast<U>(d[k] - umin);

  uint8_t* const start = blocks_.ensure(10 + miniblocks_ + block_size_ * sizeof(U));
  uint8_t* p = write_uleb128(start, zigzag_encode(min_delta));
  uint8_t* widths = p;
  p += miniblocks_;
  for (uint32_t m = 0; m < miniblocks_; ++m) {
    size_t begin = static_cast<size_t>(m) * miniblock_size_;
    if (begin >= n) {
      widths[m] = 0;  // unneeded miniblocks of the last block carry no data
      continue;
    }
    size_t end = std::min<size_t>(begin + miniblock_size_, n);
    U all = 0;
    for (size_t k = begin; k < end; ++k) all |= d[k];
    std::fill(d + end, d + begin + miniblock_size_, U{0});  // zero padding
    int width = bit_width_for(all);
    widths[m] = static_cast<uint8_t>(width);
    bit_pack(d + begin, miniblock_size_, width, p);
    p += static_cast<size_t>(miniblock_size_) * width / 8;
  }
  blocks_.advance(static_cast<size_t>(p - start));
  num_deltas_ = 0;
}

template <typename DType>
size_t DeltaBinaryPackedEncoder<DType>::pending_block_size() const {
  const size_t n = num_deltas_;
  if (n == 0) return 0;
  const U* d = deltas_.get();
  T min_delta = static_cast<T>(d[0]);
  for (size_t k = 1; k < n; ++k) min_delta = std::min(min_delta, static_cast<T>(d[k]));
  const U umin = static_cast<U>(min_delta);
  size_t size = uleb128_size(zigzag_encode(min_delta)) + miniblocks_;
  for (size_t begin = 0; begin < n; begin += miniblock_size_) {
    size_t end = std::min<size_t>(begin + miniblock_size_, n);
    U all = 0;
    for (size_t k = begin; k < end; ++k) all |= static_cast<U>(d[k] - umin);
    size += static_cast<size_t>(miniblock_size_) * bit_width_for(all) / 8;
  }
  return size;
}

template <typename DType>
size_t DeltaBinaryPackedEncoder<DType>::header_size() const {
  return uleb128_size(block_size_) + uleb128_size(miniblocks_) + uleb128_size(total_count_) +
         uleb128_size(zigzag_encode(first_));
}

template <typename DType>
size_t DeltaBinaryPackedEncoder<DType>::estimated_data_size() const {
  return header_size() + blocks_.size() + pending_block_size();
}

template <typename DType>
void DeltaBinaryPackedEncoder<DType>::flush_to(ByteBuffer& out) {
  if (num_deltas_ > 0) encode_block();
  append_uleb128(out, block_size_);
  append_uleb128(out, miniblocks_);
  append_uleb128(out, total_count_);
  append_uleb128(out, zigzag_encode(first_));
  out.append(blocks_.span());
  blocks_.clear();
  total_count_ = 0;
  first_ = last_ = 0;
}

template class DeltaBinaryPackedEncoder<Int32Type>;
template class DeltaBinaryPackedEncoder<Int64Type>;

void DeltaLengthByteArrayEncoder::put(const ByteArray* values, size_t n) {
  int32_t lengths[kChunk];
  for (size_t i = 0; i < n; i += kChunk) {
    size_t m = std::min(kChunk, n - i);
    size_t bytes = 0;
    for (size_t k = 0; k < m; ++k) {
      check_byte_array_length(values[i + k].len, "DELTA_LENGTH_BYTE_ARRAY");
      lengths[k] = static_cast<int32_t>(values[i + k].len);
      bytes += values[i + k].len;
    }
    uint8_t* p = data_.ensure(bytes);
    for (size_t k = 0; k < m; ++k) {
      if (values[i + k].len == 0) continue;
      std::memcpy(p, values[i + k].ptr, values[i + k].len);
      p += values[i + k].len;
    }
    data_.advance(bytes);
    lengths_.put(lengths, m);
  }
}

void DeltaLengthByteArrayEncoder::flush_to(ByteBuffer& out) {
  lengths_.flush_to(out);
  out.append(data_.span());
  data_.clear();
}

template <typename DType>
DeltaByteArrayEncoder<DType>::DeltaByteArrayEncoder(int32_t type_length)
    : type_length_(type_length) {
  if constexpr (std::is_same_v<DType, FLBAType>) {
    if (type_length <= 0) {
      throw Error("DELTA_BYTE_ARRAY: FIXED_LEN_BYTE_ARRAY needs a positive type length, got " +
                  std::to_string(type_length));
    }
  }
}

template <typename DType>
void DeltaByteArrayEncoder<DType>::put(const T* values, size_t n) {
  int32_t prefixes[kChunk];
  ByteArray suffixes[kChunk];  // views into the caller's values, valid during put
  for (size_t i = 0; i < n; i += kChunk) {
    size_t m = std::min(kChunk, n - i);
    for (size_t k = 0; k < m; ++k) {
      const uint8_t* ptr = values[i + k].ptr;
      size_t len;
      if constexpr (std::is_same_v<DType, FLBAType>) {
        len = static_cast<size_t>(type_length_);
      } else {
        len = values[i + k].len;
        check_byte_array_length(len, "DELTA_BYTE_ARRAY");
      }
      size_t prefix = common_prefix(last_.data(), ptr, std::min(len, last_.size()));
      prefixes[k] = static_cast<int32_t>(prefix);
      suffixes[k] = ByteArray{ptr + prefix, static_cast<uint32_t>(len - prefix)};
      last_.assign(ptr, ptr + len);
    }
    prefix_lengths_.put(prefixes, m);
    suffixes_.put(suffixes, m);
  }
}

template <typename DType>
void DeltaByteArrayEncoder<DType>::flush_to(ByteBuffer& out) {
  prefix_lengths_.flush_to(out);
  suffixes_.flush_to(out);
  last_.clear();  // each page starts from an empty previous value
}

template class DeltaByteArrayEncoder<ByteArrayType>;
template class DeltaByteArrayEncoder<FLBAType>;

}  // namespace spillway

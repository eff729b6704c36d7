#pragma once

// DELTA_BINARY_PACKED, DELTA_LENGTH_BYTE_ARRAY and DELTA_BYTE_ARRAY encoders
// (Encodings.md). Complete blocks are packed as soon as they fill, so an
// encoder holds one block of deltas plus the packed bytes of its page.

#include <memory>
#include <type_traits>
#include <vector>

#include "encodings/encoder.h"

namespace spillway {

// INT32 / INT64. Deltas use wrapping arithmetic in the type's own width, so
// any sequence (INT64 extremes included) round-trips and INT32 miniblocks
// never need more than 32 bits.
template <typename DType>
class DeltaBinaryPackedEncoder final : public TypedEncoder<DType> {
 public:
  using T = typename DType::value_type;
  using U = std::make_unsigned_t<T>;
  static_assert(std::is_same_v<T, int32_t> || std::is_same_v<T, int64_t>);

  // Writers use 128 values per block in 4 miniblocks; other shapes exist
  // only to reproduce the (deliberately invalid) examples of Encodings.md.
  explicit DeltaBinaryPackedEncoder(uint32_t block_size = 128, uint32_t miniblocks = 4);

  Encoding encoding() const override { return Encoding::DELTA_BINARY_PACKED; }
  void put(const T* values, size_t n) override;
  size_t estimated_data_size() const override;
  void flush_to(ByteBuffer& out) override;
  size_t memory_size() const override { return blocks_.capacity() + block_size_ * sizeof(U); }
  uint64_t num_values() const { return total_count_; }

 private:
  size_t header_size() const;
  // Bytes encode_block would append for the pending deltas.
  size_t pending_block_size() const;
  void encode_block();

  uint32_t block_size_;
  uint32_t miniblocks_;
  uint32_t miniblock_size_;
  std::unique_ptr<U[]> deltas_;  // the block being filled
  size_t num_deltas_ = 0;
  uint64_t total_count_ = 0;
  T first_ = 0;
  T last_ = 0;
  ByteBuffer blocks_;  // packed complete blocks of this page
};

// BYTE_ARRAY: DELTA_BINARY_PACKED lengths, then the bytes back to back.
class DeltaLengthByteArrayEncoder final : public TypedEncoder<ByteArrayType> {
 public:
  Encoding encoding() const override { return Encoding::DELTA_LENGTH_BYTE_ARRAY; }
  void put(const ByteArray* values, size_t n) override;
  size_t estimated_data_size() const override {
    return lengths_.estimated_data_size() + data_.size();
  }
  void flush_to(ByteBuffer& out) override;
  size_t memory_size() const override { return lengths_.memory_size() + data_.capacity(); }

 private:
  DeltaBinaryPackedEncoder<Int32Type> lengths_;
  ByteBuffer data_;
};

// BYTE_ARRAY / FIXED_LEN_BYTE_ARRAY: DELTA_BINARY_PACKED prefix lengths
// (shared with the previous value of the page), then the suffixes as
// DELTA_LENGTH_BYTE_ARRAY.
template <typename DType>
class DeltaByteArrayEncoder final : public TypedEncoder<DType> {
 public:
  using T = typename DType::value_type;
  explicit DeltaByteArrayEncoder(int32_t type_length);

  Encoding encoding() const override { return Encoding::DELTA_BYTE_ARRAY; }
  void put(const T* values, size_t n) override;
  size_t estimated_data_size() const override {
    return prefix_lengths_.estimated_data_size() + suffixes_.estimated_data_size();
  }
  void flush_to(ByteBuffer& out) override;
  size_t memory_size() const override {
    return prefix_lengths_.memory_size() + suffixes_.memory_size() + last_.capacity();
  }

 private:
  int32_t type_length_;
  DeltaBinaryPackedEncoder<Int32Type> prefix_lengths_;
  DeltaLengthByteArrayEncoder suffixes_;
  std::vector<uint8_t> last_;  // copy of the previous value
};

}  // namespace spillway

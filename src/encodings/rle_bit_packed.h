#pragma once

// The RLE / bit-packing hybrid of Encodings.md (RLE = 3), used for
// repetition and definition levels, dictionary indices and RLE booleans.
// Neither class writes or reads the optional 4-byte length prefix; callers
// that need it (levels v1, booleans) add it.

#include <cstddef>
#include <cstdint>
#include <span>

#include "encodings/bit_util.h"
#include "util/byte_buffer.h"

namespace spillway {

// Emits an RLE run for 8 or more repeats of a value and bit-packed runs of
// groups of 8 values otherwise. Values must fit in bit_width bits (checked
// once per group or run; a violation throws spillway::Error).
class RleBitPackedEncoder {
 public:
  // bit_width: 0..32.
  explicit RleBitPackedEncoder(int bit_width);
  RleBitPackedEncoder(RleBitPackedEncoder&&) = default;
  RleBitPackedEncoder& operator=(RleBitPackedEncoder&&) = default;

  int bit_width() const { return bit_width_; }

  void put(uint32_t v) {
    ++num_values_;
    if (v == current_) {
      if (++repeat_count_ > 8) {
        // Continuing a run already long enough for RLE: nothing to buffer.
        if (repeat_count_ == kMaxRunLength) write_repeated_run();
        return;
      }
    } else {
      if (repeat_count_ >= 8) write_repeated_run();
      repeat_count_ = 1;
      current_ = v;
    }
    buffered_[num_buffered_++] = v;
    if (num_buffered_ == 8) flush_group();
  }

  // T: uint8_t, int16_t, uint16_t, int32_t or uint32_t; negative values fail
  // the bit-width check.
  template <class T>
  void put_batch(const T* v, size_t n) {
    size_t i = 0;
    while (i < n) {
      if (repeat_count_ >= 8) {
        // Inside an RLE run: skip its repeats without the per-value logic.
        size_t j = i;
        while (j < n && static_cast<uint32_t>(v[j]) == current_) ++j;
        size_t take = std::min<uint64_t>(j - i, kMaxRunLength - repeat_count_);
        repeat_count_ += take;
        num_values_ += take;
        i += take;
        if (repeat_count_ == kMaxRunLength) write_repeated_run();
        if (take > 0) continue;
      }
      put(static_cast<uint32_t>(v[i++]));
    }
  }

  // Values put since the last flush.
  uint64_t num_values() const { return num_values_; }
  // Exactly the number of bytes flush_to would append now.
  size_t estimated_size() const;
  // Appends the runs (no length prefix), then resets for the next page.
  void flush_to(ByteBuffer& out);
  // Drops everything put since the last flush.
  void clear();
  size_t memory_size() const { return buf_.capacity(); }

 private:
  // Run lengths must fit a signed 32-bit integer (Encodings.md, note 3).
  static constexpr uint64_t kMaxRunLength = (uint64_t{1} << 31) - 1;
  // Bit-packed runs stay within 63 groups so the header is a single byte,
  // reserved when the run starts and filled in when it ends.
  static constexpr size_t kMaxLiteralGroups = 63;

  void flush_group();
  void write_repeated_run();
  void close_literal_run();
  void append_literal_group();
  void check_range(uint32_t v) const;
  bool pending_is_repeated_run() const {
    return repeat_count_ > 0 && literal_groups_ == 0 &&
           (num_buffered_ == 0 || repeat_count_ == num_buffered_);
  }
  void reset_state();

  ByteBuffer buf_;
  int bit_width_;
  int value_bytes_;  // bytes of an RLE run's value
  uint32_t mask_;
  uint32_t buffered_[8];
  uint32_t num_buffered_ = 0;
  uint32_t current_ = 0;
  uint64_t repeat_count_ = 0;
  size_t literal_groups_ = 0;  // groups in the open bit-packed run
  size_t literal_header_pos_ = 0;
  uint64_t num_values_ = 0;
};

// Reads runs written by any conforming writer. Throws spillway::Error (naming
// the byte offset) on a truncated or malformed run.
class RleBitPackedDecoder {
 public:
  // bit_width: 0..32, else throws. Error offsets are shifted by base_offset
  // (where `data` starts within the caller's bytes).
  RleBitPackedDecoder(std::span<const uint8_t> data, int bit_width, size_t base_offset = 0);

  // Decodes up to n values; fewer only when the data ends.
  size_t get_batch(uint32_t* out, size_t n);
  // Bytes of `data` consumed so far (whole runs).
  size_t offset() const { return reader_.offset(); }

 private:
  bool next_run();

  ByteReader reader_;
  int bit_width_;
  uint64_t rle_left_ = 0;
  uint32_t rle_value_ = 0;
  uint64_t literal_left_ = 0;
  const uint8_t* literal_data_ = nullptr;
  size_t literal_bit_ = 0;
};

}  // namespace spillway

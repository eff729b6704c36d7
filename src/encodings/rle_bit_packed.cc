#include "encodings/rle_bit_packed.h"

#include <string>

namespace spillway {

namespace {

int checked_bit_width(int bit_width) {
  if (bit_width < 0 || bit_width > 32) {
    throw Error("RLE/bit-packed hybrid: bit width " + std::to_string(bit_width) +
                " is outside 0..32");
  }
  return bit_width;
}

}  // namespace

RleBitPackedEncoder::RleBitPackedEncoder(int bit_width)
    : bit_width_(checked_bit_width(bit_width)),
      value_bytes_((bit_width + 7) / 8),
      mask_(bit_width == 32 ? 0xffffffffu : (1u << bit_width) - 1) {}

void RleBitPackedEncoder::check_range(uint32_t v) const {
  if ((v & ~mask_) != 0) {
    throw Error("RLE/bit-packed hybrid: value " + std::to_string(v) +
                " does not fit in bit width " + std::to_string(bit_width_));
  }
}

void RleBitPackedEncoder::flush_group() {
  num_buffered_ = 0;
  if (repeat_count_ >= 8) {
    // The group is exactly the first 8 values of an RLE run (a run only
    // reaches 8 when it starts a group): drop it and end any literal run.
    if (literal_groups_ > 0) close_literal_run();
    return;
  }
  append_literal_group();
  // Runs are counted afresh from the next group.
  repeat_count_ = 0;
}

void RleBitPackedEncoder::append_literal_group() {
  uint32_t all = 0;
  for (uint32_t v : buffered_) all |= v;
  if ((all & ~mask_) != 0) {
    for (uint32_t v : buffered_) check_range(v);
  }
  if (literal_groups_ == 0) {
    literal_header_pos_ = buf_.size();
    buf_.push_back(0);
  }
  bit_pack(buffered_, 8, bit_width_, buf_.ensure(bit_width_));
  buf_.advance(bit_width_);
  if (++literal_groups_ == kMaxLiteralGroups) close_literal_run();
}

void RleBitPackedEncoder::close_literal_run() {
  buf_.data()[literal_header_pos_] = static_cast<uint8_t>((literal_groups_ << 1) | 1);
  literal_groups_ = 0;
}

void RleBitPackedEncoder::write_repeated_run() {
  check_range(current_);
  uint8_t* p = buf_.ensure(10 + 4);
  uint8_t* end = write_uleb128(p, repeat_count_ << 1);
  uint32_t v = current_;
  for (int i = 0; i < value_bytes_; ++i, v >>= 8) *end++ = static_cast<uint8_t>(v);
  buf_.advance(static_cast<size_t>(end - p));
  repeat_count_ = 0;
}

size_t RleBitPackedEncoder::estimated_size() const {
  size_t pending = 0;
  if (pending_is_repeated_run()) {
    pending = uleb128_size(repeat_count_ << 1) + value_bytes_;
  } else if (num_buffered_ > 0) {
    pending = bit_width_ + (literal_groups_ == 0 ? 1 : 0);
  }
  return buf_.size() + pending;
}

void RleBitPackedEncoder::flush_to(ByteBuffer& out) {
  if (pending_is_repeated_run()) {
    write_repeated_run();
  } else if (num_buffered_ > 0) {
    // Pad the last group with zeros; readers stop at their value count.
    for (uint32_t i = num_buffered_; i < 8; ++i) buffered_[i] = 0;
    append_literal_group();
    if (literal_groups_ > 0) close_literal_run();
  } else if (literal_groups_ > 0) {
    close_literal_run();
  }
  out.append(buf_.span());
  buf_.clear();
  reset_state();
}

void RleBitPackedEncoder::clear() {
  buf_.clear();
  reset_state();
}

void RleBitPackedEncoder::reset_state() {
  num_buffered_ = 0;
  current_ = 0;
  repeat_count_ = 0;
  literal_groups_ = 0;
  num_values_ = 0;
}

RleBitPackedDecoder::RleBitPackedDecoder(std::span<const uint8_t> data, int bit_width,
                                         size_t base_offset)
    : reader_(data, "RLE/bit-packed hybrid", base_offset),
      bit_width_(checked_bit_width(bit_width)) {}

bool RleBitPackedDecoder::next_run() {
  while (!reader_.at_end()) {
    size_t start = reader_.offset();
    uint64_t header = reader_.read_uleb128();
    if (header > 0xffffffffu) reader_.fail_at(start, "run header exceeds 32 bits");
    if (header & 1) {
      uint64_t groups = header >> 1;
      literal_data_ = reader_.read_bytes(groups * bit_width_).data();
      literal_bit_ = 0;
      literal_left_ = groups * 8;
      if (literal_left_ > 0) return true;
    } else {
      uint64_t count = header >> 1;
      auto bytes = reader_.read_bytes((bit_width_ + 7) / 8);
      uint64_t v = 0;
      for (size_t i = 0; i < bytes.size(); ++i) v |= static_cast<uint64_t>(bytes[i]) << (8 * i);
      if (bit_width_ < 32 && (v >> bit_width_) != 0) {
        reader_.fail_at(start, "RLE run value " + std::to_string(v) + " exceeds bit width " +
                                   std::to_string(bit_width_));
      }
      rle_value_ = static_cast<uint32_t>(v);
      rle_left_ = count;
      if (rle_left_ > 0) return true;
    }
  }
  return false;
}

size_t RleBitPackedDecoder::get_batch(uint32_t* out, size_t n) {
  size_t done = 0;
  while (done < n) {
    if (rle_left_ > 0) {
      size_t take = std::min<uint64_t>(rle_left_, n - done);
      std::fill(out + done, out + done + take, rle_value_);
      rle_left_ -= take;
      done += take;
    } else if (literal_left_ > 0) {
      size_t take = std::min<uint64_t>(literal_left_, n - done);
      for (size_t i = 0; i < take; ++i) {
        out[done + i] =
            static_cast<uint32_t>(read_packed_bits(literal_data_, literal_bit_, bit_width_));
        literal_bit_ += bit_width_;
      }
      literal_left_ -= take;
      done += take;
    } else if (!next_run()) {
      break;
    }
  }
  return done;
}

}  // namespace spillway

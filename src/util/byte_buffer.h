#pragma once

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <memory>
#include <span>
#include <utility>
#include <vector>

#include "spillway/bytes.h"

namespace spillway {

// A growable byte buffer that encoders append to. Growth leaves new bytes
// uninitialized (unlike std::vector::resize), and finish() hands the storage
// to a Bytes without copying.
class ByteBuffer {
 public:
  ByteBuffer() = default;
  explicit ByteBuffer(size_t capacity) { reserve(capacity); }
  ByteBuffer(ByteBuffer&& other) noexcept { *this = std::move(other); }
  ByteBuffer& operator=(ByteBuffer&& other) noexcept {
    data_ = std::move(other.data_);
    size_ = std::exchange(other.size_, 0);
    capacity_ = std::exchange(other.capacity_, 0);
    return *this;
  }
  ByteBuffer(const ByteBuffer&) = delete;
  ByteBuffer& operator=(const ByteBuffer&) = delete;

  uint8_t* data() { return data_.get(); }
  const uint8_t* data() const { return data_.get(); }
  size_t size() const { return size_; }
  size_t capacity() const { return capacity_; }
  bool empty() const { return size_ == 0; }
  std::span<const uint8_t> span() const { return {data_.get(), size_}; }

  void reserve(size_t capacity) {
    if (capacity <= capacity_) return;
    std::unique_ptr<uint8_t[]> grown(new uint8_t[capacity]);
    if (size_ > 0) std::memcpy(grown.get(), data_.get(), size_);
    data_ = std::move(grown);
    capacity_ = capacity;
  }
  // Makes room for `n` more bytes and returns where they go; commit with
  // advance().
  uint8_t* ensure(size_t n) {
    if (size_ + n > capacity_)
      reserve(std::max(size_ + n, capacity_ * 2 < 64 ? 64 : capacity_ * 2));
    return data_.get() + size_;
  }
  void advance(size_t n) { size_ += n; }
  void resize(size_t n) {
    reserve(n);
    size_ = n;
  }
  void clear() { size_ = 0; }
  // Drops the storage too.
  void reset() {
    data_.reset();
    size_ = capacity_ = 0;
  }

  void append(const void* p, size_t n) {
    if (n == 0) return;
    std::memcpy(ensure(n), p, n);
    size_ += n;
  }
  void append(std::span<const uint8_t> s) { append(s.data(), s.size()); }
  void push_back(uint8_t b) {
    *ensure(1) = b;
    ++size_;
  }
  template <typename T>
  void append_le(T v) {  // little-endian machines only (checked in platform.cc)
    append(&v, sizeof(T));
  }

  // Hands the bytes to an immutable Bytes; the buffer is empty afterwards.
  Bytes finish() {
    if (size_ == 0) {
      reset();
      return Bytes();
    }
    std::shared_ptr<const uint8_t[]> owner(data_.release());
    const uint8_t* p = owner.get();
    size_t n = size_;
    size_ = capacity_ = 0;
    return Bytes(std::shared_ptr<const void>(owner, p), p, n);
  }

 private:
  std::unique_ptr<uint8_t[]> data_;
  size_t size_ = 0;
  size_t capacity_ = 0;
};

}  // namespace spillway

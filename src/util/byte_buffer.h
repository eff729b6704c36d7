#pragma once

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <new>
#include <span>
#include <utility>
#include <vector>

#include "spillway/bytes.h"

namespace spillway {

// A growable byte buffer that encoders append to. Growth leaves new bytes
// uninitialized (unlike std::vector::resize), and finish() hands the storage
// to a Bytes without copying. Storage comes from malloc so that growing and
// shrinking use realloc, which the allocator can often do in place.
//
// Headroom: bytes kept free in front of the payload, so a page header and
// levels can be prepended to values encoded in place without moving them.
class ByteBuffer {
 public:
  ByteBuffer() = default;
  explicit ByteBuffer(size_t capacity) { reserve(capacity); }
  ByteBuffer(ByteBuffer&& other) noexcept { *this = std::move(other); }
  ByteBuffer& operator=(ByteBuffer&& other) noexcept {
    data_ = std::move(other.data_);
    head_ = std::exchange(other.head_, 0);
    size_ = std::exchange(other.size_, 0);
    capacity_ = std::exchange(other.capacity_, 0);
    return *this;
  }
  ByteBuffer(const ByteBuffer&) = delete;
  ByteBuffer& operator=(const ByteBuffer&) = delete;

  // The payload (after the headroom).
  uint8_t* data() { return data_.get() + head_; }
  const uint8_t* data() const { return data_.get() + head_; }
  size_t size() const { return size_; }
  // Bytes of storage held, headroom included.
  size_t capacity() const { return capacity_; }
  size_t headroom() const { return head_; }
  bool empty() const { return size_ == 0; }
  std::span<const uint8_t> span() const { return {data(), size_}; }

  // Room for `capacity` payload bytes after the headroom.
  void reserve(size_t capacity) {
    if (head_ + capacity > capacity_) reallocate(head_ + capacity);
  }
  // Keeps `n` bytes free in front of the payload; the buffer must be empty.
  void set_headroom(size_t n) {
    if (n > capacity_) reallocate(n);
    head_ = n;
  }
  // Returns unused storage after the payload to the allocator.
  void shrink_to_fit() {
    if (head_ + size_ < capacity_ && head_ + size_ > 0) reallocate(head_ + size_);
  }
  // Makes room for `n` more bytes and returns where they go; commit with
  // advance().
  uint8_t* ensure(size_t n) {
    if (head_ + size_ + n > capacity_) {
      const size_t payload = capacity_ - head_;
      reserve(std::max(size_ + n, payload * 2 < 64 ? 64 : payload * 2));
    }
    return data() + size_;
  }
  void advance(size_t n) { size_ += n; }
  void resize(size_t n) {
    reserve(n);
    size_ = n;
  }
  // Empties the payload and the headroom; keeps the storage.
  void clear() { head_ = size_ = 0; }
  // Drops the storage too.
  void reset() {
    data_.reset();
    head_ = size_ = capacity_ = 0;
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
  // Puts `n` bytes in front of the payload: in the headroom when it is large
  // enough, else by moving the payload into new storage.
  void prepend(const void* p, size_t n) {
    if (n == 0) return;
    if (n > head_) {
      const size_t more = n - head_;
      reallocate(capacity_ + more);
      std::memmove(data_.get() + n, data(), size_);
      head_ = n;
    }
    head_ -= n;
    size_ += n;
    std::memcpy(data(), p, n);
  }
  void prepend(std::span<const uint8_t> s) { prepend(s.data(), s.size()); }

  // Hands the payload to an immutable Bytes; the buffer is empty afterwards.
  Bytes finish() {
    if (size_ == 0) {
      reset();
      return Bytes();
    }
    std::shared_ptr<const void> owner(data_.release(), Free());
    const uint8_t* p = static_cast<const uint8_t*>(owner.get()) + head_;
    size_t n = size_;
    head_ = size_ = capacity_ = 0;
    return Bytes(std::shared_ptr<const void>(owner, p), p, n);
  }

 private:
  struct Free {
    void operator()(const void* p) const { std::free(const_cast<void*>(p)); }
  };
  void reallocate(size_t capacity) {
    void* p = std::realloc(data_.get(), capacity);
    if (!p) throw std::bad_alloc();
    (void)data_.release();
    data_.reset(static_cast<uint8_t*>(p));
    capacity_ = capacity;
  }

  std::unique_ptr<uint8_t, Free> data_;
  size_t head_ = 0;  // headroom: payload starts here
  size_t size_ = 0;
  size_t capacity_ = 0;
};

}  // namespace spillway

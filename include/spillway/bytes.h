#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "spillway/error.h"

namespace spillway {

// An immutable, shared, sliceable byte buffer. Copies share the same storage,
// so a page moves from encoder to store to output without copying its bytes.
class Bytes {
 public:
  Bytes() = default;
  // Takes ownership of the vector's storage.
  explicit Bytes(std::vector<uint8_t> owned)
      : Bytes(std::make_shared<const std::vector<uint8_t>>(std::move(owned))) {}
  explicit Bytes(std::shared_ptr<const std::vector<uint8_t>> owned)
      : data_(owned->data()), size_(owned->size()), owner_(std::move(owned)) {}
  // Views `size` bytes at `data`, kept alive by `owner`.
  Bytes(std::shared_ptr<const void> owner, const uint8_t* data, size_t size)
      : data_(data), size_(size), owner_(std::move(owner)) {}

  static Bytes copy_of(const void* data, size_t size) {
    const auto* p = static_cast<const uint8_t*>(data);
    return Bytes(std::vector<uint8_t>(p, p + size));
  }

  const uint8_t* data() const { return data_; }
  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  std::span<const uint8_t> span() const { return {data_, size_}; }
  const uint8_t& operator[](size_t i) const { return data_[i]; }

  // A view of [offset, offset + length) sharing this buffer's storage.
  Bytes slice(size_t offset, size_t length) const {
    if (offset > size_ || length > size_ - offset) {
      throw Error("Bytes::slice out of range: offset " + std::to_string(offset) + " length " +
                  std::to_string(length) + " of " + std::to_string(size_) + " bytes");
    }
    return Bytes(owner_, data_ + offset, length);
  }

 private:
  const uint8_t* data_ = nullptr;
  size_t size_ = 0;
  std::shared_ptr<const void> owner_;
};

}  // namespace spillway

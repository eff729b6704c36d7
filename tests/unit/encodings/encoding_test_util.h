#pragma once

// Helpers shared by the encoding tests.

#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "encodings/physical_types.h"
#include "util/byte_buffer.h"

namespace spillway::testing {

using Bytes8 = std::vector<uint8_t>;

inline Bytes8 to_vector(const ByteBuffer& b) {
  return Bytes8(b.data(), b.data() + b.size());
}

inline Bytes8 concat(std::initializer_list<Bytes8> parts) {
  Bytes8 out;
  for (const auto& p : parts) out.insert(out.end(), p.begin(), p.end());
  return out;
}

inline Bytes8 bytes_of(const std::string& s) {
  return Bytes8(s.begin(), s.end());
}

// Strings and ByteArray views of them, kept alive together.
class StringValues {
 public:
  StringValues(std::initializer_list<std::string> strings) : strings_(strings) { make_views(); }
  explicit StringValues(std::vector<std::string> strings) : strings_(std::move(strings)) {
    make_views();
  }
  StringValues(const StringValues&) = delete;
  StringValues& operator=(const StringValues&) = delete;
  const ByteArray* data() const { return views_.data(); }
  size_t size() const { return views_.size(); }

 private:
  void make_views() {
    for (const auto& s : strings_) {
      views_.push_back(
          ByteArray{reinterpret_cast<const uint8_t*>(s.data()), static_cast<uint32_t>(s.size())});
    }
  }
  std::vector<std::string> strings_;
  std::vector<ByteArray> views_;
};

// Bitwise equality, so NaN payloads and -0.0 are compared exactly.
template <typename T>
bool same_bits(const T& a, const T& b) {
  static_assert(std::is_trivially_copyable_v<T>);
  return std::memcmp(&a, &b, sizeof(T)) == 0;
}

}  // namespace spillway::testing

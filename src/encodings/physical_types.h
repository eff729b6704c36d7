#pragma once

// The in-memory value type of each Parquet physical type, as encoders,
// statistics and the column writer see it.

#include <cstdint>
#include <cstring>
#include <string_view>

#include "spillway/basic.h"

namespace spillway {

// A BYTE_ARRAY value: borrowed bytes (the Arrow buffer or a dictionary's copy).
struct ByteArray {
  const uint8_t* ptr = nullptr;
  uint32_t len = 0;
  std::string_view view() const { return {reinterpret_cast<const char*>(ptr), len}; }
  bool operator==(const ByteArray& o) const {
    return len == o.len && (len == 0 || std::memcmp(ptr, o.ptr, len) == 0);
  }
};

// A FIXED_LEN_BYTE_ARRAY value: `ptr` points at type_length bytes; the length
// is the column's, carried by whoever holds the value.
struct FixedLenByteArray {
  const uint8_t* ptr = nullptr;
};

template <PhysicalType P>
struct PhysicalTraits;
template <>
struct PhysicalTraits<PhysicalType::BOOLEAN> {
  using value_type = bool;
  static constexpr PhysicalType type = PhysicalType::BOOLEAN;
};
template <>
struct PhysicalTraits<PhysicalType::INT32> {
  using value_type = int32_t;
  static constexpr PhysicalType type = PhysicalType::INT32;
};
template <>
struct PhysicalTraits<PhysicalType::INT64> {
  using value_type = int64_t;
  static constexpr PhysicalType type = PhysicalType::INT64;
};
template <>
struct PhysicalTraits<PhysicalType::FLOAT> {
  using value_type = float;
  static constexpr PhysicalType type = PhysicalType::FLOAT;
};
template <>
struct PhysicalTraits<PhysicalType::DOUBLE> {
  using value_type = double;
  static constexpr PhysicalType type = PhysicalType::DOUBLE;
};
template <>
struct PhysicalTraits<PhysicalType::BYTE_ARRAY> {
  using value_type = ByteArray;
  static constexpr PhysicalType type = PhysicalType::BYTE_ARRAY;
};
template <>
struct PhysicalTraits<PhysicalType::FIXED_LEN_BYTE_ARRAY> {
  using value_type = FixedLenByteArray;
  static constexpr PhysicalType type = PhysicalType::FIXED_LEN_BYTE_ARRAY;
};

using BooleanType = PhysicalTraits<PhysicalType::BOOLEAN>;
using Int32Type = PhysicalTraits<PhysicalType::INT32>;
using Int64Type = PhysicalTraits<PhysicalType::INT64>;
using FloatType = PhysicalTraits<PhysicalType::FLOAT>;
using DoubleType = PhysicalTraits<PhysicalType::DOUBLE>;
using ByteArrayType = PhysicalTraits<PhysicalType::BYTE_ARRAY>;
using FLBAType = PhysicalTraits<PhysicalType::FIXED_LEN_BYTE_ARRAY>;

}  // namespace spillway

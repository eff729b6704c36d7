#pragma once

// Column descriptors for the statistics tests.

#include <optional>
#include <string>

#include "spillway/schema.h"

namespace spillway::testcols {

inline ColumnDescriptor column(PhysicalType t, std::optional<LogicalType> logical = std::nullopt,
                               std::optional<ConvertedType> converted = std::nullopt,
                               int32_t type_length = 0) {
  return ColumnDescriptor(ColumnPath({"c"}), t, type_length, logical, converted, 1, 0);
}

inline ColumnDescriptor flba(int32_t length, std::optional<LogicalType> logical = std::nullopt,
                             std::optional<ConvertedType> converted = std::nullopt) {
  return column(PhysicalType::FIXED_LEN_BYTE_ARRAY, logical, converted, length);
}

inline LogicalType simple(LogicalType::Kind k) {
  LogicalType t;
  t.kind = k;
  return t;
}

// Bytes written as a string, for comparing encoded statistics.
inline std::string bytes(std::initializer_list<int> b) {
  std::string s;
  for (int x : b) s += static_cast<char>(x);
  return s;
}

}  // namespace spillway::testcols

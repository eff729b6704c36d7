#include "statistics/boundary_order.h"

#include <cstdint>
#include <cstring>

#include "spillway/error.h"
#include "statistics/value_compare.h"

namespace spillway {

namespace {

template <typename V>
V load(std::string_view s) {
  if (s.size() != sizeof(V)) {
    throw Error("column index value of " + std::to_string(s.size()) + " bytes where " +
                std::to_string(sizeof(V)) + " were expected");
  }
  V v;
  std::memcpy(&v, s.data(), sizeof(V));
  return v;
}

template <typename V>
int three_way(V a, V b) {
  return a < b ? -1 : (b < a ? 1 : 0);
}

const uint8_t* bytes(std::string_view s) {
  return reinterpret_cast<const uint8_t*>(s.data());
}

}  // namespace

EncodedValueComparator::EncodedValueComparator(const ColumnDescriptor& descr)
    : order_(value_order_for(descr)), physical_type_(descr.physical_type()) {}

int EncodedValueComparator::compare(std::string_view a, std::string_view b) const {
  const bool is64 = physical_type_ == PhysicalType::INT64 || physical_type_ == PhysicalType::DOUBLE;
  switch (order_) {
    case ValueOrder::NONE:
      throw Error("values of a column without a defined sort order cannot be compared");
    case ValueOrder::BOOLEAN:
      return three_way(load<uint8_t>(a) != 0, load<uint8_t>(b) != 0);
    case ValueOrder::SIGNED_INT:
      return is64 ? three_way(load<int64_t>(a), load<int64_t>(b))
                  : three_way(load<int32_t>(a), load<int32_t>(b));
    case ValueOrder::UNSIGNED_INT:
      return is64 ? three_way(load<uint64_t>(a), load<uint64_t>(b))
                  : three_way(load<uint32_t>(a), load<uint32_t>(b));
    case ValueOrder::FLOATING:
      return is64 ? three_way(load<double>(a), load<double>(b))
                  : three_way(load<float>(a), load<float>(b));
    case ValueOrder::UNSIGNED_BYTES:
      return stats_detail::compare_unsigned_bytes(bytes(a), a.size(), bytes(b), b.size());
    case ValueOrder::SIGNED_BIG_ENDIAN:
      return stats_detail::compare_signed_big_endian(bytes(a), a.size(), bytes(b), b.size());
    case ValueOrder::FLOAT16:
      return three_way(stats_detail::float16_key(load<uint16_t>(a)),
                       stats_detail::float16_key(load<uint16_t>(b)));
  }
  return 0;
}

BoundaryOrder compute_boundary_order(const EncodedValueComparator& cmp,
                                     const std::vector<std::string>& min_values,
                                     const std::vector<std::string>& max_values,
                                     const std::vector<bool>& null_pages) {
  if (min_values.size() != null_pages.size() || max_values.size() != null_pages.size()) {
    throw Error("column index lists differ in length: " + std::to_string(null_pages.size()) +
                " null_pages, " + std::to_string(min_values.size()) + " min_values, " +
                std::to_string(max_values.size()) + " max_values");
  }
  if (!cmp.can_compare()) return BoundaryOrder::UNORDERED;
  bool ascending = true;
  bool descending = true;
  const std::string* prev_min = nullptr;
  const std::string* prev_max = nullptr;
  for (size_t i = 0; i < null_pages.size() && (ascending || descending); ++i) {
    if (null_pages[i]) continue;
    if (prev_min != nullptr) {
      const int c_min = cmp.compare(*prev_min, min_values[i]);
      const int c_max = cmp.compare(*prev_max, max_values[i]);
      if (c_min > 0 || c_max > 0) ascending = false;
      if (c_min < 0 || c_max < 0) descending = false;
    }
    prev_min = &min_values[i];
    prev_max = &max_values[i];
  }
  if (ascending) return BoundaryOrder::ASCENDING;
  if (descending) return BoundaryOrder::DESCENDING;
  return BoundaryOrder::UNORDERED;
}

}  // namespace spillway

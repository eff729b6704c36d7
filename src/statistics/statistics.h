#pragma once

// Min / max / null / NaN statistics of one page or column chunk, kept in
// the column's sort order (sort_order.h) and written as parquet.thrift
// `Statistics` (page headers, ColumnMetaData) or column index entries.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>

#include "encodings/physical_types.h"
#include "spillway/metadata.h"
#include "spillway/schema.h"
#include "statistics/sort_order.h"

namespace spillway {

template <typename DType>
class TypedStatistics {
 public:
  using T = typename DType::value_type;

  explicit TypedStatistics(const ColumnDescriptor& descr);

  // Folds in `n` non-null values. BYTE_ARRAY / FLBA values are only
  // borrowed: the min and max are copied, and only when they change.
  void update(const T* values, size_t n);
  void add_nulls(int64_t n) { null_count_ += n; }
  // Folds in statistics of the same column (a page's into its chunk's).
  void merge(const TypedStatistics& other);
  void reset();

  // False when no value was seen, all non-null values were NaN, or the
  // column's sort order is undefined (e.g. INTERVAL).
  bool has_min_max() const { return has_min_max_; }
  int64_t null_count() const { return null_count_; }
  // Set for FLOAT, DOUBLE and FLOAT16 columns only (even when 0).
  std::optional<int64_t> nan_count() const;

  // For a page header or ColumnMetaData: null_count, nan_count (float
  // types), and when there is a min/max, min_value / max_value as PLAIN
  // bytes (BYTE_ARRAY without its length prefix) with is_min_value_exact /
  // is_max_value_exact. With `truncate_length`, unsigned-ordered BYTE_ARRAY
  // and FLBA bounds are shortened to that many bytes (truncation.h).
  Statistics to_thrift(std::optional<size_t> truncate_length) const;
  // The same min and max bytes for a column index entry; empty strings when
  // !has_min_max().
  std::pair<std::string, std::string> encoded_min_max(std::optional<size_t> truncate_length) const;

  // Heap and object bytes held.
  size_t memory_size() const;

  ValueOrder value_order() const { return order_; }

 private:
  static constexpr bool kBinary =
      std::is_same_v<T, ByteArray> || std::is_same_v<T, FixedLenByteArray>;
  static constexpr bool kFloating = std::is_floating_point_v<T>;
  // Binary bounds own their bytes; the rest are the values themselves.
  using Stored = std::conditional_t<kBinary, std::string, T>;

  std::string encode(const Stored& v, bool is_max) const;
  // The bounds as written, and whether each is exact.
  void bounds(std::optional<size_t> truncate_length, std::string& min, std::string& max,
              bool& min_exact, bool& max_exact) const;
  void update_binary(const T* values, size_t n);

  ValueOrder order_;
  bool utf8_;
  size_t type_length_;  // FLBA width
  bool has_min_max_ = false;
  Stored min_{};
  Stored max_{};
  int64_t null_count_ = 0;
  int64_t nan_count_ = 0;
};

extern template class TypedStatistics<BooleanType>;
extern template class TypedStatistics<Int32Type>;
extern template class TypedStatistics<Int64Type>;
extern template class TypedStatistics<FloatType>;
extern template class TypedStatistics<DoubleType>;
extern template class TypedStatistics<ByteArrayType>;
extern template class TypedStatistics<FLBAType>;

}  // namespace spillway

#pragma once

// The column index's boundary_order: whether the pages' min_values and
// max_values, as written (encoded, possibly truncated), are both sorted.

#include <string>
#include <string_view>
#include <vector>

#include "spillway/basic.h"
#include "spillway/schema.h"
#include "statistics/sort_order.h"

namespace spillway {

// Compares two encoded statistics values (PLAIN bytes as to_thrift() /
// encoded_min_max() produce, truncated or not) in a column's sort order.
class EncodedValueComparator {
 public:
  explicit EncodedValueComparator(const ColumnDescriptor& descr);
  // False when the column's order is undefined: nothing can be compared.
  bool can_compare() const { return order_ != ValueOrder::NONE; }
  // <0, 0 or >0. Throws Error if a fixed-width value has the wrong size.
  int compare(std::string_view a, std::string_view b) const;

 private:
  ValueOrder order_;
  PhysicalType physical_type_;
};

// ASCENDING if, skipping null pages, each page's min and max are >= the
// previous page's; DESCENDING if both are <=; else UNORDERED. A run of equal
// bounds, a single page or only null pages count as ASCENDING. UNORDERED
// when the comparator cannot compare. The three lists must be equally long
// (one entry per page, as in ColumnIndex); throws Error otherwise.
BoundaryOrder compute_boundary_order(const EncodedValueComparator& cmp,
                                     const std::vector<std::string>& min_values,
                                     const std::vector<std::string>& max_values,
                                     const std::vector<bool>& null_pages);

}  // namespace spillway

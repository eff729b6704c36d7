#pragma once

// Walks a batch's definition and repetition levels to find where mini-batches
// and pages may end: pages end at row boundaries (repetition level 0).

#include <algorithm>
#include <cstddef>
#include <cstdint>

namespace spillway {

struct LevelScan {
  const int16_t* def;  // null when the max definition level is 0
  const int16_t* rep;  // null when the max repetition level is 0
  int16_t max_def;

  // End of the mini-batch starting at `pos`: at most `max_rows` whole rows,
  // and no more rows once `max_levels` levels are reached (at least one row:
  // rows of long lists still make bounded mini-batches, and so pages).
  size_t mini_batch_end(size_t pos, size_t n, size_t max_rows, size_t max_levels) const {
    if (!rep) return std::min(n, pos + max_rows);
    size_t rows = 0;
    for (size_t i = pos; i < n; ++i) {
      if (rep[i] == 0) {
        if (rows == max_rows || (rows > 0 && i - pos >= max_levels)) return i;
        ++rows;
      }
    }
    return n;
  }

  // Values (levels at the max definition level) in levels [from, to).
  size_t count_values(size_t from, size_t to) const {
    if (max_def == 0 || !def) return to - from;
    size_t n = 0;
    for (size_t i = from; i < to; ++i) n += def[i] == max_def;
    return n;
  }

  size_t count_rows(size_t from, size_t to) const {
    if (!rep) return to - from;
    size_t n = 0;
    for (size_t i = from; i < to; ++i) n += rep[i] == 0;
    return n;
  }

  // The level of the `k`-th value counted from level `from`, or `to` if
  // there are only k values.
  size_t level_of_value(size_t from, size_t to, size_t k) const {
    if (max_def == 0 || !def) return std::min(from + k, to);
    for (size_t i = from; i < to; ++i) {
      if (def[i] == max_def && k-- == 0) return i;
    }
    return to;
  }

  // The first row start at or after level `i`, else `to`.
  size_t row_start_at_or_after(size_t i, size_t to) const {
    if (!rep) return std::min(i, to);
    while (i < to && rep[i] != 0) ++i;
    return std::min(i, to);
  }

  // The last row start at or before level `i`, but not before `from`.
  size_t row_start_at_or_before(size_t i, size_t from) const {
    if (!rep) return i;
    while (i > from && rep[i] != 0) --i;
    return i;
  }
};

}  // namespace spillway

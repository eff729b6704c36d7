#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "arrow/arrow_type.h"
#include "column/column_writer.h"
#include "levels/level_builder.h"
#include "spillway/c_abi.h"
#include "util/byte_buffer.h"

namespace spillway {

// Buffers reused by every leaf writer of one ArrowWriter (columns are written
// one after another, so one set serves them all).
struct LeafScratch {
  std::vector<int16_t> def_levels;
  ByteBuffer values;       // dense physical values
  ByteBuffer value_bytes;  // bytes that converted FLBA values point into
  LevelBatch levels;       // a nested leaf's levels
  size_t memory_size() const {
    return def_levels.capacity() * sizeof(int16_t) + values.capacity() + value_bytes.capacity() +
           levels.memory_size();
  }
};

// Turns one Arrow leaf column into definition levels and dense physical
// values, converted as the Parquet schema mapping says, and feeds them to the
// column writer: a flat column directly, a nested one from the levels the
// LevelBuilder computed.
class LeafWriter {
 public:
  virtual ~LeafWriter() = default;
  // Writes rows [begin, begin + length) of `array`, counted from the array's
  // start as its parent sees it (the array's own offset is applied here).
  virtual void write(const ArrowArray* array, int64_t begin, int64_t length,
                     LeafScratch& scratch) = 0;
  // Writes the levels in `scratch.levels` of a nested leaf; their values are
  // at the positions they name in `leaf`. A dictionary's or run-end encoded
  // array's null value lowers its level to a null. `first_row` numbers rows
  // in errors.
  virtual void write_levels(const ArrowArray* leaf, int64_t first_row, LeafScratch& scratch) = 0;
  virtual ColumnWriter& column_writer() = 0;
};

// `field` (the leaf's own field) must outlive the writer. `leaf_optional`:
// whether the leaf itself may be null (below its parents' levels).
std::unique_ptr<LeafWriter> make_leaf_writer(const ArrowField& field,
                                             std::unique_ptr<ColumnWriter> column,
                                             bool leaf_optional);

}  // namespace spillway

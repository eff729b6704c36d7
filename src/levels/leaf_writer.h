#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "arrow/arrow_type.h"
#include "column/column_writer.h"
#include "spillway/c_abi.h"
#include "util/byte_buffer.h"

namespace spillway {

// Buffers reused by every leaf writer of one ArrowWriter (columns are written
// one after another, so one set serves them all).
struct LeafScratch {
  std::vector<int16_t> def_levels;
  ByteBuffer values;       // dense physical values
  ByteBuffer value_bytes;  // bytes that converted FLBA values point into
  size_t memory_size() const {
    return def_levels.capacity() * sizeof(int16_t) + values.capacity() + value_bytes.capacity();
  }
};

// Turns one flat Arrow leaf column into definition levels and dense physical
// values, converted as the Parquet schema mapping says, and feeds them to the
// column writer.
class LeafWriter {
 public:
  virtual ~LeafWriter() = default;
  // Writes rows [begin, begin + length) of `array`, counted from the array's
  // start as its parent sees it (the array's own offset is applied here).
  virtual void write(const ArrowArray* array, int64_t begin, int64_t length,
                     LeafScratch& scratch) = 0;
  virtual ColumnWriter& column_writer() = 0;
};

// `field` must outlive the writer.
std::unique_ptr<LeafWriter> make_leaf_writer(const ArrowField& field,
                                             std::unique_ptr<ColumnWriter> column);

}  // namespace spillway

#pragma once

// What every input format of `spillway convert` turns into: a schema and a
// sequence of record batches, as C Data Interface structs, the same path a
// library user's Arrow data takes into the writer.

#include <cstdint>
#include <memory>

#include "arrow/arrow_type.h"
#include "input/input_source.h"
#include "spillway/c_abi.h"

namespace spillway::cli {

class BatchReader {
 public:
  virtual ~BatchReader() = default;
  // The schema of every batch: a struct ("+s", not nullable, no name) whose
  // children are the columns; its metadata is the input's schema-level
  // key/value metadata, if the format has any.
  virtual const ArrowField& schema() const = 0;
  // The next record batch, exported into `out` as a struct array with one
  // child per column (the caller releases it), or false at the end of the
  // input. Throws spillway::Error naming the input, the record or line, and
  // the column on bad input.
  virtual bool next(ArrowArray* out) = 0;
  // Input bytes consumed so far (for progress and MB/s).
  virtual uint64_t bytes_read() const = 0;
};

}  // namespace spillway::cli

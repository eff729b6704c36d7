#pragma once

// The table `spillway demo` writes: wide and skewed, like the ingest tables
// that motivated spillway — hundreds of small columns (ids, measures,
// categories, timestamps) next to a few fat text columns that hold most of
// the bytes. Generated batch by batch, deterministically.

#include <cstdint>

#include "arrow/arrow_type.h"
#include "spillway/c_abi.h"

namespace spillway::cli {

struct DemoTableShape {
  uint64_t rows = 100000;
  int columns = 300;    // in all, fat ones included
  int fat_columns = 6;  // text columns of about fat_value_bytes each
  uint32_t fat_value_bytes = 2048;
  uint32_t batch_rows = 4096;
};

class DemoTable {
 public:
  explicit DemoTable(const DemoTableShape& shape);
  const ArrowField& schema() const { return schema_; }
  // The next batch (false after the last row), exported into `out`.
  bool next(ArrowArray* out);
  // Bytes of Arrow data generated so far (values, offsets, no bitmaps).
  uint64_t bytes_generated() const { return bytes_; }

 private:
  DemoTableShape shape_;
  ArrowField schema_;
  uint64_t row_ = 0;
  uint64_t bytes_ = 0;
};

}  // namespace spillway::cli

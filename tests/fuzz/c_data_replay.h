#pragma once

// The whole of c_data_import_fuzz's run on one input, shared with the
// regression tests that replay inputs it found
// (tests/unit/arrow/c_data_fuzz_regression_test.cc).

#include <cstdlib>
#include <memory>

#include "c_data_tree.h"
#include "fuzz_util.h"
#include "spillway/arrow_writer.h"
#include "spillway/error.h"
#include "spillway/properties.h"

namespace spillway::fuzz {

inline ArrowWriterOptions c_data_writer_options(uint8_t o) {
  WriterPropertiesBuilder b;
  b.set_writer_version((o & 1) ? WriterVersion::PARQUET_2_0 : WriterVersion::PARQUET_1_0);
  b.set_dictionary_enabled((o & 2) == 0);
  if (o & 4) b.set_data_page_size_limit(64);
  if (o & 8) b.set_compression(Compression::SNAPPY);
  if (o & 16) b.set_data_page_row_count_limit(3);
  if (o & 32) b.set_max_row_group_row_count(5);
  if (o & 64) b.set_statistics_enabled(EnabledStatistics::CHUNK);
  return ArrowWriterOptions().with_properties(b.build()).with_skip_arrow_metadata((o & 128) != 0);
}

// Builds the tree the input describes and writes it (open, write, close) to
// a NullOutputStream; throws what the writer throws.
inline void write_c_data(const uint8_t* data, size_t size) {
  ByteCode in(data, size);
  const uint8_t options = in.u8();
  CDataTree tree(in);
  ArrowSchema schema;
  ArrowArray array;
  tree.build(&schema, &array);
  if (std::getenv("SPILLWAY_FUZZ_VERBOSE")) tree.dump(&schema, &array);
  // Whatever the writer did not take or release; the tree's memory is freed
  // with `tree`.
  struct Release {
    ArrowSchema* s;
    ArrowArray* a;
    ~Release() {
      if (a->release) a->release(a);
      if (s->release) s->release(s);
    }
  } release{&schema, &array};
  ArrowWriter writer = ArrowWriter::open(std::make_unique<NullOutputStream>(), &schema,
                                         c_data_writer_options(options));
  writer.write(&array);  // moves the array to the writer, which releases it
  writer.close();
}

}  // namespace spillway::fuzz

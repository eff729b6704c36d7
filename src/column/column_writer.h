#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>

#include "column/column_chunk.h"
#include "encodings/physical_types.h"
#include "spillway/page_store.h"
#include "spillway/properties.h"
#include "spillway/schema.h"

namespace spillway {

// The settings one column writer runs with, resolved from WriterProperties.
struct ColumnWriterOptions {
  WriterVersion writer_version = WriterVersion::PARQUET_1_0;
  Compression compression = Compression::UNCOMPRESSED;
  std::optional<int> compression_level;
  bool dictionary_enabled = true;
  size_t dictionary_page_size_limit = 1024 * 1024;
  Encoding fallback_encoding = Encoding::PLAIN;  // when not (or no longer) dictionary-encoding
  EnabledStatistics statistics = EnabledStatistics::PAGE;
  size_t data_page_size_limit = 1024 * 1024;
  size_t data_page_row_count_limit = 20000;
  size_t write_batch_size = 1024;
  std::optional<size_t> statistics_truncate_length = 64;
  std::optional<size_t> column_index_truncate_length = 64;
  bool write_offset_index = true;
  bool page_checksums = false;  // PageHeader.crc on every page
  // Where finished pages wait for the splice; one store per column chunk.
  // Null means the default in-memory store.
  std::shared_ptr<PageStoreFactory> page_store_factory;
  size_t column_index = 0;  // the leaf's position, for PageStoreArgs
  // The format's own limits: a page's sizes and value count are i32 in its
  // header. Pages are cut to stay within them (the size limits above are
  // capped at half of max_page_bytes, leaving room for levels and codec
  // growth); a single row past them is refused. Tests lower them.
  size_t max_page_bytes = INT32_MAX;
  size_t max_page_levels = INT32_MAX;
};

// Resolves the per-column settings and checks that they fit the column
// (e.g. DELTA_BINARY_PACKED on a DOUBLE column is an error naming both).
ColumnWriterOptions resolve_column_options(const WriterProperties& props,
                                           const ColumnDescriptor& descr);

// The encoding used when dictionary encoding is off or has fallen back and
// the user chose none: PLAIN for v1 pages; for v2 the type's delta encoding
// (RLE for booleans), as arrow-rs does.
Encoding default_fallback_encoding(PhysicalType type, WriterVersion version);

// Encodes one leaf column into pages, one column chunk at a time. Input comes
// as definition and repetition levels plus the dense non-null values; every
// call holds whole rows. Pages end at row boundaries.
class ColumnWriter {
 public:
  virtual ~ColumnWriter() = default;
  virtual const ColumnDescriptor& descriptor() const = 0;
  // Ends the column chunk: finishes the open page and the dictionary page and
  // hands everything over. The writer is ready for the next chunk.
  virtual ColumnChunkResult close_chunk() = 0;
  // Heap bytes held: encoder state, dictionary, and the page store's resident
  // pages.
  virtual size_t memory_size() const = 0;
  // Estimated encoded size of the chunk so far (finished pages + the open page).
  virtual size_t estimated_chunk_size() const = 0;
  virtual int64_t rows_in_chunk() const = 0;
};

template <typename DType>
class TypedColumnWriter : public ColumnWriter {
 public:
  using T = typename DType::value_type;
  // `def_levels` is null when max_definition_level is 0 and `rep_levels` when
  // max_repetition_level is 0. `values` holds one entry per level equal to
  // the max definition level, in order.
  virtual void write_batch(const int16_t* def_levels, const int16_t* rep_levels, size_t num_levels,
                           const T* values, size_t num_values) = 0;
};

std::unique_ptr<ColumnWriter> make_column_writer(const ColumnDescriptor& descr,
                                                 const ColumnWriterOptions& options);

}  // namespace spillway

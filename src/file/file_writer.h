#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "column/column_chunk.h"
#include "spillway/metadata.h"
#include "spillway/output_stream.h"

namespace spillway {

// Lays out a Parquet file: magic, row groups of spliced column chunks, the
// page index, the footer. It knows nothing of Arrow or encodings.
class FileWriter {
 public:
  FileWriter(std::unique_ptr<OutputStream> sink, std::vector<SchemaElement> schema,
             size_t num_leaves);

  // Appends one column chunk of the open row group (columns in schema order):
  // the dictionary page first, then the data pages, each page released once
  // written. Rebases the chunk's offsets onto its place in the file.
  void write_column_chunk(ColumnChunkResult&& chunk);
  // Ends the open row group once every column has been written.
  void end_row_group(int64_t num_rows, const std::vector<SortingColumn>& sorting_columns);
  // Writes the page index and the footer, closes the output.
  FileMetaData close(std::vector<KeyValue> key_value_metadata, const std::string& created_by);

  uint64_t bytes_written() const { return position_; }
  size_t num_row_groups() const { return row_groups_.size(); }
  // Heap bytes held for the page index until close().
  size_t memory_size() const { return page_index_bytes_; }

 private:
  void write(const uint8_t* data, size_t size);
  void write(const Bytes& bytes);
  void splice_page(ColumnChunkResult& chunk, const StoredPage& page);

  std::unique_ptr<OutputStream> sink_;
  std::vector<SchemaElement> schema_;
  size_t num_leaves_;
  uint64_t position_ = 0;
  std::vector<RowGroup> row_groups_;
  RowGroup open_;
  // Per row group, per column: the page index entries, written at close.
  std::vector<std::vector<std::optional<ColumnIndex>>> column_indexes_;
  std::vector<std::vector<std::optional<OffsetIndex>>> offset_indexes_;
  std::vector<std::optional<ColumnIndex>> open_column_indexes_;
  std::vector<std::optional<OffsetIndex>> open_offset_indexes_;
  size_t page_index_bytes_ = 0;
};

}  // namespace spillway

#include "file/file_writer.h"

#include <cstring>
#include <string>

#include "format/metadata_io.h"
#include "spillway/error.h"
#include "util/byte_buffer.h"

namespace spillway {

namespace {

constexpr uint8_t kMagic[4] = {'P', 'A', 'R', '1'};

size_t estimate_bytes(const ColumnIndex& ci) {
  size_t n = ci.null_pages.size() * 24;
  for (const auto& s : ci.min_values) n += s.size();
  for (const auto& s : ci.max_values) n += s.size();
  return n + (ci.definition_level_histograms.size() + ci.repetition_level_histograms.size()) * 8;
}

}  // namespace

FileWriter::FileWriter(std::unique_ptr<OutputStream> sink, std::vector<SchemaElement> schema,
                       size_t num_leaves)
    : sink_(std::move(sink)), schema_(std::move(schema)), num_leaves_(num_leaves) {
  write(kMagic, sizeof(kMagic));
}

void FileWriter::write(const uint8_t* data, size_t size) {
  sink_->write(data, size);
  position_ += size;
}

void FileWriter::write(const Bytes& bytes) {
  sink_->write(bytes);
  position_ += bytes.size();
}

// Takes one page back from the chunk's store and writes it, checking that
// the store returned what it was given.
void FileWriter::splice_page(ColumnChunkResult& chunk, const StoredPage& page) {
  Bytes bytes;
  try {
    bytes = chunk.store->take(page.key);
  } catch (const std::exception& e) {
    throw Error("column '" + chunk.column + "': page store take failed: " + e.what());
  }
  if (bytes.size() != page.size) {
    throw Error("column '" + chunk.column + "': the page store returned " +
                std::to_string(bytes.size()) + " bytes for a page of " + std::to_string(page.size) +
                " bytes");
  }
  write(bytes);
}

void FileWriter::write_column_chunk(ColumnChunkResult&& chunk) {
  const int64_t start = static_cast<int64_t>(position_);
  ColumnMetaData md = std::move(chunk.metadata);
  if (!chunk.store && (chunk.dictionary_page || !chunk.data_pages.empty())) {
    throw Error("internal error: column '" + chunk.column + "' has pages but no page store");
  }
  // The dictionary page is final only when the chunk ends, but it comes first.
  if (chunk.dictionary_page) {
    md.dictionary_page_offset = start;
    splice_page(chunk, *chunk.dictionary_page);
  }
  const int64_t data_start = static_cast<int64_t>(position_);
  md.data_page_offset = data_start;
  // One page resident at a time: each is released once it is in the output.
  for (const StoredPage& page : chunk.data_pages) splice_page(chunk, page);
  chunk.store.reset();
  const int64_t written = static_cast<int64_t>(position_) - start;
  if (written != md.total_compressed_size) {
    throw Error("internal error: column '" + chunk.column + "' wrote " + std::to_string(written) +
                " bytes but its metadata says " + std::to_string(md.total_compressed_size));
  }
  if (chunk.offset_index) {
    for (PageLocation& loc : chunk.offset_index->page_locations) loc.offset += data_start;
    page_index_bytes_ += chunk.offset_index->page_locations.size() * sizeof(PageLocation);
  }
  if (chunk.column_index) page_index_bytes_ += estimate_bytes(*chunk.column_index);

  ColumnChunk cc;
  cc.file_offset = 0;  // deprecated; 0 as the specification asks
  cc.meta_data = std::move(md);
  if (open_.columns.empty()) open_.file_offset = start;
  open_.total_byte_size += cc.meta_data->total_uncompressed_size;
  open_.total_compressed_size =
      open_.total_compressed_size.value_or(0) + cc.meta_data->total_compressed_size;
  open_.columns.push_back(std::move(cc));
  open_column_indexes_.push_back(std::move(chunk.column_index));
  open_offset_indexes_.push_back(std::move(chunk.offset_index));
}

void FileWriter::end_row_group(int64_t num_rows, const std::vector<SortingColumn>& sorting) {
  if (open_.columns.size() != num_leaves_) {
    throw Error("internal error: row group has " + std::to_string(open_.columns.size()) +
                " column chunks, schema has " + std::to_string(num_leaves_) + " leaves");
  }
  open_.num_rows = num_rows;
  open_.sorting_columns = sorting;
  if (row_groups_.size() <= static_cast<size_t>(INT16_MAX)) {
    open_.ordinal = static_cast<int16_t>(row_groups_.size());
  }
  row_groups_.push_back(std::move(open_));
  open_ = RowGroup();
  column_indexes_.push_back(std::move(open_column_indexes_));
  offset_indexes_.push_back(std::move(open_offset_indexes_));
  open_column_indexes_.clear();
  open_offset_indexes_.clear();
}

FileMetaData FileWriter::close(std::vector<KeyValue> key_value_metadata,
                               const std::string& created_by) {
  if (!open_.columns.empty()) throw Error("internal error: close() with a row group open");
  ByteBuffer buf;
  // The page index follows the row groups: every column index, then every
  // offset index (PageIndex.md).
  for (size_t rg = 0; rg < row_groups_.size(); ++rg) {
    for (size_t c = 0; c < num_leaves_; ++c) {
      auto& ci = column_indexes_[rg][c];
      if (!ci) continue;
      buf.clear();
      write_thrift(*ci, buf);
      ColumnChunk& cc = row_groups_[rg].columns[c];
      cc.column_index_offset = static_cast<int64_t>(position_);
      cc.column_index_length = static_cast<int32_t>(buf.size());
      write(buf.data(), buf.size());
      ci.reset();
    }
  }
  for (size_t rg = 0; rg < row_groups_.size(); ++rg) {
    for (size_t c = 0; c < num_leaves_; ++c) {
      auto& oi = offset_indexes_[rg][c];
      if (!oi) continue;
      buf.clear();
      write_thrift(*oi, buf);
      ColumnChunk& cc = row_groups_[rg].columns[c];
      cc.offset_index_offset = static_cast<int64_t>(position_);
      cc.offset_index_length = static_cast<int32_t>(buf.size());
      write(buf.data(), buf.size());
      oi.reset();
    }
  }
  page_index_bytes_ = 0;

  FileMetaData md;
  md.version = 1;  // parquet.thrift: writers should always write 1
  md.schema = std::move(schema_);
  for (const RowGroup& rg : row_groups_) md.num_rows += rg.num_rows;
  md.row_groups = std::move(row_groups_);
  md.key_value_metadata = std::move(key_value_metadata);
  md.created_by = created_by;
  md.column_orders.assign(num_leaves_, ColumnOrder::TYPE_ORDER);

  buf.clear();
  write_thrift(md, buf);
  if (buf.size() > UINT32_MAX) throw Error("footer larger than 4 GiB");
  write(buf.data(), buf.size());
  uint32_t len = static_cast<uint32_t>(buf.size());
  uint8_t tail[8];
  std::memcpy(tail, &len, 4);
  std::memcpy(tail + 4, kMagic, 4);
  write(tail, 8);
  sink_->close();
  return md;
}

}  // namespace spillway

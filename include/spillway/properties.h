#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "spillway/basic.h"
#include "spillway/metadata.h"
#include "spillway/schema.h"

namespace spillway {

// Settings that may differ per column. Unset fields fall back to the
// writer-wide defaults.
struct ColumnProperties {
  std::optional<Encoding> encoding;
  std::optional<Compression> compression;
  std::optional<int> compression_level;
  std::optional<bool> dictionary_enabled;
  std::optional<size_t> dictionary_page_size_limit;
  std::optional<EnabledStatistics> statistics_enabled;
};

class WriterPropertiesBuilder;

// How the writer lays out and encodes a file. Defaults match arrow-rs:
// PARQUET_1_0 pages, no compression, dictionary on (1 MiB limit), 1 MiB data
// pages of at most 20,000 rows, 1,048,576 rows per row group, page-level
// statistics, 64-byte statistics and column-index truncation, offset index on.
class WriterProperties {
 public:
  static WriterPropertiesBuilder builder();
  WriterProperties();  // the defaults

  WriterVersion writer_version() const { return writer_version_; }
  size_t data_page_size_limit() const { return data_page_size_limit_; }
  size_t data_page_row_count_limit() const { return data_page_row_count_limit_; }
  size_t write_batch_size() const { return write_batch_size_; }
  size_t max_row_group_row_count() const { return max_row_group_row_count_; }
  std::optional<size_t> max_row_group_bytes() const { return max_row_group_bytes_; }
  std::optional<size_t> statistics_truncate_length() const { return statistics_truncate_length_; }
  std::optional<size_t> column_index_truncate_length() const {
    return column_index_truncate_length_;
  }
  bool offset_index_disabled() const { return offset_index_disabled_; }
  // Whether every page header carries the CRC32 of the page's bytes as
  // written (parquet.thrift PageHeader.crc). Off by default, as in arrow-rs
  // and Arrow C++.
  bool page_checksum_enabled() const { return page_checksum_enabled_; }
  const std::vector<KeyValue>& key_value_metadata() const { return key_value_metadata_; }
  const std::vector<SortingColumn>& sorting_columns() const { return sorting_columns_; }
  const std::string& created_by() const { return created_by_; }

  // Per-column values, resolved against the defaults.
  std::optional<Encoding> encoding(const ColumnPath& path) const;
  Compression compression(const ColumnPath& path) const;
  std::optional<int> compression_level(const ColumnPath& path) const;
  bool dictionary_enabled(const ColumnPath& path) const;
  size_t dictionary_page_size_limit(const ColumnPath& path) const;
  EnabledStatistics statistics_enabled(const ColumnPath& path) const;

 private:
  friend class WriterPropertiesBuilder;
  const ColumnProperties* column(const ColumnPath& path) const;

  WriterVersion writer_version_ = WriterVersion::PARQUET_1_0;
  size_t data_page_size_limit_ = 1024 * 1024;
  size_t data_page_row_count_limit_ = 20000;
  size_t write_batch_size_ = 1024;
  size_t max_row_group_row_count_ = 1024 * 1024;
  std::optional<size_t> max_row_group_bytes_;
  std::optional<size_t> statistics_truncate_length_ = 64;
  std::optional<size_t> column_index_truncate_length_ = 64;
  bool offset_index_disabled_ = false;
  bool page_checksum_enabled_ = false;
  std::vector<KeyValue> key_value_metadata_;
  std::vector<SortingColumn> sorting_columns_;
  std::string created_by_;
  ColumnProperties defaults_;
  std::map<ColumnPath, ColumnProperties> columns_;
};

// Builds WriterProperties; every setter returns the builder. Settings that can
// be checked alone (compression levels, limits of zero) are checked here;
// whether an encoding fits a column's type is checked when the writer opens.
class WriterPropertiesBuilder {
 public:
  WriterPropertiesBuilder& set_writer_version(WriterVersion v);
  WriterPropertiesBuilder& set_data_page_size_limit(size_t bytes);
  WriterPropertiesBuilder& set_data_page_row_count_limit(size_t rows);
  WriterPropertiesBuilder& set_write_batch_size(size_t rows);
  WriterPropertiesBuilder& set_max_row_group_row_count(size_t rows);
  WriterPropertiesBuilder& set_max_row_group_bytes(std::optional<size_t> bytes);
  WriterPropertiesBuilder& set_statistics_truncate_length(std::optional<size_t> bytes);
  WriterPropertiesBuilder& set_column_index_truncate_length(std::optional<size_t> bytes);
  // Ignored for columns with page statistics, whose column index needs the
  // offset index (as in arrow-rs).
  WriterPropertiesBuilder& set_offset_index_disabled(bool disabled);
  WriterPropertiesBuilder& set_page_checksum_enabled(bool enabled);
  WriterPropertiesBuilder& set_key_value_metadata(std::vector<KeyValue> kv);
  WriterPropertiesBuilder& set_sorting_columns(std::vector<SortingColumn> columns);
  WriterPropertiesBuilder& set_created_by(std::string created_by);

  // Writer-wide defaults.
  WriterPropertiesBuilder& set_encoding(Encoding e);
  WriterPropertiesBuilder& set_compression(Compression c, std::optional<int> level = std::nullopt);
  WriterPropertiesBuilder& set_dictionary_enabled(bool enabled);
  WriterPropertiesBuilder& set_dictionary_page_size_limit(size_t bytes);
  WriterPropertiesBuilder& set_statistics_enabled(EnabledStatistics level);

  // Per-column overrides, by leaf column path.
  WriterPropertiesBuilder& set_column_encoding(const ColumnPath& path, Encoding e);
  WriterPropertiesBuilder& set_column_compression(const ColumnPath& path, Compression c,
                                                  std::optional<int> level = std::nullopt);
  WriterPropertiesBuilder& set_column_dictionary_enabled(const ColumnPath& path, bool enabled);
  WriterPropertiesBuilder& set_column_dictionary_page_size_limit(const ColumnPath& path,
                                                                 size_t bytes);
  WriterPropertiesBuilder& set_column_statistics_enabled(const ColumnPath& path,
                                                         EnabledStatistics level);

  WriterProperties build() const { return props_; }

 private:
  WriterProperties props_;
};

}  // namespace spillway

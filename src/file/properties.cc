#include "spillway/properties.h"

#include <string>

#include "compression/codec.h"
#include "spillway/error.h"
#include "spillway/version.h"

namespace spillway {

namespace {

void check_positive(size_t value, const char* what) {
  if (value == 0) throw Error(std::string(what) + " must be greater than zero");
}

void check_fallback_encoding(Encoding e) {
  if (e == Encoding::PLAIN_DICTIONARY || e == Encoding::RLE_DICTIONARY) {
    throw Error(std::string(to_string(e)) +
                " is not a column encoding; dictionary encoding is chosen with "
                "set_dictionary_enabled(true)");
  }
  if (e == Encoding::BIT_PACKED) throw Error("BIT_PACKED is deprecated and only encodes levels");
}

}  // namespace

WriterProperties::WriterProperties() : created_by_(kCreatedBy) {}

WriterPropertiesBuilder WriterProperties::builder() {
  return WriterPropertiesBuilder();
}

const ColumnProperties* WriterProperties::column(const ColumnPath& path) const {
  auto it = columns_.find(path);
  return it == columns_.end() ? nullptr : &it->second;
}

std::optional<Encoding> WriterProperties::encoding(const ColumnPath& path) const {
  const ColumnProperties* c = column(path);
  return c && c->encoding ? c->encoding : defaults_.encoding;
}

Compression WriterProperties::compression(const ColumnPath& path) const {
  const ColumnProperties* c = column(path);
  if (c && c->compression) return *c->compression;
  return defaults_.compression.value_or(Compression::UNCOMPRESSED);
}

std::optional<int> WriterProperties::compression_level(const ColumnPath& path) const {
  const ColumnProperties* c = column(path);
  if (c && c->compression) return c->compression_level;
  return defaults_.compression_level;
}

bool WriterProperties::dictionary_enabled(const ColumnPath& path) const {
  const ColumnProperties* c = column(path);
  if (c && c->dictionary_enabled) return *c->dictionary_enabled;
  return defaults_.dictionary_enabled.value_or(true);
}

size_t WriterProperties::dictionary_page_size_limit(const ColumnPath& path) const {
  const ColumnProperties* c = column(path);
  if (c && c->dictionary_page_size_limit) return *c->dictionary_page_size_limit;
  return defaults_.dictionary_page_size_limit.value_or(1024 * 1024);
}

EnabledStatistics WriterProperties::statistics_enabled(const ColumnPath& path) const {
  const ColumnProperties* c = column(path);
  if (c && c->statistics_enabled) return *c->statistics_enabled;
  return defaults_.statistics_enabled.value_or(EnabledStatistics::PAGE);
}

WriterPropertiesBuilder& WriterPropertiesBuilder::set_writer_version(WriterVersion v) {
  props_.writer_version_ = v;
  return *this;
}
WriterPropertiesBuilder& WriterPropertiesBuilder::set_data_page_size_limit(size_t bytes) {
  check_positive(bytes, "data page size limit");
  props_.data_page_size_limit_ = bytes;
  return *this;
}
WriterPropertiesBuilder& WriterPropertiesBuilder::set_data_page_row_count_limit(size_t rows) {
  check_positive(rows, "data page row count limit");
  props_.data_page_row_count_limit_ = rows;
  return *this;
}
WriterPropertiesBuilder& WriterPropertiesBuilder::set_write_batch_size(size_t rows) {
  check_positive(rows, "write batch size");
  props_.write_batch_size_ = rows;
  return *this;
}
WriterPropertiesBuilder& WriterPropertiesBuilder::set_max_row_group_row_count(size_t rows) {
  check_positive(rows, "max row group row count");
  props_.max_row_group_row_count_ = rows;
  return *this;
}
WriterPropertiesBuilder& WriterPropertiesBuilder::set_max_row_group_bytes(
    std::optional<size_t> bytes) {
  if (bytes) check_positive(*bytes, "max row group bytes");
  props_.max_row_group_bytes_ = bytes;
  return *this;
}
WriterPropertiesBuilder& WriterPropertiesBuilder::set_statistics_truncate_length(
    std::optional<size_t> bytes) {
  if (bytes) check_positive(*bytes, "statistics truncate length");
  props_.statistics_truncate_length_ = bytes;
  return *this;
}
WriterPropertiesBuilder& WriterPropertiesBuilder::set_column_index_truncate_length(
    std::optional<size_t> bytes) {
  if (bytes) check_positive(*bytes, "column index truncate length");
  props_.column_index_truncate_length_ = bytes;
  return *this;
}
WriterPropertiesBuilder& WriterPropertiesBuilder::set_offset_index_disabled(bool disabled) {
  props_.offset_index_disabled_ = disabled;
  return *this;
}
WriterPropertiesBuilder& WriterPropertiesBuilder::set_page_checksum_enabled(bool enabled) {
  props_.page_checksum_enabled_ = enabled;
  return *this;
}
WriterPropertiesBuilder& WriterPropertiesBuilder::set_key_value_metadata(std::vector<KeyValue> kv) {
  props_.key_value_metadata_ = std::move(kv);
  return *this;
}
WriterPropertiesBuilder& WriterPropertiesBuilder::set_sorting_columns(
    std::vector<SortingColumn> columns) {
  props_.sorting_columns_ = std::move(columns);
  return *this;
}
WriterPropertiesBuilder& WriterPropertiesBuilder::set_created_by(std::string created_by) {
  props_.created_by_ = std::move(created_by);
  return *this;
}
WriterPropertiesBuilder& WriterPropertiesBuilder::set_encoding(Encoding e) {
  check_fallback_encoding(e);
  props_.defaults_.encoding = e;
  return *this;
}
WriterPropertiesBuilder& WriterPropertiesBuilder::set_compression(Compression c,
                                                                  std::optional<int> level) {
  validate_compression_level(c, level);  // fails at build(), not at the first page
  props_.defaults_.compression = c;
  props_.defaults_.compression_level = level;
  return *this;
}
WriterPropertiesBuilder& WriterPropertiesBuilder::set_dictionary_enabled(bool enabled) {
  props_.defaults_.dictionary_enabled = enabled;
  return *this;
}
WriterPropertiesBuilder& WriterPropertiesBuilder::set_dictionary_page_size_limit(size_t bytes) {
  check_positive(bytes, "dictionary page size limit");
  props_.defaults_.dictionary_page_size_limit = bytes;
  return *this;
}
WriterPropertiesBuilder& WriterPropertiesBuilder::set_statistics_enabled(EnabledStatistics level) {
  props_.defaults_.statistics_enabled = level;
  return *this;
}
WriterPropertiesBuilder& WriterPropertiesBuilder::set_column_encoding(const ColumnPath& path,
                                                                      Encoding e) {
  check_fallback_encoding(e);
  props_.columns_[path].encoding = e;
  return *this;
}
WriterPropertiesBuilder& WriterPropertiesBuilder::set_column_compression(const ColumnPath& path,
                                                                         Compression c,
                                                                         std::optional<int> level) {
  validate_compression_level(c, level);  // fails at build(), not at the first page
  props_.columns_[path].compression = c;
  props_.columns_[path].compression_level = level;
  return *this;
}
WriterPropertiesBuilder& WriterPropertiesBuilder::set_column_dictionary_enabled(
    const ColumnPath& path, bool enabled) {
  props_.columns_[path].dictionary_enabled = enabled;
  return *this;
}
WriterPropertiesBuilder& WriterPropertiesBuilder::set_column_dictionary_page_size_limit(
    const ColumnPath& path, size_t bytes) {
  check_positive(bytes, "dictionary page size limit");
  props_.columns_[path].dictionary_page_size_limit = bytes;
  return *this;
}
WriterPropertiesBuilder& WriterPropertiesBuilder::set_column_statistics_enabled(
    const ColumnPath& path, EnabledStatistics level) {
  props_.columns_[path].statistics_enabled = level;
  return *this;
}

}  // namespace spillway

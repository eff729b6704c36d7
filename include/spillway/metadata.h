#pragma once

// The Parquet metadata structures (parquet.thrift) a writer produces and a
// verifier reads back. Field names follow the specification; optional Thrift
// fields are std::optional, lists are std::vector, binary is std::string.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "spillway/basic.h"

namespace spillway {

enum class TimeUnit { MILLIS = 1, MICROS = 2, NANOS = 3 };

// parquet.thrift `LogicalType` (a union): `kind` says which member is set;
// the fields after it carry that member's parameters.
struct LogicalType {
  enum class Kind {
    STRING = 1,
    MAP = 2,
    LIST = 3,
    ENUM = 4,
    DECIMAL = 5,
    DATE = 6,
    TIME = 7,
    TIMESTAMP = 8,
    INTEGER = 10,
    UNKNOWN = 11,  // the Null logical type
    JSON = 12,
    BSON = 13,
    UUID = 14,
    FLOAT16 = 15,
  };
  Kind kind = Kind::STRING;
  // DECIMAL
  int32_t scale = 0;
  int32_t precision = 0;
  // TIME, TIMESTAMP
  bool is_adjusted_to_utc = false;
  TimeUnit unit = TimeUnit::MILLIS;
  // INTEGER
  int8_t bit_width = 0;
  bool is_signed = true;

  static LogicalType string() { return {Kind::STRING}; }
  static LogicalType date() { return {Kind::DATE}; }
  static LogicalType unknown() { return {Kind::UNKNOWN}; }
  static LogicalType float16() { return {Kind::FLOAT16}; }
  static LogicalType list() { return {Kind::LIST}; }
  static LogicalType map() { return {Kind::MAP}; }
  static LogicalType decimal(int32_t precision, int32_t scale) {
    LogicalType t{Kind::DECIMAL};
    t.precision = precision;
    t.scale = scale;
    return t;
  }
  static LogicalType time(bool utc, TimeUnit unit) {
    LogicalType t{Kind::TIME};
    t.is_adjusted_to_utc = utc;
    t.unit = unit;
    return t;
  }
  static LogicalType timestamp(bool utc, TimeUnit unit) {
    LogicalType t{Kind::TIMESTAMP};
    t.is_adjusted_to_utc = utc;
    t.unit = unit;
    return t;
  }
  static LogicalType integer(int8_t bit_width, bool is_signed) {
    LogicalType t{Kind::INTEGER};
    t.bit_width = bit_width;
    t.is_signed = is_signed;
    return t;
  }
  bool operator==(const LogicalType&) const = default;
};

struct SchemaElement {
  std::optional<PhysicalType> type;
  std::optional<int32_t> type_length;
  std::optional<FieldRepetitionType> repetition_type;
  std::string name;
  std::optional<int32_t> num_children;
  std::optional<ConvertedType> converted_type;
  std::optional<int32_t> scale;
  std::optional<int32_t> precision;
  std::optional<int32_t> field_id;
  std::optional<LogicalType> logical_type;
  bool operator==(const SchemaElement&) const = default;
};

struct Statistics {
  std::optional<std::string> max;  // deprecated signed-order fields
  std::optional<std::string> min;
  std::optional<int64_t> null_count;
  std::optional<int64_t> distinct_count;
  std::optional<std::string> max_value;
  std::optional<std::string> min_value;
  std::optional<bool> is_max_value_exact;
  std::optional<bool> is_min_value_exact;
  std::optional<int64_t> nan_count;
  bool operator==(const Statistics&) const = default;
};

struct SizeStatistics {
  std::optional<int64_t> unencoded_byte_array_data_bytes;
  std::vector<int64_t> repetition_level_histogram;  // empty = absent
  std::vector<int64_t> definition_level_histogram;  // empty = absent
  bool operator==(const SizeStatistics&) const = default;
};

struct DataPageHeader {
  int32_t num_values = 0;
  Encoding encoding = Encoding::PLAIN;
  Encoding definition_level_encoding = Encoding::RLE;
  Encoding repetition_level_encoding = Encoding::RLE;
  std::optional<Statistics> statistics;
  bool operator==(const DataPageHeader&) const = default;
};

struct DataPageHeaderV2 {
  int32_t num_values = 0;
  int32_t num_nulls = 0;
  int32_t num_rows = 0;
  Encoding encoding = Encoding::PLAIN;
  int32_t definition_levels_byte_length = 0;
  int32_t repetition_levels_byte_length = 0;
  std::optional<bool> is_compressed;  // absent means true
  std::optional<Statistics> statistics;
  bool operator==(const DataPageHeaderV2&) const = default;
};

struct DictionaryPageHeader {
  int32_t num_values = 0;
  Encoding encoding = Encoding::PLAIN;
  std::optional<bool> is_sorted;
  bool operator==(const DictionaryPageHeader&) const = default;
};

struct PageHeader {
  PageType type = PageType::DATA_PAGE;
  int32_t uncompressed_page_size = 0;
  int32_t compressed_page_size = 0;
  std::optional<int32_t> crc;
  std::optional<DataPageHeader> data_page_header;
  std::optional<DictionaryPageHeader> dictionary_page_header;
  std::optional<DataPageHeaderV2> data_page_header_v2;
  bool operator==(const PageHeader&) const = default;
};

struct KeyValue {
  std::string key;
  std::optional<std::string> value;
  bool operator==(const KeyValue&) const = default;
};

struct SortingColumn {
  int32_t column_idx = 0;
  bool descending = false;
  bool nulls_first = false;
  bool operator==(const SortingColumn&) const = default;
};

struct PageEncodingStats {
  PageType page_type = PageType::DATA_PAGE;
  Encoding encoding = Encoding::PLAIN;
  int32_t count = 0;
  bool operator==(const PageEncodingStats&) const = default;
};

struct ColumnMetaData {
  PhysicalType type = PhysicalType::BOOLEAN;
  std::vector<Encoding> encodings;
  std::vector<std::string> path_in_schema;
  CompressionCodec codec = CompressionCodec::UNCOMPRESSED;
  int64_t num_values = 0;
  int64_t total_uncompressed_size = 0;
  int64_t total_compressed_size = 0;
  std::vector<KeyValue> key_value_metadata;  // empty = absent
  int64_t data_page_offset = 0;
  std::optional<int64_t> index_page_offset;
  std::optional<int64_t> dictionary_page_offset;
  std::optional<Statistics> statistics;
  std::vector<PageEncodingStats> encoding_stats;  // empty = absent
  std::optional<int64_t> bloom_filter_offset;
  std::optional<int32_t> bloom_filter_length;
  std::optional<SizeStatistics> size_statistics;
  bool operator==(const ColumnMetaData&) const = default;
};

struct ColumnChunk {
  std::optional<std::string> file_path;
  int64_t file_offset = 0;
  std::optional<ColumnMetaData> meta_data;
  std::optional<int64_t> offset_index_offset;
  std::optional<int32_t> offset_index_length;
  std::optional<int64_t> column_index_offset;
  std::optional<int32_t> column_index_length;
  bool operator==(const ColumnChunk&) const = default;
};

struct RowGroup {
  std::vector<ColumnChunk> columns;
  int64_t total_byte_size = 0;
  int64_t num_rows = 0;
  std::vector<SortingColumn> sorting_columns;  // empty = absent
  std::optional<int64_t> file_offset;
  std::optional<int64_t> total_compressed_size;
  std::optional<int16_t> ordinal;
  bool operator==(const RowGroup&) const = default;
};

// parquet.thrift `ColumnOrder` (a union); spillway writes TYPE_ORDER.
enum class ColumnOrder { TYPE_ORDER = 1, IEEE_754_TOTAL_ORDER = 2, INT96_TIMESTAMP_ORDER = 3 };

struct FileMetaData {
  int32_t version = 1;
  std::vector<SchemaElement> schema;
  int64_t num_rows = 0;
  std::vector<RowGroup> row_groups;
  std::vector<KeyValue> key_value_metadata;  // empty = absent
  std::optional<std::string> created_by;
  std::vector<ColumnOrder> column_orders;  // empty = absent
  bool operator==(const FileMetaData&) const = default;
};

struct PageLocation {
  int64_t offset = 0;
  int32_t compressed_page_size = 0;
  int64_t first_row_index = 0;
  bool operator==(const PageLocation&) const = default;
};

struct OffsetIndex {
  std::vector<PageLocation> page_locations;
  std::vector<int64_t> unencoded_byte_array_data_bytes;  // empty = absent
  bool operator==(const OffsetIndex&) const = default;
};

struct ColumnIndex {
  std::vector<bool> null_pages;
  std::vector<std::string> min_values;
  std::vector<std::string> max_values;
  BoundaryOrder boundary_order = BoundaryOrder::UNORDERED;
  std::vector<int64_t> null_counts;                  // empty = absent
  std::vector<int64_t> repetition_level_histograms;  // empty = absent
  std::vector<int64_t> definition_level_histograms;  // empty = absent
  std::vector<int64_t> nan_counts;                   // empty = absent
  bool operator==(const ColumnIndex&) const = default;
};

}  // namespace spillway

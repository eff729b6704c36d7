#pragma once

// The enums of the Parquet specification (parquet.thrift), with their Thrift
// values, plus the writer's own small enums.

#include <cstdint>
#include <string_view>

namespace spillway {

// parquet.thrift `Type`.
enum class PhysicalType : int32_t {
  BOOLEAN = 0,
  INT32 = 1,
  INT64 = 2,
  INT96 = 3,
  FLOAT = 4,
  DOUBLE = 5,
  BYTE_ARRAY = 6,
  FIXED_LEN_BYTE_ARRAY = 7,
};

enum class ConvertedType : int32_t {
  UTF8 = 0,
  MAP = 1,
  MAP_KEY_VALUE = 2,
  LIST = 3,
  ENUM = 4,
  DECIMAL = 5,
  DATE = 6,
  TIME_MILLIS = 7,
  TIME_MICROS = 8,
  TIMESTAMP_MILLIS = 9,
  TIMESTAMP_MICROS = 10,
  UINT_8 = 11,
  UINT_16 = 12,
  UINT_32 = 13,
  UINT_64 = 14,
  INT_8 = 15,
  INT_16 = 16,
  INT_32 = 17,
  INT_64 = 18,
  JSON = 19,
  BSON = 20,
  INTERVAL = 21,
};

enum class FieldRepetitionType : int32_t {
  REQUIRED = 0,
  OPTIONAL = 1,
  REPEATED = 2,
};

// parquet.thrift `Encoding`. The writer's per-column choice
// (WriterProperties::set_encoding) takes the non-dictionary ones.
enum class Encoding : int32_t {
  PLAIN = 0,
  PLAIN_DICTIONARY = 2,
  RLE = 3,
  BIT_PACKED = 4,
  DELTA_BINARY_PACKED = 5,
  DELTA_LENGTH_BYTE_ARRAY = 6,
  DELTA_BYTE_ARRAY = 7,
  RLE_DICTIONARY = 8,
  BYTE_STREAM_SPLIT = 9,
};

// parquet.thrift `CompressionCodec`: every codec a file may name.
enum class CompressionCodec : int32_t {
  UNCOMPRESSED = 0,
  SNAPPY = 1,
  GZIP = 2,
  LZO = 3,
  BROTLI = 4,
  LZ4 = 5,
  ZSTD = 6,
  LZ4_RAW = 7,
};

// The codecs spillway writes; values equal CompressionCodec's.
enum class Compression : int32_t {
  UNCOMPRESSED = 0,
  SNAPPY = 1,
  GZIP = 2,
  BROTLI = 4,
  ZSTD = 6,
  LZ4_RAW = 7,
};

enum class PageType : int32_t {
  DATA_PAGE = 0,
  INDEX_PAGE = 1,
  DICTIONARY_PAGE = 2,
  DATA_PAGE_V2 = 3,
};

enum class BoundaryOrder : int32_t {
  UNORDERED = 0,
  ASCENDING = 1,
  DESCENDING = 2,
};

// Which data page header the writer emits.
enum class WriterVersion { PARQUET_1_0, PARQUET_2_0 };

// How much statistics the writer keeps: none, per column chunk, or per page
// too (page headers and the column index).
enum class EnabledStatistics { NONE, CHUNK, PAGE };

std::string_view to_string(PhysicalType v);
std::string_view to_string(ConvertedType v);
std::string_view to_string(FieldRepetitionType v);
std::string_view to_string(Encoding v);
std::string_view to_string(CompressionCodec v);
std::string_view to_string(Compression v);
std::string_view to_string(PageType v);
std::string_view to_string(BoundaryOrder v);

}  // namespace spillway

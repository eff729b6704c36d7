#include "column/column_writer.h"

#include <string>

#include "spillway/error.h"

namespace spillway {

namespace {

bool encoding_fits(Encoding e, PhysicalType t) {
  switch (e) {
    case Encoding::PLAIN:
      return true;
    case Encoding::RLE:
      return t == PhysicalType::BOOLEAN;
    case Encoding::DELTA_BINARY_PACKED:
      return t == PhysicalType::INT32 || t == PhysicalType::INT64;
    case Encoding::DELTA_LENGTH_BYTE_ARRAY:
      return t == PhysicalType::BYTE_ARRAY;
    case Encoding::DELTA_BYTE_ARRAY:
      return t == PhysicalType::BYTE_ARRAY || t == PhysicalType::FIXED_LEN_BYTE_ARRAY;
    case Encoding::BYTE_STREAM_SPLIT:
      return t == PhysicalType::FLOAT || t == PhysicalType::DOUBLE || t == PhysicalType::INT32 ||
             t == PhysicalType::INT64 || t == PhysicalType::FIXED_LEN_BYTE_ARRAY;
    default:
      return false;
  }
}

}  // namespace

Encoding default_fallback_encoding(PhysicalType type, WriterVersion version) {
  if (version == WriterVersion::PARQUET_1_0) return Encoding::PLAIN;
  switch (type) {
    case PhysicalType::BOOLEAN:
      return Encoding::RLE;
    case PhysicalType::INT32:
    case PhysicalType::INT64:
      return Encoding::DELTA_BINARY_PACKED;
    case PhysicalType::BYTE_ARRAY:
    case PhysicalType::FIXED_LEN_BYTE_ARRAY:
      return Encoding::DELTA_BYTE_ARRAY;
    default:
      return Encoding::PLAIN;
  }
}

ColumnWriterOptions resolve_column_options(const WriterProperties& props,
                                           const ColumnDescriptor& descr) {
  const ColumnPath& path = descr.path();
  ColumnWriterOptions o;
  o.writer_version = props.writer_version();
  o.compression = props.compression(path);
  o.compression_level = props.compression_level(path);
  // Booleans pack to one bit per value: a dictionary cannot beat that.
  o.dictionary_enabled =
      props.dictionary_enabled(path) && descr.physical_type() != PhysicalType::BOOLEAN;
  o.dictionary_page_size_limit = props.dictionary_page_size_limit(path);
  std::optional<Encoding> chosen = props.encoding(path);
  o.fallback_encoding =
      chosen ? *chosen : default_fallback_encoding(descr.physical_type(), o.writer_version);
  if (!encoding_fits(o.fallback_encoding, descr.physical_type())) {
    throw Error("encoding " + std::string(to_string(o.fallback_encoding)) +
                " cannot encode column '" + path.to_dot_string() + "' of physical type " +
                std::string(to_string(descr.physical_type())));
  }
  o.statistics = props.statistics_enabled(path);
  o.data_page_size_limit = props.data_page_size_limit();
  o.data_page_row_count_limit = props.data_page_row_count_limit();
  o.write_batch_size = props.write_batch_size();
  o.statistics_truncate_length = props.statistics_truncate_length();
  o.column_index_truncate_length = props.column_index_truncate_length();
  // A column index needs an offset index: page statistics keep it, as in arrow-rs.
  o.write_offset_index = !props.offset_index_disabled() || o.statistics == EnabledStatistics::PAGE;
  o.page_checksums = props.page_checksum_enabled();
  return o;
}

}  // namespace spillway

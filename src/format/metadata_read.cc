// Parses FileMetaData (metadata_io.h); SchemaElement is in schema_read.cc.

#include <string>

#include "format/metadata_io.h"
#include "format/struct_reader.h"

namespace spillway {

Statistics parse_statistics(CompactReader& r) {
  Statistics st;
  StructReader s(r, "Statistics");
  while (s.next()) {
    switch (s.id()) {
      case 1:
        st.max = s.binary("max");
        break;
      case 2:
        st.min = s.binary("min");
        break;
      case 3:
        st.null_count = s.i64("null_count");
        break;
      case 4:
        st.distinct_count = s.i64("distinct_count");
        break;
      case 5:
        st.max_value = s.binary("max_value");
        break;
      case 6:
        st.min_value = s.binary("min_value");
        break;
      case 7:
        st.is_max_value_exact = s.boolean("is_max_value_exact");
        break;
      case 8:
        st.is_min_value_exact = s.boolean("is_min_value_exact");
        break;
      case 9:
        st.nan_count = s.i64("nan_count");
        break;
      default:
        s.skip();
    }
  }
  return st;
}

namespace {

KeyValue parse_key_value(CompactReader& r) {
  KeyValue kv;
  StructReader s(r, "KeyValue");
  while (s.next()) {
    switch (s.id()) {
      case 1:
        kv.key = s.binary("key");
        break;
      case 2:
        kv.value = s.binary("value");
        break;
      default:
        s.skip();
    }
  }
  s.require(1, "key");
  return kv;
}

std::vector<KeyValue> parse_key_values(StructReader& s, const char* field) {
  std::vector<KeyValue> out;
  s.list(field, CType::STRUCT, [&] { out.push_back(parse_key_value(s.reader())); });
  return out;
}

SizeStatistics parse_size_statistics(CompactReader& r) {
  SizeStatistics st;
  StructReader s(r, "SizeStatistics");
  while (s.next()) {
    switch (s.id()) {
      case 1:
        st.unencoded_byte_array_data_bytes = s.i64("unencoded_byte_array_data_bytes");
        break;
      case 2:
        st.repetition_level_histogram = s.i64_list("repetition_level_histogram");
        break;
      case 3:
        st.definition_level_histogram = s.i64_list("definition_level_histogram");
        break;
      default:
        s.skip();
    }
  }
  return st;
}

PageEncodingStats parse_page_encoding_stats(CompactReader& r) {
  PageEncodingStats p;
  StructReader s(r, "PageEncodingStats");
  while (s.next()) {
    switch (s.id()) {
      case 1:
        p.page_type = s.enumeration<PageType>("page_type");
        break;
      case 2:
        p.encoding = s.enumeration<Encoding>("encoding");
        break;
      case 3:
        p.count = s.i32("count");
        break;
      default:
        s.skip();
    }
  }
  s.require(1, "page_type");
  s.require(2, "encoding");
  s.require(3, "count");
  return p;
}

ColumnMetaData parse_column_metadata(CompactReader& r) {
  ColumnMetaData m;
  StructReader s(r, "ColumnMetaData");
  while (s.next()) {
    switch (s.id()) {
      case 1:
        m.type = s.enumeration<PhysicalType>("type");
        break;
      case 2:
        s.list("encodings", CType::I32,
               [&] { m.encodings.push_back(static_cast<Encoding>(r.read_i32())); });
        break;
      case 3:
        s.list("path_in_schema", CType::BINARY,
               [&] { m.path_in_schema.push_back(r.read_binary()); });
        break;
      case 4:
        m.codec = s.enumeration<CompressionCodec>("codec");
        break;
      case 5:
        m.num_values = s.i64("num_values");
        break;
      case 6:
        m.total_uncompressed_size = s.i64("total_uncompressed_size");
        break;
      case 7:
        m.total_compressed_size = s.i64("total_compressed_size");
        break;
      case 8:
        m.key_value_metadata = parse_key_values(s, "key_value_metadata");
        break;
      case 9:
        m.data_page_offset = s.i64("data_page_offset");
        break;
      case 10:
        m.index_page_offset = s.i64("index_page_offset");
        break;
      case 11:
        m.dictionary_page_offset = s.i64("dictionary_page_offset");
        break;
      case 12:
        m.statistics = parse_statistics(s.nested("statistics"));
        break;
      case 13:
        s.list("encoding_stats", CType::STRUCT,
               [&] { m.encoding_stats.push_back(parse_page_encoding_stats(r)); });
        break;
      case 14:
        m.bloom_filter_offset = s.i64("bloom_filter_offset");
        break;
      case 15:
        m.bloom_filter_length = s.i32("bloom_filter_length");
        break;
      case 16:
        m.size_statistics = parse_size_statistics(s.nested("size_statistics"));
        break;
      default:
        s.skip();  // 17: geospatial_statistics, and later additions
    }
  }
  s.require(1, "type");
  s.require(2, "encodings");
  s.require(3, "path_in_schema");
  s.require(4, "codec");
  s.require(5, "num_values");
  s.require(6, "total_uncompressed_size");
  s.require(7, "total_compressed_size");
  s.require(9, "data_page_offset");
  return m;
}

ColumnChunk parse_column_chunk(CompactReader& r) {
  ColumnChunk c;
  StructReader s(r, "ColumnChunk");
  while (s.next()) {
    switch (s.id()) {
      case 1:
        c.file_path = s.binary("file_path");
        break;
      case 2:
        c.file_offset = s.i64("file_offset");
        break;
      case 3:
        c.meta_data = parse_column_metadata(s.nested("meta_data"));
        break;
      case 4:
        c.offset_index_offset = s.i64("offset_index_offset");
        break;
      case 5:
        c.offset_index_length = s.i32("offset_index_length");
        break;
      case 6:
        c.column_index_offset = s.i64("column_index_offset");
        break;
      case 7:
        c.column_index_length = s.i32("column_index_length");
        break;
      default:
        s.skip();  // 8, 9: encryption
    }
  }
  s.require(2, "file_offset");
  return c;
}

SortingColumn parse_sorting_column(CompactReader& r) {
  SortingColumn c;
  StructReader s(r, "SortingColumn");
  while (s.next()) {
    switch (s.id()) {
      case 1:
        c.column_idx = s.i32("column_idx");
        break;
      case 2:
        c.descending = s.boolean("descending");
        break;
      case 3:
        c.nulls_first = s.boolean("nulls_first");
        break;
      default:
        s.skip();
    }
  }
  s.require(1, "column_idx");
  s.require(2, "descending");
  s.require(3, "nulls_first");
  return c;
}

RowGroup parse_row_group(CompactReader& r) {
  RowGroup g;
  StructReader s(r, "RowGroup");
  while (s.next()) {
    switch (s.id()) {
      case 1:
        s.list("columns", CType::STRUCT, [&] { g.columns.push_back(parse_column_chunk(r)); });
        break;
      case 2:
        g.total_byte_size = s.i64("total_byte_size");
        break;
      case 3:
        g.num_rows = s.i64("num_rows");
        break;
      case 4:
        s.list("sorting_columns", CType::STRUCT,
               [&] { g.sorting_columns.push_back(parse_sorting_column(r)); });
        break;
      case 5:
        g.file_offset = s.i64("file_offset");
        break;
      case 6:
        g.total_compressed_size = s.i64("total_compressed_size");
        break;
      case 7:
        g.ordinal = s.i16("ordinal");
        break;
      default:
        s.skip();
    }
  }
  s.require(1, "columns");
  s.require(2, "total_byte_size");
  s.require(3, "num_rows");
  return g;
}

// ColumnOrder union of empty structs: the member's field id is the order.
// Unknown orders are kept by value so the list stays aligned with the leaves.
ColumnOrder parse_column_order(CompactReader& r) {
  int members = 0;
  int16_t id = 0;
  StructReader s(r, "ColumnOrder");
  while (s.next()) {
    ++members;
    id = s.id();
    s.skip();
  }
  if (members != 1) s.fail("union has " + std::to_string(members) + " members, expected 1");
  return static_cast<ColumnOrder>(id);
}

}  // namespace

FileMetaData read_file_metadata(std::span<const uint8_t> bytes, size_t* consumed) {
  CompactReader r(bytes);
  FileMetaData m;
  StructReader s(r, "FileMetaData");
  while (s.next()) {
    switch (s.id()) {
      case 1:
        m.version = s.i32("version");
        break;
      case 2:
        s.list("schema", CType::STRUCT, [&] { m.schema.push_back(parse_schema_element(r)); });
        break;
      case 3:
        m.num_rows = s.i64("num_rows");
        break;
      case 4:
        s.list("row_groups", CType::STRUCT, [&] { m.row_groups.push_back(parse_row_group(r)); });
        break;
      case 5:
        m.key_value_metadata = parse_key_values(s, "key_value_metadata");
        break;
      case 6:
        m.created_by = s.binary("created_by");
        break;
      case 7:
        s.list("column_orders", CType::STRUCT,
               [&] { m.column_orders.push_back(parse_column_order(r)); });
        break;
      default:
        s.skip();  // 8, 9: encryption
    }
  }
  s.require(1, "version");
  s.require(2, "schema");
  s.require(3, "num_rows");
  s.require(4, "row_groups");
  if (consumed) *consumed = r.position();
  return m;
}

}  // namespace spillway

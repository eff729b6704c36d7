// Serialization half of metadata_io.h.

#include <string>

#include "format/metadata_io.h"
#include "format/thrift_compact.h"
#include "spillway/error.h"

namespace spillway {
namespace {

int32_t enum_value(auto e) {
  return static_cast<int32_t>(e);
}

void write_i64_list(CompactWriter& w, int16_t id, const std::vector<int64_t>& v) {
  w.field_list_begin(id, CType::I64, v.size());
  for (int64_t x : v) w.elem_i64(x);
}

void write_key_values(CompactWriter& w, int16_t id, const std::vector<KeyValue>& kvs) {
  w.field_list_begin(id, CType::STRUCT, kvs.size());
  for (const KeyValue& kv : kvs) {
    w.struct_begin();
    w.field_binary(1, kv.key);
    if (kv.value) w.field_binary(2, *kv.value);
    w.struct_end();
  }
}

void write_statistics(CompactWriter& w, const Statistics& s) {
  w.struct_begin();
  if (s.max) w.field_binary(1, *s.max);
  if (s.min) w.field_binary(2, *s.min);
  if (s.null_count) w.field_i64(3, *s.null_count);
  if (s.distinct_count) w.field_i64(4, *s.distinct_count);
  if (s.max_value) w.field_binary(5, *s.max_value);
  if (s.min_value) w.field_binary(6, *s.min_value);
  if (s.is_max_value_exact) w.field_bool(7, *s.is_max_value_exact);
  if (s.is_min_value_exact) w.field_bool(8, *s.is_min_value_exact);
  if (s.nan_count) w.field_i64(9, *s.nan_count);
  w.struct_end();
}

void write_size_statistics(CompactWriter& w, const SizeStatistics& s) {
  w.struct_begin();
  if (s.unencoded_byte_array_data_bytes) w.field_i64(1, *s.unencoded_byte_array_data_bytes);
  if (!s.repetition_level_histogram.empty()) write_i64_list(w, 2, s.repetition_level_histogram);
  if (!s.definition_level_histogram.empty()) write_i64_list(w, 3, s.definition_level_histogram);
  w.struct_end();
}

// TimeUnit is a union of empty structs: the field id names the unit.
void write_time_unit(CompactWriter& w, TimeUnit unit) {
  switch (unit) {
    case TimeUnit::MILLIS:
    case TimeUnit::MICROS:
    case TimeUnit::NANOS:
      break;
    default:
      throw Error("cannot write TimeUnit value " + std::to_string(enum_value(unit)));
  }
  w.struct_begin();
  w.field_struct_begin(static_cast<int16_t>(unit));
  w.struct_end();
  w.struct_end();
}

// LogicalType is a union: one field whose id is the kind, holding a struct
// with that kind's parameters (empty for most kinds).
void write_logical_type(CompactWriter& w, const LogicalType& t) {
  using K = LogicalType::Kind;
  w.struct_begin();
  w.field_struct_begin(static_cast<int16_t>(t.kind));
  switch (t.kind) {
    case K::STRING:
    case K::MAP:
    case K::LIST:
    case K::ENUM:
    case K::DATE:
    case K::UNKNOWN:
    case K::JSON:
    case K::BSON:
    case K::UUID:
    case K::FLOAT16:
      break;
    case K::DECIMAL:
      w.field_i32(1, t.scale);
      w.field_i32(2, t.precision);
      break;
    case K::TIME:
    case K::TIMESTAMP:
      w.field_bool(1, t.is_adjusted_to_utc);
      w.field_header(2, CType::STRUCT);
      write_time_unit(w, t.unit);
      break;
    case K::INTEGER:
      w.field_i8(1, t.bit_width);
      w.field_bool(2, t.is_signed);
      break;
    default:
      throw Error("cannot write LogicalType kind " + std::to_string(enum_value(t.kind)));
  }
  w.struct_end();
  w.struct_end();
}

void write_schema_element(CompactWriter& w, const SchemaElement& e) {
  w.struct_begin();
  if (e.type) w.field_i32(1, enum_value(*e.type));
  if (e.type_length) w.field_i32(2, *e.type_length);
  if (e.repetition_type) w.field_i32(3, enum_value(*e.repetition_type));
  w.field_binary(4, e.name);
  if (e.num_children) w.field_i32(5, *e.num_children);
  if (e.converted_type) w.field_i32(6, enum_value(*e.converted_type));
  if (e.scale) w.field_i32(7, *e.scale);
  if (e.precision) w.field_i32(8, *e.precision);
  if (e.field_id) w.field_i32(9, *e.field_id);
  if (e.logical_type) {
    w.field_header(10, CType::STRUCT);
    write_logical_type(w, *e.logical_type);
  }
  w.struct_end();
}

void write_column_metadata(CompactWriter& w, const ColumnMetaData& m) {
  w.struct_begin();
  w.field_i32(1, enum_value(m.type));
  w.field_list_begin(2, CType::I32, m.encodings.size());
  for (Encoding e : m.encodings) w.elem_i32(enum_value(e));
  w.field_list_begin(3, CType::BINARY, m.path_in_schema.size());
  for (const std::string& p : m.path_in_schema) w.elem_binary(p);
  w.field_i32(4, enum_value(m.codec));
  w.field_i64(5, m.num_values);
  w.field_i64(6, m.total_uncompressed_size);
  w.field_i64(7, m.total_compressed_size);
  if (!m.key_value_metadata.empty()) write_key_values(w, 8, m.key_value_metadata);
  w.field_i64(9, m.data_page_offset);
  if (m.index_page_offset) w.field_i64(10, *m.index_page_offset);
  if (m.dictionary_page_offset) w.field_i64(11, *m.dictionary_page_offset);
  if (m.statistics) {
    w.field_header(12, CType::STRUCT);
    write_statistics(w, *m.statistics);
  }
  if (!m.encoding_stats.empty()) {
    w.field_list_begin(13, CType::STRUCT, m.encoding_stats.size());
    for (const PageEncodingStats& s : m.encoding_stats) {
      w.struct_begin();
      w.field_i32(1, enum_value(s.page_type));
      w.field_i32(2, enum_value(s.encoding));
      w.field_i32(3, s.count);
      w.struct_end();
    }
  }
  if (m.bloom_filter_offset) w.field_i64(14, *m.bloom_filter_offset);
  if (m.bloom_filter_length) w.field_i32(15, *m.bloom_filter_length);
  if (m.size_statistics) {
    w.field_header(16, CType::STRUCT);
    write_size_statistics(w, *m.size_statistics);
  }
  w.struct_end();
}

void write_column_chunk(CompactWriter& w, const ColumnChunk& c) {
  w.struct_begin();
  if (c.file_path) w.field_binary(1, *c.file_path);
  w.field_i64(2, c.file_offset);
  if (c.meta_data) {
    w.field_header(3, CType::STRUCT);
    write_column_metadata(w, *c.meta_data);
  }
  if (c.offset_index_offset) w.field_i64(4, *c.offset_index_offset);
  if (c.offset_index_length) w.field_i32(5, *c.offset_index_length);
  if (c.column_index_offset) w.field_i64(6, *c.column_index_offset);
  if (c.column_index_length) w.field_i32(7, *c.column_index_length);
  w.struct_end();
}

void write_row_group(CompactWriter& w, const RowGroup& g) {
  w.struct_begin();
  w.field_list_begin(1, CType::STRUCT, g.columns.size());
  for (const ColumnChunk& c : g.columns) write_column_chunk(w, c);
  w.field_i64(2, g.total_byte_size);
  w.field_i64(3, g.num_rows);
  if (!g.sorting_columns.empty()) {
    w.field_list_begin(4, CType::STRUCT, g.sorting_columns.size());
    for (const SortingColumn& s : g.sorting_columns) {
      w.struct_begin();
      w.field_i32(1, s.column_idx);
      w.field_bool(2, s.descending);
      w.field_bool(3, s.nulls_first);
      w.struct_end();
    }
  }
  if (g.file_offset) w.field_i64(5, *g.file_offset);
  if (g.total_compressed_size) w.field_i64(6, *g.total_compressed_size);
  if (g.ordinal) w.field_i16(7, *g.ordinal);
  w.struct_end();
}

}  // namespace

void write_thrift(const FileMetaData& v, ByteBuffer& out) {
  CompactWriter w(out);
  w.struct_begin();
  w.field_i32(1, v.version);
  w.field_list_begin(2, CType::STRUCT, v.schema.size());
  for (const SchemaElement& e : v.schema) write_schema_element(w, e);
  w.field_i64(3, v.num_rows);
  w.field_list_begin(4, CType::STRUCT, v.row_groups.size());
  for (const RowGroup& g : v.row_groups) write_row_group(w, g);
  if (!v.key_value_metadata.empty()) write_key_values(w, 5, v.key_value_metadata);
  if (v.created_by) w.field_binary(6, *v.created_by);
  if (!v.column_orders.empty()) {
    // Each element is a ColumnOrder union holding one empty struct.
    w.field_list_begin(7, CType::STRUCT, v.column_orders.size());
    for (ColumnOrder o : v.column_orders) {
      w.struct_begin();
      w.field_struct_begin(static_cast<int16_t>(o));
      w.struct_end();
      w.struct_end();
    }
  }
  w.struct_end();
}

void write_thrift(const PageHeader& v, ByteBuffer& out) {
  CompactWriter w(out);
  w.struct_begin();
  w.field_i32(1, enum_value(v.type));
  w.field_i32(2, v.uncompressed_page_size);
  w.field_i32(3, v.compressed_page_size);
  if (v.crc) w.field_i32(4, *v.crc);
  if (const auto& h = v.data_page_header) {
    w.field_struct_begin(5);
    w.field_i32(1, h->num_values);
    w.field_i32(2, enum_value(h->encoding));
    w.field_i32(3, enum_value(h->definition_level_encoding));
    w.field_i32(4, enum_value(h->repetition_level_encoding));
    if (h->statistics) {
      w.field_header(5, CType::STRUCT);
      write_statistics(w, *h->statistics);
    }
    w.struct_end();
  }
  if (const auto& h = v.dictionary_page_header) {
    w.field_struct_begin(7);
    w.field_i32(1, h->num_values);
    w.field_i32(2, enum_value(h->encoding));
    if (h->is_sorted) w.field_bool(3, *h->is_sorted);
    w.struct_end();
  }
  if (const auto& h = v.data_page_header_v2) {
    w.field_struct_begin(8);
    w.field_i32(1, h->num_values);
    w.field_i32(2, h->num_nulls);
    w.field_i32(3, h->num_rows);
    w.field_i32(4, enum_value(h->encoding));
    w.field_i32(5, h->definition_levels_byte_length);
    w.field_i32(6, h->repetition_levels_byte_length);
    if (h->is_compressed) w.field_bool(7, *h->is_compressed);
    if (h->statistics) {
      w.field_header(8, CType::STRUCT);
      write_statistics(w, *h->statistics);
    }
    w.struct_end();
  }
  w.struct_end();
}

void write_thrift(const ColumnIndex& v, ByteBuffer& out) {
  CompactWriter w(out);
  w.struct_begin();
  w.field_list_begin(1, kBoolElement, v.null_pages.size());
  for (bool b : v.null_pages) w.elem_bool(b);
  w.field_list_begin(2, CType::BINARY, v.min_values.size());
  for (const std::string& s : v.min_values) w.elem_binary(s);
  w.field_list_begin(3, CType::BINARY, v.max_values.size());
  for (const std::string& s : v.max_values) w.elem_binary(s);
  w.field_i32(4, enum_value(v.boundary_order));
  if (!v.null_counts.empty()) write_i64_list(w, 5, v.null_counts);
  if (!v.repetition_level_histograms.empty()) write_i64_list(w, 6, v.repetition_level_histograms);
  if (!v.definition_level_histograms.empty()) write_i64_list(w, 7, v.definition_level_histograms);
  if (!v.nan_counts.empty()) write_i64_list(w, 8, v.nan_counts);
  w.struct_end();
}

void write_thrift(const OffsetIndex& v, ByteBuffer& out) {
  CompactWriter w(out);
  w.struct_begin();
  w.field_list_begin(1, CType::STRUCT, v.page_locations.size());
  for (const PageLocation& p : v.page_locations) {
    w.struct_begin();
    w.field_i64(1, p.offset);
    w.field_i32(2, p.compressed_page_size);
    w.field_i64(3, p.first_row_index);
    w.struct_end();
  }
  if (!v.unencoded_byte_array_data_bytes.empty()) {
    write_i64_list(w, 2, v.unencoded_byte_array_data_bytes);
  }
  w.struct_end();
}

}  // namespace spillway

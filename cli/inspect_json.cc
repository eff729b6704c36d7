// The JSON form of `spillway inspect --json`: one object, two-space indented.
// Numbers are JSON numbers; an absent optional field is null; names of enum
// values are the Parquet specification's. Keys (stable):
//
// { "path", "file_size", "footer_length", "valid": bool,
//   "problems": [string], "problems_not_shown": number,
//   the rest only when the footer could be read (else footer_length is null):
//   "version", "num_rows", "created_by",
//   "key_value_metadata": [{"key", "value"}],       values in full
//   "column_orders": [string],
//   "schema": <node>,   the tree from the root (null for an empty schema):
//       {"name", "path" (dotted, "" for the root), "repetition", "physical_type",
//        "type_length", "logical_type", "converted_type", "scale", "precision",
//        "field_id", "definition_level", "repetition_level" (of a value
//        present at this node),
//        groups: "children": [<node>];
//        leaves: "column", "max_definition_level", "max_repetition_level"}
//   "row_groups": [{
//     "index", "num_rows", "total_byte_size", "total_compressed_size",
//     "file_offset", "ordinal",
//     "sorting_columns": [{"column_idx", "descending", "nulls_first"}],
//     "columns": [{
//       "path", "physical_type", "codec", "encodings": [string], "num_values",
//       "total_compressed_size", "total_uncompressed_size", "data_page_offset",
//       "dictionary_page_offset", "index_page_offset",
//       "num_pages", "num_data_pages",
//       "statistics": null | <statistics>,
//       "size_statistics": null | {"unencoded_byte_array_data_bytes",
//           "repetition_level_histogram": [n], "definition_level_histogram": [n]},
//       "encoding_stats": [{"page_type", "encoding", "count"}],
//       "column_index": null | {"offset", "length", "boundary_order"},
//       "offset_index": null | {"offset", "length"},
//       "bloom_filter": null | {"offset", "length", "num_bytes", "algorithm",
//           "hash", "compression"},
//       with --pages, "pages": [{
//         "type", "offset", "header_length", "compressed_page_size",
//         "uncompressed_page_size", "crc": null | "ok" | "mismatch",
//         dictionary pages: "num_values", "encoding", "is_sorted";
//         v1 data pages: "num_values", "encoding", "definition_level_encoding",
//           "repetition_level_encoding";
//         v2 data pages: "num_values", "num_nulls", "num_rows", "encoding",
//           "definition_levels_byte_length", "repetition_levels_byte_length",
//           "is_compressed";
//         data pages: "rows" (rows beginning in the page: v2 num_rows,
//             num_values of a flat column, else counted at repetition
//             level 0; null when unknown), "first_repetition_level" (nested
//             leaves whose levels were decoded, else null),
//           "statistics": null | <statistics>,
//           "first_row_index" (offset index; null without one),
//           "unencoded_byte_array_data_bytes" (offset index, when set),
//           "column_index": null | {"null_page", "min", "max", "min_hex",
//             "max_hex", "null_count"}}]}]}]}
//
// <statistics>: {"null_count", "distinct_count", "nan_count", "min", "max",
//   "min_hex", "max_hex", "is_min_value_exact", "is_max_value_exact",
//   "legacy_min_max"}. min/max are typed: numbers for integer and floating
//   columns (dates, times and timestamps as counts in the schema's unit;
//   non-finite floats as the strings "NaN", "Infinity", "-Infinity"),
//   true/false for BOOLEAN, strings otherwise (text as is, decimals as
//   digits, other bytes as text when printable, else "0x" and hex). min_hex and
//   max_hex always hold the raw bytes in hex. legacy_min_max is true when
//   only the deprecated signed-order min/max fields were set.

#include <fmt/format.h>

#include <string>
#include <vector>

#include "inspect_checks.h"
#include "inspect_report.h"

namespace spillway::cli::inspect {
namespace {

// Writes JSON with indentation; values are written in the order called.
class Json {
 public:
  explicit Json(std::ostream& out) : out_(out) {}

  void begin_object() { open('{'); }
  void end_object() { close('}'); }
  void begin_array() { open('['); }
  void end_array() { close(']'); }
  void key(std::string_view k) {
    separate();
    out_ << json_string(k) << ": ";
    after_key_ = true;
  }
  // A value already in JSON form.
  void raw(std::string_view v) {
    separate();
    out_ << v;
  }
  void str(std::string_view s) { raw(json_string(s)); }
  void num(int64_t v) { raw(std::to_string(v)); }
  void boolean(bool v) { raw(v ? "true" : "false"); }
  void null() { raw("null"); }

  template <typename T>
  void field(std::string_view k, const T& v) {
    key(k);
    value(v);
  }

 private:
  void value(int64_t v) { num(v); }
  void value(int32_t v) { num(v); }
  void value(int16_t v) { num(v); }
  void value(uint64_t v) { raw(std::to_string(v)); }
  void value(bool v) { boolean(v); }
  void value(const std::string& v) { str(v); }
  void value(const char* v) { str(v); }
  void value(std::string_view v) { str(v); }
  template <typename T>
  void value(const std::optional<T>& v) {
    if (v) {
      value(*v);
    } else {
      null();
    }
  }
  void value(const std::vector<int64_t>& v) {
    std::string s = "[";
    for (size_t i = 0; i < v.size(); ++i) s += (i ? ", " : "") + std::to_string(v[i]);
    raw(s + "]");
  }

  void open(char c) {
    separate();
    out_ << c;
    first_ = true;
    ++depth_;
  }
  void close(char c) {
    --depth_;
    if (!first_) newline();
    out_ << c;
    first_ = false;
  }
  // Before a value or key: a comma unless first in its container, then a
  // new line; nothing after a key.
  void separate() {
    if (after_key_) {
      after_key_ = false;
      return;
    }
    if (depth_ == 0) return;
    if (!first_) out_ << ',';
    newline();
    first_ = false;
  }
  void newline() { out_ << '\n' << std::string(static_cast<size_t>(depth_) * 2, ' '); }

  std::ostream& out_;
  int depth_ = 0;
  bool first_ = true;
  bool after_key_ = false;
};

template <typename E>
std::optional<std::string> name(const std::optional<E>& e) {
  if (!e) return std::nullopt;
  return std::string(to_string(*e));
}

void statistics(Json& j, const Statistics& s, const ColumnDescriptor* leaf) {
  j.begin_object();
  j.field("null_count", s.null_count);
  j.field("distinct_count", s.distinct_count);
  j.field("nan_count", s.nan_count);
  const bool legacy = !s.min_value && !s.max_value && (s.min || s.max);
  const auto& min = legacy ? s.min : s.min_value;
  const auto& max = legacy ? s.max : s.max_value;
  j.key("min");
  min ? j.raw(value_json(*min, leaf)) : j.null();
  j.key("max");
  max ? j.raw(value_json(*max, leaf)) : j.null();
  j.field("min_hex", min ? std::optional<std::string>(hex(*min)) : std::nullopt);
  j.field("max_hex", max ? std::optional<std::string>(hex(*max)) : std::nullopt);
  j.field("is_min_value_exact", s.is_min_value_exact);
  j.field("is_max_value_exact", s.is_max_value_exact);
  j.field("legacy_min_max", legacy);
  j.end_object();
}

// The schema node at `i` and its children; returns the index after them.
size_t schema_node(Json& j, const Report& r, size_t i) {
  const SchemaElement& e = r.metadata.schema[i];
  const int depth = r.schema.depth[i];
  j.begin_object();
  j.field("name", e.name);
  j.field("path", r.schema.path[i]);
  j.field("repetition", name(e.repetition_type));
  j.field("physical_type", name(e.type));
  j.field("type_length", e.type_length);
  j.field("logical_type", e.logical_type
                              ? std::optional<std::string>(logical_type_text(*e.logical_type))
                              : std::nullopt);
  j.field("converted_type", name(e.converted_type));
  j.field("scale", e.scale);
  j.field("precision", e.precision);
  j.field("field_id", e.field_id);
  j.field("definition_level", r.schema.def[i]);
  j.field("repetition_level", r.schema.rep[i]);
  size_t next = i + 1;
  if (const int leaf = r.schema.leaf_of[i]; leaf >= 0) {
    const ColumnDescriptor& d = r.schema.leaves[static_cast<size_t>(leaf)];
    j.field("column", static_cast<int64_t>(leaf));
    j.field("max_definition_level", d.max_definition_level());
    j.field("max_repetition_level", d.max_repetition_level());
  } else {
    j.key("children");
    j.begin_array();
    // Children are the following elements one level deeper, up to the next
    // element at this depth or above.
    while (next < r.metadata.schema.size() && r.schema.depth[next] == depth + 1) {
      next = schema_node(j, r, next);
    }
    j.end_array();
  }
  j.end_object();
  return next;
}

void page(Json& j, const PageReport& p, const ChunkReport& chunk) {
  const PageHeader& h = p.header;
  j.begin_object();
  j.field("type", to_string(h.type));
  j.field("offset", p.offset);
  j.field("header_length", static_cast<int64_t>(p.header_length));
  j.field("compressed_page_size", h.compressed_page_size);
  j.field("uncompressed_page_size", h.uncompressed_page_size);
  j.field("crc",
          p.crc_ok ? std::optional<std::string>(*p.crc_ok ? "ok" : "mismatch") : std::nullopt);
  const Statistics* stats = nullptr;
  if (const auto& d = h.dictionary_page_header) {
    j.field("num_values", d->num_values);
    j.field("encoding", to_string(d->encoding));
    j.field("is_sorted", d->is_sorted);
  }
  if (const auto& d = h.data_page_header) {
    j.field("num_values", d->num_values);
    j.field("encoding", to_string(d->encoding));
    j.field("definition_level_encoding", to_string(d->definition_level_encoding));
    j.field("repetition_level_encoding", to_string(d->repetition_level_encoding));
    if (d->statistics) stats = &*d->statistics;
  }
  if (const auto& d = h.data_page_header_v2) {
    j.field("num_values", d->num_values);
    j.field("num_nulls", d->num_nulls);
    j.field("num_rows", d->num_rows);
    j.field("encoding", to_string(d->encoding));
    j.field("definition_levels_byte_length", d->definition_levels_byte_length);
    j.field("repetition_levels_byte_length", d->repetition_levels_byte_length);
    j.field("is_compressed", d->is_compressed.value_or(true));
    if (d->statistics) stats = &*d->statistics;
  }
  if (p.data_page >= 0) {
    const auto k = static_cast<size_t>(p.data_page);
    j.field("rows", p.rows);
    j.field("first_repetition_level", p.first_repetition_level);
    j.key("statistics");
    stats ? statistics(j, *stats, chunk.leaf) : j.null();
    const OffsetIndex* oi = chunk.offset_index ? &*chunk.offset_index : nullptr;
    j.field("first_row_index", oi && k < oi->page_locations.size()
                                   ? std::optional<int64_t>(oi->page_locations[k].first_row_index)
                                   : std::nullopt);
    if (oi && k < oi->unencoded_byte_array_data_bytes.size()) {
      j.field("unencoded_byte_array_data_bytes", oi->unencoded_byte_array_data_bytes[k]);
    }
    const ColumnIndex* ci = chunk.column_index ? &*chunk.column_index : nullptr;
    j.key("column_index");
    if (ci && k < ci->null_pages.size() && k < ci->min_values.size() && k < ci->max_values.size()) {
      j.begin_object();
      j.field("null_page", static_cast<bool>(ci->null_pages[k]));
      j.key("min");
      ci->null_pages[k] ? j.null() : j.raw(value_json(ci->min_values[k], chunk.leaf));
      j.key("max");
      ci->null_pages[k] ? j.null() : j.raw(value_json(ci->max_values[k], chunk.leaf));
      j.field("min_hex", hex(ci->min_values[k]));
      j.field("max_hex", hex(ci->max_values[k]));
      j.field("null_count", k < ci->null_counts.size() ? std::optional<int64_t>(ci->null_counts[k])
                                                       : std::nullopt);
      j.end_object();
    } else {
      j.null();
    }
  }
  j.end_object();
}

void column_chunk(Json& j, const ColumnChunk& cc, const ChunkReport& chunk, bool pages) {
  j.begin_object();
  j.field("path", chunk.path);
  if (!cc.meta_data) {
    j.end_object();
    return;
  }
  const ColumnMetaData& m = *cc.meta_data;
  j.field("physical_type", to_string(m.type));
  j.field("codec", to_string(m.codec));
  j.key("encodings");
  j.begin_array();
  for (Encoding e : m.encodings) j.str(to_string(e));
  j.end_array();
  j.field("num_values", m.num_values);
  j.field("total_compressed_size", m.total_compressed_size);
  j.field("total_uncompressed_size", m.total_uncompressed_size);
  j.field("data_page_offset", m.data_page_offset);
  j.field("dictionary_page_offset", m.dictionary_page_offset);
  j.field("index_page_offset", m.index_page_offset);
  j.field("num_pages", static_cast<int64_t>(chunk.pages.size()));
  j.field("num_data_pages", static_cast<int64_t>(chunk.num_data_pages));
  j.key("statistics");
  m.statistics ? statistics(j, *m.statistics, chunk.leaf) : j.null();
  j.key("size_statistics");
  if (const auto& s = m.size_statistics) {
    j.begin_object();
    j.field("unencoded_byte_array_data_bytes", s->unencoded_byte_array_data_bytes);
    j.field("repetition_level_histogram", s->repetition_level_histogram);
    j.field("definition_level_histogram", s->definition_level_histogram);
    j.end_object();
  } else {
    j.null();
  }
  j.key("encoding_stats");
  j.begin_array();
  for (const PageEncodingStats& s : m.encoding_stats) {
    j.begin_object();
    j.field("page_type", to_string(s.page_type));
    j.field("encoding", to_string(s.encoding));
    j.field("count", s.count);
    j.end_object();
  }
  j.end_array();
  j.key("column_index");
  if (cc.column_index_offset) {
    j.begin_object();
    j.field("offset", cc.column_index_offset);
    j.field("length", cc.column_index_length);
    j.field("boundary_order",
            chunk.column_index
                ? name(std::optional<BoundaryOrder>(chunk.column_index->boundary_order))
                : std::nullopt);
    j.end_object();
  } else {
    j.null();
  }
  j.key("offset_index");
  if (cc.offset_index_offset) {
    j.begin_object();
    j.field("offset", cc.offset_index_offset);
    j.field("length", cc.offset_index_length);
    j.end_object();
  } else {
    j.null();
  }
  j.key("bloom_filter");
  if (const auto& b = chunk.bloom_filter) {
    j.begin_object();
    j.field("offset", b->offset);
    j.field("length", b->length);
    j.field("num_bytes", b->num_bytes);
    j.field("algorithm", b->algorithm);
    j.field("hash", b->hash);
    j.field("compression", b->compression);
    j.end_object();
  } else {
    j.null();
  }
  if (pages) {
    j.key("pages");
    j.begin_array();
    for (const PageReport& p : chunk.pages) page(j, p, chunk);
    j.end_array();
  }
  j.end_object();
}

void row_group(Json& j, const Report& r, size_t index, bool pages) {
  const RowGroup& rg = r.metadata.row_groups[index];
  j.begin_object();
  j.field("index", static_cast<int64_t>(index));
  j.field("num_rows", rg.num_rows);
  j.field("total_byte_size", rg.total_byte_size);
  j.field("total_compressed_size", rg.total_compressed_size);
  j.field("file_offset", rg.file_offset);
  j.field("ordinal", rg.ordinal);
  j.key("sorting_columns");
  j.begin_array();
  for (const SortingColumn& s : rg.sorting_columns) {
    j.begin_object();
    j.field("column_idx", s.column_idx);
    j.field("descending", s.descending);
    j.field("nulls_first", s.nulls_first);
    j.end_object();
  }
  j.end_array();
  j.key("columns");
  j.begin_array();
  for (size_t c = 0; c < rg.columns.size(); ++c) {
    column_chunk(j, rg.columns[c], r.row_groups[index].chunks[c], pages);
  }
  j.end_array();
  j.end_object();
}

std::string column_order_name(ColumnOrder o) {
  switch (o) {
    case ColumnOrder::TYPE_ORDER:
      return "TYPE_ORDER";
    case ColumnOrder::IEEE_754_TOTAL_ORDER:
      return "IEEE_754_TOTAL_ORDER";
    case ColumnOrder::INT96_TIMESTAMP_ORDER:
      return "INT96_TIMESTAMP_ORDER";
  }
  return fmt::format("UNKNOWN({})", static_cast<int>(o));
}

}  // namespace

void print_json(const Report& r, bool pages, std::ostream& out) {
  Json j(out);
  const FileMetaData& md = r.metadata;
  j.begin_object();
  j.field("path", r.path);
  j.field("file_size", r.file_size);
  j.field("footer_length", r.footer_read ? std::optional<int64_t>(r.footer_length) : std::nullopt);
  j.field("valid", r.problems.empty());
  j.key("problems");
  j.begin_array();
  for (const std::string& p : r.problems) j.str(p);
  j.end_array();
  j.field("problems_not_shown", static_cast<int64_t>(r.problems_dropped));
  if (r.verify) {  // only with --verify: without it the output is unchanged
    const VerifyReport& v = *r.verify;
    j.key("verify");
    j.begin_object();
    j.field("column_chunks", static_cast<int64_t>(v.column_chunks));
    j.field("pages", static_cast<int64_t>(v.pages));
    j.field("values", v.values);
    j.field("nulls", v.nulls);
    j.field("skipped_pages", static_cast<int64_t>(v.skipped_pages));
    j.field("skipped_column_chunks", static_cast<int64_t>(v.skipped_chunks));
    j.end_object();
  }
  if (r.footer_read) {
    j.field("version", md.version);
    j.field("num_rows", md.num_rows);
    j.field("created_by", md.created_by);
    j.key("key_value_metadata");
    j.begin_array();
    for (const KeyValue& kv : md.key_value_metadata) {
      j.begin_object();
      j.field("key", kv.key);
      j.field("value", kv.value);
      j.end_object();
    }
    j.end_array();
    j.key("column_orders");
    j.begin_array();
    for (ColumnOrder o : md.column_orders) j.str(column_order_name(o));
    j.end_array();
    j.key("schema");
    !md.schema.empty() && r.schema.depth[0] == 0 ? (void)schema_node(j, r, 0) : j.null();
    j.key("row_groups");
    j.begin_array();
    for (size_t i = 0; i < md.row_groups.size(); ++i) row_group(j, r, i, pages);
    j.end_array();
  }
  j.end_object();
  out << '\n';
}

}  // namespace spillway::cli::inspect

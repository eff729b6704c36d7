// The human form of `spillway inspect`: a few aligned tables.
//
// Layout: the file's summary and key/value metadata; the schema tree (each
// element's repetition, types, LIST/MAP annotations, the definition and
// repetition levels a value there has, and its dotted path; leaves with
// their column number); per row group one table of column chunk layout
// (types, encodings, sizes, offsets; "values" counts levels, which a
// nested leaf has more of than rows) and one of statistics and indexes;
// with --pages, a table of the pages of each chunk ("values" are levels,
// "rows" the rows beginning in the page: counted at repetition level 0 for
// a nested leaf's v1 pages); then the problems found, or that there were
// none. A page's min/max/nulls come from its column index entry when there
// is one, else from its header's statistics.

#include <fmt/format.h>

#include <string>
#include <vector>

#include "inspect_checks.h"
#include "inspect_report.h"

namespace spillway::cli::inspect {
namespace {

constexpr size_t kValueChars = 24;     // statistics values in tables
constexpr size_t kMetadataChars = 60;  // key/value metadata values

// Columns whose alignment char is 'r' are right-aligned (numbers).
class Table {
 public:
  Table(std::vector<std::string> header, std::string align)
      : align_(std::move(align)), rows_{std::move(header)} {}
  void add(std::vector<std::string> row) { rows_.push_back(std::move(row)); }

  void print(std::ostream& out, size_t indent) const {
    std::vector<size_t> width(align_.size(), 0);
    for (const auto& row : rows_) {
      for (size_t i = 0; i < row.size() && i < width.size(); ++i) {
        width[i] = std::max(width[i], display_width(row[i]));
      }
    }
    for (const auto& row : rows_) {
      std::string line(indent, ' ');
      for (size_t i = 0; i < row.size() && i < width.size(); ++i) {
        const std::string pad(width[i] - display_width(row[i]), ' ');
        if (i > 0) line += "  ";
        line += align_[i] == 'r' ? pad + row[i] : row[i] + (i + 1 < row.size() ? pad : "");
      }
      out << line << '\n';
    }
  }

 private:
  // Characters, not bytes: UTF-8 continuation bytes take no column.
  static size_t display_width(const std::string& s) {
    size_t n = 0;
    for (char c : s) n += (static_cast<uint8_t>(c) & 0xC0) != 0x80;
    return n;
  }
  std::string align_;
  std::vector<std::vector<std::string>> rows_;
};

template <typename T>
std::string opt(const std::optional<T>& v) {
  return v ? fmt::format("{}", *v) : "-";
}

std::string join_encodings(const std::vector<Encoding>& encodings) {
  std::string out;
  for (Encoding e : encodings) out += (out.empty() ? "" : ",") + std::string(to_string(e));
  return out;
}

std::string range(const std::optional<int64_t>& offset, const std::optional<int32_t>& length) {
  if (!offset) return "-";
  return length ? fmt::format("{}+{}", *offset, *length) : fmt::format("{}", *offset);
}

// min_value/max_value, or the legacy min/max when only those are set.
void min_max(const Statistics& s, const ColumnDescriptor* leaf, std::string& min,
             std::string& max) {
  const auto& lo = s.min_value ? s.min_value : s.min;
  const auto& hi = s.max_value ? s.max_value : s.max;
  min = lo ? value_text(*lo, leaf, kValueChars) : "-";
  max = hi ? value_text(*hi, leaf, kValueChars) : "-";
}

void print_summary(const Report& r, std::ostream& out) {
  const FileMetaData& md = r.metadata;
  out << fmt::format("File        {}\n", r.path);
  if (!r.footer_read) {
    out << fmt::format("Size        {} bytes\n", r.file_size);
    return;
  }
  out << fmt::format("Size        {} bytes, footer {} bytes\n", r.file_size, r.footer_length);
  out << fmt::format("Rows        {} in {} row group{}, {} leaf column{}\n", md.num_rows,
                     md.row_groups.size(), md.row_groups.size() == 1 ? "" : "s",
                     r.schema.leaves.size(), r.schema.leaves.size() == 1 ? "" : "s");
  out << fmt::format("Created by  {}\n", md.created_by ? escape_text(*md.created_by, 200) : "-");
  out << fmt::format("Version     {}\n", md.version);
  for (size_t i = 0; i < md.key_value_metadata.size(); ++i) {
    const KeyValue& kv = md.key_value_metadata[i];
    std::string value = "(no value)";
    if (kv.value) {
      value = "\"" + escape_text(*kv.value, kMetadataChars) + "\"";
      if (kv.value->size() > kMetadataChars)
        value = fmt::format("({} bytes) ", kv.value->size()) + value;
    }
    out << fmt::format("{}{} = {}\n", i == 0 ? "Metadata    " : "            ",
                       escape_text(kv.key, kMetadataChars), value);
  }
}

void print_schema(const Report& r, std::ostream& out) {
  const auto& els = r.metadata.schema;
  out << "\nSchema\n";
  Table t({"name", "repetition", "type", "logical", "converted", "field_id", "levels", "path"},
          "lllllrll");
  for (size_t i = 0; i < els.size(); ++i) {
    const SchemaElement& e = els[i];
    const int depth = r.schema.depth[i];
    if (depth < 0) continue;  // after a malformed part of the list
    std::string type = e.type ? std::string(to_string(*e.type)) : "group";
    if (e.type == PhysicalType::FIXED_LEN_BYTE_ARRAY && e.type_length) {
      type += fmt::format("({})", *e.type_length);
    }
    if (!e.type) type += fmt::format(" ({})", e.num_children.value_or(0));
    std::string converted = e.converted_type ? std::string(to_string(*e.converted_type)) : "";
    if (e.converted_type == ConvertedType::DECIMAL) {
      converted += fmt::format("({},{})", e.precision.value_or(0), e.scale.value_or(0));
    }
    // Levels a value present here has; a leaf's are its maximum levels and
    // come with its column number.
    std::string levels;
    if (depth > 0) levels = fmt::format("def {} rep {}", r.schema.def[i], r.schema.rep[i]);
    if (const int leaf = r.schema.leaf_of[i]; leaf >= 0)
      levels = fmt::format("#{} ", leaf) + levels;
    t.add({std::string(static_cast<size_t>(depth) * 2, ' ') + escape_text(e.name, 60),
           e.repetition_type ? std::string(to_string(*e.repetition_type)) : "", type,
           e.logical_type ? logical_type_text(*e.logical_type) : "", converted,
           e.field_id ? std::to_string(*e.field_id) : "", levels,
           escape_text(r.schema.path[i], 80)});
  }
  t.print(out, 2);
}

void print_pages(const ChunkReport& chunk, std::ostream& out) {
  Table t({"#", "type", "offset", "header", "compressed", "uncompressed", "values", "nulls", "rows",
           "encoding", "first_row", "min", "max", "crc"},
          "rlrrrrrrrlrlll");
  const ColumnIndex* ci = chunk.column_index ? &*chunk.column_index : nullptr;
  const OffsetIndex* oi = chunk.offset_index ? &*chunk.offset_index : nullptr;
  for (size_t i = 0; i < chunk.pages.size(); ++i) {
    const PageReport& p = chunk.pages[i];
    const PageHeader& h = p.header;
    std::string values = "-", rows = "-", encoding = "-", min = "-", max = "-";
    if (h.dictionary_page_header) {
      values = std::to_string(h.dictionary_page_header->num_values);
      encoding = to_string(h.dictionary_page_header->encoding);
    }
    const Statistics* stats = nullptr;
    if (h.data_page_header) {
      values = std::to_string(h.data_page_header->num_values);
      encoding = to_string(h.data_page_header->encoding);
      if (h.data_page_header->statistics) stats = &*h.data_page_header->statistics;
    }
    if (p.rows) rows = std::to_string(*p.rows);
    if (h.data_page_header_v2) {
      values = std::to_string(h.data_page_header_v2->num_values);
      encoding = to_string(h.data_page_header_v2->encoding);
      if (h.data_page_header_v2->statistics) stats = &*h.data_page_header_v2->statistics;
    }
    const int64_t nulls = page_null_count(h);
    std::string null_text = nulls >= 0 ? std::to_string(nulls) : "-";
    std::string first_row = "-";
    const auto k = static_cast<size_t>(p.data_page);
    if (p.data_page >= 0 && oi && k < oi->page_locations.size()) {
      first_row = std::to_string(oi->page_locations[k].first_row_index);
    }
    if (p.data_page >= 0 && ci && k < ci->null_pages.size() && k < ci->min_values.size() &&
        k < ci->max_values.size()) {
      if (!ci->null_pages[k]) {
        min = value_text(ci->min_values[k], chunk.leaf, kValueChars);
        max = value_text(ci->max_values[k], chunk.leaf, kValueChars);
      }
      if (k < ci->null_counts.size()) null_text = std::to_string(ci->null_counts[k]);
    } else if (stats) {
      min_max(*stats, chunk.leaf, min, max);
    }
    const std::string crc = !p.crc_ok ? "-" : (*p.crc_ok ? "ok" : "BAD");
    t.add({std::to_string(i), std::string(to_string(h.type)), std::to_string(p.offset),
           std::to_string(p.header_length), std::to_string(h.compressed_page_size),
           std::to_string(h.uncompressed_page_size), values, null_text, rows, encoding, first_row,
           min, max, crc});
  }
  t.print(out, 4);
}

void print_row_group(const Report& r, size_t index, bool pages, std::ostream& out) {
  const RowGroup& rg = r.metadata.row_groups[index];
  const RowGroupReport& report = r.row_groups[index];
  out << fmt::format(
      "\nRow group {}: {} rows, total_byte_size {}, total_compressed_size {}, file_offset {}, "
      "ordinal {}\n",
      index, rg.num_rows, rg.total_byte_size, opt(rg.total_compressed_size), opt(rg.file_offset),
      opt(rg.ordinal));
  for (const SortingColumn& s : rg.sorting_columns) {
    std::string name = s.column_idx >= 0 && static_cast<size_t>(s.column_idx) < report.chunks.size()
                           ? report.chunks[static_cast<size_t>(s.column_idx)].path
                           : fmt::format("#{}", s.column_idx);
    out << fmt::format("  sorted by {} {} nulls {}\n", name,
                       s.descending ? "descending" : "ascending", s.nulls_first ? "first" : "last");
  }
  Table layout({"#", "column", "type", "codec", "encodings", "values", "compressed", "uncompressed",
                "dictionary@", "data@", "pages"},
               "rlllllrrrrr");
  Table stats({"#", "column", "nulls", "distinct", "min", "max", "unencoded", "column index",
               "offset index", "bloom filter"},
              "rlrrllrlll");
  for (size_t c = 0; c < rg.columns.size(); ++c) {
    const ColumnChunk& cc = rg.columns[c];
    const ChunkReport& chunk = report.chunks[c];
    if (!cc.meta_data) {
      layout.add({std::to_string(c), chunk.path, "(no meta_data)"});
      continue;
    }
    const ColumnMetaData& m = *cc.meta_data;
    const size_t dictionary_pages = chunk.pages.size() - chunk.num_data_pages;
    layout.add({std::to_string(c), escape_text(chunk.path, 40), std::string(to_string(m.type)),
                std::string(to_string(m.codec)), join_encodings(m.encodings),
                std::to_string(m.num_values), std::to_string(m.total_compressed_size),
                std::to_string(m.total_uncompressed_size), opt(m.dictionary_page_offset),
                std::to_string(m.data_page_offset),
                dictionary_pages > 0 ? fmt::format("{}+{}", dictionary_pages, chunk.num_data_pages)
                                     : std::to_string(chunk.num_data_pages)});
    std::string min = "-", max = "-", nulls = "-", distinct = "-", unencoded = "-";
    if (m.statistics) {
      min_max(*m.statistics, chunk.leaf, min, max);
      nulls = opt(m.statistics->null_count);
      distinct = opt(m.statistics->distinct_count);
    }
    if (m.size_statistics) unencoded = opt(m.size_statistics->unencoded_byte_array_data_bytes);
    std::string column_index = range(cc.column_index_offset, cc.column_index_length);
    if (chunk.column_index) {
      column_index += fmt::format(" {}", to_string(chunk.column_index->boundary_order));
    }
    stats.add({std::to_string(c), escape_text(chunk.path, 40), nulls, distinct, min, max, unencoded,
               column_index, range(cc.offset_index_offset, cc.offset_index_length),
               range(m.bloom_filter_offset, m.bloom_filter_length)});
  }
  layout.print(out, 2);
  out << '\n';
  stats.print(out, 2);
  if (!pages) return;
  for (size_t c = 0; c < report.chunks.size(); ++c) {
    out << fmt::format("\n  Pages of column '{}' in row group {}\n",
                       escape_text(report.chunks[c].path, 60), index);
    print_pages(report.chunks[c], out);
  }
}

// 1234567 as "1,234,567".
std::string grouped(int64_t n) {
  std::string digits = std::to_string(n < 0 ? -n : n);
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return n < 0 ? "-" + out : out;
}

void print_verify(const VerifyReport& v, std::ostream& out) {
  out << fmt::format("Verified    {} column chunk{}, {} page{}, {} value{} ({} null)",
                     grouped(static_cast<int64_t>(v.column_chunks)),
                     v.column_chunks == 1 ? "" : "s", grouped(static_cast<int64_t>(v.pages)),
                     v.pages == 1 ? "" : "s", grouped(v.values), v.values == 1 ? "" : "s",
                     grouped(v.nulls));
  if (v.skipped_pages > 0) {
    out << fmt::format("; {} page{} skipped (too large, or legacy BIT_PACKED levels)",
                       v.skipped_pages, v.skipped_pages == 1 ? "" : "s");
  }
  if (v.skipped_chunks > 0) {
    out << fmt::format("; {} column chunk{} not decoded (unknown schema or INT96)",
                       v.skipped_chunks, v.skipped_chunks == 1 ? "" : "s");
  }
  out << '\n';
}

}  // namespace

void print_text(const Report& r, bool pages, std::ostream& out) {
  print_summary(r, out);
  if (r.footer_read) {
    print_schema(r, out);
    for (size_t i = 0; i < r.row_groups.size(); ++i) print_row_group(r, i, pages, out);
  }
  out << '\n';
  if (r.verify) print_verify(*r.verify, out);
  if (r.problems.empty()) {
    out << "Checks      passed: the layout is consistent\n";
    return;
  }
  out << fmt::format("Problems    {}\n", r.problems.size() + r.problems_dropped);
  for (const std::string& p : r.problems) out << "  - " << p << '\n';
  if (r.problems_dropped > 0) out << fmt::format("  ... and {} more\n", r.problems_dropped);
}

}  // namespace spillway::cli::inspect

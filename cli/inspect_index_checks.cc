// `spillway inspect`: the page index (offset index, column index) and bloom
// filters of each column chunk against its pages, and the byte ranges of
// everything the footer points at.

#include <fmt/format.h>

#include <algorithm>
#include <exception>

#include "format/file_layout.h"
#include "format/struct_reader.h"
#include "format/thrift_compact.h"
#include "inspect_checks.h"
#include "spillway/error.h"
#include "statistics/boundary_order.h"

namespace spillway::cli::inspect {
namespace {

// The data pages of a chunk, in order.
std::vector<const PageReport*> data_pages(const ChunkReport& chunk) {
  std::vector<const PageReport*> out;
  for (const PageReport& p : chunk.pages) {
    if (p.data_page >= 0) out.push_back(&p);
  }
  return out;
}

// The name of the member a Thrift union of empty structs holds.
std::string union_member(StructReader& s, const char* field,
                         std::initializer_list<const char*> names) {
  CompactReader& r = s.nested(field);
  StructReader u(r, field);
  std::string member;
  while (u.next()) {
    const int16_t id = u.id();
    member = id >= 1 && static_cast<size_t>(id) <= names.size() ? std::string(names.begin()[id - 1])
                                                                : fmt::format("UNKNOWN({})", id);
    u.skip();
  }
  return member;
}

}  // namespace

void Checker::read_offset_index(const Where& at, const RowGroup& rg, const ColumnChunk& cc,
                                ChunkReport& chunk) {
  const std::string where = at.text() + ": offset index";
  if (cc.offset_index_offset && cc.offset_index_length) {
    if (!in_data_region(*cc.offset_index_offset, *cc.offset_index_length, where)) return;
    ranges_.push_back(
        {*cc.offset_index_offset, *cc.offset_index_offset + *cc.offset_index_length, where});
  }
  try {
    chunk.offset_index = spillway::read_offset_index(file_, cc);
  } catch (const Error& e) {
    problem(fmt::format("{}: {}", at.text(), e.what()));
    return;
  }
  if (!chunk.offset_index) return;
  const OffsetIndex& index = *chunk.offset_index;
  const auto pages = data_pages(chunk);
  const auto& locations = index.page_locations;
  if (locations.size() != pages.size()) {
    problem(
        fmt::format("{} has {} entries for {} data pages", where, locations.size(), pages.size()));
  }
  int64_t row = 0;  // the first row of the next page, when pages tell it
  bool rows_known = true;
  for (size_t i = 0; i < locations.size(); ++i) {
    const PageLocation& loc = locations[i];
    const std::string entry = fmt::format("{} entry {}", where, i);
    if (i == 0 && loc.first_row_index != 0) {
      problem(fmt::format("{}: first_row_index is {}, not 0", entry, loc.first_row_index));
    }
    if (i > 0 && loc.first_row_index <= locations[i - 1].first_row_index) {
      problem(fmt::format("{}: first_row_index {} does not increase", entry, loc.first_row_index));
    }
    if (loc.first_row_index >= rg.num_rows && rg.num_rows > 0) {
      problem(fmt::format("{}: first_row_index {} is past the row group's {} rows", entry,
                          loc.first_row_index, rg.num_rows));
    }
    if (i >= pages.size()) continue;
    const PageReport& page = *pages[i];
    if (loc.offset != page.offset) {
      problem(
          fmt::format("{}: offset {} is not the data page's, {}", entry, loc.offset, page.offset));
    }
    const int64_t size =
        static_cast<int64_t>(page.header_length) + page.header.compressed_page_size;
    if (loc.compressed_page_size != size) {
      problem(fmt::format("{}: compressed_page_size {} differs from the page's header and body, {}",
                          entry, loc.compressed_page_size, size));
    }
    if (rows_known && i > 0 && loc.first_row_index != row) {
      problem(fmt::format("{}: first_row_index {} but the pages before it hold {} rows", entry,
                          loc.first_row_index, row));
    }
    // first_row_index counts rows, not levels: a page's rows are those
    // beginning in it (count_rows). With an offset index a page must begin
    // at a row boundary (v2 pages always must: count_rows checks those).
    if (!page.header.data_page_header_v2 && page.first_repetition_level.value_or(0) != 0) {
      problem(
          fmt::format("{}: the page begins inside a row (repetition level {}), but pages "
                      "must begin at row boundaries when there is an offset index",
                      entry, *page.first_repetition_level));
    }
    if (page.rows) {
      row += *page.rows;
    } else {
      rows_known = false;
    }
  }
  if (!index.unencoded_byte_array_data_bytes.empty() &&
      index.unencoded_byte_array_data_bytes.size() != locations.size()) {
    problem(fmt::format("{}: unencoded_byte_array_data_bytes has {} entries for {} pages", where,
                        index.unencoded_byte_array_data_bytes.size(), locations.size()));
  }
}

void Checker::read_column_index(const Where& at, const ColumnChunk& cc, ChunkReport& chunk) {
  const std::string where = at.text() + ": column index";
  if (cc.column_index_offset && cc.column_index_length) {
    if (!in_data_region(*cc.column_index_offset, *cc.column_index_length, where)) return;
    ranges_.push_back(
        {*cc.column_index_offset, *cc.column_index_offset + *cc.column_index_length, where});
  }
  try {
    chunk.column_index = spillway::read_column_index(file_, cc);
  } catch (const Error& e) {
    problem(fmt::format("{}: {}", at.text(), e.what()));
    return;
  }
  if (!chunk.column_index) return;
  const ColumnIndex& index = *chunk.column_index;
  if (!cc.offset_index_offset) problem(where + " is present without an offset index");
  const auto pages = data_pages(chunk);
  const size_t n = index.null_pages.size();
  if (n != pages.size()) {
    problem(fmt::format("{} has {} entries for {} data pages", where, n, pages.size()));
  }
  auto check_size = [&](size_t size, size_t want, const char* name) {
    if (size != want)
      problem(fmt::format("{}: {} has {} entries, not {}", where, name, size, want));
    return size == want;
  };
  bool bounds_ok = check_size(index.min_values.size(), n, "min_values");
  bounds_ok = check_size(index.max_values.size(), n, "max_values") && bounds_ok;
  if (!index.null_counts.empty()) check_size(index.null_counts.size(), n, "null_counts");
  if (!index.nan_counts.empty()) check_size(index.nan_counts.size(), n, "nan_counts");
  const ColumnDescriptor* leaf = chunk.leaf;
  if (leaf && !index.definition_level_histograms.empty()) {
    check_size(index.definition_level_histograms.size(), n * (leaf->max_definition_level() + 1u),
               "definition_level_histograms");
  }
  if (leaf && !index.repetition_level_histograms.empty()) {
    check_size(index.repetition_level_histograms.size(), n * (leaf->max_repetition_level() + 1u),
               "repetition_level_histograms");
  }
  if (!bounds_ok) return;
  const bool flat = leaf && leaf->max_repetition_level() == 0;
  for (size_t i = 0; i < n && i < pages.size(); ++i) {
    const std::string entry = fmt::format("{} entry {}", where, i);
    const int64_t values = page_num_values(pages[i]->header);
    const int64_t nulls = page_null_count(pages[i]->header);
    if (index.null_pages[i] && (!index.min_values[i].empty() || !index.max_values[i].empty())) {
      problem(entry + ": a null page with non-empty min/max values");
    }
    if (i < index.null_counts.size() && nulls >= 0 && index.null_counts[i] != nulls) {
      problem(fmt::format("{}: null_count {} but the page has {} nulls", entry,
                          index.null_counts[i], nulls));
    }
    if (flat && nulls >= 0 && index.null_pages[i] != (nulls == values)) {
      problem(fmt::format("{}: null_pages says {} but the page has {} nulls in {} values", entry,
                          index.null_pages[i] ? "all null" : "not all null", nulls, values));
    }
  }
  if (!leaf) return;
  EncodedValueComparator cmp(*leaf);
  if (!cmp.can_compare()) return;
  try {
    const std::string* prev_min = nullptr;
    const std::string* prev_max = nullptr;
    for (size_t i = 0; i < n; ++i) {
      if (index.null_pages[i]) continue;
      const std::string& min = index.min_values[i];
      const std::string& max = index.max_values[i];
      if (cmp.compare(min, max) > 0) {
        problem(fmt::format("{} entry {}: min {} > max {}", where, i, value_text(min, leaf, 40),
                            value_text(max, leaf, 40)));
      }
      if (prev_min) {
        const int c_min = cmp.compare(*prev_min, min), c_max = cmp.compare(*prev_max, max);
        if (index.boundary_order == BoundaryOrder::ASCENDING && (c_min > 0 || c_max > 0)) {
          problem(fmt::format("{}: boundary_order ASCENDING but entry {} is below entry {}", where,
                              i, i - 1));
        }
        if (index.boundary_order == BoundaryOrder::DESCENDING && (c_min < 0 || c_max < 0)) {
          problem(fmt::format("{}: boundary_order DESCENDING but entry {} is above entry {}", where,
                              i, i - 1));
        }
      }
      prev_min = &min;
      prev_max = &max;
    }
  } catch (const Error& e) {
    problem(fmt::format("{}: {}", where, e.what()));
  }
}

void Checker::read_bloom_filter(const Where& at, const ColumnMetaData& m, ChunkReport& chunk) {
  const std::string where = at.text() + ": bloom filter";
  if (!m.bloom_filter_offset) {
    if (m.bloom_filter_length) problem(where + ": bloom_filter_length without an offset");
    return;
  }
  BloomFilterReport bloom;
  bloom.offset = *m.bloom_filter_offset;
  bloom.length = m.bloom_filter_length;
  chunk.bloom_filter = bloom;
  // Without a length the header says how long the filter is.
  const int64_t limit = bloom.length ? *bloom.length : 0;
  if (!in_data_region(bloom.offset, limit, where)) return;
  const int64_t available =
      bloom.length ? *bloom.length : static_cast<int64_t>(footer_start_) - bloom.offset;
  CompactReader reader(
      file_.subspan(static_cast<size_t>(bloom.offset), static_cast<size_t>(available)));
  try {
    StructReader s(reader, "BloomFilterHeader");
    while (s.next()) {
      switch (s.id()) {
        case 1:
          bloom.num_bytes = s.i32("numBytes");
          break;
        case 2:
          bloom.algorithm = union_member(s, "algorithm", {"BLOCK"});
          break;
        case 3:
          bloom.hash = union_member(s, "hash", {"XXHASH"});
          break;
        case 4:
          bloom.compression = union_member(s, "compression", {"UNCOMPRESSED"});
          break;
        default:
          s.skip();
      }
    }
    s.require(1, "numBytes");
    s.require(2, "algorithm");
    s.require(3, "hash");
    s.require(4, "compression");
  } catch (const Error& e) {
    problem(fmt::format("{} header at offset {}: {}", where, bloom.offset, e.what()));
    chunk.bloom_filter = bloom;
    return;
  }
  bloom.header_length = reader.position();
  chunk.bloom_filter = bloom;
  const int64_t bitset = *bloom.num_bytes;
  if (bitset <= 0 || bitset % 32 != 0) {
    problem(
        fmt::format("{}: numBytes {} is not a positive multiple of 32 (one block)", where, bitset));
    return;
  }
  const int64_t total = static_cast<int64_t>(bloom.header_length) + bitset;
  if (bloom.length && *bloom.length != total) {
    problem(fmt::format("{}: bloom_filter_length {} differs from its header and bitset, {}", where,
                        *bloom.length, total));
  }
  if (in_data_region(bloom.offset, total, where)) {
    ranges_.push_back({bloom.offset, bloom.offset + total, where});
  }
}

// No two structures the footer points at may share bytes.
void Checker::check_ranges() {
  std::stable_sort(ranges_.begin(), ranges_.end(),
                   [](const Range& a, const Range& b) { return a.begin < b.begin; });
  // `reach` is the range reaching furthest so far: a long range may overlap
  // several that start after it.
  const Range* reach = nullptr;
  for (const Range& cur : ranges_) {
    if (cur.end <= cur.begin) continue;
    if (reach && cur.begin < reach->end) {
      problem(fmt::format("{} [{}, {}) overlaps {} [{}, {})", cur.what, cur.begin, cur.end,
                          reach->what, reach->begin, reach->end));
    }
    if (!reach || cur.end > reach->end) reach = &cur;
  }
}

}  // namespace spillway::cli::inspect

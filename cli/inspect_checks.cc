// Reads a Parquet file's footer, row groups and pages for `spillway inspect`
// (the schema: inspect_schema.cc; page index and bloom filters:
// inspect_index_checks.cc) and checks that they agree with each other. Every
// problem is recorded and the reading goes on, so one run reports all of them.

#include "inspect_checks.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>
#include <exception>
#include <map>
#include <utility>

#include "compression/codec.h"
#include "format/file_layout.h"
#include "format/metadata_io.h"
#include "spillway/error.h"
#include "statistics/boundary_order.h"

namespace spillway::cli::inspect {
namespace {

constexpr size_t kMagicSize = 4;

bool is_data_page(PageType t) {
  return t == PageType::DATA_PAGE || t == PageType::DATA_PAGE_V2;
}

bool is_dictionary_encoding(Encoding e) {
  return e == Encoding::RLE_DICTIONARY || e == Encoding::PLAIN_DICTIONARY;
}

std::string dotted(const std::vector<std::string>& parts) {
  return ColumnPath(parts).to_dot_string();
}

}  // namespace

int64_t page_num_values(const PageHeader& h) {
  if (h.type == PageType::DATA_PAGE && h.data_page_header) return h.data_page_header->num_values;
  if (h.type == PageType::DATA_PAGE_V2 && h.data_page_header_v2) {
    return h.data_page_header_v2->num_values;
  }
  return 0;
}

int64_t page_null_count(const PageHeader& h) {
  if (h.type == PageType::DATA_PAGE_V2 && h.data_page_header_v2) {
    return h.data_page_header_v2->num_nulls;
  }
  if (h.type == PageType::DATA_PAGE && h.data_page_header && h.data_page_header->statistics &&
      h.data_page_header->statistics->null_count) {
    return *h.data_page_header->statistics->null_count;
  }
  return -1;
}

std::string Checker::Where::text() const {
  return fmt::format("row group {}, column '{}'", row_group, chunk.path);
}

void add_problem(Report& report, std::string message) {
  if (report.problems.size() < kMaxProblems) {
    report.problems.push_back(std::move(message));
  } else {
    ++report.problems_dropped;
  }
}

void Checker::problem(std::string message) {
  add_problem(r_, std::move(message));
}

bool Checker::in_data_region(int64_t offset, int64_t length, const std::string& what) {
  const auto begin = static_cast<int64_t>(kMagicSize);
  const auto end = static_cast<int64_t>(footer_start_);
  if (offset >= begin && length >= 0 && offset <= end && length <= end - offset) return true;
  problem(
      fmt::format("{}: range [{}, +{}) lies outside the data between the magic and the footer "
                  "[{}, {})",
                  what, offset, length, begin, end));
  return false;
}

void Checker::run(uint64_t footer_start) {
  footer_start_ = footer_start;
  const FileMetaData& md = r_.metadata;
  build_schema();
  if (!md.column_orders.empty() && md.column_orders.size() != r_.schema.leaves.size()) {
    problem(fmt::format("column_orders has {} entries for {} leaf columns", md.column_orders.size(),
                        r_.schema.leaves.size()));
  }
  int64_t rows = 0;
  r_.row_groups.resize(md.row_groups.size());
  for (size_t i = 0; i < md.row_groups.size(); ++i) {
    rows += md.row_groups[i].num_rows;
    check_row_group(i);
  }
  if (rows != md.num_rows) {
    problem(fmt::format("num_rows is {} but the row groups hold {} rows", md.num_rows, rows));
  }
  check_ranges();
}

void Checker::check_row_group(size_t index) {
  const RowGroup& rg = r_.metadata.row_groups[index];
  RowGroupReport& report = r_.row_groups[index];
  const auto& leaves = r_.schema.leaves;
  const std::string at = fmt::format("row group {}", index);
  if (r_.schema.complete && rg.columns.size() != leaves.size()) {
    problem(fmt::format("{} has {} column chunks for {} leaf columns", at, rg.columns.size(),
                        leaves.size()));
  }
  if (rg.num_rows < 0) problem(fmt::format("{} has num_rows {}", at, rg.num_rows));
  if (rg.ordinal && *rg.ordinal != static_cast<int64_t>(index)) {
    problem(fmt::format("{} has ordinal {}", at, *rg.ordinal));
  }
  for (const SortingColumn& s : rg.sorting_columns) {
    if (s.column_idx < 0 || static_cast<size_t>(s.column_idx) >= rg.columns.size()) {
      problem(fmt::format("{}: sorting column {} is not one of its {} columns", at, s.column_idx,
                          rg.columns.size()));
    }
  }
  int64_t compressed = 0, uncompressed = 0;
  std::optional<int64_t> first_page;
  report.chunks.resize(rg.columns.size());
  for (size_t c = 0; c < rg.columns.size(); ++c) {
    const ColumnChunk& cc = rg.columns[c];
    ChunkReport& chunk = report.chunks[c];
    const Where where{index, chunk};
    if (!cc.meta_data) {
      chunk.path = fmt::format("#{}", c);
      problem(where.text() + " has no meta_data (encrypted columns are not supported)");
      continue;
    }
    const ColumnMetaData& m = *cc.meta_data;
    chunk.path = dotted(m.path_in_schema);
    if (c < leaves.size() && r_.schema.complete) {
      const ColumnDescriptor& leaf = leaves[c];
      if (leaf.path().parts() != m.path_in_schema) {
        problem(fmt::format("{}: path_in_schema does not match the schema's leaf '{}'",
                            where.text(), leaf.path().to_dot_string()));
      } else if (leaf.physical_type() != m.type) {
        problem(fmt::format("{}: type {} differs from the schema's {}", where.text(),
                            to_string(m.type), to_string(leaf.physical_type())));
      } else {
        chunk.leaf = &leaf;
      }
    }
    if (cc.file_path) {
      problem(fmt::format("{}: data is in another file ('{}'), which inspect does not read",
                          where.text(), *cc.file_path));
      continue;
    }
    compressed += m.total_compressed_size;
    uncompressed += m.total_uncompressed_size;
    try {
      read_pages(where, m, chunk);
      if (!chunk.pages.empty() && !first_page) first_page = chunk.pages.front().offset;
      if (chunk.leaf && chunk.leaf->max_repetition_level() == 0 && m.num_values != rg.num_rows) {
        problem(fmt::format("{}: num_values {} differs from the row group's num_rows {}",
                            where.text(), m.num_values, rg.num_rows));
      }
      read_offset_index(where, rg, cc, chunk);
      read_column_index(where, cc, chunk);
      read_bloom_filter(where, m, chunk);
    } catch (const std::exception& e) {  // a check that did not expect this file: keep going
      problem(fmt::format("{}: {}", where.text(), e.what()));
    }
  }
  if (rg.total_compressed_size && *rg.total_compressed_size != compressed) {
    problem(
        fmt::format("{}: total_compressed_size {} differs from the sum over its column "
                    "chunks, {}",
                    at, *rg.total_compressed_size, compressed));
  }
  if (rg.total_byte_size != uncompressed) {
    problem(
        fmt::format("{}: total_byte_size {} differs from the sum of its column chunks' "
                    "total_uncompressed_size, {}",
                    at, rg.total_byte_size, uncompressed));
  }
  if (rg.file_offset && first_page && *rg.file_offset != *first_page) {
    problem(fmt::format("{}: file_offset {} is not its first page, at {}", at, *rg.file_offset,
                        *first_page));
  }
}

// Walks the pages from the chunk's first page for total_compressed_size
// bytes, then checks them.
void Checker::read_pages(const Where& at, const ColumnMetaData& m, ChunkReport& chunk) {
  // Offset 0 holds the magic, so some writers' dictionary_page_offset 0 means none.
  const bool has_dictionary = m.dictionary_page_offset && *m.dictionary_page_offset > 0;
  const int64_t start = has_dictionary ? *m.dictionary_page_offset : m.data_page_offset;
  const std::string what = at.text() + ": column chunk";
  if (!in_data_region(start, m.total_compressed_size, what)) return;
  ranges_.push_back({start, start + m.total_compressed_size, what});
  const int64_t end = start + m.total_compressed_size;
  bool walked_to_end = true;
  for (int64_t pos = start; pos < end;) {
    PageReport page;
    page.offset = pos;
    auto rest = file_.subspan(static_cast<size_t>(pos), static_cast<size_t>(end - pos));
    try {
      page.header = read_page_header(rest, &page.header_length);
    } catch (const Error& e) {
      problem(fmt::format("{}: page header at offset {}: {}", at.text(), pos, e.what()));
      walked_to_end = false;
      break;
    }
    const int64_t size = page.header.compressed_page_size;
    const int64_t body = pos + static_cast<int64_t>(page.header_length);
    if (size < 0 || size > end - body) {
      problem(
          fmt::format("{}: page at offset {} (compressed_page_size {}) runs past the chunk's "
                      "end at {}: its pages do not add up to total_compressed_size {}",
                      at.text(), pos, size, end, m.total_compressed_size));
      walked_to_end = false;
      break;
    }
    if (page.header.crc) {
      auto bytes = file_.subspan(static_cast<size_t>(body), static_cast<size_t>(size));
      page.crc_ok = static_cast<int32_t>(crc32(bytes)) == *page.header.crc;
      if (!*page.crc_ok) {
        problem(fmt::format("{}: page at offset {}: crc does not match its bytes", at.text(), pos));
      }
    }
    if (is_data_page(page.header.type)) page.data_page = static_cast<int>(chunk.num_data_pages++);
    chunk.pages.push_back(std::move(page));
    pos = body + size;
  }
  const RowGroup& rg = r_.metadata.row_groups[at.row_group];
  count_rows(at, m, chunk);
  check_pages(at, rg, m, chunk, walked_to_end);
}

void Checker::check_pages(const Where& at, const RowGroup& rg, const ColumnMetaData& m,
                          const ChunkReport& chunk, bool walked_to_end) {
  const std::string where = at.text();
  const bool has_dictionary = m.dictionary_page_offset && *m.dictionary_page_offset > 0;
  const ColumnDescriptor* leaf = chunk.leaf;
  const bool flat = leaf && leaf->max_repetition_level() == 0;
  bool dictionary_seen = false, data_seen = false;
  int64_t values = 0, uncompressed = 0, rows = 0, nulls = 0;
  bool nulls_known = true, rows_known = true;
  std::map<std::pair<PageType, Encoding>, int32_t> encoding_counts;
  for (const PageReport& p : chunk.pages) {
    const PageHeader& h = p.header;
    const std::string page = fmt::format("{}: {} at offset {}", where, to_string(h.type), p.offset);
    uncompressed += static_cast<int64_t>(p.header_length) + h.uncompressed_page_size;
    if (h.uncompressed_page_size < 0) {
      problem(fmt::format("{} has uncompressed_page_size {}", page, h.uncompressed_page_size));
    }
    bool stored_as_is = m.codec == CompressionCodec::UNCOMPRESSED;
    switch (h.type) {
      case PageType::DICTIONARY_PAGE:
        if (!h.dictionary_page_header) {
          problem(page + " has no dictionary_page_header");
          break;
        }
        if (data_seen || dictionary_seen) {
          problem(page + ": a dictionary page must be the chunk's first and only one");
        }
        if (!has_dictionary) problem(page + ": the chunk has no dictionary_page_offset");
        dictionary_seen = true;
        ++encoding_counts[{h.type, h.dictionary_page_header->encoding}];
        break;
      case PageType::DATA_PAGE:
        if (!h.data_page_header) {
          problem(page + " has no data_page_header");
          break;
        }
        ++encoding_counts[{h.type, h.data_page_header->encoding}];
        break;
      case PageType::DATA_PAGE_V2: {
        if (!h.data_page_header_v2) {
          problem(page + " has no data_page_header_v2");
          break;
        }
        const DataPageHeaderV2& v2 = *h.data_page_header_v2;
        ++encoding_counts[{h.type, v2.encoding}];
        if (!v2.is_compressed.value_or(true)) stored_as_is = true;
        if (v2.num_nulls < 0 || v2.num_nulls > v2.num_values || v2.num_rows < 0 ||
            v2.num_rows > v2.num_values) {
          problem(fmt::format("{}: num_nulls {} and num_rows {} do not fit num_values {}", page,
                              v2.num_nulls, v2.num_rows, v2.num_values));
        }
        if (flat && v2.num_rows != v2.num_values) {
          problem(fmt::format("{}: num_rows {} differs from num_values {} in a flat column", page,
                              v2.num_rows, v2.num_values));
        }
        const int64_t levels =
            int64_t{v2.definition_levels_byte_length} + v2.repetition_levels_byte_length;
        if (v2.definition_levels_byte_length < 0 || v2.repetition_levels_byte_length < 0 ||
            levels > h.compressed_page_size || levels > h.uncompressed_page_size) {
          problem(fmt::format("{}: level lengths {} + {} do not fit the page", page,
                              v2.repetition_levels_byte_length, v2.definition_levels_byte_length));
        }
        break;
      }
      default:
        problem(page + ": unexpected page type in a column chunk");
    }
    if (stored_as_is && h.compressed_page_size != h.uncompressed_page_size) {
      problem(
          fmt::format("{} is not compressed but its compressed_page_size {} differs from its "
                      "uncompressed_page_size {}",
                      page, h.compressed_page_size, h.uncompressed_page_size));
    }
    if (!is_data_page(h.type)) continue;
    if (!data_seen && p.offset != m.data_page_offset) {
      problem(fmt::format("{}: data_page_offset {} is not the first data page, which is at {}",
                          where, m.data_page_offset, p.offset));
    }
    // The first value of a chunk is the first of a row.
    if (!data_seen && p.first_repetition_level.value_or(0) != 0) {
      problem(fmt::format("{}: the chunk's first repetition level is {}, not 0", page,
                          *p.first_repetition_level));
    }
    data_seen = true;
    if (p.rows) {
      rows += *p.rows;
    } else {
      rows_known = false;
    }
    const int64_t n = page_num_values(h);
    values += n;
    const int64_t page_nulls = page_null_count(h);
    if (page_nulls < 0) nulls_known = false;
    nulls += std::max<int64_t>(page_nulls, 0);
    const Encoding encoding =
        h.data_page_header
            ? h.data_page_header->encoding
            : (h.data_page_header_v2 ? h.data_page_header_v2->encoding : Encoding::PLAIN);
    if (is_dictionary_encoding(encoding) && !dictionary_seen) {
      problem(fmt::format("{} uses {} but the chunk has no dictionary page", page,
                          to_string(encoding)));
    }
    if (std::find(m.encodings.begin(), m.encodings.end(), encoding) == m.encodings.end()) {
      problem(fmt::format("{}: its encoding {} is missing from the chunk's encodings", page,
                          to_string(encoding)));
    }
    const Statistics* s = nullptr;
    if (h.data_page_header && h.data_page_header->statistics) s = &*h.data_page_header->statistics;
    if (h.data_page_header_v2 && h.data_page_header_v2->statistics) {
      s = &*h.data_page_header_v2->statistics;
    }
    if (s) check_statistics(page + " statistics", *s, n, leaf);
  }
  if (has_dictionary &&
      (chunk.pages.empty() || chunk.pages.front().header.type != PageType::DICTIONARY_PAGE)) {
    problem(fmt::format("{}: dictionary_page_offset {} does not point at a dictionary page", where,
                        *m.dictionary_page_offset));
  }
  if (!walked_to_end) return;  // the totals below would only repeat the problem
  if (!data_seen && m.num_values > 0) problem(where + ": the chunk has no data page");
  if (values != m.num_values) {
    problem(fmt::format("{}: num_values is {} but its data pages hold {}", where, m.num_values,
                        values));
  }
  if (uncompressed != m.total_uncompressed_size) {
    problem(fmt::format("{}: total_uncompressed_size is {} but its page headers and pages take {}",
                        where, m.total_uncompressed_size, uncompressed));
  }
  // Nested leaves: rows are where the repetition level is 0, and every row
  // has at least one level.
  if (!flat && leaf && data_seen && rows_known && rows != rg.num_rows) {
    problem(fmt::format("{}: {} rows begin in its data pages, the row group has {}", where, rows,
                        rg.num_rows));
  }
  if (!flat && leaf && m.num_values < rg.num_rows) {
    problem(
        fmt::format("{}: num_values {} is below the row group's num_rows {}: every row has "
                    "at least one level",
                    where, m.num_values, rg.num_rows));
  }
  if (m.statistics) {
    check_statistics(where + ": chunk statistics", *m.statistics, m.num_values, leaf);
    if (flat && nulls_known && data_seen && m.statistics->null_count &&
        *m.statistics->null_count != nulls) {
      problem(fmt::format("{}: statistics null_count is {} but its pages hold {} nulls", where,
                          *m.statistics->null_count, nulls));
    }
  }
  if (!m.encoding_stats.empty()) {
    std::map<std::pair<PageType, Encoding>, int32_t> listed;
    for (const PageEncodingStats& s : m.encoding_stats)
      listed[{s.page_type, s.encoding}] += s.count;
    if (listed != encoding_counts) {
      problem(where + ": encoding_stats do not match the pages' types and encodings");
    }
  }
  check_size_statistics(at, m);
}

void Checker::check_statistics(const std::string& at, const Statistics& s, int64_t num_values,
                               const ColumnDescriptor* leaf) {
  if (s.null_count && (*s.null_count < 0 || *s.null_count > num_values)) {
    problem(fmt::format("{}: null_count {} does not fit {} values", at, *s.null_count, num_values));
  }
  if (!leaf) return;
  EncodedValueComparator cmp(*leaf);
  if (!cmp.can_compare()) return;
  auto compare = [&](const std::optional<std::string>& min, const std::optional<std::string>& max,
                     const char* names) {
    if (!min || !max) return;
    try {
      if (cmp.compare(*min, *max) > 0) {
        problem(fmt::format("{}: {} are out of order ({} > {})", at, names,
                            value_text(*min, leaf, 40), value_text(*max, leaf, 40)));
      }
    } catch (const Error& e) {
      problem(fmt::format("{}: {}: {}", at, names, e.what()));
    }
  };
  compare(s.min_value, s.max_value, "min_value and max_value");
}

void Checker::check_size_statistics(const Where& at, const ColumnMetaData& m) {
  if (!m.size_statistics || !at.chunk.leaf) return;
  const SizeStatistics& s = *m.size_statistics;
  const ColumnDescriptor& leaf = *at.chunk.leaf;
  auto check = [&](const std::vector<int64_t>& histogram, int16_t max_level, const char* name) {
    if (histogram.empty()) return;
    int64_t sum = 0;
    for (int64_t n : histogram) sum += n;
    if (histogram.size() != static_cast<size_t>(max_level) + 1) {
      problem(fmt::format("{}: size_statistics {} has {} entries for max level {}", at.text(), name,
                          histogram.size(), max_level));
    } else if (sum != m.num_values) {
      problem(fmt::format("{}: size_statistics {} counts {} levels for {} values", at.text(), name,
                          sum, m.num_values));
    }
  };
  check(s.definition_level_histogram, leaf.max_definition_level(), "definition_level_histogram");
  check(s.repetition_level_histogram, leaf.max_repetition_level(), "repetition_level_histogram");
}

Report inspect_file(std::span<const uint8_t> file, std::string path, bool verify) {
  Report report;
  report.path = std::move(path);
  report.file_size = file.size();
  constexpr size_t kMinSize = 2 * kMagicSize + 4;
  if (file.size() < kMinSize) {
    throw NotParquet(fmt::format("file of {} bytes is too small to be Parquet (at least {})",
                                 file.size(), kMinSize));
  }
  if (std::memcmp(file.data(), "PAR1", kMagicSize) != 0) {
    throw NotParquet("not a Parquet file: it does not start with the magic \"PAR1\"");
  }
  const uint8_t* tail = file.data() + file.size() - kMagicSize;
  if (std::memcmp(tail, "PARE", kMagicSize) == 0) {
    throw NotParquet("the file has an encrypted footer (\"PARE\"), which inspect cannot read");
  }
  if (std::memcmp(tail, "PAR1", kMagicSize) != 0) {
    throw NotParquet("the file does not end with the magic \"PAR1\": truncated, or not Parquet");
  }
  try {
    ParquetFooter footer = read_footer(file);
    report.metadata = std::move(footer.metadata);
    report.footer_length = footer.metadata_length;
  } catch (const Error& e) {
    report.problems.push_back(e.what());
    return report;
  }
  report.footer_read = true;
  Checker(file, report).run(file.size() - 2 * kMagicSize - report.footer_length);
  if (verify) verify_values(file, report);
  return report;
}

}  // namespace spillway::cli::inspect

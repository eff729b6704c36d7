#pragma once

// The reader and checker behind inspect_file(): its state is shared by
// inspect_checks.cc (footer, row groups, pages), inspect_schema.cc (the
// schema tree), inspect_levels.cc (rows per page from repetition levels)
// and inspect_index_checks.cc (page index, bloom filters, byte ranges).

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "inspect_report.h"

namespace spillway::cli::inspect {

class Checker {
 public:
  Checker(std::span<const uint8_t> file, Report& report) : file_(file), r_(report) {}
  // Reads everything the footer points at into the report, checking as it goes.
  void run(uint64_t footer_start);

 private:
  // Where a problem is: "row group 1, column 'a.b'".
  struct Where {
    size_t row_group;
    const ChunkReport& chunk;
    std::string text() const;
  };
  // A byte range the footer claims, for the overlap check.
  struct Range {
    int64_t begin, end;
    std::string what;
  };

  void problem(std::string message);
  void build_schema();
  void check_nested_annotation(size_t element);
  void check_row_group(size_t index);
  void read_pages(const Where& at, const ColumnMetaData& m, ChunkReport& chunk);
  // inspect_levels.cc: PageReport::rows and first_repetition_level.
  void count_rows(const Where& at, const ColumnMetaData& m, ChunkReport& chunk);
  void check_pages(const Where& at, const RowGroup& rg, const ColumnMetaData& m,
                   const ChunkReport& chunk, bool walked_to_end);
  void check_statistics(const std::string& at, const Statistics& s, int64_t num_values,
                        const ColumnDescriptor* leaf);
  void check_size_statistics(const Where& at, const ColumnMetaData& m);

  // inspect_index_checks.cc
  void read_offset_index(const Where& at, const RowGroup& rg, const ColumnChunk& cc,
                         ChunkReport& chunk);
  void read_column_index(const Where& at, const ColumnChunk& cc, ChunkReport& chunk);
  void read_bloom_filter(const Where& at, const ColumnMetaData& m, ChunkReport& chunk);
  void check_ranges();

  // True when [offset, offset + length) lies in the data region (between the
  // leading magic and the footer); otherwise reports `what`.
  bool in_data_region(int64_t offset, int64_t length, const std::string& what);

  std::span<const uint8_t> file_;
  Report& r_;
  uint64_t footer_start_ = 0;
  std::vector<Range> ranges_;
};

// Null count of a data page when its header says it (DataPageHeaderV2, or
// page statistics); -1 when unknown.
int64_t page_null_count(const PageHeader& h);
// num_values of a data page, 0 for other pages.
int64_t page_num_values(const PageHeader& h);

}  // namespace spillway::cli::inspect

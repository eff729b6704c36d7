// `spillway inspect` on corrupted copies of valid files: each layout check
// names the problem, and no corruption crashes it.

#include <gtest/gtest.h>

#include <sstream>
#include <string>

#include "compression/codec.h"
#include "format/metadata_io.h"
#include "inspect_report.h"
#include "inspect_test_util.h"

namespace spillway::cli::inspect_test {
namespace {

TEST_F(InspectTest, AFooterLengthPastTheStartIsInvalid) {
  Bytes8 file = sample_file({});
  file[file.size() - 5] = 0x7F;  // the footer length's high byte
  Result r = inspect(file);
  expect_invalid(r, "footer length");
  EXPECT_TRUE(contains(r.out, "File        ")) << r.out;
}

TEST_F(InspectTest, AFlippedPageHeaderByteIsFound) {
  Bytes8 file = sample_file({});
  const RawPage page = pages_of(file, 1, 0).at(1);  // the second page of 'id'
  file[static_cast<size_t>(page.offset)] = 0;       // STOP: a header without fields
  Result r = inspect(file);
  expect_invalid(r,
                 "row group 1, column 'id': page header at offset " + std::to_string(page.offset));
  EXPECT_TRUE(contains(r.err, "missing required field")) << r.err;
}

TEST_F(InspectTest, AWrongOffsetInTheOffsetIndexIsFound) {
  Bytes8 file = sample_file({});
  Parts parts = split(file);
  ColumnChunk& chunk = parts.metadata.row_groups[0].columns[1];
  OffsetIndex index = *read_offset_index(file, chunk);
  ASSERT_EQ(index.page_locations.size(), 2u);
  index.page_locations[1].offset += 3;
  ByteBuffer bytes;
  write_thrift(index, bytes);
  chunk.offset_index_offset = parts.append(bytes);
  chunk.offset_index_length = static_cast<int32_t>(bytes.size());
  const int64_t actual = pages_of(file, 0, 1).back().offset;
  expect_invalid(inspect(parts.join()),
                 "row group 0, column 'city': offset index entry 1: offset " +
                     std::to_string(actual + 3) + " is not the data page's, " +
                     std::to_string(actual));
}

TEST_F(InspectTest, OffsetIndexRowsMustMatchThePages) {
  Bytes8 file = sample_file({});
  Parts parts = split(file);
  ColumnChunk& chunk = parts.metadata.row_groups[1].columns[2];
  OffsetIndex index = *read_offset_index(file, chunk);
  index.page_locations[1].first_row_index = 3;
  index.page_locations[0].compressed_page_size += 1;
  ByteBuffer bytes;
  write_thrift(index, bytes);
  chunk.offset_index_offset = parts.append(bytes);
  chunk.offset_index_length = static_cast<int32_t>(bytes.size());
  Result r = inspect(parts.join());
  expect_invalid(r, "offset index entry 1: first_row_index 3 but the pages before it hold 2 rows");
  expect_invalid(r, "offset index entry 0: compressed_page_size");
}

TEST_F(InspectTest, AChunkSizeThatDoesNotAddUpIsFound) {
  Bytes8 file = sample_file({});
  Result r = inspect(
      with_metadata(file, [](FileMetaData& md) { column(md, 0, 0).total_compressed_size -= 1; }));
  expect_invalid(r, "row group 0, column 'id': page at offset");
  expect_invalid(r, "do not add up to total_compressed_size");

  r = inspect(
      with_metadata(file, [](FileMetaData& md) { column(md, 2, 3).total_uncompressed_size += 7; }));
  expect_invalid(r, "row group 2, column 'day': total_uncompressed_size is");
  // The row group's total_byte_size no longer adds up either.
  expect_invalid(r, "row group 2: total_byte_size");
}

TEST_F(InspectTest, ValueAndRowCountsMustAgree) {
  Bytes8 file = sample_file({});
  Result r =
      inspect(with_metadata(file, [](FileMetaData& md) { column(md, 1, 4).num_values = 5; }));
  expect_invalid(r, "row group 1, column 'amount': num_values is 5 but its data pages hold 4");
  expect_invalid(r, "num_values 5 differs from the row group's num_rows 4");

  r = inspect(with_metadata(file, [](FileMetaData& md) { md.num_rows = 11; }));
  expect_invalid(r, "num_rows is 11 but the row groups hold 10 rows");

  r = inspect(with_metadata(
      file, [](FileMetaData& md) { md.row_groups[2].sorting_columns[0].column_idx = 6; }));
  expect_invalid(r, "row group 2: sorting column 6 is not one of its 6 columns");
}

TEST_F(InspectTest, AColumnIndexWithoutItsOffsetIndexIsInvalid) {
  Bytes8 file = sample_file({});
  Result r = inspect(with_metadata(file, [](FileMetaData& md) {
    md.row_groups[0].columns[5].offset_index_offset.reset();
    md.row_groups[0].columns[5].offset_index_length.reset();
  }));
  expect_invalid(r, "row group 0, column 'ts': column index is present without an offset index");

  // Without either, the file is fine.
  r = inspect(with_metadata(file, [](FileMetaData& md) {
    for (RowGroup& rg : md.row_groups) {
      for (ColumnChunk& c : rg.columns) {
        c.offset_index_offset.reset(), c.offset_index_length.reset();
        c.column_index_offset.reset(), c.column_index_length.reset();
      }
    }
  }));
  EXPECT_EQ(r.code, kInspectValid) << r.err;
}

TEST_F(InspectTest, AColumnIndexMustDescribeThePages) {
  Bytes8 file = sample_file({});
  Parts parts = split(file);
  ColumnChunk& chunk = parts.metadata.row_groups[0].columns[0];
  ColumnIndex index = *read_column_index(file, chunk);
  ASSERT_EQ(index.boundary_order, BoundaryOrder::ASCENDING);
  std::swap(index.min_values[0], index.min_values[1]);  // ids 3 and 1: no longer ascending
  index.null_pages.push_back(false);
  ByteBuffer bytes;
  write_thrift(index, bytes);
  chunk.column_index_offset = parts.append(bytes);
  chunk.column_index_length = static_cast<int32_t>(bytes.size());
  Result r = inspect(parts.join());
  expect_invalid(r, "row group 0, column 'id': column index has 3 entries for 2 data pages");
  expect_invalid(r, "min_values has 2 entries, not 3");

  index.null_pages.pop_back();
  bytes.clear();
  write_thrift(index, bytes);
  chunk.column_index_offset = parts.append(bytes);
  chunk.column_index_length = static_cast<int32_t>(bytes.size());
  r = inspect(parts.join());
  expect_invalid(r, "column index entry 0: min 3 > max 2");
  expect_invalid(r, "boundary_order ASCENDING but entry 1 is below entry 0");
}

TEST_F(InspectTest, DictionaryAndDataPageOffsetsMustPointAtTheirPages) {
  Bytes8 file = sample_file({});
  const std::vector<RawPage> pages = pages_of(file, 0, 1);  // city: dictionary + 2 data pages
  ASSERT_EQ(pages.size(), 3u);
  Result r = inspect(with_metadata(
      file, [&](FileMetaData& md) { column(md, 0, 1).data_page_offset = pages[2].offset; }));
  expect_invalid(r, "data_page_offset " + std::to_string(pages[2].offset) +
                        " is not the first data page, which is at " +
                        std::to_string(pages[1].offset));

  r = inspect(with_metadata(file, [&](FileMetaData& md) {
    ColumnMetaData& m = column(md, 0, 1);
    m.dictionary_page_offset.reset();  // the walk starts at the data page
    m.total_compressed_size -= pages[1].offset - pages[0].offset;
    m.total_uncompressed_size -=
        static_cast<int64_t>(pages[0].header_length) + pages[0].header.uncompressed_page_size;
  }));
  expect_invalid(r, "uses RLE_DICTIONARY but the chunk has no dictionary page");
}

TEST_F(InspectTest, OverlappingChunksAreFound) {
  Bytes8 file = sample_file({.page_index = false});
  Result r = inspect(with_metadata(
      file, [](FileMetaData& md) { md.row_groups[1].columns[0] = md.row_groups[0].columns[0]; }));
  expect_invalid(r, "row group 1, column 'id': column chunk [");
  expect_invalid(r, "overlaps row group 0, column 'id': column chunk");
}

TEST_F(InspectTest, ProblemsAreCappedAt50) {
  Bytes8 file = sample_file({.rows = 40, .row_group_rows = 1});
  Result r = inspect(with_metadata(file, [](FileMetaData& md) {
    for (RowGroup& rg : md.row_groups) rg.num_rows = 2;  // 6 problems per row group
  }));
  EXPECT_EQ(r.code, kInspectInvalid);
  EXPECT_EQ(count(r.err, "\n"), 51u) << r.err;
  EXPECT_TRUE(contains(r.err, "... and ")) << r.err;
  EXPECT_TRUE(contains(r.out, "Problems    ")) << r.out;
}

// Rewrites the only chunk of a one-column file with a crc in every page
// header; `wrong` makes the first page's crc wrong.
Bytes8 with_page_crcs(const Bytes8& file, bool wrong) {
  Parts parts = split(file);
  ColumnChunk& chunk = parts.metadata.row_groups.at(0).columns.at(0);
  ColumnMetaData& m = *chunk.meta_data;
  Bytes8 body = {'P', 'A', 'R', '1'};
  int64_t uncompressed = 0;
  bool first = true, data_seen = false;
  for (const RawPage& page : read_column_chunk_pages(file, chunk)) {
    PageHeader h = page.header;
    h.crc = static_cast<int32_t>(crc32(page.body)) + (wrong && first ? 1 : 0);
    first = false;
    if (h.type == PageType::DICTIONARY_PAGE)
      m.dictionary_page_offset = static_cast<int64_t>(body.size());
    if (h.type == PageType::DATA_PAGE && !data_seen) {
      m.data_page_offset = static_cast<int64_t>(body.size());
      data_seen = true;
    }
    ByteBuffer header;
    write_thrift(h, header);
    uncompressed += static_cast<int64_t>(header.size()) + h.uncompressed_page_size;
    body.insert(body.end(), header.data(), header.data() + header.size());
    body.insert(body.end(), page.body.begin(), page.body.end());
  }
  m.total_compressed_size = static_cast<int64_t>(body.size()) - 4;
  m.total_uncompressed_size = uncompressed;
  parts.metadata.row_groups[0].total_byte_size = uncompressed;
  parts.metadata.row_groups[0].total_compressed_size = m.total_compressed_size;
  parts.metadata.row_groups[0].file_offset = 4;
  parts.body = body;
  return parts.join();
}

TEST_F(InspectTest, PageCrcsAreVerified) {
  const Bytes8 file = one_column_file();
  Result r = inspect(with_page_crcs(file, false), true, true);
  ASSERT_EQ(r.code, kInspectValid) << r.err << r.out;
  EXPECT_EQ(count(r.out, "\"crc\": \"ok\""), 1u) << r.out;
  r = inspect(with_page_crcs(file, true), true);
  expect_invalid(r, "row group 0, column 'n': page at offset 4: crc does not match its bytes");
  EXPECT_TRUE(contains(r.out, " BAD\n")) << r.out;
}

// Any single corrupted byte gives a report or an error, never a crash (run
// under the sanitizers to make "never" mean something), and the JSON stays
// well-formed.
TEST(InspectCorruption, EveryFlippedByteIsHandled) {
  const Bytes8 file = sample_file({.version = WriterVersion::PARQUET_2_0, .rows = 6});
  const auto [invalid, unreadable] = flip_every_byte(file);
  EXPECT_EQ(unreadable, 8u);  // the two magics
  // Most bytes are page data, which no check reads; the rest must be caught.
  EXPECT_GT(invalid, file.size() / 2) << file.size();
}

}  // namespace
}  // namespace spillway::cli::inspect_test

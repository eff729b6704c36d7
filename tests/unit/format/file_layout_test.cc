#include "format/file_layout.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "format/metadata_io.h"
#include "spillway/error.h"

namespace spillway {
namespace {

using Bytes8 = std::vector<uint8_t>;

void append(Bytes8& out, const ByteBuffer& b) {
  out.insert(out.end(), b.data(), b.data() + b.size());
}

template <typename T>
void append_thrift(Bytes8& out, const T& v) {
  ByteBuffer b;
  write_thrift(v, b);
  append(out, b);
}

// A hand-built file: one row group, one column "c" with a dictionary page,
// a v1 and a v2 data page, then its column index and offset index.
struct TestFile {
  Bytes8 image;
  FileMetaData metadata;
  std::vector<int64_t> page_offsets;
  std::vector<Bytes8> bodies;
  ColumnIndex column_index;
  OffsetIndex offset_index;
  uint32_t footer_length = 0;
};

TestFile build_file() {
  TestFile f;
  f.image = {'P', 'A', 'R', '1'};

  PageHeader dict;
  dict.type = PageType::DICTIONARY_PAGE;
  dict.dictionary_page_header = DictionaryPageHeader{2, Encoding::PLAIN, std::nullopt};
  PageHeader v1;
  v1.type = PageType::DATA_PAGE;
  v1.data_page_header =
      DataPageHeader{3, Encoding::RLE_DICTIONARY, Encoding::RLE, Encoding::RLE, std::nullopt};
  PageHeader v2;
  v2.type = PageType::DATA_PAGE_V2;
  v2.data_page_header_v2 =
      DataPageHeaderV2{2, 0, 2, Encoding::RLE_DICTIONARY, 0, 0, false, std::nullopt};
  f.bodies = {{1, 2, 3, 4, 5, 6, 7, 8}, {9, 9, 9}, {}};
  std::vector<PageHeader> headers = {dict, v1, v2};
  for (size_t i = 0; i < headers.size(); ++i) {
    headers[i].compressed_page_size = static_cast<int32_t>(f.bodies[i].size());
    headers[i].uncompressed_page_size = static_cast<int32_t>(f.bodies[i].size() * 2);
    f.page_offsets.push_back(static_cast<int64_t>(f.image.size()));
    append_thrift(f.image, headers[i]);
    f.image.insert(f.image.end(), f.bodies[i].begin(), f.bodies[i].end());
  }
  int64_t chunk_end = static_cast<int64_t>(f.image.size());

  f.column_index.null_pages = {false, false};
  f.column_index.min_values = {"a", "b"};
  f.column_index.max_values = {"c", "d"};
  f.column_index.null_counts = {0, 0};
  int64_t ci_offset = static_cast<int64_t>(f.image.size());
  append_thrift(f.image, f.column_index);
  int64_t oi_offset = static_cast<int64_t>(f.image.size());
  f.offset_index.page_locations = {
      {f.page_offsets[1], static_cast<int32_t>(f.page_offsets[2] - f.page_offsets[1]), 0},
      {f.page_offsets[2], static_cast<int32_t>(chunk_end - f.page_offsets[2]), 3}};
  append_thrift(f.image, f.offset_index);
  int64_t oi_end = static_cast<int64_t>(f.image.size());

  ColumnMetaData md;
  md.type = PhysicalType::BYTE_ARRAY;
  md.encodings = {Encoding::PLAIN, Encoding::RLE, Encoding::RLE_DICTIONARY};
  md.path_in_schema = {"c"};
  md.num_values = 5;
  md.total_compressed_size = chunk_end - 4;
  md.total_uncompressed_size = chunk_end - 4;
  md.dictionary_page_offset = 4;
  md.data_page_offset = f.page_offsets[1];
  ColumnChunk cc;
  cc.meta_data = md;
  cc.column_index_offset = ci_offset;
  cc.column_index_length = static_cast<int32_t>(oi_offset - ci_offset);
  cc.offset_index_offset = oi_offset;
  cc.offset_index_length = static_cast<int32_t>(oi_end - oi_offset);
  RowGroup rg;
  rg.columns = {cc};
  rg.num_rows = 5;
  rg.total_byte_size = md.total_uncompressed_size;
  f.metadata.num_rows = 5;
  SchemaElement root;
  root.name = "schema";
  root.num_children = 1;
  SchemaElement leaf;
  leaf.name = "c";
  leaf.type = PhysicalType::BYTE_ARRAY;
  leaf.repetition_type = FieldRepetitionType::REQUIRED;
  f.metadata.schema = {root, leaf};
  f.metadata.row_groups = {rg};

  size_t before = f.image.size();
  append_thrift(f.image, f.metadata);
  f.footer_length = static_cast<uint32_t>(f.image.size() - before);
  for (int i = 0; i < 4; ++i) f.image.push_back(static_cast<uint8_t>(f.footer_length >> (8 * i)));
  f.image.insert(f.image.end(), {'P', 'A', 'R', '1'});
  return f;
}

std::string error_of(auto&& fn) {
  try {
    fn();
  } catch (const Error& e) {
    return e.what();
  }
  return "no error";
}

bool contains(const std::string& s, const std::string& part) {
  return s.find(part) != std::string::npos;
}

const ColumnChunk& chunk_of(const TestFile& f) {
  return f.metadata.row_groups[0].columns[0];
}

TEST(FileLayout, ReadsFooter) {
  TestFile f = build_file();
  ParquetFooter footer = read_footer(f.image);
  EXPECT_EQ(footer.metadata, f.metadata);
  EXPECT_EQ(footer.metadata_length, f.footer_length);
}

TEST(FileLayout, ReadsColumnChunkPages) {
  TestFile f = build_file();
  std::vector<RawPage> pages = read_column_chunk_pages(f.image, chunk_of(f));
  ASSERT_EQ(pages.size(), 3u);
  EXPECT_EQ(pages[0].header.type, PageType::DICTIONARY_PAGE);
  EXPECT_EQ(pages[1].header.type, PageType::DATA_PAGE);
  EXPECT_EQ(pages[2].header.type, PageType::DATA_PAGE_V2);
  for (size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(pages[i].offset, f.page_offsets[i]);
    EXPECT_EQ(Bytes8(pages[i].body.begin(), pages[i].body.end()), f.bodies[i]);
    int64_t next = i + 1 < 3 ? f.page_offsets[i + 1]
                             : f.page_offsets[0] + chunk_of(f).meta_data->total_compressed_size;
    EXPECT_EQ(pages[i].offset + static_cast<int64_t>(pages[i].header_length + pages[i].body.size()),
              next);
  }
  EXPECT_EQ(pages[1].header.data_page_header->num_values, 3);
}

TEST(FileLayout, ReadsPageIndex) {
  TestFile f = build_file();
  EXPECT_EQ(read_column_index(f.image, chunk_of(f)), f.column_index);
  EXPECT_EQ(read_offset_index(f.image, chunk_of(f)), f.offset_index);

  ColumnChunk none = chunk_of(f);
  none.column_index_offset.reset();
  none.column_index_length.reset();
  none.offset_index_offset.reset();
  none.offset_index_length.reset();
  EXPECT_EQ(read_column_index(f.image, none), std::nullopt);
  EXPECT_EQ(read_offset_index(f.image, none), std::nullopt);
}

TEST(FileLayout, PageIndexErrors) {
  TestFile f = build_file();
  ColumnChunk c = chunk_of(f);
  c.column_index_length.reset();
  EXPECT_TRUE(contains(error_of([&] { read_column_index(f.image, c); }),
                       "column 'c' ColumnIndex: only one of its offset and length is set"));
  c = chunk_of(f);
  c.offset_index_offset = static_cast<int64_t>(f.image.size()) - 5;
  EXPECT_TRUE(contains(error_of([&] { read_offset_index(f.image, c); }), "lies outside the file"));
  c = chunk_of(f);
  *c.column_index_length += 1;  // one trailing byte the structure does not use
  EXPECT_TRUE(contains(error_of([&] { read_column_index(f.image, c); }), "but its length is"));
  c = chunk_of(f);
  *c.column_index_length -= 1;
  EXPECT_TRUE(contains(error_of([&] { read_column_index(f.image, c); }),
                       "column 'c' ColumnIndex: thrift: truncated"));
}

TEST(FileLayout, PageSizesMustAddUpToTheChunk) {
  TestFile f = build_file();
  for (int delta : {-1, 1, -9}) {
    ColumnChunk c = chunk_of(f);
    c.meta_data->total_compressed_size += delta;
    EXPECT_THROW(read_column_chunk_pages(f.image, c), Error) << delta;
  }
  ColumnChunk c = chunk_of(f);
  c.meta_data->total_compressed_size = static_cast<int64_t>(f.image.size());
  EXPECT_TRUE(
      contains(error_of([&] { read_column_chunk_pages(f.image, c); }), "lies outside the file"));
}

TEST(FileLayout, OffsetsMustPointAtTheirPages) {
  TestFile f = build_file();
  ColumnChunk c = chunk_of(f);
  c.meta_data->data_page_offset = f.page_offsets[2];
  EXPECT_TRUE(contains(error_of([&] { read_column_chunk_pages(f.image, c); }),
                       "is not the first data page"));

  // Without the dictionary offset the walk starts at the first data page and
  // cannot account for the dictionary page's bytes.
  c = chunk_of(f);
  c.meta_data->dictionary_page_offset.reset();
  EXPECT_THROW(read_column_chunk_pages(f.image, c), Error);

  c = chunk_of(f);
  c.meta_data.reset();
  EXPECT_EQ(error_of([&] { read_column_chunk_pages(f.image, c); }),
            "column chunk has no meta_data");
}

TEST(FileLayout, FooterErrors) {
  TestFile f = build_file();
  Bytes8 bad = f.image;
  bad[0] = 'X';
  EXPECT_EQ(error_of([&] { read_footer(bad); }), "file does not start with the magic \"PAR1\"");
  bad = f.image;
  bad.back() = 'E';
  EXPECT_TRUE(contains(error_of([&] { read_footer(bad); }), "encrypted footer"));
  bad = f.image;
  bad.back() = 'X';
  EXPECT_EQ(error_of([&] { read_footer(bad); }), "file does not end with the magic \"PAR1\"");
  bad = f.image;
  bad[bad.size() - 6] = 0x7F;  // footer length far beyond the file
  EXPECT_TRUE(contains(error_of([&] { read_footer(bad); }), "does not fit the file"));
  bad = f.image;
  bad[bad.size() - 8] -= 1;  // the FileMetaData would start one byte late
  EXPECT_TRUE(contains(error_of([&] { read_footer(bad); }), "footer: thrift:"));
  // One byte between the FileMetaData and the footer length.
  bad = f.image;
  bad.insert(bad.end() - 8, 0x00);
  bad[bad.size() - 8] += 1;
  EXPECT_EQ(error_of([&] { read_footer(bad); }),
            "footer: FileMetaData takes " + std::to_string(f.footer_length) +
                " bytes but the footer length is " + std::to_string(f.footer_length + 1));
  Bytes8 tiny = {'P', 'A', 'R', '1', 0, 0, 0, 0, 'P', 'A', 'R', '1'};
  EXPECT_TRUE(contains(error_of([&] { read_footer(tiny); }), "footer length 0"));
  EXPECT_TRUE(
      contains(error_of([&] { read_footer(Bytes8(tiny.begin(), tiny.end() - 1)); }), "too small"));
  // Every truncation of the file fails cleanly.
  for (size_t n = 0; n < f.image.size(); ++n) {
    EXPECT_THROW(read_footer(std::span<const uint8_t>(f.image.data(), n)), Error);
  }
}

TEST(FileLayout, ReadWholeFile) {
  TestFile f = build_file();
  auto path = std::filesystem::temp_directory_path() /
              ("spillway_file_layout_test_" + std::to_string(::getpid()) + ".parquet");
  {
    std::ofstream out(path, std::ios::binary);
    out.write(reinterpret_cast<const char*>(f.image.data()),
              static_cast<std::streamsize>(f.image.size()));
  }
  EXPECT_EQ(read_whole_file(path), f.image);
  std::filesystem::remove(path);
  EXPECT_TRUE(contains(error_of([&] { read_whole_file(path); }), "cannot open"));
}

}  // namespace
}  // namespace spillway

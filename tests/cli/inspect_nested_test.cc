// `spillway inspect` on nested files: the schema tree with paths and levels,
// rows per page counted from repetition levels, and the checks that count
// rows rather than levels (offset index, row groups, row boundaries).

#include <gtest/gtest.h>

#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "arrow/export.h"
#include "encodings/levels.h"
#include "format/metadata_io.h"
#include "input/ndjson_reader.h"
#include "inspect_report.h"
#include "inspect_test_util.h"

namespace spillway::cli::inspect_test {
namespace {

// 30 rows: a list of 2 or 3 ints, a struct holding an int and a list of
// lists (null, [], [[]] among them), and a flat id.
std::string nested_ndjson() {
  std::string text;
  for (int i = 0; i < 30; ++i) {
    std::string tags = std::to_string(i) + "," + std::to_string(i + 1);
    if (i % 2) tags += "," + std::to_string(i + 2);
    std::string ll = i % 5 == 0 ? "null" : i % 5 == 1 ? "[]" : i % 5 == 2 ? "[[]]" : "[[1],[2,3]]";
    std::string a = i % 3 == 0 ? "null" : std::to_string(i);
    text += "{\"id\":" + std::to_string(i) + ",\"tags\":[" + tags + "],\"s\":{\"a\":" + a +
            ",\"ll\":" + ll + "}}\n";
  }
  return text;
}

// Columns: 0 id, 1 tags.list.element, 2 s.a, 3 s.ll.list.element.list.element.
Bytes8 nested_file(WriterVersion version, Compression compression = Compression::UNCOMPRESSED) {
  auto reader = open_ndjson_reader(InputSource::from_string(nested_ndjson(), "in.ndjson"), {});
  ArrowSchema schema;
  export_schema(reader->schema(), &schema);
  auto sink = std::make_unique<MemoryOutputStream>();
  MemoryOutputStream* out = sink.get();
  const WriterProperties props = WriterProperties::builder()
                                     .set_writer_version(version)
                                     .set_compression(compression)
                                     .set_dictionary_enabled(false)
                                     .set_max_row_group_row_count(12)
                                     .set_data_page_row_count_limit(3)
                                     .set_write_batch_size(1)
                                     .build();
  ArrowWriter writer =
      ArrowWriter::open(std::move(sink), &schema, ArrowWriterOptions().with_properties(props));
  ArrowArray batch;
  while (reader->next(&batch)) writer.write(&batch);
  writer.close();
  schema.release(&schema);
  return out->data();
}

// The integers after `"key": ` in the JSON, in order.
std::vector<int64_t> json_numbers(const std::string& json, const std::string& key) {
  std::vector<int64_t> out;
  const std::regex re("\"" + key + "\": (-?[0-9]+)");
  for (auto it = std::sregex_iterator(json.begin(), json.end(), re); it != std::sregex_iterator();
       ++it) {
    out.push_back(std::stoll((*it)[1]));
  }
  return out;
}

TEST_F(InspectTest, ReportsANestedFileDuckDbWrote) {
  // Made by tests/cli/data/inspect/make_duckdb_nested.mjs: struct, list of
  // structs, map, list of lists; one v1 page per chunk, Snappy.
  const std::string path =
      std::string(SPILLWAY_SOURCE_DIR) + "/tests/cli/data/inspect/duckdb_nested.parquet";
  Result r = run(path, true);
  ASSERT_EQ(r.code, kInspectValid) << r.err << r.out;
  EXPECT_TRUE(contains(r.out, "Rows        3000 in 2 row groups, 8 leaf columns")) << r.out;
  // The tree: annotations, the levels a value has at each node, paths.
  for (const char* row : {
           "    m                OPTIONAL    group (1)            MAP                  def 1 rep 0 "
           "    m\n",
           "      key_value      REPEATED    group (2)                                 def 2 rep 1 "
           "    m.key_value\n",
           "        key          REQUIRED    BYTE_ARRAY           UTF8                 #5 def 2 "
           "rep 1  m.key_value.key\n",
           "        element      OPTIONAL    group (1)            LIST                 def 3 rep 1 "
           "    ll.list.element\n",
           "            element  OPTIONAL    INT64                INT_64               #7 def 5 "
           "rep 2  ll.list.element.list.element\n",
       }) {
    EXPECT_TRUE(contains(r.out, row)) << row << "\n" << r.out;
  }
  // Rows of a v1 page of a nested leaf, counted from its repetition levels;
  // its values are levels. ll has 0-3 lists of 0-2 ints: 4096 levels, 2048 rows.
  EXPECT_TRUE(contains(r.out,
                       "    1  DATA_PAGE         25829      20         175          3121    "
                       "4096      -  2048  PLAIN_DICTIONARY"))
      << r.out;
  Result j = run(path, true, true);
  ASSERT_EQ(j.code, kInspectValid) << j.err;
  ASSERT_TRUE(json_valid(j.out));
  EXPECT_TRUE(contains(j.out, "\"path\": \"ll.list.element.list.element\",")) << j.out;
  EXPECT_TRUE(contains(j.out, "\"max_repetition_level\": 2")) << j.out;
  // Every data page begins 2048 or 952 rows, at repetition level 0.
  const auto rows = json_numbers(j.out, "rows");
  ASSERT_EQ(rows.size(), 16u);
  for (size_t i = 0; i < rows.size(); ++i) EXPECT_EQ(rows[i], i < 8 ? 2048 : 952) << i;
  EXPECT_EQ(json_numbers(j.out, "first_repetition_level").size(), 12u);  // nested leaves
  EXPECT_EQ(count(j.out, "\"first_repetition_level\": 0"), 12u);
}

TEST_F(InspectTest, NestedSpillwayFilesAreValidAndCountRows) {
  for (WriterVersion version : {WriterVersion::PARQUET_1_0, WriterVersion::PARQUET_2_0}) {
    for (Compression c : {Compression::UNCOMPRESSED, Compression::ZSTD}) {
      SCOPED_TRACE(static_cast<int>(version) * 10 + static_cast<int>(c));
      const Bytes8 file = nested_file(version, c);
      Result r = inspect(file, true);
      ASSERT_EQ(r.code, kInspectValid) << r.err << r.out;
      EXPECT_TRUE(contains(r.out, "#3 def 6 rep 2  s.ll.list.element.list.element")) << r.out;
      Result j = inspect(file, true, true);
      ASSERT_EQ(j.code, kInspectValid) << j.err;
      ASSERT_TRUE(json_valid(j.out));
      // Per chunk, the rows of its pages are the steps of its offset index.
      const Parts parts = split(file);
      std::vector<int64_t> expected;
      for (const RowGroup& rg : parts.metadata.row_groups) {
        for (const ColumnChunk& cc : rg.columns) {
          const auto index = read_offset_index(file, cc);
          ASSERT_TRUE(index);
          const auto& locations = index->page_locations;
          for (size_t k = 0; k < locations.size(); ++k) {
            const int64_t end =
                k + 1 < locations.size() ? locations[k + 1].first_row_index : rg.num_rows;
            expected.push_back(end - locations[k].first_row_index);
          }
        }
      }
      EXPECT_EQ(json_numbers(j.out, "rows"), expected);
      EXPECT_GT(expected.size(), 4u * 3);  // several pages per chunk
    }
  }
}

// Rewrites the offset index of chunk `c` of row group `rg` with `change`.
Bytes8 with_offset_index(const Bytes8& file, size_t rg, size_t c,
                         const std::function<void(OffsetIndex&)>& change) {
  Parts parts = split(file);
  ColumnChunk& chunk = parts.metadata.row_groups[rg].columns[c];
  OffsetIndex index = *read_offset_index(file, chunk);
  change(index);
  ByteBuffer bytes;
  write_thrift(index, bytes);
  chunk.offset_index_offset = parts.append(bytes);
  chunk.offset_index_length = static_cast<int32_t>(bytes.size());
  return parts.join();
}

TEST_F(InspectTest, NestedOffsetIndexCountsRowsNotLevels) {
  const Bytes8 file = nested_file(WriterVersion::PARQUET_1_0);
  // v1 pages of tags.list.element: 3 rows, 6 to 9 levels each.
  const auto pages = pages_of(file, 0, 1);
  ASSERT_GE(pages.size(), 3u);
  ASSERT_GT(pages[0].header.data_page_header->num_values, 3);
  Result r = inspect(with_offset_index(file, 0, 1, [](OffsetIndex& index) {
    index.page_locations[1].first_row_index = index.page_locations[1].first_row_index + 1;
  }));
  expect_invalid(r,
                 "row group 0, column 'tags.list.element': offset index entry 1: first_row_index "
                 "4 but the pages before it hold 3 rows");
  // Levels are not rows: first_row_index counted in levels is wrong.
  r = inspect(with_offset_index(file, 0, 1, [&](OffsetIndex& index) {
    index.page_locations[1].first_row_index = pages[0].header.data_page_header->num_values;
  }));
  expect_invalid(r, "offset index entry 1: first_row_index " +
                        std::to_string(pages[0].header.data_page_header->num_values) +
                        " but the pages before it hold 3 rows");
}

TEST_F(InspectTest, NestedRowCountsMustMatchTheRowGroup) {
  const Bytes8 file = nested_file(WriterVersion::PARQUET_1_0);
  Result r = inspect(with_metadata(file, [](FileMetaData& md) {
    md.row_groups[0].num_rows += 1;
    md.num_rows += 1;
  }));
  expect_invalid(r,
                 "row group 0, column 'tags.list.element': 12 rows begin in its data pages, the "
                 "row group has 13");
  expect_invalid(r,
                 "row group 0, column 'id': num_values 12 differs from the row group's "
                 "num_rows 13");
  r = inspect(with_metadata(file, [](FileMetaData& md) {
    md.row_groups[0].num_rows = 40;
    md.num_rows = 58;
  }));
  expect_invalid(r,
                 "row group 0, column 's.ll.list.element.list.element': num_values 20 is "
                 "below the row group's num_rows 40: every row has at least one level");
}

// Sets the first repetition level of data page `page` of chunk (rg, c) to
// 1, re-encoding its levels in place (same length, so nothing moves).
Bytes8 with_page_beginning_inside_a_row(const Bytes8& file, size_t rg, size_t c, size_t page) {
  const auto pages = pages_of(file, rg, c);
  const RawPage& p = pages.at(page);
  ParquetFooter footer = read_footer(file);
  const ColumnChunk& cc = footer.metadata.row_groups[rg].columns[c];
  EXPECT_EQ(cc.meta_data->codec, CompressionCodec::UNCOMPRESSED);
  const int16_t max_rep = 2;  // s.ll.list.element.list.element
  const bool v2 = p.header.data_page_header_v2.has_value();
  const size_t n = static_cast<size_t>(v2 ? p.header.data_page_header_v2->num_values
                                          : p.header.data_page_header->num_values);
  std::vector<int16_t> levels(n);
  ByteBuffer encoded;
  size_t used;
  if (v2) {
    used = static_cast<size_t>(p.header.data_page_header_v2->repetition_levels_byte_length);
    decode_levels_v2(p.body.first(used), max_rep, n, levels.data());
  } else {
    used = decode_levels_v1(p.body, max_rep, n, levels.data());
  }
  EXPECT_EQ(levels[0], 0);
  levels[0] = 1;
  if (v2) {
    encode_levels_v2(levels.data(), n, max_rep, encoded);
  } else {
    encode_levels_v1(levels.data(), n, max_rep, encoded);
  }
  EXPECT_EQ(encoded.size(), used) << "the levels no longer fit in place";
  Bytes8 out = file;
  const size_t at = static_cast<size_t>(p.offset) + p.header_length;
  std::copy(encoded.data(), encoded.data() + std::min(encoded.size(), used), out.begin() + at);
  return out;
}

TEST_F(InspectTest, NestedPagesMustBeginAtRowBoundaries) {
  // v1 with an offset index: the row-boundary rule of the page index. Rows
  // 18 to 20 of s.ll: levels 0,1,2 0,1,2 0 become 1,1,2 0,1,2 0.
  Bytes8 file = with_page_beginning_inside_a_row(nested_file(WriterVersion::PARQUET_1_0), 1, 3, 2);
  Result r = inspect(file);
  expect_invalid(r,
                 "row group 1, column 's.ll.list.element.list.element': offset index entry 2: the "
                 "page begins inside a row (repetition level 1), but pages must begin at row "
                 "boundaries when there is an offset index");
  // One row fewer begins in that page: the next entry and the row group
  // come out short.
  expect_invalid(r, "offset index entry 3: first_row_index 9 but the pages before it hold 8 rows");
  expect_invalid(r,
                 "s.ll.list.element.list.element': 11 rows begin in its data pages, the row "
                 "group has 12");
  // v2 pages always begin at a row boundary, and num_rows must agree. Rows 6
  // to 8: levels 0 0 0,1,2.
  file = with_page_beginning_inside_a_row(nested_file(WriterVersion::PARQUET_2_0), 0, 3, 2);
  r = inspect(file);
  expect_invalid(r,
                 "begins inside a row (repetition level 1): v2 pages must begin at a row "
                 "boundary");
  expect_invalid(r, "num_rows is 3 but 2 rows begin in its repetition levels");
  // The chunk's first page cannot begin inside a row at all.
  file = with_page_beginning_inside_a_row(nested_file(WriterVersion::PARQUET_1_0), 1, 3, 0);
  expect_invalid(inspect(file), "the chunk's first repetition level is 1, not 0");
}

TEST_F(InspectTest, ListAndMapAnnotationsNeedTheirShape) {
  const Bytes8 file = nested_file(WriterVersion::PARQUET_1_0);
  // tags (LIST) is element 2: its child "list" must be repeated.
  Result r = inspect(with_metadata(file, [](FileMetaData& md) {
    ASSERT_EQ(md.schema[2].name, "tags");
    md.schema[3].repetition_type = FieldRepetitionType::OPTIONAL;
  }));
  expect_invalid(r,
                 "schema group 'tags' is annotated LIST but does not hold exactly one repeated "
                 "field (it has 1 children)");
  r = inspect(with_metadata(file, [](FileMetaData& md) {
    md.schema[1].converted_type = ConvertedType::MAP;  // id: a leaf
  }));
  expect_invalid(r, "schema element 'id' is annotated MAP but is not a group");
  // s becomes a MAP of key_value {a, ll}: a must then be required.
  r = inspect(with_metadata(file, [](FileMetaData& md) {
    ASSERT_EQ(md.schema[5].name, "s");
    md.schema[5].converted_type = ConvertedType::MAP;
  }));
  expect_invalid(r,
                 "schema group 's' is annotated MAP but does not hold exactly one repeated "
                 "field (it has 2 children)");
}

TEST(InspectNestedCorruption, EveryFlippedByteIsHandled) {
  // Compressed v1 pages: their levels are decompressed and decoded.
  const Bytes8 file = nested_file(WriterVersion::PARQUET_1_0, Compression::ZSTD);
  const size_t invalid = flip_every_byte(file).invalid;
  // Most bytes are in page bodies: decoding the nested leaves' levels finds
  // damage there.
  EXPECT_GT(invalid, file.size() / 2) << file.size();
}

}  // namespace
}  // namespace spillway::cli::inspect_test

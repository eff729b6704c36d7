// The column writer on its own: levels and values in, pages out. Repeated
// columns are not reachable from Arrow input yet, so their page boundaries
// are checked here.

#include "column/column_writer.h"

#include <gtest/gtest.h>

#include "encodings/levels.h"
#include "format/metadata_io.h"

namespace spillway {
namespace {

ColumnDescriptor repeated_int32() {
  // optional group list (LIST) { repeated group list { optional int32 element } }
  return ColumnDescriptor(ColumnPath({"a", "list", "element"}), PhysicalType::INT32, 0,
                          std::nullopt, std::nullopt, /*max_def=*/3, /*max_rep=*/1);
}

struct DecodedPage {
  PageHeader header;
  std::vector<int16_t> rep;
};

DecodedPage decode_v2(const Bytes& page) {
  DecodedPage d;
  size_t header_len = 0;
  d.header = read_page_header(page.span(), &header_len);
  const auto& h = *d.header.data_page_header_v2;
  d.rep.resize(static_cast<size_t>(h.num_values));
  decode_levels_v2(page.span().subspan(header_len, h.repetition_levels_byte_length), 1,
                   d.rep.size(), d.rep.data());
  return d;
}

TEST(ColumnWriter, RepeatedColumnPagesStartAtRowBoundaries) {
  WriterProperties props = WriterProperties::builder()
                               .set_writer_version(WriterVersion::PARQUET_2_0)
                               .set_data_page_row_count_limit(10)
                               .set_write_batch_size(3)
                               .set_dictionary_enabled(false)
                               .build();
  ColumnDescriptor descr = repeated_int32();
  auto writer = make_column_writer(descr, resolve_column_options(props, descr));
  auto& typed = dynamic_cast<TypedColumnWriter<Int32Type>&>(*writer);
  // 40 rows: row r is a list of (r % 4) elements; an empty list has one level
  // (def 1) and no value.
  std::vector<int16_t> def, rep;
  std::vector<int32_t> values;
  for (int r = 0; r < 40; ++r) {
    int n = r % 4;
    if (n == 0) {
      def.push_back(1);
      rep.push_back(0);
      continue;
    }
    for (int k = 0; k < n; ++k) {
      def.push_back(3);
      rep.push_back(k == 0 ? 0 : 1);
      values.push_back(r * 10 + k);
    }
  }
  typed.write_batch(def.data(), rep.data(), def.size(), values.data(), values.size());
  EXPECT_EQ(writer->rows_in_chunk(), 40);
  ColumnChunkResult chunk = writer->close_chunk();
  ASSERT_EQ(chunk.data_pages.size(), 4u);
  ASSERT_TRUE(chunk.offset_index.has_value());
  int64_t rows = 0;
  for (size_t p = 0; p < chunk.data_pages.size(); ++p) {
    DecodedPage d = decode_v2(chunk.store->take(chunk.data_pages[p].key));
    ASSERT_FALSE(d.rep.empty());
    EXPECT_EQ(d.rep[0], 0) << "page " << p << " does not start a row";
    EXPECT_EQ(d.header.data_page_header_v2->num_rows, 10);
    EXPECT_EQ(chunk.offset_index->page_locations[p].first_row_index, rows);
    rows += d.header.data_page_header_v2->num_rows;
  }
  EXPECT_EQ(chunk.metadata.num_values, static_cast<int64_t>(def.size()));
  ASSERT_TRUE(chunk.metadata.size_statistics.has_value());
  // Repetition histogram: level 0 once per row, level 1 for the rest.
  EXPECT_EQ(chunk.metadata.size_statistics->repetition_level_histogram,
            (std::vector<int64_t>{40, static_cast<int64_t>(def.size()) - 40}));
  ASSERT_TRUE(chunk.column_index.has_value());
  EXPECT_EQ(chunk.column_index->repetition_level_histograms.size(), 4u * 2);
  EXPECT_EQ(chunk.column_index->definition_level_histograms.size(), 4u * 4);
}

TEST(ColumnWriter, MemoryIsHandedOverWithTheChunk) {
  ColumnDescriptor descr(ColumnPath({"x"}), PhysicalType::INT64, 0, std::nullopt, std::nullopt, 1,
                         0);
  WriterProperties props = WriterProperties::builder()
                               .set_data_page_size_limit(4096)
                               .set_dictionary_page_size_limit(64 * 1024)
                               .build();
  auto writer = make_column_writer(descr, resolve_column_options(props, descr));
  auto& typed = dynamic_cast<TypedColumnWriter<Int64Type>&>(*writer);
  std::vector<int64_t> values(100000);
  for (size_t i = 0; i < values.size(); ++i) values[i] = static_cast<int64_t>(i * 2654435761u);
  std::vector<int16_t> def(values.size(), 1);
  typed.write_batch(def.data(), nullptr, def.size(), values.data(), values.size());
  size_t during = writer->memory_size();
  EXPECT_GT(during, values.size() * sizeof(int64_t) / 2) << "pages must be counted";
  EXPECT_GT(writer->estimated_chunk_size(), values.size() * 4);
  ColumnChunkResult chunk = writer->close_chunk();
  EXPECT_LT(writer->memory_size(), during / 4);
  // High cardinality: the dictionary fell back to PLAIN within the chunk.
  bool dict = false, plain = false;
  size_t total = 0;
  for (const auto& p : chunk.data_pages) {
    Bytes bytes = chunk.store->take(p.key);
    ASSERT_EQ(bytes.size(), p.size);
    size_t header_len = 0;
    PageHeader h = read_page_header(bytes.span(), &header_len);
    dict |= h.data_page_header->encoding == Encoding::RLE_DICTIONARY;
    plain |= h.data_page_header->encoding == Encoding::PLAIN;
    total += bytes.size();
  }
  EXPECT_TRUE(dict);
  EXPECT_TRUE(plain);
  ASSERT_TRUE(chunk.dictionary_page.has_value());
  total += chunk.store->take(chunk.dictionary_page->key).size();
  EXPECT_EQ(chunk.store->memory_size(), 0u) << "every page taken";
  EXPECT_EQ(static_cast<int64_t>(total), chunk.metadata.total_compressed_size);
}

TEST(ColumnWriter, MismatchedValueCountIsAnError) {
  ColumnDescriptor descr(ColumnPath({"x"}), PhysicalType::INT32, 0, std::nullopt, std::nullopt, 1,
                         0);
  auto writer = make_column_writer(descr, resolve_column_options(WriterProperties(), descr));
  auto& typed = dynamic_cast<TypedColumnWriter<Int32Type>&>(*writer);
  std::vector<int16_t> def = {1, 1, 0};
  std::vector<int32_t> values = {1};
  EXPECT_THROW(typed.write_batch(def.data(), nullptr, 3, values.data(), 1), Error);
}

}  // namespace
}  // namespace spillway

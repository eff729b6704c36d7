// End-to-end tests of ArrowWriter: Arrow arrays in, a file read back by
// spillway's own decoders (tests/support/parquet_verifier) out.

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "format/file_layout.h"
#include "spillway/spillway.h"
#include "support/arrow_builder.h"
#include "support/parquet_verifier.h"

namespace spillway {
namespace {

using test::ArrowColumn;
using test::NamedColumns;
using test::OwnedArray;
using test::plain;

struct Written {
  std::vector<uint8_t> bytes;
  FileMetaData metadata;
  test::DecodedFile decoded;
};

// Writes `batches` (each a NamedColumns with the same schema) to memory and
// reads the file back.
Written write_batches(const std::vector<NamedColumns>& batches, WriterProperties props = {},
                      ArrowWriterOptions options = {}) {
  auto sink = std::make_unique<MemoryOutputStream>();
  MemoryOutputStream* out = sink.get();
  OwnedArray first = test::make_batch(batches.at(0));
  auto writer =
      ArrowWriter::open(std::move(sink), &first.schema, options.with_properties(std::move(props)));
  for (const NamedColumns& b : batches) {
    OwnedArray batch = test::make_batch(b);
    ArrowArray moved;
    ArrowSchema unused;
    batch.release_to(&unused, &moved);
    unused.release(&unused);
    writer.write(&moved);
  }
  Written w;
  w.metadata = writer.close();
  w.bytes = out->data();
  w.decoded = test::read_parquet(w.bytes);
  return w;
}

Written write_one(const NamedColumns& columns, WriterProperties props = {},
                  ArrowWriterOptions options = {}) {
  return write_batches({columns}, std::move(props), std::move(options));
}

std::vector<std::optional<std::string>> column(const Written& w, size_t i) {
  return test::flat_values(w.decoded.columns.at(i));
}

template <typename T>
std::vector<std::optional<std::string>> expect_plain(const std::vector<std::optional<T>>& v) {
  std::vector<std::optional<std::string>> out;
  for (const auto& x : v) {
    if (x) {
      out.emplace_back(plain(*x));
    } else {
      out.emplace_back(std::nullopt);
    }
  }
  return out;
}

std::vector<std::optional<std::string>> expect_bytes(
    const std::vector<std::optional<std::string>>& v) {
  return v;
}

const SchemaElement& leaf(const Written& w, size_t i) {
  return w.metadata.schema.at(i + 1);
}

TEST(ArrowWriter, IntegersWidenAndKeepTheirLogicalTypes) {
  Written w = write_one({{"i8", test::int8_column({-128, std::nullopt, 127})},
                         {"u8", test::uint8_column({0, 255, std::nullopt})},
                         {"i16", test::int16_column({-32768, 1, 32767})},
                         {"u16", test::uint16_column({65535, std::nullopt, 0})},
                         {"i32", test::int32_column({INT32_MIN, 0, INT32_MAX})},
                         {"u32", test::uint32_column({UINT32_MAX, 0, std::nullopt})},
                         {"i64", test::int64_column({INT64_MIN, std::nullopt, INT64_MAX})},
                         {"u64", test::uint64_column({UINT64_MAX, 1, 0})}});
  EXPECT_EQ(column(w, 0), expect_plain<int32_t>({-128, std::nullopt, 127}));
  EXPECT_EQ(column(w, 1), expect_plain<int32_t>({0, 255, std::nullopt}));
  EXPECT_EQ(column(w, 2), expect_plain<int32_t>({-32768, 1, 32767}));
  EXPECT_EQ(column(w, 3), expect_plain<int32_t>({65535, std::nullopt, 0}));
  EXPECT_EQ(column(w, 4), expect_plain<int32_t>({INT32_MIN, 0, INT32_MAX}));
  EXPECT_EQ(column(w, 5), expect_plain<uint32_t>({UINT32_MAX, 0, std::nullopt}));
  EXPECT_EQ(column(w, 6), expect_plain<int64_t>({INT64_MIN, std::nullopt, INT64_MAX}));
  EXPECT_EQ(column(w, 7), expect_plain<uint64_t>({UINT64_MAX, 1, 0}));
  EXPECT_EQ(leaf(w, 0).type, PhysicalType::INT32);
  EXPECT_EQ(leaf(w, 0).logical_type, LogicalType::integer(8, true));
  EXPECT_EQ(leaf(w, 5).logical_type, LogicalType::integer(32, false));
  EXPECT_EQ(leaf(w, 5).converted_type, ConvertedType::UINT_32);
  EXPECT_EQ(leaf(w, 7).type, PhysicalType::INT64);
  // UINT_32 sorts unsigned: 0xFFFFFFFF is the max, not -1 the min.
  const auto& st = *w.metadata.row_groups[0].columns[5].meta_data->statistics;
  EXPECT_EQ(st.min_value, plain<uint32_t>(0));
  EXPECT_EQ(st.max_value, plain<uint32_t>(UINT32_MAX));
  EXPECT_EQ(st.null_count, 1);
}

TEST(ArrowWriter, FloatsAndHalfFloats) {
  Written w = write_one({{"f16", test::float16_column({1.5f, std::nullopt, -2.0f})},
                         {"f32", test::float32_column({1.25f, NAN, -0.0f})},
                         {"f64", test::float64_column({std::nullopt, 3.5, -1e300})}});
  std::vector<std::optional<std::string>> f16 = {plain(test::float_to_half(1.5f)), std::nullopt,
                                                 plain(test::float_to_half(-2.0f))};
  EXPECT_EQ(column(w, 0), f16);
  auto f32 = column(w, 1);
  ASSERT_EQ(f32.size(), 3u);
  EXPECT_EQ(*f32[0], plain(1.25f));
  float nan_back;
  std::memcpy(&nan_back, f32[1]->data(), 4);
  EXPECT_TRUE(std::isnan(nan_back));
  EXPECT_EQ(*f32[2], plain(-0.0f));
  EXPECT_EQ(column(w, 2), expect_plain<double>({std::nullopt, 3.5, -1e300}));
  EXPECT_EQ(leaf(w, 0).type, PhysicalType::FIXED_LEN_BYTE_ARRAY);
  EXPECT_EQ(leaf(w, 0).type_length, 2);
  EXPECT_EQ(leaf(w, 0).logical_type, LogicalType::float16());
  // NaN stays out of min/max and is counted; a zero max is written as +0.
  const auto& st = *w.metadata.row_groups[0].columns[1].meta_data->statistics;
  EXPECT_EQ(st.nan_count, 1);
  EXPECT_EQ(st.min_value, plain(-0.0f));
  EXPECT_EQ(st.max_value, plain(1.25f));
}

TEST(ArrowWriter, StringsAndBinaryOfEveryLayout) {
  test::Values<std::string> v = {"alpha", std::nullopt, "", "a longer value past twelve bytes"};
  Written w =
      write_one({{"utf8", test::string_column(v)},
                 {"large_utf8", test::large_string_column(v)},
                 {"utf8_view", test::string_view_column(v, 8)},
                 {"binary", test::binary_column(v)},
                 {"large_binary", test::large_binary_column(v)},
                 {"binary_view", test::binary_view_column(v)},
                 {"fixed", test::fixed_size_binary_column(
                               3, {"abc", std::nullopt, "xyz", std::string("\xff\x00\x01", 3)})}});
  for (size_t i = 0; i < 6; ++i) EXPECT_EQ(column(w, i), expect_bytes(v)) << i;
  test::Values<std::string> fixed = {"abc", std::nullopt, "xyz", std::string("\xff\x00\x01", 3)};
  EXPECT_EQ(column(w, 6), fixed);
  EXPECT_EQ(leaf(w, 0).logical_type, LogicalType::string());
  EXPECT_EQ(leaf(w, 1).logical_type, LogicalType::string());
  EXPECT_FALSE(leaf(w, 3).logical_type.has_value());
  EXPECT_EQ(leaf(w, 6).type_length, 3);
  const auto& md = *w.metadata.row_groups[0].columns[0].meta_data;
  ASSERT_TRUE(md.size_statistics.has_value());
  EXPECT_EQ(md.size_statistics->unencoded_byte_array_data_bytes, 5 + 0 + 32);
}

TEST(ArrowWriter, DecimalsPickTheirPhysicalTypeByPrecision) {
  Written w =
      write_one({{"d9", test::decimal_column(128, 9, 2, {"1234567.89", "-0.01", std::nullopt})},
                 {"d18", test::decimal_column(64, 18, 3, {"-123456789012345.678", "0", "1"})},
                 {"d20", test::decimal_column(128, 20, 0, {"-1", "99999999999999999999", "256"})},
                 {"d40", test::decimal_column(256, 40, 5, {"-12345.67891", std::nullopt, "1"})},
                 {"d32", test::decimal_column(32, 5, 1, {"-9999.9", "0.5", "1"})}});
  EXPECT_EQ(leaf(w, 0).type, PhysicalType::INT32);
  EXPECT_EQ(leaf(w, 1).type, PhysicalType::INT64);
  EXPECT_EQ(leaf(w, 2).type, PhysicalType::FIXED_LEN_BYTE_ARRAY);
  EXPECT_EQ(leaf(w, 2).type_length, 9);  // 10^20 needs 67 bits + sign: 9 bytes
  EXPECT_EQ(leaf(w, 3).type, PhysicalType::FIXED_LEN_BYTE_ARRAY);
  EXPECT_EQ(leaf(w, 0).logical_type, LogicalType::decimal(9, 2));
  EXPECT_EQ(leaf(w, 0).precision, 9);
  EXPECT_EQ(leaf(w, 0).scale, 2);
  EXPECT_EQ(column(w, 0), expect_plain<int32_t>({123456789, -1, std::nullopt}));
  EXPECT_EQ(column(w, 1), expect_plain<int64_t>({-123456789012345678LL, 0, 1000}));
  EXPECT_EQ(column(w, 4), expect_plain<int32_t>({-99999, 5, 10}));
  auto d20 = column(w, 2);
  EXPECT_EQ(*d20[0], std::string(9, '\xff'));
  EXPECT_EQ(*d20[2], std::string("\0\0\0\0\0\0\0\x01\x00", 9));
  // 99999999999999999999 = 0x56BC75E2D630FFFFF
  EXPECT_EQ(*d20[1], std::string("\x05\x6B\xC7\x5E\x2D\x63\x0F\xFF\xFF", 9));
}

TEST(ArrowWriter, TemporalTypesConvertToParquetUnits) {
  Written w = write_one(
      {{"date32", test::date32_column({0, -1, std::nullopt})},
       {"date64", test::date64_column({86400000LL * 3, -86400000LL, 0})},
       {"t32s", test::time32_column(ArrowTimeUnit::SECOND, {1, 86399, std::nullopt})},
       {"t32ms", test::time32_column(ArrowTimeUnit::MILLI, {1, 2, 3})},
       {"t64us", test::time64_column(ArrowTimeUnit::MICRO, {1, 2, 3})},
       {"t64ns", test::time64_column(ArrowTimeUnit::NANO, {1, 2, 3})},
       {"ts_s", test::timestamp_column(ArrowTimeUnit::SECOND, std::nullopt, {1, -2, 3})},
       {"ts_ms_utc", test::timestamp_column(ArrowTimeUnit::MILLI, "UTC", {1, 2, 3})},
       {"ts_ns_ny", test::timestamp_column(ArrowTimeUnit::NANO, "America/New_York", {1, 2, 3})},
       {"dur", test::duration_column(ArrowTimeUnit::MICRO, {-5, std::nullopt, 5})},
       {"ym", test::interval_months_column({14, std::nullopt, -1})},
       {"dt", test::interval_day_time_column(
                  {test::DayTime{2, 500}, test::DayTime{0, 1}, std::nullopt})}});
  EXPECT_EQ(column(w, 0), expect_plain<int32_t>({0, -1, std::nullopt}));
  EXPECT_EQ(column(w, 1), expect_plain<int32_t>({3, -1, 0}));
  EXPECT_EQ(column(w, 2), expect_plain<int32_t>({1000, 86399000, std::nullopt}));
  EXPECT_EQ(column(w, 6), expect_plain<int64_t>({1000, -2000, 3000}));
  EXPECT_EQ(column(w, 9), expect_plain<int64_t>({-5, std::nullopt, 5}));
  EXPECT_EQ(leaf(w, 0).logical_type, LogicalType::date());
  EXPECT_EQ(leaf(w, 2).logical_type->kind, LogicalType::Kind::TIME);
  EXPECT_EQ(leaf(w, 2).logical_type->unit, TimeUnit::MILLIS);
  EXPECT_EQ(leaf(w, 5).logical_type->unit, TimeUnit::NANOS);
  EXPECT_EQ(leaf(w, 6).logical_type, LogicalType::timestamp(false, TimeUnit::MILLIS));
  EXPECT_EQ(leaf(w, 7).logical_type, LogicalType::timestamp(true, TimeUnit::MILLIS));
  EXPECT_EQ(leaf(w, 8).logical_type, LogicalType::timestamp(true, TimeUnit::NANOS));
  EXPECT_EQ(leaf(w, 9).type, PhysicalType::INT64);
  EXPECT_FALSE(leaf(w, 9).logical_type.has_value());
  EXPECT_EQ(leaf(w, 10).converted_type, ConvertedType::INTERVAL);
  EXPECT_EQ(leaf(w, 10).type_length, 12);
  auto interval = [](uint32_t m, uint32_t d, uint32_t ms) {
    uint32_t parts[3] = {m, d, ms};
    return std::string(reinterpret_cast<const char*>(parts), 12);
  };
  test::Values<std::string> ym = {interval(14, 0, 0), std::nullopt, interval(0xFFFFFFFF, 0, 0)};
  EXPECT_EQ(column(w, 10), ym);
  test::Values<std::string> dt = {interval(0, 2, 500), interval(0, 0, 1), std::nullopt};
  EXPECT_EQ(column(w, 11), dt);
  // INTERVAL has no defined sort order: no min/max.
  const auto& st = *w.metadata.row_groups[0].columns[10].meta_data->statistics;
  EXPECT_FALSE(st.min_value.has_value());
  EXPECT_EQ(st.null_count, 1);
}

TEST(ArrowWriter, NullTypeAndBooleans) {
  Written w = write_one(
      {{"n", test::null_column(4)}, {"b", test::bool_column({true, false, std::nullopt, true})}});
  test::Values<std::string> nulls(4, std::nullopt);
  EXPECT_EQ(column(w, 0), nulls);
  EXPECT_EQ(leaf(w, 0).logical_type, LogicalType::unknown());
  test::Values<std::string> b = {std::string(1, '\1'), std::string(1, '\0'), std::nullopt,
                                 std::string(1, '\1')};
  EXPECT_EQ(column(w, 1), b);
}

TEST(ArrowWriter, DictionaryArraysAreWrittenAsTheirValues) {
  ArrowColumn dict = test::string_column({"red", "green", std::nullopt});
  ArrowColumn indices = test::int8_column({1, 0, std::nullopt, 2, 1});
  Written w = write_one({{"color", test::dictionary_column(indices, dict)}});
  test::Values<std::string> expected = {"green", "red", std::nullopt, std::nullopt, "green"};
  EXPECT_EQ(column(w, 0), expected);
  EXPECT_EQ(leaf(w, 0).logical_type, LogicalType::string());
}

TEST(ArrowWriter, SlicedBatchesBothWays) {
  NamedColumns cols = {{"a", test::int32_column({0, 1, std::nullopt, 3, 4, 5})},
                       {"s", test::string_column({"z", "y", "x", std::nullopt, "v", "u"})}};
  for (int style = 0; style < 2; ++style) {
    OwnedArray batch =
        style == 0 ? test::slice_batch(cols, 2, 3) : test::slice_batch_children(cols, 2, 3);
    auto sink = std::make_unique<MemoryOutputStream>();
    auto* out = sink.get();
    auto writer = ArrowWriter::open(std::move(sink), &batch.schema);
    ArrowArray moved = batch.array;
    batch.array.release = nullptr;
    writer.write(&moved);
    writer.close();
    auto decoded = test::read_parquet(out->data());
    EXPECT_EQ(test::flat_values(decoded.columns[0]), expect_plain<int32_t>({std::nullopt, 3, 4}))
        << style;
    test::Values<std::string> s = {"x", std::nullopt, "v"};
    EXPECT_EQ(test::flat_values(decoded.columns[1]), s) << style;
  }
  // A sliced column inside an unsliced batch.
  Written w = write_one({{"a", test::int64_column({9, 8, 7, 6}).sliced(1, 2)}});
  EXPECT_EQ(column(w, 0), expect_plain<int64_t>({8, 7}));
}

std::vector<std::optional<int32_t>> sequence(int n, int null_every = 0) {
  std::vector<std::optional<int32_t>> v;
  for (int i = 0; i < n; ++i) {
    if (null_every && i % null_every == 0) {
      v.emplace_back(std::nullopt);
    } else {
      v.emplace_back(i * 7 % 1000);
    }
  }
  return v;
}

TEST(ArrowWriter, RowGroupsSplitInsideBatchesAtTheRowLimit) {
  auto v = sequence(2500, 3);
  auto props = WriterProperties::builder().set_max_row_group_row_count(1000).build();
  Written w = write_batches({{{"a", test::int32_column(v)}}}, props);
  ASSERT_EQ(w.metadata.row_groups.size(), 3u);
  EXPECT_EQ(w.metadata.row_groups[0].num_rows, 1000);
  EXPECT_EQ(w.metadata.row_groups[2].num_rows, 500);
  EXPECT_EQ(w.metadata.num_rows, 2500);
  EXPECT_EQ(column(w, 0), expect_plain<int32_t>(v));
  EXPECT_EQ(w.metadata.row_groups[1].ordinal, 1);
}

TEST(ArrowWriter, RowGroupByteLimit) {
  test::Values<std::string> v;
  for (int i = 0; i < 5000; ++i)
    v.emplace_back(std::string(100, static_cast<char>('a' + i % 26)) + std::to_string(i));
  auto props = WriterProperties::builder()
                   .set_max_row_group_bytes(100 * 1024)
                   .set_dictionary_enabled(false)
                   .build();
  Written w = write_one({{"s", test::string_column(v)}}, props);
  EXPECT_GE(w.metadata.row_groups.size(), 4u);
  for (const auto& rg : w.metadata.row_groups) {
    EXPECT_LT(rg.total_byte_size, 100 * 1024 + 2 * 110 * 1024) << "row group far past the limit";
  }
  EXPECT_EQ(column(w, 0), v);
}

TEST(ArrowWriter, PagesFollowTheSizeAndRowLimits) {
  auto v = sequence(10000, 5);
  auto props = WriterProperties::builder()
                   .set_data_page_row_count_limit(1000)
                   .set_write_batch_size(100)
                   .set_dictionary_enabled(false)
                   .build();
  Written w = write_one({{"a", test::int32_column(v)}}, props);
  EXPECT_EQ(w.decoded.columns[0].num_data_pages, 10u);
  auto props2 = WriterProperties::builder()
                    .set_data_page_size_limit(4096)
                    .set_dictionary_enabled(false)
                    .build();
  Written w2 = write_one({{"a", test::int32_column(v)}}, props2);
  // Limits are checked after each write batch (1024 rows here), as in arrow-rs.
  EXPECT_GE(w2.decoded.columns[0].num_data_pages, 4u);
  EXPECT_EQ(column(w2, 0), expect_plain<int32_t>(v));
  // The offset index lists every page; the column index too.
  const ColumnChunk& cc = w2.metadata.row_groups[0].columns[0];
  EXPECT_TRUE(cc.offset_index_offset.has_value());
  EXPECT_TRUE(cc.column_index_offset.has_value());
}

TEST(ArrowWriter, DictionaryFallsBackToPlainPastItsLimit) {
  test::Values<std::string> v;
  for (int i = 0; i < 4000; ++i) v.emplace_back("value-" + std::to_string(i));
  auto props = WriterProperties::builder()
                   .set_dictionary_page_size_limit(8 * 1024)
                   .set_write_batch_size(64)
                   .set_data_page_size_limit(4 * 1024)
                   .build();
  Written w = write_one({{"s", test::string_column(v)}}, props);
  const auto& c = w.decoded.columns[0];
  EXPECT_EQ(c.num_dictionary_pages, 1u);
  ASSERT_GE(c.data_page_encodings.size(), 2u);
  EXPECT_EQ(c.data_page_encodings.front(), Encoding::RLE_DICTIONARY);
  EXPECT_EQ(c.data_page_encodings.back(), Encoding::PLAIN);
  EXPECT_EQ(column(w, 0), v);
  const auto& md = *w.metadata.row_groups[0].columns[0].meta_data;
  ASSERT_TRUE(md.dictionary_page_offset.has_value());
  EXPECT_LT(*md.dictionary_page_offset, md.data_page_offset);
  bool dict_stat = false;
  for (const auto& s : md.encoding_stats) {
    if (s.page_type == PageType::DICTIONARY_PAGE) dict_stat = true;
  }
  EXPECT_TRUE(dict_stat);
}

// Values of `width` bytes, every `null_every`-th null (0: none), each
// distinct.
test::Values<std::string> fat_values(int n, size_t width, int null_every = 0) {
  test::Values<std::string> v;
  for (int i = 0; i < n; ++i) {
    if (null_every > 0 && i % null_every == 0) {
      v.emplace_back(std::nullopt);
      continue;
    }
    std::string s = std::to_string(i) + ":";
    s.resize(width, static_cast<char>('a' + i % 26));
    v.emplace_back(std::move(s));
  }
  return v;
}

std::vector<RawPage> pages_of(const Written& w, size_t column) {
  return read_column_chunk_pages(w.bytes, w.metadata.row_groups.at(0).columns.at(column));
}

TEST(ArrowWriter, FatValuesEndPagesAtTheByteLimitInsideAMiniBatch) {
  // One 1024-row mini-batch holds ~3 MiB: pages still end at 64 KiB.
  constexpr size_t kLimit = 64 * 1024;
  auto v = fat_values(1200, 3000, 7);
  v[500] = std::string(200 * 1024, 'x');  // one value past the limit: a page of its own
  for (auto version : {WriterVersion::PARQUET_1_0, WriterVersion::PARQUET_2_0}) {
    for (auto encoding : {Encoding::PLAIN, Encoding::DELTA_LENGTH_BYTE_ARRAY}) {
      auto props = WriterProperties::builder()
                       .set_writer_version(version)
                       .set_dictionary_enabled(false)
                       .set_encoding(encoding)
                       .set_data_page_size_limit(kLimit)
                       .build();
      Written w = write_one({{"s", test::binary_column(v)}}, props);
      EXPECT_EQ(column(w, 0), v);
      size_t oversized = 0;
      auto pages = pages_of(w, 0);
      for (const RawPage& p : pages) {
        if (static_cast<size_t>(p.header.uncompressed_page_size) > kLimit) ++oversized;
      }
      EXPECT_EQ(oversized, 1u) << "only the page holding the 200 KiB value";
      size_t bytes = 0;
      for (const auto& x : v) bytes += x ? 4 + x->size() : 0;
      EXPECT_GE(pages.size(), bytes / kLimit);
      EXPECT_LE(pages.size(), bytes / kLimit * 11 / 10 + 2) << "pages fill up to the limit";
    }
  }
  // FIXED_LEN_BYTE_ARRAY too.
  auto props = WriterProperties::builder()
                   .set_dictionary_enabled(false)
                   .set_data_page_size_limit(kLimit)
                   .build();
  auto f = fat_values(600, 5000, 5);
  Written w = write_one({{"f", test::fixed_size_binary_column(5000, f)}}, props);
  EXPECT_EQ(column(w, 0), f);
  for (const RawPage& p : pages_of(w, 0)) {
    EXPECT_LE(static_cast<size_t>(p.header.uncompressed_page_size), kLimit);
  }
}

TEST(ArrowWriter, DictionaryStopsAtItsByteLimitInsideAMiniBatch) {
  constexpr size_t kLimit = 32 * 1024;
  auto v = fat_values(3000, 1000, 11);
  for (size_t i = 0; i < v.size(); i += 3) v[i] = v[1];  // some repeats
  for (auto version : {WriterVersion::PARQUET_1_0, WriterVersion::PARQUET_2_0}) {
    auto props = WriterProperties::builder()
                     .set_writer_version(version)
                     .set_dictionary_page_size_limit(kLimit)
                     .build();
    Written w = write_one({{"s", test::string_column(v)}}, props);
    EXPECT_EQ(column(w, 0), v);
    auto pages = pages_of(w, 0);
    ASSERT_EQ(pages.front().header.type, PageType::DICTIONARY_PAGE);
    const size_t dict_size = static_cast<size_t>(pages.front().header.uncompressed_page_size);
    EXPECT_LE(dict_size, kLimit);
    EXPECT_GT(dict_size, kLimit - 1004) << "filled up to the last entry that fits";
    const auto& c = w.decoded.columns[0];
    EXPECT_EQ(c.data_page_encodings.front(), Encoding::RLE_DICTIONARY);
    EXPECT_EQ(c.data_page_encodings.back(),
              version == WriterVersion::PARQUET_1_0 ? Encoding::PLAIN : Encoding::DELTA_BYTE_ARRAY);
  }
}

TEST(ArrowWriter, FirstValueLargerThanTheDictionaryLimitMeansNoDictionary) {
  test::Values<std::string> v = {std::nullopt, std::string(5000, 'a'), "b", std::nullopt, "b"};
  auto props = WriterProperties::builder().set_dictionary_page_size_limit(4096).build();
  Written w = write_one({{"s", test::string_column(v)}}, props);
  EXPECT_EQ(column(w, 0), v);
  EXPECT_EQ(w.decoded.columns[0].num_dictionary_pages, 0u);
  EXPECT_FALSE(w.metadata.row_groups[0].columns[0].meta_data->dictionary_page_offset.has_value());
}

TEST(ArrowWriter, EveryCodecAndPageVersionRoundTrips) {
  auto v = sequence(5000, 4);
  test::Values<std::string> s;
  for (int i = 0; i < 5000; ++i) {
    if (i % 6 == 0) {
      s.emplace_back(std::nullopt);
    } else {
      s.emplace_back("s" + std::to_string(i % 300));
    }
  }
  for (Compression c : {Compression::UNCOMPRESSED, Compression::SNAPPY, Compression::GZIP,
                        Compression::BROTLI, Compression::ZSTD, Compression::LZ4_RAW}) {
    for (WriterVersion ver : {WriterVersion::PARQUET_1_0, WriterVersion::PARQUET_2_0}) {
      for (bool dict : {true, false}) {
        auto props = WriterProperties::builder()
                         .set_compression(c)
                         .set_writer_version(ver)
                         .set_dictionary_enabled(dict)
                         .set_data_page_size_limit(2048)
                         .build();
        Written w = write_one({{"a", test::int32_column(v)}, {"s", test::string_column(s)}}, props);
        std::string what = std::string(to_string(c)) + (dict ? " dict" : " plain") +
                           (ver == WriterVersion::PARQUET_2_0 ? " v2" : " v1");
        EXPECT_EQ(column(w, 0), expect_plain<int32_t>(v)) << what;
        EXPECT_EQ(column(w, 1), s) << what;
        EXPECT_EQ(w.metadata.row_groups[0].columns[0].meta_data->codec,
                  static_cast<CompressionCodec>(c));
        if (!dict && ver == WriterVersion::PARQUET_2_0) {
          EXPECT_EQ(w.decoded.columns[0].data_page_encodings[0], Encoding::DELTA_BINARY_PACKED);
          EXPECT_EQ(w.decoded.columns[1].data_page_encodings[0], Encoding::DELTA_BYTE_ARRAY);
        }
      }
    }
  }
}

TEST(ArrowWriter, ChosenEncodingsPerColumn) {
  auto v = sequence(3000, 7);
  test::Values<std::string> s;
  for (int i = 0; i < 3000; ++i) s.emplace_back("k" + std::to_string(i));
  std::vector<std::optional<double>> d;
  for (int i = 0; i < 3000; ++i) d.emplace_back(i * 0.5);
  auto props = WriterProperties::builder()
                   .set_dictionary_enabled(false)
                   .set_column_encoding(ColumnPath({"a"}), Encoding::BYTE_STREAM_SPLIT)
                   .set_column_encoding(ColumnPath({"s"}), Encoding::DELTA_LENGTH_BYTE_ARRAY)
                   .set_column_encoding(ColumnPath({"d"}), Encoding::BYTE_STREAM_SPLIT)
                   .build();
  Written w = write_one(
      {{"a", test::int32_column(v)}, {"s", test::string_column(s)}, {"d", test::float64_column(d)}},
      props);
  EXPECT_EQ(w.decoded.columns[0].data_page_encodings[0], Encoding::BYTE_STREAM_SPLIT);
  EXPECT_EQ(w.decoded.columns[1].data_page_encodings[0], Encoding::DELTA_LENGTH_BYTE_ARRAY);
  EXPECT_EQ(column(w, 0), expect_plain<int32_t>(v));
  EXPECT_EQ(column(w, 1), s);
  EXPECT_EQ(column(w, 2), expect_plain<double>(d));
}

TEST(ArrowWriter, EncodingThatDoesNotFitTheTypeIsAnError) {
  auto props = WriterProperties::builder()
                   .set_column_encoding(ColumnPath({"d"}), Encoding::DELTA_BINARY_PACKED)
                   .build();
  OwnedArray batch = test::make_batch({{"d", test::float64_column({1.0})}});
  try {
    ArrowWriter::open(std::make_unique<MemoryOutputStream>(), &batch.schema,
                      ArrowWriterOptions().with_properties(props));
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("DELTA_BINARY_PACKED"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("'d'"), std::string::npos) << e.what();
  }
  EXPECT_THROW(WriterProperties::builder().set_encoding(Encoding::RLE_DICTIONARY), Error);
  EXPECT_THROW(WriterProperties::builder().set_compression(Compression::GZIP, 10), Error);
  EXPECT_THROW(WriterProperties::builder().set_compression(Compression::SNAPPY, 1), Error);
}

TEST(ArrowWriter, StatisticsTruncationAndColumnIndex) {
  std::string long_a(100, 'a'), long_z(100, 'z');
  Written w = write_one({{"s", test::string_column({long_z, long_a, std::nullopt})}});
  const auto& st = *w.metadata.row_groups[0].columns[0].meta_data->statistics;
  EXPECT_EQ(st.min_value, std::string(64, 'a'));
  EXPECT_EQ(*st.max_value, std::string(63, 'z') + "{");
  EXPECT_EQ(st.is_min_value_exact, false);
  EXPECT_EQ(st.is_max_value_exact, false);
  EXPECT_EQ(st.null_count, 1);

  auto none = WriterProperties::builder().set_statistics_enabled(EnabledStatistics::NONE).build();
  Written w2 = write_one({{"s", test::string_column({"b", "a"})}}, none);
  EXPECT_FALSE(w2.metadata.row_groups[0].columns[0].meta_data->statistics.has_value());
  EXPECT_FALSE(w2.metadata.row_groups[0].columns[0].column_index_offset.has_value());
  EXPECT_TRUE(w2.metadata.row_groups[0].columns[0].offset_index_offset.has_value());

  auto chunk = WriterProperties::builder().set_statistics_enabled(EnabledStatistics::CHUNK).build();
  Written w3 = write_one({{"s", test::string_column({"b", "a"})}}, chunk);
  EXPECT_TRUE(w3.metadata.row_groups[0].columns[0].meta_data->statistics.has_value());
  EXPECT_FALSE(w3.metadata.row_groups[0].columns[0].column_index_offset.has_value());

  // As in arrow-rs, page statistics keep the offset index (a column index
  // needs it); with chunk statistics it can be left out.
  auto no_oi = WriterProperties::builder()
                   .set_offset_index_disabled(true)
                   .set_statistics_enabled(EnabledStatistics::CHUNK)
                   .build();
  Written w4 = write_one({{"s", test::string_column({"b", "a"})}}, no_oi);
  EXPECT_FALSE(w4.metadata.row_groups[0].columns[0].offset_index_offset.has_value());
  auto no_oi_page = WriterProperties::builder().set_offset_index_disabled(true).build();
  Written w5 = write_one({{"s", test::string_column({"b", "a"})}}, no_oi_page);
  EXPECT_TRUE(w5.metadata.row_groups[0].columns[0].offset_index_offset.has_value());
  EXPECT_TRUE(w5.metadata.row_groups[0].columns[0].column_index_offset.has_value());
}

TEST(ArrowWriter, MetadataKeyValuesSortingColumnsAndArrowSchema) {
  auto props = WriterProperties::builder()
                   .set_key_value_metadata({{"origin", "unit-test"}})
                   .set_sorting_columns({{0, false, true}})
                   .build();
  Written w = write_one({{"a", test::int32_column({1, 2})}}, props);
  EXPECT_EQ(w.metadata.created_by, kCreatedBy);
  EXPECT_EQ(std::string(*w.metadata.created_by).rfind("spillway version ", 0), 0u);
  bool origin = false, arrow = false;
  for (const auto& kv : w.metadata.key_value_metadata) {
    if (kv.key == "origin" && kv.value == "unit-test") origin = true;
    if (kv.key == "ARROW:schema") arrow = true;
  }
  EXPECT_TRUE(origin);
  EXPECT_TRUE(arrow);
  ASSERT_EQ(w.metadata.row_groups[0].sorting_columns.size(), 1u);
  EXPECT_TRUE(w.metadata.row_groups[0].sorting_columns[0].nulls_first);
  ASSERT_EQ(w.metadata.column_orders.size(), 1u);

  Written skip =
      write_one({{"a", test::int32_column({1})}}, {},
                ArrowWriterOptions().with_skip_arrow_metadata(true).with_schema_root("root"));
  EXPECT_TRUE(skip.metadata.key_value_metadata.empty());
  EXPECT_EQ(skip.metadata.schema[0].name, "root");

  auto bad_sort = WriterProperties::builder().set_sorting_columns({{3, false, false}}).build();
  OwnedArray batch = test::make_batch({{"a", test::int32_column({1})}});
  EXPECT_THROW(ArrowWriter::open(std::make_unique<MemoryOutputStream>(), &batch.schema,
                                 ArrowWriterOptions().with_properties(bad_sort)),
               Error);
}

TEST(ArrowWriter, NullInNonNullableColumnIsRejectedBeforeWriting) {
  NamedColumns cols = {{"a", test::int32_column({1, std::nullopt, 3}).not_null()}};
  OwnedArray batch = test::make_batch(cols);
  auto sink = std::make_unique<MemoryOutputStream>();
  auto* out = sink.get();
  auto writer = ArrowWriter::open(std::move(sink), &batch.schema);
  ArrowArray moved = batch.array;
  batch.array.release = nullptr;
  try {
    writer.write(&moved);
    FAIL() << "expected an error";
  } catch (const Error& e) {
    std::string msg = e.what();
    EXPECT_NE(msg.find("a"), std::string::npos) << msg;
    EXPECT_NE(msg.find("1"), std::string::npos) << msg;  // the row
  }
  EXPECT_EQ(moved.release, nullptr) << "the writer releases batches it was given";
  // The writer is unusable from now on and never writes a footer.
  EXPECT_THROW(writer.close(), Error);
  EXPECT_FALSE(out->closed());
}

TEST(ArrowWriter, MalformedBatchIsRejected) {
  NamedColumns cols = {{"a", test::int32_column({1, 2, 3})}};
  OwnedArray batch = test::make_batch(cols);
  auto writer = ArrowWriter::open(std::make_unique<MemoryOutputStream>(), &batch.schema);
  batch.array.children[0]->n_buffers = 1;  // an int32 array needs 2 buffers
  ArrowArray moved = batch.array;
  batch.array.release = nullptr;
  EXPECT_THROW(writer.write(&moved), Error);
}

TEST(ArrowWriter, WriteStreamAndSchemaMismatch) {
  ArrowColumn s1 = test::struct_column({{"a", test::int32_column({1, 2})}});
  ArrowColumn s2 = test::struct_column({{"a", test::int32_column({3})}});
  ArrowArrayStream stream;
  test::make_stream(s1, {s1, s2}, &stream);
  auto sink = std::make_unique<MemoryOutputStream>();
  auto* out = sink.get();
  OwnedArray schema_holder = test::make_batch({{"a", test::int32_column({1})}});
  auto writer = ArrowWriter::open(std::move(sink), &schema_holder.schema);
  writer.write_stream(&stream);
  EXPECT_EQ(stream.release, nullptr);
  writer.close();
  auto decoded = test::read_parquet(out->data());
  EXPECT_EQ(test::flat_values(decoded.columns[0]), expect_plain<int32_t>({1, 2, 3}));

  ArrowColumn other = test::struct_column({{"b", test::int64_column({1})}});
  ArrowArrayStream bad;
  test::make_stream(other, {other}, &bad);
  auto writer2 = ArrowWriter::open(std::make_unique<MemoryOutputStream>(), &schema_holder.schema);
  try {
    writer2.write_stream(&bad);
    FAIL();
  } catch (const Error& e) {
    // Both schemas, so the user sees what changed.
    EXPECT_STREQ(e.what(),
                 "write_stream: the stream's schema {b: int64} differs from the writer's {a: "
                 "int32}");
  }

  ArrowArrayStream failing;
  test::make_stream(s1, {s1, s2}, &failing, 1);
  auto writer3 = ArrowWriter::open(std::make_unique<MemoryOutputStream>(), &schema_holder.schema);
  EXPECT_THROW(writer3.write_stream(&failing), Error);
}

// Found by the ipc_reader fuzz target: a batch of 2.7e18 rows and no
// columns made the writer end empty row groups without end.
TEST(ArrowWriter, ASchemaWithoutColumnsIsRefused) {
  OwnedArray none = test::make_batch({});
  try {
    ArrowWriter::open(std::make_unique<MemoryOutputStream>(), &none.schema);
    FAIL() << "a schema without columns was accepted";
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(), "the schema has no columns; a Parquet file needs at least one column");
  }
}

TEST(ArrowWriter, FileOutputLeavesNothingBehindUnlessClosed) {
  auto dir =
      std::filesystem::temp_directory_path() / ("spillway-test-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  auto path = dir / "out.parquet";
  OwnedArray batch = test::make_batch({{"a", test::int32_column({1, 2})}});
  {
    auto writer = ArrowWriter::open(path, &batch.schema);
    ArrowArray moved = batch.array;
    batch.array.release = nullptr;
    writer.write(&moved);
    // destroyed without close()
  }
  EXPECT_FALSE(std::filesystem::exists(path));
  EXPECT_TRUE(std::filesystem::is_empty(dir)) << "temporary file left behind";
  {
    OwnedArray b2 = test::make_batch({{"a", test::int32_column({1, 2})}});
    auto writer = ArrowWriter::open(path, &b2.schema);
    ArrowArray moved = b2.array;
    b2.array.release = nullptr;
    writer.write(&moved);
    writer.close();
    EXPECT_EQ(writer.bytes_written(), std::filesystem::file_size(path));
  }
  auto decoded = test::read_parquet_file(path.string());
  EXPECT_EQ(decoded.metadata.num_rows, 2);
  std::filesystem::remove_all(dir);
}

TEST(ArrowWriter, MemoryAndProgressAccounting) {
  auto v = sequence(50000, 9);
  OwnedArray batch = test::make_batch({{"a", test::int32_column(v)}});
  auto writer = ArrowWriter::open(std::make_unique<MemoryOutputStream>(), &batch.schema);
  ArrowArray moved = batch.array;
  batch.array.release = nullptr;
  writer.write(&moved);
  EXPECT_EQ(writer.in_progress_rows(), 50000u);
  EXPECT_GT(writer.in_progress_size(), 0u);
  EXPECT_GT(writer.memory_size(), 0u);
  EXPECT_EQ(writer.num_row_groups(), 0u);
  writer.flush();
  EXPECT_EQ(writer.in_progress_rows(), 0u);
  EXPECT_EQ(writer.num_row_groups(), 1u);
  EXPECT_GT(writer.bytes_written(), 4u);
  writer.flush();  // nothing in progress: no empty row group
  EXPECT_EQ(writer.num_row_groups(), 1u);
  writer.close();
}

}  // namespace
}  // namespace spillway

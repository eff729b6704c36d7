// `spillway inspect` on valid files (spillway's, DuckDB's) and on files that
// are not Parquet; how statistics values are shown.

#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "inspect_report.h"
#include "inspect_test_util.h"
#include "support/arrow_builder.h"

namespace spillway::cli::inspect_test {
namespace {

// --- Valid files ----------------------------------------------------------------

TEST_F(InspectTest, ReportsAValidV1File) {
  Result r = inspect(sample_file({}));
  ASSERT_EQ(r.code, kInspectValid) << r.err << r.out;
  EXPECT_EQ(r.err, "");
  EXPECT_TRUE(contains(r.out, "Rows        10 in 3 row groups, 6 leaf columns")) << r.out;
  EXPECT_TRUE(contains(r.out, "Created by  spillway version")) << r.out;
  EXPECT_TRUE(contains(r.out, "origin = \"inspect_test\"")) << r.out;
  EXPECT_TRUE(contains(r.out, "ARROW:schema = (")) << r.out;  // long value: its length first
  EXPECT_TRUE(contains(r.out, "Row group 2: 2 rows")) << r.out;
  EXPECT_EQ(count(r.out, "  sorted by id ascending nulls last\n"), 3u) << r.out;
  EXPECT_TRUE(contains(r.out, "RLE_DICTIONARY")) << r.out;
  EXPECT_TRUE(contains(r.out, "TIMESTAMP(MICROS,utc)")) << r.out;
  EXPECT_TRUE(contains(r.out, "DECIMAL(9,2)")) << r.out;
  // Statistics decoded for their type: dates, decimals, timestamps, strings.
  EXPECT_TRUE(contains(r.out, "2024-01-01  ")) << r.out;
  EXPECT_TRUE(contains(r.out, "-2.50")) << r.out;
  EXPECT_TRUE(contains(r.out, "2024-01-01T00:00:03.000000Z")) << r.out;
  EXPECT_TRUE(contains(r.out, "\"city_0\"")) << r.out;
  EXPECT_TRUE(contains(r.out, "Checks      passed")) << r.out;
  EXPECT_EQ(count(r.out, "Pages of column"), 0u);
}

TEST_F(InspectTest, ListsEveryPageOfAV2File) {
  Bytes8 file = sample_file({.version = WriterVersion::PARQUET_2_0});
  const size_t data_pages = library_page_count(file, PageType::DATA_PAGE_V2);
  const size_t dictionary_pages = library_page_count(file, PageType::DICTIONARY_PAGE);
  // 3 row groups x 6 columns, pages of 2 rows: 2 + 2 + 1 per column.
  ASSERT_EQ(data_pages, 6u * 5);
  ASSERT_GT(dictionary_pages, 0u);
  Result r = inspect(file, /*pages=*/true);
  ASSERT_EQ(r.code, kInspectValid) << r.err << r.out;
  EXPECT_EQ(count(r.out, "Pages of column"), 18u);
  EXPECT_EQ(count(r.out, " DATA_PAGE_V2 "), data_pages) << r.out;
  EXPECT_EQ(count(r.out, " DICTIONARY_PAGE "), dictionary_pages) << r.out;

  Result j = inspect(file, /*pages=*/true, /*json=*/true);
  ASSERT_EQ(j.code, kInspectValid) << j.err;
  ASSERT_TRUE(json_valid(j.out)) << j.out;
  EXPECT_EQ(count(j.out, "\"type\": \"DATA_PAGE_V2\""), data_pages);
  EXPECT_EQ(count(j.out, "\"type\": \"DICTIONARY_PAGE\""), dictionary_pages);
  EXPECT_EQ(count(j.out, "\"first_row_index\": 2"), 6u * 2);  // second page of groups 0 and 1
  EXPECT_TRUE(contains(j.out, "\"num_rows\": 2,")) << j.out;  // a v2 header field
}

TEST_F(InspectTest, JsonHoldsTheSameFacts) {
  Result r = inspect(sample_file({}), false, true);
  ASSERT_EQ(r.code, kInspectValid) << r.err;
  ASSERT_TRUE(json_valid(r.out)) << r.out;
  EXPECT_TRUE(contains(r.out, "\"valid\": true")) << r.out;
  EXPECT_TRUE(contains(r.out, "\"problems\": []")) << r.out;
  EXPECT_TRUE(contains(r.out, "\"num_rows\": 10,")) << r.out;
  EXPECT_EQ(count(r.out, "\"path\": \"city\""), 4u);  // the schema node and 3 chunks
  EXPECT_EQ(count(r.out, "\"pages\": ["), 0u);        // only with --pages
  EXPECT_TRUE(contains(r.out, "\"key\": \"origin\",\n")) << r.out;
  EXPECT_TRUE(contains(r.out, "\"logical_type\": \"DATE\"")) << r.out;
  EXPECT_EQ(count(r.out, "\"column_idx\": 0,"), 3u) << r.out;
  // Typed statistics: numbers stay numbers (the date as its day count),
  // decimals and strings are strings; raw bytes in hex beside them.
  EXPECT_TRUE(contains(r.out, "\"min\": 1,")) << r.out;
  EXPECT_TRUE(contains(r.out, "\"max\": 4,")) << r.out;
  EXPECT_TRUE(contains(r.out, "\"min\": 19723,")) << r.out;
  EXPECT_TRUE(contains(r.out, "\"min\": \"-2.50\",")) << r.out;
  EXPECT_TRUE(contains(r.out, "\"min\": \"city_0\",")) << r.out;
  EXPECT_TRUE(contains(r.out, "\"min_hex\": \"0100000000000000\"")) << r.out;
  // The full ARROW:schema value, not abbreviated.
  Parts parts = split(sample_file({}));
  for (const KeyValue& kv : parts.metadata.key_value_metadata) {
    if (kv.key == "ARROW:schema") {
      EXPECT_TRUE(contains(r.out, *kv.value));
    }
  }
}

TEST_F(InspectTest, AFileWithoutPageIndexIsValid) {
  Bytes8 file = sample_file({.page_index = false});
  Parts parts = split(file);
  ASSERT_FALSE(parts.metadata.row_groups[0].columns[0].offset_index_offset);
  Result r = inspect(file, true);
  ASSERT_EQ(r.code, kInspectValid) << r.err << r.out;
  Result j = inspect(file, true, true);
  ASSERT_EQ(j.code, kInspectValid) << j.err;
  EXPECT_EQ(count(j.out, "\"offset_index\": null"), 18u);
  EXPECT_EQ(count(j.out, "\"column_index\": null"), 18u + 30u);  // chunks and pages
}

TEST_F(InspectTest, ReportsAFileDuckDbWrote) {
  // Made by tests/cli/data/inspect/make_duckdb.mjs: ZSTD, PLAIN_DICTIONARY
  // pages, a list column, bloom filters.
  const std::string path =
      std::string(SPILLWAY_SOURCE_DIR) + "/tests/cli/data/inspect/duckdb.parquet";
  Result r = run(path, true);
  ASSERT_EQ(r.code, kInspectValid) << r.err << r.out;
  EXPECT_TRUE(contains(r.out, "Created by  DuckDB")) << r.out;
  EXPECT_TRUE(contains(r.out, "pair.list.element")) << r.out;
  EXPECT_TRUE(contains(r.out, "#5 def 3 rep 1")) << r.out;
  EXPECT_TRUE(contains(r.out, "3070.50")) << r.out;
  Result j = run(path, false, true);
  ASSERT_EQ(j.code, kInspectValid) << j.err;
  ASSERT_TRUE(json_valid(j.out));
  EXPECT_EQ(count(j.out, "\"algorithm\": \"BLOCK\""), 2u) << j.out;
  EXPECT_TRUE(contains(j.out, "\"hash\": \"XXHASH\"")) << j.out;
}

// --- Not Parquet ----------------------------------------------------------------

TEST_F(InspectTest, AFileThatIsNotParquetExitsWith2) {
  Bytes8 file = sample_file({});
  Bytes8 magic = file;
  magic[3] = '2';
  Result r = inspect(magic);
  EXPECT_EQ(r.code, kInspectUnreadable);
  EXPECT_EQ(r.out, "");
  EXPECT_TRUE(contains(r.err, "does not start with the magic \"PAR1\"")) << r.err;
  EXPECT_EQ(count(r.err, "\n"), 1u);

  Bytes8 truncated(file.begin(), file.end() - 100);
  r = inspect(truncated);
  EXPECT_EQ(r.code, kInspectUnreadable);
  EXPECT_TRUE(contains(r.err, "does not end with the magic \"PAR1\": truncated")) << r.err;

  r = inspect(Bytes8{'P', 'A', 'R', '1', 0});
  EXPECT_EQ(r.code, kInspectUnreadable);
  EXPECT_TRUE(contains(r.err, "file of 5 bytes is too small")) << r.err;

  r = run((dir_ / "missing.parquet").string());
  EXPECT_EQ(r.code, kInspectUnreadable);
  EXPECT_TRUE(contains(r.err, "missing.parquet: cannot open: No such file")) << r.err;

  r = run(dir_.string());
  EXPECT_EQ(r.code, kInspectUnreadable);
  EXPECT_TRUE(contains(r.err, "directory")) << r.err;
}

TEST_F(InspectTest, AnEmptyFileIsValid) {
  test::OwnedArray batch = test::make_batch({{"a", test::int32_column({})}});
  auto sink = std::make_unique<MemoryOutputStream>();
  MemoryOutputStream* out = sink.get();
  ArrowWriter writer = ArrowWriter::open(std::move(sink), &batch.schema);
  writer.close();
  Result r = inspect(out->data(), true);
  ASSERT_EQ(r.code, kInspectValid) << r.err << r.out;
  EXPECT_TRUE(contains(r.out, "Rows        0 in 0 row groups, 1 leaf column\n")) << r.out;
  Result j = inspect(out->data(), true, true);
  ASSERT_EQ(j.code, kInspectValid) << j.err;
  EXPECT_TRUE(json_valid(j.out)) << j.out;
  EXPECT_TRUE(contains(j.out, "\"row_groups\": []")) << j.out;
}

// --- Values ---------------------------------------------------------------------

template <typename T>
std::string le(T v) {
  return std::string(reinterpret_cast<const char*>(&v), sizeof v);
}

ColumnDescriptor leaf(PhysicalType type, std::optional<LogicalType> logical = std::nullopt,
                      int32_t width = 0) {
  return ColumnDescriptor(ColumnPath({"x"}), type, width, logical, std::nullopt, 1, 0);
}

TEST(InspectValues, RenderEachTypeReadably) {
  using inspect::value_json;
  using inspect::value_text;
  const auto i32 = leaf(PhysicalType::INT32);
  EXPECT_EQ(value_text(le<int32_t>(-7), &i32, 20), "-7");
  EXPECT_EQ(value_text("abc", &i32, 20), "0x616263 (3 bytes?)");
  const auto u32 = leaf(PhysicalType::INT32, LogicalType::integer(32, false));
  EXPECT_EQ(value_text(le<int32_t>(-1), &u32, 20), "4294967295");
  const auto date = leaf(PhysicalType::INT32, LogicalType::date());
  EXPECT_EQ(value_text(le<int32_t>(-1), &date, 20), "1969-12-31");
  EXPECT_EQ(value_text(le<int32_t>(kJan1st2024 + 59), &date, 20), "2024-02-29");
  EXPECT_EQ(value_json(le<int32_t>(kJan1st2024), &date), "19723");
  const auto ts = leaf(PhysicalType::INT64, LogicalType::timestamp(false, TimeUnit::MILLIS));
  EXPECT_EQ(value_text(le<int64_t>(-1), &ts, 40), "1969-12-31T23:59:59.999");
  const auto time = leaf(PhysicalType::INT64, LogicalType::time(true, TimeUnit::NANOS));
  EXPECT_EQ(value_text(le<int64_t>(3723000000001), &time, 40), "01:02:03.000000001");
  const auto dec32 = leaf(PhysicalType::INT32, LogicalType::decimal(9, 3));
  EXPECT_EQ(value_text(le<int32_t>(-5), &dec32, 20), "-0.005");
  EXPECT_EQ(value_json(le<int32_t>(12345), &dec32), "\"12.345\"");
  const auto dec = leaf(PhysicalType::FIXED_LEN_BYTE_ARRAY, LogicalType::decimal(38, 2), 16);
  std::string minus_one(16, '\xff');
  EXPECT_EQ(value_text(minus_one, &dec, 40), "-0.01");
  std::string big(16, '\0');
  big[0] = 0x01;  // 2^120
  EXPECT_EQ(value_text(big, &dec, 60), "13292279957849158729038070602803445.76");
  const auto dbl = leaf(PhysicalType::DOUBLE);
  EXPECT_EQ(value_text(le<double>(0.1), &dbl, 20), "0.1");
  EXPECT_EQ(value_json(le<double>(NAN), &dbl), "\"NaN\"");
  const auto half = leaf(PhysicalType::FIXED_LEN_BYTE_ARRAY, LogicalType::float16(), 2);
  EXPECT_EQ(value_text(le<uint16_t>(0xC000), &half, 20), "-2");
  const auto boolean = leaf(PhysicalType::BOOLEAN);
  EXPECT_EQ(value_json(std::string(1, '\1'), &boolean), "true");
  const auto str = leaf(PhysicalType::BYTE_ARRAY, LogicalType::string());
  EXPECT_EQ(value_text("a\"b\n\xff", &str, 20), "\"a\\\"b\\n\\xff\"");
  EXPECT_EQ(value_text("\xc3\xa9t\xc3\xa9 long text", &str, 4), "\"\xc3\xa9t\xc3\xa9 ...\"");
  EXPECT_EQ(value_json("\xc3\xa9\xff\x01", &str), "\"\xc3\xa9\\ufffd\\u0001\"");
  const auto bin = leaf(PhysicalType::BYTE_ARRAY);
  EXPECT_EQ(value_text(std::string("\x00\x01\xfe", 3), &bin, 20), "0x0001fe");
  EXPECT_EQ(value_text("plain", &bin, 20), "\"plain\"");
  const auto uuid =
      leaf(PhysicalType::FIXED_LEN_BYTE_ARRAY, LogicalType{LogicalType::Kind::UUID}, 16);
  EXPECT_EQ(value_text(
                std::string("\x12\x34\x56\x78\x9a\xbc\xde\xf0\x01\x23\x45\x67\x89\xab\xcd\xef", 16),
                &uuid, 40),
            "12345678-9abc-def0-0123-456789abcdef");
  const auto int96 = leaf(PhysicalType::INT96);
  EXPECT_EQ(value_text(le<int64_t>(1000) + le<int32_t>(2440588 + 1), &int96, 40),
            "1970-01-02T00:00:00.000001000");
  EXPECT_EQ(value_text("abc", nullptr, 20), "\"abc\"");
}

}  // namespace
}  // namespace spillway::cli::inspect_test

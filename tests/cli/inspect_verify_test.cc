// `spillway inspect --verify`: files the library writes in every
// combination of types, encodings, codecs, page versions, statistics and
// page index settings verify cleanly with the right counts; what the
// command prints; and no byte flip of a small file crashes the verifier.
// Files changed in one place: inspect_verify_problems_test.cc.

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <functional>
#include <limits>
#include <set>
#include <sstream>
#include <string>

#include "format/metadata_io.h"
#include "inspect_report.h"
#include "inspect_test_util.h"
#include "support/arrow_builder.h"

namespace spillway::cli::inspect_test {
namespace {

using test::Values;

// --- Every type, encoding, codec, page version and statistics level -----------

constexpr int kRows = 120;

test::OwnedArray every_type_batch() {
  Values<bool> b;
  Values<int8_t> i8;
  Values<uint16_t> u16;
  Values<int32_t> i32, day, list_values, st_a;
  Values<uint32_t> u32;
  Values<int64_t> i64, ts, map_values;
  Values<uint64_t> u64;
  Values<float> f32, f16;
  Values<double> f64;
  Values<std::string> dec9, dec30, s, bin, fsb, st_b, map_keys;
  std::vector<int32_t> list_offsets{0}, map_offsets{0};
  std::vector<bool> list_valid, st_valid, map_valid;
  const double nan = std::numeric_limits<double>::quiet_NaN();
  for (int i = 0; i < kRows; ++i) {
    const bool null = i % 7 == 3;
    b.push_back(null ? std::nullopt : std::optional<bool>(i % 3 == 0));
    i8.push_back(static_cast<int8_t>(i * 37));
    u16.push_back(static_cast<uint16_t>(i * 1000));
    i32.push_back(null ? std::nullopt : std::optional<int32_t>((i - 60) * 1000003));
    u32.push_back(static_cast<uint32_t>(i) * 40000000u);  // crosses 2^31: unsigned order
    i64.push_back(int64_t{i - 50} << 40);
    u64.push_back(uint64_t{static_cast<uint64_t>(i)} << 58);
    const double x = i % 11 == 5 ? nan : (i % 13 == 0 ? -0.0 : (i - 40) * 0.25);
    f32.push_back(null ? std::nullopt : std::optional<float>(static_cast<float>(x)));
    f64.push_back(null ? std::nullopt : std::optional<double>(x));
    f16.push_back(null ? std::nullopt : std::optional<float>(static_cast<float>(x)));
    day.push_back(kJan1st2024 - 40 + i);
    ts.push_back(kJan1st2024Micros + int64_t{i} * 3600000000);
    dec9.push_back(std::to_string(i - 30) + ".25");
    dec30.push_back(
        null ? std::nullopt
             : std::optional<std::string>(std::to_string((i - 60) * 999999999LL) + "123456789.5"));
    // Long, shared prefixes (truncated bounds), non-ASCII text and 0xFF bytes.
    s.push_back(null ? std::nullopt
                     : std::optional<std::string>(std::string(i % 4 + 1, 'z') +
                                                  "\xc3\xa9t\xc3\xa9 " + std::to_string(i % 9) +
                                                  " long tail text"));
    bin.push_back(std::string("\xff\xff", 2) + std::string(1, static_cast<char>(i % 5)) +
                  std::string(static_cast<size_t>(i % 3), '\0'));
    fsb.push_back(null ? std::nullopt
                       : std::optional<std::string>(std::string{
                             static_cast<char>(i % 256), static_cast<char>(255 - i % 200), 'x'}));
    // list<int32>: lists of 0..3 elements, some null lists, some null elements.
    const int len = i % 4;
    list_valid.push_back(i % 10 != 9);
    if (i % 10 != 9) {
      for (int k = 0; k < len; ++k) {
        list_values.push_back(k == 1 && i % 3 == 0 ? std::nullopt
                                                   : std::optional<int32_t>(i * 10 + k));
      }
    }
    list_offsets.push_back(static_cast<int32_t>(list_values.size()));
    st_valid.push_back(i % 8 != 2);
    st_a.push_back(i % 5 == 1 ? std::nullopt : std::optional<int32_t>(-i));
    st_b.push_back("struct " + std::to_string(i % 6));
    map_valid.push_back(i % 9 != 4);
    if (i % 9 != 4) {
      for (int k = 0; k < i % 3; ++k) {
        map_keys.push_back("key" + std::to_string(k));
        map_values.push_back(k == 0 ? std::nullopt : std::optional<int64_t>(i * k));
      }
    }
    map_offsets.push_back(static_cast<int32_t>(map_keys.size()));
  }
  return test::make_batch(
      {{"b", test::bool_column(b)},
       {"i8", test::int8_column(i8)},
       {"u16", test::uint16_column(u16)},
       {"i32", test::int32_column(i32)},
       {"u32", test::uint32_column(u32)},
       {"i64", test::int64_column(i64)},
       {"u64", test::uint64_column(u64)},
       {"f32", test::float32_column(f32)},
       {"f64", test::float64_column(f64)},
       {"f16", test::float16_column(f16)},
       {"day", test::date32_column(day)},
       {"ts", test::timestamp_column(ArrowTimeUnit::MICRO, "UTC", ts)},
       {"dec9", test::decimal_column(128, 9, 2, dec9)},
       {"dec30", test::decimal_column(128, 30, 1, dec30)},
       {"s", test::string_column(s)},
       {"bin", test::binary_column(bin)},
       {"fsb", test::fixed_size_binary_column(3, fsb)},
       {"list", test::list_column(list_offsets, test::int32_column(list_values), list_valid)},
       {"st", test::nullable_struct_column(
                  {{"a", test::int32_column(st_a)}, {"b", test::string_column(st_b)}}, st_valid)},
       {"m", test::map_column(map_offsets, test::string_column(map_keys),
                              test::int64_column(map_values), map_valid)}});
}

// The encoding other than PLAIN and the dictionary that each leaf can take.
void set_explicit_encodings(WriterPropertiesBuilder& props) {
  const std::pair<std::vector<std::string>, Encoding> encodings[] = {
      {{"b"}, Encoding::RLE},
      {{"i8"}, Encoding::DELTA_BINARY_PACKED},
      {{"u16"}, Encoding::BYTE_STREAM_SPLIT},
      {{"i32"}, Encoding::DELTA_BINARY_PACKED},
      {{"u32"}, Encoding::DELTA_BINARY_PACKED},
      {{"i64"}, Encoding::DELTA_BINARY_PACKED},
      {{"u64"}, Encoding::BYTE_STREAM_SPLIT},
      {{"f32"}, Encoding::BYTE_STREAM_SPLIT},
      {{"f64"}, Encoding::BYTE_STREAM_SPLIT},
      {{"f16"}, Encoding::BYTE_STREAM_SPLIT},
      {{"day"}, Encoding::DELTA_BINARY_PACKED},
      {{"ts"}, Encoding::DELTA_BINARY_PACKED},
      {{"dec9"}, Encoding::DELTA_BINARY_PACKED},
      {{"dec30"}, Encoding::DELTA_BYTE_ARRAY},
      {{"s"}, Encoding::DELTA_BYTE_ARRAY},
      {{"bin"}, Encoding::DELTA_LENGTH_BYTE_ARRAY},
      {{"fsb"}, Encoding::BYTE_STREAM_SPLIT},
      {{"list", "list", "element"}, Encoding::DELTA_BINARY_PACKED},
      {{"st", "b"}, Encoding::DELTA_LENGTH_BYTE_ARRAY},
      {{"m", "key_value", "key"}, Encoding::DELTA_BYTE_ARRAY},
  };
  for (const auto& [path, e] : encodings) props.set_column_encoding(ColumnPath(path), e);
}

struct Expected {
  size_t chunks = 0, pages = 0;
  int64_t values = 0;
};

Expected expected_counts(const Bytes8& file) {
  Expected e;
  ParquetFooter footer = read_footer(file);
  for (const RowGroup& rg : footer.metadata.row_groups) {
    for (const ColumnChunk& c : rg.columns) {
      ++e.chunks;
      e.values += c.meta_data->num_values;
      e.pages += read_column_chunk_pages(file, c).size();
    }
  }
  return e;
}

TEST(InspectVerify, EveryCombinationTheLibraryWritesVerifies) {
  const Compression codecs[] = {Compression::UNCOMPRESSED, Compression::SNAPPY,
                                Compression::GZIP,         Compression::BROTLI,
                                Compression::ZSTD,         Compression::LZ4_RAW};
  const EnabledStatistics levels[] = {EnabledStatistics::NONE, EnabledStatistics::CHUNK,
                                      EnabledStatistics::PAGE};
  int variant = 0;
  for (WriterVersion version : {WriterVersion::PARQUET_1_0, WriterVersion::PARQUET_2_0}) {
    for (int encodings = 0; encodings < 3; ++encodings) {  // dictionary, plain, explicit
      for (Compression codec : codecs) {
        for (EnabledStatistics statistics : levels) {
          ++variant;
          auto props = WriterProperties::builder()
                           .set_writer_version(version)
                           .set_compression(codec)
                           .set_statistics_enabled(statistics)
                           .set_max_row_group_row_count(70)
                           .set_data_page_row_count_limit(25)
                           .set_write_batch_size(10)
                           .set_dictionary_enabled(encodings == 0)
                           .set_offset_index_disabled(variant % 4 == 1)
                           .set_page_checksum_enabled(variant % 2 == 0);
          if (variant % 3 == 0) {
            props.set_statistics_truncate_length(6).set_column_index_truncate_length(5);
          }
          if (encodings == 2) set_explicit_encodings(props);
          test::OwnedArray batch = every_type_batch();
          const Bytes8 file = write_batch(batch, props.build());
          const inspect::Report r = verify(file);
          const std::string what = ::testing::PrintToString(
              std::make_tuple(static_cast<int>(version), encodings, static_cast<int>(codec),
                              static_cast<int>(statistics), variant));
          ASSERT_TRUE(r.problems.empty()) << what << "\n" << problems(r);
          ASSERT_TRUE(r.verify);
          const Expected e = expected_counts(file);
          EXPECT_EQ(e.chunks, 2u * 22u) << what;
          EXPECT_EQ(r.verify->column_chunks, e.chunks) << what;
          EXPECT_EQ(r.verify->pages, e.pages) << what;
          EXPECT_EQ(r.verify->values, e.values) << what;
          EXPECT_EQ(r.verify->skipped_pages, 0u) << what;
          EXPECT_EQ(r.verify->skipped_chunks, 0u) << what;
          // Without statistics nothing bounds the values, so corrupt values
          // go unseen; with them the decoded nulls match the claimed ones.
          if (statistics != EnabledStatistics::NONE) {
            int64_t nulls = 0;
            for (const RowGroup& rg : r.metadata.row_groups) {
              for (const ColumnChunk& c : rg.columns) nulls += *c.meta_data->statistics->null_count;
            }
            EXPECT_EQ(r.verify->nulls, nulls) << what;
          }
        }
      }
    }
  }
}

// --- What is printed ---------------------------------------------------------------

TEST_F(InspectTest, VerifyPrintsWhatItDecoded) {
  const Bytes8 file = sample_file({});
  const Expected e = expected_counts(file);
  Result r = inspect(file, false, false, /*verify=*/true);
  ASSERT_EQ(r.code, kInspectValid) << r.err << r.out;
  // 10 rows x 6 columns; city and score have 2 nulls each.
  EXPECT_TRUE(contains(r.out, fmt::format("Verified    18 column chunks, {} pages, 60 values "
                                          "(4 null)\nChecks      passed",
                                          e.pages)))
      << r.out;
  Result j = inspect(file, false, true, true);
  ASSERT_EQ(j.code, kInspectValid) << j.err;
  ASSERT_TRUE(json_valid(j.out)) << j.out;
  EXPECT_TRUE(contains(j.out, fmt::format("\"verify\": {{\n    \"column_chunks\": 18,\n    "
                                          "\"pages\": {},\n    \"values\": 60,\n    \"nulls\": 4,",
                                          e.pages)))
      << j.out;
  // Without --verify the output is what it was.
  Result plain = inspect(file);
  EXPECT_FALSE(contains(plain.out, "Verified")) << plain.out;
  Result plain_json = inspect(file, false, true);
  EXPECT_FALSE(contains(plain_json.out, "\"verify\"")) << plain_json.out;
}

TEST_F(InspectTest, VerifiesTheBloomFiltersOfAFileDuckDbWrote) {
  const std::string path =
      std::string(SPILLWAY_SOURCE_DIR) + "/tests/cli/data/inspect/duckdb.parquet";
  Result r = run(path, false, false, true);
  ASSERT_EQ(r.code, kInspectValid) << r.err << r.out;
  EXPECT_TRUE(contains(r.out, "Verified    ")) << r.out;
  EXPECT_FALSE(contains(r.out, "skipped")) << r.out;
  EXPECT_FALSE(contains(r.out, "not decoded")) << r.out;
}

// --- Hostile files ------------------------------------------------------------------

// Each byte flipped in turn: the verifier reports or skips, never crashes;
// the reports stay printable.
void flip_and_verify(const Bytes8& file) {
  size_t invalid = 0;
  for (size_t i = 0; i < file.size(); ++i) {
    Bytes8 copy = file;
    copy[i] ^= static_cast<uint8_t>(0x5A + i);
    try {
      const inspect::Report r = verify(copy);
      std::ostringstream text, json;
      inspect::print_text(r, true, text);
      inspect::print_json(r, true, json);
      ASSERT_TRUE(json_valid(json.str())) << "byte " << i;
      invalid += !r.problems.empty();
    } catch (const inspect::NotParquet&) {
    }
  }
  EXPECT_GT(invalid, file.size() / 2);
}

TEST(InspectVerify, NoByteFlipCrashesIt) {
  flip_and_verify(sample_file({.rows = 6, .row_group_rows = 6, .page_rows = 3}));
  flip_and_verify(sample_file(
      {.version = WriterVersion::PARQUET_2_0, .rows = 5, .row_group_rows = 5, .page_rows = 2}));
  // Nested levels, an uncompressed dictionary page and v2 pages.
  test::OwnedArray batch = test::make_batch(
      {{"l",
        test::list_column({0, 2, 2, 5}, test::string_column({"a", "b", std::nullopt, "a", "c"}),
                          {true, false, true})}});
  flip_and_verify(write_batch(batch, WriterProperties::builder()
                                         .set_writer_version(WriterVersion::PARQUET_2_0)
                                         .set_data_page_row_count_limit(2)
                                         .set_write_batch_size(1)
                                         .build()));
}

}  // namespace
}  // namespace spillway::cli::inspect_test

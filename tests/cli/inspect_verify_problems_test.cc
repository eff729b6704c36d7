// `spillway inspect --verify` on files changed in one place: a value, a
// column index entry, a null count, a bloom filter bit, a dictionary index,
// a page header's value count; each reported with its exact message. And
// the bounds check under each sort order.

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <functional>
#include <set>
#include <sstream>
#include <string>

#include "format/metadata_io.h"
#include "inspect_report.h"
#include "inspect_test_util.h"
#include "inspect_verify.h"
#include "statistics/bloom_filter.h"
#include "support/arrow_builder.h"

namespace spillway::cli::inspect_test {
namespace {

using test::Values;

// --- Corruption: exact problems ---------------------------------------------------

// One INT32 column "n" written v1, PLAIN, uncompressed, without CRCs, with
// page statistics and a page index: `values` in pages of `page_rows`.
Bytes8 int_file(const Values<int32_t>& values, size_t page_rows = 100) {
  test::OwnedArray batch = test::make_batch({{"n", test::int32_column(values)}});
  return write_batch(batch, WriterProperties::builder()
                                .set_dictionary_enabled(false)
                                .set_data_page_row_count_limit(page_rows)
                                .set_write_batch_size(1)
                                .build());
}

// Where in `file` a page's body starts.
size_t body_offset(const Bytes8& file, const RawPage& page) {
  return static_cast<size_t>(page.body.data() - file.data());
}

template <typename T>
void put_le(Bytes8& file, size_t at, T v) {
  std::memcpy(file.data() + at, &v, sizeof v);
}

TEST(InspectVerify, AValueAboveTheStatisticsIsNamedWithBothValues) {
  Bytes8 file = int_file({1000001, 1000002, std::nullopt, 1000004});
  ASSERT_TRUE(verify(file).problems.empty()) << problems(verify(file));
  const std::vector<RawPage> pages = pages_of(file, 0, 0);
  ASSERT_EQ(pages.size(), 1u);
  ASSERT_FALSE(pages[0].header.crc);
  // v1 page of an optional column: 4-byte length and definition levels, then
  // three PLAIN values; the last is 1000004.
  const size_t last = body_offset(file, pages[0]) + pages[0].body.size() - 4;
  int32_t v;
  std::memcpy(&v, file.data() + last, 4);
  ASSERT_EQ(v, 1000004);
  put_le<int32_t>(file, last, 2000000);
  const inspect::Report r = verify(file);
  EXPECT_EQ(problems(r),
            "row group 0, column 'n', page 0 (DATA_PAGE at offset 4): statistics: max_value "
            "1000004 is below the largest value decoded, 2000000\n"
            "row group 0, column 'n', page 0 (DATA_PAGE at offset 4): column index entry 0: max "
            "1000004 is below the largest value decoded, 2000000\n"
            "row group 0, column 'n': chunk statistics: max_value 1000004 is below the largest "
            "value decoded, 2000000\n");
}

TEST_F(InspectTest, VerifyProblemsReachTheCommandsOutput) {
  Bytes8 file = int_file({5, 6, 7});
  const std::vector<RawPage> pages = pages_of(file, 0, 0);
  const size_t first = body_offset(file, pages[0]) + pages[0].body.size() - 12;
  put_le<int32_t>(file, first, 1);  // below the min, 5
  Result r = inspect(file, false, false, true);
  expect_invalid(r,
                 "row group 0, column 'n': chunk statistics: min_value 5 is above the smallest "
                 "value decoded, 1");
  // Without --verify the layout alone is consistent.
  EXPECT_EQ(inspect(file).code, kInspectValid);
}

// Rewrites the column index of row group 0's chunk 0 after `change`.
Bytes8 with_column_index(const Bytes8& file, const std::function<void(ColumnIndex&)>& change) {
  Parts parts = split(file);
  ColumnChunk& cc = parts.metadata.row_groups[0].columns[0];
  std::optional<ColumnIndex> index = spillway::read_column_index(file, cc);
  EXPECT_TRUE(index);
  change(*index);
  ByteBuffer bytes;
  write_thrift(*index, bytes);
  cc.column_index_offset = parts.append(bytes);
  cc.column_index_length = static_cast<int32_t>(bytes.size());
  return parts.join();
}

TEST(InspectVerify, AColumnIndexEntryThatDoesNotBoundItsPage) {
  const Bytes8 file = int_file({1, 2, 3, std::nullopt}, 2);
  const std::vector<RawPage> pages = pages_of(file, 0, 0);
  ASSERT_EQ(pages.size(), 2u);
  const Bytes8 changed = with_column_index(file, [](ColumnIndex& ci) {
    ci.max_values[0] = std::string("\x01\0\0\0", 4);  // the page holds 1 and 2
    ci.null_counts[1] = 0;                            // it holds one null
  });
  // The layout checks see the null count differ from the page header's.
  EXPECT_EQ(problems(verify(changed)),
            fmt::format("row group 0, column 'n': column index entry 1: null_count 0 but the page "
                        "has 1 nulls\n"
                        "row group 0, column 'n', page 0 (DATA_PAGE at offset 4): column index "
                        "entry 0: max 1 is below the largest value decoded, 2\n"
                        "row group 0, column 'n', page 1 (DATA_PAGE at offset {}): column index "
                        "entry 1: null_count 0 but 1 nulls were decoded\n",
                        pages[1].offset));
}

TEST(InspectVerify, AChunkNullCountThatDiffersFromTheLevels) {
  // No page statistics: only the decoded levels tell the nulls.
  test::OwnedArray batch = test::make_batch({{"n", test::int32_column({1, std::nullopt, 3})}});
  const Bytes8 file = write_batch(batch, WriterProperties::builder()
                                             .set_statistics_enabled(EnabledStatistics::CHUNK)
                                             .set_dictionary_enabled(false)
                                             .build());
  const Bytes8 changed =
      with_metadata(file, [](FileMetaData& md) { column(md, 0, 0).statistics->null_count = 2; });
  EXPECT_EQ(problems(verify(changed)),
            "row group 0, column 'n': chunk statistics: null_count 2 but 1 nulls were decoded\n");
  EXPECT_TRUE(inspect::inspect_file(changed, "f").problems.empty());  // unseen without --verify
}

// A BloomFilterHeader (Thrift compact) for a bitset of `num_bytes`:
// numBytes, then the BLOCK / XXHASH / UNCOMPRESSED union members.
ByteBuffer bloom_filter_header(int32_t num_bytes) {
  ByteBuffer out;
  out.push_back(0x15);  // field 1, i32
  uint32_t zigzag = static_cast<uint32_t>(num_bytes) << 1;
  while (zigzag >= 0x80) {
    out.push_back(static_cast<uint8_t>(zigzag | 0x80));
    zigzag >>= 7;
  }
  out.push_back(static_cast<uint8_t>(zigzag));
  for (int field = 2; field <= 4; ++field) {
    const uint8_t member[] = {0x1C, 0x1C, 0x00, 0x00};  // struct { 1: struct {} }
    out.append(member, sizeof member);
  }
  out.push_back(0x00);
  return out;
}

// Appends a bloom filter of every value to the string column 0 of row group 0.
Bytes8 with_bloom_filter(const Bytes8& file, const std::vector<std::string>& values,
                         const std::function<void(Bytes8&)>& change_bitset) {
  Bytes8 bitset(4 * kBloomFilterBlockBytes, 0);
  for (const std::string& v : values) {
    bloom_filter_insert(bitset,
                        bloom_filter_hash({reinterpret_cast<const uint8_t*>(v.data()), v.size()}));
  }
  change_bitset(bitset);
  ByteBuffer bytes = bloom_filter_header(static_cast<int32_t>(bitset.size()));
  bytes.append(bitset.data(), bitset.size());
  Parts parts = split(file);
  ColumnMetaData& m = column(parts.metadata, 0, 0);
  m.bloom_filter_offset = parts.append(bytes);
  m.bloom_filter_length = static_cast<int32_t>(bytes.size());
  return parts.join();
}

uint64_t hash_of(const std::string& v) {
  return bloom_filter_hash({reinterpret_cast<const uint8_t*>(v.data()), v.size()});
}

TEST(InspectVerify, EveryValueMustBeInTheBloomFilter) {
  std::vector<std::string> values;
  Values<std::string> column;
  for (int i = 0; i < 40; ++i) {
    values.push_back("value " + std::to_string(i % 17));
    column.push_back(i % 5 == 0 ? std::nullopt : std::optional<std::string>(values.back()));
  }
  test::OwnedArray batch = test::make_batch({{"s", test::string_column(column)}});
  const Bytes8 file = write_batch(batch, WriterProperties::builder()
                                             .set_data_page_row_count_limit(10)
                                             .set_write_batch_size(1)
                                             .build());
  const inspect::Report good = verify(with_bloom_filter(file, values, [](Bytes8&) {}));
  EXPECT_TRUE(good.problems.empty()) << problems(good);
  ASSERT_TRUE(good.row_groups[0].chunks[0].bloom_filter);

  // Clear the bit "value 3" sets in the first word of its block (salt
  // 0x47b6137b, BloomFilter.md): it, and any value sharing that bit, is
  // then missing.
  auto clear_bit = [](Bytes8& bitset) {
    const uint64_t h = hash_of("value 3");
    const size_t block = static_cast<size_t>(((h >> 32) * 4) >> 32) * kBloomFilterBlockBytes;
    const uint32_t bit = (static_cast<uint32_t>(h) * 0x47b6137bU) >> 27;
    bitset[block + bit / 8] &= static_cast<uint8_t>(~(1u << (bit % 8)));
  };
  const Bytes8 changed = with_bloom_filter(file, values, clear_bit);
  // The values now missing, in the order they are decoded; rows 1 to 4
  // ("value 1" to "value 4") are the first non-null ones, in page 1 (after
  // the dictionary page), so the first is there.
  Bytes8 bitset(4 * kBloomFilterBlockBytes, 0);
  for (const std::string& v : values) bloom_filter_insert(bitset, hash_of(v));
  clear_bit(bitset);
  ASSERT_FALSE(bloom_filter_find(bitset, hash_of("value 3")));
  std::string first;
  int missing = 0;
  std::set<std::string> seen;
  for (int i = 0; i < 40; ++i) {
    if (i % 5 == 0 || !seen.insert(values[i]).second) continue;
    if (!bloom_filter_find(bitset, hash_of(values[i])) && missing++ == 0) first = values[i];
  }
  ASSERT_GE(missing, 1);
  EXPECT_EQ(problems(verify(changed)),
            fmt::format("row group 0, column 's': bloom filter: {} of the values decoded {} not "
                        "in it, the first \"{}\" of page 1\n",
                        missing, missing == 1 ? "is" : "are", first));
}

TEST(InspectVerify, ADictionaryIndexPastTheDictionary) {
  test::OwnedArray batch = test::make_batch({{"s", test::string_column({"a", "b", "c", "a"})}});
  Bytes8 file = write_batch(batch, WriterProperties::builder().build());
  const std::vector<RawPage> pages = pages_of(file, 0, 0);
  ASSERT_EQ(pages.size(), 2u);
  ASSERT_EQ(pages[0].header.type, PageType::DICTIONARY_PAGE);
  // A v1 page of an optional column: the levels' length and runs, then the
  // index bit width (2 for 3 entries) and one bit-packed group of 8.
  const size_t body = body_offset(file, pages[1]);
  const size_t levels = 4 + (file[body] | file[body + 1] << 8);
  ASSERT_EQ(file[body + levels], 2);
  ASSERT_EQ(file[body + levels + 1], 0x03);
  file[body + levels + 2] = 0xFF;  // indices 3, 3, 3, 3
  EXPECT_EQ(problems(verify(file)),
            fmt::format("row group 0, column 's', page 1 (DATA_PAGE at offset {}): cannot "
                        "decode: RLE_DICTIONARY: index 3 of value 0 is past the dictionary's 3 "
                        "entries\n",
                        pages[1].offset));
}

// Rewrites the header of the only page of a one-page chunk with `change`,
// which must keep its serialized length.
Bytes8 with_page_header(const Bytes8& file, const std::function<void(PageHeader&)>& change) {
  const std::vector<RawPage> pages = pages_of(file, 0, 0);
  PageHeader h = pages[0].header;
  change(h);
  ByteBuffer bytes;
  write_thrift(h, bytes);
  EXPECT_EQ(bytes.size(), pages[0].header_length);
  Bytes8 out = file;
  std::memcpy(out.data() + pages[0].offset, bytes.data(), bytes.size());
  return out;
}

TEST(InspectVerify, APageShorterOrLongerThanItsValues) {
  test::OwnedArray batch = test::make_batch({{"n", test::int32_column({1, 2, 3, 4})}});
  const Bytes8 file = write_batch(batch, WriterProperties::builder()
                                             .set_dictionary_enabled(false)
                                             .set_statistics_enabled(EnabledStatistics::NONE)
                                             .set_offset_index_disabled(true)
                                             .build());
  ASSERT_TRUE(verify(file).problems.empty());
  const Bytes8 truncated =
      with_page_header(file, [](PageHeader& h) { h.data_page_header->num_values = 6; });
  const std::string got = problems(verify(truncated));
  // The definition levels run out first (4 values, one run of 4 levels).
  EXPECT_EQ(got,
            "row group 0, column 'n': num_values is 4 but its data pages hold 6\n"
            "row group 0, column 'n', page 0 (DATA_PAGE at offset 4): cannot decode: levels: "
            "RLE/bit-packed data ends at byte offset 6 after 4 of 6 levels\n");
  const Bytes8 longer =
      with_page_header(file, [](PageHeader& h) { h.data_page_header->num_values = 2; });
  const std::string got2 = problems(verify(longer));
  EXPECT_EQ(got2,
            "row group 0, column 'n': num_values is 4 but its data pages hold 2\n"
            "row group 0, column 'n', page 0 (DATA_PAGE at offset 4): 8 bytes left over after "
            "its 2 values\n"
            "row group 0, column 'n': size_statistics: definition_level_histogram [0, 4] but the "
            "levels decoded give [0, 2]\n");
}

TEST(InspectVerify, PagesWithLegacyLevelsAreSkippedNotReported) {
  test::OwnedArray batch = test::make_batch({{"n", test::int32_column({1, std::nullopt, 3})}});
  const Bytes8 file = write_batch(batch, WriterProperties::builder()
                                             .set_dictionary_enabled(false)
                                             .set_offset_index_disabled(true)
                                             .set_statistics_enabled(EnabledStatistics::CHUNK)
                                             .build());
  const Bytes8 legacy = with_page_header(file, [](PageHeader& h) {
    h.data_page_header->definition_level_encoding = Encoding::BIT_PACKED;
  });
  const inspect::Report r = verify(legacy);
  EXPECT_EQ(problems(r), "");
  ASSERT_TRUE(r.verify);
  EXPECT_EQ(r.verify->column_chunks, 1u);
  EXPECT_EQ(r.verify->pages, 0u);
  EXPECT_EQ(r.verify->skipped_pages, 1u);
  std::ostringstream text;
  inspect::print_text(r, false, text);
  EXPECT_TRUE(contains(text.str(),
                       "Verified    1 column chunk, 0 pages, 0 values (0 null); 1 page skipped "
                       "(too large, or legacy BIT_PACKED levels)\n"))
      << text.str();
}

// --- Bounds under each sort order ------------------------------------------------

template <typename T>
std::string le(T v) {
  return std::string(reinterpret_cast<const char*>(&v), sizeof v);
}

// The problems ClaimChecker::bounds reports for claimed `min` / `max`
// against decoded ones (`actual_min` empty: nothing but NaNs or nulls).
std::string bounds_problems(const ColumnDescriptor& leaf, std::optional<std::string> min,
                            std::optional<std::string> max, std::optional<std::string> actual_min,
                            std::optional<std::string> actual_max, bool exact = false,
                            int64_t non_null = 1) {
  inspect::Report report;
  inspect::ChunkReport chunk;
  chunk.leaf = &leaf;
  inspect::verify::ClaimChecker checker(report, "c", leaf, chunk);
  inspect::verify::Bounds actual;
  if (actual_min) actual = {true, *actual_min, *actual_max};
  checker.bounds("s", min, max, exact, exact, non_null, actual, "min_value", "max_value");
  return problems(report);
}

ColumnDescriptor leaf_of(PhysicalType type, std::optional<LogicalType> logical = std::nullopt,
                         int32_t width = 0) {
  return ColumnDescriptor(ColumnPath({"x"}), type, width, logical, std::nullopt, 1, 0);
}

TEST(InspectVerifyBounds, FollowEachSortOrder) {
  const auto dbl = leaf_of(PhysicalType::DOUBLE);
  // -0.0 and +0.0 are equal; a NaN bound bounds nothing.
  EXPECT_EQ(bounds_problems(dbl, le(0.0), le(-0.0), le(-0.0), le(0.0), true), "");
  EXPECT_EQ(bounds_problems(dbl, le(NAN), le(NAN), le(1.0), le(2.0)), "");
  EXPECT_EQ(bounds_problems(dbl, le(1.5), le(2.0), le(1.0), le(2.0)),
            "s: min_value 1.5 is above the smallest value decoded, 1\n");
  // Only NaNs decoded: nothing to bound, but bounds without any value are wrong.
  EXPECT_EQ(bounds_problems(dbl, le(1.0), le(2.0), std::nullopt, std::nullopt), "");
  EXPECT_EQ(bounds_problems(dbl, le(1.0), le(2.0), std::nullopt, std::nullopt, false, 0),
            "s: min_value 1 and max_value 2 are set but no non-null value was decoded\n");
  // Unsigned: 2^31 is above 2^31 - 1.
  const auto u32 = leaf_of(PhysicalType::INT32, LogicalType::integer(32, false));
  EXPECT_EQ(bounds_problems(u32, le<int32_t>(0), le<int32_t>(0x7fffffff), le<int32_t>(0),
                            le<int32_t>(INT32_MIN)),
            "s: max_value 2147483647 is below the largest value decoded, 2147483648\n");
  const auto i32 = leaf_of(PhysicalType::INT32);
  EXPECT_EQ(bounds_problems(i32, le<int32_t>(INT32_MIN), le<int32_t>(0), le<int32_t>(INT32_MIN),
                            le<int32_t>(0)),
            "");
  // Exactness: a looser bound is fine unless marked exact.
  EXPECT_EQ(bounds_problems(i32, le<int32_t>(0), le<int32_t>(9), le<int32_t>(1), le<int32_t>(8)),
            "");
  EXPECT_EQ(
      bounds_problems(i32, le<int32_t>(0), le<int32_t>(9), le<int32_t>(1), le<int32_t>(8), true),
      "s: min_value 0 is marked exact but the smallest value decoded is 1\n"
      "s: max_value 9 is marked exact but the largest value decoded is 8\n");
  // Strings: unsigned bytes; truncated bounds still bound.
  const auto str = leaf_of(PhysicalType::BYTE_ARRAY, LogicalType::string());
  EXPECT_EQ(bounds_problems(str, "ab", "ac", "abc", "abz"), "");
  EXPECT_EQ(bounds_problems(str, "ab", "ab", "abc", "abz"),
            "s: max_value \"ab\" is below the largest value decoded, \"abz\"\n");
  EXPECT_EQ(bounds_problems(str, "a", "\xc3\xa9", "a", "\xc3\xa9t\xc3\xa9"),
            "s: max_value \"\xc3\xa9\" is below the largest value decoded, "
            "\"\xc3\xa9t\xc3\xa9\"\n");
  // Decimals in bytes are signed big-endian: 0xFF (-1) is below 0x01.
  const auto dec = leaf_of(PhysicalType::FIXED_LEN_BYTE_ARRAY, LogicalType::decimal(2, 0), 1);
  EXPECT_EQ(bounds_problems(dec, "\xff", "\x01", "\xff", "\x01"), "");
  EXPECT_EQ(bounds_problems(dec, "\x01", "\x01", "\xff", "\x01"),
            "s: min_value 1 is above the smallest value decoded, -1\n");
  // FLOAT16: -0 equals +0; NaN (0x7E00) bounds nothing.
  const auto half = leaf_of(PhysicalType::FIXED_LEN_BYTE_ARRAY, LogicalType::float16(), 2);
  EXPECT_EQ(bounds_problems(half, le<uint16_t>(0x0000), le<uint16_t>(0x8000), le<uint16_t>(0x8000),
                            le<uint16_t>(0x0000), true),
            "");
  EXPECT_EQ(bounds_problems(half, le<uint16_t>(0x7E00), le<uint16_t>(0x3C00), le<uint16_t>(0xC000),
                            le<uint16_t>(0x4000)),
            "s: max_value 1 is below the largest value decoded, 2\n");
  // A bound of the wrong width is a problem, not a crash.
  EXPECT_EQ(bounds_problems(i32, "abc", le<int32_t>(1), le<int32_t>(0), le<int32_t>(1)),
            "s: column index value of 3 bytes where 4 were expected\n");
}

}  // namespace
}  // namespace spillway::cli::inspect_test

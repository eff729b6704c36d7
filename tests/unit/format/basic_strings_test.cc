#include <gtest/gtest.h>

#include "spillway/basic.h"

namespace spillway {
namespace {

TEST(BasicStrings, NamesAreTheEnumerators) {
  EXPECT_EQ(to_string(PhysicalType::BOOLEAN), "BOOLEAN");
  EXPECT_EQ(to_string(PhysicalType::FIXED_LEN_BYTE_ARRAY), "FIXED_LEN_BYTE_ARRAY");
  EXPECT_EQ(to_string(ConvertedType::UTF8), "UTF8");
  EXPECT_EQ(to_string(ConvertedType::TIMESTAMP_MICROS), "TIMESTAMP_MICROS");
  EXPECT_EQ(to_string(ConvertedType::INTERVAL), "INTERVAL");
  EXPECT_EQ(to_string(FieldRepetitionType::REPEATED), "REPEATED");
  EXPECT_EQ(to_string(Encoding::PLAIN), "PLAIN");
  EXPECT_EQ(to_string(Encoding::RLE_DICTIONARY), "RLE_DICTIONARY");
  EXPECT_EQ(to_string(Encoding::BYTE_STREAM_SPLIT), "BYTE_STREAM_SPLIT");
  EXPECT_EQ(to_string(CompressionCodec::LZ4), "LZ4");
  EXPECT_EQ(to_string(CompressionCodec::LZ4_RAW), "LZ4_RAW");
  EXPECT_EQ(to_string(Compression::ZSTD), "ZSTD");
  EXPECT_EQ(to_string(Compression::UNCOMPRESSED), "UNCOMPRESSED");
  EXPECT_EQ(to_string(PageType::DATA_PAGE_V2), "DATA_PAGE_V2");
  EXPECT_EQ(to_string(PageType::INDEX_PAGE), "INDEX_PAGE");
  EXPECT_EQ(to_string(BoundaryOrder::DESCENDING), "DESCENDING");
}

TEST(BasicStrings, EveryEncodingHasItsName) {
  const char* names[] = {"PLAIN",
                         nullptr,
                         "PLAIN_DICTIONARY",
                         "RLE",
                         "BIT_PACKED",
                         "DELTA_BINARY_PACKED",
                         "DELTA_LENGTH_BYTE_ARRAY",
                         "DELTA_BYTE_ARRAY",
                         "RLE_DICTIONARY",
                         "BYTE_STREAM_SPLIT"};
  for (int i = 0; i < 10; ++i) {
    if (names[i] == nullptr) continue;
    EXPECT_EQ(to_string(static_cast<Encoding>(i)), names[i]);
  }
}

TEST(BasicStrings, UnknownValues) {
  EXPECT_EQ(to_string(static_cast<Encoding>(1)), "UNKNOWN(1)");  // GROUP_VAR_INT, never used
  EXPECT_EQ(to_string(static_cast<PhysicalType>(-3)), "UNKNOWN(-3)");
  EXPECT_EQ(to_string(static_cast<Compression>(3)), "UNKNOWN(3)");  // LZO is not written
  EXPECT_EQ(to_string(static_cast<FieldRepetitionType>(3)), "UNKNOWN(3)");
  // The view stays valid and equal across calls.
  std::string_view a = to_string(static_cast<PageType>(12345));
  std::string_view b = to_string(static_cast<PageType>(12345));
  EXPECT_EQ(a.data(), b.data());
  EXPECT_EQ(a, "UNKNOWN(12345)");
}

}  // namespace
}  // namespace spillway

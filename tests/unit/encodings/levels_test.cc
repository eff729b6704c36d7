#include "encodings/levels.h"

#include <gtest/gtest.h>

#include <random>
#include <vector>

#include "encoding_test_util.h"
#include "spillway/error.h"

namespace spillway {
namespace {

using testing::Bytes8;

Bytes8 encode_v1(const std::vector<int16_t>& levels, int16_t max_level) {
  ByteBuffer out;
  encode_levels_v1(levels.data(), levels.size(), max_level, out);
  return testing::to_vector(out);
}

Bytes8 encode_v2(const std::vector<int16_t>& levels, int16_t max_level) {
  ByteBuffer out;
  encode_levels_v2(levels.data(), levels.size(), max_level, out);
  return testing::to_vector(out);
}

TEST(Levels, ExactBytes) {
  std::vector<int16_t> levels(10, 1);
  // 4-byte length 2, then an RLE run of 10 ones.
  EXPECT_EQ(encode_v1(levels, 1), (Bytes8{0x02, 0x00, 0x00, 0x00, 0x14, 0x01}));
  EXPECT_EQ(encode_v2(levels, 1), (Bytes8{0x14, 0x01}));
  // Max level 2 needs bit width 2: 0,1,2,1 packed into one group.
  std::vector<int16_t> mixed = {0, 1, 2, 1};
  EXPECT_EQ(encode_v2(mixed, 2), (Bytes8{0x03, 0x64, 0x00}));
}

TEST(Levels, MaxLevelZeroWritesNothing) {
  std::vector<int16_t> levels(5, 0);
  EXPECT_TRUE(encode_v1(levels, 0).empty());
  EXPECT_TRUE(encode_v2(levels, 0).empty());
  std::vector<int16_t> out(5, 7);
  Bytes8 trailing = {1, 2, 3};
  EXPECT_EQ(decode_levels_v1(trailing, 0, 5, out.data()), 0u);
  EXPECT_EQ(out, levels);
  out.assign(5, 7);
  decode_levels_v2({}, 0, 5, out.data());
  EXPECT_EQ(out, levels);
  EXPECT_THROW(decode_levels_v2(trailing, 0, 5, out.data()), Error);
}

TEST(Levels, RoundTrip) {
  std::mt19937 rng(11);
  for (int16_t max_level : {1, 2, 3, 7, 100, 32767}) {
    for (size_t n : {0, 1, 8, 9, 1000}) {
      std::vector<int16_t> levels(n);
      for (auto& l : levels)
        l = rng() % 3 == 0 ? max_level : static_cast<int16_t>(rng() % (max_level + 1));
      Bytes8 v1 = encode_v1(levels, max_level);
      Bytes8 v2 = encode_v2(levels, max_level);
      ASSERT_EQ(v1.size(), v2.size() + 4);
      // v1 levels are followed by the values; only the levels are consumed.
      Bytes8 page = v1;
      page.insert(page.end(), {0xAA, 0xBB});
      std::vector<int16_t> out(n, -1);
      EXPECT_EQ(decode_levels_v1(page, max_level, n, out.data()), v1.size());
      EXPECT_EQ(out, levels);
      out.assign(n, -1);
      decode_levels_v2(v2, max_level, n, out.data());
      EXPECT_EQ(out, levels);
    }
  }
}

TEST(Levels, LevelAboveMaxIsRejected) {
  EXPECT_THROW(encode_v1(std::vector<int16_t>(10, 4), 3), Error);  // 4 needs 3 bits
  std::vector<int16_t> levels(10, 3);
  Bytes8 bytes = encode_v2(levels, 3);  // bit width 2, as for max level 2
  std::vector<int16_t> out(10);
  EXPECT_THROW(decode_levels_v2(bytes, 2, 10, out.data()), Error);
}

TEST(Levels, EveryTruncationThrows) {
  std::vector<int16_t> levels;
  for (int i = 0; i < 100; ++i) levels.push_back(i % 5 == 0 ? 0 : (i / 20) % 4);
  Bytes8 v1 = encode_v1(levels, 3);
  Bytes8 v2 = encode_v2(levels, 3);
  std::vector<int16_t> out(levels.size());
  for (size_t len = 0; len < v1.size(); ++len) {
    Bytes8 cut(v1.begin(), v1.begin() + len);
    EXPECT_THROW(decode_levels_v1(cut, 3, levels.size(), out.data()), Error) << len;
  }
  for (size_t len = 0; len < v2.size(); ++len) {
    Bytes8 cut(v2.begin(), v2.begin() + len);
    EXPECT_THROW(decode_levels_v2(cut, 3, levels.size(), out.data()), Error) << len;
  }
}

TEST(Levels, LengthPrefixPastTheEndThrows) {
  Bytes8 bytes = {0x10, 0x00, 0x00, 0x00, 0x14, 0x01};
  std::vector<int16_t> out(10);
  EXPECT_THROW(decode_levels_v1(bytes, 1, 10, out.data()), Error);
}

}  // namespace
}  // namespace spillway

#include "statistics/truncation.h"

#include <gtest/gtest.h>

namespace spillway {
namespace {

TEST(TruncateMin, Bytes) {
  EXPECT_EQ(truncate_min("abcdef", 3, false), "abc");
  EXPECT_EQ(truncate_min("ab", 3, false), "ab");
  EXPECT_EQ(truncate_min("\xff\xff\xff", 2, false), "\xff\xff");
  EXPECT_EQ(truncate_min("abc", 0, false), "");
}

TEST(TruncateMin, Utf8CutsAtCharacterBoundary) {
  // "aé€" = 61 | C3 A9 | E2 82 AC
  const std::string s = "a\xc3\xa9\xe2\x82\xac";
  EXPECT_EQ(truncate_min(s, 2, true), "a");
  EXPECT_EQ(truncate_min(s, 3, true), "a\xc3\xa9");
  EXPECT_EQ(truncate_min(s, 5, true), "a\xc3\xa9");
  EXPECT_EQ(truncate_min(s, 2, false), "a\xc3");
}

TEST(TruncateMax, BytesIncrementLastByte) {
  EXPECT_EQ(truncate_max("abcdef", 3, false), "abd");
  EXPECT_EQ(truncate_max("ab", 3, false), "ab");  // fits: unchanged
  EXPECT_EQ(truncate_max("a\x7f"
                         "zz",
                         2, false),
            "a\x80");
}

TEST(TruncateMax, BytesCarryPastFF) {
  EXPECT_EQ(truncate_max("ab\xff\xff"
                         "c",
                         4, false),
            "ac");
  EXPECT_EQ(truncate_max("\x01\xff\xff\xff", 3, false), "\x02");
  EXPECT_EQ(truncate_max("\xfe\xff"
                         "abc",
                         2, false),
            "\xff");
}

TEST(TruncateMax, AllFFHasNoShorterBound) {
  EXPECT_EQ(truncate_max("\xff\xff\xff\xff", 2, false), std::nullopt);
  EXPECT_EQ(truncate_max("\xff\xff\x01", 2, false), std::nullopt);
  EXPECT_EQ(truncate_max("abc", 0, false), std::nullopt);
}

TEST(TruncateMax, Utf8IncrementsCodePoint) {
  // "éé" = C3 A9 C3 A9; cut at 3 keeps "é", whose successor is "ê" (C3 AA).
  EXPECT_EQ(truncate_max("\xc3\xa9\xc3\xa9", 3, true), "\xc3\xaa");
  // Byte-wise the same input would end in a broken sequence.
  EXPECT_EQ(truncate_max("\xc3\xa9\xc3\xa9", 3, false), "\xc3\xa9\xc4");
  EXPECT_EQ(truncate_max("abc", 2, true), "ac");
  // U+00BF (C2 BF) -> U+00C0 (C3 80): a carry inside the encoding.
  EXPECT_EQ(truncate_max("x\xc2\xbfzz", 3, true), "x\xc3\x80");
}

TEST(TruncateMax, Utf8SkipsSurrogates) {
  // U+D7FF (ED 9F BF) -> U+E000 (EE 80 80).
  EXPECT_EQ(truncate_max("\xed\x9f\xbf"
                         "abc",
                         3, true),
            "\xee\x80\x80");
}

TEST(TruncateMax, Utf8CarriesPastMaxCodePoint) {
  // "a", U+10FFFF (F4 8F BF BF), "z": the last code point cannot grow, so
  // it is dropped and "a" becomes "b".
  EXPECT_EQ(truncate_max("a\xf4\x8f\xbf\xbf"
                         "z",
                         5, true),
            "b");
  EXPECT_EQ(truncate_max("\xf4\x8f\xbf\xbf\xf4\x8f\xbf\xbf"
                         "z",
                         8, true),
            std::nullopt);
}

TEST(TruncateMax, Utf8SuccessorMustFit) {
  // U+FFFF (EF BF BF) -> U+10000 needs 4 bytes, more than the limit allows,
  // so the carry moves to "x".
  EXPECT_EQ(truncate_max("x\xef\xbf\xbf"
                         "q",
                         4, true),
            "y");
  // U+007F -> U+0080 grows to 2 bytes; with nothing before it, no bound.
  EXPECT_EQ(truncate_max("\x7f\x7f", 1, true), std::nullopt);
  // The cut fell before a multi-byte character, leaving room to grow.
  EXPECT_EQ(truncate_max("\x7f\xc3\xa9", 2, true), "\xc2\x80");
}

TEST(TruncateMax, InvalidUtf8FallsBackToBytes) {
  EXPECT_EQ(truncate_max("ab\xc3"
                         "cd",
                         3, true),
            "ab\xc4");
}

}  // namespace
}  // namespace spillway

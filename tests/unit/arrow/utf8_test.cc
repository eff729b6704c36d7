#include "arrow/utf8.h"

#include <gtest/gtest.h>

#include <string>

namespace spillway {
namespace {

size_t find(const std::string& s) {
  return find_invalid_utf8(reinterpret_cast<const uint8_t*>(s.data()), s.size());
}

// Reference: decode a code point the slow way and check the rules of
// Unicode's Table 3-7 as ranges of scalar values.
bool reference_valid(const std::string& s) {
  size_t i = 0;
  while (i < s.size()) {
    auto b = static_cast<uint8_t>(s[i]);
    int len = b < 0x80 ? 1 : (b >> 5) == 0x6 ? 2 : (b >> 4) == 0xE ? 3 : (b >> 3) == 0x1E ? 4 : 0;
    if (len == 0 || i + len > s.size()) return false;
    uint32_t cp = len == 1 ? b : b & (0x7F >> len);
    for (int k = 1; k < len; ++k) {
      auto c = static_cast<uint8_t>(s[i + k]);
      if ((c & 0xC0) != 0x80) return false;
      cp = cp << 6 | (c & 0x3F);
    }
    static const uint32_t kMin[] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < kMin[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    i += len;
  }
  return true;
}

TEST(Utf8Test, AcceptsWellFormedText) {
  EXPECT_EQ(find(""), 0u);
  EXPECT_EQ(find("plain ascii that is longer than eight bytes"), 43u);
  EXPECT_TRUE(is_valid_utf8(reinterpret_cast<const uint8_t*>("h\xc3\xa9"), 3));
  for (const char* s :
       {"\xc2\x80", "\xdf\xbf", "\xe0\xa0\x80", "\xed\x9f\xbf", "\xee\x80\x80", "\xef\xbf\xbf",
        "\xf0\x90\x80\x80", "\xf4\x8f\xbf\xbf", "mixed \xe2\x82\xac and \xf0\x9f\x98\x80 emoji"}) {
    std::string str(s);
    EXPECT_EQ(find(str), str.size()) << str;
  }
}

TEST(Utf8Test, RejectsIllFormedSequencesAtTheirStart) {
  const std::pair<std::string, size_t> cases[] = {
      {"\x80", 0},                       // lone continuation
      {"abc\xbf", 3},                    // lone continuation after ASCII
      {"\xc0\x80", 0},                   // overlong NUL
      {"\xc1\xbf", 0},                   // overlong
      {"\xe0\x80\x80", 0},               // overlong 3-byte
      {"\xe0\x9f\xbf", 0},               // overlong 3-byte
      {"\xed\xa0\x80", 0},               // surrogate D800
      {"\xed\xbf\xbf", 0},               // surrogate DFFF
      {"\xf0\x80\x80\x80", 0},           // overlong 4-byte
      {"\xf0\x8f\xbf\xbf", 0},           // overlong 4-byte
      {"\xf4\x90\x80\x80", 0},           // above U+10FFFF
      {"\xf5\x80\x80\x80", 0},           // invalid lead
      {"\xff", 0},                       // invalid lead
      {"ok\xc3", 2},                     // truncated at the end
      {"ok\xe2\x82", 2},                 // truncated at the end
      {"\xe2\x82x", 0},                  // bad third byte
      {"\xf0\x9f\x98x", 0},              // bad fourth byte
      {"0123456789abcdef\xc3(", 16},     // after an 8-byte ASCII run
      {"01234567\xe2\x82\xac\xff", 11},  // after a valid multi-byte character
  };
  for (const auto& [s, at] : cases) {
    EXPECT_EQ(find(s), at) << testing::PrintToString(s);
  }
}

TEST(Utf8Test, AgreesWithReferenceOnAllShortSequences) {
  std::string s(2, '\0');
  for (int a = 0; a < 256; ++a) {
    s.assign(1, static_cast<char>(a));
    ASSERT_EQ(find(s) == s.size(), reference_valid(s)) << a;
    for (int b = 0; b < 256; ++b) {
      s.assign({static_cast<char>(a), static_cast<char>(b)});
      ASSERT_EQ(find(s) == s.size(), reference_valid(s)) << a << " " << b;
    }
  }
  // All three-byte sequences with a multi-byte lead, and four-byte ones with
  // every lead and second byte (third and fourth from a small set).
  for (int a = 0xC0; a < 256; ++a) {
    for (int b = 0; b < 256; ++b) {
      for (int c = 0; c < 256; ++c) {
        s.assign({static_cast<char>(a), static_cast<char>(b), static_cast<char>(c)});
        ASSERT_EQ(find(s) == s.size(), reference_valid(s)) << a << " " << b << " " << c;
      }
      for (int c : {0x00, 0x7F, 0x80, 0xBF, 0xC0}) {
        for (int d : {0x41, 0x80, 0xBF, 0xC2}) {
          s.assign({static_cast<char>(a), static_cast<char>(b), static_cast<char>(c),
                    static_cast<char>(d)});
          ASSERT_EQ(find(s) == s.size(), reference_valid(s)) << a << " " << b;
        }
      }
    }
  }
}

TEST(Utf8Test, ContinuationBytes) {
  EXPECT_TRUE(is_utf8_continuation(0x80));
  EXPECT_TRUE(is_utf8_continuation(0xBF));
  EXPECT_FALSE(is_utf8_continuation(0x7F));
  EXPECT_FALSE(is_utf8_continuation(0xC0));
}

}  // namespace
}  // namespace spillway

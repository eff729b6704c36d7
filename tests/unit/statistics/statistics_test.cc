#include "statistics/statistics.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <limits>
#include <string>
#include <vector>

#include "spillway/error.h"
#include "test_columns.h"

namespace spillway {
namespace {

using namespace testcols;
using P = PhysicalType;

template <typename V>
std::string le(V v) {
  std::string s(sizeof(V), '\0');
  std::memcpy(s.data(), &v, sizeof(V));
  return s;
}

std::vector<ByteArray> byte_arrays(const std::vector<std::string>& strings) {
  std::vector<ByteArray> out;
  for (const auto& s : strings) {
    out.push_back({reinterpret_cast<const uint8_t*>(s.data()), static_cast<uint32_t>(s.size())});
  }
  return out;
}

// FLBA values pointing into one buffer of `width`-byte values.
std::vector<FixedLenByteArray> fixed(const std::string& buffer, size_t width) {
  std::vector<FixedLenByteArray> out;
  for (size_t i = 0; i + width <= buffer.size(); i += width) {
    out.push_back({reinterpret_cast<const uint8_t*>(buffer.data() + i)});
  }
  return out;
}

TEST(TypedStatisticsTest, SignedInt32) {
  TypedStatistics<Int32Type> s(column(P::INT32));
  const int32_t v[] = {5, -3, 7, 0};
  s.update(v, 4);
  s.add_nulls(2);
  const Statistics t = s.to_thrift(std::nullopt);
  EXPECT_EQ(t.min_value, le<int32_t>(-3));
  EXPECT_EQ(t.max_value, le<int32_t>(7));
  EXPECT_EQ(t.null_count, 2);
  EXPECT_EQ(t.nan_count, std::nullopt);
  EXPECT_EQ(t.is_min_value_exact, true);
  EXPECT_EQ(t.is_max_value_exact, true);
  EXPECT_FALSE(t.min.has_value());
  EXPECT_FALSE(t.distinct_count.has_value());
}

TEST(TypedStatisticsTest, UnsignedInt32MinusOneIsTheMax) {
  TypedStatistics<Int32Type> s(column(P::INT32, std::nullopt, ConvertedType::UINT_32));
  const int32_t v[] = {1, -1, 5};
  s.update(v, 3);
  EXPECT_EQ(s.encoded_min_max(std::nullopt), std::make_pair(le<int32_t>(1), le<int32_t>(-1)));
  // The same values under signed order.
  TypedStatistics<Int32Type> signed_stats(column(P::INT32));
  signed_stats.update(v, 3);
  EXPECT_EQ(signed_stats.encoded_min_max(std::nullopt),
            std::make_pair(le<int32_t>(-1), le<int32_t>(5)));
}

TEST(TypedStatisticsTest, UnsignedInt64AcrossBatchesAndMerge) {
  const auto col = column(P::INT64, LogicalType::integer(64, false));
  TypedStatistics<Int64Type> a(col), b(col);
  const int64_t v1[] = {10, std::numeric_limits<int64_t>::min()};  // 2^63 unsigned
  const int64_t v2[] = {3, 4};
  a.update(v1, 2);
  b.update(v2, 2);
  a.merge(b);
  EXPECT_EQ(a.encoded_min_max(std::nullopt),
            std::make_pair(le<int64_t>(3), le<int64_t>(std::numeric_limits<int64_t>::min())));
}

TEST(TypedStatisticsTest, Boolean) {
  TypedStatistics<BooleanType> s(column(P::BOOLEAN));
  const bool t[] = {true, true};
  s.update(t, 2);
  EXPECT_EQ(s.encoded_min_max(std::nullopt), std::make_pair(bytes({1}), bytes({1})));
  const bool f[] = {false};
  s.update(f, 1);
  EXPECT_EQ(s.encoded_min_max(std::nullopt), std::make_pair(bytes({0}), bytes({1})));
}

TEST(TypedStatisticsTest, FloatNaNsAreCountedNotBounds) {
  TypedStatistics<FloatType> s(column(P::FLOAT));
  const float nan = std::numeric_limits<float>::quiet_NaN();
  const float v[] = {nan, 1.5f, nan, -2.0f};
  s.update(v, 4);
  const Statistics t = s.to_thrift(std::nullopt);
  EXPECT_EQ(t.min_value, le(-2.0f));
  EXPECT_EQ(t.max_value, le(1.5f));
  EXPECT_EQ(t.nan_count, 2);
}

TEST(TypedStatisticsTest, FloatNanCountIsAlwaysSet) {
  TypedStatistics<DoubleType> s(column(P::DOUBLE));
  EXPECT_EQ(s.to_thrift(std::nullopt).nan_count, 0);
  const double v[] = {1.0, std::numeric_limits<double>::infinity()};
  s.update(v, 2);
  EXPECT_EQ(s.nan_count(), 0);
  EXPECT_EQ(s.to_thrift(std::nullopt).max_value, le(std::numeric_limits<double>::infinity()));
}

TEST(TypedStatisticsTest, AllNaNHasNoBounds) {
  TypedStatistics<DoubleType> s(column(P::DOUBLE));
  const double nan = std::nan("");
  const double v[] = {nan, nan, nan};
  s.update(v, 3);
  s.add_nulls(1);
  EXPECT_FALSE(s.has_min_max());
  const Statistics t = s.to_thrift(std::nullopt);
  EXPECT_FALSE(t.min_value.has_value());
  EXPECT_FALSE(t.max_value.has_value());
  EXPECT_FALSE(t.is_min_value_exact.has_value());
  EXPECT_EQ(t.nan_count, 3);
  EXPECT_EQ(t.null_count, 1);
  EXPECT_EQ(s.encoded_min_max(std::nullopt), std::make_pair(std::string(), std::string()));
}

TEST(TypedStatisticsTest, ZeroBoundsAreSigned) {
  {  // +0 only: min written -0, max +0
    TypedStatistics<DoubleType> s(column(P::DOUBLE));
    const double v[] = {0.0};
    s.update(v, 1);
    EXPECT_EQ(s.encoded_min_max(std::nullopt), std::make_pair(le(-0.0), le(0.0)));
  }
  {  // -0 as max of negatives becomes +0
    TypedStatistics<FloatType> s(column(P::FLOAT));
    const float v[] = {-1.0f, -0.0f};
    s.update(v, 2);
    EXPECT_EQ(s.encoded_min_max(std::nullopt), std::make_pair(le(-1.0f), le(0.0f)));
  }
  {  // +0 as min of positives becomes -0
    TypedStatistics<FloatType> s(column(P::FLOAT));
    const float v[] = {2.0f, 0.0f};
    s.update(v, 2);
    EXPECT_EQ(s.to_thrift(std::nullopt).min_value, le(-0.0f));
    EXPECT_NE(le(-0.0f), le(0.0f));
  }
}

// Half-precision bit patterns.
constexpr uint16_t kOne = 0x3C00, kMinusOne = 0xBC00, kMinusTwo = 0xC000, kHalf = 0x3800,
                   kNaN = 0x7E00, kMinusNaN = 0xFE00, kInf = 0x7C00, kMinusInf = 0xFC00,
                   kZero = 0x0000, kMinusZero = 0x8000;

std::string halves(std::initializer_list<uint16_t> hs) {
  std::string s;
  for (uint16_t h : hs) s += le(h);
  return s;
}

TEST(TypedStatisticsTest, Float16OrdersByValue) {
  TypedStatistics<FLBAType> s(flba(2, LogicalType::float16()));
  const std::string buf = halves({kOne, kMinusOne, kNaN, kMinusTwo, kHalf, kMinusNaN});
  const auto v = fixed(buf, 2);
  s.update(v.data(), v.size());
  const Statistics t = s.to_thrift(std::nullopt);
  // Byte-wise, -1 (00 BC) would sort below -2 (00 C0); by value it is above.
  EXPECT_EQ(t.min_value, le(kMinusTwo));
  EXPECT_EQ(t.max_value, le(kOne));
  EXPECT_EQ(t.nan_count, 2);
}

TEST(TypedStatisticsTest, Float16InfinitiesZerosAndAllNaN) {
  const auto col = flba(2, LogicalType::float16());
  {
    TypedStatistics<FLBAType> s(col);
    const std::string buf = halves({kHalf, kInf, kMinusInf});
    const auto v = fixed(buf, 2);
    s.update(v.data(), v.size());
    EXPECT_EQ(s.encoded_min_max(std::nullopt), std::make_pair(le(kMinusInf), le(kInf)));
  }
  {
    TypedStatistics<FLBAType> s(col);
    const std::string buf = halves({kZero, kMinusZero, kZero});
    const auto v = fixed(buf, 2);
    s.update(v.data(), v.size());
    EXPECT_EQ(s.encoded_min_max(std::nullopt), std::make_pair(le(kMinusZero), le(kZero)));
  }
  {
    TypedStatistics<FLBAType> s(col);
    const std::string buf = halves({kNaN, kMinusNaN});
    const auto v = fixed(buf, 2);
    s.update(v.data(), v.size());
    EXPECT_FALSE(s.has_min_max());
    EXPECT_EQ(s.nan_count(), 2);
    // FLOAT16 is never truncated.
    TypedStatistics<FLBAType> one(col);
    one.update(v.data() + 0, 0);
    EXPECT_EQ(one.to_thrift(1).nan_count, 0);
  }
}

TEST(TypedStatisticsTest, DecimalFixedCompareSigned) {
  TypedStatistics<FLBAType> s(flba(4, LogicalType::decimal(9, 2)));
  const std::string buf = bytes({0xFF, 0xFF, 0xFF, 0xFF,    // -1
                                 0x00, 0x00, 0x00, 0x01,    // 1
                                 0xFF, 0xFF, 0xFF, 0x00,    // -256
                                 0x00, 0x00, 0x00, 0x7F});  // 127
  const auto v = fixed(buf, 4);
  s.update(v.data(), v.size());
  // Truncation never shortens a signed decimal.
  const Statistics t = s.to_thrift(2);
  EXPECT_EQ(t.min_value, bytes({0xFF, 0xFF, 0xFF, 0x00}));
  EXPECT_EQ(t.max_value, bytes({0x00, 0x00, 0x00, 0x7F}));
  EXPECT_EQ(t.is_min_value_exact, true);
  EXPECT_EQ(t.nan_count, std::nullopt);
}

TEST(TypedStatisticsTest, DecimalByteArraySignExtends) {
  TypedStatistics<ByteArrayType> s(column(P::BYTE_ARRAY, LogicalType::decimal(10, 0)));
  const std::vector<std::string> strings = {bytes({0x80}),               // -128
                                            bytes({0xFF, 0x7F}),         // -129
                                            bytes({0x00, 0x80}),         // 128
                                            bytes({0x7F}),               // 127
                                            bytes({0x00, 0x00, 0x7F})};  // 127 again
  const auto v = byte_arrays(strings);
  s.update(v.data(), v.size());
  EXPECT_EQ(s.encoded_min_max(1), std::make_pair(bytes({0xFF, 0x7F}), bytes({0x00, 0x80})));
}

TEST(TypedStatisticsTest, BinaryIsUnsignedByteWise) {
  TypedStatistics<ByteArrayType> s(column(P::BYTE_ARRAY));
  const std::vector<std::string> strings = {"b", "\x80", "a", "\xff\x01", "\xff", "", "ab"};
  const auto v = byte_arrays(strings);
  s.update(v.data(), v.size());
  EXPECT_EQ(s.encoded_min_max(std::nullopt),
            std::make_pair(std::string(), std::string("\xff\x01")));
  TypedStatistics<ByteArrayType> s2(column(P::BYTE_ARRAY, LogicalType::string()));
  s2.update(v.data(), 4);  // without the empty string
  EXPECT_EQ(s2.encoded_min_max(std::nullopt),
            std::make_pair(std::string("a"), std::string("\xff\x01")));
  s2.update(v.data() + 6, 1);  // "ab": neither bound moves
  EXPECT_EQ(s2.encoded_min_max(std::nullopt).first, "a");
}

TEST(TypedStatisticsTest, BinaryBoundsOwnTheirBytes) {
  TypedStatistics<ByteArrayType> s(column(P::BYTE_ARRAY));
  std::string buffer =
      "mmmm"
      "aaaa"
      "zzzz";
  std::vector<ByteArray> v;
  for (int i = 0; i < 3; ++i)
    v.push_back({reinterpret_cast<const uint8_t*>(buffer.data()) + 4 * i, 4});
  s.update(v.data(), v.size());
  buffer.assign(12, '?');  // the borrowed values change under us
  EXPECT_EQ(s.encoded_min_max(std::nullopt),
            std::make_pair(std::string("aaaa"), std::string("zzzz")));
}

TEST(TypedStatisticsTest, FixedLenBinaryUnsignedAndTruncated) {
  TypedStatistics<FLBAType> s(flba(6, std::nullopt));
  const std::string buf = std::string("abcdef") + "\x80zzzzz" + "abcdeg";
  const auto v = fixed(buf, 6);
  s.update(v.data(), v.size());
  EXPECT_EQ(s.encoded_min_max(std::nullopt),
            std::make_pair(std::string("abcdef"), std::string("\x80zzzzz")));
  const Statistics t = s.to_thrift(3);
  EXPECT_EQ(t.min_value, "abc");
  EXPECT_EQ(t.max_value, "\x80z{");
  EXPECT_EQ(t.is_min_value_exact, false);
  EXPECT_EQ(t.is_max_value_exact, false);
}

TEST(TypedStatisticsTest, TruncationOfBinary) {
  TypedStatistics<ByteArrayType> s(column(P::BYTE_ARRAY));
  const std::vector<std::string> strings = {"abcdef", "ab\xff\xff\xff", "abc"};
  const auto v = byte_arrays(strings);
  s.update(v.data(), v.size());
  const Statistics t = s.to_thrift(3);
  EXPECT_EQ(t.min_value, "abc");  // "abc" itself, exact
  EXPECT_EQ(t.is_min_value_exact, true);
  EXPECT_EQ(t.max_value, "ac");  // ab FF -> carry
  EXPECT_EQ(t.is_max_value_exact, false);
  EXPECT_EQ(s.encoded_min_max(3), std::make_pair(std::string("abc"), std::string("ac")));
  // Long enough limits leave everything exact.
  const Statistics whole = s.to_thrift(100);
  EXPECT_EQ(whole.max_value, "ab\xff\xff\xff");
  EXPECT_EQ(whole.is_max_value_exact, true);
}

TEST(TypedStatisticsTest, TruncationAllFFMaxStaysExact) {
  TypedStatistics<ByteArrayType> s(column(P::BYTE_ARRAY));
  const std::vector<std::string> strings = {"\xff\xff\xff\xff", "\xff\xff\xff\x01"};
  const auto v = byte_arrays(strings);
  s.update(v.data(), v.size());
  const Statistics t = s.to_thrift(2);
  EXPECT_EQ(t.min_value, "\xff\xff");
  EXPECT_EQ(t.is_min_value_exact, false);
  EXPECT_EQ(t.max_value, "\xff\xff\xff\xff");
  EXPECT_EQ(t.is_max_value_exact, true);
}

TEST(TypedStatisticsTest, TruncationOfStringsKeepsUtf8) {
  TypedStatistics<ByteArrayType> s(column(P::BYTE_ARRAY, LogicalType::string()));
  const std::vector<std::string> strings = {"\xc3\xa9t\xc3\xa9",
                                            "\xc3\xa9"
                                            "a"};  // "été", "éa"
  const auto v = byte_arrays(strings);
  s.update(v.data(), v.size());
  // Limit 4 lands inside the second "é" of "été".
  const Statistics t = s.to_thrift(4);
  EXPECT_EQ(t.min_value,
            "\xc3\xa9"
            "a");                       // fits: exact
  EXPECT_EQ(t.max_value, "\xc3\xa9u");  // "ét" -> "éu"
  EXPECT_EQ(t.is_max_value_exact, false);
  // Cutting a two-byte character to one byte: min is empty, max is "ê".
  const Statistics one = s.to_thrift(1);
  EXPECT_EQ(one.min_value, "");
  EXPECT_EQ(one.max_value, "\xc3\xa9t\xc3\xa9");  // nothing fits in 1 byte
  EXPECT_EQ(one.is_max_value_exact, true);
  const Statistics two = s.to_thrift(2);
  EXPECT_EQ(two.min_value, "\xc3\xa9");
  EXPECT_EQ(two.max_value, "\xc3\xaa");
}

TEST(TypedStatisticsTest, IntervalAndUnknownHaveNoBounds) {
  TypedStatistics<FLBAType> interval(flba(12, std::nullopt, ConvertedType::INTERVAL));
  const std::string buf(24, '\x01');
  const auto v = fixed(buf, 12);
  interval.update(v.data(), v.size());
  interval.add_nulls(3);
  EXPECT_FALSE(interval.has_min_max());
  Statistics expected;
  expected.null_count = 3;
  EXPECT_EQ(interval.to_thrift(std::nullopt), expected);

  TypedStatistics<Int32Type> unknown(column(P::INT32, LogicalType::unknown()));
  unknown.add_nulls(5);
  expected.null_count = 5;
  EXPECT_EQ(unknown.to_thrift(std::nullopt), expected);
}

TEST(TypedStatisticsTest, NullsOnly) {
  TypedStatistics<ByteArrayType> s(column(P::BYTE_ARRAY, LogicalType::string()));
  s.add_nulls(10);
  s.update(nullptr, 0);
  EXPECT_FALSE(s.has_min_max());
  EXPECT_EQ(s.null_count(), 10);
  const Statistics t = s.to_thrift(16);
  EXPECT_EQ(t.null_count, 10);
  EXPECT_FALSE(t.min_value.has_value());
  EXPECT_FALSE(t.nan_count.has_value());
}

TEST(TypedStatisticsTest, MergePagesIntoChunk) {
  const auto col = column(P::BYTE_ARRAY, LogicalType::string());
  TypedStatistics<ByteArrayType> chunk(col), page(col);
  const std::vector<std::string> p1 = {"m", "n"}, p2 = {"a", "c"}, p3 = {"x", "z"};
  for (const auto* p : {&p1, &p2, &p3}) {
    page.reset();
    const auto v = byte_arrays(*p);
    page.update(v.data(), v.size());
    page.add_nulls(1);
    chunk.merge(page);
  }
  page.reset();
  page.add_nulls(4);  // a page of nulls only
  chunk.merge(page);
  EXPECT_EQ(chunk.encoded_min_max(std::nullopt),
            std::make_pair(std::string("a"), std::string("z")));
  EXPECT_EQ(chunk.null_count(), 7);
}

TEST(TypedStatisticsTest, MergeFloatsSumsNaNs) {
  const auto col = column(P::FLOAT);
  TypedStatistics<FloatType> a(col), b(col), empty(col);
  const float nan = std::nanf("");
  const float va[] = {1.0f, nan}, vb[] = {nan, nan, -3.0f};
  a.update(va, 2);
  b.update(vb, 3);
  a.merge(b);
  a.merge(empty);
  EXPECT_EQ(a.nan_count(), 3);
  EXPECT_EQ(a.encoded_min_max(std::nullopt), std::make_pair(le(-3.0f), le(1.0f)));
  empty.merge(a);
  EXPECT_EQ(empty.nan_count(), 3);
  EXPECT_TRUE(empty.has_min_max());
}

TEST(TypedStatisticsTest, MergeFloat16AndDecimal) {
  const auto col = flba(2, LogicalType::float16());
  TypedStatistics<FLBAType> a(col), b(col);
  const std::string ba = halves({kOne, kNaN}), bb = halves({kMinusOne, kMinusTwo});
  const auto va = fixed(ba, 2), vb = fixed(bb, 2);
  a.update(va.data(), va.size());
  b.update(vb.data(), vb.size());
  a.merge(b);
  EXPECT_EQ(a.encoded_min_max(std::nullopt), std::make_pair(le(kMinusTwo), le(kOne)));
  EXPECT_EQ(a.nan_count(), 1);
}

TEST(TypedStatisticsTest, ResetForgetsEverything) {
  TypedStatistics<DoubleType> s(column(P::DOUBLE));
  const double v[] = {1.0, std::nan("")};
  s.update(v, 2);
  s.add_nulls(1);
  s.reset();
  EXPECT_FALSE(s.has_min_max());
  EXPECT_EQ(s.null_count(), 0);
  EXPECT_EQ(s.nan_count(), 0);
  const double w[] = {5.0};
  s.update(w, 1);
  EXPECT_EQ(s.encoded_min_max(std::nullopt), std::make_pair(le(5.0), le(5.0)));
}

TEST(TypedStatisticsTest, MemorySizeCountsOwnedBounds) {
  TypedStatistics<ByteArrayType> s(column(P::BYTE_ARRAY));
  const size_t empty = s.memory_size();
  EXPECT_GE(empty, sizeof(s));
  const std::vector<std::string> strings = {std::string(1000, 'a'), std::string(2000, 'b')};
  const auto v = byte_arrays(strings);
  s.update(v.data(), v.size());
  EXPECT_GE(s.memory_size(), empty + 3000);
  EXPECT_EQ(TypedStatistics<Int64Type>(column(P::INT64)).memory_size(),
            sizeof(TypedStatistics<Int64Type>));
}

TEST(TypedStatisticsTest, WrongPhysicalTypeIsAnError) {
  EXPECT_THROW(TypedStatistics<Int64Type>(column(P::INT32)), Error);
}

TEST(TypedStatisticsTest, ManyBatchesMatchOneBatch) {
  // Random strings fed in uneven batches give the same bounds as one pass.
  std::vector<std::string> strings;
  uint32_t x = 12345;
  for (int i = 0; i < 500; ++i) {
    std::string s;
    const int len = static_cast<int>((x = x * 1103515245 + 12345) >> 28);
    for (int j = 0; j < len; ++j) s += static_cast<char>((x = x * 1103515245 + 12345) >> 24);
    strings.push_back(s);
  }
  const auto v = byte_arrays(strings);
  const auto col = column(P::BYTE_ARRAY);
  TypedStatistics<ByteArrayType> one(col), many(col);
  one.update(v.data(), v.size());
  for (size_t i = 0; i < v.size();) {
    const size_t n = std::min<size_t>(v.size() - i, 1 + i % 37);
    many.update(v.data() + i, n);
    i += n;
  }
  std::string mn = strings[0], mx = strings[0];
  for (const auto& s : strings) {
    auto less = [](const std::string& a, const std::string& b) {
      return std::lexicographical_compare(
          a.begin(), a.end(), b.begin(), b.end(), [](char p, char q) {
            return static_cast<unsigned char>(p) < static_cast<unsigned char>(q);
          });
    };
    if (less(s, mn)) mn = s;
    if (less(mx, s)) mx = s;
  }
  EXPECT_EQ(one.encoded_min_max(std::nullopt), std::make_pair(mn, mx));
  EXPECT_EQ(many.encoded_min_max(std::nullopt), std::make_pair(mn, mx));
}

}  // namespace
}  // namespace spillway

#include "statistics/boundary_order.h"

#include <gtest/gtest.h>

#include <cstring>

#include "spillway/error.h"
#include "test_columns.h"

namespace spillway {
namespace {

using namespace testcols;
using P = PhysicalType;

template <typename V>
std::vector<std::string> enc(std::initializer_list<V> vs) {
  std::vector<std::string> out;
  for (V v : vs) {
    std::string s(sizeof(V), '\0');
    std::memcpy(s.data(), &v, sizeof(V));
    out.push_back(s);
  }
  return out;
}

BoundaryOrder order(const ColumnDescriptor& col, const std::vector<std::string>& mins,
                    const std::vector<std::string>& maxes, std::vector<bool> nulls = {}) {
  if (nulls.empty()) nulls.assign(mins.size(), false);
  return compute_boundary_order(EncodedValueComparator(col), mins, maxes, nulls);
}

TEST(BoundaryOrderTest, Int32) {
  const auto col = column(P::INT32);
  EXPECT_EQ(order(col, enc<int32_t>({-5, 0, 10}), enc<int32_t>({0, 10, 20})),
            BoundaryOrder::ASCENDING);
  EXPECT_EQ(order(col, enc<int32_t>({10, 0, -5}), enc<int32_t>({20, 10, 0})),
            BoundaryOrder::DESCENDING);
  EXPECT_EQ(order(col, enc<int32_t>({0, 10, 5}), enc<int32_t>({1, 11, 6})),
            BoundaryOrder::UNORDERED);
  // Mins ascend but maxes do not.
  EXPECT_EQ(order(col, enc<int32_t>({0, 1, 2}), enc<int32_t>({9, 5, 6})), BoundaryOrder::UNORDERED);
  EXPECT_EQ(order(col, enc<int32_t>({3, 3}), enc<int32_t>({4, 4})), BoundaryOrder::ASCENDING);
  EXPECT_EQ(order(col, enc<int32_t>({7}), enc<int32_t>({8})), BoundaryOrder::ASCENDING);
  EXPECT_EQ(order(col, {}, {}), BoundaryOrder::ASCENDING);
}

TEST(BoundaryOrderTest, NullPagesAreSkipped) {
  const auto col = column(P::INT64);
  auto mins = enc<int64_t>({1, 0, 5});
  auto maxes = enc<int64_t>({2, 0, 6});
  mins[1].clear();
  maxes[1].clear();  // null pages carry empty values
  EXPECT_EQ(order(col, mins, maxes, {false, true, false}), BoundaryOrder::ASCENDING);
  EXPECT_EQ(order(col, {"", ""}, {"", ""}, {true, true}), BoundaryOrder::ASCENDING);
}

TEST(BoundaryOrderTest, UnsignedInts) {
  const auto u = column(P::INT32, std::nullopt, ConvertedType::UINT_32);
  const auto mins = enc<int32_t>({5, -1}), maxes = enc<int32_t>({6, -1});
  EXPECT_EQ(order(u, mins, maxes), BoundaryOrder::ASCENDING);
  EXPECT_EQ(order(column(P::INT32), mins, maxes), BoundaryOrder::DESCENDING);
}

TEST(BoundaryOrderTest, FloatsCompareByValue) {
  const auto col = column(P::DOUBLE);
  EXPECT_EQ(order(col, enc<double>({-2.0, -0.0, 0.5}), enc<double>({-1.0, 0.0, 3.0})),
            BoundaryOrder::ASCENDING);
  EXPECT_EQ(order(col, enc<double>({-0.0, -0.0}), enc<double>({0.0, 0.0})),
            BoundaryOrder::ASCENDING);
  EXPECT_EQ(order(column(P::FLOAT), enc<float>({2.0f, -1.0f}), enc<float>({3.0f, 1.0f})),
            BoundaryOrder::DESCENDING);
}

TEST(BoundaryOrderTest, BytesAndTruncatedStrings) {
  const auto col = column(P::BYTE_ARRAY, LogicalType::string());
  EXPECT_EQ(order(col, {"a", "ab", "b"}, {"ab", "b", "\xc3\xa9"}), BoundaryOrder::ASCENDING);
  EXPECT_EQ(order(col, {"\x80", "a"}, {"\x81", "b"}), BoundaryOrder::DESCENDING);
}

TEST(BoundaryOrderTest, SignedDecimalsAndFloat16) {
  const auto dec = column(P::BYTE_ARRAY, LogicalType::decimal(10, 0));
  EXPECT_EQ(order(dec, {bytes({0xFF, 0x00}), bytes({0x80}), bytes({0x00})},
                  {bytes({0x80}), bytes({0xFF}), bytes({0x00, 0x80})}),
            BoundaryOrder::ASCENDING);
  const auto half = flba(2, LogicalType::float16());
  // -2, -1, +1 (0xC000, 0xBC00, 0x3C00), little-endian.
  EXPECT_EQ(order(half, {bytes({0x00, 0xC0}), bytes({0x00, 0xBC})},
                  {bytes({0x00, 0xBC}), bytes({0x00, 0x3C})}),
            BoundaryOrder::ASCENDING);
}

TEST(BoundaryOrderTest, UndefinedOrderAndErrors) {
  const auto interval = flba(12, std::nullopt, ConvertedType::INTERVAL);
  EXPECT_FALSE(EncodedValueComparator(interval).can_compare());
  EXPECT_EQ(order(interval, {"a"}, {"b"}), BoundaryOrder::UNORDERED);
  EXPECT_THROW(order(column(P::INT32), {"abc", "abcd"}, {"abcd", "abcd"}), Error);
  EXPECT_THROW(compute_boundary_order(EncodedValueComparator(column(P::INT32)), {"", ""}, {""},
                                      {false, false}),
               Error);
}

}  // namespace
}  // namespace spillway

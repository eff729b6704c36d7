#include "statistics/sort_order.h"

#include <gtest/gtest.h>

#include "test_columns.h"

namespace spillway {
namespace {

using namespace testcols;
using K = LogicalType::Kind;
using P = PhysicalType;

TEST(SortOrderTest, PhysicalTypesWithoutAnnotation) {
  EXPECT_EQ(sort_order_for(column(P::BOOLEAN)), SortOrder::SIGNED);
  EXPECT_EQ(sort_order_for(column(P::INT32)), SortOrder::SIGNED);
  EXPECT_EQ(sort_order_for(column(P::INT64)), SortOrder::SIGNED);
  EXPECT_EQ(sort_order_for(column(P::FLOAT)), SortOrder::SIGNED);
  EXPECT_EQ(sort_order_for(column(P::DOUBLE)), SortOrder::SIGNED);
  EXPECT_EQ(sort_order_for(column(P::BYTE_ARRAY)), SortOrder::UNSIGNED);
  EXPECT_EQ(sort_order_for(flba(16)), SortOrder::UNSIGNED);
  EXPECT_EQ(sort_order_for(column(P::INT96)), SortOrder::UNDEFINED);
}

TEST(SortOrderTest, Integers) {
  EXPECT_EQ(sort_order_for(column(P::INT32, LogicalType::integer(32, false))), SortOrder::UNSIGNED);
  EXPECT_EQ(sort_order_for(column(P::INT64, LogicalType::integer(64, false))), SortOrder::UNSIGNED);
  EXPECT_EQ(sort_order_for(column(P::INT32, LogicalType::integer(8, true))), SortOrder::SIGNED);
  for (auto c : {ConvertedType::UINT_8, ConvertedType::UINT_16, ConvertedType::UINT_32}) {
    EXPECT_EQ(sort_order_for(column(P::INT32, std::nullopt, c)), SortOrder::UNSIGNED);
  }
  EXPECT_EQ(sort_order_for(column(P::INT64, std::nullopt, ConvertedType::UINT_64)),
            SortOrder::UNSIGNED);
  EXPECT_EQ(sort_order_for(column(P::INT32, std::nullopt, ConvertedType::INT_16)),
            SortOrder::SIGNED);
  // The logical type wins over the converted type.
  EXPECT_EQ(
      sort_order_for(column(P::INT32, LogicalType::integer(32, true), ConvertedType::UINT_32)),
      SortOrder::SIGNED);
}

TEST(SortOrderTest, LogicalTypes) {
  EXPECT_EQ(sort_order_for(column(P::INT32, LogicalType::decimal(9, 2))), SortOrder::SIGNED);
  EXPECT_EQ(sort_order_for(flba(16, LogicalType::decimal(30, 2))), SortOrder::SIGNED);
  EXPECT_EQ(sort_order_for(column(P::BYTE_ARRAY, std::nullopt, ConvertedType::DECIMAL)),
            SortOrder::SIGNED);
  EXPECT_EQ(sort_order_for(flba(2, LogicalType::float16())), SortOrder::SIGNED);
  EXPECT_EQ(sort_order_for(column(P::INT32, LogicalType::date())), SortOrder::SIGNED);
  EXPECT_EQ(sort_order_for(column(P::INT64, LogicalType::time(true, TimeUnit::MICROS))),
            SortOrder::SIGNED);
  EXPECT_EQ(sort_order_for(column(P::INT64, LogicalType::timestamp(false, TimeUnit::NANOS))),
            SortOrder::SIGNED);
  for (auto k : {K::STRING, K::ENUM, K::JSON, K::BSON}) {
    EXPECT_EQ(sort_order_for(column(P::BYTE_ARRAY, simple(k))), SortOrder::UNSIGNED);
  }
  EXPECT_EQ(sort_order_for(flba(16, simple(K::UUID))), SortOrder::UNSIGNED);
  EXPECT_EQ(sort_order_for(column(P::INT32, LogicalType::unknown())), SortOrder::UNDEFINED);
  EXPECT_EQ(sort_order_for(flba(12, std::nullopt, ConvertedType::INTERVAL)), SortOrder::UNDEFINED);
  EXPECT_EQ(sort_order_for(column(P::BYTE_ARRAY, std::nullopt, ConvertedType::UTF8)),
            SortOrder::UNSIGNED);
}

TEST(ValueOrderTest, ConcreteComparisons) {
  EXPECT_EQ(value_order_for(column(P::BOOLEAN)), ValueOrder::BOOLEAN);
  EXPECT_EQ(value_order_for(column(P::INT32)), ValueOrder::SIGNED_INT);
  EXPECT_EQ(value_order_for(column(P::INT32, std::nullopt, ConvertedType::UINT_32)),
            ValueOrder::UNSIGNED_INT);
  EXPECT_EQ(value_order_for(column(P::DOUBLE)), ValueOrder::FLOATING);
  EXPECT_EQ(value_order_for(column(P::BYTE_ARRAY, LogicalType::string())),
            ValueOrder::UNSIGNED_BYTES);
  EXPECT_EQ(value_order_for(column(P::BYTE_ARRAY, LogicalType::decimal(40, 0))),
            ValueOrder::SIGNED_BIG_ENDIAN);
  EXPECT_EQ(value_order_for(flba(8, LogicalType::decimal(18, 0))), ValueOrder::SIGNED_BIG_ENDIAN);
  EXPECT_EQ(value_order_for(flba(2, LogicalType::float16())), ValueOrder::FLOAT16);
  EXPECT_EQ(value_order_for(flba(4, LogicalType::float16())), ValueOrder::NONE);  // malformed
  EXPECT_EQ(value_order_for(flba(12, std::nullopt, ConvertedType::INTERVAL)), ValueOrder::NONE);
  EXPECT_EQ(value_order_for(column(P::INT96)), ValueOrder::NONE);
}

TEST(ValueOrderTest, Utf8Columns) {
  EXPECT_TRUE(is_utf8_column(column(P::BYTE_ARRAY, LogicalType::string())));
  EXPECT_TRUE(is_utf8_column(column(P::BYTE_ARRAY, simple(K::ENUM))));
  EXPECT_TRUE(is_utf8_column(column(P::BYTE_ARRAY, simple(K::JSON))));
  EXPECT_TRUE(is_utf8_column(column(P::BYTE_ARRAY, std::nullopt, ConvertedType::UTF8)));
  EXPECT_FALSE(is_utf8_column(column(P::BYTE_ARRAY)));
  EXPECT_FALSE(is_utf8_column(column(P::BYTE_ARRAY, simple(K::BSON))));
  EXPECT_FALSE(is_utf8_column(flba(16, simple(K::UUID))));
}

}  // namespace
}  // namespace spillway

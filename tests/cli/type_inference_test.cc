#include "input/type_inference.h"

#include <gtest/gtest.h>

#include <limits>
#include <string>
#include <vector>

#include "input/json_shape.h"
#include "input/schema_option.h"

namespace spillway::cli {
namespace {

// The text parsers every reader and override shares (type_inference.h).
TEST(TextValues, Decimal128) {
  auto dec = [](std::string_view s, int p, int sc) -> std::string {
    __int128 v;
    if (!parse_decimal128(s, p, sc, &v)) return "x";
    std::string out;
    const bool neg = v < 0;
    unsigned __int128 u = neg ? -static_cast<unsigned __int128>(v) : v;
    do {
      out.insert(out.begin(), static_cast<char>('0' + static_cast<int>(u % 10)));
      u /= 10;
    } while (u);
    return (neg ? "-" : "") + out;
  };
  EXPECT_EQ(dec("12.5", 5, 2), "1250");
  EXPECT_EQ(dec("-0.01", 5, 2), "-1");
  EXPECT_EQ(dec("+.5", 5, 2), "50");
  EXPECT_EQ(dec("7.", 5, 2), "700");
  EXPECT_EQ(dec("1.50", 5, 1), "15");  // trailing zero beyond the scale
  EXPECT_EQ(dec("1.55", 5, 1), "x");   // no silent rounding
  EXPECT_EQ(dec("1.5e2", 5, 0), "150");
  EXPECT_EQ(dec("1500e-2", 5, 1), "150");
  EXPECT_EQ(dec("999.99", 5, 2), "99999");
  EXPECT_EQ(dec("1000.00", 5, 2), "x");   // 6 digits
  EXPECT_EQ(dec("000123", 3, 0), "123");  // leading zeros are free
  EXPECT_EQ(dec("0", 1, 0), "0");
  EXPECT_EQ(dec("0e99999999", 1, 0), "0");
  EXPECT_EQ(dec("1e99999999", 38, 0), "x");
  EXPECT_EQ(dec("99999999999999999999999999999999999999", 38, 0),
            "99999999999999999999999999999999999999");
  EXPECT_EQ(dec("-99999999999999999999999999999999999999", 38, 0),
            "-99999999999999999999999999999999999999");
  EXPECT_EQ(dec("100000000000000000000000000000000000000", 38, 0), "x");
  for (std::string_view bad : {"", "-", ".", "1e", "1.2.3", "1,5", " 1", "abc", "0x10"}) {
    EXPECT_EQ(dec(bad, 10, 2), "x") << bad;
  }
}

TEST(TextValues, NumbersDatesTimes) {
  int64_t i;
  EXPECT_TRUE(parse_int64("+42", &i));
  EXPECT_EQ(i, 42);
  EXPECT_FALSE(parse_int64("+-1", &i));
  EXPECT_FALSE(parse_int64("9223372036854775808", &i));
  EXPECT_FALSE(parse_int64("1 ", &i));
  uint64_t u;
  EXPECT_FALSE(parse_uint64("-1", &u));
  double d;
  EXPECT_TRUE(parse_float64("-Infinity", &d));
  EXPECT_EQ(d, -std::numeric_limits<double>::infinity());
  EXPECT_FALSE(parse_float64("1e400", &d));
  EXPECT_FALSE(parse_float64("nan(1)", &d));
  EXPECT_FALSE(parse_float64("5e", &d));
  EXPECT_FALSE(parse_float64("0x1p3", &d));
  int32_t days;
  EXPECT_TRUE(parse_date32("0001-01-01", &days));
  EXPECT_EQ(days, -719162);
  EXPECT_TRUE(parse_date32("9999-12-31", &days));
  EXPECT_EQ(days, 2932896);
  EXPECT_TRUE(parse_date32("2000-02-29", &days));
  EXPECT_FALSE(parse_date32("1900-02-29", &days));
  EXPECT_FALSE(parse_date32("2024-13-01", &days));
  EXPECT_FALSE(parse_date32("2024-00-01", &days));
  EXPECT_FALSE(parse_date32("2024-01-001", &days));
  DateTime dt;
  int64_t v;
  ASSERT_TRUE(parse_date_time("1677-09-21T00:12:43.145224192", &dt));
  EXPECT_TRUE(date_time_to_unit(dt, ArrowTimeUnit::NANO, &v));
  EXPECT_EQ(v, std::numeric_limits<int64_t>::min());
  ASSERT_TRUE(parse_date_time("1677-09-21T00:12:43.145224191", &dt));
  EXPECT_FALSE(date_time_to_unit(dt, ArrowTimeUnit::NANO, &v));    // overflows int64
  EXPECT_FALSE(date_time_to_unit(dt, ArrowTimeUnit::SECOND, &v));  // sub-second digits
  EXPECT_FALSE(parse_date_time("2024-01-01T24:00:00", &dt));
  EXPECT_FALSE(parse_date_time("2024-01-01T10:00:00.", &dt));
  EXPECT_FALSE(parse_date_time("2024-01-01T10:00:00.1234567890", &dt));
  EXPECT_FALSE(parse_date_time("2024-01-01T10:00:00+24:00", &dt));
  EXPECT_FALSE(parse_date_time("2024-01-01T10:00:00+01:0", &dt));
  TimeOfDay t;
  EXPECT_FALSE(parse_time_of_day("1:00:00", &t));
  EXPECT_FALSE(parse_time_of_day("10:00:00Z", &t));
}

TEST(TextValues, InferenceLadder) {
  auto infer = [](std::vector<std::string_view> values, bool temporal_only = false) {
    TypeInference t(temporal_only);
    for (auto v : values) t.observe(v);
    return t.result().format;
  };
  EXPECT_EQ(infer({}), "u");
  EXPECT_EQ(infer({"1", "-2"}), "l");
  EXPECT_EQ(infer({"1", "1.5"}), "g");
  EXPECT_EQ(infer({"true", "1"}), "u");
  EXPECT_EQ(infer({"10:00:00.0000001"}), "ttn");
  EXPECT_EQ(infer({"2024-01-01T00:00:00Z", "2024-01-01T00:00:00.000000001-01:00"}), "tsn:UTC");
  EXPECT_EQ(infer({"2024-01-01T00:00:00Z", "2024-01-01T00:00:00"}), "u");
  EXPECT_EQ(infer({"12", "true"}, true), "u");  // JSON strings: only temporal types
  EXPECT_EQ(infer({"2024-01-01"}, true), "tdD");
}

// NDJSON inference to any depth (json_shape.h): the type of key "v" over
// the lines given.
std::string json_type(std::vector<std::string> lines) {
  JsonShape shape;
  JsonObjectParser parser;
  for (const std::string& line : lines) {
    parser.parse(line);
    shape.observe(parser, 0);
  }
  EXPECT_EQ(shape.field_name(0), "v");
  const ArrowField f = shape.field(0).type();
  EXPECT_EQ(f.format, format_of(f));
  return type_name(f);
}

TEST(JsonInference, KindsAtEveryDepth) {
  EXPECT_EQ(json_type({R"({"v": [1, 2]})", R"({"v": [3.5]})"}), "list<float64>");
  EXPECT_EQ(json_type({R"({"v": [1, "x"]})"}), "list<utf8>");  // mixed items: text
  EXPECT_EQ(json_type({R"({"v": [[true], null, []]})"}), "list<list<bool>>");
  EXPECT_EQ(json_type({R"({"v": []})", R"({"v": null})"}), "list<utf8>");
  EXPECT_EQ(json_type({R"({"v": {"b": 1}})", R"({"v": {"a": "2024-01-01", "b": null}})"}),
            "struct<b:int64,a:date32>");
  EXPECT_EQ(json_type({R"({"v": {"t": "10:00:00"}})", R"({"v": {"t": "11:00:00.5"}})"}),
            "struct<t:time64[us]>");
  EXPECT_EQ(json_type({R"({"v": {"n": 99999999999999999999}})"}), "struct<n:float64>");
  EXPECT_EQ(json_type({R"({"v": {}})", R"({"v": {}})"}), "utf8");  // no fields: text
  EXPECT_EQ(json_type({R"({"v": {}})", R"({"v": {"k": 1}})"}), "struct<k:int64>");
  EXPECT_EQ(json_type({R"({"v": {"a": 1}})", R"({"v": [1]})"}), "utf8");
  EXPECT_EQ(json_type({R"({"v": [{"a": 1}, {"a": [1]}]})"}), "list<struct<a:utf8>>");
  EXPECT_EQ(json_type({R"({"v": [{"x": 1}, {"y": {"z": [null]}}]})"}),
            "list<struct<x:int64,y:struct<z:list<utf8>>>>");
  EXPECT_EQ(json_type({R"({"v": null})"}), "utf8");
}

}  // namespace
}  // namespace spillway::cli

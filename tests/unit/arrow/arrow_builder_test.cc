// Tests of the test-support builders: other tests trust them to produce
// exactly the bytes the Arrow spec describes.

#include "support/arrow_builder.h"

#include <gtest/gtest.h>

#include <cerrno>
#include <cmath>
#include <cstring>

namespace spillway {
namespace {

using test::ArrowColumn;
using test::OwnedArray;

template <typename T>
std::vector<T> values_of(const ArrowColumn& c, size_t buffer) {
  const auto& b = *c.buffers.at(buffer);
  std::vector<T> out(b.size() / sizeof(T));
  std::memcpy(out.data(), b.data(), out.size() * sizeof(T));
  return out;
}

TEST(ArrowBuilderTest, FixedWidthColumnLayout) {
  ArrowColumn c = test::int32_column({1, std::nullopt, 3});
  EXPECT_EQ(c.format, "i");
  EXPECT_EQ(c.length, 3);
  EXPECT_EQ(c.null_count, 1);
  ASSERT_EQ(c.buffers.size(), 2u);
  EXPECT_EQ(*c.buffers[0], std::vector<uint8_t>{0b101});
  EXPECT_EQ(values_of<int32_t>(c, 1), (std::vector<int32_t>{1, 0, 3}));
  // No nulls: no validity buffer.
  EXPECT_EQ(test::int64_column({1, 2}).buffers[0], nullptr);
  EXPECT_EQ(test::int64_column({1, 2}).null_count, 0);

  ArrowColumn b =
      test::bool_column({true, false, std::nullopt, true, true, true, true, true, true});
  EXPECT_EQ(*b.buffers[1], (std::vector<uint8_t>{0b11111001, 0b1}));
  EXPECT_EQ(*b.buffers[0], (std::vector<uint8_t>{0b11111011, 0b1}));
}

TEST(ArrowBuilderTest, BinaryColumnLayout) {
  ArrowColumn s = test::string_column({"ab", std::nullopt, "", "cde"});
  EXPECT_EQ(s.format, "u");
  EXPECT_EQ(values_of<int32_t>(s, 1), (std::vector<int32_t>{0, 2, 2, 2, 5}));
  EXPECT_EQ(std::string(s.buffers[2]->begin(), s.buffers[2]->end()), "abcde");
  ArrowColumn l = test::large_binary_column({"x", "yz"});
  EXPECT_EQ(l.format, "Z");
  EXPECT_EQ(values_of<int64_t>(l, 1), (std::vector<int64_t>{0, 1, 3}));
  ArrowColumn f = test::fixed_size_binary_column(3, {"abc", std::nullopt, "def"});
  EXPECT_EQ(f.format, "w:3");
  EXPECT_EQ(std::string(f.buffers[1]->begin(), f.buffers[1]->end()),
            std::string("abc\0\0\0def", 9));
  EXPECT_THROW(test::fixed_size_binary_column(3, {"ab"}), std::invalid_argument);
}

TEST(ArrowBuilderTest, ViewColumnLayout) {
  ArrowColumn v = test::string_view_column(
      {"inline", std::nullopt, "exactly12byt", "thirteen byte", "another long value"}, 10);
  EXPECT_EQ(v.format, "vu");
  // validity, views, two variadic buffers (a new one once 10 bytes are used), sizes.
  ASSERT_EQ(v.buffers.size(), 5u);
  EXPECT_EQ(values_of<int64_t>(v, 4), (std::vector<int64_t>{13, 18}));
  const uint8_t* views = v.buffers[1]->data();
  int32_t len, index, offset;
  std::memcpy(&len, views, 4);
  EXPECT_EQ(len, 6);
  EXPECT_EQ(std::string(reinterpret_cast<const char*>(views + 4), 6), "inline");
  std::memcpy(&len, views + 32, 4);
  EXPECT_EQ(len, 12);
  EXPECT_EQ(std::string(reinterpret_cast<const char*>(views + 36), 12), "exactly12byt");
  std::memcpy(&len, views + 48, 4);
  std::memcpy(&index, views + 56, 4);
  std::memcpy(&offset, views + 60, 4);
  EXPECT_EQ(len, 13);
  EXPECT_EQ(std::string(reinterpret_cast<const char*>(views + 52), 4), "thir");
  EXPECT_EQ(index, 0);
  EXPECT_EQ(offset, 0);
  std::memcpy(&index, views + 72, 4);
  EXPECT_EQ(index, 1);
  EXPECT_EQ(std::string(v.buffers[3]->begin(), v.buffers[3]->end()), "another long value");
  EXPECT_EQ(test::binary_view_column({"a"}).format, "vz");
}

TEST(ArrowBuilderTest, DecimalsFromStrings) {
  ArrowColumn d = test::decimal_column(128, 10, 2, {"-123.45", "7", "0.5", std::nullopt});
  EXPECT_EQ(d.format, "d:10,2");
  auto v = values_of<__int128>(d, 1);
  EXPECT_TRUE(v[0] == -12345);
  EXPECT_TRUE(v[1] == 700);
  EXPECT_TRUE(v[2] == 50);
  EXPECT_EQ(test::decimal_column(32, 9, 0, {"-2"}).format, "d:9,0,32");
  EXPECT_EQ(values_of<int32_t>(test::decimal_column(32, 9, 1, {"-2.5"}), 1)[0], -25);
  EXPECT_EQ(values_of<int64_t>(test::decimal_column(64, 18, 0, {"123456789012345678"}), 1)[0],
            123456789012345678);
  ArrowColumn big = test::decimal_column(256, 76, 0, {"-1"});
  EXPECT_EQ(*big.buffers[1], std::vector<uint8_t>(32, 0xFF));
  ArrowColumn two_to_the_64 = test::decimal_column(256, 76, 0, {"18446744073709551616"});
  std::vector<uint8_t> expected(32, 0);
  expected[8] = 1;
  EXPECT_EQ(*two_to_the_64.buffers[1], expected);
  EXPECT_THROW(test::decimal_column(128, 10, 1, {"1.25"}), std::invalid_argument);
  EXPECT_THROW(test::decimal_column(32, 9, 0, {"3000000000"}), std::invalid_argument);
  EXPECT_THROW(test::decimal_column(128, 10, 0, {"1x"}), std::invalid_argument);
  EXPECT_THROW(test::decimal_column(100, 10, 0, {}), std::invalid_argument);
  __int128 huge = static_cast<__int128>(1) << 100;
  EXPECT_TRUE(values_of<__int128>(test::decimal128_column(38, 0, {huge}), 1)[0] == huge);
}

TEST(ArrowBuilderTest, HalfFloatConversion) {
  const std::pair<float, uint16_t> cases[] = {
      {0.0f, 0x0000},           {-0.0f, 0x8000},          {1.0f, 0x3C00},
      {-2.0f, 0xC000},          {0.5f, 0x3800},           {65504.0f, 0x7BFF},
      {65520.0f, 0x7C00},                                 // rounds to infinity
      {0.1f, 0x2E66},           {5.9604645e-8f, 0x0001},  // smallest subnormal
      {6.1035156e-5f, 0x0400},                            // smallest normal
      {1e-9f, 0x0000},          {INFINITY, 0x7C00},       {-INFINITY, 0xFC00},
      {1.0009765625f, 0x3C01},  {1.00048828125f, 0x3C00},  // a tie rounds to even
      {1.00146484375f, 0x3C02},                            // a tie rounds to even (up)
  };
  for (auto [f, h] : cases) EXPECT_EQ(test::float_to_half(f), h) << f;
  EXPECT_EQ(test::float_to_half(NAN) & 0x7C00, 0x7C00);
  EXPECT_NE(test::float_to_half(NAN) & 0x03FF, 0);
  for (uint32_t h = 0; h < 0x10000; ++h) {
    if ((h & 0x7C00) == 0x7C00 && (h & 0x3FF) != 0) continue;  // NaN
    ASSERT_EQ(test::float_to_half(test::half_to_float(static_cast<uint16_t>(h))), h) << h;
  }
  EXPECT_EQ(test::float16_column({1.0f}).format, "e");
}

TEST(ArrowBuilderTest, TemporalFormats) {
  using U = ArrowTimeUnit;
  EXPECT_EQ(test::date32_column({}).format, "tdD");
  EXPECT_EQ(test::date64_column({}).format, "tdm");
  EXPECT_EQ(test::time32_column(U::SECOND, {}).format, "tts");
  EXPECT_EQ(test::time64_column(U::NANO, {}).format, "ttn");
  EXPECT_EQ(test::timestamp_column(U::MICRO, "UTC", {}).format, "tsu:UTC");
  EXPECT_EQ(test::timestamp_column(U::MILLI, std::nullopt, {}).format, "tsm:");
  EXPECT_EQ(test::duration_column(U::MICRO, {}).format, "tDu");
  EXPECT_EQ(test::interval_months_column({}).format, "tiM");
  EXPECT_EQ(test::interval_day_time_column({test::DayTime{3, 4}}).format, "tiD");
  EXPECT_EQ(values_of<int32_t>(test::interval_day_time_column({test::DayTime{3, 4}}), 1),
            (std::vector<int32_t>{3, 4}));
  EXPECT_EQ(test::interval_month_day_nano_column({}).format, "tin");
}

TEST(ArrowBuilderTest, ExportedStructsAndRelease) {
  ArrowColumn col =
      test::dictionary_column(test::int8_column({0, std::nullopt}), test::string_column({"x"}))
          .named("d")
          .with_metadata({{"k", "v"}});
  OwnedArray a = test::to_c(col);
  EXPECT_STREQ(a.schema.format, "c");
  EXPECT_STREQ(a.schema.name, "d");
  EXPECT_EQ(a.schema.flags, ARROW_FLAG_NULLABLE);
  EXPECT_EQ(parse_metadata_blob(a.schema.metadata), (ArrowMetadata{{"k", "v"}}));
  ASSERT_NE(a.schema.dictionary, nullptr);
  EXPECT_STREQ(a.schema.dictionary->format, "u");
  EXPECT_EQ(a.array.length, 2);
  EXPECT_EQ(a.array.null_count, 1);
  EXPECT_EQ(a.array.n_buffers, 2);
  EXPECT_EQ(a.array.buffers[1], col.buffers[1]->data());  // zero copy
  ASSERT_NE(a.array.dictionary, nullptr);
  EXPECT_EQ(a.array.dictionary->n_buffers, 3);
  EXPECT_EQ(test::to_c(test::int32_column({})).schema.metadata, nullptr);

  // A consumer takes ownership (moves the structs) and releases them itself.
  ArrowSchema schema;
  ArrowArray array;
  a.release_to(&schema, &array);
  EXPECT_EQ(a.schema.release, nullptr);
  EXPECT_EQ(a.array.release, nullptr);
  schema.release(&schema);
  array.release(&array);
  EXPECT_EQ(schema.release, nullptr);
  EXPECT_EQ(array.release, nullptr);
}

TEST(ArrowBuilderTest, MovingChildArraysThenReleasingTheParent) {
  OwnedArray batch =
      test::make_batch({{"a", test::int32_column({1})}, {"b", test::string_column({"x"})}});
  EXPECT_STREQ(batch.schema.format, "+s");
  EXPECT_EQ(batch.schema.flags, 0);
  EXPECT_EQ(batch.array.n_children, 2);
  EXPECT_STREQ(batch.schema.children[1]->name, "b");
  // Keep only column "b", as the spec's "Moving child arrays" describes.
  ArrowArray b = *batch.array.children[1];
  batch.array.children[1]->release = nullptr;
  batch.reset();
  EXPECT_EQ(batch.array.release, nullptr);
  EXPECT_EQ(b.length, 1);
  EXPECT_EQ(std::string(static_cast<const char*>(b.buffers[2]), 1), "x");
  b.release(&b);
}

TEST(ArrowBuilderTest, OwnedArrayMoves) {
  OwnedArray a = test::to_c(test::int32_column({1}));
  OwnedArray b = std::move(a);
  EXPECT_EQ(a.array.release, nullptr);  // NOLINT(bugprone-use-after-move)
  EXPECT_NE(b.array.release, nullptr);
  OwnedArray c;
  c = std::move(b);
  EXPECT_NE(c.schema.release, nullptr);
}

TEST(ArrowBuilderTest, Slicing) {
  ArrowColumn c = test::int32_column({1, 2, std::nullopt, 4});
  ArrowColumn s = c.sliced(1, 2).sliced(1, 1);
  EXPECT_EQ(s.offset, 2);
  EXPECT_EQ(s.length, 1);
  EXPECT_EQ(s.null_count, -1);
  EXPECT_EQ(test::int32_column({1, 2}).sliced(1, 1).null_count, 0);
  EXPECT_THROW(c.sliced(3, 2), std::invalid_argument);
  OwnedArray root = test::slice_batch({{"a", c}}, 1, 3);
  EXPECT_EQ(root.array.offset, 1);
  EXPECT_EQ(root.array.length, 3);
  EXPECT_EQ(root.array.children[0]->offset, 0);
  EXPECT_EQ(root.array.children[0]->length, 4);
  OwnedArray kids = test::slice_batch_children({{"a", c}}, 1, 3);
  EXPECT_EQ(kids.array.offset, 0);
  EXPECT_EQ(kids.array.length, 3);
  EXPECT_EQ(kids.array.children[0]->offset, 1);
  EXPECT_EQ(kids.array.children[0]->length, 3);
}

TEST(ArrowBuilderTest, Streams) {
  ArrowColumn b1 = test::struct_column({{"a", test::int32_column({1, 2})}});
  ArrowColumn b2 = test::struct_column({{"a", test::int32_column({3})}});
  ArrowArrayStream stream;
  test::make_stream(b1, {b1, b2}, &stream);
  ArrowSchema schema;
  ASSERT_EQ(stream.get_schema(&stream, &schema), 0);
  EXPECT_STREQ(schema.children[0]->name, "a");
  schema.release(&schema);
  ArrowArray array;
  ASSERT_EQ(stream.get_next(&stream, &array), 0);
  EXPECT_EQ(array.length, 2);
  array.release(&array);
  ASSERT_EQ(stream.get_next(&stream, &array), 0);
  EXPECT_EQ(array.length, 1);
  array.release(&array);
  ASSERT_EQ(stream.get_next(&stream, &array), 0);
  EXPECT_EQ(array.release, nullptr);  // end of stream
  EXPECT_EQ(stream.get_last_error(&stream), nullptr);
  stream.release(&stream);
  EXPECT_EQ(stream.release, nullptr);

  test::make_stream(b1, {b1, b2}, &stream, /*fail_at=*/1);
  ASSERT_EQ(stream.get_next(&stream, &array), 0);
  array.release(&array);
  EXPECT_EQ(stream.get_next(&stream, &array), EIO);
  EXPECT_STREQ(stream.get_last_error(&stream), "test stream failed at batch 1");
  stream.release(&stream);
}

}  // namespace
}  // namespace spillway

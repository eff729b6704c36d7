#include "arrow/validate.h"

#include <gtest/gtest.h>

#include <cstring>

#include "spillway/error.h"
#include "support/arrow_builder.h"

namespace spillway {
namespace {

using test::ArrowColumn;
using test::NamedColumns;
using test::OwnedArray;

// Imports the batch's schema and validates its array; returns "" or the error.
std::string check(OwnedArray& batch) {
  ArrowField root = import_schema(&batch.schema);
  try {
    validate_array(root, &batch.array, "");
  } catch (const Error& e) {
    return e.what();
  }
  return "";
}

std::string check(const NamedColumns& columns) {
  OwnedArray batch = test::make_batch(columns);
  return check(batch);
}

std::string check_column(const ArrowColumn& column) {
  return check({{"c", column}});
}

// A copy of `c` whose buffer i is replaced by `values`.
template <typename T>
ArrowColumn with_buffer(ArrowColumn c, size_t i, const std::vector<T>& values) {
  c.buffers.at(i) = test::buffer_of(values);
  return c;
}

TEST(ValidateTest, AcceptsEveryFlatType) {
  using test::ArrowColumn;
  NamedColumns columns = {
      {"null", test::null_column(3)},
      {"bool", test::bool_column({true, std::nullopt, false})},
      {"i8", test::int8_column({1, -2, std::nullopt})},
      {"u8", test::uint8_column({1, 255, 0})},
      {"i16", test::int16_column({1, std::nullopt, -300})},
      {"u16", test::uint16_column({1, 2, 65535})},
      {"i32", test::int32_column({1, std::nullopt, 3})},
      {"u32", test::uint32_column({1, 2, 3})},
      {"i64", test::int64_column({1, 2, std::nullopt})},
      {"u64", test::uint64_column({1, 2, 3})},
      {"f16", test::float16_column({1.5f, std::nullopt, -2})},
      {"f32", test::float32_column({1.5f, 2, 3})},
      {"f64", test::float64_column({std::nullopt, 2, 3})},
      {"str", test::string_column({"a", std::nullopt, "h\xc3\xa9llo"})},
      {"lstr", test::large_string_column({"", "b", "\xe2\x82\xac"})},
      {"vstr", test::string_view_column({"short", "a string longer than twelve", std::nullopt}, 8)},
      {"bin", test::binary_column({std::string("\xff\x00", 2), std::nullopt, ""})},
      {"lbin", test::large_binary_column({"x", "y", "z"})},
      {"vbin", test::binary_view_column(
                   {"\xff\xfe\xfd\xfc\xfb\xfa\xf9\xf8\xf7\xf6\xf5\xf4\xf3", "", std::nullopt})},
      {"fsb", test::fixed_size_binary_column(2, {"ab", std::nullopt, "cd"})},
      {"d32", test::decimal_column(32, 9, 2, {"1234567.89", "-0.01", std::nullopt})},
      {"d64", test::decimal_column(64, 18, 0, {"999999999999999999", "0", "-1"})},
      {"d128", test::decimal_column(128, 38, 10, {"-1234.5", std::nullopt, "0"})},
      {"d256", test::decimal_column(
                   256, 76, 0, {std::string(76, '9'), "-" + std::string(76, '9'), std::nullopt})},
      {"date32", test::date32_column({0, -1, 19000})},
      {"date64", test::date64_column({0, 86400000, std::nullopt})},
      {"t32", test::time32_column(ArrowTimeUnit::SECOND, {0, 1, 86399})},
      {"t64", test::time64_column(ArrowTimeUnit::NANO, {0, 1, 2})},
      {"ts", test::timestamp_column(ArrowTimeUnit::MICRO, "UTC", {0, std::nullopt, -1})},
      {"dur", test::duration_column(ArrowTimeUnit::MILLI, {1, 2, 3})},
      {"ym", test::interval_months_column({1, 2, std::nullopt})},
      {"dt", test::interval_day_time_column({test::DayTime{1, 2}, std::nullopt, test::DayTime{}})},
      {"mdn", test::interval_month_day_nano_column({test::MonthDayNano{1, 2, 3}, {}, {}})},
      {"dict", test::dictionary_column(test::int8_column({0, 1, std::nullopt}),
                                       test::string_column({"x", "y"}))},
  };
  EXPECT_EQ(check(columns), "");
}

TEST(ValidateTest, AcceptsSlicedArraysBothWays) {
  NamedColumns columns = {
      {"i", test::int32_column({1, std::nullopt, 3, 4, std::nullopt, 6, 7, 8, 9, 10})},
      {"s", test::string_column({"a", "b", std::nullopt, "d", "e", "f", "g", "h", "i", "j"})},
      {"v", test::string_view_column({"a", "bbbbbbbbbbbbbbbbbbb", "c", std::nullopt, "e", "f", "g",
                                      "hhhhhhhhhhhhhhhhhhhhhhh", "i", "j"},
                                     16)},
      {"b",
       test::bool_column({true, false, true, std::nullopt, true, false, true, false, true, false})},
  };
  OwnedArray root_sliced = test::slice_batch(columns, 3, 5);
  EXPECT_EQ(root_sliced.array.offset, 3);
  EXPECT_EQ(root_sliced.array.children[0]->offset, 0);
  EXPECT_EQ(check(root_sliced), "");
  OwnedArray children_sliced = test::slice_batch_children(columns, 3, 5);
  EXPECT_EQ(children_sliced.array.offset, 0);
  EXPECT_EQ(children_sliced.array.children[0]->offset, 3);
  EXPECT_EQ(children_sliced.array.children[0]->null_count, -1);
  EXPECT_EQ(check(children_sliced), "");
}

TEST(ValidateTest, SlicedBatchIsCheckedOnlyWhereItIsRead) {
  // Invalid UTF-8 outside the slice does not matter; inside it does, and the
  // row is the batch's row.
  ArrowColumn s = test::string_column({"\xff", "ok", "fine", "\xc0"});
  OwnedArray ok = test::slice_batch({{"s", s}}, 1, 2);
  EXPECT_EQ(check(ok), "");
  OwnedArray bad = test::slice_batch({{"s", s}}, 1, 3);
  EXPECT_EQ(
      check(bad),
      "invalid Arrow array for column 's': row 2: invalid UTF-8 at byte 0 of a 1-byte string");
}

TEST(ValidateTest, RejectsReleasedAndBadLengths) {
  OwnedArray batch = test::make_batch({{"a", test::int32_column({1, 2})}});
  auto release = batch.array.children[0]->release;
  batch.array.children[0]->release = nullptr;
  EXPECT_EQ(check(batch),
            "invalid Arrow array for column 'a': the array is released (release == "
            "NULL)");
  batch.array.children[0]->release = release;

  auto root_release = batch.array.release;
  batch.array.release = nullptr;
  EXPECT_EQ(check(batch), "invalid Arrow record batch: the array is released (release == NULL)");
  batch.array.release = root_release;

  batch.array.children[0]->length = -1;
  EXPECT_EQ(check(batch), "invalid Arrow array for column 'a': negative length -1");
  ArrowColumn c = test::int32_column({1, 2});
  c.offset = -2;
  EXPECT_EQ(check({{"a", c}}), "invalid Arrow array for column 'a': negative offset -2");
  c = test::int32_column({1, 2});
  c.null_count = 3;
  EXPECT_EQ(check({{"a", c}}),
            "invalid Arrow array for column 'a': null_count 3 is outside [-1, length 2]");
  c.null_count = -2;
  EXPECT_EQ(check({{"a", c}}),
            "invalid Arrow array for column 'a': null_count -2 is outside [-1, length 2]");
}

TEST(ValidateTest, RejectsWrongBufferAndChildCounts) {
  OwnedArray batch = test::make_batch({{"a", test::int32_column({1, 2})}});
  batch.array.children[0]->n_buffers = 3;
  EXPECT_EQ(check(batch), "invalid Arrow array for column 'a': int32 needs 2 buffer(s), got 3");
  batch.array.children[0]->n_buffers = 2;
  batch.array.n_children = 2;
  EXPECT_EQ(check(batch),
            "invalid Arrow record batch: struct<a: int32> needs 1 child array(s), "
            "got 2");
  batch.array.n_children = 1;
  batch.array.n_buffers = 0;
  EXPECT_EQ(check(batch), "invalid Arrow record batch: struct<a: int32> needs 1 buffer(s), got 0");
  batch.array.n_buffers = 1;
  EXPECT_EQ(check(batch), "");

  ArrowColumn s = test::string_column({"x"});
  s.buffers.pop_back();
  EXPECT_EQ(check_column(s), "invalid Arrow array for column 'c': string needs 3 buffer(s), got 2");

  ArrowColumn v = test::string_view_column({"x"});
  v.buffers.pop_back();  // the variadic sizes buffer
  EXPECT_EQ(check_column(v),
            "invalid Arrow array for column 'c': string_view needs at least 3 "
            "buffers (validity, views, variadic sizes), got 2");

  ArrowColumn n = test::null_column(2);
  n.buffers = {nullptr};
  EXPECT_EQ(check_column(n), "invalid Arrow array for column 'c': null needs 0 buffer(s), got 1");
}

TEST(ValidateTest, RejectsNullBuffers) {
  ArrowColumn c = test::int32_column({1, std::nullopt, 3});
  c.buffers[0] = nullptr;
  EXPECT_EQ(check_column(c),
            "invalid Arrow array for column 'c': null_count is 1 but the validity "
            "buffer (buffer 0) is NULL");
  c.null_count = -1;  // unknown and no bitmap: every value is valid
  EXPECT_EQ(check_column(c), "");

  ArrowColumn d = test::int64_column({1, 2});
  d.buffers[1] = nullptr;
  EXPECT_EQ(check_column(d),
            "invalid Arrow array for column 'c': the data buffer (buffer 1) is "
            "NULL but the array has 2 value(s)");
  d.length = 0;
  EXPECT_EQ(check_column(d), "");

  ArrowColumn s = test::string_column({"ab", "c"});
  s.buffers[2] = nullptr;
  EXPECT_EQ(check_column(s),
            "invalid Arrow array for column 'c': the data buffer (buffer 2) is "
            "NULL but the offsets reference 3 byte(s)");
  ArrowColumn empty_strings = test::string_column({"", ""});
  empty_strings.buffers[2] = nullptr;  // no bytes: a NULL data buffer is allowed
  EXPECT_EQ(check_column(empty_strings), "");
  ArrowColumn no_offsets = test::binary_column({"ab"});
  no_offsets.buffers[1] = nullptr;
  EXPECT_EQ(check_column(no_offsets),
            "invalid Arrow array for column 'c': the offsets buffer "
            "(buffer 1) is NULL but the array has 1 value(s)");

  ArrowColumn b = test::bool_column({true});
  b.buffers[1] = nullptr;
  EXPECT_EQ(check_column(b),
            "invalid Arrow array for column 'c': the data buffer (buffer 1) is "
            "NULL but the array has 1 value(s)");
}

TEST(ValidateTest, NullCountMustMatchTheBitmap) {
  ArrowColumn c = test::int32_column({1, std::nullopt, std::nullopt});
  c.null_count = 1;
  EXPECT_EQ(check_column(c),
            "invalid Arrow array for column 'c': null_count is 1 but the validity "
            "bitmap has 2 null(s)");
  c.null_count = -1;
  EXPECT_EQ(check_column(c), "");
}

TEST(ValidateTest, RejectsBadOffsets) {
  ArrowColumn s = test::string_column({"ab", "cd", "ef", "gh"});
  EXPECT_EQ(check_column(with_buffer<int32_t>(s, 1, {0, 2, 4, 3, 8})),
            "invalid Arrow array for column 'c': row 2: end offset 3 is less than start offset 4 "
            "(offsets must not decrease)");
  EXPECT_EQ(check_column(with_buffer<int32_t>(s, 1, {-1, 2, 4, 6, 8})),
            "invalid Arrow array for column 'c': row 0: the first offset -1 is negative");
  // Rows count from the slice's start.
  ArrowColumn sliced = with_buffer<int32_t>(s, 1, {0, 2, 4, 3, 8}).sliced(1, 3);
  EXPECT_EQ(check_column(sliced),
            "invalid Arrow array for column 'c': row 1: end offset 3 is less than start offset 4 "
            "(offsets must not decrease)");
  // Bad offsets outside the slice are not read.
  EXPECT_EQ(check_column(with_buffer<int32_t>(s, 1, {0, 2, 4, 3, 8}).sliced(3, 1)), "");

  ArrowColumn large = test::large_binary_column({"a", "b"});
  EXPECT_EQ(check_column(with_buffer<int64_t>(large, 1, {0, 5, 1})),
            "invalid Arrow array for column 'c': row 1: end offset 1 is less than start offset 5 "
            "(offsets must not decrease)");
}

TEST(ValidateTest, RejectsInvalidUtf8AtTheRow) {
  EXPECT_EQ(check_column(test::string_column({"ok", "fine", "bad\xff", "x"})),
            "invalid Arrow array for column 'c': row 2: invalid UTF-8 at byte 3 of a 4-byte "
            "string");
  EXPECT_EQ(check_column(test::large_string_column({"ok", std::nullopt, "\xed\xa0\x80"})),
            "invalid Arrow array for column 'c': row 2: invalid UTF-8 at byte 0 of a 3-byte "
            "string");
  // A multi-byte character split across two values is invalid in both,
  // although the concatenated bytes are valid UTF-8.
  EXPECT_EQ(check_column(test::string_column({"a\xc3", "\xa9z"})),
            "invalid Arrow array for column 'c': row 0: invalid UTF-8 at byte 1 of a 2-byte "
            "string");
  // Bytes under a null slot are never read.
  ArrowColumn c = test::string_column({"a", std::nullopt, "c"});
  c = with_buffer<int32_t>(c, 1, {0, 1, 2, 3});
  c.buffers[2] = test::make_buffer(
      "a\xff"
      "c",
      3);
  EXPECT_EQ(check_column(c), "");
  // Binary columns may hold anything.
  EXPECT_EQ(check_column(test::binary_column({"\xff\xfe"})), "");
  EXPECT_EQ(check_column(test::string_view_column({"inline\xff"})),
            "invalid Arrow array for column 'c': row 0: invalid UTF-8 at byte 6 of a 7-byte "
            "string");
  EXPECT_EQ(check_column(test::string_view_column({"x", "out of line string \xc0\xaf"})),
            "invalid Arrow array for column 'c': row 1: invalid UTF-8 at byte 19 of a 21-byte "
            "string");
}

TEST(ValidateTest, RejectsBadViews) {
  // Two out-of-line values in two variadic buffers.
  ArrowColumn v = test::string_view_column({"tiny", "first long value!", "second long value"}, 8);
  ASSERT_EQ(v.buffers.size(), 5u);  // validity, views, 2 variadic, sizes
  EXPECT_EQ(check_column(v), "");

  ArrowColumn bad_index = v;
  bad_index.buffers[1] = test::make_buffer(v.buffers[1]->data(), v.buffers[1]->size());
  int32_t index = 2;
  std::memcpy(bad_index.buffer_data(1) + 16 * 2 + 8, &index, 4);
  EXPECT_EQ(check_column(bad_index),
            "invalid Arrow array for column 'c': row 2: view buffer index "
            "2 is outside the 2 variadic buffer(s)");

  ArrowColumn bad_offset = v;
  bad_offset.buffers[1] = test::make_buffer(v.buffers[1]->data(), v.buffers[1]->size());
  int32_t offset = 1;
  std::memcpy(bad_offset.buffer_data(1) + 16 * 1 + 12, &offset, 4);
  EXPECT_EQ(check_column(bad_offset),
            "invalid Arrow array for column 'c': row 1: view [offset 1, length 17] is outside "
            "variadic buffer 0 of 17 bytes");

  ArrowColumn short_sizes = with_buffer<int64_t>(v, 4, {17, 10});
  EXPECT_EQ(check_column(short_sizes),
            "invalid Arrow array for column 'c': row 2: view [offset 0, length 17] is outside "
            "variadic buffer 1 of 10 bytes");

  ArrowColumn bad_prefix = v;
  bad_prefix.buffers[1] = test::make_buffer(v.buffers[1]->data(), v.buffers[1]->size());
  bad_prefix.buffer_data(1)[16 * 1 + 4] = 'X';
  EXPECT_EQ(check_column(bad_prefix),
            "invalid Arrow array for column 'c': row 1: the view's "
            "4-byte prefix does not match its data");

  ArrowColumn negative = v;
  negative.buffers[1] = test::make_buffer(v.buffers[1]->data(), v.buffers[1]->size());
  int32_t minus = -3;
  std::memcpy(negative.buffer_data(1), &minus, 4);
  EXPECT_EQ(check_column(negative),
            "invalid Arrow array for column 'c': row 0: negative view length -3");

  ArrowColumn no_sizes = v;
  no_sizes.buffers[4] = nullptr;
  EXPECT_EQ(check_column(no_sizes),
            "invalid Arrow array for column 'c': the variadic buffer "
            "sizes buffer (buffer 4) is NULL but there are 2 variadic "
            "buffer(s)");

  ArrowColumn null_variadic = v;
  null_variadic.buffers[3] = nullptr;
  EXPECT_EQ(check_column(null_variadic),
            "invalid Arrow array for column 'c': variadic buffer 1 "
            "(buffer 3) is NULL but its size is 17");
  // Inline views need no variadic buffers at all.
  EXPECT_EQ(check_column(test::binary_view_column({"abc", "", "twelve bytes"})), "");
  EXPECT_EQ(test::binary_view_column({"abc"}).buffers.size(), 3u);
}

TEST(ValidateTest, ChecksDictionaries) {
  ArrowColumn dict = test::string_column({"a", "b", "c"});
  EXPECT_EQ(check_column(test::dictionary_column(test::int32_column({0, 2, std::nullopt}), dict)),
            "");
  EXPECT_EQ(check_column(test::dictionary_column(test::int32_column({0, 3, 1}), dict)),
            "invalid Arrow array for column 'c': row 1: dictionary index 3 is out of range for a "
            "dictionary of 3 value(s)");
  EXPECT_EQ(check_column(test::dictionary_column(test::int8_column({0, 1, -1}), dict)),
            "invalid Arrow array for column 'c': row 2: dictionary index -1 is out of range for a "
            "dictionary of 3 value(s)");
  EXPECT_EQ(check_column(test::dictionary_column(test::uint64_column({UINT64_MAX}), dict)),
            "invalid Arrow array for column 'c': row 0: dictionary index 18446744073709551615 is "
            "out of range for a dictionary of 3 value(s)");
  // Null slots may hold any index; indices outside the slice are not read.
  ArrowColumn with_null = test::dictionary_column(test::int16_column({0, std::nullopt}), dict);
  with_null.buffer_as<int16_t>(1)[1] = 99;
  EXPECT_EQ(check_column(with_null), "");
  EXPECT_EQ(check_column(test::dictionary_column(test::int32_column({7, 1, 2}), dict).sliced(1, 2)),
            "");

  // The dictionary itself is validated.
  EXPECT_EQ(
      check_column(test::dictionary_column(test::int32_column({0}), test::string_column({"\xff"}))),
      "invalid Arrow array for column 'c (dictionary)': row 0: invalid UTF-8 at byte 0 of a "
      "1-byte string");

  OwnedArray batch =
      test::make_batch({{"c", test::dictionary_column(test::int32_column({0}), dict)}});
  ArrowField root = import_schema(&batch.schema);
  ArrowArray* saved = batch.array.children[0]->dictionary;
  batch.array.children[0]->dictionary = nullptr;
  EXPECT_THROW(validate_array(root, &batch.array, ""), Error);
  batch.array.children[0]->dictionary = saved;
  validate_array(root, &batch.array, "");

  OwnedArray plain = test::make_batch({{"c", test::int32_column({0})}});
  ArrowField plain_root = import_schema(&plain.schema);
  plain.array.children[0]->dictionary = saved;  // borrowed, restored below
  try {
    validate_array(plain_root, &plain.array, "");
    ADD_FAILURE();
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(),
                 "invalid Arrow array for column 'c': the array has a dictionary but "
                 "its type int32 is not dictionary-encoded");
  }
  plain.array.children[0]->dictionary = nullptr;
}

TEST(ValidateTest, StructChildrenMustCoverOffsetPlusLength) {
  OwnedArray batch = test::make_batch({{"a", test::int32_column({1, 2, 3})}});
  batch.array.length = 4;
  EXPECT_EQ(check(batch),
            "invalid Arrow array for column 'a': child length 3 is shorter than the "
            "parent's offset + length = 4");
  batch.array.length = 2;
  batch.array.offset = 1;
  EXPECT_EQ(check(batch), "");
  batch.array.offset = 2;
  EXPECT_NE(check(batch), "");
}

TEST(ValidateTest, RejectsDecimalsBeyondTheirPrecision) {
  ArrowColumn d = test::decimal_column(128, 5, 2, {"999.99", "-999.99", std::nullopt});
  EXPECT_EQ(check_column(d), "");
  EXPECT_EQ(check_column(test::decimal_column(128, 5, 2, {"1.00", "1000.00"})),
            "invalid Arrow array for column 'c': row 1: decimal value has more than 5 digits (the "
            "column's precision)");
  EXPECT_EQ(check_column(test::decimal_column(32, 3, 0, {"-1000"})),
            "invalid Arrow array for column 'c': row 0: decimal value has more than 3 digits (the "
            "column's precision)");
  EXPECT_NE(check_column(test::decimal_column(64, 18, 0, {"1000000000000000000"})), "");
  EXPECT_NE(check_column(test::decimal_column(256, 76, 0, {"1" + std::string(76, '0')})), "");
  EXPECT_EQ(check_column(test::decimal_column(256, 76, 0, {"-" + std::string(76, '9')})), "");
}

TEST(ValidateTest, ChecksNestedColumnsRecursively) {
  ArrowColumn values = test::string_column({"a", "b", "\xff"});
  EXPECT_EQ(check_column(test::list_column({0, 2, 2}, test::int32_column({1, 2}))), "");
  EXPECT_EQ(check_column(test::list_column({0, 2, 4}, test::int32_column({1, 2, 3}))),
            "invalid Arrow array for column 'c': row 1: end offset 4 is beyond the child array's "
            "length 3");
  EXPECT_EQ(check_column(test::list_column({0, 1}, values)),
            "invalid Arrow array for column 'c.item': row 2: invalid UTF-8 at byte 0 of a 1-byte "
            "string");
  EXPECT_EQ(check_column(test::large_list_column({0, 3, 1}, test::int8_column({1, 2, 3}))),
            "invalid Arrow array for column 'c': row 1: end offset 1 is less than start offset 3 "
            "(offsets must not decrease)");
  EXPECT_EQ(check_column(test::fixed_size_list_column(2, test::int8_column({1, 2, 3, 4}))), "");
  ArrowColumn short_child = test::fixed_size_list_column(2, test::int8_column({1, 2, 3, 4}));
  short_child.length = 3;
  EXPECT_EQ(check_column(short_child),
            "invalid Arrow array for column 'c': child length 4 is "
            "shorter than (offset + length) * list size = 6");
  ArrowColumn inner = test::struct_column(
      {{"x", test::int32_column({1, 2})}, {"y", test::string_column({"ok", "\xc3"})}});
  EXPECT_EQ(check_column(inner),
            "invalid Arrow array for column 'c.y': row 1: invalid UTF-8 at "
            "byte 0 of a 1-byte string");
}

TEST(CountNullsTest, FromNullCountOrBitmap) {
  ArrowColumn c = test::int32_column({1, std::nullopt, 3, std::nullopt, std::nullopt});
  OwnedArray a = test::to_c(c);
  EXPECT_EQ(count_nulls(&a.array), 3);
  a.array.null_count = -1;
  EXPECT_EQ(count_nulls(&a.array), 3);
  a.array.offset = 2;
  a.array.length = 2;
  EXPECT_EQ(count_nulls(&a.array), 1);
  OwnedArray no_bitmap = test::to_c(test::int32_column({1, 2}).sliced(0, 2));
  EXPECT_EQ(no_bitmap.array.null_count, 0);
  no_bitmap.array.null_count = -1;
  EXPECT_EQ(count_nulls(&no_bitmap.array), 0);
  OwnedArray nulls = test::to_c(test::null_column(4));
  nulls.array.null_count = -1;
  EXPECT_EQ(count_nulls(&nulls.array), std::nullopt);
}

TEST(CountNullsTest, CountSetBitsAtEveryAlignment) {
  std::vector<uint8_t> bitmap(40);
  for (size_t i = 0; i < bitmap.size(); ++i) bitmap[i] = static_cast<uint8_t>(i * 37 + 11);
  for (int64_t offset = 0; offset < 70; offset += 3) {
    for (int64_t length : {0, 1, 7, 8, 63, 64, 65, 200}) {
      int64_t expected = 0;
      for (int64_t i = offset; i < offset + length; ++i) expected += get_bit(bitmap.data(), i);
      EXPECT_EQ(count_set_bits(bitmap.data(), offset, length), expected);
    }
  }
}

}  // namespace
}  // namespace spillway

#include "format/thrift_compact.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <vector>

#include "spillway/error.h"

namespace spillway {
namespace {

std::vector<uint8_t> bytes_of(const ByteBuffer& b) {
  return std::vector<uint8_t>(b.data(), b.data() + b.size());
}

using Bytes8 = std::vector<uint8_t>;

TEST(CompactWriter, ShortFormFieldHeaderUsesDelta) {
  ByteBuffer buf;
  CompactWriter w(buf);
  w.struct_begin();
  w.field_i32(1, 1);
  w.field_i32(3, -1);
  w.struct_end();
  // (delta 1 << 4 | I32) zigzag(1)=2, (delta 2 << 4 | I32) zigzag(-1)=1, STOP
  EXPECT_EQ(bytes_of(buf), (Bytes8{0x15, 0x02, 0x25, 0x01, 0x00}));
}

TEST(CompactWriter, LongFormFieldHeaderForLargeOrBackwardDelta) {
  ByteBuffer buf;
  CompactWriter w(buf);
  w.struct_begin();
  w.field_i32(1, 0);
  w.field_i32(20, 0);  // delta 19 > 15
  w.field_i32(3, 0);   // backwards
  w.field_i32(3, 0);   // delta 0
  w.struct_end();
  EXPECT_EQ(bytes_of(buf), (Bytes8{0x15, 0x00,                 //
                                   0x05, 0x28, 0x00,           // type, zigzag(20)=40, value
                                   0x05, 0x06, 0x00,           // zigzag(3)=6
                                   0x05, 0x06, 0x00, 0x00}));  // then STOP
}

TEST(CompactWriter, DeltaOfExactlyFifteenIsShortForm) {
  ByteBuffer buf;
  CompactWriter w(buf);
  w.struct_begin();
  w.field_i64(15, 0);
  w.field_i64(31, 0);  // delta 16
  w.struct_end();
  EXPECT_EQ(bytes_of(buf), (Bytes8{0xF6, 0x00, 0x06, 0x3E, 0x00, 0x00}));
}

TEST(CompactWriter, ZigzagVarints) {
  ByteBuffer buf;
  CompactWriter w(buf);
  w.elem_i64(0);
  w.elem_i64(-64);  // zigzag 127
  w.elem_i64(64);   // zigzag 128
  w.elem_i64(-65);  // zigzag 129
  EXPECT_EQ(bytes_of(buf), (Bytes8{0x00, 0x7F, 0x80, 0x01, 0x81, 0x01}));

  ByteBuffer big;
  CompactWriter wb(big);
  wb.elem_i64(std::numeric_limits<int64_t>::min());  // zigzag 2^64 - 1
  EXPECT_EQ(bytes_of(big), (Bytes8{0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01}));
  ByteBuffer i32;
  CompactWriter wi(i32);
  wi.elem_i32(std::numeric_limits<int32_t>::max());  // zigzag 2^32 - 2
  EXPECT_EQ(bytes_of(i32), (Bytes8{0xFE, 0xFF, 0xFF, 0xFF, 0x0F}));
}

TEST(CompactWriter, ListHeaders) {
  ByteBuffer buf;
  CompactWriter w(buf);
  w.list_begin(CType::I32, 14);
  w.list_begin(CType::I32, 15);
  w.list_begin(CType::BINARY, 300);
  w.list_begin(CType::STRUCT, 0);
  EXPECT_EQ(bytes_of(buf), (Bytes8{0xE5, 0xF5, 0x0F, 0xF8, 0xAC, 0x02, 0x0C}));
}

TEST(CompactWriter, BoolsInFieldsAndLists) {
  ByteBuffer buf;
  CompactWriter w(buf);
  w.struct_begin();
  w.field_bool(1, true);
  w.field_bool(2, false);
  w.field_list_begin(3, kBoolElement, 3);
  w.elem_bool(true);
  w.elem_bool(false);
  w.elem_bool(true);
  w.struct_end();
  EXPECT_EQ(bytes_of(buf), (Bytes8{0x11, 0x12, 0x19, 0x31, 0x01, 0x02, 0x01, 0x00}));
}

TEST(CompactWriter, BinaryDoubleI8I16AndNestedStruct) {
  ByteBuffer buf;
  CompactWriter w(buf);
  w.struct_begin();
  w.field_binary(1, "abc");
  w.field_double(2, 1.0);
  w.field_struct_begin(3);
  w.field_i8(1, -1);
  w.field_i16(2, -2);
  w.struct_end();
  w.field_i32(4, 5);  // delta is relative to the outer struct's field 3
  w.struct_end();
  EXPECT_EQ(bytes_of(buf), (Bytes8{0x18, 3,    'a',  'b',  'c',                        //
                                   0x17, 0,    0,    0,    0,    0,    0, 0xF0, 0x3F,  //
                                   0x1C, 0x13, 0xFF, 0x14, 0x03, 0x00,                 //
                                   0x15, 0x0A, 0x00}));
}

TEST(CompactWriter, StructEndWithoutBeginThrows) {
  ByteBuffer buf;
  CompactWriter w(buf);
  EXPECT_THROW(w.struct_end(), Error);
}

TEST(CompactReader, ReadsWhatTheWriterWrote) {
  ByteBuffer buf;
  CompactWriter w(buf);
  w.struct_begin();
  w.field_i8(1, -128);
  w.field_i16(2, std::numeric_limits<int16_t>::min());
  w.field_i32(3, std::numeric_limits<int32_t>::min());
  w.field_i64(40, std::numeric_limits<int64_t>::max());
  w.field_bool(41, true);
  w.field_bool(42, false);
  w.field_double(43, -2.5);
  w.field_binary(44, std::string("x\0y", 3));
  w.field_struct_begin(-5);
  w.field_i32(1, 7);
  w.struct_end();
  w.field_list_begin(6, CType::I64, 20);
  for (int i = 0; i < 20; ++i) w.elem_i64(-i * 1000);
  w.field_list_begin(7, kBoolElement, 2);
  w.elem_bool(false);
  w.elem_bool(true);
  w.struct_end();

  CompactReader r(buf.span());
  r.struct_begin();
  FieldHeader h = r.field_begin();
  EXPECT_EQ(h.id, 1);
  EXPECT_EQ(h.type, CType::BYTE);
  EXPECT_EQ(r.read_i8(), -128);
  h = r.field_begin();
  EXPECT_EQ(h.id, 2);
  EXPECT_EQ(r.read_i16(), std::numeric_limits<int16_t>::min());
  h = r.field_begin();
  EXPECT_EQ(h.id, 3);
  EXPECT_EQ(r.read_i32(), std::numeric_limits<int32_t>::min());
  h = r.field_begin();
  EXPECT_EQ(h.id, 40);
  EXPECT_EQ(r.read_i64(), std::numeric_limits<int64_t>::max());
  h = r.field_begin();
  EXPECT_EQ(h.id, 41);
  EXPECT_TRUE(h.is_bool());
  EXPECT_TRUE(h.bool_value());
  h = r.field_begin();
  EXPECT_EQ(h.id, 42);
  EXPECT_TRUE(h.is_bool());
  EXPECT_FALSE(h.bool_value());
  h = r.field_begin();
  EXPECT_EQ(h.id, 43);
  EXPECT_EQ(r.read_double(), -2.5);
  h = r.field_begin();
  EXPECT_EQ(h.id, 44);
  EXPECT_EQ(r.read_binary(), std::string("x\0y", 3));
  h = r.field_begin();
  EXPECT_EQ(h.id, -5);
  EXPECT_EQ(h.type, CType::STRUCT);
  r.struct_begin();
  h = r.field_begin();
  EXPECT_EQ(h.id, 1);
  EXPECT_EQ(r.read_i32(), 7);
  EXPECT_TRUE(r.field_begin().is_stop());
  r.struct_end();
  h = r.field_begin();
  EXPECT_EQ(h.id, 6);  // delta from -5 is 11: short form
  ListHeader l = r.list_begin();
  EXPECT_EQ(l.elem_type, CType::I64);
  ASSERT_EQ(l.size, 20u);
  for (int i = 0; i < 20; ++i) EXPECT_EQ(r.read_i64(), -i * 1000);
  h = r.field_begin();
  EXPECT_EQ(h.id, 7);
  l = r.list_begin();
  EXPECT_EQ(l.elem_type, kBoolElement);
  ASSERT_EQ(l.size, 2u);
  EXPECT_FALSE(r.read_bool_elem());
  EXPECT_TRUE(r.read_bool_elem());
  EXPECT_TRUE(r.field_begin().is_stop());
  r.struct_end();
  EXPECT_EQ(r.remaining(), 0u);
}

TEST(CompactReader, SkipsEveryType) {
  ByteBuffer buf;
  CompactWriter w(buf);
  w.struct_begin();
  w.field_bool(1, true);
  w.field_i8(2, 1);
  w.field_i16(3, 300);
  w.field_i32(4, -70000);
  w.field_i64(5, 1LL << 40);
  w.field_double(6, 3.0);
  w.field_binary(7, "hello");
  w.field_list_begin(8, CType::STRUCT, 2);
  for (int i = 0; i < 2; ++i) {
    w.struct_begin();
    w.field_bool(1, false);
    w.field_list_begin(2, CType::BINARY, 1);
    w.elem_binary("z");
    w.struct_end();
  }
  w.field_header(9, CType::SET);
  w.list_begin(kBoolElement, 3);
  for (int i = 0; i < 3; ++i) w.elem_bool(i == 1);
  // map<i32, list<double>> with two entries
  w.field_header(10, CType::MAP);
  w.write_varint(2);
  buf.push_back(0x59);
  for (int i = 0; i < 2; ++i) {
    w.elem_i32(i);
    w.list_begin(CType::DOUBLE, 1);
    w.elem_double(0.5);
  }
  w.field_header(11, CType::MAP);
  w.write_varint(0);  // an empty map has no type byte
  w.field_i32(12, 99);
  w.struct_end();

  CompactReader r(buf.span());
  r.struct_begin();
  for (int id = 1; id <= 11; ++id) {
    FieldHeader h = r.field_begin();
    ASSERT_EQ(h.id, id);
    r.skip(h.type);
  }
  FieldHeader h = r.field_begin();
  ASSERT_EQ(h.id, 12);
  EXPECT_EQ(r.read_i32(), 99);
  EXPECT_TRUE(r.field_begin().is_stop());
  r.struct_end();
  EXPECT_EQ(r.remaining(), 0u);
}

void expect_error(const Bytes8& bytes, void (*read)(CompactReader&), const std::string& part) {
  CompactReader r(bytes);
  try {
    read(r);
    FAIL() << "expected an error containing '" << part << "'";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find(part), std::string::npos) << e.what();
  }
}

TEST(CompactReader, TruncationNamesTheOffset) {
  expect_error(
      {0x15},
      [](CompactReader& r) {
        r.struct_begin();
        r.field_begin();
        r.read_i32();
      },
      "thrift: truncated at offset 1");
  expect_error(
      {0x80, 0x80}, [](CompactReader& r) { r.read_i64(); }, "truncated at offset 2");
  expect_error(
      {0, 0, 0}, [](CompactReader& r) { r.read_double(); }, "truncated");
  expect_error(
      {}, [](CompactReader& r) { r.field_begin(); }, "truncated at offset 0");
  expect_error(
      {0x05}, [](CompactReader& r) { r.field_begin(); }, "truncated at offset 1");
}

TEST(CompactReader, VarintOverflow) {
  // Eleven continuation bytes.
  expect_error(
      Bytes8(11, 0x80), [](CompactReader& r) { r.read_i64(); }, "varint longer than 10 bytes");
  // Ten bytes whose last carries more than the 64th bit.
  Bytes8 over(9, 0xFF);
  over.push_back(0x02);
  expect_error(
      over, [](CompactReader& r) { r.read_i64(); }, "varint overflows 64 bits");
  // 2^32 does not fit an i32 (zigzag of 2^31).
  expect_error(
      {0x80, 0x80, 0x80, 0x80, 0x10}, [](CompactReader& r) { r.read_i32(); },
      "i32 value 2147483648 out of range");
  expect_error(
      {0x80, 0x80, 0x80, 0x80, 0x80, 0x01}, [](CompactReader& r) { r.read_i32(); },
      "varint longer than 5 bytes");
  expect_error(
      {0x80, 0x80, 0x04}, [](CompactReader& r) { r.read_i16(); }, "i16 value 32768 out of range");
}

TEST(CompactReader, RejectsInvalidTypesAndValues) {
  expect_error(
      {0x1D}, [](CompactReader& r) { r.field_begin(); }, "invalid field type 13");
  expect_error(
      {0x10}, [](CompactReader& r) { r.field_begin(); }, "invalid field type 0");
  expect_error(
      {0x1E}, [](CompactReader& r) { r.list_begin(); }, "invalid list element type 14");
  expect_error(
      {0x03}, [](CompactReader& r) { r.read_bool_elem(); }, "invalid bool value 3");
  expect_error(
      {0x01, 0xD5}, [](CompactReader& r) { r.skip(CType::MAP); }, "invalid map key/value");
  expect_error(
      {0x01}, [](CompactReader& r) { r.skip(CType::STOP); }, "cannot skip");
}

TEST(CompactReader, RejectsSizesBeyondTheInput) {
  expect_error(
      {0x05, 'a', 'b'}, [](CompactReader& r) { r.read_binary(); },
      "binary of 5 bytes, 2 remaining");
  // 15 i32 elements claimed, 3 bytes present.
  expect_error(
      {0xF5, 0x0F, 1, 2, 3}, [](CompactReader& r) { r.list_begin(); },
      "list of 15 elements exceeds the 3 remaining bytes");
  // Two doubles need 16 bytes.
  expect_error(
      {0x27, 0, 0, 0, 0, 0, 0, 0, 0}, [](CompactReader& r) { r.list_begin(); },
      "list of 2 elements exceeds the 8 remaining bytes");
  expect_error(
      {0xF5, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F}, [](CompactReader& r) { r.list_begin(); },
      "list of 4294967295 elements");
  expect_error(
      {0x80, 0x80, 0x01, 0x55, 0, 0}, [](CompactReader& r) { r.skip(CType::MAP); },
      "map of 16384 entries exceeds");
}

TEST(CompactReader, LimitsNesting) {
  // 100 nested structs, each the field 1 of its parent.
  Bytes8 deep(100, 0x1C);
  deep.insert(deep.end(), 101, 0x00);
  expect_error(
      deep, [](CompactReader& r) { r.skip(CType::STRUCT); }, "nesting deeper than 64 levels");
  // Lists of lists count too.
  Bytes8 lists(200, 0x19);
  expect_error(
      lists, [](CompactReader& r) { r.skip(CType::LIST); }, "nesting deeper than 64 levels");

  // Within the limit it works.
  Bytes8 ok(10, 0x1C);
  ok.insert(ok.end(), 11, 0x00);
  CompactReader r(ok);
  r.skip(CType::STRUCT);
  EXPECT_EQ(r.remaining(), 0u);
}

TEST(CompactReader, LongFormFieldIdAndNegativeIds) {
  ByteBuffer buf;
  CompactWriter w(buf);
  w.struct_begin();
  w.field_i32(1000, 1);
  w.field_i32(-3, 2);
  w.struct_end();
  CompactReader r(buf.span());
  r.struct_begin();
  EXPECT_EQ(r.field_begin().id, 1000);
  EXPECT_EQ(r.read_i32(), 1);
  EXPECT_EQ(r.field_begin().id, -3);
  EXPECT_EQ(r.read_i32(), 2);
  EXPECT_TRUE(r.field_begin().is_stop());
}

TEST(CompactReader, OldWritersFalseAsZeroInBoolLists) {
  Bytes8 bytes{0x00, 0x01, 0x02};
  CompactReader r(bytes);
  EXPECT_FALSE(r.read_bool_elem());
  EXPECT_TRUE(r.read_bool_elem());
  EXPECT_FALSE(r.read_bool_elem());
}

}  // namespace
}  // namespace spillway

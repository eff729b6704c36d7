#include "arrow/ipc_schema.h"

#include <gtest/gtest.h>

#include <cstring>

#include "arrow/base64.h"
#include "spillway/error.h"
#include "support/arrow_builder.h"

namespace spillway {
namespace {

using test::ArrowColumn;

ArrowField import_columns(const test::NamedColumns& columns,
                          const ArrowMetadata& schema_metadata = {}) {
  ArrowColumn root = test::struct_column(columns).named("").with_flags(0);
  if (!schema_metadata.empty()) root = root.with_metadata(schema_metadata);
  test::OwnedArray batch = test::to_c(root);
  return import_schema(&batch.schema);
}

// Field equality, except the dictionary value field's own name, nullability
// and metadata (IPC has no place for them).
void expect_same(const ArrowField& a, const ArrowField& b, const std::string& path) {
  SCOPED_TRACE(path);
  EXPECT_EQ(a.name, b.name);
  EXPECT_EQ(a.nullable, b.nullable);
  EXPECT_EQ(a.id, b.id);
  EXPECT_EQ(a.format, b.format);
  EXPECT_EQ(describe(a), describe(b));
  EXPECT_EQ(a.byte_width, b.byte_width);
  EXPECT_EQ(a.precision, b.precision);
  EXPECT_EQ(a.scale, b.scale);
  EXPECT_EQ(a.decimal_bit_width, b.decimal_bit_width);
  EXPECT_EQ(a.unit, b.unit);
  EXPECT_EQ(a.timezone, b.timezone);
  EXPECT_EQ(a.has_timezone, b.has_timezone);
  EXPECT_EQ(a.union_type_ids, b.union_type_ids);
  EXPECT_EQ(a.metadata, b.metadata);
  EXPECT_EQ(a.dictionary_ordered, b.dictionary_ordered);
  EXPECT_EQ(a.map_keys_sorted, b.map_keys_sorted);
  ASSERT_EQ(a.children.size(), b.children.size());
  for (size_t i = 0; i < a.children.size(); ++i) {
    expect_same(a.children[i], b.children[i], path + "." + a.children[i].name);
  }
  ASSERT_EQ(a.is_dictionary(), b.is_dictionary());
  if (a.is_dictionary()) {
    ArrowField da = *a.dictionary, db = *b.dictionary;
    da.name = db.name = "";
    da.nullable = db.nullable = true;
    da.metadata = db.metadata = {};
    expect_same(da, db, path + " (dictionary)");
  }
}

void expect_round_trip(const ArrowField& root) {
  std::string value = arrow_schema_metadata_value(root);
  ArrowField back = parse_arrow_schema_metadata(value);
  EXPECT_EQ(back.id, ArrowTypeId::STRUCT);
  EXPECT_EQ(back.format, "+s");
  EXPECT_FALSE(back.nullable);
  expect_same(root, back, "root");
}

// One non-nullable int32 column named "a". The expected bytes were derived by
// hand by replaying FlatBufferBuilder's algorithm (it writes back to front;
// each table is written as its fields in the order added, a 4-byte soffset to
// its vtable, then the vtable; a vtable is [vtable size, table size, one
// offset per field slot]; scalars equal to their default are omitted) over the
// order ipc_schema_writer.cc builds objects in: the name string, the Int
// table, the empty children vector, the Field table, the fields vector, the
// Schema table, the Message table, then the root offset. The layout was then
// checked by decoding the bytes with `flatc --json --raw-binary` against a
// schema file listing the Message/Schema/Field/Int fields in Schema.fbs and
// Message.fbs order. Addresses below are from the start of the flatbuffer.
const unsigned char kTinySchemaMessage[] = {
    0xff, 0xff, 0xff, 0xff,  // continuation marker
    0x78, 0x00, 0x00, 0x00,  // metadata length 120 (a multiple of 8)
    0x10, 0x00, 0x00, 0x00,  // @0   root uoffset: Message table at 16
    0x00, 0x00,              // @4   padding (the root is 4-aligned)
    0x0a, 0x00, 0x0c, 0x00,  // @6   Message vtable: 10 bytes, table 12 bytes,
    0x0a, 0x00, 0x09, 0x00,  //      version at +10, header_type at +9,
    0x04, 0x00,              //      header at +4 (bodyLength 0: omitted)
    0x0a, 0x00, 0x00, 0x00,  // @16  Message table: soffset 10 -> vtable at 6
    0x10, 0x00, 0x00, 0x00,  // @20  header uoffset -> Schema table at 36
    0x00,                    // @24  padding
    0x01,                    // @25  header_type = Schema (1)
    0x04, 0x00,              // @26  version = V5 (4)
    0x08, 0x00, 0x08, 0x00,  // @28  Schema vtable: 8 bytes, table 8 bytes,
    0x00, 0x00, 0x04, 0x00,  //      endianness omitted (Little), fields at +4
    0x08, 0x00, 0x00, 0x00,  // @36  Schema table: soffset 8 -> vtable at 28
    0x04, 0x00, 0x00, 0x00,  // @40  fields uoffset -> vector at 44
    0x01, 0x00, 0x00, 0x00,  // @44  fields vector: 1 element
    0x14, 0x00, 0x00, 0x00,  // @48  element uoffset -> Field table at 68
    0x10, 0x00, 0x14, 0x00,  // @52  Field vtable: 16 bytes, table 20 bytes,
    0x10, 0x00, 0x00, 0x00,  //      name at +16, nullable omitted (false),
    0x0f, 0x00, 0x08, 0x00,  //      type_type at +15, type at +8,
    0x00, 0x00, 0x04, 0x00,  //      dictionary omitted, children at +4
    0x10, 0x00, 0x00, 0x00,  // @68  Field table: soffset 16 -> vtable at 52
    0x10, 0x00, 0x00, 0x00,  // @72  children uoffset -> vector at 88
    0x18, 0x00, 0x00, 0x00,  // @76  type uoffset -> Int table at 100
    0x00, 0x00, 0x00,        // @80  padding
    0x02,                    // @83  type_type = Int (2)
    0x1c, 0x00, 0x00, 0x00,  // @84  name uoffset -> string at 112
    0x00, 0x00, 0x00, 0x00,  // @88  children vector: 0 elements
    0x08, 0x00, 0x0c, 0x00,  // @92  Int vtable: 8 bytes, table 12 bytes,
    0x08, 0x00, 0x07, 0x00,  //      bitWidth at +8, is_signed at +7
    0x08, 0x00, 0x00, 0x00,  // @100 Int table: soffset 8 -> vtable at 92
    0x00, 0x00, 0x00,        // @104 padding
    0x01,                    // @107 is_signed = true
    0x20, 0x00, 0x00, 0x00,  // @108 bitWidth = 32
    0x01, 0x00, 0x00, 0x00,  // @112 string length 1
    0x61, 0x00,              // @116 "a", NUL terminator
    0x00, 0x00,              // @118 padding to 120
};
// base64 of the 128 bytes above (computed independently with Python's base64).
constexpr char kTinySchemaBase64[] =
    "/////3gAAAAQAAAAAAAKAAwACgAJAAQACgAAABAAAAAAAQQACAAIAAAABAAIAAAABAAAAAEAAAAUAAAAEAAUABAAAAAPAA"
    "gAAAAEABAAAAAQAAAAGAAAAAAAAAIcAAAAAAAAAAgADAAIAAcACAAAAAAAAAEgAAAAAQAAAGEAAAA=";

TEST(IpcSchemaTest, TinySchemaMatchesTheHandDerivedBytes) {
  ArrowField root = import_columns({{"a", test::int32_column({}).not_null()}});
  std::string message = serialize_schema_message(root);
  EXPECT_EQ(message, std::string(reinterpret_cast<const char*>(kTinySchemaMessage),
                                 sizeof(kTinySchemaMessage)));
  EXPECT_EQ(arrow_schema_metadata_value(root), kTinySchemaBase64);
  ArrowField back = parse_arrow_schema_metadata(kTinySchemaBase64);
  ASSERT_EQ(back.children.size(), 1u);
  EXPECT_EQ(back.children[0].name, "a");
  EXPECT_EQ(back.children[0].id, ArrowTypeId::INT32);
  EXPECT_FALSE(back.children[0].nullable);
}

TEST(IpcSchemaTest, MessageIsPaddedToEightBytes) {
  for (const char* name : {"", "b", "bb", "bbb", "bbbb", "bbbbb", "bbbbbb", "bbbbbbb"}) {
    std::string m = serialize_schema_message(import_columns({{name, test::int8_column({})}}));
    EXPECT_EQ(m.size() % 8, 0u);
    int32_t length;
    std::memcpy(&length, m.data() + 4, 4);
    EXPECT_EQ(static_cast<size_t>(length), m.size() - 8);
  }
}

TEST(IpcSchemaTest, RoundTripsEveryFlatType) {
  using U = ArrowTimeUnit;
  test::NamedColumns columns = {
      {"null", test::null_column(0)},
      {"bool", test::bool_column({}).not_null()},
      {"i8", test::int8_column({})},
      {"u8", test::uint8_column({})},
      {"i16", test::int16_column({})},
      {"u16", test::uint16_column({})},
      {"i32", test::int32_column({})},
      {"u32", test::uint32_column({})},
      {"i64", test::int64_column({})},
      {"u64", test::uint64_column({}).not_null()},
      {"f16", test::float16_column({})},
      {"f32", test::float32_column({})},
      {"f64", test::float64_column({})},
      {"utf8", test::string_column({})},
      {"large_utf8", test::large_string_column({})},
      {"utf8_view", test::string_view_column({})},
      {"binary", test::binary_column({})},
      {"large_binary", test::large_binary_column({})},
      {"binary_view", test::binary_view_column({})},
      {"fsb", test::fixed_size_binary_column(7, {})},
      {"d32", test::decimal_column(32, 9, 3, {})},
      {"d64", test::decimal_column(64, 18, -2, {})},
      {"d128", test::decimal_column(128, 38, 10, {})},
      {"d256", test::decimal_column(256, 76, 0, {})},
      {"date32", test::date32_column({})},
      {"date64", test::date64_column({})},
      {"t32s", test::time32_column(U::SECOND, {})},
      {"t32ms", test::time32_column(U::MILLI, {})},
      {"t64us", test::time64_column(U::MICRO, {})},
      {"t64ns", test::time64_column(U::NANO, {})},
      {"ts_s", test::timestamp_column(U::SECOND, std::nullopt, {})},
      {"ts_ms", test::timestamp_column(U::MILLI, "UTC", {})},
      {"ts_us", test::timestamp_column(U::MICRO, "America/New_York", {})},
      {"ts_ns", test::timestamp_column(U::NANO, "+07:30", {})},
      {"dur_s", test::duration_column(U::SECOND, {})},
      {"dur_ms", test::duration_column(U::MILLI, {})},
      {"dur_us", test::duration_column(U::MICRO, {})},
      {"dur_ns", test::duration_column(U::NANO, {})},
      {"ym", test::interval_months_column({})},
      {"dt", test::interval_day_time_column({})},
      {"mdn", test::interval_month_day_nano_column({})},
      {"with metadata",
       test::int32_column({}).with_metadata({{"k", "v"}, {"PARQUET:field_id", "3"}})},
      {"", test::int32_column({})},
      {"unicode \xc3\xa9\xe2\x82\xac", test::int32_column({})},
  };
  ArrowField root = import_columns(columns, {{"schema-level", "yes"}, {"empty", ""}});
  ASSERT_EQ(root.children.size(), columns.size());
  expect_round_trip(root);
}

TEST(IpcSchemaTest, RoundTripsDictionaries) {
  test::NamedColumns columns = {
      {"d8", test::dictionary_column(test::int8_column({}), test::string_column({}))},
      {"du8", test::dictionary_column(test::uint8_column({}), test::float64_column({}), true)},
      {"d16", test::dictionary_column(test::int16_column({}), test::large_binary_column({}))},
      {"du64", test::dictionary_column(test::uint64_column({}).not_null(),
                                       test::decimal_column(128, 20, 2, {}))},
      {"d32", test::dictionary_column(test::int32_column({}),
                                      test::timestamp_column(ArrowTimeUnit::MILLI, "UTC", {}))},
  };
  expect_round_trip(import_columns(columns));
}

TEST(IpcSchemaTest, RoundTripsNestedTypes) {
  ArrowColumn item = test::int32_column({}).named("item");
  ArrowColumn entries = test::struct_column({{"key", test::string_column({}).not_null()},
                                             {"value", test::float64_column({})}})
                            .not_null();
  ArrowColumn map;
  map.format = "+m";
  map.flags = ARROW_FLAG_NULLABLE | ARROW_FLAG_MAP_KEYS_SORTED;
  map.children = {entries.named("entries")};
  ArrowColumn list_view;
  list_view.format = "+vl";
  list_view.children = {item};
  ArrowColumn large_list_view = list_view;
  large_list_view.format = "+vL";
  ArrowColumn sparse;
  sparse.format = "+us:4,5";
  sparse.children = {test::int32_column({}).named("ints"), test::float32_column({}).named("f")};
  ArrowColumn dense = sparse;
  dense.format = "+ud:0,1";
  ArrowColumn ree;
  ree.format = "+r";
  ree.children = {test::int32_column({}).named("run_ends").not_null(),
                  test::string_column({}).named("values")};
  test::NamedColumns columns = {
      {"list", test::list_column({0}, item)},
      {"large_list", test::large_list_column({0}, test::string_column({}).not_null())},
      {"fsl", test::fixed_size_list_column(3, test::int8_column({}))},
      {"struct", test::struct_column({{"a", test::int32_column({})},
                                      {"b", test::list_column({0}, test::bool_column({}))}})},
      {"map", map},
      {"list_view", list_view},
      {"large_list_view", large_list_view},
      {"sparse", sparse},
      {"dense", dense},
      {"ree", ree},
      {"dict_in_list", test::list_column({0}, test::dictionary_column(test::int16_column({}),
                                                                      test::string_column({})))},
  };
  expect_round_trip(import_columns(columns));
}

TEST(IpcSchemaTest, EmptySchema) {
  expect_round_trip(import_columns({}));
}

TEST(IpcSchemaTest, AcceptsMessagesWithoutContinuationMarker) {
  ArrowField root = import_columns({{"x", test::string_column({})}});
  std::string m = serialize_schema_message(root);
  std::string legacy = m.substr(4);  // pre-1.0: int32 length, then the flatbuffer
  ArrowField back = parse_schema_message(legacy);
  ASSERT_EQ(back.children.size(), 1u);
  EXPECT_EQ(back.children[0].id, ArrowTypeId::STRING);
}

TEST(IpcSchemaTest, RejectsCorruptMessagesWithoutCrashing) {
  ArrowField root = import_columns(
      {{"a", test::int32_column({})},
       {"b", test::dictionary_column(test::int8_column({}), test::string_column({}))},
       {"c", test::timestamp_column(ArrowTimeUnit::MICRO, "UTC", {})}},
      {{"k", "v"}});
  std::string m = serialize_schema_message(root);
  EXPECT_THROW(parse_schema_message(""), Error);
  EXPECT_THROW(parse_schema_message(m.substr(0, 7)), Error);
  EXPECT_THROW(parse_schema_message(m.substr(0, m.size() - 16)), Error);
  // Every single-byte corruption either still parses or throws Error.
  int rejected = 0;
  for (size_t i = 0; i < m.size(); ++i) {
    for (uint8_t x : {0x01, 0x80, 0xff}) {
      std::string bad = m;
      bad[i] = static_cast<char>(bad[i] ^ x);
      try {
        parse_schema_message(bad);
      } catch (const Error&) {
        ++rejected;
      }
    }
  }
  EXPECT_GT(rejected, 0);
}

TEST(IpcSchemaTest, RejectsNonSchemaMessages) {
  std::string m = serialize_schema_message(import_columns({{"a", test::int32_column({})}}));
  // The tiny layout puts header_type at flatbuffer byte 25 for one field "a".
  std::string tiny(reinterpret_cast<const char*>(kTinySchemaMessage), sizeof(kTinySchemaMessage));
  tiny[8 + 25] = 3;  // RecordBatch
  try {
    parse_schema_message(tiny);
    ADD_FAILURE();
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(), "invalid ARROW:schema metadata: the message is not a Schema message");
  }
  std::string unknown_type = tiny;
  unknown_type[8 + 25] = 1;
  unknown_type[8 + 83] = 99;  // Field.type_type
  try {
    parse_schema_message(unknown_type);
    ADD_FAILURE();
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(), "invalid ARROW:schema metadata: field 'a' has unknown type tag 99");
  }
}

TEST(IpcSchemaTest, RequiresAStructRoot) {
  test::OwnedArray column = test::to_c(test::int32_column({}));
  EXPECT_THROW(serialize_schema_message(import_schema(&column.schema)), Error);
}

TEST(Base64Test, Rfc4648Vectors) {
  const std::pair<const char*, const char*> cases[] = {
      {"", ""},
      {"f", "Zg=="},
      {"fo", "Zm8="},
      {"foo", "Zm9v"},
      {"foob", "Zm9vYg=="},
      {"fooba", "Zm9vYmE="},
      {"foobar", "Zm9vYmFy"},
  };
  for (auto [plain, encoded] : cases) {
    EXPECT_EQ(base64_encode(plain), encoded);
    EXPECT_EQ(base64_decode(encoded), plain);
  }
  std::string all;
  for (int i = 0; i < 256; ++i) all += static_cast<char>(i);
  EXPECT_EQ(base64_decode(base64_encode(all)), all);
  EXPECT_EQ(base64_encode("\xfb\xff"), "+/8=");
}

TEST(Base64Test, RejectsMalformedText) {
  EXPECT_THROW(base64_decode("Zg="), Error);       // length
  EXPECT_THROW(base64_decode("Z*=="), Error);      // alphabet
  EXPECT_THROW(base64_decode("Zg==Zg=="), Error);  // padding before the end
  EXPECT_THROW(base64_decode("Z=g="), Error);      // data after padding
  EXPECT_THROW(base64_decode("===="), Error);
  try {
    base64_decode("Zm9v-m9v");
    ADD_FAILURE();
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(), "invalid base64 character at offset 4");
  }
}

}  // namespace
}  // namespace spillway

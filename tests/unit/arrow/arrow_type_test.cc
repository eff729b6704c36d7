#include "arrow/arrow_type.h"

#include <gtest/gtest.h>

#include <cstring>

#include "spillway/error.h"
#include "support/arrow_builder.h"

namespace spillway {
namespace {

using test::ArrowColumn;

ArrowColumn schema_only(std::string format, std::vector<ArrowColumn> children = {}) {
  ArrowColumn c;
  c.format = std::move(format);
  c.name = "col";
  c.children = std::move(children);
  return c;
}

ArrowField import_root(const ArrowColumn& root) {
  ArrowSchema schema;
  test::export_schema(root, &schema);
  try {
    ArrowField f = import_schema(&schema);
    schema.release(&schema);
    return f;
  } catch (...) {
    schema.release(&schema);
    throw;
  }
}

// Imports `column` as the only column of a record batch schema.
ArrowField parse(const ArrowColumn& column) {
  ArrowField root = import_root(test::struct_column({{column.name, column}}).named(""));
  EXPECT_EQ(root.id, ArrowTypeId::STRUCT);
  return root.children.at(0);
}

ArrowField parse(std::string format) {
  return parse(schema_only(std::move(format)));
}

std::string error_of(const ArrowColumn& column) {
  try {
    parse(column);
  } catch (const Error& e) {
    return e.what();
  }
  return "(no error)";
}

struct Simple {
  const char* format;
  ArrowTypeId id;
  const char* describe;
};

TEST(ArrowTypeTest, ParsesEveryLeafFormat) {
  const Simple cases[] = {
      {"n", ArrowTypeId::NA, "null"},
      {"b", ArrowTypeId::BOOL, "bool"},
      {"c", ArrowTypeId::INT8, "int8"},
      {"C", ArrowTypeId::UINT8, "uint8"},
      {"s", ArrowTypeId::INT16, "int16"},
      {"S", ArrowTypeId::UINT16, "uint16"},
      {"i", ArrowTypeId::INT32, "int32"},
      {"I", ArrowTypeId::UINT32, "uint32"},
      {"l", ArrowTypeId::INT64, "int64"},
      {"L", ArrowTypeId::UINT64, "uint64"},
      {"e", ArrowTypeId::HALF_FLOAT, "float16"},
      {"f", ArrowTypeId::FLOAT, "float32"},
      {"g", ArrowTypeId::DOUBLE, "float64"},
      {"z", ArrowTypeId::BINARY, "binary"},
      {"Z", ArrowTypeId::LARGE_BINARY, "large_binary"},
      {"vz", ArrowTypeId::BINARY_VIEW, "binary_view"},
      {"u", ArrowTypeId::STRING, "string"},
      {"U", ArrowTypeId::LARGE_STRING, "large_string"},
      {"vu", ArrowTypeId::STRING_VIEW, "string_view"},
      {"w:42", ArrowTypeId::FIXED_SIZE_BINARY, "fixed_size_binary[42]"},
      {"d:19,10", ArrowTypeId::DECIMAL128, "decimal128(19, 10)"},
      {"d:9,2,32", ArrowTypeId::DECIMAL32, "decimal32(9, 2)"},
      {"d:18,-3,64", ArrowTypeId::DECIMAL64, "decimal64(18, -3)"},
      {"d:38,38,128", ArrowTypeId::DECIMAL128, "decimal128(38, 38)"},
      {"d:76,5,256", ArrowTypeId::DECIMAL256, "decimal256(76, 5)"},
      {"tdD", ArrowTypeId::DATE32, "date32[day]"},
      {"tdm", ArrowTypeId::DATE64, "date64[ms]"},
      {"tts", ArrowTypeId::TIME32, "time32[s]"},
      {"ttm", ArrowTypeId::TIME32, "time32[ms]"},
      {"ttu", ArrowTypeId::TIME64, "time64[us]"},
      {"ttn", ArrowTypeId::TIME64, "time64[ns]"},
      {"tss:", ArrowTypeId::TIMESTAMP, "timestamp[s]"},
      {"tsm:Europe/Paris", ArrowTypeId::TIMESTAMP, "timestamp[ms, tz=Europe/Paris]"},
      {"tsu:UTC", ArrowTypeId::TIMESTAMP, "timestamp[us, tz=UTC]"},
      {"tsn:+07:30", ArrowTypeId::TIMESTAMP, "timestamp[ns, tz=+07:30]"},
      {"tDs", ArrowTypeId::DURATION, "duration[s]"},
      {"tDm", ArrowTypeId::DURATION, "duration[ms]"},
      {"tDu", ArrowTypeId::DURATION, "duration[us]"},
      {"tDn", ArrowTypeId::DURATION, "duration[ns]"},
      {"tiM", ArrowTypeId::INTERVAL_MONTHS, "month_interval"},
      {"tiD", ArrowTypeId::INTERVAL_DAY_TIME, "day_time_interval"},
      {"tin", ArrowTypeId::INTERVAL_MONTH_DAY_NANO, "month_day_nano_interval"},
  };
  for (const Simple& c : cases) {
    SCOPED_TRACE(c.format);
    ArrowField f = parse(c.format);
    EXPECT_EQ(f.id, c.id);
    EXPECT_EQ(describe(f), c.describe);
    EXPECT_EQ(f.format, c.format);
    EXPECT_EQ(f.name, "col");
    EXPECT_TRUE(f.nullable);
    EXPECT_TRUE(f.children.empty());
  }
}

TEST(ArrowTypeTest, ParametersOfParameterizedTypes) {
  ArrowField d = parse("d:19,10");
  EXPECT_EQ(d.precision, 19);
  EXPECT_EQ(d.scale, 10);
  EXPECT_EQ(d.decimal_bit_width, 128);
  EXPECT_EQ(fixed_width_bytes(d), 16);
  ArrowField d256 = parse("d:40,2,256");
  EXPECT_EQ(d256.decimal_bit_width, 256);
  EXPECT_EQ(fixed_width_bytes(d256), 32);
  EXPECT_EQ(parse("w:0").byte_width, 0);
  EXPECT_EQ(fixed_width_bytes(parse("w:7")), 7);

  ArrowField ts = parse("tsu:UTC");
  EXPECT_EQ(ts.unit, ArrowTimeUnit::MICRO);
  EXPECT_EQ(ts.timezone, "UTC");
  EXPECT_TRUE(ts.has_timezone);
  ArrowField naive = parse("tsn:");
  EXPECT_EQ(naive.unit, ArrowTimeUnit::NANO);
  EXPECT_EQ(naive.timezone, "");
  EXPECT_FALSE(naive.has_timezone);
  // The colon is required by the spec; a bare "tsu" is read as naive.
  EXPECT_FALSE(parse("tsu").has_timezone);

  EXPECT_EQ(parse("tts").unit, ArrowTimeUnit::SECOND);
  EXPECT_EQ(parse("ttm").unit, ArrowTimeUnit::MILLI);
  EXPECT_EQ(parse("tDu").unit, ArrowTimeUnit::MICRO);
}

TEST(ArrowTypeTest, ParsesNestedFormats) {
  ArrowColumn item = schema_only("i").named("item");
  ArrowField list = parse(schema_only("+l", {item}));
  EXPECT_EQ(list.id, ArrowTypeId::LIST);
  ASSERT_EQ(list.children.size(), 1u);
  EXPECT_EQ(list.children[0].id, ArrowTypeId::INT32);
  EXPECT_EQ(describe(list), "list<item: int32>");
  EXPECT_EQ(parse(schema_only("+L", {item})).id, ArrowTypeId::LARGE_LIST);
  EXPECT_EQ(parse(schema_only("+vl", {item})).id, ArrowTypeId::LIST_VIEW);
  EXPECT_EQ(parse(schema_only("+vL", {item})).id, ArrowTypeId::LARGE_LIST_VIEW);
  ArrowField fsl = parse(schema_only("+w:3", {item}));
  EXPECT_EQ(fsl.id, ArrowTypeId::FIXED_SIZE_LIST);
  EXPECT_EQ(fsl.byte_width, 3);
  EXPECT_EQ(describe(fsl), "fixed_size_list<item: int32>[3]");

  ArrowField st =
      parse(schema_only("+s", {schema_only("i").named("ints"), schema_only("u").named("strs")}));
  EXPECT_EQ(describe(st), "struct<ints: int32, strs: string>");
  EXPECT_EQ(parse(schema_only("+s")).children.size(), 0u);

  ArrowColumn entries =
      schema_only("+s", {schema_only("u").named("key").not_null(), schema_only("g").named("value")})
          .named("entries")
          .not_null();
  ArrowField map = parse(schema_only("+m", {entries}).with_flags(ARROW_FLAG_MAP_KEYS_SORTED));
  EXPECT_EQ(map.id, ArrowTypeId::MAP);
  EXPECT_TRUE(map.map_keys_sorted);
  EXPECT_FALSE(map.nullable);
  EXPECT_EQ(describe(map), "map<string, float64, keys_sorted>");

  ArrowField sparse = parse(
      schema_only("+us:4,5", {schema_only("i").named("ints"), schema_only("f").named("floats")}));
  EXPECT_EQ(sparse.id, ArrowTypeId::SPARSE_UNION);
  EXPECT_EQ(sparse.union_type_ids, (std::vector<int8_t>{4, 5}));
  EXPECT_EQ(describe(sparse), "sparse_union<ints: int32=4, floats: float32=5>");
  ArrowField dense = parse(schema_only("+ud:0", {schema_only("i").named("x")}));
  EXPECT_EQ(dense.id, ArrowTypeId::DENSE_UNION);
  EXPECT_EQ(parse(schema_only("+ud:")).union_type_ids.size(), 0u);

  ArrowField ree = parse(schema_only(
      "+r", {schema_only("i").named("run_ends").not_null(), schema_only("f").named("values")}));
  EXPECT_EQ(ree.id, ArrowTypeId::RUN_END_ENCODED);
  EXPECT_EQ(describe(ree), "run_end_encoded<run_ends: int32, values: float32>");
}

TEST(ArrowTypeTest, DictionaryEncodedField) {
  ArrowColumn dict = test::dictionary_column(test::int16_column({0}), test::string_column({"x"}),
                                             /*ordered=*/true)
                         .named("d");
  ArrowField f = parse(dict);
  EXPECT_EQ(f.id, ArrowTypeId::INT16);
  ASSERT_TRUE(f.is_dictionary());
  EXPECT_EQ(f.dictionary->id, ArrowTypeId::STRING);
  EXPECT_EQ(f.value_field().id, ArrowTypeId::STRING);
  EXPECT_TRUE(f.dictionary_ordered);
  EXPECT_EQ(describe(f), "dictionary<values=string, indices=int16, ordered>");

  ArrowColumn bad_index =
      test::dictionary_column(test::float32_column({0}), test::string_column({"x"}));
  EXPECT_EQ(error_of(bad_index.named("d")),
            "invalid Arrow schema at field 'd': dictionary index type must be an integer, got "
            "format 'f'");
}

TEST(ArrowTypeTest, FlagsAndMetadata) {
  ArrowField f = parse(schema_only("i").not_null().with_metadata({{"k", "v"}, {"", "empty"}}));
  EXPECT_FALSE(f.nullable);
  ASSERT_EQ(f.metadata.size(), 2u);
  EXPECT_EQ(f.metadata[0], (std::pair<std::string, std::string>{"k", "v"}));
  EXPECT_EQ(f.metadata[1], (std::pair<std::string, std::string>{"", "empty"}));
  ASSERT_NE(f.find_metadata("k"), nullptr);
  EXPECT_EQ(*f.find_metadata("k"), "v");
  EXPECT_EQ(f.find_metadata("missing"), nullptr);
}

TEST(ArrowTypeTest, RejectsUnknownAndMalformedFormatsNamingTheField) {
  const std::pair<const char*, const char*> cases[] = {
      {"", "unknown format string ''"},
      {"q", "unknown format string 'q'"},
      {"ii", "unknown format string 'ii'"},
      {"v", "unknown format string 'v'"},
      {"vx", "unknown format string 'vx'"},
      {"tdx", "unknown format string 'tdx'"},
      {"ttx", "unknown format string 'ttx'"},
      {"tsx:UTC", "unknown format string 'tsx:UTC'"},
      {"tsuUTC", "unknown format string 'tsuUTC'"},
      {"tDx", "unknown format string 'tDx'"},
      {"tix", "unknown format string 'tix'"},
      {"+x", "unknown format string '+x'"},
      {"+u:1", "unknown format string '+u:1'"},
      {"w:", "malformed width in format string 'w:'"},
      {"w:-1", "malformed width in format string 'w:-1'"},
      {"w:12x", "malformed width in format string 'w:12x'"},
      {"+w:x", "malformed width in format string '+w:x'"},
      {"d:10", "malformed decimal format string 'd:10' (expected d:precision,scale[,bitwidth])"},
      {"d:10,2,128,1",
       "malformed decimal format string 'd:10,2,128,1' (expected d:precision,scale[,bitwidth])"},
      {"d:a,2", "malformed decimal format string 'd:a,2' (expected d:precision,scale[,bitwidth])"},
      {"d:10,2,100",
       "decimal bit width 100 in format string 'd:10,2,100' is not one of 32, 64, "
       "128, 256"},
      {"d:10,2,32",
       "decimal precision 10 in format string 'd:10,2,32' is outside 1..9 for "
       "32-bit decimals"},
      {"d:19,2,64",
       "decimal precision 19 in format string 'd:19,2,64' is outside 1..18 for "
       "64-bit decimals"},
      {"d:39,2",
       "decimal precision 39 in format string 'd:39,2' is outside 1..38 for 128-bit "
       "decimals"},
      {"d:77,2,256",
       "decimal precision 77 in format string 'd:77,2,256' is outside 1..76 for "
       "256-bit decimals"},
      {"d:0,0",
       "decimal precision 0 in format string 'd:0,0' is outside 1..38 for 128-bit "
       "decimals"},
  };
  for (auto [format, message] : cases) {
    SCOPED_TRACE(format);
    EXPECT_EQ(error_of(schema_only(format)),
              std::string("invalid Arrow schema at field 'col': ") + message);
  }
}

TEST(ArrowTypeTest, RejectsBadUnionTypeIds) {
  auto two = std::vector<ArrowColumn>{schema_only("i").named("a"), schema_only("i").named("b")};
  EXPECT_EQ(error_of(schema_only("+us:1,1", two)),
            "invalid Arrow schema at field 'col': duplicate union type id 1 in format string "
            "'+us:1,1'");
  EXPECT_EQ(error_of(schema_only("+ud:1,128", two)),
            "invalid Arrow schema at field 'col': malformed union type id '128' in format string "
            "'+ud:1,128' (expected integers 0..127)");
  EXPECT_EQ(error_of(schema_only("+ud:1,", two)),
            "invalid Arrow schema at field 'col': malformed union type id '' in format string "
            "'+ud:1,' (expected integers 0..127)");
}

TEST(ArrowTypeTest, RejectsWrongChildCounts) {
  ArrowColumn item = schema_only("i").named("item");
  EXPECT_EQ(error_of(schema_only("i", {item})),
            "invalid Arrow schema at field 'col': type i needs 0 child schema(s), got 1");
  EXPECT_EQ(error_of(schema_only("+l")),
            "invalid Arrow schema at field 'col': type +l needs 1 child schema(s), got 0");
  EXPECT_EQ(error_of(schema_only("+w:2", {item, item})),
            "invalid Arrow schema at field 'col': type +w:2 needs 1 child schema(s), got 2");
  EXPECT_EQ(error_of(schema_only("+us:1,2", {item})),
            "invalid Arrow schema at field 'col': type +us:1,2 needs 2 child schema(s), got 1");
  EXPECT_EQ(error_of(schema_only("+r", {item})),
            "invalid Arrow schema at field 'col': type +r needs 2 child schema(s), got 1");
  EXPECT_EQ(error_of(schema_only("+m", {item})),
            "invalid Arrow schema at field 'col': a map's child must be a struct of (key, value), "
            "got int32");
  EXPECT_EQ(error_of(schema_only("+r", {schema_only("f").named("run_ends"), item})),
            "invalid Arrow schema at field 'col': run ends must be int16, int32 or int64, got "
            "float32");
}

TEST(ArrowTypeTest, ErrorsNameTheNestedFieldPath) {
  ArrowColumn inner =
      schema_only("+s", {schema_only("i").named("ok"), schema_only("?").named("bad")})
          .named("inner");
  EXPECT_EQ(error_of(inner),
            "invalid Arrow schema at field 'inner.bad': unknown format string '?'");
  // Unnamed children are named by index.
  ArrowColumn unnamed = schema_only("+s", {schema_only("x").named("")});
  EXPECT_EQ(error_of(unnamed),
            "invalid Arrow schema at field 'col.[0]': unknown format string 'x'");
  // The root itself.
  try {
    import_root(schema_only("%").named(""));
    ADD_FAILURE();
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(), "invalid Arrow schema at the schema root: unknown format string '%'");
  }
  ArrowColumn dict = test::dictionary_column(test::int32_column({}), schema_only("zz")).named("d");
  EXPECT_EQ(error_of(dict),
            "invalid Arrow schema at field 'd (dictionary)': unknown format "
            "string 'zz'");
}

TEST(ArrowTypeTest, RejectsReleasedNullAndInconsistentStructs) {
  EXPECT_THROW(import_schema(nullptr), Error);

  ArrowSchema s;
  test::export_schema(schema_only("+s", {schema_only("i").named("a")}).named(""), &s);
  auto release = s.release;
  s.release = nullptr;
  try {
    import_schema(&s);
    ADD_FAILURE();
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(),
                 "invalid Arrow schema at the schema root: schema is released (release == NULL)");
  }
  s.release = release;

  const char* format = s.format;
  s.format = nullptr;
  EXPECT_THROW(import_schema(&s), Error);
  s.format = format;

  ArrowSchema** children = s.children;
  s.children = nullptr;
  try {
    import_schema(&s);
    ADD_FAILURE();
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(),
                 "invalid Arrow schema at the schema root: n_children is 1 but children is NULL");
  }
  s.children = children;

  auto child_release = s.children[0]->release;
  s.children[0]->release = nullptr;
  try {
    import_schema(&s);
    ADD_FAILURE();
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(), "invalid Arrow schema at field 'a': child schema is released");
  }
  s.children[0]->release = child_release;

  s.n_children = -1;
  EXPECT_THROW(import_schema(&s), Error);
  s.n_children = 1;
  EXPECT_EQ(import_schema(&s).children.size(), 1u);
  s.release(&s);
}

TEST(ArrowMetadataTest, ParsesTheSpecExample) {
  // The spec's example: [('key1', 'value1')] on a little-endian machine.
  const char blob[] = "\x01\x00\x00\x00\x04\x00\x00\x00key1\x06\x00\x00\x00value1";
  ArrowMetadata m = parse_metadata_blob(blob, sizeof(blob) - 1);
  ASSERT_EQ(m.size(), 1u);
  EXPECT_EQ(m[0].first, "key1");
  EXPECT_EQ(m[0].second, "value1");
  EXPECT_EQ(make_metadata_blob(m), std::string(blob, sizeof(blob) - 1));
  EXPECT_EQ(parse_metadata_blob(blob).size(), 1u);  // size unknown
}

TEST(ArrowMetadataTest, EmptyAndBinaryValues) {
  EXPECT_TRUE(parse_metadata_blob(nullptr).empty());
  std::string zero = make_metadata_blob({});
  EXPECT_EQ(zero, std::string("\0\0\0\0", 4));
  EXPECT_TRUE(parse_metadata_blob(zero.data(), zero.size()).empty());
  ArrowMetadata kv = {{"a", std::string("\0\xff", 2)}, {"", ""}, {"ARROW:extension:name", "x"}};
  std::string blob = make_metadata_blob(kv);
  EXPECT_EQ(parse_metadata_blob(blob.data(), blob.size()), kv);
}

TEST(ArrowMetadataTest, RejectsTruncatedBlobs) {
  std::string blob = make_metadata_blob({{"key1", "value1"}, {"k2", "v2"}});
  // Every proper prefix is truncated somewhere.
  for (size_t n = 0; n < blob.size(); ++n) {
    SCOPED_TRACE(n);
    EXPECT_THROW(parse_metadata_blob(blob.data(), n), Error);
  }
  EXPECT_EQ(parse_metadata_blob(blob.data(), blob.size()).size(), 2u);
  try {
    parse_metadata_blob(blob.data(), 10);
    ADD_FAILURE();
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(), "metadata blob truncated: key needs 4 byte(s) at offset 8 of 10");
  }
}

TEST(ArrowMetadataTest, RejectsNegativeLengths) {
  std::string blob = make_metadata_blob({{"k", "v"}});
  int32_t minus = -5;
  std::memcpy(blob.data() + 9, &minus, 4);  // the value length
  try {
    parse_metadata_blob(blob.data());
    ADD_FAILURE();
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(), "metadata blob has negative value length -5 at offset 9");
  }
  int32_t minus_count = -1;
  std::memcpy(blob.data(), &minus_count, 4);
  EXPECT_THROW(parse_metadata_blob(blob.data()), Error);
}

TEST(ArrowMetadataTest, ImportSchemaReportsBadMetadataWithThePath) {
  ArrowSchema s;
  test::export_schema(test::struct_column({{"m", schema_only("i")}}), &s);
  std::string broken = make_metadata_blob({{"k", "v"}});
  int32_t minus = -1;
  std::memcpy(broken.data() + 4, &minus, 4);
  const char* saved = s.children[0]->metadata;
  s.children[0]->metadata = broken.data();
  try {
    import_schema(&s);
    ADD_FAILURE();
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(),
                 "invalid Arrow schema at field 'm': metadata blob has negative key "
                 "length -1 at offset 4");
  }
  s.children[0]->metadata = saved;
  s.release(&s);
}

TEST(ArrowTypeTest, FormatOfInvertsParsing) {
  for (const char* format : {"n",        "b",         "c",
                             "C",        "s",         "S",
                             "i",        "I",         "l",
                             "L",        "e",         "f",
                             "g",        "z",         "Z",
                             "vz",       "u",         "U",
                             "vu",       "w:5",       "d:10,2",
                             "d:5,1,32", "d:15,3,64", "d:50,4,256",
                             "tdD",      "tdm",       "tts",
                             "ttm",      "ttu",       "ttn",
                             "tss:",     "tsm:UTC",   "tsu:Asia/Tokyo",
                             "tsn:",     "tDs",       "tDm",
                             "tDu",      "tDn",       "tiM",
                             "tiD",      "tin"}) {
    EXPECT_EQ(format_of(parse(format)), format);
  }
  EXPECT_EQ(format_of(parse("d:10,2,128")), "d:10,2");
}

}  // namespace
}  // namespace spillway

#include "arrow/schema_mapping.h"

#include <gtest/gtest.h>

#include "spillway/error.h"
#include "support/arrow_builder.h"

namespace spillway {
namespace {

using test::ArrowColumn;
using C = ConvertedType;
using P = PhysicalType;
using V = ValueConversion;
constexpr auto OPT = FieldRepetitionType::OPTIONAL;
constexpr auto REQ = FieldRepetitionType::REQUIRED;

ArrowField import_columns(const test::NamedColumns& columns) {
  test::OwnedArray batch = test::make_batch(columns);
  return import_schema(&batch.schema);
}

SchemaElement element(std::string name, P type, FieldRepetitionType rep,
                      std::optional<C> converted = std::nullopt,
                      std::optional<LogicalType> logical = std::nullopt) {
  SchemaElement e;
  e.name = std::move(name);
  e.type = type;
  e.repetition_type = rep;
  e.converted_type = converted;
  e.logical_type = logical;
  return e;
}

SchemaElement flba(std::string name, int32_t length, FieldRepetitionType rep,
                   std::optional<C> converted = std::nullopt,
                   std::optional<LogicalType> logical = std::nullopt) {
  SchemaElement e = element(std::move(name), P::FIXED_LEN_BYTE_ARRAY, rep, converted, logical);
  e.type_length = length;
  return e;
}

SchemaElement decimal(SchemaElement e, int32_t precision, int32_t scale) {
  e.converted_type = C::DECIMAL;
  e.logical_type = LogicalType::decimal(precision, scale);
  e.precision = precision;
  e.scale = scale;
  return e;
}

struct Case {
  ArrowColumn column;
  SchemaElement expected;
  ValueConversion conversion;
};

std::string mapping_error(const ArrowColumn& column) {
  ArrowField root = import_columns({{"col", column}});
  try {
    map_schema(root);
  } catch (const Error& e) {
    return e.what();
  }
  return "(no error)";
}

TEST(SchemaMappingTest, MapsEveryFlatType) {
  using LT = LogicalType;
  const auto ms = TimeUnit::MILLIS, us = TimeUnit::MICROS, ns = TimeUnit::NANOS;
  const auto S = ArrowTimeUnit::SECOND, M = ArrowTimeUnit::MILLI, U = ArrowTimeUnit::MICRO,
             N = ArrowTimeUnit::NANO;
  std::vector<Case> cases = {
      {test::null_column(1).not_null(), element("c", P::INT32, OPT, {}, LT::unknown()), V::NONE},
      {test::bool_column({}), element("c", P::BOOLEAN, OPT), V::NONE},
      {test::bool_column({}).not_null(), element("c", P::BOOLEAN, REQ), V::NONE},
      {test::int8_column({}), element("c", P::INT32, OPT, C::INT_8, LT::integer(8, true)),
       V::WIDEN_TO_INT32},
      {test::uint8_column({}), element("c", P::INT32, OPT, C::UINT_8, LT::integer(8, false)),
       V::WIDEN_TO_INT32},
      {test::int16_column({}), element("c", P::INT32, OPT, C::INT_16, LT::integer(16, true)),
       V::WIDEN_TO_INT32},
      {test::uint16_column({}), element("c", P::INT32, OPT, C::UINT_16, LT::integer(16, false)),
       V::WIDEN_TO_INT32},
      {test::int32_column({}), element("c", P::INT32, OPT, C::INT_32, LT::integer(32, true)),
       V::NONE},
      {test::uint32_column({}), element("c", P::INT32, OPT, C::UINT_32, LT::integer(32, false)),
       V::NONE},
      {test::int64_column({}).not_null(),
       element("c", P::INT64, REQ, C::INT_64, LT::integer(64, true)), V::NONE},
      {test::uint64_column({}), element("c", P::INT64, OPT, C::UINT_64, LT::integer(64, false)),
       V::NONE},
      {test::float16_column({}), flba("c", 2, OPT, {}, LT::float16()), V::NONE},
      {test::float32_column({}), element("c", P::FLOAT, OPT), V::NONE},
      {test::float64_column({}), element("c", P::DOUBLE, OPT), V::NONE},
      {test::string_column({}), element("c", P::BYTE_ARRAY, OPT, C::UTF8, LT::string()), V::NONE},
      {test::large_string_column({}), element("c", P::BYTE_ARRAY, OPT, C::UTF8, LT::string()),
       V::NONE},
      {test::string_view_column({}), element("c", P::BYTE_ARRAY, OPT, C::UTF8, LT::string()),
       V::NONE},
      {test::binary_column({}), element("c", P::BYTE_ARRAY, OPT), V::NONE},
      {test::large_binary_column({}), element("c", P::BYTE_ARRAY, OPT), V::NONE},
      {test::binary_view_column({}), element("c", P::BYTE_ARRAY, OPT), V::NONE},
      {test::fixed_size_binary_column(16, {}), flba("c", 16, OPT), V::NONE},
      {test::decimal_column(32, 9, 2, {}), decimal(element("c", P::INT32, OPT), 9, 2),
       V::DECIMAL_TO_INT32},
      {test::decimal_column(64, 5, 0, {}), decimal(element("c", P::INT32, OPT), 5, 0),
       V::DECIMAL_TO_INT32},
      {test::decimal_column(64, 18, 18, {}), decimal(element("c", P::INT64, OPT), 18, 18),
       V::DECIMAL_TO_INT64},
      {test::decimal_column(128, 10, 2, {}), decimal(element("c", P::INT64, OPT), 10, 2),
       V::DECIMAL_TO_INT64},
      {test::decimal_column(128, 19, 4, {}), decimal(flba("c", 9, OPT), 19, 4),
       V::DECIMAL_TO_FLBA_BIG_ENDIAN},
      {test::decimal_column(128, 38, 0, {}), decimal(flba("c", 16, OPT), 38, 0),
       V::DECIMAL_TO_FLBA_BIG_ENDIAN},
      {test::decimal_column(256, 39, 1, {}), decimal(flba("c", 17, OPT), 39, 1),
       V::DECIMAL_TO_FLBA_BIG_ENDIAN},
      {test::decimal_column(256, 76, 10, {}), decimal(flba("c", 32, OPT), 76, 10),
       V::DECIMAL_TO_FLBA_BIG_ENDIAN},
      {test::decimal_column(256, 4, 4, {}), decimal(element("c", P::INT32, OPT), 4, 4),
       V::DECIMAL_TO_INT32},
      {test::date32_column({}), element("c", P::INT32, OPT, C::DATE, LT::date()), V::NONE},
      {test::date64_column({}), element("c", P::INT32, OPT, C::DATE, LT::date()),
       V::DATE64_TO_DATE32},
      {test::time32_column(S, {}), element("c", P::INT32, OPT, C::TIME_MILLIS, LT::time(false, ms)),
       V::SECONDS_TO_MILLIS},
      {test::time32_column(M, {}), element("c", P::INT32, OPT, C::TIME_MILLIS, LT::time(false, ms)),
       V::NONE},
      {test::time64_column(U, {}), element("c", P::INT64, OPT, C::TIME_MICROS, LT::time(false, us)),
       V::NONE},
      {test::time64_column(N, {}), element("c", P::INT64, OPT, {}, LT::time(false, ns)), V::NONE},
      {test::timestamp_column(S, std::nullopt, {}),
       element("c", P::INT64, OPT, C::TIMESTAMP_MILLIS, LT::timestamp(false, ms)),
       V::SECONDS_TO_MILLIS},
      {test::timestamp_column(S, "UTC", {}),
       element("c", P::INT64, OPT, C::TIMESTAMP_MILLIS, LT::timestamp(true, ms)),
       V::SECONDS_TO_MILLIS},
      {test::timestamp_column(M, "Europe/Paris", {}),
       element("c", P::INT64, OPT, C::TIMESTAMP_MILLIS, LT::timestamp(true, ms)), V::NONE},
      {test::timestamp_column(U, std::nullopt, {}),
       element("c", P::INT64, OPT, C::TIMESTAMP_MICROS, LT::timestamp(false, us)), V::NONE},
      {test::timestamp_column(U, "+01:00", {}),
       element("c", P::INT64, OPT, C::TIMESTAMP_MICROS, LT::timestamp(true, us)), V::NONE},
      {test::timestamp_column(N, std::nullopt, {}),
       element("c", P::INT64, OPT, {}, LT::timestamp(false, ns)), V::NONE},
      {test::timestamp_column(N, "UTC", {}).not_null(),
       element("c", P::INT64, REQ, {}, LT::timestamp(true, ns)), V::NONE},
      {test::duration_column(S, {}), element("c", P::INT64, OPT), V::NONE},
      {test::duration_column(N, {}), element("c", P::INT64, OPT), V::NONE},
      {test::interval_months_column({}), flba("c", 12, OPT, C::INTERVAL), V::INTERVAL_YEAR_MONTH},
      {test::interval_day_time_column({}), flba("c", 12, OPT, C::INTERVAL), V::INTERVAL_DAY_TIME},
      {test::dictionary_column(test::int8_column({}), test::string_column({})),
       element("c", P::BYTE_ARRAY, OPT, C::UTF8, LT::string()), V::NONE},
      {test::dictionary_column(test::int32_column({}), test::date64_column({})).not_null(),
       element("c", P::INT32, REQ, C::DATE, LT::date()), V::DATE64_TO_DATE32},
  };
  for (const Case& c : cases) {
    ArrowField root = import_columns({{"c", c.column}});
    SCOPED_TRACE(describe(root.children[0]));
    ParquetSchema s = map_schema(root);
    ASSERT_EQ(s.elements.size(), 2u);
    EXPECT_EQ(s.elements[1], c.expected);
    ASSERT_EQ(s.leaves.size(), 1u);
    const LeafMapping& leaf = s.leaves[0];
    EXPECT_EQ(leaf.field, &root.children[0]);
    EXPECT_EQ(to_string(leaf.conversion), to_string(c.conversion));
    const ColumnDescriptor& d = leaf.descriptor;
    EXPECT_EQ(d.path().parts(), std::vector<std::string>{"c"});
    EXPECT_EQ(d.physical_type(), *c.expected.type);
    EXPECT_EQ(d.type_length(), c.expected.type_length.value_or(0));
    EXPECT_EQ(d.logical_type(), c.expected.logical_type);
    EXPECT_EQ(d.converted_type(), c.expected.converted_type);
    EXPECT_EQ(d.max_definition_level(), c.expected.repetition_type == OPT ? 1 : 0);
    EXPECT_EQ(d.max_repetition_level(), 0);
  }
}

TEST(SchemaMappingTest, RootElementAndOrder) {
  ArrowField root = import_columns({{"a", test::int32_column({1}).not_null()},
                                    {"b", test::string_column({"x"})},
                                    {"c", test::float64_column({1.0})}});
  ParquetSchema s = map_schema(root, "arrow_schema");
  ASSERT_EQ(s.elements.size(), 4u);
  SchemaElement top;
  top.name = "arrow_schema";
  top.num_children = 3;
  EXPECT_EQ(s.elements[0], top);  // no type, no repetition
  EXPECT_EQ(s.elements[1].name, "a");
  EXPECT_EQ(s.elements[2].name, "b");
  EXPECT_EQ(s.elements[3].name, "c");
  ASSERT_EQ(s.leaves.size(), 3u);
  EXPECT_EQ(s.leaves[2].descriptor.path().parts(), std::vector<std::string>{"c"});
  EXPECT_EQ(s.leaves[2].field->name, "c");
  EXPECT_EQ(map_schema(root).elements[0].name, "schema");
  // No columns: refused (a batch of rows with nothing in them is a hang
  // waiting to happen; see ArrowWriter.ASchemaWithoutColumnsIsRefused).
  try {
    map_schema(import_columns({}));
    FAIL() << "a schema without columns was mapped";
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(), "the schema has no columns; a Parquet file needs at least one column");
  }
}

TEST(SchemaMappingTest, FieldIdsFromMetadata) {
  ArrowField root = import_columns({{"a", test::int32_column({}).with_field_id(7)},
                                    {"b", test::int32_column({})},
                                    {"c", test::int32_column({}).with_field_id(-3)}});
  ParquetSchema s = map_schema(root);
  EXPECT_EQ(s.elements[1].field_id, 7);
  EXPECT_EQ(s.elements[2].field_id, std::nullopt);
  EXPECT_EQ(s.elements[3].field_id, -3);
  EXPECT_EQ(mapping_error(test::int32_column({}).with_metadata({{"PARQUET:field_id", "x1"}})),
            "column 'col' has PARQUET:field_id 'x1', which is not a 32-bit integer");
  EXPECT_EQ(
      mapping_error(test::int32_column({}).with_metadata({{"PARQUET:field_id", "99999999999"}})),
      "column 'col' has PARQUET:field_id '99999999999', which is not a 32-bit integer");
}

TEST(SchemaMappingTest, RejectsWhatParquetCannotHold) {
  EXPECT_EQ(mapping_error(test::interval_month_day_nano_column({})),
            "no Parquet type holds month_day_nano_interval in column 'col' (nanosecond "
            "intervals); Parquet INTERVAL has millisecond precision");
  ArrowColumn sparse;
  sparse.format = "+us:0";
  sparse.children = {test::int32_column({}).named("i")};
  EXPECT_EQ(mapping_error(sparse),
            "Parquet cannot hold union type sparse_union<i: int32=0> in column 'col'");
  EXPECT_EQ(mapping_error(test::decimal_column(128, 5, 6, {})),
            "column 'col' has type decimal128(5, 6): Parquet DECIMAL needs 0 <= scale <= "
            "precision");
  EXPECT_EQ(mapping_error(test::decimal_column(128, 5, -1, {})),
            "column 'col' has type decimal128(5, -1): Parquet DECIMAL needs 0 <= scale <= "
            "precision");
  EXPECT_EQ(mapping_error(test::fixed_size_binary_column(0, {})),
            "column 'col' has type fixed_size_binary[0]: Parquet FIXED_LEN_BYTE_ARRAY needs a "
            "length of at least 1 byte");
}

TEST(SchemaMappingTest, NestedTypesParquetCannotHoldAreRefused) {
  EXPECT_EQ(mapping_error(test::dictionary_column(test::int32_column({}),
                                                  test::list_column({0}, test::int32_column({})))),
            "column 'col': a dictionary of list<item: int32> values cannot be written; Parquet "
            "dictionaries hold primitive values");
  EXPECT_EQ(mapping_error(test::struct_column(
                {{"iv", test::interval_month_day_nano_column({test::MonthDayNano{1, 2, 3}})}})),
            "no Parquet type holds month_day_nano_interval in column 'col.iv' (nanosecond "
            "intervals); Parquet INTERVAL has millisecond precision");
}

// map<utf8, list<int32>> (nullable map, nullable list, non-null elements):
// every node's levels on the path to each leaf.
TEST(SchemaMappingTest, NestedPathStepsCarryTheDremelLevels) {
  ArrowColumn values = test::list_column({0}, test::int32_column({}).not_null());
  ArrowColumn m = test::map_column({0}, test::string_column({}), values);
  test::OwnedArray batch = test::make_batch({{"m", m}});
  ArrowField root = import_schema(&batch.schema);
  ParquetSchema s = map_schema(root);
  ASSERT_EQ(s.leaves.size(), 2u);
  const LeafMapping& key = s.leaves[0];
  EXPECT_EQ(key.descriptor.path().to_dot_string(), "m.key_value.key");
  EXPECT_EQ(key.descriptor.max_definition_level(), 2);
  EXPECT_EQ(key.descriptor.max_repetition_level(), 1);
  ASSERT_EQ(key.path.size(), 3u);  // map, entries, key
  EXPECT_EQ(key.path[0].field->id, ArrowTypeId::MAP);
  EXPECT_TRUE(key.path[0].optional);
  EXPECT_EQ(key.path[0].def_level, 0);
  EXPECT_EQ(key.path[0].rep_level, 1);
  EXPECT_FALSE(key.path[1].optional);  // entries: the repeated group
  EXPECT_FALSE(key.path[2].optional);  // keys are required
  EXPECT_TRUE(key.nested());
  const LeafMapping& element = s.leaves[1];
  EXPECT_EQ(element.descriptor.path().to_dot_string(), "m.key_value.value.list.element");
  // m present 1, key_value 2, value present 3, list 4; the element is required.
  EXPECT_EQ(element.descriptor.max_definition_level(), 4);
  EXPECT_EQ(element.descriptor.max_repetition_level(), 2);
  ASSERT_EQ(element.path.size(), 4u);  // map, entries (child 1), list, element
  EXPECT_EQ(element.path[1].child, 1);
  EXPECT_EQ(element.path[2].def_level, 2);
  EXPECT_EQ(element.path[2].rep_level, 2);
  EXPECT_EQ(element.path[3].def_level, 4);
  EXPECT_FALSE(element.path[3].optional);
  // Elements: root, m, key_value, key, value, list, element.
  ASSERT_EQ(s.elements.size(), 7u);
  EXPECT_EQ(s.elements[4].name, "value");
  EXPECT_EQ(s.elements[4].converted_type, ConvertedType::LIST);
  EXPECT_EQ(s.elements[6].repetition_type, FieldRepetitionType::REQUIRED);
}

TEST(SchemaMappingTest, StoredArrowSchemaRecordsViewsAndRunEndsAsWritten) {
  ArrowColumn views = test::list_view_column({0}, {1}, test::int32_column({1}));
  ArrowColumn large_views = test::large_list_view_column({0}, {1}, test::int32_column({1}));
  ArrowColumn ree =
      test::run_end_encoded_column(test::int32_column({1}), test::string_column({"a"}), 1)
          .not_null()
          .with_field_id(7);
  test::OwnedArray batch = test::make_batch(
      {{"v", test::struct_column({{"lv", views}, {"llv", large_views}})}, {"r", ree}});
  ArrowField stored = stored_arrow_schema(import_schema(&batch.schema));
  EXPECT_EQ(describe(stored.children[0]),
            "struct<lv: list<item: int32>, llv: large_list<item: int32>>");
  const ArrowField& r = stored.children[1];
  EXPECT_EQ(r.name, "r");
  EXPECT_EQ(r.id, ArrowTypeId::STRING);
  EXPECT_FALSE(r.nullable);
  ASSERT_NE(r.find_metadata("PARQUET:field_id"), nullptr);
  EXPECT_EQ(*r.find_metadata("PARQUET:field_id"), "7");
}

TEST(SchemaMappingTest, RootMustBeAStruct) {
  test::OwnedArray column = test::to_c(test::int32_column({}));
  ArrowField f = import_schema(&column.schema);
  try {
    map_schema(f);
    ADD_FAILURE();
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(), "a record batch schema must be a struct (format \"+s\"), got int32");
  }
}

TEST(SchemaMappingTest, DecimalFlbaLengthsAreMinimal) {
  // (precision, bytes): the fewest bytes whose two's complement holds
  // 10^p - 1, i.e. 10^p <= 2^(8n - 1).
  const std::pair<int, int> cases[] = {{19, 9},  {21, 9},  {22, 10}, {23, 10}, {24, 11},
                                       {26, 11}, {27, 12}, {28, 12}, {30, 13}, {33, 14},
                                       {35, 15}, {36, 16}, {38, 16}, {39, 17}, {40, 17},
                                       {43, 18}, {50, 21}, {60, 26}, {70, 30}, {76, 32}};
  for (auto [p, n] : cases) {
    ArrowField root = import_columns({{"d", test::decimal_column(256, p, 0, {})}});
    EXPECT_EQ(map_schema(root).elements[1].type_length, n) << "precision " << p;
  }
}

}  // namespace
}  // namespace spillway

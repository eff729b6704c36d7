// Nested Arrow columns written by ArrowWriter and read back by spillway's own
// decoder: the definition and repetition levels of every leaf, against
// hand-worked examples (the Dremel paper's Document, LogicalTypes.md lists
// and maps) and against the same data unsliced.

#include <gtest/gtest.h>

#include <cstring>

#include "spillway/spillway.h"
#include "support/arrow_builder.h"
#include "support/parquet_verifier.h"

namespace spillway {
namespace {

using test::ArrowColumn;
using test::NamedColumns;
using test::OwnedArray;

struct Written {
  FileMetaData metadata;
  test::DecodedFile decoded;
};

Written write_batches(const std::vector<OwnedArray*>& batches, WriterProperties props = {}) {
  auto sink = std::make_unique<MemoryOutputStream>();
  MemoryOutputStream* out = sink.get();
  auto writer = ArrowWriter::open(std::move(sink), &batches.at(0)->schema,
                                  ArrowWriterOptions().with_properties(std::move(props)));
  for (OwnedArray* batch : batches) {
    ArrowArray moved;
    ArrowSchema unused;
    batch->release_to(&unused, &moved);
    unused.release(&unused);
    writer.write(&moved);
  }
  Written w;
  w.metadata = writer.close();
  w.decoded = test::read_parquet(out->data());
  return w;
}

Written write(const NamedColumns& columns, WriterProperties props = {}) {
  OwnedArray batch = test::make_batch(columns);
  return write_batches({&batch}, std::move(props));
}

enum class Show { INT32, INT64, TEXT };

// Levels with values: the max definition level comes from the schema.
std::string levels(const Written& w, size_t leaf, int16_t max_def, Show show) {
  const test::DecodedColumn& c = w.decoded.columns.at(leaf);
  size_t n = std::max(c.def_levels.size(), c.rep_levels.size());
  if (n == 0) n = c.values.size();
  std::string out;
  size_t k = 0;
  for (size_t i = 0; i < n; ++i) {
    if (!out.empty()) out += ' ';
    int16_t r = c.rep_levels.empty() ? 0 : c.rep_levels[i];
    int16_t d = c.def_levels.empty() ? max_def : c.def_levels[i];
    out += "r" + std::to_string(r) + "d" + std::to_string(d);
    if (d != max_def) continue;
    const std::string& v = c.values.at(k++);
    out += ':';
    if (show == Show::INT64) {
      int64_t x;
      std::memcpy(&x, v.data(), 8);
      out += std::to_string(x);
    } else if (show == Show::INT32) {
      int32_t x;
      std::memcpy(&x, v.data(), 4);
      out += std::to_string(x);
    } else {
      out += v;
    }
  }
  EXPECT_EQ(k, c.values.size()) << "values left over in leaf " << leaf;
  return out;
}

std::vector<std::string> leaf_paths(const Written& w) {
  std::vector<std::string> out;
  for (const ColumnChunk& c : w.metadata.row_groups.at(0).columns) {
    std::string s;
    for (const std::string& p : c.meta_data->path_in_schema) s += (s.empty() ? "" : ".") + p;
    out.push_back(s);
  }
  return out;
}

// --- The Dremel paper's Document example -----------------------------------
//
// Links is a nullable struct of two non-null lists of non-null int64; Name a
// non-null list of non-null structs holding Language (a non-null list of
// non-null {Code not null, Country}) and Url. With non-null lists and
// elements, 3-level LISTs give exactly the paper's levels.
TEST(NestedLevels, DremelDocument) {
  using test::int64_column;
  using test::string_column;
  ArrowColumn doc_id = int64_column({10, 20}).not_null();
  ArrowColumn backward = test::list_column({0, 0, 2}, int64_column({10, 30}).not_null()).not_null();
  ArrowColumn forward =
      test::list_column({0, 3, 4}, int64_column({20, 40, 60, 80}).not_null()).not_null();
  ArrowColumn links = test::struct_column({{"Backward", backward}, {"Forward", forward}});
  ArrowColumn language =
      test::struct_column({{"Code", string_column({"en-us", "en", "en-gb"}).not_null()},
                           {"Country", string_column({"us", std::nullopt, "gb"})}})
          .not_null();
  // Names: r1 {Language [0,2), A}, {Language [], B}, {Language [2,3), null}; r2 {[], C}.
  ArrowColumn languages = test::list_column({0, 2, 2, 3, 3}, language).not_null();
  ArrowColumn name_struct =
      test::struct_column(
          {{"Language", languages},
           {"Url", string_column({"http://A", "http://B", std::nullopt, "http://C"})}})
          .not_null();
  ArrowColumn name = test::list_column({0, 3, 4}, name_struct).not_null();
  Written w = write({{"DocId", doc_id}, {"Links", links}, {"Name", name}});

  EXPECT_EQ(leaf_paths(w),
            (std::vector<std::string>{
                "DocId", "Links.Backward.list.element", "Links.Forward.list.element",
                "Name.list.element.Language.list.element.Code",
                "Name.list.element.Language.list.element.Country", "Name.list.element.Url"}));
  EXPECT_EQ(levels(w, 0, 0, Show::INT64), "r0d0:10 r0d0:20");
  EXPECT_EQ(levels(w, 1, 2, Show::INT64), "r0d1 r0d2:10 r1d2:30");
  EXPECT_EQ(levels(w, 2, 2, Show::INT64), "r0d2:20 r1d2:40 r1d2:60 r0d2:80");
  EXPECT_EQ(levels(w, 3, 2, Show::TEXT), "r0d2:en-us r2d2:en r1d1 r1d2:en-gb r0d1");
  EXPECT_EQ(levels(w, 4, 3, Show::TEXT), "r0d3:us r2d2 r1d1 r1d3:gb r0d1");
  EXPECT_EQ(levels(w, 5, 2, Show::TEXT), "r0d2:http://A r1d2:http://B r1d1 r0d2:http://C");
  EXPECT_EQ(w.metadata.num_rows, 2);
}

// The definition-level example of the Parquet documentation ("Dremel made
// simple"): optional a { optional b { optional string c } }, one row per
// depth at which the path stops.
TEST(NestedLevels, DefinitionLevelsOfOptionalPath) {
  // a null; a.b null; a.b.c null; a.b.c = "foo"
  ArrowColumn c = test::string_column({"x", "y", std::nullopt, "foo"});
  ArrowColumn b = test::nullable_struct_column({{"c", c}}, {true, false, true, true});
  ArrowColumn a = test::nullable_struct_column({{"b", b}}, {false, true, true, true});
  Written w = write({{"a", a}});
  EXPECT_EQ(leaf_paths(w), (std::vector<std::string>{"a.b.c"}));
  EXPECT_EQ(levels(w, 0, 3, Show::TEXT), "r0d0 r0d1 r0d2 r0d3:foo");
}

// The repetition-level example of the same documentation: the AddressBook
// with a repeated ownerPhoneNumbers and repeated contacts {required name,
// optional phoneNumber}, written as non-null lists of non-null elements.
TEST(NestedLevels, AddressBook) {
  using test::string_column;
  ArrowColumn owner = string_column({"Julien Le Dem", "A. Nonymous"}).not_null();
  ArrowColumn phones =
      test::list_column({0, 2, 2}, string_column({"555 123 4567", "555 666 1337"}).not_null())
          .not_null();
  ArrowColumn contact =
      test::struct_column(
          {{"name", string_column({"Dmitriy Ryaboy", "Chris Aniszczyk"}).not_null()},
           {"phoneNumber", string_column({"555 987 6543", std::nullopt})}})
          .not_null();
  ArrowColumn contacts = test::list_column({0, 2, 2}, contact).not_null();
  Written w = write({{"owner", owner}, {"ownerPhoneNumbers", phones}, {"contacts", contacts}});
  EXPECT_EQ(levels(w, 0, 0, Show::TEXT), "r0d0:Julien Le Dem r0d0:A. Nonymous");
  EXPECT_EQ(levels(w, 1, 1, Show::TEXT), "r0d1:555 123 4567 r1d1:555 666 1337 r0d0");
  EXPECT_EQ(levels(w, 2, 1, Show::TEXT), "r0d1:Dmitriy Ryaboy r1d1:Chris Aniszczyk r0d0");
  EXPECT_EQ(levels(w, 3, 2, Show::TEXT), "r0d2:555 987 6543 r1d1 r0d0");
}

// --- LogicalTypes.md lists --------------------------------------------------

TEST(NestedLevels, NullableListOfNullableElements) {
  // [1, null, 2], null, [], [3]
  ArrowColumn list = test::list_column({0, 3, 3, 3, 4}, test::int32_column({1, std::nullopt, 2, 3}),
                                       {true, false, true, true});
  Written w = write({{"a", list}});
  const auto& schema = w.metadata.schema;
  ASSERT_EQ(schema.size(), 4u);
  EXPECT_EQ(schema[1].name, "a");
  EXPECT_EQ(schema[1].repetition_type, FieldRepetitionType::OPTIONAL);
  EXPECT_EQ(schema[1].converted_type, ConvertedType::LIST);
  EXPECT_EQ(schema[1].logical_type, LogicalType::list());
  EXPECT_EQ(schema[2].name, "list");
  EXPECT_EQ(schema[2].repetition_type, FieldRepetitionType::REPEATED);
  EXPECT_EQ(schema[3].name, "element");
  EXPECT_EQ(schema[3].repetition_type, FieldRepetitionType::OPTIONAL);
  EXPECT_EQ(levels(w, 0, 3, Show::INT32), "r0d3:1 r1d2 r1d3:2 r0d0 r0d1 r0d3:3");
  const auto& stats = *w.metadata.row_groups[0].columns[0].meta_data->statistics;
  EXPECT_EQ(stats.null_count, 3);  // levels below the max: the null element, list, and empty list
}

TEST(NestedLevels, RequiredListOfRequiredElements) {
  ArrowColumn list =
      test::list_column({0, 2, 2, 3}, test::int32_column({1, 2, 3}).not_null()).not_null();
  Written w = write({{"a", list}});
  EXPECT_EQ(w.metadata.schema[1].repetition_type, FieldRepetitionType::REQUIRED);
  EXPECT_EQ(w.metadata.schema[3].repetition_type, FieldRepetitionType::REQUIRED);
  EXPECT_EQ(levels(w, 0, 1, Show::INT32), "r0d1:1 r1d1:2 r0d0 r0d1:3");
}

TEST(NestedLevels, ListOfLists) {
  // [[1, 2], [], null], [[3]], null, []
  ArrowColumn inner =
      test::list_column({0, 2, 2, 2, 3}, test::int32_column({1, 2, 3}), {true, true, false, true});
  ArrowColumn outer = test::list_column({0, 3, 4, 4, 4}, inner, {true, true, false, true});
  Written w = write({{"a", outer}});
  // def: 0 outer null, 1 outer empty, 2 inner null, 3 inner empty, 4 element null, 5 value.
  EXPECT_EQ(levels(w, 0, 5, Show::INT32), "r0d5:1 r2d5:2 r1d3 r1d2 r0d5:3 r0d0 r0d1");
  EXPECT_EQ(w.decoded.columns[0].values.size(), 3u);
}

// --- Structs ---------------------------------------------------------------

TEST(NestedLevels, NullStructMasksChildren) {
  // {a: 1, b: 5}, null (children hold 99 and a null there), {a: null, b: 7}
  ArrowColumn a = test::int32_column({1, 99, std::nullopt});
  ArrowColumn b = test::int32_column({5, std::nullopt, 7}).not_null();  // masked null: allowed
  ArrowColumn s = test::nullable_struct_column({{"a", a}, {"b", b}}, {true, false, true});
  Written w = write({{"s", s}});
  EXPECT_EQ(leaf_paths(w), (std::vector<std::string>{"s.a", "s.b"}));
  EXPECT_EQ(levels(w, 0, 2, Show::INT32), "r0d2:1 r0d0 r0d1");
  EXPECT_EQ(levels(w, 1, 1, Show::INT32), "r0d1:5 r0d0 r0d1:7");
}

TEST(NestedLevels, StructOfListOfStruct) {
  // {xs: [{v: 1}, null, {v: null}]}, {xs: null}, null, {xs: []}
  ArrowColumn v = test::int32_column({1, 0, std::nullopt});
  ArrowColumn elem = test::nullable_struct_column({{"v", v}}, {true, false, true});
  ArrowColumn xs = test::list_column({0, 3, 3, 3, 3}, elem, {true, false, true, true});
  ArrowColumn s = test::nullable_struct_column({{"xs", xs}}, {true, true, false, true});
  Written w = write({{"s", s}});
  EXPECT_EQ(leaf_paths(w), (std::vector<std::string>{"s.xs.list.element.v"}));
  // def: 0 s null, 1 xs null, 2 xs empty, 3 element null, 4 v null, 5 value
  EXPECT_EQ(levels(w, 0, 5, Show::INT32), "r0d5:1 r1d3 r1d4 r0d1 r0d0 r0d2");
}

// --- Maps ------------------------------------------------------------------

TEST(NestedLevels, MapWithNullValues) {
  // {a: 1, b: null}, null, {}
  ArrowColumn m = test::map_column({0, 2, 2, 2}, test::string_column({"a", "b"}),
                                   test::int32_column({1, std::nullopt}), {true, false, true});
  Written w = write({{"m", m}});
  const auto& schema = w.metadata.schema;
  ASSERT_EQ(schema.size(), 5u);
  EXPECT_EQ(schema[1].converted_type, ConvertedType::MAP);
  EXPECT_EQ(schema[1].logical_type, LogicalType::map());
  EXPECT_EQ(schema[2].name, "key_value");
  EXPECT_EQ(schema[2].repetition_type, FieldRepetitionType::REPEATED);
  EXPECT_EQ(schema[3].name, "key");
  EXPECT_EQ(schema[3].repetition_type, FieldRepetitionType::REQUIRED);
  EXPECT_EQ(schema[4].name, "value");
  EXPECT_EQ(schema[4].repetition_type, FieldRepetitionType::OPTIONAL);
  EXPECT_EQ(levels(w, 0, 2, Show::TEXT), "r0d2:a r1d2:b r0d0 r0d1");
  EXPECT_EQ(levels(w, 1, 3, Show::INT32), "r0d3:1 r1d2 r0d0 r0d1");
}

TEST(NestedLevels, ListOfMapsWithStructValues) {
  // [{k1: {x: 1}}, null, {k2: null, k3: {x: null}}]
  ArrowColumn x = test::int32_column({1, 0, std::nullopt});
  ArrowColumn vals = test::nullable_struct_column({{"x", x}}, {true, false, true});
  ArrowColumn m = test::map_column({0, 1, 1, 3}, test::string_column({"k1", "k2", "k3"}), vals,
                                   {true, false, true});
  ArrowColumn list = test::list_column({0, 3}, m);
  Written w = write({{"l", list}});
  EXPECT_EQ(leaf_paths(w), (std::vector<std::string>{"l.list.element.key_value.key",
                                                     "l.list.element.key_value.value.x"}));
  // key: max def 4 (l, list, element, key_value); value.x: 6
  EXPECT_EQ(levels(w, 0, 4, Show::TEXT), "r0d4:k1 r1d2 r1d4:k2 r2d4:k3");
  EXPECT_EQ(levels(w, 1, 6, Show::INT32), "r0d6:1 r1d2 r1d4 r2d5");
}

// --- Slicing, list views, fixed-size lists, run-end encoding ---------------

// Offsets that do not start at zero, offsets on the list and on its child,
// and a sliced batch give the same levels as the plain data.
TEST(NestedLevels, SlicedAtEveryLevel) {
  // child values: [x, x, 7, 8, null, 9, x] with child offset 1 → logical [x, 7, 8, null, 9, x]
  ArrowColumn child = test::int32_column({-1, -1, 7, 8, std::nullopt, 9, -1}).sliced(1, 6);
  // lists over the child: [x], [7, 8], null, [], [null, 9] ; then sliced(1, 4)
  ArrowColumn list =
      test::list_column({0, 1, 3, 3, 3, 5}, child, {true, true, false, true, true}).sliced(1, 4);
  ArrowColumn ids = test::int32_column({0, 1, 2, 3, 4}).sliced(1, 4);
  Written w = write({{"id", ids}, {"l", list}});
  EXPECT_EQ(levels(w, 1, 3, Show::INT32), "r0d3:7 r1d3:8 r0d0 r0d1 r0d2 r1d3:9");

  // The same through a sliced record batch (offset on the struct).
  ArrowColumn full_list =
      test::list_column({0, 1, 3, 3, 3, 5}, child, {true, true, false, true, true});
  OwnedArray sliced =
      test::slice_batch({{"id", test::int32_column({0, 1, 2, 3, 4})}, {"l", full_list}}, 1, 4);
  Written w2 = write_batches({&sliced});
  EXPECT_EQ(levels(w2, 1, 3, Show::INT32), "r0d3:7 r1d3:8 r0d0 r0d1 r0d2 r1d3:9");
}

TEST(NestedLevels, ListViewsOverlapAndGoBackwards) {
  // values [1, 2, 3, 4]; views: [2,4) = [3,4], [0,3) = [1,2,3], null, [1,1) = [], [1,3) = [2,3]
  ArrowColumn values = test::int32_column({1, 2, 3, 4});
  ArrowColumn lv = test::list_view_column({2, 0, 0, 1, 1}, {2, 3, 0, 0, 2}, values,
                                          {true, true, false, true, true});
  Written w = write({{"v", lv}});
  EXPECT_EQ(levels(w, 0, 3, Show::INT32),
            "r0d3:3 r1d3:4 r0d3:1 r1d3:2 r1d3:3 r0d0 r0d1 r0d3:2 r1d3:3");
  ArrowColumn large = test::large_list_view_column({2, 0}, {2, 3}, values).sliced(1, 1);
  Written w2 = write({{"v", large}});
  EXPECT_EQ(levels(w2, 0, 3, Show::INT32), "r0d3:1 r1d3:2 r1d3:3");
}

TEST(NestedLevels, FixedSizeAndLargeLists) {
  // fixed_size_list<int32, 2>: [1, 2], null, [null, 4]; sliced to the last two
  ArrowColumn fsl = test::fixed_size_list_column(
      2, test::int32_column({1, 2, 0, 0, std::nullopt, 4}), {true, false, true});
  Written w = write({{"f", fsl.sliced(1, 2)}});
  EXPECT_EQ(levels(w, 0, 3, Show::INT32), "r0d0 r0d2 r1d3:4");
  ArrowColumn large = test::large_list_column({0, 0, 2}, test::int64_column({5, 6}));
  Written w2 = write({{"L", large}});
  EXPECT_EQ(levels(w2, 0, 3, Show::INT64), "r0d1 r0d3:5 r1d3:6");
}

TEST(NestedLevels, RunEndEncodedWrittenAsLogicalValues) {
  // runs end at 2, 5, 6: values 7, null, 9 → 7 7 null null null 9
  ArrowColumn ree = test::run_end_encoded_column(test::int32_column({2, 5, 6}),
                                                 test::int32_column({7, std::nullopt, 9}), 6);
  Written w = write({{"r", ree.sliced(1, 5)}});
  EXPECT_EQ(w.metadata.schema[1].type, PhysicalType::INT32);
  EXPECT_EQ(w.metadata.schema[1].repetition_type, FieldRepetitionType::OPTIONAL);
  EXPECT_EQ(levels(w, 0, 1, Show::INT32), "r0d1:7 r0d0 r0d0 r0d0 r0d1:9");
  // Inside a list, with int16 and int64 run ends.
  ArrowColumn ree16 =
      test::run_end_encoded_column(test::int16_column({3}), test::int64_column({4}), 3);
  Written w2 = write({{"l", test::list_column({0, 1, 3}, ree16)}});
  EXPECT_EQ(levels(w2, 0, 3, Show::INT64), "r0d3:4 r0d3:4 r1d3:4");
  ArrowColumn ree64 =
      test::run_end_encoded_column(test::int64_column({1, 2}), test::string_column({"a", "b"}), 2);
  Written w3 = write({{"s", ree64}});
  EXPECT_EQ(levels(w3, 0, 1, Show::TEXT), "r0d1:a r0d1:b");
}

TEST(NestedLevels, DictionaryLeafInsideList) {
  // dictionary [x, null, z]; indices 0, 1, null, 2 in lists [0, 2), [2, 4)
  ArrowColumn dict = test::dictionary_column(test::int8_column({0, 1, std::nullopt, 2}),
                                             test::string_column({"x", std::nullopt, "z"}));
  Written w = write({{"d", test::list_column({0, 2, 4}, dict)}});
  EXPECT_EQ(levels(w, 0, 3, Show::TEXT), "r0d3:x r1d2 r0d2 r1d3:z");
}

// Found by the c_data_import fuzz target: a dictionary of nulls below a
// struct (valid input) failed with "fewer values than definition levels".
// Every value of it is null, whatever its indices say.
TEST(NestedLevels, DictionaryOfNullsInsideStruct) {
  ArrowColumn dict =
      test::dictionary_column(test::int32_column({0, std::nullopt, 0}), test::null_column(1));
  Written w = write({{"s", test::nullable_struct_column({{"x", dict}}, {true, true, false})}});
  // s is optional (def 1), x optional (def 2): present struct, null x → 1;
  // null struct → 0.
  EXPECT_EQ(levels(w, 0, 2, Show::INT32), "r0d1 r0d1 r0d0");
}

// --- Pages, statistics and field ids ----------------------------------------

TEST(NestedLevels, PagesStartAtRowBoundaries) {
  // 3000 rows of 0..9 elements; tiny pages, v2 and v1; the verifier fails a
  // page that does not start a row, and checks the offset index's rows.
  std::vector<int32_t> offsets{0};
  std::vector<std::optional<int64_t>> values;
  for (int r = 0; r < 3000; ++r) {
    for (int k = 0; k < r % 10; ++k) values.push_back(r * 10 + k);
    offsets.push_back(static_cast<int32_t>(values.size()));
  }
  ArrowColumn list = test::list_column(offsets, test::int64_column(values));
  for (WriterVersion version : {WriterVersion::PARQUET_1_0, WriterVersion::PARQUET_2_0}) {
    Written w = write({{"l", list}}, WriterProperties::builder()
                                         .set_writer_version(version)
                                         .set_data_page_size_limit(512)
                                         .set_write_batch_size(64)
                                         .build());
    const test::DecodedColumn& c = w.decoded.columns[0];
    EXPECT_GT(c.num_data_pages, 20u);
    EXPECT_EQ(c.values.size(), values.size());
    size_t rows = 0;
    for (int16_t r : c.rep_levels) rows += r == 0;
    EXPECT_EQ(rows, 3000u);
  }
}

TEST(NestedLevels, LongListsMakeSeveralPages) {
  // Two rows of 200,000 elements: mini-batches are cut by levels, so pages
  // stay near the size limit instead of holding a whole batch of rows.
  std::vector<std::optional<int64_t>> values;
  for (int64_t i = 0; i < 400000; ++i) values.push_back(i);
  ArrowColumn list = test::list_column({0, 200000, 400000}, test::int64_column(values));
  Written w =
      write({{"l", list}}, WriterProperties::builder().set_dictionary_enabled(false).build());
  const ColumnChunk& chunk = w.metadata.row_groups[0].columns[0];
  EXPECT_EQ(w.decoded.columns[0].num_data_pages, 2u);  // a page holds whole rows
  EXPECT_EQ(chunk.meta_data->num_values, 400000);
}

TEST(NestedLevels, FieldIdsAtEveryLevel) {
  ArrowColumn element = test::int32_column({1}).with_field_id(3);
  ArrowColumn list = test::list_column({0, 1}, element.named("element")).with_field_id(2);
  ArrowColumn s = test::struct_column({{"l", list}}).with_field_id(1);
  Written w = write({{"s", s}});
  const auto& schema = w.metadata.schema;
  ASSERT_EQ(schema.size(), 5u);
  EXPECT_EQ(schema[1].field_id, 1);
  EXPECT_EQ(schema[2].field_id, 2);
  EXPECT_EQ(schema[3].field_id, std::nullopt);  // the repeated group is not an Arrow field
  EXPECT_EQ(schema[4].field_id, 3);
}

TEST(NestedLevels, StatisticsAndSizeStatisticsOfNestedLeaf) {
  ArrowColumn list = test::list_column({0, 3, 3, 4}, test::int32_column({5, std::nullopt, -2, 9}),
                                       {true, false, true});
  Written w = write({{"a", list}});
  const ColumnMetaData& md = *w.metadata.row_groups[0].columns[0].meta_data;
  ASSERT_TRUE(md.statistics);
  EXPECT_EQ(md.statistics->min_value, test::plain<int32_t>(-2));
  EXPECT_EQ(md.statistics->max_value, test::plain<int32_t>(9));
  EXPECT_EQ(md.statistics->null_count, 2);
  ASSERT_TRUE(md.size_statistics);
  // def levels 3,2,3, 0, 3 → histogram [1, 0, 1, 3]; rep 0,1,1,0,0 → [3, 2]
  EXPECT_EQ(md.size_statistics->definition_level_histogram, (std::vector<int64_t>{1, 0, 1, 3}));
  EXPECT_EQ(md.size_statistics->repetition_level_histogram, (std::vector<int64_t>{3, 2}));
}

// --- Errors ----------------------------------------------------------------

std::string write_error(const NamedColumns& columns) {
  try {
    write(columns);
  } catch (const Error& e) {
    return e.what();
  }
  return "(no error)";
}

TEST(NestedLevels, NullElementInNonNullableListIsAnError) {
  ArrowColumn list =
      test::list_column({0, 1, 3}, test::int32_column({1, 2, std::nullopt}).not_null());
  std::string e = write_error({{"a", test::int32_column({1, 2})}, {"l", list}});
  EXPECT_NE(e.find("column 'l.list.element' row 1"), std::string::npos) << e;
  EXPECT_NE(e.find("not nullable"), std::string::npos) << e;
}

TEST(NestedLevels, NullMapKeyIsAnError) {
  ArrowColumn m = test::map_column({0, 2}, test::string_column({"a", std::nullopt}),
                                   test::int32_column({1, 2}));
  std::string e = write_error({{"m", m}});
  EXPECT_NE(e.find("m.key_value.key"), std::string::npos) << e;
  EXPECT_NE(e.find("map keys are never null"), std::string::npos) << e;
}

TEST(NestedLevels, TypesParquetCannotHoldNameTheField) {
  ArrowColumn empty = test::struct_column({}, 1);
  EXPECT_NE(write_error({{"e", empty}}).find("column 'e' is a struct without fields"),
            std::string::npos);
  ArrowColumn ree_of_list = test::run_end_encoded_column(
      test::int32_column({1}), test::list_column({0, 1}, test::int32_column({1})), 1);
  EXPECT_NE(write_error({{"r", ree_of_list}}).find("column 'r': run-end encoded"),
            std::string::npos);
  ArrowColumn nano = test::interval_month_day_nano_column({test::MonthDayNano{1, 2, 3}});
  std::string e = write_error({{"s", test::struct_column({{"iv", nano}})}});
  EXPECT_NE(e.find("column 's.iv'"), std::string::npos) << e;
}

}  // namespace
}  // namespace spillway

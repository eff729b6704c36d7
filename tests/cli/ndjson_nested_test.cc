// NDJSON with nested objects and arrays: inferred struct and list types, the
// exact Arrow arrays built (offsets, validity bits, child values), mixed
// kinds as JSON text, errors with key paths, nested --schema overrides.
// Writing them to Parquet: ndjson_nested_write_test.cc.

#include <gtest/gtest.h>

#include <cstring>
#include <random>
#include <string>
#include <vector>

#include "input/csv_reader.h"
#include "input/ndjson_reader.h"
#include "input/schema_option.h"
#include "reader_test_util.h"

namespace spillway::cli {
namespace {

using test::error_of;

std::unique_ptr<BatchReader> open(const std::string& text, NdjsonOptions options = {}) {
  return open_ndjson_reader(InputSource::from_string(text, "in.ndjson"), options);
}

// A value as JSON-like text: structs as {name:value,...}, lists as [...],
// strings quoted, nulls as null.
std::string show(const ArrowField& f, const ArrowArray* a, int64_t i) {
  EXPECT_EQ(a->offset, 0);
  const auto* validity = static_cast<const uint8_t*>(a->buffers[0]);
  if (validity && !get_bit(validity, i)) return "null";
  switch (f.id) {
    case ArrowTypeId::STRUCT: {
      std::string out = "{";
      for (size_t k = 0; k < f.children.size(); ++k) {
        out += (k ? "," : "") + f.children[k].name + ":" + show(f.children[k], a->children[k], i);
      }
      return out + "}";
    }
    case ArrowTypeId::LIST:
    case ArrowTypeId::LARGE_LIST: {
      int64_t begin, end;
      if (f.id == ArrowTypeId::LIST) {
        begin = static_cast<const int32_t*>(a->buffers[1])[i];
        end = static_cast<const int32_t*>(a->buffers[1])[i + 1];
      } else {
        begin = static_cast<const int64_t*>(a->buffers[1])[i];
        end = static_cast<const int64_t*>(a->buffers[1])[i + 1];
      }
      std::string out = "[";
      for (int64_t k = begin; k < end; ++k) {
        out += (k > begin ? "," : "") + show(f.children[0], a->children[0], k);
      }
      return out + "]";
    }
    case ArrowTypeId::STRING:
      return "\"" + *test::render(f, a, i) + "\"";
    default:
      return *test::render(f, a, i);
  }
}

struct Rows {
  ArrowField schema;
  std::vector<std::vector<std::string>> columns;  // every batch concatenated
  std::vector<int64_t> batch_rows;

  const std::vector<std::string>& column(const std::string& name) const {
    for (size_t i = 0; i < schema.children.size(); ++i) {
      if (schema.children[i].name == name) return columns[i];
    }
    throw Error("no column " + name);
  }
  std::string type(const std::string& name) const {
    for (const ArrowField& f : schema.children) {
      if (f.name == name) return type_name(f);
    }
    return "<none>";
  }
};

// Every batch, validated as the writer would, rendered row by row.
Rows read(const std::string& text, NdjsonOptions options = {}) {
  auto reader = open(text, options);
  Rows r;
  ArrowSchema s;
  export_schema(reader->schema(), &s);
  r.schema = import_schema(&s);
  s.release(&s);
  r.columns.resize(r.schema.children.size());
  ArrowArray batch;
  while (reader->next(&batch)) {
    validate_array(r.schema, &batch, "");
    r.batch_rows.push_back(batch.length);
    for (size_t c = 0; c < r.columns.size(); ++c) {
      for (int64_t i = 0; i < batch.length; ++i) {
        r.columns[c].push_back(show(r.schema.children[c], batch.children[c], i));
      }
    }
    batch.release(&batch);
  }
  return r;
}

std::string read_error(const std::string& text, NdjsonOptions options = {}) {
  return error_of([&] { read(text, options); });
}

using Strings = std::vector<std::string>;

TEST(NdjsonNested, InfersStructsAndListsToAnyDepth) {
  const Rows r = read(
      R"({"id": 1, "attrs": {"name": "x", "tags": ["a", "b"]}, "pts": [{"x": 1, "y": 2.5}, {"x": 2}], "m": [[1, 2], [3]]})"
      "\n"
      R"({"id": 2, "attrs": {"tags": [], "extra": true}, "pts": [], "m": [[], null]})"
      "\n"
      R"({"id": 3, "attrs": null, "pts": null, "when": {"d": "2024-01-02", "ts": ["2024-01-02T03:04:05Z"]}})"
      "\n");
  EXPECT_EQ(r.type("id"), "int64");
  // Fields in first-seen order across the sample, each inferred like a column.
  EXPECT_EQ(r.type("attrs"), "struct<name:utf8,tags:list<utf8>,extra:bool>");
  EXPECT_EQ(r.type("pts"), "list<struct<x:int64,y:float64>>");
  EXPECT_EQ(r.type("m"), "list<list<int64>>");
  EXPECT_EQ(r.type("when"), "struct<d:date32,ts:list<timestamp[us, tz=UTC]>>");
  EXPECT_EQ(r.column("attrs"), (Strings{"{name:\"x\",tags:[\"a\",\"b\"],extra:null}",
                                        "{name:null,tags:[],extra:true}", "null"}));
  EXPECT_EQ(r.column("pts"), (Strings{"[{x:1,y:2.5},{x:2,y:null}]", "[]", "null"}));
  EXPECT_EQ(r.column("m"), (Strings{"[[1,2],[3]]", "[[],null]", "null"}));
  EXPECT_EQ(r.column("when"), (Strings{"null", "null", "{d:19724,ts:[1704164645000000]}"}));
  // The Arrow schema: list items named "item", everything nullable.
  const ArrowField& pts = r.schema.children[2];
  EXPECT_EQ(pts.format, "+l");
  ASSERT_EQ(pts.children.size(), 1u);
  EXPECT_EQ(pts.children[0].name, "item");
  EXPECT_EQ(pts.children[0].format, "+s");
  EXPECT_TRUE(pts.children[0].nullable);
  EXPECT_TRUE(pts.children[0].children[1].nullable);
}

// Owns the first batch of an input and its schema.
struct FirstBatch {
  ArrowField schema;
  ArrowArray array{};
  explicit FirstBatch(const std::string& text, NdjsonOptions options = {}) {
    auto reader = open(text, options);
    ArrowSchema s;
    export_schema(reader->schema(), &s);
    schema = import_schema(&s);
    s.release(&s);
    EXPECT_TRUE(reader->next(&array));
    validate_array(schema, &array, "");
  }
  ~FirstBatch() {
    if (array.release) array.release(&array);
  }
};

template <typename T>
std::vector<T> buffer(const ArrowArray* a, int i, size_t n) {
  const auto* p = static_cast<const T*>(a->buffers[i]);
  return std::vector<T>(p, p + n);
}

uint8_t bits(const ArrowArray* a) {
  return a->buffers[0] ? static_cast<const uint8_t*>(a->buffers[0])[0] : 0xFF;
}

TEST(NdjsonNested, ExactArraysForNullsEmptyListsAndMissingKeys) {
  const FirstBatch b(R"({"t": [1, 2], "s": {"a": 1}, "u": [[5]]})"
                     "\n"
                     R"({"t": [], "s": {}, "u": [[]]})"
                     "\n"
                     R"({"t": null, "s": null, "u": [[6, 7], [8]]})"
                     "\n"
                     "{}\n"
                     R"({"t": [null, 3], "u": []})"
                     "\n");
  ASSERT_EQ(b.array.length, 5);
  ASSERT_EQ(b.array.n_children, 3);
  // t: list<int64>. null and missing are null lists, [] an empty valid one.
  const ArrowArray* t = b.array.children[0];
  EXPECT_EQ(t->length, 5);
  EXPECT_EQ(t->null_count, 2);
  EXPECT_EQ(bits(t), 0b10011);
  EXPECT_EQ(buffer<int32_t>(t, 1, 6), (std::vector<int32_t>{0, 2, 2, 2, 2, 4}));
  const ArrowArray* items = t->children[0];
  EXPECT_EQ(items->length, 4);
  EXPECT_EQ(items->null_count, 1);
  EXPECT_EQ(bits(items), 0b1011);
  EXPECT_EQ(buffer<int64_t>(items, 1, 4)[0], 1);
  EXPECT_EQ(buffer<int64_t>(items, 1, 4)[1], 2);
  EXPECT_EQ(buffer<int64_t>(items, 1, 4)[3], 3);
  // s: struct<a:int64>. A null struct appends nulls to its fields.
  const ArrowArray* s = b.array.children[1];
  EXPECT_EQ(s->n_buffers, 1);
  EXPECT_EQ(s->null_count, 3);
  EXPECT_EQ(bits(s), 0b00011);
  const ArrowArray* a = s->children[0];
  EXPECT_EQ(a->length, 5);
  EXPECT_EQ(a->null_count, 4);
  EXPECT_EQ(bits(a), 0b00001);
  EXPECT_EQ(buffer<int64_t>(a, 1, 1)[0], 1);
  // u: list<list<int64>>, never null: no validity bitmap at the top.
  const ArrowArray* u = b.array.children[2];
  EXPECT_EQ(u->null_count, 1);  // row 3, missing
  EXPECT_EQ(buffer<int32_t>(u, 1, 6), (std::vector<int32_t>{0, 1, 2, 4, 4, 4}));
  const ArrowArray* inner = u->children[0];
  EXPECT_EQ(inner->length, 4);
  EXPECT_EQ(inner->null_count, 0);
  EXPECT_EQ(inner->buffers[0], nullptr);
  EXPECT_EQ(buffer<int32_t>(inner, 1, 5), (std::vector<int32_t>{0, 1, 1, 3, 4}));
  EXPECT_EQ(buffer<int64_t>(inner->children[0], 1, 4), (std::vector<int64_t>{5, 6, 7, 8}));
}

TEST(NdjsonNested, EmptyArraysEmptyObjectsAndNulls) {
  const Rows r = read(R"({"e": [], "o": {}, "n": null, "ne": [[]], "on": {"k": null}, "later": []})"
                      "\n"
                      R"({"e": [], "o": {}, "ne": [], "later": [1.5]})"
                      "\n");
  // No element anywhere: list<utf8>, as a column of only nulls is utf8.
  EXPECT_EQ(r.type("e"), "list<utf8>");
  EXPECT_EQ(r.column("e"), (Strings{"[]", "[]"}));
  // Parquet has no empty group: only empty objects become their JSON text.
  EXPECT_EQ(r.type("o"), "utf8");
  EXPECT_EQ(r.column("o"), (Strings{"\"{}\"", "\"{}\""}));
  EXPECT_EQ(r.type("n"), "utf8");
  EXPECT_EQ(r.type("ne"), "list<list<utf8>>");
  EXPECT_EQ(r.column("ne"), (Strings{"[[]]", "[]"}));
  EXPECT_EQ(r.type("on"), "struct<k:utf8>");
  EXPECT_EQ(r.column("on"), (Strings{"{k:null}", "null"}));
  // Other rows decide the item type.
  EXPECT_EQ(r.type("later"), "list<float64>");
  EXPECT_EQ(r.column("later"), (Strings{"[]", "[1.5]"}));
}

TEST(NdjsonNested, MixedKindsBecomeCompactJsonText) {
  const Rows r =
      read(R"({"m": {"a": 1}, "l": [1, "x", {"k": [true]}], "s": "plain", "d": {"x": 1}})"
           "\n"
           R"({"m": [1,  2 ], "l": [2.50], "s": {"a": "\u00e9 \" "}, "d": {"x": [1]}})"
           "\n"
           R"({"m": 7, "s": 3, "d": {"x": {"y": null}}})"
           "\n");
  EXPECT_EQ(r.type("m"), "utf8");
  EXPECT_EQ(r.column("m"), (Strings{"\"{\"a\":1}\"", "\"[1,2]\"", "\"7\""}));
  EXPECT_EQ(r.type("l"), "list<utf8>");
  EXPECT_EQ(r.column("l"), (Strings{"[\"1\",\"x\",\"{\"k\":[true]}\"]", "[\"2.50\"]", "null"}));
  EXPECT_EQ(r.type("s"), "utf8");
  EXPECT_EQ(r.column("s"), (Strings{"\"plain\"", "\"{\"a\":\"\\u00e9 \\\" \"}\"", "\"3\""}));
  // Mixed kinds at a deeper level make only that field text.
  EXPECT_EQ(r.type("d"), "struct<x:utf8>");
  EXPECT_EQ(r.column("d"), (Strings{"{x:\"1\"}", "{x:\"[1]\"}", "{x:\"{\"y\":null}\"}"}));
}

TEST(NdjsonNested, ErrorsAfterTheSampleNameTheKeyPath) {
  NdjsonOptions o;
  o.infer_rows = 1;
  const std::string first = R"({"a": {"b": [1, 2]}, "c": [{"d": "2024-01-01"}]})"
                            "\n";
  const std::string tail = " (type inferred from the first 1 rows; use --schema ";
  const std::vector<std::pair<std::string, std::string>> cases = {
      {R"({"a": {"b": [1, "x"]}})",
       "key 'a.b[1]': \"x\" is not a valid int64" + tail + "a:struct<b:list<utf8>> to override)"},
      {R"({"a": {"b": [1, 2.5]}})",
       "key 'a.b[1]': 2.5 is not a valid int64" + tail + "a:struct<b:list<float64>> to override)"},
      {R"({"a": {"b": 5}})",
       "key 'a.b': 5 is not a valid list<int64>" + tail + "a:struct<b:utf8> to override)"},
      {R"({"a": [1, {"b": []}]})", "key 'a': [1,{\"b\":[]}] is not a valid struct<b:list<int64>>" +
                                       tail + "a:utf8 to override)"},
      {R"({"c": [{"d": "2024-01-01"}, {"d": "soon"}]})",
       "key 'c[1].d': \"soon\" is not a valid date32" + tail +
           "c:list<struct<d:utf8>> to override)"},
      {R"({"c": [{"d": "2024-01-01"}, 3]})",
       "key 'c[1]': 3 is not a valid struct<d:date32>" + tail + "c:list<utf8> to override)"},
      {R"({"a": {"b": [1], "z": 1}})",
       "key 'a.z': the key is not in the first 1 objects, which set the struct's fields; raise "
       "--infer-rows to include it"},
      {R"({"a": {"b": [1], "b": [2]}})", "key 'a.b': the key appears twice in the object"},
      {R"({"c": [{"d": null, "d": null}]})", "key 'c[0].d': the key appears twice in the object"},
      {R"({"a": {"b": [1,]}})",
       "byte 16: invalid JSON: expected a value, found ']' (in the value of key 'a.b[1]')"},
      {"{\"a\": {\"b\xC3\": 1}}", "key 'a': invalid UTF-8 in a key"},
      {"{\"c\": [{\"d\": \"\xC3\"}]}", "key 'c[0].d': invalid UTF-8 in a string"},
  };
  for (const auto& [line, message] : cases) {
    EXPECT_EQ(read_error(first + line + "\n", o), "in.ndjson: line 2, " + message) << line;
  }
  // Too deep: an error at the first bracket too many, wherever it is.
  const std::string deep = "{\"a\": " + std::string(200, '[') + std::string(200, ']') + "}\n";
  const std::string e = read_error(deep);
  EXPECT_EQ(e.rfind("in.ndjson: line 1, key 'a[0][0]", 0), 0u) << e;
  EXPECT_TRUE(e.ends_with("': objects and arrays nest deeper than 100 levels")) << e;
}

TEST(NdjsonNested, DeepNestingWithinTheCap) {
  // 98 arrays inside the "a" key: 99 containers with the line's object... plus
  // one object at the bottom makes exactly 100.
  std::string line =
      "{\"a\": " + std::string(98, '[') + "{\"x\": 1}" + std::string(98, ']') + "}\n";
  const Rows r = read(line + line);
  std::string type = "struct<x:int64>";
  std::string value = "{x:1}";
  for (int i = 0; i < 98; ++i) {
    type = "list<" + type + ">";
    value = "[" + value + "]";
  }
  EXPECT_EQ(r.type("a"), type);
  EXPECT_EQ(r.column("a"), (Strings{value, value}));
}

TEST(NdjsonNested, SchemaOverridesNestedTypes) {
  NdjsonOptions o;
  o.schema = "t:list<int32>,s:struct<x:int8,y:list<utf8>,j:utf8>,L:large_list<bool>";
  const Rows r = read(
      R"({"t": [1, "12", null], "s": {"x": "5", "y": ["a", 1, true], "j": {"k": [1, 2]}}, "L": [true, "no"]})"
      "\n"
      R"({"t": [], "s": {"x": -3}, "L": null})"
      "\n",
      o);
  EXPECT_EQ(r.type("t"), "list<int32>");
  EXPECT_EQ(r.column("t"), (Strings{"[1,12,null]", "[]"}));
  EXPECT_EQ(r.type("s"), "struct<x:int8,y:list<utf8>,j:utf8>");
  // The override's fields, whatever the sample had; keys it lacks are null.
  EXPECT_EQ(r.column("s"), (Strings{"{x:5,y:[\"a\",\"1\",\"true\"],j:\"{\"k\":[1,2]}\"}",
                                    "{x:-3,y:null,j:null}"}));
  EXPECT_EQ(r.schema.children[2].format, "+L");
  EXPECT_EQ(r.column("L"), (Strings{"[true,false]", "null"}));

  o.schema = "s:struct<x:int8>";
  EXPECT_EQ(read_error(R"({"s": {"x": 1, "q": 2}})", o),
            "in.ndjson: line 1, key 's.q': the key is not a field of the struct --schema sets");
  o.schema = "t:list<int32>";
  EXPECT_EQ(read_error(R"({"t": [300000000000]})", o),
            "in.ndjson: line 1, key 't[0]': 300000000000 is not a valid int32 (the type --schema "
            "sets)");
  EXPECT_EQ(read_error(R"({"t": {"a": 1}})", o),
            "in.ndjson: line 1, key 't': {\"a\":1} is not a valid list<int32> (the type --schema "
            "sets)");
  // A nested column forced to text: its JSON.
  o.schema = "s:utf8";
  const Rows text = read(R"({"s": {"a": [1, {"b": null}]}})", o);
  EXPECT_EQ(text.column("s"), (Strings{"\"{\"a\":[1,{\"b\":null}]}\""}));
}

TEST(NdjsonNested, CsvRejectsNestedOverrides) {
  CsvOptions o;
  o.schema = "a:list<int64>";
  EXPECT_EQ(error_of([&] { open_csv_reader(InputSource::from_string("a\n1\n", "in.csv"), o); }),
            "--schema: column 'a' is list<int64>, but CSV fields are flat text; nested types are "
            "read from NDJSON");
}

TEST(NdjsonNested, EveryBatchStartsItsOffsetsAtZero) {
  std::string text;
  Strings expected;
  for (int i = 0; i < 7; ++i) {
    std::string items;
    for (int k = 0; k < i; ++k) items += (k ? "," : "") + std::to_string(k);
    text += "{\"l\": [" + items + "]}\n";
    expected.push_back("[" + items + "]");
  }
  NdjsonOptions o;
  o.batch_rows = 3;
  o.infer_rows = 2;  // batches of replayed and of fresh lines alike
  const Rows r = read(text, o);
  EXPECT_EQ(r.batch_rows, (std::vector<int64_t>{3, 3, 1}));
  EXPECT_EQ(r.column("l"), expected);
  auto reader = open(text, o);
  ArrowArray batch;
  std::vector<std::vector<int32_t>> offsets;
  while (reader->next(&batch)) {
    const ArrowArray* l = batch.children[0];
    offsets.push_back(buffer<int32_t>(l, 1, static_cast<size_t>(l->length) + 1));
    EXPECT_EQ(l->children[0]->length, offsets.back().back());
    batch.release(&batch);
  }
  EXPECT_EQ(offsets, (std::vector<std::vector<int32_t>>{{0, 0, 1, 3}, {0, 3, 7, 12}, {0, 6}}));
}

// Random nested JSON, valid or not: every input ends in validated batches or
// in spillway::Error.
std::string random_value(std::mt19937& rng, int depth) {
  switch (rng() % (depth > 4 ? 5 : 8)) {
    case 0:
      return "null";
    case 1:
      return rng() % 2 ? "true" : "false";
    case 2:
      return std::to_string(static_cast<int>(rng() % 200) - 100);
    case 3:
      return "1.5";
    case 4:
      return "\"s" + std::to_string(rng() % 3) + "\"";
    case 5:
    case 6: {
      std::string out = "{";
      const int n = static_cast<int>(rng() % 4);
      for (int k = 0; k < n; ++k) {
        out += (k ? "," : "") + std::string("\"k") + std::to_string(rng() % 4) +
               "\":" + random_value(rng, depth + 1);
      }
      return out + "}";
    }
    default: {
      std::string out = "[";
      const int n = static_cast<int>(rng() % 4);
      for (int k = 0; k < n; ++k) out += (k ? "," : "") + random_value(rng, depth + 1);
      return out + "]";
    }
  }
}

TEST(NdjsonNested, RandomNestedInputsNeverCrash) {
  std::mt19937 rng(5);
  size_t converted = 0;
  for (int round = 0; round < 1500; ++round) {
    std::string text;
    const int lines = 1 + static_cast<int>(rng() % 6);
    for (int l = 0; l < lines; ++l) {
      text += "{\"a\":" + random_value(rng, 1) + ",\"b\":" + random_value(rng, 1) + "}\n";
    }
    if (round % 4 == 3 && !text.empty()) text.erase(rng() % text.size(), 1);  // break something
    NdjsonOptions o;
    o.infer_rows = 1 + rng() % 4;
    o.batch_rows = 1 + rng() % 3;
    try {
      test::drain_validated(*open(text, o));
      ++converted;
    } catch (const Error&) {
    }
  }
  EXPECT_GT(converted, 300u);  // many inputs fit their sample
}

}  // namespace
}  // namespace spillway::cli

#include "input/ndjson_reader.h"

#include <gtest/gtest.h>

#include <random>

#include "reader_test_util.h"
#include "spillway/spillway.h"
#include "support/parquet_verifier.h"

namespace spillway::cli {
namespace {

using test::error_of;
using test::Table;
using test::Values;

std::unique_ptr<BatchReader> open(const std::string& text, NdjsonOptions options = {}) {
  return open_ndjson_reader(InputSource::from_string(text, "in.ndjson"), options);
}

Table read(const std::string& text, NdjsonOptions options = {}) {
  auto reader = open(text, options);
  return test::read_all(*reader);
}

std::string read_error(const std::string& text, NdjsonOptions options = {}) {
  return error_of([&] { read(text, options); });
}

std::vector<std::string> names(const Table& t) {
  std::vector<std::string> out;
  for (const auto& f : t.schema.children) out.push_back(f.name);
  return out;
}

TEST(NdjsonReader, InfersScalarKindsWithExactValues) {
  const Table t = read(
      "{\"i\": 1, \"f\": 1.5, \"b\": true, \"s\": \"x\", \"n\": null}\n"
      "{\"i\": -9223372036854775808, \"f\": 2, \"b\": false, \"s\": \"\", \"n\": null}\n"
      "{\"f\": -1e-3, \"i\": 9223372036854775807, \"s\": \"caf\\u00e9\"}\n");
  EXPECT_EQ(names(t), (std::vector<std::string>{"i", "f", "b", "s", "n"}));
  EXPECT_EQ(t.type("i"), "l");
  EXPECT_EQ(t.type("f"), "g");  // int mixed with float
  EXPECT_EQ(t.type("b"), "b");
  EXPECT_EQ(t.type("s"), "u");
  EXPECT_EQ(t.type("n"), "u");  // only nulls
  EXPECT_EQ(t.column("i"), (Values{"1", "-9223372036854775808", "9223372036854775807"}));
  EXPECT_EQ(t.column("f"), (Values{"1.5", "2", "-0.001"}));
  EXPECT_EQ(t.column("b"), (Values{"true", "false", std::nullopt}));  // absent: null
  EXPECT_EQ(t.column("s"), (Values{"x", "", "caf\xC3\xA9"}));
  EXPECT_EQ(t.column("n"), (Values{std::nullopt, std::nullopt, std::nullopt}));
  EXPECT_FALSE(t.has_validity[0]);
  EXPECT_TRUE(t.has_validity[2]);
}

TEST(NdjsonReader, KeysInFirstSeenOrderAcrossTheSample) {
  const Table t = read("{\"b\":1}\n{\"a\":2,\"b\":3}\n{}\n{\"c\":\"z\",\"a\":4}\n");
  EXPECT_EQ(names(t), (std::vector<std::string>{"b", "a", "c"}));
  EXPECT_EQ(t.column("b"), (Values{"1", "3", std::nullopt, std::nullopt}));
  EXPECT_EQ(t.column("a"), (Values{std::nullopt, "2", std::nullopt, "4"}));
  EXPECT_EQ(t.column("c"), (Values{std::nullopt, std::nullopt, std::nullopt, "z"}));
}

TEST(NdjsonReader, MixedKindsBecomeTextAndBigIntegersFloats) {
  const Table t = read(
      "{\"m\": 1.50, \"k\": true, \"big\": 99999999999999999999}\n"
      "{\"m\": \"x\", \"k\": 2, \"big\": 1}\n"
      "{\"m\": false, \"k\": null, \"big\": -1}\n");
  EXPECT_EQ(t.type("m"), "u");
  EXPECT_EQ(t.column("m"), (Values{"1.50", "x", "false"}));  // JSON text as written
  EXPECT_EQ(t.type("k"), "u");
  EXPECT_EQ(t.column("k"), (Values{"true", "2", std::nullopt}));
  EXPECT_EQ(t.type("big"), "g");
  EXPECT_EQ(t.column("big"), (Values{"1e+20", "1", "-1"}));
}

TEST(NdjsonReader, TemporalStringsAsDuckDbReadsThem) {
  const Table t = read(
      "{\"d\":\"2024-01-02\",\"ts\":\"2024-01-02T03:04:05.123456\",\"tz\":\"2024-01-02 "
      "03:04:05Z\",\"t\":\"10:00:00\",\"num\":\"12\"}\n"
      "{\"d\":\"1969-12-31\",\"ts\":\"2024-12-31 10:00:00\",\"tz\":\"2024-12-31T10:00:00+01:00\","
      "\"t\":\"23:59\",\"num\":\"13\"}\n");
  EXPECT_EQ(t.type("d"), "tdD");
  EXPECT_EQ(t.column("d"), (Values{"19724", "-1"}));
  EXPECT_EQ(t.type("ts"), "tsu:");
  EXPECT_EQ(t.column("ts"), (Values{"1704164645123456", "1735639200000000"}));
  EXPECT_EQ(t.type("tz"), "tsu:UTC");
  EXPECT_EQ(t.column("tz"), (Values{"1704164645000000", "1735635600000000"}));
  EXPECT_EQ(t.type("t"), "ttu");
  EXPECT_EQ(t.type("num"), "u");  // numbers in strings stay strings
}

TEST(NdjsonReader, StringEscapes) {
  const Table t = read(
      "{\"s\": \"q\\\" b\\\\ s\\/ \\b\\f\\n\\r\\t \\u0041\\u00e9\\u20ac\\ud83d\\ude00 \\u0000\"}\n"
      "{\"s\": \"raw \xF0\x9F\x98\x80 \xE2\x82\xAC\"}\n");
  EXPECT_EQ(t.column("s"),
            (Values{std::string("q\" b\\ s/ \b\f\n\r\t A\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80 ") +
                        std::string(1, '\0'),
                    "raw \xF0\x9F\x98\x80 \xE2\x82\xAC"}));
}

TEST(NdjsonReader, BlankLinesBomCrlfAndNoFinalNewline) {
  const Table t = read("\xEF\xBB\xBF{\"a\":1}\r\n\r\n   \n{\"a\":2}\r\n\t{ \"a\" : 3 } ");
  EXPECT_EQ(t.column("a"), (Values{"1", "2", "3"}));
}

TEST(NdjsonReader, Overrides) {
  NdjsonOptions o;
  o.schema = "i:int8,s:int32,d:date32,ts:timestamp[ms],dec:decimal(6,2),f:float32,x:utf8,b:bool";
  const Table t = read(
      "{\"i\":1,\"s\":\"12\",\"d\":\"2024-01-02\",\"ts\":\"1970-01-01T00:00:01\",\"dec\":1.25,"
      "\"f\":0.5,\"x\":7,\"b\":\"TRUE\"}\n"
      "{\"i\":-128,\"s\":-3,\"d\":null,\"ts\":\"1970-01-01 00:00:00.5\",\"dec\":\"-3\","
      "\"f\":1e2,\"x\":\"y\",\"b\":false}\n",
      o);
  EXPECT_EQ(t.type("i"), "c");
  EXPECT_EQ(t.column("i"), (Values{"1", "-128"}));
  EXPECT_EQ(t.column("s"), (Values{"12", "-3"}));  // a JSON string parsed as int32
  EXPECT_EQ(t.column("d"), (Values{"19724", std::nullopt}));
  EXPECT_EQ(t.column("ts"), (Values{"1000", "500"}));
  EXPECT_EQ(t.column("dec"), (Values{"125", "-300"}));
  EXPECT_EQ(t.column("f"), (Values{"0.5", "100"}));
  EXPECT_EQ(t.column("x"), (Values{"7", "y"}));
  EXPECT_EQ(t.column("b"), (Values{"true", "false"}));
  o.schema = "i:int8";
  EXPECT_EQ(read_error("{\"i\":1}\n{\"i\":300}\n", o),
            "in.ndjson: line 2, key 'i': 300 is not a valid int8 (the type --schema sets)");
  o.schema = "zz:int8";
  EXPECT_EQ(read_error("{\"i\":1}\n", o),
            "--schema names column 'zz', but in.ndjson has no such column (columns: i)");
}

TEST(NdjsonReader, ValuesNotMatchingTheSample) {
  NdjsonOptions o;
  o.infer_rows = 2;
  EXPECT_EQ(read_error("{\"a\":1}\n{\"a\":2}\n{\"a\":1.5}\n", o),
            "in.ndjson: line 3, key 'a': 1.5 is not a valid int64 (type inferred from the first "
            "2 rows; use --schema a:float64 to override)");
  EXPECT_EQ(read_error("{\"a\":1}\n{\"a\":2}\n{\"a\":\"3\"}\n", o),
            "in.ndjson: line 3, key 'a': \"3\" is not a valid int64 (type inferred from the "
            "first 2 rows; use --schema a:utf8 to override)");
  EXPECT_EQ(read_error("{\"a\":true}\n{\"a\":false}\n{\"a\":1}\n", o),
            "in.ndjson: line 3, key 'a': 1 is not a valid bool (type inferred from the first 2 "
            "rows; use --schema a:utf8 to override)");
  EXPECT_EQ(read_error("{\"a\":\"2024-01-01\"}\n{\"a\":\"2024-01-02\"}\n{\"a\":\"soon\"}\n", o),
            "in.ndjson: line 3, key 'a': \"soon\" is not a valid date32 (type inferred from the "
            "first 2 rows; use --schema a:utf8 to override)");
  EXPECT_EQ(read_error("{\"a\":1}\n\n{\"a\":2}\n{\"a\":3,\"b\":4}\n", o),
            "in.ndjson: line 4, key 'b': the key is not in the first 2 objects, which set the "
            "columns; raise --infer-rows to include it");
  // Into a utf8 column everything goes, as JSON text.
  const Table t = read("{\"a\":\"x\"}\n{\"a\":\"y\"}\n{\"a\":4.0}\n{\"a\":true}\n", o);
  EXPECT_EQ(t.column("a"), (Values{"x", "y", "4.0", "true"}));
}

TEST(NdjsonReader, NestedAndInvalidJson) {
  // Nested values are read (ndjson_nested_test.cc); after the sample, one
  // where the column holds a scalar is an error naming it.
  NdjsonOptions o;
  o.infer_rows = 1;
  EXPECT_EQ(read_error("{\"a\":1}\n{\"a\":[]}\n", o),
            "in.ndjson: line 2, key 'a': [] is not a valid int64 (type inferred from the first 1 "
            "rows; use --schema a:utf8 to override)");
  EXPECT_EQ(read_error("{\"a\":\"x\"}\n{\"a\":true}\n{\"a\":{\"b\": [1]}}\n", o),
            "");  // a utf8 column takes anything, as text
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"[1]", "byte 1: invalid JSON: expected a JSON object ('{'), found '['"},
      {"42", "byte 1: invalid JSON: expected a JSON object ('{'), found '4'"},
      {"{\"a\":1",
       "byte 7: invalid JSON: expected ',' or '}' after the value, found the end "
       "of the line (in the value of key 'a')"},
      {"{\"a\":1,}", "byte 8: invalid JSON: expected a key string, found '}'"},
      {"{\"a\" 1}",
       "byte 6: invalid JSON: expected ':' after the key, found '1' (in the value "
       "of key 'a')"},
      {"{\"a\":01}",
       "byte 6: invalid JSON: a number cannot have a leading zero (in the value "
       "of key 'a')"},
      {"{\"a\":1.}",
       "byte 6: invalid JSON: a number needs digits after '.' (in the value of "
       "key 'a')"},
      {"{\"a\":1e}",
       "byte 6: invalid JSON: a number needs digits in its exponent (in the "
       "value of key 'a')"},
      {"{\"a\":+1}",
       "byte 6: invalid JSON: expected a value, found '+' (in the value of key "
       "'a')"},
      {"{\"a\":tru}",
       "byte 6: invalid JSON: expected a value, found 't' (in the value of key "
       "'a')"},
      {"{\"a\":\"x}",
       "byte 6: invalid JSON: a string is not closed before the end of the line "
       "(in the value of key 'a')"},
      {"{\"a\":\"\\x\"}", "byte 7: invalid JSON: unknown escape \\x (in the value of key 'a')"},
      {"{\"a\":\"\\u12\"}",
       "byte 7: invalid JSON: \\u must be followed by 4 hex digits (in "
       "the value of key 'a')"},
      {"{\"a\":\"\\ud800\"}",
       "byte 7: invalid JSON: a high surrogate \\u escape without its "
       "low surrogate (in the value of key 'a')"},
      {"{\"a\":\"\\udc00\"}",
       "byte 7: invalid JSON: a lone low surrogate \\u escape (in the "
       "value of key 'a')"},
      {"{\"a\":\"tab\there\"}",
       "byte 10: invalid JSON: a control character in a string must "
       "be escaped (in the value of key 'a')"},
      {"{\"a\":1} {\"b\":2}",
       "byte 9: invalid JSON: unexpected '{' after the object (one "
       "object per line)"},
  };
  for (const auto& [line, message] : cases) {
    EXPECT_EQ(read_error(line + "\n"), "in.ndjson: line 1, " + message) << line;
  }
  EXPECT_EQ(read_error("{\"a\":\"x\xFFy\"}\n"),
            "in.ndjson: line 1, key 'a': invalid UTF-8 in a string");
  EXPECT_EQ(read_error("{\"k\xC3\":1}\n"), "in.ndjson: line 1, byte 4: invalid UTF-8 in a key");
  EXPECT_EQ(read_error("{\"a\":1,\"a\":2}\n"),
            "in.ndjson: line 1, key 'a': the key appears twice in the object");
  EXPECT_EQ(read_error("{\"a\":1}\n{\"a\":1,\"a\":2}\n", o),
            "in.ndjson: line 2, key 'a': the key appears twice in the object");
}

TEST(NdjsonReader, EmptyInputAndLongLines) {
  EXPECT_EQ(read_error(""),
            "in.ndjson: no keys in the first 10000 objects, so no columns to write (is the "
            "input empty?)");
  EXPECT_EQ(read_error("\n{}\n"),
            "in.ndjson: no keys in the first 10000 objects, so no columns to write (is the "
            "input empty?)");
  NdjsonOptions o;
  o.max_line_bytes = 100;
  EXPECT_EQ(read_error("{\"a\":1}\n{\"a\":\"" + std::string(300000, 'x') + "\"}\n", o),
            "in.ndjson: line 2 is longer than 100 bytes");
  EXPECT_EQ(read_error("{\"a\":\"" + std::string(200, 'x') + "\"}", o),
            "in.ndjson: line 1 is longer than 100 bytes");
}

std::string numbered(size_t n, size_t pad = 0) {
  std::string s;
  for (size_t i = 0; i < n; ++i) {
    s += "{\"n\":" + std::to_string(i) + ",\"s\":\"" + std::string(pad, 'x') + "\"}\n";
  }
  return s;
}

TEST(NdjsonReader, BatchesByRowsAndBytes) {
  NdjsonOptions o;
  o.batch_rows = 100;
  o.infer_rows = 250;
  const std::string text = numbered(1000);
  auto reader = open(text, o);
  const Table t = test::read_all(*reader);
  EXPECT_EQ(t.batch_rows, std::vector<int64_t>(10, 100));
  for (size_t i = 0; i < 1000; ++i) ASSERT_EQ(t.column("n")[i], std::to_string(i));
  EXPECT_EQ(reader->bytes_read(), text.size());
  for (size_t b = 1; b < t.bytes_after.size(); ++b) {
    EXPECT_GT(t.bytes_after[b], t.bytes_after[b - 1]);
  }

  NdjsonOptions by_bytes;
  by_bytes.batch_bytes = 10000;
  const std::string fat = numbered(300, 3000);  // ~3 KiB lines: 4 a batch
  const Table u = read(fat, by_bytes);
  EXPECT_EQ(u.batch_rows, std::vector<int64_t>(75, 4));
  EXPECT_EQ(u.column("s")[299], std::string(3000, 'x'));
}

TEST(NdjsonReader, LinesAcrossReadChunks) {
  std::string text;
  std::vector<std::string> expected;
  std::mt19937 rng(3);
  for (int i = 0; text.size() < 900 * 1024; ++i) {
    std::string v(rng() % 5000, 'a' + static_cast<char>(i % 26));
    expected.push_back(v);
    text += "{\"v\":\"" + v + "\"}\n";
  }
  const Table t = read(text);
  ASSERT_EQ(t.column("v").size(), expected.size());
  for (size_t i = 0; i < expected.size(); ++i) ASSERT_EQ(t.column("v")[i], expected[i]) << i;
}

void read_anything(const std::string& text, const NdjsonOptions& o) {
  try {
    test::drain_validated(*open(text, o));
  } catch (const Error&) {
  }
}

TEST(NdjsonReader, RandomBytesAndTruncationsNeverCrash) {
  std::mt19937 rng(11);
  const std::string alphabet = "{}[]\":,\\u0123456789abcdefnulltruefalse.eE+- \n\r\t\xC3\xA9\xFF";
  for (int round = 0; round < 4000; ++round) {
    const std::string text = test::random_text(rng, 60, alphabet, round % 3 == 0);
    NdjsonOptions o;
    o.infer_rows = 1 + rng() % 3;
    o.batch_rows = 1 + rng() % 2;
    read_anything(round % 2 ? "{\"a\":1}\n" + text : text, o);
  }
  const std::string valid =
      "\xEF\xBB\xBF{\"a\": 1, \"b\": \"x\\u00e9\\ud83d\\ude00\", \"c\": [1]}\n"
      "{\"a\": -2.5e3, \"b\": null, \"d\": true}\r\n";
  for (size_t n = 0; n <= valid.size(); ++n) {
    read_anything(valid.substr(0, n), {});
    std::string patched = valid.substr(0, n);
    const size_t bracket = patched.find('[');
    if (bracket != std::string::npos) patched.replace(bracket, 3, "  1");  // "c" flat
    NdjsonOptions o;
    o.infer_rows = 1;
    read_anything(patched, o);
  }
}

TEST(NdjsonReader, EndToEndThroughArrowWriter) {
  const std::string text =
      "{\"id\": 1, \"score\": 1.5, \"ok\": true, \"name\": \"alpha\", \"day\": \"2024-01-02\"}\n"
      "{\"id\": 2, \"ok\": false, \"name\": null, \"day\": \"1969-12-31\"}\n"
      "{\"id\": 3, \"score\": -0.25, \"name\": \"g\\\"amma\"}\n";
  NdjsonOptions o;
  o.batch_rows = 2;
  auto reader = open(text, o);

  const spillway::test::DecodedFile file = cli::test::write_and_decode(*reader);
  ASSERT_EQ(file.columns.size(), 5u);
  using spillway::test::plain;
  using Flat = std::vector<std::optional<std::string>>;
  EXPECT_EQ(spillway::test::flat_values(file.columns[0]),
            (Flat{plain<int64_t>(1), plain<int64_t>(2), plain<int64_t>(3)}));
  EXPECT_EQ(spillway::test::flat_values(file.columns[1]),
            (Flat{plain<double>(1.5), std::nullopt, plain<double>(-0.25)}));
  EXPECT_EQ(spillway::test::flat_values(file.columns[2]),
            (Flat{std::string(1, '\1'), std::string(1, '\0'), std::nullopt}));
  EXPECT_EQ(spillway::test::flat_values(file.columns[3]), (Flat{"alpha", std::nullopt, "g\"amma"}));
  EXPECT_EQ(spillway::test::flat_values(file.columns[4]),
            (Flat{plain<int32_t>(19724), plain<int32_t>(-1), std::nullopt}));
}

}  // namespace
}  // namespace spillway::cli

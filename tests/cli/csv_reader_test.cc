#include "input/csv_reader.h"

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
using V = std::optional<std::string>;

std::unique_ptr<BatchReader> open(const std::string& text, CsvOptions options = {}) {
  return open_csv_reader(InputSource::from_string(text, "in.csv"), options);
}

Table read(const std::string& text, CsvOptions options = {}) {
  auto reader = open(text, options);
  return test::read_all(*reader);
}

std::string read_error(const std::string& text, CsvOptions options = {}) {
  return error_of([&] { read(text, options); });
}

TEST(CsvReader, InfersEveryTypeWithExactValues) {
  const Table t = read(
      "i,f,b,d,ts,tz,s,tm\n"
      "1,1.5,true,2024-01-02,2024-01-02T03:04:05.123456,2024-01-02T03:04:05Z,hello,10:00:00\n"
      "-9223372036854775808,-2e3,False,1969-12-31,2024-12-31 10:00:00,"
      "2024-12-31T10:00:00+01:00,\"wo,rld\",23:59:59.25\n"
      "9223372036854775807,.5,TRUE,2024-02-29,1969-12-31T23:59:59.5,"
      "2024-12-31T10:00:00-05:30,\xC3\xA9t\xC3\xA9,00:01\n");
  EXPECT_EQ(t.type("i"), "l");
  EXPECT_EQ(t.type("f"), "g");
  EXPECT_EQ(t.type("b"), "b");
  EXPECT_EQ(t.type("d"), "tdD");
  EXPECT_EQ(t.type("ts"), "tsu:");
  EXPECT_EQ(t.type("tz"), "tsu:UTC");
  EXPECT_EQ(t.type("s"), "u");
  EXPECT_EQ(t.type("tm"), "ttu");
  EXPECT_EQ(t.column("i"), (Values{"1", "-9223372036854775808", "9223372036854775807"}));
  EXPECT_EQ(t.column("f"), (Values{"1.5", "-2000", "0.5"}));
  EXPECT_EQ(t.column("b"), (Values{"true", "false", "true"}));
  EXPECT_EQ(t.column("d"), (Values{"19724", "-1", "19782"}));
  EXPECT_EQ(t.column("ts"), (Values{"1704164645123456", "1735639200000000", "-500000"}));
  EXPECT_EQ(t.column("tz"), (Values{"1704164645000000", "1735635600000000", "1735659000000000"}));
  EXPECT_EQ(t.column("s"), (Values{"hello", "wo,rld", "\xC3\xA9t\xC3\xA9"}));
  EXPECT_EQ(t.column("tm"), (Values{"36000000000", "86399250000", "60000000"}));
  EXPECT_EQ(t.batch_rows, (std::vector<int64_t>{3}));
  for (bool v : t.has_validity) EXPECT_FALSE(v);  // no nulls: no bitmap
}

// What DuckDB 1.5's CSV sniffer reads for one column (checked with
// read_csv): BIGINT l, DOUBLE g, BOOLEAN b, DATE tdD, TIMESTAMP tsu:,
// TIMESTAMPTZ tsu:UTC, TIME ttu, VARCHAR u.
TEST(CsvReader, InferenceMatchesDuckDbForSimpleColumns) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"0\n1", "l"},
      {"t\nf", "b"},
      {"TRUE\nfalse", "b"},
      {"yes\nno", "b"},
      {"y\nn", "u"},
      {"007\n1", "u"},  // leading zeros stay text
      {"00.5\n1", "u"},
      {"0\n-0", "l"},
      {"+5\n1", "u"},
      {"inf\n1.5", "u"},
      {"1e5\n.5", "g"},
      {"5.\n1", "g"},
      {"1.0\n2", "g"},
      {"99999999999999999999\n1", "g"},  // past int64
      {"9223372036854775807\n-9223372036854775808", "l"},
      {"1_000\n2", "u"},
      {"-\n2", "u"},
      {"2024-01-02\n2024-12-31", "tdD"},
      {"2024-1-2\n2024-12-31", "tdD"},
      {"2024-02-29\n2023-02-29", "u"},           // not a leap year
      {"2024-01-02\n2024-12-31 10:00:00", "u"},  // dates and timestamps mixed
      {"2024-01-02T03:04:05.123456\n2024-12-31 10:00:00", "tsu:"},
      {"2024-01-02 03:04\n2024-01-03 10:00:00", "tsu:"},
      {"2024-01-01 10:00:60\n2024-01-01 10:00:01", "u"},
      {"2024-01-02T03:04:05Z\n2024-12-31 10:00:00+01:00", "tsu:UTC"},
      {"2024-01-02T03:04:05+0100\n2024-01-03 10:00:00Z", "tsu:UTC"},
      {"2024-01-02T03:04:05+01\n2024-01-03 10:00:00Z", "tsu:UTC"},
      {"2024-01-02T03:04:05z\n2024-01-03 10:00:00Z", "u"},
      {"2024-01-02T03:04:05 +01:00\n2024-01-03 10:00:00Z", "u"},
      {"10:00:00\n23:59:59.5", "ttu"},
      {"10:00\n23:59", "ttu"},
      {"\"1\"\n\"2\"", "l"},  // quoting does not make text
      {"\"1,000\"\n2", "u"},
      {"x\n1", "u"},
  };
  for (const auto& [values, format] : cases) {
    const Table t = read("a,b\n" + [&] {
      std::string rows;
      size_t start = 0;
      while (start <= values.size()) {
        size_t nl = values.find('\n', start);
        if (nl == std::string::npos) nl = values.size();
        rows += values.substr(start, nl - start) + ",x\n";
        start = nl + 1;
      }
      return rows;
    }());
    EXPECT_EQ(t.type("a"), format) << values;
  }
}

TEST(CsvReader, OnlyNullsIsUtf8AndEmptyIsNullOutsideStrings) {
  const Table t = read("a,b,c\n,\"\",1\n,x,\"\"\n");
  EXPECT_EQ(t.type("a"), "u");  // no value in the sample
  EXPECT_EQ(t.column("a"), (Values{std::nullopt, std::nullopt}));
  EXPECT_EQ(t.type("b"), "u");
  EXPECT_EQ(t.column("b"), (Values{"", "x"}));  // quoted "" is the empty string
  EXPECT_EQ(t.type("c"), "l");
  EXPECT_EQ(t.column("c"), (Values{"1", std::nullopt}));  // quoted "" is null for ints
  EXPECT_TRUE(t.has_validity[0]);
  EXPECT_FALSE(t.has_validity[1]);
  EXPECT_TRUE(t.has_validity[2]);
}

TEST(CsvReader, NullMarkersApplyOnlyUnquoted) {
  CsvOptions o;
  o.null_values = {"NA", "null"};
  const Table t = read("s,i\nNA,1\n\"NA\",NA\n,null\nnull,\"\"\n", o);
  EXPECT_EQ(t.type("i"), "l");
  EXPECT_EQ(t.column("s"), (Values{std::nullopt, "NA", "", std::nullopt}));
  EXPECT_EQ(t.column("i"), (Values{"1", std::nullopt, std::nullopt, std::nullopt}));
}

TEST(CsvReader, QuotingAndLineEnds) {
  // CRLF, a lone CR, doubled quotes, delimiters and line breaks inside
  // quotes, a final line without a line break, trailing empty field.
  const Table t = read(
      "a,b\r\n"
      "\"x,y\",\"say \"\"hi\"\"\"\r\n"
      "\"two\nlines\",\"crlf\r\ninside\"\r"
      "plain\"quote,\r\n"
      "last,\"\"");
  EXPECT_EQ(t.column("a"), (Values{"x,y", "two\nlines", "plain\"quote", "last"}));
  EXPECT_EQ(t.column("b"), (Values{"say \"hi\"", "crlf\r\ninside", std::nullopt, ""}));
}

TEST(CsvReader, BomDelimiterQuoteEscape) {
  CsvOptions o;
  o.delimiter = ';';
  o.quote = '\'';
  o.escape = '\\';
  const Table t = read("\xEF\xBB\xBFid;text\n1;'it\\'s; ok'\n2;'back\\\\slash'\n3;'x''y'\n", o);
  EXPECT_EQ(t.schema.children[0].name, "id");
  EXPECT_EQ(t.column("id"), (Values{"1", "2", "3"}));
  EXPECT_EQ(t.column("text"), (Values{"it's; ok", "back\\slash", "x'y"}));

  CsvOptions tab;
  tab.delimiter = '\t';
  const Table u = read("a\tb\n1\t\"q\tq\"\n", tab);
  EXPECT_EQ(u.column("b"), (Values{"q\tq"}));
}

TEST(CsvReader, BlankLinesAreSkipped) {
  const Table t = read("\na,b\n\n1,x\r\n\r\n2,y\n\n");
  EXPECT_EQ(t.column("a"), (Values{"1", "2"}));
}

TEST(CsvReader, HeaderOff) {
  CsvOptions o;
  o.header = false;
  const Table t = read("1,x\n2,y\n", o);
  ASSERT_EQ(t.schema.children.size(), 2u);
  EXPECT_EQ(t.schema.children[0].name, "column0");
  EXPECT_EQ(t.schema.children[1].name, "column1");
  EXPECT_EQ(t.column("column0"), (Values{"1", "2"}));
  EXPECT_EQ(t.type("column0"), "l");
}

TEST(CsvReader, RepeatedAndEmptyHeaderNames) {
  const Table t = read("a,a,,a_1,a\n1,2,3,4,5\n");
  std::vector<std::string> names;
  for (const auto& f : t.schema.children) names.push_back(f.name);
  EXPECT_EQ(names, (std::vector<std::string>{"a", "a_2", "column2", "a_1", "a_3"}));
}

TEST(CsvReader, HeaderOnlyGivesUtf8ColumnsAndNoBatches) {
  const Table t = read("a,b\n");
  EXPECT_EQ(t.type("a"), "u");
  EXPECT_TRUE(t.batch_rows.empty());
}

std::string numbered_rows(size_t n, size_t pad = 0) {
  std::string s = "n,s\n";
  for (size_t i = 0; i < n; ++i) {
    s += std::to_string(i) + "," + std::string(pad, 'x') + std::to_string(i) + "\n";
  }
  return s;
}

TEST(CsvReader, BatchesByRows) {
  CsvOptions o;
  o.batch_rows = 64;
  o.infer_rows = 100;  // the sample's replay and the rest meet mid-batch
  const std::string text = numbered_rows(1000);
  const Table t = read(text, o);
  ASSERT_EQ(t.batch_rows.size(), 16u);
  for (size_t b = 0; b < 15; ++b) EXPECT_EQ(t.batch_rows[b], 64);
  EXPECT_EQ(t.batch_rows[15], 1000 - 15 * 64);
  for (size_t i = 0; i < 1000; ++i) ASSERT_EQ(t.column("n")[i], std::to_string(i));
  for (size_t b = 1; b < t.bytes_after.size(); ++b) {
    EXPECT_GT(t.bytes_after[b], t.bytes_after[b - 1]);
  }
  EXPECT_EQ(t.bytes_after.back(), text.size());
}

TEST(CsvReader, BatchesByBytes) {
  CsvOptions o;
  o.batch_bytes = 4096;
  const std::string text = numbered_rows(500, 1000);  // ~1 KiB rows
  auto reader = open(text, o);
  const Table t = test::read_all(*reader);
  // Rows of 1004 to 1008 bytes: the fifth passes 4096.
  EXPECT_EQ(t.batch_rows, std::vector<int64_t>(100, 5));
  EXPECT_EQ(t.column("n").size(), 500u);
  EXPECT_EQ(t.column("s")[499], std::string(1000, 'x') + "499");
  EXPECT_EQ(reader->bytes_read(), text.size());
}

TEST(CsvReader, FieldsAcrossReadChunks) {
  // Larger than the tokenizer's 256 KiB chunk, with quoted multi-line fields
  // and doubled quotes landing on every offset.
  std::string text = "k,v\n";
  std::vector<std::string> expected;
  std::mt19937 rng(7);
  for (int i = 0; text.size() < 700 * 1024; ++i) {
    std::string v(rng() % 3000, 'a' + static_cast<char>(i % 26));
    if (!v.empty()) v[rng() % v.size()] = '"';
    if (v.size() > 2) v[rng() % v.size()] = '\n';
    expected.push_back(v);
    std::string quoted;
    for (char c : v) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
    text += std::to_string(i) + ",\"" + quoted + "\"\r\n";
  }
  const Table t = read(text);
  const Values& got = t.column("v");
  ASSERT_EQ(got.size(), expected.size());
  for (size_t i = 0; i < expected.size(); ++i) {
    ASSERT_EQ(got[i], expected[i].empty() ? V("") : V(expected[i])) << i;
  }
}

TEST(CsvReader, ValueNotMatchingInferredTypeAfterSample) {
  CsvOptions o;
  o.infer_rows = 3;
  EXPECT_EQ(read_error("id,x\n1,a\n2,b\n\n3,c\n4x,d\n", o),
            "in.csv: line 6, column 'id': '4x' is not a valid int64 (type inferred from the "
            "first 3 rows; use --schema id:utf8 to override)");
  EXPECT_EQ(read_error("id,x\n1,a\n2,b\n3,c\n4.5,d\n", o),
            "in.csv: line 5, column 'id': '4.5' is not a valid int64 (type inferred from the "
            "first 3 rows; use --schema id:float64 to override)");
  EXPECT_EQ(read_error("t\n2024-01-01 00:00:00\n2024-01-01 00:00:01\n2024-01-01 00:00:02\n"
                       "2024-01-01 00:00:00.1234567\n",
                       o),
            "in.csv: line 5, column 't': '2024-01-01 00:00:00.1234567' is not a valid "
            "timestamp[us] (type inferred from the first 3 rows; use --schema t:timestamp[ns] "
            "to override)");
  EXPECT_EQ(read_error("\"a,b\",x\n1,a\n2,b\n3,c\nx,d\n", o),
            "in.csv: line 5, column 'a,b': 'x' is not a valid int64 (type inferred from the "
            "first 3 rows; use --schema \"a,b\":utf8 to override)");
}

TEST(CsvReader, SubMicrosecondFractionsInferNanoseconds) {
  const Table t = read("t\n2024-01-02T03:04:05.123456789\n2024-01-02T03:04:05\n");
  EXPECT_EQ(t.type("t"), "tsn:");
  EXPECT_EQ(t.column("t"), (Values{"1704164645123456789", "1704164645000000000"}));
}

TEST(CsvReader, RaggedRows) {
  EXPECT_EQ(read_error("a,b\n1,2\n3,4,5\n"),
            "in.csv: line 3: expected 2 field(s), as in the header, found 3");
  EXPECT_EQ(read_error("a,b\n\"multi\nline\",2\n3\n"),
            "in.csv: line 4: expected 2 field(s), as in the header, found 1");
  CsvOptions o;
  o.header = false;
  EXPECT_EQ(read_error("1,2\n3\n", o),
            "in.csv: line 2: expected 2 field(s), as on the first line, found 1");
  o.infer_rows = 1;  // after the sample too
  EXPECT_EQ(read_error("1,2\n3,4\n5,6\n7\n", o),
            "in.csv: line 4: expected 2 field(s), as on the first line, found 1");
}

TEST(CsvReader, InvalidUtf8InStringColumn) {
  EXPECT_EQ(read_error("a,s\n1,ok\n2,ab\xFF\n"),
            "in.csv: line 3, column 's': invalid UTF-8 at byte 2 of the value (use --schema "
            "s:binary to keep the bytes)");
  CsvOptions o;
  o.schema = "s:binary";
  const Table t = read("a,s\n1,ok\n2,ab\xFF\n", o);
  EXPECT_EQ(t.type("s"), "z");
  EXPECT_EQ(t.column("s"), (Values{"ok", "ab\xFF"}));
  EXPECT_EQ(read_error("a,\xC3\n1,2\n"),
            "in.csv: line 1, field 2: the column name is not valid UTF-8");
}

TEST(CsvReader, MalformedQuoting) {
  EXPECT_EQ(read_error("a,b\n1,\"open\n2,3\n"),
            "in.csv: line 2, column 'b': the quoted field opened on line 2 is not closed at "
            "the end of the input");
  EXPECT_EQ(read_error("a,b\n1,\"x\"y\n"),
            "in.csv: line 2, column 'b': 'y' after the closing quote (a quote inside a quoted "
            "field must be doubled)");
  CsvOptions o;
  o.escape = '\\';
  EXPECT_EQ(read_error("a\n\"x\\", o),
            "in.csv: line 2, column 'a': the quoted field opened on line 2 is not closed at "
            "the end of the input (it ends in the escape)");
  CsvOptions small;
  small.max_record_bytes = 100;
  EXPECT_EQ(read_error("a\n\"" + std::string(200, 'x'), small),
            "in.csv: line 2, column 'a': the record is larger than 100 bytes (is a quote left "
            "open?)");
}

TEST(CsvReader, EmptyInputAndBadOptions) {
  EXPECT_EQ(read_error(""), "in.csv: the input is empty (no header row)");
  EXPECT_EQ(read_error("\xEF\xBB\xBF\n\n"), "in.csv: the input is empty (no header row)");
  CsvOptions o;
  o.header = false;
  EXPECT_EQ(read_error("", o), "in.csv: the input is empty (no rows)");
  CsvOptions same;
  same.delimiter = '"';
  EXPECT_EQ(read_error("a\n", same), "CSV: the delimiter and the quote are both '\"'");
  CsvOptions nl;
  nl.delimiter = '\n';
  EXPECT_EQ(read_error("a\n", nl), "CSV: the delimiter, quote and escape cannot be line breaks");
}

TEST(CsvReader, SchemaOverridesEveryType) {
  CsvOptions o;
  o.schema =
      "i8:int8, u16:uint16, i32:int32, u64:uint64, f32:float32, f64:float64, s:string, "
      "ls:large_utf8, d:date, t32:time32[s], t64:time64[ns], ts:timestamp[ms], "
      "tz:timestamp[us, tz=UTC], off:timestamp[s, tz=+01:00], dec:decimal(10,2), b:bool";
  const Table t = read(
      "i8,u16,i32,u64,f32,f64,s,ls,d,t32,t64,ts,tz,off,dec,b\n"
      "-128,65535,+7,18446744073709551615,1.5,inf,007,x,2024-01-02,10:00:01,"
      "00:00:00.000000001,2024-01-02 03:04:05.123,2024-01-02T03:04:05,2024-01-02T03:04:05,"
      "-12.5,t\n"
      "127,0,-2147483648,0,-0.25,nan,1,,1970-01-01,00:00:00,23:59:59.999999999,"
      "1970-01-01T00:00:00,2024-01-02T03:04:05+01:00,2024-01-02T03:04:05Z,99999999.99,no\n",
      o);
  EXPECT_EQ(t.type("i8"), "c");
  EXPECT_EQ(t.column("i8"), (Values{"-128", "127"}));
  EXPECT_EQ(t.column("u16"), (Values{"65535", "0"}));
  EXPECT_EQ(t.column("i32"), (Values{"7", "-2147483648"}));
  EXPECT_EQ(t.column("u64"), (Values{"18446744073709551615", "0"}));
  EXPECT_EQ(t.column("f32"), (Values{"1.5", "-0.25"}));
  EXPECT_EQ(t.column("f64"), (Values{"inf", "nan"}));
  EXPECT_EQ(t.column("s"), (Values{"007", "1"}));
  EXPECT_EQ(t.type("ls"), "U");
  EXPECT_EQ(t.column("ls"), (Values{"x", std::nullopt}));
  EXPECT_EQ(t.column("d"), (Values{"19724", "0"}));
  EXPECT_EQ(t.type("t32"), "tts");
  EXPECT_EQ(t.column("t32"), (Values{"36001", "0"}));
  EXPECT_EQ(t.type("t64"), "ttn");
  EXPECT_EQ(t.column("t64"), (Values{"1", "86399999999999"}));
  EXPECT_EQ(t.type("ts"), "tsm:");
  EXPECT_EQ(t.column("ts"), (Values{"1704164645123", "0"}));
  EXPECT_EQ(t.type("tz"), "tsu:UTC");  // a value without offset is taken as UTC
  EXPECT_EQ(t.column("tz"), (Values{"1704164645000000", "1704161045000000"}));
  EXPECT_EQ(t.type("off"), "tss:+01:00");  // without offset: at the zone's +01:00
  EXPECT_EQ(t.column("off"), (Values{"1704161045", "1704164645"}));
  EXPECT_EQ(t.type("dec"), "d:10,2");
  EXPECT_EQ(t.column("dec"), (Values{"-1250", "9999999999"}));
  EXPECT_EQ(t.column("b"), (Values{"true", "false"}));
}

TEST(CsvReader, OverrideErrors) {
  CsvOptions o;
  o.schema = "a:int8";
  EXPECT_EQ(read_error("a\n1\n128\n", o),
            "in.csv: line 3, column 'a': '128' is not a valid int8 (the type --schema sets)");
  o.schema = "a:decimal(4,1)";
  EXPECT_EQ(read_error("a\n1.25\n", o),
            "in.csv: line 2, column 'a': '1.25' is not a valid decimal128(4,1) (the type "
            "--schema sets)");
  o.schema = "a:timestamp[us, tz=Europe/Paris]";
  EXPECT_EQ(read_error("a\n2024-01-01T00:00:00\n", o),
            "in.csv: line 2, column 'a': '2024-01-01T00:00:00' is not a valid timestamp[us, "
            "tz=Europe/Paris] (the type --schema sets)");
  o.schema = "a:timestamp[s]";
  EXPECT_EQ(read_error("a\n2024-01-01T00:00:00.5\n", o),
            "in.csv: line 2, column 'a': '2024-01-01T00:00:00.5' is not a valid timestamp[s] "
            "(the type --schema sets)");
  o.schema = "nope:int8";
  EXPECT_EQ(read_error("a,b\n1,2\n", o),
            "--schema names column 'nope', but in.csv has no such column (columns: a, b)");
  o.schema = "a:int";
  EXPECT_EQ(read_error("a\n1\n", o).substr(0, 44), "--schema: unknown type 'int'; known types: b");
}

TEST(CsvReader, InferRowsZeroKeepsEverythingText) {
  CsvOptions o;
  o.infer_rows = 0;
  o.header = false;
  const Table t = read("1,2\n3,4\n", o);
  EXPECT_EQ(t.type("column0"), "u");
  EXPECT_EQ(t.column("column1"), (Values{"2", "4"}));
}

TEST(CsvReader, FromAFile) {
  const std::string path = ::testing::TempDir() + "/spillway_csv_reader_test.csv";
  const std::string text = numbered_rows(20000, 10);
  FILE* f = std::fopen(path.c_str(), "wb");
  ASSERT_NE(f, nullptr);
  std::fwrite(text.data(), 1, text.size(), f);
  std::fclose(f);
  CsvOptions o;
  o.batch_rows = 5000;
  auto reader = open_csv_reader(InputSource::open(path), o);
  const Table t = test::read_all(*reader);
  EXPECT_EQ(t.batch_rows, (std::vector<int64_t>{5000, 5000, 5000, 5000}));
  EXPECT_EQ(t.column("n")[19999], "19999");
  EXPECT_EQ(reader->bytes_read(), text.size());
  std::remove(path.c_str());
}

// Whatever the bytes, the reader returns batches or throws spillway::Error.
void read_anything(const std::string& text, const CsvOptions& o) {
  try {
    test::drain_validated(*open(text, o));
  } catch (const Error&) {
  }
}

TEST(CsvReader, RandomBytesAndTruncationsNeverCrash) {
  std::mt19937 rng(42);
  const std::string alphabet = "ab1,\"\n\r\\;.-:T \xC3\xA9\xFF";
  for (int round = 0; round < 3000; ++round) {
    const std::string text = test::random_text(rng, 80, alphabet, round % 3 == 0);
    CsvOptions o;
    o.header = round % 2 == 0;
    o.infer_rows = rng() % 4;
    o.batch_rows = 1 + rng() % 3;
    if (round % 5 == 0) o.escape = '\\';
    if (round % 7 == 0) o.null_values = {"a", ""};
    read_anything(text, o);
  }
  const std::string valid =
      "\xEF\xBB\xBFi,f,s,d\r\n1,1.5,\"a\"\"b\",2024-01-01\r\n2,,\"x\ny\",2024-01-02T00:00:00\n";
  for (size_t n = 0; n <= valid.size(); ++n) {
    read_anything(valid.substr(0, n), {});
    CsvOptions o;
    o.infer_rows = 1;
    read_anything(valid.substr(0, n), o);
  }
}

TEST(CsvReader, EndToEndThroughArrowWriter) {
  const std::string text =
      "id,score,ok,day,at,name\n"
      "1,1.5,true,2024-01-02,2024-01-02T03:04:05.123456,alpha\n"
      "2,,false,,2024-12-31 10:00:00,\n"
      "3,-0.25,,1969-12-31,,\"g\"\"amma\"\n";
  CsvOptions o;
  o.batch_rows = 2;
  auto reader = open(text, o);

  const spillway::test::DecodedFile file = cli::test::write_and_decode(*reader);
  ASSERT_EQ(file.columns.size(), 6u);
  using spillway::test::plain;
  using Flat = std::vector<std::optional<std::string>>;
  EXPECT_EQ(spillway::test::flat_values(file.columns[0]),
            (Flat{plain<int64_t>(1), plain<int64_t>(2), plain<int64_t>(3)}));
  EXPECT_EQ(spillway::test::flat_values(file.columns[1]),
            (Flat{plain<double>(1.5), std::nullopt, plain<double>(-0.25)}));
  EXPECT_EQ(spillway::test::flat_values(file.columns[2]),
            (Flat{std::string(1, '\1'), std::string(1, '\0'), std::nullopt}));
  EXPECT_EQ(spillway::test::flat_values(file.columns[3]),
            (Flat{plain<int32_t>(19724), std::nullopt, plain<int32_t>(-1)}));
  EXPECT_EQ(
      spillway::test::flat_values(file.columns[4]),
      (Flat{plain<int64_t>(1704164645123456), plain<int64_t>(1735639200000000), std::nullopt}));
  EXPECT_EQ(spillway::test::flat_values(file.columns[5]), (Flat{"alpha", std::nullopt, "g\"amma"}));
}

}  // namespace
}  // namespace spillway::cli

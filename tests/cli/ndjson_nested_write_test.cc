// Nested NDJSON through the writer: the definition and repetition levels and
// values of each leaf, by ArrowWriter and by `spillway convert`.

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "arrow/export.h"
#include "input/ndjson_reader.h"
#include "reader_test_util.h"
#include "spillway/spillway.h"
#include "support/parquet_verifier.h"

namespace spillway::cli {
namespace {

using spillway::test::DecodedColumn;
using spillway::test::plain;
using Levels = std::vector<int16_t>;
using Values = std::vector<std::string>;

// Four lines covering a value, null at each level, [] and a missing key.
constexpr const char* kInput = R"({"a": {"b": [1, 2]}, "t": [1], "p": [{"x": 1}, null, {}]})"
                               "\n"
                               R"({"a": null, "t": [], "p": []})"
                               "\n"
                               R"({"a": {"b": null}, "t": null, "p": null})"
                               "\n"
                               R"({"a": {"b": [null]}, "p": [{"x": null}, {"x": 7}]})"
                               "\n";

void expect_levels(const spillway::test::DecodedFile& file) {
  // a: struct<b: list<int64>> -> a.b.list.element, max def 4 (a, b, list
  // entry, element), max rep 1.
  ASSERT_EQ(file.columns.size(), 3u);
  const DecodedColumn& ab = file.columns[0];
  EXPECT_EQ(ab.def_levels, (Levels{4, 4, 0, 1, 3}));
  EXPECT_EQ(ab.rep_levels, (Levels{0, 1, 0, 0, 0}));
  EXPECT_EQ(ab.values, (Values{plain<int64_t>(1), plain<int64_t>(2)}));
  // t: list<int64> -> t.list.element, max def 3: [1], [], null, missing.
  const DecodedColumn& t = file.columns[1];
  EXPECT_EQ(t.def_levels, (Levels{3, 1, 0, 0}));
  EXPECT_EQ(t.rep_levels, (Levels{0, 0, 0, 0}));
  EXPECT_EQ(t.values, (Values{plain<int64_t>(1)}));
  // p: list<struct<x: int64>> -> p.list.element.x, max def 4: an element
  // null is 2, an element without x 3.
  const DecodedColumn& p = file.columns[2];
  EXPECT_EQ(p.def_levels, (Levels{4, 2, 3, 1, 0, 3, 4}));
  EXPECT_EQ(p.rep_levels, (Levels{0, 1, 1, 0, 0, 0, 1}));
  EXPECT_EQ(p.values, (Values{plain<int64_t>(1), plain<int64_t>(7)}));
  // The schema: 3-level lists, a plain group for the struct.
  std::vector<std::string> names;
  for (const SchemaElement& e : file.metadata.schema) names.push_back(e.name);
  EXPECT_EQ(names, (std::vector<std::string>{"schema", "a", "b", "list", "element", "t", "list",
                                             "element", "p", "list", "element", "x"}));
}

TEST(NdjsonNestedWrite, LevelsThroughArrowWriter) {
  NdjsonOptions o;
  o.batch_rows = 3;  // two batches
  auto reader = open_ndjson_reader(InputSource::from_string(kInput, "in.ndjson"), o);
  expect_levels(cli::test::write_and_decode(*reader));
}

TEST(NdjsonNestedWrite, LevelsThroughSpillwayConvert) {
  const auto dir = std::filesystem::temp_directory_path() /
                   ("spillway_nested_write_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const auto in = dir / "in.ndjson";
  const auto out = dir / "out.parquet";
  std::ofstream(in) << kInput;
  const std::string cmd = std::string(SPILLWAY_CLI_PATH) + " convert '" + in.string() + "' '" +
                          out.string() + "' --progress off >/dev/null";
  ASSERT_EQ(std::system(cmd.c_str()), 0) << cmd;
  expect_levels(spillway::test::read_parquet_file(out.string()));
  const std::string check =
      std::string(SPILLWAY_CLI_PATH) + " inspect '" + out.string() + "' --pages >/dev/null";
  EXPECT_EQ(std::system(check.c_str()), 0) << check;
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace spillway::cli

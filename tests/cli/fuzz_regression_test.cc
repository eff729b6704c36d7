// Inputs the reader fuzz targets (tests/fuzz) found, replayed the way the
// targets run them, each with the exact error it must now end in. The
// inputs are in the committed corpus, so every fuzz run replays them too.

#include <gtest/gtest.h>

#include <fstream>
#include <iterator>
#include <string>

#include "fuzz/reader_drain.h"
#include "input/input_source.h"
#include "input/ipc/ipc_reader.h"

namespace spillway {
namespace {

std::string corpus_file(const std::string& target, const std::string& name) {
  std::ifstream in(std::string(SPILLWAY_SOURCE_DIR) + "/tests/fuzz/corpus/" + target + "/" + name,
                   std::ios::binary);
  EXPECT_TRUE(in.good()) << name;
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// The message of the spillway::Error converting `bytes` ends in ("" if none).
std::string convert_ipc(std::string bytes) {
  try {
    auto reader = cli::open_ipc_reader(cli::InputSource::from_string(std::move(bytes), "fuzz"));
    fuzz::drain_to_null(*reader);
  } catch (const Error& e) {
    return e.what();
  }
  return "";
}

// An IPC file whose record batch claims 2.7e18 rows and has no columns: the
// writer ended an empty row group per million rows, without end. A schema
// with no columns is now refused when the writer opens.
TEST(ReaderFuzzRegression, ZeroColumnsWithAHugeLength) {
  const std::string input = corpus_file("ipc_reader", "regression_zero_columns_huge_length");
  ASSERT_EQ(input.size(), 395u);
  const std::string magic("ARROW1\0\0", 8);
  EXPECT_EQ(convert_ipc(magic + input + magic.substr(0, 6)),
            "the schema has no columns; a Parquet file needs at least one column");
}

}  // namespace
}  // namespace spillway

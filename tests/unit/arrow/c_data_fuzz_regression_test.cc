// Inputs the c_data_import fuzz target (tests/fuzz) found, replayed through
// the same tree builder and write path, each with the exact error it must
// now end in; and the same defect built by hand, to show what it was.

#include <gtest/gtest.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "fuzz/c_data_replay.h"
#include "spillway/arrow_writer.h"
#include "spillway/error.h"
#include "support/arrow_builder.h"

namespace spillway {
namespace {

// The message of the spillway::Error the replay throws ("" if none).
std::string replay(const std::vector<uint8_t>& input) {
  try {
    fuzz::write_c_data(input.data(), input.size());
  } catch (const Error& e) {
    return e.what();
  }
  return "";
}

std::string write_batch(const test::NamedColumns& columns) {
  test::OwnedArray batch = test::make_batch(columns);
  try {
    ArrowWriter writer = ArrowWriter::open(std::make_unique<NullOutputStream>(), &batch.schema);
    ArrowArray array = batch.array;
    batch.array.release = nullptr;  // moved to the writer
    writer.write(&array);
    writer.close();
  } catch (const Error& e) {
    return e.what();
  }
  return "";
}

// A large_utf8 column with nulls, every offset 1 and a NULL data buffer: the
// UTF-8 check computed NULL + 1 (UBSan: "applying non-zero offset 1 to null
// pointer" in validate.cc), and so did the leaf writer once validation
// passed. A NULL buffer holds no bytes, so offset 1 is past its end.
TEST(CDataFuzzRegression, NullDataBufferWithNonZeroOffsets) {
  const std::vector<uint8_t> input = {
      0x35, 0x00, 0xe5, 0xe5, 0xe5, 0xe5, 0xe5, 0xe5, 0xe5, 0xe5, 0xe5, 0xe5, 0xe5,
      0xe5, 0xe5, 0xe5, 0xe5, 0xe5, 0xe5, 0x2a, 0xe5, 0xe5, 0xe5, 0x32, 0xa0, 0xa0,
      0xa0, 0xa0, 0xa0, 0xa0, 0xfa, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xa0,
      0xa0, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x05, 0xa0, 0xa0, 0xa0, 0xa0,
      0xa0, 0xa0, 0xa0, 0xa0, 0xa0, 0xa0, 0xa0, 0xa0, 0xa0, 0xa0, 0xa0, 0x36, 0x9e};
  EXPECT_EQ(replay(input),
            "invalid Arrow array for column '2': the data buffer (buffer 2) is NULL but the "
            "offsets point to byte 1 of it");

  for (bool utf8 : {true, false}) {
    test::ArrowColumn c = utf8 ? test::large_string_column({"a", "", std::nullopt, ""})
                               : test::large_binary_column({"a", "", std::nullopt, ""});
    c = c.sliced(1, 3);  // offsets 1, 1, 1, 1: every value empty
    c.buffers[2] = nullptr;
    EXPECT_EQ(write_batch({{"s", c}}),
              "invalid Arrow array for column 's': the data buffer (buffer 2) is NULL but the "
              "offsets point to byte 1 of it");
  }
  // Offsets of 0 stay inside a NULL (empty) buffer: still valid.
  test::ArrowColumn empty = test::string_column({"", std::nullopt});
  empty.buffers[2] = nullptr;
  EXPECT_EQ(write_batch({{"s", empty}}), "");
}

}  // namespace
}  // namespace spillway

#pragma once

// Shared by the `spillway inspect` tests: sample files written with
// ArrowWriter, a way to rewrite a file's footer, and running inspect.

#include <gtest/gtest.h>

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "format/file_layout.h"
#include "inspect.h"
#include "inspect_report.h"
#include "spillway/spillway.h"
#include "support/arrow_builder.h"
#include "util/byte_buffer.h"

namespace spillway::cli::inspect_test {

using Bytes8 = std::vector<uint8_t>;

struct Sample {
  WriterVersion version = WriterVersion::PARQUET_1_0;
  bool page_index = true;  // false: chunk statistics only, no offset index
  int rows = 10;
  size_t row_group_rows = 4;
  size_t page_rows = 2;
};

inline constexpr int32_t kJan1st2024 = 19723;                         // days since 1970-01-01
inline constexpr int64_t kJan1st2024Micros = 1704067200LL * 1000000;  // microseconds

// Writes `batch` (consumed) with ArrowWriter into memory.
Bytes8 write_batch(test::OwnedArray& batch, const WriterProperties& props);

// Columns: id (plain INT64), city (dictionary strings with nulls), score
// (doubles with nulls), day (DATE), amount (DECIMAL(9,2)), ts (TIMESTAMP
// UTC); sorted by id.
Bytes8 sample_file(const Sample& s);
// One INT32 column "n" = {1, 2, null, 4}: one row group, one data page, no
// dictionary, no page index.
Bytes8 one_column_file();

// The bytes before the footer and the parsed footer, to change and join.
struct Parts {
  Bytes8 body;
  FileMetaData metadata;

  // Appends a serialized structure before the footer; returns its offset.
  int64_t append(const ByteBuffer& bytes);
  Bytes8 join() const;
};

Parts split(const Bytes8& file);
Bytes8 with_metadata(const Bytes8& file, const std::function<void(FileMetaData&)>& change);
ColumnMetaData& column(FileMetaData& md, size_t row_group, size_t c);

// Pages of every chunk of that type, as the library's own reader finds them.
size_t library_page_count(const Bytes8& file, PageType type);
// The pages of chunk `c` of row group `rg`.
std::vector<RawPage> pages_of(const Bytes8& file, size_t rg, size_t c);

// In-process `inspect --verify` of `file`, and its problems one per line.
inspect::Report verify(const Bytes8& file);
std::string problems(const inspect::Report& r);

bool contains(const std::string& haystack, const std::string& needle);
size_t count(const std::string& haystack, const std::string& needle);
// A strict check that `s` is exactly one JSON value.
bool json_valid(const std::string& s);

// Inspects `file` with each byte flipped in turn, printing text and JSON
// (which must stay well-formed); counts the copies reported invalid and
// those not readable as Parquet at all.
struct FlipCounts {
  size_t invalid = 0;
  size_t unreadable = 0;
};
FlipCounts flip_every_byte(const Bytes8& file);

struct Result {
  int code;
  std::string out, err;
};

// Expects exit 1 with `reason` among the problems, both in the report and
// on stderr.
void expect_invalid(const Result& r, const std::string& reason);

// Each test gets its own directory for the files it inspects.
class InspectTest : public ::testing::Test {
 protected:
  void SetUp() override;
  void TearDown() override;

  std::string save(const Bytes8& bytes, const std::string& name = "file.parquet");
  static Result run(const std::string& path, bool pages = false, bool json = false,
                    bool verify = false);
  Result inspect(const Bytes8& bytes, bool pages = false, bool json = false, bool verify = false) {
    return run(save(bytes), pages, json, verify);
  }

  std::filesystem::path dir_;
};

}  // namespace spillway::cli::inspect_test

// The output-stream fault loop: a representative write (flat and nested
// columns, dictionary and plain, several row groups, pages spilled through
// the budgeted store) run once for every call the output receives, failing at
// that call as a spillway::Error, another exception, or a short write. Every
// run must end in spillway::Error, leave the writer unusable, write no footer
// after the failure, and leave no file descriptor open.

#include <dirent.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <optional>
#include <stdexcept>

#include "spillway/spillway.h"
#include "support/arrow_builder.h"

namespace spillway {
namespace {

using test::NamedColumns;
using test::OwnedArray;

enum class Fault { SPILLWAY_ERROR, OTHER_EXCEPTION, SHORT_WRITE };

// Counts write/flush/close calls and fails at call number `fail_at`.
class FaultyOutput : public OutputStream {
 public:
  FaultyOutput(int fail_at, Fault fault, std::vector<uint8_t>& bytes, int& calls)
      : fail_at_(fail_at), fault_(fault), bytes_(bytes), calls_(calls) {}
  void write(const uint8_t* data, size_t size) override {
    if (++calls_ == fail_at_) {
      if (fault_ == Fault::SHORT_WRITE) {
        bytes_.insert(bytes_.end(), data, data + size / 2);
        throw Error("injected short write: " + std::to_string(size / 2) + " of " +
                    std::to_string(size) + " bytes (ENOSPC)");
      }
      fail();
    }
    bytes_.insert(bytes_.end(), data, data + size);
  }
  void flush() override {
    if (++calls_ == fail_at_) fail();
  }
  void close() override {
    if (++calls_ == fail_at_) fail();
    closed = true;
  }
  bool closed = false;

 private:
  void fail() {
    if (fault_ == Fault::OTHER_EXCEPTION) throw std::runtime_error("injected EIO");
    throw Error("injected I/O error (EIO)");
  }
  int fail_at_;
  Fault fault_;
  std::vector<uint8_t>& bytes_;
  int& calls_;
};

NamedColumns table(int rows, int seed) {
  test::Values<int64_t> ids;
  test::Values<std::string> low, high;
  std::vector<int32_t> offsets{0};
  test::Values<int32_t> elements;
  for (int i = 0; i < rows; ++i) {
    const int64_t k = int64_t{i} * 31 + seed;
    ids.push_back(k);
    low.push_back(k % 7 == 0 ? std::nullopt
                             : std::optional<std::string>("v" + std::to_string(k % 9)));
    high.emplace_back("h" + std::to_string(k * 7919));
    for (int e = 0; e < i % 4; ++e) elements.push_back(static_cast<int32_t>(k + e));
    offsets.push_back(static_cast<int32_t>(elements.size()));
  }
  return {{"id", test::int64_column(ids).not_null()},
          {"low", test::string_column(low)},
          {"high", test::string_column(high)},
          {"tags", test::list_column(offsets, test::int32_column(elements))}};
}

int open_fds() {
  int n = 0;
  if (DIR* d = opendir("/proc/self/fd")) {
    while (readdir(d)) ++n;
    closedir(d);
  }
  return n;
}

struct Outcome {
  int calls = 0;
  std::string error;  // empty: the write succeeded
  bool footer_after_failure = false;
  bool usable_after_failure = false;
};

Outcome write_once(int fail_at, Fault fault, const std::filesystem::path& spill_dir) {
  Outcome run;
  std::vector<uint8_t> bytes;
  auto sink = std::make_unique<FaultyOutput>(fail_at, fault, bytes, run.calls);
  WriterProperties props = WriterProperties::builder()
                               .set_max_row_group_row_count(1500)
                               .set_data_page_size_limit(2048)
                               .set_column_dictionary_enabled(ColumnPath({"high"}), false)
                               .build();
  auto factory = std::make_shared<BudgetedPageStoreFactory>(
      8 * 1024, std::make_shared<SpillFilePageStoreFactory>(spill_dir));
  OwnedArray first = test::make_batch(table(1, 0));
  std::optional<ArrowWriter> writer;
  try {
    // Opening writes the magic: the first call may fail here.
    writer.emplace(ArrowWriter::open(
        std::move(sink), &first.schema,
        ArrowWriterOptions().with_properties(props).with_page_store_factory(factory)));
    for (int b = 0; b < 4; ++b) {
      OwnedArray batch = test::make_batch(table(1000, b));
      ArrowArray moved = batch.array;
      batch.array.release = nullptr;
      writer->write(&moved);
    }
    writer->close();
  } catch (const Error& e) {
    run.error = e.what();
    const size_t at_failure = bytes.size();
    if (writer) {
      try {
        writer->close();
        run.usable_after_failure = true;
      } catch (const Error&) {
      }
    }
    run.footer_after_failure = bytes.size() != at_failure;
  }
  return run;
}

TEST(OutputFaultLoop, EveryCallFailsCleanly) {
  const std::filesystem::path spill_dir =
      std::filesystem::temp_directory_path() / ("spillway-fault-" + std::to_string(getpid()));
  std::filesystem::create_directories(spill_dir);
  const int fds = open_fds();
  const Outcome clean = write_once(-1, Fault::SPILLWAY_ERROR, spill_dir);
  ASSERT_EQ(clean.error, "");
  ASSERT_GT(clean.calls, 20);
  int injected = 0;
  for (Fault fault : {Fault::SPILLWAY_ERROR, Fault::OTHER_EXCEPTION, Fault::SHORT_WRITE}) {
    for (int n = 1; n <= clean.calls; ++n) {
      const Outcome r = write_once(n, fault, spill_dir);
      ++injected;
      ASSERT_NE(r.error, "") << "failure at call " << n << " was not reported";
      EXPECT_NE(r.error.find("injected"), std::string::npos) << r.error;
      EXPECT_FALSE(r.usable_after_failure) << "call " << n;
      EXPECT_FALSE(r.footer_after_failure) << "call " << n << ": bytes written after the failure";
      EXPECT_EQ(open_fds(), fds) << "call " << n << " leaked a file descriptor";
      EXPECT_TRUE(std::filesystem::is_empty(spill_dir)) << "call " << n << " left a spill file";
    }
  }
  std::printf("[fault loop] %d output calls in a clean write; %d faults injected, all reported\n",
              clean.calls, injected);
  std::filesystem::remove_all(spill_dir);
}

}  // namespace
}  // namespace spillway

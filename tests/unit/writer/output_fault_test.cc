// The output-stream fault loop: a representative write (flat and nested
// columns, dictionary and plain, several row groups, pages spilled through
// the budgeted store) run once for every call the output receives, failing at
// that call as a spillway::Error, another exception, or a short write. Every
// run must end in spillway::Error, leave the writer unusable, write no footer
// after the failure, and leave no file descriptor open.

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <optional>
#include <stdexcept>

#include "spillway/spillway.h"
#include "support/fault_write.h"

namespace spillway {
namespace {

using test::open_fds;

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
  std::optional<ArrowWriter> writer;
  try {
    // Opening writes the magic: the first call may fail there.
    test::fault_write(writer, [&](const ArrowSchema* schema) {
      return ArrowWriter::open(std::move(sink), schema, test::fault_write_options(spill_dir));
    });
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

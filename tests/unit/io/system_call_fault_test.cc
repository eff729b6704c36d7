// The system-call fault loop: the representative write (support/fault_write.h)
// to a path, over a previous complete file, with its pages spilled to a spill
// file, run once for every system call it makes (open, write, pwrite, pread,
// fsync, close, rename, ...), failing that call. Every run must end in
// spillway::Error with nothing left behind (no temporary file, no spill
// file, no file descriptor) and the destination must still hold the previous
// file, byte for byte; only a failure after the rename (the directory's
// fsync) leaves the new file, complete, in its place. Interrupted calls
// (EINTR) and short writes must be retried and change nothing.

#include <fcntl.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "io/system_calls.h"
#include "spillway/spillway.h"
#include "support/fault_write.h"
#include "support/parquet_verifier.h"

namespace spillway {
namespace {

using test::open_fds;

enum class Fault {
  ERROR,            // the call fails: ENOSPC where space runs out, else EIO
  SHORT_THEN_FULL,  // a write or read moves half its bytes, the next one fails ENOSPC
  INTERRUPTED,      // a write or read fails with EINTR once
};

// The injector's state: the table's entries are plain functions.
struct Injector {
  int calls = 0;
  int fail_at = -1;
  Fault fault = Fault::ERROR;
  bool injected = false;
  bool full = false;        // SHORT_THEN_FULL: the short call happened
  bool renamed = false;     // a rename succeeded before the fault
  std::string failed_call;  // the name of the call that was failed
  std::vector<std::string> trace;
};
Injector g;

// Decides the fate of call `name`; returns the errno to fail with, 0 to let
// it through (`shorten` set: with half the bytes).
int decide(const char* name, bool io, bool* shorten = nullptr) {
  ++g.calls;
  g.trace.push_back(name);
  if (g.full && io && std::string(name) != "pread") {
    g.failed_call = name;
    return ENOSPC;
  }
  if (g.calls != g.fail_at) return 0;
  switch (g.fault) {
    case Fault::ERROR: {
      g.injected = true;
      g.failed_call = name;
      const std::string n = name;
      const bool space = n == "write" || n == "pwrite" || n == "ftruncate" || n == "mkostemp" ||
                         n == "open" || n == "rename";
      return space ? ENOSPC : EIO;
    }
    case Fault::SHORT_THEN_FULL:
      if (!io || shorten == nullptr) return 0;
      g.injected = true;
      *shorten = true;
      g.full = std::string(name) != "pread";  // a short read is simply retried
      return 0;
    case Fault::INTERRUPTED:
      if (!io) return 0;
      g.injected = true;
      return EINTR;
  }
  return 0;
}

int fail(int err) {
  errno = err;
  return -1;
}

const SystemCalls kInjecting{
    [](const char* path, int flags, mode_t mode) {
      if (int e = decide("open", false)) return fail(e);
      return real_system_calls().open(path, flags, mode);
    },
    [](char* name, int flags) {
      if (int e = decide("mkostemp", false)) return fail(e);
      return real_system_calls().mkostemp(name, flags);
    },
    [](int fd, const void* data, size_t size) -> ssize_t {
      bool half = false;
      if (int e = decide("write", true, &half)) return fail(e);
      return real_system_calls().write(fd, data, half ? (size + 1) / 2 : size);
    },
    [](int fd, const void* data, size_t size, off_t at) -> ssize_t {
      bool half = false;
      if (int e = decide("pwrite", true, &half)) return fail(e);
      return real_system_calls().pwrite(fd, data, half ? (size + 1) / 2 : size, at);
    },
    [](int fd, void* data, size_t size, off_t at) -> ssize_t {
      bool half = false;
      if (int e = decide("pread", true, &half)) return fail(e);
      return real_system_calls().pread(fd, data, half ? (size + 1) / 2 : size, at);
    },
    [](int fd) {
      if (int e = decide("fsync", false)) return fail(e);
      return real_system_calls().fsync(fd);
    },
    [](int fd) {
      // Linux releases the descriptor even when close() reports an error.
      const int e = decide("close", false);
      real_system_calls().close(fd);
      return e ? fail(e) : 0;
    },
    [](const char* from, const char* to) {
      if (int e = decide("rename", false)) return fail(e);
      const int rc = real_system_calls().rename(from, to);
      if (rc == 0) g.renamed = true;
      return rc;
    },
    [](const char* path) {
      if (int e = decide("unlink", false)) return fail(e);
      return real_system_calls().unlink(path);
    },
    [](int fd, off_t length) {
      if (int e = decide("ftruncate", false)) return fail(e);
      return real_system_calls().ftruncate(fd, length);
    },
};

std::vector<uint8_t> file_bytes(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::vector<std::string> entries(const std::filesystem::path& dir) {
  std::vector<std::string> names;
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    names.push_back(e.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

class SystemCallFaultLoop : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("spillway-syscall-fault-" + std::to_string(getpid()));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_ / "spill");
  }
  void TearDown() override {
    system_calls() = real_system_calls();
    std::filesystem::remove_all(dir_);
  }

  // One run with the injector installed. Returns the error ("" on success).
  std::string run(int fail_at, Fault fault, int seed, bool fsync = true) {
    g = Injector();
    g.fail_at = fail_at;
    g.fault = fault;
    std::string error;
    system_calls() = kInjecting;
    {
      std::optional<ArrowWriter> writer;
      try {
        test::fault_write(
            writer,
            [&](const ArrowSchema* schema) {
              return ArrowWriter::open(dest(), schema,
                                       test::fault_write_options(dir_ / "spill").with_fsync(fsync));
            },
            seed);
      } catch (const Error& e) {
        error = e.what();
        if (error.empty()) error = "(empty message)";
      } catch (const std::exception& e) {
        ADD_FAILURE() << "call " << fail_at << " ended in a non-spillway exception: " << e.what();
        error = e.what();
      }
    }  // the writer, its output and its spill file are gone here
    system_calls() = real_system_calls();
    return error;
  }

  std::filesystem::path dest() const { return dir_ / "out.parquet"; }
  std::filesystem::path dir_;
};

TEST_F(SystemCallFaultLoop, EveryCallFailsCleanly) {
  // The file the failing runs would replace.
  ASSERT_EQ(run(-1, Fault::ERROR, 100), "");
  const std::vector<uint8_t> previous = file_bytes(dest());
  ASSERT_NO_THROW(test::read_parquet(previous));
  // The new file a clean run writes, and how many calls it makes.
  ASSERT_EQ(run(-1, Fault::ERROR, 0), "");
  const std::vector<uint8_t> fresh = file_bytes(dest());
  const int total = g.calls;
  ASSERT_GT(total, 50);
  const int fds = open_fds();

  int injected = 0, failed_runs = 0, survived_runs = 0;
  std::map<std::string, int> failed_by_call;
  for (Fault fault : {Fault::ERROR, Fault::SHORT_THEN_FULL, Fault::INTERRUPTED}) {
    for (int n = 1; n <= total; ++n) {
      // Start from the previous file each time.
      {
        std::ofstream out(dest(), std::ios::binary | std::ios::trunc);
        out.write(reinterpret_cast<const char*>(previous.data()),
                  static_cast<std::streamsize>(previous.size()));
      }
      const std::string error = run(n, fault, 0);
      if (!g.injected) continue;  // e.g. a short write asked of a close()
      ++injected;
      const std::string where = "call " + std::to_string(n) + " (" + g.trace[n - 1] + ")";
      const std::vector<uint8_t> now = file_bytes(dest());
      // Survived: a call interrupted or short, then retried; the spill
      // file's truncation, which only hands back disk space (it is rewritten
      // from offset 0 either way); or a close() after the rename (of the
      // synced directory, or of the spill file at the end), which loses
      // nothing. The write succeeds and the file is the clean run's.
      const bool harmless = g.failed_call.empty() || g.failed_call == "ftruncate" ||
                            (g.failed_call == "close" && g.renamed);
      if (harmless) {
        EXPECT_EQ(error, "") << where;
        EXPECT_TRUE(now == fresh) << where << ": the retried write changed the file";
        ++survived_runs;
      } else {
        ++failed_runs;
        ++failed_by_call[g.failed_call];
        EXPECT_NE(error, "") << where << " failed and the write did not report it";
        if (g.renamed) {
          // Only the directory's fsync comes after the rename.
          EXPECT_TRUE(now == fresh) << where;
          EXPECT_NE(error.find("is complete"), std::string::npos) << where << ": " << error;
        } else {
          EXPECT_TRUE(now == previous) << where << ": the previous file was not kept";
        }
      }
      EXPECT_EQ(entries(dir_), (std::vector<std::string>{"out.parquet", "spill"}))
          << where << " left a file behind";
      EXPECT_TRUE(std::filesystem::is_empty(dir_ / "spill")) << where << " left a spill file";
      EXPECT_EQ(open_fds(), fds) << where << " leaked a file descriptor";
      if (HasFailure()) return;
    }
  }
  std::string by_call;
  for (const auto& [name, count] : failed_by_call) {
    by_call += " " + name + " " + std::to_string(count);
  }
  std::printf(
      "[system-call fault loop] %d calls in a clean write; %d faults injected: %d failed "
      "cleanly (by call:%s), %d retried to the same file\n",
      total, injected, failed_runs, by_call.c_str(), survived_runs);
  EXPECT_GT(failed_by_call["pwrite"], 0);
  EXPECT_GT(failed_by_call["pread"], 0);
  EXPECT_GT(failed_by_call["fsync"], 0);
  EXPECT_GT(failed_by_call["rename"], 0);
}

// The footer is durable before the name points at the file: the last write,
// then fsync and close of the file, the rename, then the directory's fsync.
TEST_F(SystemCallFaultLoop, FileIsSyncedBeforeTheRename) {
  ASSERT_EQ(run(-1, Fault::ERROR, 0), "");
  auto rename_at = std::find(g.trace.begin(), g.trace.end(), "rename");
  ASSERT_NE(rename_at, g.trace.end());
  const size_t r = static_cast<size_t>(rename_at - g.trace.begin());
  ASSERT_GE(r, 3u);
  EXPECT_EQ(
      std::vector<std::string>(g.trace.begin() + r - 3, g.trace.begin() + r + 4),
      (std::vector<std::string>{"write", "fsync", "close", "rename", "open", "fsync", "close"}));
  ASSERT_NO_THROW(test::read_parquet_file(dest()));
}

TEST_F(SystemCallFaultLoop, FsyncCanBeSkipped) {
  ASSERT_EQ(run(-1, Fault::ERROR, 0, /*fsync=*/false), "");
  EXPECT_EQ(std::count(g.trace.begin(), g.trace.end(), "fsync"), 0);
  EXPECT_EQ(std::count(g.trace.begin(), g.trace.end(), "rename"), 1);
  ASSERT_NO_THROW(test::read_parquet_file(dest()));
}

}  // namespace
}  // namespace spillway

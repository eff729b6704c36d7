// A real full disk: the spill file lives on a 256 KiB tmpfs the test mounts
// (as root; skipped with the reason otherwise). Spilling a row group larger
// than that must end in a spillway::Error that says so, and leave the spill
// directory empty.

#include <gtest/gtest.h>
#include <sys/mount.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <optional>

#include "spillway/spillway.h"
#include "support/arrow_builder.h"

namespace spillway {
namespace {

class SmallTmpfs {
 public:
  SmallTmpfs() {
    char tmpl[] = "/tmp/spillway-diskfull-XXXXXX";
    if (!mkdtemp(tmpl)) {
      reason_ = std::string("mkdtemp: ") + std::strerror(errno);
      return;
    }
    dir_ = tmpl;
    if (geteuid() != 0) {
      reason_ = "mounting a small tmpfs needs root";
      return;
    }
    if (mount("tmpfs", dir_.c_str(), "tmpfs", 0, "size=262144") != 0) {
      reason_ = std::string("cannot mount a tmpfs here: ") + std::strerror(errno);
      return;
    }
    mounted_ = true;
  }
  ~SmallTmpfs() {
    if (mounted_) umount(dir_.c_str());
    if (!dir_.empty()) std::filesystem::remove(dir_);
  }
  bool ready() const { return mounted_; }
  const std::string& reason() const { return reason_; }
  const std::filesystem::path& dir() const { return dir_; }

 private:
  std::filesystem::path dir_;
  std::string reason_;
  bool mounted_ = false;
};

TEST(DiskFull, SpillingIntoAFullFileSystemFailsCleanly) {
  SmallTmpfs fs;
  if (!fs.ready()) GTEST_SKIP() << fs.reason();
  test::Values<std::string> text;
  for (int i = 0; i < 20000; ++i)
    text.emplace_back("row " + std::to_string(i * 7919) + " xxxxxxxx");
  test::OwnedArray batch = test::make_batch({{"t", test::string_column(text)}});
  auto factory = std::make_shared<SpillFilePageStoreFactory>(fs.dir());
  auto sink = std::make_unique<MemoryOutputStream>();
  MemoryOutputStream* out = sink.get();
  std::string error;
  std::optional<ArrowWriter> writer;  // owns the output: keep it past the catch
  try {
    writer = ArrowWriter::open(std::move(sink), &batch.schema,
                               ArrowWriterOptions()
                                   .with_properties(WriterProperties::builder()
                                                        .set_dictionary_enabled(false)
                                                        .set_data_page_size_limit(16 * 1024)
                                                        .build())
                                   .with_page_store_factory(factory));
    for (int b = 0; b < 4; ++b) {  // ~1.5 MiB of pages in one row group
      test::OwnedArray copy = test::make_batch({{"t", test::string_column(text)}});
      ArrowArray moved = copy.array;
      copy.array.release = nullptr;
      writer->write(&moved);
    }
    writer->close();
  } catch (const Error& e) {
    error = e.what();
  }
  ASSERT_NE(error, "") << "1.5 MiB spilled into a 256 KiB file system without an error";
  std::printf("[disk full] %s\n", error.c_str());
  EXPECT_NE(error.find(std::strerror(ENOSPC)), std::string::npos) << error;
  EXPECT_FALSE(out->closed());
  EXPECT_TRUE(std::filesystem::is_empty(fs.dir())) << "a spill file was left behind";
}

}  // namespace
}  // namespace spillway

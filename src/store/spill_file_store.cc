#include "spillway/spill_file_store.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <mutex>
#include <string>
#include <vector>

#include "io/system_calls.h"
#include "spillway/error.h"

namespace spillway {
namespace detail {

// The temporary file shared by all stores of one factory. It tracks how many
// blobs are in it (put and not yet taken); when that drops to zero nothing in
// the file is needed any more, so it is truncated and writing restarts at 0.
class SpillFile {
 public:
  explicit SpillFile(std::filesystem::path dir) : dir_(std::move(dir)) {}
  ~SpillFile() {
    if (fd_ >= 0) system_calls().close(fd_);
  }
  SpillFile(const SpillFile&) = delete;
  SpillFile& operator=(const SpillFile&) = delete;

  const std::filesystem::path& dir() const { return dir_; }

  // Writes `length` > 0 bytes at a freshly reserved offset and returns it. The
  // blob counts as outstanding until release().
  uint64_t write(const uint8_t* data, size_t length) {
    int fd;
    uint64_t offset;
    {
      std::lock_guard lock(mutex_);
      if (fd_ < 0) fd_ = open_unlinked();
      fd = fd_;
      offset = end_;
      end_ += length;
      // Counted before the write so a concurrent release() cannot truncate
      // the file under it.
      ++outstanding_;
    }
    const uint8_t* p = data;
    size_t left = length;
    uint64_t at = offset;
    while (left > 0) {
      ssize_t n = system_calls().pwrite(fd, p, left, static_cast<off_t>(at));
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) {
        int err = n < 0 ? errno : EIO;
        release();
        throw Error(describe("pwrite of " + std::to_string(length) + " bytes at offset " +
                                 std::to_string(offset) + " failed",
                             err));
      }
      p += n;
      left -= static_cast<size_t>(n);
      at += static_cast<uint64_t>(n);
    }
    bytes_spilled_.fetch_add(length, std::memory_order_relaxed);
    return offset;
  }

  // Reads back a blob written at `offset`. It stays outstanding.
  Bytes read(uint64_t offset, size_t length) const {
    std::shared_ptr<uint8_t[]> buffer(new uint8_t[length]);
    uint8_t* p = buffer.get();
    size_t left = length;
    uint64_t at = offset;
    while (left > 0) {
      ssize_t n = system_calls().pread(fd_, p, left, static_cast<off_t>(at));
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) {
        const int err = errno;
        throw Error(describe("pread of " + std::to_string(length) + " bytes at offset " +
                                 std::to_string(offset) + " failed",
                             err));
      }
      if (n == 0) {
        throw Error("spill file in '" + dir_.string() +
                    "': short read: " + std::to_string(length - left) + " of " +
                    std::to_string(length) + " bytes at offset " + std::to_string(offset) +
                    " (the file ended early; was it truncated?)");
      }
      p += n;
      left -= static_cast<size_t>(n);
      at += static_cast<uint64_t>(n);
    }
    const uint8_t* data = buffer.get();
    return Bytes(std::shared_ptr<const void>(std::move(buffer)), data, length);
  }

  // One blob is no longer needed (taken, failed, or its store destroyed).
  void release(size_t count = 1) {
    if (count == 0) return;
    std::lock_guard lock(mutex_);
    outstanding_ -= count;
    if (outstanding_ == 0) {
      end_ = 0;
      // Reclaims the disk space. If it fails the space stays allocated but
      // rewinding still keeps the file from growing, so there is nothing to
      // report.
      if (fd_ >= 0) {
        int ignored = system_calls().ftruncate(fd_, 0);
        (void)ignored;
      }
    }
  }

  size_t size() const {
    std::lock_guard lock(mutex_);
    if (fd_ < 0) return 0;
    struct stat st;
    if (::fstat(fd_, &st) != 0) throw Error(describe("fstat failed", errno));
    return static_cast<size_t>(st.st_size);
  }

  uint64_t bytes_spilled() const { return bytes_spilled_.load(std::memory_order_relaxed); }

 private:
  std::string describe(const std::string& what, int err) const {
    return "spill file in '" + dir_.string() + "': " + what + ": " + std::strerror(err);
  }

  int open_unlinked() const {
#ifdef O_TMPFILE
    int fd = system_calls().open(dir_.c_str(), O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
    if (fd >= 0) return fd;
    // Kernels without O_TMPFILE say EISDIR, file systems without it
    // EOPNOTSUPP; anything else (no space, no permission) is the answer.
    const int err = errno;
    if (err != EISDIR && err != EOPNOTSUPP && err != EINVAL) {
      throw Error("cannot create a spill file in '" + dir_.string() + "': " + std::strerror(err) +
                  " (choose a writable directory for SpillFilePageStoreFactory, or set TMPDIR)");
    }
#endif
    // The file system (or kernel) has no O_TMPFILE: create a named file and
    // unlink it at once.
    std::string name = (dir_ / "spillway-spill-XXXXXX").string();
    int made = system_calls().mkostemp(name.data(), O_CLOEXEC);
    if (made < 0) {
      const int err = errno;
      throw Error("cannot create a spill file in '" + dir_.string() + "': " + std::strerror(err) +
                  " (choose a writable directory for SpillFilePageStoreFactory, or set TMPDIR)");
    }
    if (system_calls().unlink(name.c_str()) != 0) {
      int err = errno;
      system_calls().close(made);
      throw Error("cannot unlink the spill file '" + name + "': " + std::strerror(err));
    }
    return made;
  }

  const std::filesystem::path dir_;
  mutable std::mutex mutex_;
  int fd_ = -1;             // opened at the first write, then fixed
  uint64_t end_ = 0;        // next free offset
  size_t outstanding_ = 0;  // blobs written and not yet released
  std::atomic<uint64_t> bytes_spilled_{0};
};

namespace {

class SpillFilePageStore final : public PageStore {
 public:
  explicit SpillFilePageStore(std::shared_ptr<SpillFile> file) : file_(std::move(file)) {}
  ~SpillFilePageStore() override { file_->release(untaken_); }

  PageKey put(Bytes blob) override {
    Extent extent{0, blob.size()};
    // Reserve the table slot first so that a failing push_back cannot lose a
    // blob already counted in the file.
    extents_.push_back(extent);
    if (!blob.empty()) {
      try {
        extents_.back().offset = file_->write(blob.data(), blob.size());
      } catch (...) {
        extents_.pop_back();
        throw;
      }
      ++untaken_;
    }
    return PageKey(extents_.size() - 1);
  }

  Bytes take(PageKey key) override {
    uint64_t index = key.get();
    if (index >= extents_.size()) {
      throw Error("spill file in '" + file_->dir().string() + "': unknown page key " +
                  std::to_string(index) + " (this store has put " +
                  std::to_string(extents_.size()) + " pages)");
    }
    Extent& extent = extents_[index];
    if (extent.offset == kTaken) {
      throw Error("spill file in '" + file_->dir().string() + "': page key " +
                  std::to_string(index) + " was already taken");
    }
    if (extent.length == 0) {
      extent.offset = kTaken;
      return Bytes();
    }
    Bytes blob = file_->read(extent.offset, extent.length);
    extent.offset = kTaken;
    --untaken_;
    file_->release();
    return blob;
  }

  // Only the key table lives on the heap.
  size_t memory_size() const override { return extents_.capacity() * sizeof(Extent); }

 private:
  struct Extent {
    uint64_t offset;
    uint64_t length;
  };
  static constexpr uint64_t kTaken = std::numeric_limits<uint64_t>::max();

  std::shared_ptr<SpillFile> file_;
  std::vector<Extent> extents_;  // the key is the index
  size_t untaken_ = 0;           // non-empty blobs still in the file
};

}  // namespace
}  // namespace detail

SpillFilePageStoreFactory::SpillFilePageStoreFactory(std::filesystem::path dir)
    : file_(std::make_shared<detail::SpillFile>(std::move(dir))) {}

SpillFilePageStoreFactory::~SpillFilePageStoreFactory() = default;

std::filesystem::path SpillFilePageStoreFactory::default_spill_dir() {
  const char* tmpdir = std::getenv("TMPDIR");
  if (tmpdir != nullptr && tmpdir[0] != '\0') return tmpdir;
  return "/tmp";
}

std::unique_ptr<PageStore> SpillFilePageStoreFactory::create(const PageStoreArgs&) const {
  return std::make_unique<detail::SpillFilePageStore>(file_);
}

const std::filesystem::path& SpillFilePageStoreFactory::directory() const {
  return file_->dir();
}

size_t SpillFilePageStoreFactory::spill_file_size() const {
  return file_->size();
}

uint64_t SpillFilePageStoreFactory::bytes_spilled() const {
  return file_->bytes_spilled();
}

}  // namespace spillway

#include <fcntl.h>

#include <cerrno>
#include <cstring>
#include <string>

#include "io/system_calls.h"
#include "spillway/error.h"
#include "spillway/output_stream.h"

namespace spillway {

namespace {

constexpr size_t kBufferSize = 256 * 1024;

std::string errno_text(int err) {
  return std::strerror(err);
}

[[noreturn]] void directory_not_synced(const std::filesystem::path& file, const char* what,
                                       int err) {
  throw Error("'" + file.string() + "' is complete, but the " + what +
              " of its directory failed (" + errno_text(err) +
              "), so the file may be missing after a crash");
}

// Makes the rename durable. A directory we may write but not read (EACCES,
// EPERM) or a file system that cannot sync directories (EINVAL, EROFS)
// offers nothing more to do; any other error means the rename may not
// survive a crash, and the caller must know.
void fsync_directory(const std::filesystem::path& file) {
  const std::filesystem::path dir = file.parent_path();
  const SystemCalls& sys = system_calls();
  int fd = sys.open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);
  if (fd < 0) {
    const int err = errno;
    if (err == EACCES || err == EPERM) return;
    directory_not_synced(file, "open", err);
  }
  const int rc = sys.fsync(fd);
  const int err = errno;
  sys.close(fd);
  if (rc != 0 && err != EINVAL && err != EROFS) directory_not_synced(file, "fsync", err);
}

}  // namespace

FileOutputStream::FileOutputStream(const std::filesystem::path& path, bool fsync_on_close)
    : path_(path), fsync_on_close_(fsync_on_close) {
  // A temporary name in the same directory: rename() over `path` is atomic,
  // and a failed write leaves nothing at `path` (or the file it replaces).
  std::filesystem::path dir = path.parent_path();
  std::string pattern = (dir.empty() ? std::string() : dir.string() + "/") + "." +
                        path.filename().string() + ".spillway-XXXXXX";
  std::vector<char> name(pattern.begin(), pattern.end());
  name.push_back('\0');
  fd_ = system_calls().mkostemp(name.data(), O_CLOEXEC);
  if (fd_ < 0) {
    int err = errno;
    throw Error("cannot create output file next to '" + path.string() + "': " + errno_text(err));
  }
  temp_path_ = name.data();
  buffer_.reserve(kBufferSize);
}

FileOutputStream::~FileOutputStream() {
  const SystemCalls& sys = system_calls();
  if (fd_ >= 0) sys.close(fd_);
  if (!closed_ && !temp_path_.empty()) sys.unlink(temp_path_.c_str());
}

void FileOutputStream::write_fully(const uint8_t* data, size_t size) {
  const SystemCalls& sys = system_calls();
  while (size > 0) {
    ssize_t n = sys.write(fd_, data, size);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {  // 0 for a non-empty write would loop forever: an error too
      int err = n < 0 ? errno : EIO;
      throw Error("write of " + std::to_string(size) + " bytes to '" + path_.string() +
                  "' failed: " + errno_text(err));
    }
    data += n;
    size -= static_cast<size_t>(n);
  }
}

void FileOutputStream::write(const uint8_t* data, size_t size) {
  if (fd_ < 0) throw Error("write to '" + path_.string() + "' after close");
  if (buffer_.size() + size > kBufferSize) {
    flush();
    if (size >= kBufferSize) {  // large blobs (pages) go straight through
      write_fully(data, size);
      return;
    }
  }
  buffer_.insert(buffer_.end(), data, data + size);
}

void FileOutputStream::flush() {
  if (buffer_.empty()) return;
  write_fully(buffer_.data(), buffer_.size());
  buffer_.clear();
}

void FileOutputStream::close() {
  if (closed_) return;
  if (fd_ < 0) throw Error("close of '" + path_.string() + "' after a failed close");
  flush();
  const SystemCalls& sys = system_calls();
  // The footer must be on disk before the name points at the file, or a
  // crash could leave a file at `path` that ends early.
  if (fsync_on_close_ && sys.fsync(fd_) != 0) {
    int err = errno;
    throw Error("fsync of '" + path_.string() + "' failed: " + errno_text(err));
  }
  int fd = fd_;
  fd_ = -1;
  if (sys.close(fd) != 0) {
    int err = errno;
    throw Error("close of '" + path_.string() + "' failed: " + errno_text(err));
  }
  if (sys.rename(temp_path_.c_str(), path_.c_str()) != 0) {
    int err = errno;
    throw Error("cannot move finished file to '" + path_.string() + "': " + errno_text(err));
  }
  closed_ = true;
  if (fsync_on_close_) fsync_directory(path_);
}

}  // namespace spillway

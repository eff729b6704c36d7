#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>

#include "spillway/error.h"
#include "spillway/output_stream.h"

namespace spillway {

namespace {

constexpr size_t kBufferSize = 256 * 1024;

std::string errno_text(int err) {
  return std::strerror(err);
}

void fsync_directory(const std::filesystem::path& dir) {
  int fd = ::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;  // some file systems do not allow opening directories
  ::fsync(fd);
  ::close(fd);
}

}  // namespace

FileOutputStream::FileOutputStream(const std::filesystem::path& path, bool fsync_on_close)
    : path_(path), fsync_on_close_(fsync_on_close) {
  // A temporary name in the same directory: rename() over `path` is atomic,
  // and a failed write leaves nothing at `path`.
  std::filesystem::path dir = path.parent_path();
  std::string pattern = (dir.empty() ? std::string() : dir.string() + "/") + "." +
                        path.filename().string() + ".spillway-XXXXXX";
  std::vector<char> name(pattern.begin(), pattern.end());
  name.push_back('\0');
  fd_ = ::mkostemp(name.data(), O_CLOEXEC);
  if (fd_ < 0) {
    int err = errno;
    throw Error("cannot create output file next to '" + path.string() + "': " + errno_text(err));
  }
  temp_path_ = name.data();
  buffer_.reserve(kBufferSize);
}

FileOutputStream::~FileOutputStream() {
  if (fd_ >= 0) ::close(fd_);
  if (!closed_ && !temp_path_.empty()) ::unlink(temp_path_.c_str());
}

void FileOutputStream::write_fully(const uint8_t* data, size_t size) {
  while (size > 0) {
    ssize_t n = ::write(fd_, data, size);
    if (n < 0) {
      if (errno == EINTR) continue;
      int err = errno;
      throw Error("write to '" + path_.string() + "' failed: " + errno_text(err));
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
  flush();
  if (fsync_on_close_ && ::fsync(fd_) != 0) {
    int err = errno;
    throw Error("fsync of '" + path_.string() + "' failed: " + errno_text(err));
  }
  int fd = fd_;
  fd_ = -1;
  if (::close(fd) != 0) {
    int err = errno;
    throw Error("close of '" + path_.string() + "' failed: " + errno_text(err));
  }
  if (::rename(temp_path_.c_str(), path_.c_str()) != 0) {
    int err = errno;
    throw Error("cannot move finished file to '" + path_.string() + "': " + errno_text(err));
  }
  closed_ = true;
  if (fsync_on_close_) fsync_directory(path_.parent_path());
}

}  // namespace spillway

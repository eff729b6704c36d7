#include "input/input_source.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "spillway/error.h"

namespace spillway::cli {

std::unique_ptr<InputSource> InputSource::open(const std::string& path) {
  if (path == "-") return std::unique_ptr<InputSource>(new InputSource(0, false, "<stdin>"));
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw Error("cannot open input '" + path + "': " + std::strerror(errno));
  struct stat st;
  if (::fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
    ::close(fd);
    throw Error("cannot read input '" + path + "': it is a directory");
  }
  auto source = std::unique_ptr<InputSource>(new InputSource(fd, true, path));
  if (S_ISREG(st.st_mode)) source->size_hint_ = static_cast<uint64_t>(st.st_size);
  return source;
}

std::unique_ptr<InputSource> InputSource::from_string(std::string data, std::string name) {
  auto source = std::unique_ptr<InputSource>(new InputSource(-1, false, std::move(name)));
  source->size_hint_ = data.size();
  source->memory_ = std::move(data);
  return source;
}

InputSource::InputSource(int fd, bool owns_fd, std::string name)
    : fd_(fd), owns_fd_(owns_fd), name_(std::move(name)) {}

InputSource::~InputSource() {
  if (owns_fd_) ::close(fd_);
}

size_t InputSource::read_raw(void* out, size_t n) {
  if (fd_ < 0) {
    size_t k = std::min(n, memory_.size() - memory_pos_);
    std::memcpy(out, memory_.data() + memory_pos_, k);
    memory_pos_ += k;
    return k;
  }
  size_t got = 0;
  auto* p = static_cast<char*>(out);
  while (got < n) {
    ssize_t r = ::read(fd_, p + got, n - got);
    if (r < 0) {
      if (errno == EINTR) continue;
      throw Error("cannot read input '" + name_ + "' at byte " +
                  std::to_string(bytes_read_ + peeked_.size() + got) + ": " + std::strerror(errno));
    }
    if (r == 0) break;
    got += static_cast<size_t>(r);
  }
  return got;
}

size_t InputSource::read(void* out, size_t n) {
  size_t from_peek = std::min(n, peeked_.size());
  std::memcpy(out, peeked_.data(), from_peek);
  peeked_.erase(0, from_peek);
  size_t got = from_peek;
  if (got < n) got += read_raw(static_cast<char*>(out) + got, n - got);
  bytes_read_ += got;
  return got;
}

std::string_view InputSource::peek(size_t n) {
  if (peeked_.size() < n) {
    size_t have = peeked_.size();
    peeked_.resize(n);
    size_t got = read_raw(peeked_.data() + have, n - have);
    peeked_.resize(have + got);
  }
  return std::string_view(peeked_).substr(0, std::min(n, peeked_.size()));
}

}  // namespace spillway::cli

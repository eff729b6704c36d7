// `spillway inspect`: maps the file, reads and checks it (inspect_checks.cc),
// prints the report (inspect_text.cc or inspect_json.cc).

#include "inspect.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <exception>
#include <span>

#include "inspect_report.h"

namespace spillway::cli {
namespace {

// The file's bytes, mapped read-only: only the parts the footer points at
// are read from disk, so inspecting a large file costs little memory.
class MappedFile {
 public:
  explicit MappedFile(const std::string& path) {
    fd_ = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd_ < 0) fail("cannot open");
    struct stat st {};
    if (::fstat(fd_, &st) != 0) fail("cannot stat");
    if (S_ISDIR(st.st_mode)) throw inspect::NotParquet("it is a directory, not a file");
    if (!S_ISREG(st.st_mode)) throw inspect::NotParquet("not a regular file");
    size_ = static_cast<size_t>(st.st_size);
    if (size_ == 0) return;  // mmap rejects length 0; the footer check reports it
    void* p = ::mmap(nullptr, size_, PROT_READ, MAP_PRIVATE, fd_, 0);
    if (p == MAP_FAILED) fail("cannot map");
    data_ = static_cast<const uint8_t*>(p);
  }
  ~MappedFile() {
    if (data_ != nullptr) ::munmap(const_cast<uint8_t*>(data_), size_);
    if (fd_ >= 0) ::close(fd_);
  }
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;

  std::span<const uint8_t> bytes() const { return {data_, size_}; }

 private:
  [[noreturn]] void fail(const char* what) {
    throw inspect::NotParquet(fmt::format("{}: {}", what, std::strerror(errno)));
  }
  int fd_ = -1;
  const uint8_t* data_ = nullptr;
  size_t size_ = 0;
};

}  // namespace

int run_inspect(const InspectOptions& options, std::ostream& out, std::ostream& err) {
  inspect::Report report;
  try {
    MappedFile file(options.path);
    report = inspect::inspect_file(file.bytes(), options.path, options.verify);
    if (options.json) {
      inspect::print_json(report, options.pages, out);
    } else {
      inspect::print_text(report, options.pages, out);
    }
  } catch (const inspect::NotParquet& e) {
    err << fmt::format("spillway inspect: {}: {}\n", options.path, e.what());
    return kInspectUnreadable;
  } catch (const std::exception& e) {  // e.g. out of memory: say so, as unreadable
    err << fmt::format("spillway inspect: {}: {}\n", options.path, e.what());
    return kInspectUnreadable;
  }
  for (const std::string& p : report.problems) {
    err << fmt::format("spillway inspect: {}: {}\n", options.path, p);
  }
  if (report.problems_dropped > 0) {
    err << fmt::format("spillway inspect: {}: ... and {} more problems\n", options.path,
                       report.problems_dropped);
  }
  return report.problems.empty() ? kInspectValid : kInspectInvalid;
}

}  // namespace spillway::cli

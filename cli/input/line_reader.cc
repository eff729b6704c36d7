#include "input/line_reader.h"

#include <algorithm>
#include <cstring>
#include <string>

#include "spillway/error.h"

namespace spillway::cli {

namespace {
constexpr size_t kChunk = 256 * 1024;
}

LineReader::LineReader(InputSource* input, size_t max_line_bytes)
    : input_(input), max_line_bytes_(std::max<size_t>(max_line_bytes, 1)), buf_(kChunk) {}

bool LineReader::next(std::string_view* line) {
  for (;;) {
    const void* nl = scan_ < end_ ? std::memchr(buf_.data() + scan_, '\n', end_ - scan_) : nullptr;
    if (nl != nullptr || (eof_ && start_ < end_)) {
      const size_t stop =
          nl ? static_cast<size_t>(static_cast<const char*>(nl) - buf_.data()) : end_;
      size_t begin = start_;
      if (!started_) {
        started_ = true;
        if (stop - begin >= 3 && std::memcmp(buf_.data() + begin, "\xEF\xBB\xBF", 3) == 0) {
          begin += 3;
        }
      }
      ++line_number_;
      if (stop - begin > max_line_bytes_) {
        throw Error(input_->name() + ": line " + std::to_string(line_number_) + " is longer than " +
                    std::to_string(max_line_bytes_) + " bytes");
      }
      *line = std::string_view(buf_.data() + begin, stop - begin);
      const size_t next = nl ? stop + 1 : stop;
      consumed_ += next - start_;
      start_ = scan_ = next;
      return true;
    }
    if (eof_) return false;
    scan_ = end_;
    if (end_ - start_ > max_line_bytes_ + 3) {
      throw Error(input_->name() + ": line " + std::to_string(line_number_ + 1) +
                  " is longer than " + std::to_string(max_line_bytes_) + " bytes");
    }
    // Make room: drop consumed bytes, then grow if the line fills the buffer.
    if (start_ > 0) {
      std::memmove(buf_.data(), buf_.data() + start_, end_ - start_);
      end_ -= start_;
      scan_ -= start_;
      start_ = 0;
    }
    if (end_ == buf_.size()) buf_.resize(buf_.size() * 2);
    const size_t got = input_->read(buf_.data() + end_, buf_.size() - end_);
    if (got == 0) eof_ = true;
    end_ += got;
  }
}

}  // namespace spillway::cli

#pragma once

// Lines of an input, front to back, in chunks (never seeking): for NDJSON.
// A line may be larger than a chunk; the buffer grows to hold it, up to a
// cap so a file without line breaks cannot take all memory.

#include <cstdint>
#include <string_view>
#include <vector>

#include "input/input_source.h"

namespace spillway::cli {

class LineReader {
 public:
  LineReader(InputSource* input, size_t max_line_bytes);

  // The next line without its '\n' (a final line may lack one; a UTF-8
  // byte order mark at the start of the input is dropped), valid until the
  // next call; false at the end. Throws spillway::Error naming the input and
  // line past max_line_bytes.
  bool next(std::string_view* line);

  // 1-based number of the line last returned.
  uint64_t line_number() const { return line_number_; }
  // Input bytes consumed, through the last line returned and its '\n'.
  uint64_t bytes_consumed() const { return consumed_; }

 private:
  InputSource* input_;
  size_t max_line_bytes_;
  std::vector<char> buf_;
  size_t start_ = 0, scan_ = 0, end_ = 0;
  bool eof_ = false;
  bool started_ = false;
  uint64_t line_number_ = 0;
  uint64_t consumed_ = 0;
};

}  // namespace spillway::cli

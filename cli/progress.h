#pragma once

// The one-line progress display of `spillway convert` on standard error:
// rows, input read, MB/s, the writer's resident memory, bytes spilled and
// row groups, redrawn at most ten times a second.

#include <chrono>
#include <cstdint>
#include <cstdio>

namespace spillway::cli {

struct ProgressState {
  uint64_t rows = 0;
  uint64_t input_bytes = 0;
  uint64_t input_total = 0;  // 0: unknown (standard input)
  uint64_t writer_memory = 0;
  uint64_t bytes_spilled = 0;
  uint64_t row_groups = 0;
};

class Progress {
 public:
  // `mode`: "on", "off", or "auto" (on when `out` is a terminal).
  Progress(const char* mode, FILE* out);
  bool enabled() const { return enabled_; }
  void update(const ProgressState& s);
  // Erases the line, so the summary starts on a clean one.
  void finish();

 private:
  bool enabled_;
  FILE* out_;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_;
  bool drawn_ = false;
};

}  // namespace spillway::cli

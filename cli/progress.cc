#include "progress.h"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <string>

#include "units.h"

namespace spillway::cli {

Progress::Progress(const char* mode, FILE* out)
    : enabled_(std::strcmp(mode, "on") == 0 ||
               (std::strcmp(mode, "auto") == 0 && ::isatty(::fileno(out)))),
      out_(out),
      start_(std::chrono::steady_clock::now()),
      last_(start_) {}

void Progress::update(const ProgressState& s) {
  if (!enabled_) return;
  auto now = std::chrono::steady_clock::now();
  if (drawn_ && now - last_ < std::chrono::milliseconds(100)) return;
  last_ = now;
  const double seconds = std::chrono::duration<double>(now - start_).count();
  const double mbps = seconds > 0 ? static_cast<double>(s.input_bytes) / 1e6 / seconds : 0;
  std::string bar;
  if (s.input_total > 0) {
    const double f =
        std::min(1.0, static_cast<double>(s.input_bytes) / static_cast<double>(s.input_total));
    const int width = 20, filled = static_cast<int>(f * width);
    bar = fmt::format("[{}{}] {:3.0f}%  ", std::string(static_cast<size_t>(filled), '#'),
                      std::string(static_cast<size_t>(width - filled), '.'), f * 100);
  }
  std::string line =
      fmt::format("{}{} rows  {} read  {:.1f} MB/s  writer memory {}  spilled {}  row groups {}",
                  bar, format_count(s.rows), format_size(s.input_bytes), mbps,
                  format_size(s.writer_memory), format_size(s.bytes_spilled), s.row_groups);
  // \r and clear-to-end-of-line: redraw in place.
  std::fprintf(out_, "\r%s\x1b[K", line.c_str());
  std::fflush(out_);
  drawn_ = true;
}

void Progress::finish() {
  if (!enabled_ || !drawn_) return;
  std::fprintf(out_, "\r\x1b[K");
  std::fflush(out_);
  drawn_ = false;
}

}  // namespace spillway::cli

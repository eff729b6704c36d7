#include "demo.h"

#include <fmt/format.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "arrow/export.h"
#include "inspect.h"
#include "spillway/error.h"
#include "spillway/spill_file_store.h"
#include "units.h"
#include "write_options.h"

namespace spillway::cli {

namespace {

// What a child process measured, sent back through a pipe.
struct RunResult {
  bool ok = false;
  uint64_t peak_writer_memory = 0;
  uint64_t bytes_spilled = 0;
  uint64_t output_bytes = 0;
  uint64_t input_bytes = 0;
  double seconds = 0;
  char error[512] = {};
};

RunResult write_table(const DemoOptions& o, const std::string& store, const std::string& path) {
  RunResult r;
  const auto start = std::chrono::steady_clock::now();
  WriteOptions w;
  w.compression = o.compression;
  w.row_group_rows = o.shape.rows;  // one row group
  w.page_store = store;
  w.memory_budget = o.memory_budget;
  PageStoreChoice choice = make_page_store(w);
  DemoTable table(o.shape);
  ArrowSchema schema;
  export_schema(table.schema(), &schema);
  ArrowWriter writer = [&] {
    try {
      return ArrowWriter::open(path, &schema, make_writer_options(w, choice));
    } catch (...) {
      schema.release(&schema);
      throw;
    }
  }();
  schema.release(&schema);
  ArrowArray batch;
  while (table.next(&batch)) {
    writer.write(&batch);
    r.peak_writer_memory = std::max<uint64_t>(r.peak_writer_memory, writer.memory_size());
  }
  writer.close();
  r.bytes_spilled = choice.bytes_spilled();
  r.output_bytes = std::filesystem::file_size(path);
  r.input_bytes = table.bytes_generated();
  r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  r.ok = true;
  return r;
}

// Runs one write in a child process, so each run's peak resident set is its
// own (the kernel's accounting of the child), not the larger of the two.
RunResult run_in_child(const DemoOptions& o, const std::string& store, const std::string& path,
                       uint64_t* peak_rss) {
  int fds[2];
  if (::pipe(fds) != 0) throw Error(std::string("demo: pipe failed: ") + std::strerror(errno));
  std::fflush(nullptr);
  pid_t pid = ::fork();
  if (pid < 0) throw Error(std::string("demo: fork failed: ") + std::strerror(errno));
  if (pid == 0) {
    ::close(fds[0]);
    RunResult r;
    try {
      r = write_table(o, store, path);
    } catch (const std::exception& e) {
      std::snprintf(r.error, sizeof r.error, "%s", e.what());
    }
    ssize_t written = ::write(fds[1], &r, sizeof r);
    ::_exit(written == static_cast<ssize_t>(sizeof r) && r.ok ? 0 : 1);
  }
  ::close(fds[1]);
  RunResult r;
  size_t got = 0;
  while (got < sizeof r) {
    ssize_t n = ::read(fds[0], reinterpret_cast<char*>(&r) + got, sizeof r - got);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    got += static_cast<size_t>(n);
  }
  ::close(fds[0]);
  int status = 0;
  struct rusage ru {};
  while (::wait4(pid, &status, 0, &ru) < 0 && errno == EINTR) {
  }
  *peak_rss = static_cast<uint64_t>(ru.ru_maxrss) * 1024;  // Linux reports KiB
  if (got != sizeof r) {
    throw Error("demo: the " + store + " run ended without a result (status " +
                std::to_string(status) + ")");
  }
  if (!r.ok) throw Error("demo: the " + store + " run failed: " + std::string(r.error));
  return r;
}

bool same_bytes(const std::string& a, const std::string& b) {
  std::ifstream fa(a, std::ios::binary), fb(b, std::ios::binary);
  std::vector<char> ba(1 << 20), bb(1 << 20);
  while (fa && fb) {
    fa.read(ba.data(), static_cast<std::streamsize>(ba.size()));
    fb.read(bb.data(), static_cast<std::streamsize>(bb.size()));
    if (fa.gcount() != fb.gcount() ||
        std::memcmp(ba.data(), bb.data(), static_cast<size_t>(fa.gcount())) != 0)
      return false;
  }
  return fa.eof() && fb.eof();
}

std::string make_dir(const std::string& requested) {
  if (!requested.empty()) {
    std::filesystem::create_directories(requested);
    return requested;
  }
  std::string templ = (SpillFilePageStoreFactory::default_spill_dir() / "spillway-demo-XXXXXX");
  if (::mkdtemp(templ.data()) == nullptr) {
    throw Error("demo: cannot create a directory for the output: " +
                std::string(std::strerror(errno)));
  }
  return templ;
}

}  // namespace

int run_demo(const DemoOptions& o, FILE* out, FILE* err) {
  try {
    const std::string dir = make_dir(o.dir);
    const std::string in_memory = dir + "/demo-in-memory-store.parquet";
    const std::string budgeted = dir + "/demo-budgeted-store.parquet";
    const auto& sh = o.shape;
    std::fputs(fmt::format("spillway demo: {} rows x {} columns ({} fat text columns of ~{} per "
                           "value), one row group, {}\n",
                           format_count(sh.rows), sh.columns, sh.fat_columns,
                           format_size(sh.fat_value_bytes), o.compression)
                   .c_str(),
               out);
    std::fputs(fmt::format("writing {} ...\n", in_memory).c_str(), out);
    uint64_t rss_memory = 0, rss_budget = 0;
    RunResult m = run_in_child(o, "memory", in_memory, &rss_memory);
    std::fputs(fmt::format("writing {} ...\n\n", budgeted).c_str(), out);
    RunResult b = run_in_child(o, "budget", budgeted, &rss_budget);
    const bool identical = same_bytes(in_memory, budgeted);

    const std::string budget_head = "budgeted store (" + format_size(o.memory_budget) + ")";
    auto row = [&](const char* label, const std::string& x, const std::string& y) {
      std::fputs(fmt::format("  {:<24}{:>20}{:>28}\n", label, x, y).c_str(), out);
    };
    row("", "in-memory store", budget_head);
    row("peak RSS (process)", format_size(rss_memory), format_size(rss_budget));
    row("peak writer memory", format_size(m.peak_writer_memory), format_size(b.peak_writer_memory));
    row("bytes spilled", format_size(m.bytes_spilled), format_size(b.bytes_spilled));
    row("output size", format_size(m.output_bytes), format_size(b.output_bytes));
    row("time", fmt::format("{:.2f} s", m.seconds), fmt::format("{:.2f} s", b.seconds));
    row("throughput (Arrow in)",
        fmt::format("{:.0f} MB/s", static_cast<double>(m.input_bytes) / 1e6 / m.seconds),
        fmt::format("{:.0f} MB/s", static_cast<double>(b.input_bytes) / 1e6 / b.seconds));
    std::fputs(fmt::format("\n  Arrow data generated: {}; the two files are {}.\n",
                           format_size(m.input_bytes),
                           identical ? "byte-identical" : "DIFFERENT (a bug: please report it)")
                   .c_str(),
               out);
    std::fputs(
        "  Peak writer memory is ArrowWriter::memory_size() after each batch; peak RSS is the\n"
        "  kernel's count for the child process that wrote the file (data generation "
        "included).\n",
        out);
    if (o.inspect) {
      std::fputs(fmt::format("\n$ spillway inspect {}\n", budgeted).c_str(), out);
      std::ostringstream report, problems;
      int rc = run_inspect(InspectOptions{budgeted, false, false}, report, problems);
      // The whole report lists every column; show its head.
      std::istringstream lines(report.str());
      std::string line;
      int shown = 0, total = 0;
      while (std::getline(lines, line)) {
        if (shown < 40) {
          std::fputs((line + "\n").c_str(), out);
          ++shown;
        }
        ++total;
      }
      if (total > shown) {
        std::fputs(
            fmt::format("... ({} more lines: run the command above for all)\n", total - shown)
                .c_str(),
            out);
      }
      if (rc != 0) {
        std::fputs(problems.str().c_str(), err);
        return rc;
      }
    }
    return identical ? 0 : 1;
  } catch (const std::exception& e) {
    std::fprintf(err, "spillway demo: error: %s\n", e.what());
    return 1;
  }
}

}  // namespace spillway::cli

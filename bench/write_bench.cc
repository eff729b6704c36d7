// Write throughput of spillway::ArrowWriter on a wide flat table (see
// wide_table.h) or a table of nested columns (nested_table.h), uncompressed
// and with zstd level 1, to a file and to a NullOutputStream. MB/s is Arrow
// input bytes (validity + values + offsets + string data referenced by the
// batches, children included) per second of wall time, best of N.
//
//   write_bench [--table flat|nested] [--rows N] [--batch-rows N] [--repeat N]
//               [--out-dir DIR] [--fsync]
//
// Prints one JSON line per result on stdout and a human table on stderr. Also
// writes <out-dir>/table.parquet (uncompressed, untimed) for bench/peers.mjs.

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "arrow_data.h"
#include "nested_table.h"
#include "spillway/spillway.h"
#include "wide_table.h"

namespace {

using spillway::bench::BatchData;

struct Options {
  bool nested = false;  // --table nested
  int64_t rows = 1'000'000;
  int64_t batch_rows = 65'536;
  int repeat = 3;
  std::filesystem::path out_dir = "/tmp/spillway-bench";
  // Off by default: the peers (DuckDB, Polars) do not fsync their output.
  bool fsync = false;
};

[[noreturn]] void usage(const std::string& problem) {
  if (!problem.empty()) std::cerr << "write_bench: " << problem << "\n";
  std::cerr << "usage: write_bench [--table flat|nested] [--rows N] [--batch-rows N] [--repeat N]"
               " [--out-dir DIR] [--fsync]\n"
               "defaults: --table flat --rows 1000000 --batch-rows 65536 --repeat 3"
               " --out-dir /tmp/spillway-bench, no fsync\n";
  std::exit(problem.empty() ? 0 : 2);
}

int64_t positive(const std::string& flag, const char* text) {
  char* end = nullptr;
  long long v = std::strtoll(text, &end, 10);
  if (end == text || *end != '\0' || v <= 0) {
    usage(flag + " needs a positive integer, got '" + text + "'");
  }
  return v;
}

Options parse(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    const std::string flag = argv[i];
    auto value = [&]() -> const char* {
      if (i + 1 >= argc) usage(flag + " needs a value");
      return argv[++i];
    };
    if (flag == "--table") {
      const std::string table = value();
      if (table != "flat" && table != "nested") {
        usage("--table needs flat or nested, got '" + table + "'");
      }
      o.nested = table == "nested";
    } else if (flag == "--rows") {
      o.rows = positive(flag, value());
    } else if (flag == "--batch-rows") {
      o.batch_rows = positive(flag, value());
    } else if (flag == "--repeat") {
      o.repeat = static_cast<int>(positive(flag, value()));
    } else if (flag == "--out-dir") {
      o.out_dir = value();
    } else if (flag == "--help" || flag == "-h") {
      usage("");
    } else if (flag == "--fsync") {
      o.fsync = true;
    } else {
      usage("unknown argument '" + flag + "'");
    }
  }
  return o;
}

struct Table {
  std::vector<spillway::bench::Field> columns;
  std::vector<std::shared_ptr<const BatchData>> batches;
  int64_t arrow_bytes = 0;
};

Table generate(const Options& o) {
  Table t;
  const auto flat = spillway::bench::wide_table_columns();
  t.columns =
      o.nested ? spillway::bench::nested_table_fields() : spillway::bench::wide_table_fields(flat);
  for (int64_t first = 0; first < o.rows; first += o.batch_rows) {
    const int64_t length = std::min(o.batch_rows, o.rows - first);
    auto batch = std::make_shared<BatchData>(
        o.nested ? spillway::bench::generate_nested_batch(first, length)
                 : spillway::bench::generate_batch(flat, first, length));
    t.arrow_bytes += batch->arrow_bytes();
    t.batches.push_back(std::move(batch));
  }
  return t;
}

enum class Sink { kFile, kNull };

// Where the pages of a row group wait: the default heap store, the shared
// spill file, or a 64 MiB budget that spills the largest columns past it.
enum class Store { kMemory, kSpill, kBudget };
constexpr size_t kBudgetBytes = 64u << 20;

const char* name(Store s) {
  return s == Store::kMemory ? "memory" : (s == Store::kSpill ? "spill" : "budget");
}

struct RunResult {
  double seconds = 0;
  uint64_t output_bytes = 0;
  size_t peak_memory = 0;
};

spillway::ArrowWriterOptions writer_options(spillway::Compression compression, Store store,
                                            const std::filesystem::path& spill_dir) {
  auto options = spillway::ArrowWriterOptions().with_properties(
      spillway::WriterProperties::builder().set_compression(compression).build());
  if (store == Store::kSpill) {
    options.with_page_store_factory(
        std::make_shared<spillway::SpillFilePageStoreFactory>(spill_dir));
  } else if (store == Store::kBudget) {
    options.with_page_store_factory(std::make_shared<spillway::BudgetedPageStoreFactory>(
        kBudgetBytes, std::make_shared<spillway::SpillFilePageStoreFactory>(spill_dir)));
  }
  return options;
}

// One full write: open, every batch, close. The batches are exported before
// the clock starts (only the small C structs are allocated; buffers are shared).
RunResult write_once(const Table& t, const ArrowSchema* schema, spillway::Compression compression,
                     Sink sink, const std::filesystem::path& file, bool fsync,
                     Store store = Store::kMemory) {
  std::vector<ArrowArray> arrays(t.batches.size());
  for (size_t i = 0; i < t.batches.size(); ++i) {
    spillway::bench::export_batch(t.batches[i], &arrays[i]);
  }
  RunResult r;
  const auto start = std::chrono::steady_clock::now();
  std::unique_ptr<spillway::OutputStream> out;
  if (sink == Sink::kFile) {
    out = std::make_unique<spillway::FileOutputStream>(file, fsync);
  } else {
    out = std::make_unique<spillway::NullOutputStream>();
  }
  auto writer = spillway::ArrowWriter::open(std::move(out), schema,
                                            writer_options(compression, store, file.parent_path()));
  for (auto& array : arrays) {
    writer.write(&array);
    r.peak_memory = std::max(r.peak_memory, writer.memory_size());
  }
  writer.close();
  r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  r.output_bytes = writer.bytes_written();
  return r;
}

struct Result {
  std::string compression;
  std::string sink;
  std::string store;
  RunResult best;
};

const char* name(spillway::Compression c) {
  return c == spillway::Compression::ZSTD ? "zstd" : "uncompressed";
}

void print_json(const Options& o, const Table& t, const Result& r) {
  std::printf(
      "{\"writer\":\"spillway %s\",\"compression\":\"%s\",\"sink\":\"%s\",\"store\":\"%s\","
      "\"threads\":\"1\","
      "\"rows\":%lld,\"batch_rows\":%lld,\"columns\":%zu,\"arrow_input_bytes\":%lld,"
      "\"repeat\":%d,\"seconds\":%.4f,\"mb_per_s\":%.1f,\"output_bytes\":%llu,"
      "\"peak_writer_memory_bytes\":%zu,\"fsync\":%s}\n",
      SPILLWAY_VERSION_STRING, r.compression.c_str(), r.sink.c_str(), r.store.c_str(),
      static_cast<long long>(o.rows), static_cast<long long>(o.batch_rows), t.columns.size(),
      static_cast<long long>(t.arrow_bytes), o.repeat, r.best.seconds,
      static_cast<double>(t.arrow_bytes) / 1e6 / r.best.seconds,
      static_cast<unsigned long long>(r.best.output_bytes), r.best.peak_memory,
      o.fsync ? "true" : "false");
  std::fflush(stdout);
}

int run(const Options& o) {
  std::filesystem::create_directories(o.out_dir);
  const auto gen_start = std::chrono::steady_clock::now();
  const Table t = generate(o);
  const double gen_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - gen_start).count();
  std::fprintf(stderr,
               "write_bench: %lld rows x %zu columns in %zu batches of <= %lld rows, "
               "Arrow input %.1f MB (generated in %.1f s), best of %d\n",
               static_cast<long long>(o.rows), t.columns.size(), t.batches.size(),
               static_cast<long long>(o.batch_rows), static_cast<double>(t.arrow_bytes) / 1e6,
               gen_seconds, o.repeat);

  const spillway::bench::ExportedSchema schema(t.columns);
  // The peers' input: the same table, uncompressed, written once, untimed.
  write_once(t, schema.get(), spillway::Compression::UNCOMPRESSED, Sink::kFile,
             o.out_dir / "table.parquet", o.fsync);

  std::vector<Result> results;
  const std::filesystem::path scratch = o.out_dir / "spillway_out.parquet";
  struct Variant {
    Sink sink;
    Store store;
  };
  // The default store to a file and to a null sink, then the spilling stores
  // to a file: the cost of spilling, same data, same run.
  const Variant variants[] = {{Sink::kFile, Store::kMemory},
                              {Sink::kNull, Store::kMemory},
                              {Sink::kFile, Store::kSpill},
                              {Sink::kFile, Store::kBudget}};
  for (auto compression : {spillway::Compression::UNCOMPRESSED, spillway::Compression::ZSTD}) {
    for (const Variant& v : variants) {
      const Sink sink = v.sink;
      Result r{name(compression), sink == Sink::kFile ? "file" : "null", name(v.store), {}};
      r.best.seconds = 1e300;
      for (int i = 0; i < o.repeat; ++i) {
        std::filesystem::remove(scratch);
        RunResult run = write_once(t, schema.get(), compression, sink, scratch, o.fsync, v.store);
        if (run.seconds < r.best.seconds) r.best = run;
      }
      std::filesystem::remove(scratch);
      print_json(o, t, r);
      results.push_back(r);
    }
  }

  std::fprintf(stderr, "%-14s %-13s %-5s %-7s %9s %8s %10s %16s\n", "writer", "compression", "sink",
               "store", "MB/s", "seconds", "output MB", "peak writer MB");
  for (const Result& r : results) {
    std::fprintf(stderr, "%-14s %-13s %-5s %-7s %9.1f %8.3f %10.1f %16.1f\n", "spillway",
                 r.compression.c_str(), r.sink.c_str(), r.store.c_str(),
                 static_cast<double>(t.arrow_bytes) / 1e6 / r.best.seconds, r.best.seconds,
                 static_cast<double>(r.best.output_bytes) / 1e6,
                 static_cast<double>(r.best.peak_memory) / 1e6);
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  const Options o = parse(argc, argv);
  try {
    return run(o);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "write_bench: %s\n", e.what());
    return 1;
  }
}

#pragma once

// `spillway convert INPUT... OUTPUT`: Arrow IPC (stream or file), CSV or
// NDJSON in, one Parquet file out, written through the page store the
// options choose.

#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

#include "input/csv_reader.h"
#include "input/ndjson_reader.h"
#include "write_options.h"

namespace spillway::cli {

struct ConvertOptions {
  std::vector<std::string> inputs;  // "-" is standard input
  std::string output;
  std::string format = "auto";  // auto|ipc|csv|tsv|ndjson
  CsvOptions csv;
  NdjsonOptions ndjson;
  WriteOptions write;
  std::string progress = "auto";  // auto|on|off
};

struct ConvertSummary {
  uint64_t rows = 0;
  uint64_t row_groups = 0;
  uint64_t input_bytes = 0;
  uint64_t output_bytes = 0;
  uint64_t peak_writer_memory = 0;  // max of ArrowWriter::memory_size() after each batch
  uint64_t peak_rss = 0;            // the process's peak resident set (getrusage)
  uint64_t bytes_spilled = 0;
  double seconds = 0;
  std::string page_store;
};

// The format an input is in: `format` unless "auto", else from the file
// extension, else from its first bytes. Returns "ipc", "csv", "tsv" or
// "ndjson".
std::string detect_format(const std::string& path, std::string_view first_bytes,
                          const std::string& format);

// Converts; throws spillway::Error on bad input or options, leaving nothing
// at the output path.
ConvertSummary convert(const ConvertOptions& options, FILE* progress_out);

// convert() plus the summary on `out` and errors on `err`; the exit code.
int run_convert(const ConvertOptions& options, FILE* out, FILE* err);

}  // namespace spillway::cli

// spillway: convert Arrow IPC, CSV and NDJSON to Parquet under a memory cap,
// inspect Parquet files, and show what a page store does.

#include <CLI/CLI.hpp>
#include <cstdio>
#include <exception>
#include <iostream>
#include <optional>
#include <string>

#include "convert.h"
#include "demo.h"
#include "inspect.h"
#include "spillway/version.h"
#include "units.h"

namespace {

using spillway::cli::parse_size;

// A size option ("64MiB") as text, parsed after CLI11 has read it.
std::optional<uint64_t> size_or_none(const std::string& text, const char* what) {
  if (text.empty()) return std::nullopt;
  return parse_size(text, what);
}

char single_char(const std::string& text, const char* what) {
  if (text == "\\t" || text == "tab") return '\t';
  if (text.size() != 1) {
    throw spillway::Error(std::string(what) + ": '" + text + "' is not a single character");
  }
  return text[0];
}

void add_write_options(CLI::App* cmd, spillway::cli::WriteOptions& w, std::string& row_group_bytes,
                       std::string& page_size, std::string& budget, std::string& dictionary) {
  cmd->add_option("--compression", w.compression,
                  "Codec: uncompressed, snappy, gzip, brotli, zstd, lz4_raw")
      ->capture_default_str();
  cmd->add_option("--compression-level", w.compression_level, "Codec level (zstd, gzip, brotli)");
  cmd->add_option("--row-group-rows", w.row_group_rows, "Rows per row group (default 1048576)");
  cmd->add_option("--row-group-bytes", row_group_bytes,
                  "End a row group once its encoded size reaches SIZE (e.g. 512MiB)");
  cmd->add_option("--page-size", page_size, "Data page size limit (default 1MiB)");
  cmd->add_option("--dictionary", dictionary, "Dictionary encoding: on or off")
      ->check(CLI::IsMember({"on", "off"}))
      ->capture_default_str();
  cmd->add_option("--writer-version", w.writer_version, "Data page version: 1 or 2")
      ->check(CLI::IsMember({1, 2}))
      ->capture_default_str();
  cmd->add_option("--statistics", w.statistics, "Statistics: none, chunk or page")
      ->check(CLI::IsMember({"none", "chunk", "page"}))
      ->capture_default_str();
  cmd->add_flag("--page-checksums", w.page_checksums,
                "Write the CRC32 of every page in its header (spillway inspect checks them)");
  cmd->add_flag("--no-fsync", w.no_fsync,
                "Skip the fsync of the finished file and its directory (faster; a crash may "
                "then lose the file)");
  cmd->add_option("--page-store", w.page_store,
                  "Where finished pages wait for their row group's end: memory (all on the "
                  "heap), spill (all to one temp file), budget (heap up to --memory-budget, "
                  "then the largest columns spill)")
      ->check(CLI::IsMember({"memory", "spill", "budget"}))
      ->capture_default_str();
  cmd->add_option("--memory-budget", budget,
                  "Heap bytes of finished pages the budget store keeps before spilling")
      ->capture_default_str();
  cmd->add_option("--spill-dir", w.spill_dir,
                  "Directory of the spill file (default $TMPDIR, else /tmp)");
}

}  // namespace

int main(int argc, char** argv) {
  using namespace spillway::cli;
  CLI::App app{"spillway: write Parquet with memory bounded by pages, not row groups"};
  app.set_version_flag("--version", std::string(spillway::kCreatedBy));
  app.require_subcommand(1);

  // convert
  ConvertOptions conv;
  std::vector<std::string> paths;
  std::string row_group_bytes, page_size, dictionary = "on", budget = "256MiB";
  std::string delimiter = ",", quote = "\"", escape;
  bool no_header = false;
  std::vector<std::string> nulls;
  auto* convert = app.add_subcommand(
      "convert",
      "Convert Arrow IPC (stream or file/Feather), CSV or NDJSON to one Parquet file. By default "
      "pages wait in the budgeted store: up to 256 MiB on the heap, the largest columns spill to "
      "a temp file past that, so memory stays bounded whatever the row group size.");
  convert->add_option("paths", paths, "INPUT... OUTPUT ('-' reads standard input)")
      ->required()
      ->expected(2, -1);
  convert->add_option("--format", conv.format, "Input format: auto, ipc, csv, tsv or ndjson")
      ->capture_default_str();
  add_write_options(convert, conv.write, row_group_bytes, page_size, budget, dictionary);
  convert
      ->add_option("--progress", conv.progress,
                   "Progress line on stderr: auto (when a terminal), on, off")
      ->check(CLI::IsMember({"auto", "on", "off"}))
      ->capture_default_str();
  convert->add_option("--delimiter", delimiter, "CSV field delimiter ('\\t' for tab)")
      ->capture_default_str();
  convert->add_option("--quote", quote, "CSV quote character")->capture_default_str();
  convert->add_option("--escape", escape,
                      "CSV escape character (default none: quotes are doubled)");
  convert->add_flag("--no-header", no_header, "CSV has no header row (columns column0, ...)");
  convert->add_option("--null", nulls,
                      "CSV text read as null when unquoted (repeatable; default: empty field)");
  convert->add_option("--schema", conv.csv.schema,
                      "Column types overriding inference, e.g. 'id:int64,price:decimal(12,2)'; "
                      "NDJSON also takes nested types, e.g. "
                      "'tags:list<utf8>,attrs:struct<a:int64,b:utf8>'");
  convert
      ->add_option("--infer-rows", conv.csv.infer_rows,
                   "CSV/NDJSON rows sampled for type inference")
      ->capture_default_str();

  // inspect
  InspectOptions insp;
  auto* inspect = app.add_subcommand(
      "inspect",
      "Show a Parquet file's schema, metadata, row groups, column chunks and (with "
      "--pages) every page; check its layout; exit 1 if it is invalid");
  inspect->add_option("file", insp.path, "Parquet file")->required();
  inspect->add_flag("--pages", insp.pages, "List every page");
  inspect->add_flag("--json", insp.json, "Print JSON");
  inspect->add_flag("--verify", insp.verify,
                    "Also decode every page and check its values against the statistics, page "
                    "index and bloom filter");

  // demo
  DemoOptions demo;
  std::string demo_budget = "64MiB";
  bool no_inspect = false;
  auto* demo_cmd = app.add_subcommand(
      "demo",
      "Write a generated wide, skewed table as one row group with the in-memory and the "
      "budgeted page store, and compare peak memory, output and time");
  demo_cmd->add_option("--rows", demo.shape.rows, "Rows")->capture_default_str();
  demo_cmd->add_option("--columns", demo.shape.columns, "Columns")->capture_default_str();
  demo_cmd->add_option("--fat-columns", demo.shape.fat_columns, "Fat text columns")
      ->capture_default_str();
  demo_cmd
      ->add_option("--fat-bytes", demo.shape.fat_value_bytes,
                   "Typical size of a fat column's value")
      ->capture_default_str();
  demo_cmd->add_option("--memory-budget", demo_budget, "The budgeted store's budget")
      ->capture_default_str();
  demo_cmd->add_option("--compression", demo.compression, "Codec")->capture_default_str();
  demo_cmd->add_option("--dir", demo.dir, "Where the two files go (default: a new temp dir)");
  demo_cmd->add_flag("--no-inspect", no_inspect, "Skip inspecting the result");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }

  try {
    if (*convert) {
      conv.output = paths.back();
      paths.pop_back();
      conv.inputs = paths;
      conv.write.row_group_bytes = size_or_none(row_group_bytes, "--row-group-bytes");
      conv.write.page_size = size_or_none(page_size, "--page-size");
      conv.write.memory_budget = parse_size(budget, "--memory-budget");
      conv.write.dictionary = dictionary == "on";
      conv.csv.delimiter = single_char(delimiter, "--delimiter");
      conv.csv.quote = single_char(quote, "--quote");
      if (!escape.empty()) conv.csv.escape = single_char(escape, "--escape");
      conv.csv.header = !no_header;
      if (!nulls.empty()) conv.csv.null_values = nulls;
      conv.ndjson.schema = conv.csv.schema;
      conv.ndjson.infer_rows = conv.csv.infer_rows;
      return run_convert(conv, stdout, stderr);
    }
    if (*inspect) return run_inspect(insp, std::cout, std::cerr);
    if (*demo_cmd) {
      demo.memory_budget = parse_size(demo_budget, "--memory-budget");
      demo.inspect = !no_inspect;
      return run_demo(demo, stdout, stderr);
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "spillway: error: %s\n", e.what());
    return 1;
  }
  return 0;
}

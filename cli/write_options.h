#pragma once

// The writer settings `spillway convert` and `spillway demo` share: codec,
// row groups, pages, dictionary, page version, statistics, and the page
// store with its memory budget.

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "spillway/arrow_writer.h"

namespace spillway::cli {

struct WriteOptions {
  std::string compression = "zstd";  // uncompressed|snappy|gzip|brotli|zstd|lz4_raw
  std::optional<int> compression_level;
  std::optional<uint64_t> row_group_rows;   // default: the library's (1,048,576)
  std::optional<uint64_t> row_group_bytes;  // default: none
  std::optional<uint64_t> page_size;        // default: the library's (1 MiB)
  bool dictionary = true;
  int writer_version = 1;
  std::string statistics = "page";    // none|chunk|page
  bool page_checksums = false;        // CRC32 in every page header
  bool no_fsync = false;              // skip fsync of the file and its directory
  std::string page_store = "budget";  // memory|spill|budget
  uint64_t memory_budget = 256ull << 20;
  std::string spill_dir;  // "" = $TMPDIR, else /tmp
};

// The page store a run uses, and how to read what it spilled.
struct PageStoreChoice {
  std::shared_ptr<PageStoreFactory> factory;  // null: the in-memory default
  std::function<uint64_t()> bytes_spilled;
  std::string description;  // e.g. "budgeted (256 MiB, then spill to /tmp)"
};
PageStoreChoice make_page_store(const WriteOptions& options);

// WriterProperties and page store from the options; throws spillway::Error
// naming the option that is wrong.
ArrowWriterOptions make_writer_options(const WriteOptions& options, const PageStoreChoice& store);

}  // namespace spillway::cli

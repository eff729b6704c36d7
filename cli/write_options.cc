#include "write_options.h"

#include <fmt/format.h>

#include "spillway/budgeted_store.h"
#include "spillway/error.h"
#include "spillway/spill_file_store.h"
#include "units.h"

namespace spillway::cli {

namespace {

Compression parse_compression(const std::string& name) {
  if (name == "uncompressed" || name == "none") return Compression::UNCOMPRESSED;
  if (name == "snappy") return Compression::SNAPPY;
  if (name == "gzip") return Compression::GZIP;
  if (name == "brotli") return Compression::BROTLI;
  if (name == "zstd") return Compression::ZSTD;
  if (name == "lz4" || name == "lz4_raw") return Compression::LZ4_RAW;
  throw Error("--compression: unknown codec '" + name +
              "' (choose uncompressed, snappy, gzip, brotli, zstd or lz4_raw)");
}

EnabledStatistics parse_statistics(const std::string& name) {
  if (name == "none") return EnabledStatistics::NONE;
  if (name == "chunk") return EnabledStatistics::CHUNK;
  if (name == "page") return EnabledStatistics::PAGE;
  throw Error("--statistics: unknown level '" + name + "' (choose none, chunk or page)");
}

}  // namespace

PageStoreChoice make_page_store(const WriteOptions& o) {
  std::filesystem::path dir = o.spill_dir.empty() ? SpillFilePageStoreFactory::default_spill_dir()
                                                  : std::filesystem::path(o.spill_dir);
  PageStoreChoice c;
  if (o.page_store == "memory") {
    c.bytes_spilled = [] { return uint64_t{0}; };
    c.description = "in-memory";
  } else if (o.page_store == "spill") {
    auto spill = std::make_shared<SpillFilePageStoreFactory>(dir);
    c.factory = spill;
    c.bytes_spilled = [spill] { return spill->bytes_spilled(); };
    c.description = "spill file in " + dir.string();
  } else if (o.page_store == "budget") {
    auto budget = std::make_shared<BudgetedPageStoreFactory>(
        static_cast<size_t>(o.memory_budget), std::make_shared<SpillFilePageStoreFactory>(dir));
    c.factory = budget;
    c.bytes_spilled = [budget] { return budget->bytes_spilled(); };
    c.description = fmt::format("budgeted ({} on the heap, then spill to {})",
                                format_size(o.memory_budget), dir.string());
  } else {
    throw Error("--page-store: unknown store '" + o.page_store +
                "' (choose memory, spill or budget)");
  }
  return c;
}

ArrowWriterOptions make_writer_options(const WriteOptions& o, const PageStoreChoice& store) {
  auto b = WriterProperties::builder();
  b.set_compression(parse_compression(o.compression), o.compression_level);
  if (o.row_group_rows) {
    if (*o.row_group_rows == 0) throw Error("--row-group-rows must be at least 1");
    b.set_max_row_group_row_count(static_cast<size_t>(*o.row_group_rows));
  }
  if (o.row_group_bytes) b.set_max_row_group_bytes(static_cast<size_t>(*o.row_group_bytes));
  if (o.page_size) {
    if (*o.page_size == 0) throw Error("--page-size must be at least 1 byte");
    b.set_data_page_size_limit(static_cast<size_t>(*o.page_size));
  }
  b.set_dictionary_enabled(o.dictionary);
  if (o.writer_version != 1 && o.writer_version != 2) {
    throw Error("--writer-version: " + std::to_string(o.writer_version) + " (choose 1 or 2)");
  }
  b.set_writer_version(o.writer_version == 1 ? WriterVersion::PARQUET_1_0
                                             : WriterVersion::PARQUET_2_0);
  b.set_statistics_enabled(parse_statistics(o.statistics));
  b.set_page_checksum_enabled(o.page_checksums);
  ArrowWriterOptions options;
  options.with_properties(b.build());
  options.with_fsync(!o.no_fsync);
  if (store.factory) options.with_page_store_factory(store.factory);
  return options;
}

}  // namespace spillway::cli

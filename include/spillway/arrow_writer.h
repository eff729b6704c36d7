#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>

#include "spillway/c_abi.h"
#include "spillway/metadata.h"
#include "spillway/output_stream.h"
#include "spillway/page_store.h"
#include "spillway/properties.h"

namespace spillway {

class ArrowWriterOptions {
 public:
  ArrowWriterOptions() = default;
  ArrowWriterOptions& with_properties(WriterProperties props) {
    properties_ = std::move(props);
    return *this;
  }
  // Leaves out the "ARROW:schema" key that lets Arrow readers restore exact
  // Arrow types (large_utf8, time zones, durations, dictionaries).
  ArrowWriterOptions& with_skip_arrow_metadata(bool skip) {
    skip_arrow_metadata_ = skip;
    return *this;
  }
  // The name of the Parquet schema's root element (default "schema").
  ArrowWriterOptions& with_schema_root(std::string name) {
    schema_root_ = std::move(name);
    return *this;
  }

  // Where finished pages wait until their row group is written (default: an
  // InMemoryPageStoreFactory). Shared by all columns of the writer.
  ArrowWriterOptions& with_page_store_factory(std::shared_ptr<PageStoreFactory> factory) {
    page_store_factory_ = std::move(factory);
    return *this;
  }

  // Opening a path: whether close() makes the file durable (fsync of the
  // file before it is renamed into place, then of its directory). Default
  // on; turn off for scratch files where a crash may lose them anyway.
  ArrowWriterOptions& with_fsync(bool fsync) {
    fsync_ = fsync;
    return *this;
  }

  const WriterProperties& properties() const { return properties_; }
  const std::shared_ptr<PageStoreFactory>& page_store_factory() const {
    return page_store_factory_;
  }
  bool skip_arrow_metadata() const { return skip_arrow_metadata_; }
  const std::string& schema_root() const { return schema_root_; }
  bool fsync() const { return fsync_; }

 private:
  WriterProperties properties_;
  bool skip_arrow_metadata_ = false;
  bool fsync_ = true;
  std::string schema_root_ = "schema";
  std::shared_ptr<PageStoreFactory> page_store_factory_;
};

// Writes Arrow record batches (struct arrays through the C Data Interface) to
// a Parquet file. Every leaf column encodes as batches arrive; each completed
// page goes to its column chunk's page store at once, and the chunks are
// spliced into the output column by column, page by page, when the row group
// ends (row limit, byte limit, flush() or close()).
//
// After any error the writer is unusable: every later call throws, and the
// output never receives a footer.
class ArrowWriter {
 public:
  // `schema` must describe a struct ("+s"); it is borrowed, not released.
  static ArrowWriter open(const std::filesystem::path& path, const ArrowSchema* schema,
                          ArrowWriterOptions options = {});
  static ArrowWriter open(std::unique_ptr<OutputStream> sink, const ArrowSchema* schema,
                          ArrowWriterOptions options = {});

  ArrowWriter(ArrowWriter&&) noexcept;
  ArrowWriter& operator=(ArrowWriter&&) noexcept;
  ~ArrowWriter();

  // Writes one struct array whose children match the schema. Ownership of
  // `batch` moves to the writer, which releases it (also when it throws).
  void write(ArrowArray* batch);
  // Drains the stream batch by batch and releases it. The stream's schema
  // must equal the writer's.
  void write_stream(ArrowArrayStream* stream);
  // Ends the row group in progress (no-op when it is empty).
  void flush();
  // Flushes, writes the page index and footer, closes the output, and returns
  // the file's metadata.
  FileMetaData close();

  // Bytes resident on the heap: encoder buffers, dictionaries, and what the
  // page stores hold resident.
  size_t memory_size() const;
  // Estimated encoded size of the row group in progress.
  size_t in_progress_size() const;
  size_t in_progress_rows() const;
  // Bytes handed to the output so far.
  uint64_t bytes_written() const;
  // Row groups written to the output so far.
  size_t num_row_groups() const;

 private:
  class Impl;
  explicit ArrowWriter(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace spillway

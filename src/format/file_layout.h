#pragma once

// Reads back the physical layout of a Parquet file held in memory: footer,
// the pages of a column chunk, the page index. Independent of compression
// and encodings: page bodies are returned as stored. Every offset and length
// taken from the file is checked against the file's size.

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>
#include <vector>

#include "spillway/metadata.h"

namespace spillway {

struct ParquetFooter {
  FileMetaData metadata;
  uint32_t metadata_length = 0;  // bytes of serialized FileMetaData
};

// Checks "PAR1" at both ends and the footer length, then parses the
// FileMetaData, which must take exactly metadata_length bytes.
ParquetFooter read_footer(std::span<const uint8_t> file);

std::vector<uint8_t> read_whole_file(const std::filesystem::path& path);

struct RawPage {
  PageHeader header;
  int64_t offset = 0;  // of the page header, from the start of the file
  size_t header_length = 0;
  std::span<const uint8_t> body;  // compressed_page_size bytes, as stored
};

// The pages of a column chunk, from dictionary_page_offset (if set) or
// data_page_offset; their headers and bodies must add up to exactly
// total_compressed_size.
std::vector<RawPage> read_column_chunk_pages(std::span<const uint8_t> file,
                                             const ColumnChunk& chunk);

// The chunk's page index structures, or nullopt when the chunk has no
// offset/length for them. The structure must fill its length exactly.
std::optional<ColumnIndex> read_column_index(std::span<const uint8_t> file,
                                             const ColumnChunk& chunk);
std::optional<OffsetIndex> read_offset_index(std::span<const uint8_t> file,
                                             const ColumnChunk& chunk);

}  // namespace spillway

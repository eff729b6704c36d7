#pragma once

// Reads back a file spillway wrote, with spillway's own decoders, checking its
// layout as it goes (page sizes add up, dictionary page first, value counts,
// offset index and column index consistent with the pages). Tests compare
// the decoded levels and values with what they wrote.

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "spillway/metadata.h"

namespace spillway::test {

struct DecodedColumn {
  std::vector<int16_t> def_levels;  // empty when max definition level is 0
  std::vector<int16_t> rep_levels;  // empty when max repetition level is 0
  // Each non-null value PLAIN-encoded (BYTE_ARRAY without its length prefix,
  // BOOLEAN as one byte 0/1).
  std::vector<std::string> values;
  std::vector<Encoding> data_page_encodings;  // one per data page, in order
  size_t num_data_pages = 0;
  size_t num_dictionary_pages = 0;
  size_t pages_with_crc = 0;  // each checked against its bytes
};

struct DecodedFile {
  FileMetaData metadata;
  std::vector<DecodedColumn> columns;  // leaves, every row group concatenated
};

// Throws spillway::Error describing the first inconsistency found.
DecodedFile read_parquet(std::span<const uint8_t> file);
DecodedFile read_parquet_file(const std::string& path);

// PLAIN bytes of a fixed-width value, for building expectations.
template <typename T>
std::string plain(T v) {
  return std::string(reinterpret_cast<const char*>(&v), sizeof(T));
}

// The value a leaf column has at each row (nullopt for null), for flat columns.
std::vector<std::optional<std::string>> flat_values(const DecodedColumn& c);

}  // namespace spillway::test

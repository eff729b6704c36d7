#pragma once

// Decoders for every encoding the writer produces. They check what was
// written (unit tests, `inspect --verify`), so they favour bounds checks over
// speed: corrupt or truncated input throws spillway::Error naming the
// encoding and the byte offset (from the start of `in`), never reads past it.

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "encodings/physical_types.h"
#include "spillway/basic.h"
#include "spillway/error.h"

namespace spillway {

// Decodes num_values non-null values from the start of `in`. Encodings:
// PLAIN (all), RLE (BOOLEAN, with its 4-byte length), DELTA_BINARY_PACKED
// (INT32, INT64), DELTA_LENGTH_BYTE_ARRAY (BYTE_ARRAY), DELTA_BYTE_ARRAY
// (BYTE_ARRAY, FLBA), BYTE_STREAM_SPLIT (INT32, INT64, FLOAT, DOUBLE, FLBA).
// type_length: the FLBA width, else ignored. For BYTE_ARRAY / FLBA the
// results point into *storage, whose contents are replaced (required; must
// not hold `in`). Trailing bytes after the values are not an error;
// *consumed (if given) receives the bytes used, so a caller can check them.
template <typename DType>
std::vector<typename DType::value_type> decode_values(Encoding encoding,
                                                      std::span<const uint8_t> in,
                                                      size_t num_values, int32_t type_length,
                                                      std::vector<uint8_t>* storage,
                                                      size_t* consumed = nullptr);

// A data page's RLE_DICTIONARY values: the bit-width byte (<= 32), then
// RLE/bit-packed runs holding exactly num_values indices.
std::vector<uint32_t> decode_dictionary_indices(std::span<const uint8_t> in, size_t num_values,
                                                size_t* consumed = nullptr);

// DELTA_BINARY_PACKED (T = int32_t or int64_t) into out[0..num_values); the
// header's value count must equal num_values. Returns the bytes consumed.
// Offsets in errors are shifted by base_offset (for embedded streams).
template <typename T>
size_t decode_delta_binary_packed(std::span<const uint8_t> in, size_t num_values, T* out,
                                  size_t base_offset = 0);

// Maps indices through a decoded dictionary page; throws on an index past it.
template <typename T>
std::vector<T> lookup_dictionary(const std::vector<T>& dictionary,
                                 const std::vector<uint32_t>& indices) {
  std::vector<T> out;
  out.reserve(indices.size());
  for (size_t i = 0; i < indices.size(); ++i) {
    if (indices[i] >= dictionary.size()) {
      throw Error("RLE_DICTIONARY: index " + std::to_string(indices[i]) + " of value " +
                  std::to_string(i) + " is past the dictionary's " +
                  std::to_string(dictionary.size()) + " entries");
    }
    out.push_back(dictionary[indices[i]]);
  }
  return out;
}

}  // namespace spillway

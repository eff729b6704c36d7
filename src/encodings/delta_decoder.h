#pragma once

// Internal to the decoders: the byte-array delta encodings, used by
// decode_values (decoder.h). Results point into `storage`.

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "encodings/physical_types.h"

namespace spillway {

// DELTA_BINARY_PACKED lengths followed by their bytes: checks the lengths
// and returns the end offset; `data` receives the bytes.
size_t parse_delta_lengths(std::span<const uint8_t> in, size_t num_values, size_t base_offset,
                           const char* encoding, std::vector<int32_t>& lengths,
                           std::span<const uint8_t>& data);

size_t decode_delta_length_byte_array(std::span<const uint8_t> in, size_t num_values,
                                      std::vector<ByteArray>& out, std::vector<uint8_t>& storage);

// DType: ByteArrayType or FLBAType.
template <typename DType>
size_t decode_delta_byte_array(std::span<const uint8_t> in, size_t num_values, int32_t type_length,
                               std::vector<typename DType::value_type>& out,
                               std::vector<uint8_t>& storage);

}  // namespace spillway

// PLAIN, RLE (booleans), BYTE_STREAM_SPLIT and dictionary-index decoding,
// and the dispatch of decode_values.

#include "encodings/decoder.h"

#include <limits>
#include <type_traits>

#include "encodings/bit_util.h"
#include "encodings/delta_decoder.h"
#include "encodings/rle_bit_packed.h"

namespace spillway {
namespace {

template <typename DType>
constexpr bool kIsFixedWidth =
    std::is_arithmetic_v<typename DType::value_type> && !std::is_same_v<DType, BooleanType>;

// n * width, or an error if the product cannot fit in the input.
size_t checked_size(size_t n, size_t width, const ByteReader& r, std::string_view type) {
  if (width != 0 && n > r.remaining() / width) {
    r.fail("need " + std::to_string(n) + " " + std::string(type) + " values of " +
           std::to_string(width) + " bytes but only " + std::to_string(r.remaining()) +
           " bytes remain");
  }
  return n * width;
}

template <typename DType>
std::vector<typename DType::value_type> decode_plain(std::span<const uint8_t> in, size_t n,
                                                     int32_t type_length,
                                                     std::vector<uint8_t>* storage,
                                                     size_t& consumed) {
  using T = typename DType::value_type;
  ByteReader r(in, "PLAIN");
  const std::string_view type_name = to_string(DType::type);
  std::vector<T> out;
  if constexpr (std::is_same_v<DType, BooleanType>) {
    auto bytes = r.read_bytes(n / 8 + (n % 8 != 0));
    out.resize(n);
    for (size_t i = 0; i < n; ++i) out[i] = (bytes[i / 8] >> (i % 8)) & 1;
  } else if constexpr (kIsFixedWidth<DType>) {
    auto bytes = r.read_bytes(checked_size(n, sizeof(T), r, type_name));
    out.resize(n);
    if (n > 0) std::memcpy(out.data(), bytes.data(), bytes.size());
  } else if constexpr (std::is_same_v<DType, ByteArrayType>) {
    checked_size(n, 4, r, type_name);  // every value has a length: rejects absurd n early
    std::vector<std::pair<size_t, uint32_t>> spans(n);
    for (size_t i = 0; i < n; ++i) {
      uint32_t len = r.read_u32_le();
      if (len > static_cast<uint32_t>(std::numeric_limits<int32_t>::max())) {
        r.fail_at(r.offset() - 4, "BYTE_ARRAY length " + std::to_string(len) + " of value " +
                                      std::to_string(i) + " exceeds 2147483647");
      }
      spans[i] = {r.offset(), len};
      r.read_bytes(len);
    }
    storage->assign(in.begin(), in.begin() + r.offset());
    out.resize(n);
    for (size_t i = 0; i < n; ++i)
      out[i] = ByteArray{storage->data() + spans[i].first, spans[i].second};
  } else {
    const size_t w = static_cast<size_t>(type_length);
    auto bytes = r.read_bytes(checked_size(n, w, r, type_name));
    storage->assign(bytes.begin(), bytes.end());
    out.resize(n);
    for (size_t i = 0; i < n; ++i) out[i] = FixedLenByteArray{storage->data() + i * w};
  }
  consumed = r.offset();
  return out;
}

std::vector<bool> decode_rle_booleans(std::span<const uint8_t> in, size_t n, size_t& consumed) {
  ByteReader r(in, "RLE (BOOLEAN)");
  uint32_t length = r.read_u32_le();
  auto runs = r.read_bytes(length);
  RleBitPackedDecoder decoder(runs, 1, 4);
  std::vector<bool> out(n);
  uint32_t chunk[1024];
  for (size_t done = 0; done < n;) {
    size_t want = std::min(n - done, std::size(chunk));
    size_t got = decoder.get_batch(chunk, want);
    for (size_t i = 0; i < got; ++i) out[done + i] = chunk[i] != 0;
    done += got;
    if (got < want) {
      r.fail_at(4 + decoder.offset(),
                "runs end after " + std::to_string(done) + " of " + std::to_string(n) + " values");
    }
  }
  consumed = r.offset();
  return out;
}

template <typename DType>
std::vector<typename DType::value_type> decode_byte_stream_split(std::span<const uint8_t> in,
                                                                 size_t n, int32_t type_length,
                                                                 std::vector<uint8_t>* storage,
                                                                 size_t& consumed) {
  using T = typename DType::value_type;
  ByteReader r(in, "BYTE_STREAM_SPLIT");
  const size_t k = kIsFixedWidth<DType> ? sizeof(T) : static_cast<size_t>(type_length);
  auto bytes = r.read_bytes(checked_size(n, k, r, to_string(DType::type)));
  // Byte j of value i is at j * n + i.
  std::vector<T> out(n);
  if constexpr (kIsFixedWidth<DType>) {
    for (size_t i = 0; i < n; ++i) {
      uint8_t raw[sizeof(T)];
      for (size_t j = 0; j < sizeof(T); ++j) raw[j] = bytes[j * n + i];
      std::memcpy(&out[i], raw, sizeof(T));
    }
  } else {
    storage->resize(n * k);
    for (size_t i = 0; i < n; ++i) {
      for (size_t j = 0; j < k; ++j) (*storage)[i * k + j] = bytes[j * n + i];
      out[i] = FixedLenByteArray{storage->data() + i * k};
    }
  }
  consumed = r.offset();
  return out;
}

[[noreturn]] void cannot_decode(Encoding encoding, PhysicalType type) {
  throw Error(std::string(to_string(encoding)) + " cannot decode " + std::string(to_string(type)) +
              " values");
}

}  // namespace

template <typename DType>
std::vector<typename DType::value_type> decode_values(Encoding encoding,
                                                      std::span<const uint8_t> in,
                                                      size_t num_values, int32_t type_length,
                                                      std::vector<uint8_t>* storage,
                                                      size_t* consumed) {
  using T = typename DType::value_type;
  constexpr PhysicalType type = DType::type;
  if constexpr (type == PhysicalType::BYTE_ARRAY || type == PhysicalType::FIXED_LEN_BYTE_ARRAY) {
    if (storage == nullptr) {
      throw Error(std::string(to_string(type)) + " values need storage to decode into");
    }
  }
  if constexpr (type == PhysicalType::FIXED_LEN_BYTE_ARRAY) {
    if (type_length <= 0) {
      throw Error("FIXED_LEN_BYTE_ARRAY needs a positive type length, got " +
                  std::to_string(type_length));
    }
  }
  size_t used = 0;
  std::vector<T> out;
  switch (encoding) {
    case Encoding::PLAIN:
      out = decode_plain<DType>(in, num_values, type_length, storage, used);
      break;
    case Encoding::RLE:
      if constexpr (type != PhysicalType::BOOLEAN)
        cannot_decode(encoding, type);
      else
        out = decode_rle_booleans(in, num_values, used);
      break;
    case Encoding::DELTA_BINARY_PACKED:
      if constexpr (type == PhysicalType::INT32 || type == PhysicalType::INT64) {
        out.resize(num_values);
        used = decode_delta_binary_packed<T>(in, num_values, out.data());
      } else {
        cannot_decode(encoding, type);
      }
      break;
    case Encoding::DELTA_LENGTH_BYTE_ARRAY:
      if constexpr (type == PhysicalType::BYTE_ARRAY) {
        used = decode_delta_length_byte_array(in, num_values, out, *storage);
      } else {
        cannot_decode(encoding, type);
      }
      break;
    case Encoding::DELTA_BYTE_ARRAY:
      if constexpr (type == PhysicalType::BYTE_ARRAY ||
                    type == PhysicalType::FIXED_LEN_BYTE_ARRAY) {
        used = decode_delta_byte_array<DType>(in, num_values, type_length, out, *storage);
      } else {
        cannot_decode(encoding, type);
      }
      break;
    case Encoding::BYTE_STREAM_SPLIT:
      if constexpr (type != PhysicalType::BOOLEAN && type != PhysicalType::BYTE_ARRAY) {
        out = decode_byte_stream_split<DType>(in, num_values, type_length, storage, used);
      } else {
        cannot_decode(encoding, type);
      }
      break;
    case Encoding::PLAIN_DICTIONARY:
    case Encoding::RLE_DICTIONARY:
      throw Error(std::string(to_string(encoding)) +
                  " data pages hold indices: decode them with decode_dictionary_indices");
    default:
      cannot_decode(encoding, type);
  }
  if (consumed != nullptr) *consumed = used;
  return out;
}

std::vector<uint32_t> decode_dictionary_indices(std::span<const uint8_t> in, size_t num_values,
                                                size_t* consumed) {
  if (in.empty() && num_values == 0) {
    if (consumed != nullptr) *consumed = 0;
    return {};
  }
  ByteReader r(in, "RLE_DICTIONARY");
  int bit_width = r.read_u8();
  if (bit_width > 32) r.fail_at(0, "index bit width " + std::to_string(bit_width) + " exceeds 32");
  RleBitPackedDecoder decoder(in.subspan(1), bit_width, 1);
  std::vector<uint32_t> out(num_values);
  size_t got = decoder.get_batch(out.data(), num_values);
  if (got < num_values) {
    r.fail_at(1 + decoder.offset(), "runs end after " + std::to_string(got) + " of " +
                                        std::to_string(num_values) + " indices");
  }
  if (consumed != nullptr) *consumed = 1 + decoder.offset();
  return out;
}

#define SPILLWAY_DECODE_VALUES(DType)                           \
  template std::vector<DType::value_type> decode_values<DType>( \
      Encoding, std::span<const uint8_t>, size_t, int32_t, std::vector<uint8_t>*, size_t*);
SPILLWAY_DECODE_VALUES(BooleanType)
SPILLWAY_DECODE_VALUES(Int32Type)
SPILLWAY_DECODE_VALUES(Int64Type)
SPILLWAY_DECODE_VALUES(FloatType)
SPILLWAY_DECODE_VALUES(DoubleType)
SPILLWAY_DECODE_VALUES(ByteArrayType)
SPILLWAY_DECODE_VALUES(FLBAType)
#undef SPILLWAY_DECODE_VALUES

}  // namespace spillway

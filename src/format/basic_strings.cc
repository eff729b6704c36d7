// The to_string functions of spillway/basic.h.

#include <mutex>
#include <set>
#include <string>

#include "spillway/basic.h"

namespace spillway {
namespace {

// Values read from a file may be outside the enumerations. Their names
// ("UNKNOWN(<n>)") are kept for the life of the process so the returned view
// stays valid; a cap bounds the memory a hostile file could pin.
std::string_view unknown(int32_t value) {
  static std::mutex mutex;
  static std::set<std::string, std::less<>> names;
  constexpr size_t kMaxNames = 1024;
  std::string name = "UNKNOWN(" + std::to_string(value) + ")";
  std::lock_guard<std::mutex> lock(mutex);
  auto it = names.find(name);
  if (it != names.end()) return *it;
  if (names.size() >= kMaxNames) return "UNKNOWN";
  return *names.insert(std::move(name)).first;
}

int32_t value_of(auto e) {
  return static_cast<int32_t>(e);
}

}  // namespace

#define SPILLWAY_NAME(E, N) \
  case E::N:                \
    return #N

std::string_view to_string(PhysicalType v) {
  switch (v) {
    SPILLWAY_NAME(PhysicalType, BOOLEAN);
    SPILLWAY_NAME(PhysicalType, INT32);
    SPILLWAY_NAME(PhysicalType, INT64);
    SPILLWAY_NAME(PhysicalType, INT96);
    SPILLWAY_NAME(PhysicalType, FLOAT);
    SPILLWAY_NAME(PhysicalType, DOUBLE);
    SPILLWAY_NAME(PhysicalType, BYTE_ARRAY);
    SPILLWAY_NAME(PhysicalType, FIXED_LEN_BYTE_ARRAY);
  }
  return unknown(value_of(v));
}

std::string_view to_string(ConvertedType v) {
  switch (v) {
    SPILLWAY_NAME(ConvertedType, UTF8);
    SPILLWAY_NAME(ConvertedType, MAP);
    SPILLWAY_NAME(ConvertedType, MAP_KEY_VALUE);
    SPILLWAY_NAME(ConvertedType, LIST);
    SPILLWAY_NAME(ConvertedType, ENUM);
    SPILLWAY_NAME(ConvertedType, DECIMAL);
    SPILLWAY_NAME(ConvertedType, DATE);
    SPILLWAY_NAME(ConvertedType, TIME_MILLIS);
    SPILLWAY_NAME(ConvertedType, TIME_MICROS);
    SPILLWAY_NAME(ConvertedType, TIMESTAMP_MILLIS);
    SPILLWAY_NAME(ConvertedType, TIMESTAMP_MICROS);
    SPILLWAY_NAME(ConvertedType, UINT_8);
    SPILLWAY_NAME(ConvertedType, UINT_16);
    SPILLWAY_NAME(ConvertedType, UINT_32);
    SPILLWAY_NAME(ConvertedType, UINT_64);
    SPILLWAY_NAME(ConvertedType, INT_8);
    SPILLWAY_NAME(ConvertedType, INT_16);
    SPILLWAY_NAME(ConvertedType, INT_32);
    SPILLWAY_NAME(ConvertedType, INT_64);
    SPILLWAY_NAME(ConvertedType, JSON);
    SPILLWAY_NAME(ConvertedType, BSON);
    SPILLWAY_NAME(ConvertedType, INTERVAL);
  }
  return unknown(value_of(v));
}

std::string_view to_string(FieldRepetitionType v) {
  switch (v) {
    SPILLWAY_NAME(FieldRepetitionType, REQUIRED);
    SPILLWAY_NAME(FieldRepetitionType, OPTIONAL);
    SPILLWAY_NAME(FieldRepetitionType, REPEATED);
  }
  return unknown(value_of(v));
}

std::string_view to_string(Encoding v) {
  switch (v) {
    SPILLWAY_NAME(Encoding, PLAIN);
    SPILLWAY_NAME(Encoding, PLAIN_DICTIONARY);
    SPILLWAY_NAME(Encoding, RLE);
    SPILLWAY_NAME(Encoding, BIT_PACKED);
    SPILLWAY_NAME(Encoding, DELTA_BINARY_PACKED);
    SPILLWAY_NAME(Encoding, DELTA_LENGTH_BYTE_ARRAY);
    SPILLWAY_NAME(Encoding, DELTA_BYTE_ARRAY);
    SPILLWAY_NAME(Encoding, RLE_DICTIONARY);
    SPILLWAY_NAME(Encoding, BYTE_STREAM_SPLIT);
  }
  return unknown(value_of(v));
}

std::string_view to_string(CompressionCodec v) {
  switch (v) {
    SPILLWAY_NAME(CompressionCodec, UNCOMPRESSED);
    SPILLWAY_NAME(CompressionCodec, SNAPPY);
    SPILLWAY_NAME(CompressionCodec, GZIP);
    SPILLWAY_NAME(CompressionCodec, LZO);
    SPILLWAY_NAME(CompressionCodec, BROTLI);
    SPILLWAY_NAME(CompressionCodec, LZ4);
    SPILLWAY_NAME(CompressionCodec, ZSTD);
    SPILLWAY_NAME(CompressionCodec, LZ4_RAW);
  }
  return unknown(value_of(v));
}

std::string_view to_string(Compression v) {
  switch (v) {
    SPILLWAY_NAME(Compression, UNCOMPRESSED);
    SPILLWAY_NAME(Compression, SNAPPY);
    SPILLWAY_NAME(Compression, GZIP);
    SPILLWAY_NAME(Compression, BROTLI);
    SPILLWAY_NAME(Compression, ZSTD);
    SPILLWAY_NAME(Compression, LZ4_RAW);
  }
  return unknown(value_of(v));
}

std::string_view to_string(PageType v) {
  switch (v) {
    SPILLWAY_NAME(PageType, DATA_PAGE);
    SPILLWAY_NAME(PageType, INDEX_PAGE);
    SPILLWAY_NAME(PageType, DICTIONARY_PAGE);
    SPILLWAY_NAME(PageType, DATA_PAGE_V2);
  }
  return unknown(value_of(v));
}

std::string_view to_string(BoundaryOrder v) {
  switch (v) {
    SPILLWAY_NAME(BoundaryOrder, UNORDERED);
    SPILLWAY_NAME(BoundaryOrder, ASCENDING);
    SPILLWAY_NAME(BoundaryOrder, DESCENDING);
  }
  return unknown(value_of(v));
}

#undef SPILLWAY_NAME

}  // namespace spillway

#pragma once

// Our own model of an Arrow field, parsed once from an ArrowSchema tree (C
// Data Interface) so the rest of the writer never touches format strings.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "spillway/c_abi.h"

namespace spillway {

enum class ArrowTypeId {
  NA,
  BOOL,
  INT8,
  UINT8,
  INT16,
  UINT16,
  INT32,
  UINT32,
  INT64,
  UINT64,
  HALF_FLOAT,
  FLOAT,
  DOUBLE,
  STRING,
  LARGE_STRING,
  STRING_VIEW,
  BINARY,
  LARGE_BINARY,
  BINARY_VIEW,
  FIXED_SIZE_BINARY,
  DECIMAL32,
  DECIMAL64,
  DECIMAL128,
  DECIMAL256,
  DATE32,
  DATE64,
  TIME32,
  TIME64,
  TIMESTAMP,
  DURATION,
  INTERVAL_MONTHS,
  INTERVAL_DAY_TIME,
  INTERVAL_MONTH_DAY_NANO,
  STRUCT,
  LIST,
  LARGE_LIST,
  FIXED_SIZE_LIST,
  LIST_VIEW,
  LARGE_LIST_VIEW,
  MAP,
  SPARSE_UNION,
  DENSE_UNION,
  RUN_END_ENCODED,
};

enum class ArrowTimeUnit { SECOND, MILLI, MICRO, NANO };

using ArrowMetadata = std::vector<std::pair<std::string, std::string>>;

struct ArrowField {
  std::string name;
  bool nullable = true;
  // For a dictionary-encoded field this is the INDEX type; the value type is
  // in `dictionary`.
  ArrowTypeId id = ArrowTypeId::NA;
  int32_t byte_width = 0;  // FIXED_SIZE_BINARY byte width, FIXED_SIZE_LIST list size
  int32_t precision = 0;   // DECIMAL*
  int32_t scale = 0;
  int32_t decimal_bit_width = 0;
  ArrowTimeUnit unit = ArrowTimeUnit::SECOND;  // TIME32/64, TIMESTAMP, DURATION
  std::string timezone;                        // TIMESTAMP
  bool has_timezone = false;                   // true iff the timezone is non-empty
  std::vector<int8_t> union_type_ids;          // SPARSE_UNION, DENSE_UNION
  ArrowMetadata metadata;
  std::vector<ArrowField> children;
  std::shared_ptr<ArrowField> dictionary;
  bool dictionary_ordered = false;
  bool map_keys_sorted = false;
  std::string format;  // the original format string

  bool is_dictionary() const { return dictionary != nullptr; }
  // The type the values have once any dictionary is decoded.
  const ArrowField& value_field() const { return dictionary ? *dictionary : *this; }
  // The value of metadata key `key`, or nullptr.
  const std::string* find_metadata(std::string_view key) const;
};

// Parses and checks an ArrowSchema tree (not released, a format string every
// node, n_children as the type requires). Errors name the field path.
ArrowField import_schema(const ArrowSchema* schema);

// Parses the C Data Interface metadata blob: int32 pair count, then per pair
// int32 length + key bytes, int32 length + value bytes (native endianness).
// `size` is the blob's length when known; the C interface does not carry it,
// so import_schema passes SIZE_MAX and only negative lengths are caught.
ArrowMetadata parse_metadata_blob(const char* blob, size_t size = SIZE_MAX);
// The inverse, for producers (tests, the IPC reader).
std::string make_metadata_blob(const ArrowMetadata& metadata);

// Human-readable type, e.g. "timestamp[us, tz=UTC]", for error messages.
std::string describe(const ArrowField& field);
std::string_view to_string(ArrowTypeId id);
// The C Data Interface format string for the field's type (the index type
// for a dictionary-encoded field), e.g. "tsu:UTC", "d:38,10", "+w:3".
std::string format_of(const ArrowField& field);
std::string_view to_string(ArrowTimeUnit unit);  // "s", "ms", "us", "ns"

// Layout facts shared by validation and the value path.
bool is_nested(ArrowTypeId id);
bool is_integer(ArrowTypeId id);
bool is_signed_integer(ArrowTypeId id);
// Bytes per value of a fixed-width layout (0 for BOOL bits and for
// variable-size or nested types).
int32_t fixed_width_bytes(const ArrowField& field);

}  // namespace spillway

#pragma once

// The order min/max statistics follow for a column under TYPE_ORDER, as the
// ColumnOrder comments of parquet.thrift and LogicalTypes.md define it.

#include "spillway/schema.h"

namespace spillway {

enum class SortOrder { SIGNED, UNSIGNED, UNDEFINED };

// The logical type decides when present, else the converted type, else the
// physical type. UNDEFINED (INTERVAL, the null type, INT96 under TYPE_ORDER,
// nested groups) means no min/max may be written.
SortOrder sort_order_for(const ColumnDescriptor& descr);

// How values of a column are compared: the sort order made concrete for the
// physical type. NONE when the order is undefined.
enum class ValueOrder {
  NONE,
  BOOLEAN,            // false < true
  SIGNED_INT,         // INT32 / INT64 as two's complement
  UNSIGNED_INT,       // INT32 / INT64 bits as unsigned
  FLOATING,           // FLOAT / DOUBLE by value, NaNs excluded
  UNSIGNED_BYTES,     // BYTE_ARRAY / FLBA byte-wise, unsigned, shorter prefix first
  SIGNED_BIG_ENDIAN,  // DECIMAL on BYTE_ARRAY / FLBA: big-endian two's complement
  FLOAT16,            // FLBA(2) little-endian IEEE half, NaNs excluded
};

ValueOrder value_order_for(const ColumnDescriptor& descr);

// True for columns whose bytes are UTF-8 text (STRING, ENUM, JSON), so a
// truncated bound must stay valid UTF-8.
bool is_utf8_column(const ColumnDescriptor& descr);

}  // namespace spillway

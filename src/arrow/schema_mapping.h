#pragma once

// Arrow -> Parquet schema for flat record batches: which physical type,
// logical type and converted type each Arrow column becomes, and which value
// conversion the value path must apply (LogicalTypes.md; the same choices as
// Arrow C++ and arrow-rs unless noted).

#include <string>
#include <vector>

#include "arrow/arrow_type.h"
#include "spillway/metadata.h"
#include "spillway/schema.h"

namespace spillway {

// What the value path does to each Arrow value to get the Parquet value.
enum class ValueConversion {
  NONE,               // same bits (includes uint32 -> INT32 and uint64 -> INT64 reinterpretation)
  WIDEN_TO_INT32,     // int8/int16 sign-extended, uint8/uint16 zero-extended
  DATE64_TO_DATE32,   // milliseconds -> days, floor(ms / 86,400,000)
  SECONDS_TO_MILLIS,  // time32[s] (int32) and timestamp[s] (int64) x 1000; the
                      // value path must reject timestamps that overflow
  DECIMAL_TO_INT32,   // low 32 bits of the two's complement value (fits: precision <= 9)
  DECIMAL_TO_INT64,   // low 64 bits (fits: precision <= 18)
  DECIMAL_TO_FLBA_BIG_ENDIAN,  // low type_length bytes, most significant first
  INTERVAL_YEAR_MONTH,         // int32 months -> FLBA(12) (months, 0, 0), little-endian uint32s
  INTERVAL_DAY_TIME,           // (int32 days, int32 ms) -> FLBA(12) (0, days, ms)
};

std::string_view to_string(ValueConversion c);

// How one Arrow leaf becomes one Parquet column.
struct LeafMapping {
  ColumnDescriptor descriptor;
  // The column's field in the ArrowField tree given to map_schema (which must
  // outlive this mapping). For a dictionary-encoded column the values' type
  // is field->value_field(); the conversion applies to those values.
  const ArrowField* field = nullptr;
  ValueConversion conversion = ValueConversion::NONE;
};

struct ParquetSchema {
  std::vector<SchemaElement> elements;  // depth-first, root first
  std::vector<LeafMapping> leaves;      // one per leaf column, in schema order
};

// Maps a record batch schema (a struct, "+s") with flat columns. Throws
// spillway::Error for a column Parquet cannot hold (unions, month_day_nano
// intervals), a nested column (not yet supported), decimals whose scale is
// outside [0, precision], fixed_size_binary[0], or a "PARQUET:field_id" that
// is not an int32.
//
// Decisions: nullable -> OPTIONAL (max definition level 1), else REQUIRED; a
// null column is always OPTIONAL. TIME is written with isAdjustedToUTC =
// false, as Arrow times are wall-clock times of day with no timezone;
// TIMESTAMP has isAdjustedToUTC = (the Arrow type has a timezone). The
// deprecated TIME_MILLIS/TIME_MICROS and TIMESTAMP_MILLIS/TIMESTAMP_MICROS
// converted types are written for both UTC and local values, as the forward
// compatibility tables of LogicalTypes.md require (none exists for NANOS).
ParquetSchema map_schema(const ArrowField& root, const std::string& root_name = "schema");

}  // namespace spillway

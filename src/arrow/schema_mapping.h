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

// One node on the way from a top-level column down to a leaf, with the
// levels the Dremel scheme gives it. The level builder walks these.
struct PathStep {
  // The node's Arrow field: a struct, a list-like (list, large_list,
  // fixed_size_list, list views, map), or the leaf (last step).
  const ArrowField* field = nullptr;
  // The child followed to reach the leaf (struct field; 0 for list-likes).
  int child = 0;
  // Whether the node may be null (Parquet OPTIONAL). Non-nullable nodes
  // (and map entries and keys, which Parquet requires) reject nulls.
  bool optional = false;
  // Definition level written when this node is null: the levels of the
  // nodes above it that are present.
  int16_t def_level = 0;
  // For list-likes: the repetition level of this list's elements.
  int16_t rep_level = 0;
};

// How one Arrow leaf becomes one Parquet column.
struct LeafMapping {
  ColumnDescriptor descriptor;
  // The column's field in the ArrowField tree given to map_schema (which must
  // outlive this mapping). For a dictionary-encoded column the values' type
  // is field->value_field(); the conversion applies to those values.
  const ArrowField* field = nullptr;
  ValueConversion conversion = ValueConversion::NONE;
  // The top-level column this leaf belongs to (index into the root's
  // children), and the nodes from that column down to the leaf (the leaf
  // last). A flat column has one step.
  size_t column = 0;
  std::vector<PathStep> path;
  // Whether the column needs the level builder: nested, or run-end encoded.
  bool nested() const {
    return path.size() > 1 || path.back().field->id == ArrowTypeId::RUN_END_ENCODED;
  }
};

struct ParquetSchema {
  std::vector<SchemaElement> elements;  // depth-first, root first
  std::vector<LeafMapping> leaves;      // one per leaf column, in schema order
};

// Maps a record batch schema (a struct, "+s"). Nested columns follow
// LogicalTypes.md: lists (list, large_list, fixed_size_list, list views) as
// the 3-level LIST (`list` / `element`), maps as MAP with a repeated
// `key_value` group of a required `key` and a `value`, structs as groups.
// Run-end encoded columns map to their values' type. Throws spillway::Error
// for a column Parquet cannot hold (unions, month_day_nano intervals, a
// struct without fields, a dictionary of nested values, run-end encoded
// nested values), decimals whose scale is outside [0, precision],
// fixed_size_binary[0], or a "PARQUET:field_id" that is not an int32.
//
// Decisions: nullable -> OPTIONAL (max definition level 1), else REQUIRED; a
// null column is always OPTIONAL. TIME is written with isAdjustedToUTC =
// false, as Arrow times are wall-clock times of day with no timezone;
// TIMESTAMP has isAdjustedToUTC = (the Arrow type has a timezone). The
// deprecated TIME_MILLIS/TIME_MICROS and TIMESTAMP_MILLIS/TIMESTAMP_MICROS
// converted types are written for both UTC and local values, as the forward
// compatibility tables of LogicalTypes.md require (none exists for NANOS).
ParquetSchema map_schema(const ArrowField& root, const std::string& root_name = "schema");

// The Arrow schema stored as ARROW:schema: `root` with list views and
// run-end encoded fields recorded as what they are written as (list_view →
// list, large_list_view → large_list, run_end_encoded<e, v> → v). Decision:
// Polars 0.25 cannot open a file whose ARROW:schema holds either at all, and
// no reader restores them from Parquet.
ArrowField stored_arrow_schema(const ArrowField& root);

}  // namespace spillway

#pragma once

// The --schema option of `spillway convert` for CSV and NDJSON:
// "name:type,name:type" sets the type of the named columns; the others keep
// their inferred types.
//
// Types: bool, int8, int16, int32, int64, uint8, uint16, uint32, uint64,
// float32, float64, utf8 (alias string), large_utf8 (alias large_string),
// binary, date32 (alias date), time32[s|ms], time64[us|ns] (time =
// time64[us]), timestamp[s|ms|us|ns] (timestamp = timestamp[us]),
// timestamp[us, tz=UTC] with any time zone, decimal(p,s) = decimal128(p,s)
// with 1 <= p <= 38, 0 <= s <= p; for NDJSON also the nested list<type>,
// large_list<type> and struct<name:type,...>, nested to any depth, e.g.
// "tags:list<utf8>,attrs:struct<a:int64,b:list<struct<x:float64>>>" (struct
// fields and list items are nullable; a list's item is named "item"). Type
// names are case-insensitive, field names are not. A column or field name
// holding ':', ',' or '"' can be written in double quotes ("a,b":int64,
// struct<"x:y":utf8>), a '"' inside doubled.

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "arrow/arrow_type.h"

namespace spillway::cli {

// Throws spillway::Error naming the bad entry or type ("--schema: ...").
std::vector<std::pair<std::string, ArrowField>> parse_schema_option(std::string_view text);

// One type name as above (fields other than the type left default, format
// set). Throws spillway::Error naming `type`.
ArrowField parse_type_name(std::string_view type);

// The --schema spelling of a type, e.g. "timestamp[us, tz=UTC]" or
// "struct<a:list<int64>>", for messages and suggestions.
std::string type_name(const ArrowField& field);

// `name` as --schema wants it: quoted when it holds ':', ',', '"', a
// bracket of any kind or surrounding spaces.
std::string schema_column_token(const std::string& name);

// Sets the type (keeping name and nullability) of every overridden column;
// returns which columns were overridden. Throws spillway::Error naming
// `input_name` and the columns it has when an override names no column.
std::vector<bool> apply_schema_overrides(
    const std::vector<std::pair<std::string, ArrowField>>& overrides,
    std::vector<ArrowField>& columns, const std::string& input_name);

}  // namespace spillway::cli

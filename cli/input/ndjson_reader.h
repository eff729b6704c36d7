#pragma once

// NDJSON input for `spillway convert`: one JSON object per line, blank lines
// skipped. Columns are the keys in first-seen order across the inference
// sample (the first infer_rows objects, buffered then replayed; never
// seeking, so standard input works); a key absent from an object is null.
//
// Inference per key over the sample (json_shape.h has the rules, the same
// at every depth): only booleans -> bool; only integers that fit int64 ->
// int64; numbers with a fraction or exponent (or integers too large for
// int64, or integers mixed with them) -> float64; only strings -> date32 /
// time64 / timestamp when every one is one (as DuckDB's read_json does),
// else utf8; only objects -> struct of the keys seen in them (first-seen
// order, each inferred the same way); only arrays -> list (int32 offsets)
// of the type inferred from all their elements; only nulls, or lists that
// are all empty -> utf8 (list<utf8>); only empty objects -> utf8. Anything
// mixed (string and number, object and number, object and array...) ->
// utf8 holding strings as they are and other values as their JSON text
// ("1.50", "true", objects and arrays without insignificant whitespace),
// which is what DuckDB's JSON type would hold. Struct fields and list items
// are nullable; null, a missing key and [] stay distinct (null struct or
// list, null field, empty list).
//
// After the sample: a key not seen in it (at any depth) is an error
// suggesting a larger --infer-rows; a value of another JSON kind or shape
// than its inferred column takes is an error naming the key path
// ("attrs.tags[3]") and the --schema that would take it (into a utf8 column
// everything goes, as text). A column typed by --schema (nested types
// included: list<...>, struct<...>) parses each value's text (a JSON string
// "12" into int32 works). A key repeated within an object, nesting deeper
// than kMaxJsonDepth and any invalid JSON are errors; errors name the input,
// the line and the key path.

#include <cstddef>
#include <memory>
#include <string>

#include "input/batch_reader.h"
#include "input/input_source.h"

namespace spillway::cli {

struct NdjsonOptions {
  size_t infer_rows = 10000;  // objects sampled for inference (at least 1 is)
  size_t batch_rows = 65536;
  size_t batch_bytes = 16 << 20;
  std::string schema;                       // --schema override, "" = none
  size_t max_line_bytes = size_t{1} << 30;  // a longer line is an error
};

// Reads the inference sample before returning, so the schema is known.
// Throws spillway::Error naming the input on bad input or options.
std::unique_ptr<BatchReader> open_ndjson_reader(std::unique_ptr<InputSource> input,
                                                const NdjsonOptions& options);

}  // namespace spillway::cli

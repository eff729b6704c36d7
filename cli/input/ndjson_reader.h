#pragma once

// NDJSON input for `spillway convert`: one JSON object per line, blank lines
// skipped. Columns are the keys in first-seen order across the inference
// sample (the first infer_rows objects, buffered then replayed; never
// seeking, so standard input works); a key absent from an object is null.
//
// Inference per key over the sample: only booleans -> bool; only integers
// that fit int64 -> int64; numbers with a fraction or exponent (or integers
// too large for int64, or integers mixed with them) -> float64; only
// strings -> date32 / time64 / timestamp when every one is one (as DuckDB's
// read_json does), else utf8; anything mixed (string and number, bool and
// number...) -> utf8 holding strings as they are and other values as their
// JSON text ("1.50", "true"); only nulls -> utf8.
//
// After the sample: a key not seen in it is an error suggesting a larger
// --infer-rows; a value of another JSON kind than its inferred column takes
// is an error (into a utf8 column everything goes, as text). A column typed
// by --schema parses the value's text (a JSON string "12" into int32 works).
// A key repeated within an object is an error, like a nested object or
// array ("not yet supported") and any invalid JSON; errors name the input,
// the line and the key.

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

#pragma once

// CSV input for `spillway convert`: RFC 4180 with a configurable delimiter,
// quote and escape, a header row, null markers, and per-column types
// inferred from a sample of the first rows (buffered, then replayed: the
// input is never sought, so standard input works), overridable by --schema.
//
// Decisions worth knowing:
// - Header off: columns are named column0, column1, ... An empty header
//   name becomes column<i> (0-based position), a repeated one gets _1, _2...
//   (as DuckDB does).
// - An unquoted field equal to a null marker is null. An empty field,
//   quoted or not, is null in every column that is not utf8, large_utf8 or
//   binary; there a quoted "" is the empty string.
// - Inference: see TypeInference (type_inference.h). A column with no
//   non-null value in the sample is utf8. Values are not trimmed: " 5" is
//   text.
// - Blank lines are skipped. A quote inside an unquoted field is kept as
//   is; anything but a delimiter or a line end after a closing quote is an
//   error. The escape, when set, works inside quoted fields only.
// - Line numbers in errors are physical lines (1-based, the header
//   included) where the record starts.

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "input/batch_reader.h"
#include "input/input_source.h"

namespace spillway::cli {

struct CsvOptions {
  char delimiter = ',';
  char quote = '"';
  std::optional<char> escape;  // none: a quote inside a quoted field is doubled ("")
  bool header = true;          // false: columns are named column0, column1, ...
  std::vector<std::string> null_values = {""};  // unquoted field equal to one of these is null
  size_t infer_rows = 10000;                    // rows sampled for type inference (0: all utf8)
  size_t batch_rows = 65536;                    // a batch ends at batch_rows rows ...
  size_t batch_bytes = 16 << 20;              // ... or after this many input bytes, whichever first
  std::string schema;                         // --schema override, "" = none
  size_t max_record_bytes = size_t{1} << 30;  // a record past this is an error (an unclosed quote?)
};

// Reads the header and the inference sample before returning, so the schema
// is known. Throws spillway::Error naming the input on bad input or options.
std::unique_ptr<BatchReader> open_csv_reader(std::unique_ptr<InputSource> input,
                                             const CsvOptions& options);

}  // namespace spillway::cli

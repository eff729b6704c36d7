#pragma once

// The wording the CSV and NDJSON readers share for a value that does not fit
// its column, so both say the same thing and suggest the same fix.

#include <cstddef>
#include <string>
#include <string_view>

#include "arrow/arrow_type.h"

namespace spillway::cli {

// `value` in quotes, cut after 60 bytes, control bytes as \xNN.
std::string quote_value(std::string_view value, char quote = '\'');

// "<shown> is not a valid int64 (type inferred from the first 10000 rows;
// use --schema x:utf8 to override)", or "(the type --schema sets)" when the
// column was overridden. `value` is the text that failed, `shown` how the
// message shows it.
// `suggestion` replaces suggest_type's choice when not empty.
std::string not_valid_message(std::string_view shown, std::string_view value,
                              const ArrowField& column, bool overridden, size_t infer_rows,
                              std::string_view suggestion = {});

// The type to suggest in --schema for a column that met `value`: float64
// for a fraction in an int64 column, the ns unit for sub-microsecond times,
// otherwise utf8.
std::string suggest_type(const ArrowField& column, std::string_view value);

}  // namespace spillway::cli

#pragma once

// Typed values from text. The CSV reader's fields, the NDJSON reader's
// strings and numbers, and every --schema override go through these parsers,
// so "what counts as an int64 or a timestamp" is decided in one place.
//
// Every parser takes the whole text: no surrounding whitespace, nothing
// after the value. They return false (and leave *out alone) when the text is
// not exactly one value of the type.

#include <cstdint>
#include <string_view>

#include "arrow/arrow_type.h"

namespace spillway::cli {

// true/false, t/f, yes/no in any case (what DuckDB's CSV sniffer reads as
// BOOLEAN; 0/1 stay integers).
bool parse_bool(std::string_view text, bool* out);

// Optional sign, decimal digits, in range.
bool parse_int64(std::string_view text, int64_t* out);
bool parse_uint64(std::string_view text, uint64_t* out);

// Decimal notation with optional fraction and exponent ("1", "-1.5", ".5",
// "5.", "1e-3"), and inf, +inf, -inf, infinity, nan in any case. A finite
// value out of the type's range does not parse.
bool parse_float64(std::string_view text, double* out);
bool parse_float32(std::string_view text, float* out);

// YYYY-MM-DD (month and day may have one digit), proleptic Gregorian, as
// days since 1970-01-01.
bool parse_date32(std::string_view text, int32_t* out);

// HH:MM[:SS[.fraction up to 9 digits]], 00:00:00 to 23:59:59.999999999.
struct TimeOfDay {
  int64_t seconds = 0;
  int64_t nanos = 0;
};
bool parse_time_of_day(std::string_view text, TimeOfDay* out);

// A date, optionally followed by 'T' or ' ' and a time of day, optionally
// followed by a UTC offset: Z, +HH:MM, +HHMM or +HH (or '-').
struct DateTime {
  int64_t days = 0;     // since 1970-01-01, of the local date
  int64_t seconds = 0;  // of the local day
  int64_t nanos = 0;
  bool has_time = false;
  bool has_offset = false;
  int32_t offset_seconds = 0;  // local = UTC + offset
};
bool parse_date_time(std::string_view text, DateTime* out);

// The value in `unit` since the epoch: UTC when the text had an offset (the
// offset is subtracted), else the wall clock as written. False if the
// fraction has non-zero digits finer than `unit` (no silent rounding) or the
// value overflows int64.
bool date_time_to_unit(const DateTime& dt, ArrowTimeUnit unit, int64_t* out);
bool time_of_day_to_unit(const TimeOfDay& t, ArrowTimeUnit unit, int64_t* out);

// Decimal notation with optional exponent ("-12.50", "1.5e2") as an integer
// scaled by 10^scale. False when it needs more than `precision` digits or
// has non-zero digits beyond `scale` (no silent rounding).
bool parse_decimal128(std::string_view text, int32_t precision, int32_t scale, __int128* out);

// Narrows a column's type over a sample of its non-null text values, the
// way DuckDB's CSV sniffer does for simple files: the first of bool, int64,
// float64, time64[us], date32, timestamp[us], timestamp[us, tz=UTC] that
// every value fits, else utf8 (also for a column with no values). Rules of
// the sniffer rather than of the parsers: numbers with a leading '+' or a
// leading zero ("007") and inf/nan stay text; a column mixing dates with
// timestamps, or timestamps with and without offsets, is utf8. Sub-
// microsecond fractions make the time or timestamp unit ns.
class TypeInference {
 public:
  // `temporal_only`: only dates, times and timestamps are recognized (JSON
  // strings: "12" in a JSON string stays a string).
  explicit TypeInference(bool temporal_only = false);

  void observe(std::string_view value);
  // The inferred type (name left empty, format set).
  ArrowField result() const;

 private:
  bool any_ = false;
  bool bool_, int_, float_, time_, date_, ts_, tstz_;
  bool time_ns_ = false, ts_ns_ = false;
};

}  // namespace spillway::cli

#include "input/type_inference.h"

#include <charconv>
#include <cmath>
#include <limits>

namespace spillway::cli {

namespace {

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

char lower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (lower(a[i]) != b[i]) return false;
  }
  return true;
}

// Reads exactly `n` digits at `pos` into *out.
bool digits(std::string_view s, size_t& pos, size_t n, int* out) {
  if (pos + n > s.size()) return false;
  int v = 0;
  for (size_t i = 0; i < n; ++i) {
    char c = s[pos + i];
    if (!is_digit(c)) return false;
    v = v * 10 + (c - '0');
  }
  pos += n;
  *out = v;
  return true;
}

// One or two digits.
bool short_digits(std::string_view s, size_t& pos, int* out) {
  size_t n = 0;
  while (n < 2 && pos + n < s.size() && is_digit(s[pos + n])) ++n;
  return n > 0 && digits(s, pos, n, out);
}

bool is_leap(int y) {
  return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int days_in_month(int y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && is_leap(y) ? 29 : kDays[m - 1];
}

// Days since 1970-01-01 of a proleptic Gregorian date: shift the year to
// start in March so the leap day is last, count whole 400-year eras.
int64_t days_from_civil(int64_t y, int64_t m, int64_t d) {
  y -= m <= 2 ? 1 : 0;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t year_of_era = y - era * 400;
  const int64_t day_of_year = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const int64_t day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * 146097 + day_of_era - 719468;
}

bool parse_date_at(std::string_view s, size_t& pos, int64_t* days) {
  int y, m, d;
  if (!digits(s, pos, 4, &y)) return false;
  if (pos >= s.size() || s[pos] != '-') return false;
  ++pos;
  if (!short_digits(s, pos, &m)) return false;
  if (pos >= s.size() || s[pos] != '-') return false;
  ++pos;
  if (!short_digits(s, pos, &d)) return false;
  if (m < 1 || m > 12 || d < 1 || d > days_in_month(y, m)) return false;
  *days = days_from_civil(y, m, d);
  return true;
}

// HH:MM[:SS[.f{1,9}]]
bool parse_time_at(std::string_view s, size_t& pos, TimeOfDay* out) {
  int h, mi, sec = 0;
  if (!digits(s, pos, 2, &h)) return false;
  if (pos >= s.size() || s[pos] != ':') return false;
  ++pos;
  if (!digits(s, pos, 2, &mi)) return false;
  int64_t nanos = 0;
  if (pos < s.size() && s[pos] == ':') {
    ++pos;
    if (!digits(s, pos, 2, &sec)) return false;
    if (pos < s.size() && s[pos] == '.') {
      ++pos;
      size_t n = 0;
      while (pos < s.size() && is_digit(s[pos])) {
        if (++n > 9) return false;
        nanos = nanos * 10 + (s[pos] - '0');
        ++pos;
      }
      if (n == 0) return false;
      for (; n < 9; ++n) nanos *= 10;
    }
  }
  if (h > 23 || mi > 59 || sec > 59) return false;
  out->seconds = h * 3600 + mi * 60 + sec;
  out->nanos = nanos;
  return true;
}

// Z, +HH:MM, +HHMM, +HH (or '-').
bool parse_offset_at(std::string_view s, size_t& pos, int32_t* seconds) {
  if (s[pos] == 'Z') {
    ++pos;
    *seconds = 0;
    return true;
  }
  if (s[pos] != '+' && s[pos] != '-') return false;
  const int sign = s[pos] == '-' ? -1 : 1;
  ++pos;
  int h, m = 0;
  if (!digits(s, pos, 2, &h)) return false;
  if (pos < s.size()) {
    if (s[pos] == ':') ++pos;
    if (!digits(s, pos, 2, &m)) return false;
  }
  if (h > 23 || m > 59) return false;
  *seconds = sign * (h * 3600 + m * 60);
  return true;
}

int64_t unit_per_second(ArrowTimeUnit unit) {
  switch (unit) {
    case ArrowTimeUnit::SECOND:
      return 1;
    case ArrowTimeUnit::MILLI:
      return 1000;
    case ArrowTimeUnit::MICRO:
      return 1000000;
    case ArrowTimeUnit::NANO:
      return 1000000000;
  }
  return 1;
}

bool seconds_nanos_to_unit(int64_t seconds, int64_t nanos, ArrowTimeUnit unit, int64_t* out) {
  const int64_t per_second = unit_per_second(unit);
  const int64_t nanos_per_unit = 1000000000 / per_second;
  if (nanos % nanos_per_unit != 0) return false;
  int64_t fraction = nanos / nanos_per_unit;
  if (seconds < 0 && fraction > 0) {
    // Borrow a second so the product cannot overflow where the sum fits
    // (the earliest nanosecond timestamp is -9223372037 s + 145224192 ns).
    seconds += 1;
    fraction -= per_second;
  }
  int64_t v;
  if (__builtin_mul_overflow(seconds, per_second, &v)) return false;
  if (__builtin_add_overflow(v, fraction, &v)) return false;
  *out = v;
  return true;
}

// The inference rules that are the sniffer's rather than the parsers': no
// '+', no leading zero before another digit, no inf/nan.
bool plain_number(std::string_view s) {
  size_t i = 0;
  if (i < s.size() && s[i] == '-') ++i;
  if (i >= s.size()) return false;
  if (!is_digit(s[i]) && s[i] != '.') return false;
  return !(s[i] == '0' && i + 1 < s.size() && is_digit(s[i + 1]));
}

ArrowField make_type(ArrowTypeId id, ArrowTimeUnit unit = ArrowTimeUnit::SECOND,
                     std::string tz = {}) {
  ArrowField f;
  f.id = id;
  f.unit = unit;
  f.has_timezone = !tz.empty();
  f.timezone = std::move(tz);
  f.format = format_of(f);
  return f;
}

}  // namespace

bool parse_bool(std::string_view s, bool* out) {
  if (iequals(s, "true") || iequals(s, "t") || iequals(s, "yes")) {
    *out = true;
    return true;
  }
  if (iequals(s, "false") || iequals(s, "f") || iequals(s, "no")) {
    *out = false;
    return true;
  }
  return false;
}

bool parse_int64(std::string_view s, int64_t* out) {
  if (!s.empty() && s[0] == '+') {
    s.remove_prefix(1);
    if (s.empty() || !is_digit(s[0])) return false;
  }
  if (s.empty() || !(is_digit(s[0]) || (s[0] == '-' && s.size() > 1 && is_digit(s[1])))) {
    return false;
  }
  int64_t v;
  auto r = std::from_chars(s.data(), s.data() + s.size(), v);
  if (r.ec != std::errc() || r.ptr != s.data() + s.size()) return false;
  *out = v;
  return true;
}

bool parse_uint64(std::string_view s, uint64_t* out) {
  if (!s.empty() && s[0] == '+') s.remove_prefix(1);
  if (s.empty() || !is_digit(s[0])) return false;
  uint64_t v;
  auto r = std::from_chars(s.data(), s.data() + s.size(), v);
  if (r.ec != std::errc() || r.ptr != s.data() + s.size()) return false;
  *out = v;
  return true;
}

namespace {

template <typename T>
bool parse_float(std::string_view s, T* out) {
  bool negative = false;
  std::string_view body = s;
  if (!body.empty() && (body[0] == '+' || body[0] == '-')) {
    negative = body[0] == '-';
    body.remove_prefix(1);
  }
  if (iequals(body, "inf") || iequals(body, "infinity")) {
    *out = negative ? -std::numeric_limits<T>::infinity() : std::numeric_limits<T>::infinity();
    return true;
  }
  if (iequals(body, "nan")) {
    *out = std::numeric_limits<T>::quiet_NaN();
    return true;
  }
  // Check the grammar ourselves: from_chars also takes "nan(...)" and
  // stops early on "5e".
  auto skip_digits = [&](size_t& i) {
    const size_t start = i;
    while (i < body.size() && is_digit(body[i])) ++i;
    return i - start;
  };
  size_t i = 0;
  size_t mantissa_digits = skip_digits(i);
  if (i < body.size() && body[i] == '.') {
    ++i;
    mantissa_digits += skip_digits(i);
  }
  if (mantissa_digits == 0) return false;
  if (i < body.size() && (body[i] == 'e' || body[i] == 'E')) {
    ++i;
    if (i < body.size() && (body[i] == '+' || body[i] == '-')) ++i;
    if (skip_digits(i) == 0) return false;
  }
  if (i != body.size()) return false;
  // from_chars reads a leading '-' but not '+'.
  std::string_view num = negative ? s : body;
  T v;
  auto r = std::from_chars(num.data(), num.data() + num.size(), v);
  if (r.ec != std::errc() || r.ptr != num.data() + num.size()) return false;
  *out = v;
  return true;
}

}  // namespace

bool parse_float64(std::string_view s, double* out) {
  return parse_float(s, out);
}

bool parse_float32(std::string_view s, float* out) {
  return parse_float(s, out);
}

bool parse_date32(std::string_view s, int32_t* out) {
  size_t pos = 0;
  int64_t days;
  if (!parse_date_at(s, pos, &days) || pos != s.size()) return false;
  *out = static_cast<int32_t>(days);
  return true;
}

bool parse_time_of_day(std::string_view s, TimeOfDay* out) {
  size_t pos = 0;
  TimeOfDay t;
  if (!parse_time_at(s, pos, &t) || pos != s.size()) return false;
  *out = t;
  return true;
}

bool parse_date_time(std::string_view s, DateTime* out) {
  size_t pos = 0;
  DateTime dt;
  if (!parse_date_at(s, pos, &dt.days)) return false;
  if (pos < s.size() && (s[pos] == 'T' || s[pos] == ' ')) {
    ++pos;
    TimeOfDay t;
    if (!parse_time_at(s, pos, &t)) return false;
    dt.has_time = true;
    dt.seconds = t.seconds;
    dt.nanos = t.nanos;
    if (pos < s.size()) {
      if (!parse_offset_at(s, pos, &dt.offset_seconds)) return false;
      dt.has_offset = true;
    }
  }
  if (pos != s.size()) return false;
  *out = dt;
  return true;
}

bool date_time_to_unit(const DateTime& dt, ArrowTimeUnit unit, int64_t* out) {
  const int64_t seconds = dt.days * 86400 + dt.seconds - (dt.has_offset ? dt.offset_seconds : 0);
  return seconds_nanos_to_unit(seconds, dt.nanos, unit, out);
}

bool time_of_day_to_unit(const TimeOfDay& t, ArrowTimeUnit unit, int64_t* out) {
  return seconds_nanos_to_unit(t.seconds, t.nanos, unit, out);
}

bool parse_decimal128(std::string_view s, int32_t precision, int32_t scale, __int128* out) {
  if (precision < 1 || precision > 38 || scale < 0 || scale > precision) return false;
  bool negative = false;
  size_t i = 0;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) negative = s[i++] == '-';
  // Collect significant digits and where the decimal point falls.
  std::string_view int_part, frac_part;
  size_t start = i;
  while (i < s.size() && is_digit(s[i])) ++i;
  int_part = s.substr(start, i - start);
  if (i < s.size() && s[i] == '.') {
    start = ++i;
    while (i < s.size() && is_digit(s[i])) ++i;
    frac_part = s.substr(start, i - start);
  }
  if (int_part.empty() && frac_part.empty()) return false;
  int64_t exponent = 0;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    bool exp_negative = false;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) exp_negative = s[i++] == '-';
    size_t exp_digits = 0;
    while (i < s.size() && is_digit(s[i])) {
      if (exponent < 100000) exponent = exponent * 10 + (s[i] - '0');
      ++i;
      ++exp_digits;
    }
    if (exp_digits == 0) return false;
    if (exp_negative) exponent = -exponent;
  }
  if (i != s.size()) return false;
  // value = digits(int_part frac_part) * 10^(exponent - frac_part.size());
  // we need it times 10^scale as an integer.
  const int64_t shift = exponent - static_cast<int64_t>(frac_part.size()) + scale;
  __int128 v = 0;
  int used = 0;  // significant digits taken so far
  auto take = [&](char c) {
    if (v == 0 && c == '0') return true;  // leading zeros are free
    if (++used > precision) return false;
    v = v * 10 + (c - '0');
    return true;
  };
  const size_t total = int_part.size() + frac_part.size();
  // Digits at index >= keep fall below 10^-scale: they must be zeros.
  const int64_t keep = static_cast<int64_t>(total) + std::min<int64_t>(shift, 0);
  for (size_t k = 0; k < total; ++k) {
    char c = k < int_part.size() ? int_part[k] : frac_part[k - int_part.size()];
    if (static_cast<int64_t>(k) >= keep) {
      if (c != '0') return false;
      continue;
    }
    if (!take(c)) return false;
  }
  // Trailing zeros up to the scale; bounded by `precision` iterations.
  for (int64_t k = 0; v != 0 && k < shift; ++k) {
    if (++used > precision) return false;
    v *= 10;
  }
  *out = negative ? -v : v;
  return true;
}

TypeInference::TypeInference(bool temporal_only)
    : bool_(!temporal_only),
      int_(!temporal_only),
      float_(!temporal_only),
      time_(true),
      date_(true),
      ts_(true),
      tstz_(true) {}

void TypeInference::observe(std::string_view v) {
  any_ = true;
  if (bool_) {
    bool b;
    bool_ = parse_bool(v, &b);
  }
  if (int_ || float_) {
    const bool plain = plain_number(v);
    if (int_) {
      int64_t i;
      int_ = plain && parse_int64(v, &i);
    }
    if (float_) {
      double d;
      float_ = plain && parse_float64(v, &d);
    }
  }
  if (time_) {
    TimeOfDay t;
    time_ = parse_time_of_day(v, &t);
    if (time_ && t.nanos % 1000 != 0) time_ns_ = true;
  }
  if (date_) {
    int32_t d;
    date_ = parse_date32(v, &d);
  }
  if (ts_ || tstz_) {
    DateTime dt;
    int64_t unused;
    // Dates alone are not timestamps here (DuckDB reads a column mixing
    // the two as VARCHAR), and offsets must be all or nothing.
    if (!parse_date_time(v, &dt) || !dt.has_time ||
        !date_time_to_unit(dt, ArrowTimeUnit::NANO, &unused)) {
      ts_ = tstz_ = false;
    } else {
      if (dt.has_offset) {
        ts_ = false;
      } else {
        tstz_ = false;
      }
      if (dt.nanos % 1000 != 0) ts_ns_ = true;
    }
  }
}

ArrowField TypeInference::result() const {
  if (!any_) return make_type(ArrowTypeId::STRING);
  if (bool_) return make_type(ArrowTypeId::BOOL);
  if (int_) return make_type(ArrowTypeId::INT64);
  if (float_) return make_type(ArrowTypeId::DOUBLE);
  const ArrowTimeUnit time_unit = time_ns_ ? ArrowTimeUnit::NANO : ArrowTimeUnit::MICRO;
  if (time_) return make_type(ArrowTypeId::TIME64, time_unit);
  if (date_) return make_type(ArrowTypeId::DATE32);
  const ArrowTimeUnit ts_unit = ts_ns_ ? ArrowTimeUnit::NANO : ArrowTimeUnit::MICRO;
  if (ts_) return make_type(ArrowTypeId::TIMESTAMP, ts_unit);
  if (tstz_) return make_type(ArrowTypeId::TIMESTAMP, ts_unit, "UTC");
  return make_type(ArrowTypeId::STRING);
}

}  // namespace spillway::cli

// Statistics values as text: PLAIN bytes decoded for the column's type.

#include <fmt/format.h>

#include <cmath>
#include <cstring>
#include <optional>
#include <string>

#include "inspect_report.h"

namespace spillway::cli::inspect {
namespace {

// --- UTF-8 --------------------------------------------------------------

// Decodes one UTF-8 sequence at s[i]; returns its length and sets `cp`, or
// returns 0 when the bytes there are not valid UTF-8 (overlong forms and
// surrogates included).
size_t utf8_next(std::string_view s, size_t i, uint32_t& cp) {
  const auto b = [&](size_t k) { return static_cast<uint8_t>(s[i + k]); };
  const uint8_t c = b(0);
  if (c < 0x80) {
    cp = c;
    return 1;
  }
  size_t n = 0;
  uint32_t min = 0;
  if ((c & 0xE0) == 0xC0) {
    n = 2, cp = c & 0x1F, min = 0x80;
  } else if ((c & 0xF0) == 0xE0) {
    n = 3, cp = c & 0x0F, min = 0x800;
  } else if ((c & 0xF8) == 0xF0) {
    n = 4, cp = c & 0x07, min = 0x10000;
  } else {
    return 0;
  }
  if (s.size() - i < n) return 0;
  for (size_t k = 1; k < n; ++k) {
    if ((b(k) & 0xC0) != 0x80) return 0;
    cp = cp << 6 | (b(k) & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return n;
}

// Valid UTF-8 without control characters other than tab and newlines: worth
// showing as text rather than hex.
bool looks_like_text(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    uint32_t cp = 0;
    size_t n = utf8_next(s, i, cp);
    if (n == 0) return false;
    if ((cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r') || cp == 0x7F) return false;
    i += n;
  }
  return true;
}

// --- Fixed-width values ---------------------------------------------------

template <typename T>
T load_le(std::string_view bytes) {
  T v;
  std::memcpy(&v, bytes.data(), sizeof(T));  // spillway targets little-endian machines
  return v;
}

float half_to_float(uint16_t h) {
  const int exponent = (h >> 10) & 0x1F;
  const int mantissa = h & 0x3FF;
  float value;
  if (exponent == 0) {
    value = std::ldexp(static_cast<float>(mantissa), -24);
  } else if (exponent == 31) {
    value = mantissa == 0 ? INFINITY : NAN;
  } else {
    value = std::ldexp(static_cast<float>(mantissa | 0x400), exponent - 25);
  }
  return (h & 0x8000) != 0 ? -value : value;
}

// Shortest text that reads back as the same value.
template <typename F>
std::string float_text(F v) {
  if (std::isnan(v)) return "NaN";
  if (std::isinf(v)) return v < 0 ? "-Infinity" : "Infinity";
  return fmt::format("{}", v);
}

// --- Dates and times ------------------------------------------------------

int64_t floor_div(int64_t a, int64_t b) {
  int64_t q = a / b;
  return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

// Days since 1970-01-01 to a proleptic Gregorian date (the civil-from-days
// computation over 400-year eras).
std::string date_text(int64_t days) {
  const int64_t z = days + 719468;
  const int64_t era = floor_div(z, 146097);
  const int64_t doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  const int64_t day = doy - (153 * mp + 2) / 5 + 1;
  const int64_t month = mp < 10 ? mp + 3 : mp - 9;
  const int64_t year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return fmt::format("{:04}-{:02}-{:02}", year, month, day);
}

int64_t units_per_second(TimeUnit unit) {
  switch (unit) {
    case TimeUnit::MILLIS:
      return 1000;
    case TimeUnit::MICROS:
      return 1000000;
    case TimeUnit::NANOS:
      return 1000000000;
  }
  return 1;
}

int fraction_digits(TimeUnit unit) {
  return unit == TimeUnit::MILLIS ? 3 : unit == TimeUnit::MICROS ? 6 : 9;
}

std::string time_of_day_text(int64_t units, TimeUnit unit) {
  const int64_t per_second = units_per_second(unit);
  const int64_t seconds = floor_div(units, per_second);
  const int64_t fraction = units - seconds * per_second;
  return fmt::format("{:02}:{:02}:{:02}.{:0{}}", seconds / 3600, seconds / 60 % 60, seconds % 60,
                     fraction, fraction_digits(unit));
}

std::string timestamp_text(int64_t units, TimeUnit unit, bool utc) {
  const int64_t per_day = 86400 * units_per_second(unit);
  const int64_t days = floor_div(units, per_day);
  return date_text(days) + "T" + time_of_day_text(units - days * per_day, unit) + (utc ? "Z" : "");
}

// --- Decimals -------------------------------------------------------------

// A big-endian two's complement integer as decimal digits with `scale`
// digits after the point.
std::string decimal_text(std::string_view big_endian, int32_t scale) {
  std::string magnitude(big_endian);
  const bool negative = !magnitude.empty() && (static_cast<uint8_t>(magnitude[0]) & 0x80) != 0;
  if (negative) {  // two's complement negation: invert, add one
    for (char& c : magnitude) c = static_cast<char>(~static_cast<uint8_t>(c));
    for (size_t i = magnitude.size(); i-- > 0;) {
      if (++reinterpret_cast<uint8_t&>(magnitude[i]) != 0) break;
    }
  }
  std::string digits;
  for (bool nonzero = true; nonzero;) {  // long division by 10
    unsigned remainder = 0;
    nonzero = false;
    for (char& c : magnitude) {
      unsigned cur = remainder << 8 | static_cast<uint8_t>(c);
      c = static_cast<char>(cur / 10);
      remainder = cur % 10;
      nonzero |= c != 0;
    }
    digits.insert(digits.begin(), static_cast<char>('0' + remainder));
  }
  if (scale > 0) {
    if (digits.size() <= static_cast<size_t>(scale)) {
      digits.insert(0, static_cast<size_t>(scale) + 1 - digits.size(), '0');
    }
    digits.insert(digits.size() - static_cast<size_t>(scale), 1, '.');
  } else if (scale < 0) {
    digits += "e" + std::to_string(-scale);
  }
  return negative ? "-" + digits : digits;
}

std::string little_to_big_endian(std::string_view le) {
  return std::string(le.rbegin(), le.rend());
}

// --- Dispatch ---------------------------------------------------------------

// How one value renders: `json_number` says whether `text` is a JSON number
// (or true/false) rather than a string's content.
struct Rendered {
  std::string text;
  bool json_number = false;
  bool quoted = false;    // text from a string column: quote it for humans
  std::string json = {};  // when set, the JSON form (temporal values: their count)
};

// A temporal value: ISO text for humans, the count itself in JSON.
Rendered temporal(std::string text, int64_t count) {
  return Rendered{std::move(text), false, false, std::to_string(count)};
}

std::string bad_size(std::string_view bytes) {
  return "0x" + hex(bytes) + " (" + std::to_string(bytes.size()) + " bytes?)";
}

std::string bytes_text(std::string_view bytes, bool* quoted) {
  if (looks_like_text(bytes)) {
    *quoted = true;
    return std::string(bytes);
  }
  return "0x" + hex(bytes);
}

std::optional<Rendered> render_logical(std::string_view v, const ColumnDescriptor& leaf) {
  const LogicalType& t = *leaf.logical_type();
  const PhysicalType p = leaf.physical_type();
  using K = LogicalType::Kind;
  switch (t.kind) {
    case K::STRING:
    case K::ENUM:
    case K::JSON:
      return Rendered{std::string(v), false, true};
    case K::DATE:
      if (p == PhysicalType::INT32 && v.size() == 4) {
        return temporal(date_text(load_le<int32_t>(v)), load_le<int32_t>(v));
      }
      break;
    case K::TIME:
      if (p == PhysicalType::INT32 && v.size() == 4) {
        return temporal(time_of_day_text(load_le<int32_t>(v), t.unit), load_le<int32_t>(v));
      }
      if (p == PhysicalType::INT64 && v.size() == 8) {
        return temporal(time_of_day_text(load_le<int64_t>(v), t.unit), load_le<int64_t>(v));
      }
      break;
    case K::TIMESTAMP:
      if (p == PhysicalType::INT64 && v.size() == 8) {
        const auto units = load_le<int64_t>(v);
        return temporal(timestamp_text(units, t.unit, t.is_adjusted_to_utc), units);
      }
      break;
    case K::DECIMAL:
      if ((p == PhysicalType::INT32 && v.size() == 4) ||
          (p == PhysicalType::INT64 && v.size() == 8)) {
        return Rendered{decimal_text(little_to_big_endian(v), t.scale)};
      }
      if (p == PhysicalType::BYTE_ARRAY || p == PhysicalType::FIXED_LEN_BYTE_ARRAY) {
        return Rendered{decimal_text(v, t.scale)};
      }
      break;
    case K::INTEGER:
      if (!t.is_signed && p == PhysicalType::INT32 && v.size() == 4) {
        return Rendered{std::to_string(load_le<uint32_t>(v)), true};
      }
      if (!t.is_signed && p == PhysicalType::INT64 && v.size() == 8) {
        return Rendered{std::to_string(load_le<uint64_t>(v)), true};
      }
      break;
    case K::UUID:
      if (v.size() == 16) {
        std::string h = hex(v);
        return Rendered{h.substr(0, 8) + "-" + h.substr(8, 4) + "-" + h.substr(12, 4) + "-" +
                        h.substr(16, 4) + "-" + h.substr(20)};
      }
      break;
    case K::FLOAT16:
      if (v.size() == 2) {
        float f = half_to_float(load_le<uint16_t>(v));
        return Rendered{float_text(f), std::isfinite(f)};
      }
      break;
    default:
      break;
  }
  return std::nullopt;
}

Rendered render(std::string_view v, const ColumnDescriptor* leaf) {
  if (leaf == nullptr) {
    Rendered r;
    r.text = bytes_text(v, &r.quoted);
    return r;
  }
  // The logical type (or the converted type, which the schema reader turned
  // into one) decides first; DATE on a wrong-sized value falls through.
  if (leaf->logical_type()) {
    if (auto r = render_logical(v, *leaf)) return *r;
  }
  if (leaf->converted_type() == ConvertedType::INTERVAL && v.size() == 12) {
    return Rendered{fmt::format("{} months {} days {} ms", load_le<uint32_t>(v.substr(0, 4)),
                                load_le<uint32_t>(v.substr(4, 4)),
                                load_le<uint32_t>(v.substr(8, 4)))};
  }
  switch (leaf->physical_type()) {
    case PhysicalType::BOOLEAN:
      if (v.size() == 1 && static_cast<uint8_t>(v[0]) <= 1) return {v[0] ? "true" : "false", true};
      return {bad_size(v)};
    case PhysicalType::INT32:
      if (v.size() == 4) return {std::to_string(load_le<int32_t>(v)), true};
      return {bad_size(v)};
    case PhysicalType::INT64:
      if (v.size() == 8) return {std::to_string(load_le<int64_t>(v)), true};
      return {bad_size(v)};
    case PhysicalType::FLOAT:
      if (v.size() == 4) {
        float f = load_le<float>(v);
        return {float_text(f), std::isfinite(f)};
      }
      return {bad_size(v)};
    case PhysicalType::DOUBLE:
      if (v.size() == 8) {
        double d = load_le<double>(v);
        return {float_text(d), std::isfinite(d)};
      }
      return {bad_size(v)};
    case PhysicalType::INT96:
      // Legacy timestamps: nanoseconds in the day, then the Julian day.
      if (v.size() == 12) {
        const int64_t nanos = load_le<int64_t>(v.substr(0, 8));
        const int64_t days = int64_t{load_le<int32_t>(v.substr(8, 4))} - 2440588;
        if (nanos >= 0 && nanos < int64_t{86400} * 1000000000) {
          return {date_text(days) + "T" + time_of_day_text(nanos, TimeUnit::NANOS)};
        }
      }
      return {"0x" + hex(v)};
    default: {
      Rendered r;
      r.text = bytes_text(v, &r.quoted);
      return r;
    }
  }
}

}  // namespace

std::string hex(std::string_view bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (char c : bytes) {
    out += kDigits[static_cast<uint8_t>(c) >> 4];
    out += kDigits[static_cast<uint8_t>(c) & 0xF];
  }
  return out;
}

std::string escape_text(std::string_view s, size_t max_chars) {
  std::string out;
  size_t chars = 0;
  for (size_t i = 0; i < s.size();) {
    if (chars == max_chars) return out + "...";
    ++chars;
    uint32_t cp = 0;
    size_t n = utf8_next(s, i, cp);
    if (n == 0) {
      out += fmt::format("\\x{:02x}", static_cast<uint8_t>(s[i]));
      ++i;
      continue;
    }
    switch (cp) {
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\r':
        out += "\\r";
        break;
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      default:
        if (cp < 0x20 || cp == 0x7F) {
          out += fmt::format("\\x{:02x}", cp);
        } else if (cp >= 0x80 && cp < 0xA0) {  // C1 controls: invisible, escape
          out += fmt::format("\\u{:04x}", cp);
        } else {
          out.append(s.substr(i, n));
        }
    }
    i += n;
  }
  return out;
}

std::string json_string(std::string_view s) {
  std::string out = "\"";
  for (size_t i = 0; i < s.size();) {
    uint32_t cp = 0;
    size_t n = utf8_next(s, i, cp);
    if (n == 0) {
      out += "\\ufffd";
      ++i;
      continue;
    }
    if (cp == '"') {
      out += "\\\"";
    } else if (cp == '\\') {
      out += "\\\\";
    } else if (cp == '\n') {
      out += "\\n";
    } else if (cp == '\t') {
      out += "\\t";
    } else if (cp == '\r') {
      out += "\\r";
    } else if (cp < 0x20) {
      out += fmt::format("\\u{:04x}", cp);
    } else {
      out.append(s.substr(i, n));
    }
    i += n;
  }
  return out + "\"";
}

std::string value_text(std::string_view bytes, const ColumnDescriptor* leaf, size_t max_chars) {
  Rendered r = render(bytes, leaf);
  if (r.quoted) return "\"" + escape_text(r.text, max_chars) + "\"";
  // Numbers, dates and decimals stay whole; long hex is cut.
  if (r.text.starts_with("0x") && r.text.size() > max_chars) {
    return r.text.substr(0, max_chars) + "...";
  }
  return r.text;
}

std::string value_json(std::string_view bytes, const ColumnDescriptor* leaf) {
  Rendered r = render(bytes, leaf);
  if (!r.json.empty()) return r.json;
  return r.json_number ? r.text : json_string(r.text);
}

std::string logical_type_text(const LogicalType& t) {
  using K = LogicalType::Kind;
  auto unit = [](TimeUnit u) {
    return u == TimeUnit::MILLIS ? "MILLIS" : u == TimeUnit::MICROS ? "MICROS" : "NANOS";
  };
  switch (t.kind) {
    case K::STRING:
      return "STRING";
    case K::MAP:
      return "MAP";
    case K::LIST:
      return "LIST";
    case K::ENUM:
      return "ENUM";
    case K::DECIMAL:
      return fmt::format("DECIMAL({},{})", t.precision, t.scale);
    case K::DATE:
      return "DATE";
    case K::TIME:
      return fmt::format("TIME({},{})", unit(t.unit), t.is_adjusted_to_utc ? "utc" : "local");
    case K::TIMESTAMP:
      return fmt::format("TIMESTAMP({},{})", unit(t.unit), t.is_adjusted_to_utc ? "utc" : "local");
    case K::INTEGER:
      return fmt::format("INTEGER({},{})", t.bit_width, t.is_signed ? "signed" : "unsigned");
    case K::UNKNOWN:
      return "UNKNOWN";
    case K::JSON:
      return "JSON";
    case K::BSON:
      return "BSON";
    case K::UUID:
      return "UUID";
    case K::FLOAT16:
      return "FLOAT16";
  }
  return fmt::format("LogicalType({})", static_cast<int>(t.kind));
}

}  // namespace spillway::cli::inspect

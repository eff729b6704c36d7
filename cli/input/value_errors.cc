#include "input/value_errors.h"

#include "input/schema_option.h"
#include "input/type_inference.h"

namespace spillway::cli {

std::string quote_value(std::string_view value, char quote) {
  constexpr size_t kMax = 60;
  std::string out(1, quote);
  for (size_t i = 0; i < value.size() && i < kMax; ++i) {
    const auto c = static_cast<unsigned char>(value[i]);
    if (c < 0x20 || c == 0x7F) {
      static constexpr char kHex[] = "0123456789abcdef";
      out += "\\x";
      out += kHex[c >> 4];
      out += kHex[c & 15];
    } else {
      out += static_cast<char>(c);
    }
  }
  out += quote;
  if (value.size() > kMax) out += "...";
  return out;
}

std::string suggest_type(const ArrowField& column, std::string_view value) {
  if (is_integer(column.id)) {
    double d;
    if (parse_float64(value, &d)) return "float64";
  }
  if (column.id == ArrowTypeId::TIMESTAMP && column.unit != ArrowTimeUnit::NANO) {
    DateTime dt;
    int64_t v;
    if (parse_date_time(value, &dt) && dt.has_offset == column.has_timezone &&
        date_time_to_unit(dt, ArrowTimeUnit::NANO, &v)) {
      ArrowField ns = column;
      ns.unit = ArrowTimeUnit::NANO;
      return type_name(ns);
    }
  }
  if (column.id == ArrowTypeId::TIME64 && column.unit == ArrowTimeUnit::MICRO) {
    TimeOfDay t;
    if (parse_time_of_day(value, &t)) return "time64[ns]";
  }
  return "utf8";
}

std::string not_valid_message(std::string_view shown, std::string_view value,
                              const ArrowField& column, bool overridden, size_t infer_rows,
                              std::string_view suggestion) {
  std::string out = std::string(shown) + " is not a valid " + type_name(column);
  if (overridden) return out + " (the type --schema sets)";
  return out + " (type inferred from the first " + std::to_string(infer_rows) +
         " rows; use --schema " + schema_column_token(column.name) + ":" +
         (suggestion.empty() ? suggest_type(column, value) : std::string(suggestion)) +
         " to override)";
}

}  // namespace spillway::cli

// The value builders of arrow_builder.h: one function per Arrow type.

#include <cstring>
#include <stdexcept>

#include "support/arrow_builder.h"

namespace spillway::test {

namespace {

char unit_char(ArrowTimeUnit unit) {
  switch (unit) {
    case ArrowTimeUnit::SECOND:
      return 's';
    case ArrowTimeUnit::MILLI:
      return 'm';
    case ArrowTimeUnit::MICRO:
      return 'u';
    case ArrowTimeUnit::NANO:
      return 'n';
  }
  return '?';
}

template <typename Offset>
ArrowColumn binary_like(std::string format, const Values<std::string>& values) {
  ArrowColumn c;
  c.format = std::move(format);
  c.length = static_cast<int64_t>(values.size());
  std::vector<Offset> offsets{0};
  std::string data;
  std::vector<bool> valid;
  for (const auto& v : values) {
    valid.push_back(v.has_value());
    if (v) data += *v;
    if (!v) ++c.null_count;
    offsets.push_back(static_cast<Offset>(data.size()));
  }
  c.buffers = {validity_bitmap(valid), buffer_of(offsets), make_buffer(data.data(), data.size())};
  return c;
}

ArrowColumn view_like(std::string format, const Values<std::string>& values,
                      int64_t variadic_buffer_size) {
  ArrowColumn c;
  c.format = std::move(format);
  c.length = static_cast<int64_t>(values.size());
  std::vector<uint8_t> views(values.size() * 16, 0);
  std::vector<std::string> variadic;
  std::vector<bool> valid;
  for (size_t i = 0; i < values.size(); ++i) {
    valid.push_back(values[i].has_value());
    if (!values[i]) {
      ++c.null_count;
      continue;
    }
    const std::string& v = *values[i];
    uint8_t* view = views.data() + 16 * i;
    int32_t len = static_cast<int32_t>(v.size());
    std::memcpy(view, &len, 4);
    if (v.size() <= 12) {
      std::memcpy(view + 4, v.data(), v.size());
      continue;
    }
    if (variadic.empty() || static_cast<int64_t>(variadic.back().size()) >= variadic_buffer_size) {
      variadic.emplace_back();
    }
    int32_t index = static_cast<int32_t>(variadic.size() - 1);
    int32_t offset = static_cast<int32_t>(variadic.back().size());
    variadic.back() += v;
    std::memcpy(view + 4, v.data(), 4);  // prefix
    std::memcpy(view + 8, &index, 4);
    std::memcpy(view + 12, &offset, 4);
  }
  c.buffers = {validity_bitmap(valid), buffer_of(views)};
  std::vector<int64_t> sizes;
  for (const std::string& b : variadic) {
    c.buffers.push_back(make_buffer(b.data(), b.size()));
    sizes.push_back(static_cast<int64_t>(b.size()));
  }
  c.buffers.push_back(buffer_of(sizes));
  return c;
}

// 256-bit two's complement, little-endian limbs.
struct Int256 {
  uint64_t limb[4] = {0, 0, 0, 0};
  void mul10_add(uint32_t digit) {
    unsigned __int128 carry = digit;
    for (uint64_t& l : limb) {
      unsigned __int128 v = static_cast<unsigned __int128>(l) * 10 + carry;
      l = static_cast<uint64_t>(v);
      carry = v >> 64;
    }
    if (carry != 0) throw std::invalid_argument("decimal value does not fit 256 bits");
  }
  void negate() {
    unsigned __int128 carry = 1;
    for (uint64_t& l : limb) {
      unsigned __int128 v = static_cast<unsigned __int128>(~l) + carry;
      l = static_cast<uint64_t>(v);
      carry = v >> 64;
    }
  }
  // Whether the value survives truncation to `bits` bits (sign-extension).
  bool fits(int bits) const {
    bool negative = (limb[3] >> 63) != 0;
    for (int b = bits - 1; b < 256; ++b) {
      bool bit = (limb[b / 64] >> (b % 64)) & 1;
      if (bit != negative) return false;
    }
    return true;
  }
};

Int256 parse_decimal(const std::string& text, int32_t scale) {
  size_t i = 0;
  bool negative = false;
  if (i < text.size() && (text[i] == '-' || text[i] == '+')) negative = text[i++] == '-';
  Int256 v;
  int32_t fraction_digits = -1;  // -1 until the point
  bool any_digit = false;
  for (; i < text.size(); ++i) {
    char ch = text[i];
    if (ch == '.' && fraction_digits < 0) {
      fraction_digits = 0;
      continue;
    }
    if (ch < '0' || ch > '9') throw std::invalid_argument("bad decimal string '" + text + "'");
    if (fraction_digits >= 0 && ++fraction_digits > scale) {
      throw std::invalid_argument("decimal '" + text + "' has more than " + std::to_string(scale) +
                                  " fraction digits");
    }
    v.mul10_add(static_cast<uint32_t>(ch - '0'));
    any_digit = true;
  }
  if (!any_digit) throw std::invalid_argument("bad decimal string '" + text + "'");
  for (int32_t k = fraction_digits < 0 ? 0 : fraction_digits; k < scale; ++k) v.mul10_add(0);
  if (negative) v.negate();
  return v;
}

}  // namespace

ArrowColumn null_column(int64_t length) {
  ArrowColumn c;
  c.format = "n";
  c.length = length;
  c.null_count = length;
  return c;
}

ArrowColumn bool_column(const Values<bool>& values) {
  ArrowColumn c;
  c.format = "b";
  c.length = static_cast<int64_t>(values.size());
  std::vector<bool> valid, bits;
  for (const auto& v : values) {
    valid.push_back(v.has_value());
    bits.push_back(v.value_or(false));
    if (!v) ++c.null_count;
  }
  std::vector<uint8_t> data((values.size() + 7) / 8, 0);
  for (size_t i = 0; i < bits.size(); ++i) {
    if (bits[i]) data[i / 8] |= static_cast<uint8_t>(1u << (i % 8));
  }
  c.buffers = {validity_bitmap(valid), buffer_of(data)};
  return c;
}

ArrowColumn int8_column(const Values<int8_t>& v) {
  return fixed_width_column("c", v);
}
ArrowColumn uint8_column(const Values<uint8_t>& v) {
  return fixed_width_column("C", v);
}
ArrowColumn int16_column(const Values<int16_t>& v) {
  return fixed_width_column("s", v);
}
ArrowColumn uint16_column(const Values<uint16_t>& v) {
  return fixed_width_column("S", v);
}
ArrowColumn int32_column(const Values<int32_t>& v) {
  return fixed_width_column("i", v);
}
ArrowColumn uint32_column(const Values<uint32_t>& v) {
  return fixed_width_column("I", v);
}
ArrowColumn int64_column(const Values<int64_t>& v) {
  return fixed_width_column("l", v);
}
ArrowColumn uint64_column(const Values<uint64_t>& v) {
  return fixed_width_column("L", v);
}
ArrowColumn float32_column(const Values<float>& v) {
  return fixed_width_column("f", v);
}
ArrowColumn float64_column(const Values<double>& v) {
  return fixed_width_column("g", v);
}
ArrowColumn float16_bits_column(const Values<uint16_t>& v) {
  return fixed_width_column("e", v);
}

ArrowColumn float16_column(const Values<float>& values) {
  Values<uint16_t> bits;
  for (const auto& v : values) {
    bits.push_back(v ? std::optional<uint16_t>(float_to_half(*v)) : std::nullopt);
  }
  return float16_bits_column(bits);
}

uint16_t float_to_half(float f) {
  uint32_t x;
  std::memcpy(&x, &f, 4);
  uint32_t sign = (x >> 16) & 0x8000;
  uint32_t exp = (x >> 23) & 0xff;
  uint32_t mant = x & 0x7fffff;
  if (exp == 0xff) return static_cast<uint16_t>(sign | 0x7c00 | (mant ? 0x200 : 0));
  int e = static_cast<int>(exp) - 127 + 15;
  if (e >= 31) return static_cast<uint16_t>(sign | 0x7c00);
  if (e <= 0) {  // half subnormal (or zero): value = mant24 * 2^(exp - 126 - 24 + 24)
    if (e < -10) return static_cast<uint16_t>(sign);
    mant |= 0x800000;
    int shift = 14 - e;
    uint32_t half = mant >> shift;
    uint32_t rem = mant & ((1u << shift) - 1);
    uint32_t halfway = 1u << (shift - 1);
    if (rem > halfway || (rem == halfway && (half & 1))) ++half;
    return static_cast<uint16_t>(sign | half);
  }
  uint32_t half = (static_cast<uint32_t>(e) << 10) | (mant >> 13);
  uint32_t rem = mant & 0x1fff;
  if (rem > 0x1000 || (rem == 0x1000 && (half & 1))) ++half;  // a carry rounds up to inf
  return static_cast<uint16_t>(sign | half);
}

float half_to_float(uint16_t h) {
  uint32_t sign = static_cast<uint32_t>(h & 0x8000) << 16;
  uint32_t exp = (h >> 10) & 0x1f;
  uint32_t mant = h & 0x3ff;
  uint32_t x;
  if (exp == 0x1f) {
    x = sign | 0x7f800000 | (mant << 13);
  } else if (exp != 0) {
    x = sign | ((exp + 112) << 23) | (mant << 13);
  } else if (mant == 0) {
    x = sign;
  } else {  // subnormal: normalise
    int e = -1;
    do {
      mant <<= 1;
      ++e;
    } while ((mant & 0x400) == 0);
    x = sign | (static_cast<uint32_t>(112 - e) << 23) | ((mant & 0x3ff) << 13);
  }
  float f;
  std::memcpy(&f, &x, 4);
  return f;
}

ArrowColumn date32_column(const Values<int32_t>& v) {
  return fixed_width_column("tdD", v);
}
ArrowColumn date64_column(const Values<int64_t>& v) {
  return fixed_width_column("tdm", v);
}

ArrowColumn time32_column(ArrowTimeUnit unit, const Values<int32_t>& v) {
  return fixed_width_column(std::string("tt") + unit_char(unit), v);
}

ArrowColumn time64_column(ArrowTimeUnit unit, const Values<int64_t>& v) {
  return fixed_width_column(std::string("tt") + unit_char(unit), v);
}

ArrowColumn timestamp_column(ArrowTimeUnit unit, std::optional<std::string> tz,
                             const Values<int64_t>& v) {
  return fixed_width_column(std::string("ts") + unit_char(unit) + ":" + tz.value_or(""), v);
}

ArrowColumn duration_column(ArrowTimeUnit unit, const Values<int64_t>& v) {
  return fixed_width_column(std::string("tD") + unit_char(unit), v);
}

ArrowColumn interval_months_column(const Values<int32_t>& v) {
  return fixed_width_column("tiM", v);
}

ArrowColumn interval_day_time_column(const Values<DayTime>& v) {
  return fixed_width_column("tiD", v);
}

ArrowColumn interval_month_day_nano_column(const Values<MonthDayNano>& v) {
  static_assert(sizeof(MonthDayNano) == 16);
  return fixed_width_column("tin", v);
}

ArrowColumn decimal_column(int32_t bit_width, int32_t precision, int32_t scale,
                           const Values<std::string>& values) {
  if (bit_width != 32 && bit_width != 64 && bit_width != 128 && bit_width != 256) {
    throw std::invalid_argument("decimal bit width must be 32, 64, 128 or 256");
  }
  ArrowColumn c;
  c.format = "d:" + std::to_string(precision) + "," + std::to_string(scale) +
             (bit_width == 128 ? "" : "," + std::to_string(bit_width));
  c.length = static_cast<int64_t>(values.size());
  size_t width = static_cast<size_t>(bit_width / 8);
  std::vector<uint8_t> data(values.size() * width, 0);
  std::vector<bool> valid;
  for (size_t i = 0; i < values.size(); ++i) {
    valid.push_back(values[i].has_value());
    if (!values[i]) {
      ++c.null_count;
      continue;
    }
    Int256 v = parse_decimal(*values[i], scale);
    if (!v.fits(bit_width)) {
      throw std::invalid_argument("decimal '" + *values[i] + "' does not fit " +
                                  std::to_string(bit_width) + " bits");
    }
    std::memcpy(data.data() + i * width, v.limb, width);  // little-endian limbs
  }
  c.buffers = {validity_bitmap(valid), buffer_of(data)};
  return c;
}

ArrowColumn decimal128_column(int32_t precision, int32_t scale, const Values<__int128>& unscaled) {
  ArrowColumn c =
      fixed_width_column("d:" + std::to_string(precision) + "," + std::to_string(scale), unscaled);
  return c;
}

ArrowColumn string_column(const Values<std::string>& v) {
  return binary_like<int32_t>("u", v);
}
ArrowColumn large_string_column(const Values<std::string>& v) {
  return binary_like<int64_t>("U", v);
}
ArrowColumn binary_column(const Values<std::string>& v) {
  return binary_like<int32_t>("z", v);
}
ArrowColumn large_binary_column(const Values<std::string>& v) {
  return binary_like<int64_t>("Z", v);
}

ArrowColumn string_view_column(const Values<std::string>& v, int64_t variadic_buffer_size) {
  return view_like("vu", v, variadic_buffer_size);
}

ArrowColumn binary_view_column(const Values<std::string>& v, int64_t variadic_buffer_size) {
  return view_like("vz", v, variadic_buffer_size);
}

ArrowColumn fixed_size_binary_column(int32_t width, const Values<std::string>& values) {
  ArrowColumn c;
  c.format = "w:" + std::to_string(width);
  c.length = static_cast<int64_t>(values.size());
  std::string data;
  std::vector<bool> valid;
  for (const auto& v : values) {
    valid.push_back(v.has_value());
    if (v && v->size() != static_cast<size_t>(width)) {
      throw std::invalid_argument("fixed_size_binary value '" + *v + "' is not " +
                                  std::to_string(width) + " bytes");
    }
    data += v ? *v : std::string(static_cast<size_t>(width), '\0');
    if (!v) ++c.null_count;
  }
  c.buffers = {validity_bitmap(valid), make_buffer(data.data(), data.size())};
  return c;
}

ArrowColumn dictionary_column(ArrowColumn indices, ArrowColumn dictionary, bool ordered) {
  indices.dictionary = std::make_shared<ArrowColumn>(std::move(dictionary));
  if (ordered) indices.flags |= ARROW_FLAG_DICTIONARY_ORDERED;
  return indices;
}

namespace {

template <typename Offset>
ArrowColumn list_like(std::string format, const std::vector<Offset>& offsets, ArrowColumn values,
                      const std::vector<bool>& valid) {
  ArrowColumn c;
  c.format = std::move(format);
  c.length = offsets.empty() ? 0 : static_cast<int64_t>(offsets.size()) - 1;
  for (bool v : valid) c.null_count += v ? 0 : 1;
  c.buffers = {validity_bitmap(valid), buffer_of(offsets)};
  c.children.push_back(values.named(values.name.empty() ? "item" : values.name));
  return c;
}

}  // namespace

ArrowColumn list_column(const std::vector<int32_t>& offsets, ArrowColumn values,
                        const std::vector<bool>& valid) {
  return list_like("+l", offsets, std::move(values), valid);
}

ArrowColumn large_list_column(const std::vector<int64_t>& offsets, ArrowColumn values,
                              const std::vector<bool>& valid) {
  return list_like("+L", offsets, std::move(values), valid);
}

ArrowColumn fixed_size_list_column(int32_t list_size, ArrowColumn values,
                                   const std::vector<bool>& valid) {
  ArrowColumn c;
  c.format = "+w:" + std::to_string(list_size);
  c.length = list_size == 0 ? static_cast<int64_t>(valid.size()) : values.length / list_size;
  for (bool v : valid) c.null_count += v ? 0 : 1;
  c.buffers = {validity_bitmap(valid)};
  c.children.push_back(values.named(values.name.empty() ? "item" : values.name));
  return c;
}

namespace {

template <typename Offset>
ArrowColumn list_view_like(std::string format, const std::vector<Offset>& offsets,
                           const std::vector<Offset>& sizes, ArrowColumn values,
                           const std::vector<bool>& valid) {
  if (offsets.size() != sizes.size()) throw std::invalid_argument("offsets and sizes differ");
  ArrowColumn c;
  c.format = std::move(format);
  c.length = static_cast<int64_t>(offsets.size());
  for (bool v : valid) c.null_count += v ? 0 : 1;
  c.buffers = {validity_bitmap(valid), buffer_of(offsets), buffer_of(sizes)};
  c.children.push_back(values.named(values.name.empty() ? "item" : values.name));
  return c;
}

}  // namespace

ArrowColumn list_view_column(const std::vector<int32_t>& offsets, const std::vector<int32_t>& sizes,
                             ArrowColumn values, const std::vector<bool>& valid) {
  return list_view_like("+vl", offsets, sizes, std::move(values), valid);
}

ArrowColumn large_list_view_column(const std::vector<int64_t>& offsets,
                                   const std::vector<int64_t>& sizes, ArrowColumn values,
                                   const std::vector<bool>& valid) {
  return list_view_like("+vL", offsets, sizes, std::move(values), valid);
}

ArrowColumn map_column(const std::vector<int32_t>& offsets, ArrowColumn keys, ArrowColumn values,
                       const std::vector<bool>& valid) {
  ArrowColumn entries = struct_column({{"key", keys.not_null()}, {"value", values}}).not_null();
  ArrowColumn c = list_like("+m", offsets, entries.named("entries"), valid);
  return c;
}

ArrowColumn nullable_struct_column(const NamedColumns& columns, const std::vector<bool>& valid) {
  ArrowColumn c = struct_column(columns, valid.empty() ? -1 : static_cast<int64_t>(valid.size()));
  c.buffers = {validity_bitmap(valid)};
  for (bool v : valid) c.null_count += v ? 0 : 1;
  return c;
}

ArrowColumn run_end_encoded_column(ArrowColumn run_ends, ArrowColumn values, int64_t length) {
  ArrowColumn c;
  c.format = "+r";
  c.length = length;
  c.null_count = 0;
  c.children.push_back(run_ends.named("run_ends").not_null());
  c.children.push_back(values.named("values"));
  return c;
}

}  // namespace spillway::test

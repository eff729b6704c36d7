#pragma once

// A deterministic wide flat table for the write benchmark, held as plain
// buffers (arrow_data.h, which also exports them through the C Data Interface).
//
// 60 columns: 10 int32, 10 int64, 8 float64, 6 float32, 10 high-cardinality
// utf8 (5..40 bytes), 10 low-cardinality utf8 (20 distinct values), 6 bool.
// Every third column is nullable with about 3% nulls.

#include <array>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "arrow_data.h"

namespace spillway::bench {

enum class Kind { kInt32, kInt64, kFloat64, kFloat32, kString, kLowCardString, kBool };

struct ColumnSpec {
  std::string name;
  Kind kind;
  bool nullable;
  int variant;  // picks a value distribution within the kind
};

inline std::vector<ColumnSpec> wide_table_columns() {
  const std::array<std::pair<Kind, int>, 7> groups = {{{Kind::kInt32, 10},
                                                       {Kind::kInt64, 10},
                                                       {Kind::kFloat64, 8},
                                                       {Kind::kFloat32, 6},
                                                       {Kind::kString, 10},
                                                       {Kind::kLowCardString, 10},
                                                       {Kind::kBool, 6}}};
  const char* prefix[] = {"i32_", "i64_", "f64_", "f32_", "str_", "cat_", "bool_"};
  std::vector<ColumnSpec> columns;
  for (const auto& [kind, count] : groups) {
    for (int i = 0; i < count; ++i) {
      bool nullable = columns.size() % 3 == 0;
      columns.push_back({prefix[static_cast<int>(kind)] + std::to_string(i), kind, nullable, i});
    }
  }
  return columns;
}

inline const char* arrow_format(Kind kind) {
  switch (kind) {
    case Kind::kInt32:
      return "i";
    case Kind::kInt64:
      return "l";
    case Kind::kFloat64:
      return "g";
    case Kind::kFloat32:
      return "f";
    case Kind::kString:
    case Kind::kLowCardString:
      return "u";
    case Kind::kBool:
      return "b";
  }
  return "";
}

namespace detail {

inline size_t value_width(Kind kind) {
  switch (kind) {
    case Kind::kInt32:
    case Kind::kFloat32:
      return 4;
    case Kind::kInt64:
    case Kind::kFloat64:
      return 8;
    default:
      return 0;
  }
}

// 20 category names of different lengths per column ("north-east", ...).
inline std::string category(int variant, uint64_t k) {
  static const char* words[] = {"alpha", "bravo", "charlie", "delta", "echo",   "fox",  "golf",
                                "hotel", "india", "juliet",  "kilo",  "lima",   "mike", "november",
                                "oscar", "papa",  "quebec",  "romeo", "sierra", "tango"};
  return std::string(words[k]) + (variant % 2 ? "-" + std::to_string(variant * 7 + k) : "");
}

inline ArrayData generate_column(const ColumnSpec& spec, int64_t first_row, int64_t length,
                                 uint64_t seed) {
  Rng rng(seed);
  const bool is_utf8 = spec.kind == Kind::kString || spec.kind == Kind::kLowCardString;
  ArrayData c;
  c.length = length;
  // Buffers: validity, then values, or offsets and characters for utf8.
  c.buffers.resize(is_utf8 ? 3 : 2);
  std::vector<uint8_t> valid_bits(static_cast<size_t>((length + 7) / 8), 0);
  std::vector<uint8_t>& values = c.buffers[1];
  std::vector<uint8_t>& offsets = c.buffers[1];    // utf8 only
  std::vector<uint8_t>& chars = c.buffers.back();  // utf8 only
  // Bools are bits like validity; other fixed-width kinds one slot per value.
  if (!is_utf8) {
    values.resize(spec.kind == Kind::kBool ? valid_bits.size()
                                           : static_cast<size_t>(length) * value_width(spec.kind));
  } else {
    offsets.reserve((static_cast<size_t>(length) + 1) * sizeof(int32_t));
    append_value<int32_t>(offsets, 0);
  }
  if (is_utf8) chars.reserve(static_cast<size_t>(length) * (spec.kind == Kind::kString ? 23 : 10));
  // 64 symbols, so one random word yields ten characters (6 bits each).
  static const char alphabet[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_";
  for (int64_t i = 0; i < length; ++i) {
    const int64_t row = first_row + i;
    const bool valid = !spec.nullable || rng.below(100) >= 3;
    if (valid) set_bit(valid_bits, i, true);
    if (!valid) ++c.null_count;
    // Nulls still occupy a slot (fixed width) or an empty range (utf8).
    switch (spec.kind) {
      case Kind::kInt32: {
        int32_t v = spec.variant % 3 == 0   ? static_cast<int32_t>(rng.below(1000))
                    : spec.variant % 3 == 1 ? static_cast<int32_t>(row * 3 + rng.below(3))
                                            : static_cast<int32_t>(rng.next());
        put_value(values, i, valid ? v : 0);
        break;
      }
      case Kind::kInt64: {
        int64_t v = spec.variant % 3 == 0   ? 1'700'000'000'000LL + row * 1000 + rng.below(1000)
                    : spec.variant % 3 == 1 ? static_cast<int64_t>(rng.below(100'000))
                                            : static_cast<int64_t>(rng.next());
        put_value(values, i, valid ? v : 0);
        break;
      }
      case Kind::kFloat64: {
        double v = spec.variant % 2 == 0 ? rng.unit() * 1e6
                                         : static_cast<double>(rng.below(1'000'000)) / 100.0;
        put_value(values, i, valid ? v : 0.0);
        break;
      }
      case Kind::kFloat32: {
        float v = static_cast<float>(rng.unit() * 1000.0);
        put_value(values, i, valid ? v : 0.0f);
        break;
      }
      case Kind::kString: {
        if (valid) {
          const uint64_t len = 5 + rng.below(36);
          uint64_t bits = 0;
          for (uint64_t j = 0; j < len; ++j, bits >>= 6) {
            if (j % 10 == 0) bits = rng.next();
            chars.push_back(alphabet[bits & 63]);
          }
        }
        append_value(offsets, static_cast<int32_t>(chars.size()));
        break;
      }
      case Kind::kLowCardString: {
        if (valid) {
          const std::string s = category(spec.variant, rng.below(20));
          chars.insert(chars.end(), s.begin(), s.end());
        }
        append_value(offsets, static_cast<int32_t>(chars.size()));
        break;
      }
      case Kind::kBool:
        set_bit(values, i, valid && rng.below(10) < 3);
        break;
    }
  }
  if (c.null_count > 0) c.buffers[0] = std::move(valid_bits);
  return c;
}

}  // namespace detail

// Rows [first_row, first_row + length); the same arguments give the same data.
inline BatchData generate_batch(const std::vector<ColumnSpec>& columns, int64_t first_row,
                                int64_t length) {
  BatchData batch;
  batch.length = length;
  for (size_t i = 0; i < columns.size(); ++i) {
    const uint64_t seed = (static_cast<uint64_t>(first_row) << 8) ^ (i * 0x100000001b3ULL);
    batch.columns.push_back(detail::generate_column(columns[i], first_row, length, seed));
  }
  return batch;
}

// The exported schema's columns.
inline std::vector<Field> wide_table_fields(const std::vector<ColumnSpec>& columns) {
  std::vector<Field> fields;
  for (const ColumnSpec& c : columns) {
    fields.push_back({c.name, arrow_format(c.kind), c.nullable, {}});
  }
  return fields;
}

}  // namespace spillway::bench

#pragma once

// A deterministic wide flat table for the write benchmark, held as plain
// buffers and exported through the Arrow C Data Interface as often as needed
// (the writer takes ownership of each exported batch; the buffers stay shared).
//
// 60 columns: 10 int32, 10 int64, 8 float64, 6 float32, 10 high-cardinality
// utf8 (5..40 bytes), 10 low-cardinality utf8 (20 distinct values), 6 bool.
// Every third column is nullable with about 3% nulls.

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "spillway/c_abi.h"

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

// splitmix64: fast, deterministic, good enough for synthetic data.
class Rng {
 public:
  explicit Rng(uint64_t seed) : state_(seed) {}
  uint64_t next() {
    uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  uint64_t below(uint64_t n) { return next() % n; }
  double unit() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }

 private:
  uint64_t state_;
};

struct ColumnData {
  int64_t null_count = 0;
  std::vector<uint8_t> validity;  // empty: no validity buffer (all valid)
  std::vector<uint8_t> values;    // fixed-width values or bool bits
  std::vector<int32_t> offsets;   // utf8 only
  std::vector<uint8_t> chars;     // utf8 only

  // Bytes of Arrow memory a consumer reads for `length` values.
  int64_t arrow_bytes() const {
    return static_cast<int64_t>(validity.size() + values.size() + offsets.size() * sizeof(int32_t) +
                                chars.size());
  }
};

struct BatchData {
  int64_t length = 0;
  std::vector<ColumnData> columns;
  int64_t arrow_bytes() const {
    int64_t total = 0;
    for (const auto& c : columns) total += c.arrow_bytes();
    return total;
  }
};

namespace detail {

// Stores value i of a fixed-width column (memcpy: the buffer is bytes).
template <typename T>
void put_value(std::vector<uint8_t>& out, int64_t i, T v) {
  std::memcpy(out.data() + i * static_cast<int64_t>(sizeof(T)), &v, sizeof(T));
}

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

inline void set_bit(std::vector<uint8_t>& bits, int64_t i, bool v) {
  if (v) bits[i / 8] |= static_cast<uint8_t>(1u << (i % 8));
}

// 20 category names of different lengths per column ("north-east", ...).
inline std::string category(int variant, uint64_t k) {
  static const char* words[] = {"alpha", "bravo", "charlie", "delta", "echo",   "fox",  "golf",
                                "hotel", "india", "juliet",  "kilo",  "lima",   "mike", "november",
                                "oscar", "papa",  "quebec",  "romeo", "sierra", "tango"};
  return std::string(words[k]) + (variant % 2 ? "-" + std::to_string(variant * 7 + k) : "");
}

inline ColumnData generate_column(const ColumnSpec& spec, int64_t first_row, int64_t length,
                                  uint64_t seed) {
  Rng rng(seed);
  ColumnData c;
  std::vector<uint8_t> valid_bits(static_cast<size_t>((length + 7) / 8), 0);
  // Bools are bits like validity; other fixed-width kinds one slot per value.
  c.values.resize(spec.kind == Kind::kBool ? valid_bits.size()
                                           : static_cast<size_t>(length) * value_width(spec.kind));
  if (spec.kind == Kind::kString || spec.kind == Kind::kLowCardString) {
    c.offsets.reserve(static_cast<size_t>(length) + 1);
    c.offsets.push_back(0);
    c.chars.reserve(static_cast<size_t>(length) * (spec.kind == Kind::kString ? 23 : 10));
  }
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
        put_value(c.values, i, valid ? v : 0);
        break;
      }
      case Kind::kInt64: {
        int64_t v = spec.variant % 3 == 0   ? 1'700'000'000'000LL + row * 1000 + rng.below(1000)
                    : spec.variant % 3 == 1 ? static_cast<int64_t>(rng.below(100'000))
                                            : static_cast<int64_t>(rng.next());
        put_value(c.values, i, valid ? v : 0);
        break;
      }
      case Kind::kFloat64: {
        double v = spec.variant % 2 == 0 ? rng.unit() * 1e6
                                         : static_cast<double>(rng.below(1'000'000)) / 100.0;
        put_value(c.values, i, valid ? v : 0.0);
        break;
      }
      case Kind::kFloat32: {
        float v = static_cast<float>(rng.unit() * 1000.0);
        put_value(c.values, i, valid ? v : 0.0f);
        break;
      }
      case Kind::kString: {
        if (valid) {
          const uint64_t len = 5 + rng.below(36);
          uint64_t bits = 0;
          for (uint64_t j = 0; j < len; ++j, bits >>= 6) {
            if (j % 10 == 0) bits = rng.next();
            c.chars.push_back(alphabet[bits & 63]);
          }
        }
        c.offsets.push_back(static_cast<int32_t>(c.chars.size()));
        break;
      }
      case Kind::kLowCardString: {
        if (valid) {
          const std::string s = category(spec.variant, rng.below(20));
          c.chars.insert(c.chars.end(), s.begin(), s.end());
        }
        c.offsets.push_back(static_cast<int32_t>(c.chars.size()));
        break;
      }
      case Kind::kBool:
        set_bit(c.values, i, valid && rng.below(10) < 3);
        break;
    }
  }
  if (c.null_count > 0) c.validity = std::move(valid_bits);
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

// --- C Data Interface export ----------------------------------------------

// The table's schema, owned here; consumers borrow it (ArrowWriter::open does).
class ExportedSchema {
 public:
  explicit ExportedSchema(const std::vector<ColumnSpec>& columns) : specs_(columns) {
    children_.resize(specs_.size());
    for (size_t i = 0; i < specs_.size(); ++i) {
      ArrowSchema& c = children_[i];
      c = ArrowSchema{};
      c.format = arrow_format(specs_[i].kind);
      c.name = specs_[i].name.c_str();
      c.flags = specs_[i].nullable ? ARROW_FLAG_NULLABLE : 0;
      c.release = &release_child;
      child_ptrs_.push_back(&c);
    }
    root_ = ArrowSchema{};
    root_.format = "+s";
    root_.name = "";
    root_.n_children = static_cast<int64_t>(child_ptrs_.size());
    root_.children = child_ptrs_.data();
    root_.release = &release_root;
  }
  ExportedSchema(const ExportedSchema&) = delete;
  ExportedSchema& operator=(const ExportedSchema&) = delete;

  const ArrowSchema* get() const { return &root_; }

 private:
  // Storage lives in this object; release only marks the structs released.
  static void release_child(ArrowSchema* s) { s->release = nullptr; }
  static void release_root(ArrowSchema* s) {
    for (int64_t i = 0; i < s->n_children; ++i) {
      if (s->children[i]->release) s->children[i]->release(s->children[i]);
    }
    s->release = nullptr;
  }

  std::vector<ColumnSpec> specs_;
  std::vector<ArrowSchema> children_;
  std::vector<ArrowSchema*> child_ptrs_;
  ArrowSchema root_{};
};

namespace detail {

// Each exported struct keeps the batch alive on its own, so a consumer may
// move a child out and release the parent first, as the spec allows.
struct ChildPrivate {
  std::shared_ptr<const BatchData> data;
  std::array<const void*, 3> buffers{};
};

struct RootPrivate {
  std::shared_ptr<const BatchData> data;
  std::array<const void*, 1> buffers{};
  std::vector<ArrowArray> children;
  std::vector<ArrowArray*> child_ptrs;
};

inline void release_child(ArrowArray* a) {
  delete static_cast<ChildPrivate*>(a->private_data);
  a->release = nullptr;
}

inline void release_root(ArrowArray* a) {
  for (int64_t i = 0; i < a->n_children; ++i) {
    if (a->children[i]->release) a->children[i]->release(a->children[i]);
  }
  delete static_cast<RootPrivate*>(a->private_data);
  a->release = nullptr;
}

}  // namespace detail

// Exports `batch` as a struct array into `out`; the consumer releases it.
inline void export_batch(const std::shared_ptr<const BatchData>& batch,
                         const std::vector<ColumnSpec>& specs, ArrowArray* out) {
  auto* root = new detail::RootPrivate{batch, {nullptr}, {}, {}};
  root->children.resize(batch->columns.size());
  for (size_t i = 0; i < batch->columns.size(); ++i) {
    const ColumnData& col = batch->columns[i];
    auto* priv = new detail::ChildPrivate{batch, {}};
    priv->buffers[0] = col.validity.empty() ? nullptr : col.validity.data();
    const bool is_utf8 = specs[i].kind == Kind::kString || specs[i].kind == Kind::kLowCardString;
    if (is_utf8) {
      priv->buffers[1] = col.offsets.data();
      // A zero-length data buffer may still not be NULL for some consumers.
      static const uint8_t kEmpty = 0;
      priv->buffers[2] = col.chars.empty() ? &kEmpty : col.chars.data();
    } else {
      priv->buffers[1] = col.values.data();
    }
    ArrowArray& c = root->children[i];
    c = ArrowArray{};
    c.length = batch->length;
    c.null_count = col.null_count;
    c.n_buffers = is_utf8 ? 3 : 2;
    c.buffers = priv->buffers.data();
    c.release = &detail::release_child;
    c.private_data = priv;
    root->child_ptrs.push_back(&c);
  }
  *out = ArrowArray{};
  out->length = batch->length;
  out->n_buffers = 1;
  out->buffers = root->buffers.data();
  out->n_children = static_cast<int64_t>(root->child_ptrs.size());
  out->children = root->child_ptrs.data();
  out->release = &detail::release_root;
  out->private_data = root;
}

}  // namespace spillway::bench

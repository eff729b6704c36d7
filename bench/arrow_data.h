#pragma once

// What the benchmark tables (wide_table.h, nested_table.h) share: a
// deterministic RNG, Arrow arrays held as plain byte buffers (a tree, so
// nested types fit), row-by-row builders for them, and their export through
// the Arrow C Data Interface as often as needed (the writer takes ownership of
// each exported batch; the buffers stay shared).

#include <array>
#include <cstdint>
#include <cstring>
#include <deque>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "spillway/c_abi.h"

namespace spillway::bench {

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
  bool percent(uint64_t p) { return below(100) < p; }

 private:
  uint64_t state_;
};

// One Arrow array laid out as the C Data Interface expects: `buffers` in
// layout order, buffers[0] the validity bitmap (empty: no bitmap, all valid).
struct ArrayData {
  int64_t length = 0;
  int64_t null_count = 0;
  std::vector<std::vector<uint8_t>> buffers;
  std::vector<ArrayData> children;

  // Bytes of Arrow memory a consumer reads: every buffer, children included.
  int64_t arrow_bytes() const {
    int64_t total = 0;
    for (const auto& b : buffers) total += static_cast<int64_t>(b.size());
    for (const auto& c : children) total += c.arrow_bytes();
    return total;
  }
};

// One record batch: the columns of a struct array without nulls.
struct BatchData {
  int64_t length = 0;
  std::vector<ArrayData> columns;
  int64_t arrow_bytes() const {
    int64_t total = 0;
    for (const auto& c : columns) total += c.arrow_bytes();
    return total;
  }
};

// Stores value i of a fixed-width buffer (memcpy: the buffer is bytes).
template <typename T>
void put_value(std::vector<uint8_t>& out, int64_t i, T v) {
  std::memcpy(out.data() + i * static_cast<int64_t>(sizeof(T)), &v, sizeof(T));
}

template <typename T>
void append_value(std::vector<uint8_t>& out, T v) {
  const size_t at = out.size();
  out.resize(at + sizeof(T));
  std::memcpy(out.data() + at, &v, sizeof(T));
}

inline void set_bit(std::vector<uint8_t>& bits, int64_t i, bool v) {
  if (v) bits[i / 8] |= static_cast<uint8_t>(1u << (i % 8));
}

// --- Row-by-row builders --------------------------------------------------
// Every layout has one validity slot per row, so the base class keeps the
// bitmap and the length; subclasses append their own buffers. A null row still
// takes a slot: a zero value, or an empty range of offsets.

class ArrayBuilder {
 public:
  explicit ArrayBuilder(size_t n_buffers) : buffers_(n_buffers) {}

  int64_t length() const { return length_; }

  // The array, with its bitmap dropped when nothing is null.
  ArrayData finish(std::vector<ArrayData> children = {}) {
    ArrayData a;
    a.length = length_;
    a.null_count = null_count_;
    a.buffers = std::move(buffers_);
    if (null_count_ == 0) a.buffers[0].clear();
    a.children = std::move(children);
    return a;
  }

 protected:
  void slot(bool valid) {
    if (length_ % 8 == 0) buffers_[0].push_back(0);
    if (valid) {
      buffers_[0].back() |= static_cast<uint8_t>(1u << (length_ % 8));
    } else {
      ++null_count_;
    }
    ++length_;
  }
  std::vector<std::vector<uint8_t>> buffers_;

 private:
  int64_t length_ = 0;
  int64_t null_count_ = 0;
};

// int32, int64, float64, timestamp, ...: validity + values.
template <typename T>
class FixedBuilder : public ArrayBuilder {
 public:
  FixedBuilder() : ArrayBuilder(2) {}
  void append(T v) {
    slot(true);
    append_value(buffers_[1], v);
  }
  void append_null() {
    slot(false);
    append_value(buffers_[1], T{});
  }
};

// utf8: validity + int32 offsets + characters.
class StringBuilder : public ArrayBuilder {
 public:
  StringBuilder() : ArrayBuilder(3) { append_value<int32_t>(buffers_[1], 0); }
  void append(std::string_view s) {
    slot(true);
    buffers_[2].insert(buffers_[2].end(), s.begin(), s.end());
    append_value(buffers_[1], static_cast<int32_t>(buffers_[2].size()));
  }
  void append_null() {
    slot(false);
    append_value(buffers_[1], static_cast<int32_t>(buffers_[2].size()));
  }
};

// list and map: validity + int32 offsets into a child the caller builds
// alongside; each row ends at the child's length after its values.
class ListBuilder : public ArrayBuilder {
 public:
  ListBuilder() : ArrayBuilder(2) { append_value<int32_t>(buffers_[1], 0); }
  void append(int64_t child_length) {
    slot(true);
    append_value(buffers_[1], static_cast<int32_t>(child_length));
  }
  void append_null(int64_t child_length) {
    slot(false);
    append_value(buffers_[1], static_cast<int32_t>(child_length));
  }
};

// struct: validity only; the caller appends one slot to every child per row.
class StructBuilder : public ArrayBuilder {
 public:
  StructBuilder() : ArrayBuilder(1) {}
  void append(bool valid) { slot(valid); }
};

// --- C Data Interface export ----------------------------------------------

// A column's type for the exported schema: a C Data Interface format string
// ("l", "tsu:UTC", "+l", "+m", ...) and the children nested types need.
struct Field {
  std::string name;
  std::string format;
  bool nullable = true;
  std::vector<Field> children;
};

// The table's schema, owned here; consumers borrow it (ArrowWriter::open
// does). Neither copied nor moved: the exported structs point into it.
class ExportedSchema {
 public:
  explicit ExportedSchema(std::vector<Field> columns) : columns_(std::move(columns)) {
    root_.format = "+s";
    root_.name = "";
    link(root_, columns_);
  }
  ExportedSchema(const ExportedSchema&) = delete;
  ExportedSchema& operator=(const ExportedSchema&) = delete;

  const ArrowSchema* get() const { return &root_; }
  size_t column_count() const { return columns_.size(); }

 private:
  // Storage lives in this object; release only marks the structs released.
  static void release(ArrowSchema* s) {
    for (int64_t i = 0; i < s->n_children; ++i) {
      if (s->children[i]->release) s->children[i]->release(s->children[i]);
    }
    s->release = nullptr;
  }

  void link(ArrowSchema& node, const std::vector<Field>& fields) {
    auto& ptrs = child_lists_.emplace_back();
    for (const Field& f : fields) {
      ArrowSchema& c = nodes_.emplace_back();
      c.format = f.format.c_str();
      c.name = f.name.c_str();
      c.flags = f.nullable ? ARROW_FLAG_NULLABLE : 0;
      link(c, f.children);
      ptrs.push_back(&c);
    }
    node.n_children = static_cast<int64_t>(ptrs.size());
    node.children = ptrs.empty() ? nullptr : ptrs.data();
    node.release = &release;
  }

  const std::vector<Field> columns_;
  std::deque<ArrowSchema> nodes_;  // deques: push_back keeps addresses
  std::deque<std::vector<ArrowSchema*>> child_lists_;
  ArrowSchema root_{};
};

namespace detail {

// Each exported struct keeps the batch alive on its own, so a consumer may
// move a child out and release the parent first, as the spec allows.
struct ArrayPrivate {
  std::shared_ptr<const BatchData> batch;
  std::vector<const void*> buffers;
  std::vector<ArrowArray> children;
  std::vector<ArrowArray*> child_ptrs;
};

inline void release_array(ArrowArray* a) {
  for (int64_t i = 0; i < a->n_children; ++i) {
    if (a->children[i]->release) a->children[i]->release(a->children[i]);
  }
  delete static_cast<ArrayPrivate*>(a->private_data);
  a->release = nullptr;
}

inline void export_array(const std::shared_ptr<const BatchData>& batch, int64_t length,
                         int64_t null_count, const std::vector<std::vector<uint8_t>>& buffers,
                         const std::vector<ArrayData>& children, ArrowArray* out) {
  // A zero-length data buffer may still not be NULL for some consumers.
  static const uint8_t kEmpty = 0;
  auto* priv = new ArrayPrivate{batch, {}, {}, {}};
  for (size_t i = 0; i < buffers.size(); ++i) {
    const bool absent = buffers[i].empty();
    priv->buffers.push_back(!absent ? buffers[i].data() : (i == 0 ? nullptr : &kEmpty));
  }
  priv->children.resize(children.size());
  for (size_t i = 0; i < children.size(); ++i) {
    const ArrayData& c = children[i];
    export_array(batch, c.length, c.null_count, c.buffers, c.children, &priv->children[i]);
    priv->child_ptrs.push_back(&priv->children[i]);
  }
  *out = ArrowArray{};
  out->length = length;
  out->null_count = null_count;
  out->n_buffers = static_cast<int64_t>(priv->buffers.size());
  out->buffers = priv->buffers.data();
  out->n_children = static_cast<int64_t>(priv->child_ptrs.size());
  out->children = priv->child_ptrs.empty() ? nullptr : priv->child_ptrs.data();
  out->release = &release_array;
  out->private_data = priv;
}

}  // namespace detail

// Exports `batch` as a struct array into `out`; the consumer releases it.
inline void export_batch(const std::shared_ptr<const BatchData>& batch, ArrowArray* out) {
  static const std::vector<std::vector<uint8_t>> kRootBuffers(1);  // no validity
  detail::export_array(batch, batch->length, 0, kRootBuffers, batch->columns, out);
}

}  // namespace spillway::bench

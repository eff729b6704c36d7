#include "levels/level_builder.h"

#include <utility>

#include "spillway/error.h"

namespace spillway {

namespace {

inline bool bit_is_set(const uint8_t* bits, int64_t i) {
  return (bits[i >> 3] >> (i & 7)) & 1;
}

// The validity bitmap of a node that has one and may hold nulls, else null.
const uint8_t* validity_of(const ArrowArray* a) {
  if (a->null_count == 0 || a->n_buffers == 0) return nullptr;
  return static_cast<const uint8_t*>(a->buffers[0]);
}

template <typename Offset>
struct OffsetsRange {  // list, large_list, map
  const Offset* offsets;
  std::pair<int64_t, int64_t> operator()(int64_t j) const { return {offsets[j], offsets[j + 1]}; }
};

template <typename Offset>
struct ViewRange {  // list_view, large_list_view
  const Offset* offsets;
  const Offset* sizes;
  std::pair<int64_t, int64_t> operator()(int64_t j) const {
    return {offsets[j], static_cast<int64_t>(offsets[j]) + sizes[j]};
  }
};

struct FixedRange {  // fixed_size_list
  int64_t size;
  std::pair<int64_t, int64_t> operator()(int64_t j) const { return {j * size, (j + 1) * size}; }
};

template <typename T>
const T* buffer(const ArrowArray* a, int i) {
  return static_cast<const T*>(a->buffers[i]);
}

}  // namespace

LevelBuilder::LevelBuilder(std::vector<PathStep> path, std::string column, int16_t max_def,
                           int16_t max_rep)
    : path_(std::move(path)),
      column_(std::move(column)),
      max_def_(max_def),
      max_rep_(max_rep),
      arrays_(path_.size(), nullptr) {
  if (path_.empty()) throw Error("internal error: empty path for column '" + column_ + "'");
}

void LevelBuilder::build(const ArrowArray* column_array, int64_t begin, int64_t length,
                         int64_t first_row, LevelBatch& out) {
  arrays_[0] = column_array;
  for (size_t k = 1; k < path_.size(); ++k) {
    arrays_[k] = arrays_[k - 1]->children[path_[k - 1].child];
  }
  out_ = &out;
  if (length > 0) visit(0, begin, begin + length, 0, 0, first_row);
  out_ = nullptr;
}

void LevelBuilder::null_in_required(size_t k, int64_t row) const {
  const ArrowField& f = *path_[k].field;
  const bool in_map = k > 0 && path_[k - 1].field->id == ArrowTypeId::MAP;
  const bool map_key =
      k > 1 && path_[k - 2].field->id == ArrowTypeId::MAP && path_[k - 1].child == 0;
  std::string why = in_map    ? "map entries are never null"
                    : map_key ? "map keys are never null"
                              : "field '" + f.name + "' is not nullable";
  throw Error("column '" + column_ + "' row " + std::to_string(row) + ": null " + describe(f) +
              " value where the schema allows none (" + why + ")");
}

void LevelBuilder::emit_nulls(int16_t def, int64_t count, int16_t rep_first, int16_t rep_rest) {
  if (count <= 0) return;
  LevelBatch& o = *out_;
  if (max_def_ > 0) o.def.insert(o.def.end(), static_cast<size_t>(count), def);
  if (max_rep_ > 0) {
    o.rep.push_back(rep_first);
    o.rep.insert(o.rep.end(), static_cast<size_t>(count - 1), rep_rest);
  }
  o.num_levels += static_cast<size_t>(count);
}

void LevelBuilder::visit(size_t k, int64_t b, int64_t e, int16_t rep_first, int16_t rep_rest,
                         int64_t row) {
  if (k + 1 == path_.size()) return visit_leaf(k, b, e, rep_first, rep_rest, row);
  const ArrowArray* a = arrays_[k];
  switch (path_[k].field->id) {
    case ArrowTypeId::STRUCT:
      return visit_struct(k, b, e, rep_first, rep_rest, row);
    case ArrowTypeId::LIST:
    case ArrowTypeId::MAP:
      return visit_list(k, b, e, rep_first, rep_rest, row,
                        OffsetsRange<int32_t>{buffer<int32_t>(a, 1)});
    case ArrowTypeId::LARGE_LIST:
      return visit_list(k, b, e, rep_first, rep_rest, row,
                        OffsetsRange<int64_t>{buffer<int64_t>(a, 1)});
    case ArrowTypeId::LIST_VIEW:
      return visit_list(k, b, e, rep_first, rep_rest, row,
                        ViewRange<int32_t>{buffer<int32_t>(a, 1), buffer<int32_t>(a, 2)});
    case ArrowTypeId::LARGE_LIST_VIEW:
      return visit_list(k, b, e, rep_first, rep_rest, row,
                        ViewRange<int64_t>{buffer<int64_t>(a, 1), buffer<int64_t>(a, 2)});
    case ArrowTypeId::FIXED_SIZE_LIST:
      return visit_list(k, b, e, rep_first, rep_rest, row, FixedRange{path_[k].field->byte_width});
    default:
      throw Error("internal error: column '" + column_ + "' has " + describe(*path_[k].field) +
                  " inside its path");
  }
}

void LevelBuilder::visit_struct(size_t k, int64_t b, int64_t e, int16_t rep_first, int16_t rep_rest,
                                int64_t row) {
  const ArrowArray* a = arrays_[k];
  const int64_t off = a->offset;
  const uint8_t* validity = validity_of(a);
  if (!validity) return visit(k + 1, off + b, off + e, rep_first, rep_rest, row);
  const PathStep& step = path_[k];
  auto row_of = [&](int64_t i) { return rep_rest == 0 ? row + (i - b) : row; };
  int64_t i = b;
  while (i < e) {
    const int16_t r = i == b ? rep_first : rep_rest;
    int64_t j = i;
    if (bit_is_set(validity, off + i)) {
      while (j < e && bit_is_set(validity, off + j)) ++j;
      visit(k + 1, off + i, off + j, r, rep_rest, row_of(i));
    } else {
      if (!step.optional) null_in_required(k, row_of(i));
      while (j < e && !bit_is_set(validity, off + j)) ++j;
      emit_nulls(step.def_level, j - i, r, rep_rest);
    }
    i = j;
  }
}

template <typename Range>
void LevelBuilder::visit_list(size_t k, int64_t b, int64_t e, int16_t rep_first, int16_t rep_rest,
                              int64_t row, Range range) {
  const ArrowArray* a = arrays_[k];
  const PathStep& step = path_[k];
  const int64_t off = a->offset;
  const uint8_t* validity = validity_of(a);
  const int16_t empty_def = step.def_level + (step.optional ? 1 : 0);
  for (int64_t i = b; i < e; ++i) {
    const int16_t r = i == b ? rep_first : rep_rest;
    const int64_t row_i = rep_rest == 0 ? row + (i - b) : row;
    if (validity && !bit_is_set(validity, off + i)) {
      if (!step.optional) null_in_required(k, row_i);
      emit_nulls(step.def_level, 1, r, r);
      continue;
    }
    auto [start, end] = range(off + i);
    if (start == end) {
      emit_nulls(empty_def, 1, r, r);
    } else {
      visit(k + 1, start, end, r, step.rep_level, row_i);
    }
  }
}

void LevelBuilder::visit_leaf(size_t k, int64_t b, int64_t e, int16_t rep_first, int16_t rep_rest,
                              int64_t row) {
  const ArrowArray* a = arrays_[k];
  const PathStep& step = path_[k];
  const int64_t n = e - b;
  if (n <= 0) return;
  const ArrowField& f = *step.field;
  // A dictionary of nulls holds only nulls, whatever its indices say.
  const bool all_null =
      f.value_field().id == ArrowTypeId::NA ||
      (f.id == ArrowTypeId::RUN_END_ENCODED && f.children[1].id == ArrowTypeId::NA);
  if (all_null) {
    emit_nulls(step.def_level, n, rep_first, rep_rest);
    return;
  }
  LevelBatch& o = *out_;
  const int64_t off = a->offset;
  // Run-end encoded leaves have no bitmap; their nulls are in the values,
  // which the leaf writer checks (as it does a dictionary's null values).
  const uint8_t* validity = f.id == ArrowTypeId::RUN_END_ENCODED ? nullptr : validity_of(a);
  const size_t base = o.num_levels;
  if (max_rep_ > 0) {
    o.rep.resize(base + static_cast<size_t>(n), rep_rest);
    o.rep[base] = rep_first;
  }
  if (!validity) {
    if (max_def_ > 0) o.def.resize(base + static_cast<size_t>(n), max_def_);
    const size_t v = o.values.size();
    o.values.resize(v + static_cast<size_t>(n));
    for (int64_t i = 0; i < n; ++i) o.values[v + static_cast<size_t>(i)] = off + b + i;
  } else {
    int16_t* def = nullptr;
    if (max_def_ > 0) {
      o.def.resize(base + static_cast<size_t>(n));
      def = o.def.data() + base;
    }
    for (int64_t i = 0; i < n; ++i) {
      const bool valid = bit_is_set(validity, off + b + i);
      if (valid) {
        o.values.push_back(off + b + i);
      } else if (!step.optional) {
        null_in_required(k, rep_rest == 0 ? row + i : row);
      }
      if (def) def[i] = valid ? max_def_ : step.def_level;
    }
  }
  o.num_levels = base + static_cast<size_t>(n);
}

}  // namespace spillway

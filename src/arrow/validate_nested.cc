// validate_array for nested layouts and decimal precision (see validate.h).

#include <algorithm>
#include <cstring>

#include "arrow/validate.h"
#include "arrow/validate_internal.h"

namespace spillway::validate_internal {

namespace {

bool valid_at(const uint8_t* validity, const ArrowArray* a, int64_t i) {
  return validity == nullptr || get_bit(validity, a->offset + i);
}

const ArrowArray* child(const ArrowArray* a, size_t i, const std::string& path) {
  const ArrowArray* c = a->children[i];
  if (c == nullptr) fail(path, "child array " + std::to_string(i) + " is NULL");
  return c;
}

void need(const ArrowArray* a, int64_t i, const char* what, const std::string& path) {
  if (a->length > 0 && a->buffers[i] == nullptr) {
    fail(path, "the " + std::string(what) + " buffer (buffer " + std::to_string(i) +
                   ") is NULL but the array has " + std::to_string(a->length) + " value(s)");
  }
}

// A struct's (or sparse union's) children must cover offset + length rows.
// Each is validated over exactly the rows the parent references, so a sliced
// record batch is checked only where it is read and rows are the batch's.
void check_parallel_children(const ArrowField& f, const ArrowArray* a, const std::string& path) {
  for (size_t i = 0; i < f.children.size(); ++i) {
    const ArrowArray* c = child(a, i, path);
    std::string cpath = child_path(path, f.children[i], i);
    if (a->offset == 0 && c->length == a->length) {
      validate_array(f.children[i], c, cpath);
      continue;
    }
    check_header(f.children[i], c, cpath);
    if (c->length < a->offset + a->length) {
      fail(cpath, "child length " + std::to_string(c->length) + " is shorter than the parent's " +
                      "offset + length = " + std::to_string(a->offset + a->length));
    }
    ArrowArray view = *c;
    view.offset = c->offset + a->offset;
    view.length = a->length;
    view.null_count = c->null_count == 0 ? 0 : -1;
    validate_array(f.children[i], &view, cpath);
  }
}

void check_whole_child(const ArrowField& f, const ArrowArray* a, const std::string& path) {
  validate_array(f.children[0], child(a, 0, path), child_path(path, f.children[0], 0));
}

template <typename Offset>
void check_list(const ArrowField& f, const ArrowArray* a, const std::string& path) {
  const ArrowArray* c = child(a, 0, path);
  check_whole_child(f, a, path);
  if (a->length == 0) return;
  need(a, 1, "offsets", path);
  const auto* offsets = static_cast<const Offset*>(a->buffers[1]) + a->offset;
  check_offsets(offsets, a->length, c->length, path, "offset");
}

template <typename Offset>
void check_list_view(const ArrowField& f, const ArrowArray* a, const std::string& path,
                     const uint8_t* validity) {
  const ArrowArray* c = child(a, 0, path);
  check_whole_child(f, a, path);
  if (a->length == 0) return;
  need(a, 1, "offsets", path);
  need(a, 2, "sizes", path);
  const auto* offsets = static_cast<const Offset*>(a->buffers[1]) + a->offset;
  const auto* sizes = static_cast<const Offset*>(a->buffers[2]) + a->offset;
  for (int64_t i = 0; i < a->length; ++i) {
    if (!valid_at(validity, a, i)) continue;
    if (offsets[i] < 0 || sizes[i] < 0 || offsets[i] + sizes[i] > c->length) {
      fail(path, row(i) + "list view [offset " + std::to_string(offsets[i]) + ", size " +
                     std::to_string(sizes[i]) + "] is outside the child array's length " +
                     std::to_string(c->length));
    }
  }
}

void check_union(const ArrowField& f, const ArrowArray* a, const std::string& path) {
  need(a, 0, "type ids", path);
  const bool dense = f.id == ArrowTypeId::DENSE_UNION;
  if (!dense) check_parallel_children(f, a, path);
  if (dense) {
    for (size_t i = 0; i < f.children.size(); ++i) {
      validate_array(f.children[i], child(a, i, path), child_path(path, f.children[i], i));
    }
    need(a, 1, "offsets", path);
  }
  if (a->length == 0) return;
  const auto* types = static_cast<const int8_t*>(a->buffers[0]) + a->offset;
  const auto* offsets = dense ? static_cast<const int32_t*>(a->buffers[1]) + a->offset : nullptr;
  const auto& ids = f.union_type_ids;
  for (int64_t i = 0; i < a->length; ++i) {
    auto it = std::find(ids.begin(), ids.end(), types[i]);
    if (it == ids.end()) {
      fail(path,
           row(i) + "union type id " + std::to_string(types[i]) + " is not one of the type's ids");
    }
    if (!dense) continue;
    int64_t n = a->children[it - ids.begin()]->length;
    if (offsets[i] < 0 || offsets[i] >= n) {
      fail(path, row(i) + "dense union offset " + std::to_string(offsets[i]) +
                     " is outside child " + std::to_string(it - ids.begin()) + " of length " +
                     std::to_string(n));
    }
  }
}

template <typename RunEnd>
void check_run_ends(const ArrowArray* a, const std::string& path) {
  const ArrowArray* r = a->children[0];
  if (r->length == 0) {
    if (a->length > 0) fail(path, "no runs for " + std::to_string(a->length) + " value(s)");
    return;
  }
  if (r->null_count != 0 && r->buffers[0] != nullptr &&
      count_set_bits(static_cast<const uint8_t*>(r->buffers[0]), r->offset, r->length) !=
          r->length) {
    fail(path, "run ends must not be null");
  }
  const auto* ends = static_cast<const RunEnd*>(r->buffers[1]) + r->offset;
  for (int64_t i = 0; i < r->length; ++i) {
    if (ends[i] <= (i == 0 ? 0 : ends[i - 1])) {
      fail(path, "run end " + std::to_string(i) + " (" + std::to_string(ends[i]) +
                     ") is not positive and greater than the previous one");
    }
  }
  if (ends[r->length - 1] < a->offset + a->length) {
    fail(path, "the last run ends at " + std::to_string(ends[r->length - 1]) +
                   ", before offset + length = " + std::to_string(a->offset + a->length));
  }
  if (a->children[1]->length < r->length) {
    fail(path, "fewer values (" + std::to_string(a->children[1]->length) + ") than runs (" +
                   std::to_string(r->length) + ")");
  }
}

void check_run_end_encoded(const ArrowField& f, const ArrowArray* a, const std::string& path) {
  for (size_t i = 0; i < 2; ++i) {
    validate_array(f.children[i], child(a, i, path), child_path(path, f.children[i], i));
  }
  switch (f.children[0].id) {
    case ArrowTypeId::INT16:
      return check_run_ends<int16_t>(a, path);
    case ArrowTypeId::INT32:
      return check_run_ends<int32_t>(a, path);
    default:
      return check_run_ends<int64_t>(a, path);
  }
}

// |value| < 10^precision, on 256-bit little-endian two's complement limbs.
struct U256 {
  uint64_t limb[4] = {0, 0, 0, 0};
  bool less_than(const U256& o) const {
    for (int i = 3; i >= 0; --i) {
      if (limb[i] != o.limb[i]) return limb[i] < o.limb[i];
    }
    return false;
  }
};

U256 pow10(int32_t n) {
  U256 v;
  v.limb[0] = 1;
  for (int32_t k = 0; k < n; ++k) {
    unsigned __int128 carry = 0;
    for (uint64_t& l : v.limb) {
      unsigned __int128 x = static_cast<unsigned __int128>(l) * 10 + carry;
      l = static_cast<uint64_t>(x);
      carry = x >> 64;
    }
  }
  return v;
}

// The magnitude of a `bytes`-wide little-endian two's complement value.
U256 magnitude(const uint8_t* p, size_t bytes) {
  uint8_t raw[32];
  bool negative = (p[bytes - 1] & 0x80) != 0;
  std::memcpy(raw, p, bytes);
  std::memset(raw + bytes, negative ? 0xFF : 0x00, 32 - bytes);
  U256 v;
  std::memcpy(v.limb, raw, 32);
  if (negative) {
    unsigned __int128 carry = 1;
    for (uint64_t& l : v.limb) {
      unsigned __int128 x = static_cast<unsigned __int128>(~l) + carry;
      l = static_cast<uint64_t>(x);
      carry = x >> 64;
    }
  }
  return v;
}

}  // namespace

void check_nested(const ArrowField& f, const ArrowArray* a, const std::string& path,
                  const uint8_t* validity) {
  switch (f.id) {
    case ArrowTypeId::STRUCT:
      return check_parallel_children(f, a, path);
    case ArrowTypeId::LIST:
    case ArrowTypeId::MAP:
      return check_list<int32_t>(f, a, path);
    case ArrowTypeId::LARGE_LIST:
      return check_list<int64_t>(f, a, path);
    case ArrowTypeId::LIST_VIEW:
      return check_list_view<int32_t>(f, a, path, validity);
    case ArrowTypeId::LARGE_LIST_VIEW:
      return check_list_view<int64_t>(f, a, path, validity);
    case ArrowTypeId::FIXED_SIZE_LIST: {
      const ArrowArray* c = child(a, 0, path);
      int64_t needed = (a->offset + a->length) * f.byte_width;
      if (c->length < needed) {
        fail(path, "child length " + std::to_string(c->length) + " is shorter than (offset + " +
                       "length) * list size = " + std::to_string(needed));
      }
      return check_whole_child(f, a, path);
    }
    case ArrowTypeId::SPARSE_UNION:
    case ArrowTypeId::DENSE_UNION:
      return check_union(f, a, path);
    case ArrowTypeId::RUN_END_ENCODED:
      return check_run_end_encoded(f, a, path);
    default:
      return;
  }
}

void check_decimal_precision(const ArrowField& f, const ArrowArray* a, const std::string& path,
                             const uint8_t* validity) {
  if (a->length == 0) return;
  const size_t width = static_cast<size_t>(f.decimal_bit_width / 8);
  const auto* data = static_cast<const uint8_t*>(a->buffers[1]) + width * a->offset;
  const U256 limit = pow10(f.precision);
  for (int64_t i = 0; i < a->length; ++i) {
    if (!valid_at(validity, a, i)) continue;
    if (!magnitude(data + width * i, width).less_than(limit)) {
      fail(path, row(i) + "decimal value has more than " + std::to_string(f.precision) +
                     " digits (the column's precision)");
    }
  }
}

}  // namespace spillway::validate_internal

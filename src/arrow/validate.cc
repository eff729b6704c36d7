#include "arrow/validate.h"

#include <bit>
#include <cstring>
#include <type_traits>

#include "arrow/utf8.h"
#include "arrow/validate_internal.h"
#include "spillway/error.h"

namespace spillway {

namespace validate_internal {

void fail(const std::string& path, const std::string& what) {
  if (path.empty()) throw Error("invalid Arrow record batch: " + what);
  throw Error("invalid Arrow array for column '" + path + "': " + what);
}

std::string row(int64_t i) {
  return "row " + std::to_string(i) + ": ";
}

std::string child_path(const std::string& parent, const ArrowField& child, size_t i) {
  std::string part = child.name.empty() ? "[" + std::to_string(i) + "]" : child.name;
  return parent.empty() ? part : parent + "." + part;
}

}  // namespace validate_internal

using namespace validate_internal;

namespace {

bool has_validity_bitmap(ArrowTypeId id) {
  return id != ArrowTypeId::NA && id != ArrowTypeId::SPARSE_UNION &&
         id != ArrowTypeId::DENSE_UNION && id != ArrowTypeId::RUN_END_ENCODED;
}

bool is_view(ArrowTypeId id) {
  return id == ArrowTypeId::STRING_VIEW || id == ArrowTypeId::BINARY_VIEW;
}

// Buffers the layout needs (Columnar.rst; views are checked separately).
int64_t expected_buffers(const ArrowField& f) {
  switch (f.id) {
    case ArrowTypeId::NA:
    case ArrowTypeId::RUN_END_ENCODED:
      return 0;
    case ArrowTypeId::STRUCT:
    case ArrowTypeId::FIXED_SIZE_LIST:
    case ArrowTypeId::SPARSE_UNION:
      return 1;
    case ArrowTypeId::STRING:
    case ArrowTypeId::LARGE_STRING:
    case ArrowTypeId::BINARY:
    case ArrowTypeId::LARGE_BINARY:
    case ArrowTypeId::LIST_VIEW:
    case ArrowTypeId::LARGE_LIST_VIEW:
      return 3;
    default:
      return 2;  // fixed width, bool, list, large list, map, dense union
  }
}

void check_structure(const ArrowField& f, const ArrowArray* a, const std::string& path) {
  if (a == nullptr) fail(path, "the ArrowArray pointer is NULL");
  if (a->release == nullptr) fail(path, "the array is released (release == NULL)");
  if (a->length < 0) fail(path, "negative length " + std::to_string(a->length));
  if (a->offset < 0) fail(path, "negative offset " + std::to_string(a->offset));
  if (a->offset > INT64_MAX - a->length) fail(path, "offset + length overflows");
  if (a->null_count < -1 || a->null_count > a->length) {
    fail(path, "null_count " + std::to_string(a->null_count) + " is outside [-1, length " +
                   std::to_string(a->length) + "]");
  }
  const std::string type = describe(f);
  if (is_view(f.id)) {
    if (a->n_buffers < 3) {
      fail(path, type + " needs at least 3 buffers (validity, views, variadic sizes), got " +
                     std::to_string(a->n_buffers));
    }
  } else if (a->n_buffers != expected_buffers(f)) {
    fail(path, type + " needs " + std::to_string(expected_buffers(f)) + " buffer(s), got " +
                   std::to_string(a->n_buffers));
  }
  if (a->n_buffers > 0 && a->buffers == nullptr) fail(path, "the buffers array is NULL");
  if (a->n_children != static_cast<int64_t>(f.children.size())) {
    fail(path, type + " needs " + std::to_string(f.children.size()) + " child array(s), got " +
                   std::to_string(a->n_children));
  }
  if (a->n_children > 0 && a->children == nullptr) fail(path, "the children array is NULL");
  if (f.is_dictionary() && a->dictionary == nullptr) {
    fail(path, "dictionary-encoded column has no dictionary array");
  }
  if (!f.is_dictionary() && a->dictionary != nullptr) {
    fail(path, "the array has a dictionary but its type " + type + " is not dictionary-encoded");
  }
}

// Checks the validity bitmap against null_count; returns the bitmap (or
// nullptr when every value is valid) and the true null count.
const uint8_t* check_validity(const ArrowField& f, const ArrowArray* a, const std::string& path,
                              int64_t& nulls) {
  if (!has_validity_bitmap(f.id)) {
    nulls = f.id == ArrowTypeId::NA ? a->length : 0;
    if (f.id == ArrowTypeId::NA && a->null_count != -1 && a->null_count != a->length) {
      fail(path, "a null array of length " + std::to_string(a->length) + " has null_count " +
                     std::to_string(a->null_count));
    }
    return nullptr;
  }
  const auto* bitmap = static_cast<const uint8_t*>(a->buffers[0]);
  if (bitmap == nullptr) {
    if (a->null_count > 0) {
      fail(path, "null_count is " + std::to_string(a->null_count) +
                     " but the validity buffer (buffer 0) is NULL");
    }
    nulls = 0;
    return nullptr;
  }
  nulls = a->length - count_set_bits(bitmap, a->offset, a->length);
  if (a->null_count >= 0 && a->null_count != nulls) {
    fail(path, "null_count is " + std::to_string(a->null_count) + " but the validity bitmap has " +
                   std::to_string(nulls) + " null(s)");
  }
  return nulls == 0 ? nullptr : bitmap;
}

void require_buffer(const ArrowArray* a, int64_t i, const char* what, const std::string& path) {
  if (a->buffers[i] == nullptr) {
    fail(path, "the " + std::string(what) + " buffer (buffer " + std::to_string(i) +
                   ") is NULL but the array has " + std::to_string(a->length) + " value(s)");
  }
}

// Whether a referenced value in [0, length) is valid.
bool valid_at(const uint8_t* validity, const ArrowArray* a, int64_t i) {
  return validity == nullptr || get_bit(validity, a->offset + i);
}

template <typename Offset>
void check_binary(const ArrowField& f, const ArrowArray* a, const std::string& path,
                  const uint8_t* validity, int64_t nulls) {
  if (a->length == 0) return;
  require_buffer(a, 1, "offsets", path);
  const auto* offsets = static_cast<const Offset*>(a->buffers[1]) + a->offset;
  check_offsets(offsets, a->length, -1, path, "offset");
  const auto* data = static_cast<const uint8_t*>(a->buffers[2]);
  Offset lo = offsets[0], hi = offsets[a->length];
  if (hi > lo && data == nullptr) {
    fail(path, "the data buffer (buffer 2) is NULL but the offsets reference " +
                   std::to_string(hi - lo) + " byte(s)");
  }
  if (data == nullptr) {
    // A NULL buffer holds no bytes, so any offset but 0 points past its end
    // (and data + offset would be arithmetic on a null pointer).
    if (hi > 0) {
      fail(path, "the data buffer (buffer 2) is NULL but the offsets point to byte " +
                     std::to_string(hi) + " of it");
    }
    return;  // every value is empty
  }
  if (f.id != ArrowTypeId::STRING && f.id != ArrowTypeId::LARGE_STRING) return;
  if (nulls == 0 && is_valid_utf8(data + lo, static_cast<size_t>(hi - lo))) {
    // The whole range is valid; each value is too if none starts mid-character.
    bool aligned = true;
    for (int64_t i = 0; i < a->length && aligned; ++i) {
      aligned = offsets[i] == hi || !is_utf8_continuation(data[offsets[i]]);
    }
    if (aligned) return;
  }
  for (int64_t i = 0; i < a->length; ++i) {
    if (!valid_at(validity, a, i)) continue;
    size_t len = static_cast<size_t>(offsets[i + 1] - offsets[i]);
    size_t bad = find_invalid_utf8(data + offsets[i], len);
    if (bad != len) {
      fail(path, row(i) + "invalid UTF-8 at byte " + std::to_string(bad) + " of a " +
                     std::to_string(len) + "-byte string");
    }
  }
}

void check_views(const ArrowField& f, const ArrowArray* a, const std::string& path,
                 const uint8_t* validity) {
  const int64_t variadic = a->n_buffers - 3;
  const auto* sizes = static_cast<const int64_t*>(a->buffers[a->n_buffers - 1]);
  if (variadic > 0 && sizes == nullptr) {
    fail(path, "the variadic buffer sizes buffer (buffer " + std::to_string(a->n_buffers - 1) +
                   ") is NULL but there are " + std::to_string(variadic) + " variadic buffer(s)");
  }
  for (int64_t k = 0; k < variadic; ++k) {
    if (sizes[k] < 0) {
      fail(path, "variadic buffer " + std::to_string(k) + " has negative size " +
                     std::to_string(sizes[k]));
    }
    if (sizes[k] > 0 && a->buffers[2 + k] == nullptr) {
      fail(path, "variadic buffer " + std::to_string(k) + " (buffer " + std::to_string(2 + k) +
                     ") is NULL but its size is " + std::to_string(sizes[k]));
    }
  }
  if (a->length == 0) return;
  require_buffer(a, 1, "views", path);
  const bool utf8 = f.id == ArrowTypeId::STRING_VIEW;
  const auto* views = static_cast<const uint8_t*>(a->buffers[1]) + 16 * a->offset;
  for (int64_t i = 0; i < a->length; ++i) {
    if (!valid_at(validity, a, i)) continue;
    const uint8_t* view = views + 16 * i;
    int32_t len, index, offset;
    std::memcpy(&len, view, 4);
    const uint8_t* data = view + 4;
    if (len < 0) fail(path, row(i) + "negative view length " + std::to_string(len));
    if (len > 12) {
      std::memcpy(&index, view + 8, 4);
      std::memcpy(&offset, view + 12, 4);
      if (index < 0 || index >= variadic) {
        fail(path, row(i) + "view buffer index " + std::to_string(index) + " is outside the " +
                       std::to_string(variadic) + " variadic buffer(s)");
      }
      if (offset < 0 || offset + static_cast<int64_t>(len) > sizes[index]) {
        fail(path, row(i) + "view [offset " + std::to_string(offset) + ", length " +
                       std::to_string(len) + "] is outside variadic buffer " +
                       std::to_string(index) + " of " + std::to_string(sizes[index]) + " bytes");
      }
      data = static_cast<const uint8_t*>(a->buffers[2 + index]) + offset;
      if (std::memcmp(view + 4, data, 4) != 0) {
        fail(path, row(i) + "the view's 4-byte prefix does not match its data");
      }
    }
    if (utf8) {
      size_t bad = find_invalid_utf8(data, static_cast<size_t>(len));
      if (bad != static_cast<size_t>(len)) {
        fail(path, row(i) + "invalid UTF-8 at byte " + std::to_string(bad) + " of a " +
                       std::to_string(len) + "-byte string");
      }
    }
  }
}

template <typename Index>
void check_indices(const ArrowArray* a, const std::string& path, const uint8_t* validity,
                   int64_t dictionary_length) {
  if (a->length == 0) return;
  const auto* indices = static_cast<const Index*>(a->buffers[1]) + a->offset;
  for (int64_t i = 0; i < a->length; ++i) {
    if (!valid_at(validity, a, i)) continue;
    Index v = indices[i];
    bool negative = false;
    if constexpr (std::is_signed_v<Index>) negative = v < 0;
    if (negative || static_cast<uint64_t>(v) >= static_cast<uint64_t>(dictionary_length)) {
      fail(path, row(i) + "dictionary index " + std::to_string(v) +
                     " is out of range for a dictionary of " + std::to_string(dictionary_length) +
                     " value(s)");
    }
  }
}

void check_dictionary(const ArrowField& f, const ArrowArray* a, const std::string& path,
                      const uint8_t* validity) {
  const std::string dict_path = path.empty() ? "(dictionary)" : path + " (dictionary)";
  validate_array(*f.dictionary, a->dictionary, dict_path);
  int64_t n = a->dictionary->length;
  switch (f.id) {
    case ArrowTypeId::INT8:
      return check_indices<int8_t>(a, path, validity, n);
    case ArrowTypeId::UINT8:
      return check_indices<uint8_t>(a, path, validity, n);
    case ArrowTypeId::INT16:
      return check_indices<int16_t>(a, path, validity, n);
    case ArrowTypeId::UINT16:
      return check_indices<uint16_t>(a, path, validity, n);
    case ArrowTypeId::INT32:
      return check_indices<int32_t>(a, path, validity, n);
    case ArrowTypeId::UINT32:
      return check_indices<uint32_t>(a, path, validity, n);
    case ArrowTypeId::INT64:
      return check_indices<int64_t>(a, path, validity, n);
    case ArrowTypeId::UINT64:
      return check_indices<uint64_t>(a, path, validity, n);
    default:
      fail(path, "dictionary index type " + describe(f) + " is not an integer");
  }
}

}  // namespace

void validate_internal::check_header(const ArrowField& f, const ArrowArray* a,
                                     const std::string& path) {
  check_structure(f, a, path);
  int64_t nulls = 0;
  check_validity(f, a, path, nulls);
}

void validate_array(const ArrowField& f, const ArrowArray* a, const std::string& path) {
  check_structure(f, a, path);
  int64_t nulls = 0;
  const uint8_t* validity = check_validity(f, a, path, nulls);
  if (f.is_dictionary()) {
    if (a->length > 0) require_buffer(a, 1, "indices", path);
    check_dictionary(f, a, path, validity);
    return;
  }
  switch (f.id) {
    case ArrowTypeId::NA:
      return;
    case ArrowTypeId::STRING:
    case ArrowTypeId::BINARY:
      return check_binary<int32_t>(f, a, path, validity, nulls);
    case ArrowTypeId::LARGE_STRING:
    case ArrowTypeId::LARGE_BINARY:
      return check_binary<int64_t>(f, a, path, validity, nulls);
    case ArrowTypeId::STRING_VIEW:
    case ArrowTypeId::BINARY_VIEW:
      return check_views(f, a, path, validity);
    case ArrowTypeId::DECIMAL32:
    case ArrowTypeId::DECIMAL64:
    case ArrowTypeId::DECIMAL128:
    case ArrowTypeId::DECIMAL256:
      if (a->length > 0) require_buffer(a, 1, "data", path);
      return check_decimal_precision(f, a, path, validity);
    default:
      if (is_nested(f.id)) return check_nested(f, a, path, validity);
      // Fixed width (and bool): the data buffer must exist unless it is empty.
      if (a->length > 0 && (f.id == ArrowTypeId::BOOL || fixed_width_bytes(f) > 0)) {
        require_buffer(a, 1, "data", path);
      }
      return;
  }
}

std::optional<int64_t> count_nulls(const ArrowArray* a) {
  if (a->null_count >= 0) return a->null_count;
  if (a->n_buffers == 0) return std::nullopt;
  const auto* bitmap = static_cast<const uint8_t*>(a->buffers[0]);
  if (bitmap == nullptr) return 0;
  return a->length - count_set_bits(bitmap, a->offset, a->length);
}

int64_t count_set_bits(const uint8_t* bitmap, int64_t offset, int64_t length) {
  int64_t count = 0, i = offset, end = offset + length;
  for (; i < end && (i & 7) != 0; ++i) count += get_bit(bitmap, i);
  for (; i + 64 <= end; i += 64) {
    uint64_t word;
    std::memcpy(&word, bitmap + (i >> 3), 8);
    count += std::popcount(word);
  }
  for (; i < end; ++i) count += get_bit(bitmap, i);
  return count;
}

}  // namespace spillway

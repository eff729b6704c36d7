// Nodes, buffers and the flat layouts (primitive, boolean, binary, view,
// dictionary indices); nested layouts are in array_nested.cc.

#include "input/ipc/array_decoder.h"

#include <cstring>
#include <limits>

#include "arrow/validate.h"
#include "input/ipc/message_reader.h"
#include "spillway/error.h"

namespace spillway::cli::ipc {

namespace {

// a * b, failing on overflow.
bool checked_mul(int64_t a, int64_t b, int64_t* out) {
  return !__builtin_mul_overflow(a, b, out);
}

template <typename T>
T load(const uint8_t* p, int64_t i) {
  T v;
  std::memcpy(&v, p + i * static_cast<int64_t>(sizeof(T)), sizeof(T));
  return v;
}

}  // namespace

void ArrayDecoder::fail(const std::string& path, const std::string& problem) const {
  where_.fail(path.empty() ? problem : "column '" + path + "': " + problem);
}

FieldNode ArrayDecoder::node(const std::string& path) {
  if (next_node_ >= header_.nodes.size()) {
    fail(path, "the batch has " + std::to_string(header_.nodes.size()) +
                   " field nodes, fewer than the schema needs");
  }
  FieldNode n = header_.nodes[next_node_++];
  // A null count of -1 means "not counted" (apache-arrow JS writes it for
  // sliced arrays); validity() counts the bitmap then.
  if (n.length < 0 || n.null_count < -1 || n.null_count > n.length) {
    fail(path, "field node " + std::to_string(next_node_ - 1) + " has length " +
                   std::to_string(n.length) + " and null count " + std::to_string(n.null_count));
  }
  return n;
}

BufferView ArrayDecoder::buffer(ExportedArray& a, const std::string& path, size_t alignment) {
  if (next_buffer_ >= header_.buffers.size()) {
    fail(path, "the batch has " + std::to_string(header_.buffers.size()) +
                   " buffers, fewer than the schema needs");
  }
  size_t index = next_buffer_++;
  BufferView b = body_.get(header_.buffers[index], index, path, alignment);
  if (b.owner != nullptr) {
    bool known = false;
    for (const auto& o : a.owners) known = known || o == b.owner;
    if (!known) a.owners.push_back(b.owner);
  }
  return b;
}

const uint8_t* ArrayDecoder::validity(ExportedArray& a, const std::string& path) {
  BufferView b = buffer(a, path, 1);
  // Without nulls the bitmap says nothing: left out, as Arrow's own readers
  // do (writers may send one or not).
  if (a.null_count == 0) return nullptr;
  if (b.size == 0) {
    if (a.null_count > 0) {
      fail(path, std::to_string(a.null_count) + " nulls but no validity bitmap");
    }
    a.null_count = 0;  // -1 (not counted) without a bitmap
    return nullptr;
  }
  if (b.size < (a.length + 7) / 8) {
    fail(path, "validity bitmap of " + std::to_string(b.size) + " bytes is too short for " +
                   std::to_string(a.length) + " values");
  }
  int64_t nulls = a.length - count_set_bits(b.data, 0, a.length);
  if (a.null_count >= 0 && a.null_count != nulls) {
    fail(path, "null count " + std::to_string(a.null_count) + " disagrees with the " +
                   std::to_string(nulls) + " nulls of the validity bitmap");
  }
  a.null_count = nulls;
  return b.data;
}

const uint8_t* ArrayDecoder::sized(ExportedArray& a, int64_t bytes, const std::string& path,
                                   size_t alignment, const char* what) {
  BufferView b = buffer(a, path, alignment);
  if (b.size < bytes) {
    fail(path, std::string(what) + " buffer of " + std::to_string(b.size) +
                   " bytes is too short for " + std::to_string(a.length) + " values (" +
                   std::to_string(bytes) + " bytes)");
  }
  return b.data;
}

template <typename O>
const O* ArrayDecoder::offsets(const ExportedArray& a, const BufferView& b, const std::string& path,
                               int64_t limit, const char* limit_what) {
  int64_t bytes = 0;
  if (!checked_mul(a.length + 1, sizeof(O), &bytes)) fail(path, "length out of range");
  // An empty array may come without its single offset.
  if (a.length == 0 && b.size == 0) return reinterpret_cast<const O*>(zero_bytes());
  if (b.size < bytes) {
    fail(path, "offsets buffer of " + std::to_string(b.size) + " bytes is too short for " +
                   std::to_string(a.length) + " values (" + std::to_string(bytes) + " bytes)");
  }
  const auto* off = reinterpret_cast<const O*>(b.data);
  if (off[0] < 0) fail(path, "first offset " + std::to_string(off[0]) + " is negative");
  for (int64_t i = 0; i < a.length; ++i) {
    if (off[i + 1] < off[i]) {
      fail(path, "offsets decrease at row " + std::to_string(i) + " (" + std::to_string(off[i]) +
                     " then " + std::to_string(off[i + 1]) + ")");
    }
  }
  if (static_cast<int64_t>(off[a.length]) > limit) {
    fail(path, "last offset " + std::to_string(off[a.length]) + " is past the end of the " +
                   std::to_string(limit) + " " + limit_what);
  }
  return off;
}

template const int32_t* ArrayDecoder::offsets<int32_t>(const ExportedArray&, const BufferView&,
                                                       const std::string&, int64_t, const char*);
template const int64_t* ArrayDecoder::offsets<int64_t>(const ExportedArray&, const BufferView&,
                                                       const std::string&, int64_t, const char*);

std::shared_ptr<ExportedArray> ArrayDecoder::decode(const ArrowField& f, const std::string& path) {
  FieldNode n = node(path);
  auto a = std::make_shared<ExportedArray>();
  a->length = n.length;
  a->null_count = n.null_count;
  if (f.is_dictionary()) {
    decode_dictionary(f, *a, path);
    return a;
  }
  switch (f.id) {
    case ArrowTypeId::NA:
      a->null_count = a->length;  // no buffers: every value is null
      break;
    case ArrowTypeId::BOOL:
      a->buffers.push_back(validity(*a, path));
      a->buffers.push_back(sized(*a, (a->length + 7) / 8, path, 1, "values"));
      break;
    case ArrowTypeId::STRING:
    case ArrowTypeId::BINARY:
    case ArrowTypeId::LARGE_STRING:
    case ArrowTypeId::LARGE_BINARY:
      decode_binary(f, *a, path);
      break;
    case ArrowTypeId::STRING_VIEW:
    case ArrowTypeId::BINARY_VIEW:
      decode_view(*a, path);
      break;
    case ArrowTypeId::STRUCT:
      decode_struct(f, *a, path);
      break;
    case ArrowTypeId::LIST:
    case ArrowTypeId::LARGE_LIST:
    case ArrowTypeId::MAP:
      decode_list(f, *a, path);
      break;
    case ArrowTypeId::LIST_VIEW:
    case ArrowTypeId::LARGE_LIST_VIEW:
      decode_list_view(f, *a, path);
      break;
    case ArrowTypeId::FIXED_SIZE_LIST:
      decode_fixed_size_list(f, *a, path);
      break;
    case ArrowTypeId::SPARSE_UNION:
    case ArrowTypeId::DENSE_UNION:
      decode_union(f, *a, path);
      break;
    case ArrowTypeId::RUN_END_ENCODED:
      decode_run_end(f, *a, path);
      break;
    default: {
      int32_t width = fixed_width_bytes(f);
      int64_t bytes = 0;
      if (width <= 0 && f.id != ArrowTypeId::FIXED_SIZE_BINARY) {
        fail(path, "type " + describe(f) + " is not supported");
      }
      if (!checked_mul(a->length, width, &bytes)) fail(path, "length out of range");
      a->buffers.push_back(validity(*a, path));
      size_t alignment = width >= 8 ? 8 : (width == 4 || width == 2) ? width : 1;
      a->buffers.push_back(sized(*a, bytes, path, alignment, "values"));
      break;
    }
  }
  return a;
}

void ArrayDecoder::decode_binary(const ArrowField& f, ExportedArray& a, const std::string& path) {
  bool large = f.id == ArrowTypeId::LARGE_STRING || f.id == ArrowTypeId::LARGE_BINARY;
  a.buffers.push_back(validity(a, path));
  BufferView offsets_buffer = buffer(a, path, large ? 8 : 4);
  BufferView data = buffer(a, path, 1);
  if (large) {
    a.buffers.push_back(offsets<int64_t>(a, offsets_buffer, path, data.size, "data bytes"));
  } else {
    a.buffers.push_back(offsets<int32_t>(a, offsets_buffer, path, data.size, "data bytes"));
  }
  a.buffers.push_back(data.data);
}

void ArrayDecoder::decode_view(ExportedArray& a, const std::string& path) {
  const uint8_t* valid = validity(a, path);
  a.buffers.push_back(valid);
  int64_t bytes = 0;
  if (!checked_mul(a.length, 16, &bytes)) fail(path, "length out of range");
  const uint8_t* views = sized(a, bytes, path, 8, "views");
  a.buffers.push_back(views);
  if (next_variadic_ >= header_.variadic_counts.size()) {
    fail(path, "the batch's variadicBufferCounts has no entry for this view column");
  }
  int64_t count = header_.variadic_counts[next_variadic_++];
  if (count < 0 || static_cast<uint64_t>(count) > header_.buffers.size() - next_buffer_) {
    fail(path, "variadic buffer count " + std::to_string(count) + " exceeds the batch's " +
                   std::to_string(header_.buffers.size()) + " buffers");
  }
  // The C Data Interface appends the data buffers' sizes as a last buffer.
  auto sizes = std::shared_ptr<int64_t[]>(new int64_t[static_cast<size_t>(count) + 1]);
  for (int64_t k = 0; k < count; ++k) {
    BufferView b = buffer(a, path, 1);
    a.buffers.push_back(b.data);
    sizes[k] = b.size;
  }
  a.buffers.push_back(sizes.get());
  a.owners.push_back(sizes);
  for (int64_t i = 0; i < a.length; ++i) {
    if (!is_valid(valid, i)) continue;
    const uint8_t* v = views + 16 * i;
    int32_t length = load_i32(v);
    if (length < 0) fail(path, "row " + std::to_string(i) + " has negative view length");
    if (length <= 12) continue;  // inline
    int32_t index = load_i32(v + 8);
    int32_t offset = load_i32(v + 12);
    if (index < 0 || index >= count || offset < 0 ||
        static_cast<int64_t>(offset) + length > sizes[index]) {
      fail(path, "row " + std::to_string(i) + " views " + std::to_string(length) +
                     " bytes at offset " + std::to_string(offset) + " of data buffer " +
                     std::to_string(index) + ", outside the " + std::to_string(count) +
                     " data buffers of this column");
    }
  }
}

void ArrayDecoder::decode_dictionary(const ArrowField& f, ExportedArray& a,
                                     const std::string& path) {
  const uint8_t* valid = validity(a, path);
  a.buffers.push_back(valid);
  int32_t width = fixed_width_bytes(f);
  int64_t bytes = 0;
  if (!checked_mul(a.length, width, &bytes)) fail(path, "length out of range");
  const uint8_t* indices = sized(a, bytes, path, static_cast<size_t>(width), "indices");
  a.buffers.push_back(indices);
  int64_t id = dictionaries_.id_of(f);
  a.dictionary = dictionaries_.current(id);
  if (a.dictionary == nullptr) {
    if (a.null_count < a.length) {
      fail(path, "no dictionary with id " + std::to_string(id) +
                     " precedes this batch (a DictionaryBatch must come before the batches "
                     "that use it)");
    }
    a.dictionary = make_empty(*f.dictionary);
  }
  uint64_t size = static_cast<uint64_t>(a.dictionary->length);
  for (int64_t i = 0; i < a.length; ++i) {
    if (!is_valid(valid, i)) continue;
    int64_t index = 0;
    bool ok = true;
    switch (f.id) {
      case ArrowTypeId::INT8:
        index = load<int8_t>(indices, i);
        break;
      case ArrowTypeId::UINT8:
        index = load<uint8_t>(indices, i);
        break;
      case ArrowTypeId::INT16:
        index = load<int16_t>(indices, i);
        break;
      case ArrowTypeId::UINT16:
        index = load<uint16_t>(indices, i);
        break;
      case ArrowTypeId::INT32:
        index = load<int32_t>(indices, i);
        break;
      case ArrowTypeId::UINT32:
        index = load<uint32_t>(indices, i);
        break;
      case ArrowTypeId::INT64:
        index = load<int64_t>(indices, i);
        break;
      default: {
        uint64_t u = load<uint64_t>(indices, i);
        ok = u < size;
        index = ok ? static_cast<int64_t>(u) : -1;
      }
    }
    if (!ok || index < 0 || static_cast<uint64_t>(index) >= size) {
      fail(path, "row " + std::to_string(i) + " has dictionary index " + std::to_string(index) +
                     ", outside the " + std::to_string(size) + "-value dictionary " +
                     std::to_string(id));
    }
  }
}

void ArrayDecoder::finish() const {
  if (next_node_ != header_.nodes.size() || next_buffer_ != header_.buffers.size() ||
      next_variadic_ != header_.variadic_counts.size()) {
    fail("", "the batch has " + std::to_string(header_.nodes.size()) + " field nodes, " +
                 std::to_string(header_.buffers.size()) + " buffers and " +
                 std::to_string(header_.variadic_counts.size()) +
                 " variadic buffer counts; the schema uses " + std::to_string(next_node_) + ", " +
                 std::to_string(next_buffer_) + " and " + std::to_string(next_variadic_));
  }
}

}  // namespace spillway::cli::ipc

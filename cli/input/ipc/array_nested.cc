// The nested layouts: struct, list, large list, map, fixed-size list, list
// view, unions and run-end encoding. The schema's shape (child counts, union
// type codes, run-end types) was checked when the reader opened.

#include <algorithm>
#include <cstring>
#include <iterator>

#include "input/ipc/array_decoder.h"
#include "input/ipc/message_reader.h"

namespace spillway::cli::ipc {

namespace {

template <typename T>
T load(const void* p, int64_t i) {
  T v;
  std::memcpy(&v, static_cast<const uint8_t*>(p) + i * static_cast<int64_t>(sizeof(T)), sizeof(T));
  return v;
}

}  // namespace

std::shared_ptr<ExportedArray> ArrayDecoder::child(const ArrowField& parent, size_t i,
                                                   const std::string& path) {
  const ArrowField& c = parent.children[i];
  return decode(c, path + "." + c.name);
}

void ArrayDecoder::decode_struct(const ArrowField& f, ExportedArray& a, const std::string& path) {
  a.buffers.push_back(validity(a, path));
  for (size_t i = 0; i < f.children.size(); ++i) {
    a.children.push_back(child(f, i, path));
    if (a.children.back()->length < a.length) {
      fail(path + "." + f.children[i].name,
           "child of " + std::to_string(a.children.back()->length) +
               " values is shorter than its struct of " + std::to_string(a.length));
    }
  }
}

void ArrayDecoder::decode_list(const ArrowField& f, ExportedArray& a, const std::string& path) {
  bool large = f.id == ArrowTypeId::LARGE_LIST;
  a.buffers.push_back(validity(a, path));
  BufferView offsets_buffer = buffer(a, path, large ? 8 : 4);
  a.children.push_back(child(f, 0, path));
  int64_t values = a.children[0]->length;
  if (large) {
    a.buffers.push_back(offsets<int64_t>(a, offsets_buffer, path, values, "child values"));
  } else {
    a.buffers.push_back(offsets<int32_t>(a, offsets_buffer, path, values, "child values"));
  }
}

void ArrayDecoder::decode_list_view(const ArrowField& f, ExportedArray& a,
                                    const std::string& path) {
  bool large = f.id == ArrowTypeId::LARGE_LIST_VIEW;
  size_t width = large ? 8 : 4;
  const uint8_t* valid = validity(a, path);
  a.buffers.push_back(valid);
  int64_t bytes = 0;
  if (__builtin_mul_overflow(a.length, static_cast<int64_t>(width), &bytes)) {
    fail(path, "length out of range");
  }
  const uint8_t* offsets = sized(a, bytes, path, width, "offsets");
  const uint8_t* sizes = sized(a, bytes, path, width, "sizes");
  a.buffers.push_back(offsets);
  a.buffers.push_back(sizes);
  a.children.push_back(child(f, 0, path));
  int64_t values = a.children[0]->length;
  for (int64_t i = 0; i < a.length; ++i) {
    if (!is_valid(valid, i)) continue;
    int64_t offset = large ? load<int64_t>(offsets, i) : load<int32_t>(offsets, i);
    int64_t size = large ? load<int64_t>(sizes, i) : load<int32_t>(sizes, i);
    if (offset < 0 || size < 0 || offset > values || size > values - offset) {
      fail(path, "row " + std::to_string(i) + " views " + std::to_string(size) +
                     " values at offset " + std::to_string(offset) + ", outside the " +
                     std::to_string(values) + " child values");
    }
  }
}

void ArrayDecoder::decode_fixed_size_list(const ArrowField& f, ExportedArray& a,
                                          const std::string& path) {
  a.buffers.push_back(validity(a, path));
  a.children.push_back(child(f, 0, path));
  int64_t needed = 0;
  if (__builtin_mul_overflow(a.length, static_cast<int64_t>(f.byte_width), &needed) ||
      a.children[0]->length < needed) {
    fail(path, std::to_string(a.length) + " lists of " + std::to_string(f.byte_width) +
                   " need more than the " + std::to_string(a.children[0]->length) +
                   " child values");
  }
}

void ArrayDecoder::decode_union(const ArrowField& f, ExportedArray& a, const std::string& path) {
  bool dense = f.id == ArrowTypeId::DENSE_UNION;
  // Before V5, unions had a validity bitmap (unused since: nulls live in the
  // children).
  if (version_ < kMetadataV5) buffer(a, path, 1);
  a.null_count = 0;
  const uint8_t* types = sized(a, a.length, path, 1, "type ids");
  a.buffers.push_back(types);
  const uint8_t* offsets = nullptr;
  if (dense) {
    int64_t bytes = 0;
    if (__builtin_mul_overflow(a.length, int64_t{4}, &bytes)) fail(path, "length out of range");
    offsets = sized(a, bytes, path, 4, "offsets");
    a.buffers.push_back(offsets);
  }
  int child_of[128];
  std::fill(std::begin(child_of), std::end(child_of), -1);
  for (size_t i = 0; i < f.children.size(); ++i) {
    a.children.push_back(child(f, i, path));
    child_of[f.union_type_ids[i]] = static_cast<int>(i);
    if (!dense && a.children.back()->length < a.length) {
      fail(path + "." + f.children[i].name,
           "child of " + std::to_string(a.children.back()->length) +
               " values is shorter than its sparse union of " + std::to_string(a.length));
    }
  }
  for (int64_t i = 0; i < a.length; ++i) {
    auto code = static_cast<int8_t>(types[i]);
    int k = code < 0 ? -1 : child_of[code];
    if (k < 0) {
      fail(path, "row " + std::to_string(i) + " has type id " + std::to_string(code) +
                     ", which is not one of the union's");
    }
    if (dense) {
      int32_t offset = load<int32_t>(offsets, i);
      if (offset < 0 || offset >= a.children[k]->length) {
        fail(path, "row " + std::to_string(i) + " has offset " + std::to_string(offset) +
                       " into child '" + f.children[k].name + "' of " +
                       std::to_string(a.children[k]->length) + " values");
      }
    }
  }
}

void ArrayDecoder::decode_run_end(const ArrowField& f, ExportedArray& a, const std::string& path) {
  if (a.null_count > 0) fail(path, "a run-end encoded array has no nulls of its own");
  a.null_count = 0;
  a.children.push_back(child(f, 0, path));
  a.children.push_back(child(f, 1, path));
  const ExportedArray& ends = *a.children[0];
  if (ends.null_count != 0) fail(path + "." + f.children[0].name, "run ends cannot be null");
  if (ends.length != a.children[1]->length) {
    fail(path, std::to_string(ends.length) + " run ends for " +
                   std::to_string(a.children[1]->length) + " values");
  }
  if (a.length == 0) return;
  if (ends.length == 0) fail(path, "no runs for " + std::to_string(a.length) + " values");
  const void* data = ends.buffers[1];
  int64_t previous = 0;
  for (int64_t i = 0; i < ends.length; ++i) {
    int64_t end = f.children[0].id == ArrowTypeId::INT16   ? load<int16_t>(data, i)
                  : f.children[0].id == ArrowTypeId::INT32 ? load<int32_t>(data, i)
                                                           : load<int64_t>(data, i);
    if (end <= previous) {
      fail(path, "run end " + std::to_string(end) + " at run " + std::to_string(i) +
                     " does not increase");
    }
    previous = end;
  }
  if (previous >= a.length) return;
  fail(path, "the runs end at " + std::to_string(previous) + ", before the array's " +
                 std::to_string(a.length) + " values");
}

}  // namespace spillway::cli::ipc

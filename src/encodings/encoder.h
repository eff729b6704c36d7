#pragma once

// The value encoders of a data page (Encodings.md). One virtual call per
// batch: the column writer hands each encoder the non-null values of a batch
// and flushes it once per page.

#include <cstddef>
#include <cstdint>
#include <memory>

#include "encodings/physical_types.h"
#include "spillway/basic.h"
#include "util/byte_buffer.h"

namespace spillway {

template <typename DType>
class TypedEncoder {
 public:
  using T = typename DType::value_type;
  virtual ~TypedEncoder() = default;
  virtual Encoding encoding() const = 0;
  // Appends non-null values. Byte array and FLBA bytes are copied: the
  // caller's buffers need only outlive the call.
  virtual void put(const T* values, size_t n) = 0;
  // Exactly the bytes flush_to would append now.
  virtual size_t estimated_data_size() const = 0;
  // Appends the page's encoded values, then resets for the next page.
  virtual void flush_to(ByteBuffer& out) = 0;
  // Heap bytes held.
  virtual size_t memory_size() const = 0;
  // The buffer put() appends to, for encoders whose encoded page is exactly
  // that buffer (PLAIN, except BOOLEAN); nullptr for the others. While it is
  // empty the column writer may give it headroom for the page header and
  // levels, and at the page's end it may move the buffer out instead of
  // calling flush_to, so the page is never copied.
  virtual ByteBuffer* values_buffer() { return nullptr; }
};

// PLAIN (every type); RLE (BOOLEAN: 4-byte length + runs of bit width 1);
// DELTA_BINARY_PACKED (INT32, INT64); DELTA_LENGTH_BYTE_ARRAY (BYTE_ARRAY);
// DELTA_BYTE_ARRAY (BYTE_ARRAY, FIXED_LEN_BYTE_ARRAY); BYTE_STREAM_SPLIT
// (FLOAT, DOUBLE, INT32, INT64, FIXED_LEN_BYTE_ARRAY). Anything else throws
// spillway::Error naming the encoding and the type. type_length is the FLBA
// width (> 0), else ignored. Dictionary encoding is DictEncoder's job.
template <typename DType>
std::unique_ptr<TypedEncoder<DType>> make_encoder(Encoding encoding, int32_t type_length);

}  // namespace spillway

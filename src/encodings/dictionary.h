#pragma once

// Dictionary encoding (Encodings.md, RLE_DICTIONARY): distinct values go to
// the column chunk's dictionary page (PLAIN, in index order); each data page
// stores its values' indices as one bit-width byte plus RLE/bit-packed runs.
//
// Indices are run-length encoded as they arrive (not held 4 bytes per value),
// at the bit width the dictionary needs so far; when the dictionary outgrows
// it, the page's indices are re-encoded once at the wider width.

#include <cstddef>
#include <cstdint>
#include <vector>

#include "encodings/physical_types.h"
#include "encodings/rle_bit_packed.h"
#include "util/byte_buffer.h"

namespace spillway {

template <typename DType>
class DictEncoder {
  static_assert(DType::type != PhysicalType::BOOLEAN, "BOOLEAN columns are not dictionary-encoded");

 public:
  using T = typename DType::value_type;

  // type_length: the FLBA width (> 0), else ignored.
  explicit DictEncoder(int32_t type_length);

  // Looks up (or inserts) each non-null value and buffers its index. Byte
  // array and FLBA bytes of new entries are copied into the encoder.
  void put(const T* values, size_t n);

  size_t num_entries() const { return hashes_.size(); }
  // Size of the dictionary page body (PLAIN values).
  size_t dict_encoded_size() const;
  // Bit width of the indices: enough for every entry so far, at least 1.
  int bit_width() const { return indices_.bit_width(); }
  // Exactly what flush_indices_to would append now.
  size_t estimated_data_size() const { return 1 + indices_.estimated_size(); }
  size_t buffered_indices() const { return static_cast<size_t>(indices_.num_values()); }
  // Appends the bit-width byte and the runs of the buffered indices; clears them.
  void flush_indices_to(ByteBuffer& out);
  // Appends the dictionary page body: the entries PLAIN-encoded, in index order.
  void write_dictionary_to(ByteBuffer& out) const;
  // The entry with this index; byte views stay valid until the next put or clear.
  T entry(size_t index) const;
  // Forgets entries and indices and frees their memory (next column chunk).
  void clear();
  // Heap bytes: hash table, entries, arena and encoded indices.
  size_t memory_size() const;

 private:
  struct Slice {  // a BYTE_ARRAY entry's bytes in the arena
    uint64_t offset;
    uint32_t len;
  };

  uint64_t hash(const T& v) const;
  bool equals(uint32_t index, const T& v) const;
  uint32_t insert(const T& v, uint32_t hash32, size_t slot);
  void grow_table();
  void widen_indices(int bit_width);

  int32_t type_length_;
  std::vector<uint32_t> slots_;   // open addressing: entry index + 1, 0 = empty
  std::vector<uint32_t> hashes_;  // per entry: the low 32 bits of its hash
  std::vector<T> values_;         // fixed-width entries
  std::vector<Slice> slices_;     // BYTE_ARRAY entries
  ByteBuffer arena_;              // BYTE_ARRAY / FLBA entry bytes
  size_t byte_array_plain_size_ = 0;
  RleBitPackedEncoder indices_;
};

}  // namespace spillway

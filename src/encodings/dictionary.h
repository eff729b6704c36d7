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
#include <cstring>
#include <span>
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

  // type_length: the FLBA width (> 0), else ignored. headroom: bytes kept
  // free in front of the dictionary page body, so the page header can be
  // prepended without copying the entries.
  explicit DictEncoder(int32_t type_length, size_t headroom = 0);

  // Looks up (or inserts) each non-null value and buffers its index. Byte
  // array and FLBA bytes of new entries are copied into the encoder. Stops
  // before the first new entry that would take dict_encoded_size() past
  // max_dict_bytes and returns how many values it took.
  size_t put(const T* values, size_t n, size_t max_dict_bytes = SIZE_MAX);

  size_t num_entries() const { return num_entries_; }
  // Size of the dictionary page body (PLAIN values).
  size_t dict_encoded_size() const { return plain_.size(); }
  // Bit width of the indices: enough for every entry so far, at least 1.
  int bit_width() const { return indices_.bit_width(); }
  // Exactly what flush_indices_to would append now.
  size_t estimated_data_size() const { return 1 + indices_.estimated_size(); }
  size_t buffered_indices() const { return static_cast<size_t>(indices_.num_values()); }
  // Appends the bit-width byte and the runs of the buffered indices; clears them.
  void flush_indices_to(ByteBuffer& out);
  // The dictionary page body: the entries PLAIN-encoded, in index order.
  std::span<const uint8_t> dictionary_body() const { return plain_.span(); }
  // Hands over the dictionary page body with its headroom, without copying,
  // and forgets every entry as clear() does.
  ByteBuffer take_dictionary_body();
  // The entry with this index; byte views stay valid until the next put or clear.
  T entry(size_t index) const;
  // Forgets entries and indices and frees their memory (next column chunk).
  void clear();
  // Heap bytes: hash table, entries and encoded indices.
  size_t memory_size() const;

 private:
  struct Slice {  // a BYTE_ARRAY entry's bytes in plain_ (after its length)
    uint64_t offset;
    uint32_t len;
  };

  // A fixed-width entry, unchecked.
  T value_at(size_t index) const {
    T v;
    std::memcpy(&v, plain_.data() + index * sizeof(T), sizeof(T));
    return v;
  }
  uint64_t hash(const T& v) const;
  uint32_t stored_hash(uint32_t index) const;
  bool equals(uint32_t index, const T& v) const;
  static size_t plain_size(const T& v, int32_t type_length);
  uint32_t insert(const T& v, uint32_t hash32, size_t slot);
  void grow_table();
  void widen_indices(int bit_width);

  int32_t type_length_;
  size_t headroom_;
  size_t num_entries_ = 0;
  std::vector<uint32_t> slots_;   // open addressing: entry index + 1, 0 = empty
  std::vector<uint32_t> hashes_;  // BYTE_ARRAY / FLBA: the low 32 bits of each entry's hash
  std::vector<Slice> slices_;     // BYTE_ARRAY entries
  // The entries in PLAIN layout, which is the dictionary page body: no copy
  // when the page is written.
  ByteBuffer plain_;
  RleBitPackedEncoder indices_;
};

}  // namespace spillway

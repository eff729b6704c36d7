#include "encodings/dictionary.h"

#include <algorithm>
#include <cstring>
#include <string>
#include <type_traits>

#include "spillway/error.h"

// Header-only XXH3, inlined: no link-time dependency on libxxhash.
#define XXH_INLINE_ALL
#include <xxhash.h>

namespace spillway {
namespace {

constexpr size_t kInitialSlots = 64;  // small: wide tables have one per column

template <typename DType>
constexpr bool kIsByteArray = std::is_same_v<DType, ByteArrayType>;
template <typename DType>
constexpr bool kIsFLBA = std::is_same_v<DType, FLBAType>;

// A 64-bit finalizer (MurmurHash3's fmix64): spreads every input bit.
inline uint64_t mix_bits(uint64_t x) {
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdULL;
  x ^= x >> 33;
  x *= 0xc4ceb9fe1a85ec53ULL;
  x ^= x >> 33;
  return x;
}

// Fixed-width values compare by bit pattern, so -0.0 and +0.0 (and NaNs with
// different payloads) are distinct entries and every value round-trips.
template <typename T>
inline uint64_t bits_of(const T& v) {
  if constexpr (sizeof(T) == 4) {
    uint32_t b;
    std::memcpy(&b, &v, 4);
    return b;
  } else {
    uint64_t b;
    std::memcpy(&b, &v, 8);
    return b;
  }
}

}  // namespace

template <typename DType>
DictEncoder<DType>::DictEncoder(int32_t type_length, size_t headroom)
    : type_length_(type_length), headroom_(headroom), slots_(kInitialSlots, 0), indices_(1) {
  if constexpr (kIsFLBA<DType>) {
    if (type_length <= 0) {
      throw Error("dictionary: FIXED_LEN_BYTE_ARRAY needs a positive type length, got " +
                  std::to_string(type_length));
    }
  }
}

template <typename DType>
uint64_t DictEncoder<DType>::hash(const T& v) const {
  if constexpr (kIsByteArray<DType>) {
    return XXH3_64bits(v.ptr, v.len);
  } else if constexpr (kIsFLBA<DType>) {
    return XXH3_64bits(v.ptr, static_cast<size_t>(type_length_));
  } else {
    return mix_bits(bits_of(v));
  }
}

// Byte entries keep their hash (rehashing their bytes is costly); a
// fixed-width entry's hash is recomputed from its value.
template <typename DType>
uint32_t DictEncoder<DType>::stored_hash(uint32_t index) const {
  if constexpr (kIsByteArray<DType> || kIsFLBA<DType>) {
    return hashes_[index];
  } else {
    return static_cast<uint32_t>(hash(value_at(index)));
  }
}

template <typename DType>
bool DictEncoder<DType>::equals(uint32_t index, const T& v) const {
  if constexpr (kIsByteArray<DType>) {
    const Slice& s = slices_[index];
    return s.len == v.len &&
           (v.len == 0 || std::memcmp(plain_.data() + s.offset, v.ptr, v.len) == 0);
  } else if constexpr (kIsFLBA<DType>) {
    size_t w = static_cast<size_t>(type_length_);
    return std::memcmp(plain_.data() + index * w, v.ptr, w) == 0;
  } else {
    return bits_of(value_at(index)) == bits_of(v);
  }
}

template <typename DType>
size_t DictEncoder<DType>::plain_size(const T& v, int32_t type_length) {
  if constexpr (kIsByteArray<DType>) {
    return 4 + static_cast<size_t>(v.len);
  } else if constexpr (kIsFLBA<DType>) {
    return static_cast<size_t>(type_length);
  } else {
    return sizeof(T);
  }
}

template <typename DType>
uint32_t DictEncoder<DType>::insert(const T& v, uint32_t hash32, size_t slot) {
  size_t index = num_entries_;
  if (index >= (size_t{1} << 31)) {
    throw Error("dictionary: more than 2^31 distinct values in one column chunk");
  }
  if (plain_.capacity() == 0) plain_.set_headroom(headroom_);
  if constexpr (kIsByteArray<DType>) {
    if (v.len > static_cast<uint32_t>(INT32_MAX)) {
      throw Error("dictionary: a BYTE_ARRAY value of " + std::to_string(v.len) +
                  " bytes exceeds the 2147483647-byte limit");
    }
    plain_.append_le<uint32_t>(v.len);
    slices_.push_back(Slice{plain_.size(), v.len});
    plain_.append(v.ptr, v.len);
    hashes_.push_back(hash32);
  } else if constexpr (kIsFLBA<DType>) {
    plain_.append(v.ptr, static_cast<size_t>(type_length_));
    hashes_.push_back(hash32);
  } else {
    plain_.append(&v, sizeof(T));
  }
  ++num_entries_;
  slots_[slot] = static_cast<uint32_t>(index + 1);
  if (num_entries_ * 2 > slots_.size()) grow_table();
  return static_cast<uint32_t>(index);
}

template <typename DType>
void DictEncoder<DType>::grow_table() {
  std::vector<uint32_t> grown(slots_.size() * 2, 0);
  const size_t mask = grown.size() - 1;
  for (uint32_t i = 0; i < num_entries_; ++i) {
    size_t s = stored_hash(i) & mask;
    while (grown[s] != 0) s = (s + 1) & mask;
    grown[s] = i + 1;
  }
  slots_ = std::move(grown);
}

template <typename DType>
size_t DictEncoder<DType>::put(const T* values, size_t n, size_t max_dict_bytes) {
  uint32_t batch[256];
  size_t k = 0;
  size_t i = 0;
  for (; i < n; ++i) {
    const T& v = values[i];
    const uint32_t h = static_cast<uint32_t>(hash(v));
    const size_t mask = slots_.size() - 1;
    size_t s = h & mask;
    uint32_t index;
    for (;;) {
      uint32_t e = slots_[s];
      if (e == 0) {
        if (plain_.size() + plain_size(v, type_length_) > max_dict_bytes) {
          indices_.put_batch(batch, k);
          return i;
        }
        index = insert(v, h, s);
        if ((static_cast<uint64_t>(index) >> indices_.bit_width()) != 0) {
          indices_.put_batch(batch, k);
          k = 0;
          widen_indices(bit_width_for(index));
        }
        break;
      }
      if ((!(kIsByteArray<DType> || kIsFLBA<DType>) || hashes_[e - 1] == h) && equals(e - 1, v)) {
        index = e - 1;
        break;
      }
      s = (s + 1) & mask;
    }
    batch[k++] = index;
    if (k == std::size(batch)) {
      indices_.put_batch(batch, k);
      k = 0;
    }
  }
  indices_.put_batch(batch, k);
  return i;
}

template <typename DType>
void DictEncoder<DType>::widen_indices(int bit_width) {
  RleBitPackedEncoder wider(bit_width);
  uint64_t left = indices_.num_values();
  if (left > 0) {
    // Decoding our own runs back is cheap and happens at most once per
    // doubling of the dictionary, instead of holding every index raw.
    const int old_width = indices_.bit_width();
    ByteBuffer runs;
    indices_.flush_to(runs);
    RleBitPackedDecoder decoder(runs.span(), old_width);
    uint32_t chunk[1024];
    while (left > 0) {
      size_t got = decoder.get_batch(chunk, std::min<uint64_t>(left, std::size(chunk)));
      if (got == 0) throw Error("dictionary: internal error re-encoding indices");
      wider.put_batch(chunk, got);
      left -= got;
    }
  }
  indices_ = std::move(wider);
}

template <typename DType>
void DictEncoder<DType>::flush_indices_to(ByteBuffer& out) {
  out.push_back(static_cast<uint8_t>(indices_.bit_width()));
  indices_.flush_to(out);
}

template <typename DType>
ByteBuffer DictEncoder<DType>::take_dictionary_body() {
  ByteBuffer body = std::move(plain_);
  clear();
  return body;
}

template <typename DType>
typename DictEncoder<DType>::T DictEncoder<DType>::entry(size_t index) const {
  if (index >= num_entries()) {
    throw Error("dictionary: entry " + std::to_string(index) + " out of range (" +
                std::to_string(num_entries()) + " entries)");
  }
  if constexpr (kIsByteArray<DType>) {
    return ByteArray{plain_.data() + slices_[index].offset, slices_[index].len};
  } else if constexpr (kIsFLBA<DType>) {
    return FixedLenByteArray{plain_.data() + index * static_cast<size_t>(type_length_)};
  } else {
    return value_at(index);
  }
}

template <typename DType>
void DictEncoder<DType>::clear() {
  slots_ = std::vector<uint32_t>(kInitialSlots, 0);
  // Move-assign empty vectors: `= {}` would keep the capacity.
  hashes_ = std::vector<uint32_t>();
  slices_ = std::vector<Slice>();
  plain_.reset();
  num_entries_ = 0;
  indices_ = RleBitPackedEncoder(1);
}

template <typename DType>
size_t DictEncoder<DType>::memory_size() const {
  return slots_.capacity() * sizeof(uint32_t) + hashes_.capacity() * sizeof(uint32_t) +
         slices_.capacity() * sizeof(Slice) + plain_.capacity() + indices_.memory_size();
}

template class DictEncoder<Int32Type>;
template class DictEncoder<Int64Type>;
template class DictEncoder<FloatType>;
template class DictEncoder<DoubleType>;
template class DictEncoder<ByteArrayType>;
template class DictEncoder<FLBAType>;

}  // namespace spillway

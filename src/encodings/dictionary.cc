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
DictEncoder<DType>::DictEncoder(int32_t type_length)
    : type_length_(type_length), slots_(kInitialSlots, 0), indices_(1) {
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

template <typename DType>
bool DictEncoder<DType>::equals(uint32_t index, const T& v) const {
  if constexpr (kIsByteArray<DType>) {
    const Slice& s = slices_[index];
    return s.len == v.len &&
           (v.len == 0 || std::memcmp(arena_.data() + s.offset, v.ptr, v.len) == 0);
  } else if constexpr (kIsFLBA<DType>) {
    size_t w = static_cast<size_t>(type_length_);
    return std::memcmp(arena_.data() + index * w, v.ptr, w) == 0;
  } else {
    return bits_of(values_[index]) == bits_of(v);
  }
}

template <typename DType>
uint32_t DictEncoder<DType>::insert(const T& v, uint32_t hash32, size_t slot) {
  size_t index = hashes_.size();
  if (index >= (size_t{1} << 31)) {
    throw Error("dictionary: more than 2^31 distinct values in one column chunk");
  }
  if constexpr (kIsByteArray<DType>) {
    slices_.push_back(Slice{arena_.size(), v.len});
    arena_.append(v.ptr, v.len);
    byte_array_plain_size_ += 4 + static_cast<size_t>(v.len);
  } else if constexpr (kIsFLBA<DType>) {
    arena_.append(v.ptr, static_cast<size_t>(type_length_));
  } else {
    values_.push_back(v);
  }
  hashes_.push_back(hash32);
  slots_[slot] = static_cast<uint32_t>(index + 1);
  if (hashes_.size() * 2 > slots_.size()) grow_table();
  return static_cast<uint32_t>(index);
}

template <typename DType>
void DictEncoder<DType>::grow_table() {
  std::vector<uint32_t> grown(slots_.size() * 2, 0);
  const size_t mask = grown.size() - 1;
  for (size_t i = 0; i < hashes_.size(); ++i) {
    size_t s = hashes_[i] & mask;
    while (grown[s] != 0) s = (s + 1) & mask;
    grown[s] = static_cast<uint32_t>(i + 1);
  }
  slots_ = std::move(grown);
}

template <typename DType>
void DictEncoder<DType>::put(const T* values, size_t n) {
  uint32_t batch[256];
  size_t k = 0;
  for (size_t i = 0; i < n; ++i) {
    const T& v = values[i];
    const uint32_t h = static_cast<uint32_t>(hash(v));
    const size_t mask = slots_.size() - 1;
    size_t s = h & mask;
    uint32_t index;
    for (;;) {
      uint32_t e = slots_[s];
      if (e == 0) {
        index = insert(v, h, s);
        if ((static_cast<uint64_t>(index) >> indices_.bit_width()) != 0) {
          indices_.put_batch(batch, k);
          k = 0;
          widen_indices(bit_width_for(index));
        }
        break;
      }
      if (hashes_[e - 1] == h && equals(e - 1, v)) {
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
size_t DictEncoder<DType>::dict_encoded_size() const {
  if constexpr (kIsByteArray<DType>) {
    return byte_array_plain_size_;
  } else if constexpr (kIsFLBA<DType>) {
    return arena_.size();
  } else {
    return values_.size() * sizeof(T);
  }
}

template <typename DType>
void DictEncoder<DType>::write_dictionary_to(ByteBuffer& out) const {
  if constexpr (kIsByteArray<DType>) {
    uint8_t* p = out.ensure(byte_array_plain_size_);
    for (const Slice& s : slices_) {
      std::memcpy(p, &s.len, 4);
      if (s.len > 0) std::memcpy(p + 4, arena_.data() + s.offset, s.len);
      p += 4 + static_cast<size_t>(s.len);
    }
    out.advance(byte_array_plain_size_);
  } else if constexpr (kIsFLBA<DType>) {
    out.append(arena_.span());
  } else {
    out.append(values_.data(), values_.size() * sizeof(T));
  }
}

template <typename DType>
typename DictEncoder<DType>::T DictEncoder<DType>::entry(size_t index) const {
  if (index >= num_entries()) {
    throw Error("dictionary: entry " + std::to_string(index) + " out of range (" +
                std::to_string(num_entries()) + " entries)");
  }
  if constexpr (kIsByteArray<DType>) {
    return ByteArray{arena_.data() + slices_[index].offset, slices_[index].len};
  } else if constexpr (kIsFLBA<DType>) {
    return FixedLenByteArray{arena_.data() + index * static_cast<size_t>(type_length_)};
  } else {
    return values_[index];
  }
}

template <typename DType>
void DictEncoder<DType>::clear() {
  slots_ = std::vector<uint32_t>(kInitialSlots, 0);
  // Move-assign empty vectors: `= {}` would keep the capacity.
  hashes_ = std::vector<uint32_t>();
  values_ = std::vector<T>();
  slices_ = std::vector<Slice>();
  arena_.reset();
  byte_array_plain_size_ = 0;
  indices_ = RleBitPackedEncoder(1);
}

template <typename DType>
size_t DictEncoder<DType>::memory_size() const {
  return slots_.capacity() * sizeof(uint32_t) + hashes_.capacity() * sizeof(uint32_t) +
         values_.capacity() * sizeof(T) + slices_.capacity() * sizeof(Slice) + arena_.capacity() +
         indices_.memory_size();
}

template class DictEncoder<Int32Type>;
template class DictEncoder<Int64Type>;
template class DictEncoder<FloatType>;
template class DictEncoder<DoubleType>;
template class DictEncoder<ByteArrayType>;
template class DictEncoder<FLBAType>;

}  // namespace spillway

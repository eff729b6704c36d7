// `spillway inspect --verify`: a chunk's values decoded page by page for
// each physical type, folded into page and chunk statistics the way the
// writer computes them, counted for distinct_count and looked up in the
// bloom filter.

#include <fmt/format.h>

#include <cstring>
#include <memory>
#include <type_traits>

#include "encodings/decoder.h"
#include "encodings/physical_types.h"
#include "inspect_verify.h"
#include "spillway/error.h"
#include "statistics/bloom_filter.h"
#include "statistics/statistics.h"

namespace spillway::cli::inspect::verify {
namespace {

// Beyond this many distinct values the count is given up rather than hold
// a hash per value of a large chunk.
constexpr size_t kMaxDistinct = size_t{1} << 20;

bool is_dictionary_encoding(Encoding e) {
  return e == Encoding::RLE_DICTIONARY || e == Encoding::PLAIN_DICTIONARY;
}

template <typename DType>
Bounds bounds_of(const TypedStatistics<DType>& stats) {
  Bounds b;
  Statistics s = stats.to_thrift(std::nullopt);  // exact, as PLAIN bytes
  if (s.min_value && s.max_value) {
    b.set = true;
    b.min = std::move(*s.min_value);
    b.max = std::move(*s.max_value);
  }
  return b;
}

template <typename DType>
class TypedVerifier final : public ValueVerifier {
 public:
  using T = typename DType::value_type;

  TypedVerifier(const ColumnDescriptor& leaf, std::span<const uint8_t> bloom)
      : ValueVerifier(bloom),
        type_length_(leaf.type_length()),
        page_stats_(leaf),
        chunk_stats_(leaf) {}

  void read_dictionary(std::span<const uint8_t> bytes, size_t num_values,
                       size_t* consumed) override {
    has_dictionary_ = false;
    if constexpr (std::is_same_v<T, bool>) {
      throw Error("BOOLEAN columns cannot have a dictionary");
    } else {
      dictionary_ = decode_values<DType>(Encoding::PLAIN, bytes, num_values, type_length_,
                                         &dictionary_storage_, consumed);
      has_dictionary_ = true;
    }
  }

  void read_values(Encoding encoding, std::span<const uint8_t> bytes, size_t num_values,
                   size_t page, size_t* consumed, Facts& facts) override {
    std::vector<T> values;
    if (is_dictionary_encoding(encoding)) {
      if constexpr (std::is_same_v<T, bool>) {
        throw Error(fmt::format("{} cannot encode BOOLEAN values", to_string(encoding)));
      } else {
        if (!has_dictionary_) {
          throw Error(fmt::format("{} values but the chunk has no decodable dictionary page",
                                  to_string(encoding)));
        }
        values =
            lookup_dictionary(dictionary_, decode_dictionary_indices(bytes, num_values, consumed));
      }
    } else {
      values = decode_values<DType>(encoding, bytes, num_values, type_length_, &storage_, consumed);
    }
    page_stats_.reset();
    if constexpr (std::is_same_v<T, bool>) {
      // std::vector<bool> has no data(): copy into an array statistics can scan.
      auto flags = std::make_unique<bool[]>(values.size());
      for (size_t i = 0; i < values.size(); ++i) flags[i] = values[i];
      page_stats_.update(flags.get(), values.size());
    } else {
      page_stats_.update(values.data(), values.size());
    }
    chunk_stats_.merge(page_stats_);
    facts.bounds = bounds_of(page_stats_);
    facts.nan_count = page_stats_.nan_count();
    for (size_t i = 0; i < values.size(); ++i) {
      const T& v = values[i];
      if constexpr (std::is_same_v<T, bool>) {
        const uint8_t b = v ? 1 : 0;
        note_value({&b, 1}, page);
      } else if constexpr (std::is_same_v<T, ByteArray>) {
        facts.unencoded_bytes += v.len;
        note_value({v.ptr, v.len}, page);
      } else if constexpr (std::is_same_v<T, FixedLenByteArray>) {
        note_value({v.ptr, static_cast<size_t>(type_length_)}, page);
      } else {
        note_value({reinterpret_cast<const uint8_t*>(&v), sizeof(T)}, page);
      }
    }
  }

  Bounds chunk_bounds() const override { return bounds_of(chunk_stats_); }

 private:
  int32_t type_length_;
  TypedStatistics<DType> page_stats_, chunk_stats_;
  bool has_dictionary_ = false;
  std::vector<T> dictionary_;  // BYTE_ARRAY / FLBA values point into dictionary_storage_
  std::vector<uint8_t> dictionary_storage_, storage_;
};

}  // namespace

void ValueVerifier::note_value(std::span<const uint8_t> plain, size_t page) {
  const uint64_t hash = bloom_filter_hash(plain);
  if (!distinct_overflow_) {
    if (!distinct_.insert(hash).second) return;  // seen, and looked up, before
    if (distinct_.size() > kMaxDistinct) {
      distinct_overflow_ = true;
      distinct_ = {};
    }
  }
  if (bloom_.empty() || bloom_filter_find(bloom_, hash)) return;
  if (misses_.count++ == 0) {
    misses_.first.assign(reinterpret_cast<const char*>(plain.data()), plain.size());
    misses_.first_page = page;
  }
}

std::unique_ptr<ValueVerifier> make_value_verifier(const ColumnDescriptor& leaf,
                                                   std::span<const uint8_t> bloom_bitset) {
  switch (leaf.physical_type()) {
    case PhysicalType::BOOLEAN:  // BloomFilter.md defines no filter for booleans
      return std::make_unique<TypedVerifier<BooleanType>>(leaf, std::span<const uint8_t>{});
    case PhysicalType::INT32:
      return std::make_unique<TypedVerifier<Int32Type>>(leaf, bloom_bitset);
    case PhysicalType::INT64:
      return std::make_unique<TypedVerifier<Int64Type>>(leaf, bloom_bitset);
    case PhysicalType::FLOAT:
      return std::make_unique<TypedVerifier<FloatType>>(leaf, bloom_bitset);
    case PhysicalType::DOUBLE:
      return std::make_unique<TypedVerifier<DoubleType>>(leaf, bloom_bitset);
    case PhysicalType::BYTE_ARRAY:
      return std::make_unique<TypedVerifier<ByteArrayType>>(leaf, bloom_bitset);
    case PhysicalType::FIXED_LEN_BYTE_ARRAY:
      if (leaf.type_length() <= 0) return nullptr;
      return std::make_unique<TypedVerifier<FLBAType>>(leaf, bloom_bitset);
    default:
      return nullptr;
  }
}

}  // namespace spillway::cli::inspect::verify

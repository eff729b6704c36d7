#include "statistics/bloom_filter.h"

#include <xxhash.h>

namespace spillway {
namespace {

// The eight odd constants of BloomFilter.md, one per word of a block.
constexpr uint32_t kSalt[8] = {0x47b6137bU, 0x44974d91U, 0x8824ad5bU, 0xa2b7289dU,
                               0x705495c7U, 0x2df1424bU, 0x9efc4947U, 0x5c6bfb31U};

size_t block_offset(size_t bitset_bytes, uint64_t hash) {
  const uint64_t blocks = bitset_bytes / kBloomFilterBlockBytes;
  return static_cast<size_t>(((hash >> 32) * blocks) >> 32) * kBloomFilterBlockBytes;
}

uint32_t word_bit(uint64_t hash, int word) {
  const auto key = static_cast<uint32_t>(hash);
  return uint32_t{1} << ((key * kSalt[word]) >> 27);
}

uint32_t load_le(const uint8_t* p) {
  return uint32_t{p[0]} | uint32_t{p[1]} << 8 | uint32_t{p[2]} << 16 | uint32_t{p[3]} << 24;
}

}  // namespace

uint64_t bloom_filter_hash(std::span<const uint8_t> plain_bytes) {
  return XXH64(plain_bytes.data(), plain_bytes.size(), 0);
}

void bloom_filter_insert(std::span<uint8_t> bitset, uint64_t hash) {
  uint8_t* block = bitset.data() + block_offset(bitset.size(), hash);
  for (int i = 0; i < 8; ++i) {
    const uint32_t w = load_le(block + 4 * i) | word_bit(hash, i);
    for (int b = 0; b < 4; ++b) block[4 * i + b] = static_cast<uint8_t>(w >> (8 * b));
  }
}

bool bloom_filter_find(std::span<const uint8_t> bitset, uint64_t hash) {
  const uint8_t* block = bitset.data() + block_offset(bitset.size(), hash);
  for (int i = 0; i < 8; ++i) {
    if ((load_le(block + 4 * i) & word_bit(hash, i)) == 0) return false;
  }
  return true;
}

}  // namespace spillway

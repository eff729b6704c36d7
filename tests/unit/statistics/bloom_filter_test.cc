// The split block Bloom filter of BloomFilter.md: which bits a hash sets,
// and that inserted values are found.

#include "statistics/bloom_filter.h"

#include <gtest/gtest.h>

#include <bit>
#include <cstring>
#include <string>
#include <vector>

namespace spillway {
namespace {

uint64_t hash_of(const std::string& s) {
  return bloom_filter_hash({reinterpret_cast<const uint8_t*>(s.data()), s.size()});
}

TEST(BloomFilter, HashIsXxh64WithSeedZero) {
  // Reference values of XXH64 (seed 0).
  EXPECT_EQ(bloom_filter_hash({}), 0xEF46DB3751D8E999ULL);
  EXPECT_EQ(hash_of("abc"), 0x44BC2CF5AD770999ULL);
}

TEST(BloomFilter, AHashSetsOneBitPerWordOfOneBlock) {
  constexpr size_t kBlocks = 8;
  for (uint64_t h : {0ULL, 1ULL, 0x123456789abcdef0ULL, ~0ULL, 0x8000000000000000ULL}) {
    std::vector<uint8_t> bitset(kBlocks * kBloomFilterBlockBytes, 0);
    bloom_filter_insert(bitset, h);
    const size_t block = static_cast<size_t>(((h >> 32) * kBlocks) >> 32);
    for (size_t b = 0; b < kBlocks; ++b) {
      for (size_t w = 0; w < 8; ++w) {
        uint32_t word;
        std::memcpy(&word, bitset.data() + b * kBloomFilterBlockBytes + 4 * w, 4);
        EXPECT_EQ(std::popcount(word), b == block ? 1 : 0) << h << " block " << b << " word " << w;
      }
    }
    // Word 0's bit is the top 5 bits of key * 0x47b6137b.
    uint32_t word0;
    std::memcpy(&word0, bitset.data() + block * kBloomFilterBlockBytes, 4);
    EXPECT_EQ(word0, uint32_t{1} << ((static_cast<uint32_t>(h) * 0x47b6137bU) >> 27));
    EXPECT_TRUE(bloom_filter_find(bitset, h));
  }
}

TEST(BloomFilter, FindsEveryInsertedValue) {
  std::vector<uint8_t> bitset(1024, 0);
  for (int i = 0; i < 200; ++i) bloom_filter_insert(bitset, hash_of("v" + std::to_string(i)));
  for (int i = 0; i < 200; ++i) {
    EXPECT_TRUE(bloom_filter_find(bitset, hash_of("v" + std::to_string(i)))) << i;
  }
  int false_positives = 0;
  for (int i = 200; i < 1200; ++i)
    false_positives += bloom_filter_find(bitset, hash_of("v" + std::to_string(i)));
  EXPECT_LT(false_positives, 50);  // ~40 bits per value: rare
  const std::vector<uint8_t> empty(32, 0);
  EXPECT_FALSE(bloom_filter_find(empty, hash_of("v0")));
}

}  // namespace
}  // namespace spillway

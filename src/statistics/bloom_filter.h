#pragma once

// The split block Bloom filter of parquet-format's BloomFilter.md: a bitset
// of 32-byte blocks, each eight 32-bit little-endian words; a value's hash
// (XXH64 of its PLAIN bytes, BYTE_ARRAY without the length prefix, seed 0)
// picks one block with its upper 32 bits and sets one bit per word with its
// lower 32 bits.

#include <cstddef>
#include <cstdint>
#include <span>

namespace spillway {

inline constexpr size_t kBloomFilterBlockBytes = 32;

// XXH64 with seed 0, the only hash BloomFilter.md defines.
uint64_t bloom_filter_hash(std::span<const uint8_t> plain_bytes);

// `bitset` must be a positive multiple of kBloomFilterBlockBytes long.
void bloom_filter_insert(std::span<uint8_t> bitset, uint64_t hash);
// True when every bit `hash` sets is set: the value may be present. False
// means it is certainly absent.
bool bloom_filter_find(std::span<const uint8_t> bitset, uint64_t hash);

}  // namespace spillway

#pragma once

// Page compression. Each codec produces exactly the framing Parquet's
// Compression.md names: the page bytes are fed as-is to the codec library,
// with no extra header (the page header carries both sizes).

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>

#include "spillway/basic.h"
#include "util/byte_buffer.h"

namespace spillway {

// One codec per column writer. Not thread-safe: it keeps the library's
// compression / decompression contexts and reuses them from page to page.
class Codec {
 public:
  virtual ~Codec() = default;
  virtual Compression compression() const = 0;
  // Appends the compressed form of `in` to `out`, compressing straight into
  // `out`'s storage.
  virtual void compress(std::span<const uint8_t> in, ByteBuffer& out) = 0;
  // Appends exactly `uncompressed_size` bytes to `out`, or throws Error
  // (naming the codec) if `in` is corrupt or decodes to another size. `out`'s
  // size is unchanged when it throws.
  virtual void decompress(std::span<const uint8_t> in, size_t uncompressed_size,
                          ByteBuffer& out) = 0;
  // An upper bound on what compress() appends for `n` input bytes.
  virtual size_t max_compressed_size(size_t n) const = 0;
};

// The codec that writes pages with `c` at `level` (nullopt: the codec's
// default). Returns nullptr for UNCOMPRESSED. Throws Error for a level the
// codec does not accept.
std::unique_ptr<Codec> make_codec(Compression c, std::optional<int> level);

// A codec able to decompress pages a file marks with `c` (for readers and
// tests). Returns nullptr for UNCOMPRESSED; throws Error for LZO and the
// deprecated Hadoop-framed LZ4, which spillway does not support.
std::unique_ptr<Codec> make_decompressor(CompressionCodec c);

// Throws Error, naming the valid range, unless `level` is acceptable for `c`:
// GZIP 0..9, BROTLI 0..11, ZSTD ZSTD_minCLevel()..-1 or 1..22; SNAPPY,
// LZ4_RAW and UNCOMPRESSED take no level. nullopt is always acceptable.
void validate_compression_level(Compression c, std::optional<int> level);

// The level used when none is given: GZIP 6, BROTLI 1, ZSTD 1; 0 for the
// codecs that have no level.
int default_compression_level(Compression c);

// The CRC-32 (ISO-HDLC polynomial, as zlib computes it) that a page header's
// `crc` field holds.
uint32_t crc32(std::span<const uint8_t> data);

}  // namespace spillway

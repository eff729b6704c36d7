#include "compression/codec.h"

#include <zlib.h>
#include <zstd.h>

#include <algorithm>
#include <limits>
#include <string>

#include "compression/codec_impl.h"
#include "spillway/error.h"

namespace spillway {

namespace {

const char* codec_name(Compression c) {
  switch (c) {
    case Compression::UNCOMPRESSED:
      return "UNCOMPRESSED";
    case Compression::SNAPPY:
      return "SNAPPY";
    case Compression::GZIP:
      return "GZIP";
    case Compression::BROTLI:
      return "BROTLI";
    case Compression::ZSTD:
      return "ZSTD";
    case Compression::LZ4_RAW:
      return "LZ4_RAW";
  }
  return nullptr;
}

[[noreturn]] void throw_unknown(int32_t value) {
  throw Error("unknown compression codec " + std::to_string(value));
}

void check_range(Compression c, int level, int lo, int hi) {
  if (level < lo || level > hi) {
    throw Error(std::string(codec_name(c)) + " compression level " + std::to_string(level) +
                " is out of range: valid levels are " + std::to_string(lo) + ".." +
                std::to_string(hi));
  }
}

}  // namespace

void validate_compression_level(Compression c, std::optional<int> level) {
  if (codec_name(c) == nullptr) throw_unknown(static_cast<int32_t>(c));
  if (!level) return;
  switch (c) {
    case Compression::UNCOMPRESSED:
    case Compression::SNAPPY:
    case Compression::LZ4_RAW:
      throw Error(std::string(codec_name(c)) + " takes no compression level (got " +
                  std::to_string(*level) + "); leave the level unset");
    case Compression::GZIP:
      check_range(c, *level, 0, 9);
      return;
    case Compression::BROTLI:
      check_range(c, *level, 0, 11);
      return;
    case Compression::ZSTD:
      // zstd reads 0 as "its own default" (3), which would silently differ
      // from ours; the negative levels are its fast modes.
      if (*level == 0 || *level < ZSTD_minCLevel() || *level > ZSTD_maxCLevel()) {
        throw Error("ZSTD compression level " + std::to_string(*level) +
                    " is out of range: valid levels are 1.." + std::to_string(ZSTD_maxCLevel()) +
                    " or the fast levels " + std::to_string(ZSTD_minCLevel()) + "..-1");
      }
      return;
  }
}

int default_compression_level(Compression c) {
  switch (c) {
    case Compression::GZIP:
      return 6;
    case Compression::BROTLI:
      return 1;
    case Compression::ZSTD:
      return 1;
    case Compression::UNCOMPRESSED:
    case Compression::SNAPPY:
    case Compression::LZ4_RAW:
      return 0;
  }
  throw_unknown(static_cast<int32_t>(c));
}

std::unique_ptr<Codec> make_codec(Compression c, std::optional<int> level) {
  validate_compression_level(c, level);
  const int lvl = level.value_or(default_compression_level(c));
  switch (c) {
    case Compression::UNCOMPRESSED:
      return nullptr;
    case Compression::SNAPPY:
      return codec_detail::make_snappy();
    case Compression::GZIP:
      return codec_detail::make_gzip(lvl);
    case Compression::BROTLI:
      return codec_detail::make_brotli(lvl);
    case Compression::ZSTD:
      return codec_detail::make_zstd(lvl);
    case Compression::LZ4_RAW:
      return codec_detail::make_lz4_raw();
  }
  throw_unknown(static_cast<int32_t>(c));
}

std::unique_ptr<Codec> make_decompressor(CompressionCodec c) {
  switch (c) {
    case CompressionCodec::UNCOMPRESSED:
      return nullptr;
    case CompressionCodec::SNAPPY:
    case CompressionCodec::GZIP:
    case CompressionCodec::BROTLI:
    case CompressionCodec::ZSTD:
    case CompressionCodec::LZ4_RAW:
      return make_codec(static_cast<Compression>(c), std::nullopt);
    case CompressionCodec::LZO:
      throw Error("compression codec LZO is not supported");
    case CompressionCodec::LZ4:
      throw Error(
          "compression codec LZ4 (the deprecated Hadoop-framed variant) is not supported; "
          "LZ4_RAW is");
  }
  throw_unknown(static_cast<int32_t>(c));
}

uint32_t crc32(std::span<const uint8_t> data) {
  uLong crc = ::crc32(0L, Z_NULL, 0);
  const uint8_t* p = data.data();
  size_t left = data.size();
  while (left > 0) {  // zlib takes at most a uInt per call
    const uInt chunk = static_cast<uInt>(std::min<size_t>(left, std::numeric_limits<uInt>::max()));
    crc = ::crc32(crc, p, chunk);
    p += chunk;
    left -= chunk;
  }
  return static_cast<uint32_t>(crc);
}

namespace codec_detail {

void throw_corrupt(std::string_view codec, std::string_view detail, size_t compressed_size,
                   size_t uncompressed_size) {
  throw Error(std::string(codec) + ": corrupt page data (" + std::string(detail) + ") in " +
              std::to_string(compressed_size) + " compressed bytes expected to hold " +
              std::to_string(uncompressed_size) + " uncompressed bytes");
}

}  // namespace codec_detail

}  // namespace spillway

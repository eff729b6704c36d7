#include "compression/codec.h"

#include <brotli/decode.h>
#include <gtest/gtest.h>
#include <lz4.h>
#include <snappy.h>
#include <zlib.h>
#include <zstd.h>

#include <random>
#include <string>
#include <vector>

#include "spillway/error.h"

namespace spillway {
namespace {

std::vector<uint8_t> random_bytes(size_t n, uint32_t seed) {
  std::mt19937 rng(seed);
  std::vector<uint8_t> v(n);
  for (auto& b : v) b = static_cast<uint8_t>(rng());
  return v;
}

// Compressible: a small alphabet with runs, like encoded pages often are.
std::vector<uint8_t> compressible_bytes(size_t n, uint32_t seed) {
  std::mt19937 rng(seed);
  std::vector<uint8_t> v(n);
  for (size_t i = 0; i < n; ++i)
    v[i] = static_cast<uint8_t>("abcab\0\0\0"[(i / 7 + rng() % 2) % 8]);
  return v;
}

std::vector<uint8_t> to_vec(const ByteBuffer& b) {
  return {b.data(), b.data() + b.size()};
}

std::vector<uint8_t> compress(Codec& c, const std::vector<uint8_t>& in) {
  ByteBuffer out;
  c.compress(in, out);
  return to_vec(out);
}

struct Case {
  Compression codec;
  std::optional<int> level;
};

std::string case_name(const testing::TestParamInfo<Case>& info) {
  std::string name;
  switch (info.param.codec) {
    case Compression::SNAPPY:
      name = "SNAPPY";
      break;
    case Compression::GZIP:
      name = "GZIP";
      break;
    case Compression::BROTLI:
      name = "BROTLI";
      break;
    case Compression::ZSTD:
      name = "ZSTD";
      break;
    case Compression::LZ4_RAW:
      name = "LZ4_RAW";
      break;
    default:
      name = "OTHER";
  }
  if (info.param.level) {
    name += *info.param.level < 0 ? "_minus" + std::to_string(-*info.param.level)
                                  : "_" + std::to_string(*info.param.level);
  } else {
    name += "_default";
  }
  return name;
}

class CodecRoundTrip : public testing::TestWithParam<Case> {};

TEST_P(CodecRoundTrip, RoundTripsAssortedInputs) {
  auto codec = make_codec(GetParam().codec, GetParam().level);
  ASSERT_NE(codec, nullptr);
  EXPECT_EQ(codec->compression(), GetParam().codec);
  const std::vector<std::vector<uint8_t>> inputs = {
      {},
      {0x42},
      random_bytes(100, 1),
      random_bytes(70000, 2),
      compressible_bytes(200000, 3),
      std::vector<uint8_t>(1 << 16, 0),
  };
  // One codec for every page: its reused contexts must not leak state.
  for (const auto& in : inputs) {
    auto compressed = compress(*codec, in);
    EXPECT_LE(compressed.size(), codec->max_compressed_size(in.size()));
    ByteBuffer out;
    out.append("xy", 2);  // decompress appends after what is there
    codec->decompress(compressed, in.size(), out);
    ASSERT_EQ(out.size(), in.size() + 2);
    EXPECT_EQ(std::vector<uint8_t>(out.data() + 2, out.data() + out.size()), in);
    EXPECT_EQ(out.data()[0], 'x');

    // A separate decompressor (as a reader would make) agrees.
    auto reader = make_decompressor(static_cast<CompressionCodec>(GetParam().codec));
    ByteBuffer out2;
    reader->decompress(compressed, in.size(), out2);
    EXPECT_EQ(to_vec(out2), in);
  }
}

TEST_P(CodecRoundTrip, CompressesRepetitiveData) {
  if (GetParam().codec == Compression::GZIP && GetParam().level == 0) {
    GTEST_SKIP() << "GZIP level 0 stores";
  }
  auto codec = make_codec(GetParam().codec, GetParam().level);
  const auto in = std::vector<uint8_t>(100000, 7);
  EXPECT_LT(compress(*codec, in).size(), in.size() / 10);
}

TEST_P(CodecRoundTrip, CompressAppends) {
  auto codec = make_codec(GetParam().codec, GetParam().level);
  const auto in = compressible_bytes(5000, 9);
  const auto alone = compress(*codec, in);
  ByteBuffer out;
  out.append("head", 4);
  codec->compress(in, out);
  ASSERT_EQ(out.size(), alone.size() + 4);
  EXPECT_EQ(std::vector<uint8_t>(out.data() + 4, out.data() + out.size()), alone);
}

TEST_P(CodecRoundTrip, CorruptInputThrowsAndNeverCrashes) {
  auto codec = make_codec(GetParam().codec, GetParam().level);
  const auto in = compressible_bytes(20000, 4);
  const auto good = compress(*codec, in);
  std::mt19937 rng(5);
  std::vector<std::vector<uint8_t>> bad;
  bad.push_back({});                                                                  // empty
  bad.push_back(std::vector<uint8_t>(good.begin(), good.begin() + good.size() / 2));  // cut
  bad.push_back(random_bytes(300, 6));                                                // garbage
  for (int i = 0; i < 50; ++i) {                                                      // bit flips
    auto v = good;
    v[rng() % v.size()] ^= static_cast<uint8_t>(1u << (rng() % 8));
    bad.push_back(v);
  }
  for (const auto& b : bad) {
    ByteBuffer out;
    try {
      codec->decompress(b, in.size(), out);
      // Some flips land in literals and still decode to the right size; the
      // codec must then have produced exactly that many bytes.
      EXPECT_EQ(out.size(), in.size());
    } catch (const Error& e) {
      EXPECT_EQ(out.size(), 0u);
      EXPECT_NE(std::string(e.what()).find("corrupt page data"), std::string::npos) << e.what();
    }
  }
  // Intact data with the wrong expected size is an error either way.
  for (size_t wrong : {in.size() - 1, in.size() + 1, size_t{0}}) {
    ByteBuffer out;
    EXPECT_THROW(codec->decompress(good, wrong, out), Error) << wrong;
  }
  // The codec still works after all those failures.
  ByteBuffer out;
  codec->decompress(good, in.size(), out);
  EXPECT_EQ(to_vec(out), in);
}

INSTANTIATE_TEST_SUITE_P(
    AllCodecs, CodecRoundTrip,
    testing::Values(Case{Compression::SNAPPY, std::nullopt}, Case{Compression::GZIP, 0},
                    Case{Compression::GZIP, 1}, Case{Compression::GZIP, std::nullopt},
                    Case{Compression::GZIP, 9}, Case{Compression::BROTLI, 0},
                    Case{Compression::BROTLI, std::nullopt}, Case{Compression::BROTLI, 5},
                    Case{Compression::BROTLI, 11}, Case{Compression::ZSTD, -5},
                    Case{Compression::ZSTD, std::nullopt}, Case{Compression::ZSTD, 3},
                    Case{Compression::ZSTD, 19}, Case{Compression::LZ4_RAW, std::nullopt}),
    case_name);

TEST(CodecFormat, GzipIsAGzipStream) {
  auto codec = make_codec(Compression::GZIP, std::nullopt);
  const auto in = compressible_bytes(3000, 1);
  const auto out = compress(*codec, in);
  ASSERT_GE(out.size(), 18u);
  EXPECT_EQ(out[0], 0x1f);
  EXPECT_EQ(out[1], 0x8b);
  EXPECT_EQ(out[2], 8);  // deflate
  // RFC 1952 trailer: CRC-32 then ISIZE, both little-endian.
  const size_t n = out.size();
  const uint32_t crc = out[n - 8] | out[n - 7] << 8 | out[n - 6] << 16 | uint32_t{out[n - 5]} << 24;
  const uint32_t isize =
      out[n - 4] | out[n - 3] << 8 | out[n - 2] << 16 | uint32_t{out[n - 1]} << 24;
  EXPECT_EQ(crc, crc32(in));
  EXPECT_EQ(isize, in.size());
}

TEST(CodecFormat, GzipReadsMultipleMembers) {
  auto codec = make_codec(Compression::GZIP, 6);
  const auto a = compressible_bytes(1000, 1);
  const auto b = random_bytes(500, 2);
  auto joined = compress(*codec, a);
  const auto second = compress(*codec, b);
  joined.insert(joined.end(), second.begin(), second.end());
  ByteBuffer out;
  codec->decompress(joined, a.size() + b.size(), out);
  auto expected = a;
  expected.insert(expected.end(), b.begin(), b.end());
  EXPECT_EQ(to_vec(out), expected);
}

TEST(CodecFormat, GzipLevelsDiffer) {
  const auto in = compressible_bytes(100000, 3);
  auto stored = compress(*make_codec(Compression::GZIP, 0), in);
  auto best = compress(*make_codec(Compression::GZIP, 9), in);
  EXPECT_GT(stored.size(), in.size());  // level 0 stores
  EXPECT_LT(best.size(), in.size() / 2);
}

TEST(CodecFormat, ZstdIsOneFrameWithContentSize) {
  auto codec = make_codec(Compression::ZSTD, std::nullopt);
  const auto in = compressible_bytes(12345, 1);
  const auto out = compress(*codec, in);
  ASSERT_GE(out.size(), 4u);
  EXPECT_EQ(out[0], 0x28);  // magic 0xFD2FB528, little-endian
  EXPECT_EQ(out[1], 0xb5);
  EXPECT_EQ(out[2], 0x2f);
  EXPECT_EQ(out[3], 0xfd);
  EXPECT_EQ(ZSTD_getFrameContentSize(out.data(), out.size()), in.size());
  EXPECT_EQ(ZSTD_findFrameCompressedSize(out.data(), out.size()), out.size());
}

TEST(CodecFormat, Lz4RawIsABlockForLz4DecompressSafe) {
  auto codec = make_codec(Compression::LZ4_RAW, std::nullopt);
  const auto in = compressible_bytes(40000, 1);
  const auto out = compress(*codec, in);
  std::vector<char> back(in.size());
  const int n = LZ4_decompress_safe(reinterpret_cast<const char*>(out.data()), back.data(),
                                    static_cast<int>(out.size()), static_cast<int>(back.size()));
  ASSERT_EQ(n, static_cast<int>(in.size()));
  EXPECT_EQ(std::vector<uint8_t>(back.begin(), back.end()), in);
  // Same bytes as LZ4_compress_default.
  std::vector<char> ref(static_cast<size_t>(LZ4_compressBound(static_cast<int>(in.size()))));
  const int m = LZ4_compress_default(reinterpret_cast<const char*>(in.data()), ref.data(),
                                     static_cast<int>(in.size()), static_cast<int>(ref.size()));
  EXPECT_EQ(std::vector<uint8_t>(ref.begin(), ref.begin() + m), out);
}

TEST(CodecFormat, SnappyIsARawBlock) {
  auto codec = make_codec(Compression::SNAPPY, std::nullopt);
  const auto in = compressible_bytes(40000, 1);
  const auto out = compress(*codec, in);
  const char* p = reinterpret_cast<const char*>(out.data());
  EXPECT_TRUE(snappy::IsValidCompressedBuffer(p, out.size()));
  size_t n = 0;
  ASSERT_TRUE(snappy::GetUncompressedLength(p, out.size(), &n));
  EXPECT_EQ(n, in.size());
  std::string back;
  ASSERT_TRUE(snappy::Uncompress(p, out.size(), &back));
  EXPECT_EQ(std::vector<uint8_t>(back.begin(), back.end()), in);
}

TEST(CodecFormat, BrotliDecodesWithTheOneShotDecoder) {
  auto codec = make_codec(Compression::BROTLI, 4);
  const auto in = compressible_bytes(40000, 1);
  const auto out = compress(*codec, in);
  std::vector<uint8_t> back(in.size());
  size_t n = back.size();
  ASSERT_EQ(BrotliDecoderDecompress(out.size(), out.data(), &n, back.data()),
            BROTLI_DECODER_RESULT_SUCCESS);
  EXPECT_EQ(n, in.size());
  EXPECT_EQ(back, in);
}

TEST(CodecLevels, Defaults) {
  EXPECT_EQ(default_compression_level(Compression::GZIP), 6);
  EXPECT_EQ(default_compression_level(Compression::BROTLI), 1);
  EXPECT_EQ(default_compression_level(Compression::ZSTD), 1);
  EXPECT_EQ(default_compression_level(Compression::SNAPPY), 0);
  EXPECT_EQ(default_compression_level(Compression::LZ4_RAW), 0);
}

TEST(CodecLevels, DefaultLevelIsUsedWhenUnset) {
  const auto in = compressible_bytes(50000, 8);
  EXPECT_EQ(compress(*make_codec(Compression::ZSTD, std::nullopt), in),
            compress(*make_codec(Compression::ZSTD, 1), in));
  EXPECT_EQ(compress(*make_codec(Compression::GZIP, std::nullopt), in),
            compress(*make_codec(Compression::GZIP, 6), in));
  EXPECT_EQ(compress(*make_codec(Compression::BROTLI, std::nullopt), in),
            compress(*make_codec(Compression::BROTLI, 1), in));
}

TEST(CodecLevels, Valid) {
  for (int l = 0; l <= 9; ++l) EXPECT_NO_THROW(validate_compression_level(Compression::GZIP, l));
  for (int l = 0; l <= 11; ++l) {
    EXPECT_NO_THROW(validate_compression_level(Compression::BROTLI, l));
  }
  for (int l = 1; l <= 22; ++l) EXPECT_NO_THROW(validate_compression_level(Compression::ZSTD, l));
  EXPECT_NO_THROW(validate_compression_level(Compression::ZSTD, -1));
  EXPECT_NO_THROW(validate_compression_level(Compression::ZSTD, ZSTD_minCLevel()));
  for (auto c : {Compression::UNCOMPRESSED, Compression::SNAPPY, Compression::GZIP,
                 Compression::BROTLI, Compression::ZSTD, Compression::LZ4_RAW}) {
    EXPECT_NO_THROW(validate_compression_level(c, std::nullopt));
  }
}

void expect_level_error(Compression c, int level, const std::string& fragment) {
  try {
    validate_compression_level(c, level);
    ADD_FAILURE() << "level " << level << " accepted";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find(fragment), std::string::npos) << e.what();
  }
  EXPECT_THROW(make_codec(c, level), Error);
}

TEST(CodecLevels, Invalid) {
  expect_level_error(Compression::GZIP, -1, "0..9");
  expect_level_error(Compression::GZIP, 10, "0..9");
  expect_level_error(Compression::BROTLI, 12, "0..11");
  expect_level_error(Compression::BROTLI, -1, "0..11");
  expect_level_error(Compression::ZSTD, 23, "1..22");
  expect_level_error(Compression::ZSTD, 0, "1..22");
  expect_level_error(Compression::ZSTD, ZSTD_minCLevel() - 1, std::to_string(ZSTD_minCLevel()));
  expect_level_error(Compression::SNAPPY, 1, "SNAPPY takes no compression level");
  expect_level_error(Compression::LZ4_RAW, 1, "LZ4_RAW takes no compression level");
  EXPECT_THROW(validate_compression_level(Compression::UNCOMPRESSED, 1), Error);
  EXPECT_THROW(validate_compression_level(static_cast<Compression>(3), std::nullopt), Error);
}

TEST(CodecFactory, UncompressedAndUnsupported) {
  EXPECT_EQ(make_codec(Compression::UNCOMPRESSED, std::nullopt), nullptr);
  EXPECT_EQ(make_decompressor(CompressionCodec::UNCOMPRESSED), nullptr);
  EXPECT_THROW(make_decompressor(CompressionCodec::LZO), Error);
  try {
    make_decompressor(CompressionCodec::LZ4);
    ADD_FAILURE();
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("not supported"), std::string::npos);
  }
  EXPECT_EQ(make_decompressor(CompressionCodec::LZ4_RAW)->compression(), Compression::LZ4_RAW);
  EXPECT_THROW(make_decompressor(static_cast<CompressionCodec>(99)), Error);
}

TEST(CodecErrors, MessageNamesTheCodec) {
  auto codec = make_codec(Compression::ZSTD, std::nullopt);
  const std::vector<uint8_t> junk = random_bytes(64, 3);
  ByteBuffer out;
  try {
    codec->decompress(junk, 100, out);
    ADD_FAILURE();
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()).rfind("ZSTD: corrupt page data", 0), 0u) << e.what();
  }
}

TEST(Crc32Test, CheckValue) {
  const std::string s = "123456789";
  EXPECT_EQ(crc32({reinterpret_cast<const uint8_t*>(s.data()), s.size()}), 0xCBF43926u);
  EXPECT_EQ(crc32({}), 0u);
  const auto big = random_bytes(100000, 1);
  EXPECT_EQ(crc32(big),
            static_cast<uint32_t>(::crc32(0, big.data(), static_cast<uInt>(big.size()))));
}

}  // namespace
}  // namespace spillway

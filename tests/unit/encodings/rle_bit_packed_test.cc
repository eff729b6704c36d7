#include "encodings/rle_bit_packed.h"

#include <gtest/gtest.h>

#include <random>
#include <vector>

#include "encoding_test_util.h"
#include "spillway/error.h"

namespace spillway {
namespace {

using testing::Bytes8;

Bytes8 encode(int bit_width, const std::vector<uint32_t>& values, size_t* estimate = nullptr) {
  RleBitPackedEncoder encoder(bit_width);
  encoder.put_batch(values.data(), values.size());
  EXPECT_EQ(encoder.num_values(), values.size());
  if (estimate != nullptr) *estimate = encoder.estimated_size();
  ByteBuffer out;
  encoder.flush_to(out);
  return testing::to_vector(out);
}

std::vector<uint32_t> decode(int bit_width, const Bytes8& bytes, size_t n) {
  RleBitPackedDecoder decoder(bytes, bit_width);
  std::vector<uint32_t> out(n);
  EXPECT_EQ(decoder.get_batch(out.data(), n), n);
  EXPECT_EQ(decoder.offset(), bytes.size());
  return out;
}

TEST(BitWidthFor, Values) {
  EXPECT_EQ(bit_width_for(0), 0);
  EXPECT_EQ(bit_width_for(1), 1);
  EXPECT_EQ(bit_width_for(2), 2);
  EXPECT_EQ(bit_width_for(3), 2);
  EXPECT_EQ(bit_width_for(4), 3);
  EXPECT_EQ(bit_width_for(255), 8);
  EXPECT_EQ(bit_width_for(256), 9);
  EXPECT_EQ(bit_width_for(0xffffffffu), 32);
  EXPECT_EQ(bit_width_for(~uint64_t{0}), 64);
}

TEST(RleBitPackedEncoder, SpecBitPackingExample) {
  // Encodings.md: 0..7 at bit width 3 pack to 10001000 11000110 11111010,
  // behind a header of one group: (1 << 1) | 1.
  EXPECT_EQ(encode(3, {0, 1, 2, 3, 4, 5, 6, 7}), (Bytes8{0x03, 0x88, 0xC6, 0xFA}));
}

TEST(RleBitPackedEncoder, RepeatedRuns) {
  // Header varint(100 << 1) = C8 01, then the value in one byte.
  EXPECT_EQ(encode(3, std::vector<uint32_t>(100, 5)), (Bytes8{0xC8, 0x01, 0x05}));
  // Bit width 0: the value takes no bytes.
  EXPECT_EQ(encode(0, std::vector<uint32_t>(10, 0)), (Bytes8{0x14}));
  // Bit width 9: two value bytes, little-endian.
  EXPECT_EQ(encode(9, std::vector<uint32_t>(8, 300)), (Bytes8{0x10, 0x2C, 0x01}));
  EXPECT_EQ(encode(32, std::vector<uint32_t>(9, 0xDEADBEEF)),
            (Bytes8{0x12, 0xEF, 0xBE, 0xAD, 0xDE}));
  // Fewer than 8 identical values at the end still form an RLE run.
  EXPECT_EQ(encode(1, {1, 1, 1}), (Bytes8{0x06, 0x01}));
}

TEST(RleBitPackedEncoder, ShortLiteralIsPaddedToAGroup) {
  EXPECT_EQ(encode(1, {1, 0, 1}), (Bytes8{0x03, 0x05}));
  EXPECT_EQ(encode(2, {1}), (Bytes8{0x02, 0x01}));  // one value: an RLE run of 1
}

TEST(RleBitPackedEncoder, RunThenLiteralExactBytes) {
  std::vector<uint32_t> v(10, 3);
  for (uint32_t i = 0; i < 8; ++i) v.push_back(i % 4);
  // RLE run of 10 threes, then one bit-packed group 0,1,2,3,0,1,2,3 (E4 E4).
  EXPECT_EQ(encode(2, v), (Bytes8{0x14, 0x03, 0x03, 0xE4, 0xE4}));
}

TEST(RleBitPackedEncoder, LiteralRunsSplitAt63Groups) {
  std::vector<uint32_t> v;
  for (int i = 0; i < 64 * 8; ++i) v.push_back(i % 7);
  Bytes8 bytes = encode(3, v);
  ASSERT_EQ(bytes.size(), 1 + 63 * 3 + 1 + 3u);
  EXPECT_EQ(bytes[0], (63 << 1) | 1);
  EXPECT_EQ(bytes[1 + 63 * 3], (1 << 1) | 1);
  EXPECT_EQ(decode(3, bytes, v.size()), v);
}

TEST(RleBitPackedEncoder, PutAndPutBatchAgree) {
  std::mt19937 rng(7);
  std::vector<uint16_t> v;
  for (int i = 0; i < 3000; ++i) {
    uint16_t x = rng() % 5;
    int repeat = rng() % 3 == 0 ? static_cast<int>(rng() % 40) : 1;
    for (int r = 0; r < repeat; ++r) v.push_back(x);
  }
  RleBitPackedEncoder a(3), b(3);
  for (uint16_t x : v) a.put(x);
  for (size_t i = 0; i < v.size(); i += 37)
    b.put_batch(v.data() + i, std::min<size_t>(37, v.size() - i));
  ByteBuffer out_a, out_b;
  a.flush_to(out_a);
  b.flush_to(out_b);
  EXPECT_EQ(testing::to_vector(out_a), testing::to_vector(out_b));
}

TEST(RleBitPackedEncoder, RoundTripsAndEstimatesExactly) {
  std::mt19937 rng(1);
  const int widths[] = {0, 1, 2, 3, 5, 7, 8, 9, 13, 16, 17, 24, 31, 32};
  const size_t lengths[] = {0, 1, 7, 8, 9, 15, 16, 17, 504, 505, 1000, 5000};
  for (int w : widths) {
    const uint64_t max = w == 0 ? 0 : (uint64_t{1} << w) - 1;
    for (size_t n : lengths) {
      std::vector<uint32_t> v;
      while (v.size() < n) {
        uint32_t x = static_cast<uint32_t>(rng() % (max + 1));
        if (rng() % 4 == 0) x = static_cast<uint32_t>(max);
        size_t repeat = rng() % 3 == 0 ? rng() % 30 : 1;
        for (size_t r = 0; r < repeat && v.size() < n; ++r) v.push_back(x);
      }
      size_t estimate = 0;
      Bytes8 bytes = encode(w, v, &estimate);
      EXPECT_EQ(estimate, bytes.size()) << "width " << w << " n " << n;
      EXPECT_EQ(decode(w, bytes, n), v) << "width " << w << " n " << n;
    }
  }
}

TEST(RleBitPackedEncoder, EstimateIsExactAfterEveryPut) {
  std::mt19937 rng(3);
  RleBitPackedEncoder encoder(4);
  std::vector<uint32_t> v;
  for (int i = 0; i < 400; ++i) {
    uint32_t x = rng() % 2 == 0 ? 9 : rng() % 16;
    encoder.put(x);
    v.push_back(x);
    ByteBuffer reference;
    RleBitPackedEncoder copy(4);
    copy.put_batch(v.data(), v.size());
    copy.flush_to(reference);
    ASSERT_EQ(encoder.estimated_size(), reference.size()) << "after " << v.size() << " values";
  }
}

TEST(RleBitPackedEncoder, FlushResetsForTheNextPage) {
  RleBitPackedEncoder encoder(4);
  std::vector<uint32_t> first = {1, 2, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3};
  std::vector<uint32_t> second = {7, 7, 1};
  encoder.put_batch(first.data(), first.size());
  ByteBuffer out;
  encoder.flush_to(out);
  out.clear();
  encoder.put_batch(second.data(), second.size());
  EXPECT_EQ(encoder.num_values(), 3u);
  encoder.flush_to(out);
  EXPECT_EQ(testing::to_vector(out), encode(4, second));
}

TEST(RleBitPackedEncoder, ClearDropsValues) {
  RleBitPackedEncoder encoder(2);
  std::vector<uint32_t> v(20, 1);
  encoder.put_batch(v.data(), v.size());
  encoder.clear();
  EXPECT_EQ(encoder.estimated_size(), 0u);
  ByteBuffer out;
  encoder.flush_to(out);
  EXPECT_TRUE(out.empty());
}

TEST(RleBitPackedEncoder, RejectsValuesWiderThanTheBitWidth) {
  EXPECT_THROW(RleBitPackedEncoder(33), Error);
  EXPECT_THROW(RleBitPackedEncoder(-1), Error);
  {
    RleBitPackedEncoder encoder(3);
    std::vector<uint32_t> v = {1, 2, 8, 1, 2, 3, 4, 5};
    EXPECT_THROW(encoder.put_batch(v.data(), v.size()), Error);
  }
  {
    RleBitPackedEncoder encoder(3);
    std::vector<uint32_t> v(12, 9);  // an RLE run of an out-of-range value
    ByteBuffer out;
    EXPECT_THROW(
        {
          encoder.put_batch(v.data(), v.size());
          encoder.flush_to(out);
        },
        Error);
  }
  {
    RleBitPackedEncoder encoder(2);
    std::vector<int16_t> v = {0, 1, -1};
    ByteBuffer out;
    encoder.put_batch(v.data(), v.size());
    EXPECT_THROW(encoder.flush_to(out), Error);
  }
}

TEST(RleBitPackedDecoder, AcceptsRunsAnyWriterMayProduce) {
  // A bit-packed run of 2 groups followed by an RLE run and an empty RLE run.
  Bytes8 bytes = {0x05, 0xFF, 0x00, 0x08, 0x01, 0x00, 0x00};
  RleBitPackedDecoder decoder(bytes, 1);
  std::vector<uint32_t> out(20);
  ASSERT_EQ(decoder.get_batch(out.data(), 20), 20u);
  std::vector<uint32_t> expected = {1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1};
  EXPECT_EQ(out, expected);
  uint32_t extra;
  EXPECT_EQ(decoder.get_batch(&extra, 1), 0u);
}

TEST(RleBitPackedDecoder, EmptyInputYieldsNothing) {
  RleBitPackedDecoder decoder({}, 5);
  uint32_t v;
  EXPECT_EQ(decoder.get_batch(&v, 1), 0u);
}

TEST(RleBitPackedDecoder, MalformedRunsThrow) {
  EXPECT_THROW(RleBitPackedDecoder({}, 33), Error);
  uint32_t out[64];
  auto expect_throw = [&](Bytes8 bytes, int w) {
    RleBitPackedDecoder decoder(bytes, w);
    EXPECT_THROW(decoder.get_batch(out, 64), Error) << "width " << w;
  };
  expect_throw({0x10}, 8);                                // RLE run missing its value byte
  expect_throw({0x10, 0x01}, 9);                          // ... missing the second value byte
  expect_throw({0x05, 0xFF}, 1);                          // two groups, one byte
  expect_throw({0x03, 0xFF, 0xFF}, 3);                    // one group of width 3, two bytes
  expect_throw({0x80, 0x80}, 2);                          // truncated varint header
  expect_throw(Bytes8(11, 0x80), 2);                      // varint longer than 10 bytes
  expect_throw({0x80, 0x80, 0x80, 0x80, 0x20, 0x00}, 2);  // header above 32 bits
  expect_throw({0x10, 0x04}, 2);                          // RLE value 4 exceeds bit width 2
  try {
    const Bytes8 bytes = {0x02, 0x01, 0x10};  // a run of 1, then a run missing its value
    RleBitPackedDecoder decoder(bytes, 8);
    decoder.get_batch(out, 64);
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("byte offset 3"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace spillway

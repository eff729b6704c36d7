// DELTA_BINARY_PACKED, DELTA_LENGTH_BYTE_ARRAY and DELTA_BYTE_ARRAY against
// the examples of Encodings.md and hand-worked bytes.

#include "encodings/delta_encoder.h"

#include <gtest/gtest.h>

#include <limits>
#include <string>
#include <vector>

#include "encoding_test_util.h"
#include "encodings/bit_util.h"
#include "encodings/decoder.h"
#include "spillway/error.h"

namespace spillway {
namespace {

using testing::Bytes8;
using testing::bytes_of;
using testing::concat;
using testing::StringValues;

template <typename DType>
Bytes8 dbp(const std::vector<typename DType::value_type>& v, uint32_t block = 128,
           uint32_t miniblocks = 4) {
  DeltaBinaryPackedEncoder<DType> encoder(block, miniblocks);
  encoder.put(v.data(), v.size());
  const size_t estimate = encoder.estimated_data_size();
  ByteBuffer out;
  encoder.flush_to(out);
  EXPECT_EQ(estimate, out.size());
  return testing::to_vector(out);
}

template <typename T>
std::vector<T> undbp(const Bytes8& bytes, size_t n) {
  std::vector<T> out(n);
  EXPECT_EQ(decode_delta_binary_packed<T>(bytes, n, out.data()), bytes.size());
  return out;
}

// Skips the header (4 varints) and the first block's min delta.
int first_miniblock_width(const Bytes8& bytes) {
  ByteReader r(bytes, "test");
  for (int i = 0; i < 5; ++i) r.read_uleb128();
  return r.read_u8();
}

// Encodings.md uses a block of 8 values in 1 miniblock to keep its examples
// short (invalid for real files, which our writer never produces).
TEST(DeltaBinaryPacked, SpecExample1) {
  // Header 8, 1, 5, zigzag(1); block: zigzag(min delta 1), width 0, no data.
  const Bytes8 expected = {0x08, 0x01, 0x05, 0x02, 0x02, 0x00};
  EXPECT_EQ(dbp<Int32Type>({1, 2, 3, 4, 5}, 8, 1), expected);
  EXPECT_EQ(undbp<int32_t>(expected, 5), (std::vector<int32_t>{1, 2, 3, 4, 5}));
}

TEST(DeltaBinaryPacked, SpecExample2) {
  // Deltas -2,-2,-2,1,1,1,1; min -2 (zigzag 3); relative 0,0,0,3,3,3,3 (+ one
  // padding 0) at width 2 pack LSB first into C0 3F.
  const Bytes8 expected = {0x08, 0x01, 0x08, 0x0E, 0x03, 0x02, 0xC0, 0x3F};
  const std::vector<int32_t> values = {7, 5, 3, 1, 2, 3, 4, 5};
  EXPECT_EQ(dbp<Int32Type>(values, 8, 1), expected);
  EXPECT_EQ(undbp<int32_t>(expected, 8), values);
}

TEST(DeltaBinaryPacked, RealBlockShapeExactBytes) {
  // Block 128 (80 01) in 4 miniblocks; unused miniblocks get width 0, no data.
  EXPECT_EQ(dbp<Int64Type>({1, 2, 3, 4, 5}),
            (Bytes8{0x80, 0x01, 0x04, 0x05, 0x02, 0x02, 0x00, 0x00, 0x00, 0x00}));
  EXPECT_EQ(dbp<Int32Type>({7, 5, 3, 1, 2, 3, 4, 5}),
            (Bytes8{0x80, 0x01, 0x04, 0x08, 0x0E, 0x03, 0x02, 0x00, 0x00, 0x00, 0xC0, 0x3F, 0x00,
                    0x00, 0x00, 0x00, 0x00, 0x00}));
  // No values: header only, first value 0. One value: header only.
  EXPECT_EQ(dbp<Int32Type>({}), (Bytes8{0x80, 0x01, 0x04, 0x00, 0x00}));
  EXPECT_EQ(dbp<Int32Type>({42}), (Bytes8{0x80, 0x01, 0x04, 0x01, 0x54}));
  EXPECT_EQ(dbp<Int32Type>({-1}), (Bytes8{0x80, 0x01, 0x04, 0x01, 0x01}));
}

TEST(DeltaBinaryPacked, BlockBoundaries) {
  for (size_t n : {127, 128, 129, 130, 256, 257, 1000}) {
    std::vector<int64_t> v(n);
    for (size_t i = 0; i < n; ++i) v[i] = static_cast<int64_t>(i % 37) * (i % 2 ? -1 : 1000);
    EXPECT_EQ(undbp<int64_t>(dbp<Int64Type>(v), n), v) << n;
  }
}

TEST(DeltaBinaryPacked, ExtremesWrapAround) {
  using L32 = std::numeric_limits<int32_t>;
  using L64 = std::numeric_limits<int64_t>;
  const std::vector<int32_t> v32 = {L32::min(), L32::max(), L32::min(), 0, L32::max(), -1, 1};
  const std::vector<int64_t> v64 = {L64::min(), L64::max(), L64::min(), 0, L64::max(), -1, 1};
  Bytes8 b32 = dbp<Int32Type>(v32);
  Bytes8 b64 = dbp<Int64Type>(v64);
  // INT32 deltas stay within 32 bits (the decoder rejects wider miniblocks).
  EXPECT_EQ(first_miniblock_width(b32), 32);
  EXPECT_EQ(first_miniblock_width(b64), 64);
  EXPECT_EQ(undbp<int32_t>(b32, v32.size()), v32);
  EXPECT_EQ(undbp<int64_t>(b64, v64.size()), v64);
}

TEST(DeltaBinaryPacked, RejectsBadShapes) {
  EXPECT_THROW(DeltaBinaryPackedEncoder<Int32Type>(0, 1), Error);
  EXPECT_THROW(DeltaBinaryPackedEncoder<Int32Type>(128, 0), Error);
  EXPECT_THROW(DeltaBinaryPackedEncoder<Int32Type>(128, 3), Error);
  EXPECT_THROW(DeltaBinaryPackedEncoder<Int32Type>(12, 1), Error);
}

TEST(DeltaLengthByteArray, SpecExample) {
  // DeltaEncoding(5, 5, 6, 6), then "HelloWorldFoobarABCDEF". The lengths:
  // header 128/4/4/zigzag(5); min delta 0; widths 1,0,0,0; deltas 0,1,0 -> 02.
  const Bytes8 lengths = {0x80, 0x01, 0x04, 0x04, 0x0A, 0x00, 0x01,
                          0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00};
  EXPECT_EQ(dbp<Int32Type>({5, 5, 6, 6}), lengths);
  StringValues v{"Hello", "World", "Foobar", "ABCDEF"};
  DeltaLengthByteArrayEncoder encoder;
  encoder.put(v.data(), v.size());
  ByteBuffer out;
  encoder.flush_to(out);
  EXPECT_EQ(testing::to_vector(out), concat({lengths, bytes_of("HelloWorldFoobarABCDEF")}));
}

TEST(DeltaByteArray, SpecExample) {
  // Prefix lengths 0,2,0,3; suffix lengths 4,2,6,5; "axislebabbleyhood".
  StringValues v{"axis", "axle", "babble", "babyhood"};
  DeltaByteArrayEncoder<ByteArrayType> encoder(0);
  encoder.put(v.data(), v.size());
  ByteBuffer out;
  encoder.flush_to(out);
  EXPECT_EQ(testing::to_vector(out),
            concat({dbp<Int32Type>({0, 2, 0, 3}), dbp<Int32Type>({4, 2, 6, 5}),
                    bytes_of("axislebabbleyhood")}));
  std::vector<uint8_t> storage;
  auto decoded =
      decode_values<ByteArrayType>(Encoding::DELTA_BYTE_ARRAY, out.span(), 4, 0, &storage);
  ASSERT_EQ(decoded.size(), 4u);
  EXPECT_EQ(decoded[3].view(), "babyhood");
}

TEST(DeltaByteArray, PrefixesResetAtEachPage) {
  DeltaByteArrayEncoder<ByteArrayType> encoder(0);
  StringValues a{"prefix-one"};
  StringValues b{"prefix-two"};
  ByteBuffer first, second;
  encoder.put(a.data(), 1);
  encoder.flush_to(first);
  encoder.put(b.data(), 1);
  encoder.flush_to(second);
  // The second page must not refer to the first page's value.
  EXPECT_EQ(testing::to_vector(second),
            concat({dbp<Int32Type>({0}), dbp<Int32Type>({10}), bytes_of("prefix-two")}));
}

TEST(DeltaByteArray, FixedLenByteArrayEncodesAllLengths) {
  const uint8_t raw[] = {'a', 'b', 'c', 'a', 'b', 'd'};
  FixedLenByteArray v[] = {{raw}, {raw + 3}};
  DeltaByteArrayEncoder<FLBAType> encoder(3);
  encoder.put(v, 2);
  ByteBuffer out;
  encoder.flush_to(out);
  EXPECT_EQ(testing::to_vector(out),
            concat({dbp<Int32Type>({0, 2}), dbp<Int32Type>({3, 1}), bytes_of("abcd")}));
  EXPECT_THROW(DeltaByteArrayEncoder<FLBAType>(0), Error);
}

}  // namespace
}  // namespace spillway

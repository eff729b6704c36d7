// Every encoder of make_encoder round-trips through decode_values, with an
// exact size estimate; a few outputs are checked byte for byte.

#include "encodings/encoder.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "encoding_test_util.h"
#include "encodings/decoder.h"
#include "spillway/error.h"

namespace spillway {
namespace {

using testing::Bytes8;
using testing::StringValues;

template <typename DType>
Bytes8 encode(Encoding encoding, int32_t type_length, const typename DType::value_type* values,
              size_t n) {
  auto encoder = make_encoder<DType>(encoding, type_length);
  encoder->put(values, n);
  const size_t estimate = encoder->estimated_data_size();
  ByteBuffer out;
  encoder->flush_to(out);
  EXPECT_EQ(estimate, out.size());
  return testing::to_vector(out);
}

template <typename DType>
void expect_equal_values(const std::vector<typename DType::value_type>& got,
                         const typename DType::value_type* want, size_t n, int32_t type_length,
                         const std::string& label) {
  ASSERT_EQ(got.size(), n) << label;
  for (size_t i = 0; i < n; ++i) {
    if constexpr (std::is_same_v<DType, ByteArrayType>) {
      ASSERT_EQ(got[i].view(), want[i].view()) << label << " value " << i;
    } else if constexpr (std::is_same_v<DType, FLBAType>) {
      ASSERT_EQ(0, std::memcmp(got[i].ptr, want[i].ptr, type_length)) << label << " value " << i;
    } else if constexpr (std::is_same_v<DType, BooleanType>) {
      ASSERT_EQ(got[i], want[i]) << label << " value " << i;
    } else {
      ASSERT_TRUE(testing::same_bits(got[i], want[i]))
          << label << " value " << i << ": " << got[i] << " vs " << want[i];
    }
  }
}

// Puts the values in uneven batches (1, 4, 13, 40, ... values), checks the
// estimate against the flushed size, that one batch gives the same bytes,
// that a second page on the same encoder starts afresh, and decodes.
template <typename DType>
void check_round_trip(Encoding encoding, int32_t type_length,
                      const typename DType::value_type* values, size_t n,
                      const std::string& label) {
  auto encoder = make_encoder<DType>(encoding, type_length);
  ASSERT_EQ(encoder->encoding(), encoding);
  for (size_t i = 0, step = 1; i < n; step = step * 3 + 1) {
    size_t m = std::min(step, n - i);
    encoder->put(values + i, m);
    i += m;
  }
  const size_t estimate = encoder->estimated_data_size();
  ByteBuffer page;
  encoder->flush_to(page);
  EXPECT_EQ(estimate, page.size()) << label;

  Bytes8 bytes = testing::to_vector(page);
  EXPECT_EQ(bytes, encode<DType>(encoding, type_length, values, n)) << label;
  encoder->put(values, n);
  ByteBuffer second;
  encoder->flush_to(second);
  EXPECT_EQ(testing::to_vector(second), bytes) << label << " (second page)";

  std::vector<uint8_t> storage;
  size_t consumed = 0;
  auto decoded = decode_values<DType>(encoding, bytes, n, type_length, &storage, &consumed);
  EXPECT_EQ(consumed, bytes.size()) << label;
  expect_equal_values<DType>(decoded, values, n, type_length, label);
}

template <typename DType>
void check_encodings(std::initializer_list<Encoding> encodings, int32_t type_length,
                     const std::vector<std::vector<typename DType::value_type>>& cases) {
  for (Encoding e : encodings) {
    for (size_t c = 0; c < cases.size(); ++c) {
      std::string label = std::string(to_string(e)) + " case " + std::to_string(c);
      check_round_trip<DType>(e, type_length, cases[c].data(), cases[c].size(), label);
    }
  }
}

template <typename T>
std::vector<std::vector<T>> integer_cases() {
  using L = std::numeric_limits<T>;
  std::mt19937_64 rng(5);
  std::vector<std::vector<T>> cases = {{}, {42}, {-7}, {1, 2, 3, 4, 5, 6, 7, 8}};
  std::vector<T> squares, mixed, extremes, random, runs;
  for (int i = 0; i < 128; ++i) squares.push_back(static_cast<T>(i * i));
  for (int i = 0; i < 129; ++i) mixed.push_back(static_cast<T>(rng() % 1000) - 500);
  const T ends[] = {L::min(), L::max(), L::min(), 0, -1, L::max(), L::max(), L::min(), 1};
  for (int i = 0; i < 300; ++i) extremes.push_back(ends[(i * 7 + i / 9) % 9]);
  for (int i = 0; i < 2000; ++i) random.push_back(static_cast<T>(rng()));
  for (int i = 0; i < 1000; ++i) runs.push_back(static_cast<T>((i / 50) * 1000003));
  cases.insert(cases.end(), {squares, mixed, extremes, random, runs});
  return cases;
}

template <typename T>
std::vector<std::vector<T>> float_cases() {
  using L = std::numeric_limits<T>;
  using Bits = std::conditional_t<sizeof(T) == 4, uint32_t, uint64_t>;
  auto from_bits = [](Bits b) {
    T v;
    std::memcpy(&v, &b, sizeof v);
    return v;
  };
  const Bits payload_nan =
      static_cast<Bits>(sizeof(T) == 4 ? uint64_t{0x7fc00123} : uint64_t{0x7ff8000000000123});
  std::vector<T> special = {0.0,
                            -0.0,
                            L::quiet_NaN(),
                            -L::quiet_NaN(),
                            from_bits(payload_nan),
                            L::infinity(),
                            -L::infinity(),
                            L::denorm_min(),
                            L::max(),
                            L::lowest(),
                            1.5};
  std::mt19937 rng(9);
  std::vector<T> random;
  for (int i = 0; i < 1000; ++i) random.push_back(static_cast<T>(rng()) / 7);
  return {{}, {T(3.25)}, special, random};
}

TEST(Encoders, Int32RoundTrips) {
  check_encodings<Int32Type>(
      {Encoding::PLAIN, Encoding::DELTA_BINARY_PACKED, Encoding::BYTE_STREAM_SPLIT}, 0,
      integer_cases<int32_t>());
}

TEST(Encoders, Int64RoundTrips) {
  check_encodings<Int64Type>(
      {Encoding::PLAIN, Encoding::DELTA_BINARY_PACKED, Encoding::BYTE_STREAM_SPLIT}, 0,
      integer_cases<int64_t>());
}

TEST(Encoders, FloatAndDoubleRoundTripBitForBit) {
  check_encodings<FloatType>({Encoding::PLAIN, Encoding::BYTE_STREAM_SPLIT}, 0,
                             float_cases<float>());
  check_encodings<DoubleType>({Encoding::PLAIN, Encoding::BYTE_STREAM_SPLIT}, 0,
                              float_cases<double>());
}

TEST(Encoders, BooleanRoundTrips) {
  std::mt19937 rng(2);
  for (size_t n : {0, 1, 7, 8, 9, 1000}) {
    for (int pattern = 0; pattern < 3; ++pattern) {
      std::unique_ptr<bool[]> v(new bool[n + 1]);
      for (size_t i = 0; i < n; ++i)
        v[i] = pattern == 0 ? rng() % 2 : pattern == 1 ? (i / 30) % 2 : true;
      for (Encoding e : {Encoding::PLAIN, Encoding::RLE}) {
        check_round_trip<BooleanType>(e, 0, v.get(), n,
                                      std::string(to_string(e)) + " n " + std::to_string(n) +
                                          " pattern " + std::to_string(pattern));
      }
    }
  }
}

TEST(Encoders, ByteArrayRoundTrips) {
  std::mt19937 rng(4);
  std::vector<std::string> random;
  for (int i = 0; i < 300; ++i) {
    std::string s(rng() % 20, '\0');
    for (auto& c : s) c = static_cast<char>(rng() % 4 == 0 ? 0 : 'a' + rng() % 3);
    random.push_back(s);
  }
  std::vector<std::string> sorted = random;
  std::sort(sorted.begin(), sorted.end());
  const std::vector<std::vector<std::string>> string_cases = {
      {},
      {""},
      {"", "", ""},
      {"a"},
      {"axis", "axle", "babble", "babyhood"},
      {std::string(100000, 'x'), "xx", std::string(70000, 'x') + "y", ""},
      random,
      sorted};
  for (Encoding e :
       {Encoding::PLAIN, Encoding::DELTA_LENGTH_BYTE_ARRAY, Encoding::DELTA_BYTE_ARRAY}) {
    for (size_t c = 0; c < string_cases.size(); ++c) {
      StringValues v(string_cases[c]);
      check_round_trip<ByteArrayType>(e, 0, v.data(), v.size(),
                                      std::string(to_string(e)) + " case " + std::to_string(c));
    }
  }
}

TEST(Encoders, FixedLenByteArrayRoundTrips) {
  std::mt19937 rng(6);
  for (int32_t width : {1, 2, 12, 16, 32}) {
    for (size_t n : {0, 1, 8, 129}) {
      std::vector<uint8_t> bytes(n * width);
      for (size_t i = 0; i < n; ++i) {
        // Runs of shared prefixes and exact repeats, for DELTA_BYTE_ARRAY.
        for (int32_t j = 0; j < width; ++j) {
          bytes[i * width + j] = j < width / 2 ? static_cast<uint8_t>(i / 10) : rng() % 3;
        }
        if (i % 5 == 4) std::memcpy(&bytes[i * width], &bytes[(i - 1) * width], width);
      }
      std::vector<FixedLenByteArray> v(n);
      for (size_t i = 0; i < n; ++i) v[i].ptr = bytes.data() + i * width;
      for (Encoding e :
           {Encoding::PLAIN, Encoding::DELTA_BYTE_ARRAY, Encoding::BYTE_STREAM_SPLIT}) {
        check_round_trip<FLBAType>(e, width, v.data(), n,
                                   std::string(to_string(e)) + " width " + std::to_string(width) +
                                       " n " + std::to_string(n));
      }
    }
  }
}

TEST(Encoders, PlainExactBytes) {
  int32_t ints[] = {1, -1};
  EXPECT_EQ(encode<Int32Type>(Encoding::PLAIN, 0, ints, 2),
            (Bytes8{0x01, 0x00, 0x00, 0x00, 0xFF, 0xFF, 0xFF, 0xFF}));
  double d[] = {1.0};
  EXPECT_EQ(encode<DoubleType>(Encoding::PLAIN, 0, d, 1), (Bytes8{0, 0, 0, 0, 0, 0, 0xF0, 0x3F}));
  // Booleans: LSB first, last byte zero-padded.
  bool b[] = {true, false, true, true, false, false, false, false, true};
  EXPECT_EQ(encode<BooleanType>(Encoding::PLAIN, 0, b, 9), (Bytes8{0x0D, 0x01}));
  StringValues strings{"ab", ""};
  EXPECT_EQ(encode<ByteArrayType>(Encoding::PLAIN, 0, strings.data(), 2),
            (Bytes8{0x02, 0x00, 0x00, 0x00, 'a', 'b', 0x00, 0x00, 0x00, 0x00}));
  const uint8_t raw[] = {'a', 'b', 'c', 'd'};
  FixedLenByteArray flba[] = {{raw}, {raw + 2}};
  EXPECT_EQ(encode<FLBAType>(Encoding::PLAIN, 2, flba, 2), (Bytes8{'a', 'b', 'c', 'd'}));
}

TEST(Encoders, RleBooleanExactBytes) {
  // 4-byte length, then hybrid runs at bit width 1.
  bool ten[10];
  std::fill(std::begin(ten), std::end(ten), true);
  EXPECT_EQ(encode<BooleanType>(Encoding::RLE, 0, ten, 10),
            (Bytes8{0x02, 0x00, 0x00, 0x00, 0x14, 0x01}));
  bool mixed[] = {true, false, true};
  EXPECT_EQ(encode<BooleanType>(Encoding::RLE, 0, mixed, 3),
            (Bytes8{0x02, 0x00, 0x00, 0x00, 0x03, 0x05}));
  EXPECT_EQ(encode<BooleanType>(Encoding::RLE, 0, mixed, 0), (Bytes8{0x00, 0x00, 0x00, 0x00}));
}

TEST(Encoders, ByteStreamSplitSpecExample) {
  // Encodings.md: AA BB CC DD | 00 11 22 33 | A3 B4 C5 D6 becomes
  // AA 00 A3 BB 11 B4 CC 22 C5 DD 33 D6.
  const uint8_t raw[] = {0xAA, 0xBB, 0xCC, 0xDD, 0x00, 0x11, 0x22, 0x33, 0xA3, 0xB4, 0xC5, 0xD6};
  const Bytes8 expected = {0xAA, 0x00, 0xA3, 0xBB, 0x11, 0xB4, 0xCC, 0x22, 0xC5, 0xDD, 0x33, 0xD6};
  float f[3];
  std::memcpy(f, raw, sizeof raw);
  EXPECT_EQ(encode<FloatType>(Encoding::BYTE_STREAM_SPLIT, 0, f, 3), expected);
  FixedLenByteArray flba[] = {{raw}, {raw + 4}, {raw + 8}};
  EXPECT_EQ(encode<FLBAType>(Encoding::BYTE_STREAM_SPLIT, 4, flba, 3), expected);
}

// The caller's bytes are valid only during put(): overwrite them afterwards.
TEST(Encoders, ByteValuesAreCopiedAtPut) {
  for (Encoding e :
       {Encoding::PLAIN, Encoding::DELTA_LENGTH_BYTE_ARRAY, Encoding::DELTA_BYTE_ARRAY}) {
    auto encoder = make_encoder<ByteArrayType>(e, 0);
    std::string a = "hello world", b = "hello there";
    const ByteArray v[] = {{reinterpret_cast<const uint8_t*>(a.data()), 11},
                           {reinterpret_cast<const uint8_t*>(b.data()), 11}};
    encoder->put(v, 2);
    std::fill(a.begin(), a.end(), '#');
    std::fill(b.begin(), b.end(), '#');
    ByteBuffer out;
    encoder->flush_to(out);
    std::vector<uint8_t> storage;
    auto decoded = decode_values<ByteArrayType>(e, out.span(), 2, 0, &storage);
    EXPECT_EQ(decoded[0].view(), "hello world") << to_string(e);
    EXPECT_EQ(decoded[1].view(), "hello there") << to_string(e);
  }
  for (Encoding e : {Encoding::PLAIN, Encoding::DELTA_BYTE_ARRAY, Encoding::BYTE_STREAM_SPLIT}) {
    auto encoder = make_encoder<FLBAType>(e, 3);
    uint8_t raw[] = {'a', 'b', 'c', 'a', 'b', 'd'};
    FixedLenByteArray v[] = {{raw}, {raw + 3}};
    encoder->put(v, 2);
    std::fill(std::begin(raw), std::end(raw), '#');
    ByteBuffer out;
    encoder->flush_to(out);
    std::vector<uint8_t> storage;
    auto decoded = decode_values<FLBAType>(e, out.span(), 2, 3, &storage);
    EXPECT_EQ(std::string(reinterpret_cast<const char*>(decoded[0].ptr), 3), "abc");
    EXPECT_EQ(std::string(reinterpret_cast<const char*>(decoded[1].ptr), 3), "abd");
  }
}

TEST(Encoders, MemorySizeCountsBufferedValues) {
  for (Encoding e : {Encoding::PLAIN, Encoding::DELTA_BINARY_PACKED, Encoding::BYTE_STREAM_SPLIT}) {
    auto encoder = make_encoder<Int64Type>(e, 0);
    std::mt19937_64 rng(1);
    std::vector<int64_t> v(10000);
    for (auto& x : v) x = static_cast<int64_t>(rng());
    encoder->put(v.data(), v.size());
    EXPECT_GE(encoder->memory_size(), encoder->estimated_data_size() / 2) << to_string(e);
    EXPECT_GT(encoder->memory_size(), 10000u) << to_string(e);
  }
}

void expect_rejected(const std::function<void()>& make, const std::string& message) {
  try {
    make();
    FAIL() << "expected: " << message;
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find(message), std::string::npos) << e.what();
  }
}

TEST(Encoders, InapplicableEncodingsAreRejected) {
  expect_rejected([] { make_encoder<DoubleType>(Encoding::DELTA_BINARY_PACKED, 0); },
                  "DELTA_BINARY_PACKED cannot encode DOUBLE");
  expect_rejected([] { make_encoder<Int32Type>(Encoding::RLE, 0); }, "RLE cannot encode INT32");
  expect_rejected([] { make_encoder<FLBAType>(Encoding::DELTA_LENGTH_BYTE_ARRAY, 4); },
                  "DELTA_LENGTH_BYTE_ARRAY cannot encode FIXED_LEN_BYTE_ARRAY");
  expect_rejected([] { make_encoder<Int64Type>(Encoding::DELTA_BYTE_ARRAY, 0); },
                  "DELTA_BYTE_ARRAY cannot encode INT64");
  expect_rejected([] { make_encoder<BooleanType>(Encoding::BYTE_STREAM_SPLIT, 0); },
                  "BYTE_STREAM_SPLIT cannot encode BOOLEAN");
  expect_rejected([] { make_encoder<ByteArrayType>(Encoding::BYTE_STREAM_SPLIT, 0); },
                  "BYTE_STREAM_SPLIT cannot encode BYTE_ARRAY");
  expect_rejected([] { make_encoder<Int32Type>(Encoding::BIT_PACKED, 0); },
                  "BIT_PACKED cannot encode INT32");
  expect_rejected([] { make_encoder<Int32Type>(Encoding::RLE_DICTIONARY, 0); }, "DictEncoder");
  expect_rejected([] { make_encoder<FLBAType>(Encoding::PLAIN, 0); }, "positive type length");
}

}  // namespace
}  // namespace spillway

// Corrupt and truncated input: every decoder throws spillway::Error naming
// the encoding, and never reads out of bounds (run under ASan to be sure).

#include "encodings/decoder.h"

#include <gtest/gtest.h>

#include <functional>
#include <random>
#include <string>
#include <vector>

#include "encoding_test_util.h"
#include "encodings/dictionary.h"
#include "encodings/encoder.h"
#include "spillway/error.h"

namespace spillway {
namespace {

using testing::Bytes8;

// An encoded sample plus a decode call for it.
struct Sample {
  std::string name;
  Bytes8 bytes;
  std::function<void(const Bytes8&)> decode;
};

template <typename DType>
Sample sample(Encoding encoding, int32_t type_length,
              const std::vector<typename DType::value_type>& values) {
  auto encoder = make_encoder<DType>(encoding, type_length);
  encoder->put(values.data(), values.size());
  ByteBuffer out;
  encoder->flush_to(out);
  const size_t n = values.size();
  return Sample{std::string(to_string(encoding)) + " " + std::string(to_string(DType::type)),
                testing::to_vector(out), [=](const Bytes8& in) {
                  std::vector<uint8_t> storage;
                  decode_values<DType>(encoding, in, n, type_length, &storage);
                }};
}

std::vector<Sample> samples() {
  static const std::vector<std::string> strings = {"axis",   "axle",     "",
                                                   "babble", "babyhood", std::string(300, 'q')};
  static std::vector<ByteArray> views;
  views.clear();
  for (const auto& s : strings) {
    views.push_back({reinterpret_cast<const uint8_t*>(s.data()), static_cast<uint32_t>(s.size())});
  }
  static const uint8_t raw[] = "0123456789abcdef0123456789abcdef0123456789abcdef";
  std::vector<FixedLenByteArray> flba = {{raw}, {raw + 4}, {raw + 4}, {raw + 16}, {raw + 20}};
  std::vector<int32_t> i32;
  std::vector<int64_t> i64;
  for (int i = 0; i < 300; ++i) {
    i32.push_back(i % 40 < 10 ? 5 : i * 7919 % 1000 - (i % 3) * 100000);
    i64.push_back(static_cast<int64_t>(i) * -1234567891011LL);
  }
  std::vector<bool> bools;
  for (int i = 0; i < 100; ++i) bools.push_back(i % 3 == 0 || (i > 40 && i < 70));
  std::unique_ptr<bool[]> b(new bool[bools.size()]);
  std::copy(bools.begin(), bools.end(), b.get());

  std::vector<Sample> out = {
      sample<Int32Type>(Encoding::PLAIN, 0, i32),
      sample<Int32Type>(Encoding::DELTA_BINARY_PACKED, 0, i32),
      sample<Int64Type>(Encoding::DELTA_BINARY_PACKED, 0, i64),
      sample<Int64Type>(Encoding::BYTE_STREAM_SPLIT, 0, i64),
      sample<DoubleType>(Encoding::PLAIN, 0, {1.5, -0.0, 3.0}),
      sample<ByteArrayType>(Encoding::PLAIN, 0, views),
      sample<ByteArrayType>(Encoding::DELTA_LENGTH_BYTE_ARRAY, 0, views),
      sample<ByteArrayType>(Encoding::DELTA_BYTE_ARRAY, 0, views),
      sample<FLBAType>(Encoding::PLAIN, 4, flba),
      sample<FLBAType>(Encoding::DELTA_BYTE_ARRAY, 4, flba),
      sample<FLBAType>(Encoding::BYTE_STREAM_SPLIT, 4, flba),
  };
  for (Encoding e : {Encoding::PLAIN, Encoding::RLE}) {
    auto encoder = make_encoder<BooleanType>(e, 0);
    encoder->put(b.get(), bools.size());
    ByteBuffer bytes;
    encoder->flush_to(bytes);
    out.push_back({std::string(to_string(e)) + " BOOLEAN", testing::to_vector(bytes),
                   [n = bools.size(), e](const Bytes8& in) {
                     decode_values<BooleanType>(e, in, n, 0, nullptr);
                   }});
  }
  DictEncoder<Int32Type> dict(0);
  dict.put(i32.data(), i32.size());
  ByteBuffer indices;
  dict.flush_indices_to(indices);
  out.push_back({"RLE_DICTIONARY indices", testing::to_vector(indices),
                 [n = i32.size()](const Bytes8& in) { decode_dictionary_indices(in, n); }});
  return out;
}

TEST(Decoders, SamplesDecode) {
  for (const Sample& s : samples()) {
    EXPECT_NO_THROW(s.decode(s.bytes)) << s.name;
  }
}

TEST(Decoders, EveryTruncationThrows) {
  for (const Sample& s : samples()) {
    for (size_t len = 0; len < s.bytes.size(); ++len) {
      Bytes8 cut(s.bytes.begin(), s.bytes.begin() + len);
      EXPECT_THROW(s.decode(cut), Error) << s.name << " truncated to " << len;
    }
  }
}

// Random byte corruption must be either decoded or rejected, never crash.
TEST(Decoders, CorruptionNeverCrashes) {
  std::mt19937 rng(99);
  for (const Sample& s : samples()) {
    for (int round = 0; round < 300; ++round) {
      Bytes8 bytes = s.bytes;
      int flips = 1 + rng() % 4;
      for (int f = 0; f < flips; ++f) bytes[rng() % bytes.size()] = static_cast<uint8_t>(rng());
      try {
        s.decode(bytes);
      } catch (const Error&) {
      }
    }
  }
}

void expect_error(const std::function<void()>& f, const std::string& message) {
  try {
    f();
    FAIL() << "expected: " << message;
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find(message), std::string::npos) << e.what();
  }
}

TEST(Decoders, ErrorsNameTheProblem) {
  std::vector<uint8_t> storage;
  // DELTA_BINARY_PACKED: a miniblock width of 33 for INT32.
  const Bytes8 wide = {0x80, 0x01, 0x04, 0x02, 0x00, 0x00, 0x21, 0x00, 0x00, 0x00};
  expect_error(
      [&] { decode_values<Int32Type>(Encoding::DELTA_BINARY_PACKED, wide, 2, 0, nullptr); },
      "DELTA_BINARY_PACKED: miniblock bit width 33 exceeds 32 at byte offset 6");
  const Bytes8 wider = {0x80, 0x01, 0x04, 0x02, 0x00, 0x00, 0x41, 0x00, 0x00, 0x00};
  expect_error(
      [&] { decode_values<Int64Type>(Encoding::DELTA_BINARY_PACKED, wider, 2, 0, nullptr); },
      "miniblock bit width 65 exceeds 64");
  const Bytes8 count = {0x80, 0x01, 0x04, 0x03, 0x00};
  expect_error(
      [&] { decode_values<Int32Type>(Encoding::DELTA_BINARY_PACKED, count, 2, 0, nullptr); },
      "header holds 3 values but 2 were expected");
  expect_error(
      [&] {
        decode_values<Int32Type>(Encoding::DELTA_BINARY_PACKED, Bytes8{0x00, 0x04, 0x00, 0x00}, 0,
                                 0, nullptr);
      },
      "block size 0");
  expect_error(
      [&] {
        decode_values<Int32Type>(Encoding::DELTA_BINARY_PACKED,
                                 Bytes8{0x80, 0x01, 0x03, 0x00, 0x00}, 0, 0, nullptr);
      },
      "3 miniblocks");
  // zigzag(2^31) is out of INT32 range.
  expect_error(
      [&] {
        decode_values<Int32Type>(Encoding::DELTA_BINARY_PACKED,
                                 Bytes8{0x80, 0x01, 0x04, 0x01, 0x80, 0x80, 0x80, 0x80, 0x10}, 1, 0,
                                 nullptr);
      },
      "out of INT32 range");
  // DELTA_LENGTH_BYTE_ARRAY: a negative length, and lengths past the end.
  const Bytes8 negative = {0x80, 0x01, 0x04, 0x01, 0x01};  // one length: -1
  expect_error(
      [&] {
        decode_values<ByteArrayType>(Encoding::DELTA_LENGTH_BYTE_ARRAY, negative, 1, 0, &storage);
      },
      "negative length -1");
  const Bytes8 past = {0x80, 0x01, 0x04, 0x01, 0x0A, 'a', 'b'};  // one length: 5
  expect_error(
      [&] {
        decode_values<ByteArrayType>(Encoding::DELTA_LENGTH_BYTE_ARRAY, past, 1, 0, &storage);
      },
      "lengths add up to 5 bytes but only 2 remain at byte offset 5");
  // DELTA_BYTE_ARRAY: a first prefix longer than the (empty) previous value.
  const Bytes8 prefix = {0x80, 0x01, 0x04, 0x01, 0x02, 0x80, 0x01, 0x04, 0x01, 0x02, 'x'};
  expect_error(
      [&] { decode_values<ByteArrayType>(Encoding::DELTA_BYTE_ARRAY, prefix, 1, 0, &storage); },
      "prefix length 1 of value 0 exceeds the previous value's 0 bytes");
  // ... and an FLBA value of the wrong width.
  const Bytes8 flba = {0x80, 0x01, 0x04, 0x01, 0x00, 0x80, 0x01, 0x04, 0x01, 0x02, 'x'};
  expect_error([&] { decode_values<FLBAType>(Encoding::DELTA_BYTE_ARRAY, flba, 1, 2, &storage); },
               "value 0 has 1 bytes but the FIXED_LEN_BYTE_ARRAY width is 2");
  // PLAIN BYTE_ARRAY: a length past the end.
  const Bytes8 plain = {0x05, 0x00, 0x00, 0x00, 'a'};
  expect_error([&] { decode_values<ByteArrayType>(Encoding::PLAIN, plain, 1, 0, &storage); },
               "PLAIN: need 5 bytes but only 1 remain at byte offset 4");
  expect_error([&] { decode_values<Int64Type>(Encoding::PLAIN, plain, 1, 0, nullptr); },
               "PLAIN: need 1 INT64 values of 8 bytes but only 5 bytes remain");
  // Dictionary indices.
  expect_error(
      [] {
        decode_dictionary_indices(Bytes8{33, 0x02, 0x00}, 1);
      },
      "RLE_DICTIONARY: index bit width 33 exceeds 32 at byte offset 0");
  expect_error(
      [] {
        decode_dictionary_indices(Bytes8{2, 0x04, 0x01}, 3);
      },
      "RLE_DICTIONARY: runs end after 2 of 3 indices at byte offset 3");
  expect_error(
      [] {
        lookup_dictionary(std::vector<int>{1, 2}, {0, 2});
      },
      "index 2 of value 1 is past the dictionary's 2 entries");
  // Usage errors.
  expect_error([] { decode_values<DoubleType>(Encoding::DELTA_BINARY_PACKED, {}, 0, 0, nullptr); },
               "DELTA_BINARY_PACKED cannot decode DOUBLE");
  expect_error([] { decode_values<Int32Type>(Encoding::RLE_DICTIONARY, {}, 0, 0, nullptr); },
               "decode_dictionary_indices");
  expect_error([] { decode_values<ByteArrayType>(Encoding::PLAIN, {}, 0, 0, nullptr); }, "storage");
  expect_error([&] { decode_values<FLBAType>(Encoding::PLAIN, {}, 0, 0, &storage); },
               "positive type length");
}

TEST(Decoders, TrailingBytesAreReportedNotRejected) {
  const Bytes8 bytes = {0x01, 0x00, 0x00, 0x00, 0x99};
  size_t consumed = 0;
  auto v = decode_values<Int32Type>(Encoding::PLAIN, bytes, 1, 0, nullptr, &consumed);
  EXPECT_EQ(v, std::vector<int32_t>{1});
  EXPECT_EQ(consumed, 4u);
}

}  // namespace
}  // namespace spillway

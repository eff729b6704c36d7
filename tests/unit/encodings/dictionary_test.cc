#include "encodings/dictionary.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "encoding_test_util.h"
#include "encodings/decoder.h"
#include "spillway/error.h"

namespace spillway {
namespace {

using testing::Bytes8;

// Flushes the buffered indices as one data page and checks the estimate.
template <typename DType>
Bytes8 flush_page(DictEncoder<DType>& encoder) {
  const size_t estimate = encoder.estimated_data_size();
  ByteBuffer out;
  encoder.flush_indices_to(out);
  EXPECT_EQ(estimate, out.size());
  EXPECT_EQ(encoder.buffered_indices(), 0u);
  return testing::to_vector(out);
}

// Decodes the dictionary page and one data page back into values.
template <typename DType>
std::vector<typename DType::value_type> decode_page(const DictEncoder<DType>& encoder,
                                                    const Bytes8& page, size_t n,
                                                    int32_t type_length,
                                                    std::vector<uint8_t>& storage) {
  std::span<const uint8_t> dict = encoder.dictionary_body();
  EXPECT_EQ(dict.size(), encoder.dict_encoded_size());
  size_t consumed = 0;
  auto entries = decode_values<DType>(Encoding::PLAIN, dict, encoder.num_entries(), type_length,
                                      &storage, &consumed);
  EXPECT_EQ(consumed, dict.size());
  auto indices = decode_dictionary_indices(page, n, &consumed);
  EXPECT_EQ(consumed, page.size());
  return lookup_dictionary(entries, indices);
}

TEST(DictEncoder, Int32ExactBytes) {
  DictEncoder<Int32Type> encoder(0);
  const int32_t values[] = {5, 7, 5, 5, 9};
  encoder.put(values, 5);
  EXPECT_EQ(encoder.num_entries(), 3u);
  EXPECT_EQ(encoder.buffered_indices(), 5u);
  EXPECT_EQ(encoder.bit_width(), 2);
  ByteBuffer dict;
  dict.append(encoder.dictionary_body());
  EXPECT_EQ(testing::to_vector(dict), (Bytes8{5, 0, 0, 0, 7, 0, 0, 0, 9, 0, 0, 0}));
  // Bit width 2, then one bit-packed group of 0,1,0,0,2 (+ zero padding).
  EXPECT_EQ(flush_page(encoder), (Bytes8{0x02, 0x03, 0x04, 0x02}));
  EXPECT_EQ(encoder.entry(1), 7);
  EXPECT_THROW(encoder.entry(3), Error);
}

TEST(DictEncoder, OneEntryUsesBitWidthOne) {
  DictEncoder<Int64Type> encoder(0);
  std::vector<int64_t> v(20, -3);
  encoder.put(v.data(), v.size());
  EXPECT_EQ(flush_page(encoder), (Bytes8{0x01, 0x28, 0x00}));  // RLE run of 20 zeros
  // A page with no values (all null) is just the bit-width byte.
  EXPECT_EQ(flush_page(encoder), (Bytes8{0x01}));
  EXPECT_TRUE(decode_dictionary_indices(Bytes8{0x01}, 0).empty());
}

TEST(DictEncoder, FloatsCompareByBitPattern) {
  DictEncoder<DoubleType> encoder(0);
  const double nan = std::numeric_limits<double>::quiet_NaN();
  double payload_nan;
  const uint64_t bits = 0x7ff8000000000abcULL;
  std::memcpy(&payload_nan, &bits, 8);
  const double values[] = {0.0, -0.0, nan, payload_nan, nan, 0.0, -0.0, -nan};
  encoder.put(values, 8);
  EXPECT_EQ(encoder.num_entries(), 5u);  // 0.0, -0.0, nan, payload nan, -nan
  std::vector<uint8_t> storage;
  auto decoded = decode_page(encoder, flush_page(encoder), 8, 0, storage);
  for (size_t i = 0; i < 8; ++i) EXPECT_TRUE(testing::same_bits(decoded[i], values[i])) << i;
}

template <typename DType>
void check_round_trip(std::vector<typename DType::value_type> values, int32_t type_length,
                      const std::string& label) {
  DictEncoder<DType> encoder(type_length);
  // Two pages, each put in two batches.
  const size_t half = values.size() / 2;
  const size_t pages[2][2] = {{0, half}, {half, values.size()}};
  for (const auto& page : pages) {
    size_t mid = (page[0] + page[1]) / 2;
    encoder.put(values.data() + page[0], mid - page[0]);
    encoder.put(values.data() + mid, page[1] - mid);
    const size_t n = page[1] - page[0];
    EXPECT_EQ(encoder.buffered_indices(), n);
    Bytes8 bytes = flush_page(encoder);
    std::vector<uint8_t> storage;
    auto decoded = decode_page(encoder, bytes, n, type_length, storage);
    ASSERT_EQ(decoded.size(), n);
    for (size_t i = 0; i < n; ++i) {
      const auto& want = values[page[0] + i];
      if constexpr (std::is_same_v<DType, ByteArrayType>) {
        ASSERT_EQ(decoded[i].view(), want.view()) << label << " " << i;
      } else if constexpr (std::is_same_v<DType, FLBAType>) {
        ASSERT_EQ(0, std::memcmp(decoded[i].ptr, want.ptr, type_length)) << label << " " << i;
      } else {
        ASSERT_TRUE(testing::same_bits(decoded[i], want)) << label << " " << i;
      }
    }
  }
  EXPECT_GT(encoder.memory_size(), encoder.dict_encoded_size());
}

TEST(DictEncoder, RoundTripsEveryType) {
  std::mt19937 rng(8);
  std::vector<int32_t> i32;
  std::vector<int64_t> i64;
  std::vector<float> f32;
  std::vector<double> f64;
  for (int i = 0; i < 3000; ++i) {
    // Mostly a few hundred distinct values, some long runs.
    int32_t x = i % 500 < 100 ? 17 : static_cast<int32_t>(rng() % 700) - 350;
    i32.push_back(x);
    i64.push_back(static_cast<int64_t>(x) << 33);
    f32.push_back(static_cast<float>(x) / 3);
    f64.push_back(x == 0 ? -0.0 : static_cast<double>(x) / 7);
  }
  i32.push_back(std::numeric_limits<int32_t>::min());
  i64.push_back(std::numeric_limits<int64_t>::max());
  check_round_trip<Int32Type>(i32, 0, "INT32");
  check_round_trip<Int64Type>(i64, 0, "INT64");
  check_round_trip<FloatType>(f32, 0, "FLOAT");
  check_round_trip<DoubleType>(f64, 0, "DOUBLE");

  std::vector<std::string> strings;
  for (int i = 0; i < 2000; ++i) {
    strings.push_back(i % 7 == 0 ? std::string() : "value-" + std::to_string(rng() % 300));
  }
  strings.push_back(std::string(50000, 'z'));
  std::vector<ByteArray> views;
  for (const auto& s : strings) {
    views.push_back({reinterpret_cast<const uint8_t*>(s.data()), static_cast<uint32_t>(s.size())});
  }
  check_round_trip<ByteArrayType>(views, 0, "BYTE_ARRAY");

  for (int32_t width : {1, 2, 12, 16, 32}) {
    std::vector<uint8_t> bytes(1000 * width);
    for (size_t i = 0; i < bytes.size(); ++i) bytes[i] = static_cast<uint8_t>(rng() % 3);
    std::vector<FixedLenByteArray> flba(1000);
    for (size_t i = 0; i < flba.size(); ++i) flba[i].ptr = bytes.data() + i * width;
    check_round_trip<FLBAType>(flba, width, "FLBA width " + std::to_string(width));
  }
}

TEST(DictEncoder, WidensIndicesMidPage) {
  DictEncoder<Int32Type> encoder(0);
  std::vector<int32_t> v(30, 1);  // first at bit width 1
  for (int i = 0; i < 1500; ++i) v.push_back(i);
  for (int i = 0; i < 40; ++i) v.push_back(1499);
  for (size_t i = 0; i < v.size(); i += 100) {
    encoder.put(v.data() + i, std::min<size_t>(100, v.size() - i));
  }
  EXPECT_EQ(encoder.bit_width(), 11);
  std::vector<uint8_t> storage;
  Bytes8 page = flush_page(encoder);
  EXPECT_EQ(page[0], 11);
  EXPECT_EQ(decode_page(encoder, page, v.size(), 0, storage), v);
  // Next page: same dictionary, same width, fresh indices.
  const int32_t again[] = {1499, 0, 1};
  encoder.put(again, 3);
  EXPECT_EQ(decode_page(encoder, flush_page(encoder), 3, 0, storage),
            (std::vector<int32_t>{1499, 0, 1}));
}

TEST(DictEncoder, EstimateIsExactAfterEveryBatch) {
  std::mt19937 rng(12);
  DictEncoder<Int32Type> encoder(0);
  std::vector<int32_t> all;
  for (int batch = 0; batch < 60; ++batch) {
    std::vector<int32_t> v(rng() % 50);
    for (auto& x : v) x = static_cast<int32_t>(rng() % (batch * 10 + 1));
    encoder.put(v.data(), v.size());
    all.insert(all.end(), v.begin(), v.end());
    // Reference: the same indices through a fresh encoder's single batch.
    DictEncoder<Int32Type> reference(0);
    reference.put(all.data(), all.size());
    ASSERT_EQ(encoder.estimated_data_size(), reference.estimated_data_size());
  }
  std::vector<uint8_t> storage;
  EXPECT_EQ(decode_page(encoder, flush_page(encoder), all.size(), 0, storage), all);
}

TEST(DictEncoder, CopiesByteArrayValues) {
  DictEncoder<ByteArrayType> encoder(0);
  std::string a = "first", b = "second";
  ByteArray v[] = {{reinterpret_cast<const uint8_t*>(a.data()), 5},
                   {reinterpret_cast<const uint8_t*>(b.data()), 6}};
  encoder.put(v, 2);
  a.assign("#####");
  b.assign("######");
  EXPECT_EQ(encoder.entry(0).view(), "first");
  EXPECT_EQ(encoder.entry(1).view(), "second");
  EXPECT_EQ(encoder.dict_encoded_size(), 4 + 5 + 4 + 6u);
  ByteBuffer dict;
  dict.append(encoder.dictionary_body());
  EXPECT_EQ(
      testing::to_vector(dict),
      testing::concat(
          {{5, 0, 0, 0}, testing::bytes_of("first"), {6, 0, 0, 0}, testing::bytes_of("second")}));
}

TEST(DictEncoder, StopsBeforeANewEntryPastTheByteLimit) {
  DictEncoder<ByteArrayType> encoder(0);
  std::vector<std::string> strings = {"aaaa", "bbbb", "aaaa", "cccc", "bbbb", "dddd"};
  std::vector<ByteArray> views;
  for (const auto& s : strings) {
    views.push_back({reinterpret_cast<const uint8_t*>(s.data()), static_cast<uint32_t>(s.size())});
  }
  // Room for two entries of 4 + 4 bytes: "cccc" would be the third.
  EXPECT_EQ(encoder.put(views.data(), views.size(), 16), 3u);
  EXPECT_EQ(encoder.num_entries(), 2u);
  EXPECT_EQ(encoder.buffered_indices(), 3u);
  // Known entries never stop it, a new one past the limit does.
  EXPECT_EQ(encoder.put(views.data() + 4, 1, 16), 1u);
  EXPECT_EQ(encoder.put(views.data() + 3, 3, 16), 0u);
  EXPECT_EQ(encoder.put(views.data() + 3, 3, 24), 2u);
  EXPECT_EQ(encoder.num_entries(), 3u);
  EXPECT_EQ(encoder.dict_encoded_size(), 24u);
}

TEST(DictEncoder, TakesTheBodyWithItsHeadroomWithoutCopying) {
  DictEncoder<Int32Type> encoder(0, 32);
  const int32_t values[] = {4, 4, 6};
  encoder.put(values, 3);
  const uint8_t* body = encoder.dictionary_body().data();
  ByteBuffer taken = encoder.take_dictionary_body();
  EXPECT_EQ(taken.data(), body);
  EXPECT_EQ(taken.headroom(), 32u);
  EXPECT_EQ(testing::to_vector(taken), (Bytes8{4, 0, 0, 0, 6, 0, 0, 0}));
  EXPECT_EQ(encoder.num_entries(), 0u);
  EXPECT_EQ(encoder.dict_encoded_size(), 0u);
  encoder.put(values + 2, 1);  // usable again, from an empty dictionary
  EXPECT_EQ(encoder.num_entries(), 1u);
  EXPECT_EQ(encoder.entry(0), 6);
}

TEST(DictEncoder, ClearForgetsAndFreesMemory) {
  DictEncoder<ByteArrayType> encoder(0);
  std::vector<std::string> strings;
  for (int i = 0; i < 5000; ++i) strings.push_back("some longer value number " + std::to_string(i));
  std::vector<ByteArray> views;
  for (const auto& s : strings) {
    views.push_back({reinterpret_cast<const uint8_t*>(s.data()), static_cast<uint32_t>(s.size())});
  }
  const size_t empty_size = encoder.memory_size();
  encoder.put(views.data(), views.size());
  const size_t full_size = encoder.memory_size();
  EXPECT_GT(full_size, encoder.dict_encoded_size());
  encoder.clear();
  EXPECT_EQ(encoder.num_entries(), 0u);
  EXPECT_EQ(encoder.buffered_indices(), 0u);
  EXPECT_EQ(encoder.dict_encoded_size(), 0u);
  EXPECT_LE(encoder.memory_size(), empty_size);
  // Usable again for the next column chunk.
  encoder.put(views.data() + 10, 2);
  EXPECT_EQ(encoder.num_entries(), 2u);
  EXPECT_EQ(encoder.entry(0).view(), strings[10]);
}

TEST(DictEncoder, FixedLenByteArrayNeedsAWidth) {
  EXPECT_THROW(DictEncoder<FLBAType>(0), Error);
}

}  // namespace
}  // namespace spillway

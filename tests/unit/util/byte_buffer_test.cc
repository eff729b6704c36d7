#include "util/byte_buffer.h"

#include <gtest/gtest.h>

#include <string>

namespace spillway {
namespace {

std::string text(std::span<const uint8_t> s) {
  return std::string(reinterpret_cast<const char*>(s.data()), s.size());
}

TEST(ByteBufferTest, PrependFillsTheHeadroomWithoutMovingThePayload) {
  ByteBuffer b;
  b.set_headroom(8);
  b.append("values", 6);
  const uint8_t* payload = b.data();
  b.prepend("lv", 2);
  b.prepend("hdr", 3);
  EXPECT_EQ(text(b.span()), "hdrlvvalues");
  EXPECT_EQ(b.data() + 5, payload);
  EXPECT_EQ(b.headroom(), 3u);
  Bytes bytes = b.finish();
  EXPECT_EQ(text(bytes.span()), "hdrlvvalues");
  EXPECT_TRUE(b.empty());
  EXPECT_EQ(b.capacity(), 0u);
}

TEST(ByteBufferTest, PrependPastTheHeadroomMovesThePayload) {
  ByteBuffer b;
  b.set_headroom(2);
  b.append("abc", 3);
  b.prepend("0123", 4);
  EXPECT_EQ(text(b.span()), "0123abc");
  EXPECT_EQ(b.headroom(), 0u);
  b.prepend("x", 1);
  EXPECT_EQ(text(b.span()), "x0123abc");
}

TEST(ByteBufferTest, GrowthKeepsTheHeadroom) {
  ByteBuffer b;
  b.set_headroom(16);
  for (int i = 0; i < 1000; ++i) b.push_back(static_cast<uint8_t>(i));
  EXPECT_EQ(b.headroom(), 16u);
  EXPECT_EQ(b.size(), 1000u);
  EXPECT_GE(b.capacity(), 1016u);
  for (int i = 0; i < 1000; ++i) ASSERT_EQ(b.data()[i], static_cast<uint8_t>(i));
  b.reserve(5000);
  EXPECT_EQ(b.capacity(), 5016u);
  EXPECT_EQ(b.data()[999], static_cast<uint8_t>(999));
}

TEST(ByteBufferTest, ClearDropsTheHeadroomAndKeepsTheStorage) {
  ByteBuffer b;
  b.set_headroom(32);
  b.append("abc", 3);
  const size_t cap = b.capacity();
  b.clear();
  EXPECT_EQ(b.headroom(), 0u);
  EXPECT_EQ(b.capacity(), cap);
  b.set_headroom(16);  // reuses the storage
  EXPECT_EQ(b.capacity(), cap);
  b.append("z", 1);
  EXPECT_EQ(text(b.span()), "z");
}

TEST(ByteBufferTest, MoveCarriesTheHeadroom) {
  ByteBuffer a;
  a.set_headroom(4);
  a.append("pay", 3);
  ByteBuffer b = std::move(a);
  EXPECT_EQ(a.headroom(), 0u);
  EXPECT_EQ(a.capacity(), 0u);
  b.prepend("h", 1);
  EXPECT_EQ(text(b.span()), "hpay");
}

}  // namespace
}  // namespace spillway

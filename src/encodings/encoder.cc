#include "encodings/encoder.h"

#include <limits>
#include <string>
#include <type_traits>

#include "encodings/delta_encoder.h"
#include "encodings/rle_bit_packed.h"
#include "spillway/error.h"

namespace spillway {
namespace {

template <typename DType>
constexpr bool kIsFixedWidth =
    std::is_arithmetic_v<typename DType::value_type> && !std::is_same_v<DType, BooleanType>;

// INT32, INT64, FLOAT, DOUBLE: the little-endian bytes of each value.
template <typename DType>
class PlainFixedEncoder final : public TypedEncoder<DType> {
 public:
  using T = typename DType::value_type;
  Encoding encoding() const override { return Encoding::PLAIN; }
  void put(const T* values, size_t n) override { buf_.append(values, n * sizeof(T)); }
  size_t estimated_data_size() const override { return buf_.size(); }
  void flush_to(ByteBuffer& out) override {
    out.append(buf_.span());
    buf_.clear();
  }
  size_t memory_size() const override { return buf_.capacity(); }
  ByteBuffer* values_buffer() override { return &buf_; }

 private:
  ByteBuffer buf_;
};

// BOOLEAN: one bit per value, LSB first.
class PlainBooleanEncoder final : public TypedEncoder<BooleanType> {
 public:
  Encoding encoding() const override { return Encoding::PLAIN; }
  void put(const bool* values, size_t n) override {
    size_t i = 0;
    for (; i < n && bits_ != 0; ++i) put_bit(values[i]);
    uint8_t* p = buf_.ensure(n / 8);
    size_t whole = (n - i) / 8;
    for (size_t b = 0; b < whole; ++b, i += 8) {
      uint8_t byte = 0;
      for (int k = 0; k < 8; ++k) byte |= static_cast<uint8_t>(values[i + k]) << k;
      p[b] = byte;
    }
    buf_.advance(whole);
    for (; i < n; ++i) put_bit(values[i]);
  }
  size_t estimated_data_size() const override { return buf_.size() + (bits_ > 0 ? 1 : 0); }
  void flush_to(ByteBuffer& out) override {
    out.append(buf_.span());
    if (bits_ > 0) out.push_back(partial_);
    buf_.clear();
    partial_ = 0;
    bits_ = 0;
  }
  size_t memory_size() const override { return buf_.capacity(); }

 private:
  void put_bit(bool v) {
    partial_ |= static_cast<uint8_t>(v) << bits_;
    if (++bits_ == 8) {
      buf_.push_back(partial_);
      partial_ = 0;
      bits_ = 0;
    }
  }
  ByteBuffer buf_;
  uint8_t partial_ = 0;
  int bits_ = 0;
};

// BYTE_ARRAY: 4-byte little-endian length, then the bytes.
class PlainByteArrayEncoder final : public TypedEncoder<ByteArrayType> {
 public:
  Encoding encoding() const override { return Encoding::PLAIN; }
  void put(const ByteArray* values, size_t n) override {
    size_t bytes = 0;
    for (size_t i = 0; i < n; ++i) {
      if (values[i].len > static_cast<uint32_t>(std::numeric_limits<int32_t>::max())) {
        throw Error("PLAIN: a BYTE_ARRAY value of " + std::to_string(values[i].len) +
                    " bytes exceeds the 2147483647-byte limit");
      }
      bytes += 4 + values[i].len;
    }
    uint8_t* p = buf_.ensure(bytes);
    for (size_t i = 0; i < n; ++i) {
      uint32_t len = values[i].len;
      std::memcpy(p, &len, 4);
      if (len > 0) std::memcpy(p + 4, values[i].ptr, len);
      p += 4 + len;
    }
    buf_.advance(bytes);
  }
  size_t estimated_data_size() const override { return buf_.size(); }
  void flush_to(ByteBuffer& out) override {
    out.append(buf_.span());
    buf_.clear();
  }
  size_t memory_size() const override { return buf_.capacity(); }
  ByteBuffer* values_buffer() override { return &buf_; }

 private:
  ByteBuffer buf_;
};

// FIXED_LEN_BYTE_ARRAY: the bytes of each value.
class PlainFLBAEncoder final : public TypedEncoder<FLBAType> {
 public:
  explicit PlainFLBAEncoder(int32_t type_length) : width_(static_cast<size_t>(type_length)) {}
  Encoding encoding() const override { return Encoding::PLAIN; }
  void put(const FixedLenByteArray* values, size_t n) override {
    uint8_t* p = buf_.ensure(n * width_);
    for (size_t i = 0; i < n; ++i) std::memcpy(p + i * width_, values[i].ptr, width_);
    buf_.advance(n * width_);
  }
  size_t estimated_data_size() const override { return buf_.size(); }
  void flush_to(ByteBuffer& out) override {
    out.append(buf_.span());
    buf_.clear();
  }
  size_t memory_size() const override { return buf_.capacity(); }
  ByteBuffer* values_buffer() override { return &buf_; }

 private:
  size_t width_;
  ByteBuffer buf_;
};

// BOOLEAN in RLE: a 4-byte length, then hybrid runs of bit width 1 (the
// length is present in data pages v1 and v2 alike).
class RleBooleanEncoder final : public TypedEncoder<BooleanType> {
 public:
  RleBooleanEncoder() : runs_(1) {}
  Encoding encoding() const override { return Encoding::RLE; }
  void put(const bool* values, size_t n) override {
    static_assert(sizeof(bool) == 1);
    runs_.put_batch(reinterpret_cast<const uint8_t*>(values), n);
  }
  size_t estimated_data_size() const override { return 4 + runs_.estimated_size(); }
  void flush_to(ByteBuffer& out) override {
    size_t prefix_at = out.size();
    out.append_le<uint32_t>(0);
    runs_.flush_to(out);
    uint32_t length = static_cast<uint32_t>(out.size() - prefix_at - 4);
    std::memcpy(out.data() + prefix_at, &length, 4);
  }
  size_t memory_size() const override { return runs_.memory_size(); }

 private:
  RleBitPackedEncoder runs_;
};

// BYTE_STREAM_SPLIT: values are buffered as-is and scattered into K byte
// streams (K = value width) when the page is flushed.
template <typename DType>
class ByteStreamSplitEncoder final : public TypedEncoder<DType> {
 public:
  using T = typename DType::value_type;
  explicit ByteStreamSplitEncoder(int32_t type_length)
      : width_(kIsFixedWidth<DType> ? sizeof(T) : static_cast<size_t>(type_length)) {}
  Encoding encoding() const override { return Encoding::BYTE_STREAM_SPLIT; }
  void put(const T* values, size_t n) override {
    if constexpr (kIsFixedWidth<DType>) {
      buf_.append(values, n * sizeof(T));
    } else {
      uint8_t* p = buf_.ensure(n * width_);
      for (size_t i = 0; i < n; ++i) std::memcpy(p + i * width_, values[i].ptr, width_);
      buf_.advance(n * width_);
    }
  }
  size_t estimated_data_size() const override { return buf_.size(); }
  void flush_to(ByteBuffer& out) override {
    const size_t n = buf_.size() / width_;
    const uint8_t* src = buf_.data();
    uint8_t* dst = out.ensure(buf_.size());
    for (size_t k = 0; k < width_; ++k) {
      uint8_t* stream = dst + k * n;
      for (size_t i = 0; i < n; ++i) stream[i] = src[i * width_ + k];
    }
    out.advance(buf_.size());
    buf_.clear();
  }
  size_t memory_size() const override { return buf_.capacity(); }

 private:
  size_t width_;
  ByteBuffer buf_;
};

[[noreturn]] void cannot_encode(Encoding encoding, PhysicalType type) {
  throw Error(std::string(to_string(encoding)) + " cannot encode " + std::string(to_string(type)));
}

}  // namespace

template <typename DType>
std::unique_ptr<TypedEncoder<DType>> make_encoder(Encoding encoding, int32_t type_length) {
  constexpr PhysicalType type = DType::type;
  if constexpr (type == PhysicalType::FIXED_LEN_BYTE_ARRAY) {
    if (type_length <= 0) {
      throw Error("FIXED_LEN_BYTE_ARRAY needs a positive type length, got " +
                  std::to_string(type_length));
    }
  }
  switch (encoding) {
    case Encoding::PLAIN:
      if constexpr (type == PhysicalType::BOOLEAN) {
        return std::make_unique<PlainBooleanEncoder>();
      } else if constexpr (type == PhysicalType::BYTE_ARRAY) {
        return std::make_unique<PlainByteArrayEncoder>();
      } else if constexpr (type == PhysicalType::FIXED_LEN_BYTE_ARRAY) {
        return std::make_unique<PlainFLBAEncoder>(type_length);
      } else {
        return std::make_unique<PlainFixedEncoder<DType>>();
      }
    case Encoding::RLE:
      if constexpr (type == PhysicalType::BOOLEAN) return std::make_unique<RleBooleanEncoder>();
      break;
    case Encoding::DELTA_BINARY_PACKED:
      if constexpr (type == PhysicalType::INT32 || type == PhysicalType::INT64) {
        return std::make_unique<DeltaBinaryPackedEncoder<DType>>();
      }
      break;
    case Encoding::DELTA_LENGTH_BYTE_ARRAY:
      if constexpr (type == PhysicalType::BYTE_ARRAY) {
        return std::make_unique<DeltaLengthByteArrayEncoder>();
      }
      break;
    case Encoding::DELTA_BYTE_ARRAY:
      if constexpr (type == PhysicalType::BYTE_ARRAY ||
                    type == PhysicalType::FIXED_LEN_BYTE_ARRAY) {
        return std::make_unique<DeltaByteArrayEncoder<DType>>(type_length);
      }
      break;
    case Encoding::BYTE_STREAM_SPLIT:
      if constexpr (type != PhysicalType::BOOLEAN && type != PhysicalType::BYTE_ARRAY) {
        return std::make_unique<ByteStreamSplitEncoder<DType>>(type_length);
      }
      break;
    case Encoding::PLAIN_DICTIONARY:
    case Encoding::RLE_DICTIONARY:
      throw Error(std::string(to_string(encoding)) + " is written through DictEncoder, not " +
                  "make_encoder (column type " + std::string(to_string(type)) + ")");
    default:
      break;
  }
  cannot_encode(encoding, type);
}

template std::unique_ptr<TypedEncoder<BooleanType>> make_encoder<BooleanType>(Encoding, int32_t);
template std::unique_ptr<TypedEncoder<Int32Type>> make_encoder<Int32Type>(Encoding, int32_t);
template std::unique_ptr<TypedEncoder<Int64Type>> make_encoder<Int64Type>(Encoding, int32_t);
template std::unique_ptr<TypedEncoder<FloatType>> make_encoder<FloatType>(Encoding, int32_t);
template std::unique_ptr<TypedEncoder<DoubleType>> make_encoder<DoubleType>(Encoding, int32_t);
template std::unique_ptr<TypedEncoder<ByteArrayType>> make_encoder<ByteArrayType>(Encoding,
                                                                                  int32_t);
template std::unique_ptr<TypedEncoder<FLBAType>> make_encoder<FLBAType>(Encoding, int32_t);

}  // namespace spillway

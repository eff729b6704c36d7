#include "format/thrift_compact.h"

#include <bit>
#include <cstring>

#include "spillway/error.h"

namespace spillway {

std::string_view to_string(CType t) {
  switch (t) {
    case CType::STOP:
      return "STOP";
    case CType::BOOLEAN_TRUE:
      return "BOOLEAN_TRUE";
    case CType::BOOLEAN_FALSE:
      return "BOOLEAN_FALSE";
    case CType::BYTE:
      return "BYTE";
    case CType::I16:
      return "I16";
    case CType::I32:
      return "I32";
    case CType::I64:
      return "I64";
    case CType::DOUBLE:
      return "DOUBLE";
    case CType::BINARY:
      return "BINARY";
    case CType::LIST:
      return "LIST";
    case CType::SET:
      return "SET";
    case CType::MAP:
      return "MAP";
    case CType::STRUCT:
      return "STRUCT";
  }
  return "INVALID";
}

// ---------------------------------------------------------------- writer

void CompactWriter::struct_begin() {
  field_id_stack_.push_back(last_field_id_);
  last_field_id_ = 0;
}

void CompactWriter::struct_end() {
  if (field_id_stack_.empty()) throw Error("thrift: struct_end without struct_begin");
  stop();
  last_field_id_ = field_id_stack_.back();
  field_id_stack_.pop_back();
}

void CompactWriter::field_header(int16_t id, CType type) {
  int delta = int{id} - int{last_field_id_};
  if (delta > 0 && delta <= 15) {
    out_.push_back(static_cast<uint8_t>(delta << 4 | static_cast<uint8_t>(type)));
  } else {
    out_.push_back(static_cast<uint8_t>(type));
    write_zigzag(id);
  }
  last_field_id_ = id;
}

void CompactWriter::field_i8(int16_t id, int8_t v) {
  field_header(id, CType::BYTE);
  elem_i8(v);
}
void CompactWriter::field_i16(int16_t id, int16_t v) {
  field_header(id, CType::I16);
  write_zigzag(v);
}
void CompactWriter::field_i32(int16_t id, int32_t v) {
  field_header(id, CType::I32);
  write_zigzag(v);
}
void CompactWriter::field_i64(int16_t id, int64_t v) {
  field_header(id, CType::I64);
  write_zigzag(v);
}
void CompactWriter::field_bool(int16_t id, bool v) {
  field_header(id, v ? CType::BOOLEAN_TRUE : CType::BOOLEAN_FALSE);
}
void CompactWriter::field_double(int16_t id, double v) {
  field_header(id, CType::DOUBLE);
  elem_double(v);
}
void CompactWriter::field_binary(int16_t id, std::string_view v) {
  field_header(id, CType::BINARY);
  elem_binary(v);
}
void CompactWriter::field_struct_begin(int16_t id) {
  field_header(id, CType::STRUCT);
  struct_begin();
}
void CompactWriter::field_list_begin(int16_t id, CType elem_type, size_t size) {
  field_header(id, CType::LIST);
  list_begin(elem_type, size);
}

void CompactWriter::list_begin(CType elem_type, size_t size) {
  if (size > INT32_MAX)
    throw Error("thrift: list of " + std::to_string(size) + " elements is too long");
  if (size < 15) {
    out_.push_back(static_cast<uint8_t>(size << 4 | static_cast<uint8_t>(elem_type)));
  } else {
    out_.push_back(static_cast<uint8_t>(0xF0 | static_cast<uint8_t>(elem_type)));
    write_varint(size);
  }
}

void CompactWriter::elem_double(double v) {
  // Thrift's compact protocol stores doubles little-endian.
  static_assert(std::endian::native == std::endian::little);
  out_.append(&v, sizeof v);
}

void CompactWriter::elem_binary(std::string_view v) {
  write_varint(v.size());
  out_.append(v.data(), v.size());
}

void CompactWriter::write_varint(uint64_t v) {
  uint8_t* p = out_.ensure(10);
  size_t n = 0;
  while (v >= 0x80) {
    p[n++] = static_cast<uint8_t>(v | 0x80);
    v >>= 7;
  }
  p[n++] = static_cast<uint8_t>(v);
  out_.advance(n);
}

// ---------------------------------------------------------------- reader

void CompactReader::fail(const std::string& what) const {
  throw Error("thrift: " + what + " at offset " + std::to_string(pos_));
}

uint8_t CompactReader::read_byte() {
  if (pos_ >= data_.size()) fail("truncated");
  return data_[pos_++];
}

void CompactReader::enter() {
  if (++depth_ > max_depth_) {
    fail("nesting deeper than " + std::to_string(max_depth_) + " levels");
  }
}

void CompactReader::struct_begin() {
  enter();
  field_id_stack_.push_back(last_field_id_);
  last_field_id_ = 0;
}

void CompactReader::struct_end() {
  if (field_id_stack_.empty()) throw Error("thrift: struct_end without struct_begin");
  last_field_id_ = field_id_stack_.back();
  field_id_stack_.pop_back();
  leave();
}

FieldHeader CompactReader::field_begin() {
  size_t start = pos_;
  uint8_t b = read_byte();
  uint8_t type = b & 0x0F;
  if (b == 0) return {0, CType::STOP};
  if (type == 0 || type > static_cast<uint8_t>(CType::STRUCT)) {
    pos_ = start;
    fail("invalid field type " + std::to_string(type));
  }
  FieldHeader h;
  h.type = static_cast<CType>(type);
  int delta = b >> 4;
  if (delta != 0) {
    int id = int{last_field_id_} + delta;
    if (id > INT16_MAX) fail("field id overflows i16");
    h.id = static_cast<int16_t>(id);
  } else {
    h.id = read_i16();
  }
  last_field_id_ = h.id;
  return h;
}

ListHeader CompactReader::list_begin() {
  size_t start = pos_;
  uint8_t b = read_byte();
  ListHeader h;
  uint8_t type = b & 0x0F;
  uint64_t size = b >> 4;
  if (size == 15) size = read_varint(5);
  if (type == 0 || type > static_cast<uint8_t>(CType::STRUCT)) {
    pos_ = start;
    fail("invalid list element type " + std::to_string(type));
  }
  h.elem_type = static_cast<CType>(type);
  // Every element takes at least one byte (a double eight), so a larger
  // count can only come from corrupt input; refuse it before anyone allocates.
  uint64_t min_bytes = h.elem_type == CType::DOUBLE ? 8 : 1;
  if (size > INT32_MAX || size * min_bytes > remaining()) {
    std::string what = "list of " + std::to_string(size) + " elements exceeds the " +
                       std::to_string(remaining()) + " remaining bytes";
    pos_ = start;
    fail(what);
  }
  h.size = static_cast<uint32_t>(size);
  return h;
}

uint64_t CompactReader::read_varint(int max_bytes) {
  size_t start = pos_;
  uint64_t v = 0;
  for (int i = 0; i < max_bytes; ++i) {
    if (pos_ >= data_.size()) fail("truncated");
    uint8_t b = data_[pos_++];
    uint64_t bits = b & 0x7F;
    int shift = 7 * i;
    // The last permitted byte may only carry the bits that still fit.
    if (shift == 63 && bits > 1) {
      pos_ = start;
      fail("varint overflows 64 bits");
    }
    v |= bits << shift;
    if ((b & 0x80) == 0) return v;
  }
  pos_ = start;
  fail("varint longer than " + std::to_string(max_bytes) + " bytes");
}

int64_t CompactReader::read_zigzag(int max_bytes) {
  uint64_t u = read_varint(max_bytes);
  return static_cast<int64_t>(u >> 1) ^ -static_cast<int64_t>(u & 1);
}

int8_t CompactReader::read_i8() {
  return static_cast<int8_t>(read_byte());
}

int16_t CompactReader::read_i16() {
  size_t start = pos_;
  int64_t v = read_zigzag(3);
  if (v < INT16_MIN || v > INT16_MAX) {
    pos_ = start;
    fail("i16 value " + std::to_string(v) + " out of range");
  }
  return static_cast<int16_t>(v);
}

int32_t CompactReader::read_i32() {
  size_t start = pos_;
  int64_t v = read_zigzag(5);
  if (v < INT32_MIN || v > INT32_MAX) {
    pos_ = start;
    fail("i32 value " + std::to_string(v) + " out of range");
  }
  return static_cast<int32_t>(v);
}

int64_t CompactReader::read_i64() {
  return read_zigzag(10);
}

double CompactReader::read_double() {
  if (remaining() < 8) fail("truncated");
  double v;
  std::memcpy(&v, data_.data() + pos_, 8);
  pos_ += 8;
  return v;
}

bool CompactReader::read_bool_elem() {
  uint8_t b = read_byte();
  if (b == 1) return true;
  if (b == 2 || b == 0) return false;
  --pos_;
  fail("invalid bool value " + std::to_string(b));
}

std::string_view CompactReader::read_binary_view() {
  size_t start = pos_;
  uint64_t n = read_varint(5);
  if (n > remaining()) {
    std::string what = "truncated: binary of " + std::to_string(n) + " bytes, " +
                       std::to_string(remaining()) + " remaining";
    pos_ = start;
    fail(what);
  }
  std::string_view v(reinterpret_cast<const char*>(data_.data() + pos_), n);
  pos_ += n;
  return v;
}

void CompactReader::skip(CType type) {
  if (type == CType::BOOLEAN_TRUE || type == CType::BOOLEAN_FALSE) return;
  skip_value(type);
}

void CompactReader::skip_value(CType type) {
  switch (type) {
    case CType::BOOLEAN_TRUE:
    case CType::BOOLEAN_FALSE:
      read_bool_elem();  // inside a container a bool is a byte
      return;
    case CType::BYTE:
      read_byte();
      return;
    case CType::I16:
      read_i16();
      return;
    case CType::I32:
      read_i32();
      return;
    case CType::I64:
      read_i64();
      return;
    case CType::DOUBLE:
      read_double();
      return;
    case CType::BINARY:
      read_binary_view();
      return;
    case CType::STRUCT: {
      struct_begin();
      for (FieldHeader h = field_begin(); !h.is_stop(); h = field_begin()) skip(h.type);
      struct_end();
      return;
    }
    case CType::LIST:
    case CType::SET: {
      enter();
      ListHeader h = list_begin();
      for (uint32_t i = 0; i < h.size; ++i) skip_value(h.elem_type);
      leave();
      return;
    }
    case CType::MAP: {
      enter();
      size_t start = pos_;
      uint64_t size = read_varint(5);
      if (size > 0) {
        uint8_t kv = read_byte();
        auto key = static_cast<CType>(kv >> 4);
        auto value = static_cast<CType>(kv & 0x0F);
        if (key == CType::STOP || kv >> 4 > 12 || value == CType::STOP || (kv & 0x0F) > 12) {
          pos_ = start;
          fail("invalid map key/value types " + std::to_string(kv));
        }
        // Each entry takes at least two bytes.
        if (size > remaining() / 2) {
          std::string what = "map of " + std::to_string(size) + " entries exceeds the " +
                             std::to_string(remaining()) + " remaining bytes";
          pos_ = start;
          fail(what);
        }
        for (uint64_t i = 0; i < size; ++i) {
          skip_value(key);
          skip_value(value);
        }
      }
      leave();
      return;
    }
    case CType::STOP:
      break;
  }
  fail("cannot skip a value of type " + std::to_string(static_cast<int>(type)));
}

}  // namespace spillway

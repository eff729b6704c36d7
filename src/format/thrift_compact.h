#pragma once

// The Thrift compact protocol, hand-written for the handful of Parquet
// structures spillway writes and verifies. The reader treats its input as
// untrusted: every read is bounds-checked and nesting is limited, so corrupt
// bytes produce a spillway::Error rather than a crash or a huge allocation.

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "util/byte_buffer.h"

namespace spillway {

// Compact protocol wire types (the low nibble of a field header).
enum class CType : uint8_t {
  STOP = 0,
  BOOLEAN_TRUE = 1,
  BOOLEAN_FALSE = 2,
  BYTE = 3,
  I16 = 4,
  I32 = 5,
  I64 = 6,
  DOUBLE = 7,
  BINARY = 8,
  LIST = 9,
  SET = 10,
  MAP = 11,
  STRUCT = 12,
};

// The list element type of list<bool>.
inline constexpr CType kBoolElement = CType::BOOLEAN_TRUE;

std::string_view to_string(CType t);

class CompactWriter {
 public:
  explicit CompactWriter(ByteBuffer& out) : out_(out) {}

  // Every struct, the outermost too, is bracketed by these; struct_end writes
  // the STOP byte. Field-id deltas are relative to the innermost open struct.
  void struct_begin();
  void struct_end();
  // Writes a STOP byte only (struct_end does this itself).
  void stop() { out_.push_back(0); }

  // A field header; use it before list_begin or before a nested struct_begin.
  void field_header(int16_t id, CType type);

  void field_i8(int16_t id, int8_t v);
  void field_i16(int16_t id, int16_t v);
  void field_i32(int16_t id, int32_t v);
  void field_i64(int16_t id, int64_t v);
  void field_bool(int16_t id, bool v);  // the value lives in the header's type
  void field_double(int16_t id, double v);
  void field_binary(int16_t id, std::string_view v);
  // Header plus struct_begin; close with struct_end.
  void field_struct_begin(int16_t id);
  // Header plus list_begin; then write `size` elements.
  void field_list_begin(int16_t id, CType elem_type, size_t size);

  void list_begin(CType elem_type, size_t size);
  void elem_bool(bool v) { out_.push_back(v ? 1 : 2); }
  void elem_i8(int8_t v) { out_.push_back(static_cast<uint8_t>(v)); }
  void elem_i16(int16_t v) { write_zigzag(v); }
  void elem_i32(int32_t v) { write_zigzag(v); }
  void elem_i64(int64_t v) { write_zigzag(v); }
  void elem_double(double v);
  void elem_binary(std::string_view v);
  // A struct element is written with struct_begin / struct_end.

  void write_varint(uint64_t v);
  void write_zigzag(int64_t v) {
    write_varint((static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v >> 63));
  }

 private:
  ByteBuffer& out_;
  int16_t last_field_id_ = 0;
  std::vector<int16_t> field_id_stack_;
};

struct FieldHeader {
  int16_t id = 0;
  CType type = CType::STOP;  // STOP: the struct has no more fields
  bool is_stop() const { return type == CType::STOP; }
  // For a bool field, whose value is its type.
  bool is_bool() const { return type == CType::BOOLEAN_TRUE || type == CType::BOOLEAN_FALSE; }
  bool bool_value() const { return type == CType::BOOLEAN_TRUE; }
};

struct ListHeader {
  CType elem_type = CType::STOP;
  uint32_t size = 0;
};

class CompactReader {
 public:
  static constexpr int kDefaultMaxDepth = 64;

  explicit CompactReader(std::span<const uint8_t> bytes, int max_depth = kDefaultMaxDepth)
      : data_(bytes), max_depth_(max_depth) {}

  void struct_begin();
  void struct_end();
  // The next field's header, or one with type STOP at the end of the struct.
  FieldHeader field_begin();

  ListHeader list_begin();  // also reads a set header

  int8_t read_i8();
  int16_t read_i16();
  int32_t read_i32();
  int64_t read_i64();
  double read_double();
  // A list<bool> element (1 = true; 2, or 0 from old writers, = false).
  bool read_bool_elem();
  std::string read_binary() { return std::string(read_binary_view()); }
  // Borrows from the input span.
  std::string_view read_binary_view();

  // Skips one value of the given wire type, nested values included. For a
  // bool field the value is in the header already and nothing is read.
  void skip(CType type);

  size_t position() const { return pos_; }
  size_t remaining() const { return data_.size() - pos_; }

  uint64_t read_varint(int max_bytes = 10);
  int64_t read_zigzag(int max_bytes = 10);

 private:
  uint8_t read_byte();
  [[noreturn]] void fail(const std::string& what) const;
  void enter();
  void leave() { --depth_; }
  void skip_value(CType type);

  std::span<const uint8_t> data_;
  size_t pos_ = 0;
  int max_depth_;
  int depth_ = 0;
  int16_t last_field_id_ = 0;
  std::vector<int16_t> field_id_stack_;
};

}  // namespace spillway

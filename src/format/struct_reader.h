#pragma once

// Shared by the metadata parsers (metadata_read.cc, schema_read.cc,
// page_read.cc): a reader for the fields of one Thrift struct that checks
// wire types against parquet.thrift and tracks required fields.

#include <cstdint>
#include <string>
#include <vector>

#include "format/thrift_compact.h"
#include "spillway/error.h"
#include "spillway/metadata.h"

namespace spillway {

class StructReader {
 public:
  StructReader(CompactReader& r, const char* name) : r_(r), name_(name) { r_.struct_begin(); }

  // Advances to the next field; false (and the struct closed) at STOP.
  bool next() {
    h_ = r_.field_begin();
    if (h_.is_stop()) {
      r_.struct_end();
      return false;
    }
    if (h_.id >= 0 && h_.id < 64) seen_ |= uint64_t{1} << h_.id;
    return true;
  }
  int16_t id() const { return h_.id; }
  CompactReader& reader() { return r_; }
  void skip() { r_.skip(h_.type); }

  int8_t i8(const char* field) {
    expect(CType::BYTE, field);
    return r_.read_i8();
  }
  int16_t i16(const char* field) {
    expect(CType::I16, field);
    return r_.read_i16();
  }
  int32_t i32(const char* field) {
    expect(CType::I32, field);
    return r_.read_i32();
  }
  int64_t i64(const char* field) {
    expect(CType::I64, field);
    return r_.read_i64();
  }
  std::string binary(const char* field) {
    expect(CType::BINARY, field);
    return r_.read_binary();
  }
  bool boolean(const char* field) {
    if (!h_.is_bool()) wrong_type(field, "BOOLEAN");
    return h_.bool_value();
  }
  // Enums travel as i32; values this version does not know are kept as is.
  template <typename E>
  E enumeration(const char* field) {
    return static_cast<E>(i32(field));
  }
  // Checks that the current field holds a struct; the caller then reads it
  // from reader().
  CompactReader& nested(const char* field) {
    expect(CType::STRUCT, field);
    return r_;
  }

  // Reads a list header and calls `each` once per element.
  template <typename F>
  void list(const char* field, CType elem, F&& each) {
    expect(CType::LIST, field);
    ListHeader h = r_.list_begin();
    bool ok = h.elem_type == elem || (elem == kBoolElement && h.elem_type == CType::BOOLEAN_FALSE);
    if (h.size > 0 && !ok) {
      throw Error(std::string("thrift: ") + name_ + "." + field + " is a list of " +
                  std::string(to_string(h.elem_type)) + ", expected " +
                  std::string(to_string(elem)));
    }
    for (uint32_t i = 0; i < h.size; ++i) each();
  }
  std::vector<int64_t> i64_list(const char* field) {
    std::vector<int64_t> out;
    list(field, CType::I64, [&] { out.push_back(r_.read_i64()); });
    return out;
  }

  // Call after next() returned false: was field `id` present?
  void require(int16_t id, const char* field) const {
    if ((seen_ >> id & 1) == 0) {
      throw Error(std::string("thrift: ") + name_ + " is missing required field " + field);
    }
  }
  [[noreturn]] void fail(const std::string& what) const {
    throw Error(std::string("thrift: ") + name_ + ": " + what);
  }

 private:
  void expect(CType want, const char* field) const {
    if (h_.type != want) wrong_type(field, to_string(want));
  }
  [[noreturn]] void wrong_type(const char* field, std::string_view want) const {
    throw Error(std::string("thrift: ") + name_ + "." + field + " (field " + std::to_string(h_.id) +
                ") has wire type " + std::string(to_string(h_.type)) + ", expected " +
                std::string(want) + " (before offset " + std::to_string(r_.position()) + ")");
  }

  CompactReader& r_;
  const char* name_;
  FieldHeader h_;
  uint64_t seen_ = 0;  // bit i: field i (< 64) was present
};

// Parsers of the structs more than one file needs.
Statistics parse_statistics(CompactReader& r);
SchemaElement parse_schema_element(CompactReader& r);

}  // namespace spillway

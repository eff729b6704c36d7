#pragma once

// For write_verify_fuzz.cc: a random valid Arrow column built with the test
// support builders, together with a model of its logical values, and the
// Parquet levels and values those values must shred into (the Dremel
// encoding, worked out here independently of the writer).

#include <cstdint>
#include <cstring>
#include <memory>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

#include "fuzz_util.h"
#include "spillway/basic.h"
#include "support/arrow_builder.h"

namespace spillway::fuzz {

// One logical value: a leaf's PLAIN bytes, or a list's items, or a struct's
// fields (a map is a list of two-field structs).
struct Value {
  std::string plain;
  std::vector<std::optional<Value>> items;
};
using Column = std::vector<std::optional<Value>>;

struct Leaf {
  PhysicalType type;
  std::vector<std::string> path;  // the Parquet column path
  int16_t max_def = 0, max_rep = 0;
};

// The type tree of a generated column.
struct Node {
  enum Kind { kLeaf, kList, kStruct } kind = kLeaf;
  bool nullable = true;
  size_t leaf = 0;  // kLeaf: index into the leaves
  std::vector<Node> children;
};

// What the verifier must decode for one leaf.
struct Expected {
  std::vector<int16_t> def, rep;
  std::vector<std::string> values;
};

class TableModel {
 public:
  explicit TableModel(ByteCode& in) : in_(in) {}

  // A column of `rows` rows named `name`, nullable unless `required`.
  test::ArrowColumn column(const std::string& name, int64_t rows, bool required, Node& node,
                           Column& values, int depth = 0) {
    path_.push_back(name);
    if (!required) ++def_;
    test::ArrowColumn c = make(rows, required, node, values, depth);
    if (!required) --def_;
    path_.pop_back();
    return c.named(name);
  }

  const std::vector<Leaf>& leaves() const { return leaves_; }

  // Shreds `values` (a column of type `node`) into expected[leaf...].
  static void shred(const Node& node, const Column& values, std::vector<Expected>& out) {
    for (const auto& v : values) shred_value(node, v, 0, 0, 0, out);
  }

 private:
  // How many leaves sit under `node`, for emitting a null to all of them.
  static void emit_empty(const Node& node, int16_t def, int16_t rep, std::vector<Expected>& out) {
    if (node.kind == Node::kLeaf) {
      out[node.leaf].def.push_back(def);
      out[node.leaf].rep.push_back(rep);
      return;
    }
    if (node.kind == Node::kList) return emit_empty(node.children[0], def, rep, out);
    for (const Node& c : node.children) emit_empty(c, def, rep, out);
  }

  // def: definition level reached by the ancestors; rep: the repetition
  // level of this value; depth: repeated ancestors.
  static void shred_value(const Node& node, const std::optional<Value>& v, int16_t def, int16_t rep,
                          int16_t depth, std::vector<Expected>& out) {
    if (!v) return emit_empty(node, def, rep, out);
    if (node.nullable) ++def;
    switch (node.kind) {
      case Node::kLeaf:
        out[node.leaf].def.push_back(def);
        out[node.leaf].rep.push_back(rep);
        out[node.leaf].values.push_back(v->plain);
        return;
      case Node::kStruct:
        for (size_t i = 0; i < node.children.size(); ++i) {
          shred_value(node.children[i], v->items[i], def, rep, depth, out);
        }
        return;
      case Node::kList:
        if (v->items.empty()) return emit_empty(node.children[0], def, rep, out);
        for (size_t j = 0; j < v->items.size(); ++j) {
          shred_value(node.children[0], v->items[j], static_cast<int16_t>(def + 1),
                      j == 0 ? rep : static_cast<int16_t>(depth + 1),
                      static_cast<int16_t>(depth + 1), out);
        }
        return;
    }
  }

  test::ArrowColumn make(int64_t rows, bool required, Node& node, Column& values, int depth);
  test::ArrowColumn leaf(int64_t rows, bool required, Node& node, Column& values);
  test::ArrowColumn list(int64_t rows, bool required, Node& node, Column& values, int depth,
                         bool map);
  test::ArrowColumn structure(int64_t rows, bool required, Node& node, Column& values, int depth);

  ByteCode& in_;
  std::vector<std::string> path_;
  int16_t def_ = 0, rep_ = 0;  // levels of the node being built
  std::vector<Leaf> leaves_;
};

inline test::ArrowColumn TableModel::make(int64_t rows, bool required, Node& node, Column& values,
                                          int depth) {
  node.nullable = !required;
  // Sometimes a slice: build `extra` more rows and drop them from the front.
  const int64_t extra = (in_.u8() & 7) == 7 ? in_.u8() % 5 : 0;
  const uint8_t kind = depth >= 3 ? 0 : in_.u8() % 8;
  test::ArrowColumn c;
  if (kind == 5 || kind == 6) {
    c = list(rows + extra, required, node, values, depth, kind == 6);
  } else if (kind == 7) {
    c = structure(rows + extra, required, node, values, depth);
  } else {
    c = leaf(rows + extra, required, node, values);
  }
  if (extra > 0) {
    c = c.sliced(extra, rows);
    values.erase(values.begin(), values.begin() + extra);
  }
  if (required) c = c.not_null();
  return c;
}

inline test::ArrowColumn TableModel::leaf(int64_t rows, bool required, Node& node, Column& values) {
  node.kind = Node::kLeaf;
  node.leaf = leaves_.size();
  const uint8_t type = in_.u8() % 17;
  // Per row: null (only if nullable) or the value's input bytes.
  std::vector<bool> present(static_cast<size_t>(rows));
  for (size_t i = 0; i < present.size(); ++i) present[i] = required || (in_.u8() & 3) != 0;
  auto fixed = [&]<typename T>(T, std::string (*plain)(T)) {
    test::Values<T> v;
    for (size_t i = 0; i < present.size(); ++i) {
      if (!present[i]) {
        v.push_back(std::nullopt);
        values.push_back(std::nullopt);
        continue;
      }
      T x{};
      std::string raw = in_.bytes(sizeof(T));
      std::memcpy(&x, raw.data(), raw.size());
      if constexpr (std::is_same_v<T, bool>) x = (raw.size() ? raw[0] : 0) & 1;
      v.push_back(x);
      values.push_back(Value{plain(x), {}});
    }
    return v;
  };
  auto text = [&](bool utf8) {
    test::Values<std::string> v;
    for (size_t i = 0; i < present.size(); ++i) {
      if (!present[i]) {
        v.push_back(std::nullopt);
        values.push_back(std::nullopt);
        continue;
      }
      std::string s = in_.bytes(in_.u8() % 20);
      if (utf8) {
        for (char& ch : s) ch = static_cast<char>('a' + static_cast<uint8_t>(ch) % 26);
      }
      v.push_back(s);
      values.push_back(Value{s, {}});
    }
    return v;
  };
  auto i32 = [](int32_t x) { return std::string(reinterpret_cast<const char*>(&x), 4); };
  auto i64 = [](int64_t x) { return std::string(reinterpret_cast<const char*>(&x), 8); };
  PhysicalType pt = PhysicalType::INT32;
  test::ArrowColumn c;
  switch (type) {
    case 0:
      pt = PhysicalType::BOOLEAN;
      c = test::bool_column(fixed(
          bool{}, +[](bool b) { return std::string(1, b ? 1 : 0); }));
      break;
    case 1:
      c = test::int8_column(fixed(
          int8_t{}, +[](int8_t x) {
            int32_t v = x;
            return std::string(reinterpret_cast<const char*>(&v), 4);
          }));
      break;
    case 2:
      c = test::uint16_column(fixed(
          uint16_t{}, +[](uint16_t x) {
            int32_t v = x;
            return std::string(reinterpret_cast<const char*>(&v), 4);
          }));
      break;
    case 3:
      c = test::int32_column(fixed(
          int32_t{}, +[](int32_t x) { return test::plain(x); }));
      break;
    case 4:
      pt = PhysicalType::INT64;
      c = test::int64_column(fixed(
          int64_t{}, +[](int64_t x) { return test::plain(x); }));
      break;
    case 5:
      pt = PhysicalType::INT64;
      c = test::uint64_column(fixed(
          uint64_t{}, +[](uint64_t x) { return test::plain(x); }));
      break;
    case 6:
      pt = PhysicalType::FLOAT;
      c = test::float32_column(fixed(
          float{}, +[](float x) { return test::plain(x); }));
      break;
    case 7:
      pt = PhysicalType::DOUBLE;
      c = test::float64_column(fixed(
          double{}, +[](double x) { return test::plain(x); }));
      break;
    case 8:
      pt = PhysicalType::BYTE_ARRAY;
      c = test::string_column(text(true));
      break;
    case 9:
      pt = PhysicalType::BYTE_ARRAY;
      c = test::large_string_column(text(true));
      break;
    case 10:
      pt = PhysicalType::BYTE_ARRAY;
      c = test::binary_column(text(false));
      break;
    case 11:
      pt = PhysicalType::BYTE_ARRAY;
      c = test::string_view_column(text(true), 1 + in_.u8() % 64);
      break;
    case 12: {
      pt = PhysicalType::FIXED_LEN_BYTE_ARRAY;
      const size_t width = 1 + in_.u8() % 6;
      test::Values<std::string> v = text(false);
      for (size_t i = 0; i < v.size(); ++i) {
        if (!v[i]) continue;
        v[i]->resize(width, 'x');
        values[values.size() - v.size() + i]->plain = *v[i];
      }
      c = test::fixed_size_binary_column(static_cast<int32_t>(width), v);
      break;
    }
    case 13:
      c = test::date32_column(fixed(
          int32_t{}, +[](int32_t x) { return test::plain(x); }));
      break;
    case 14:
      pt = PhysicalType::INT64;
      c = test::timestamp_column(
          ArrowTimeUnit::MICRO,
          in_.flag() ? std::optional<std::string>() : std::optional<std::string>("UTC"),
          fixed(
              int64_t{}, +[](int64_t x) { return test::plain(x); }));
      break;
    default: {
      // Dictionary-encoded utf8 or int64 (type 15, 16) with int8 or int32
      // indices; the dictionary has no nulls, indices may.
      const bool strings = type == 15;
      pt = strings ? PhysicalType::BYTE_ARRAY : PhysicalType::INT64;
      const size_t n = 1 + in_.u8() % 6;
      test::Values<std::string> dict_text;
      test::Values<int64_t> dict_ints;
      std::vector<std::string> dict_plain;
      for (size_t k = 0; k < n; ++k) {
        std::string s = in_.bytes(in_.u8() % 6);
        for (char& ch : s) ch = static_cast<char>('a' + static_cast<uint8_t>(ch) % 26);
        int64_t x = static_cast<int8_t>(in_.u8());
        dict_text.push_back(s);
        dict_ints.push_back(x);
        dict_plain.push_back(strings ? s : i64(x));
      }
      test::Values<int32_t> idx;
      for (size_t i = 0; i < present.size(); ++i) {
        if (!present[i]) {
          idx.push_back(std::nullopt);
          values.push_back(std::nullopt);
          continue;
        }
        int32_t k = static_cast<int32_t>(in_.u8() % n);
        idx.push_back(k);
        values.push_back(Value{dict_plain[static_cast<size_t>(k)], {}});
      }
      test::ArrowColumn indices;
      if (in_.flag()) {
        test::Values<int8_t> small;
        for (const auto& k : idx) small.push_back(k ? std::optional<int8_t>(*k) : std::nullopt);
        indices = test::int8_column(small);
      } else {
        indices = test::int32_column(idx);
      }
      c = test::dictionary_column(
          indices, strings ? test::string_column(dict_text) : test::int64_column(dict_ints));
      break;
    }
  }
  (void)i32;
  leaves_.push_back(Leaf{pt, path_, def_, rep_});
  return c;
}

// A list (or, with `map`, a map of required utf8/int32 keys to any values).
inline test::ArrowColumn TableModel::list(int64_t rows, bool required, Node& node, Column& values,
                                          int depth, bool map) {
  node.kind = Node::kList;
  const bool large = !map && in_.flag();
  std::vector<int64_t> offsets = {0};
  std::vector<bool> valid;
  std::vector<size_t> lengths;
  for (int64_t i = 0; i < rows; ++i) {
    valid.push_back(required || (in_.u8() & 7) != 0);
    lengths.push_back(valid.back() ? in_.u8() % 4 : 0);
    offsets.push_back(offsets.back() + static_cast<int64_t>(lengths.back()));
  }
  const int64_t items = offsets.back();
  ++def_, ++rep_;  // the repeated group
  Column item_values;
  test::ArrowColumn child;
  node.children.resize(1);
  if (map) {
    path_.push_back("key_value");
    Node& entries = node.children[0];
    entries.kind = Node::kStruct;
    entries.nullable = false;
    entries.children.resize(2);
    Column keys, vals;
    test::ArrowColumn k = column("key", items, true, entries.children[0], keys, 3);
    test::ArrowColumn v = column("value", items, in_.flag(), entries.children[1], vals, depth + 1);
    for (int64_t j = 0; j < items; ++j) {
      item_values.push_back(
          Value{"", {keys[static_cast<size_t>(j)], vals[static_cast<size_t>(j)]}});
    }
    path_.pop_back();
    std::vector<int32_t> off32(offsets.begin(), offsets.end());
    child = test::map_column(off32, k, v, required ? std::vector<bool>{} : valid);
  } else {
    path_.push_back("list");
    test::ArrowColumn v =
        column("element", items, in_.flag(), node.children[0], item_values, depth + 1);
    path_.pop_back();
    std::vector<int32_t> off32(offsets.begin(), offsets.end());
    child = large ? test::large_list_column(offsets, v, required ? std::vector<bool>{} : valid)
                  : test::list_column(off32, v, required ? std::vector<bool>{} : valid);
  }
  --def_, --rep_;
  size_t next = 0;
  for (int64_t i = 0; i < rows; ++i) {
    if (!valid[static_cast<size_t>(i)]) {
      values.push_back(std::nullopt);
      continue;
    }
    Value list_value;
    for (size_t j = 0; j < lengths[static_cast<size_t>(i)]; ++j) {
      list_value.items.push_back(item_values[next++]);
    }
    values.push_back(list_value);
  }
  return child;
}

inline test::ArrowColumn TableModel::structure(int64_t rows, bool required, Node& node,
                                               Column& values, int depth) {
  node.kind = Node::kStruct;
  const size_t k = 1 + in_.u8() % 3;
  node.children.resize(k);
  std::vector<Column> fields(k);
  test::NamedColumns columns;
  for (size_t i = 0; i < k; ++i) {
    std::string name = "f" + std::to_string(i);
    columns.emplace_back(name,
                         column(name, rows, in_.flag(), node.children[i], fields[i], depth + 1));
  }
  std::vector<bool> valid;
  for (int64_t i = 0; i < rows; ++i) valid.push_back(required || (in_.u8() & 7) != 0);
  for (int64_t i = 0; i < rows; ++i) {
    if (!valid[static_cast<size_t>(i)]) {
      values.push_back(std::nullopt);
      continue;
    }
    Value v;
    for (size_t f = 0; f < k; ++f) v.items.push_back(fields[f][static_cast<size_t>(i)]);
    values.push_back(v);
  }
  return test::nullable_struct_column(columns, required ? std::vector<bool>{} : valid);
}

}  // namespace spillway::fuzz

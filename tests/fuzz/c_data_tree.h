#pragma once

// Builds an ArrowSchema + ArrowArray tree from fuzz bytes (see
// c_data_import_fuzz.cc for the byte-code and the memory rule).

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <map>
#include <string>
#include <vector>

#include "fuzz_util.h"
#include "spillway/c_abi.h"

namespace spillway::fuzz {

// Owns every struct, string and buffer of the trees built from one input;
// release callbacks only mark nodes released, the arena frees them at the end.
class CDataTree {
 public:
  explicit CDataTree(ByteCode& in) : in_(in) {}

  // Prints the tree (SPILLWAY_FUZZ_VERBOSE): the starting point of a
  // regression test.
  void dump(const ArrowSchema* s, const ArrowArray* a, int indent = 0) const {
    std::string pad(static_cast<size_t>(indent) * 2, ' ');
    std::fprintf(stderr, "%sschema format=%s name=%s flags=%lld n_children=%lld dict=%d\n",
                 pad.c_str(), s->format ? s->format : "(NULL)", s->name ? s->name : "(NULL)",
                 static_cast<long long>(s->flags), static_cast<long long>(s->n_children),
                 s->dictionary != nullptr);
    if (!a) return;
    std::fprintf(stderr,
                 "%sarray length=%lld offset=%lld null_count=%lld n_buffers=%lld n_children=%lld "
                 "released=%d\n",
                 pad.c_str(), static_cast<long long>(a->length), static_cast<long long>(a->offset),
                 static_cast<long long>(a->null_count), static_cast<long long>(a->n_buffers),
                 static_cast<long long>(a->n_children), a->release == nullptr);
    for (int64_t i = 0; a->buffers && i < a->n_buffers; ++i) {
      const void* b = a->buffers[i];
      auto it = sizes_.find(b);
      std::fprintf(stderr, "%s  buffer %lld:", pad.c_str(), static_cast<long long>(i));
      if (b == nullptr) std::fprintf(stderr, " NULL");
      for (size_t k = 0; it != sizes_.end() && k < it->second; ++k) {
        std::fprintf(stderr, " %02x", static_cast<const uint8_t*>(b)[k]);
      }
      std::fprintf(stderr, "\n");
    }
    for (int64_t i = 0; s->children && i < s->n_children; ++i) {
      const ArrowArray* c = a->children && i < a->n_children ? a->children[i] : nullptr;
      dump(s->children[i], c, indent + 1);
    }
    if (s->dictionary) dump(s->dictionary, a->dictionary, indent + 1);
  }

  // The root: a struct ("+s") unless the input asks for any type.
  void build(ArrowSchema* schema, ArrowArray* array) {
    const bool any_root = (in_.u8() & 15) == 15;
    node(any_root ? Kind::kAny : Kind::kStruct, 0, schema, array);
  }

 private:
  // kEntries: a map's struct of exactly two children.
  enum class Kind { kAny, kStruct, kEntries, kRunEnds };

  // The types the typed mode picks from (formats with parameters are
  // completed in node()).
  static constexpr const char* kFormats[] = {
      "n",   "b",   "c",   "C",   "s",   "S",    "i",       "I",    "l",    "L",   "e",
      "f",   "g",   "u",   "U",   "z",   "Z",    "vu",      "vz",   "w:",   "d:",  "tdD",
      "tdm", "tts", "ttm", "ttu", "ttn", "tss:", "tsu:UTC", "tDs",  "tiM",  "tiD", "tin",
      "+s",  "+l",  "+L",  "+w:", "+vl", "+vL",  "+m",      "+us:", "+ud:", "+r"};
  static constexpr size_t kNumFormats = sizeof(kFormats) / sizeof(kFormats[0]);
  static constexpr const char* kIndexFormats[] = {"c", "C", "s", "S", "i", "I", "l", "L"};
  static constexpr const char* kRunEndFormats[] = {"s", "i", "l"};

  static constexpr int kMaxDepth = 4;
  static constexpr int kMaxNodes = 48;

  std::vector<uint8_t>& buffer(size_t size) {
    buffers_.emplace_back(size);
    sizes_[buffers_.back().data()] = size;
    return buffers_.back();
  }
  const char* keep(std::string s) {
    strings_.push_back(std::move(s));
    return strings_.back().c_str();
  }

  static void release_schema(ArrowSchema* s) {
    for (int64_t i = 0; s->children && i < s->n_children; ++i) {
      if (s->children[i]->release) s->children[i]->release(s->children[i]);
    }
    if (s->dictionary && s->dictionary->release) s->dictionary->release(s->dictionary);
    s->release = nullptr;
  }
  static void release_array(ArrowArray* a) {
    for (int64_t i = 0; a->children && i < a->n_children; ++i) {
      if (a->children[i] && a->children[i]->release) a->children[i]->release(a->children[i]);
    }
    if (a->dictionary && a->dictionary->release) a->dictionary->release(a->dictionary);
    a->release = nullptr;
  }

  // Buffer content: raw input bytes, the rest zero.
  const void* filled(size_t size) {
    std::vector<uint8_t>& b = buffer(size);
    std::string raw = in_.bytes(size);
    if (!raw.empty()) std::memcpy(b.data(), raw.data(), raw.size());
    return b.data();
  }

  // Offsets for n values at logical positions [0, n]: valid (cumulative
  // small steps) or raw int16 values (negative, decreasing...). Returns the
  // largest offset in [first, n] (the rows the array references), >= 0.
  template <typename Offset>
  int64_t offsets(size_t n, int64_t first, const void*& out) {
    std::vector<uint8_t>& b = buffer((n + 1) * sizeof(Offset));
    auto* o = reinterpret_cast<Offset*>(b.data());
    const bool raw = (in_.u8() & 7) == 7;
    int64_t max = 0;
    for (size_t i = 0; i <= n; ++i) {
      o[i] = raw ? static_cast<Offset>(static_cast<int16_t>(in_.u16()))
                 : static_cast<Offset>((i == 0 ? 0 : o[i - 1]) + in_.u8() % 5);
      if (static_cast<int64_t>(i) >= first && o[i] > max) max = o[i];
    }
    out = b.data();
    return max;
  }

  std::string metadata() {
    static const char* kKeys[] = {"PARQUET:field_id", "ARROW:extension:name",
                                  "ARROW:extension:metadata", "k"};
    int32_t pairs = in_.u8() % 3;
    std::string blob(reinterpret_cast<const char*>(&pairs), 4);
    for (int32_t p = 0; p < pairs; ++p) {
      std::string key = kKeys[in_.u8() % 4], value = in_.bytes(in_.u8() % 8);
      for (const std::string* s : {&key, &value}) {
        int32_t len = static_cast<int32_t>(s->size());
        blob.append(reinterpret_cast<const char*>(&len), 4);
        blob += *s;
      }
    }
    return blob;
  }

  void node(Kind kind, int depth, ArrowSchema* s, ArrowArray* a, int64_t length_hint = -1);
  std::string pick_format(Kind kind, int depth);
  void typed_buffers(const std::string& f, std::vector<const void*>& b, size_t n, int64_t offset,
                     std::vector<int64_t>& child_lengths, int64_t dictionary_length);
  void view_buffers(std::vector<const void*>& b, size_t n);

  ByteCode& in_;
  int nodes_ = 0;
  int64_t run_end_target_ = 0;  // the logical length a run-ends child must reach
  std::deque<std::vector<uint8_t>> buffers_;
  std::deque<std::string> strings_;
  std::map<const void*, size_t> sizes_;
  std::deque<ArrowSchema> schemas_;
  std::deque<ArrowArray> arrays_;
  std::deque<std::vector<const void*>> buffer_lists_;
  std::deque<std::vector<ArrowSchema*>> schema_lists_;
  std::deque<std::vector<ArrowArray*>> array_lists_;
};

// Bytes per value of a fixed-width format (0 if not fixed width).
inline size_t fixed_width(const std::string& f) {
  if (f.starts_with("w:")) return static_cast<size_t>(std::atoi(f.c_str() + 2));
  if (f.starts_with("d:")) {
    size_t comma = f.rfind(',');
    size_t first = f.find(',');
    return comma != first ? static_cast<size_t>(std::atoi(f.c_str() + comma + 1)) / 8 : 16;
  }
  if (f == "c" || f == "C") return 1;
  if (f == "s" || f == "S" || f == "e") return 2;
  if (f == "i" || f == "I" || f == "f" || f == "tdD" || f == "tts" || f == "ttm" || f == "tiM") {
    return 4;
  }
  if (f == "tin") return 16;
  if (f == "l" || f == "L" || f == "g" || f.starts_with("t")) return 8;
  return 0;
}

inline std::string CDataTree::pick_format(Kind kind, int depth) {
  switch (kind) {
    case Kind::kStruct:
    case Kind::kEntries:
      return "+s";
    case Kind::kRunEnds:
      return kRunEndFormats[in_.u8() % 3];
    case Kind::kAny:
      break;
  }
  std::string f = kFormats[in_.u8() % kNumFormats];
  if (f[0] == '+' && (depth >= kMaxDepth || nodes_ >= kMaxNodes)) f = "i";
  if (f == "w:") f += std::to_string(1 + in_.u8() % 16);
  if (f == "+w:") f += std::to_string(in_.u8() % 4);
  if (f == "d:") {
    static const char* kWidths[] = {"", ",32", ",64", ",128", ",256"};
    int p = 1 + in_.u8() % 76;
    f += std::to_string(p) + "," + std::to_string(in_.u8() % (p + 1)) + kWidths[in_.u8() % 5];
  }
  if (f == "+us:" || f == "+ud:") {
    int n = 1 + in_.u8() % 3;
    for (int i = 0; i < n; ++i) f += (i ? "," : "") + std::to_string(in_.u8() % 8);
  }
  return f;
}

// Views: inline values, or references into 0-2 variadic buffers whose
// claimed sizes (the last buffer) are their real sizes.
inline void CDataTree::view_buffers(std::vector<const void*>& b, size_t n) {
  const size_t variadic = in_.u8() % 3;
  std::vector<const uint8_t*> data(variadic);
  std::vector<uint8_t>& sizes_buf = buffer(8 * variadic);
  auto* sizes = reinterpret_cast<int64_t*>(sizes_buf.data());
  for (size_t k = 0; k < variadic; ++k) {
    sizes[k] = in_.u8();
    data[k] = static_cast<const uint8_t*>(filled(static_cast<size_t>(sizes[k])));
  }
  std::vector<uint8_t>& views = buffer(16 * n);
  for (size_t i = 0; i < n; ++i) {
    uint8_t* v = views.data() + 16 * i;
    uint8_t choice = in_.u8();
    if (choice == 255) {  // raw bytes
      std::string raw = in_.bytes(16);
      std::memcpy(v, raw.data(), raw.size());
      continue;
    }
    int32_t len = choice % 40;
    std::memcpy(v, &len, 4);
    if (len <= 12) {
      std::string raw = in_.bytes(static_cast<size_t>(len));
      std::memcpy(v + 4, raw.data(), raw.size());
      continue;
    }
    int32_t index = static_cast<int32_t>(in_.u8() % (variadic + 1));
    int32_t offset = in_.u8() % 64;
    std::memcpy(v + 8, &index, 4);
    std::memcpy(v + 12, &offset, 4);
    if (static_cast<size_t>(index) < variadic && offset + 4 <= sizes[index]) {
      std::memcpy(v + 4, data[index] + offset, 4);
    }
  }
  b.push_back(views.data());
  for (const uint8_t* d : data) b.push_back(d);
  b.push_back(sizes_buf.data());
  if (variadic > 0 && (in_.u8() & 15) == 15) sizes[0] = -1;  // detectable
}

// The buffers of a typed node of n = offset + length slots, sized as the C
// Data Interface makes the producer guarantee. Fills child_lengths with the
// length each child must have to be consistent (the caller may perturb it).
inline void CDataTree::typed_buffers(const std::string& f, std::vector<const void*>& b, size_t n,
                                     int64_t offset, std::vector<int64_t>& child_lengths,
                                     int64_t dictionary_length) {
  auto validity = [&] {
    if (in_.u8() & 1) return static_cast<const void*>(nullptr);
    return filled((n + 7) / 8);
  };
  if (f == "n" || f == "+r") return;
  if (f.starts_with("+us:") || f.starts_with("+ud:")) {
    const bool dense = f[2] == 'd';
    size_t ids = static_cast<size_t>(std::count(f.begin(), f.end(), ',') + 1);
    std::vector<int> id_values;
    for (size_t p = 4; p < f.size(); p = f.find(',', p) + 1) {
      id_values.push_back(std::atoi(f.c_str() + p));
      if (f.find(',', p) == std::string::npos) break;
    }
    std::vector<uint8_t>& types = buffer(n);
    for (size_t i = 0; i < n; ++i) {
      uint8_t c = in_.u8();
      types[i] = c >= 0xF0 ? c : static_cast<uint8_t>(id_values[c % id_values.size()]);
    }
    b.push_back(types.data());
    if (dense) {
      std::vector<uint8_t>& off = buffer(4 * n);
      for (size_t i = 0; i < n; ++i) {
        int32_t v = in_.u8() % 8;
        std::memcpy(off.data() + 4 * i, &v, 4);
      }
      b.push_back(off.data());
      for (size_t i = 0; i < ids; ++i) child_lengths.push_back(in_.u8() % 9);
    } else {
      child_lengths.assign(ids, static_cast<int64_t>(n));
    }
    return;
  }
  b.push_back(validity());
  if (f == "+s") return child_lengths.push_back(static_cast<int64_t>(n));
  if (f.starts_with("+w:")) {
    return child_lengths.push_back(static_cast<int64_t>(n) * std::atoi(f.c_str() + 3));
  }
  const void* off = nullptr;
  if (f == "+l" || f == "+m") {
    child_lengths.push_back(offsets<int32_t>(n, offset, off));
    b.push_back(off);
    return;
  }
  if (f == "+L") {
    child_lengths.push_back(offsets<int64_t>(n, offset, off));
    b.push_back(off);
    return;
  }
  if (f == "+vl" || f == "+vL") {
    const size_t w = f == "+vl" ? 4 : 8;
    for (int k = 0; k < 2; ++k) {
      std::vector<uint8_t>& buf = buffer(w * n);
      for (size_t i = 0; i < n; ++i) {
        int64_t v = static_cast<int16_t>(in_.u16()) % 24;
        std::memcpy(buf.data() + w * i, &v, w);  // little-endian: low bytes first
      }
      b.push_back(buf.data());
    }
    child_lengths.push_back(in_.u8() % 33);
    return;
  }
  if (f == "u" || f == "z" || f == "U" || f == "Z") {
    int64_t max =
        f == "u" || f == "z" ? offsets<int32_t>(n, offset, off) : offsets<int64_t>(n, offset, off);
    b.push_back(off);
    b.push_back(filled(static_cast<size_t>(max)));
    return;
  }
  if (f == "vu" || f == "vz") return view_buffers(b, n);
  if (f == "b") {
    b.push_back(filled((n + 7) / 8));
    return;
  }
  const size_t w = fixed_width(f);
  if (dictionary_length >= 0) {
    // Indices: mostly within the dictionary, sometimes raw (detectable).
    std::vector<uint8_t>& buf = buffer(w * n);
    for (size_t i = 0; i < n; ++i) {
      uint8_t c = in_.u8();
      uint64_t v = c == 255 ? in_.u64() : c % static_cast<uint64_t>(dictionary_length + 1);
      std::memcpy(buf.data() + w * i, &v, w);
    }
    b.push_back(buf.data());
    return;
  }
  if (f[0] == 'c' || f[0] == 'C' || f[0] == 's' || f[0] == 'S' || f[0] == 'i' || f[0] == 'I' ||
      f[0] == 'l' || f[0] == 'L') {
    if (run_end_target_ > 0) {
      // Run ends: ascending, the last one reaching the parent's length
      // (unless the input says otherwise).
      std::vector<uint8_t>& buf = buffer(w * n);
      int64_t end = 0;
      for (size_t i = 0; i < n; ++i) {
        end += in_.u8() % 4;
        if (i + 1 == n && end < run_end_target_ && (in_.u8() & 7) != 7) end = run_end_target_;
        std::memcpy(buf.data() + w * i, &end, w);
      }
      run_end_target_ = 0;
      b.push_back(buf.data());
      return;
    }
  }
  b.push_back(filled(w * n));
}

inline void CDataTree::node(Kind kind, int depth, ArrowSchema* s, ArrowArray* a,
                            int64_t length_hint) {
  ++nodes_;
  *s = ArrowSchema{};
  *a = ArrowArray{};
  s->release = release_schema;
  a->release = release_array;
  const uint8_t mode = in_.u8();
  // Mutations (about one node in four): each makes the tree invalid in a way
  // spillway can see without reading past what the producer guarantees.
  const uint8_t mutation = in_.u8();
  const int mut = mutation >= 0xC0 ? mutation & 15 : -1;
  const bool raw = kind == Kind::kAny && (mode & 31) == 31;
  const bool dictionary = !raw && kind == Kind::kAny && (mode & 0xE0) == 0xE0 && depth < kMaxDepth;
  std::string f;
  if (raw) {
    f = in_.bytes(in_.u8() % 12);
    f = f.c_str();  // what a C reader of the format sees
  } else if (dictionary) {
    f = kIndexFormats[in_.u8() % 8];
  } else {
    f = pick_format(kind, depth);
  }
  s->format = mut == 13 ? nullptr : keep(f);
  s->name = keep(in_.bytes(in_.u8() % 4));
  if (mode & 0x40) s->metadata = keep(metadata());
  s->flags = mut == 15 ? in_.u8() : (kind == Kind::kAny ? ARROW_FLAG_NULLABLE : 0);

  // Length and offset; children of structs get the length their parent needs.
  int64_t offset = in_.u8() % 4 == 3 ? in_.u8() % 8 : 0;
  int64_t length = length_hint >= 0 ? length_hint : in_.u8() % 33;
  if (kind == Kind::kRunEnds) length = 1 + in_.u8() % 6;
  size_t w = fixed_width(f);
  if (raw && w > 0 && static_cast<size_t>(offset + length) * w > (1u << 20)) offset = length = 0;
  const size_t n = static_cast<size_t>(offset + length);

  // The dictionary first: the indices depend on its length.
  ArrowSchema* dict_schema = nullptr;
  ArrowArray* dict_array = nullptr;
  if (dictionary) {
    dict_schema = &schemas_.emplace_back();
    dict_array = &arrays_.emplace_back();
    node(Kind::kAny, depth + 1, dict_schema, dict_array);
    s->dictionary = dict_schema;
    if (mut != 8) a->dictionary = dict_array;
  } else if (mut == 8 && depth < kMaxDepth) {
    dict_schema = &schemas_.emplace_back();
    dict_array = &arrays_.emplace_back();
    node(Kind::kAny, depth + 1, dict_schema, dict_array);
    a->dictionary = dict_array;
  }

  std::vector<const void*>& b = buffer_lists_.emplace_back();
  std::vector<int64_t> child_lengths;
  if (raw || mut == 0) {
    // Any buffer count: zeroed buffers of a size no layout of these
    // lengths outgrows (buffer 0 raw: validity bits or union type ids).
    const size_t generic = std::max<size_t>(32 * (n + 1) + 64, w * n);
    const size_t count = in_.u8() % 5;
    for (size_t i = 0; i < count; ++i) {
      b.push_back(i == 0 ? filled(generic) : buffer(generic).data());
    }
    if (raw) {
      for (int k = in_.u8() % 3; k > 0; --k) child_lengths.push_back(-1);
    } else {
      std::vector<const void*> ignored;
      typed_buffers(f, ignored, n, offset, child_lengths, dictionary ? dict_array->length : -1);
    }
  } else {
    typed_buffers(f, b, n, offset, child_lengths, dictionary ? dict_array->length : -1);
    if (f == "+r") child_lengths = {-2, -2};
  }
  if (mut == 5 && !b.empty()) b[in_.u8() % b.size()] = nullptr;

  // Children.
  std::vector<ArrowSchema*>& sc = schema_lists_.emplace_back();
  std::vector<ArrowArray*>& ac = array_lists_.emplace_back();
  size_t k = child_lengths.size();
  if (f == "+s" && !raw) k = kind == Kind::kEntries ? 2 : in_.u8() % 4;
  if (mut == 14) ++k;
  int64_t run_values = 0;
  for (size_t i = 0; i < k; ++i) {
    int64_t hint = i < child_lengths.size() ? child_lengths[i] : -1;
    if (f == "+s" && !raw) hint = static_cast<int64_t>(n);
    if (mut == 9 && i == 0 && hint >= 0) hint += (in_.u8() & 1) ? 2 : -1;
    Kind child_kind = Kind::kAny;
    if (f == "+m") child_kind = Kind::kEntries;
    if (f == "+r" && i == 0) {
      child_kind = Kind::kRunEnds;
      run_end_target_ = static_cast<int64_t>(n);
      hint = -1;
    }
    if (f == "+r" && i == 1) hint = run_values;
    ArrowSchema* cs = &schemas_.emplace_back();
    ArrowArray* ca = &arrays_.emplace_back();
    node(child_kind, depth + 1, cs, ca, hint);
    if (f == "+r" && i == 0) run_values = ca->length + ca->offset;
    if (kind == Kind::kEntries && i == 0 && mut != 15) cs->flags = 0;  // map keys
    sc.push_back(cs);
    ac.push_back(ca);
  }
  run_end_target_ = 0;
  if (mut == 7 && !sc.empty()) sc.back()->release = nullptr;
  if (mut == 6 && !ac.empty()) ac.back()->release = nullptr;
  if (mut == 1 && !ac.empty()) ac.pop_back();
  if (mut == 2) {
    ArrowArray* extra = &arrays_.emplace_back();
    *extra = ArrowArray{};
    extra->release = release_array;
    ac.push_back(extra);
  }
  s->n_children = static_cast<int64_t>(sc.size());
  s->children = mut == 11 && !sc.empty() ? nullptr : sc.data();
  a->n_children = static_cast<int64_t>(ac.size());
  a->children = mut == 11 && !ac.empty() ? nullptr : ac.data();
  a->n_buffers = static_cast<int64_t>(b.size());
  a->buffers = mut == 12 && !b.empty() ? nullptr : b.data();
  a->offset = offset;
  a->length = length;
  if (mut == 10) (in_.u8() & 1 ? a->length : a->offset) = -1;

  // null_count: the true count (from the validity bitmap, if the layout has
  // one), unknown (-1), or a wrong value (detectable).
  int64_t nulls = 0;
  const bool has_validity = !raw && f != "n" && f != "+r" && !f.starts_with("+u") && mut != 0;
  if (f == "n") nulls = length;
  if (has_validity && !b.empty() && b[0] != nullptr) {
    const auto* bits = static_cast<const uint8_t*>(b[0]);
    for (int64_t i = offset; i < offset + length; ++i) nulls += !((bits[i >> 3] >> (i & 7)) & 1);
  }
  a->null_count = (mode & 0x10) || raw ? -1 : nulls;
  if (mut == 3) a->null_count = static_cast<int64_t>(in_.u8() % (length + 3)) - 1;
  if (mut == 4) a->null_count = -2;
}

}  // namespace spillway::fuzz

// Flat Arrow leaves → definition levels + dense physical values.
//
// Each Arrow type has a small "source" that reads element i of a bound array
// as the Parquet physical value (converting units, widths and byte orders as
// the schema mapping says). LeafWriterImpl is specialised per source, so the
// per-value loop has no virtual call.

#include "levels/leaf_writer.h"

#include <algorithm>
#include <cstring>
#include <limits>
#include <string>

#include "spillway/error.h"

namespace spillway {

namespace {

constexpr int64_t kChunkRows = 4096;

inline bool bit_is_set(const uint8_t* bits, int64_t i) {
  return (bits[i >> 3] >> (i & 7)) & 1;
}

template <typename T>
const T* buffer(const ArrowArray* a, int index) {
  return static_cast<const T*>(a->buffers[index]);
}

[[noreturn]] void fail(const ArrowField& f, int64_t row, const std::string& what) {
  throw Error("column '" + f.name + "' row " + std::to_string(row) + ": " + what);
}

// --- sources: element i (absolute, the array offset included) → physical value ---

// Arrow and Parquet share the representation (int32, int64, float, double,
// unsigned ints as their bit pattern, dates, times, timestamps, durations).
template <typename DType, typename Src>
struct SameBitsSource {
  using D = DType;
  using T = typename DType::value_type;
  static_assert(sizeof(Src) == sizeof(T));
  const Src* data = nullptr;
  void bind(const ArrowArray* a, const ArrowField&) { data = buffer<Src>(a, 1); }
  T get(int64_t i, uint8_t*&, const ArrowField&, int64_t) const {
    T v;
    std::memcpy(&v, data + i, sizeof(T));
    return v;
  }
  const T* direct(int64_t i) const { return reinterpret_cast<const T*>(data + i); }
  static constexpr size_t kBytesPerValue = 0;
};

// int8/uint8/int16/uint16 widened to INT32.
template <typename Src>
struct WidenSource {
  using D = Int32Type;
  const Src* data = nullptr;
  void bind(const ArrowArray* a, const ArrowField&) { data = buffer<Src>(a, 1); }
  int32_t get(int64_t i, uint8_t*&, const ArrowField&, int64_t) const { return data[i]; }
  const int32_t* direct(int64_t) const { return nullptr; }
  static constexpr size_t kBytesPerValue = 0;
};

// Values multiplied into the Parquet unit (time32[s] → ms, timestamp[s] → ms).
template <typename DType>
struct ScaleSource {
  using D = DType;
  using T = typename DType::value_type;
  const T* data = nullptr;
  T factor = 1000;
  void bind(const ArrowArray* a, const ArrowField&) { data = buffer<T>(a, 1); }
  T get(int64_t i, uint8_t*&, const ArrowField& f, int64_t row) const {
    T out;
    if (__builtin_mul_overflow(data[i], factor, &out)) {
      fail(f, row,
           "value " + std::to_string(data[i]) +
               " overflows when converted from seconds to milliseconds");
    }
    return out;
  }
  const T* direct(int64_t) const { return nullptr; }
  static constexpr size_t kBytesPerValue = 0;
};

// date64 (milliseconds) → DATE (days), rounding toward negative infinity.
struct Date64Source {
  using D = Int32Type;
  const int64_t* data = nullptr;
  void bind(const ArrowArray* a, const ArrowField&) { data = buffer<int64_t>(a, 1); }
  int32_t get(int64_t i, uint8_t*&, const ArrowField& f, int64_t row) const {
    constexpr int64_t kMsPerDay = 86400000;
    int64_t ms = data[i];
    int64_t days = ms / kMsPerDay - ((ms % kMsPerDay) < 0 ? 1 : 0);
    if (days < std::numeric_limits<int32_t>::min() || days > std::numeric_limits<int32_t>::max()) {
      fail(f, row, "date64 value " + std::to_string(ms) + " is outside the DATE range");
    }
    return static_cast<int32_t>(days);
  }
  const int32_t* direct(int64_t) const { return nullptr; }
  static constexpr size_t kBytesPerValue = 0;
};

struct BoolSource {
  using D = BooleanType;
  const uint8_t* bits = nullptr;
  void bind(const ArrowArray* a, const ArrowField&) { bits = buffer<uint8_t>(a, 1); }
  bool get(int64_t i, uint8_t*&, const ArrowField&, int64_t) const { return bit_is_set(bits, i); }
  const bool* direct(int64_t) const { return nullptr; }
  static constexpr size_t kBytesPerValue = 0;
};

template <typename Offset>
struct BinarySource {
  using D = ByteArrayType;
  const Offset* offsets = nullptr;
  const uint8_t* data = nullptr;
  void bind(const ArrowArray* a, const ArrowField&) {
    offsets = buffer<Offset>(a, 1);
    data = buffer<uint8_t>(a, 2);
  }
  ByteArray get(int64_t i, uint8_t*&, const ArrowField& f, int64_t row) const {
    Offset len = offsets[i + 1] - offsets[i];
    if constexpr (sizeof(Offset) == 8) {
      if (len > std::numeric_limits<int32_t>::max()) {
        fail(f, row,
             "value of " + std::to_string(len) +
                 " bytes exceeds Parquet's BYTE_ARRAY limit of 2^31-1 bytes");
      }
    }
    return ByteArray{data + offsets[i], static_cast<uint32_t>(len)};
  }
  const ByteArray* direct(int64_t) const { return nullptr; }
  static constexpr size_t kBytesPerValue = 0;
};

// utf8_view / binary_view: 16-byte views, short values inline.
struct ViewSource {
  using D = ByteArrayType;
  const uint8_t* views = nullptr;
  const void* const* variadic = nullptr;
  void bind(const ArrowArray* a, const ArrowField&) {
    views = buffer<uint8_t>(a, 1);
    variadic = a->buffers + 2;
  }
  ByteArray get(int64_t i, uint8_t*&, const ArrowField&, int64_t) const {
    const uint8_t* v = views + 16 * i;
    int32_t len;
    std::memcpy(&len, v, 4);
    if (len <= 12) return ByteArray{v + 4, static_cast<uint32_t>(len)};
    int32_t buf, off;
    std::memcpy(&buf, v + 8, 4);
    std::memcpy(&off, v + 12, 4);
    return ByteArray{static_cast<const uint8_t*>(variadic[buf]) + off, static_cast<uint32_t>(len)};
  }
  const ByteArray* direct(int64_t) const { return nullptr; }
  static constexpr size_t kBytesPerValue = 0;
};

// fixed_size_binary and float16 (little-endian half, as Parquet's FLOAT16).
struct FixedSource {
  using D = FLBAType;
  const uint8_t* data = nullptr;
  int32_t width = 0;
  void bind(const ArrowArray* a, const ArrowField& f) {
    data = buffer<uint8_t>(a, 1);
    width = f.id == ArrowTypeId::HALF_FLOAT ? 2 : f.byte_width;
  }
  FixedLenByteArray get(int64_t i, uint8_t*&, const ArrowField&, int64_t) const {
    return FixedLenByteArray{data + static_cast<int64_t>(width) * i};
  }
  const FixedLenByteArray* direct(int64_t) const { return nullptr; }
  static constexpr size_t kBytesPerValue = 0;
};

// Little-endian two's complement of `n` bytes fits in `keep` bytes when every
// dropped byte is the sign extension of the kept ones.
inline bool fits_signed(const uint8_t* le, int n, int keep) {
  uint8_t sign = (le[keep - 1] & 0x80) ? 0xff : 0x00;
  for (int k = keep; k < n; ++k) {
    if (le[k] != sign) return false;
  }
  return true;
}

// decimal32/64/128/256 → INT32 / INT64 (little-endian, narrowed) or
// FIXED_LEN_BYTE_ARRAY (big-endian, `type_length` bytes).
template <typename DType>
struct DecimalSource {
  using D = DType;
  using T = typename DType::value_type;
  const uint8_t* data = nullptr;
  int width = 0;        // Arrow bytes per value
  int32_t out_len = 0;  // FLBA bytes
  void bind(const ArrowArray* a, const ArrowField& f) {
    data = buffer<uint8_t>(a, 1);
    width = f.decimal_bit_width / 8;
  }
  // The FIXED_LEN_BYTE_ARRAY width comes from the schema mapping.
  void configure(const ColumnDescriptor& d) { out_len = d.type_length(); }
  T get(int64_t i, uint8_t*& cursor, const ArrowField& f, int64_t row) const {
    const uint8_t* le = data + static_cast<int64_t>(width) * i;
    if constexpr (DType::type == PhysicalType::FIXED_LEN_BYTE_ARRAY) {
      if (!fits_signed(le, width, std::min<int>(out_len, width))) {
        fail(f, row, "decimal value exceeds the declared precision " + std::to_string(f.precision));
      }
      uint8_t* out = cursor;
      uint8_t sign = (le[width - 1] & 0x80) ? 0xff : 0x00;
      for (int32_t k = 0; k < out_len; ++k) {
        int src = out_len - 1 - k;
        out[k] = src < width ? le[src] : sign;
      }
      cursor += out_len;
      return FixedLenByteArray{out};
    } else {
      constexpr int kOut = sizeof(T);
      if (width > kOut && !fits_signed(le, width, kOut)) {
        fail(f, row, "decimal value exceeds the declared precision " + std::to_string(f.precision));
      }
      if (width >= kOut) {
        T v;
        std::memcpy(&v, le, kOut);
        return v;
      }
      // Narrower Arrow storage (decimal32 into INT64 cannot happen by
      // precision, but stay total): sign-extend.
      int32_t v32;
      std::memcpy(&v32, le, 4);
      return static_cast<T>(v32);
    }
  }
  const T* direct(int64_t) const { return nullptr; }
  static constexpr size_t kBytesPerValue = 32;
};

// Parquet INTERVAL: three little-endian uint32 (months, days, milliseconds).
template <bool kYearMonth>
struct IntervalSource {
  using D = FLBAType;
  const int32_t* data = nullptr;
  void bind(const ArrowArray* a, const ArrowField&) { data = buffer<int32_t>(a, 1); }
  FixedLenByteArray get(int64_t i, uint8_t*& cursor, const ArrowField&, int64_t) const {
    uint32_t parts[3] = {0, 0, 0};
    if constexpr (kYearMonth) {
      parts[0] = static_cast<uint32_t>(data[i]);
    } else {
      parts[1] = static_cast<uint32_t>(data[2 * i]);
      parts[2] = static_cast<uint32_t>(data[2 * i + 1]);
    }
    uint8_t* out = cursor;
    std::memcpy(out, parts, 12);
    cursor += 12;
    return FixedLenByteArray{out};
  }
  const FixedLenByteArray* direct(int64_t) const { return nullptr; }
  static constexpr size_t kBytesPerValue = 12;
};

// Values of a dictionary-encoded array: look the index up in the dictionary.
template <typename Inner, typename Index>
struct DictSource {
  using D = typename Inner::D;
  using T = typename D::value_type;
  Inner inner;
  const Index* indices = nullptr;
  const uint8_t* dict_validity = nullptr;
  int64_t dict_offset = 0;
  int64_t dict_length = 0;
  void configure(const ColumnDescriptor& d) {
    if constexpr (requires { inner.configure(d); }) inner.configure(d);
  }
  void bind(const ArrowArray* a, const ArrowField& f) {
    indices = buffer<Index>(a, 1);
    const ArrowArray* d = a->dictionary;
    inner.bind(d, *f.dictionary);
    dict_validity = d->null_count != 0 ? buffer<uint8_t>(d, 0) : nullptr;
    dict_offset = d->offset;
    dict_length = d->length;
  }
  int64_t index(int64_t i, const ArrowField& f, int64_t row) const {
    int64_t k = static_cast<int64_t>(indices[i]);
    if (k < 0 || k >= dict_length) {
      fail(f, row,
           "dictionary index " + std::to_string(k) + " is outside the dictionary of " +
               std::to_string(dict_length) + " values");
    }
    return k;
  }
  bool value_is_null(int64_t i, const ArrowField& f, int64_t row) const {
    return dict_validity && !bit_is_set(dict_validity, dict_offset + index(i, f, row));
  }
  T get(int64_t i, uint8_t*& cursor, const ArrowField& f, int64_t row) const {
    return inner.get(dict_offset + index(i, f, row), cursor, *f.dictionary, row);
  }
  const T* direct(int64_t) const { return nullptr; }
  static constexpr size_t kBytesPerValue = Inner::kBytesPerValue;
};

// Values of a run-end encoded array: logical position → the run holding it.
// Positions mostly arrive in increasing order, so the last run found is
// tried first. The run ends' width (int16/32/64) is read at run time: one
// instantiation per value type keeps the build small.
template <typename Inner>
struct RunEndSource {
  using D = typename Inner::D;
  using T = typename D::value_type;
  Inner inner;
  const void* ends = nullptr;
  int end_width = 8;
  int64_t runs = 0;
  const uint8_t* value_validity = nullptr;
  int64_t values_offset = 0;
  mutable int64_t hint = 0;
  void configure(const ColumnDescriptor& d) {
    if constexpr (requires { inner.configure(d); }) inner.configure(d);
  }
  void bind(const ArrowArray* a, const ArrowField& f) {
    const ArrowArray* r = a->children[0];
    end_width = f.children[0].id == ArrowTypeId::INT16   ? 2
                : f.children[0].id == ArrowTypeId::INT32 ? 4
                                                         : 8;
    ends = static_cast<const uint8_t*>(r->buffers[1]) + r->offset * end_width;
    runs = r->length;
    const ArrowArray* v = a->children[1];
    inner.bind(v, f.children[1]);
    value_validity = v->null_count != 0 ? buffer<uint8_t>(v, 0) : nullptr;
    values_offset = v->offset;
    hint = 0;
  }
  int64_t end(int64_t j) const {
    if (end_width == 2) return static_cast<const int16_t*>(ends)[j];
    if (end_width == 4) return static_cast<const int32_t*>(ends)[j];
    return static_cast<const int64_t*>(ends)[j];
  }
  bool holds(int64_t j, int64_t i) const {
    return j < runs && end(j) > i && (j == 0 || end(j - 1) <= i);
  }
  int64_t run(int64_t i) const {
    if (holds(hint, i)) return hint;
    if (holds(hint + 1, i)) return ++hint;
    int64_t lo = 0, hi = runs;  // the first run whose end is past i
    while (lo < hi) {
      int64_t mid = lo + (hi - lo) / 2;
      if (end(mid) > i) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return hint = lo;
  }
  bool value_is_null(int64_t i, const ArrowField&, int64_t) const {
    return value_validity && !bit_is_set(value_validity, values_offset + run(i));
  }
  T get(int64_t i, uint8_t*& cursor, const ArrowField& f, int64_t row) const {
    return inner.get(values_offset + run(i), cursor, f.children[1], row);
  }
  const T* direct(int64_t) const { return nullptr; }
  static constexpr size_t kBytesPerValue = Inner::kBytesPerValue;
};

template <typename S>
concept HasValueNulls = requires(const S& s, int64_t i, const ArrowField& f) {
  s.value_is_null(i, f, i);
};

// --- the leaf writer ---

template <typename Source>
class LeafWriterImpl final : public LeafWriter {
 public:
  using D = typename Source::D;
  using T = typename D::value_type;

  LeafWriterImpl(const ArrowField& field, std::unique_ptr<ColumnWriter> column, bool leaf_optional)
      : field_(field), column_(std::move(column)), leaf_optional_(leaf_optional) {
    // Errors name the leaf by its Parquet path ("a.list.element").
    field_.name = column_->descriptor().path().to_dot_string();
    typed_ = dynamic_cast<TypedColumnWriter<D>*>(column_.get());
    if (!typed_) {
      throw Error("column '" + field_.name + "': internal error, physical type mismatch");
    }
    optional_ = column_->descriptor().max_definition_level() > 0;
    if constexpr (requires { source_.configure(column_->descriptor()); }) {
      source_.configure(column_->descriptor());
    }
  }

  ColumnWriter& column_writer() override { return *column_; }

  void write(const ArrowArray* array, int64_t begin, int64_t length,
             LeafScratch& scratch) override {
    source_.bind(array, field_);
    const uint8_t* validity = array->null_count != 0 ? buffer<uint8_t>(array, 0) : nullptr;
    const int64_t base = array->offset + begin;
    for (int64_t done = 0; done < length; done += kChunkRows) {
      const int64_t n = std::min(kChunkRows, length - done);
      write_chunk(validity, base + done, begin + done, n, scratch);
    }
  }

  void write_levels(const ArrowArray* leaf, int64_t first_row, LeafScratch& scratch) override {
    LevelBatch& lv = scratch.levels;
    source_.bind(leaf, field_);
    const size_t n_in = lv.values.size();
    scratch.values.clear();
    scratch.values.reserve(n_in * sizeof(T));
    T* values = reinterpret_cast<T*>(scratch.values.data());
    scratch.value_bytes.clear();
    scratch.value_bytes.reserve(n_in * Source::kBytesPerValue);
    uint8_t* cursor = scratch.value_bytes.data();
    const ColumnDescriptor& d = column_->descriptor();
    const int16_t max_def = d.max_definition_level();
    const int16_t* rep = d.max_repetition_level() > 0 ? lv.rep.data() : nullptr;
    int16_t* def = max_def > 0 ? lv.def.data() : nullptr;
    // The row is tracked for error messages only.
    int64_t row = first_row - 1;
    size_t count = 0;
    size_t v = 0;
    for (size_t l = 0; l < lv.num_levels; ++l) {
      if (!rep || rep[l] == 0) ++row;
      if (def && def[l] != max_def) continue;
      const int64_t i = lv.values[v++];
      if constexpr (HasValueNulls<Source>) {
        if (source_.value_is_null(i, field_, row)) {
          if (!leaf_optional_) fail(field_, row, "null value in a non-nullable field");
          def[l] = static_cast<int16_t>(max_def - 1);
          continue;
        }
      }
      values[count++] = source_.get(i, cursor, field_, row);
    }
    typed_->write_batch(def, rep, lv.num_levels, values, count);
  }

 private:
  void write_chunk(const uint8_t* validity, int64_t first, int64_t first_row, int64_t n,
                   LeafScratch& scratch) {
    constexpr bool kDictNulls = HasValueNulls<Source>;
    if (!validity && !kDictNulls) {
      if (const T* direct = source_.direct(first)) {
        emit(scratch, n, direct, static_cast<size_t>(n), /*levels_ready=*/false);
        return;
      }
    }
    scratch.values.clear();
    scratch.values.reserve(static_cast<size_t>(n) * sizeof(T));
    T* values = reinterpret_cast<T*>(scratch.values.data());
    scratch.value_bytes.clear();
    scratch.value_bytes.reserve(static_cast<size_t>(n) * Source::kBytesPerValue);
    uint8_t* cursor = scratch.value_bytes.data();
    scratch.def_levels.resize(static_cast<size_t>(n));
    int16_t* def = scratch.def_levels.data();
    size_t count = 0;
    for (int64_t k = 0; k < n; ++k) {
      const int64_t i = first + k;
      bool valid = !validity || bit_is_set(validity, i);
      if constexpr (kDictNulls) {
        if (valid && source_.value_is_null(i, field_, first_row + k)) valid = false;
      }
      def[k] = valid ? 1 : 0;
      if (valid) values[count++] = source_.get(i, cursor, field_, first_row + k);
    }
    if (!optional_ && count != static_cast<size_t>(n)) {
      for (int64_t k = 0; k < n; ++k) {
        if (def[k] == 0) fail(field_, first_row + k, "null in a non-nullable column");
      }
    }
    emit(scratch, n, values, count, /*levels_ready=*/true);
  }

  // `levels_ready`: scratch.def_levels already holds this chunk's levels;
  // otherwise every value is valid and they are all 1.
  void emit(LeafScratch& scratch, int64_t n, const T* values, size_t count, bool levels_ready) {
    const int16_t* def = nullptr;
    if (optional_) {
      if (!levels_ready) scratch.def_levels.assign(static_cast<size_t>(n), 1);
      def = scratch.def_levels.data();
    }
    typed_->write_batch(def, nullptr, static_cast<size_t>(n), values, count);
  }

  ArrowField field_;
  std::unique_ptr<ColumnWriter> column_;
  bool leaf_optional_;
  TypedColumnWriter<D>* typed_ = nullptr;
  bool optional_ = false;
  Source source_;
};

// The null type: every value is null.
class NullLeafWriter final : public LeafWriter {
 public:
  explicit NullLeafWriter(std::unique_ptr<ColumnWriter> column) : column_(std::move(column)) {
    typed_ = dynamic_cast<TypedColumnWriter<Int32Type>*>(column_.get());
    if (!typed_ || column_->descriptor().max_definition_level() < 1) {
      throw Error("internal error: a null column must be an OPTIONAL INT32 leaf");
    }
  }
  ColumnWriter& column_writer() override { return *column_; }
  void write(const ArrowArray*, int64_t, int64_t length, LeafScratch& scratch) override {
    for (int64_t done = 0; done < length; done += kChunkRows) {
      const int64_t n = std::min(kChunkRows, length - done);
      scratch.def_levels.assign(static_cast<size_t>(n), 0);  // flat: the top level
      typed_->write_batch(scratch.def_levels.data(), nullptr, static_cast<size_t>(n), nullptr, 0);
    }
  }
  void write_levels(const ArrowArray*, int64_t, LeafScratch& scratch) override {
    const LevelBatch& lv = scratch.levels;
    const bool repeated = column_->descriptor().max_repetition_level() > 0;
    typed_->write_batch(lv.def.data(), repeated ? lv.rep.data() : nullptr, lv.num_levels, nullptr,
                        0);
  }

 private:
  std::unique_ptr<ColumnWriter> column_;
  TypedColumnWriter<Int32Type>* typed_ = nullptr;
};

template <typename Source>
std::unique_ptr<LeafWriter> make(const ArrowField& f, std::unique_ptr<ColumnWriter>& c,
                                 bool leaf_optional) {
  return std::make_unique<LeafWriterImpl<Source>>(f, std::move(c), leaf_optional);
}

// Picks the source for value type `v`, wrapped by `Wrap` (identity or a
// dictionary lookup with a given index type).
template <template <typename> class Wrap>
std::unique_ptr<LeafWriter> make_for_value_type(const ArrowField& f, const ArrowField& v,
                                                std::unique_ptr<ColumnWriter>& c, bool opt) {
  const PhysicalType pt = c->descriptor().physical_type();
  switch (v.id) {
    case ArrowTypeId::BOOL:
      return make<Wrap<BoolSource>>(f, c, opt);
    case ArrowTypeId::INT8:
      return make<Wrap<WidenSource<int8_t>>>(f, c, opt);
    case ArrowTypeId::UINT8:
      return make<Wrap<WidenSource<uint8_t>>>(f, c, opt);
    case ArrowTypeId::INT16:
      return make<Wrap<WidenSource<int16_t>>>(f, c, opt);
    case ArrowTypeId::UINT16:
      return make<Wrap<WidenSource<uint16_t>>>(f, c, opt);
    case ArrowTypeId::INT32:
    case ArrowTypeId::DATE32:
      return make<Wrap<SameBitsSource<Int32Type, int32_t>>>(f, c, opt);
    case ArrowTypeId::UINT32:
      return make<Wrap<SameBitsSource<Int32Type, uint32_t>>>(f, c, opt);
    case ArrowTypeId::INT64:
    case ArrowTypeId::DURATION:
      return make<Wrap<SameBitsSource<Int64Type, int64_t>>>(f, c, opt);
    case ArrowTypeId::UINT64:
      return make<Wrap<SameBitsSource<Int64Type, uint64_t>>>(f, c, opt);
    case ArrowTypeId::TIME32:
      if (v.unit == ArrowTimeUnit::SECOND) return make<Wrap<ScaleSource<Int32Type>>>(f, c, opt);
      return make<Wrap<SameBitsSource<Int32Type, int32_t>>>(f, c, opt);
    case ArrowTypeId::TIME64:
      return make<Wrap<SameBitsSource<Int64Type, int64_t>>>(f, c, opt);
    case ArrowTypeId::TIMESTAMP:
      if (v.unit == ArrowTimeUnit::SECOND) return make<Wrap<ScaleSource<Int64Type>>>(f, c, opt);
      return make<Wrap<SameBitsSource<Int64Type, int64_t>>>(f, c, opt);
    case ArrowTypeId::DATE64:
      return make<Wrap<Date64Source>>(f, c, opt);
    case ArrowTypeId::HALF_FLOAT:
    case ArrowTypeId::FIXED_SIZE_BINARY:
      return make<Wrap<FixedSource>>(f, c, opt);
    case ArrowTypeId::FLOAT:
      return make<Wrap<SameBitsSource<FloatType, float>>>(f, c, opt);
    case ArrowTypeId::DOUBLE:
      return make<Wrap<SameBitsSource<DoubleType, double>>>(f, c, opt);
    case ArrowTypeId::STRING:
    case ArrowTypeId::BINARY:
      return make<Wrap<BinarySource<int32_t>>>(f, c, opt);
    case ArrowTypeId::LARGE_STRING:
    case ArrowTypeId::LARGE_BINARY:
      return make<Wrap<BinarySource<int64_t>>>(f, c, opt);
    case ArrowTypeId::STRING_VIEW:
    case ArrowTypeId::BINARY_VIEW:
      return make<Wrap<ViewSource>>(f, c, opt);
    case ArrowTypeId::DECIMAL32:
    case ArrowTypeId::DECIMAL64:
    case ArrowTypeId::DECIMAL128:
    case ArrowTypeId::DECIMAL256:
      if (pt == PhysicalType::INT32) return make<Wrap<DecimalSource<Int32Type>>>(f, c, opt);
      if (pt == PhysicalType::INT64) return make<Wrap<DecimalSource<Int64Type>>>(f, c, opt);
      return make<Wrap<DecimalSource<FLBAType>>>(f, c, opt);
    case ArrowTypeId::INTERVAL_MONTHS:
      return make<Wrap<IntervalSource<true>>>(f, c, opt);
    case ArrowTypeId::INTERVAL_DAY_TIME:
      return make<Wrap<IntervalSource<false>>>(f, c, opt);
    default:
      break;
  }
  throw Error("column '" + f.name + "': type " + describe(v) + " is not supported by spillway yet");
}

template <typename S>
using Plain = S;
template <typename Index>
struct DictOf {
  template <typename S>
  using type = DictSource<S, Index>;
};

}  // namespace

std::unique_ptr<LeafWriter> make_leaf_writer(const ArrowField& field,
                                             std::unique_ptr<ColumnWriter> column,
                                             bool leaf_optional) {
  const bool opt = leaf_optional;
  if (field.id == ArrowTypeId::RUN_END_ENCODED) {
    const ArrowField& v = field.children[1];
    if (v.id == ArrowTypeId::NA) return std::make_unique<NullLeafWriter>(std::move(column));
    return make_for_value_type<RunEndSource>(field, v, column, opt);
  }
  if (!field.is_dictionary()) {
    if (field.id == ArrowTypeId::NA) return std::make_unique<NullLeafWriter>(std::move(column));
    return make_for_value_type<Plain>(field, field, column, opt);
  }
  const ArrowField& v = *field.dictionary;
  if (v.id == ArrowTypeId::NA) return std::make_unique<NullLeafWriter>(std::move(column));
  switch (field.id) {
    case ArrowTypeId::INT8:
      return make_for_value_type<DictOf<int8_t>::type>(field, v, column, opt);
    case ArrowTypeId::UINT8:
      return make_for_value_type<DictOf<uint8_t>::type>(field, v, column, opt);
    case ArrowTypeId::INT16:
      return make_for_value_type<DictOf<int16_t>::type>(field, v, column, opt);
    case ArrowTypeId::UINT16:
      return make_for_value_type<DictOf<uint16_t>::type>(field, v, column, opt);
    case ArrowTypeId::INT32:
      return make_for_value_type<DictOf<int32_t>::type>(field, v, column, opt);
    case ArrowTypeId::UINT32:
      return make_for_value_type<DictOf<uint32_t>::type>(field, v, column, opt);
    case ArrowTypeId::INT64:
      return make_for_value_type<DictOf<int64_t>::type>(field, v, column, opt);
    case ArrowTypeId::UINT64:
      return make_for_value_type<DictOf<uint64_t>::type>(field, v, column, opt);
    default:
      break;
  }
  throw Error("column '" + field.name + "': dictionary index type " + describe(field) +
              " is not an integer type");
}

}  // namespace spillway

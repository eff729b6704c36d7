#pragma once

// Builders for real Arrow C Data Interface trees (ArrowSchema + ArrowArray
// with working release callbacks), for unit tests, the interop writer and the
// benchmarks.
//
// Two steps: describe a column as an ArrowColumn (a plain, copyable value whose
// buffers are shared, so tests can copy it, tweak a buffer or a length to make
// it malformed, and reuse it), then export it with to_c() / make_batch() into
// an OwnedArray, which holds the C structs and releases them unless they were
// moved to a consumer.
//
//   OwnedArray batch = make_batch({{"id", int32_column({1, std::nullopt, 3})},
//                                  {"name", string_column({"a", "b", std::nullopt})}});
//   writer.write(&batch.schema, &batch.array);

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "arrow/arrow_type.h"
#include "spillway/c_abi.h"

namespace spillway::test {

using Buffer = std::shared_ptr<std::vector<uint8_t>>;

struct ArrowColumn {
  std::string format;
  std::string name;
  int64_t flags = ARROW_FLAG_NULLABLE;
  std::optional<std::vector<std::pair<std::string, std::string>>> metadata;  // nullopt = NULL
  int64_t length = 0;
  int64_t null_count = 0;
  int64_t offset = 0;
  std::vector<Buffer> buffers;  // a null Buffer exports as a NULL pointer
  std::vector<ArrowColumn> children;
  std::shared_ptr<ArrowColumn> dictionary;

  // Copies with one thing changed, for chaining.
  ArrowColumn named(std::string n) const;
  ArrowColumn not_null() const;  // clears ARROW_FLAG_NULLABLE (the schema flag only)
  ArrowColumn with_flags(int64_t f) const;
  ArrowColumn with_metadata(std::vector<std::pair<std::string, std::string>> kv) const;
  ArrowColumn with_field_id(int32_t id) const;  // metadata "PARQUET:field_id"
  // A slice [offset, offset + length) of this column's logical values: only
  // offset/length change (and null_count becomes -1, "unknown"), buffers and
  // children are untouched, as the C Data Interface defines slicing.
  ArrowColumn sliced(int64_t offset, int64_t length) const;

  // Buffer i's bytes, for tests that corrupt them on purpose.
  uint8_t* buffer_data(size_t i) const { return buffers.at(i)->data(); }
  template <typename T>
  T* buffer_as(size_t i) const {
    return reinterpret_cast<T*>(buffer_data(i));
  }
};

// Owns one exported ArrowSchema + ArrowArray pair. The structs are public so a
// test can corrupt them or hand them to a consumer; if a consumer takes them,
// call release_to() (or mark them released) so they are not released twice.
class OwnedArray {
 public:
  OwnedArray() { schema.release = nullptr, array.release = nullptr; }
  OwnedArray(ArrowSchema s, ArrowArray a) : schema(s), array(a) {}
  OwnedArray(OwnedArray&& o) noexcept;
  OwnedArray& operator=(OwnedArray&& o) noexcept;
  OwnedArray(const OwnedArray&) = delete;
  OwnedArray& operator=(const OwnedArray&) = delete;
  ~OwnedArray() { reset(); }

  // Moves both structs into consumer-owned storage, per "Moving an array".
  void release_to(ArrowSchema* s, ArrowArray* a);
  // Calls the release callbacks now (if still owned).
  void reset();

  ArrowSchema schema{};
  ArrowArray array{};
};

// Exports a column: the ArrowSchema and ArrowArray share ownership of the
// buffers with `column`, so exporting copies no data.
OwnedArray to_c(const ArrowColumn& column);
// Just the schema or the array (their own release callbacks).
void export_schema(const ArrowColumn& column, ArrowSchema* out);
void export_array(const ArrowColumn& column, ArrowArray* out);

// --- Record batches -------------------------------------------------------
using NamedColumns = std::vector<std::pair<std::string, ArrowColumn>>;
// A struct ("+s") of the columns, each renamed to its given name; length
// defaults to the first column's; null_count 0, no validity buffer.
ArrowColumn struct_column(const NamedColumns& columns, int64_t length = -1);
// A record batch: struct_column with flags 0 and name "", exported.
OwnedArray make_batch(const NamedColumns& columns);
// Two ways to slice a batch, both valid per the spec; a consumer must handle
// both. slice_batch puts the offset on the struct itself (children untouched);
// slice_batch_children puts it on every child (the struct keeps offset 0).
OwnedArray slice_batch(const NamedColumns& columns, int64_t offset, int64_t length);
OwnedArray slice_batch_children(const NamedColumns& columns, int64_t offset, int64_t length);

// --- Buffers --------------------------------------------------------------
Buffer make_buffer(const void* data, size_t size);
template <typename T>
Buffer buffer_of(const std::vector<T>& values) {
  return make_buffer(values.data(), values.size() * sizeof(T));
}
// A validity bitmap (LSB first), or a null Buffer if every value is valid.
Buffer validity_bitmap(const std::vector<bool>& valid);

// --- Fixed-width columns --------------------------------------------------
// A fixed-width column of any C type T with the given format string.
template <typename T>
ArrowColumn fixed_width_column(std::string format, const std::vector<std::optional<T>>& values) {
  ArrowColumn c;
  c.format = std::move(format);
  c.length = static_cast<int64_t>(values.size());
  std::vector<T> data(values.size());
  std::vector<bool> valid(values.size());
  for (size_t i = 0; i < values.size(); ++i) {
    valid[i] = values[i].has_value();
    if (valid[i]) data[i] = *values[i];
    if (!valid[i]) ++c.null_count;
  }
  c.buffers = {validity_bitmap(valid), buffer_of(data)};
  return c;
}

template <typename T>
using Values = std::vector<std::optional<T>>;

ArrowColumn null_column(int64_t length);
ArrowColumn bool_column(const Values<bool>& values);
ArrowColumn int8_column(const Values<int8_t>& values);
ArrowColumn uint8_column(const Values<uint8_t>& values);
ArrowColumn int16_column(const Values<int16_t>& values);
ArrowColumn uint16_column(const Values<uint16_t>& values);
ArrowColumn int32_column(const Values<int32_t>& values);
ArrowColumn uint32_column(const Values<uint32_t>& values);
ArrowColumn int64_column(const Values<int64_t>& values);
ArrowColumn uint64_column(const Values<uint64_t>& values);
ArrowColumn float16_column(const Values<float>& values);  // rounded to nearest even
ArrowColumn float16_bits_column(const Values<uint16_t>& bits);
ArrowColumn float32_column(const Values<float>& values);
ArrowColumn float64_column(const Values<double>& values);
uint16_t float_to_half(float f);
float half_to_float(uint16_t h);

// --- Temporal columns -----------------------------------------------------
ArrowColumn date32_column(const Values<int32_t>& days);
ArrowColumn date64_column(const Values<int64_t>& millis);
ArrowColumn time32_column(ArrowTimeUnit unit, const Values<int32_t>& values);  // SECOND or MILLI
ArrowColumn time64_column(ArrowTimeUnit unit, const Values<int64_t>& values);  // MICRO or NANO
// tz nullopt writes "tsX:" (timezone-naive).
ArrowColumn timestamp_column(ArrowTimeUnit unit, std::optional<std::string> tz,
                             const Values<int64_t>& values);
ArrowColumn duration_column(ArrowTimeUnit unit, const Values<int64_t>& values);
ArrowColumn interval_months_column(const Values<int32_t>& months);
struct DayTime {
  int32_t days;
  int32_t millis;
};
ArrowColumn interval_day_time_column(const Values<DayTime>& values);
struct MonthDayNano {
  int32_t months;
  int32_t days;
  int64_t nanos;
};
ArrowColumn interval_month_day_nano_column(const Values<MonthDayNano>& values);

// --- Decimals -------------------------------------------------------------
// Values as decimal strings ("-123.45"), scaled to `scale` digits (extra
// fraction digits are an error, missing ones are zero-filled) and stored as
// little-endian two's complement of bit_width bits (32, 64, 128 or 256).
ArrowColumn decimal_column(int32_t bit_width, int32_t precision, int32_t scale,
                           const Values<std::string>& values);
ArrowColumn decimal128_column(int32_t precision, int32_t scale, const Values<__int128>& unscaled);

// --- Variable-size binary -------------------------------------------------
ArrowColumn string_column(const Values<std::string>& values);
ArrowColumn large_string_column(const Values<std::string>& values);
ArrowColumn binary_column(const Values<std::string>& values);
ArrowColumn large_binary_column(const Values<std::string>& values);
// Views: values of at most 12 bytes inline, longer ones in variadic buffers;
// a new buffer starts once the current one holds `variadic_buffer_size` bytes.
ArrowColumn string_view_column(const Values<std::string>& values,
                               int64_t variadic_buffer_size = 1 << 20);
ArrowColumn binary_view_column(const Values<std::string>& values,
                               int64_t variadic_buffer_size = 1 << 20);
ArrowColumn fixed_size_binary_column(int32_t width, const Values<std::string>& values);

// --- Dictionary and nested ------------------------------------------------
// `indices` gives the index type and validity; `dictionary` the values.
ArrowColumn dictionary_column(ArrowColumn indices, ArrowColumn dictionary, bool ordered = false);
// A list ("+l") / large list ("+L"); offsets.size() == number of lists + 1.
ArrowColumn list_column(const std::vector<int32_t>& offsets, ArrowColumn values,
                        const std::vector<bool>& valid = {});
ArrowColumn large_list_column(const std::vector<int64_t>& offsets, ArrowColumn values,
                              const std::vector<bool>& valid = {});
ArrowColumn fixed_size_list_column(int32_t list_size, ArrowColumn values,
                                   const std::vector<bool>& valid = {});
// List views ("+vl" / "+vL"): each list is [offsets[i], offsets[i] + sizes[i]).
ArrowColumn list_view_column(const std::vector<int32_t>& offsets, const std::vector<int32_t>& sizes,
                             ArrowColumn values, const std::vector<bool>& valid = {});
ArrowColumn large_list_view_column(const std::vector<int64_t>& offsets,
                                   const std::vector<int64_t>& sizes, ArrowColumn values,
                                   const std::vector<bool>& valid = {});
// A map ("+m") of a non-nullable "entries" struct of `keys` ("key", made
// non-nullable) and `values` ("value").
ArrowColumn map_column(const std::vector<int32_t>& offsets, ArrowColumn keys, ArrowColumn values,
                       const std::vector<bool>& valid = {});
// A struct with a validity bitmap (`valid` empty: no nulls).
ArrowColumn nullable_struct_column(const NamedColumns& columns, const std::vector<bool>& valid);
// Run-end encoded ("+r"): `run_ends` (int16/32/64, named "run_ends") and
// `values` (named "values"), of logical length `length`.
ArrowColumn run_end_encoded_column(ArrowColumn run_ends, ArrowColumn values, int64_t length);

// --- Streams --------------------------------------------------------------
// An ArrowArrayStream whose get_schema exports `schema`'s schema and whose
// get_next exports each of `batches` (struct columns) in turn, then an
// end-of-stream (released) array. `fail_at` >= 0 makes get_next return EIO
// with an error message at that batch, to test error paths.
void make_stream(ArrowColumn schema, std::vector<ArrowColumn> batches, ArrowArrayStream* out,
                 int fail_at = -1);

}  // namespace spillway::test

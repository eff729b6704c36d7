#include "input/column_builder.h"

#include <cstring>
#include <limits>
#include <string>

#include "arrow/utf8.h"
#include "input/type_inference.h"
#include "spillway/error.h"

namespace spillway::cli {

namespace {

// Moves `bytes` into shared storage and records it as the next buffer. An
// empty buffer still gets a valid pointer: some consumers reject NULL.
template <typename T>
void push_buffer(ExportedArray* array, std::vector<T>&& values) {
  auto holder = std::make_shared<std::vector<T>>(std::move(values));
  if (holder->capacity() == 0) holder->reserve(1);
  array->buffers.push_back(holder->data());
  array->owners.push_back(std::move(holder));
}

template <typename T>
class FixedWidthBuilder : public ColumnBuilder {
 protected:
  void store(T v) {
    values_.push_back(v);
    add_valid();
  }
  void append_placeholder() override { values_.push_back(T{}); }
  void finish_values(ExportedArray* array) override {
    push_buffer(array, std::move(values_));
    values_ = {};
  }

 private:
  std::vector<T> values_;
};

template <typename T>
class IntegerBuilder final : public FixedWidthBuilder<T> {
 public:
  AppendStatus append(std::string_view text) override {
    if constexpr (std::is_signed_v<T>) {
      int64_t v;
      if (!parse_int64(text, &v) || v < std::numeric_limits<T>::min() ||
          v > std::numeric_limits<T>::max()) {
        return AppendStatus::kNotParsed;
      }
      this->store(static_cast<T>(v));
    } else {
      uint64_t v;
      if (!parse_uint64(text, &v) || v > std::numeric_limits<T>::max()) {
        return AppendStatus::kNotParsed;
      }
      this->store(static_cast<T>(v));
    }
    return AppendStatus::kOk;
  }
};

template <typename T>
class FloatBuilder final : public FixedWidthBuilder<T> {
 public:
  AppendStatus append(std::string_view text) override {
    T v;
    bool ok;
    if constexpr (std::is_same_v<T, float>) {
      ok = parse_float32(text, &v);
    } else {
      ok = parse_float64(text, &v);
    }
    if (!ok) return AppendStatus::kNotParsed;
    this->store(v);
    return AppendStatus::kOk;
  }
};

class Date32Builder final : public FixedWidthBuilder<int32_t> {
 public:
  AppendStatus append(std::string_view text) override {
    int32_t v;
    if (!parse_date32(text, &v)) return AppendStatus::kNotParsed;
    store(v);
    return AppendStatus::kOk;
  }
};

template <typename T>
class TimeBuilder final : public FixedWidthBuilder<T> {
 public:
  explicit TimeBuilder(ArrowTimeUnit unit) : unit_(unit) {}
  AppendStatus append(std::string_view text) override {
    TimeOfDay t;
    int64_t v;
    if (!parse_time_of_day(text, &t) || !time_of_day_to_unit(t, unit_, &v)) {
      return AppendStatus::kNotParsed;
    }
    this->store(static_cast<T>(v));
    return AppendStatus::kOk;
  }

 private:
  ArrowTimeUnit unit_;
};

// How a timestamp column reads a value written without a UTC offset.
struct NaiveRule {
  bool allowed = true;
  int32_t offset_seconds = 0;  // the zone's fixed offset
};

NaiveRule naive_rule(const ArrowField& f) {
  if (!f.has_timezone) return {};
  const std::string& tz = f.timezone;
  if (tz == "UTC" || tz == "Etc/UTC" || tz == "Z" || tz == "utc") return {};
  // A fixed offset such as "+01:00": the Arrow spec allows it as a zone.
  DateTime dt;
  if ((tz[0] == '+' || tz[0] == '-') && parse_date_time("1970-01-01T00:00:00" + tz, &dt)) {
    return {true, dt.offset_seconds};
  }
  // A named zone needs a time zone database to place a wall-clock time.
  return {false, 0};
}

class TimestampBuilder final : public FixedWidthBuilder<int64_t> {
 public:
  explicit TimestampBuilder(const ArrowField& f)
      : unit_(f.unit), has_timezone_(f.has_timezone), naive_(naive_rule(f)) {}
  AppendStatus append(std::string_view text) override {
    DateTime dt;
    if (!parse_date_time(text, &dt)) return AppendStatus::kNotParsed;
    if (dt.has_offset && !has_timezone_) return AppendStatus::kNotParsed;
    if (!dt.has_offset && has_timezone_) {
      if (!naive_.allowed) return AppendStatus::kNotParsed;
      dt.has_offset = true;
      dt.offset_seconds = naive_.offset_seconds;
    }
    int64_t v;
    if (!date_time_to_unit(dt, unit_, &v)) return AppendStatus::kNotParsed;
    store(v);
    return AppendStatus::kOk;
  }

 private:
  ArrowTimeUnit unit_;
  bool has_timezone_;
  NaiveRule naive_;
};

class BoolBuilder final : public ColumnBuilder {
 public:
  AppendStatus append(std::string_view text) override {
    bool b;
    if (!parse_bool(text, &b)) return AppendStatus::kNotParsed;
    push(b);
    add_valid();
    return AppendStatus::kOk;
  }

 protected:
  void append_placeholder() override { push(false); }
  void finish_values(ExportedArray* array) override {
    push_buffer(array, std::move(bits_));
    bits_ = {};
    count_ = 0;
  }

 private:
  void push(bool b) {
    if ((count_ & 7) == 0) bits_.push_back(0);
    if (b) bits_.back() |= static_cast<uint8_t>(1u << (count_ & 7));
    ++count_;
  }
  std::vector<uint8_t> bits_;
  size_t count_ = 0;
};

class Decimal128Builder final : public ColumnBuilder {
 public:
  explicit Decimal128Builder(const ArrowField& f) : precision_(f.precision), scale_(f.scale) {}
  AppendStatus append(std::string_view text) override {
    __int128 v;
    if (!parse_decimal128(text, precision_, scale_, &v)) return AppendStatus::kNotParsed;
    // Little-endian two's complement, 16 bytes (x86-64 and aarch64 are
    // little-endian).
    const size_t at = bytes_.size();
    bytes_.resize(at + 16);
    std::memcpy(bytes_.data() + at, &v, 16);
    add_valid();
    return AppendStatus::kOk;
  }

 protected:
  void append_placeholder() override { bytes_.resize(bytes_.size() + 16); }
  void finish_values(ExportedArray* array) override {
    push_buffer(array, std::move(bytes_));
    bytes_ = {};
  }

 private:
  int32_t precision_, scale_;
  std::vector<uint8_t> bytes_;
};

template <typename Offset>
class BinaryBuilder final : public ColumnBuilder {
 public:
  explicit BinaryBuilder(bool utf8) : utf8_(utf8) { offsets_.push_back(0); }
  AppendStatus append(std::string_view text) override {
    if (text.size() > static_cast<size_t>(std::numeric_limits<Offset>::max()) - data_.size()) {
      return AppendStatus::kTooLarge;
    }
    if (utf8_ && !is_valid_utf8(reinterpret_cast<const uint8_t*>(text.data()), text.size())) {
      return AppendStatus::kInvalidUtf8;
    }
    data_.insert(data_.end(), text.begin(), text.end());
    offsets_.push_back(static_cast<Offset>(data_.size()));
    add_valid();
    return AppendStatus::kOk;
  }

 protected:
  void append_placeholder() override { offsets_.push_back(static_cast<Offset>(data_.size())); }
  void finish_values(ExportedArray* array) override {
    push_buffer(array, std::move(offsets_));
    push_buffer(array, std::move(data_));
    offsets_ = {};
    offsets_.push_back(0);
    data_ = {};
  }

 private:
  bool utf8_;
  std::vector<Offset> offsets_;
  std::vector<uint8_t> data_;
};

}  // namespace

std::unique_ptr<ColumnBuilder> ColumnBuilder::make(const ArrowField& f) {
  switch (f.id) {
    case ArrowTypeId::BOOL:
      return std::make_unique<BoolBuilder>();
    case ArrowTypeId::INT8:
      return std::make_unique<IntegerBuilder<int8_t>>();
    case ArrowTypeId::INT16:
      return std::make_unique<IntegerBuilder<int16_t>>();
    case ArrowTypeId::INT32:
      return std::make_unique<IntegerBuilder<int32_t>>();
    case ArrowTypeId::INT64:
      return std::make_unique<IntegerBuilder<int64_t>>();
    case ArrowTypeId::UINT8:
      return std::make_unique<IntegerBuilder<uint8_t>>();
    case ArrowTypeId::UINT16:
      return std::make_unique<IntegerBuilder<uint16_t>>();
    case ArrowTypeId::UINT32:
      return std::make_unique<IntegerBuilder<uint32_t>>();
    case ArrowTypeId::UINT64:
      return std::make_unique<IntegerBuilder<uint64_t>>();
    case ArrowTypeId::FLOAT:
      return std::make_unique<FloatBuilder<float>>();
    case ArrowTypeId::DOUBLE:
      return std::make_unique<FloatBuilder<double>>();
    case ArrowTypeId::DATE32:
      return std::make_unique<Date32Builder>();
    case ArrowTypeId::TIME32:
      return std::make_unique<TimeBuilder<int32_t>>(f.unit);
    case ArrowTypeId::TIME64:
      return std::make_unique<TimeBuilder<int64_t>>(f.unit);
    case ArrowTypeId::TIMESTAMP:
      return std::make_unique<TimestampBuilder>(f);
    case ArrowTypeId::DECIMAL128:
      return std::make_unique<Decimal128Builder>(f);
    case ArrowTypeId::STRING:
      return std::make_unique<BinaryBuilder<int32_t>>(true);
    case ArrowTypeId::BINARY:
      return std::make_unique<BinaryBuilder<int32_t>>(false);
    case ArrowTypeId::LARGE_STRING:
      return std::make_unique<BinaryBuilder<int64_t>>(true);
    case ArrowTypeId::STRUCT:
      return std::make_unique<StructBuilder>(f);
    case ArrowTypeId::LIST:
    case ArrowTypeId::LARGE_LIST:
      return std::make_unique<ListBuilder>(f);
    default:
      throw Error("column '" + f.name + "': type " + describe(f) +
                  " cannot be read from text or JSON");
  }
}

void ColumnBuilder::add_valid() {
  if (null_count_ > 0) {
    if ((length_ & 7) == 0) validity_.push_back(0);
    validity_.back() |= static_cast<uint8_t>(1u << (length_ & 7));
  }
  ++length_;
}

void ColumnBuilder::append_null() {
  append_placeholder();
  if (null_count_ == 0) {
    // First null: every value so far was valid.
    validity_.assign(static_cast<size_t>((length_ + 7) / 8), 0xFF);
    if (length_ & 7) validity_.back() = static_cast<uint8_t>((1u << (length_ & 7)) - 1);
  }
  if ((length_ & 7) == 0) validity_.push_back(0);
  ++null_count_;
  ++length_;
}

std::shared_ptr<ExportedArray> ColumnBuilder::finish() {
  auto array = std::make_shared<ExportedArray>();
  array->length = length_;
  array->null_count = null_count_;
  if (null_count_ > 0) {
    push_buffer(array.get(), std::move(validity_));
  } else {
    array->buffers.push_back(nullptr);
  }
  finish_values(array.get());
  validity_.clear();
  length_ = 0;
  null_count_ = 0;
  return array;
}

StructBuilder::StructBuilder(const ArrowField& field) {
  for (const ArrowField& f : field.children) fields_.push_back(ColumnBuilder::make(f));
}

void StructBuilder::append_placeholder() {
  for (auto& f : fields_) f->append_null();
}

void StructBuilder::finish_values(ExportedArray* array) {
  for (auto& f : fields_) array->children.push_back(f->finish());
}

ListBuilder::ListBuilder(const ArrowField& field) : large_(field.id == ArrowTypeId::LARGE_LIST) {
  if (field.children.size() != 1) {
    throw Error("column '" + field.name + "': a list type needs one item type");
  }
  item_ = ColumnBuilder::make(field.children[0]);
  offsets32_.push_back(0);
  offsets64_.push_back(0);
}

AppendStatus ListBuilder::end_list() {
  const int64_t end = item_->length();
  if (large_) {
    offsets64_.push_back(end);
  } else {
    if (end > std::numeric_limits<int32_t>::max()) return AppendStatus::kTooLarge;
    offsets32_.push_back(static_cast<int32_t>(end));
  }
  add_valid();
  return AppendStatus::kOk;
}

void ListBuilder::append_placeholder() {
  // A null list is empty: it repeats the previous offset.
  if (large_) {
    offsets64_.push_back(offsets64_.back());
  } else {
    offsets32_.push_back(offsets32_.back());
  }
}

void ListBuilder::finish_values(ExportedArray* array) {
  if (large_) {
    push_buffer(array, std::move(offsets64_));
  } else {
    push_buffer(array, std::move(offsets32_));
  }
  offsets32_ = {0};
  offsets64_ = {0};
  array->children.push_back(item_->finish());
}

BatchBuilder::BatchBuilder(const std::vector<ArrowField>& columns) {
  for (const ArrowField& f : columns) columns_.push_back(ColumnBuilder::make(f));
}

void BatchBuilder::finish(ArrowArray* out) {
  auto root = std::make_shared<ExportedArray>();
  root->length = static_cast<int64_t>(rows_);
  root->buffers.push_back(nullptr);  // a struct's validity: no nulls
  for (auto& c : columns_) root->children.push_back(c->finish());
  rows_ = 0;
  export_array(std::move(root), out);
}

ArrowField make_struct_schema(std::vector<ArrowField> columns) {
  ArrowField root;
  root.id = ArrowTypeId::STRUCT;
  root.nullable = false;
  root.children = std::move(columns);
  for (ArrowField& c : root.children) c.format = format_of(c);
  root.format = format_of(root);
  return root;
}

}  // namespace spillway::cli

// Reads an encapsulated IPC Schema message back into an ArrowField tree,
// verifying every table, string and vector with flatbuffers::Verifier before
// it is read (no generated code; see ipc_slots.h).

#include <cstring>

#include "arrow/base64.h"
#include "arrow/ipc_schema.h"
#include "arrow/ipc_slots.h"
#include "spillway/error.h"

namespace spillway {

namespace {

using flatbuffers::Table;
using TableVector = flatbuffers::Vector<flatbuffers::Offset<Table>>;

[[noreturn]] void bad(const std::string& what) {
  throw Error("invalid ARROW:schema metadata: " + what);
}

class Reader {
 public:
  Reader(const uint8_t* buf, size_t size) : buf_(buf), v_(buf, size) {}

  const Table* root() {
    if (!v_.VerifyOffset(0)) bad("the flatbuffer's root offset is out of bounds");
    const auto* t = reinterpret_cast<const Table*>(buf_ + flatbuffers::ReadScalar<uint32_t>(buf_));
    start(t, "Message");
    return t;
  }
  // Every table read is verified on entry and closed with end() after its
  // fields (the verifier counts depth).
  void start(const Table* t, const char* what) {
    if (!t->VerifyTableStart(v_)) bad(std::string("malformed ") + what + " table");
  }
  void end() { v_.EndTable(); }

  const Table* table(const Table* t, flatbuffers::voffset_t slot, const char* what) {
    if (!t->VerifyOffset(v_, slot)) bad(std::string("bad offset to ") + what);
    const auto* sub = t->GetPointer<const Table*>(slot);
    if (sub != nullptr) start(sub, what);
    return sub;
  }
  template <typename T>
  T scalar(const Table* t, flatbuffers::voffset_t slot, T def) {
    if (!t->VerifyField<T>(v_, slot, sizeof(T))) bad("misaligned or truncated scalar field");
    return t->GetField<T>(slot, def);
  }
  std::optional<std::string> string(const Table* t, flatbuffers::voffset_t slot) {
    if (!t->VerifyOffset(v_, slot)) bad("bad string offset");
    const auto* s = t->GetPointer<const flatbuffers::String*>(slot);
    if (s == nullptr) return std::nullopt;
    if (!v_.VerifyString(s)) bad("malformed string");
    return s->str();
  }
  template <typename T>
  const flatbuffers::Vector<T>* vector(const Table* t, flatbuffers::voffset_t slot) {
    if (!t->VerifyOffset(v_, slot)) bad("bad vector offset");
    const auto* vec = t->GetPointer<const flatbuffers::Vector<T>*>(slot);
    if (vec != nullptr && !v_.VerifyVector(vec)) bad("malformed vector");
    return vec;
  }

  ArrowMetadata metadata(const Table* t, flatbuffers::voffset_t slot) {
    ArrowMetadata out;
    const auto* pairs = vector<flatbuffers::Offset<Table>>(t, slot);
    if (pairs == nullptr) return out;
    for (flatbuffers::uoffset_t i = 0; i < pairs->size(); ++i) {
      const Table* kv = pairs->Get(i);
      start(kv, "KeyValue");
      out.emplace_back(string(kv, ipc::kKeyValueKey).value_or(""),
                       string(kv, ipc::kKeyValueValue).value_or(""));
      end();
    }
    return out;
  }

  ArrowField field(const Table* t, const std::string& parent);

 private:
  void type(ipc::Type type, const Table* t, ArrowField& f, const std::string& path);
  ArrowTypeId int_type(const Table* t, const std::string& path);

  const uint8_t* buf_;
  flatbuffers::Verifier v_;
};

ArrowTypeId Reader::int_type(const Table* t, const std::string& path) {
  int32_t bits = scalar<int32_t>(t, ipc::kIntBitWidth, 0);
  bool is_signed = scalar<uint8_t>(t, ipc::kIntIsSigned, 0) != 0;
  switch (bits) {
    case 8:
      return is_signed ? ArrowTypeId::INT8 : ArrowTypeId::UINT8;
    case 16:
      return is_signed ? ArrowTypeId::INT16 : ArrowTypeId::UINT16;
    case 32:
      return is_signed ? ArrowTypeId::INT32 : ArrowTypeId::UINT32;
    case 64:
      return is_signed ? ArrowTypeId::INT64 : ArrowTypeId::UINT64;
  }
  bad("field '" + path + "' has an Int of bit width " + std::to_string(bits));
}

void Reader::type(ipc::Type type, const Table* t, ArrowField& f, const std::string& path) {
  using T = ipc::Type;
  auto unit = [&](flatbuffers::voffset_t slot, int16_t def) {
    int16_t u = scalar<int16_t>(t, slot, def);
    if (u < 0 || u > 3) bad("field '" + path + "' has time unit " + std::to_string(u));
    return static_cast<ArrowTimeUnit>(u);
  };
  switch (type) {
    case T::Null:
      f.id = ArrowTypeId::NA;
      return;
    case T::Bool:
      f.id = ArrowTypeId::BOOL;
      return;
    case T::Int:
      f.id = int_type(t, path);
      return;
    case T::FloatingPoint:
      switch (scalar<int16_t>(t, ipc::kFloatingPointPrecision, 0)) {
        case ipc::kPrecisionHalf:
          f.id = ArrowTypeId::HALF_FLOAT;
          return;
        case ipc::kPrecisionSingle:
          f.id = ArrowTypeId::FLOAT;
          return;
        case ipc::kPrecisionDouble:
          f.id = ArrowTypeId::DOUBLE;
          return;
      }
      bad("field '" + path + "' has an unknown floating point precision");
    case T::Utf8:
      f.id = ArrowTypeId::STRING;
      return;
    case T::LargeUtf8:
      f.id = ArrowTypeId::LARGE_STRING;
      return;
    case T::Utf8View:
      f.id = ArrowTypeId::STRING_VIEW;
      return;
    case T::Binary:
      f.id = ArrowTypeId::BINARY;
      return;
    case T::LargeBinary:
      f.id = ArrowTypeId::LARGE_BINARY;
      return;
    case T::BinaryView:
      f.id = ArrowTypeId::BINARY_VIEW;
      return;
    case T::FixedSizeBinary:
      f.id = ArrowTypeId::FIXED_SIZE_BINARY;
      f.byte_width = scalar<int32_t>(t, ipc::kFixedSizeBinaryByteWidth, 0);
      return;
    case T::Decimal:
      f.precision = scalar<int32_t>(t, ipc::kDecimalPrecision, 0);
      f.scale = scalar<int32_t>(t, ipc::kDecimalScale, 0);
      f.decimal_bit_width = scalar<int32_t>(t, ipc::kDecimalBitWidth, ipc::kDecimalBitWidthDefault);
      switch (f.decimal_bit_width) {
        case 32:
          f.id = ArrowTypeId::DECIMAL32;
          return;
        case 64:
          f.id = ArrowTypeId::DECIMAL64;
          return;
        case 128:
          f.id = ArrowTypeId::DECIMAL128;
          return;
        case 256:
          f.id = ArrowTypeId::DECIMAL256;
          return;
      }
      bad("field '" + path + "' has decimal bit width " + std::to_string(f.decimal_bit_width));
    case T::Date:
      f.id = scalar<int16_t>(t, ipc::kDateUnit, ipc::kDateUnitDefault) == ipc::kDateUnitDay
                 ? ArrowTypeId::DATE32
                 : ArrowTypeId::DATE64;
      return;
    case T::Time:
      f.unit = unit(ipc::kTimeUnit, ipc::kTimeUnitDefault);
      f.id = f.unit <= ArrowTimeUnit::MILLI ? ArrowTypeId::TIME32 : ArrowTypeId::TIME64;
      return;
    case T::Timestamp:
      f.id = ArrowTypeId::TIMESTAMP;
      f.unit = unit(ipc::kTimestampUnit, 0);
      f.timezone = string(t, ipc::kTimestampTimezone).value_or("");
      f.has_timezone = !f.timezone.empty();
      return;
    case T::Duration:
      f.id = ArrowTypeId::DURATION;
      f.unit = unit(ipc::kDurationUnit, ipc::kDurationUnitDefault);
      return;
    case T::Interval:
      switch (scalar<int16_t>(t, ipc::kIntervalUnit, 0)) {
        case ipc::kIntervalYearMonth:
          f.id = ArrowTypeId::INTERVAL_MONTHS;
          return;
        case ipc::kIntervalDayTime:
          f.id = ArrowTypeId::INTERVAL_DAY_TIME;
          return;
        case ipc::kIntervalMonthDayNano:
          f.id = ArrowTypeId::INTERVAL_MONTH_DAY_NANO;
          return;
      }
      bad("field '" + path + "' has an unknown interval unit");
    case T::Struct_:
      f.id = ArrowTypeId::STRUCT;
      return;
    case T::List:
      f.id = ArrowTypeId::LIST;
      return;
    case T::LargeList:
      f.id = ArrowTypeId::LARGE_LIST;
      return;
    case T::ListView:
      f.id = ArrowTypeId::LIST_VIEW;
      return;
    case T::LargeListView:
      f.id = ArrowTypeId::LARGE_LIST_VIEW;
      return;
    case T::FixedSizeList:
      f.id = ArrowTypeId::FIXED_SIZE_LIST;
      f.byte_width = scalar<int32_t>(t, ipc::kFixedSizeListListSize, 0);
      return;
    case T::Map:
      f.id = ArrowTypeId::MAP;
      f.map_keys_sorted = scalar<uint8_t>(t, ipc::kMapKeysSorted, 0) != 0;
      return;
    case T::Union: {
      f.id = scalar<int16_t>(t, ipc::kUnionMode, 0) == ipc::kUnionDense ? ArrowTypeId::DENSE_UNION
                                                                        : ArrowTypeId::SPARSE_UNION;
      if (const auto* ids = vector<int32_t>(t, ipc::kUnionTypeIds)) {
        for (int32_t id : *ids) {
          if (id < 0 || id > 127) bad("field '" + path + "' has union type id out of range");
          f.union_type_ids.push_back(static_cast<int8_t>(id));
        }
      }
      return;
    }
    case T::RunEndEncoded:
      f.id = ArrowTypeId::RUN_END_ENCODED;
      return;
    case T::NONE:
      break;
  }
  bad("field '" + path + "' has unknown type tag " + std::to_string(static_cast<int>(type)));
}

ArrowField Reader::field(const Table* t, const std::string& parent) {
  ArrowField values;
  std::string name = string(t, ipc::kFieldName).value_or("");
  std::string path = parent.empty() ? name : parent + "." + name;
  bool nullable = scalar<uint8_t>(t, ipc::kFieldNullable, 0) != 0;
  auto tag = static_cast<ipc::Type>(scalar<uint8_t>(t, ipc::kFieldTypeType, 0));
  const Table* type_table = table(t, ipc::kFieldType, "type");
  if (type_table == nullptr) bad("field '" + path + "' has no type");
  type(tag, type_table, values, path);
  end();
  if (const auto* children = vector<flatbuffers::Offset<Table>>(t, ipc::kFieldChildren)) {
    for (flatbuffers::uoffset_t i = 0; i < children->size(); ++i) {
      start(children->Get(i), "Field");
      values.children.push_back(field(children->Get(i), path));
      end();
    }
  }
  if ((values.id == ArrowTypeId::SPARSE_UNION || values.id == ArrowTypeId::DENSE_UNION) &&
      values.union_type_ids.empty()) {
    for (size_t i = 0; i < values.children.size(); ++i) {
      values.union_type_ids.push_back(static_cast<int8_t>(i));
    }
  }
  values.format = format_of(values);

  ArrowField f;
  if (const Table* dictionary = table(t, ipc::kFieldDictionary, "DictionaryEncoding")) {
    const Table* index = table(dictionary, ipc::kDictionaryIndexType, "Int");
    f.id = ArrowTypeId::INT32;  // the spec's default when indexType is absent
    if (index != nullptr) {
      f.id = int_type(index, path);
      end();
    }
    f.dictionary_ordered = scalar<uint8_t>(dictionary, ipc::kDictionaryIsOrdered, 0) != 0;
    end();
    f.format = format_of(f);
    f.dictionary = std::make_shared<ArrowField>(std::move(values));
  } else {
    f = std::move(values);
  }
  f.name = std::move(name);
  f.nullable = nullable;
  f.metadata = metadata(t, ipc::kFieldCustomMetadata);
  return f;
}

}  // namespace

ArrowField parse_schema_message(std::string_view bytes) {
  auto read_i32 = [&](size_t at) {
    int32_t v;
    std::memcpy(&v, bytes.data() + at, 4);
    return v;
  };
  if (bytes.size() < 8) bad("message of " + std::to_string(bytes.size()) + " bytes is too short");
  size_t header = read_i32(0) == -1 ? 8 : 4;  // pre-1.0 messages lack the continuation
  int32_t length = read_i32(header - 4);
  if (length < 0 || static_cast<size_t>(length) > bytes.size() - header) {
    bad("metadata length " + std::to_string(length) + " exceeds the " +
        std::to_string(bytes.size()) + "-byte message");
  }
  // Copy to 8-byte aligned storage: flatbuffers reads scalars in place.
  std::vector<uint64_t> aligned((static_cast<size_t>(length) + 7) / 8 + 1, 0);
  std::memcpy(aligned.data(), bytes.data() + header, static_cast<size_t>(length));
  Reader r(reinterpret_cast<const uint8_t*>(aligned.data()), static_cast<size_t>(length));

  const Table* message = r.root();
  if (r.scalar<uint8_t>(message, ipc::kMessageHeaderType, 0) != ipc::kMessageHeaderSchema) {
    bad("the message is not a Schema message");
  }
  const Table* schema = r.table(message, ipc::kMessageHeader, "Schema");
  if (schema == nullptr) bad("the message has no Schema");
  if (r.scalar<int16_t>(schema, ipc::kSchemaEndianness, 0) != 0) {
    bad("big-endian schemas are not supported");
  }
  ArrowField root;
  root.id = ArrowTypeId::STRUCT;
  root.format = "+s";
  root.nullable = false;
  if (const auto* fields = r.vector<flatbuffers::Offset<Table>>(schema, ipc::kSchemaFields)) {
    for (flatbuffers::uoffset_t i = 0; i < fields->size(); ++i) {
      r.start(fields->Get(i), "Field");
      root.children.push_back(r.field(fields->Get(i), ""));
      r.end();
    }
  }
  root.metadata = r.metadata(schema, ipc::kSchemaCustomMetadata);
  r.end();  // Schema
  r.end();  // Message
  return root;
}

ArrowField parse_arrow_schema_metadata(std::string_view base64) {
  return parse_schema_message(base64_decode(base64));
}

}  // namespace spillway

// Writes the Arrow schema as an encapsulated IPC Schema message with
// FlatBufferBuilder directly (see ipc_slots.h). Sub-objects (strings,
// vectors, child tables) are built before the table that refers to them, as
// flatbuffers requires; fields are added in slot order.

#include <cstring>

#include "arrow/base64.h"
#include "arrow/ipc_schema.h"
#include "arrow/ipc_slots.h"
#include "spillway/error.h"

namespace spillway {

namespace {

using Builder = flatbuffers::FlatBufferBuilder;
using Off = flatbuffers::Offset<void>;

struct TypeRef {
  ipc::Type type;
  Off table;
};

Off end_table(Builder& b, flatbuffers::uoffset_t start) {
  return Off(b.EndTable(start));
}

Off empty_table(Builder& b) {
  return end_table(b, b.StartTable());
}

Off int_table(Builder& b, int32_t bit_width, bool is_signed) {
  auto start = b.StartTable();
  b.AddElement<int32_t>(ipc::kIntBitWidth, bit_width, 0);
  b.AddElement<uint8_t>(ipc::kIntIsSigned, is_signed, 0);
  return end_table(b, start);
}

Off one_short(Builder& b, flatbuffers::voffset_t slot, int16_t v, int16_t def) {
  auto start = b.StartTable();
  b.AddElement<int16_t>(slot, v, def);
  return end_table(b, start);
}

Off one_int(Builder& b, flatbuffers::voffset_t slot, int32_t v) {
  auto start = b.StartTable();
  b.AddElement<int32_t>(slot, v, 0);
  return end_table(b, start);
}

int32_t int_bits(ArrowTypeId id) {
  switch (id) {
    case ArrowTypeId::INT8:
    case ArrowTypeId::UINT8:
      return 8;
    case ArrowTypeId::INT16:
    case ArrowTypeId::UINT16:
      return 16;
    case ArrowTypeId::INT32:
    case ArrowTypeId::UINT32:
      return 32;
    default:
      return 64;
  }
}

TypeRef build_type(Builder& b, const ArrowField& f) {
  using T = ipc::Type;
  const auto unit = static_cast<int16_t>(f.unit);  // ArrowTimeUnit follows IPC TimeUnit order
  switch (f.id) {
    case ArrowTypeId::NA:
      return {T::Null, empty_table(b)};
    case ArrowTypeId::BOOL:
      return {T::Bool, empty_table(b)};
    case ArrowTypeId::INT8:
    case ArrowTypeId::UINT8:
    case ArrowTypeId::INT16:
    case ArrowTypeId::UINT16:
    case ArrowTypeId::INT32:
    case ArrowTypeId::UINT32:
    case ArrowTypeId::INT64:
    case ArrowTypeId::UINT64:
      return {T::Int, int_table(b, int_bits(f.id), is_signed_integer(f.id))};
    case ArrowTypeId::HALF_FLOAT:
    case ArrowTypeId::FLOAT:
    case ArrowTypeId::DOUBLE: {
      int16_t p = f.id == ArrowTypeId::HALF_FLOAT ? ipc::kPrecisionHalf
                  : f.id == ArrowTypeId::FLOAT    ? ipc::kPrecisionSingle
                                                  : ipc::kPrecisionDouble;
      return {T::FloatingPoint, one_short(b, ipc::kFloatingPointPrecision, p, 0)};
    }
    case ArrowTypeId::STRING:
      return {T::Utf8, empty_table(b)};
    case ArrowTypeId::LARGE_STRING:
      return {T::LargeUtf8, empty_table(b)};
    case ArrowTypeId::STRING_VIEW:
      return {T::Utf8View, empty_table(b)};
    case ArrowTypeId::BINARY:
      return {T::Binary, empty_table(b)};
    case ArrowTypeId::LARGE_BINARY:
      return {T::LargeBinary, empty_table(b)};
    case ArrowTypeId::BINARY_VIEW:
      return {T::BinaryView, empty_table(b)};
    case ArrowTypeId::FIXED_SIZE_BINARY:
      return {T::FixedSizeBinary, one_int(b, ipc::kFixedSizeBinaryByteWidth, f.byte_width)};
    case ArrowTypeId::DECIMAL32:
    case ArrowTypeId::DECIMAL64:
    case ArrowTypeId::DECIMAL128:
    case ArrowTypeId::DECIMAL256: {
      auto start = b.StartTable();
      b.AddElement<int32_t>(ipc::kDecimalPrecision, f.precision, 0);
      b.AddElement<int32_t>(ipc::kDecimalScale, f.scale, 0);
      b.AddElement<int32_t>(ipc::kDecimalBitWidth, f.decimal_bit_width,
                            ipc::kDecimalBitWidthDefault);
      return {T::Decimal, end_table(b, start)};
    }
    case ArrowTypeId::DATE32:
      return {T::Date, one_short(b, ipc::kDateUnit, ipc::kDateUnitDay, ipc::kDateUnitDefault)};
    case ArrowTypeId::DATE64:
      return {T::Date,
              one_short(b, ipc::kDateUnit, ipc::kDateUnitMillisecond, ipc::kDateUnitDefault)};
    case ArrowTypeId::TIME32:
    case ArrowTypeId::TIME64: {
      auto start = b.StartTable();
      b.AddElement<int16_t>(ipc::kTimeUnit, unit, ipc::kTimeUnitDefault);
      b.AddElement<int32_t>(ipc::kTimeBitWidth, f.id == ArrowTypeId::TIME32 ? 32 : 64,
                            ipc::kTimeBitWidthDefault);
      return {T::Time, end_table(b, start)};
    }
    case ArrowTypeId::TIMESTAMP: {
      flatbuffers::Offset<flatbuffers::String> tz;
      if (f.has_timezone) tz = b.CreateString(f.timezone);
      auto start = b.StartTable();
      b.AddElement<int16_t>(ipc::kTimestampUnit, unit, 0);
      if (f.has_timezone) b.AddOffset(ipc::kTimestampTimezone, tz);
      return {T::Timestamp, end_table(b, start)};
    }
    case ArrowTypeId::DURATION:
      return {T::Duration, one_short(b, ipc::kDurationUnit, unit, ipc::kDurationUnitDefault)};
    case ArrowTypeId::INTERVAL_MONTHS:
      return {T::Interval, one_short(b, ipc::kIntervalUnit, ipc::kIntervalYearMonth, 0)};
    case ArrowTypeId::INTERVAL_DAY_TIME:
      return {T::Interval, one_short(b, ipc::kIntervalUnit, ipc::kIntervalDayTime, 0)};
    case ArrowTypeId::INTERVAL_MONTH_DAY_NANO:
      return {T::Interval, one_short(b, ipc::kIntervalUnit, ipc::kIntervalMonthDayNano, 0)};
    case ArrowTypeId::STRUCT:
      return {T::Struct_, empty_table(b)};
    case ArrowTypeId::LIST:
      return {T::List, empty_table(b)};
    case ArrowTypeId::LARGE_LIST:
      return {T::LargeList, empty_table(b)};
    case ArrowTypeId::LIST_VIEW:
      return {T::ListView, empty_table(b)};
    case ArrowTypeId::LARGE_LIST_VIEW:
      return {T::LargeListView, empty_table(b)};
    case ArrowTypeId::FIXED_SIZE_LIST:
      return {T::FixedSizeList, one_int(b, ipc::kFixedSizeListListSize, f.byte_width)};
    case ArrowTypeId::MAP: {
      auto start = b.StartTable();
      b.AddElement<uint8_t>(ipc::kMapKeysSorted, f.map_keys_sorted, 0);
      return {T::Map, end_table(b, start)};
    }
    case ArrowTypeId::SPARSE_UNION:
    case ArrowTypeId::DENSE_UNION: {
      std::vector<int32_t> ids(f.union_type_ids.begin(), f.union_type_ids.end());
      auto ids_vec = b.CreateVector(ids);
      auto start = b.StartTable();
      b.AddElement<int16_t>(ipc::kUnionMode,
                            f.id == ArrowTypeId::DENSE_UNION ? ipc::kUnionDense : ipc::kUnionSparse,
                            0);
      b.AddOffset(ipc::kUnionTypeIds, ids_vec);
      return {T::Union, end_table(b, start)};
    }
    case ArrowTypeId::RUN_END_ENCODED:
      return {T::RunEndEncoded, empty_table(b)};
  }
  throw Error("cannot describe " + describe(f) + " in ARROW:schema");
}

flatbuffers::Offset<flatbuffers::Vector<Off>> build_metadata(Builder& b, const ArrowMetadata& kv) {
  std::vector<Off> pairs;
  for (const auto& [key, value] : kv) {
    auto k = b.CreateString(key);
    auto v = b.CreateString(value);
    auto start = b.StartTable();
    b.AddOffset(ipc::kKeyValueKey, k);
    b.AddOffset(ipc::kKeyValueValue, v);
    pairs.push_back(end_table(b, start));
  }
  return b.CreateVector(pairs);
}

Off build_field(Builder& b, const ArrowField& f, int64_t& next_dictionary_id) {
  const ArrowField& values = f.value_field();
  // Pre-order ids: this field's dictionary before any inside its children.
  int64_t dictionary_id = f.is_dictionary() ? next_dictionary_id++ : -1;
  std::vector<Off> child_fields;
  for (const ArrowField& child : values.children) {
    child_fields.push_back(build_field(b, child, next_dictionary_id));
  }
  auto name = b.CreateString(f.name);
  TypeRef type = build_type(b, values);
  Off dictionary;
  if (f.is_dictionary()) {
    Off index_type = int_table(b, int_bits(f.id), is_signed_integer(f.id));
    auto start = b.StartTable();
    b.AddElement<int64_t>(ipc::kDictionaryId, dictionary_id, 0);
    b.AddOffset(ipc::kDictionaryIndexType, index_type);
    b.AddElement<uint8_t>(ipc::kDictionaryIsOrdered, f.dictionary_ordered, 0);
    dictionary = end_table(b, start);
  }
  auto children = b.CreateVector(child_fields);
  flatbuffers::Offset<flatbuffers::Vector<Off>> metadata;
  if (!f.metadata.empty()) metadata = build_metadata(b, f.metadata);

  auto start = b.StartTable();
  b.AddOffset(ipc::kFieldName, name);
  b.AddElement<uint8_t>(ipc::kFieldNullable, f.nullable, 0);
  b.AddElement<uint8_t>(ipc::kFieldTypeType, static_cast<uint8_t>(type.type), 0);
  b.AddOffset(ipc::kFieldType, type.table);
  if (f.is_dictionary()) b.AddOffset(ipc::kFieldDictionary, dictionary);
  b.AddOffset(ipc::kFieldChildren, children);
  if (!f.metadata.empty()) b.AddOffset(ipc::kFieldCustomMetadata, metadata);
  return end_table(b, start);
}

}  // namespace

std::string serialize_schema_message(const ArrowField& root) {
  if (root.id != ArrowTypeId::STRUCT || root.is_dictionary()) {
    throw Error("ARROW:schema needs a record batch (struct) schema, got " + describe(root));
  }
  Builder b;
  int64_t next_dictionary_id = 0;
  std::vector<Off> fields;
  for (const ArrowField& column : root.children) {
    fields.push_back(build_field(b, column, next_dictionary_id));
  }
  auto fields_vec = b.CreateVector(fields);
  flatbuffers::Offset<flatbuffers::Vector<Off>> metadata;
  if (!root.metadata.empty()) metadata = build_metadata(b, root.metadata);
  auto schema_start = b.StartTable();
  b.AddOffset(ipc::kSchemaFields, fields_vec);
  if (!root.metadata.empty()) b.AddOffset(ipc::kSchemaCustomMetadata, metadata);
  Off schema = end_table(b, schema_start);

  auto message_start = b.StartTable();
  b.AddElement<int16_t>(ipc::kMessageVersion, ipc::kMetadataV5, 0);
  b.AddElement<uint8_t>(ipc::kMessageHeaderType, ipc::kMessageHeaderSchema, 0);
  b.AddOffset(ipc::kMessageHeader, schema);
  b.AddElement<int64_t>(ipc::kMessageBodyLength, 0, 0);
  b.Finish(end_table(b, message_start));

  // Encapsulation: continuation marker, padded length, flatbuffer, padding.
  size_t size = b.GetSize();
  size_t padded = (size + 7) / 8 * 8;
  std::string out(8 + padded, '\0');
  uint32_t continuation = 0xFFFFFFFF;
  int32_t length = static_cast<int32_t>(padded);
  std::memcpy(out.data(), &continuation, 4);
  std::memcpy(out.data() + 4, &length, 4);  // little-endian hosts only
  std::memcpy(out.data() + 8, b.GetBufferPointer(), size);
  return out;
}

std::string arrow_schema_metadata_value(const ArrowField& root) {
  return base64_encode(serialize_schema_message(root));
}

}  // namespace spillway

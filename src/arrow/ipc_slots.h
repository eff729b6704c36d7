#pragma once

// Field slots (vtable offsets) and enum values of the Arrow IPC flatbuffers
// schema, from format/Schema.fbs and format/Message.fbs. Field N of a table
// has vtable offset 4 + 2N; a union field takes two slots, the `_type` byte
// then the value offset. No generated code: the writer and the reader both
// use these names.

#include <cstdint>

#include <flatbuffers/flatbuffers.h>

namespace spillway::ipc {

constexpr flatbuffers::voffset_t slot(int n) {
  return static_cast<flatbuffers::voffset_t>(4 + 2 * n);
}

// table Message { version; header (union: type, value); bodyLength; custom_metadata }
constexpr auto kMessageVersion = slot(0);
constexpr auto kMessageHeaderType = slot(1);
constexpr auto kMessageHeader = slot(2);
constexpr auto kMessageBodyLength = slot(3);
// table Schema { endianness; fields; custom_metadata; features }
constexpr auto kSchemaEndianness = slot(0);
constexpr auto kSchemaFields = slot(1);
constexpr auto kSchemaCustomMetadata = slot(2);
// table Field { name; nullable; type (union: type, value); dictionary; children; custom_metadata }
constexpr auto kFieldName = slot(0);
constexpr auto kFieldNullable = slot(1);
constexpr auto kFieldTypeType = slot(2);
constexpr auto kFieldType = slot(3);
constexpr auto kFieldDictionary = slot(4);
constexpr auto kFieldChildren = slot(5);
constexpr auto kFieldCustomMetadata = slot(6);
// table KeyValue { key; value }
constexpr auto kKeyValueKey = slot(0);
constexpr auto kKeyValueValue = slot(1);
// table DictionaryEncoding { id; indexType; isOrdered; dictionaryKind }
constexpr auto kDictionaryId = slot(0);
constexpr auto kDictionaryIndexType = slot(1);
constexpr auto kDictionaryIsOrdered = slot(2);
// Type tables with fields.
constexpr auto kIntBitWidth = slot(0), kIntIsSigned = slot(1);
constexpr auto kFloatingPointPrecision = slot(0);
constexpr auto kDecimalPrecision = slot(0), kDecimalScale = slot(1), kDecimalBitWidth = slot(2);
constexpr auto kDateUnit = slot(0);
constexpr auto kTimeUnit = slot(0), kTimeBitWidth = slot(1);
constexpr auto kTimestampUnit = slot(0), kTimestampTimezone = slot(1);
constexpr auto kIntervalUnit = slot(0);
constexpr auto kDurationUnit = slot(0);
constexpr auto kFixedSizeBinaryByteWidth = slot(0);
constexpr auto kFixedSizeListListSize = slot(0);
constexpr auto kMapKeysSorted = slot(0);
constexpr auto kUnionMode = slot(0), kUnionTypeIds = slot(1);

// Defaults the schema declares (a field equal to its default is omitted).
constexpr int32_t kDecimalBitWidthDefault = 128;
constexpr int16_t kDateUnitDefault = 1;  // MILLISECOND
constexpr int16_t kTimeUnitDefault = 1;  // MILLISECOND
constexpr int32_t kTimeBitWidthDefault = 32;
constexpr int16_t kDurationUnitDefault = 1;  // MILLISECOND

// enum MetadataVersion: V1..V5 = 0..4.
constexpr int16_t kMetadataV5 = 4;
// union MessageHeader { Schema = 1, DictionaryBatch, RecordBatch, Tensor, SparseTensor }
constexpr uint8_t kMessageHeaderSchema = 1;

// union Type (NONE = 0).
enum class Type : uint8_t {
  NONE = 0,
  Null = 1,
  Int = 2,
  FloatingPoint = 3,
  Binary = 4,
  Utf8 = 5,
  Bool = 6,
  Decimal = 7,
  Date = 8,
  Time = 9,
  Timestamp = 10,
  Interval = 11,
  List = 12,
  Struct_ = 13,
  Union = 14,
  FixedSizeBinary = 15,
  FixedSizeList = 16,
  Map = 17,
  Duration = 18,
  LargeBinary = 19,
  LargeUtf8 = 20,
  LargeList = 21,
  RunEndEncoded = 22,
  BinaryView = 23,
  Utf8View = 24,
  ListView = 25,
  LargeListView = 26,
};

// enum Precision { HALF, SINGLE, DOUBLE }; enum DateUnit { DAY, MILLISECOND };
// enum TimeUnit { SECOND, MILLISECOND, MICROSECOND, NANOSECOND };
// enum IntervalUnit { YEAR_MONTH, DAY_TIME, MONTH_DAY_NANO }; enum UnionMode { Sparse, Dense }.
constexpr int16_t kPrecisionHalf = 0, kPrecisionSingle = 1, kPrecisionDouble = 2;
constexpr int16_t kDateUnitDay = 0, kDateUnitMillisecond = 1;
constexpr int16_t kIntervalYearMonth = 0, kIntervalDayTime = 1, kIntervalMonthDayNano = 2;
constexpr int16_t kUnionSparse = 0, kUnionDense = 1;

}  // namespace spillway::ipc

#include "statistics/sort_order.h"

namespace spillway {

namespace {

SortOrder for_logical(const LogicalType& t) {
  using K = LogicalType::Kind;
  switch (t.kind) {
    case K::STRING:
    case K::ENUM:
    case K::JSON:
    case K::BSON:
    case K::UUID:
      return SortOrder::UNSIGNED;
    case K::DECIMAL:
    case K::DATE:
    case K::TIME:
    case K::TIMESTAMP:
    case K::FLOAT16:
      return SortOrder::SIGNED;
    case K::INTEGER:
      return t.is_signed ? SortOrder::SIGNED : SortOrder::UNSIGNED;
    case K::UNKNOWN:
    case K::MAP:
    case K::LIST:
      return SortOrder::UNDEFINED;
  }
  return SortOrder::UNDEFINED;
}

SortOrder for_converted(ConvertedType t) {
  using C = ConvertedType;
  switch (t) {
    case C::UTF8:
    case C::ENUM:
    case C::JSON:
    case C::BSON:
    case C::UINT_8:
    case C::UINT_16:
    case C::UINT_32:
    case C::UINT_64:
      return SortOrder::UNSIGNED;
    case C::DECIMAL:
    case C::DATE:
    case C::TIME_MILLIS:
    case C::TIME_MICROS:
    case C::TIMESTAMP_MILLIS:
    case C::TIMESTAMP_MICROS:
    case C::INT_8:
    case C::INT_16:
    case C::INT_32:
    case C::INT_64:
      return SortOrder::SIGNED;
    case C::INTERVAL:
    case C::MAP:
    case C::MAP_KEY_VALUE:
    case C::LIST:
      return SortOrder::UNDEFINED;
  }
  return SortOrder::UNDEFINED;
}

SortOrder for_physical(PhysicalType t) {
  switch (t) {
    case PhysicalType::BOOLEAN:
    case PhysicalType::INT32:
    case PhysicalType::INT64:
    case PhysicalType::FLOAT:
    case PhysicalType::DOUBLE:
      return SortOrder::SIGNED;
    case PhysicalType::BYTE_ARRAY:
    case PhysicalType::FIXED_LEN_BYTE_ARRAY:
      return SortOrder::UNSIGNED;
    case PhysicalType::INT96:
      // Only INT96_TIMESTAMP_ORDER orders INT96; under TYPE_ORDER readers
      // must ignore its statistics, so none are kept.
      return SortOrder::UNDEFINED;
  }
  return SortOrder::UNDEFINED;
}

}  // namespace

SortOrder sort_order_for(const ColumnDescriptor& descr) {
  if (descr.physical_type() == PhysicalType::INT96) return SortOrder::UNDEFINED;
  if (descr.logical_type()) return for_logical(*descr.logical_type());
  if (descr.converted_type()) return for_converted(*descr.converted_type());
  return for_physical(descr.physical_type());
}

ValueOrder value_order_for(const ColumnDescriptor& descr) {
  const SortOrder order = sort_order_for(descr);
  if (order == SortOrder::UNDEFINED) return ValueOrder::NONE;
  switch (descr.physical_type()) {
    case PhysicalType::BOOLEAN:
      return ValueOrder::BOOLEAN;
    case PhysicalType::INT32:
    case PhysicalType::INT64:
      return order == SortOrder::UNSIGNED ? ValueOrder::UNSIGNED_INT : ValueOrder::SIGNED_INT;
    case PhysicalType::FLOAT:
    case PhysicalType::DOUBLE:
      return ValueOrder::FLOATING;
    case PhysicalType::BYTE_ARRAY:
      return order == SortOrder::SIGNED ? ValueOrder::SIGNED_BIG_ENDIAN
                                        : ValueOrder::UNSIGNED_BYTES;
    case PhysicalType::FIXED_LEN_BYTE_ARRAY:
      if (descr.logical_type() && descr.logical_type()->kind == LogicalType::Kind::FLOAT16) {
        return descr.type_length() == 2 ? ValueOrder::FLOAT16 : ValueOrder::NONE;
      }
      return order == SortOrder::SIGNED ? ValueOrder::SIGNED_BIG_ENDIAN
                                        : ValueOrder::UNSIGNED_BYTES;
    case PhysicalType::INT96:
      return ValueOrder::NONE;
  }
  return ValueOrder::NONE;
}

bool is_utf8_column(const ColumnDescriptor& descr) {
  if (descr.physical_type() != PhysicalType::BYTE_ARRAY) return false;
  if (const auto& lt = descr.logical_type()) {
    using K = LogicalType::Kind;
    return lt->kind == K::STRING || lt->kind == K::ENUM || lt->kind == K::JSON;
  }
  if (const auto& ct = descr.converted_type()) {
    return *ct == ConvertedType::UTF8 || *ct == ConvertedType::ENUM || *ct == ConvertedType::JSON;
  }
  return false;
}

}  // namespace spillway

// Parses SchemaElement and its LogicalType union.

#include <optional>
#include <string>

#include "format/struct_reader.h"

namespace spillway {
namespace {

// A union must hold exactly one member.
void check_union(const StructReader& s, int members) {
  if (members != 1) s.fail("union has " + std::to_string(members) + " members, expected 1");
}

// TimeUnit union of empty structs; nullopt for a unit this version does not
// know.
std::optional<TimeUnit> parse_time_unit(CompactReader& r) {
  std::optional<TimeUnit> unit;
  int members = 0;
  StructReader s(r, "TimeUnit");
  while (s.next()) {
    ++members;
    if (s.id() >= 1 && s.id() <= 3) {
      s.nested("unit");
      unit = static_cast<TimeUnit>(s.id());
    }
    s.skip();
  }
  check_union(s, members);
  return unit;
}

// TimeType and TimestampType share their layout.
std::optional<LogicalType> parse_time_type(CompactReader& r, LogicalType::Kind kind,
                                           const char* name) {
  LogicalType t{kind};
  std::optional<TimeUnit> unit;
  StructReader s(r, name);
  while (s.next()) {
    switch (s.id()) {
      case 1:
        t.is_adjusted_to_utc = s.boolean("isAdjustedToUTC");
        break;
      case 2:
        unit = parse_time_unit(s.nested("unit"));
        break;
      default:
        s.skip();
    }
  }
  s.require(1, "isAdjustedToUTC");
  s.require(2, "unit");
  if (!unit) return std::nullopt;
  t.unit = *unit;
  return t;
}

LogicalType parse_decimal_type(CompactReader& r) {
  LogicalType t{LogicalType::Kind::DECIMAL};
  StructReader s(r, "DecimalType");
  while (s.next()) {
    switch (s.id()) {
      case 1:
        t.scale = s.i32("scale");
        break;
      case 2:
        t.precision = s.i32("precision");
        break;
      default:
        s.skip();
    }
  }
  s.require(1, "scale");
  s.require(2, "precision");
  return t;
}

LogicalType parse_int_type(CompactReader& r) {
  LogicalType t{LogicalType::Kind::INTEGER};
  StructReader s(r, "IntType");
  while (s.next()) {
    switch (s.id()) {
      case 1:
        t.bit_width = s.i8("bitWidth");
        break;
      case 2:
        t.is_signed = s.boolean("isSigned");
        break;
      default:
        s.skip();
    }
  }
  s.require(1, "bitWidth");
  s.require(2, "isSigned");
  return t;
}

// LogicalType union; nullopt for a member this version does not model
// (VARIANT, GEOMETRY, GEOGRAPHY, VECTOR, later additions).
std::optional<LogicalType> parse_logical_type(CompactReader& r) {
  using K = LogicalType::Kind;
  std::optional<LogicalType> t;
  int members = 0;
  StructReader s(r, "LogicalType");
  while (s.next()) {
    ++members;
    switch (s.id()) {
      case 1:
      case 2:
      case 3:
      case 4:
      case 6:
      case 11:
      case 12:
      case 13:
      case 14:
      case 15:
        // Parameterless kinds hold an empty struct; skipping it also passes
        // over any fields a later version may add to it.
        s.nested("member");
        s.skip();
        t = LogicalType{static_cast<K>(s.id())};
        break;
      case 5:
        t = parse_decimal_type(s.nested("DECIMAL"));
        break;
      case 7:
        t = parse_time_type(s.nested("TIME"), K::TIME, "TimeType");
        break;
      case 8:
        t = parse_time_type(s.nested("TIMESTAMP"), K::TIMESTAMP, "TimestampType");
        break;
      case 10:
        t = parse_int_type(s.nested("INTEGER"));
        break;
      default:
        s.skip();
    }
  }
  check_union(s, members);
  return t;
}

}  // namespace

SchemaElement parse_schema_element(CompactReader& r) {
  SchemaElement e;
  StructReader s(r, "SchemaElement");
  while (s.next()) {
    switch (s.id()) {
      case 1:
        e.type = s.enumeration<PhysicalType>("type");
        break;
      case 2:
        e.type_length = s.i32("type_length");
        break;
      case 3:
        e.repetition_type = s.enumeration<FieldRepetitionType>("repetition_type");
        break;
      case 4:
        e.name = s.binary("name");
        break;
      case 5:
        e.num_children = s.i32("num_children");
        break;
      case 6:
        e.converted_type = s.enumeration<ConvertedType>("converted_type");
        break;
      case 7:
        e.scale = s.i32("scale");
        break;
      case 8:
        e.precision = s.i32("precision");
        break;
      case 9:
        e.field_id = s.i32("field_id");
        break;
      case 10:
        e.logical_type = parse_logical_type(s.nested("logicalType"));
        break;
      default:
        s.skip();  // 11: vector_length, and later additions
    }
  }
  s.require(4, "name");
  return e;
}

}  // namespace spillway

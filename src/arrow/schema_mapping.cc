#include "arrow/schema_mapping.h"

#include <charconv>
#include <cmath>

#include "spillway/error.h"

namespace spillway {

std::string_view to_string(ValueConversion c) {
  switch (c) {
    case ValueConversion::NONE:
      return "NONE";
    case ValueConversion::WIDEN_TO_INT32:
      return "WIDEN_TO_INT32";
    case ValueConversion::DATE64_TO_DATE32:
      return "DATE64_TO_DATE32";
    case ValueConversion::SECONDS_TO_MILLIS:
      return "SECONDS_TO_MILLIS";
    case ValueConversion::DECIMAL_TO_INT32:
      return "DECIMAL_TO_INT32";
    case ValueConversion::DECIMAL_TO_INT64:
      return "DECIMAL_TO_INT64";
    case ValueConversion::DECIMAL_TO_FLBA_BIG_ENDIAN:
      return "DECIMAL_TO_FLBA_BIG_ENDIAN";
    case ValueConversion::INTERVAL_YEAR_MONTH:
      return "INTERVAL_YEAR_MONTH";
    case ValueConversion::INTERVAL_DAY_TIME:
      return "INTERVAL_DAY_TIME";
  }
  return "?";
}

namespace {

// The fewest bytes whose two's complement holds every p-digit integer:
// 10^p - 1 <= 2^(8n-1) - 1, i.e. p <= (8n - 1) * log10(2). The product is
// never within 1e-3 of an integer for n <= 32, so double is exact enough.
int32_t decimal_flba_length(int32_t precision) {
  int32_t n = 1;
  while (std::floor((8.0 * n - 1) * std::log10(2.0)) < precision) ++n;
  return n;
}

struct Leaf {
  Leaf(PhysicalType t, int32_t length = 0, std::optional<LogicalType> lt = std::nullopt,
       std::optional<ConvertedType> ct = std::nullopt, ValueConversion c = ValueConversion::NONE)
      : type(t), type_length(length), logical(lt), converted(ct), conversion(c) {}
  PhysicalType type;
  int32_t type_length;
  std::optional<LogicalType> logical;
  std::optional<ConvertedType> converted;
  ValueConversion conversion;
};

Leaf integer(PhysicalType t, int8_t bits, bool is_signed, ConvertedType ct) {
  bool widen = bits < 32;
  return {t, 0, LogicalType::integer(bits, is_signed), ct,
          widen ? ValueConversion::WIDEN_TO_INT32 : ValueConversion::NONE};
}

TimeUnit parquet_unit(ArrowTimeUnit u) {
  switch (u) {
    case ArrowTimeUnit::SECOND:  // converted to MILLIS
    case ArrowTimeUnit::MILLI:
      return TimeUnit::MILLIS;
    case ArrowTimeUnit::MICRO:
      return TimeUnit::MICROS;
    case ArrowTimeUnit::NANO:
      return TimeUnit::NANOS;
  }
  return TimeUnit::MILLIS;
}

std::optional<ConvertedType> legacy_unit(TimeUnit u, ConvertedType millis, ConvertedType micros) {
  if (u == TimeUnit::MILLIS) return millis;
  if (u == TimeUnit::MICROS) return micros;
  return std::nullopt;
}

Leaf decimal(const ArrowField& f, const std::string& column) {
  if (f.scale < 0 || f.scale > f.precision) {
    throw Error("column '" + column + "' has type " + describe(f) +
                ": Parquet DECIMAL needs 0 <= scale <= precision");
  }
  LogicalType lt = LogicalType::decimal(f.precision, f.scale);
  if (f.precision <= 9) {
    return {PhysicalType::INT32, 0, lt, ConvertedType::DECIMAL, ValueConversion::DECIMAL_TO_INT32};
  }
  if (f.precision <= 18) {
    return {PhysicalType::INT64, 0, lt, ConvertedType::DECIMAL, ValueConversion::DECIMAL_TO_INT64};
  }
  return {PhysicalType::FIXED_LEN_BYTE_ARRAY, decimal_flba_length(f.precision), lt,
          ConvertedType::DECIMAL, ValueConversion::DECIMAL_TO_FLBA_BIG_ENDIAN};
}

Leaf map_leaf(const ArrowField& f, const std::string& column) {
  using P = PhysicalType;
  using C = ConvertedType;
  switch (f.id) {
    case ArrowTypeId::NA:
      return {P::INT32, 0, LogicalType::unknown(), std::nullopt};
    case ArrowTypeId::BOOL:
      return {P::BOOLEAN};
    case ArrowTypeId::INT8:
      return integer(P::INT32, 8, true, C::INT_8);
    case ArrowTypeId::UINT8:
      return integer(P::INT32, 8, false, C::UINT_8);
    case ArrowTypeId::INT16:
      return integer(P::INT32, 16, true, C::INT_16);
    case ArrowTypeId::UINT16:
      return integer(P::INT32, 16, false, C::UINT_16);
    case ArrowTypeId::INT32:
      return integer(P::INT32, 32, true, C::INT_32);
    case ArrowTypeId::UINT32:
      return integer(P::INT32, 32, false, C::UINT_32);
    case ArrowTypeId::INT64:
      return integer(P::INT64, 64, true, C::INT_64);
    case ArrowTypeId::UINT64:
      return integer(P::INT64, 64, false, C::UINT_64);
    case ArrowTypeId::HALF_FLOAT:
      return {P::FIXED_LEN_BYTE_ARRAY, 2, LogicalType::float16()};
    case ArrowTypeId::FLOAT:
      return {P::FLOAT};
    case ArrowTypeId::DOUBLE:
      return {P::DOUBLE};
    case ArrowTypeId::STRING:
    case ArrowTypeId::LARGE_STRING:
    case ArrowTypeId::STRING_VIEW:
      return {P::BYTE_ARRAY, 0, LogicalType::string(), C::UTF8};
    case ArrowTypeId::BINARY:
    case ArrowTypeId::LARGE_BINARY:
    case ArrowTypeId::BINARY_VIEW:
      return {P::BYTE_ARRAY};
    case ArrowTypeId::FIXED_SIZE_BINARY:
      if (f.byte_width < 1) {
        throw Error("column '" + column + "' has type " + describe(f) +
                    ": Parquet FIXED_LEN_BYTE_ARRAY needs a length of at least 1 byte");
      }
      return {P::FIXED_LEN_BYTE_ARRAY, f.byte_width};
    case ArrowTypeId::DECIMAL32:
    case ArrowTypeId::DECIMAL64:
    case ArrowTypeId::DECIMAL128:
    case ArrowTypeId::DECIMAL256:
      return decimal(f, column);
    case ArrowTypeId::DATE32:
      return {P::INT32, 0, LogicalType::date(), C::DATE};
    case ArrowTypeId::DATE64:
      return {P::INT32, 0, LogicalType::date(), C::DATE, ValueConversion::DATE64_TO_DATE32};
    case ArrowTypeId::TIME32:
    case ArrowTypeId::TIME64: {
      TimeUnit u = parquet_unit(f.unit);
      return {f.id == ArrowTypeId::TIME32 ? P::INT32 : P::INT64, 0, LogicalType::time(false, u),
              legacy_unit(u, C::TIME_MILLIS, C::TIME_MICROS),
              f.unit == ArrowTimeUnit::SECOND ? ValueConversion::SECONDS_TO_MILLIS
                                              : ValueConversion::NONE};
    }
    case ArrowTypeId::TIMESTAMP: {
      TimeUnit u = parquet_unit(f.unit);
      return {P::INT64, 0, LogicalType::timestamp(f.has_timezone, u),
              legacy_unit(u, C::TIMESTAMP_MILLIS, C::TIMESTAMP_MICROS),
              f.unit == ArrowTimeUnit::SECOND ? ValueConversion::SECONDS_TO_MILLIS
                                              : ValueConversion::NONE};
    }
    case ArrowTypeId::DURATION:
      return {P::INT64};
    case ArrowTypeId::INTERVAL_MONTHS:
      return {P::FIXED_LEN_BYTE_ARRAY, 12, std::nullopt, C::INTERVAL,
              ValueConversion::INTERVAL_YEAR_MONTH};
    case ArrowTypeId::INTERVAL_DAY_TIME:
      return {P::FIXED_LEN_BYTE_ARRAY, 12, std::nullopt, C::INTERVAL,
              ValueConversion::INTERVAL_DAY_TIME};
    case ArrowTypeId::INTERVAL_MONTH_DAY_NANO:
      throw Error("no Parquet type holds " + describe(f) + " in column '" + column +
                  "' (nanosecond intervals); Parquet INTERVAL has millisecond precision");
    case ArrowTypeId::SPARSE_UNION:
    case ArrowTypeId::DENSE_UNION:
      throw Error("Parquet cannot hold union type " + describe(f) + " in column '" + column + "'");
    default:
      throw Error("column '" + column + "': type " + describe(f) + " cannot be a Parquet leaf");
  }
}

std::optional<int32_t> field_id(const ArrowField& f) {
  const std::string* text = f.find_metadata("PARQUET:field_id");
  if (text == nullptr) return std::nullopt;
  int32_t id = 0;
  const char* end = text->data() + text->size();
  auto [p, ec] = std::from_chars(text->data(), end, id);
  if (ec != std::errc() || p != end) {
    throw Error("column '" + f.name + "' has PARQUET:field_id '" + *text +
                "', which is not a 32-bit integer");
  }
  return id;
}

// Builds the Parquet schema of one top-level column depth-first, with the
// path of every leaf below it.
class ColumnMapper {
 public:
  ColumnMapper(ParquetSchema& out, size_t column) : out_(out), column_(column) {}

  // `names`: the Parquet path to this node; `def`/`rep`: the levels of the
  // nodes above it that are present / repeated.
  void map(const ArrowField& f, const std::string& name, bool optional, int16_t def, int16_t rep) {
    names_.push_back(name);
    const ArrowField& v = f.value_field();
    if (f.is_dictionary() && is_nested(v.id)) {
      throw Error("column '" + dotted() + "': a dictionary of " + describe(v) +
                  " values cannot be written; Parquet dictionaries hold primitive values");
    }
    switch (f.is_dictionary() ? ArrowTypeId::NA : f.id) {
      case ArrowTypeId::STRUCT:
        map_struct(f, name, optional, def, rep);
        break;
      case ArrowTypeId::LIST:
      case ArrowTypeId::LARGE_LIST:
      case ArrowTypeId::FIXED_SIZE_LIST:
      case ArrowTypeId::LIST_VIEW:
      case ArrowTypeId::LARGE_LIST_VIEW:
        map_list(f, name, optional, def, rep);
        break;
      case ArrowTypeId::MAP:
        map_map(f, name, optional, def, rep);
        break;
      default:
        map_leaf_column(f, name, optional, def, rep);
        break;
    }
    names_.pop_back();
  }

 private:
  std::string dotted() const {
    std::string s;
    for (const std::string& n : names_) s += (s.empty() ? "" : ".") + n;
    return s;
  }

  SchemaElement& group(const ArrowField& f, const std::string& name,
                       std::optional<FieldRepetitionType> repetition, int32_t num_children) {
    SchemaElement e;
    e.name = name;
    e.repetition_type = repetition;
    e.num_children = num_children;
    e.field_id = field_id(f);
    out_.elements.push_back(e);
    return out_.elements.back();
  }

  // The outer LIST/MAP group and its repeated middle group `middle` (whose
  // name joins the path until the caller pops it).
  void annotated_group(const ArrowField& f, const std::string& name, bool optional,
                       ConvertedType converted, LogicalType logical, const char* middle,
                       int32_t middle_children) {
    SchemaElement& outer = group(f, name, repetition(optional), 1);
    outer.converted_type = converted;
    outer.logical_type = logical;
    SchemaElement m;
    m.name = middle;
    m.repetition_type = FieldRepetitionType::REPEATED;
    m.num_children = middle_children;
    out_.elements.push_back(m);
    names_.push_back(middle);
  }

  static FieldRepetitionType repetition(bool optional) {
    return optional ? FieldRepetitionType::OPTIONAL : FieldRepetitionType::REQUIRED;
  }

  void push(const ArrowField& f, int child, bool optional, int16_t def, int16_t rep) {
    steps_.push_back(PathStep{&f, child, optional, def, rep});
  }

  void map_struct(const ArrowField& f, const std::string& name, bool optional, int16_t def,
                  int16_t rep) {
    if (f.children.empty()) {
      throw Error("column '" + dotted() +
                  "' is a struct without fields; Parquet cannot store a group with no columns");
    }
    group(f, name, repetition(optional), static_cast<int32_t>(f.children.size()));
    const int16_t child_def = def + (optional ? 1 : 0);
    for (size_t i = 0; i < f.children.size(); ++i) {
      const ArrowField& c = f.children[i];
      push(f, static_cast<int>(i), optional, def, rep);
      map(c, c.name, c.nullable, child_def, rep);
      steps_.pop_back();
    }
  }

  // <rep> group name (LIST) { repeated group list { <rep> element } }
  void map_list(const ArrowField& f, const std::string& name, bool optional, int16_t def,
                int16_t rep) {
    annotated_group(f, name, optional, ConvertedType::LIST, LogicalType::list(), "list", 1);
    const int16_t present = def + (optional ? 1 : 0);
    push(f, 0, optional, def, rep + 1);
    const ArrowField& element = f.children[0];
    map(element, "element", element.nullable, present + 1, rep + 1);
    steps_.pop_back();
    names_.pop_back();
  }

  // <rep> group name (MAP) { repeated group key_value { required key; <rep> value } }
  void map_map(const ArrowField& f, const std::string& name, bool optional, int16_t def,
               int16_t rep) {
    annotated_group(f, name, optional, ConvertedType::MAP, LogicalType::map(), "key_value", 2);
    const ArrowField& entries = f.children[0];
    const int16_t present = def + (optional ? 1 : 0);
    push(f, 0, optional, def, rep + 1);
    // The entries struct is the repeated group itself: never null.
    for (int i = 0; i < 2; ++i) {
      push(entries, i, false, present + 1, rep + 1);
      const ArrowField& c = entries.children[static_cast<size_t>(i)];
      map(c, i == 0 ? "key" : "value", i == 0 ? false : c.nullable, present + 1, rep + 1);
      steps_.pop_back();
    }
    steps_.pop_back();
    names_.pop_back();
  }

  void map_leaf_column(const ArrowField& f, const std::string& name, bool optional, int16_t def,
                       int16_t rep) {
    const ArrowField* values = &f.value_field();
    if (f.id == ArrowTypeId::RUN_END_ENCODED) {
      values = &f.children[1];
      if (is_nested(values->value_field().id)) {
        throw Error("column '" + dotted() + "': run-end encoded " +
                    describe(values->value_field()) +
                    " values cannot be written yet; only run-end encoded primitive values are");
      }
      if (values->is_dictionary()) {
        throw Error("column '" + dotted() +
                    "': run-end encoded dictionary values cannot be written yet");
      }
    }
    Leaf leaf = map_leaf(*values, dotted());
    optional = optional || values->id == ArrowTypeId::NA;
    SchemaElement e;
    e.type = leaf.type;
    if (leaf.type == PhysicalType::FIXED_LEN_BYTE_ARRAY) e.type_length = leaf.type_length;
    e.repetition_type = repetition(optional);
    e.name = name;
    e.converted_type = leaf.converted;
    if (leaf.logical && leaf.logical->kind == LogicalType::Kind::DECIMAL) {
      e.scale = leaf.logical->scale;
      e.precision = leaf.logical->precision;
    }
    e.field_id = field_id(f);
    e.logical_type = leaf.logical;
    out_.elements.push_back(e);

    LeafMapping m;
    const int16_t max_def = def + (optional ? 1 : 0);
    m.descriptor = ColumnDescriptor(ColumnPath(names_), leaf.type, leaf.type_length, leaf.logical,
                                    leaf.converted, max_def, rep);
    m.field = &f;
    m.conversion = leaf.conversion;
    m.column = column_;
    m.path = steps_;
    m.path.push_back(PathStep{&f, 0, optional, def, rep});
    out_.leaves.push_back(std::move(m));
  }

  ParquetSchema& out_;
  size_t column_;
  std::vector<std::string> names_;
  std::vector<PathStep> steps_;
};

}  // namespace

ParquetSchema map_schema(const ArrowField& root, const std::string& root_name) {
  if (root.id != ArrowTypeId::STRUCT || root.is_dictionary()) {
    throw Error("a record batch schema must be a struct (format \"+s\"), got " + describe(root));
  }
  // Rows without columns hold nothing, and without a column chunk to count
  // them a row group is only a number; several readers refuse such files.
  if (root.children.empty()) {
    throw Error("the schema has no columns; a Parquet file needs at least one column");
  }
  ParquetSchema out;
  SchemaElement top;
  top.name = root_name;
  top.num_children = static_cast<int32_t>(root.children.size());
  out.elements.push_back(top);
  for (size_t i = 0; i < root.children.size(); ++i) {
    const ArrowField& column = root.children[i];
    ColumnMapper(out, i).map(column, column.name, column.nullable, 0, 0);
  }
  return out;
}

ArrowField stored_arrow_schema(const ArrowField& root) {
  if (root.id == ArrowTypeId::RUN_END_ENCODED && !root.is_dictionary()) {
    ArrowField values = stored_arrow_schema(root.children[1]);
    values.name = root.name;
    values.nullable = root.nullable;
    values.metadata = root.metadata;
    return values;
  }
  ArrowField out = root;
  if (out.id == ArrowTypeId::LIST_VIEW) {
    out.id = ArrowTypeId::LIST;
    out.format = "+l";
  } else if (out.id == ArrowTypeId::LARGE_LIST_VIEW) {
    out.id = ArrowTypeId::LARGE_LIST;
    out.format = "+L";
  }
  for (ArrowField& child : out.children) child = stored_arrow_schema(child);
  if (out.dictionary)
    out.dictionary = std::make_shared<ArrowField>(stored_arrow_schema(*out.dictionary));
  return out;
}

}  // namespace spillway

// describe() and to_string() for ArrowField: the type names used in error
// messages, close to the names Arrow libraries print.

#include "arrow/arrow_type.h"

namespace spillway {

std::string_view to_string(ArrowTimeUnit unit) {
  switch (unit) {
    case ArrowTimeUnit::SECOND:
      return "s";
    case ArrowTimeUnit::MILLI:
      return "ms";
    case ArrowTimeUnit::MICRO:
      return "us";
    case ArrowTimeUnit::NANO:
      return "ns";
  }
  return "?";
}

std::string_view to_string(ArrowTypeId id) {
  switch (id) {
    case ArrowTypeId::NA:
      return "null";
    case ArrowTypeId::BOOL:
      return "bool";
    case ArrowTypeId::INT8:
      return "int8";
    case ArrowTypeId::UINT8:
      return "uint8";
    case ArrowTypeId::INT16:
      return "int16";
    case ArrowTypeId::UINT16:
      return "uint16";
    case ArrowTypeId::INT32:
      return "int32";
    case ArrowTypeId::UINT32:
      return "uint32";
    case ArrowTypeId::INT64:
      return "int64";
    case ArrowTypeId::UINT64:
      return "uint64";
    case ArrowTypeId::HALF_FLOAT:
      return "float16";
    case ArrowTypeId::FLOAT:
      return "float32";
    case ArrowTypeId::DOUBLE:
      return "float64";
    case ArrowTypeId::STRING:
      return "string";
    case ArrowTypeId::LARGE_STRING:
      return "large_string";
    case ArrowTypeId::STRING_VIEW:
      return "string_view";
    case ArrowTypeId::BINARY:
      return "binary";
    case ArrowTypeId::LARGE_BINARY:
      return "large_binary";
    case ArrowTypeId::BINARY_VIEW:
      return "binary_view";
    case ArrowTypeId::FIXED_SIZE_BINARY:
      return "fixed_size_binary";
    case ArrowTypeId::DECIMAL32:
      return "decimal32";
    case ArrowTypeId::DECIMAL64:
      return "decimal64";
    case ArrowTypeId::DECIMAL128:
      return "decimal128";
    case ArrowTypeId::DECIMAL256:
      return "decimal256";
    case ArrowTypeId::DATE32:
      return "date32";
    case ArrowTypeId::DATE64:
      return "date64";
    case ArrowTypeId::TIME32:
      return "time32";
    case ArrowTypeId::TIME64:
      return "time64";
    case ArrowTypeId::TIMESTAMP:
      return "timestamp";
    case ArrowTypeId::DURATION:
      return "duration";
    case ArrowTypeId::INTERVAL_MONTHS:
      return "month_interval";
    case ArrowTypeId::INTERVAL_DAY_TIME:
      return "day_time_interval";
    case ArrowTypeId::INTERVAL_MONTH_DAY_NANO:
      return "month_day_nano_interval";
    case ArrowTypeId::STRUCT:
      return "struct";
    case ArrowTypeId::LIST:
      return "list";
    case ArrowTypeId::LARGE_LIST:
      return "large_list";
    case ArrowTypeId::FIXED_SIZE_LIST:
      return "fixed_size_list";
    case ArrowTypeId::LIST_VIEW:
      return "list_view";
    case ArrowTypeId::LARGE_LIST_VIEW:
      return "large_list_view";
    case ArrowTypeId::MAP:
      return "map";
    case ArrowTypeId::SPARSE_UNION:
      return "sparse_union";
    case ArrowTypeId::DENSE_UNION:
      return "dense_union";
    case ArrowTypeId::RUN_END_ENCODED:
      return "run_end_encoded";
  }
  return "?";
}

namespace {

std::string describe_type(const ArrowField& f);

std::string describe_child(const ArrowField& c) {
  return c.name + ": " + describe(c);
}

std::string describe_children(const ArrowField& f) {
  std::string out;
  for (size_t i = 0; i < f.children.size(); ++i) {
    if (i > 0) out += ", ";
    out += describe_child(f.children[i]);
    if (f.id == ArrowTypeId::SPARSE_UNION || f.id == ArrowTypeId::DENSE_UNION) {
      out += "=" + std::to_string(f.union_type_ids[i]);
    }
  }
  return out;
}

std::string describe_type(const ArrowField& f) {
  std::string name(to_string(f.id));
  switch (f.id) {
    case ArrowTypeId::FIXED_SIZE_BINARY:
      return name + "[" + std::to_string(f.byte_width) + "]";
    case ArrowTypeId::DECIMAL32:
    case ArrowTypeId::DECIMAL64:
    case ArrowTypeId::DECIMAL128:
    case ArrowTypeId::DECIMAL256:
      return name + "(" + std::to_string(f.precision) + ", " + std::to_string(f.scale) + ")";
    case ArrowTypeId::DATE32:
      return name + "[day]";
    case ArrowTypeId::DATE64:
      return name + "[ms]";
    case ArrowTypeId::TIME32:
    case ArrowTypeId::TIME64:
    case ArrowTypeId::DURATION:
      return name + "[" + std::string(to_string(f.unit)) + "]";
    case ArrowTypeId::TIMESTAMP:
      return name + "[" + std::string(to_string(f.unit)) +
             (f.has_timezone ? ", tz=" + f.timezone : std::string()) + "]";
    case ArrowTypeId::MAP:
      if (f.children.size() == 1 && f.children[0].children.size() == 2) {
        return name + "<" + describe(f.children[0].children[0]) + ", " +
               describe(f.children[0].children[1]) + (f.map_keys_sorted ? ", keys_sorted" : "") +
               ">";
      }
      return name + "<" + describe_children(f) + ">";
    case ArrowTypeId::FIXED_SIZE_LIST:
      return name + "<" + describe_children(f) + ">[" + std::to_string(f.byte_width) + "]";
    case ArrowTypeId::STRUCT:
    case ArrowTypeId::LIST:
    case ArrowTypeId::LARGE_LIST:
    case ArrowTypeId::LIST_VIEW:
    case ArrowTypeId::LARGE_LIST_VIEW:
    case ArrowTypeId::SPARSE_UNION:
    case ArrowTypeId::DENSE_UNION:
    case ArrowTypeId::RUN_END_ENCODED:
      return name + "<" + describe_children(f) + ">";
    default:
      return name;
  }
}

}  // namespace

std::string format_of(const ArrowField& f) {
  static constexpr char kUnit[] = {'s', 'm', 'u', 'n'};
  const char unit = kUnit[static_cast<int>(f.unit)];
  switch (f.id) {
    case ArrowTypeId::NA:
      return "n";
    case ArrowTypeId::BOOL:
      return "b";
    case ArrowTypeId::INT8:
      return "c";
    case ArrowTypeId::UINT8:
      return "C";
    case ArrowTypeId::INT16:
      return "s";
    case ArrowTypeId::UINT16:
      return "S";
    case ArrowTypeId::INT32:
      return "i";
    case ArrowTypeId::UINT32:
      return "I";
    case ArrowTypeId::INT64:
      return "l";
    case ArrowTypeId::UINT64:
      return "L";
    case ArrowTypeId::HALF_FLOAT:
      return "e";
    case ArrowTypeId::FLOAT:
      return "f";
    case ArrowTypeId::DOUBLE:
      return "g";
    case ArrowTypeId::STRING:
      return "u";
    case ArrowTypeId::LARGE_STRING:
      return "U";
    case ArrowTypeId::STRING_VIEW:
      return "vu";
    case ArrowTypeId::BINARY:
      return "z";
    case ArrowTypeId::LARGE_BINARY:
      return "Z";
    case ArrowTypeId::BINARY_VIEW:
      return "vz";
    case ArrowTypeId::FIXED_SIZE_BINARY:
      return "w:" + std::to_string(f.byte_width);
    case ArrowTypeId::DECIMAL32:
    case ArrowTypeId::DECIMAL64:
    case ArrowTypeId::DECIMAL128:
    case ArrowTypeId::DECIMAL256:
      return "d:" + std::to_string(f.precision) + "," + std::to_string(f.scale) +
             (f.decimal_bit_width == 128 ? "" : "," + std::to_string(f.decimal_bit_width));
    case ArrowTypeId::DATE32:
      return "tdD";
    case ArrowTypeId::DATE64:
      return "tdm";
    case ArrowTypeId::TIME32:
    case ArrowTypeId::TIME64:
      return std::string("tt") + unit;
    case ArrowTypeId::TIMESTAMP:
      return std::string("ts") + unit + ":" + f.timezone;
    case ArrowTypeId::DURATION:
      return std::string("tD") + unit;
    case ArrowTypeId::INTERVAL_MONTHS:
      return "tiM";
    case ArrowTypeId::INTERVAL_DAY_TIME:
      return "tiD";
    case ArrowTypeId::INTERVAL_MONTH_DAY_NANO:
      return "tin";
    case ArrowTypeId::STRUCT:
      return "+s";
    case ArrowTypeId::LIST:
      return "+l";
    case ArrowTypeId::LARGE_LIST:
      return "+L";
    case ArrowTypeId::FIXED_SIZE_LIST:
      return "+w:" + std::to_string(f.byte_width);
    case ArrowTypeId::LIST_VIEW:
      return "+vl";
    case ArrowTypeId::LARGE_LIST_VIEW:
      return "+vL";
    case ArrowTypeId::MAP:
      return "+m";
    case ArrowTypeId::SPARSE_UNION:
    case ArrowTypeId::DENSE_UNION: {
      std::string s = f.id == ArrowTypeId::SPARSE_UNION ? "+us:" : "+ud:";
      for (size_t i = 0; i < f.union_type_ids.size(); ++i) {
        s += (i ? "," : "") + std::to_string(f.union_type_ids[i]);
      }
      return s;
    }
    case ArrowTypeId::RUN_END_ENCODED:
      return "+r";
  }
  return "?";
}

std::string describe(const ArrowField& field) {
  if (field.dictionary) {
    return "dictionary<values=" + describe(*field.dictionary) +
           ", indices=" + std::string(to_string(field.id)) +
           (field.dictionary_ordered ? ", ordered" : "") + ">";
  }
  return describe_type(field);
}

}  // namespace spillway

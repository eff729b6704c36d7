#include "arrow/arrow_type.h"

#include <charconv>
#include <cstring>
#include <set>

#include "spillway/error.h"

namespace spillway {

namespace {

std::string where(const std::string& path) {
  return path.empty() ? std::string("at the schema root") : "at field '" + path + "'";
}

[[noreturn]] void fail(const std::string& path, const std::string& what) {
  throw Error("invalid Arrow schema " + where(path) + ": " + what);
}

// A whole decimal integer, nothing else.
bool parse_int(std::string_view s, int64_t& out) {
  if (s.empty()) return false;
  const char* end = s.data() + s.size();
  auto [p, ec] = std::from_chars(s.data(), end, out);
  return ec == std::errc() && p == end;
}

std::vector<std::string_view> split_commas(std::string_view s) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  while (true) {
    size_t comma = s.find(',', start);
    parts.push_back(s.substr(start, comma == std::string_view::npos ? comma : comma - start));
    if (comma == std::string_view::npos) return parts;
    start = comma + 1;
  }
}

bool parse_unit(char c, ArrowTimeUnit& unit) {
  switch (c) {
    case 's':
      unit = ArrowTimeUnit::SECOND;
      return true;
    case 'm':
      unit = ArrowTimeUnit::MILLI;
      return true;
    case 'u':
      unit = ArrowTimeUnit::MICRO;
      return true;
    case 'n':
      unit = ArrowTimeUnit::NANO;
      return true;
    default:
      return false;
  }
}

bool parse_primitive(char c, ArrowTypeId& id) {
  static constexpr std::pair<char, ArrowTypeId> kTable[] = {
      {'n', ArrowTypeId::NA},           {'b', ArrowTypeId::BOOL},
      {'c', ArrowTypeId::INT8},         {'C', ArrowTypeId::UINT8},
      {'s', ArrowTypeId::INT16},        {'S', ArrowTypeId::UINT16},
      {'i', ArrowTypeId::INT32},        {'I', ArrowTypeId::UINT32},
      {'l', ArrowTypeId::INT64},        {'L', ArrowTypeId::UINT64},
      {'e', ArrowTypeId::HALF_FLOAT},   {'f', ArrowTypeId::FLOAT},
      {'g', ArrowTypeId::DOUBLE},       {'z', ArrowTypeId::BINARY},
      {'Z', ArrowTypeId::LARGE_BINARY}, {'u', ArrowTypeId::STRING},
      {'U', ArrowTypeId::LARGE_STRING},
  };
  for (auto [ch, type] : kTable) {
    if (ch == c) {
      id = type;
      return true;
    }
  }
  return false;
}

void parse_decimal(std::string_view params, ArrowField& f, const std::string& path) {
  auto parts = split_commas(params);
  int64_t precision = 0, scale = 0, bits = 128;
  if (parts.size() < 2 || parts.size() > 3 || !parse_int(parts[0], precision) ||
      !parse_int(parts[1], scale) || (parts.size() == 3 && !parse_int(parts[2], bits))) {
    fail(path, "malformed decimal format string '" + f.format +
                   "' (expected d:precision,scale[,bitwidth])");
  }
  int64_t max_precision = 0;
  switch (bits) {
    case 32:
      f.id = ArrowTypeId::DECIMAL32, max_precision = 9;
      break;
    case 64:
      f.id = ArrowTypeId::DECIMAL64, max_precision = 18;
      break;
    case 128:
      f.id = ArrowTypeId::DECIMAL128, max_precision = 38;
      break;
    case 256:
      f.id = ArrowTypeId::DECIMAL256, max_precision = 76;
      break;
    default:
      fail(path, "decimal bit width " + std::to_string(bits) + " in format string '" + f.format +
                     "' is not one of 32, 64, 128, 256");
  }
  if (precision < 1 || precision > max_precision) {
    fail(path, "decimal precision " + std::to_string(precision) + " in format string '" + f.format +
                   "' is outside 1.." + std::to_string(max_precision) + " for " +
                   std::to_string(bits) + "-bit decimals");
  }
  if (scale < INT32_MIN || scale > INT32_MAX) fail(path, "decimal scale out of range");
  f.precision = static_cast<int32_t>(precision);
  f.scale = static_cast<int32_t>(scale);
  f.decimal_bit_width = static_cast<int32_t>(bits);
}

int32_t parse_width(std::string_view s, const ArrowField& f, const std::string& path) {
  int64_t n = 0;
  if (!parse_int(s, n) || n < 0 || n > INT32_MAX) {
    fail(path, "malformed width in format string '" + f.format + "'");
  }
  return static_cast<int32_t>(n);
}

void parse_union(std::string_view ids, ArrowField& f, const std::string& path) {
  std::set<int64_t> seen;
  if (ids.empty()) return;  // a union with no children
  for (std::string_view part : split_commas(ids)) {
    int64_t id = 0;
    if (!parse_int(part, id) || id < 0 || id > 127) {
      fail(path, "malformed union type id '" + std::string(part) + "' in format string '" +
                     f.format + "' (expected integers 0..127)");
    }
    if (!seen.insert(id).second) {
      fail(path, "duplicate union type id " + std::to_string(id) + " in format string '" +
                     f.format + "'");
    }
    f.union_type_ids.push_back(static_cast<int8_t>(id));
  }
}

// Fills id and its parameters from the format string.
void parse_format(ArrowField& f, const std::string& path) {
  std::string_view s = f.format;
  auto unknown = [&]() { fail(path, "unknown format string '" + f.format + "'"); };
  if (s.empty()) unknown();
  if (s.size() == 1) {
    if (!parse_primitive(s[0], f.id)) unknown();
    return;
  }
  if (s == "vz") {
    f.id = ArrowTypeId::BINARY_VIEW;
  } else if (s == "vu") {
    f.id = ArrowTypeId::STRING_VIEW;
  } else if (s.starts_with("d:")) {
    parse_decimal(s.substr(2), f, path);
  } else if (s.starts_with("w:")) {
    f.id = ArrowTypeId::FIXED_SIZE_BINARY;
    f.byte_width = parse_width(s.substr(2), f, path);
  } else if (s == "tdD") {
    f.id = ArrowTypeId::DATE32;
  } else if (s == "tdm") {
    f.id = ArrowTypeId::DATE64;
  } else if (s.size() == 3 && s.starts_with("tt") && parse_unit(s[2], f.unit)) {
    bool is32 = f.unit == ArrowTimeUnit::SECOND || f.unit == ArrowTimeUnit::MILLI;
    f.id = is32 ? ArrowTypeId::TIME32 : ArrowTypeId::TIME64;
  } else if (s.size() >= 3 && s.starts_with("ts") && parse_unit(s[2], f.unit) &&
             (s.size() == 3 || s[3] == ':')) {
    // The spec requires the colon; a bare "tsu" is accepted as timezone-naive.
    f.id = ArrowTypeId::TIMESTAMP;
    f.timezone = s.size() > 4 ? std::string(s.substr(4)) : std::string();
    f.has_timezone = !f.timezone.empty();
  } else if (s.size() == 3 && s.starts_with("tD") && parse_unit(s[2], f.unit)) {
    f.id = ArrowTypeId::DURATION;
  } else if (s == "tiM") {
    f.id = ArrowTypeId::INTERVAL_MONTHS;
  } else if (s == "tiD") {
    f.id = ArrowTypeId::INTERVAL_DAY_TIME;
  } else if (s == "tin") {
    f.id = ArrowTypeId::INTERVAL_MONTH_DAY_NANO;
  } else if (s == "+s") {
    f.id = ArrowTypeId::STRUCT;
  } else if (s == "+l") {
    f.id = ArrowTypeId::LIST;
  } else if (s == "+L") {
    f.id = ArrowTypeId::LARGE_LIST;
  } else if (s == "+vl") {
    f.id = ArrowTypeId::LIST_VIEW;
  } else if (s == "+vL") {
    f.id = ArrowTypeId::LARGE_LIST_VIEW;
  } else if (s.starts_with("+w:")) {
    f.id = ArrowTypeId::FIXED_SIZE_LIST;
    f.byte_width = parse_width(s.substr(3), f, path);
  } else if (s == "+m") {
    f.id = ArrowTypeId::MAP;
  } else if (s.starts_with("+ud:")) {
    f.id = ArrowTypeId::DENSE_UNION;
    parse_union(s.substr(4), f, path);
  } else if (s.starts_with("+us:")) {
    f.id = ArrowTypeId::SPARSE_UNION;
    parse_union(s.substr(4), f, path);
  } else if (s == "+r") {
    f.id = ArrowTypeId::RUN_END_ENCODED;
  } else {
    unknown();
  }
}

// How many children the type requires; -1 = any number.
int64_t required_children(const ArrowField& f) {
  switch (f.id) {
    case ArrowTypeId::STRUCT:
      return -1;
    case ArrowTypeId::LIST:
    case ArrowTypeId::LARGE_LIST:
    case ArrowTypeId::FIXED_SIZE_LIST:
    case ArrowTypeId::LIST_VIEW:
    case ArrowTypeId::LARGE_LIST_VIEW:
    case ArrowTypeId::MAP:
      return 1;
    case ArrowTypeId::SPARSE_UNION:
    case ArrowTypeId::DENSE_UNION:
      return static_cast<int64_t>(f.union_type_ids.size());
    case ArrowTypeId::RUN_END_ENCODED:
      return 2;
    default:
      return 0;
  }
}

std::string child_path(const std::string& parent, const std::string& name, int64_t i) {
  std::string part = name.empty() ? "[" + std::to_string(i) + "]" : name;
  return parent.empty() ? part : parent + "." + part;
}

ArrowField import_node(const ArrowSchema* schema, const std::string& path, bool is_child) {
  if (schema == nullptr) fail(path, "null ArrowSchema pointer");
  if (schema->release == nullptr) {
    fail(path, is_child ? "child schema is released" : "schema is released (release == NULL)");
  }
  if (schema->format == nullptr) fail(path, "format string is NULL");
  ArrowField f;
  f.format = schema->format;
  f.name = schema->name ? schema->name : "";
  f.nullable = (schema->flags & ARROW_FLAG_NULLABLE) != 0;
  f.dictionary_ordered = (schema->flags & ARROW_FLAG_DICTIONARY_ORDERED) != 0;
  f.map_keys_sorted = (schema->flags & ARROW_FLAG_MAP_KEYS_SORTED) != 0;
  if (schema->metadata != nullptr) {
    try {
      f.metadata = parse_metadata_blob(schema->metadata);
    } catch (const Error& e) {
      fail(path, e.what());
    }
  }
  parse_format(f, path);

  int64_t want = required_children(f);
  if (schema->n_children < 0) fail(path, "negative n_children");
  if (want >= 0 && schema->n_children != want) {
    fail(path, "type " + f.format + " needs " + std::to_string(want) + " child schema(s), got " +
                   std::to_string(schema->n_children));
  }
  if (schema->n_children > 0 && schema->children == nullptr) {
    fail(path, "n_children is " + std::to_string(schema->n_children) + " but children is NULL");
  }
  for (int64_t i = 0; i < schema->n_children; ++i) {
    const ArrowSchema* child = schema->children[i];
    std::string name = child && child->name ? child->name : "";
    f.children.push_back(import_node(child, child_path(path, name, i), true));
  }
  if (f.id == ArrowTypeId::MAP) {
    const ArrowField& entries = f.children[0];
    if (entries.id != ArrowTypeId::STRUCT || entries.children.size() != 2 ||
        entries.is_dictionary()) {
      fail(path, "a map's child must be a struct of (key, value), got " + describe(entries));
    }
  }
  if (f.id == ArrowTypeId::RUN_END_ENCODED) {
    ArrowTypeId r = f.children[0].id;
    if ((r != ArrowTypeId::INT16 && r != ArrowTypeId::INT32 && r != ArrowTypeId::INT64) ||
        f.children[0].is_dictionary()) {
      fail(path, "run ends must be int16, int32 or int64, got " + describe(f.children[0]));
    }
  }
  if (schema->dictionary != nullptr) {
    if (!is_integer(f.id)) {
      fail(path, "dictionary index type must be an integer, got format '" + f.format + "'");
    }
    f.dictionary = std::make_shared<ArrowField>(import_node(
        schema->dictionary, path.empty() ? "(dictionary)" : path + " (dictionary)", true));
  }
  return f;
}

int32_t read_int32(const char* p) {
  int32_t v;
  std::memcpy(&v, p, sizeof v);  // native endianness, as the spec says
  return v;
}

}  // namespace

const std::string* ArrowField::find_metadata(std::string_view key) const {
  for (const auto& [k, v] : metadata) {
    if (k == key) return &v;
  }
  return nullptr;
}

ArrowField import_schema(const ArrowSchema* schema) {
  return import_node(schema, "", false);
}

ArrowMetadata parse_metadata_blob(const char* blob, size_t size) {
  ArrowMetadata out;
  if (blob == nullptr) return out;
  size_t pos = 0;
  auto need = [&](size_t n, const char* what) {
    if (n > size || pos > size - n) {
      throw Error("metadata blob truncated: " + std::string(what) + " needs " + std::to_string(n) +
                  " byte(s) at offset " + std::to_string(pos) + " of " + std::to_string(size));
    }
  };
  auto read_len = [&](const char* what) {
    need(4, what);
    int32_t n = read_int32(blob + pos);
    if (n < 0) {
      throw Error("metadata blob has negative " + std::string(what) + " " + std::to_string(n) +
                  " at offset " + std::to_string(pos));
    }
    pos += 4;
    return static_cast<size_t>(n);
  };
  size_t count = read_len("pair count");
  for (size_t i = 0; i < count; ++i) {
    std::string kv[2];
    for (int j = 0; j < 2; ++j) {
      const char* what = j == 0 ? "key length" : "value length";
      size_t n = read_len(what);
      need(n, j == 0 ? "key" : "value");
      kv[j].assign(blob + pos, n);
      pos += n;
    }
    out.emplace_back(std::move(kv[0]), std::move(kv[1]));
  }
  return out;
}

std::string make_metadata_blob(const ArrowMetadata& metadata) {
  std::string out;
  auto put = [&](int32_t v) { out.append(reinterpret_cast<const char*>(&v), 4); };
  put(static_cast<int32_t>(metadata.size()));
  for (const auto& [k, v] : metadata) {
    put(static_cast<int32_t>(k.size()));
    out += k;
    put(static_cast<int32_t>(v.size()));
    out += v;
  }
  return out;
}

bool is_nested(ArrowTypeId id) {
  return id >= ArrowTypeId::STRUCT;
}

bool is_signed_integer(ArrowTypeId id) {
  return id == ArrowTypeId::INT8 || id == ArrowTypeId::INT16 || id == ArrowTypeId::INT32 ||
         id == ArrowTypeId::INT64;
}

bool is_integer(ArrowTypeId id) {
  return is_signed_integer(id) || id == ArrowTypeId::UINT8 || id == ArrowTypeId::UINT16 ||
         id == ArrowTypeId::UINT32 || id == ArrowTypeId::UINT64;
}

int32_t fixed_width_bytes(const ArrowField& f) {
  switch (f.id) {
    case ArrowTypeId::INT8:
    case ArrowTypeId::UINT8:
      return 1;
    case ArrowTypeId::INT16:
    case ArrowTypeId::UINT16:
    case ArrowTypeId::HALF_FLOAT:
      return 2;
    case ArrowTypeId::INT32:
    case ArrowTypeId::UINT32:
    case ArrowTypeId::FLOAT:
    case ArrowTypeId::DATE32:
    case ArrowTypeId::TIME32:
    case ArrowTypeId::INTERVAL_MONTHS:
      return 4;
    case ArrowTypeId::INT64:
    case ArrowTypeId::UINT64:
    case ArrowTypeId::DOUBLE:
    case ArrowTypeId::DATE64:
    case ArrowTypeId::TIME64:
    case ArrowTypeId::TIMESTAMP:
    case ArrowTypeId::DURATION:
    case ArrowTypeId::INTERVAL_DAY_TIME:
      return 8;
    case ArrowTypeId::INTERVAL_MONTH_DAY_NANO:
      return 16;
    case ArrowTypeId::DECIMAL32:
    case ArrowTypeId::DECIMAL64:
    case ArrowTypeId::DECIMAL128:
    case ArrowTypeId::DECIMAL256:
      return f.decimal_bit_width / 8;
    case ArrowTypeId::FIXED_SIZE_BINARY:
      return f.byte_width;
    default:
      return 0;
  }
}

}  // namespace spillway

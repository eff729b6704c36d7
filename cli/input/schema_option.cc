#include "input/schema_option.h"

#include <charconv>

#include "spillway/error.h"

namespace spillway::cli {

namespace {

constexpr std::string_view kKnownTypes =
    "bool, int8, int16, int32, int64, uint8, uint16, uint32, uint64, float32, float64, utf8, "
    "large_utf8, binary, date32, time32[s|ms], time64[us|ns], timestamp[s|ms|us|ns], "
    "timestamp[us, tz=UTC], decimal(p,s), list<type>, large_list<type>, "
    "struct<name:type,...>";

// Nested types inside nested types: deeper is surely a mistake, and the
// parser recurses.
constexpr int kMaxTypeDepth = 100;

bool is_space(char c) {
  return c == ' ' || c == '\t';
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

ArrowField make(ArrowTypeId id) {
  ArrowField f;
  f.id = id;
  return f;
}

[[noreturn]] void bad_type(std::string_view type, std::string_view why = {}) {
  throw Error(
      "--schema: unknown type '" + std::string(type) + "'" +
      (why.empty() ? "; known types: " + std::string(kKnownTypes) : "; " + std::string(why)));
}

bool parse_unit(std::string_view s, ArrowTimeUnit* out) {
  s = trim(s);
  if (s == "s")
    *out = ArrowTimeUnit::SECOND;
  else if (s == "ms")
    *out = ArrowTimeUnit::MILLI;
  else if (s == "us")
    *out = ArrowTimeUnit::MICRO;
  else if (s == "ns")
    *out = ArrowTimeUnit::NANO;
  else
    return false;
  return true;
}

int parse_small_int(std::string_view s, std::string_view type) {
  s = trim(s);
  int v = -1;
  auto r = std::from_chars(s.data(), s.data() + s.size(), v);
  if (s.empty() || r.ec != std::errc() || r.ptr != s.data() + s.size()) {
    bad_type(type, "expected decimal(precision, scale) with integers");
  }
  return v;
}

// "[...]" arguments after `prefix`, or nullopt-like empty with ok=false.
bool bracket_args(std::string_view t, std::string_view prefix, char open, char close,
                  std::string_view* args) {
  if (t.substr(0, prefix.size()) != prefix) return false;
  std::string_view rest = trim(t.substr(prefix.size()));
  if (rest.size() < 2 || rest.front() != open || rest.back() != close) return false;
  *args = rest.substr(1, rest.size() - 2);
  return true;
}

std::vector<std::pair<std::string, ArrowField>> parse_entries(std::string_view text, int depth,
                                                              std::string_view noun);

// The text inside `open`..`close` after `prefix`, cut from `original` (the
// same positions as in the lower-cased `t`).
bool nested_args(std::string_view original, std::string_view t, std::string_view prefix,
                 std::string_view* args) {
  std::string_view lowered;
  if (!bracket_args(t, prefix, '<', '>', &lowered)) return false;
  *args = original.substr(static_cast<size_t>(lowered.data() - t.data()), lowered.size());
  return true;
}

ArrowField parse_type(std::string_view type, int depth) {
  const std::string_view original = trim(type);
  const std::string t = lower(original);
  static const std::pair<std::string_view, ArrowTypeId> kSimple[] = {
      {"bool", ArrowTypeId::BOOL},
      {"boolean", ArrowTypeId::BOOL},
      {"int8", ArrowTypeId::INT8},
      {"int16", ArrowTypeId::INT16},
      {"int32", ArrowTypeId::INT32},
      {"int64", ArrowTypeId::INT64},
      {"uint8", ArrowTypeId::UINT8},
      {"uint16", ArrowTypeId::UINT16},
      {"uint32", ArrowTypeId::UINT32},
      {"uint64", ArrowTypeId::UINT64},
      {"float32", ArrowTypeId::FLOAT},
      {"float", ArrowTypeId::FLOAT},
      {"float64", ArrowTypeId::DOUBLE},
      {"double", ArrowTypeId::DOUBLE},
      {"utf8", ArrowTypeId::STRING},
      {"string", ArrowTypeId::STRING},
      {"large_utf8", ArrowTypeId::LARGE_STRING},
      {"large_string", ArrowTypeId::LARGE_STRING},
      {"binary", ArrowTypeId::BINARY},
      {"date32", ArrowTypeId::DATE32},
      {"date", ArrowTypeId::DATE32},
  };
  ArrowField f;
  bool found = false;
  for (const auto& [name, id] : kSimple) {
    if (t == name) {
      f = make(id);
      found = true;
      break;
    }
  }
  std::string_view args;
  if (found) {
    // done
  } else if (t == "time") {
    f = make(ArrowTypeId::TIME64);
    f.unit = ArrowTimeUnit::MICRO;
  } else if (bracket_args(t, "time32", '[', ']', &args) ||
             bracket_args(t, "time64", '[', ']', &args)) {
    const bool is32 = t.substr(0, 6) == "time32";
    f = make(is32 ? ArrowTypeId::TIME32 : ArrowTypeId::TIME64);
    if (!parse_unit(args, &f.unit)) bad_type(original, "the unit must be s, ms, us or ns");
    const bool small_unit = f.unit == ArrowTimeUnit::SECOND || f.unit == ArrowTimeUnit::MILLI;
    if (is32 != small_unit) {
      bad_type(original, "time32 takes s or ms, time64 takes us or ns");
    }
  } else if (t == "timestamp") {
    f = make(ArrowTypeId::TIMESTAMP);
    f.unit = ArrowTimeUnit::MICRO;
  } else if (bracket_args(t, "timestamp", '[', ']', &args)) {
    f = make(ArrowTypeId::TIMESTAMP);
    const size_t comma = args.find(',');
    if (!parse_unit(args.substr(0, comma), &f.unit)) {
      bad_type(original, "the unit must be s, ms, us or ns");
    }
    if (comma != std::string_view::npos) {
      // The zone keeps its case: take it from the original text (lowering
      // kept every position).
      std::string_view inside = original.substr(original.find('[') + 1);
      inside = inside.substr(0, inside.rfind(']'));
      std::string_view zone = trim(inside.substr(inside.find(',') + 1));
      if (lower(zone.substr(0, 3)) != "tz=" || trim(zone.substr(3)).empty()) {
        bad_type(original, "write the time zone as timestamp[us, tz=UTC]");
      }
      f.timezone = std::string(trim(zone.substr(3)));
      f.has_timezone = true;
    }
  } else if (bracket_args(t, "decimal128", '(', ')', &args) ||
             bracket_args(t, "decimal", '(', ')', &args)) {
    const size_t comma = args.find(',');
    if (comma == std::string_view::npos) bad_type(original, "write decimal(precision, scale)");
    f = make(ArrowTypeId::DECIMAL128);
    f.decimal_bit_width = 128;
    f.precision = parse_small_int(args.substr(0, comma), original);
    f.scale = parse_small_int(args.substr(comma + 1), original);
    if (f.precision < 1 || f.precision > 38) {
      bad_type(original, "decimal precision must be 1 to 38");
    }
    if (f.scale < 0 || f.scale > f.precision) {
      bad_type(original, "decimal scale must be 0 to the precision");
    }
  } else if (nested_args(original, t, "list", &args) ||
             nested_args(original, t, "large_list", &args)) {
    if (depth >= kMaxTypeDepth) bad_type(original, "types nest too deeply");
    f = make(t.starts_with("list") ? ArrowTypeId::LIST : ArrowTypeId::LARGE_LIST);
    if (trim(args).empty()) bad_type(original, "write list<item type>, e.g. list<int64>");
    ArrowField item = parse_type(args, depth + 1);
    item.name = "item";
    f.children.push_back(std::move(item));
  } else if (nested_args(original, t, "struct", &args)) {
    if (depth >= kMaxTypeDepth) bad_type(original, "types nest too deeply");
    f = make(ArrowTypeId::STRUCT);
    if (trim(args).empty()) {
      bad_type(original, "a struct needs at least one field: struct<name:type,...>");
    }
    for (auto& [name, child] : parse_entries(args, depth + 1, "field")) {
      child.name = std::move(name);
      f.children.push_back(std::move(child));
    }
  } else {
    bad_type(original);
  }
  f.format = format_of(f);
  return f;
}

}  // namespace

std::string type_name(const ArrowField& f) {
  switch (f.id) {
    case ArrowTypeId::LIST:
    case ArrowTypeId::LARGE_LIST:
      return std::string(f.id == ArrowTypeId::LIST ? "list<" : "large_list<") +
             (f.children.empty() ? "?" : type_name(f.children[0])) + ">";
    case ArrowTypeId::STRUCT: {
      std::string out = "struct<";
      for (size_t i = 0; i < f.children.size(); ++i) {
        out += (i ? "," : "") + schema_column_token(f.children[i].name) + ":" +
               type_name(f.children[i]);
      }
      return out + ">";
    }
    case ArrowTypeId::STRING:
      return "utf8";
    case ArrowTypeId::LARGE_STRING:
      return "large_utf8";
    case ArrowTypeId::DATE32:
      return "date32";
    case ArrowTypeId::TIME32:
    case ArrowTypeId::TIME64:
      return std::string(to_string(f.id)) + "[" + std::string(to_string(f.unit)) + "]";
    case ArrowTypeId::TIMESTAMP:
      return "timestamp[" + std::string(to_string(f.unit)) +
             (f.has_timezone ? ", tz=" + f.timezone : std::string()) + "]";
    case ArrowTypeId::DECIMAL128:
      return "decimal128(" + std::to_string(f.precision) + "," + std::to_string(f.scale) + ")";
    default:
      return std::string(to_string(f.id));
  }
}

std::string schema_column_token(const std::string& name) {
  const bool plain = !name.empty() && name.find_first_of(":,\"<>[]()") == std::string::npos &&
                     !is_space(name.front()) && !is_space(name.back());
  if (plain) return name;
  std::string out = "\"";
  for (char c : name) {
    out += c;
    if (c == '"') out += '"';
  }
  return out + "\"";
}

namespace {

std::vector<std::pair<std::string, ArrowField>> parse_entries(std::string_view text, int depth,
                                                              std::string_view noun) {
  std::vector<std::pair<std::string, ArrowField>> out;
  size_t pos = 0;
  auto skip_space = [&] {
    while (pos < text.size() && is_space(text[pos])) ++pos;
  };
  while (true) {
    skip_space();
    if (pos >= text.size()) {
      if (out.empty() && trim(text).empty()) return out;
      throw Error("--schema: expected name:type after the last ',' in '" + std::string(text) + "'");
    }
    // The name: quoted, or up to ':'.
    std::string name;
    const size_t entry_start = pos;
    if (text[pos] == '"') {
      ++pos;
      bool closed = false;
      while (pos < text.size()) {
        if (text[pos] == '"') {
          if (pos + 1 < text.size() && text[pos + 1] == '"') {
            name += '"';
            pos += 2;
            continue;
          }
          ++pos;
          closed = true;
          break;
        }
        name += text[pos++];
      }
      if (!closed) {
        throw Error("--schema: unterminated quoted " + std::string(noun) + " name in '" +
                    std::string(text.substr(entry_start)) + "'");
      }
      skip_space();
      if (pos >= text.size() || text[pos] != ':') {
        throw Error("--schema: expected ':' after the " + std::string(noun) + " name \"" + name +
                    "\"");
      }
    } else {
      const size_t colon = text.find(':', pos);
      const size_t comma = text.find(',', pos);
      if (colon == std::string_view::npos || (comma != std::string_view::npos && comma < colon)) {
        throw Error("--schema: expected name:type, found '" +
                    std::string(trim(text.substr(pos, comma - pos))) + "'");
      }
      name = std::string(trim(text.substr(pos, colon - pos)));
      pos = colon;
      if (name.empty()) {
        throw Error("--schema: a " + std::string(noun) + " name is empty before ':'");
      }
    }
    ++pos;  // ':'
    // The type: up to a ',' outside brackets, parentheses and quoted
    // names (of struct fields).
    const size_t type_start = pos;
    int nesting = 0;
    bool quoted = false;
    while (pos < text.size()) {
      const char c = text[pos];
      if (c == '"') quoted = !quoted;  // a doubled quote toggles twice
      if (!quoted) {
        if (c == '[' || c == '(' || c == '<') ++nesting;
        if (c == ']' || c == ')' || c == '>') --nesting;
        if (c == ',' && nesting <= 0) break;
      }
      ++pos;
    }
    const std::string_view type = trim(text.substr(type_start, pos - type_start));
    if (type.empty()) throw Error("--schema: no type after '" + name + ":'");
    ArrowField field;
    try {
      field = parse_type(type, depth);
    } catch (const Error& e) {
      throw Error(std::string(e.what()) + " (for " + std::string(noun) + " '" + name + "')");
    }
    for (const auto& [existing, unused] : out) {
      if (existing == name) {
        throw Error("--schema: " + std::string(noun) + " '" + name + "' is listed twice");
      }
    }
    out.emplace_back(std::move(name), std::move(field));
    if (pos >= text.size()) return out;
    ++pos;  // ','
  }
}

}  // namespace

ArrowField parse_type_name(std::string_view type) {
  return parse_type(type, 0);
}

std::vector<std::pair<std::string, ArrowField>> parse_schema_option(std::string_view text) {
  return parse_entries(text, 0, "column");
}

std::vector<bool> apply_schema_overrides(
    const std::vector<std::pair<std::string, ArrowField>>& overrides,
    std::vector<ArrowField>& columns, const std::string& input_name) {
  std::vector<bool> overridden(columns.size(), false);
  for (const auto& [name, type] : overrides) {
    size_t i = 0;
    while (i < columns.size() && columns[i].name != name) ++i;
    if (i == columns.size()) {
      std::string list;
      for (size_t k = 0; k < columns.size() && k < 20; ++k) {
        list += (k ? ", " : "") + columns[k].name;
      }
      if (columns.size() > 20) list += ", ... (" + std::to_string(columns.size()) + " in all)";
      throw Error("--schema names column '" + name + "', but " + input_name +
                  " has no such column (columns: " + list + ")");
    }
    ArrowField f = type;
    f.name = columns[i].name;
    f.nullable = columns[i].nullable;
    columns[i] = std::move(f);
    overridden[i] = true;
  }
  return overridden;
}

}  // namespace spillway::cli

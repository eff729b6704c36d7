// Writes the interop type matrix: every flat Arrow type × {with nulls,
// without} × {dictionary on, off} × every codec × {v1, v2} pages, plus every
// explicit encoding, each file with several row groups, many pages per chunk,
// dictionary fallback, and batches that are slices of larger arrays. Next to
// the files goes manifest.json (format: tests/interop/README.md) with every
// value in canonical form, which check.mjs compares with what DuckDB, Polars,
// arrow-rs and hyparquet read.
//
//   interop_write_matrix <dir> [--rows N] [--only flat|nested]
//
// The nested files come from write_nested.cc.

#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "matrix_util.h"
#include "spillway/spillway.h"
#include "support/arrow_builder.h"

namespace spillway::test {
namespace {

// One column of the matrix: its Arrow data for `n` rows and the canonical
// JSON of each value (or "null").
struct ColumnData {
  ArrowColumn column;
  std::vector<std::string> json;
};

struct ColumnSpec {
  std::string name;
  std::string manifest;  // the type keys of the manifest entry, e.g. "arrow_type":"int8"
  std::string physical;
  std::string logical;  // expected footer logical type, "" to leave unchecked
  std::function<ColumnData(Rng&, int64_t n, bool nulls)> make;
};

template <typename T>
ColumnData fixed(Rng& rng, int64_t n, bool nulls,
                 const std::function<std::optional<T>(Rng&, int64_t)>& gen,
                 const std::function<ArrowColumn(const Values<T>&)>& build,
                 const std::function<std::string(const T&)>& canon) {
  Values<T> v;
  ColumnData d;
  for (int64_t i = 0; i < n; ++i) {
    std::optional<T> x = (nulls && rng.chance(12)) ? std::nullopt : gen(rng, i);
    v.push_back(x);
    d.json.push_back(x ? canon(*x) : "null");
  }
  d.column = build(v);
  return d;
}

template <typename T>
std::function<std::optional<T>(Rng&, int64_t)> int_gen(int64_t lo, int64_t hi) {
  return [lo, hi](Rng& r, int64_t i) -> std::optional<T> {
    if (i % 97 == 0) return static_cast<T>(lo);
    if (i % 89 == 0) return static_cast<T>(hi);
    return static_cast<T>(r.range(lo, hi));
  };
}

std::vector<ColumnSpec> make_specs() {
  std::vector<ColumnSpec> s;
  auto add_int = [&](std::string name, std::string type, std::string physical, int bits,
                     bool is_signed, int64_t lo, int64_t hi, auto tag,
                     std::function<ArrowColumn(const Values<decltype(tag)>&)> build) {
    using T = decltype(tag);
    s.push_back({name, "\"arrow_type\":\"" + type + "\"", physical,
                 "INTEGER(" + std::to_string(bits) + "," + (is_signed ? "true" : "false") + ")",
                 [=](Rng& r, int64_t n, bool nulls) {
                   return fixed<T>(r, n, nulls, int_gen<T>(lo, hi), build, [](const T& v) {
                     if constexpr (std::is_signed_v<T>) {
                       return quoted(static_cast<int64_t>(v));
                     } else {
                       return quoted_u(static_cast<uint64_t>(v));
                     }
                   });
                 }});
  };
  add_int("c_int8", "int8", "INT32", 8, true, INT8_MIN, INT8_MAX, int8_t{}, int8_column);
  add_int("c_uint8", "uint8", "INT32", 8, false, 0, UINT8_MAX, uint8_t{}, uint8_column);
  add_int("c_int16", "int16", "INT32", 16, true, INT16_MIN, INT16_MAX, int16_t{}, int16_column);
  add_int("c_uint16", "uint16", "INT32", 16, false, 0, UINT16_MAX, uint16_t{}, uint16_column);
  add_int("c_int32", "int32", "INT32", 32, true, INT32_MIN, INT32_MAX, int32_t{}, int32_column);
  add_int("c_uint32", "uint32", "INT32", 32, false, 0, UINT32_MAX, uint32_t{}, uint32_column);
  add_int("c_int64", "int64", "INT64", 64, true, INT64_MIN, INT64_MAX, int64_t{}, int64_column);
  // uint64 over its full range: range() covers it through the wrap below.
  s.push_back({"c_uint64", "\"arrow_type\":\"uint64\"", "INT64", "INTEGER(64,false)",
               [](Rng& r, int64_t n, bool nulls) {
                 return fixed<uint64_t>(
                     r, n, nulls,
                     [](Rng& rr, int64_t i) -> std::optional<uint64_t> {
                       if (i % 97 == 0) return UINT64_MAX;
                       if (i % 89 == 0) return 0;
                       return rr.next();
                     },
                     uint64_column, [](const uint64_t& v) { return quoted_u(v); });
               }});
  // A low-cardinality int32: stays dictionary-encoded where the others fall back.
  add_int("c_int32_low", "int32", "INT32", 32, true, -20, 20, int32_t{}, int32_column);
  s.push_back(
      {"c_bool", "\"arrow_type\":\"bool\"", "BOOLEAN", "NONE", [](Rng& r, int64_t n, bool nulls) {
         return fixed<bool>(
             r, n, nulls, [](Rng& rr, int64_t) -> std::optional<bool> { return rr.chance(60); },
             bool_column, [](const bool& v) { return std::string(v ? "true" : "false"); });
       }});
  s.push_back({"c_float16", "\"arrow_type\":\"float16\"", "FIXED_LEN_BYTE_ARRAY", "FLOAT16",
               [](Rng& r, int64_t n, bool nulls) {
                 return fixed<uint16_t>(
                     r, n, nulls,
                     [](Rng& rr, int64_t i) -> std::optional<uint16_t> {
                       if (i % 101 == 0) return 0x7e00;  // NaN
                       if (i % 103 == 0) return 0x8000;  // -0
                       if (i % 107 == 0) return 0xfc00;  // -inf
                       uint16_t h = static_cast<uint16_t>(rr.next());
                       if ((h & 0x7c00) == 0x7c00) h &= 0xbfff;  // no random NaN payloads
                       return h;
                     },
                     float16_bits_column,
                     [](const uint16_t& h) { return float_json(half_to_float(h)); });
               }});
  s.push_back({"c_float32", "\"arrow_type\":\"float32\"", "FLOAT", "NONE",
               [](Rng& r, int64_t n, bool nulls) {
                 return fixed<float>(
                     r, n, nulls,
                     [](Rng& rr, int64_t i) -> std::optional<float> {
                       if (i % 101 == 0) return NAN;
                       if (i % 103 == 0) return -0.0f;
                       if (i % 107 == 0) return INFINITY;
                       return static_cast<float>(rr.range(-1000000, 1000000)) / 64.0f;
                     },
                     float32_column, [](const float& v) { return float_json(v); });
               }});
  s.push_back({"c_float64", "\"arrow_type\":\"float64\"", "DOUBLE", "NONE",
               [](Rng& r, int64_t n, bool nulls) {
                 return fixed<double>(
                     r, n, nulls,
                     [](Rng& rr, int64_t i) -> std::optional<double> {
                       if (i % 101 == 0) return NAN;
                       if (i % 103 == 0) return -0.0;
                       if (i % 107 == 0) return -INFINITY;
                       return std::ldexp(static_cast<double>(rr.range(-(1LL << 52), 1LL << 52)),
                                         static_cast<int>(rr.range(-60, 60)));
                     },
                     float64_column, [](const double& v) { return float_json(v); });
               }});

  static const std::vector<std::string> kWords = {"",
                                                  "a",
                                                  "spillway",
                                                  "Parquet",
                                                  "élan",
                                                  "日本語",
                                                  "emoji 🚀",
                                                  "tab\tnew\nline",
                                                  "quote\"back\\slash",
                                                  "zz",
                                                  "Zebra",
                                                  "mid"};
  auto text = [](Rng& r, bool low_cardinality) {
    if (low_cardinality) return kWords[static_cast<size_t>(r.range(0, kWords.size() - 1))];
    std::string v = kWords[static_cast<size_t>(r.range(0, kWords.size() - 1))];
    int extra = static_cast<int>(r.range(0, 40));
    for (int k = 0; k < extra; ++k) v += static_cast<char>('a' + r.range(0, 25));
    return v;
  };
  auto bytes = [](Rng& r, int64_t len) {
    std::string v;
    for (int64_t k = 0; k < len; ++k) v += static_cast<char>(r.next() & 0xff);
    return v;
  };
  auto add_text = [&](std::string name, std::string type, bool low,
                      std::function<ArrowColumn(const Values<std::string>&)> build) {
    s.push_back(
        {name, "\"arrow_type\":\"" + type + "\"", "BYTE_ARRAY", "STRING",
         [=](Rng& r, int64_t n, bool nulls) {
           return fixed<std::string>(
               r, n, nulls,
               [=](Rng& rr, int64_t) -> std::optional<std::string> { return text(rr, low); }, build,
               json_string);
         }});
  };
  add_text("c_utf8", "utf8", false, string_column);
  add_text("c_utf8_low", "utf8", true, string_column);
  add_text("c_large_utf8", "large_utf8", false, large_string_column);
  add_text("c_utf8_view", "utf8_view", false,
           [](const Values<std::string>& v) { return string_view_column(v, 256); });
  auto add_binary = [&](std::string name, std::string type,
                        std::function<ArrowColumn(const Values<std::string>&)> build) {
    s.push_back({name, "\"arrow_type\":\"" + type + "\"", "BYTE_ARRAY", "NONE",
                 [=](Rng& r, int64_t n, bool nulls) {
                   return fixed<std::string>(
                       r, n, nulls,
                       [=](Rng& rr, int64_t) -> std::optional<std::string> {
                         return bytes(rr, rr.range(0, 24));
                       },
                       build, [](const std::string& v) { return "\"" + hex(v) + "\""; });
                 }});
  };
  add_binary("c_binary", "binary", binary_column);
  add_binary("c_large_binary", "large_binary", large_binary_column);
  add_binary("c_binary_view", "binary_view",
             [](const Values<std::string>& v) { return binary_view_column(v, 128); });
  s.push_back({"c_fixed5", "\"arrow_type\":\"fixed_size_binary\",\"byte_width\":5",
               "FIXED_LEN_BYTE_ARRAY", "NONE", [=](Rng& r, int64_t n, bool nulls) {
                 return fixed<std::string>(
                     r, n, nulls,
                     [=](Rng& rr, int64_t) -> std::optional<std::string> { return bytes(rr, 5); },
                     [](const Values<std::string>& v) { return fixed_size_binary_column(5, v); },
                     [](const std::string& v) { return "\"" + hex(v) + "\""; });
               }});

  auto add_decimal = [&](std::string name, int bits, int precision, int scale,
                         std::string physical) {
    std::string type = "decimal" + std::to_string(bits);
    s.push_back(
        {name,
         "\"arrow_type\":\"" + type + "\",\"precision\":" + std::to_string(precision) +
             ",\"scale\":" + std::to_string(scale),
         physical, "DECIMAL(" + std::to_string(precision) + "," + std::to_string(scale) + ")",
         [=](Rng& r, int64_t n, bool nulls) {
           return fixed<std::string>(
               r, n, nulls,
               [=](Rng& rr, int64_t i) -> std::optional<std::string> {
                 int digits = i % 53 == 0 ? precision : static_cast<int>(rr.range(1, precision));
                 std::string d;
                 for (int k = 0; k < digits; ++k) {
                   d += static_cast<char>('0' + (i % 53 == 0 ? 9 : rr.range(0, 9)));
                 }
                 while (d.size() < static_cast<size_t>(scale) + 1) d = "0" + d;
                 // Canonical: no leading zeros before the point, `scale` digits after.
                 std::string whole = d.substr(0, d.size() - scale);
                 size_t nz = whole.find_first_not_of('0');
                 whole = nz == std::string::npos ? "0" : whole.substr(nz);
                 std::string v = whole + (scale > 0 ? "." + d.substr(d.size() - scale) : "");
                 bool zero = v.find_first_not_of("0.") == std::string::npos;
                 if (!zero && rr.chance(50)) v = "-" + v;
                 return v;
               },
               [=](const Values<std::string>& v) {
                 return decimal_column(bits, precision, scale, v);
               },
               [](const std::string& v) { return "\"" + v + "\""; });
         }});
  };
  add_decimal("c_dec32_7_2", 32, 7, 2, "INT32");
  add_decimal("c_dec64_18_4", 64, 18, 4, "INT64");
  add_decimal("c_dec128_5_2", 128, 5, 2, "INT32");
  add_decimal("c_dec128_38_10", 128, 38, 10, "FIXED_LEN_BYTE_ARRAY");
  add_decimal("c_dec128_20_0", 128, 20, 0, "FIXED_LEN_BYTE_ARRAY");
  add_decimal("c_dec256_76_20", 256, 76, 20, "FIXED_LEN_BYTE_ARRAY");

  s.push_back(
      {"c_date32", "\"arrow_type\":\"date32\"", "INT32", "DATE", [](Rng& r, int64_t n, bool nulls) {
         return fixed<int32_t>(r, n, nulls, int_gen<int32_t>(-50000, 50000), date32_column,
                               [](const int32_t& v) { return std::to_string(v); });
       }});
  s.push_back(
      {"c_date64", "\"arrow_type\":\"date64\"", "INT32", "DATE", [](Rng& r, int64_t n, bool nulls) {
         return fixed<int64_t>(
             r, n, nulls,
             [](Rng& rr, int64_t) -> std::optional<int64_t> {
               return rr.range(-50000, 50000) * 86400000LL;
             },
             date64_column, [](const int64_t& v) { return std::to_string(v / 86400000LL); });
       }});
  auto add_time = [&](std::string name, ArrowTimeUnit unit, std::string u, int64_t per_day,
                      int64_t scale_to_canon, std::string physical, std::string logical) {
    bool is32 = unit == ArrowTimeUnit::SECOND || unit == ArrowTimeUnit::MILLI;
    s.push_back({name,
                 "\"arrow_type\":\"" + std::string(is32 ? "time32" : "time64") + "\",\"unit\":\"" +
                     u + "\"",
                 physical, logical, [=](Rng& r, int64_t n, bool nulls) {
                   if (is32) {
                     return fixed<int32_t>(
                         r, n, nulls, int_gen<int32_t>(0, per_day - 1),
                         [=](const Values<int32_t>& v) { return time32_column(unit, v); },
                         [=](const int32_t& v) { return quoted(v * scale_to_canon); });
                   }
                   return fixed<int64_t>(
                       r, n, nulls, int_gen<int64_t>(0, per_day - 1),
                       [=](const Values<int64_t>& v) { return time64_column(unit, v); },
                       [=](const int64_t& v) { return quoted(v * scale_to_canon); });
                 }});
  };
  add_time("c_time32_s", ArrowTimeUnit::SECOND, "s", 86400, 1000, "INT32", "");
  add_time("c_time32_ms", ArrowTimeUnit::MILLI, "ms", 86400000, 1, "INT32", "");
  add_time("c_time64_us", ArrowTimeUnit::MICRO, "us", 86400000000LL, 1, "INT64", "");
  add_time("c_time64_ns", ArrowTimeUnit::NANO, "ns", 86400000000000LL, 1, "INT64", "");

  struct Ts {
    ArrowTimeUnit unit;
    std::string u;
    int64_t limit;  // |value| bound in the unit: ~1800..2140 or readers' limits
    int64_t to_ms;  // factor into the Parquet unit (s → ms)
  };
  for (const Ts& ts : {Ts{ArrowTimeUnit::SECOND, "s", 5000000000LL, 1000},
                       Ts{ArrowTimeUnit::MILLI, "ms", 5000000000000LL, 1},
                       Ts{ArrowTimeUnit::MICRO, "us", 5000000000000000LL, 1},
                       Ts{ArrowTimeUnit::NANO, "ns", 9000000000000000000LL, 1}}) {
    for (std::optional<std::string> tz :
         {std::optional<std::string>(), std::optional<std::string>("UTC"),
          std::optional<std::string>("America/New_York")}) {
      std::string name = "c_ts_" + ts.u + (tz ? (*tz == "UTC" ? "_utc" : "_ny") : "");
      std::string keys = "\"arrow_type\":\"timestamp\",\"unit\":\"" + ts.u +
                         "\",\"tz\":" + (tz ? json_string(*tz) : "null");
      s.push_back({name, keys, "INT64", "", [=](Rng& r, int64_t n, bool nulls) {
                     return fixed<int64_t>(
                         r, n, nulls, int_gen<int64_t>(-ts.limit, ts.limit),
                         [=](const Values<int64_t>& v) { return timestamp_column(ts.unit, tz, v); },
                         [=](const int64_t& v) { return quoted(v * ts.to_ms); });
                   }});
    }
  }
  for (auto [unit, u] :
       {std::pair{ArrowTimeUnit::SECOND, "s"}, std::pair{ArrowTimeUnit::MILLI, "ms"},
        std::pair{ArrowTimeUnit::MICRO, "us"}, std::pair{ArrowTimeUnit::NANO, "ns"}}) {
    s.push_back({std::string("c_duration_") + u,
                 std::string("\"arrow_type\":\"duration\",\"unit\":\"") + u + "\"", "INT64", "NONE",
                 [unit](Rng& r, int64_t n, bool nulls) {
                   return fixed<int64_t>(
                       r, n, nulls, int_gen<int64_t>(-1000000000000LL, 1000000000000LL),
                       [=](const Values<int64_t>& v) { return duration_column(unit, v); },
                       [](const int64_t& v) { return quoted(v); });
                 }});
  }
  s.push_back({"c_interval_ym", "\"arrow_type\":\"interval_year_month\"", "FIXED_LEN_BYTE_ARRAY",
               "INTERVAL", [](Rng& r, int64_t n, bool nulls) {
                 return fixed<int32_t>(r, n, nulls, int_gen<int32_t>(0, 12000),
                                       interval_months_column, [](const int32_t& m) {
                                         return "{\"months\":" + std::to_string(m) +
                                                ",\"days\":0,\"millis\":0}";
                                       });
               }});
  s.push_back({"c_interval_dt", "\"arrow_type\":\"interval_day_time\"", "FIXED_LEN_BYTE_ARRAY",
               "INTERVAL", [](Rng& r, int64_t n, bool nulls) {
                 return fixed<DayTime>(
                     r, n, nulls,
                     [](Rng& rr, int64_t) -> std::optional<DayTime> {
                       return DayTime{static_cast<int32_t>(rr.range(0, 100000)),
                                      static_cast<int32_t>(rr.range(0, 86399999))};
                     },
                     interval_day_time_column,
                     [](const DayTime& v) {
                       return "{\"months\":0,\"days\":" + std::to_string(v.days) +
                              ",\"millis\":" + std::to_string(v.millis) + "}";
                     });
               }});
  s.push_back({"c_null", "\"arrow_type\":\"null\"", "INT32", "UNKNOWN", [](Rng&, int64_t n, bool) {
                 ColumnData d;
                 d.column = null_column(n);
                 d.json.assign(static_cast<size_t>(n), "null");
                 return d;
               }});
  // Dictionary-encoded Arrow arrays, written as their values.
  s.push_back({"c_dict_utf8", "\"arrow_type\":\"utf8\",\"dictionary_index\":\"int16\"",
               "BYTE_ARRAY", "STRING", [](Rng& r, int64_t n, bool nulls) {
                 Values<std::string> dict;
                 for (size_t k = 0; k < kWords.size(); ++k) dict.emplace_back(kWords[k]);
                 Values<int16_t> idx;
                 ColumnData d;
                 for (int64_t i = 0; i < n; ++i) {
                   if (nulls && r.chance(12)) {
                     idx.emplace_back(std::nullopt);
                     d.json.push_back("null");
                   } else {
                     auto k = static_cast<int16_t>(r.range(0, kWords.size() - 1));
                     idx.emplace_back(k);
                     d.json.push_back(json_string(kWords[static_cast<size_t>(k)]));
                   }
                 }
                 d.column = dictionary_column(int16_column(idx), string_column(dict));
                 return d;
               }});
  s.push_back({"c_dict_int64", "\"arrow_type\":\"int64\",\"dictionary_index\":\"int8\"", "INT64",
               "INTEGER(64,true)", [](Rng& r, int64_t n, bool nulls) {
                 Values<int64_t> dict = {-5, 0, 7, INT64_MAX, INT64_MIN, 123456789012LL};
                 Values<int8_t> idx;
                 ColumnData d;
                 for (int64_t i = 0; i < n; ++i) {
                   if (nulls && r.chance(12)) {
                     idx.emplace_back(std::nullopt);
                     d.json.push_back("null");
                   } else {
                     auto k =
                         static_cast<int8_t>(r.range(0, static_cast<int64_t>(dict.size()) - 1));
                     idx.emplace_back(k);
                     d.json.push_back(quoted(*dict[static_cast<size_t>(k)]));
                   }
                 }
                 d.column = dictionary_column(int8_column(idx), int64_column(dict));
                 return d;
               }});
  return s;
}

struct FileConfig {
  std::string name;
  bool nulls;
  bool dictionary;
  Compression codec;
  WriterVersion version;
  std::optional<Encoding> encoding;  // explicit encoding for the columns it fits
  std::string store = "memory";      // memory, spill or budget
  bool offset_index = true;          // false: no page index, chunk statistics only
  bool page_checksums = false;       // PageHeader.crc on every page
};

bool encoding_fits(Encoding e, const std::string& physical, const std::string& logical) {
  (void)logical;
  switch (e) {
    case Encoding::DELTA_BINARY_PACKED:
      return physical == "INT32" || physical == "INT64";
    case Encoding::DELTA_LENGTH_BYTE_ARRAY:
      return physical == "BYTE_ARRAY";
    case Encoding::DELTA_BYTE_ARRAY:
      return physical == "BYTE_ARRAY" || physical == "FIXED_LEN_BYTE_ARRAY";
    case Encoding::BYTE_STREAM_SPLIT:
      return physical == "FLOAT" || physical == "DOUBLE" || physical == "INT32" ||
             physical == "INT64" || physical == "FIXED_LEN_BYTE_ARRAY";
    case Encoding::RLE:
      return physical == "BOOLEAN";
    default:
      return true;
  }
}

void write_file(const std::filesystem::path& dir, const FileConfig& cfg,
                const std::vector<ColumnSpec>& specs, int64_t rows, std::ostream& manifest,
                bool first) {
  // Each column is generated `lead` rows longer and every batch is a slice.
  const int64_t lead = 37;
  Rng rng{std::hash<std::string>{}(cfg.name)};
  std::vector<ColumnData> data;
  for (size_t c = 0; c < specs.size(); ++c) {
    Rng col_rng{mix(rng.next() + c)};
    data.push_back(specs[c].make(col_rng, rows + lead, cfg.nulls));
    data.back().json.erase(data.back().json.begin(), data.back().json.begin() + lead);
  }
  auto builder = WriterProperties::builder()
                     .set_compression(cfg.codec)
                     .set_writer_version(cfg.version)
                     .set_dictionary_enabled(cfg.dictionary)
                     .set_dictionary_page_size_limit(2048)
                     .set_data_page_size_limit(1024)
                     .set_data_page_row_count_limit(300)
                     .set_write_batch_size(64)
                     .set_max_row_group_row_count(static_cast<size_t>(rows / 3 + 1));
  builder.set_page_checksum_enabled(cfg.page_checksums);
  if (!cfg.offset_index) {
    builder.set_offset_index_disabled(true).set_statistics_enabled(EnabledStatistics::CHUNK);
  }
  std::vector<std::string> encodings(specs.size());
  if (cfg.encoding) {
    for (size_t c = 0; c < specs.size(); ++c) {
      if (specs[c].name == "c_null") continue;
      if (encoding_fits(*cfg.encoding, specs[c].physical, specs[c].logical)) {
        builder.set_column_encoding(ColumnPath({specs[c].name}), *cfg.encoding);
        encodings[c] = std::string(to_string(*cfg.encoding));
      }
    }
  }
  NamedColumns full;
  for (size_t c = 0; c < specs.size(); ++c) {
    ArrowColumn col = data[c].column;
    if (!cfg.nulls && specs[c].name != "c_null") col = col.not_null();
    full.push_back({specs[c].name, col});
  }
  auto path = dir / (cfg.name + ".parquet");
  OwnedArray schema_holder = make_batch(full);
  // Files rotate through the shipped page stores; the readers must not care.
  ArrowWriterOptions options;
  options.with_properties(builder.build());
  if (cfg.store == "spill") {
    options.with_page_store_factory(std::make_shared<SpillFilePageStoreFactory>());
  } else if (cfg.store == "budget") {
    options.with_page_store_factory(std::make_shared<BudgetedPageStoreFactory>(
        16 * 1024, std::make_shared<SpillFilePageStoreFactory>()));
  }
  auto writer = ArrowWriter::open(path, &schema_holder.schema, options);
  // Batches of uneven sizes, alternating the two ways a batch can be sliced.
  int64_t pos = 0;
  int k = 0;
  while (pos < rows) {
    int64_t len = std::min<int64_t>(rows - pos, 150 + 211 * (k % 4));
    OwnedArray batch = (k % 2 == 0) ? slice_batch(full, lead + pos, len)
                                    : slice_batch_children(full, lead + pos, len);
    ArrowArray moved = batch.array;
    batch.array.release = nullptr;
    writer.write(&moved);
    pos += len;
    ++k;
  }
  writer.close();

  manifest << (first ? "" : ",\n") << "{\"path\":" << json_string(path.filename().string())
           << ",\"num_rows\":" << rows << ",\"props\":{\"codec\":\"" << to_string(cfg.codec)
           << "\",\"dictionary\":" << (cfg.dictionary ? "true" : "false") << ",\"version\":\""
           << (cfg.version == WriterVersion::PARQUET_2_0 ? "2.0" : "1.0")
           << "\",\"nulls\":" << (cfg.nulls ? "true" : "false") << ",\"encoding\":\""
           << (cfg.encoding ? std::string(to_string(*cfg.encoding)) : std::string("default"))
           << "\",\"store\":\"" << cfg.store
           << "\",\"page_checksums\":" << (cfg.page_checksums ? "true" : "false")
           << "},\"columns\":[";
  for (size_t c = 0; c < specs.size(); ++c) {
    const ColumnSpec& sp = specs[c];
    bool nullable = cfg.nulls || sp.name == "c_null";
    manifest << (c ? ",\n" : "\n") << "{\"name\":\"" << sp.name << "\"," << sp.manifest
             << ",\"nullable\":" << (nullable ? "true" : "false") << ",\"parquet\":{\"physical\":\""
             << sp.physical << "\"";
    if (!sp.logical.empty()) manifest << ",\"logical\":\"" << sp.logical << "\"";
    if (!encodings[c].empty()) manifest << ",\"encoding\":\"" << encodings[c] << "\"";
    manifest << "},\"values\":[";
    for (size_t i = 0; i < data[c].json.size(); ++i) {
      manifest << (i ? "," : "") << data[c].json[i];
    }
    manifest << "]}";
  }
  manifest << "]}";
}

int run(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: interop_write_matrix <dir> [--rows N]\n";
    return 2;
  }
  std::filesystem::path dir = argv[1];
  int64_t rows = 1200;
  std::string only;
  for (int i = 2; i + 1 < argc; ++i) {
    if (std::string(argv[i]) == "--rows") rows = std::stoll(argv[i + 1]);
    if (std::string(argv[i]) == "--only") only = argv[i + 1];
  }
  std::filesystem::create_directories(dir);
  std::vector<ColumnSpec> specs = make_specs();
  std::vector<FileConfig> configs;
  const Compression codecs[] = {Compression::UNCOMPRESSED, Compression::SNAPPY,
                                Compression::GZIP,         Compression::BROTLI,
                                Compression::ZSTD,         Compression::LZ4_RAW};
  for (bool nulls : {true, false}) {
    for (bool dict : {true, false}) {
      for (Compression c : codecs) {
        for (WriterVersion v : {WriterVersion::PARQUET_1_0, WriterVersion::PARQUET_2_0}) {
          std::string name = std::string(nulls ? "nulls" : "nonull") + "_" +
                             (dict ? "dict" : "plain") + "_" + std::string(to_string(c)) + "_" +
                             (v == WriterVersion::PARQUET_2_0 ? "v2" : "v1");
          configs.push_back({name, nulls, dict, c, v, std::nullopt});
        }
      }
    }
  }
  for (Encoding e : {Encoding::PLAIN, Encoding::RLE, Encoding::DELTA_BINARY_PACKED,
                     Encoding::DELTA_LENGTH_BYTE_ARRAY, Encoding::DELTA_BYTE_ARRAY,
                     Encoding::BYTE_STREAM_SPLIT}) {
    for (bool nulls : {true, false}) {
      for (WriterVersion v : {WriterVersion::PARQUET_1_0, WriterVersion::PARQUET_2_0}) {
        std::string name = "enc_" + std::string(to_string(e)) + "_" + (nulls ? "nulls" : "nonull") +
                           "_" + (v == WriterVersion::PARQUET_2_0 ? "v2" : "v1");
        FileConfig c{name, nulls, false, Compression::ZSTD, v, e};
        c.page_checksums = true;  // readers must accept (or check) page CRCs
        configs.push_back(c);
      }
    }
  }
  // Dictionary chunks of many pages without an offset index, through every store.
  for (const char* store : {"memory", "spill", "budget"}) {
    for (WriterVersion v : {WriterVersion::PARQUET_1_0, WriterVersion::PARQUET_2_0}) {
      FileConfig c{std::string("nooffsetindex_dict_") + store +
                       (v == WriterVersion::PARQUET_2_0 ? "_v2" : "_v1"),
                   true,
                   true,
                   Compression::SNAPPY,
                   v,
                   std::nullopt};
      c.store = store;
      c.offset_index = false;
      configs.push_back(c);
    }
  }
  const char* stores[] = {"memory", "spill", "budget"};
  for (size_t i = 0; i < configs.size(); ++i) {
    if (configs[i].offset_index) configs[i].store = stores[i % 3];
  }
  std::ofstream manifest(dir / "manifest.json");
  manifest << "{\"files\":[\n";
  if (only == "nested") configs.clear();
  for (size_t i = 0; i < configs.size(); ++i) {
    write_file(dir, configs[i], specs, rows, manifest, i == 0);
  }
  size_t nested =
      only == "flat" ? 0 : write_nested_matrix(dir, rows / 2, manifest, configs.empty());
  manifest << "\n]}\n";
  manifest.close();
  std::cout << "interop_write_matrix: wrote " << configs.size() << " flat files x " << specs.size()
            << " columns x " << rows << " rows and " << nested << " nested files x " << rows / 2
            << " rows into " << dir << "\n";
  return 0;
}

}  // namespace
}  // namespace spillway::test

int main(int argc, char** argv) {
  try {
    return spillway::test::run(argc, argv);
  } catch (const std::exception& e) {
    std::cerr << "interop_write_matrix: " << e.what() << "\n";
    return 1;
  }
}

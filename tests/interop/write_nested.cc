// The nested half of the interop matrix: lists (list, large_list,
// fixed_size_list, list views), structs, maps, run-end encoded and
// dictionary leaves, combined (struct of list of struct, map with struct
// values, list of map, ...) × nullable at every level or at none × sliced at
// every level or not × dictionary on/off × v1/v2 pages, codecs and page
// stores rotating, several pages per chunk. Values go to the manifest in the
// nested canonical form (tests/interop/README.md).

#include <filesystem>
#include <ostream>
#include <string>
#include <vector>

#include "matrix_util.h"
#include "spillway/spillway.h"
#include "support/arrow_builder.h"

namespace spillway::test {

namespace {

struct Shape {
  enum class Kind {
    INT32,
    INT64,
    FLOAT64,
    BOOL,
    UTF8,
    DICT_UTF8,
    REE_UTF8,
    LIST,
    LARGE_LIST,
    FIXED_LIST,
    LIST_VIEW,
    LARGE_LIST_VIEW,
    STRUCT,
    MAP,
  };
  Kind kind;
  std::vector<std::pair<std::string, Shape>> children;  // struct fields; item; key and value
  int32_t list_size = 0;
};

using K = Shape::Kind;
Shape leaf(K k) {
  return Shape{k, {}, 0};
}
Shape list_of(K k, Shape item, int32_t size = 0) {
  return Shape{k, {{"item", std::move(item)}}, size};
}
Shape struct_of(std::vector<std::pair<std::string, Shape>> fields) {
  return Shape{K::STRUCT, std::move(fields), 0};
}
Shape map_of(Shape value) {
  return Shape{K::MAP, {{"key", leaf(K::UTF8)}, {"value", std::move(value)}}, 0};
}

struct Options {
  bool nulls;   // every node nullable, with nulls; else none
  bool sliced;  // offsets at every level, list offsets not starting at 0
};

struct Gen {
  ArrowColumn column;
  std::vector<std::string> json;
};

const std::vector<std::string> kWords = {"", "a", "alpha", "beta", "gamma", "ünï", "delta", "x y"};

std::string join(const std::vector<std::string>& json, int64_t from, int64_t to) {
  std::string s = "[";
  for (int64_t i = from; i < to; ++i) s += (i > from ? "," : "") + json[static_cast<size_t>(i)];
  return s + "]";
}

Gen generate(const Shape& s, Rng& r, int64_t n, const Options& o);

template <typename T>
Gen leaf_values(Rng& r, int64_t n, const Options& o, auto value, auto canon, auto build) {
  Values<T> v;
  Gen g;
  for (int64_t i = 0; i < n; ++i) {
    std::optional<T> x;
    if (!o.nulls || !r.chance(15)) x = value(r);
    v.push_back(x);
    g.json.push_back(x ? canon(*x) : "null");
  }
  g.column = build(v);
  return g;
}

Gen generate_leaf(const Shape& s, Rng& r, int64_t n, const Options& o) {
  switch (s.kind) {
    case K::INT32:
      return leaf_values<int32_t>(
          r, n, o, [](Rng& rr) { return static_cast<int32_t>(rr.range(-100000, 100000)); },
          [](int32_t x) { return quoted(x); },
          [](const Values<int32_t>& v) { return int32_column(v); });
    case K::INT64:
      return leaf_values<int64_t>(
          r, n, o, [](Rng& rr) { return static_cast<int64_t>(rr.next()); },
          [](int64_t x) { return quoted(x); },
          [](const Values<int64_t>& v) { return int64_column(v); });
    case K::FLOAT64:
      return leaf_values<double>(
          r, n, o, [](Rng& rr) { return static_cast<double>(rr.range(-4000000, 4000000)) / 8; },
          [](double x) { return float_json(x); },
          [](const Values<double>& v) { return float64_column(v); });
    case K::BOOL:
      return leaf_values<bool>(
          r, n, o, [](Rng& rr) { return rr.chance(50); },
          [](bool x) { return std::string(x ? "true" : "false"); },
          [](const Values<bool>& v) { return bool_column(v); });
    case K::UTF8:
      return leaf_values<std::string>(
          r, n, o,
          [](Rng& rr) {
            return kWords[static_cast<size_t>(rr.range(0, kWords.size() - 1))] +
                   std::to_string(rr.range(0, 50));
          },
          [](const std::string& x) { return json_string(x); },
          [](const Values<std::string>& v) { return string_column(v); });
    case K::DICT_UTF8: {
      // With nulls, the dictionary itself holds a null too.
      Values<std::string> dict(kWords.begin(), kWords.end());
      if (o.nulls) dict.push_back(std::nullopt);
      Gen g;
      Values<int16_t> idx;
      for (int64_t i = 0; i < n; ++i) {
        if (o.nulls && r.chance(10)) {
          idx.push_back(std::nullopt);
          g.json.push_back("null");
          continue;
        }
        auto k = static_cast<int16_t>(r.range(0, static_cast<int64_t>(dict.size()) - 1));
        idx.push_back(k);
        const auto& v = dict[static_cast<size_t>(k)];
        g.json.push_back(v ? json_string(*v) : "null");
      }
      g.column = dictionary_column(int16_column(idx), string_column(dict));
      return g;
    }
    case K::REE_UTF8: {
      Values<int32_t> ends;
      Gen values;
      Gen g;
      int64_t pos = 0;
      while (pos < n) {
        int64_t run = std::min<int64_t>(n - pos, r.range(1, 4));
        Gen one = generate_leaf(leaf(K::UTF8), r, 1, o);
        values.json.push_back(one.json[0]);
        for (int64_t k = 0; k < run; ++k) g.json.push_back(one.json[0]);
        pos += run;
        ends.push_back(static_cast<int32_t>(pos));
      }
      // The values column, generated one run at a time, is rebuilt whole.
      Values<std::string> texts;
      for (const std::string& j : values.json) {
        texts.push_back(j == "null" ? std::nullopt
                                    : std::optional<std::string>(j.substr(1, j.size() - 2)));
      }
      g.column = run_end_encoded_column(int32_column(ends), string_column(texts), n);
      return g;
    }
    default:
      break;
  }
  throw Error("write_nested: not a leaf shape");
}

// Validity for `n` nodes: 10% null when the file has nulls.
std::vector<bool> validity(Rng& r, int64_t n, const Options& o) {
  std::vector<bool> valid;
  if (!o.nulls) return valid;
  for (int64_t i = 0; i < n; ++i) valid.push_back(!r.chance(10));
  return valid;
}

bool is_valid(const std::vector<bool>& valid, int64_t i) {
  return valid.empty() || valid[static_cast<size_t>(i)];
}

Gen generate_list(const Shape& s, Rng& r, int64_t n, const Options& o) {
  std::vector<bool> valid = validity(r, n, o);
  // Lengths 0..4; a null list may cover elements (they are masked).
  std::vector<int64_t> offsets{o.sliced ? r.range(0, 3) : 0};
  for (int64_t i = 0; i < n; ++i) {
    int64_t len = is_valid(valid, i) ? (r.chance(15) ? 0 : r.range(1, 4))
                                     : (o.sliced && r.chance(30) ? r.range(1, 2) : 0);
    offsets.push_back(offsets.back() + len);
  }
  const int64_t m = offsets.back();
  Gen g;
  if (s.kind == K::MAP) {
    // Keys unique within each map: "k<position>_<n>".
    Values<std::string> keys;
    std::vector<std::string> key_json;
    for (int64_t i = 0, row = 0; i < m; ++i) {
      while (row < n && offsets[static_cast<size_t>(row + 1)] <= i) ++row;
      int64_t at = i - offsets[static_cast<size_t>(std::min(row, n))];
      std::string k = "k" + std::to_string(at) + "_" + std::to_string(r.range(0, 9));
      keys.push_back(k);
      key_json.push_back(json_string(k));
    }
    Gen values = generate(s.children[1].second, r, m, o);
    std::vector<int32_t> off32(offsets.begin(), offsets.end());
    g.column = map_column(off32, string_column(keys), values.column, valid);
    for (int64_t i = 0; i < n; ++i) {
      if (!is_valid(valid, i)) {
        g.json.push_back("null");
        continue;
      }
      std::string e = "[";
      for (int64_t k = offsets[static_cast<size_t>(i)]; k < offsets[static_cast<size_t>(i + 1)];
           ++k) {
        e += (k > offsets[static_cast<size_t>(i)] ? "," : "") + std::string("[") +
             key_json[static_cast<size_t>(k)] + "," + values.json[static_cast<size_t>(k)] + "]";
      }
      g.json.push_back(e + "]");
    }
    return g;
  }
  Gen child = generate(s.children[0].second, r, m, o);
  if (s.kind == K::LARGE_LIST) {
    g.column = large_list_column(offsets, child.column, valid);
  } else {
    std::vector<int32_t> off32(offsets.begin(), offsets.end());
    g.column = list_column(off32, child.column, valid);
  }
  for (int64_t i = 0; i < n; ++i) {
    g.json.push_back(is_valid(valid, i) ? join(child.json, offsets[static_cast<size_t>(i)],
                                               offsets[static_cast<size_t>(i + 1)])
                                        : "null");
  }
  return g;
}

Gen generate_nested(const Shape& s, Rng& r, int64_t n, const Options& o) {
  switch (s.kind) {
    case K::LIST:
    case K::LARGE_LIST:
    case K::MAP:
      return generate_list(s, r, n, o);
    case K::FIXED_LIST: {
      std::vector<bool> valid = validity(r, n, o);
      Gen child = generate(s.children[0].second, r, n * s.list_size, o);
      Gen g;
      g.column = fixed_size_list_column(s.list_size, child.column, valid);
      g.column.length = n;
      for (int64_t i = 0; i < n; ++i) {
        g.json.push_back(
            is_valid(valid, i) ? join(child.json, i * s.list_size, (i + 1) * s.list_size) : "null");
      }
      return g;
    }
    case K::LIST_VIEW:
    case K::LARGE_LIST_VIEW: {
      // Views anywhere in the child: overlapping, out of order, empty.
      std::vector<bool> valid = validity(r, n, o);
      const int64_t m = n + r.range(1, n + 1);
      Gen child = generate(s.children[0].second, r, m, o);
      std::vector<int64_t> offsets, sizes;
      Gen g;
      for (int64_t i = 0; i < n; ++i) {
        int64_t off = r.range(0, m - 1);
        int64_t size = r.chance(15) ? 0 : r.range(0, std::min<int64_t>(4, m - off));
        offsets.push_back(off);
        sizes.push_back(size);
        g.json.push_back(is_valid(valid, i) ? join(child.json, off, off + size) : "null");
      }
      if (s.kind == K::LARGE_LIST_VIEW) {
        g.column = large_list_view_column(offsets, sizes, child.column, valid);
      } else {
        g.column =
            list_view_column(std::vector<int32_t>(offsets.begin(), offsets.end()),
                             std::vector<int32_t>(sizes.begin(), sizes.end()), child.column, valid);
      }
      return g;
    }
    case K::STRUCT: {
      std::vector<bool> valid = validity(r, n, o);
      NamedColumns fields;
      std::vector<Gen> children;
      for (const auto& [name, shape] : s.children) {
        children.push_back(generate(shape, r, n, o));
        fields.push_back({name, children.back().column});
      }
      Gen g;
      g.column = nullable_struct_column(fields, valid);
      g.column.length = n;
      for (int64_t i = 0; i < n; ++i) {
        if (!is_valid(valid, i)) {
          g.json.push_back("null");
          continue;
        }
        std::string e = "{";
        for (size_t c = 0; c < children.size(); ++c) {
          e += (c ? "," : "") + json_string(s.children[c].first) + ":" +
               children[c].json[static_cast<size_t>(i)];
        }
        g.json.push_back(e + "}");
      }
      return g;
    }
    default:
      return generate_leaf(s, r, n, o);
  }
}

// Without nulls every node is declared non-nullable (map keys always are).
ArrowColumn declare(ArrowColumn c, const Shape& s, const Options& o) {
  if (!o.nulls) c = c.not_null();
  if (s.kind == K::DICT_UTF8 || s.kind == K::REE_UTF8 || s.children.empty()) return c;
  if (s.kind == K::MAP) {
    ArrowColumn& entries = c.children[0];
    entries.children[1] = declare(entries.children[1], s.children[1].second, o);
    return c;
  }
  for (size_t i = 0; i < s.children.size(); ++i) {
    c.children[i] = declare(c.children[i], s.children[i].second, o);
  }
  return c;
}

Gen generate(const Shape& s, Rng& r, int64_t n, const Options& o) {
  // Sliced: most arrays get a few leading entries they do not show.
  int64_t lead = o.sliced && r.chance(70) ? r.range(1, 5) : 0;
  Gen g = generate_nested(s, r, n + lead, o);
  if (lead > 0) {
    g.column = g.column.sliced(lead, n);
    g.json.erase(g.json.begin(), g.json.begin() + lead);
  }
  return g;
}

// The manifest's type descriptor of a shape.
std::string descriptor(const Shape& s, bool nullable) {
  const std::string null_key = std::string(",\"nullable\":") + (nullable ? "true" : "false");
  auto simple = [&](const char* t) {
    return std::string("\"arrow_type\":\"") + t + "\"" + null_key;
  };
  auto child = [&](const Shape& c, bool n) { return "{" + descriptor(c, n) + "}"; };
  switch (s.kind) {
    case K::INT32:
      return simple("int32");
    case K::INT64:
      return simple("int64");
    case K::FLOAT64:
      return simple("float64");
    case K::BOOL:
      return simple("bool");
    case K::UTF8:
      return simple("utf8");
    case K::DICT_UTF8:
      return simple("utf8") + ",\"dictionary_index\":\"int16\"";
    case K::REE_UTF8:
      return simple("utf8") + ",\"run_end_encoded\":\"int32\"";
    case K::LIST:
      return simple("list") + ",\"item\":" + child(s.children[0].second, nullable);
    case K::LARGE_LIST:
      return simple("large_list") + ",\"item\":" + child(s.children[0].second, nullable);
    // List views are stored as lists, in the data and in ARROW:schema (see
    // stored_arrow_schema): readers restore lists.
    case K::LIST_VIEW:
      return simple("list") + ",\"item\":" + child(s.children[0].second, nullable);
    case K::LARGE_LIST_VIEW:
      return simple("large_list") + ",\"item\":" + child(s.children[0].second, nullable);
    case K::FIXED_LIST:
      return simple("fixed_size_list") + ",\"list_size\":" + std::to_string(s.list_size) +
             ",\"item\":" + child(s.children[0].second, nullable);
    case K::MAP:
      return simple("map") + ",\"key\":" + child(s.children[0].second, false) +
             ",\"value\":" + child(s.children[1].second, nullable);
    case K::STRUCT: {
      std::string f = simple("struct") + ",\"fields\":[";
      for (size_t i = 0; i < s.children.size(); ++i) {
        f += (i ? "," : "") + std::string("{\"name\":") + json_string(s.children[i].first) + "," +
             descriptor(s.children[i].second, nullable) + "}";
      }
      return f + "]";
    }
  }
  return "";
}

using Columns = std::vector<std::pair<std::string, Shape>>;

// The shapes of the main files; list views and run-end encoding go in their
// own files so a reader that lacks them cannot hide the others.
Columns main_shapes() {
  Shape tags = list_of(K::LIST, leaf(K::UTF8));
  return {
      {"id", leaf(K::INT64)},
      {"l_int", list_of(K::LIST, leaf(K::INT32))},
      {"l_str", list_of(K::LARGE_LIST, leaf(K::UTF8))},
      {"fl_f64", list_of(K::FIXED_LIST, leaf(K::FLOAT64), 3)},
      {"s",
       struct_of(
           {{"a", leaf(K::INT32)}, {"b", leaf(K::UTF8)}, {"c", list_of(K::LIST, leaf(K::BOOL))}})},
      {"ls", list_of(K::LIST, struct_of({{"x", leaf(K::INT64)}, {"y", tags}}))},
      {"sls", struct_of({{"items",
                          list_of(K::LIST, struct_of({{"id", leaf(K::INT32)}, {"tags", tags}}))}})},
      {"m", map_of(leaf(K::INT64))},
      {"ms", map_of(struct_of({{"p", leaf(K::FLOAT64)}, {"q", leaf(K::UTF8)}}))},
      {"lm", list_of(K::LIST, map_of(leaf(K::INT32)))},
      {"ll", list_of(K::LIST, list_of(K::LIST, leaf(K::INT32)))},
      {"ld", list_of(K::LIST, leaf(K::DICT_UTF8))},
  };
}

Columns view_shapes() {
  return {
      {"id", leaf(K::INT64)},
      {"lv", list_of(K::LIST_VIEW, leaf(K::INT64))},
      {"llv",
       list_of(K::LARGE_LIST_VIEW, struct_of({{"a", leaf(K::INT32)}, {"b", leaf(K::UTF8)}}))},
      {"ree", leaf(K::REE_UTF8)},
  };
}

struct NestedFile {
  std::string name;
  Columns columns;
  Options options;
  bool dictionary;
  WriterVersion version;
  Compression codec;
  std::string store;
  std::optional<Encoding> encoding = std::nullopt;  // for every leaf it fits
};

// Whether `e` fits a leaf of kind `k` (and every reader reads it there:
// DuckDB reads BYTE_STREAM_SPLIT only on FLOAT/DOUBLE).
bool encoding_fits(Encoding e, K k) {
  const bool text = k == K::UTF8 || k == K::DICT_UTF8 || k == K::REE_UTF8;
  switch (e) {
    case Encoding::DELTA_BINARY_PACKED:
      return k == K::INT32 || k == K::INT64;
    case Encoding::DELTA_LENGTH_BYTE_ARRAY:
    case Encoding::DELTA_BYTE_ARRAY:
      return text;
    case Encoding::BYTE_STREAM_SPLIT:
      return k == K::FLOAT64;
    default:
      return false;
  }
}

// Sets `e` on every leaf below `s` (Parquet path `path`) that it fits.
void set_leaf_encodings(WriterPropertiesBuilder& b, const Shape& s, std::vector<std::string> path,
                        Encoding e) {
  switch (s.kind) {
    case K::STRUCT:
      for (const auto& [name, child] : s.children) {
        auto p = path;
        p.push_back(name);
        set_leaf_encodings(b, child, p, e);
      }
      return;
    case K::MAP:
      path.push_back("key_value");
      for (const auto& [name, child] : s.children) {  // "key", "value"
        auto p = path;
        p.push_back(name);
        set_leaf_encodings(b, child, p, e);
      }
      return;
    case K::LIST:
    case K::LARGE_LIST:
    case K::FIXED_LIST:
    case K::LIST_VIEW:
    case K::LARGE_LIST_VIEW:
      path.push_back("list");
      path.push_back("element");
      set_leaf_encodings(b, s.children[0].second, path, e);
      return;
    default:
      if (encoding_fits(e, s.kind)) b.set_column_encoding(ColumnPath(path), e);
  }
}

void write_nested_file(const std::filesystem::path& dir, const NestedFile& f, int64_t rows,
                       std::ostream& manifest, bool first) {
  Rng rng{std::hash<std::string>{}(f.name)};
  const Options& o = f.options;
  auto props = WriterProperties::builder()
                   .set_compression(f.codec)
                   .set_writer_version(f.version)
                   .set_dictionary_enabled(f.dictionary)
                   .set_dictionary_page_size_limit(2048)
                   .set_data_page_size_limit(1024)
                   .set_data_page_row_count_limit(300)
                   .set_write_batch_size(64)
                   .set_max_row_group_row_count(static_cast<size_t>(rows / 2 + 1))
                   .set_page_checksum_enabled(f.encoding.has_value());
  if (f.encoding) {
    for (const auto& [name, shape] : f.columns)
      set_leaf_encodings(props, shape, {name}, *f.encoding);
  }
  ArrowWriterOptions options;
  options.with_properties(props.build());
  if (f.store == "spill") {
    options.with_page_store_factory(std::make_shared<SpillFilePageStoreFactory>());
  } else if (f.store == "budget") {
    options.with_page_store_factory(std::make_shared<BudgetedPageStoreFactory>(
        16 * 1024, std::make_shared<SpillFilePageStoreFactory>()));
  }
  // Batches of uneven sizes. Sliced: slices of one long array per column,
  // alternating the two ways a batch can be sliced. Otherwise: each batch
  // generated on its own, every offset 0.
  const int64_t lead = o.sliced ? 29 : 0;
  std::vector<std::vector<std::string>> json(f.columns.size());
  auto make_columns = [&](int64_t n) {
    NamedColumns cols;
    for (size_t c = 0; c < f.columns.size(); ++c) {
      Rng col_rng{mix(rng.next() + c)};
      Gen g = generate(f.columns[c].second, col_rng, n, o);
      cols.push_back({f.columns[c].first, declare(g.column, f.columns[c].second, o)});
      json[c].insert(json[c].end(), g.json.begin(), g.json.end());
    }
    return cols;
  };
  auto path = dir / (f.name + ".parquet");
  NamedColumns full;
  if (o.sliced) {
    full = make_columns(rows + lead);
    for (auto& j : json) j.erase(j.begin(), j.begin() + lead);
  }
  std::optional<ArrowWriter> writer;
  int64_t pos = 0;
  for (int k = 0; pos < rows; ++k) {
    int64_t len = std::min<int64_t>(rows - pos, 90 + 137 * (k % 4));
    OwnedArray batch = !o.sliced      ? make_batch(make_columns(len))
                       : (k % 2 == 0) ? slice_batch(full, lead + pos, len)
                                      : slice_batch_children(full, lead + pos, len);
    if (!writer) writer.emplace(ArrowWriter::open(path, &batch.schema, options));
    ArrowArray moved = batch.array;
    batch.array.release = nullptr;
    writer->write(&moved);
    pos += len;
  }
  writer->close();

  manifest << (first ? "" : ",\n") << "{\"path\":" << json_string(path.filename().string())
           << ",\"num_rows\":" << rows << ",\"props\":{\"codec\":\"" << to_string(f.codec)
           << "\",\"dictionary\":" << (f.dictionary ? "true" : "false") << ",\"version\":\""
           << (f.version == WriterVersion::PARQUET_2_0 ? "2.0" : "1.0")
           << "\",\"nulls\":" << (o.nulls ? "true" : "false")
           << ",\"sliced\":" << (o.sliced ? "true" : "false") << ",\"encoding\":\""
           << (f.encoding ? std::string(to_string(*f.encoding)) : std::string("default"))
           << "\",\"page_checksums\":" << (f.encoding ? "true" : "false") << ",\"store\":\""
           << f.store << "\"},\"columns\":[";
  for (size_t c = 0; c < f.columns.size(); ++c) {
    manifest << (c ? ",\n" : "\n") << "{\"name\":" << json_string(f.columns[c].first) << ","
             << descriptor(f.columns[c].second, o.nulls) << ",\"values\":[";
    for (size_t i = 0; i < json[c].size(); ++i) manifest << (i ? "," : "") << json[c][i];
    manifest << "]}";
  }
  manifest << "]}";
}

}  // namespace

size_t write_nested_matrix(const std::filesystem::path& dir, int64_t rows, std::ostream& manifest,
                           bool first) {
  const Compression codecs[] = {Compression::UNCOMPRESSED, Compression::SNAPPY,
                                Compression::GZIP,         Compression::BROTLI,
                                Compression::ZSTD,         Compression::LZ4_RAW};
  const char* stores[] = {"memory", "spill", "budget"};
  std::vector<NestedFile> files;
  for (bool nulls : {true, false}) {
    for (bool sliced : {true, false}) {
      for (bool dict : {true, false}) {
        for (WriterVersion v : {WriterVersion::PARQUET_1_0, WriterVersion::PARQUET_2_0}) {
          size_t i = files.size();
          std::string name = std::string("nested_") + (nulls ? "nulls" : "nonull") + "_" +
                             (sliced ? "sliced" : "whole") + "_" + (dict ? "dict" : "plain") + "_" +
                             (v == WriterVersion::PARQUET_2_0 ? "v2" : "v1");
          files.push_back(
              {name, main_shapes(), {nulls, sliced}, dict, v, codecs[i % 6], stores[i % 3]});
        }
      }
    }
  }
  for (bool nulls : {true, false}) {
    for (WriterVersion v : {WriterVersion::PARQUET_1_0, WriterVersion::PARQUET_2_0}) {
      size_t i = files.size();
      std::string name = std::string("nested_views_") + (nulls ? "nulls" : "nonull") + "_" +
                         (v == WriterVersion::PARQUET_2_0 ? "v2" : "v1");
      files.push_back({name, view_shapes(), {nulls, true}, nulls, v, codecs[i % 6], stores[i % 3]});
    }
  }
  // Each explicit encoding on the leaves it fits, dictionary off.
  for (Encoding e : {Encoding::DELTA_BINARY_PACKED, Encoding::DELTA_LENGTH_BYTE_ARRAY,
                     Encoding::DELTA_BYTE_ARRAY, Encoding::BYTE_STREAM_SPLIT}) {
    for (bool nulls : {true, false}) {
      size_t i = files.size();
      WriterVersion v = nulls ? WriterVersion::PARQUET_1_0 : WriterVersion::PARQUET_2_0;
      std::string name =
          "nested_enc_" + std::string(to_string(e)) + "_" + (nulls ? "nulls_v1" : "nonull_v2");
      NestedFile f{name, main_shapes(), {nulls, true}, false, v, codecs[i % 6], stores[i % 3]};
      f.encoding = e;
      files.push_back(f);
    }
  }
  for (size_t i = 0; i < files.size(); ++i) {
    write_nested_file(dir, files[i], rows, manifest, first && i == 0);
  }
  return files.size();
}

}  // namespace spillway::test

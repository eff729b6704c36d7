#include "support/parquet_verifier.h"

#include <zlib.h>

#include <optional>
#include <string>

#include "compression/codec.h"
#include "encodings/decoder.h"
#include "encodings/levels.h"
#include "encodings/physical_types.h"
#include "format/file_layout.h"
#include "spillway/error.h"
#include "util/byte_buffer.h"

namespace spillway::test {

namespace {

[[noreturn]] void bad(const std::string& where, const std::string& what) {
  throw Error("verify: " + where + ": " + what);
}

template <typename DType>
std::string encode_one(const typename DType::value_type& v, int32_t type_length) {
  if constexpr (DType::type == PhysicalType::BOOLEAN) {
    return std::string(1, v ? '\1' : '\0');
  } else if constexpr (DType::type == PhysicalType::BYTE_ARRAY) {
    return std::string(reinterpret_cast<const char*>(v.ptr), v.len);
  } else if constexpr (DType::type == PhysicalType::FIXED_LEN_BYTE_ARRAY) {
    return std::string(reinterpret_cast<const char*>(v.ptr), static_cast<size_t>(type_length));
  } else {
    return plain(v);
  }
}

template <typename DType>
std::vector<std::string> decode_as_strings(Encoding e, std::span<const uint8_t> in, size_t n,
                                           int32_t type_length) {
  std::vector<uint8_t> storage;
  auto values = decode_values<DType>(e, in, n, type_length, &storage);
  std::vector<std::string> out;
  out.reserve(values.size());
  for (const auto& v : values) out.push_back(encode_one<DType>(v, type_length));
  return out;
}

std::vector<std::string> decode_plain_or_other(PhysicalType t, Encoding e,
                                               std::span<const uint8_t> in, size_t n,
                                               int32_t type_length) {
  switch (t) {
    case PhysicalType::BOOLEAN:
      return decode_as_strings<BooleanType>(e, in, n, type_length);
    case PhysicalType::INT32:
      return decode_as_strings<Int32Type>(e, in, n, type_length);
    case PhysicalType::INT64:
      return decode_as_strings<Int64Type>(e, in, n, type_length);
    case PhysicalType::FLOAT:
      return decode_as_strings<FloatType>(e, in, n, type_length);
    case PhysicalType::DOUBLE:
      return decode_as_strings<DoubleType>(e, in, n, type_length);
    case PhysicalType::BYTE_ARRAY:
      return decode_as_strings<ByteArrayType>(e, in, n, type_length);
    case PhysicalType::FIXED_LEN_BYTE_ARRAY:
      return decode_as_strings<FLBAType>(e, in, n, type_length);
    default:
      throw Error("verify: unsupported physical type");
  }
}

struct LeafInfo {
  PhysicalType type;
  int32_t type_length = 0;
  int16_t max_def = 0;
  int16_t max_rep = 0;
};

// Walks the schema to find each leaf's levels.
std::vector<LeafInfo> leaves_of(const std::vector<SchemaElement>& schema) {
  std::vector<LeafInfo> out;
  struct Frame {
    int remaining;
    int16_t def, rep;
  };
  std::vector<Frame> stack;
  if (schema.empty()) throw Error("verify: empty schema");
  stack.push_back({schema[0].num_children.value_or(0), 0, 0});
  for (size_t i = 1; i < schema.size(); ++i) {
    while (!stack.empty() && stack.back().remaining == 0) stack.pop_back();
    if (stack.empty()) throw Error("verify: schema has more elements than its tree");
    Frame& parent = stack.back();
    --parent.remaining;
    const SchemaElement& e = schema[i];
    int16_t def = parent.def, rep = parent.rep;
    auto r = e.repetition_type.value_or(FieldRepetitionType::REQUIRED);
    if (r != FieldRepetitionType::REQUIRED) ++def;
    if (r == FieldRepetitionType::REPEATED) ++rep;
    if (e.num_children && *e.num_children > 0) {
      stack.push_back({*e.num_children, def, rep});
    } else {
      if (!e.type) throw Error("verify: leaf '" + e.name + "' has no physical type");
      out.push_back({*e.type, e.type_length.value_or(0), def, rep});
    }
  }
  return out;
}

void read_chunk(std::span<const uint8_t> file, const ColumnChunk& cc, const LeafInfo& leaf,
                int64_t rg_rows, DecodedColumn& out, const std::string& where) {
  if (!cc.meta_data) bad(where, "no meta_data");
  const ColumnMetaData& md = *cc.meta_data;
  auto pages = read_column_chunk_pages(file, cc);
  auto codec = make_decompressor(md.codec);
  std::vector<std::string> dictionary;
  bool have_dictionary = false;
  int64_t values_seen = 0;
  int64_t rows_seen = 0;
  int64_t nulls_seen = 0;
  std::vector<int64_t> data_page_offsets;
  std::vector<int64_t> first_rows;
  ByteBuffer scratch;
  for (size_t p = 0; p < pages.size(); ++p) {
    const RawPage& page = pages[p];
    const PageHeader& h = page.header;
    std::string pw = where + " page " + std::to_string(p);
    if (h.crc) {
      const auto crc =
          static_cast<int32_t>(::crc32(0L, page.body.data(), static_cast<uInt>(page.body.size())));
      if (crc != *h.crc) bad(pw, "crc does not match the page's bytes");
      out.pages_with_crc++;
    }
    if (h.type == PageType::DICTIONARY_PAGE) {
      if (p != 0) bad(pw, "dictionary page is not first in its chunk");
      if (!md.dictionary_page_offset || *md.dictionary_page_offset != page.offset) {
        bad(pw, "dictionary_page_offset does not point at the dictionary page");
      }
      const auto& dh = *h.dictionary_page_header;
      scratch.clear();
      std::span<const uint8_t> body = page.body;
      if (codec) {
        codec->decompress(page.body, static_cast<size_t>(h.uncompressed_page_size), scratch);
        body = scratch.span();
      }
      dictionary = decode_plain_or_other(leaf.type, Encoding::PLAIN, body,
                                         static_cast<size_t>(dh.num_values), leaf.type_length);
      have_dictionary = true;
      ++out.num_dictionary_pages;
      continue;
    }
    if (data_page_offsets.empty() && md.data_page_offset != page.offset) {
      bad(pw, "data_page_offset " + std::to_string(md.data_page_offset) +
                  " does not point at the first data page at " + std::to_string(page.offset));
    }
    data_page_offsets.push_back(page.offset);
    first_rows.push_back(rows_seen);
    ++out.num_data_pages;
    size_t num_values = 0;
    Encoding encoding;
    std::vector<int16_t> def(0), rep(0);
    std::span<const uint8_t> values_bytes;
    ByteBuffer decompressed;
    if (h.type == PageType::DATA_PAGE) {
      const auto& d = *h.data_page_header;
      num_values = static_cast<size_t>(d.num_values);
      encoding = d.encoding;
      std::span<const uint8_t> body = page.body;
      if (codec) {
        codec->decompress(page.body, static_cast<size_t>(h.uncompressed_page_size), decompressed);
        body = decompressed.span();
      }
      size_t pos = 0;
      rep.resize(num_values);
      def.resize(num_values);
      pos += decode_levels_v1(body.subspan(pos), leaf.max_rep, num_values, rep.data());
      pos += decode_levels_v1(body.subspan(pos), leaf.max_def, num_values, def.data());
      values_bytes = body.subspan(pos);
    } else if (h.type == PageType::DATA_PAGE_V2) {
      const auto& d = *h.data_page_header_v2;
      num_values = static_cast<size_t>(d.num_values);
      encoding = d.encoding;
      size_t rl = static_cast<size_t>(d.repetition_levels_byte_length);
      size_t dl = static_cast<size_t>(d.definition_levels_byte_length);
      if (rl + dl > page.body.size()) bad(pw, "level lengths exceed the page");
      rep.resize(num_values);
      def.resize(num_values);
      decode_levels_v2(page.body.subspan(0, rl), leaf.max_rep, num_values, rep.data());
      decode_levels_v2(page.body.subspan(rl, dl), leaf.max_def, num_values, def.data());
      std::span<const uint8_t> rest = page.body.subspan(rl + dl);
      if (codec && d.is_compressed.value_or(true)) {
        codec->decompress(rest, static_cast<size_t>(h.uncompressed_page_size) - rl - dl,
                          decompressed);
        values_bytes = decompressed.span();
      } else {
        values_bytes = rest;
      }
      int64_t nulls = 0;
      for (int16_t l : def) nulls += l < leaf.max_def;
      if (leaf.max_def == 0) nulls = 0;
      if (nulls != d.num_nulls)
        bad(pw, "num_nulls " + std::to_string(d.num_nulls) + " but levels say " +
                    std::to_string(nulls));
      int64_t rows = 0;
      for (size_t i = 0; i < num_values; ++i) rows += leaf.max_rep == 0 || rep[i] == 0;
      if (rows != d.num_rows) bad(pw, "num_rows mismatch");
    } else {
      bad(pw, "unexpected page type " + std::string(to_string(h.type)));
    }
    size_t non_null = 0;
    for (size_t i = 0; i < num_values; ++i) {
      if (leaf.max_def == 0 || def[i] == leaf.max_def) ++non_null;
      if (leaf.max_rep == 0 || rep[i] == 0) ++rows_seen;
      if (leaf.max_def > 0 && def[i] < leaf.max_def) ++nulls_seen;
    }
    if (leaf.max_rep > 0 && num_values > 0 && rep[0] != 0) bad(pw, "page does not start a row");
    std::vector<std::string> values;
    if (encoding == Encoding::RLE_DICTIONARY || encoding == Encoding::PLAIN_DICTIONARY) {
      if (!have_dictionary) bad(pw, "dictionary-encoded page without a dictionary page");
      auto idx = decode_dictionary_indices(values_bytes, non_null);
      for (uint32_t k : idx) {
        if (k >= dictionary.size()) bad(pw, "dictionary index out of range");
        values.push_back(dictionary[k]);
      }
    } else {
      values = decode_plain_or_other(leaf.type, encoding, values_bytes, non_null, leaf.type_length);
    }
    if (values.size() != non_null) bad(pw, "decoded value count mismatch");
    out.data_page_encodings.push_back(encoding);
    if (leaf.max_def > 0) out.def_levels.insert(out.def_levels.end(), def.begin(), def.end());
    if (leaf.max_rep > 0) out.rep_levels.insert(out.rep_levels.end(), rep.begin(), rep.end());
    for (auto& v : values) out.values.push_back(std::move(v));
    values_seen += static_cast<int64_t>(num_values);
  }
  if (values_seen != md.num_values) {
    bad(where, "num_values " + std::to_string(md.num_values) + " but pages hold " +
                   std::to_string(values_seen));
  }
  if (rows_seen != rg_rows) {
    bad(where, "row group has " + std::to_string(rg_rows) + " rows, chunk holds " +
                   std::to_string(rows_seen));
  }
  if (md.statistics && md.statistics->null_count && *md.statistics->null_count != nulls_seen) {
    bad(where, "statistics null_count " + std::to_string(*md.statistics->null_count) +
                   " but the pages hold " + std::to_string(nulls_seen) + " nulls");
  }
  if (auto oi = read_offset_index(file, cc)) {
    if (oi->page_locations.size() != data_page_offsets.size()) {
      bad(where, "offset index lists " + std::to_string(oi->page_locations.size()) +
                     " pages, chunk has " + std::to_string(data_page_offsets.size()));
    }
    for (size_t i = 0; i < data_page_offsets.size(); ++i) {
      const PageLocation& loc = oi->page_locations[i];
      if (loc.offset != data_page_offsets[i]) bad(where, "offset index page offset mismatch");
      if (loc.first_row_index != first_rows[i]) bad(where, "offset index first_row_index mismatch");
      if (i + 1 < data_page_offsets.size() &&
          loc.offset + loc.compressed_page_size != data_page_offsets[i + 1]) {
        bad(where, "offset index page size mismatch");
      }
    }
  }
  if (auto ci = read_column_index(file, cc)) {
    if (ci->null_pages.size() != data_page_offsets.size() ||
        ci->min_values.size() != data_page_offsets.size() ||
        ci->max_values.size() != data_page_offsets.size()) {
      bad(where, "column index does not have one entry per data page");
    }
    if (!cc.offset_index_offset) bad(where, "column index without an offset index");
  }
}

}  // namespace

DecodedFile read_parquet(std::span<const uint8_t> file) {
  ParquetFooter footer = read_footer(file);
  DecodedFile out;
  out.metadata = footer.metadata;
  std::vector<LeafInfo> leaves = leaves_of(out.metadata.schema);
  out.columns.resize(leaves.size());
  int64_t total_rows = 0;
  for (size_t rg = 0; rg < out.metadata.row_groups.size(); ++rg) {
    const RowGroup& group = out.metadata.row_groups[rg];
    if (group.columns.size() != leaves.size()) {
      throw Error("verify: row group " + std::to_string(rg) + " has " +
                  std::to_string(group.columns.size()) + " columns, schema has " +
                  std::to_string(leaves.size()) + " leaves");
    }
    for (size_t c = 0; c < leaves.size(); ++c) {
      read_chunk(file, group.columns[c], leaves[c], group.num_rows, out.columns[c],
                 "row group " + std::to_string(rg) + " column " + std::to_string(c));
    }
    total_rows += group.num_rows;
  }
  if (total_rows != out.metadata.num_rows) throw Error("verify: num_rows mismatch");
  return out;
}

DecodedFile read_parquet_file(const std::string& path) {
  std::vector<uint8_t> bytes = read_whole_file(path);
  return read_parquet(bytes);
}

std::vector<std::optional<std::string>> flat_values(const DecodedColumn& c) {
  std::vector<std::optional<std::string>> out;
  if (c.def_levels.empty()) {
    for (const auto& v : c.values) out.emplace_back(v);
    return out;
  }
  size_t k = 0;
  for (int16_t d : c.def_levels) {
    if (d == 1) {
      out.emplace_back(c.values.at(k++));
    } else {
      out.emplace_back(std::nullopt);
    }
  }
  return out;
}

}  // namespace spillway::test

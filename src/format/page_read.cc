// Parses PageHeader, ColumnIndex and OffsetIndex (metadata_io.h).

#include "format/metadata_io.h"
#include "format/struct_reader.h"

namespace spillway {
namespace {

DataPageHeader parse_data_page_header(CompactReader& r) {
  DataPageHeader h;
  StructReader s(r, "DataPageHeader");
  while (s.next()) {
    switch (s.id()) {
      case 1:
        h.num_values = s.i32("num_values");
        break;
      case 2:
        h.encoding = s.enumeration<Encoding>("encoding");
        break;
      case 3:
        h.definition_level_encoding = s.enumeration<Encoding>("definition_level_encoding");
        break;
      case 4:
        h.repetition_level_encoding = s.enumeration<Encoding>("repetition_level_encoding");
        break;
      case 5:
        h.statistics = parse_statistics(s.nested("statistics"));
        break;
      default:
        s.skip();
    }
  }
  s.require(1, "num_values");
  s.require(2, "encoding");
  s.require(3, "definition_level_encoding");
  s.require(4, "repetition_level_encoding");
  return h;
}

DictionaryPageHeader parse_dictionary_page_header(CompactReader& r) {
  DictionaryPageHeader h;
  StructReader s(r, "DictionaryPageHeader");
  while (s.next()) {
    switch (s.id()) {
      case 1:
        h.num_values = s.i32("num_values");
        break;
      case 2:
        h.encoding = s.enumeration<Encoding>("encoding");
        break;
      case 3:
        h.is_sorted = s.boolean("is_sorted");
        break;
      default:
        s.skip();
    }
  }
  s.require(1, "num_values");
  s.require(2, "encoding");
  return h;
}

DataPageHeaderV2 parse_data_page_header_v2(CompactReader& r) {
  DataPageHeaderV2 h;
  StructReader s(r, "DataPageHeaderV2");
  while (s.next()) {
    switch (s.id()) {
      case 1:
        h.num_values = s.i32("num_values");
        break;
      case 2:
        h.num_nulls = s.i32("num_nulls");
        break;
      case 3:
        h.num_rows = s.i32("num_rows");
        break;
      case 4:
        h.encoding = s.enumeration<Encoding>("encoding");
        break;
      case 5:
        h.definition_levels_byte_length = s.i32("definition_levels_byte_length");
        break;
      case 6:
        h.repetition_levels_byte_length = s.i32("repetition_levels_byte_length");
        break;
      case 7:
        h.is_compressed = s.boolean("is_compressed");
        break;
      case 8:
        h.statistics = parse_statistics(s.nested("statistics"));
        break;
      default:
        s.skip();
    }
  }
  s.require(1, "num_values");
  s.require(2, "num_nulls");
  s.require(3, "num_rows");
  s.require(4, "encoding");
  s.require(5, "definition_levels_byte_length");
  s.require(6, "repetition_levels_byte_length");
  return h;
}

PageLocation parse_page_location(CompactReader& r) {
  PageLocation p;
  StructReader s(r, "PageLocation");
  while (s.next()) {
    switch (s.id()) {
      case 1:
        p.offset = s.i64("offset");
        break;
      case 2:
        p.compressed_page_size = s.i32("compressed_page_size");
        break;
      case 3:
        p.first_row_index = s.i64("first_row_index");
        break;
      default:
        s.skip();
    }
  }
  s.require(1, "offset");
  s.require(2, "compressed_page_size");
  s.require(3, "first_row_index");
  return p;
}

}  // namespace

PageHeader read_page_header(std::span<const uint8_t> bytes, size_t* header_length) {
  CompactReader r(bytes);
  PageHeader h;
  StructReader s(r, "PageHeader");
  while (s.next()) {
    switch (s.id()) {
      case 1:
        h.type = s.enumeration<PageType>("type");
        break;
      case 2:
        h.uncompressed_page_size = s.i32("uncompressed_page_size");
        break;
      case 3:
        h.compressed_page_size = s.i32("compressed_page_size");
        break;
      case 4:
        h.crc = s.i32("crc");
        break;
      case 5:
        h.data_page_header = parse_data_page_header(s.nested("data_page_header"));
        break;
      case 7:
        h.dictionary_page_header = parse_dictionary_page_header(s.nested("dictionary_page_header"));
        break;
      case 8:
        h.data_page_header_v2 = parse_data_page_header_v2(s.nested("data_page_header_v2"));
        break;
      default:
        s.skip();  // 6: index_page_header
    }
  }
  s.require(1, "type");
  s.require(2, "uncompressed_page_size");
  s.require(3, "compressed_page_size");
  if (header_length) *header_length = r.position();
  return h;
}

ColumnIndex read_column_index(std::span<const uint8_t> bytes, size_t* consumed) {
  CompactReader r(bytes);
  ColumnIndex c;
  StructReader s(r, "ColumnIndex");
  while (s.next()) {
    switch (s.id()) {
      case 1:
        s.list("null_pages", kBoolElement, [&] { c.null_pages.push_back(r.read_bool_elem()); });
        break;
      case 2:
        s.list("min_values", CType::BINARY, [&] { c.min_values.push_back(r.read_binary()); });
        break;
      case 3:
        s.list("max_values", CType::BINARY, [&] { c.max_values.push_back(r.read_binary()); });
        break;
      case 4:
        c.boundary_order = s.enumeration<BoundaryOrder>("boundary_order");
        break;
      case 5:
        c.null_counts = s.i64_list("null_counts");
        break;
      case 6:
        c.repetition_level_histograms = s.i64_list("repetition_level_histograms");
        break;
      case 7:
        c.definition_level_histograms = s.i64_list("definition_level_histograms");
        break;
      case 8:
        c.nan_counts = s.i64_list("nan_counts");
        break;
      default:
        s.skip();
    }
  }
  s.require(1, "null_pages");
  s.require(2, "min_values");
  s.require(3, "max_values");
  s.require(4, "boundary_order");
  if (consumed) *consumed = r.position();
  return c;
}

OffsetIndex read_offset_index(std::span<const uint8_t> bytes, size_t* consumed) {
  CompactReader r(bytes);
  OffsetIndex o;
  StructReader s(r, "OffsetIndex");
  while (s.next()) {
    switch (s.id()) {
      case 1:
        s.list("page_locations", CType::STRUCT,
               [&] { o.page_locations.push_back(parse_page_location(r)); });
        break;
      case 2:
        o.unencoded_byte_array_data_bytes = s.i64_list("unencoded_byte_array_data_bytes");
        break;
      default:
        s.skip();
    }
  }
  s.require(1, "page_locations");
  if (consumed) *consumed = r.position();
  return o;
}

}  // namespace spillway

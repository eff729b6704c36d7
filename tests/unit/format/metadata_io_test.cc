#include "format/metadata_io.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "format/thrift_compact.h"
#include "spillway/error.h"

namespace spillway {
namespace {

using Bytes8 = std::vector<uint8_t>;

Bytes8 bytes_of(const ByteBuffer& b) {
  return Bytes8(b.data(), b.data() + b.size());
}

template <typename T>
Bytes8 serialize(const T& v) {
  ByteBuffer buf;
  write_thrift(v, buf);
  return bytes_of(buf);
}

Statistics full_statistics() {
  Statistics s;
  s.max = std::string("\xff\x01", 2);
  s.min = std::string("\x00\x00", 2);
  s.null_count = 3;
  s.distinct_count = 17;
  s.max_value = "zebra";
  s.min_value = "aardvark";
  s.is_max_value_exact = true;
  s.is_min_value_exact = false;
  s.nan_count = 0;
  return s;
}

SchemaElement leaf(std::string name, PhysicalType type, LogicalType logical) {
  SchemaElement e;
  e.type = type;
  e.repetition_type = FieldRepetitionType::OPTIONAL;
  e.name = std::move(name);
  e.logical_type = logical;
  return e;
}

FileMetaData full_file_metadata() {
  FileMetaData m;
  m.version = 2;
  SchemaElement root;
  root.name = "schema";
  root.num_children = 18;
  m.schema.push_back(root);

  SchemaElement dec = leaf("dec", PhysicalType::FIXED_LEN_BYTE_ARRAY, LogicalType::decimal(20, 4));
  dec.type_length = 9;
  dec.converted_type = ConvertedType::DECIMAL;
  dec.scale = 4;
  dec.precision = 20;
  dec.field_id = 42;
  m.schema.push_back(dec);
  m.schema.push_back(leaf("s", PhysicalType::BYTE_ARRAY, LogicalType::string()));
  m.schema.push_back(leaf("d", PhysicalType::INT32, LogicalType::date()));
  m.schema.push_back(leaf("null", PhysicalType::INT32, LogicalType::unknown()));
  m.schema.push_back(leaf("f16", PhysicalType::FIXED_LEN_BYTE_ARRAY, LogicalType::float16()));
  m.schema.push_back(leaf("t_ms", PhysicalType::INT32, LogicalType::time(true, TimeUnit::MILLIS)));
  m.schema.push_back(leaf("t_us", PhysicalType::INT64, LogicalType::time(false, TimeUnit::MICROS)));
  m.schema.push_back(leaf("t_ns", PhysicalType::INT64, LogicalType::time(true, TimeUnit::NANOS)));
  m.schema.push_back(
      leaf("ts_ms", PhysicalType::INT64, LogicalType::timestamp(false, TimeUnit::MILLIS)));
  m.schema.push_back(
      leaf("ts_us", PhysicalType::INT64, LogicalType::timestamp(true, TimeUnit::MICROS)));
  m.schema.push_back(
      leaf("ts_ns", PhysicalType::INT64, LogicalType::timestamp(false, TimeUnit::NANOS)));
  m.schema.push_back(leaf("u8", PhysicalType::INT32, LogicalType::integer(8, false)));
  m.schema.push_back(leaf("i64", PhysicalType::INT64, LogicalType::integer(64, true)));
  for (auto kind : {LogicalType::Kind::MAP, LogicalType::Kind::LIST, LogicalType::Kind::ENUM,
                    LogicalType::Kind::JSON, LogicalType::Kind::BSON, LogicalType::Kind::UUID}) {
    SchemaElement e;
    e.name = "k" + std::to_string(static_cast<int>(kind));
    e.repetition_type = FieldRepetitionType::REQUIRED;
    e.logical_type = LogicalType{kind};
    m.schema.push_back(e);
  }

  m.num_rows = 1LL << 40;
  for (int g = 0; g < 2; ++g) {
    RowGroup rg;
    for (int c = 0; c < 2; ++c) {
      ColumnChunk cc;
      cc.file_path = "part-0.parquet";
      cc.file_offset = 0;
      ColumnMetaData md;
      md.type = PhysicalType::BYTE_ARRAY;
      md.encodings = {Encoding::PLAIN, Encoding::RLE, Encoding::RLE_DICTIONARY};
      md.path_in_schema = {"a", "b" + std::to_string(c)};
      md.codec = CompressionCodec::ZSTD;
      md.num_values = 1000 + c;
      md.total_uncompressed_size = 123456789012LL;
      md.total_compressed_size = 2345;
      md.key_value_metadata = {{"k", "v"}, {"no_value", std::nullopt}};
      md.data_page_offset = 100 + g;
      md.index_page_offset = 7;
      md.dictionary_page_offset = 4;
      md.statistics = full_statistics();
      md.encoding_stats = {{PageType::DICTIONARY_PAGE, Encoding::PLAIN, 1},
                           {PageType::DATA_PAGE, Encoding::RLE_DICTIONARY, 12}};
      md.bloom_filter_offset = 5000;
      md.bloom_filter_length = 1024;
      md.size_statistics =
          SizeStatistics{999, std::vector<int64_t>{1, 2}, std::vector<int64_t>{3, 4, 5}};
      cc.meta_data = md;
      cc.offset_index_offset = 9000;
      cc.offset_index_length = 30;
      cc.column_index_offset = 8000;
      cc.column_index_length = 40;
      rg.columns.push_back(cc);
    }
    rg.total_byte_size = 4096;
    rg.num_rows = 500;
    rg.sorting_columns = {{0, true, false}, {1, false, true}};
    rg.file_offset = 4;
    rg.total_compressed_size = 4000;
    rg.ordinal = static_cast<int16_t>(g);
    m.row_groups.push_back(rg);
  }
  m.key_value_metadata = {{"ARROW:schema", std::string("\x00\x01\x02", 3)}};
  m.created_by = "spillway version 0.1.0";
  m.column_orders = {ColumnOrder::TYPE_ORDER, ColumnOrder::IEEE_754_TOTAL_ORDER,
                     ColumnOrder::INT96_TIMESTAMP_ORDER};
  return m;
}

TEST(MetadataIo, FullyPopulatedFileMetaDataRoundTrips) {
  FileMetaData m = full_file_metadata();
  Bytes8 bytes = serialize(m);
  size_t consumed = 0;
  FileMetaData back = read_file_metadata(bytes, &consumed);
  EXPECT_EQ(consumed, bytes.size());
  EXPECT_EQ(back, m);
  // Serialization is deterministic.
  EXPECT_EQ(serialize(back), bytes);
}

TEST(MetadataIo, MinimalFileMetaDataRoundTripsAndOmitsAbsentFields) {
  FileMetaData m;
  SchemaElement root;
  root.name = "r";
  m.schema.push_back(root);
  Bytes8 bytes = serialize(m);
  // version=1, schema: list of 1 struct {name "r"}, num_rows 0, row_groups: empty.
  EXPECT_EQ(bytes,
            (Bytes8{0x15, 0x02, 0x19, 0x1C, 0x48, 0x01, 'r', 0x00, 0x16, 0x00, 0x19, 0x0C, 0x00}));
  EXPECT_EQ(read_file_metadata(bytes), m);
}

TEST(MetadataIo, EveryTruncationThrows) {
  Bytes8 bytes = serialize(full_file_metadata());
  for (size_t n = 0; n < bytes.size(); ++n) {
    EXPECT_THROW(read_file_metadata(std::span<const uint8_t>(bytes.data(), n)), Error)
        << "prefix of " << n << " bytes";
  }
}

TEST(MetadataIo, CorruptBytesNeverCrash) {
  Bytes8 good = serialize(full_file_metadata());
  int errors = 0;
  for (size_t i = 0; i < good.size(); ++i) {
    for (uint8_t v : {0x00, 0x0F, 0x7F, 0x80, 0xFF}) {
      Bytes8 bad = good;
      bad[i] = v;
      try {
        read_file_metadata(bad);
      } catch (const Error&) {
        ++errors;
      }
    }
  }
  EXPECT_GT(errors, 0);
}

// Random multi-byte mutations, insertions and deletions of every structure:
// each parse either succeeds or throws spillway::Error (run under ASan/UBSan
// this also checks for out-of-bounds reads).
TEST(MetadataIo, RandomMutationsNeverCrash) {
  PageHeader page;
  page.data_page_header =
      DataPageHeader{5, Encoding::PLAIN, Encoding::RLE, Encoding::RLE, full_statistics()};
  ColumnIndex ci;
  ci.null_pages = {false, true};
  ci.min_values = {"a", ""};
  ci.max_values = {"b", ""};
  ci.null_counts = {0, 3};
  ci.nan_counts = {1, 0};
  OffsetIndex oi;
  oi.page_locations = {{4, 10, 0}, {14, 10, 5}};
  oi.unencoded_byte_array_data_bytes = {7, 8};
  const std::vector<Bytes8> inputs = {serialize(full_file_metadata()), serialize(page),
                                      serialize(ci), serialize(oi)};
  std::mt19937 rng(12345);
  for (size_t which = 0; which < inputs.size(); ++which) {
    for (int iter = 0; iter < 1500; ++iter) {
      Bytes8 bad = inputs[which];
      int edits = 1 + static_cast<int>(rng() % 4);
      for (int e = 0; e < edits && !bad.empty(); ++e) {
        size_t at = rng() % bad.size();
        switch (rng() % 3) {
          case 0:
            bad[at] = static_cast<uint8_t>(rng());
            break;
          case 1:
            bad.insert(bad.begin() + static_cast<std::ptrdiff_t>(at), static_cast<uint8_t>(rng()));
            break;
          default:
            bad.erase(bad.begin() + static_cast<std::ptrdiff_t>(at));
            break;
        }
      }
      size_t n = 0;
      try {
        switch (which) {
          case 0:
            read_file_metadata(bad, &n);
            break;
          case 1:
            read_page_header(bad, &n);
            break;
          case 2:
            read_column_index(bad, &n);
            break;
          default:
            read_offset_index(bad, &n);
            break;
        }
        EXPECT_LE(n, bad.size());
      } catch (const Error&) {
      }
    }
  }
}

TEST(MetadataIo, PageHeaderDictionaryExactBytes) {
  PageHeader h;
  h.type = PageType::DICTIONARY_PAGE;
  h.uncompressed_page_size = 10;
  h.compressed_page_size = 8;
  h.dictionary_page_header = DictionaryPageHeader{2, Encoding::PLAIN, std::nullopt};
  Bytes8 bytes = serialize(h);
  EXPECT_EQ(bytes, (Bytes8{0x15, 0x04, 0x15, 0x14, 0x15, 0x10,  // type, sizes
                           0x4C, 0x15, 0x04, 0x15, 0x00, 0x00,  // field 7 (delta 4)
                           0x00}));
  // The body follows the header in a file; the header length excludes it.
  Bytes8 with_body = bytes;
  with_body.insert(with_body.end(), {0xAA, 0xBB, 0xCC});
  size_t header_length = 0;
  EXPECT_EQ(read_page_header(with_body, &header_length), h);
  EXPECT_EQ(header_length, bytes.size());
}

TEST(MetadataIo, PageHeadersRoundTrip) {
  PageHeader v1;
  v1.type = PageType::DATA_PAGE;
  v1.uncompressed_page_size = 1 << 20;
  v1.compressed_page_size = 5000;
  v1.crc = -123456;
  v1.data_page_header = DataPageHeader{100, Encoding::RLE_DICTIONARY, Encoding::RLE,
                                       Encoding::BIT_PACKED, full_statistics()};

  PageHeader v2;
  v2.type = PageType::DATA_PAGE_V2;
  v2.uncompressed_page_size = 300;
  v2.compressed_page_size = 200;
  v2.data_page_header_v2 =
      DataPageHeaderV2{100, 7, 60, Encoding::DELTA_BINARY_PACKED, 12, 9, false, Statistics{}};
  PageHeader v2_default = v2;
  v2_default.data_page_header_v2->is_compressed.reset();
  v2_default.data_page_header_v2->statistics.reset();

  PageHeader dict;
  dict.type = PageType::DICTIONARY_PAGE;
  dict.uncompressed_page_size = 64;
  dict.compressed_page_size = 64;
  dict.dictionary_page_header = DictionaryPageHeader{16, Encoding::PLAIN_DICTIONARY, true};

  for (const PageHeader& h : {v1, v2, v2_default, dict}) {
    Bytes8 bytes = serialize(h);
    size_t len = 0;
    EXPECT_EQ(read_page_header(bytes, &len), h);
    EXPECT_EQ(len, bytes.size());
    for (size_t n = 0; n < bytes.size(); ++n) {
      EXPECT_THROW(read_page_header(std::span<const uint8_t>(bytes.data(), n), &len), Error);
    }
  }
}

TEST(MetadataIo, ColumnIndexRoundTrips) {
  ColumnIndex c;
  c.null_pages = {false, true, false};
  c.min_values = {"a", "", std::string("\x00", 1)};
  c.max_values = {"m", "", "zz"};
  c.boundary_order = BoundaryOrder::ASCENDING;
  c.null_counts = {0, 10, 2};
  c.repetition_level_histograms = {5, 1, 10, 0, 3, 3};
  c.definition_level_histograms = {0, 6, 10, 0, 2, 4};
  c.nan_counts = {0, 0, 1};
  Bytes8 bytes = serialize(c);
  // Starts with null_pages: field 1 LIST, 3 bools.
  EXPECT_EQ(Bytes8(bytes.begin(), bytes.begin() + 5), (Bytes8{0x19, 0x31, 0x02, 0x01, 0x02}));
  size_t consumed = 0;
  EXPECT_EQ(read_column_index(bytes, &consumed), c);
  EXPECT_EQ(consumed, bytes.size());

  ColumnIndex minimal;
  minimal.null_pages = {true};
  minimal.min_values = {""};
  minimal.max_values = {""};
  EXPECT_EQ(read_column_index(serialize(minimal)), minimal);
  for (size_t n = 0; n < bytes.size(); ++n) {
    EXPECT_THROW(read_column_index(std::span<const uint8_t>(bytes.data(), n)), Error);
  }
}

TEST(MetadataIo, OffsetIndexRoundTrips) {
  OffsetIndex o;
  o.page_locations = {{4, 100, 0}, {104, 200, 50}, {1LL << 33, 7, 1LL << 35}};
  o.unencoded_byte_array_data_bytes = {10, 20, 30};
  Bytes8 bytes = serialize(o);
  size_t consumed = 0;
  EXPECT_EQ(read_offset_index(bytes, &consumed), o);
  EXPECT_EQ(consumed, bytes.size());

  OffsetIndex plain;
  plain.page_locations = {{4, 1, 0}};
  Bytes8 plain_bytes = serialize(plain);
  // {list<PageLocation>: {offset 4, size 1, first row 0}}, no field 2.
  EXPECT_EQ(plain_bytes, (Bytes8{0x19, 0x1C, 0x16, 0x08, 0x15, 0x02, 0x16, 0x00, 0x00, 0x00}));
  EXPECT_EQ(read_offset_index(plain_bytes), plain);
}

TEST(MetadataIo, UnknownEnumValuesArePreserved) {
  PageHeader h;
  h.type = static_cast<PageType>(9);
  h.data_page_header =
      DataPageHeader{1, static_cast<Encoding>(77), Encoding::RLE, Encoding::RLE, std::nullopt};
  size_t len = 0;
  EXPECT_EQ(read_page_header(serialize(h), &len), h);
}

TEST(MetadataIo, WritingUnknownLogicalKindThrows) {
  FileMetaData m;
  SchemaElement e;
  e.name = "x";
  e.logical_type = LogicalType{static_cast<LogicalType::Kind>(16)};
  m.schema.push_back(e);
  ByteBuffer out;
  EXPECT_THROW(write_thrift(m, out), Error);
}

// A FileMetaData with the fields a newer writer might add, built by hand.
Bytes8 file_metadata_with_unknown_fields() {
  ByteBuffer buf;
  CompactWriter w(buf);
  w.struct_begin();
  w.field_i32(1, 1);
  w.field_list_begin(2, CType::STRUCT, 2);
  {
    w.struct_begin();  // root
    w.field_binary(4, "root");
    w.field_i32(5, 1);
    w.struct_end();
    w.struct_begin();  // a leaf with a VARIANT logical type and vector_length
    w.field_i32(1, 6);
    w.field_i32(3, 3);  // VECTOR repetition
    w.field_binary(4, "v");
    w.field_struct_begin(10);
    w.field_struct_begin(16);
    w.field_i8(1, 1);
    w.struct_end();
    w.struct_end();
    w.field_i32(11, 4);
    w.field_double(30, 1.5);
    w.struct_end();
  }
  w.field_i64(3, 5);
  w.field_list_begin(4, CType::STRUCT, 1);
  {
    w.struct_begin();  // RowGroup
    w.field_list_begin(1, CType::STRUCT, 1);
    w.struct_begin();  // ColumnChunk
    w.field_i64(2, 0);
    w.field_struct_begin(3);  // ColumnMetaData
    w.field_i32(1, 6);
    w.field_list_begin(2, CType::I32, 1);
    w.elem_i32(0);
    w.field_list_begin(3, CType::BINARY, 1);
    w.elem_binary("v");
    w.field_i32(4, 0);
    w.field_i64(5, 5);
    w.field_i64(6, 50);
    w.field_i64(7, 50);
    w.field_i64(9, 4);
    w.field_struct_begin(17);  // geospatial statistics
    w.field_struct_begin(1);
    for (int16_t i = 1; i <= 4; ++i) w.field_double(i, i);
    w.struct_end();
    w.field_list_begin(2, CType::I32, 1);
    w.elem_i32(1);
    w.struct_end();
    w.struct_end();
    w.field_struct_begin(8);  // crypto metadata
    w.field_struct_begin(1);
    w.struct_end();
    w.struct_end();
    w.field_binary(9, "encrypted");
    w.struct_end();
    w.field_i64(2, 50);
    w.field_i64(3, 5);
    w.struct_end();
  }
  w.field_struct_begin(8);  // encryption_algorithm
  w.field_struct_begin(1);
  w.field_binary(1, "aad");
  w.field_bool(3, true);
  w.struct_end();
  w.struct_end();
  w.field_binary(9, "key");
  w.field_header(100, CType::MAP);  // a future map<binary, list<i64>>
  w.write_varint(1);
  buf.push_back(0x89);
  w.elem_binary("k");
  w.list_begin(CType::I64, 2);
  w.elem_i64(1);
  w.elem_i64(2);
  w.struct_end();
  return bytes_of(buf);
}

TEST(MetadataIo, SkipsUnknownAndUnmodeledFields) {
  FileMetaData m = read_file_metadata(file_metadata_with_unknown_fields());
  FileMetaData want;
  want.version = 1;
  SchemaElement root;
  root.name = "root";
  root.num_children = 1;
  SchemaElement v;
  v.type = PhysicalType::BYTE_ARRAY;
  v.repetition_type = static_cast<FieldRepetitionType>(3);
  v.name = "v";
  // VARIANT is not modeled, so the logical type reads as absent.
  want.schema = {root, v};
  want.num_rows = 5;
  RowGroup rg;
  ColumnChunk cc;
  ColumnMetaData md;
  md.type = PhysicalType::BYTE_ARRAY;
  md.encodings = {Encoding::PLAIN};
  md.path_in_schema = {"v"};
  md.num_values = 5;
  md.total_uncompressed_size = 50;
  md.total_compressed_size = 50;
  md.data_page_offset = 4;
  cc.meta_data = md;
  rg.columns = {cc};
  rg.total_byte_size = 50;
  rg.num_rows = 5;
  want.row_groups = {rg};
  EXPECT_EQ(m, want);
}

std::string error_of(const Bytes8& bytes) {
  try {
    read_file_metadata(bytes);
  } catch (const Error& e) {
    return e.what();
  }
  return "no error";
}

TEST(MetadataIo, MissingRequiredFieldsAreNamed) {
  ByteBuffer buf;
  CompactWriter w(buf);
  w.struct_begin();
  w.field_i32(1, 1);
  w.field_list_begin(2, CType::STRUCT, 0);
  w.field_list_begin(4, CType::STRUCT, 0);
  w.struct_end();
  EXPECT_EQ(error_of(bytes_of(buf)), "thrift: FileMetaData is missing required field num_rows");

  ByteBuffer nameless;
  CompactWriter n(nameless);
  n.struct_begin();
  n.field_i32(1, 1);
  n.field_list_begin(2, CType::STRUCT, 1);
  n.struct_begin();
  n.field_i32(5, 0);
  n.struct_end();
  n.struct_end();
  EXPECT_EQ(error_of(bytes_of(nameless)), "thrift: SchemaElement is missing required field name");

  // A DECIMAL without precision.
  ByteBuffer dec;
  CompactWriter d(dec);
  d.struct_begin();
  d.field_i32(1, 1);
  d.field_list_begin(2, CType::STRUCT, 1);
  d.struct_begin();
  d.field_binary(4, "x");
  d.field_struct_begin(10);
  d.field_struct_begin(5);
  d.field_i32(1, 2);
  d.struct_end();
  d.struct_end();
  d.struct_end();
  d.struct_end();
  EXPECT_EQ(error_of(bytes_of(dec)), "thrift: DecimalType is missing required field precision");

  PageHeader h;
  h.data_page_header = DataPageHeader{};
  Bytes8 page = serialize(h);
  // Drop repetition_level_encoding (2 bytes before the two STOPs).
  page.erase(page.end() - 4, page.end() - 2);
  size_t len = 0;
  try {
    read_page_header(page, &len);
    FAIL();
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(),
                 "thrift: DataPageHeader is missing required field repetition_level_encoding");
  }
}

TEST(MetadataIo, WrongWireTypeIsNamed) {
  ByteBuffer buf;
  CompactWriter w(buf);
  w.struct_begin();
  w.field_i64(1, 1);
  w.struct_end();
  EXPECT_NE(error_of(bytes_of(buf))
                .find("FileMetaData.version (field 1) has wire type I64, "
                      "expected I32"),
            std::string::npos)
      << error_of(bytes_of(buf));

  ByteBuffer list;
  CompactWriter l(list);
  l.struct_begin();
  l.field_i32(1, 1);
  l.field_list_begin(2, CType::I32, 1);
  l.elem_i32(0);
  l.struct_end();
  EXPECT_EQ(error_of(bytes_of(list)),
            "thrift: FileMetaData.schema is a list of I32, expected STRUCT");
}

TEST(MetadataIo, UnionsNeedExactlyOneMember) {
  ByteBuffer buf;
  CompactWriter w(buf);
  w.struct_begin();
  w.field_i32(1, 1);
  w.field_list_begin(2, CType::STRUCT, 1);
  w.struct_begin();
  w.field_binary(4, "x");
  w.field_struct_begin(10);  // LogicalType with no member
  w.struct_end();
  w.struct_end();
  w.struct_end();
  EXPECT_EQ(error_of(bytes_of(buf)), "thrift: LogicalType: union has 0 members, expected 1");
}

}  // namespace
}  // namespace spillway

// libFuzzer target: the input chooses a random VALID table (flat, list,
// large list, map and struct columns to depth 3, nulls, dictionary arrays,
// slices of columns and of the batch) and writer options (v1/v2, dictionary
// on/off, per-column encodings, codecs, tiny page and row group limits, page
// checksums, budgeted page stores); the table is written to memory, read back
// with the test decoder (tests/support/parquet_verifier.h) and every leaf's
// levels and values compared with the Dremel shredding of what was written
// (table_model.h). A writer error on valid input, a decoder error, or any
// difference is a bug: __builtin_trap() with a message.

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "fuzz_util.h"
#include "spillway/arrow_writer.h"
#include "spillway/budgeted_store.h"
#include "spillway/error.h"
#include "spillway/page_store.h"
#include "support/parquet_verifier.h"
#include "table_model.h"

namespace {

using namespace spillway;

Encoding pick_encoding(fuzz::ByteCode& in, PhysicalType t) {
  std::vector<Encoding> fit = {Encoding::PLAIN};
  switch (t) {
    case PhysicalType::BOOLEAN:
      fit.push_back(Encoding::RLE);
      break;
    case PhysicalType::INT32:
    case PhysicalType::INT64:
      fit.push_back(Encoding::DELTA_BINARY_PACKED);
      fit.push_back(Encoding::BYTE_STREAM_SPLIT);
      break;
    case PhysicalType::FLOAT:
    case PhysicalType::DOUBLE:
      fit.push_back(Encoding::BYTE_STREAM_SPLIT);
      break;
    case PhysicalType::BYTE_ARRAY:
      fit.push_back(Encoding::DELTA_LENGTH_BYTE_ARRAY);
      fit.push_back(Encoding::DELTA_BYTE_ARRAY);
      break;
    case PhysicalType::FIXED_LEN_BYTE_ARRAY:
      fit.push_back(Encoding::DELTA_BYTE_ARRAY);
      fit.push_back(Encoding::BYTE_STREAM_SPLIT);
      break;
    default:
      break;
  }
  return fit[in.u8() % fit.size()];
}

ArrowWriterOptions writer_options(fuzz::ByteCode& in, const std::vector<fuzz::Leaf>& leaves) {
  WriterPropertiesBuilder b;
  const uint8_t o = in.u8();
  b.set_writer_version((o & 1) ? WriterVersion::PARQUET_2_0 : WriterVersion::PARQUET_1_0);
  b.set_dictionary_enabled((o & 2) == 0);
  if (o & 4) b.set_data_page_size_limit(1 + in.u8() * 4);
  if (o & 8) b.set_data_page_row_count_limit(1 + in.u8() % 8);
  if (o & 16) b.set_max_row_group_row_count(1 + in.u8() % 16);
  if (o & 32) b.set_page_checksum_enabled(true);
  if (o & 64) b.set_dictionary_page_size_limit(1 + in.u8() % 64);
  static const Compression kCodecs[] = {Compression::UNCOMPRESSED, Compression::SNAPPY,
                                        Compression::GZIP,         Compression::ZSTD,
                                        Compression::LZ4_RAW,      Compression::BROTLI};
  b.set_compression(kCodecs[in.u8() % 6]);
  static const EnabledStatistics kStats[] = {EnabledStatistics::PAGE, EnabledStatistics::CHUNK,
                                             EnabledStatistics::NONE};
  b.set_statistics_enabled(kStats[in.u8() % 3]);
  for (const fuzz::Leaf& leaf : leaves) {
    const uint8_t c = in.u8();
    ColumnPath path(leaf.path);
    if (c & 1) b.set_column_encoding(path, pick_encoding(in, leaf.type));
    if (c & 2) b.set_column_dictionary_enabled(path, (c & 4) != 0);
  }
  ArrowWriterOptions options;
  options.with_properties(b.build());
  if (o & 128) {
    options.with_page_store_factory(std::make_shared<BudgetedPageStoreFactory>(
        in.u8() * 16, std::make_shared<InMemoryPageStoreFactory>()));
  }
  return options;
}

std::string describe_levels(const std::vector<int16_t>& v) {
  std::string s;
  for (int16_t x : v) s += std::to_string(x) + " ";
  return s;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  fuzz::ByteCode in(data, size);
  fuzz::TableModel model(in);
  const size_t num_columns = 1 + in.u8() % 4;
  const int64_t rows = in.u8() % 40;
  // The batch itself may be a slice (offset on the struct or on its children).
  const uint8_t slice = in.u8();
  const int64_t before = (slice & 3) ? 0 : in.u8() % 4;
  const int64_t after = (slice & 3) ? 0 : in.u8() % 3;
  std::vector<fuzz::Node> nodes(num_columns);
  std::vector<fuzz::Column> values(num_columns);
  test::NamedColumns columns;
  for (size_t i = 0; i < num_columns; ++i) {
    std::string name = "c" + std::to_string(i);
    columns.emplace_back(name,
                         model.column(name, before + rows + after, in.flag(), nodes[i], values[i]));
    values[i] = fuzz::Column(values[i].begin() + before, values[i].begin() + before + rows);
  }
  ArrowWriterOptions options = writer_options(in, model.leaves());
  const int batches = 1 + in.u8() % 2;

  std::vector<fuzz::Expected> expected(model.leaves().size());
  for (int b = 0; b < batches; ++b) {
    for (size_t i = 0; i < num_columns; ++i) fuzz::TableModel::shred(nodes[i], values[i], expected);
  }

  auto export_batch = [&] {
    if (before == 0 && after == 0) return test::make_batch(columns);
    return (slice & 4) ? test::slice_batch_children(columns, before, rows)
                       : test::slice_batch(columns, before, rows);
  };
  auto sink = std::make_unique<MemoryOutputStream>();
  MemoryOutputStream* out = sink.get();
  test::OwnedArray first = export_batch();
  std::unique_ptr<ArrowWriter> writer;
  try {
    writer = std::make_unique<ArrowWriter>(
        ArrowWriter::open(std::move(sink), &first.schema, std::move(options)));
  } catch (const Error& e) {
    fuzz::expected_error(e);  // options the writer refuses up front
    return 0;
  }
  test::DecodedFile file;
  try {
    for (int b = 0; b < batches; ++b) {
      test::OwnedArray batch = export_batch();
      ArrowArray array;
      ArrowSchema ignored;
      batch.release_to(&ignored, &array);
      ignored.release(&ignored);
      writer->write(&array);
    }
    writer->close();
    file = test::read_parquet(out->data());
  } catch (const Error& e) {
    fuzz::bug(std::string("valid table: ") + e.what());
  }

  if (file.metadata.num_rows != rows * batches) {
    fuzz::bug("num_rows " + std::to_string(file.metadata.num_rows) + ", wrote " +
              std::to_string(rows * batches));
  }
  if (file.columns.size() != expected.size()) {
    fuzz::bug("decoded " + std::to_string(file.columns.size()) + " leaves, expected " +
              std::to_string(expected.size()));
  }
  for (size_t l = 0; l < expected.size(); ++l) {
    const fuzz::Leaf& leaf = model.leaves()[l];
    const test::DecodedColumn& got = file.columns[l];
    const fuzz::Expected& want = expected[l];
    std::string name = ColumnPath(leaf.path).to_dot_string();
    const std::vector<int16_t> no_levels;
    if (got.def_levels != (leaf.max_def > 0 ? want.def : no_levels)) {
      fuzz::bug("column " + name + ": definition levels [" + describe_levels(got.def_levels) +
                "], expected [" + describe_levels(want.def) + "]");
    }
    if (got.rep_levels != (leaf.max_rep > 0 ? want.rep : no_levels)) {
      fuzz::bug("column " + name + ": repetition levels [" + describe_levels(got.rep_levels) +
                "], expected [" + describe_levels(want.rep) + "]");
    }
    if (got.values != want.values) {
      size_t i = 0;
      while (i < got.values.size() && i < want.values.size() && got.values[i] == want.values[i]) {
        ++i;
      }
      fuzz::bug("column " + name + ": " + std::to_string(got.values.size()) + " values, " +
                std::to_string(want.values.size()) + " expected; first difference at " +
                std::to_string(i));
    }
  }
  if (std::getenv("SPILLWAY_FUZZ_VERBOSE")) {
    size_t n = 0;
    for (const fuzz::Expected& e : expected) n += e.def.size();
    std::fprintf(stderr, "verified %zu rows, %zu leaves, %zu level entries\n",
                 static_cast<size_t>(rows * batches), expected.size(), n);
  }
  return 0;
}

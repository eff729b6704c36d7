// Page checksums (PageHeader.crc): present on every page when enabled, equal
// to the CRC-32 of the page's bytes as written, absent otherwise.

#include <gtest/gtest.h>

#include "spillway/spillway.h"
#include "support/arrow_builder.h"
#include "support/parquet_verifier.h"

namespace spillway {
namespace {

std::vector<uint8_t> write_file(WriterProperties props) {
  test::Values<int64_t> ints;
  test::Values<std::string> words;
  for (int i = 0; i < 5000; ++i) {
    ints.push_back(i % 7 == 0 ? std::nullopt : std::optional<int64_t>(i * 31));
    words.push_back("w" + std::to_string(i % 50));
  }
  // Three rows for "l" and "s": slice every column to three rows.
  test::OwnedArray three =
      test::make_batch({{"i", test::int64_column(ints).sliced(0, 3)},
                        {"l", test::list_column({0, 2000, 2000, 5000}, test::string_column(words))},
                        {"s", test::string_column({"a", "b", std::nullopt})}});
  auto sink = std::make_unique<MemoryOutputStream>();
  MemoryOutputStream* out = sink.get();
  auto writer = ArrowWriter::open(std::move(sink), &three.schema,
                                  ArrowWriterOptions().with_properties(std::move(props)));
  ArrowArray moved = three.array;
  three.array.release = nullptr;
  writer.write(&moved);
  writer.close();
  return out->data();
}

size_t count_pages(const test::DecodedFile& f) {
  size_t n = 0;
  for (const auto& c : f.columns) n += c.num_data_pages + c.num_dictionary_pages;
  return n;
}

TEST(PageChecksum, EveryPageCarriesTheCrcOfItsBytes) {
  for (WriterVersion v : {WriterVersion::PARQUET_1_0, WriterVersion::PARQUET_2_0}) {
    for (Compression c : {Compression::UNCOMPRESSED, Compression::ZSTD}) {
      for (bool dictionary : {true, false}) {
        auto bytes = write_file(WriterProperties::builder()
                                    .set_writer_version(v)
                                    .set_compression(c)
                                    .set_dictionary_enabled(dictionary)
                                    .set_data_page_size_limit(1024)
                                    .set_page_checksum_enabled(true)
                                    .build());
        test::DecodedFile f = test::read_parquet(bytes);  // checks each crc
        size_t with_crc = 0;
        for (const auto& col : f.columns) with_crc += col.pages_with_crc;
        EXPECT_GE(count_pages(f), 4u);
        EXPECT_EQ(with_crc, count_pages(f));
      }
    }
  }
}

TEST(PageChecksum, OffByDefault) {
  test::DecodedFile f = test::read_parquet(write_file(WriterProperties()));
  for (const auto& col : f.columns) EXPECT_EQ(col.pages_with_crc, 0u);
}

TEST(PageChecksum, ACorruptedPageFailsItsCrc) {
  auto bytes = write_file(WriterProperties::builder().set_page_checksum_enabled(true).build());
  // The last byte of the first page of the first column: inside its body.
  FileMetaData md = test::read_parquet(bytes).metadata;
  const ColumnMetaData& cmd = *md.row_groups.at(0).columns.at(0).meta_data;
  const int64_t start = cmd.dictionary_page_offset.value_or(cmd.data_page_offset);
  const int64_t end = start + cmd.total_compressed_size;
  bytes[static_cast<size_t>(end - 1)] ^= 0x01;
  try {
    test::read_parquet(bytes);
    FAIL() << "a flipped page byte went unnoticed";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("crc does not match"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace spillway

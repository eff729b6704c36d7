// The format's own limits on a page (sizes and value count are i32 in its
// header). The writer cuts pages to stay within them whatever page size was
// asked for, and refuses, naming the row, a single row past them. The limits
// are lowered here (ColumnWriterOptions::max_page_bytes / max_page_levels) so
// the same code paths run on kilobytes instead of gigabytes.

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "column/column_writer.h"
#include "encodings/decoder.h"
#include "format/metadata_io.h"

namespace spillway {
namespace {

constexpr size_t kMaxPage = 64 * 1024;

ColumnDescriptor required_binary() {
  return ColumnDescriptor(ColumnPath({"blob"}), PhysicalType::BYTE_ARRAY, 0, std::nullopt,
                          std::nullopt, /*max_def=*/0, /*max_rep=*/0);
}

ColumnWriterOptions options(const ColumnDescriptor& descr, std::optional<Encoding> encoding,
                            bool dictionary) {
  WriterPropertiesBuilder b = WriterProperties::builder();
  // Far above the (lowered) format limit: the writer must cut below it anyway.
  b.set_data_page_size_limit(size_t{1} << 30)
      .set_dictionary_page_size_limit(size_t{1} << 30)
      .set_data_page_row_count_limit(size_t{1} << 30)
      .set_dictionary_enabled(dictionary);
  if (encoding) b.set_encoding(*encoding);
  ColumnWriterOptions o = resolve_column_options(b.build(), descr);
  o.max_page_bytes = kMaxPage;
  return o;
}

std::string value(int i, size_t size) {
  std::string s(size, 'a');
  for (size_t k = 0; k < size; k += 97) s[k] = static_cast<char>('a' + (i + k) % 26);
  s[0] = static_cast<char>('A' + i % 26);
  return s + std::to_string(i);
}

TEST(PageLimits, FatValuesAreCutBelowTheFormatLimit) {
  struct Case {
    const char* name;
    std::optional<Encoding> encoding;
    bool dictionary;
  };
  for (const Case& c : {Case{"PLAIN", Encoding::PLAIN, false},
                        Case{"DELTA_LENGTH_BYTE_ARRAY", Encoding::DELTA_LENGTH_BYTE_ARRAY, false},
                        Case{"DELTA_BYTE_ARRAY", Encoding::DELTA_BYTE_ARRAY, false},
                        Case{"dictionary", std::nullopt, true}}) {
    SCOPED_TRACE(c.name);
    ColumnDescriptor descr = required_binary();
    auto writer = make_column_writer(descr, options(descr, c.encoding, c.dictionary));
    auto& typed = dynamic_cast<TypedColumnWriter<ByteArrayType>&>(*writer);
    std::vector<std::string> strings;
    for (int i = 0; i < 200; ++i) strings.push_back(value(i, 3000));
    std::vector<ByteArray> values;
    for (const auto& s : strings) {
      values.push_back(
          {reinterpret_cast<const uint8_t*>(s.data()), static_cast<uint32_t>(s.size())});
    }
    typed.write_batch(nullptr, nullptr, values.size(), values.data(), values.size());
    ColumnChunkResult chunk = writer->close_chunk();

    std::vector<ByteArray> dictionary;
    std::vector<uint8_t> dictionary_storage;
    if (chunk.dictionary_page) {
      Bytes page = chunk.store->take(chunk.dictionary_page->key);
      EXPECT_LE(page.size(), kMaxPage);
      size_t header_len = 0;
      PageHeader h = read_page_header(page.span(), &header_len);
      dictionary = decode_values<ByteArrayType>(
          Encoding::PLAIN, page.span().subspan(header_len),
          static_cast<size_t>(h.dictionary_page_header->num_values), 0, &dictionary_storage);
    }
    std::vector<std::string> decoded;
    for (const auto& p : chunk.data_pages) {
      Bytes page = chunk.store->take(p.key);
      EXPECT_LE(page.size(), kMaxPage) << "a page past the format limit";
      size_t header_len = 0;
      PageHeader h = read_page_header(page.span(), &header_len);
      const auto& d = *h.data_page_header;
      const auto body = page.span().subspan(header_len);
      const size_t n = static_cast<size_t>(d.num_values);
      std::vector<uint8_t> storage;
      std::vector<ByteArray> got;
      if (d.encoding == Encoding::RLE_DICTIONARY) {
        got = lookup_dictionary(dictionary, decode_dictionary_indices(body, n));
      } else {
        got = decode_values<ByteArrayType>(d.encoding, body, n, 0, &storage);
      }
      for (const ByteArray& v : got)
        decoded.emplace_back(reinterpret_cast<const char*>(v.ptr), v.len);
    }
    // 600 KB of values in pages of at most 64 KiB (cut at 32 KiB).
    EXPECT_GE(chunk.data_pages.size(), 18u);
    EXPECT_EQ(decoded, strings);
  }
}

TEST(PageLimits, ARowPastTheFormatLimitIsRefused) {
  ColumnDescriptor descr = required_binary();
  auto writer = make_column_writer(descr, options(descr, Encoding::PLAIN, false));
  auto& typed = dynamic_cast<TypedColumnWriter<ByteArrayType>&>(*writer);
  const std::string small = value(1, 100), huge = value(2, 70000);
  std::vector<ByteArray> values{
      {reinterpret_cast<const uint8_t*>(small.data()), static_cast<uint32_t>(small.size())},
      {reinterpret_cast<const uint8_t*>(huge.data()), static_cast<uint32_t>(huge.size())}};
  try {
    typed.write_batch(nullptr, nullptr, 2, values.data(), 2);
    writer->close_chunk();
    FAIL() << "a row larger than a page can hold was written";
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(),
                 "column 'blob': page size of 70005 is over the 65536 one Parquet page can hold; "
                 "1 row, row 1 of the row group, cannot be split across pages");
  }
}

TEST(PageLimits, LevelsAreCutBelowTheFormatLimit) {
  ColumnDescriptor descr(ColumnPath({"x"}), PhysicalType::INT32, 0, std::nullopt, std::nullopt,
                         /*max_def=*/1, /*max_rep=*/0);
  ColumnWriterOptions o = options(descr, std::nullopt, true);
  o.max_page_levels = 1000;
  auto writer = make_column_writer(descr, o);
  auto& typed = dynamic_cast<TypedColumnWriter<Int32Type>&>(*writer);
  // Mostly nulls: their levels take almost no bytes, so only the level
  // count can end a page.
  std::vector<int16_t> def(5000, 0);
  std::vector<int32_t> values;
  for (size_t i = 0; i < def.size(); i += 100) {
    def[i] = 1;
    values.push_back(static_cast<int32_t>(i));
  }
  typed.write_batch(def.data(), nullptr, def.size(), values.data(), values.size());
  ColumnChunkResult chunk = writer->close_chunk();
  ASSERT_EQ(chunk.data_pages.size(), 5u);
  for (const auto& p : chunk.data_pages) {
    Bytes page = chunk.store->take(p.key);
    size_t header_len = 0;
    EXPECT_EQ(read_page_header(page.span(), &header_len).data_page_header->num_values, 1000);
  }
  EXPECT_EQ(chunk.metadata.num_values, 5000);
}

TEST(PageLimits, ARowWithTooManyLevelsIsRefused) {
  // optional group a (LIST) { repeated group list { optional int32 element } }
  ColumnDescriptor descr(ColumnPath({"a", "list", "element"}), PhysicalType::INT32, 0, std::nullopt,
                         std::nullopt, /*max_def=*/3, /*max_rep=*/1);
  ColumnWriterOptions o = options(descr, std::nullopt, true);
  o.max_page_levels = 1000;
  auto writer = make_column_writer(descr, o);
  auto& typed = dynamic_cast<TypedColumnWriter<Int32Type>&>(*writer);
  // Row 0: 10 elements; row 1: 1500 elements, more than a page can count.
  std::vector<int16_t> def, rep;
  std::vector<int32_t> values;
  for (int row : {10, 1500}) {
    for (int k = 0; k < row; ++k) {
      def.push_back(3);
      rep.push_back(k == 0 ? 0 : 1);
      values.push_back(k);
    }
  }
  try {
    typed.write_batch(def.data(), rep.data(), def.size(), values.data(), values.size());
    writer->close_chunk();
    FAIL() << "a row with more levels than a page can count was written";
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(),
                 "column 'a.list.element': a page's level count of 1500 is over the 1000 one "
                 "Parquet page can hold; 1 row, row 1 of the row group, cannot be split across "
                 "pages");
  }
}

}  // namespace
}  // namespace spillway

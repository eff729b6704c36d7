// `spillway inspect`: rows per data page. A v2 header says how many rows
// begin in its page and a flat column has one row per value, but a v1 page
// of a nested leaf says neither: its repetition levels are decoded (the
// page decompressed when it must be) and the rows counted where the level
// is 0. The levels of v2 pages of nested leaves are decoded too, to check
// num_rows and that the page begins at a row boundary.

#include <fmt/format.h>

#include <exception>
#include <memory>

#include "compression/codec.h"
#include "encodings/rle_bit_packed.h"
#include "inspect_checks.h"
#include "spillway/error.h"
#include "util/byte_buffer.h"

namespace spillway::cli::inspect {
namespace {

// A v1 page is decompressed whole to reach its levels; beyond this size
// inspect leaves its rows unknown rather than allocate what a damaged header
// claims.
constexpr int64_t kMaxDecompressedPage = int64_t{256} << 20;

int bit_width(int16_t max_level) {
  int width = 0;
  while ((max_level >> width) != 0) ++width;
  return width;
}

struct RepetitionCounts {
  int64_t levels = 0;  // decoded, at most the page's num_values
  int64_t rows = 0;    // levels equal to 0
  int16_t first = 0;
};

// Streams through `levels` RLE/bit-packed runs (no allocation in
// proportion to num_values, which a header may inflate).
RepetitionCounts count_repetition_levels(std::span<const uint8_t> runs, int16_t max_level,
                                         int64_t num_values) {
  RleBitPackedDecoder decoder(runs, bit_width(max_level));
  RepetitionCounts counts;
  uint32_t batch[1024];
  while (counts.levels < num_values) {
    const size_t want = static_cast<size_t>(std::min<int64_t>(1024, num_values - counts.levels));
    const size_t got = decoder.get_batch(batch, want);
    if (got == 0) break;
    for (size_t k = 0; k < got; ++k) {
      if (batch[k] > static_cast<uint32_t>(max_level)) {
        throw Error(fmt::format("repetition level {} at value {} exceeds the column's maximum {}",
                                batch[k], counts.levels + static_cast<int64_t>(k), max_level));
      }
      counts.rows += batch[k] == 0;
    }
    if (counts.levels == 0) counts.first = static_cast<int16_t>(batch[0]);
    counts.levels += static_cast<int64_t>(got);
  }
  return counts;
}

}  // namespace

void Checker::count_rows(const Where& at, const ColumnMetaData& m, ChunkReport& chunk) {
  const ColumnDescriptor* leaf = chunk.leaf;
  std::unique_ptr<Codec> codec;
  bool codec_made = false;
  ByteBuffer decompressed;
  for (PageReport& p : chunk.pages) {
    if (p.data_page < 0) continue;
    const PageHeader& h = p.header;
    if (h.data_page_header_v2) p.rows = h.data_page_header_v2->num_rows;
    if (!leaf) continue;
    const int16_t max_rep = leaf->max_repetition_level();
    if (max_rep == 0) {
      if (h.data_page_header) p.rows = h.data_page_header->num_values;
      continue;
    }
    const std::string page =
        fmt::format("{}: {} at offset {}", at.text(), to_string(h.type), p.offset);
    const auto body = file_.subspan(static_cast<size_t>(p.offset) + p.header_length,
                                    static_cast<size_t>(h.compressed_page_size));
    try {
      std::span<const uint8_t> runs;
      int64_t num_values = 0;
      if (const auto& v2 = h.data_page_header_v2) {
        // v2 levels are never compressed and have no length prefix.
        if (v2->repetition_levels_byte_length < 0 ||
            v2->repetition_levels_byte_length > h.compressed_page_size) {
          continue;  // check_pages reports the lengths
        }
        runs = body.first(static_cast<size_t>(v2->repetition_levels_byte_length));
        num_values = v2->num_values;
      } else if (const auto& v1 = h.data_page_header) {
        if (v1->repetition_level_encoding != Encoding::RLE) continue;  // legacy BIT_PACKED
        std::span<const uint8_t> bytes = body;
        if (m.codec != CompressionCodec::UNCOMPRESSED) {
          if (h.uncompressed_page_size < 0 || h.uncompressed_page_size > kMaxDecompressedPage) {
            continue;
          }
          if (!codec_made) {
            codec = make_decompressor(m.codec);
            codec_made = true;
          }
          decompressed.clear();
          codec->decompress(body, static_cast<size_t>(h.uncompressed_page_size), decompressed);
          bytes = decompressed.span();
        }
        // v1: the runs' byte length, 4 bytes little-endian, then the runs.
        if (bytes.size() < 4) throw Error("the page is too short for its repetition levels");
        const uint32_t length = uint32_t{bytes[0]} | uint32_t{bytes[1]} << 8 |
                                uint32_t{bytes[2]} << 16 | uint32_t{bytes[3]} << 24;
        if (length > bytes.size() - 4) {
          throw Error(fmt::format("its repetition levels claim {} bytes, the page has {}", length,
                                  bytes.size() - 4));
        }
        runs = bytes.subspan(4, length);
        num_values = v1->num_values;
      } else {
        continue;
      }
      const RepetitionCounts counts = count_repetition_levels(runs, max_rep, num_values);
      if (counts.levels < num_values) {
        problem(fmt::format("{}: its repetition levels end after {} of its {} values", page,
                            counts.levels, num_values));
        continue;
      }
      if (num_values > 0) p.first_repetition_level = counts.first;
      if (h.data_page_header_v2 && counts.rows != h.data_page_header_v2->num_rows) {
        problem(fmt::format("{}: num_rows is {} but {} rows begin in its repetition levels", page,
                            h.data_page_header_v2->num_rows, counts.rows));
      }
      if (h.data_page_header_v2 && num_values > 0 && counts.first != 0) {
        problem(
            fmt::format("{} begins inside a row (repetition level {}): v2 pages must begin "
                        "at a row boundary",
                        page, counts.first));
      }
      p.rows = counts.rows;
    } catch (const std::exception& e) {
      problem(fmt::format("{}: cannot read its repetition levels: {}", page, e.what()));
    }
  }
}

}  // namespace spillway::cli::inspect

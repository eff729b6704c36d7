// `spillway inspect --verify`: every page of every column chunk decoded,
// one page at a time (a chunk keeps only its dictionary): decompressed,
// its levels and values decoded, and what it holds checked against what
// the file claims (inspect_verify_claims.cc). A page that cannot be
// decoded is a problem, never a crash: the file may be hostile.

#include <fmt/format.h>

#include <algorithm>
#include <exception>
#include <memory>

#include "compression/codec.h"
#include "encodings/levels.h"
#include "inspect_verify.h"
#include "spillway/error.h"
#include "util/byte_buffer.h"

namespace spillway::cli::inspect {
namespace {

using verify::Facts;

// Pages beyond these sizes are skipped (counted in the summary) rather
// than allocate what a damaged header claims.
constexpr int64_t kMaxPageBytes = int64_t{256} << 20;
constexpr int64_t kMaxPageValues = int64_t{1} << 22;

// A page skipped on purpose: not a problem, counted in the summary.
struct Skip {
  const char* why;
};

std::string page_name(size_t index, const PageReport& p) {
  return fmt::format("page {} ({} at offset {})", index, to_string(p.header.type), p.offset);
}

// The bitset of the chunk's bloom filter when its header could be read and
// names the only algorithm, hash and compression BloomFilter.md defines;
// else empty (inspect_index_checks.cc reports what is wrong with it).
std::span<const uint8_t> bloom_bitset(std::span<const uint8_t> file, uint64_t footer_start,
                                      const ChunkReport& chunk) {
  if (!chunk.bloom_filter) return {};
  const BloomFilterReport& b = *chunk.bloom_filter;
  if (!b.num_bytes || b.header_length == 0 || *b.num_bytes <= 0 || *b.num_bytes % 32 != 0 ||
      b.algorithm != "BLOCK" || b.hash != "XXHASH" || b.compression != "UNCOMPRESSED") {
    return {};
  }
  const int64_t begin = b.offset + static_cast<int64_t>(b.header_length);
  if (b.offset < 4 || begin > static_cast<int64_t>(footer_start) ||
      *b.num_bytes > static_cast<int64_t>(footer_start) - begin) {
    return {};
  }
  return file.subspan(static_cast<size_t>(begin), static_cast<size_t>(*b.num_bytes));
}

void add_histogram(std::vector<int64_t>& into, const std::vector<int64_t>& from) {
  if (into.size() < from.size()) into.resize(from.size());
  for (size_t i = 0; i < from.size(); ++i) into[i] += from[i];
}

class ChunkVerifier {
 public:
  ChunkVerifier(std::span<const uint8_t> file, Report& report, size_t row_group, size_t column)
      : file_(file),
        r_(report),
        chunk_(report.row_groups[row_group].chunks[column]),
        m_(*report.metadata.row_groups[row_group].columns[column].meta_data),
        leaf_(*chunk_.leaf),
        where_(fmt::format("row group {}, column '{}'", row_group, chunk_.path)),
        claims_(report, where_, leaf_, chunk_) {}

  void run();

 private:
  void problem(std::string message) { add_problem(r_, std::move(message)); }
  std::span<const uint8_t> decompress(std::span<const uint8_t> body, int64_t size, ByteBuffer& out);
  void dictionary_page(const PageHeader& h, std::span<const uint8_t> body, const std::string& at);
  // Decodes a data page into `facts`.
  void data_page(const PageReport& p, size_t index, std::span<const uint8_t> body,
                 const std::string& at, Facts& facts);
  void levels(Facts& facts, size_t n);

  std::span<const uint8_t> file_;
  Report& r_;
  const ChunkReport& chunk_;
  const ColumnMetaData& m_;
  const ColumnDescriptor& leaf_;
  std::string where_;
  verify::ClaimChecker claims_;
  std::unique_ptr<Codec> codec_;
  std::unique_ptr<verify::ValueVerifier> values_;
  ByteBuffer page_buffer_;
  std::vector<int16_t> def_, rep_;
  bool dictionary_skipped_ = false;  // its data pages are skipped too
};

std::span<const uint8_t> ChunkVerifier::decompress(std::span<const uint8_t> body, int64_t size,
                                                   ByteBuffer& out) {
  if (!codec_) return body;
  if (size < 0) throw Error(fmt::format("uncompressed size {}", size));
  if (size > kMaxPageBytes) throw Skip{"too large"};
  out.clear();
  codec_->decompress(body, static_cast<size_t>(size), out);
  return out.span();
}

void ChunkVerifier::run() {
  VerifyReport& v = *r_.verify;
  values_ = verify::make_value_verifier(
      leaf_, bloom_bitset(file_, r_.file_size - 8 - r_.footer_length, chunk_));
  if (!values_) {
    ++v.skipped_chunks;  // INT96: no decoder
    return;
  }
  try {
    codec_ = make_decompressor(m_.codec);
  } catch (const std::exception& e) {
    problem(fmt::format("{}: cannot decompress its pages: {}", where_, e.what()));
    return;
  }
  ++v.column_chunks;
  Facts chunk;
  // Chunk totals are compared only when every page was decoded and the
  // pages span the whole chunk (else the layout checks already complained).
  bool complete = true;
  int64_t covered = 0;
  for (size_t i = 0; i < chunk_.pages.size(); ++i) {
    const PageReport& p = chunk_.pages[i];
    const PageHeader& h = p.header;
    covered += static_cast<int64_t>(p.header_length) + h.compressed_page_size;
    const std::string name = page_name(i, p);
    const std::string at = where_ + ", " + name;
    const auto body = file_.subspan(static_cast<size_t>(p.offset) + p.header_length,
                                    static_cast<size_t>(h.compressed_page_size));
    try {
      if (h.type == PageType::DICTIONARY_PAGE && h.dictionary_page_header) {
        dictionary_page(h, body, at);
      } else if (p.data_page >= 0 && (h.data_page_header || h.data_page_header_v2)) {
        Facts facts;
        data_page(p, i, body, at, facts);
        claims_.page(name, static_cast<size_t>(p.data_page), h, facts);
        chunk.levels += facts.levels;
        chunk.non_null += facts.non_null;
        chunk.nulls += facts.nulls;
        chunk.unencoded_bytes += facts.unencoded_bytes;
        if (facts.nan_count) chunk.nan_count = chunk.nan_count.value_or(0) + *facts.nan_count;
        add_histogram(chunk.def_histogram, facts.def_histogram);
        add_histogram(chunk.rep_histogram, facts.rep_histogram);
        v.values += facts.levels;
        v.nulls += facts.nulls;
      } else {
        complete = false;  // a page the layout checks report
        continue;
      }
      ++v.pages;
    } catch (const Skip&) {
      ++v.skipped_pages;
      complete = false;
    } catch (const std::exception& e) {
      problem(fmt::format("{}: cannot decode: {}", at, e.what()));
      complete = false;
    }
  }
  claims_.bloom_filter(*values_);
  if (!complete || covered != m_.total_compressed_size) return;
  chunk.bounds = values_->chunk_bounds();
  claims_.chunk(m_, chunk, *values_);
}

void ChunkVerifier::dictionary_page(const PageHeader& h, std::span<const uint8_t> body,
                                    const std::string& at) {
  const DictionaryPageHeader& d = *h.dictionary_page_header;
  if (d.encoding != Encoding::PLAIN && d.encoding != Encoding::PLAIN_DICTIONARY) {
    throw Error(fmt::format("dictionary pages are PLAIN, not {}", to_string(d.encoding)));
  }
  if (d.num_values < 0) throw Error(fmt::format("num_values {}", d.num_values));
  dictionary_skipped_ = d.num_values > kMaxPageValues ||
                        (codec_ && int64_t{h.uncompressed_page_size} > kMaxPageBytes);
  if (dictionary_skipped_) throw Skip{"too large"};
  const auto bytes = decompress(body, h.uncompressed_page_size, page_buffer_);
  size_t consumed = 0;
  values_->read_dictionary(bytes, static_cast<size_t>(d.num_values), &consumed);
  if (consumed != bytes.size()) {
    problem(fmt::format("{}: {} bytes left over after its {} values", at, bytes.size() - consumed,
                        d.num_values));
  }
}

// Histograms, nulls and values from the decoded levels in def_ / rep_.
void ChunkVerifier::levels(Facts& facts, size_t n) {
  const int16_t max_def = leaf_.max_definition_level();
  const int16_t max_rep = leaf_.max_repetition_level();
  facts.levels = static_cast<int64_t>(n);
  facts.def_histogram.assign(static_cast<size_t>(max_def) + 1, 0);
  facts.rep_histogram.assign(static_cast<size_t>(max_rep) + 1, 0);
  for (size_t i = 0; i < n; ++i) {
    ++facts.def_histogram[static_cast<size_t>(def_[i])];
    ++facts.rep_histogram[static_cast<size_t>(rep_[i])];
  }
  facts.non_null = facts.def_histogram[static_cast<size_t>(max_def)];
  facts.nulls = facts.levels - facts.non_null;
}

void ChunkVerifier::data_page(const PageReport& p, size_t index, std::span<const uint8_t> body,
                              const std::string& at, Facts& facts) {
  const PageHeader& h = p.header;
  const int16_t max_def = leaf_.max_definition_level();
  const int16_t max_rep = leaf_.max_repetition_level();
  const int64_t num_values =
      h.data_page_header ? h.data_page_header->num_values : h.data_page_header_v2->num_values;
  if (num_values < 0) throw Error(fmt::format("num_values {}", num_values));
  if (num_values > kMaxPageValues) throw Skip{"too many values"};
  const auto n = static_cast<size_t>(num_values);
  def_.assign(n, 0);
  rep_.assign(n, 0);
  std::span<const uint8_t> values;
  Encoding encoding;
  if (const auto& v1 = h.data_page_header) {
    encoding = v1->encoding;
    const auto bytes = decompress(body, h.uncompressed_page_size, page_buffer_);
    size_t pos = 0;
    if (max_rep > 0) {
      if (v1->repetition_level_encoding != Encoding::RLE) throw Skip{"legacy level encoding"};
      pos += decode_levels_v1(bytes, max_rep, n, rep_.data());
    }
    if (max_def > 0) {
      if (v1->definition_level_encoding != Encoding::RLE) throw Skip{"legacy level encoding"};
      pos += decode_levels_v1(bytes.subspan(pos), max_def, n, def_.data());
    }
    values = bytes.subspan(pos);
  } else {
    const DataPageHeaderV2& v2 = *h.data_page_header_v2;
    encoding = v2.encoding;
    const int64_t rl = v2.repetition_levels_byte_length;
    const int64_t dl = v2.definition_levels_byte_length;
    if (rl < 0 || dl < 0 || rl + dl > static_cast<int64_t>(body.size())) {
      throw Error(
          fmt::format("level lengths {} + {} do not fit its {} bytes", rl, dl, body.size()));
    }
    decode_levels_v2(body.first(static_cast<size_t>(rl)), max_rep, n, rep_.data());
    decode_levels_v2(body.subspan(static_cast<size_t>(rl), static_cast<size_t>(dl)), max_def, n,
                     def_.data());
    values = body.subspan(static_cast<size_t>(rl + dl));
    if (v2.is_compressed.value_or(true)) {
      values = decompress(values, int64_t{h.uncompressed_page_size} - rl - dl, page_buffer_);
    }
  }
  if (dictionary_skipped_ &&
      (encoding == Encoding::RLE_DICTIONARY || encoding == Encoding::PLAIN_DICTIONARY)) {
    throw Skip{"its dictionary was skipped"};
  }
  levels(facts, n);
  size_t consumed = 0;
  values_->read_values(encoding, values, static_cast<size_t>(facts.non_null), index, &consumed,
                       facts);
  if (consumed != values.size()) {
    problem(fmt::format("{}: {} bytes left over after its {} values", at, values.size() - consumed,
                        facts.non_null));
  }
}

}  // namespace

void verify_values(std::span<const uint8_t> file, Report& report) {
  report.verify.emplace();
  for (size_t g = 0; g < report.row_groups.size(); ++g) {
    const RowGroup& rg = report.metadata.row_groups[g];
    for (size_t c = 0; c < report.row_groups[g].chunks.size(); ++c) {
      const ChunkReport& chunk = report.row_groups[g].chunks[c];
      if (!chunk.leaf || c >= rg.columns.size() || !rg.columns[c].meta_data ||
          rg.columns[c].file_path) {
        ++report.verify->skipped_chunks;  // the layout checks say why
        continue;
      }
      try {
        ChunkVerifier(file, report, g, c).run();
      } catch (const std::exception& e) {  // e.g. out of memory: report it, go on
        add_problem(report, fmt::format("row group {}, column '{}': cannot verify: {}", g,
                                        chunk.path, e.what()));
      }
    }
  }
}

}  // namespace spillway::cli::inspect

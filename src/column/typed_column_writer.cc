// The column writer: levels and values in, finished pages out.

#include <algorithm>
#include <cstring>
#include <map>
#include <set>
#include <string>
#include <type_traits>

#include <zlib.h>

#include "column/column_writer.h"
#include "column/level_scan.h"
#include "compression/codec.h"
#include "encodings/dictionary.h"
#include "encodings/encoder.h"
#include "encodings/rle_bit_packed.h"
#include "format/metadata_io.h"
#include "spillway/error.h"
#include "statistics/boundary_order.h"
#include "statistics/statistics.h"
#include "util/byte_buffer.h"

namespace spillway {

namespace {

// Room kept in front of a page body for its header, so header and body end up
// contiguous without copying the body.
constexpr size_t kHeaderReserve = 256;

bool is_float_type(const ColumnDescriptor& d) {
  return d.physical_type() == PhysicalType::FLOAT || d.physical_type() == PhysicalType::DOUBLE ||
         (d.logical_type() && d.logical_type()->kind == LogicalType::Kind::FLOAT16);
}

// BOOLEAN columns are never dictionary-encoded; this stands in for the
// dictionary encoder there so the writer compiles as one template.
template <typename DType>
struct NoDictionary {
  NoDictionary(int32_t, size_t) {}
  size_t put(const typename DType::value_type*, size_t n, size_t = SIZE_MAX) { return n; }
  size_t num_entries() const { return 0; }
  size_t dict_encoded_size() const { return 0; }
  size_t estimated_data_size() const { return 0; }
  void flush_indices_to(ByteBuffer&) {}
  std::span<const uint8_t> dictionary_body() const { return {}; }
  ByteBuffer take_dictionary_body() { return ByteBuffer(); }
  void clear() {}
  size_t memory_size() const { return 0; }
};

template <typename DType>
using DictionaryEncoderFor = std::conditional_t<DType::type == PhysicalType::BOOLEAN,
                                                NoDictionary<DType>, DictEncoder<DType>>;

template <typename DType>
class TypedColumnWriterImpl final : public TypedColumnWriter<DType> {
 public:
  using T = typename DType::value_type;

  TypedColumnWriterImpl(const ColumnDescriptor& descr, const ColumnWriterOptions& opts)
      : descr_(descr),
        opts_(opts),
        codec_(make_codec(opts.compression, opts.compression_level)),
        def_encoder_(bit_width_for(static_cast<uint64_t>(descr.max_definition_level()))),
        rep_encoder_(bit_width_for(static_cast<uint64_t>(descr.max_repetition_level()))),
        page_stats_(descr),
        chunk_stats_(descr) {
    if constexpr (DType::type != PhysicalType::BOOLEAN) {
      if (opts_.dictionary_enabled) {
        dict_ = std::make_unique<DictionaryEncoderFor<DType>>(descr.type_length(), kHeaderReserve);
      }
    }
    if (!dict_) fallback_ = make_encoder<DType>(opts_.fallback_encoding, descr.type_length());
    if (descr.max_definition_level() > 0) {
      page_def_hist_.assign(descr.max_definition_level() + 1, 0);
    }
    if (descr.max_repetition_level() > 0) {
      page_rep_hist_.assign(descr.max_repetition_level() + 1, 0);
    }
    // Pages and dictionaries past half the format's limit are cut (split),
    // whatever size was asked for.
    opts_.data_page_size_limit = std::min(opts_.data_page_size_limit, opts_.max_page_bytes / 2);
    opts_.dictionary_page_size_limit =
        std::min(opts_.dictionary_page_size_limit, opts_.max_page_bytes / 2);
    reset_chunk();
  }

  const ColumnDescriptor& descriptor() const override { return descr_; }
  int64_t rows_in_chunk() const override { return chunk_rows_; }

  void write_batch(const int16_t* def, const int16_t* rep, size_t num_levels, const T* values,
                   size_t num_values) override {
    const LevelScan scan{def, rep, descr_.max_definition_level()};
    size_t level_pos = 0;
    size_t value_pos = 0;
    while (level_pos < num_levels) {
      size_t room = opts_.data_page_row_count_limit - static_cast<size_t>(page_rows_);
      size_t max_rows = std::max<size_t>(1, std::min(opts_.write_batch_size, room));
      size_t level_room = opts_.max_page_levels - static_cast<size_t>(page_levels_);
      size_t end = scan.mini_batch_end(level_pos, num_levels, max_rows,
                                       std::min(opts_.write_batch_size, level_room));
      if (end - level_pos > level_room) {
        // The format's count of levels per page is a hard limit: end the
        // mini-batch at the last row that fits, or the page before this row.
        size_t cut = scan.row_start_at_or_before(level_pos + level_room, level_pos);
        if (cut > level_pos) {
          end = cut;
        } else if (page_levels_ > 0) {
          flush_data_page();
          continue;
        }  // else one row alone is past the limit: flush_data_page refuses it
      }
      size_t n_values = scan.count_values(level_pos, end);
      if (value_pos + n_values > num_values) {
        throw Error("column '" + descr_.path().to_dot_string() +
                    "': fewer values than definition levels call for");
      }
      const T* v = values + value_pos;
      bool dictionary_full = false;
      if (dict_) {
        // The dictionary stops at its size limit, value-exact: a mini-batch
        // of fat new values cannot take it far past the limit.
        size_t limit = opts_.dictionary_page_size_limit;
        size_t size = dict_->dict_encoded_size();
        size_t took = dict_->put(v, n_values, size < limit ? limit - size : 0);
        if (took < n_values) {
          dictionary_full = true;
          // The page ends at a row boundary: the rest of the row containing
          // the value that did not fit goes into the dictionary anyway.
          end = scan.row_start_at_or_after(scan.level_of_value(level_pos, end, took), end);
          size_t row_values = scan.count_values(level_pos, end);
          if (row_values > took) dict_->put(v + took, row_values - took);
          n_values = row_values;
        }
      } else {
        if (const size_t limit = value_cut_limit()) {
          // Fat values: end the page at its size limit rather than after the
          // whole mini-batch, so a page's buffer stays within the limit.
          size_t page = estimated_page_size();
          size_t fit = values_fitting(v, n_values, page < limit ? limit - page : 0);
          if (fit < n_values) {
            size_t cut =
                scan.row_start_at_or_before(scan.level_of_value(level_pos, end, fit), level_pos);
            if (cut == level_pos) {
              if (page_levels_ > 0) {  // nothing more fits: start a new page
                flush_data_page();
                continue;
              }
              cut = scan.row_start_at_or_after(level_pos + 1, end);  // one row, over the limit
            }
            end = cut;
            n_values = scan.count_values(level_pos, end);
          }
        }
        if (n_values > 0) {
          prepare_values_buffer(v, n_values, scan.count_rows(level_pos, end));
          fallback_->put(v, n_values);
        }
      }
      record_mini_batch(def ? def + level_pos : nullptr, rep ? rep + level_pos : nullptr,
                        end - level_pos, v, n_values);
      level_pos = end;
      value_pos += n_values;
      if (dict_ &&
          (dictionary_full || dict_->dict_encoded_size() >= opts_.dictionary_page_size_limit)) {
        fall_back_to_plain();
      }
      if (static_cast<size_t>(page_rows_) >= opts_.data_page_row_count_limit ||
          static_cast<size_t>(page_levels_) >= opts_.max_page_levels ||
          estimated_page_size() >= opts_.data_page_size_limit) {
        flush_data_page();
      }
    }
    if (value_pos != num_values) {
      throw Error("column '" + descr_.path().to_dot_string() +
                  "': more values than definition levels call for");
    }
  }

  ColumnChunkResult close_chunk() override {
    if (page_levels_ > 0 || pages_.empty()) flush_data_page();
    // A chunk of nulls only never had a dictionary entry: no dictionary page.
    if (dict_ && !dict_page_ && dict_->num_entries() > 0) write_dictionary_page();

    ColumnChunkResult r;
    r.column = descr_.path().to_dot_string();
    r.store = std::move(store_);
    r.dictionary_page = std::move(dict_page_);
    r.data_pages = std::move(pages_);
    ColumnMetaData& md = r.metadata;
    md.type = descr_.physical_type();
    md.path_in_schema = descr_.path().parts();
    md.codec = static_cast<CompressionCodec>(opts_.compression);
    md.num_values = chunk_levels_;
    md.total_uncompressed_size = total_uncompressed_;
    md.total_compressed_size = total_compressed_;
    // Levels are always RLE; list them as a set in the order first seen.
    md.encodings = encodings_;
    for (const auto& [key, count] : encoding_stats_) {
      md.encoding_stats.push_back({key.first, key.second, count});
    }
    if (opts_.statistics != EnabledStatistics::NONE) {
      md.statistics = chunk_stats_.to_thrift(opts_.statistics_truncate_length);
    }
    SizeStatistics size;
    if (descr_.physical_type() == PhysicalType::BYTE_ARRAY) {
      size.unencoded_byte_array_data_bytes = chunk_unencoded_bytes_;
    }
    size.definition_level_histogram = chunk_def_hist_;
    size.repetition_level_histogram = chunk_rep_hist_;
    if (size.unencoded_byte_array_data_bytes || !size.definition_level_histogram.empty() ||
        !size.repetition_level_histogram.empty()) {
      md.size_statistics = std::move(size);
    }
    if (opts_.statistics == EnabledStatistics::PAGE && column_index_valid_) {
      column_index_.boundary_order =
          compute_boundary_order(EncodedValueComparator(descr_), column_index_.min_values,
                                 column_index_.max_values, column_index_.null_pages);
      r.column_index = std::move(column_index_);
    }
    if (opts_.write_offset_index) r.offset_index = std::move(offset_index_);
    reset_chunk();
    return r;
  }

  size_t memory_size() const override {
    size_t n = scratch_.capacity() + levels_.capacity() + header_.capacity() +
               def_encoder_.memory_size() + rep_encoder_.memory_size() + page_stats_.memory_size() +
               chunk_stats_.memory_size();
    if (dict_) n += dict_->memory_size();
    if (fallback_) n += fallback_->memory_size();
    if (store_) n += store_->memory_size();
    return n;
  }

  size_t estimated_chunk_size() const override {
    size_t n = total_compressed_ + estimated_page_size();
    if (dict_ && !dict_page_) n += dict_->dict_encoded_size();
    return n;
  }

 private:
  // BYTE_ARRAY and FIXED_LEN_BYTE_ARRAY values can be large: their pages are
  // cut at the byte limit, for the encodings whose size the PLAIN size
  // bounds closely (DELTA_BYTE_ARRAY's prefixes can make it far smaller).
  bool cuts_at_page_limit() const {
    if constexpr (DType::type == PhysicalType::BYTE_ARRAY ||
                  DType::type == PhysicalType::FIXED_LEN_BYTE_ARRAY) {
      return fallback_->encoding() != Encoding::DELTA_BYTE_ARRAY;
    } else {
      return false;
    }
  }

  // The byte count at which a page of binary values is cut before a value:
  // the page size limit where the PLAIN size bounds the encoded size closely,
  // else (DELTA_BYTE_ARRAY) only the format's limit, halved for the lengths
  // and levels the PLAIN size does not count. 0: values of fixed small size.
  size_t value_cut_limit() const {
    if constexpr (DType::type == PhysicalType::BYTE_ARRAY ||
                  DType::type == PhysicalType::FIXED_LEN_BYTE_ARRAY) {
      return cuts_at_page_limit() ? opts_.data_page_size_limit : opts_.max_page_bytes / 2;
    } else {
      return 0;
    }
  }

  // A page's count or size for its header. Pages are cut below the format's
  // limits, so only a single row can pass them: say which.
  int32_t page_i32(size_t v, size_t max, const char* what, bool dictionary = false) const {
    if (v > max) {
      std::string rows = dictionary ? std::string("the dictionary cannot be split")
                                    : std::to_string(page_rows_) +
                                          (page_rows_ == 1 ? " row, row " : " rows from row ") +
                                          std::to_string(page_first_row_) +
                                          " of the row group, cannot be split across pages";
      throw Error("column '" + descr_.path().to_dot_string() + "': " + what + " of " +
                  std::to_string(v) + " is over the " + std::to_string(max) +
                  " one Parquet page can hold; " + rows);
    }
    return static_cast<int32_t>(v);
  }

  size_t plain_size(const T* v, size_t n) const {
    if constexpr (DType::type == PhysicalType::BYTE_ARRAY) {
      size_t bytes = 4 * n;
      for (size_t i = 0; i < n; ++i) bytes += v[i].len;
      return bytes;
    } else if constexpr (DType::type == PhysicalType::FIXED_LEN_BYTE_ARRAY) {
      return n * static_cast<size_t>(descr_.type_length());
    } else {
      return n * sizeof(T);
    }
  }

  // How many of the values fit in `room` bytes, PLAIN-encoded.
  size_t values_fitting(const T* v, size_t n, size_t room) const {
    if constexpr (DType::type == PhysicalType::BYTE_ARRAY) {
      size_t bytes = 0;
      for (size_t i = 0; i < n; ++i) {
        bytes += 4 + static_cast<size_t>(v[i].len);
        if (bytes > room) return i;
      }
      return n;
    } else {
      size_t width = plain_size(v, 1);
      return std::min(n, room / width);
    }
  }

  // At a page's first values, an encoder that encodes straight into its
  // page buffer gets headroom for the header and levels, and room for the
  // page this first mini-batch predicts, so the buffer rarely grows (growing
  // a page-sized buffer briefly holds it twice).
  void prepare_values_buffer(const T* v, size_t n, size_t rows) {
    ByteBuffer* buf = fallback_->values_buffer();
    if (!buf || !buf->empty() || buf->headroom() > 0) return;
    buf->set_headroom(page_headroom(v, n));
    const size_t bytes = plain_size(v, n);
    const size_t limit = opts_.data_page_size_limit + (cuts_at_page_limit() ? 0 : bytes);
    size_t predicted = limit;
    if (rows > 0) {
      const double per_page = static_cast<double>(bytes) / static_cast<double>(rows) *
                              static_cast<double>(opts_.data_page_row_count_limit);
      if (per_page < static_cast<double>(limit)) predicted = static_cast<size_t>(per_page) + 1;
    }
    buf->reserve(predicted);
  }

  // Room in front of a page's values for its header and levels: the levels'
  // worst case for a page of flat rows, and the page statistics' min and max.
  size_t page_headroom(const T* v, size_t n) const {
    size_t room = kHeaderReserve;
    const int bits = bit_width_for(static_cast<uint64_t>(descr_.max_definition_level())) +
                     bit_width_for(static_cast<uint64_t>(descr_.max_repetition_level()));
    if (bits > 0) {
      const size_t rows = std::min<size_t>(opts_.data_page_row_count_limit, 1 << 20);
      room += 8 + rows * static_cast<size_t>(bits) / 8 + rows / 64 + 16;
    }
    if (opts_.statistics == EnabledStatistics::PAGE) {
      size_t widest = 0;
      if constexpr (DType::type == PhysicalType::BYTE_ARRAY) {
        for (size_t i = 0; i < n; ++i) widest = std::max<size_t>(widest, v[i].len);
      } else {
        widest = plain_size(v, std::min<size_t>(n, 1));
      }
      room += 2 * std::min(widest, opts_.statistics_truncate_length.value_or(widest));
    }
    return room;
  }

  // Levels, statistics and counters of a mini-batch whose values the
  // encoder has taken.
  void record_mini_batch(const int16_t* def, const int16_t* rep, size_t n_levels, const T* values,
                         size_t n_values) {
    int64_t rows = static_cast<int64_t>(n_levels);
    if (rep && descr_.max_repetition_level() > 0) {
      rows = 0;
      for (size_t i = 0; i < n_levels; ++i) {
        rows += rep[i] == 0;
        ++page_rep_hist_[static_cast<size_t>(rep[i])];
      }
      rep_encoder_.put_batch(rep, n_levels);
    }
    if (def && descr_.max_definition_level() > 0) {
      def_encoder_.put_batch(def, n_levels);
      for (size_t i = 0; i < n_levels; ++i) ++page_def_hist_[static_cast<size_t>(def[i])];
    }
    if (n_values > 0) {
      if (opts_.statistics != EnabledStatistics::NONE) page_stats_.update(values, n_values);
      if constexpr (DType::type == PhysicalType::BYTE_ARRAY) {
        for (size_t i = 0; i < n_values; ++i) page_unencoded_bytes_ += values[i].len;
      }
    }
    int64_t nulls = static_cast<int64_t>(n_levels - n_values);
    if (nulls > 0 && opts_.statistics != EnabledStatistics::NONE) page_stats_.add_nulls(nulls);
    page_nulls_ += nulls;
    page_levels_ += static_cast<int64_t>(n_levels);
    page_values_ += static_cast<int64_t>(n_values);
    page_rows_ += rows;
  }

  size_t estimated_page_size() const {
    size_t n = def_encoder_.estimated_size() + rep_encoder_.estimated_size();
    n += dict_ ? dict_->estimated_data_size() : fallback_->estimated_data_size();
    return n;
  }

  // Dictionary past its limit: the open page keeps its dictionary indices,
  // the dictionary page is final, and the rest of the chunk is encoded plain
  // (or with the chosen fallback encoding).
  void fall_back_to_plain() {
    if (page_levels_ > 0) flush_data_page();
    write_dictionary_page();
    fallback_ = make_encoder<DType>(opts_.fallback_encoding, descr_.type_length());
    dict_.reset();
  }

  void write_dictionary_page() {
    if constexpr (DType::type != PhysicalType::BOOLEAN) {
      if (dict_->num_entries() == 0) return;
      const size_t uncompressed = dict_->dict_encoded_size();
      DictionaryPageHeader dh;
      dh.num_values = static_cast<int32_t>(dict_->num_entries());
      dh.encoding = Encoding::PLAIN;
      // The entries are kept in PLAIN layout with headroom: uncompressed, they
      // are the page body as they stand.
      ByteBuffer body;
      if (codec_) {
        body = start_page(codec_->max_compressed_size(uncompressed));
        codec_->compress(dict_->dictionary_body(), body);
      } else {
        body = dict_->take_dictionary_body();
      }
      PageHeader h;
      h.type = PageType::DICTIONARY_PAGE;
      h.dictionary_page_header = dh;
      EncodedPage page = seal_page(h, std::move(body), uncompressed);
      page.encoding = Encoding::PLAIN;
      page.num_values = dh.num_values;
      note_encoding(PageType::DICTIONARY_PAGE, Encoding::PLAIN);
      dict_page_ = store_page(std::move(page));
    }
  }

  void flush_data_page() {
    const bool v2 = opts_.writer_version == WriterVersion::PARQUET_2_0;
    // A page of nulls before the dictionary has an entry is written PLAIN (it
    // holds no values), so an all-null chunk needs no empty dictionary page.
    const bool use_dict = dict_ && (page_values_ > 0 || dict_->num_entries() > 0);
    const Encoding value_encoding =
        use_dict ? Encoding::RLE_DICTIONARY : (dict_ ? Encoding::PLAIN : fallback_->encoding());
    // Levels: v1 keeps them in the (compressed) body with length prefixes; v2
    // writes them uncompressed, without prefixes, ahead of the values.
    levels_.clear();
    size_t rep_len = append_levels(rep_encoder_, descr_.max_repetition_level(), !v2);
    size_t def_len = append_levels(def_encoder_, descr_.max_definition_level(), !v2);
    // PLAIN values were encoded straight into a buffer with headroom: the
    // page is built around them.
    ByteBuffer* in_place = dict_ ? nullptr : fallback_->values_buffer();
    const size_t values_size = use_dict ? dict_->estimated_data_size()
                               : dict_  ? 0
                                        : fallback_->estimated_data_size();
    // An empty value section stays uncompressed (v2 allows it): some readers
    // trip over a codec's encoding of zero bytes.
    const bool compress_values = codec_ && !(v2 && values_size == 0);
    auto flush_values = [&](ByteBuffer& to) {
      if (use_dict) {
        dict_->flush_indices_to(to);
      } else if (!dict_) {
        fallback_->flush_to(to);
      }
    };
    ByteBuffer out;
    size_t uncompressed = 0;
    if (!compress_values) {
      if (in_place && in_place->capacity() > 0) {
        out = std::move(*in_place);
      } else {
        out = start_page(levels_.size() + values_size);
        flush_values(out);
      }
      out.prepend(levels_.span());
      uncompressed = out.size();
    } else {
      // The codec reads levels (v1) and values from one contiguous span.
      ByteBuffer* input = in_place;
      if (!input) {
        scratch_.clear();
        flush_values(scratch_);
        input = &scratch_;
      }
      if (!v2) input->prepend(levels_.span());
      uncompressed = input->size() + (v2 ? levels_.size() : 0);
      out = start_page(levels_.size() + codec_->max_compressed_size(input->size()));
      if (v2) out.append(levels_.span());
      codec_->compress(input->span(), out);
      input->clear();
    }

    std::optional<Statistics> stats;
    if (opts_.statistics == EnabledStatistics::PAGE) {
      stats = page_stats_.to_thrift(opts_.statistics_truncate_length);
    }
    PageHeader h;
    if (v2) {
      h.type = PageType::DATA_PAGE_V2;
      DataPageHeaderV2 d;
      d.num_values = page_i32(static_cast<size_t>(page_levels_), opts_.max_page_levels,
                              "a page's level count");
      d.num_nulls = static_cast<int32_t>(page_nulls_);  // <= num_values
      d.num_rows = static_cast<int32_t>(page_rows_);    // <= num_values
      d.encoding = value_encoding;
      d.definition_levels_byte_length = static_cast<int32_t>(def_len);
      d.repetition_levels_byte_length = static_cast<int32_t>(rep_len);
      d.is_compressed = compress_values;
      d.statistics = std::move(stats);
      h.data_page_header_v2 = std::move(d);
    } else {
      h.type = PageType::DATA_PAGE;
      DataPageHeader d;
      d.num_values = page_i32(static_cast<size_t>(page_levels_), opts_.max_page_levels,
                              "a page's level count");
      d.encoding = value_encoding;
      d.definition_level_encoding = Encoding::RLE;
      d.repetition_level_encoding = Encoding::RLE;
      d.statistics = std::move(stats);
      h.data_page_header = std::move(d);
    }
    EncodedPage page = seal_page(h, std::move(out), uncompressed);
    page.encoding = value_encoding;
    page.num_values = page_levels_;
    page.first_row_index = page_first_row_;
    note_encoding(h.type, value_encoding);
    add_to_page_index(page);
    pages_.push_back(store_page(std::move(page)));

    chunk_stats_.merge(page_stats_);
    page_stats_.reset();
    chunk_levels_ += page_levels_;
    chunk_rows_ += page_rows_;
    chunk_unencoded_bytes_ += page_unencoded_bytes_;
    add_histogram(chunk_def_hist_, page_def_hist_);
    add_histogram(chunk_rep_hist_, page_rep_hist_);
    page_first_row_ = chunk_rows_;
    page_levels_ = page_values_ = page_nulls_ = page_rows_ = page_unencoded_bytes_ = 0;
    std::fill(page_def_hist_.begin(), page_def_hist_.end(), 0);
    std::fill(page_rep_hist_.begin(), page_rep_hist_.end(), 0);
  }

  size_t append_levels(RleBitPackedEncoder& enc, int16_t max_level, bool length_prefix) {
    if (max_level == 0) return 0;
    size_t start = levels_.size();
    if (length_prefix) levels_.append_le<uint32_t>(0);
    size_t body = levels_.size();
    enc.flush_to(levels_);
    uint32_t len = static_cast<uint32_t>(levels_.size() - body);
    if (length_prefix) std::memcpy(levels_.data() + start, &len, 4);
    return levels_.size() - start;
  }

  static void add_histogram(std::vector<int64_t>& into, const std::vector<int64_t>& from) {
    if (from.empty()) return;
    if (into.empty()) into.assign(from.size(), 0);
    for (size_t i = 0; i < from.size(); ++i) into[i] += from[i];
  }

  // A page buffer with room for the header in front of the body.
  static ByteBuffer start_page(size_t body_capacity) {
    ByteBuffer out;
    out.set_headroom(kHeaderReserve);
    out.reserve(body_capacity);
    return out;
  }

  // Puts the header in front of the page body in `body` and returns header +
  // body as one buffer.
  EncodedPage seal_page(PageHeader& h, ByteBuffer body, size_t uncompressed) {
    const size_t compressed = body.size();
    const bool dictionary = h.type == PageType::DICTIONARY_PAGE;
    h.uncompressed_page_size =
        page_i32(uncompressed, opts_.max_page_bytes, "page size", dictionary);
    h.compressed_page_size =
        page_i32(compressed, opts_.max_page_bytes, "compressed page size", dictionary);
    // The spec's CRC: zlib's CRC-32 of the page's bytes as written, after
    // the header (levels and values, compressed or not).
    if (opts_.page_checksums) {
      h.crc = static_cast<int32_t>(::crc32(0L, body.data(), static_cast<uInt>(compressed)));
    }

    header_.clear();
    write_thrift(h, header_);
    EncodedPage page;
    page.type = h.type;
    page.header_size = header_.size();
    page.uncompressed_size = header_.size() + uncompressed;
    body.prepend(header_.span());
    const size_t total = body.size();
    // A compressed body usually fills far less than its worst-case
    // reservation, and a short page less than its prediction: return the
    // slack rather than keep it while the page waits for the splice.
    if (body.capacity() > total + total / 32 + 4096) body.shrink_to_fit();
    page.bytes = body.finish();
    total_uncompressed_ += static_cast<int64_t>(page.uncompressed_size);
    total_compressed_ += static_cast<int64_t>(total);
    return page;
  }

  // Hands a finished page to the chunk's store (made at the chunk's first
  // page) and keeps only its key.
  StoredPage store_page(EncodedPage page) {
    if (!store_) {
      PageStoreArgs args(opts_.column_index, descr_);
      store_ = opts_.page_store_factory ? opts_.page_store_factory->create(args)
                                        : InMemoryPageStoreFactory().create(args);
      if (!store_)
        throw Error("column '" + descr_.path().to_dot_string() +
                    "': the page store factory returned no store");
    }
    StoredPage stored;
    stored.size = page.bytes.size();
    stored.type = page.type;
    try {
      stored.key = store_->put(std::move(page.bytes));
    } catch (const std::exception& e) {
      throw Error("column '" + descr_.path().to_dot_string() +
                  "': page store put failed: " + e.what());
    }
    return stored;
  }

  void note_encoding(PageType type, Encoding e) {
    ++encoding_stats_[{type, e}];
    if (std::find(encodings_.begin(), encodings_.end(), e) == encodings_.end()) {
      encodings_.push_back(e);
    }
  }

  void add_to_page_index(const EncodedPage& page) {
    if (opts_.write_offset_index) {
      PageLocation loc;
      loc.offset = data_pages_bytes_;
      loc.compressed_page_size = static_cast<int32_t>(page.bytes.size());
      loc.first_row_index = page.first_row_index;
      offset_index_.page_locations.push_back(loc);
      if (descr_.physical_type() == PhysicalType::BYTE_ARRAY) {
        offset_index_.unencoded_byte_array_data_bytes.push_back(page_unencoded_bytes_);
      }
    }
    data_pages_bytes_ += static_cast<int64_t>(page.bytes.size());
    if (opts_.statistics != EnabledStatistics::PAGE || !column_index_valid_) return;
    const bool null_page = page_values_ == 0;
    if (!null_page && !page_stats_.has_min_max()) {
      // Only NaNs (or an undefined sort order): TYPE_ORDER forbids a column
      // index for this chunk.
      column_index_valid_ = false;
      column_index_ = ColumnIndex();
      return;
    }
    column_index_.null_pages.push_back(null_page);
    if (null_page) {
      column_index_.min_values.emplace_back();
      column_index_.max_values.emplace_back();
    } else {
      auto [mn, mx] = page_stats_.encoded_min_max(opts_.column_index_truncate_length);
      column_index_.min_values.push_back(std::move(mn));
      column_index_.max_values.push_back(std::move(mx));
    }
    column_index_.null_counts.push_back(page_nulls_);
    if (is_float_type(descr_)) {
      column_index_.nan_counts.push_back(page_stats_.nan_count().value_or(0));
    }
    column_index_.definition_level_histograms.insert(
        column_index_.definition_level_histograms.end(), page_def_hist_.begin(),
        page_def_hist_.end());
    column_index_.repetition_level_histograms.insert(
        column_index_.repetition_level_histograms.end(), page_rep_hist_.begin(),
        page_rep_hist_.end());
  }

  void reset_chunk() {
    if constexpr (DType::type != PhysicalType::BOOLEAN) {
      if (opts_.dictionary_enabled) {
        if (dict_) {
          dict_->clear();
        } else {
          dict_ =
              std::make_unique<DictionaryEncoderFor<DType>>(descr_.type_length(), kHeaderReserve);
        }
        fallback_.reset();
      }
    }
    pages_.clear();
    dict_page_.reset();
    store_.reset();
    chunk_stats_.reset();
    page_stats_.reset();
    column_index_ = ColumnIndex();
    column_index_valid_ = true;
    offset_index_ = OffsetIndex();
    encoding_stats_.clear();
    encodings_.clear();
    total_uncompressed_ = total_compressed_ = data_pages_bytes_ = 0;
    chunk_levels_ = chunk_rows_ = chunk_unencoded_bytes_ = 0;
    page_first_row_ = 0;
    page_levels_ = page_values_ = page_nulls_ = page_rows_ = page_unencoded_bytes_ = 0;
    chunk_def_hist_.clear();
    chunk_rep_hist_.clear();
    std::fill(page_def_hist_.begin(), page_def_hist_.end(), 0);
    std::fill(page_rep_hist_.begin(), page_rep_hist_.end(), 0);
    // Levels are always RLE-encoded; list RLE first, as other writers do.
    if (descr_.max_definition_level() > 0 || descr_.max_repetition_level() > 0) {
      encodings_.push_back(Encoding::RLE);
    }
  }

  ColumnDescriptor descr_;
  ColumnWriterOptions opts_;
  std::unique_ptr<Codec> codec_;
  std::unique_ptr<DictionaryEncoderFor<DType>> dict_;
  std::unique_ptr<TypedEncoder<DType>> fallback_;
  RleBitPackedEncoder def_encoder_;
  RleBitPackedEncoder rep_encoder_;
  TypedStatistics<DType> page_stats_;
  TypedStatistics<DType> chunk_stats_;
  ByteBuffer scratch_;
  ByteBuffer levels_;
  ByteBuffer header_;

  // The open page.
  int64_t page_levels_ = 0;
  int64_t page_values_ = 0;
  int64_t page_nulls_ = 0;
  int64_t page_rows_ = 0;
  int64_t page_first_row_ = 0;
  int64_t page_unencoded_bytes_ = 0;
  std::vector<int64_t> page_def_hist_;
  std::vector<int64_t> page_rep_hist_;

  // The open column chunk.
  std::unique_ptr<PageStore> store_;
  std::vector<StoredPage> pages_;
  std::optional<StoredPage> dict_page_;
  ColumnIndex column_index_;
  bool column_index_valid_ = true;
  OffsetIndex offset_index_;
  std::map<std::pair<PageType, Encoding>, int32_t> encoding_stats_;
  std::vector<Encoding> encodings_;
  int64_t total_uncompressed_ = 0;
  int64_t total_compressed_ = 0;
  int64_t data_pages_bytes_ = 0;
  int64_t chunk_levels_ = 0;
  int64_t chunk_rows_ = 0;
  int64_t chunk_unencoded_bytes_ = 0;
  std::vector<int64_t> chunk_def_hist_;
  std::vector<int64_t> chunk_rep_hist_;
};

}  // namespace

std::unique_ptr<ColumnWriter> make_column_writer(const ColumnDescriptor& descr,
                                                 const ColumnWriterOptions& options) {
  switch (descr.physical_type()) {
    case PhysicalType::BOOLEAN:
      return std::make_unique<TypedColumnWriterImpl<BooleanType>>(descr, options);
    case PhysicalType::INT32:
      return std::make_unique<TypedColumnWriterImpl<Int32Type>>(descr, options);
    case PhysicalType::INT64:
      return std::make_unique<TypedColumnWriterImpl<Int64Type>>(descr, options);
    case PhysicalType::FLOAT:
      return std::make_unique<TypedColumnWriterImpl<FloatType>>(descr, options);
    case PhysicalType::DOUBLE:
      return std::make_unique<TypedColumnWriterImpl<DoubleType>>(descr, options);
    case PhysicalType::BYTE_ARRAY:
      return std::make_unique<TypedColumnWriterImpl<ByteArrayType>>(descr, options);
    case PhysicalType::FIXED_LEN_BYTE_ARRAY:
      return std::make_unique<TypedColumnWriterImpl<FLBAType>>(descr, options);
    case PhysicalType::INT96:
      break;
  }
  throw Error("column '" + descr.path().to_dot_string() + "': spillway does not write INT96");
}

}  // namespace spillway

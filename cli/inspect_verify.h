#pragma once

// `spillway inspect --verify`, shared by inspect_verify.cc (the walk over
// each chunk's pages: decompression and levels), inspect_verify_values.cc
// (values decoded per physical type, their statistics, bloom filter and
// distinct count) and inspect_verify_claims.cc (what the file claims
// against what was decoded). Internal to the command.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <unordered_set>
#include <vector>

#include "inspect_report.h"
#include "spillway/metadata.h"
#include "spillway/schema.h"
#include "statistics/boundary_order.h"

namespace spillway::cli::inspect::verify {

// The smallest and largest non-NaN value, as PLAIN bytes (statistics form).
struct Bounds {
  bool set = false;  // false: no value, or only NaNs
  std::string min, max;
};

// What one data page, or a whole chunk, holds once decoded.
struct Facts {
  int64_t levels = 0;
  int64_t non_null = 0;  // levels at the max definition level: the values
  int64_t nulls = 0;
  std::vector<int64_t> def_histogram, rep_histogram;
  int64_t unencoded_bytes = 0;  // BYTE_ARRAY value lengths
  std::optional<int64_t> nan_count;
  Bounds bounds;
};

// Values the bloom filter says are absent, though a page holds them.
struct BloomMisses {
  int64_t count = 0;
  std::string first;  // PLAIN bytes of the first
  size_t first_page = 0;
};

// Decodes one chunk's values a page at a time (keeping only its
// dictionary), folding them into statistics.
class ValueVerifier {
 public:
  virtual ~ValueVerifier() = default;
  // The dictionary page's PLAIN values. Throws Error when they cannot be
  // decoded; *consumed receives the bytes used.
  virtual void read_dictionary(std::span<const uint8_t> bytes, size_t num_values,
                               size_t* consumed) = 0;
  // A data page's `num_values` values (its non-null ones) in `encoding`;
  // sets page.bounds, nan_count and unencoded_bytes. Throws Error when they
  // cannot be decoded (an index past the dictionary included).
  virtual void read_values(Encoding encoding, std::span<const uint8_t> bytes, size_t num_values,
                           size_t page, size_t* consumed, Facts& facts) = 0;
  // The chunk's bounds over every page read so far.
  virtual Bounds chunk_bounds() const = 0;

  // Distinct non-null values (by their PLAIN bytes' hash); unset when there
  // were too many to count.
  std::optional<int64_t> distinct_count() const {
    if (distinct_overflow_) return std::nullopt;
    return static_cast<int64_t>(distinct_.size());
  }
  const BloomMisses& bloom_misses() const { return misses_; }

 protected:
  explicit ValueVerifier(std::span<const uint8_t> bloom_bitset) : bloom_(bloom_bitset) {}
  // Each non-null value's PLAIN bytes: counted, and looked up in the bloom
  // filter the first time they are seen.
  void note_value(std::span<const uint8_t> plain, size_t page);

 private:
  std::span<const uint8_t> bloom_;  // empty: no bloom filter
  std::unordered_set<uint64_t> distinct_;
  bool distinct_overflow_ = false;
  BloomMisses misses_;
};

// nullptr when the column's values cannot be decoded (INT96). `bloom_bitset`
// is empty when the chunk has no usable bloom filter.
std::unique_ptr<ValueVerifier> make_value_verifier(const ColumnDescriptor& leaf,
                                                   std::span<const uint8_t> bloom_bitset);

// The claims about one chunk checked against what was decoded
// (inspect_verify_claims.cc). `where` is "row group 0, column 'a'".
class ClaimChecker {
 public:
  ClaimChecker(Report& report, std::string where, const ColumnDescriptor& leaf,
               const ChunkReport& chunk)
      : r_(report), where_(std::move(where)), leaf_(leaf), chunk_(chunk), cmp_(leaf) {}

  // `page` names the page in messages ("page 2 (DATA_PAGE at offset 93)");
  // data_page is its index among data pages (column and offset index entry).
  void page(const std::string& page, size_t data_page, const PageHeader& header,
            const Facts& facts);
  // Statistics and size statistics: only when every page was decoded.
  void chunk(const ColumnMetaData& m, const Facts& facts, const ValueVerifier& values);
  // Values decoded but absent from the bloom filter.
  void bloom_filter(const ValueVerifier& values);

  // Checks `min` <= actual min and `max` >= actual max (equal when marked
  // exact). Public for the tests of its messages.
  void bounds(const std::string& what, const std::optional<std::string>& min,
              const std::optional<std::string>& max, std::optional<bool> min_exact,
              std::optional<bool> max_exact, int64_t non_null, const Bounds& actual,
              const char* min_name, const char* max_name);

 private:
  void statistics(const std::string& what, const Statistics& s, const Facts& facts);
  void problem(std::string message) { add_problem(r_, std::move(message)); }
  std::string text(const std::string& bytes) const;
  bool is_nan(const std::string& bytes) const;

  Report& r_;
  std::string where_;
  const ColumnDescriptor& leaf_;
  const ChunkReport& chunk_;
  EncodedValueComparator cmp_;
};

// "[1, 0, 3]"
std::string histogram_text(const std::vector<int64_t>& h);

}  // namespace spillway::cli::inspect::verify

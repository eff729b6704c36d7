// `spillway inspect --verify`: what a file claims about a chunk's values
// (page header statistics, the v2 header's null count, column index and
// offset index entries, chunk statistics, size statistics, the bloom
// filter) against what its pages decode to. Bounds follow parquet-format:
// a min/max may be any bound (the column index's binary ones truncated),
// equal to the value only when marked exact; NaNs bound nothing; -0.0 and
// +0.0 compare equal.

#include <fmt/format.h>

#include <cmath>
#include <cstring>

#include "inspect_verify.h"
#include "spillway/error.h"
#include "statistics/sort_order.h"
#include "statistics/value_compare.h"

namespace spillway::cli::inspect::verify {

std::string histogram_text(const std::vector<int64_t>& h) {
  std::string out = "[";
  for (size_t i = 0; i < h.size(); ++i) out += fmt::format("{}{}", i ? ", " : "", h[i]);
  return out + "]";
}

std::string ClaimChecker::text(const std::string& bytes) const {
  return value_text(bytes, &leaf_, 40);
}

bool ClaimChecker::is_nan(const std::string& bytes) const {
  const ValueOrder order = value_order_for(leaf_);
  if (order == ValueOrder::FLOATING && bytes.size() == sizeof(float)) {
    float f;
    std::memcpy(&f, bytes.data(), sizeof f);
    return std::isnan(f);
  }
  if (order == ValueOrder::FLOATING && bytes.size() == sizeof(double)) {
    double d;
    std::memcpy(&d, bytes.data(), sizeof d);
    return std::isnan(d);
  }
  if (order == ValueOrder::FLOAT16 && bytes.size() == 2) {
    return stats_detail::float16_is_nan(
        stats_detail::float16_bits(reinterpret_cast<const uint8_t*>(bytes.data())));
  }
  return false;
}

void ClaimChecker::bounds(const std::string& what, const std::optional<std::string>& min,
                          const std::optional<std::string>& max, std::optional<bool> min_exact,
                          std::optional<bool> max_exact, int64_t non_null, const Bounds& actual,
                          const char* min_name, const char* max_name) {
  if (!cmp_.can_compare() || (!min && !max)) return;
  if (!actual.set) {
    // Only NaNs were decoded: a NaN bound is what some writers put there.
    const bool claims = (min && !is_nan(*min)) || (max && !is_nan(*max));
    if (non_null == 0 && claims) {
      problem(fmt::format("{}: {} {} and {} {} are set but no non-null value was decoded", what,
                          min_name, min ? text(*min) : "-", max_name, max ? text(*max) : "-"));
    }
    return;
  }
  try {
    if (min && !is_nan(*min)) {
      const int c = cmp_.compare(*min, actual.min);
      if (c > 0) {
        problem(fmt::format("{}: {} {} is above the smallest value decoded, {}", what, min_name,
                            text(*min), text(actual.min)));
      } else if (c != 0 && min_exact.value_or(false)) {
        problem(fmt::format("{}: {} {} is marked exact but the smallest value decoded is {}", what,
                            min_name, text(*min), text(actual.min)));
      }
    }
    if (max && !is_nan(*max)) {
      const int c = cmp_.compare(*max, actual.max);
      if (c < 0) {
        problem(fmt::format("{}: {} {} is below the largest value decoded, {}", what, max_name,
                            text(*max), text(actual.max)));
      } else if (c != 0 && max_exact.value_or(false)) {
        problem(fmt::format("{}: {} {} is marked exact but the largest value decoded is {}", what,
                            max_name, text(*max), text(actual.max)));
      }
    }
  } catch (const Error& e) {
    problem(fmt::format("{}: {}", what, e.what()));
  }
}

void ClaimChecker::statistics(const std::string& what, const Statistics& s, const Facts& facts) {
  if (s.null_count && *s.null_count != facts.nulls) {
    problem(fmt::format("{}: null_count {} but {} nulls were decoded", what, *s.null_count,
                        facts.nulls));
  }
  if (s.nan_count && facts.nan_count && *s.nan_count != *facts.nan_count) {
    problem(fmt::format("{}: nan_count {} but {} NaNs were decoded", what, *s.nan_count,
                        *facts.nan_count));
  }
  bounds(what, s.min_value, s.max_value, s.is_min_value_exact, s.is_max_value_exact, facts.non_null,
         facts.bounds, "min_value", "max_value");
}

void ClaimChecker::page(const std::string& page, size_t k, const PageHeader& h,
                        const Facts& facts) {
  const std::string at = where_ + ", " + page;
  if (h.data_page_header_v2 && h.data_page_header_v2->num_nulls != facts.nulls) {
    problem(fmt::format("{}: num_nulls {} but its definition levels hold {} nulls", at,
                        h.data_page_header_v2->num_nulls, facts.nulls));
  }
  const Statistics* s = nullptr;
  if (h.data_page_header && h.data_page_header->statistics) s = &*h.data_page_header->statistics;
  if (h.data_page_header_v2 && h.data_page_header_v2->statistics) {
    s = &*h.data_page_header_v2->statistics;
  }
  if (s) statistics(at + ": statistics", *s, facts);

  if (const auto& oi = chunk_.offset_index; oi && k < oi->unencoded_byte_array_data_bytes.size() &&
                                            leaf_.physical_type() == PhysicalType::BYTE_ARRAY) {
    const int64_t claimed = oi->unencoded_byte_array_data_bytes[k];
    if (claimed != facts.unencoded_bytes) {
      problem(fmt::format(
          "{}: offset index entry {}: unencoded_byte_array_data_bytes {} but its values hold {}",
          at, k, claimed, facts.unencoded_bytes));
    }
  }
  if (!chunk_.column_index) return;
  const ColumnIndex& ci = *chunk_.column_index;
  const std::string entry = fmt::format("{}: column index entry {}", at, k);
  if (k < ci.null_pages.size()) {
    const bool only_nans = facts.non_null > 0 && !facts.bounds.set;
    if (ci.null_pages[k] && facts.non_null > 0 && !only_nans) {
      problem(fmt::format("{}: null_pages is true but {} non-null values were decoded", entry,
                          facts.non_null));
    }
    if (!ci.null_pages[k] && facts.non_null == 0) {
      problem(entry + ": null_pages is false but no non-null value was decoded");
    }
    if (!ci.null_pages[k] && k < ci.min_values.size() && k < ci.max_values.size()) {
      bounds(entry, ci.min_values[k], ci.max_values[k], std::nullopt, std::nullopt, facts.non_null,
             facts.bounds, "min", "max");
    }
  }
  if (k < ci.null_counts.size() && ci.null_counts[k] != facts.nulls) {
    problem(fmt::format("{}: null_count {} but {} nulls were decoded", entry, ci.null_counts[k],
                        facts.nulls));
  }
  if (k < ci.nan_counts.size() && facts.nan_count && ci.nan_counts[k] != *facts.nan_count) {
    problem(fmt::format("{}: nan_count {} but {} NaNs were decoded", entry, ci.nan_counts[k],
                        *facts.nan_count));
  }
  auto histogram = [&](const std::vector<int64_t>& all, const std::vector<int64_t>& decoded,
                       const char* name) {
    const size_t width = decoded.size();
    if (width == 0 || all.size() % width != 0 || (k + 1) * width > all.size()) return;
    const std::vector<int64_t> claimed(all.begin() + static_cast<std::ptrdiff_t>(k * width),
                                       all.begin() + static_cast<std::ptrdiff_t>((k + 1) * width));
    if (claimed != decoded) {
      problem(fmt::format("{}: {} {} but the levels decoded give {}", entry, name,
                          histogram_text(claimed), histogram_text(decoded)));
    }
  };
  histogram(ci.definition_level_histograms, facts.def_histogram, "definition_level_histograms");
  histogram(ci.repetition_level_histograms, facts.rep_histogram, "repetition_level_histograms");
}

void ClaimChecker::chunk(const ColumnMetaData& m, const Facts& facts, const ValueVerifier& values) {
  if (m.statistics) {
    const std::string what = where_ + ": chunk statistics";
    statistics(what, *m.statistics, facts);
    const auto distinct = values.distinct_count();
    if (m.statistics->distinct_count && distinct && *m.statistics->distinct_count != *distinct) {
      problem(fmt::format("{}: distinct_count {} but {} distinct values were decoded", what,
                          *m.statistics->distinct_count, *distinct));
    }
  }
  if (m.size_statistics) {
    const SizeStatistics& s = *m.size_statistics;
    const std::string what = where_ + ": size_statistics";
    if (s.unencoded_byte_array_data_bytes && leaf_.physical_type() == PhysicalType::BYTE_ARRAY &&
        *s.unencoded_byte_array_data_bytes != facts.unencoded_bytes) {
      problem(fmt::format("{}: unencoded_byte_array_data_bytes {} but the values decoded hold {}",
                          what, *s.unencoded_byte_array_data_bytes, facts.unencoded_bytes));
    }
    auto histogram = [&](const std::vector<int64_t>& claimed, const std::vector<int64_t>& decoded,
                         const char* name) {
      if (!claimed.empty() && claimed.size() == decoded.size() && claimed != decoded) {
        problem(fmt::format("{}: {} {} but the levels decoded give {}", what, name,
                            histogram_text(claimed), histogram_text(decoded)));
      }
    };
    histogram(s.definition_level_histogram, facts.def_histogram, "definition_level_histogram");
    histogram(s.repetition_level_histogram, facts.rep_histogram, "repetition_level_histogram");
  }
}

void ClaimChecker::bloom_filter(const ValueVerifier& values) {
  const BloomMisses& misses = values.bloom_misses();
  if (misses.count > 0) {
    problem(
        fmt::format("{}: bloom filter: {} of the values decoded {} not in it, the first {} of "
                    "page {}",
                    where_, misses.count, misses.count == 1 ? "is" : "are", text(misses.first),
                    misses.first_page));
  }
}

}  // namespace spillway::cli::inspect::verify

#include "statistics/statistics.h"

#include <cmath>
#include <cstring>

#include "spillway/error.h"
#include "statistics/truncation.h"
#include "statistics/value_compare.h"

namespace spillway {

using stats_detail::compare_signed_big_endian;
using stats_detail::compare_unsigned_bytes;
using stats_detail::float16_bits;
using stats_detail::float16_is_nan;
using stats_detail::float16_key;

namespace {

std::string dotted(const ColumnPath& path) {
  std::string s;
  for (const auto& part : path.parts()) {
    if (!s.empty()) s += '.';
    s += part;
  }
  return s;
}

// A borrowed binary value during a batch scan.
struct Span {
  const uint8_t* p;
  size_t n;
};

// One pass over a batch keeping pointers to the smallest and largest value;
// `mn` / `mx` start at the current bounds. Since mn <= mx, a value below mn
// cannot also be above mx, so most values cost one comparison.
template <typename V, typename LenFn, typename CmpFn>
void scan_bytes(const V* values, size_t n, LenFn len, CmpFn cmp, Span& mn, Span& mx) {
  for (size_t i = 0; i < n; ++i) {
    const Span v{values[i].ptr, len(values[i])};
    if (cmp(v, mn) < 0) {
      mn = v;
    } else if (cmp(v, mx) > 0) {
      mx = v;
    }
  }
}

// Bytes of a zero bound: the min is written -0 and the max +0, so readers
// that see min == +0 or max == -0 need not widen (parquet.thrift ColumnOrder).
constexpr uint8_t kFloat16NegZero[2] = {0x00, 0x80};
constexpr uint8_t kFloat16PosZero[2] = {0x00, 0x00};

}  // namespace

template <typename DType>
TypedStatistics<DType>::TypedStatistics(const ColumnDescriptor& descr)
    : order_(value_order_for(descr)),
      utf8_(is_utf8_column(descr)),
      type_length_(descr.type_length() > 0 ? static_cast<size_t>(descr.type_length()) : 0) {
  if (descr.physical_type() != DType::type) {
    throw Error("column '" + dotted(descr.path()) +
                "': statistics created for a different physical type");
  }
}

template <typename DType>
void TypedStatistics<DType>::update(const T* values, size_t n) {
  if (n == 0 || order_ == ValueOrder::NONE) return;
  if constexpr (kBinary) {
    update_binary(values, n);
  } else if constexpr (std::is_same_v<T, bool>) {
    bool any_true = false;
    bool any_false = false;
    for (size_t i = 0; i < n && !(any_true && any_false); ++i) {
      any_true |= values[i];
      any_false |= !values[i];
    }
    min_ = has_min_max_ ? (min_ && !any_false) : !any_false;
    max_ = has_min_max_ ? (max_ || any_true) : any_true;
    has_min_max_ = true;
  } else if constexpr (kFloating) {
    // NaNs never become a bound; they are only counted.
    size_t i = 0;
    int64_t nans = 0;
    while (i < n && std::isnan(values[i])) ++nans, ++i;
    if (i < n) {
      T mn = values[i];
      T mx = values[i];
      for (++i; i < n; ++i) {
        const T x = values[i];
        if (std::isnan(x)) {
          ++nans;
          continue;
        }
        mn = x < mn ? x : mn;
        mx = x > mx ? x : mx;
      }
      if (!has_min_max_ || mn < min_) min_ = mn;
      if (!has_min_max_ || mx > max_) max_ = mx;
      has_min_max_ = true;
    }
    nan_count_ += nans;
  } else if (order_ == ValueOrder::UNSIGNED_INT) {
    using U = std::make_unsigned_t<T>;
    U mn = static_cast<U>(values[0]);
    U mx = mn;
    for (size_t i = 1; i < n; ++i) {
      const U x = static_cast<U>(values[i]);
      mn = x < mn ? x : mn;
      mx = x > mx ? x : mx;
    }
    if (!has_min_max_ || mn < static_cast<U>(min_)) min_ = static_cast<T>(mn);
    if (!has_min_max_ || mx > static_cast<U>(max_)) max_ = static_cast<T>(mx);
    has_min_max_ = true;
  } else {
    T mn = values[0];
    T mx = mn;
    for (size_t i = 1; i < n; ++i) {
      mn = values[i] < mn ? values[i] : mn;
      mx = values[i] > mx ? values[i] : mx;
    }
    if (!has_min_max_ || mn < min_) min_ = mn;
    if (!has_min_max_ || mx > max_) max_ = mx;
    has_min_max_ = true;
  }
}

template <typename DType>
void TypedStatistics<DType>::update_binary(const T* values, size_t n) {
  if constexpr (kBinary) {
    auto len = [&](const T& v) -> size_t {
      if constexpr (std::is_same_v<T, ByteArray>) {
        return v.len;
      } else {
        return type_length_;
      }
    };
    const T* first = values;
    const T* end = values + n;
    if (order_ == ValueOrder::FLOAT16) {
      int64_t nans = 0;
      while (first != end && float16_is_nan(float16_bits(first->ptr))) ++nans, ++first;
      for (const T* v = first; v != end; ++v) nans += float16_is_nan(float16_bits(v->ptr));
      nan_count_ += nans;
      if (first == end) return;
    }
    Span mn = has_min_max_ ? Span{reinterpret_cast<const uint8_t*>(min_.data()), min_.size()}
                           : Span{first->ptr, len(*first)};
    Span mx = has_min_max_ ? Span{reinterpret_cast<const uint8_t*>(max_.data()), max_.size()}
                           : Span{first->ptr, len(*first)};
    const Span old_mn = mn;
    const Span old_mx = mx;
    switch (order_) {
      case ValueOrder::UNSIGNED_BYTES:
        scan_bytes(
            first, static_cast<size_t>(end - first), len,
            [](Span a, Span b) { return compare_unsigned_bytes(a.p, a.n, b.p, b.n); }, mn, mx);
        break;
      case ValueOrder::SIGNED_BIG_ENDIAN:
        scan_bytes(
            first, static_cast<size_t>(end - first), len,
            [](Span a, Span b) { return compare_signed_big_endian(a.p, a.n, b.p, b.n); }, mn, mx);
        break;
      case ValueOrder::FLOAT16: {
        int32_t mn_key = float16_key(float16_bits(mn.p));
        int32_t mx_key = float16_key(float16_bits(mx.p));
        for (const T* v = first; v != end; ++v) {
          const uint16_t h = float16_bits(v->ptr);
          if (float16_is_nan(h)) continue;
          const int32_t k = float16_key(h);
          if (k < mn_key) {
            mn = Span{v->ptr, 2}, mn_key = k;
          } else if (k > mx_key) {
            mx = Span{v->ptr, 2}, mx_key = k;
          }
        }
        break;
      }
      default:
        return;
    }
    // Copy only a bound that moved (or the first ones).
    if (!has_min_max_ || mn.p != old_mn.p) min_.assign(reinterpret_cast<const char*>(mn.p), mn.n);
    if (!has_min_max_ || mx.p != old_mx.p) max_.assign(reinterpret_cast<const char*>(mx.p), mx.n);
    has_min_max_ = true;
  }
}

template <typename DType>
void TypedStatistics<DType>::merge(const TypedStatistics& other) {
  null_count_ += other.null_count_;
  nan_count_ += other.nan_count_;
  if (!other.has_min_max_) return;
  if (!has_min_max_) {
    min_ = other.min_;
    max_ = other.max_;
    has_min_max_ = true;
    return;
  }
  if constexpr (kBinary) {
    // Each side's bounds are a batch of two values for update().
    const auto* a = reinterpret_cast<const uint8_t*>(other.min_.data());
    const auto* b = reinterpret_cast<const uint8_t*>(other.max_.data());
    if constexpr (std::is_same_v<T, ByteArray>) {
      const T both[2] = {{a, static_cast<uint32_t>(other.min_.size())},
                         {b, static_cast<uint32_t>(other.max_.size())}};
      update_binary(both, 2);
    } else {
      const T both[2] = {{a}, {b}};
      update_binary(both, 2);
    }
  } else {
    const T both[2] = {other.min_, other.max_};
    const int64_t nans = nan_count_;
    update(both, 2);
    nan_count_ = nans;
  }
}

template <typename DType>
void TypedStatistics<DType>::reset() {
  has_min_max_ = false;
  if constexpr (kBinary) {
    min_.clear();  // keeps the capacity for the next page
    max_.clear();
  } else {
    min_ = max_ = Stored{};
  }
  null_count_ = 0;
  nan_count_ = 0;
}

template <typename DType>
std::optional<int64_t> TypedStatistics<DType>::nan_count() const {
  if (kFloating || order_ == ValueOrder::FLOAT16) return nan_count_;
  return std::nullopt;
}

template <typename DType>
std::string TypedStatistics<DType>::encode(const Stored& v, bool is_max) const {
  if constexpr (kBinary) {
    if (order_ == ValueOrder::FLOAT16 && v.size() == 2 &&
        float16_key(float16_bits(reinterpret_cast<const uint8_t*>(v.data()))) == 0) {
      const uint8_t* zero = is_max ? kFloat16PosZero : kFloat16NegZero;
      return std::string(reinterpret_cast<const char*>(zero), 2);
    }
    return v;
  } else if constexpr (std::is_same_v<T, bool>) {
    return std::string(1, v ? '\1' : '\0');
  } else {
    T x = v;
    if constexpr (kFloating) {
      if (x == 0) x = is_max ? T(0.0) : -T(0.0);
    }
    std::string out(sizeof(T), '\0');
    std::memcpy(out.data(), &x, sizeof(T));  // PLAIN is little-endian, as is the host
    return out;
  }
}

template <typename DType>
void TypedStatistics<DType>::bounds(std::optional<size_t> truncate_length, std::string& min,
                                    std::string& max, bool& min_exact, bool& max_exact) const {
  min = encode(min_, false);
  max = encode(max_, true);
  min_exact = max_exact = true;
  // Signed decimals and FLOAT16 have no shorter form that is still a bound.
  if (!truncate_length || order_ != ValueOrder::UNSIGNED_BYTES) return;
  const size_t limit = *truncate_length;
  if (min.size() > limit) {
    min = truncate_min(min, limit, utf8_);
    min_exact = false;
  }
  if (max.size() > limit) {
    if (auto t = truncate_max(max, limit, utf8_)) {
      max = std::move(*t);
      max_exact = false;
    }
  }
}

template <typename DType>
Statistics TypedStatistics<DType>::to_thrift(std::optional<size_t> truncate_length) const {
  Statistics s;
  s.null_count = null_count_;
  s.nan_count = nan_count();
  if (has_min_max_) {
    std::string mn, mx;
    bool min_exact, max_exact;
    bounds(truncate_length, mn, mx, min_exact, max_exact);
    s.min_value = std::move(mn);
    s.max_value = std::move(mx);
    s.is_min_value_exact = min_exact;
    s.is_max_value_exact = max_exact;
  }
  return s;
}

template <typename DType>
std::pair<std::string, std::string> TypedStatistics<DType>::encoded_min_max(
    std::optional<size_t> truncate_length) const {
  std::pair<std::string, std::string> out;
  if (!has_min_max_) return out;
  bool min_exact, max_exact;
  bounds(truncate_length, out.first, out.second, min_exact, max_exact);
  return out;
}

template <typename DType>
size_t TypedStatistics<DType>::memory_size() const {
  size_t n = sizeof(*this);
  if constexpr (kBinary) {
    // Strings short enough to live inside the object hold no heap.
    auto heap = [this](const std::string& s) -> size_t {
      const char* p = s.data();
      const char* self = reinterpret_cast<const char*>(this);
      return (p >= self && p < self + sizeof(*this)) ? 0 : s.capacity() + 1;
    };
    n += heap(min_) + heap(max_);
  }
  return n;
}

template class TypedStatistics<BooleanType>;
template class TypedStatistics<Int32Type>;
template class TypedStatistics<Int64Type>;
template class TypedStatistics<FloatType>;
template class TypedStatistics<DoubleType>;
template class TypedStatistics<ByteArrayType>;
template class TypedStatistics<FLBAType>;

}  // namespace spillway

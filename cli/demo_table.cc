#include "demo_table.h"

#include <algorithm>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "arrow/export.h"

namespace spillway::cli {

namespace {

// Column kinds, in a repeating pattern after the id column.
enum class Kind { ID, INT64, DOUBLE, CATEGORY, TIMESTAMP, FAT };

Kind kind_of(int column, const DemoTableShape& shape) {
  if (column == 0) return Kind::ID;
  // Fat columns spread evenly over the table.
  if (shape.fat_columns > 0) {
    const int every = std::max(1, shape.columns / shape.fat_columns);
    if (column % every == every / 2 && column / every < shape.fat_columns) return Kind::FAT;
  }
  switch (column % 4) {
    case 0:
      return Kind::INT64;
    case 1:
      return Kind::DOUBLE;
    case 2:
      return Kind::CATEGORY;
    default:
      return Kind::TIMESTAMP;
  }
}

inline uint64_t mix(uint64_t x) {  // splitmix64 finalizer: cheap, well spread
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

constexpr const char* kWords[] = {
    "order",  "shipped", "customer", "payment",  "refund",  "warehouse", "delayed", "express",
    "retry",  "timeout", "session",  "checkout", "cart",    "inventory", "region",  "priority",
    "status", "event",   "request",  "response", "latency", "error",     "user",    "device",
    "mobile", "browser", "campaign", "click",    "view",    "purchase",  "return",  "review"};

template <typename T>
std::shared_ptr<std::vector<T>> vec(size_t n) {
  return std::make_shared<std::vector<T>>(n);
}

}  // namespace

DemoTable::DemoTable(const DemoTableShape& shape) : shape_(shape) {
  schema_.id = ArrowTypeId::STRUCT;
  schema_.nullable = false;
  schema_.format = "+s";
  for (int c = 0; c < shape_.columns; ++c) {
    ArrowField f;
    switch (kind_of(c, shape_)) {
      case Kind::ID:
        f.name = "id";
        f.id = ArrowTypeId::INT64;
        f.nullable = false;
        break;
      case Kind::INT64:
        f.name = "metric_" + std::to_string(c);
        f.id = ArrowTypeId::INT64;
        break;
      case Kind::DOUBLE:
        f.name = "measure_" + std::to_string(c);
        f.id = ArrowTypeId::DOUBLE;
        break;
      case Kind::CATEGORY:
        f.name = "category_" + std::to_string(c);
        f.id = ArrowTypeId::STRING;
        break;
      case Kind::TIMESTAMP:
        f.name = "time_" + std::to_string(c);
        f.id = ArrowTypeId::TIMESTAMP;
        f.unit = ArrowTimeUnit::MICRO;
        break;
      case Kind::FAT:
        f.name = "payload_" + std::to_string(c);
        f.id = ArrowTypeId::STRING;
        break;
    }
    f.format = format_of(f);
    schema_.children.push_back(std::move(f));
  }
}

bool DemoTable::next(ArrowArray* out) {
  if (row_ >= shape_.rows) return false;
  const size_t n = static_cast<size_t>(std::min<uint64_t>(shape_.batch_rows, shape_.rows - row_));
  auto batch = std::make_shared<ExportedArray>();
  batch->length = static_cast<int64_t>(n);
  batch->buffers = {nullptr};
  for (int c = 0; c < shape_.columns; ++c) {
    auto col = std::make_shared<ExportedArray>();
    col->length = static_cast<int64_t>(n);
    const uint64_t seed = static_cast<uint64_t>(c) << 40;
    const Kind kind = kind_of(c, shape_);
    if (kind == Kind::CATEGORY || kind == Kind::FAT) {
      auto offsets = vec<int32_t>(n + 1);
      auto data = std::make_shared<std::string>();
      (*offsets)[0] = 0;
      for (size_t i = 0; i < n; ++i) {
        const uint64_t r = mix(seed + row_ + i);
        if (kind == Kind::CATEGORY) {
          *data += "category-" + std::to_string(r % 40);
        } else {
          // Text of skewed length: most values near the typical size, a few
          // several times larger.
          const uint32_t base = shape_.fat_value_bytes;
          size_t len = base / 2 + r % base;
          if (r % 64 == 0) len *= 4;
          uint64_t w = r;
          const size_t start = data->size();
          while (data->size() - start < len) {
            w = mix(w);
            *data += kWords[w % std::size(kWords)];
            *data += ' ';
          }
        }
        (*offsets)[i + 1] = static_cast<int32_t>(data->size());
      }
      bytes_ += data->size() + offsets->size() * sizeof(int32_t);
      col->buffers = {nullptr, offsets->data(), data->data()};
      col->owners = {offsets, data};
    } else {
      auto values = vec<int64_t>(n);
      for (size_t i = 0; i < n; ++i) {
        const uint64_t r = mix(seed + row_ + i);
        int64_t v = 0;
        switch (kind) {
          case Kind::ID:
            v = static_cast<int64_t>(row_ + i);
            break;
          case Kind::INT64:
            v = static_cast<int64_t>(r % 100000);
            break;
          case Kind::DOUBLE: {
            double d = static_cast<double>(r % 1000000) / 100.0;
            std::memcpy(&v, &d, sizeof d);
            break;
          }
          default:  // TIMESTAMP: 2026-01-01 plus about a second per row
            v = 1767225600000000LL + static_cast<int64_t>((row_ + i) * 1000000 + r % 1000000);
            break;
        }
        (*values)[i] = v;
      }
      bytes_ += n * sizeof(int64_t);
      col->buffers = {nullptr, values->data()};
      col->owners = {values};
    }
    batch->children.push_back(std::move(col));
  }
  row_ += n;
  export_array(std::move(batch), out);
  return true;
}

}  // namespace spillway::cli

#pragma once

// Drains a CLI BatchReader into rendered values for the CSV and NDJSON
// reader tests, validating every batch the way the writer would.

#include <gtest/gtest.h>

#include <cinttypes>
#include <cstdio>
#include <cstring>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "arrow/export.h"
#include "arrow/validate.h"
#include "input/batch_reader.h"
#include "spillway/error.h"
#include "spillway/spillway.h"
#include "support/parquet_verifier.h"

namespace spillway::cli::test {

using Values = std::vector<std::optional<std::string>>;

struct Table {
  ArrowField schema;                  // as the writer sees it (import_schema of the export)
  std::vector<Values> columns;        // rendered values, every batch concatenated
  std::vector<int64_t> batch_rows;    // rows of each batch
  std::vector<uint64_t> bytes_after;  // reader.bytes_read() after each batch
  std::vector<bool> has_validity;     // per column: did any batch carry a validity bitmap

  const Values& column(const std::string& name) const {
    for (size_t i = 0; i < schema.children.size(); ++i) {
      if (schema.children[i].name == name) return columns[i];
    }
    throw Error("no column " + name);
  }
  std::string type(const std::string& name) const {
    for (const ArrowField& f : schema.children) {
      if (f.name == name) return f.format;
    }
    return "<none>";
  }
};

inline std::optional<std::string> render(const ArrowField& f, const ArrowArray* a, int64_t i) {
  const auto* validity = static_cast<const uint8_t*>(a->buffers[0]);
  if (validity && !get_bit(validity, i)) return std::nullopt;
  const void* data = a->buffers[1];
  char buf[64];
  switch (f.id) {
    case ArrowTypeId::BOOL:
      return get_bit(static_cast<const uint8_t*>(data), i) ? "true" : "false";
    case ArrowTypeId::INT8:
      return std::to_string(static_cast<const int8_t*>(data)[i]);
    case ArrowTypeId::INT16:
      return std::to_string(static_cast<const int16_t*>(data)[i]);
    case ArrowTypeId::INT32:
    case ArrowTypeId::DATE32:
    case ArrowTypeId::TIME32:
      return std::to_string(static_cast<const int32_t*>(data)[i]);
    case ArrowTypeId::INT64:
    case ArrowTypeId::TIME64:
    case ArrowTypeId::TIMESTAMP:
      return std::to_string(static_cast<const int64_t*>(data)[i]);
    case ArrowTypeId::UINT8:
      return std::to_string(static_cast<const uint8_t*>(data)[i]);
    case ArrowTypeId::UINT16:
      return std::to_string(static_cast<const uint16_t*>(data)[i]);
    case ArrowTypeId::UINT32:
      return std::to_string(static_cast<const uint32_t*>(data)[i]);
    case ArrowTypeId::UINT64:
      return std::to_string(static_cast<const uint64_t*>(data)[i]);
    case ArrowTypeId::FLOAT:
      std::snprintf(buf, sizeof buf, "%.9g", static_cast<const float*>(data)[i]);
      return buf;
    case ArrowTypeId::DOUBLE:
      std::snprintf(buf, sizeof buf, "%.17g", static_cast<const double*>(data)[i]);
      return buf;
    case ArrowTypeId::DECIMAL128: {
      __int128 v;
      std::memcpy(&v, static_cast<const uint8_t*>(data) + 16 * i, 16);
      const bool neg = v < 0;
      unsigned __int128 u = neg ? -static_cast<unsigned __int128>(v) : v;
      std::string s;
      do {
        s.insert(s.begin(), static_cast<char>('0' + static_cast<int>(u % 10)));
        u /= 10;
      } while (u != 0);
      return (neg ? "-" : "") + s;
    }
    case ArrowTypeId::STRING:
    case ArrowTypeId::BINARY: {
      const auto* off = static_cast<const int32_t*>(data);
      return std::string(static_cast<const char*>(a->buffers[2]) + off[i],
                         static_cast<size_t>(off[i + 1] - off[i]));
    }
    case ArrowTypeId::LARGE_STRING: {
      const auto* off = static_cast<const int64_t*>(data);
      return std::string(static_cast<const char*>(a->buffers[2]) + off[i],
                         static_cast<size_t>(off[i + 1] - off[i]));
    }
    default:
      throw Error("render: unhandled type " + describe(f));
  }
}

inline Table read_all(BatchReader& reader) {
  Table t;
  ArrowSchema s;
  export_schema(reader.schema(), &s);
  t.schema = import_schema(&s);
  s.release(&s);
  EXPECT_EQ(t.schema.format, "+s");
  EXPECT_FALSE(t.schema.nullable);
  t.columns.resize(t.schema.children.size());
  t.has_validity.assign(t.schema.children.size(), false);
  ArrowArray batch;
  while (reader.next(&batch)) {
    validate_array(t.schema, &batch, "");
    t.batch_rows.push_back(batch.length);
    t.bytes_after.push_back(reader.bytes_read());
    for (size_t c = 0; c < t.columns.size(); ++c) {
      const ArrowArray* child = batch.children[c];
      EXPECT_EQ(child->length, batch.length);
      if (child->buffers[0] != nullptr) t.has_validity[c] = true;
      for (int64_t i = 0; i < child->length; ++i) {
        t.columns[c].push_back(render(t.schema.children[c], child, i));
      }
    }
    batch.release(&batch);
  }
  return t;
}

// Reads every batch and validates it against the schema, rendering nothing:
// for inputs that only have to end in batches or in spillway::Error.
inline void drain_validated(BatchReader& reader) {
  ArrowSchema s;
  export_schema(reader.schema(), &s);
  const ArrowField schema = import_schema(&s);
  s.release(&s);
  ArrowArray batch;
  while (reader.next(&batch)) {
    validate_array(schema, &batch, "");
    batch.release(&batch);
  }
}

// Writes every batch of `reader` with an ArrowWriter (default properties)
// into memory and reads the file back with spillway's test decoder.
inline spillway::test::DecodedFile write_and_decode(BatchReader& reader) {
  ArrowSchema schema;
  export_schema(reader.schema(), &schema);
  auto sink = std::make_unique<MemoryOutputStream>();
  MemoryOutputStream* out = sink.get();
  ArrowWriter writer = ArrowWriter::open(std::move(sink), &schema);
  schema.release(&schema);
  ArrowArray batch;
  while (reader.next(&batch)) writer.write(&batch);
  writer.close();
  return spillway::test::read_parquet(out->data());
}

// Random reader input: up to `max_length - 1` bytes, raw or drawn from
// `alphabet` (the characters the format cares about).
inline std::string random_text(std::mt19937& rng, size_t max_length, const std::string& alphabet,
                               bool raw_bytes) {
  std::string text(rng() % max_length, ' ');
  for (char& c : text) {
    c = raw_bytes ? static_cast<char>(rng()) : alphabet[rng() % alphabet.size()];
  }
  return text;
}

// The message of the spillway::Error `f` throws ("" if none).
template <typename F>
std::string error_of(F&& f) {
  try {
    f();
  } catch (const Error& e) {
    return e.what();
  }
  return "";
}

}  // namespace spillway::cli::test

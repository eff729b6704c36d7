#pragma once

// Typed builders of Arrow arrays from text values, shared by the CSV and
// NDJSON readers: each column parses its values as it goes and hands over
// finished buffers as an ExportedArray. A validity bitmap exists only once a
// null arrives; utf8 and binary use int32 offsets (a batch stays far below
// 2 GiB by construction), large_utf8 int64.

#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include "arrow/arrow_type.h"
#include "arrow/export.h"

namespace spillway::cli {

enum class AppendStatus : uint8_t {
  kOk,
  kNotParsed,    // not a value of the column's type; nothing appended
  kInvalidUtf8,  // a utf8 column's value is not UTF-8; nothing appended
  kTooLarge,     // the batch's data would overflow the offsets; nothing appended
};

class ColumnBuilder {
 public:
  // The types parse_type_name produces; throws spillway::Error for others.
  static std::unique_ptr<ColumnBuilder> make(const ArrowField& field);
  virtual ~ColumnBuilder() = default;

  // Appends `text` parsed as the column's type.
  virtual AppendStatus append(std::string_view text) = 0;
  void append_null();

  int64_t length() const { return length_; }
  // The array built so far; the builder starts over empty.
  std::shared_ptr<ExportedArray> finish();

 protected:
  // Marks the value just appended valid (after the subclass stored it).
  void add_valid();
  // Appends an unused slot to the value buffers for a null.
  virtual void append_placeholder() = 0;
  // Pushes the value buffers (after validity) and their owners; resets them.
  virtual void finish_values(ExportedArray* array) = 0;

 private:
  int64_t length_ = 0;
  int64_t null_count_ = 0;
  std::vector<uint8_t> validity_;  // empty until the first null
};

// The columns of one batch and the struct array holding them.
class BatchBuilder {
 public:
  explicit BatchBuilder(const std::vector<ArrowField>& columns);

  ColumnBuilder& column(size_t i) { return *columns_[i]; }
  size_t num_columns() const { return columns_.size(); }
  void end_row() { ++rows_; }
  size_t rows() const { return rows_; }
  // Exports the batch (a struct array, one child per column) and starts
  // over empty.
  void finish(ArrowArray* out);

 private:
  std::vector<std::unique_ptr<ColumnBuilder>> columns_;
  size_t rows_ = 0;
};

// The struct root of a reader's schema ("+s", not nullable, no name).
ArrowField make_struct_schema(std::vector<ArrowField> columns);

}  // namespace spillway::cli

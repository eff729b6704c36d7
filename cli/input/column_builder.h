#pragma once

// Typed builders of Arrow arrays from text values, shared by the CSV and
// NDJSON readers: each column parses its values as it goes and hands over
// finished buffers as an ExportedArray. A validity bitmap exists only once a
// null arrives; utf8, binary and list use int32 offsets (a batch stays far
// below 2 GiB of input by construction, and every list item takes input
// bytes), large_utf8 and large_list int64. Struct and list builders hold
// their children's builders, to any depth.

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
  // The types parse_type_name produces, nested ones included; throws
  // spillway::Error for others.
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

// A struct column: one builder per field. A null struct appends a null to
// every field, so the fields always have the struct's length.
class StructBuilder final : public ColumnBuilder {
 public:
  explicit StructBuilder(const ArrowField& field);
  // Structs are built through their fields, not from text.
  AppendStatus append(std::string_view) override { return AppendStatus::kNotParsed; }
  size_t num_fields() const { return fields_.size(); }
  ColumnBuilder& field(size_t i) { return *fields_[i]; }
  // Ends one valid struct, after one value or null went to every field.
  void end_struct() { add_valid(); }

 protected:
  void append_placeholder() override;
  void finish_values(ExportedArray* array) override;

 private:
  std::vector<std::unique_ptr<ColumnBuilder>> fields_;
};

// A list or large_list column: offsets into one item builder.
class ListBuilder final : public ColumnBuilder {
 public:
  explicit ListBuilder(const ArrowField& field);
  AppendStatus append(std::string_view) override { return AppendStatus::kNotParsed; }
  ColumnBuilder& item() { return *item_; }
  // Ends one valid list holding the items appended since the previous list;
  // kTooLarge (nothing ended) if the offsets would overflow.
  AppendStatus end_list();

 protected:
  void append_placeholder() override;
  void finish_values(ExportedArray* array) override;

 private:
  bool large_;
  std::vector<int32_t> offsets32_;  // list
  std::vector<int64_t> offsets64_;  // large_list
  std::unique_ptr<ColumnBuilder> item_;
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

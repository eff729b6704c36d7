#pragma once

// Appends parsed NDJSON lines to a batch, one row per line, following the
// schema to any depth: an object into a struct (its keys to the fields of
// those names, a missing key null), an array into a list (its elements to
// the item column), a scalar parsed into its column's type, and anything
// into a utf8 (or large_utf8, binary) column as text: strings as they are,
// numbers as written, objects and arrays as compact JSON. A value of
// another shape than its column takes, a key the struct has no field for
// and a key repeated in one object are errors naming the input, the line
// and the key path ("attrs.tags[3]", list elements counted from 0) and
// suggesting the --schema that would take the value.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "arrow/arrow_type.h"
#include "input/column_builder.h"
#include "input/json_object_parser.h"
#include "input/json_shape.h"

namespace spillway::cli {

class JsonRowBuilder {
 public:
  // `schema`: the batch's struct root, whose children `batch` builds;
  // `overridden`: per column, typed by --schema rather than inferred. All
  // three must outlive the builder. `infer_rows` and `input_name` word the
  // errors.
  JsonRowBuilder(const ArrowField& schema, const std::vector<bool>& overridden, BatchBuilder& batch,
                 size_t infer_rows, std::string input_name);

  // Appends the line `parser` holds as one row. Throws spillway::Error.
  void append_row(const JsonObjectParser& parser, uint64_t line);

 private:
  enum class Shape : uint8_t { kScalar, kText, kStruct, kList };
  // How one position of the schema is built.
  struct Plan {
    const ArrowField* field = nullptr;
    ColumnBuilder* builder = nullptr;  // null for the root
    Shape shape = Shape::kScalar;
    bool overridden = false;
    size_t column = 0;           // the top-level column it is in
    std::vector<size_t> route;   // child positions from that column down to here
    std::vector<Plan> children;  // struct fields, or a list's item
    // Structs: which field each key is, and what the current object holds.
    KeyIndex index;
    std::vector<size_t> last_order;  // per member position: the field it last was
    std::vector<size_t> slots;       // per field: the member's node, or kAbsent
    std::vector<uint64_t> seen;      // per field: the object that last had it
    uint64_t objects = 0;
  };
  // One step of the key path: an object key or a list position.
  struct Step {
    std::string_view key;
    size_t index;
    bool is_index;
  };
  static constexpr size_t kAbsent = static_cast<size_t>(-1);

  void plan(Plan& p, const ArrowField& field, ColumnBuilder* builder, bool overridden,
            size_t column, std::vector<size_t> route);
  void append_value(Plan& p, size_t node);
  void append_object(Plan& p, size_t node);
  void append_scalar(Plan& p, size_t node);

  // "in.ndjson: line 3, key 'a.b[2]': "
  std::string where() const;
  // The top-level column's type with the position `p` holds replaced by
  // `type`, spelled for --schema ("attrs:struct<tags:list<utf8>>").
  std::string fix(const Plan& p, const ArrowField& type) const;
  [[noreturn]] void not_valid(const Plan& p, size_t node, const ArrowField& suggestion);
  [[noreturn]] void too_large(const Plan& p, const ArrowField& suggestion, size_t bytes);

  const ArrowField& schema_;
  const std::vector<bool>& overridden_;
  BatchBuilder& batch_;
  size_t infer_rows_;
  std::string input_name_;
  Plan root_;
  const JsonObjectParser* parser_ = nullptr;
  uint64_t line_ = 0;
  std::vector<Step> path_;
  std::string text_;  // JSON text of a container going into a utf8 column
};

}  // namespace spillway::cli

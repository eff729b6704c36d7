#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "spillway/basic.h"
#include "spillway/metadata.h"

namespace spillway {

// The dotted path of a leaf column from the schema root, e.g. {"a", "b"} for
// "a.b". Names come from the Parquet schema.
class ColumnPath {
 public:
  ColumnPath() = default;
  explicit ColumnPath(std::vector<std::string> parts) : parts_(std::move(parts)) {}
  // Splits on '.'; a path given this way cannot name a field containing a dot.
  static ColumnPath from_dot_string(const std::string& dotted);
  const std::vector<std::string>& parts() const { return parts_; }
  std::string to_dot_string() const;
  bool operator==(const ColumnPath&) const = default;
  auto operator<=>(const ColumnPath&) const = default;

 private:
  std::vector<std::string> parts_;
};

// Everything a writer (or a page store) knows about one leaf column.
class ColumnDescriptor {
 public:
  ColumnDescriptor() = default;
  ColumnDescriptor(ColumnPath path, PhysicalType physical_type, int32_t type_length,
                   std::optional<LogicalType> logical_type,
                   std::optional<ConvertedType> converted_type, int16_t max_definition_level,
                   int16_t max_repetition_level)
      : path_(std::move(path)),
        physical_type_(physical_type),
        type_length_(type_length),
        logical_type_(logical_type),
        converted_type_(converted_type),
        max_definition_level_(max_definition_level),
        max_repetition_level_(max_repetition_level) {}

  const ColumnPath& path() const { return path_; }
  PhysicalType physical_type() const { return physical_type_; }
  // Byte width of a FIXED_LEN_BYTE_ARRAY value; 0 for other types.
  int32_t type_length() const { return type_length_; }
  const std::optional<LogicalType>& logical_type() const { return logical_type_; }
  const std::optional<ConvertedType>& converted_type() const { return converted_type_; }
  int16_t max_definition_level() const { return max_definition_level_; }
  int16_t max_repetition_level() const { return max_repetition_level_; }

 private:
  ColumnPath path_;
  PhysicalType physical_type_ = PhysicalType::BOOLEAN;
  int32_t type_length_ = 0;
  std::optional<LogicalType> logical_type_;
  std::optional<ConvertedType> converted_type_;
  int16_t max_definition_level_ = 0;
  int16_t max_repetition_level_ = 0;
};

}  // namespace spillway

#pragma once

// NDJSON type inference to any depth: what the sample showed of one key, of
// the line's object, or of a list's items, and the Arrow type that follows.
//
// Per position: only booleans -> bool; only integers that fit int64 ->
// int64; numbers with a fraction or exponent (or too large for int64, or
// mixed with integers) -> float64; only strings -> date32 / time64 /
// timestamp when every one is one, else utf8; only objects -> struct whose
// fields are the keys seen, in first-seen order, each inferred the same
// way; only arrays -> list whose item type is inferred from every element
// of every array there. Nulls and missing keys only make values null. No
// values at all (only nulls, or only empty arrays for a list's items) ->
// utf8; only empty objects -> utf8 ("{}" as text: Parquet has no empty
// group). Mixed kinds (string and number, object and array, object and
// number...) -> utf8 holding each value's JSON text: strings as they are,
// numbers as written, objects and arrays without insignificant whitespace.

#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "arrow/arrow_type.h"
#include "input/json_object_parser.h"
#include "input/type_inference.h"

namespace spillway::cli {

struct StringHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};
// Key -> field position, looked up by string_view.
using KeyIndex = std::unordered_map<std::string, size_t, StringHash, std::equal_to<>>;

class JsonShape {
 public:
  // Takes in node `i` of the parsed line and everything under it.
  void observe(const JsonObjectParser& parser, size_t i);
  // The inferred type (name empty, nullable, formats set to any depth).
  ArrowField type() const;

  // An object position's keys in first-seen order (for the line's object:
  // the columns) and what each held.
  size_t num_fields() const { return names_.size(); }
  const std::string& field_name(size_t i) const { return names_[i]; }
  const JsonShape& field(size_t i) const { return *fields_[i]; }

 private:
  bool any_bool_ = false, any_int_ = false, any_float_ = false, any_string_ = false;
  bool any_object_ = false, any_array_ = false;
  TypeInference strings_{/*temporal_only=*/true};
  std::vector<std::string> names_;
  KeyIndex index_;
  std::vector<std::unique_ptr<JsonShape>> fields_;
  std::vector<size_t> last_order_;  // per member position: the field it last was
  std::unique_ptr<JsonShape> item_;
};

}  // namespace spillway::cli

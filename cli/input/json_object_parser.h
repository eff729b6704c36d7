#pragma once

// Parses one line of NDJSON: a JSON object (RFC 8259) whose members are
// scalars. Strings are decoded to UTF-8 (every escape, \uXXXX surrogate
// pairs included); numbers are kept as written, checked against the JSON
// grammar. A nested object or array is reported, not parsed: nested Arrow
// types are not there yet. Never recurses, so no input can exhaust the
// stack.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace spillway::cli {

enum class JsonKind : uint8_t { kNull, kBool, kNumber, kString };

// What went wrong, for the reader to word with the input name and line.
struct JsonSyntaxError {
  enum class Kind { kSyntax, kNested, kInvalidUtf8 };
  Kind kind = Kind::kSyntax;
  size_t column = 0;  // 1-based byte position in the line
  std::string key;    // the member's key when known (kNested, kInvalidUtf8, most kSyntax)
  std::string message;
};

class JsonObjectParser {
 public:
  // Parses `line` (whitespace around the object allowed). Throws
  // JsonSyntaxError. The members stay valid until the next parse().
  void parse(std::string_view line);

  size_t size() const { return members_.size(); }
  std::string_view key(size_t i) const { return view(members_[i].key_begin, members_[i].key_size); }
  JsonKind kind(size_t i) const { return members_[i].kind; }
  // A string's decoded bytes, a number as written, "true" / "false", or "".
  std::string_view value(size_t i) const {
    return view(members_[i].value_begin, members_[i].value_size);
  }
  // A number without fraction or exponent.
  bool is_integer(size_t i) const { return members_[i].integer; }

 private:
  struct Member {
    size_t key_begin, key_size;
    size_t value_begin, value_size;
    JsonKind kind;
    bool integer;
  };
  std::string_view view(size_t begin, size_t size) const {
    return std::string_view(arena_).substr(begin, size);
  }
  [[noreturn]] void fail(size_t pos, std::string message,
                         JsonSyntaxError::Kind kind = JsonSyntaxError::Kind::kSyntax);
  void skip_space();
  // At an opening quote: decodes the string into the arena.
  void parse_string(size_t* begin, size_t* size);
  void parse_number(bool* integer);

  std::string_view line_;
  size_t pos_ = 0;
  std::string current_key_;
  std::string arena_;
  std::vector<Member> members_;
};

}  // namespace spillway::cli

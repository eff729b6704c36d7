#pragma once

// Parses one line of NDJSON: a JSON object (RFC 8259), nested objects and
// arrays included, into a flat tape of nodes in document order. Strings are
// decoded to UTF-8 (every escape, \uXXXX surrogate pairs included); numbers
// are kept as written, checked against the JSON grammar. Never recurses (an
// explicit stack of open containers), and nesting is capped at
// kMaxJsonDepth, so no input can exhaust the stack of the parser or of the
// code walking its tape.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace spillway::cli {

// Containers open at once, the line's object included.
inline constexpr size_t kMaxJsonDepth = 100;

enum class JsonKind : uint8_t { kNull, kBool, kNumber, kString, kObject, kArray };

// What went wrong, for the reader to word with the input name and line.
struct JsonSyntaxError {
  enum class Kind { kSyntax, kInvalidUtf8, kTooDeep };
  Kind kind = Kind::kSyntax;
  size_t column = 0;    // 1-based byte position in the line
  std::string key;      // path of the value being read when known: "a", "a.b[2]"
  bool in_key = false;  // kInvalidUtf8: in a key rather than a string value
  std::string message;
};

class JsonObjectParser {
 public:
  // Parses `line` (whitespace around the object allowed). Throws
  // JsonSyntaxError. The nodes stay valid until the next parse(); the
  // container text (raw()) points into `line`, which must outlive them too.
  void parse(std::string_view line);

  // Node 0 is the line's object. A container's children follow it: the
  // first at index + 1, each next one at the previous child's next().
  size_t size() const { return nodes_.size(); }
  JsonKind kind(size_t i) const { return nodes_[i].kind; }
  // The index after node i's subtree.
  size_t next(size_t i) const { return nodes_[i].next; }
  // Members of an object, elements of an array.
  size_t count(size_t i) const { return nodes_[i].count; }
  // The key of an object member ("" for others).
  std::string_view key(size_t i) const { return arena(nodes_[i].key_begin, nodes_[i].key_size); }
  // A string's decoded bytes, a number as written, "true" / "false", "" for
  // null; for a container its raw text as in the line.
  std::string_view value(size_t i) const {
    const Node& n = nodes_[i];
    if (n.kind == JsonKind::kObject || n.kind == JsonKind::kArray) {
      return line_.substr(n.value_begin, n.value_size);
    }
    return arena(n.value_begin, n.value_size);
  }
  // A number without fraction or exponent.
  bool is_integer(size_t i) const { return nodes_[i].integer; }
  // Container i as JSON text without insignificant whitespace, appended to
  // *out (strings inside keep their escapes as written).
  void append_json(size_t i, std::string* out) const;

 private:
  struct Node {
    size_t key_begin, key_size;      // in the arena
    size_t value_begin, value_size;  // scalars: in the arena; containers: in the line
    size_t next;
    uint32_t count;
    JsonKind kind;
    bool integer;
  };
  struct Open {
    size_t node;
    size_t last_child;  // the member or element being read, when member_open_
  };
  std::string_view arena(size_t begin, size_t size) const {
    return std::string_view(arena_).substr(begin, size);
  }
  // The path of the value being read, for errors.
  std::string path() const;
  [[noreturn]] void fail(size_t pos, std::string message,
                         JsonSyntaxError::Kind kind = JsonSyntaxError::Kind::kSyntax,
                         bool in_key = false);
  void skip_space();
  // At an opening quote: decodes the string into the arena.
  void parse_string(size_t* begin, size_t* size, bool is_key);
  void parse_number(bool* integer);
  // One value at pos_ into `node` (already pushed); opens a container.
  void parse_value(size_t node);
  void close_container();

  std::string_view line_;
  size_t pos_ = 0;
  std::string arena_;
  std::vector<Node> nodes_;
  std::vector<Open> stack_;
  bool member_open_ = false;  // the top container's last child has begun
};

}  // namespace spillway::cli

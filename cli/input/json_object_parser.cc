#include "input/json_object_parser.h"

#include "arrow/utf8.h"

namespace spillway::cli {

namespace {

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string describe_at(std::string_view line, size_t pos) {
  if (pos >= line.size()) return "the end of the line";
  const auto c = static_cast<unsigned char>(line[pos]);
  if (c >= 0x20 && c < 0x7F) return std::string("'") + static_cast<char>(c) + "'";
  static constexpr char kHex[] = "0123456789abcdef";
  return std::string("byte 0x") + kHex[c >> 4] + kHex[c & 15];
}

}  // namespace

std::string JsonObjectParser::path() const {
  std::string out;
  const size_t levels = stack_.size() + (member_open_ ? 1 : 0);
  for (size_t k = 1; k < levels; ++k) {
    const size_t parent = stack_[k - 1].node;
    const size_t child = k < stack_.size() ? stack_[k].node : stack_.back().last_child;
    if (nodes_[parent].kind == JsonKind::kObject) {
      if (!out.empty()) out += '.';
      out += key(child);
    } else {
      // A child still being read is its parent's last element.
      out += '[' + std::to_string(nodes_[parent].count - 1) + ']';
    }
  }
  return out;
}

void JsonObjectParser::fail(size_t pos, std::string message, JsonSyntaxError::Kind kind,
                            bool in_key) {
  JsonSyntaxError e;
  e.kind = kind;
  e.column = pos + 1;
  e.key = path();
  e.in_key = in_key;
  e.message = std::move(message);
  throw e;
}

void JsonObjectParser::skip_space() {
  while (pos_ < line_.size()) {
    const char c = line_[pos_];
    if (c != ' ' && c != '\t' && c != '\r' && c != '\n') return;
    ++pos_;
  }
}

void JsonObjectParser::parse_string(size_t* begin, size_t* size, bool is_key) {
  const size_t open = pos_++;
  // Find the closing quote first so the raw bytes can be checked as UTF-8
  // in one pass (escapes are ASCII, so they do not disturb the check).
  size_t close = pos_;
  while (close < line_.size() && line_[close] != '"') {
    close += line_[close] == '\\' ? 2 : 1;
  }
  if (close >= line_.size()) fail(open, "a string is not closed before the end of the line");
  const auto* raw = reinterpret_cast<const uint8_t*>(line_.data() + pos_);
  const size_t bad = find_invalid_utf8(raw, close - pos_);
  if (bad != close - pos_) {
    fail(pos_ + bad, "invalid UTF-8", JsonSyntaxError::Kind::kInvalidUtf8, is_key);
  }
  *begin = arena_.size();
  while (pos_ < close) {
    const char c = line_[pos_];
    if (static_cast<unsigned char>(c) < 0x20) {
      fail(pos_, "a control character in a string must be escaped");
    }
    if (c != '\\') {
      // Copy the run up to the next escape or control byte at once.
      size_t run = pos_;
      while (run < close && line_[run] != '\\' && static_cast<unsigned char>(line_[run]) >= 0x20) {
        ++run;
      }
      arena_.append(line_.data() + pos_, run - pos_);
      pos_ = run;
      continue;
    }
    const char e = line_[pos_ + 1];
    switch (e) {
      case '"':
      case '\\':
      case '/':
        arena_ += e;
        break;
      case 'b':
        arena_ += '\b';
        break;
      case 'f':
        arena_ += '\f';
        break;
      case 'n':
        arena_ += '\n';
        break;
      case 'r':
        arena_ += '\r';
        break;
      case 't':
        arena_ += '\t';
        break;
      case 'u': {
        auto read4 = [&](size_t at) -> int32_t {
          if (at + 4 > close) return -1;
          int32_t v = 0;
          for (size_t k = 0; k < 4; ++k) {
            const int h = hex_value(line_[at + k]);
            if (h < 0) return -1;
            v = v * 16 + h;
          }
          return v;
        };
        int32_t cp = read4(pos_ + 2);
        if (cp < 0) fail(pos_, "\\u must be followed by 4 hex digits");
        if (cp >= 0xDC00 && cp <= 0xDFFF) fail(pos_, "a lone low surrogate \\u escape");
        if (cp >= 0xD800 && cp <= 0xDBFF) {
          // A high surrogate must be followed by \u and a low surrogate.
          const size_t next = pos_ + 6;
          const int32_t low = next + 1 < close && line_[next] == '\\' && line_[next + 1] == 'u'
                                  ? read4(next + 2)
                                  : -1;
          if (low < 0xDC00 || low > 0xDFFF) {
            fail(pos_, "a high surrogate \\u escape without its low surrogate");
          }
          cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
          pos_ += 6;
        }
        append_utf8(arena_, static_cast<uint32_t>(cp));
        pos_ += 6;
        continue;
      }
      default:
        fail(pos_, "unknown escape \\" + std::string(1, e));
    }
    pos_ += 2;
  }
  *size = arena_.size() - *begin;
  pos_ = close + 1;
}

void JsonObjectParser::parse_number(bool* integer) {
  // -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
  const size_t start = pos_;
  if (line_[pos_] == '-') ++pos_;
  if (pos_ >= line_.size() || !is_digit(line_[pos_])) fail(start, "invalid number");
  if (line_[pos_] == '0') {
    ++pos_;
    if (pos_ < line_.size() && is_digit(line_[pos_])) {
      fail(start, "a number cannot have a leading zero");
    }
  } else {
    while (pos_ < line_.size() && is_digit(line_[pos_])) ++pos_;
  }
  *integer = true;
  if (pos_ < line_.size() && line_[pos_] == '.') {
    ++pos_;
    *integer = false;
    if (pos_ >= line_.size() || !is_digit(line_[pos_])) {
      fail(start, "a number needs digits after '.'");
    }
    while (pos_ < line_.size() && is_digit(line_[pos_])) ++pos_;
  }
  if (pos_ < line_.size() && (line_[pos_] == 'e' || line_[pos_] == 'E')) {
    ++pos_;
    *integer = false;
    if (pos_ < line_.size() && (line_[pos_] == '+' || line_[pos_] == '-')) ++pos_;
    if (pos_ >= line_.size() || !is_digit(line_[pos_])) {
      fail(start, "a number needs digits in its exponent");
    }
    while (pos_ < line_.size() && is_digit(line_[pos_])) ++pos_;
  }
}

void JsonObjectParser::parse_value(size_t node) {
  const char c = pos_ < line_.size() ? line_[pos_] : '\0';
  Node& n = nodes_[node];
  n.next = node + 1;
  if (c == '"') {
    n.kind = JsonKind::kString;
    parse_string(&n.value_begin, &n.value_size, false);
  } else if (c == '{' || c == '[') {
    if (stack_.size() >= kMaxJsonDepth) {
      fail(pos_, "objects and arrays nest deeper than " + std::to_string(kMaxJsonDepth) + " levels",
           JsonSyntaxError::Kind::kTooDeep);
    }
    n.kind = c == '{' ? JsonKind::kObject : JsonKind::kArray;
    n.value_begin = pos_++;
    stack_.push_back({node, 0});
    member_open_ = false;
  } else if (c == '-' || is_digit(c)) {
    const size_t start = pos_;
    parse_number(&n.integer);
    n.kind = JsonKind::kNumber;
    n.value_begin = arena_.size();
    n.value_size = pos_ - start;
    arena_.append(line_.data() + start, pos_ - start);
  } else {
    std::string_view literal;
    for (std::string_view word : {"true", "false", "null"}) {
      if (line_.substr(pos_, word.size()) == word) literal = word;
    }
    if (literal.empty()) fail(pos_, "expected a value, found " + describe_at(line_, pos_));
    pos_ += literal.size();
    n.kind = literal == "null" ? JsonKind::kNull : JsonKind::kBool;
    n.value_begin = arena_.size();
    if (n.kind == JsonKind::kBool) arena_.append(literal);
    n.value_size = arena_.size() - n.value_begin;
  }
}

void JsonObjectParser::close_container() {
  const size_t c = stack_.back().node;
  ++pos_;  // the closing bracket
  nodes_[c].next = nodes_.size();
  nodes_[c].value_size = pos_ - nodes_[c].value_begin;
  stack_.pop_back();
  member_open_ = true;  // in the parent, the member being read is this container
}

void JsonObjectParser::parse(std::string_view line) {
  line_ = line;
  pos_ = 0;
  arena_.clear();
  nodes_.clear();
  stack_.clear();
  member_open_ = false;
  skip_space();
  if (pos_ >= line_.size() || line_[pos_] != '{') {
    fail(pos_, "expected a JSON object ('{'), found " + describe_at(line_, pos_));
  }
  nodes_.push_back(Node{});
  parse_value(0);
  while (!stack_.empty()) {
    const size_t c = stack_.back().node;
    const bool is_object = nodes_[c].kind == JsonKind::kObject;
    const char close = is_object ? '}' : ']';
    skip_space();
    const bool at_close = pos_ < line_.size() && line_[pos_] == close;
    if (at_close) {
      close_container();
      continue;
    }
    if (nodes_[c].count > 0) {
      if (pos_ >= line_.size() || line_[pos_] != ',') {
        fail(pos_, std::string("expected ',' or '") + close + "' after the value, found " +
                       describe_at(line_, pos_));
      }
      ++pos_;
      skip_space();
    }
    member_open_ = false;
    Node n{};
    if (is_object) {
      if (pos_ >= line_.size() || line_[pos_] != '"') {
        fail(pos_, "expected a key string, found " + describe_at(line_, pos_));
      }
      parse_string(&n.key_begin, &n.key_size, true);
    }
    const size_t child = nodes_.size();
    nodes_.push_back(n);
    ++nodes_[c].count;
    stack_.back().last_child = child;
    member_open_ = true;
    if (is_object) {
      skip_space();
      if (pos_ >= line_.size() || line_[pos_] != ':') {
        fail(pos_, "expected ':' after the key, found " + describe_at(line_, pos_));
      }
      ++pos_;
      skip_space();
    }
    parse_value(child);
  }
  skip_space();
  if (pos_ < line_.size()) {
    fail(pos_,
         "unexpected " + describe_at(line_, pos_) + " after the object (one object per line)");
  }
}

void JsonObjectParser::append_json(size_t i, std::string* out) const {
  const std::string_view raw = value(i);
  // Copy runs between insignificant whitespace; inside strings everything
  // is significant (an escaped quote does not end the string).
  bool in_string = false;
  size_t run = 0;
  for (size_t k = 0; k < raw.size(); ++k) {
    const char c = raw[k];
    if (in_string) {
      if (c == '\\') {
        ++k;
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    if (c == '"') {
      in_string = true;
    } else if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
      out->append(raw.substr(run, k - run));
      run = k + 1;
    }
  }
  out->append(raw.substr(run));
}

}  // namespace spillway::cli

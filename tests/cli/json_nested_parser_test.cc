// The NDJSON line parser on nested objects and arrays: the tape it builds,
// compact JSON text, key paths in errors, the depth cap.

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "input/json_object_parser.h"

namespace spillway::cli {
namespace {

// The tape as one line per node: depth-indented "key kind value count next".
std::string dump(const JsonObjectParser& p) {
  std::string out;
  std::vector<size_t> ends;  // next() of the open containers
  for (size_t i = 0; i < p.size(); ++i) {
    while (!ends.empty() && ends.back() == i) ends.pop_back();
    out += std::string(ends.size() * 2, ' ');
    static const char* kKinds[] = {"null", "bool", "number", "string", "object", "array"};
    out +=
        std::string(p.key(i)) + (p.key(i).empty() ? "" : "=") + kKinds[static_cast<int>(p.kind(i))];
    if (p.kind(i) == JsonKind::kObject || p.kind(i) == JsonKind::kArray) {
      out += " count " + std::to_string(p.count(i)) + " next " + std::to_string(p.next(i));
      ends.push_back(p.next(i));
    } else {
      out += " '" + std::string(p.value(i)) + "'";
      EXPECT_EQ(p.next(i), i + 1);
    }
    out += "\n";
  }
  return out;
}

JsonSyntaxError error_of(const std::string& line) {
  JsonObjectParser p;
  try {
    p.parse(line);
  } catch (const JsonSyntaxError& e) {
    return e;
  }
  ADD_FAILURE() << "no error for " << line;
  return {};
}

TEST(JsonNestedParser, TapeOfNestedObjectsAndArrays) {
  JsonObjectParser p;
  p.parse(
      R"( { "a" : {"b": [1, -2.5e1, [], [true, null]], "c": {}}, "d": "x\u00e9", "e": [{"f": false}] } )");
  EXPECT_EQ(dump(p),
            "object count 3 next 14\n"
            "  a=object count 2 next 10\n"
            "    b=array count 4 next 9\n"
            "      number '1'\n"
            "      number '-2.5e1'\n"
            "      array count 0 next 6\n"
            "      array count 2 next 9\n"
            "        bool 'true'\n"
            "        null ''\n"
            "    c=object count 0 next 10\n"
            "  d=string 'x\xC3\xA9'\n"
            "  e=array count 1 next 14\n"
            "    object count 1 next 14\n"
            "      f=bool 'false'\n");
  EXPECT_TRUE(p.is_integer(3));
  EXPECT_FALSE(p.is_integer(4));
  // A container's value is its text as written.
  EXPECT_EQ(p.value(2), "[1, -2.5e1, [], [true, null]]");
  EXPECT_EQ(p.value(0).front(), '{');
  EXPECT_EQ(p.value(0).back(), '}');
}

TEST(JsonNestedParser, CompactJsonKeepsStringsAsWritten) {
  JsonObjectParser p;
  p.parse("{\"a\": { \"k y\" : [ 1 ,\t\"s p\\\" \\u00e9 ]\" , {} ] , \"z\" : null }}");
  std::string text;
  p.append_json(1, &text);
  EXPECT_EQ(text, "{\"k y\":[1,\"s p\\\" \\u00e9 ]\",{}],\"z\":null}");
  text = "prefix:";
  p.append_json(2, &text);  // the array alone, appended
  EXPECT_EQ(text, "prefix:[1,\"s p\\\" \\u00e9 ]\",{}]");
}

TEST(JsonNestedParser, ErrorsNameTheKeyPath) {
  struct Case {
    std::string line, key, message;
    size_t column;
  };
  const std::vector<Case> cases = {
      {R"({"a": {"b": [1, 2,]}})", "a.b[2]", "expected a value, found ']'", 19},
      {R"({"a": {"b": [1 2]}})", "a.b[0]", "expected ',' or ']' after the value, found '2'", 16},
      {R"({"a": {"b": 1 "c": 2}})", "a.b", "expected ',' or '}' after the value, found '\"'", 15},
      {R"({"a": [{"x": 1}, {"y" 2}]})", "a[1].y", "expected ':' after the key, found '2'", 23},
      {R"({"a": [{"x": 1}, {,}]})", "a[1]", "expected a key string, found ','", 19},
      {R"({"a": [[], [tru]]})", "a[1][0]", "expected a value, found 't'", 13},
      {R"({"a": [{"x": [1]})", "a[0]",
       "expected ',' or ']' after the value, found the end of the line", 18},
      {R"({"a": {"b": 1}} x)", "", "unexpected 'x' after the object (one object per line)", 17},
  };
  for (const Case& c : cases) {
    const JsonSyntaxError e = error_of(c.line);
    EXPECT_EQ(e.kind, JsonSyntaxError::Kind::kSyntax) << c.line;
    EXPECT_EQ(e.key, c.key) << c.line;
    EXPECT_EQ(e.message, c.message) << c.line;
    EXPECT_EQ(e.column, c.column) << c.line;
  }
  JsonSyntaxError e = error_of("{\"a\": [\"ok\", {\"k\xC3\": 1}]}");
  EXPECT_EQ(e.kind, JsonSyntaxError::Kind::kInvalidUtf8);
  EXPECT_TRUE(e.in_key);
  EXPECT_EQ(e.key, "a[1]");
  e = error_of("{\"a\": [\"ok\", {\"k\": \"\xC3\"}]}");
  EXPECT_EQ(e.kind, JsonSyntaxError::Kind::kInvalidUtf8);
  EXPECT_FALSE(e.in_key);
  EXPECT_EQ(e.key, "a[1].k");
}

TEST(JsonNestedParser, DepthIsCapped) {
  auto nested = [](size_t arrays) {
    return "{\"a\":" + std::string(arrays, '[') + std::string(arrays, ']') + "}";
  };
  JsonObjectParser p;
  p.parse(nested(kMaxJsonDepth - 1));  // with the line's object: exactly the cap
  EXPECT_EQ(p.size(), kMaxJsonDepth);
  const JsonSyntaxError e = error_of(nested(kMaxJsonDepth));
  EXPECT_EQ(e.kind, JsonSyntaxError::Kind::kTooDeep);
  EXPECT_EQ(e.message, "objects and arrays nest deeper than 100 levels");
  // The array that would open level 101 is element [0] of the 99th array.
  std::string key = "a";
  for (size_t i = 1; i < kMaxJsonDepth; ++i) key += "[0]";
  EXPECT_EQ(e.key, key);
  // A million brackets: an error, not a stack overflow.
  EXPECT_EQ(error_of(nested(1000000)).kind, JsonSyntaxError::Kind::kTooDeep);
}

TEST(JsonNestedParser, ReusedAcrossLines) {
  JsonObjectParser p;
  p.parse(R"({"a": [1, [2, 3]], "b": {"c": "long string value"}})");
  p.parse(R"({"z": []})");
  EXPECT_EQ(dump(p), "object count 1 next 2\n  z=array count 0 next 2\n");
}

}  // namespace
}  // namespace spillway::cli

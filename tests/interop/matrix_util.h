#pragma once

// Helpers shared by the interop matrix writers (write_matrix.cc for flat
// types, write_nested.cc for nested ones): deterministic values and the
// manifest's JSON forms (tests/interop/README.md).

#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <ostream>
#include <string>

namespace spillway::test {

// splitmix64: deterministic values per (column, row).
inline uint64_t mix(uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

struct Rng {
  uint64_t state;
  uint64_t next() { return state = mix(state); }
  int64_t range(int64_t lo, int64_t hi) {  // inclusive
    uint64_t span = static_cast<uint64_t>(hi) - static_cast<uint64_t>(lo) + 1;
    if (span == 0) return static_cast<int64_t>(next());  // the whole int64 range
    return static_cast<int64_t>(static_cast<uint64_t>(lo) + next() % span);
  }
  bool chance(int percent) { return static_cast<int>(next() % 100) < percent; }
};

inline std::string json_string(const std::string& s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      default:
        if (c < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  return out + "\"";
}

inline std::string hex(const std::string& bytes) {
  static const char* d = "0123456789abcdef";
  std::string out;
  for (unsigned char c : bytes) {
    out += d[c >> 4];
    out += d[c & 15];
  }
  return out;
}

inline std::string quoted(int64_t v) {
  return "\"" + std::to_string(v) + "\"";
}
inline std::string quoted_u(uint64_t v) {
  return "\"" + std::to_string(v) + "\"";
}

inline std::string float_json(double v) {
  if (std::isnan(v)) return "\"NaN\"";
  if (std::isinf(v)) return v > 0 ? "\"Infinity\"" : "\"-Infinity\"";
  if (v == 0 && std::signbit(v)) return "\"-0\"";
  char buf[64];
  auto r = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, r.ptr);
}

// Writes the nested files (write_nested.cc) and their manifest entries;
// `first`: no file precedes them in the manifest. Returns the file count.
size_t write_nested_matrix(const std::filesystem::path& dir, int64_t rows, std::ostream& manifest,
                           bool first);

}  // namespace spillway::test

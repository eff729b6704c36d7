#include "statistics/truncation.h"

#include "arrow/utf8.h"

#include <cstdint>

namespace spillway {

namespace {

bool is_continuation(unsigned char c) {
  return (c & 0xC0) == 0x80;
}

// Largest character boundary <= limit (value.size() > limit).
size_t utf8_cut(std::string_view value, size_t limit) {
  size_t cut = limit;
  while (cut > 0 && is_continuation(static_cast<unsigned char>(value[cut]))) --cut;
  return cut;
}

// Decodes the one character in `s`; -1 if `s` is not exactly one valid one.
int32_t decode_one(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const size_t n = s.size();
  int32_t cp;
  size_t want;
  if (p[0] < 0x80) {
    cp = p[0], want = 1;
  } else if ((p[0] & 0xE0) == 0xC0) {
    cp = p[0] & 0x1F, want = 2;
  } else if ((p[0] & 0xF0) == 0xE0) {
    cp = p[0] & 0x0F, want = 3;
  } else if ((p[0] & 0xF8) == 0xF0) {
    cp = p[0] & 0x07, want = 4;
  } else {
    return -1;
  }
  if (n != want) return -1;
  for (size_t i = 1; i < n; ++i) cp = (cp << 6) | (p[i] & 0x3F);
  static constexpr int32_t kMinForLength[] = {0, 0, 0x80, 0x800, 0x10000};
  if (cp < kMinForLength[want] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return -1;
  return cp;
}

std::string encode(int32_t cp) {
  std::string out;
  append_utf8(out, static_cast<uint32_t>(cp));
  return out;
}

std::optional<std::string> increment_bytes(std::string_view value, size_t limit) {
  std::string out(value.substr(0, limit));
  while (!out.empty()) {
    auto& last = reinterpret_cast<unsigned char&>(out.back());
    if (last != 0xFF) {
      ++last;
      return out;
    }
    out.pop_back();  // 0xFF carries into the byte before it
  }
  return std::nullopt;
}

// nullopt when the cut region is not valid UTF-8 (the caller then falls back
// to bytes); a nullopt inside the optional when no bound exists.
std::optional<std::optional<std::string>> increment_utf8(std::string_view value, size_t limit) {
  size_t end = utf8_cut(value, limit);
  while (end > 0) {
    size_t start = end - 1;
    while (start > 0 && is_continuation(static_cast<unsigned char>(value[start]))) --start;
    const int32_t cp = decode_one(value.substr(start, end - start));
    if (cp < 0) return std::nullopt;
    if (cp < 0x10FFFF) {
      const std::string next = encode(cp + 1 == 0xD800 ? 0xE000 : cp + 1);
      // UTF-8 order equals code point order, so the successor sorts after
      // every string continuing with this character.
      if (start + next.size() <= limit) return std::string(value.substr(0, start)) + next;
    }
    end = start;  // carry into the character before
  }
  return std::optional<std::string>();
}

}  // namespace

std::string truncate_min(std::string_view value, size_t limit, bool utf8) {
  if (value.size() <= limit) return std::string(value);
  return std::string(value.substr(0, utf8 ? utf8_cut(value, limit) : limit));
}

std::optional<std::string> truncate_max(std::string_view value, size_t limit, bool utf8) {
  if (value.size() <= limit) return std::string(value);
  if (utf8) {
    if (auto r = increment_utf8(value, limit)) return *r;
  }
  return increment_bytes(value, limit);
}

}  // namespace spillway

#pragma once

// Shortening BYTE_ARRAY / FLBA min and max bounds (unsigned byte-wise order
// only) so statistics and column indexes stay small. A shortened min is a
// prefix, hence <= the value; a shortened max is greater than every value
// that starts with the kept prefix.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace spillway {

// A lower bound of at most `limit` bytes for `value`: its first `limit`
// bytes; with `utf8`, cut back to a character boundary.
std::string truncate_min(std::string_view value, size_t limit, bool utf8);

// An upper bound of at most `limit` bytes for `value` (and for every value
// sharing its kept prefix), or nullopt when none exists and the value must
// stay untruncated. Byte-wise: the first `limit` bytes with the last one
// incremented, dropping trailing 0xFF bytes that cannot be. With `utf8`: cut
// at a character boundary and increment the last code point instead
// (skipping the surrogates, dropping U+10FFFF or a code point whose
// successor no longer fits), so the bound stays valid UTF-8. Falls back to
// byte-wise when `value` is not valid UTF-8 where it is cut.
std::optional<std::string> truncate_max(std::string_view value, size_t limit, bool utf8);

}  // namespace spillway

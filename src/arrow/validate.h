#pragma once

// Checks an ArrowArray against its ArrowField before anything is written, so
// malformed input fails with a clear message instead of a corrupt file.

#include <cstdint>
#include <optional>
#include <string>

#include "arrow/arrow_type.h"
#include "spillway/c_abi.h"

namespace spillway {

// Throws spillway::Error naming the column path, the row (or buffer offset)
// and what is wrong. Checks: not released; length, offset >= 0 and null_count
// in [-1, length]; n_buffers and n_children as the layout requires (views: 2 +
// variadic buffers + 1 sizes buffer); buffers non-NULL where they hold bytes
// (validity may be NULL only without nulls) and null_count matching the
// bitmap; offsets non-decreasing, starting >= 0 and within the child's length
// for lists; view entries (inline length <= 12, else a valid buffer index and
// offset + length within that buffer's size, prefix matching); dictionary
// present iff dictionary-encoded and non-null indices within it; decimal values
// within their precision; UTF-8 for string types; nested children recursively
// (struct children long enough for offset + length).
//
// `path` names the column ("a", or "a.b" inside a struct); an empty path is a
// record batch root, whose children are named by their field names.
void validate_array(const ArrowField& field, const ArrowArray* array, const std::string& path);

// The array's null count: null_count itself if known, else counted from the
// validity bitmap (0 if there is none). nullopt for arrays with no buffers at
// all (the null, union and run-end layouts have no validity bitmap), whose
// nulls the caller must derive from the type.
std::optional<int64_t> count_nulls(const ArrowArray* array);

// Number of set bits of `bitmap` in bits [offset, offset + length).
int64_t count_set_bits(const uint8_t* bitmap, int64_t offset, int64_t length);

inline bool get_bit(const uint8_t* bitmap, int64_t i) {
  return (bitmap[i >> 3] >> (i & 7)) & 1;
}

}  // namespace spillway

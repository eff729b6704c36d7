#pragma once

// Pieces of validate_array shared by validate.cc and validate_nested.cc.

#include <cstdint>
#include <string>

#include "arrow/arrow_type.h"
#include "spillway/c_abi.h"

namespace spillway::validate_internal {

[[noreturn]] void fail(const std::string& path, const std::string& what);
std::string row(int64_t i);  // "row i: "
std::string child_path(const std::string& parent, const ArrowField& child, size_t i);

// offsets[0..count] (already advanced by the array's offset) must start >= 0
// and not decrease; with limit >= 0 they must also stay <= limit (a child's
// length).
template <typename Offset>
void check_offsets(const Offset* offsets, int64_t count, int64_t limit, const std::string& path,
                   const char* what) {
  if (offsets[0] < 0) {
    fail(path, row(0) + "the first " + what + " " + std::to_string(offsets[0]) + " is negative");
  }
  for (int64_t i = 0; i < count; ++i) {
    if (offsets[i + 1] < offsets[i]) {
      fail(path, row(i) + "end " + what + " " + std::to_string(offsets[i + 1]) +
                     " is less than start " + what + " " + std::to_string(offsets[i]) +
                     " (offsets must not decrease)");
    }
    if (limit >= 0 && offsets[i + 1] > limit) {
      fail(path, row(i) + "end " + what + " " + std::to_string(offsets[i + 1]) +
                     " is beyond the child array's length " + std::to_string(limit));
    }
  }
}

// The structural checks of validate_array (counts, lengths, validity against
// null_count) without looking at the values.
void check_header(const ArrowField& f, const ArrowArray* a, const std::string& path);

// Struct, lists, map, unions and run-end encoded: layout checks and recursion.
void check_nested(const ArrowField& f, const ArrowArray* a, const std::string& path,
                  const uint8_t* validity);
// Every non-null decimal value has at most `precision` digits.
void check_decimal_precision(const ArrowField& f, const ArrowArray* a, const std::string& path,
                             const uint8_t* validity);

}  // namespace spillway::validate_internal

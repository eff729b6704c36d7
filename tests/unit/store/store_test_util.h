#pragma once

// Helpers shared by the page store tests.

#include <gtest/gtest.h>
#include <stdlib.h>

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "spillway/bytes.h"
#include "spillway/schema.h"

namespace spillway::test {

// A blob whose bytes depend on `seed` and the position, so a mix-up between
// two blobs of the same size shows.
inline Bytes patterned_blob(uint32_t seed, size_t size) {
  std::vector<uint8_t> bytes(size);
  uint32_t x = seed * 2654435761u + 1;
  for (size_t i = 0; i < size; ++i) {
    x = x * 1103515245u + 12345u;
    bytes[i] = static_cast<uint8_t>(x >> 16);
  }
  return Bytes(std::move(bytes));
}

inline std::vector<uint8_t> to_vector(const Bytes& bytes) {
  return std::vector<uint8_t>(bytes.data(), bytes.data() + bytes.size());
}

inline ColumnDescriptor int32_column(const std::string& name) {
  return ColumnDescriptor(ColumnPath({name}), PhysicalType::INT32, 0, std::nullopt, std::nullopt, 1,
                          0);
}

// A fresh empty directory, removed with its contents at the end of the test.
class ScratchDir {
 public:
  ScratchDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "spillway-store-XXXXXX");
    if (::mkdtemp(pattern.data()) == nullptr) ADD_FAILURE() << "mkdtemp failed";
    path_ = pattern;
  }
  ~ScratchDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

}  // namespace spillway::test

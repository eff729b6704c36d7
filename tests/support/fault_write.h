#pragma once

// The representative write of the fault loops (unit/writer/output_fault_test.cc,
// unit/io/system_call_fault_test.cc): flat and nested columns,
// dictionary and plain, three row groups, pages spilled through an 8 KiB
// budgeted store into a spill file.

#include <dirent.h>

#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "spillway/spillway.h"
#include "support/arrow_builder.h"

namespace spillway::test {

inline NamedColumns fault_table(int rows, int seed) {
  Values<int64_t> ids;
  Values<std::string> low, high;
  std::vector<int32_t> offsets{0};
  Values<int32_t> elements;
  for (int i = 0; i < rows; ++i) {
    const int64_t k = int64_t{i} * 31 + seed;
    ids.push_back(k);
    low.push_back(k % 7 == 0 ? std::nullopt
                             : std::optional<std::string>("v" + std::to_string(k % 9)));
    high.emplace_back("h" + std::to_string(k * 7919));
    for (int e = 0; e < i % 4; ++e) elements.push_back(static_cast<int32_t>(k + e));
    offsets.push_back(static_cast<int32_t>(elements.size()));
  }
  return {{"id", int64_column(ids).not_null()},
          {"low", string_column(low)},
          {"high", string_column(high)},
          {"tags", list_column(offsets, int32_column(elements))}};
}

inline ArrowWriterOptions fault_write_options(const std::filesystem::path& spill_dir) {
  WriterProperties props = WriterProperties::builder()
                               .set_max_row_group_row_count(1500)
                               .set_data_page_size_limit(2048)
                               .set_column_dictionary_enabled(ColumnPath({"high"}), false)
                               .build();
  auto factory = std::make_shared<BudgetedPageStoreFactory>(
      8 * 1024, std::make_shared<SpillFilePageStoreFactory>(spill_dir));
  return ArrowWriterOptions().with_properties(props).with_page_store_factory(factory);
}

// Opens the writer (with `open`, given the schema) and writes four batches
// of 1000 rows (seeded by `seed`), then closes it. `writer` stays set after
// a failure so the caller can probe it.
template <typename Open>
void fault_write(std::optional<ArrowWriter>& writer, Open open, int seed = 0) {
  OwnedArray first = make_batch(fault_table(1, seed));
  writer.emplace(open(&first.schema));
  for (int b = 0; b < 4; ++b) {
    OwnedArray batch = make_batch(fault_table(1000, seed + b));
    ArrowArray moved = batch.array;
    batch.array.release = nullptr;
    writer->write(&moved);
  }
  writer->close();
}

inline int open_fds() {
  int n = 0;
  if (DIR* d = opendir("/proc/self/fd")) {
    while (readdir(d)) ++n;
    closedir(d);
  }
  return n;
}

}  // namespace spillway::test

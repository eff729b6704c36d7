#pragma once

// Producing C Data Interface structs from data built in C++: the IPC, CSV
// and NDJSON readers hand their batches to the writer the way any Arrow
// producer would. Each exported struct owns what it points to until its
// release callback runs.

#include <cstdint>
#include <memory>
#include <vector>

#include "arrow/arrow_type.h"
#include "spillway/c_abi.h"

namespace spillway {

// One array node: buffers as the Columnar format lays them out for the type
// (a null pointer for an absent validity bitmap), children and dictionary.
struct ExportedArray {
  int64_t length = 0;
  int64_t null_count = 0;
  int64_t offset = 0;
  std::vector<const void*> buffers;
  // Whatever keeps `buffers` alive (shared storage, a decompressed body...).
  std::vector<std::shared_ptr<const void>> owners;
  std::vector<std::shared_ptr<ExportedArray>> children;
  std::shared_ptr<ExportedArray> dictionary;
};

// Moves `array` into `out`; `out`'s release callback frees the whole tree.
void export_array(std::shared_ptr<ExportedArray> array, ArrowArray* out);

// `out` describes `field` (name, format_of(field), flags, metadata, children,
// dictionary); its release callback frees the whole tree.
void export_schema(const ArrowField& field, ArrowSchema* out);

}  // namespace spillway

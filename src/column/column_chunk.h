#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "column/page.h"
#include "spillway/metadata.h"

namespace spillway {

// Everything a column writer hands over when its column chunk ends: the pages
// in write order (the dictionary page, if any, separately, since it must come
// first in the file) and the metadata whose offsets are still relative to the
// chunk's first data page. The file writer places the chunk and rebases them.
struct ColumnChunkResult {
  std::optional<EncodedPage> dictionary_page;
  std::vector<EncodedPage> data_pages;
  ColumnMetaData metadata;  // offsets unset; sizes and counts final
  std::optional<ColumnIndex> column_index;
  std::optional<OffsetIndex> offset_index;  // page offsets relative to the first data page
};

}  // namespace spillway

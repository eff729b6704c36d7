#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "column/page.h"
#include "spillway/metadata.h"
#include "spillway/page_store.h"

namespace spillway {

// Everything a column writer hands over when its column chunk ends: the store
// holding its pages, the pages' keys in write order (the dictionary page, if
// any, separately, since it must come first in the file) and the metadata
// whose offsets are still relative to the chunk's first data page. The file
// writer takes the pages back, places the chunk and rebases the offsets.
struct ColumnChunkResult {
  std::string column;  // the dotted path, for error messages
  std::unique_ptr<PageStore> store;
  std::optional<StoredPage> dictionary_page;
  std::vector<StoredPage> data_pages;
  ColumnMetaData metadata;  // offsets unset; sizes and counts final
  std::optional<ColumnIndex> column_index;
  std::optional<OffsetIndex> offset_index;  // page offsets relative to the first data page
};

}  // namespace spillway

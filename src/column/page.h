#pragma once

#include <cstddef>
#include <cstdint>

#include "spillway/basic.h"
#include "spillway/bytes.h"
#include "spillway/page_store.h"

namespace spillway {

// One finished page: its serialized header followed by its (compressed) body,
// exactly the bytes that go into the file.
struct EncodedPage {
  Bytes bytes;
  PageType type = PageType::DATA_PAGE;
  Encoding encoding = Encoding::PLAIN;
  int64_t num_values = 0;       // levels, nulls included (dictionary: entries)
  int64_t first_row_index = 0;  // within the row group
  size_t header_size = 0;
  size_t uncompressed_size = 0;  // header + uncompressed body
};

// A page handed to the chunk's page store: what the splice needs to take it
// back and check it.
struct StoredPage {
  PageKey key{0};
  size_t size = 0;  // header + body
  PageType type = PageType::DATA_PAGE;
};

}  // namespace spillway

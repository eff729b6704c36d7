#pragma once

// Where a column chunk's finished pages wait until their row group is written.
//
// A Parquet column chunk must be contiguous in the file, but record batches
// arrive with all columns interleaved, so every page of a row group has to
// wait somewhere until the row group ends. The writer hands each finished page
// (header and body, exactly the bytes that go into the file) to a PageStore as
// soon as it is complete, and takes the pages back one at a time, in the order
// it put them, when it splices the chunk into the output.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

#include "spillway/bytes.h"
#include "spillway/schema.h"

namespace spillway {

// An opaque handle minted by a store for one blob. The writer never looks
// inside: dense, sparse or ordered values are all fine.
class PageKey {
 public:
  constexpr explicit PageKey(uint64_t raw) : raw_(raw) {}
  constexpr uint64_t get() const { return raw_; }
  constexpr bool operator==(const PageKey&) const = default;

 private:
  uint64_t raw_;
};

// Holds the pages of one column chunk. Used by one thread at a time.
//
// Contract:
// - put() stores `blob` and returns a key for it; it throws (any
//   std::exception, ideally spillway::Error) if it cannot. The store may keep
//   `blob` itself (sharing its bytes) or copy it elsewhere and drop it.
// - take() returns exactly the bytes put under `key`. Each key is taken
//   exactly once; after that the store may forget it. take() of an unknown or
//   already-taken key throws.
// - memory_size() is the number of bytes the store holds resident on the
//   heap (0 for a store that moves blobs off the heap).
// - The store is destroyed once its chunk is written, or when the writer
//   gives up after an error (keys may then remain untaken).
class PageStore {
 public:
  virtual ~PageStore() = default;
  virtual PageKey put(Bytes blob) = 0;
  virtual Bytes take(PageKey key) = 0;
  virtual size_t memory_size() const { return 0; }
};

// What a factory learns about the column chunk a store is for.
class PageStoreArgs {
 public:
  PageStoreArgs(size_t column_index, const ColumnDescriptor& descriptor)
      : column_index_(column_index), descriptor_(&descriptor) {}
  // The leaf column's position in the schema (0-based).
  size_t column_index() const { return column_index_; }
  const ColumnDescriptor& column_descriptor() const { return *descriptor_; }

 private:
  size_t column_index_;
  const ColumnDescriptor* descriptor_;
};

// Makes a fresh store for each column chunk. Shared by all columns of a
// writer (and possibly by several writers), so create() must be thread-safe.
class PageStoreFactory {
 public:
  virtual ~PageStoreFactory() = default;
  virtual std::unique_ptr<PageStore> create(const PageStoreArgs& args) const = 0;
};

// The default: pages stay on the heap, shared, never copied.
class InMemoryPageStore : public PageStore {
 public:
  PageKey put(Bytes blob) override;
  Bytes take(PageKey key) override;
  size_t memory_size() const override { return resident_; }

 private:
  std::vector<Bytes> pages_;  // the key is the index
  std::vector<bool> taken_;
  size_t resident_ = 0;
};

class InMemoryPageStoreFactory : public PageStoreFactory {
 public:
  std::unique_ptr<PageStore> create(const PageStoreArgs& args) const override;
};

}  // namespace spillway

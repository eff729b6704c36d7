#pragma once

// A page store that keeps pages in one unlinked temporary file instead of on
// the heap, so a writer's memory is bounded by the pages in flight rather than
// by the row group.

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>

#include "spillway/page_store.h"

namespace spillway {

namespace detail {
class SpillFile;
}

// Every store this factory creates writes into the same temporary file, so a
// writer uses one file descriptor however many columns it has.
//
// - The file is created at the first non-empty put(), not at construction: an
//   unusable directory is reported then, as a spillway::Error naming it. It is
//   created already unlinked (O_TMPFILE where the file system supports it,
//   else created and unlinked at once), so nothing is left behind on a crash.
// - put() reserves a range at the end of the file and writes it with pwrite();
//   take() reads it back with pread() into a fresh buffer.
// - A key is the index of the blob in its store's own table of
//   {offset, length}: dense, starting at 0.
// - When every blob ever put into the file has been taken (or its store
//   destroyed), the file is truncated to 0 and the next put starts at offset
//   0. With one writer this happens after each row group is spliced, so the
//   file does not grow with the number of row groups. Stores that stay alive
//   with blobs in the file (for instance another writer sharing the factory)
//   defer the reclamation until they are drained.
// - Thread-safe: stores of one factory may be used from different threads.
// - The file lives as long as the factory or any store it created.
class SpillFilePageStoreFactory : public PageStoreFactory {
 public:
  explicit SpillFilePageStoreFactory(std::filesystem::path dir = default_spill_dir());
  ~SpillFilePageStoreFactory() override;
  SpillFilePageStoreFactory(const SpillFilePageStoreFactory&) = delete;
  SpillFilePageStoreFactory& operator=(const SpillFilePageStoreFactory&) = delete;

  // $TMPDIR if it is set and not empty, else /tmp.
  static std::filesystem::path default_spill_dir();

  std::unique_ptr<PageStore> create(const PageStoreArgs& args) const override;

  const std::filesystem::path& directory() const;
  // Current length of the spill file in bytes (0 before the first put).
  size_t spill_file_size() const;
  // Total bytes ever put into the spill file.
  uint64_t bytes_spilled() const;

 private:
  std::shared_ptr<detail::SpillFile> file_;
};

}  // namespace spillway

#include <string>

#include "spillway/error.h"
#include "spillway/page_store.h"

namespace spillway {

PageKey InMemoryPageStore::put(Bytes blob) {
  resident_ += blob.size();
  pages_.push_back(std::move(blob));
  taken_.push_back(false);
  return PageKey(pages_.size() - 1);
}

Bytes InMemoryPageStore::take(PageKey key) {
  const uint64_t i = key.get();
  if (i >= pages_.size() || taken_[i]) {
    throw Error("in-memory page store: unknown or already taken page key " + std::to_string(i));
  }
  taken_[i] = true;
  Bytes out = std::move(pages_[i]);
  pages_[i] = Bytes();
  resident_ -= out.size();
  return out;
}

std::unique_ptr<PageStore> InMemoryPageStoreFactory::create(const PageStoreArgs&) const {
  return std::make_unique<InMemoryPageStore>();
}

}  // namespace spillway

#pragma once

// A page store that keeps pages on the heap up to a writer-wide byte budget
// and spills the largest column chunks to another store past it.

#include <cstddef>
#include <cstdint>
#include <memory>

#include "spillway/page_store.h"

namespace spillway {

namespace detail {
struct BudgetState;
}

// Pages stay on the heap while the total of resident page bytes, summed over
// every live store this factory created, stays within `budget_bytes`. When a
// put() would exceed it, the store with the most resident bytes moves all of
// its resident pages to its spill store (created lazily from `spill_factory`
// with the same PageStoreArgs), and so on until the new page fits; so small
// columns never touch the spill store while a few fat ones dominate. A page
// larger than the whole budget goes straight to the spill store. The resident
// total therefore never exceeds the budget.
//
// Keys are minted by the budgeted store (the index in its own table) and map
// to a resident page or to a key of its spill store.
//
// Threads: a put() may spill another store's pages, so all stores of one
// factory serialize on one mutex, held across their put(), take() and
// memory_size() calls, including the spill store's I/O they trigger. That
// keeps each spill store used by one thread at a time, as PageStore requires,
// while stores of one factory are used from different threads.
//
// memory_size() of a store = its resident page bytes + its key table + its
// spill store's memory_size().
class BudgetedPageStoreFactory : public PageStoreFactory {
 public:
  BudgetedPageStoreFactory(size_t budget_bytes, std::shared_ptr<PageStoreFactory> spill_factory);
  ~BudgetedPageStoreFactory() override;
  BudgetedPageStoreFactory(const BudgetedPageStoreFactory&) = delete;
  BudgetedPageStoreFactory& operator=(const BudgetedPageStoreFactory&) = delete;

  std::unique_ptr<PageStore> create(const PageStoreArgs& args) const override;

  size_t budget_bytes() const;
  // Page bytes currently resident on the heap, over all live stores.
  size_t resident_bytes() const;
  // Total page bytes ever handed to spill stores.
  uint64_t bytes_spilled() const;

 private:
  std::shared_ptr<detail::BudgetState> state_;
};

}  // namespace spillway

#include "spillway/budgeted_store.h"

#include <algorithm>
#include <mutex>
#include <string>
#include <vector>

#include "spillway/error.h"

namespace spillway {
namespace detail {

class BudgetedPageStore;

// Shared by a factory and every store it created.
struct BudgetState {
  BudgetState(size_t budget_bytes, std::shared_ptr<PageStoreFactory> factory)
      : budget(budget_bytes), spill_factory(std::move(factory)) {}

  // Guards everything below and every store's table (see budgeted_store.h).
  std::mutex mutex;
  const size_t budget;
  const std::shared_ptr<PageStoreFactory> spill_factory;
  size_t resident = 0;  // page bytes on the heap over all live stores
  uint64_t spilled = 0;
  std::vector<BudgetedPageStore*> stores;  // the live ones
};

namespace {

std::string describe(size_t column_index) {
  return "budgeted page store of column " + std::to_string(column_index);
}

}  // namespace

class BudgetedPageStore final : public PageStore {
 public:
  BudgetedPageStore(std::shared_ptr<BudgetState> state, const PageStoreArgs& args)
      : state_(std::move(state)),
        column_index_(args.column_index()),
        descriptor_(args.column_descriptor()) {
    std::lock_guard lock(state_->mutex);
    state_->stores.push_back(this);
  }

  ~BudgetedPageStore() override {
    {
      std::lock_guard lock(state_->mutex);
      state_->resident -= resident_;
      auto& stores = state_->stores;
      stores.erase(std::find(stores.begin(), stores.end(), this));
    }
    // No other store can reach this one any more: the spill store can go
    // without the lock.
    spill_.reset();
  }

  PageKey put(Bytes blob) override {
    std::lock_guard lock(state_->mutex);
    const size_t n = blob.size();
    slots_.emplace_back();  // first, so a failing push_back cannot lose a spilled blob
    try {
      Slot& slot = slots_.back();
      if (n > state_->budget) {
        slot.spill_key = spill_store().put(std::move(blob)).get();
        slot.state = State::kSpilled;
        state_->spilled += n;
      } else {
        // state_->resident + n > budget >= n, so the largest store holds
        // resident bytes and each round frees some.
        while (state_->resident + n > state_->budget) largest()->spill_resident();
        resident_list_.push_back(slots_.size() - 1);
        slots_.back().blob = std::move(blob);
        slots_.back().state = State::kResident;
        resident_ += n;
        state_->resident += n;
      }
    } catch (...) {
      slots_.pop_back();
      throw;
    }
    return PageKey(slots_.size() - 1);
  }

  Bytes take(PageKey key) override {
    std::lock_guard lock(state_->mutex);
    const uint64_t index = key.get();
    if (index >= slots_.size()) {
      throw Error(describe(column_index_) + ": unknown page key " + std::to_string(index) +
                  " (this store has put " + std::to_string(slots_.size()) + " pages)");
    }
    Slot& slot = slots_[index];
    switch (slot.state) {
      case State::kResident: {
        Bytes blob = std::move(slot.blob);
        slot.blob = Bytes();
        slot.state = State::kTaken;
        resident_ -= blob.size();
        state_->resident -= blob.size();
        return blob;
      }
      case State::kSpilled: {
        Bytes blob = spill_->take(PageKey(slot.spill_key));
        slot.state = State::kTaken;
        return blob;
      }
      case State::kTaken:
        break;
    }
    throw Error(describe(column_index_) + ": page key " + std::to_string(index) +
                " was already taken");
  }

  size_t memory_size() const override {
    std::lock_guard lock(state_->mutex);
    return resident_ + slots_.capacity() * sizeof(Slot) +
           resident_list_.capacity() * sizeof(size_t) + (spill_ ? spill_->memory_size() : 0);
  }

 private:
  enum class State : uint8_t { kResident, kSpilled, kTaken };
  struct Slot {
    Bytes blob;              // while resident
    uint64_t spill_key = 0;  // while spilled
    State state = State::kTaken;
  };

  // The live store with the most resident bytes. Called with the mutex held.
  BudgetedPageStore* largest() const {
    BudgetedPageStore* best = nullptr;
    for (BudgetedPageStore* store : state_->stores) {
      if (best == nullptr || store->resident_ > best->resident_) best = store;
    }
    return best;
  }

  // Moves every resident page to the spill store. Called with the mutex held,
  // possibly by another store's put(): the mutex is what makes that safe.
  void spill_resident() {
    for (size_t index : resident_list_) {
      Slot& slot = slots_[index];
      if (slot.state != State::kResident) continue;  // taken since
      const size_t n = slot.blob.size();
      slot.spill_key = spill_store().put(slot.blob).get();
      slot.blob = Bytes();
      slot.state = State::kSpilled;
      resident_ -= n;
      state_->resident -= n;
      state_->spilled += n;
    }
    resident_list_.clear();
  }

  PageStore& spill_store() {
    if (!spill_) {
      spill_ = state_->spill_factory->create(PageStoreArgs(column_index_, descriptor_));
      if (!spill_) {
        throw Error(describe(column_index_) + ": the spill factory returned no store");
      }
    }
    return *spill_;
  }

  const std::shared_ptr<BudgetState> state_;
  const size_t column_index_;
  const ColumnDescriptor descriptor_;  // for creating the spill store later
  std::vector<Slot> slots_;            // the key is the index
  std::vector<size_t> resident_list_;  // slots that may be resident, in put order
  size_t resident_ = 0;
  std::unique_ptr<PageStore> spill_;
};

}  // namespace detail

BudgetedPageStoreFactory::BudgetedPageStoreFactory(
    size_t budget_bytes, std::shared_ptr<PageStoreFactory> spill_factory) {
  if (!spill_factory) {
    throw Error(
        "BudgetedPageStoreFactory needs a spill factory (for example a "
        "SpillFilePageStoreFactory), got null");
  }
  state_ = std::make_shared<detail::BudgetState>(budget_bytes, std::move(spill_factory));
}

BudgetedPageStoreFactory::~BudgetedPageStoreFactory() = default;

std::unique_ptr<PageStore> BudgetedPageStoreFactory::create(const PageStoreArgs& args) const {
  return std::make_unique<detail::BudgetedPageStore>(state_, args);
}

size_t BudgetedPageStoreFactory::budget_bytes() const {
  return state_->budget;
}

size_t BudgetedPageStoreFactory::resident_bytes() const {
  std::lock_guard lock(state_->mutex);
  return state_->resident;
}

uint64_t BudgetedPageStoreFactory::bytes_spilled() const {
  std::lock_guard lock(state_->mutex);
  return state_->spilled;
}

}  // namespace spillway

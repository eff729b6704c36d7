// BudgetedPageStoreFactory: pages on the heap up to a writer-wide budget, the
// largest chunks spilled past it.

#include "spillway/budgeted_store.h"

#include <gtest/gtest.h>

#include <map>
#include <mutex>
#include <thread>

#include "spillway/error.h"
#include "spillway/spill_file_store.h"
#include "store_test_util.h"

namespace spillway {
namespace {

using test::patterned_blob;
using test::ScratchDir;
using test::to_vector;

// A spill factory that keeps blobs in a map and records, per column, how many
// stores were created and how many bytes each column spilled.
struct SpillLog {
  std::mutex mutex;
  std::map<size_t, int> stores_created;
  std::map<size_t, uint64_t> bytes_put;
};

class RecordingStore : public PageStore {
 public:
  RecordingStore(std::shared_ptr<SpillLog> log, size_t column) : log_(log), column_(column) {}
  PageKey put(Bytes blob) override {
    {
      std::lock_guard lock(log_->mutex);
      log_->bytes_put[column_] += blob.size();
    }
    // Sparse keys, to show the budgeted store does not rely on dense ones.
    uint64_t key = 1000003 * (blobs_.size() + 1);
    blobs_.emplace(key, Bytes::copy_of(blob.data(), blob.size()));
    return PageKey(key);
  }
  Bytes take(PageKey key) override {
    auto it = blobs_.find(key.get());
    if (it == blobs_.end()) throw Error("recording store: unknown key");
    Bytes blob = it->second;
    blobs_.erase(it);
    return blob;
  }

 private:
  std::shared_ptr<SpillLog> log_;
  size_t column_;
  std::map<uint64_t, Bytes> blobs_;
};

class RecordingFactory : public PageStoreFactory {
 public:
  std::unique_ptr<PageStore> create(const PageStoreArgs& args) const override {
    std::lock_guard lock(log->mutex);
    ++log->stores_created[args.column_index()];
    return std::make_unique<RecordingStore>(log, args.column_index());
  }
  std::shared_ptr<SpillLog> log = std::make_shared<SpillLog>();
};

struct PutRecord {
  size_t column;
  PageKey key;
  uint32_t seed;
  size_t size;
};

std::vector<ColumnDescriptor> descriptors(size_t n) {
  std::vector<ColumnDescriptor> out;
  for (size_t c = 0; c < n; ++c) out.push_back(test::int32_column("c" + std::to_string(c)));
  return out;
}

TEST(BudgetedStoreTest, FatColumnSpillsSmallColumnsStayOnHeap) {
  constexpr size_t kBudget = 1 << 20;
  constexpr size_t kFatPage = 64 * 1024;
  // 20 small columns x 100 pages x ~200 bytes = ~0.4 MiB: they fit the budget.
  constexpr size_t kSmallPage = 200;
  auto spill = std::make_shared<RecordingFactory>();
  BudgetedPageStoreFactory factory(kBudget, spill);
  auto descs = descriptors(21);  // column 0 is fat
  std::vector<std::unique_ptr<PageStore>> stores;
  for (size_t c = 0; c < descs.size(); ++c) {
    stores.push_back(factory.create(PageStoreArgs(c, descs[c])));
  }
  std::vector<PutRecord> puts;
  std::vector<uint64_t> put_bytes(descs.size(), 0);
  size_t peak = 0;
  for (int round = 0; round < 100; ++round) {
    for (size_t c = 0; c < stores.size(); ++c) {
      size_t size = c == 0 ? kFatPage : kSmallPage + round % 7;
      uint32_t seed = static_cast<uint32_t>(round * 100 + c);
      puts.push_back({c, stores[c]->put(patterned_blob(seed, size)), seed, size});
      put_bytes[c] += size;
      peak = std::max(peak, factory.resident_bytes());
      ASSERT_LE(factory.resident_bytes(), kBudget);
    }
  }
  // 100 x 64 KiB = 6.4 MiB of fat pages went through a 1 MiB budget.
  EXPECT_GT(peak, kBudget - kFatPage - 21 * kSmallPage);
  EXPECT_EQ(spill->log->stores_created.size(), 1u);
  EXPECT_EQ(spill->log->stores_created[0], 1);
  EXPECT_GT(spill->log->bytes_put[0], 5u * kBudget);
  EXPECT_EQ(factory.bytes_spilled(), spill->log->bytes_put[0]);
  uint64_t small_total = 0;
  for (size_t c = 1; c < stores.size(); ++c) {
    EXPECT_EQ(spill->log->bytes_put.count(c), 0u) << "column " << c;
    // All of a small column's pages are resident (plus its key table).
    EXPECT_GE(stores[c]->memory_size(), put_bytes[c]);
    EXPECT_LE(stores[c]->memory_size(), put_bytes[c] + 8192);
    small_total += put_bytes[c];
  }
  EXPECT_EQ(put_bytes[0], factory.bytes_spilled() + (factory.resident_bytes() - small_total));

  // Splice column by column, each in put order.
  for (size_t c = 0; c < stores.size(); ++c) {
    for (const PutRecord& r : puts) {
      if (r.column != c) continue;
      Bytes got = stores[c]->take(r.key);
      ASSERT_EQ(to_vector(got), to_vector(patterned_blob(r.seed, r.size)))
          << "column " << c << " key " << r.key.get();
    }
  }
  EXPECT_EQ(factory.resident_bytes(), 0u);
}

TEST(BudgetedStoreTest, LargestResidentStoreSpillsFirst) {
  auto spill = std::make_shared<RecordingFactory>();
  BudgetedPageStoreFactory factory(1000, spill);
  auto descs = descriptors(3);
  auto a = factory.create(PageStoreArgs(0, descs[0]));
  auto b = factory.create(PageStoreArgs(1, descs[1]));
  auto c = factory.create(PageStoreArgs(2, descs[2]));
  PageKey a1 = a->put(patterned_blob(1, 250));
  PageKey b1 = b->put(patterned_blob(2, 300));
  PageKey a2 = a->put(patterned_blob(3, 250));
  PageKey c1 = c->put(patterned_blob(4, 100));
  EXPECT_EQ(factory.resident_bytes(), 900u);
  // 900 + 200 > 1000: a (500 resident) spills both pages; c keeps its new page.
  PageKey c2 = c->put(patterned_blob(5, 200));
  EXPECT_EQ(factory.resident_bytes(), 600u);
  EXPECT_EQ(factory.bytes_spilled(), 500u);
  EXPECT_EQ(spill->log->bytes_put[0], 500u);
  EXPECT_EQ(spill->log->stores_created.count(1), 0u);
  EXPECT_EQ(spill->log->stores_created.count(2), 0u);
  EXPECT_GE(b->memory_size(), 300u);
  EXPECT_GE(c->memory_size(), 300u);
  // Once a's pages are on disk, b is the largest; 600 + 500 > 1000 spills b,
  // and a's new page stays resident.
  PageKey a3 = a->put(patterned_blob(6, 500));
  EXPECT_EQ(factory.resident_bytes(), 800u);
  EXPECT_EQ(spill->log->bytes_put[1], 300u);
  EXPECT_EQ(factory.bytes_spilled(), 800u);

  EXPECT_EQ(to_vector(a->take(a1)), to_vector(patterned_blob(1, 250)));
  EXPECT_EQ(to_vector(a->take(a2)), to_vector(patterned_blob(3, 250)));
  EXPECT_EQ(to_vector(a->take(a3)), to_vector(patterned_blob(6, 500)));
  EXPECT_EQ(to_vector(b->take(b1)), to_vector(patterned_blob(2, 300)));
  EXPECT_EQ(to_vector(c->take(c1)), to_vector(patterned_blob(4, 100)));
  EXPECT_EQ(to_vector(c->take(c2)), to_vector(patterned_blob(5, 200)));
  EXPECT_EQ(factory.resident_bytes(), 0u);
}

TEST(BudgetedStoreTest, PageLargerThanBudgetGoesStraightToSpill) {
  auto spill = std::make_shared<RecordingFactory>();
  BudgetedPageStoreFactory factory(1000, spill);
  auto descs = descriptors(2);
  auto small = factory.create(PageStoreArgs(0, descs[0]));
  auto big = factory.create(PageStoreArgs(1, descs[1]));
  PageKey s = small->put(patterned_blob(1, 600));
  PageKey b = big->put(patterned_blob(2, 1001));
  EXPECT_EQ(factory.resident_bytes(), 600u);  // the small page did not move
  EXPECT_EQ(factory.bytes_spilled(), 1001u);
  EXPECT_EQ(spill->log->stores_created.count(0), 0u);
  EXPECT_EQ(to_vector(big->take(b)), to_vector(patterned_blob(2, 1001)));
  EXPECT_EQ(to_vector(small->take(s)), to_vector(patterned_blob(1, 600)));
  // A page exactly the size of the budget stays resident.
  PageKey exact = big->put(patterned_blob(3, 1000));
  EXPECT_EQ(factory.resident_bytes(), 1000u);
  EXPECT_EQ(factory.bytes_spilled(), 1001u);
  EXPECT_EQ(to_vector(big->take(exact)), to_vector(patterned_blob(3, 1000)));
}

TEST(BudgetedStoreTest, UnknownAndTwiceTakenKeysThrow) {
  auto spill = std::make_shared<RecordingFactory>();
  BudgetedPageStoreFactory factory(100, spill);
  auto descs = descriptors(1);
  auto store = factory.create(PageStoreArgs(7, descs[0]));
  PageKey resident = store->put(patterned_blob(1, 10));
  PageKey spilled = store->put(patterned_blob(2, 500));
  try {
    store->take(PageKey(5));
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(),
                 "budgeted page store of column 7: unknown page key 5 (this store has put 2 "
                 "pages)");
  }
  EXPECT_EQ(store->take(resident).size(), 10u);
  EXPECT_EQ(store->take(spilled).size(), 500u);
  EXPECT_THROW(store->take(resident), Error);
  try {
    store->take(spilled);
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(), "budgeted page store of column 7: page key 1 was already taken");
  }
}

TEST(BudgetedStoreTest, DestroyedStoreReturnsItsResidentBytes) {
  auto spill = std::make_shared<RecordingFactory>();
  BudgetedPageStoreFactory factory(1000, spill);
  auto descs = descriptors(2);
  auto a = factory.create(PageStoreArgs(0, descs[0]));
  auto b = factory.create(PageStoreArgs(1, descs[1]));
  a->put(patterned_blob(1, 700));
  b->put(patterned_blob(2, 200));
  a.reset();  // a writer giving up with untaken pages
  EXPECT_EQ(factory.resident_bytes(), 200u);
  // The freed room is usable without spilling.
  PageKey k = b->put(patterned_blob(3, 800));
  EXPECT_EQ(factory.bytes_spilled(), 0u);
  EXPECT_EQ(to_vector(b->take(k)), to_vector(patterned_blob(3, 800)));
}

TEST(BudgetedStoreTest, NullSpillFactoryIsRejected) {
  EXPECT_THROW(BudgetedPageStoreFactory(100, nullptr), Error);
}

TEST(BudgetedStoreTest, SpillsToASharedSpillFileAndReclaimsIt) {
  ScratchDir dir;
  auto spill = std::make_shared<SpillFilePageStoreFactory>(dir.path());
  BudgetedPageStoreFactory factory(64 * 1024, spill);
  auto descs = descriptors(4);
  for (int row_group = 0; row_group < 5; ++row_group) {
    std::vector<std::unique_ptr<PageStore>> stores;
    for (size_t c = 0; c < descs.size(); ++c) {
      stores.push_back(factory.create(PageStoreArgs(c, descs[c])));
    }
    std::vector<PutRecord> puts;
    for (int i = 0; i < 40; ++i) {
      for (size_t c = 0; c < stores.size(); ++c) {
        size_t size = c == 0 ? 8000 + i : (c == 3 && i % 10 == 0 ? 0 : 50 + i);
        uint32_t seed = static_cast<uint32_t>(row_group * 10000 + i * 10 + c);
        puts.push_back({c, stores[c]->put(patterned_blob(seed, size)), seed, size});
        ASSERT_LE(factory.resident_bytes(), 64u * 1024);
      }
    }
    EXPECT_GT(spill->spill_file_size(), 0u);
    for (size_t c = 0; c < stores.size(); ++c) {
      for (const PutRecord& r : puts) {
        if (r.column != c) continue;
        ASSERT_EQ(to_vector(stores[c]->take(r.key)), to_vector(patterned_blob(r.seed, r.size)));
      }
    }
    EXPECT_EQ(spill->spill_file_size(), 0u) << "row group " << row_group;
    EXPECT_EQ(factory.resident_bytes(), 0u);
  }
  EXPECT_EQ(factory.bytes_spilled(), spill->bytes_spilled());
}

TEST(BudgetedStoreTest, StoresOfOneFactoryWorkFromSeveralThreads) {
  ScratchDir dir;
  auto spill = std::make_shared<SpillFilePageStoreFactory>(dir.path());
  constexpr size_t kBudget = 32 * 1024;
  BudgetedPageStoreFactory factory(kBudget, spill);
  constexpr int kThreads = 4;
  auto descs = descriptors(kThreads);
  std::vector<int> failures(kThreads, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int round = 0; round < 20; ++round) {
        auto store = factory.create(PageStoreArgs(t, descs[t]));
        std::vector<std::pair<PageKey, Bytes>> pages;
        for (int i = 0; i < 30; ++i) {
          Bytes blob = patterned_blob(t * 100000 + round * 100 + i, 100 + (t + 1) * i * 37);
          pages.emplace_back(store->put(blob), blob);
          if (factory.resident_bytes() > kBudget) ++failures[t];
        }
        for (auto& [key, blob] : pages) {
          if (to_vector(store->take(key)) != to_vector(blob)) ++failures[t];
        }
      }
    });
  }
  for (auto& thread : threads) thread.join();
  for (int t = 0; t < kThreads; ++t) EXPECT_EQ(failures[t], 0) << "thread " << t;
  EXPECT_EQ(factory.resident_bytes(), 0u);
  EXPECT_GT(factory.bytes_spilled(), 0u);
  EXPECT_EQ(spill->spill_file_size(), 0u);
}

}  // namespace
}  // namespace spillway

// SpillFilePageStoreFactory: one unlinked temporary file shared by every
// column store, reclaimed when all of its blobs have been taken.

#include "spillway/spill_file_store.h"

#include <gtest/gtest.h>
#include <sys/mount.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <optional>
#include <thread>

#include "spillway/error.h"
#include "store_test_util.h"

namespace spillway {
namespace {

using test::patterned_blob;
using test::ScratchDir;
using test::to_vector;

// Sizes around the interesting boundaries, 0 included.
const std::vector<size_t> kSizes = {0, 1, 7, 8, 100, 4095, 4096, 4097, 65536, 100000, 0, 3};

struct PutRecord {
  size_t store;
  PageKey key;
  uint32_t seed;
  size_t size;
};

// `columns` stores of one factory, blobs put round-robin across them.
struct Harness {
  explicit Harness(const std::filesystem::path& dir, size_t columns) : factory(dir) {
    for (size_t c = 0; c < columns; ++c) {
      descriptors.push_back(test::int32_column("c" + std::to_string(c)));
    }
    for (size_t c = 0; c < columns; ++c) {
      stores.push_back(factory.create(PageStoreArgs(c, descriptors[c])));
    }
  }
  uint64_t put_round_robin(size_t blobs_per_store, uint32_t seed_base) {
    uint64_t total = 0;
    for (size_t i = 0; i < blobs_per_store; ++i) {
      for (size_t c = 0; c < stores.size(); ++c) {
        uint32_t seed = seed_base + static_cast<uint32_t>(i * 1000 + c);
        size_t size = kSizes[(i + c) % kSizes.size()];
        puts.push_back({c, stores[c]->put(patterned_blob(seed, size)), seed, size});
        total += size;
      }
    }
    return total;
  }
  void check_take(const PutRecord& r) {
    Bytes got = stores[r.store]->take(r.key);
    ASSERT_EQ(got.size(), r.size) << "store " << r.store << " key " << r.key.get();
    EXPECT_EQ(to_vector(got), to_vector(patterned_blob(r.seed, r.size)))
        << "store " << r.store << " key " << r.key.get();
  }

  SpillFilePageStoreFactory factory;
  std::vector<ColumnDescriptor> descriptors;
  std::vector<std::unique_ptr<PageStore>> stores;
  std::vector<PutRecord> puts;
};

size_t count_open_fds() {
  size_t n = 0;
  for (const auto& entry : std::filesystem::directory_iterator("/proc/self/fd")) {
    (void)entry;
    ++n;
  }
  return n;
}

TEST(SpillFileStoreTest, RoundTripsInPutOrderPerStore) {
  ScratchDir dir;
  Harness h(dir.path(), 5);
  uint64_t total = h.put_round_robin(24, 1);
  EXPECT_EQ(h.factory.bytes_spilled(), total);
  EXPECT_EQ(h.factory.spill_file_size(), total);  // blobs are packed end to end
  // The file is unlinked: nothing appears in the directory.
  EXPECT_TRUE(std::filesystem::is_empty(dir.path()));
  // Every store's memory is only its key table.
  for (auto& store : h.stores) EXPECT_LE(store->memory_size(), 32u * 16u);

  // Chunk by chunk, as the writer splices: store 0 entirely, then store 1...
  for (size_t c = 0; c < h.stores.size(); ++c) {
    for (const PutRecord& r : h.puts) {
      if (r.store == c) h.check_take(r);
    }
  }
  EXPECT_EQ(h.factory.spill_file_size(), 0u);
}

TEST(SpillFileStoreTest, RoundTripsInterleavedAndReversedAcrossStores) {
  ScratchDir dir;
  Harness h(dir.path(), 4);
  uint64_t remaining = h.put_round_robin(20, 77);
  // Reverse of put order: interleaved across stores, newest first. The file
  // keeps its length until the last non-empty blob is taken.
  const size_t full = h.factory.spill_file_size();
  for (auto it = h.puts.rbegin(); it != h.puts.rend(); ++it) {
    h.check_take(*it);
    remaining -= it->size;
    EXPECT_EQ(h.factory.spill_file_size(), remaining > 0 ? full : 0u);
  }
  EXPECT_EQ(h.factory.spill_file_size(), 0u);
}

TEST(SpillFileStoreTest, FileDoesNotGrowOverRowGroups) {
  ScratchDir dir;
  SpillFilePageStoreFactory factory(dir.path());
  std::vector<ColumnDescriptor> descriptors;
  for (int c = 0; c < 6; ++c) descriptors.push_back(test::int32_column("c" + std::to_string(c)));
  std::optional<size_t> first_cycle_peak;
  uint64_t spilled = 0;
  for (int cycle = 0; cycle < 10; ++cycle) {
    // One row group: a store per column chunk, all pages put, then spliced
    // chunk by chunk and the stores destroyed.
    std::vector<std::unique_ptr<PageStore>> stores;
    std::vector<std::vector<std::pair<PageKey, Bytes>>> pages(descriptors.size());
    for (size_t c = 0; c < descriptors.size(); ++c) {
      stores.push_back(factory.create(PageStoreArgs(c, descriptors[c])));
    }
    for (int i = 0; i < 15; ++i) {
      for (size_t c = 0; c < stores.size(); ++c) {
        Bytes blob = patterned_blob(cycle * 10000 + i * 10 + static_cast<uint32_t>(c),
                                    kSizes[(i + c) % kSizes.size()]);
        spilled += blob.size();
        pages[c].emplace_back(stores[c]->put(blob), blob);
      }
    }
    size_t peak = factory.spill_file_size();
    if (!first_cycle_peak) first_cycle_peak = peak;
    EXPECT_EQ(peak, *first_cycle_peak) << "cycle " << cycle;
    for (size_t c = 0; c < stores.size(); ++c) {
      for (auto& [key, blob] : pages[c]) {
        EXPECT_EQ(to_vector(stores[c]->take(key)), to_vector(blob)) << "cycle " << cycle;
      }
    }
    EXPECT_EQ(factory.spill_file_size(), 0u) << "cycle " << cycle;
  }
  EXPECT_GT(*first_cycle_peak, 0u);
  EXPECT_EQ(factory.bytes_spilled(), spilled);
}

TEST(SpillFileStoreTest, ReclaimsOnlyWhenEveryLiveStoreIsDrained) {
  ScratchDir dir;
  SpillFilePageStoreFactory factory(dir.path());
  auto da = test::int32_column("a");
  auto db = test::int32_column("b");
  auto a = factory.create(PageStoreArgs(0, da));
  auto b = factory.create(PageStoreArgs(1, db));
  PageKey ka = a->put(patterned_blob(1, 1000));
  PageKey kb = b->put(patterned_blob(2, 500));
  EXPECT_EQ(factory.spill_file_size(), 1500u);
  EXPECT_EQ(to_vector(a->take(ka)), to_vector(patterned_blob(1, 1000)));
  // b still needs its blob at offset 1000: no rewind, so a's next blob goes after it.
  EXPECT_EQ(factory.spill_file_size(), 1500u);
  PageKey ka2 = a->put(patterned_blob(3, 200));
  EXPECT_EQ(factory.spill_file_size(), 1700u);
  EXPECT_EQ(to_vector(b->take(kb)), to_vector(patterned_blob(2, 500)));
  EXPECT_EQ(factory.spill_file_size(), 1700u);
  // A store destroyed with untaken blobs (a writer giving up) releases them.
  a.reset();
  EXPECT_EQ(factory.spill_file_size(), 0u);
  (void)ka2;
  PageKey kb2 = b->put(patterned_blob(4, 300));
  EXPECT_EQ(factory.spill_file_size(), 300u);
  EXPECT_EQ(to_vector(b->take(kb2)), to_vector(patterned_blob(4, 300)));
}

TEST(SpillFileStoreTest, OneFileDescriptorForFiftyStores) {
  ScratchDir dir;
  size_t before = count_open_fds();
  {
    Harness h(dir.path(), 50);
    EXPECT_EQ(count_open_fds(), before);  // opened lazily at the first put
    h.put_round_robin(3, 5);
    EXPECT_EQ(count_open_fds(), before + 1);
    for (const PutRecord& r : h.puts) h.check_take(r);
    EXPECT_EQ(count_open_fds(), before + 1);
  }
  EXPECT_EQ(count_open_fds(), before);
}

TEST(SpillFileStoreTest, FileOutlivesFactoryWhileStoresLive) {
  ScratchDir dir;
  auto descriptor = test::int32_column("a");
  std::unique_ptr<PageStore> store;
  PageKey key(0);
  {
    SpillFilePageStoreFactory factory(dir.path());
    store = factory.create(PageStoreArgs(0, descriptor));
    key = store->put(patterned_blob(9, 12345));
  }
  EXPECT_EQ(to_vector(store->take(key)), to_vector(patterned_blob(9, 12345)));
}

TEST(SpillFileStoreTest, UnknownAndTwiceTakenKeysThrow) {
  ScratchDir dir;
  SpillFilePageStoreFactory factory(dir.path());
  auto descriptor = test::int32_column("a");
  auto store = factory.create(PageStoreArgs(0, descriptor));
  PageKey key = store->put(patterned_blob(1, 10));
  PageKey empty = store->put(Bytes());
  try {
    store->take(PageKey(2));
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("unknown page key 2"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find(dir.path().string()), std::string::npos) << e.what();
  }
  EXPECT_EQ(store->take(key).size(), 10u);
  EXPECT_EQ(store->take(empty).size(), 0u);
  try {
    store->take(key);
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("page key 0 was already taken"), std::string::npos)
        << e.what();
  }
  EXPECT_THROW(store->take(empty), Error);
  EXPECT_EQ(factory.spill_file_size(), 0u);
}

TEST(SpillFileStoreTest, UnusableDirectoryFailsAtFirstPut) {
  ScratchDir dir;
  const std::filesystem::path missing = dir.path() / "does-not-exist";
  SpillFilePageStoreFactory factory(missing);  // construction does not touch the disk
  auto descriptor = test::int32_column("a");
  auto store = factory.create(PageStoreArgs(0, descriptor));
  // An empty blob needs no file.
  EXPECT_EQ(store->take(store->put(Bytes())).size(), 0u);
  try {
    store->put(patterned_blob(1, 10));
    FAIL() << "expected an error";
  } catch (const Error& e) {
    std::string message = e.what();
    EXPECT_NE(message.find("cannot create a spill file in '" + missing.string() + "'"),
              std::string::npos)
        << message;
    EXPECT_NE(message.find(std::strerror(ENOENT)), std::string::npos) << message;
  }

  // A regular file where the directory should be.
  const std::filesystem::path file = dir.path() / "file";
  { std::ofstream(file) << "x"; }
  SpillFilePageStoreFactory on_file(file);
  auto store2 = on_file.create(PageStoreArgs(0, descriptor));
  EXPECT_THROW(store2->put(patterned_blob(1, 10)), Error);

  // A read-only directory (root ignores permissions, so only when not root).
  if (::geteuid() != 0) {
    std::filesystem::path ro = dir.path() / "ro";
    std::filesystem::create_directory(ro);
    std::filesystem::permissions(
        ro, std::filesystem::perms::owner_read | std::filesystem::perms::owner_exec);
    SpillFilePageStoreFactory on_ro(ro);
    auto store3 = on_ro.create(PageStoreArgs(0, descriptor));
    EXPECT_THROW(store3->put(patterned_blob(1, 10)), Error);
    std::filesystem::permissions(ro, std::filesystem::perms::owner_all);
  }
}

TEST(SpillFileStoreTest, FullDiskThrowsNoSpaceLeft) {
  ScratchDir dir;
  if (::mount("tmpfs", dir.path().c_str(), "tmpfs", 0, "size=1m") != 0) {
    GTEST_SKIP() << "cannot mount a 1 MiB tmpfs to fill (needs root / CAP_SYS_ADMIN): "
                 << std::strerror(errno);
  }
  struct Unmount {
    const std::filesystem::path& path;
    ~Unmount() { ::umount2(path.c_str(), MNT_DETACH); }
  } unmount{dir.path()};
  {
    SpillFilePageStoreFactory factory(dir.path());
    auto descriptor = test::int32_column("a");
    auto store = factory.create(PageStoreArgs(0, descriptor));
    std::vector<PageKey> keys;
    bool threw = false;
    for (int i = 0; i < 40 && !threw; ++i) {
      try {
        keys.push_back(store->put(patterned_blob(i, 64 * 1024)));
      } catch (const Error& e) {
        threw = true;
        std::string message = e.what();
        EXPECT_NE(message.find("No space left"), std::string::npos) << message;
        EXPECT_NE(message.find(dir.path().string()), std::string::npos) << message;
      }
    }
    EXPECT_TRUE(threw) << "40 x 64 KiB fit in a 1 MiB tmpfs";
    EXPECT_GE(keys.size(), 8u);
    // What was written before the failure still reads back.
    for (size_t i = 0; i < keys.size(); ++i) {
      EXPECT_EQ(to_vector(store->take(keys[i])),
                to_vector(patterned_blob(static_cast<uint32_t>(i), 64 * 1024)));
    }
    // Draining the file reclaims it, so writing works again.
    EXPECT_EQ(factory.spill_file_size(), 0u);
    PageKey again = store->put(patterned_blob(99, 64 * 1024));
    EXPECT_EQ(to_vector(store->take(again)), to_vector(patterned_blob(99, 64 * 1024)));
  }
}

TEST(SpillFileStoreTest, StoresOfOneFactoryWorkFromSeveralThreads) {
  ScratchDir dir;
  SpillFilePageStoreFactory factory(dir.path());
  constexpr int kThreads = 4;
  std::vector<ColumnDescriptor> descriptors;
  for (int t = 0; t < kThreads; ++t) descriptors.push_back(test::int32_column("c"));
  std::vector<int> failures(kThreads, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int round = 0; round < 20; ++round) {
        auto store = factory.create(PageStoreArgs(t, descriptors[t]));
        std::vector<std::pair<PageKey, Bytes>> pages;
        for (int i = 0; i < 30; ++i) {
          Bytes blob = patterned_blob(t * 100000 + round * 100 + i, kSizes[i % kSizes.size()]);
          pages.emplace_back(store->put(blob), blob);
        }
        for (auto& [key, blob] : pages) {
          if (to_vector(store->take(key)) != to_vector(blob)) ++failures[t];
        }
      }
    });
  }
  for (auto& thread : threads) thread.join();
  for (int t = 0; t < kThreads; ++t) EXPECT_EQ(failures[t], 0) << "thread " << t;
  EXPECT_EQ(factory.spill_file_size(), 0u);
}

TEST(SpillFileStoreTest, DefaultDirectoryIsTmpdirElseTmp) {
  const char* saved = std::getenv("TMPDIR");
  std::optional<std::string> restore = saved ? std::optional<std::string>(saved) : std::nullopt;
  ::setenv("TMPDIR", "/some/where", 1);
  EXPECT_EQ(SpillFilePageStoreFactory::default_spill_dir(), "/some/where");
  ::setenv("TMPDIR", "", 1);
  EXPECT_EQ(SpillFilePageStoreFactory::default_spill_dir(), "/tmp");
  ::unsetenv("TMPDIR");
  EXPECT_EQ(SpillFilePageStoreFactory::default_spill_dir(), "/tmp");
  EXPECT_EQ(SpillFilePageStoreFactory().directory(), "/tmp");
  if (restore) ::setenv("TMPDIR", restore->c_str(), 1);
}

}  // namespace
}  // namespace spillway

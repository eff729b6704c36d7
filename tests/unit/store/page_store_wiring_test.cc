// The writer's use of page stores: every page goes through the store, any
// correct store gives the same bytes, and store failures end the write
// cleanly.

#include <gtest/gtest.h>

#include <atomic>
#include <cstdio>
#include <mutex>
#include <new>
#include <stdexcept>
#include <unordered_map>

#include "spillway/spillway.h"
#include "support/arrow_builder.h"
#include "support/parquet_verifier.h"

namespace spillway {
namespace {

using test::NamedColumns;
using test::OwnedArray;

// Mints sparse, non-sequential keys and keeps copies of the blobs in a hash
// map: a correct store that shares nothing with the default one.
class SparseKeyStore : public PageStore {
 public:
  explicit SparseKeyStore(std::atomic<int>* puts) : puts_(puts) {}
  PageKey put(Bytes blob) override {
    ++*puts_;
    uint64_t key = 0x9e3779b97f4a7c15ULL * (++counter_) ^ 0xdeadbeefULL;
    pages_.emplace(key, Bytes::copy_of(blob.data(), blob.size()));
    return PageKey(key);
  }
  Bytes take(PageKey key) override {
    auto it = pages_.find(key.get());
    if (it == pages_.end()) throw Error("sparse store: unknown key");
    Bytes out = std::move(it->second);
    pages_.erase(it);
    return out;
  }

 private:
  std::atomic<int>* puts_;
  uint64_t counter_ = 7;
  std::unordered_map<uint64_t, Bytes> pages_;
};

class SparseKeyFactory : public PageStoreFactory {
 public:
  std::unique_ptr<PageStore> create(const PageStoreArgs&) const override {
    return std::make_unique<SparseKeyStore>(&puts);
  }
  mutable std::atomic<int> puts{0};
};

// Fails its N-th put or take (counted across all stores of the factory).
// How an injected store failure shows: a spillway::Error, another exception
// (a user's store may throw anything), allocation failure, or a store that
// silently keeps or returns half the bytes.
enum class StoreFault { ERROR, OTHER_EXCEPTION, BAD_ALLOC, SHORT };

class FailingFactory : public PageStoreFactory {
 public:
  FailingFactory(int fail_put_at, int fail_take_at, StoreFault fault = StoreFault::ERROR)
      : fail_put_at_(fail_put_at), fail_take_at_(fail_take_at), fault_(fault) {}
  class Store : public InMemoryPageStore {
   public:
    explicit Store(const FailingFactory* f) : f_(f) {}
    PageKey put(Bytes blob) override {
      if (++f_->puts == f_->fail_put_at_) {
        if (f_->fault_ == StoreFault::SHORT) return InMemoryPageStore::put(half(blob));
        fail("injected put failure (ENOSPC)");
      }
      return InMemoryPageStore::put(std::move(blob));
    }
    Bytes take(PageKey key) override {
      Bytes b = InMemoryPageStore::take(key);
      if (++f_->takes == f_->fail_take_at_) {
        if (f_->fault_ == StoreFault::SHORT) return half(b);
        fail("injected take failure (EIO)");
      }
      return b;
    }

   private:
    static Bytes half(const Bytes& b) { return b.slice(0, b.size() / 2); }
    void fail(const std::string& what) const {
      switch (f_->fault_) {
        case StoreFault::OTHER_EXCEPTION:
          throw std::runtime_error(what);
        case StoreFault::BAD_ALLOC:
          throw std::bad_alloc();
        default:
          throw Error(what);
      }
    }
    const FailingFactory* f_;
  };
  std::unique_ptr<PageStore> create(const PageStoreArgs&) const override {
    return std::make_unique<Store>(this);
  }
  mutable int puts = 0;
  mutable int takes = 0;

 private:
  int fail_put_at_;
  int fail_take_at_;
  StoreFault fault_;
};

NamedColumns table(int rows, int seed) {
  test::Values<int32_t> ints;
  test::Values<std::string> low, high;
  test::Values<double> dbl;
  for (int i = 0; i < rows; ++i) {
    int64_t k = int64_t{i} * 31 + seed;
    ints.push_back(k % 11 == 0 ? std::nullopt
                               : std::optional<int32_t>(
                                     static_cast<int32_t>(static_cast<uint32_t>(k) * 2654435761u)));
    low.push_back(k % 7 == 0 ? std::nullopt
                             : std::optional<std::string>("v" + std::to_string(k % 9)));
    high.emplace_back("h" + std::to_string(k * 7919));
    dbl.emplace_back(k * 0.25);
  }
  return {{"ints", test::int32_column(ints)},
          {"low", test::string_column(low)},
          {"high", test::string_column(high).not_null()},
          {"dbl", test::float64_column(dbl)}};
}

// Writes the five test batches of `rows` rows each, then closes.
void write_table(ArrowWriter& writer, int rows = 3000) {
  for (int b = 0; b < 5; ++b) {
    OwnedArray batch = test::make_batch(table(rows, b));
    ArrowArray moved = batch.array;
    batch.array.release = nullptr;
    writer.write(&moved);
  }
  writer.close();
}

std::vector<uint8_t> write_with(std::shared_ptr<PageStoreFactory> factory, WriterProperties props) {
  auto sink = std::make_unique<MemoryOutputStream>();
  auto* out = sink.get();
  OwnedArray first = test::make_batch(table(10, 0));
  ArrowWriterOptions options;
  options.with_properties(props);
  if (factory) options.with_page_store_factory(factory);
  auto writer = ArrowWriter::open(std::move(sink), &first.schema, options);
  write_table(writer);
  return out->data();
}

TEST(PageStoreWiring, AnyCorrectStoreGivesByteIdenticalFiles) {
  for (WriterVersion v : {WriterVersion::PARQUET_1_0, WriterVersion::PARQUET_2_0}) {
    for (Compression c : {Compression::UNCOMPRESSED, Compression::ZSTD}) {
      for (bool offset_index : {true, false}) {
        auto builder = WriterProperties::builder()
                           .set_writer_version(v)
                           .set_compression(c)
                           .set_max_row_group_row_count(4000)
                           .set_data_page_size_limit(2048)
                           .set_dictionary_page_size_limit(4096);
        if (!offset_index) {
          builder.set_offset_index_disabled(true).set_statistics_enabled(EnabledStatistics::CHUNK);
        }
        WriterProperties props = builder.build();
        std::vector<uint8_t> by_default = write_with(nullptr, props);
        auto sparse = std::make_shared<SparseKeyFactory>();
        std::vector<uint8_t> by_sparse = write_with(sparse, props);
        EXPECT_EQ(by_default, by_sparse) << to_string(c);
        auto spill = std::make_shared<SpillFilePageStoreFactory>();
        EXPECT_EQ(by_default, write_with(spill, props)) << "spill file " << to_string(c);
        EXPECT_GT(spill->bytes_spilled(), 0u);
        EXPECT_EQ(spill->spill_file_size(), 0u) << "space reclaimed after each row group";
        auto budget = std::make_shared<BudgetedPageStoreFactory>(
            8 * 1024, std::make_shared<SpillFilePageStoreFactory>());
        EXPECT_EQ(by_default, write_with(budget, props)) << "budgeted " << to_string(c);
        EXPECT_GT(budget->bytes_spilled(), 0u);
        EXPECT_GT(sparse->puts.load(), 50) << "pages must go through the store";
        test::DecodedFile decoded = test::read_parquet(by_sparse);
        EXPECT_EQ(decoded.metadata.num_rows, 15000);
        EXPECT_EQ(decoded.metadata.row_groups.size(), 4u);
        EXPECT_EQ(decoded.columns[1].num_dictionary_pages, 4u);
      }
    }
  }
}

TEST(PageStoreWiring, EveryPutAndTakeFailureEndsTheWriteCleanly) {
  WriterProperties props = WriterProperties::builder()
                               .set_max_row_group_row_count(4000)
                               .set_data_page_size_limit(4096)
                               .build();
  // Count the calls of a clean run first.
  auto counting = std::make_shared<FailingFactory>(-1, -1);
  write_with(counting, props);
  const int puts = counting->puts, takes = counting->takes;
  ASSERT_GT(puts, 10);
  ASSERT_EQ(puts, takes);
  int failures = 0;
  for (StoreFault fault :
       {StoreFault::ERROR, StoreFault::OTHER_EXCEPTION, StoreFault::BAD_ALLOC, StoreFault::SHORT}) {
    for (int n = 1; n <= puts + takes; ++n) {
      bool fail_put = n <= puts;
      auto f = std::make_shared<FailingFactory>(fail_put ? n : -1, fail_put ? -1 : n - puts, fault);
      auto sink = std::make_unique<MemoryOutputStream>();
      auto* out = sink.get();
      OwnedArray first = test::make_batch(table(10, 0));
      auto writer =
          ArrowWriter::open(std::move(sink), &first.schema,
                            ArrowWriterOptions().with_properties(props).with_page_store_factory(f));
      std::string message;
      try {
        write_table(writer);
      } catch (const Error& e) {
        message = e.what();
      }  // anything but spillway::Error escapes and fails the test
      const std::string where = "fault " + std::to_string(static_cast<int>(fault)) + " at call " +
                                std::to_string(n) + ": ";
      ASSERT_FALSE(message.empty()) << where << "the failure was not reported";
      EXPECT_NE(message.find("column '"), std::string::npos) << where << message;
      const std::string expected = fault == StoreFault::SHORT       ? "the page store returned"
                                   : fault == StoreFault::BAD_ALLOC ? "bad_alloc"
                                   : fail_put                       ? "injected put failure"
                                                                    : "injected take failure";
      EXPECT_NE(message.find(expected), std::string::npos) << where << message;
      // Unusable afterwards, and no footer was written.
      EXPECT_THROW(writer.close(), Error);
      EXPECT_FALSE(out->closed());
      const auto& bytes = out->data();
      bool has_footer = bytes.size() >= 8 && std::equal(bytes.end() - 4, bytes.end(), "PAR1");
      EXPECT_FALSE(has_footer && bytes.size() > 8) << where << "left a footer";
      ++failures;
    }
  }
  EXPECT_EQ(failures, 4 * (puts + takes));
  std::printf(
      "[page store fault loop] %d puts and %d takes in a clean write; %d faults injected "
      "(4 ways each), all reported\n",
      puts, takes, failures);
}

// A store that loses a byte: the splice notices.
class TruncatingFactory : public PageStoreFactory {
  class Store : public InMemoryPageStore {
    Bytes take(PageKey key) override {
      Bytes b = InMemoryPageStore::take(key);
      return b.slice(0, b.size() - 1);
    }
  };

 public:
  std::unique_ptr<PageStore> create(const PageStoreArgs&) const override {
    return std::make_unique<Store>();
  }
};

TEST(PageStoreWiring, AStoreReturningOtherBytesIsAnError) {
  try {
    write_with(std::make_shared<TruncatingFactory>(), WriterProperties());
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("the page store returned"), std::string::npos) << e.what();
  }
}

TEST(PageStoreWiring, StoreArgsDescribeTheColumn) {
  struct Recorder : PageStoreFactory {
    std::unique_ptr<PageStore> create(const PageStoreArgs& a) const override {
      std::lock_guard<std::mutex> lock(mu);
      seen.emplace_back(a.column_index(), a.column_descriptor().path().to_dot_string());
      EXPECT_EQ(a.column_descriptor().max_definition_level(), a.column_index() == 2 ? 0 : 1);
      return std::make_unique<InMemoryPageStore>();
    }
    mutable std::mutex mu;
    mutable std::vector<std::pair<size_t, std::string>> seen;
  };
  auto rec = std::make_shared<Recorder>();
  write_with(rec, WriterProperties::builder().set_max_row_group_row_count(8000).build());
  // 4 columns x 2 row groups, one store per column chunk.
  ASSERT_EQ(rec->seen.size(), 8u);
  EXPECT_EQ(rec->seen[0], (std::pair<size_t, std::string>{0, "ints"}));
  EXPECT_EQ(rec->seen[2], (std::pair<size_t, std::string>{2, "high"}));
}

TEST(PageStoreWiring, MemorySizeCountsWhatTheStoreHolds) {
  // A store that holds nothing on the heap: the writer's memory drops to
  // its encoders; the in-memory store counts the buffered pages.
  struct OffHeap : PageStoreFactory {
    class Store : public PageStore {
     public:
      PageKey put(Bytes blob) override {
        pages_.push_back(std::vector<uint8_t>(blob.data(), blob.data() + blob.size()));
        return PageKey(pages_.size() - 1);
      }
      Bytes take(PageKey key) override { return Bytes(std::move(pages_.at(key.get()))); }

     private:
      std::vector<std::vector<uint8_t>> pages_;  // stands in for a disk
    };
    std::unique_ptr<PageStore> create(const PageStoreArgs&) const override {
      return std::make_unique<Store>();
    }
  };
  auto measure = [](std::shared_ptr<PageStoreFactory> f) {
    OwnedArray first = test::make_batch(table(10, 0));
    ArrowWriterOptions options;
    options.with_properties(WriterProperties::builder()
                                .set_data_page_size_limit(4096)
                                .set_dictionary_enabled(false)
                                .build());
    if (f) options.with_page_store_factory(f);
    auto writer = ArrowWriter::open(std::make_unique<NullOutputStream>(), &first.schema, options);
    for (int b = 0; b < 4; ++b) {
      OwnedArray batch = test::make_batch(table(20000, b));
      ArrowArray moved = batch.array;
      batch.array.release = nullptr;
      writer.write(&moved);
    }
    size_t m = writer.memory_size();
    size_t in_progress = writer.in_progress_size();
    writer.close();
    return std::pair{m, in_progress};
  };
  auto [in_memory, in_memory_progress] = measure(nullptr);
  auto [off_heap, off_heap_progress] = measure(std::make_shared<OffHeap>());
  // Without dictionaries the encoders hold one open page per column; the rest
  // of the row group is in the store.
  EXPECT_GT(in_memory, in_memory_progress * 9 / 10) << in_memory << " vs " << in_memory_progress;
  EXPECT_LT(off_heap, in_memory_progress / 5) << off_heap << " vs " << in_memory_progress;
  EXPECT_EQ(in_memory_progress, off_heap_progress) << "in_progress_size ignores where pages are";
}

}  // namespace
}  // namespace spillway

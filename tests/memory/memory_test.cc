// Peak heap of the writing thread for the SPEC's scenarios, measured with the
// tracking allocator: output to a null sink, uncompressed, one row group,
// batches built inside the measured window.

#include <gtest/gtest.h>

#include <cstdio>
#include <cstring>
#include <functional>

#include "spillway/spillway.h"
#include "support/arrow_builder.h"
#include "tracking_allocator.h"

namespace spillway {
namespace {

constexpr double kMiB = 1024.0 * 1024.0;
constexpr double kSkewedSpillBoundMiB = 2.0;

struct Scenario {
  const char* name;
  int batches;
  std::function<test::NamedColumns(int batch)> make_batch;
};

// 1 binary column of 4096-byte incompressible values + 8 int32 columns,
// 64 batches x 64 rows (16 MiB of payload). The blobs are generated straight
// into the Arrow data buffer, as a producer would, so the batch costs its
// 256 KiB once and not again in staging strings.
Scenario skewed() {
  return {"skewed", 64, [](int b) {
            constexpr size_t kRows = 64, kWidth = 4096;
            auto data = std::make_shared<std::vector<uint8_t>>(kRows * kWidth);
            uint64_t x = 0x9e3779b97f4a7c15ULL * static_cast<uint64_t>(b + 1);
            for (uint8_t& c : *data) {
              x ^= x << 13;
              x ^= x >> 7;
              x ^= x << 17;
              c = static_cast<uint8_t>(x);
            }
            std::vector<int32_t> offsets;
            for (size_t r = 0; r <= kRows; ++r) offsets.push_back(static_cast<int32_t>(r * kWidth));
            test::ArrowColumn blob;
            blob.format = "z";
            blob.length = kRows;
            blob.buffers = {nullptr, test::buffer_of(offsets), std::move(data)};
            test::NamedColumns cols = {{"blob", std::move(blob)}};
            for (int c = 0; c < 8; ++c) {
              test::Values<int32_t> ints;
              for (size_t r = 0; r < kRows; ++r)
                ints.emplace_back(b * 64 + static_cast<int>(r) + c);
              cols.push_back({"i" + std::to_string(c), test::int32_column(ints)});
            }
            return cols;
          }};
}

// 1 int32 column with 16 distinct values, 512 batches x 8192 rows, also
// generated straight into the Arrow buffer.
Scenario dictionary() {
  return {"dictionary", 512, [](int b) {
            constexpr int kRows = 8192;
            auto data = std::make_shared<std::vector<uint8_t>>(kRows * sizeof(int32_t));
            for (int r = 0; r < kRows; ++r) {
              const int32_t v = (b * kRows + r) % 16;
              std::memcpy(data->data() + r * sizeof(int32_t), &v, sizeof v);
            }
            test::ArrowColumn d;
            d.format = "i";
            d.length = kRows;
            d.buffers = {nullptr, std::move(data)};
            return test::NamedColumns{{"d", std::move(d)}};
          }};
}

// 1 list<int64> column of 256 elements a row, 8 batches x 1024 rows (2 MiB
// of values a batch): the level builder's scratch must follow a slice of
// levels, not the batch (a whole batch's levels would be 3 MiB).
Scenario nested_lists() {
  return {"nested", 8, [](int b) {
            constexpr int kRows = 1024, kPerRow = 256;
            auto data = std::make_shared<std::vector<uint8_t>>(kRows * kPerRow * sizeof(int64_t));
            for (int k = 0; k < kRows * kPerRow; ++k) {
              const int64_t v = static_cast<int64_t>(b) * kRows * kPerRow + k;
              std::memcpy(data->data() + k * sizeof(int64_t), &v, sizeof v);
            }
            test::ArrowColumn values;
            values.format = "l";
            values.name = "item";
            values.length = kRows * kPerRow;
            values.buffers = {nullptr, std::move(data)};
            std::vector<int32_t> offsets;
            for (int r = 0; r <= kRows; ++r) offsets.push_back(r * kPerRow);
            return test::NamedColumns{{"l", test::list_column(offsets, std::move(values))}};
          }};
}

struct Measured {
  double peak_mib;
  uint64_t bytes;
};

Measured measure(const Scenario& s, std::shared_ptr<PageStoreFactory> factory,
                 bool dictionary = true) {
  test::OwnedArray schema = test::make_batch(s.make_batch(0));
  ArrowWriterOptions options;
  options.with_properties(WriterProperties::builder()
                              .set_compression(Compression::UNCOMPRESSED)
                              .set_max_row_group_row_count(1u << 30)
                              .set_dictionary_enabled(dictionary)
                              .build());
  if (factory) options.with_page_store_factory(factory);
  test::TrackingAllocator::start();
  uint64_t bytes = 0;
  {
    auto sink = std::make_unique<NullOutputStream>();
    auto* out = sink.get();
    auto writer = ArrowWriter::open(std::move(sink), &schema.schema, options);
    for (int b = 0; b < s.batches; ++b) {
      test::OwnedArray batch = test::make_batch(s.make_batch(b));
      ArrowArray moved = batch.array;
      batch.array.release = nullptr;
      writer.write(&moved);
    }
    FileMetaData md = writer.close();
    EXPECT_EQ(md.row_groups.size(), 1u);
    bytes = out->bytes();
  }
  test::TrackingAllocator::stop();
  return {test::TrackingAllocator::peak_bytes() / kMiB, bytes};
}

TEST(Memory, SkewedScenarioInMemoryStore) {
  Measured m = measure(skewed(), nullptr);
  std::printf(
      "[memory] skewed, in-memory store: peak %.2f MiB (reference 18.3 MiB), %llu bytes out\n",
      m.peak_mib, static_cast<unsigned long long>(m.bytes));
  // Holding the row group's pages is the point of comparison: at least 12 MiB.
  EXPECT_GE(m.peak_mib, 12.0);
  EXPECT_LE(m.peak_mib, 24.0);
}

TEST(Memory, DictionaryScenarioInMemoryStore) {
  Measured m = measure(dictionary(), nullptr);
  std::printf(
      "[memory] dictionary, in-memory store: peak %.2f MiB (reference 2.69 MiB), %llu bytes out\n",
      m.peak_mib, static_cast<unsigned long long>(m.bytes));
  EXPECT_LE(m.peak_mib, 4.0);
}

TEST(Memory, SkewedScenarioSpillFileStore) {
  Measured base = measure(skewed(), nullptr);
  Measured m = measure(skewed(), std::make_shared<SpillFilePageStoreFactory>());
  std::printf(
      "[memory] skewed, spill-file store: peak %.2f MiB (reference 4.2 MiB, in-memory %.2f)\n",
      m.peak_mib, base.peak_mib);
  EXPECT_EQ(m.bytes, base.bytes);
  // Bounded by the pages in flight, not by the row group: the SPEC's target,
  // half the reference's 4.2 MiB or less.
  EXPECT_LE(m.peak_mib, kSkewedSpillBoundMiB);
}

TEST(Memory, DictionaryScenarioSpillFileStore) {
  Measured base = measure(dictionary(), nullptr);
  Measured m = measure(dictionary(), std::make_shared<SpillFilePageStoreFactory>());
  std::printf(
      "[memory] dictionary, spill-file store: peak %.2f MiB (reference 0.48 MiB, in-memory %.2f)\n",
      m.peak_mib, base.peak_mib);
  EXPECT_EQ(m.bytes, base.bytes);
  // The SPEC's target (half the reference's 0.48 MiB), and at most half the
  // in-memory store's peak.
  EXPECT_LE(m.peak_mib, 0.24);
  EXPECT_LE(m.peak_mib, base.peak_mib / 2);
}

TEST(Memory, SkewedScenarioBudgetedStore) {
  Measured base = measure(skewed(), nullptr);
  Measured m = measure(skewed(), std::make_shared<BudgetedPageStoreFactory>(
                                     4 << 20, std::make_shared<SpillFilePageStoreFactory>()));
  std::printf("[memory] skewed, budgeted store (4 MiB): peak %.2f MiB (in-memory %.2f)\n",
              m.peak_mib, base.peak_mib);
  EXPECT_EQ(m.bytes, base.bytes);
  // The budget for resident pages, plus what writing costs with every page
  // spilled.
  EXPECT_LE(m.peak_mib, 4.0 + kSkewedSpillBoundMiB);
}

TEST(Memory, NestedListsSpillFileStore) {
  Measured base = measure(nested_lists(), nullptr);
  Measured m = measure(nested_lists(), std::make_shared<SpillFilePageStoreFactory>());
  Measured plain = measure(nested_lists(), std::make_shared<SpillFilePageStoreFactory>(), false);
  std::printf(
      "[memory] nested lists, spill-file store: peak %.2f MiB, dictionary off %.2f (in-memory "
      "%.2f)\n",
      m.peak_mib, plain.peak_mib, base.peak_mib);
  EXPECT_EQ(m.bytes, base.bytes);
  EXPECT_GE(base.peak_mib, 16.0);  // the row group's 16 MiB of pages
  // One batch (2 MiB + offsets), the open page (1 MiB), the level scratch of
  // one slice (~16k levels) and what is left of the dictionary after it fell
  // back: 3.71 MiB measured; a whole batch of levels would add 5 MiB.
  EXPECT_LE(m.peak_mib, 4.0);
  EXPECT_LE(plain.peak_mib, 4.0);
}

}  // namespace
}  // namespace spillway

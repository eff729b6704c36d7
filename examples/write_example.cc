// Writes a small Parquet file from Arrow C Data Interface arrays.
#include <spillway/spillway.h>

#include <cstdio>

// The arrays below are static, so releasing them only marks them released.
static void mark_released(ArrowSchema* s) {
  s->release = nullptr;
}
static void mark_released(ArrowArray* a) {
  a->release = nullptr;
}

int main(int argc, char** argv) {
  const char* path = argc > 1 ? argv[1] : "example.parquet";

  // Schema: struct<id: int64 not null, name: utf8>.
  ArrowSchema id{"l", "id", nullptr, 0, 0, nullptr, nullptr, mark_released, nullptr};
  ArrowSchema name{"u",     "name",        nullptr, ARROW_FLAG_NULLABLE, 0, nullptr,
                   nullptr, mark_released, nullptr};
  ArrowSchema* fields[] = {&id, &name};
  ArrowSchema schema{"+s", "", nullptr, 0, 2, fields, nullptr, mark_released, nullptr};

  // One batch of three rows: (1, "alice"), (2, null), (3, "carol").
  int64_t ids[] = {1, 2, 3};
  uint8_t name_valid[] = {0b101};
  int32_t name_offsets[] = {0, 5, 5, 10};
  const void* id_buffers[] = {nullptr, ids};
  const void* name_buffers[] = {name_valid, name_offsets, "alicecarol"};
  ArrowArray id_array{3, 0, 0, 2, 0, id_buffers, nullptr, nullptr, mark_released, nullptr};
  ArrowArray name_array{3, 1, 0, 3, 0, name_buffers, nullptr, nullptr, mark_released, nullptr};
  ArrowArray* columns[] = {&id_array, &name_array};
  const void* batch_buffers[] = {nullptr};
  ArrowArray batch{3, 0, 0, 1, 2, batch_buffers, columns, nullptr, mark_released, nullptr};

  try {
    auto props = spillway::WriterProperties::builder()
                     .set_compression(spillway::Compression::ZSTD, 3)
                     .build();
    auto writer = spillway::ArrowWriter::open(
        path, &schema, spillway::ArrowWriterOptions().with_properties(props));
    writer.write(&batch);
    spillway::FileMetaData meta = writer.close();
    std::printf("wrote %s: %lld rows, %zu row group(s), %llu bytes\n", path,
                static_cast<long long>(meta.num_rows), meta.row_groups.size(),
                static_cast<unsigned long long>(writer.bytes_written()));
  } catch (const spillway::Error& e) {
    std::fprintf(stderr, "error: %s\n", e.what());
    return 1;
  }
  return 0;
}

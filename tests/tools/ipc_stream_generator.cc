// Writes the demo's wide, skewed table (cli/demo_table.h) to standard output
// as an Arrow IPC stream, batch by batch, in constant memory: the input of
// the command's 2 GB memory test and of the conversion benchmark.
//
//   spillway_ipc_generator [--rows N] [--columns N] [--fat-columns N]
//                          [--fat-bytes N] [--batch-rows N]

#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "arrow/ipc_schema.h"
#include "arrow/ipc_slots.h"
#include "demo_table.h"

namespace {

using spillway::ArrowField;
using spillway::ArrowTypeId;

void write_all(const void* p, size_t n) {
  const char* c = static_cast<const char*>(p);
  while (n > 0) {
    ssize_t w = ::write(1, c, n);
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) {
      std::fprintf(stderr, "spillway_ipc_generator: write failed: %s\n", std::strerror(errno));
      std::exit(1);
    }
    c += w;
    n -= static_cast<size_t>(w);
  }
}

// Message.fbs structs, laid out as flatbuffers stores them.
struct FieldNode {
  int64_t length;
  int64_t null_count;
};
struct BufferRef {
  int64_t offset;
  int64_t length;
};

// One record batch of flat columns (the demo table's types) as an
// encapsulated IPC message followed by its body.
void write_record_batch(const ArrowField& schema, const ArrowArray& batch) {
  std::vector<FieldNode> nodes;
  std::vector<BufferRef> buffers;
  std::vector<std::pair<const void*, size_t>> body;
  int64_t offset = 0;
  auto add = [&](const void* p, size_t n) {
    buffers.push_back({offset, static_cast<int64_t>(n)});
    body.emplace_back(p, n);
    offset += static_cast<int64_t>((n + 7) / 8 * 8);
  };
  for (int64_t c = 0; c < batch.n_children; ++c) {
    const ArrowArray& a = *batch.children[c];
    const ArrowField& f = schema.children[static_cast<size_t>(c)];
    nodes.push_back({a.length, a.null_count});
    add(nullptr, 0);  // no validity bitmap: the demo table has no nulls
    const auto n = static_cast<size_t>(a.length);
    if (f.id == ArrowTypeId::STRING) {
      const auto* offsets = static_cast<const int32_t*>(a.buffers[1]);
      add(offsets, (n + 1) * 4);
      add(a.buffers[2], static_cast<size_t>(offsets[n]));
    } else {
      add(a.buffers[1], n * 8);  // int64, double, timestamp
    }
  }
  flatbuffers::FlatBufferBuilder b;
  auto nodes_vec = b.CreateVectorOfStructs(nodes.data(), nodes.size());
  auto buffers_vec = b.CreateVectorOfStructs(buffers.data(), buffers.size());
  auto rb = b.StartTable();
  b.AddElement<int64_t>(spillway::ipc::slot(0), batch.length, 0);  // RecordBatch.length
  b.AddOffset(spillway::ipc::slot(1), nodes_vec);                  // nodes
  b.AddOffset(spillway::ipc::slot(2), buffers_vec);                // buffers
  auto record_batch = b.EndTable(rb);
  auto m = b.StartTable();
  b.AddElement<int16_t>(spillway::ipc::kMessageVersion, spillway::ipc::kMetadataV5, 0);
  b.AddElement<uint8_t>(spillway::ipc::kMessageHeaderType, 3, 0);  // RecordBatch
  b.AddOffset(spillway::ipc::kMessageHeader, flatbuffers::Offset<void>(record_batch));
  b.AddElement<int64_t>(spillway::ipc::kMessageBodyLength, offset, 0);
  b.Finish(flatbuffers::Offset<void>(b.EndTable(m)));

  const size_t size = b.GetSize(), padded = (size + 7) / 8 * 8;
  const uint32_t continuation = 0xFFFFFFFF;
  const int32_t length = static_cast<int32_t>(padded);
  write_all(&continuation, 4);
  write_all(&length, 4);
  write_all(b.GetBufferPointer(), size);
  static const char zeros[8] = {};
  write_all(zeros, padded - size);
  for (const auto& [p, n] : body) {
    if (n > 0) write_all(p, n);
    write_all(zeros, (n + 7) / 8 * 8 - n);
  }
}

}  // namespace

int main(int argc, char** argv) {
  spillway::cli::DemoTableShape shape;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string k = argv[i];
    unsigned long long v = std::strtoull(argv[i + 1], nullptr, 10);
    if (k == "--rows")
      shape.rows = v;
    else if (k == "--columns")
      shape.columns = static_cast<int>(v);
    else if (k == "--fat-columns")
      shape.fat_columns = static_cast<int>(v);
    else if (k == "--fat-bytes")
      shape.fat_value_bytes = static_cast<uint32_t>(v);
    else if (k == "--batch-rows")
      shape.batch_rows = static_cast<uint32_t>(v);
    else {
      std::fprintf(stderr, "spillway_ipc_generator: unknown option %s\n", k.c_str());
      return 2;
    }
  }
  spillway::cli::DemoTable table(shape);
  std::string schema = spillway::serialize_schema_message(table.schema());
  write_all(schema.data(), schema.size());
  ArrowArray batch;
  while (table.next(&batch)) {
    write_record_batch(table.schema(), batch);
    batch.release(&batch);
  }
  const uint32_t eos[2] = {0xFFFFFFFF, 0};
  write_all(eos, sizeof eos);
  return 0;
}

#pragma once

// The RecordBatch header (Message.fbs) and the message body its buffers
// point into: buffers are checked against the body and handed out
// zero-copy, or decompressed (LZ4_FRAME, ZSTD) when the batch is compressed.

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "input/ipc/ipc_format.h"

namespace spillway::cli::ipc {

struct FieldNode {
  int64_t length = 0;
  int64_t null_count = 0;
};

struct BufferSpec {
  int64_t offset = 0;
  int64_t length = 0;
};

enum class Codec { NONE, LZ4_FRAME, ZSTD };

struct RecordBatchHeader {
  int64_t length = 0;
  std::vector<FieldNode> nodes;
  std::vector<BufferSpec> buffers;
  std::vector<int64_t> variadic_counts;
  Codec codec = Codec::NONE;
};

// Reads a RecordBatch table `t` (already entered) and its vectors.
RecordBatchHeader read_record_batch(FlatReader& r, const flatbuffers::Table* t);

// A buffer ready to export: its bytes and what keeps them alive (nullptr for
// static storage).
struct BufferView {
  const uint8_t* data = nullptr;
  int64_t size = 0;
  std::shared_ptr<const void> owner;
};

// The ZSTD and LZ4 frame decompression contexts, made once per reader and
// kept for all the buffers it decompresses: making them per buffer (with
// their internal block buffers) costs more than decompressing a small buffer.
class Decompressors {
 public:
  Decompressors() = default;
  ~Decompressors();
  Decompressors(const Decompressors&) = delete;
  Decompressors& operator=(const Decompressors&) = delete;
  void* zstd();  // a ZSTD_DCtx*
  void* lz4();   // an LZ4F_dctx*, reset

 private:
  void* zstd_ = nullptr;
  void* lz4_ = nullptr;
};

class Body {
 public:
  Body(std::shared_ptr<uint8_t> bytes, int64_t size, Codec codec, Decompressors& contexts,
       Where where)
      : bytes_(std::move(bytes)),
        size_(size),
        codec_(codec),
        contexts_(contexts),
        where_(std::move(where)) {}

  // Buffer `index` of the batch, read for `column`: within the body,
  // decompressed when the batch is compressed, and copied when its start is
  // not aligned to `alignment` bytes. A zero-length buffer points at static
  // zeros, never at nullptr.
  BufferView get(const BufferSpec& spec, size_t index, const std::string& column,
                 size_t alignment) const;

  [[noreturn]] void fail(const std::string& column, const std::string& problem) const;

 private:
  BufferView decompress(const uint8_t* data, int64_t size, int64_t uncompressed, size_t index,
                        const std::string& column) const;

  std::shared_ptr<uint8_t> bytes_;
  int64_t size_;
  Codec codec_;
  Decompressors& contexts_;
  Where where_;
};

}  // namespace spillway::cli::ipc

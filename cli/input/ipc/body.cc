#include "input/ipc/body.h"

#include <lz4frame.h>
#include <zstd.h>

#include <cstring>

#include "input/ipc/message_reader.h"
#include "spillway/error.h"

namespace spillway::cli::ipc {

namespace {

// Neither codec expands data beyond these ratios (LZ4 encodes at most 255
// bytes of match per byte; a zstd block of at most 128 KiB takes at least 4
// bytes), so a larger claimed length is corrupt and is refused before any
// allocation.
constexpr int64_t kMaxLz4Ratio = 256;
constexpr int64_t kMaxZstdRatio = 32768;
constexpr int64_t kRatioSlack = int64_t{1} << 20;

std::string column_prefix(const std::string& column) {
  return column.empty() ? std::string() : "column '" + column + "': ";
}

}  // namespace

RecordBatchHeader read_record_batch(FlatReader& r, const flatbuffers::Table* t) {
  RecordBatchHeader h;
  h.length = r.scalar<int64_t>(t, kRecordBatchLength, 0, "RecordBatch.length");
  size_t count = 0;
  const uint8_t* p = r.vector(t, kRecordBatchNodes, kFieldNodeSize, &count, "RecordBatch.nodes");
  h.nodes.resize(count);
  for (size_t i = 0; i < count; ++i, p += kFieldNodeSize) {
    h.nodes[i] = FieldNode{load_i64(p), load_i64(p + 8)};
  }
  p = r.vector(t, kRecordBatchBuffers, kBufferSize, &count, "RecordBatch.buffers");
  h.buffers.resize(count);
  for (size_t i = 0; i < count; ++i, p += kBufferSize) {
    h.buffers[i] = BufferSpec{load_i64(p), load_i64(p + 8)};
  }
  p = r.vector(t, kRecordBatchVariadicBufferCounts, 8, &count, "RecordBatch.variadicBufferCounts");
  h.variadic_counts.resize(count);
  for (size_t i = 0; i < count; ++i) h.variadic_counts[i] = load_i64(p + 8 * i);
  if (const flatbuffers::Table* c = r.table(t, kRecordBatchCompression, "BodyCompression")) {
    auto codec =
        r.scalar<int8_t>(c, kBodyCompressionCodec, kCodecLz4Frame, "BodyCompression.codec");
    auto method =
        r.scalar<int8_t>(c, kBodyCompressionMethod, kMethodBuffer, "BodyCompression.method");
    r.end();
    if (method != kMethodBuffer) {
      r.bad("unknown body compression method " + std::to_string(method) +
            " (only per-buffer compression exists)");
    }
    if (codec == kCodecLz4Frame) {
      h.codec = Codec::LZ4_FRAME;
    } else if (codec == kCodecZstd) {
      h.codec = Codec::ZSTD;
    } else {
      r.bad("unknown body compression codec " + std::to_string(codec));
    }
  }
  return h;
}

Decompressors::~Decompressors() {
  ZSTD_freeDCtx(static_cast<ZSTD_DCtx*>(zstd_));
  if (lz4_ != nullptr) LZ4F_freeDecompressionContext(static_cast<LZ4F_dctx*>(lz4_));
}

void* Decompressors::zstd() {
  if (zstd_ == nullptr) zstd_ = ZSTD_createDCtx();
  if (zstd_ == nullptr) throw std::bad_alloc();
  return zstd_;
}

void* Decompressors::lz4() {
  if (lz4_ == nullptr) {
    LZ4F_dctx* ctx = nullptr;
    if (LZ4F_isError(LZ4F_createDecompressionContext(&ctx, LZ4F_VERSION))) throw std::bad_alloc();
    lz4_ = ctx;
  }
  // After an error or a frame left unfinished, start clean.
  LZ4F_resetDecompressionContext(static_cast<LZ4F_dctx*>(lz4_));
  return lz4_;
}

void Body::fail(const std::string& column, const std::string& problem) const {
  where_.fail(column_prefix(column) + problem);
}

BufferView Body::get(const BufferSpec& spec, size_t index, const std::string& column,
                     size_t alignment) const {
  std::string name = "buffer " + std::to_string(index);
  if (spec.offset < 0 || spec.length < 0) {
    fail(column, name + " has a negative offset or length (offset " + std::to_string(spec.offset) +
                     ", length " + std::to_string(spec.length) + ")");
  }
  if (spec.offset > size_ || spec.length > size_ - spec.offset) {
    fail(column, name + " (offset " + std::to_string(spec.offset) + ", length " +
                     std::to_string(spec.length) + ") lies outside the " + std::to_string(size_) +
                     "-byte message body");
  }
  if (spec.length == 0) return BufferView{zero_bytes(), 0, nullptr};
  const uint8_t* data = bytes_.get() + spec.offset;
  int64_t size = spec.length;
  if (codec_ != Codec::NONE) {
    if (size < 8) {
      fail(column, "compressed " + name + " of " + std::to_string(size) +
                       " bytes is shorter than its 8-byte length prefix");
    }
    int64_t uncompressed = load_i64(data);
    data += 8;
    size -= 8;
    if (uncompressed != -1) return decompress(data, size, uncompressed, index, column);
    // -1: stored uncompressed after the prefix.
    if (size == 0) return BufferView{zero_bytes(), 0, nullptr};
  }
  if (reinterpret_cast<uintptr_t>(data) % alignment != 0) {
    // Writers align buffers to 8 bytes; copy the rare one that is not, so
    // typed reads of it stay aligned.
    auto copy = allocate_aligned(static_cast<size_t>(size));
    std::memcpy(copy.get(), data, static_cast<size_t>(size));
    return BufferView{copy.get(), size, std::move(copy)};
  }
  return BufferView{data, size, bytes_};
}

BufferView Body::decompress(const uint8_t* data, int64_t size, int64_t uncompressed, size_t index,
                            const std::string& column) const {
  std::string name = "buffer " + std::to_string(index);
  const char* codec = codec_ == Codec::LZ4_FRAME ? "LZ4_FRAME" : "ZSTD";
  int64_t ratio = codec_ == Codec::LZ4_FRAME ? kMaxLz4Ratio : kMaxZstdRatio;
  if (uncompressed < 0 || (uncompressed - kRatioSlack) / ratio > size) {
    fail(column, name + ": uncompressed length " + std::to_string(uncompressed) +
                     " is impossible for " + std::to_string(size) + " bytes of " + codec);
  }
  if (uncompressed == 0) return BufferView{zero_bytes(), 0, nullptr};
  if (codec_ == Codec::ZSTD) {
    // A zstd frame usually carries its size: check it before allocating (a
    // first frame can be smaller than the whole only if another follows).
    unsigned long long declared = ZSTD_getFrameContentSize(data, static_cast<size_t>(size));
    if (declared == ZSTD_CONTENTSIZE_ERROR) {
      fail(column, name + ": ZSTD decompression failed (not a zstd frame)");
    }
    bool one_frame =
        ZSTD_findFrameCompressedSize(data, static_cast<size_t>(size)) == static_cast<size_t>(size);
    auto expected = static_cast<uint64_t>(uncompressed);
    if (declared != ZSTD_CONTENTSIZE_UNKNOWN &&
        (declared > expected || (one_frame && declared != expected))) {
      fail(column, name + ": ZSTD data decompresses to " + std::to_string(declared) +
                       " bytes, its prefix announces " + std::to_string(uncompressed));
    }
  }
  auto out = allocate_aligned(static_cast<size_t>(uncompressed));
  size_t produced = 0;
  if (codec_ == Codec::ZSTD) {
    size_t r =
        ZSTD_decompressDCtx(static_cast<ZSTD_DCtx*>(contexts_.zstd()), out.get(),
                            static_cast<size_t>(uncompressed), data, static_cast<size_t>(size));
    if (ZSTD_isError(r)) {
      fail(column, name + ": ZSTD decompression failed (" + ZSTD_getErrorName(r) + ")");
    }
    produced = r;
  } else {
    auto* ctx = static_cast<LZ4F_dctx*>(contexts_.lz4());
    size_t consumed = 0;
    for (;;) {
      size_t dst = static_cast<size_t>(uncompressed) - produced;
      size_t src = static_cast<size_t>(size) - consumed;
      size_t r = LZ4F_decompress(ctx, out.get() + produced, &dst, data + consumed, &src, nullptr);
      if (LZ4F_isError(r)) {
        fail(column, name + ": LZ4_FRAME decompression failed (" + LZ4F_getErrorName(r) + ")");
      }
      produced += dst;
      consumed += src;
      if (r == 0) break;  // the frame is complete
      if (dst == 0 && src == 0) {
        // No progress: out of input (a truncated frame) or out of room.
        if (consumed == static_cast<size_t>(size))
          fail(column, name + ": the LZ4_FRAME data is truncated");
        fail(column, name + ": the LZ4_FRAME data holds more than the " +
                         std::to_string(uncompressed) + " bytes its prefix announces");
      }
    }
  }
  if (produced != static_cast<size_t>(uncompressed)) {
    fail(column, name + ": " + codec + " data decompresses to " + std::to_string(produced) +
                     " bytes, its prefix announces " + std::to_string(uncompressed));
  }
  return BufferView{out.get(), uncompressed, std::move(out)};
}

}  // namespace spillway::cli::ipc

// ZSTD: one Zstandard frame (RFC 8878) that records the content size.

#include <zstd.h>

#include <string>

#include "compression/codec_impl.h"
#include "spillway/error.h"

namespace spillway::codec_detail {

namespace {

class ZstdCodec final : public Codec {
 public:
  explicit ZstdCodec(int level) : level_(level) {}
  ~ZstdCodec() override {
    ZSTD_freeCCtx(cctx_);
    ZSTD_freeDCtx(dctx_);
  }
  ZstdCodec(const ZstdCodec&) = delete;
  ZstdCodec& operator=(const ZstdCodec&) = delete;

  Compression compression() const override { return Compression::ZSTD; }

  void compress(std::span<const uint8_t> in, ByteBuffer& out) override {
    if (cctx_ == nullptr) {
      cctx_ = ZSTD_createCCtx();
      if (cctx_ == nullptr) throw Error("ZSTD: cannot create a compression context");
      // The frame header then says how large the page is (the default, made
      // explicit since readers may size their buffer from it).
      check(ZSTD_CCtx_setParameter(cctx_, ZSTD_c_compressionLevel, level_));
      check(ZSTD_CCtx_setParameter(cctx_, ZSTD_c_contentSizeFlag, 1));
    }
    const size_t bound = max_compressed_size(in.size());
    const size_t written =
        ZSTD_compress2(cctx_, reserve_tail(out, bound), bound, in.data(), in.size());
    check(written);
    out.advance(written);
  }

  void decompress(std::span<const uint8_t> in, size_t uncompressed_size, ByteBuffer& out) override {
    if (dctx_ == nullptr) {
      dctx_ = ZSTD_createDCtx();
      if (dctx_ == nullptr) throw Error("ZSTD: cannot create a decompression context");
    }
    const size_t got = ZSTD_decompressDCtx(dctx_, reserve_tail(out, uncompressed_size),
                                           uncompressed_size, in.data(), in.size());
    if (ZSTD_isError(got)) {
      throw_corrupt("ZSTD", ZSTD_getErrorName(got), in.size(), uncompressed_size);
    }
    if (got != uncompressed_size) {
      throw_corrupt("ZSTD", "decodes to " + std::to_string(got) + " bytes", in.size(),
                    uncompressed_size);
    }
    out.advance(uncompressed_size);
  }

  size_t max_compressed_size(size_t n) const override { return ZSTD_compressBound(n); }

 private:
  static void check(size_t rc) {
    if (ZSTD_isError(rc)) throw Error(std::string("ZSTD: ") + ZSTD_getErrorName(rc));
  }

  int level_;
  ZSTD_CCtx* cctx_ = nullptr;
  ZSTD_DCtx* dctx_ = nullptr;
};

}  // namespace

std::unique_ptr<Codec> make_zstd(int level) {
  return std::make_unique<ZstdCodec>(level);
}

}  // namespace spillway::codec_detail

// BROTLI: a Brotli stream (RFC 7932) with the library's default 4 MiB window.

#include <brotli/decode.h>
#include <brotli/encode.h>

#include <memory>
#include <string>

#include "compression/codec_impl.h"
#include "spillway/error.h"

namespace spillway::codec_detail {

namespace {

struct DecoderDeleter {
  void operator()(BrotliDecoderState* s) const { BrotliDecoderDestroyInstance(s); }
};

class BrotliCodec final : public Codec {
 public:
  explicit BrotliCodec(int level) : level_(level) {}

  Compression compression() const override { return Compression::BROTLI; }

  // Brotli's encoder state cannot be reset once a stream is finished, so
  // the one-shot call (which sizes its state to the page) is the cheapest.
  void compress(std::span<const uint8_t> in, ByteBuffer& out) override {
    const size_t bound = max_compressed_size(in.size());
    if (bound == 0) {
      throw Error("BROTLI: a page of " + std::to_string(in.size()) + " bytes is too large");
    }
    size_t written = bound;
    if (!BrotliEncoderCompress(level_, BROTLI_DEFAULT_WINDOW, BROTLI_MODE_GENERIC, in.size(),
                               in.data(), &written, reserve_tail(out, bound))) {
      throw Error("BROTLI: compression failed");
    }
    out.advance(written);
  }

  void decompress(std::span<const uint8_t> in, size_t uncompressed_size, ByteBuffer& out) override {
    std::unique_ptr<BrotliDecoderState, DecoderDeleter> state(
        BrotliDecoderCreateInstance(nullptr, nullptr, nullptr));
    if (!state) throw Error("BROTLI: cannot create a decoder");
    size_t avail_in = in.size();
    const uint8_t* next_in = in.data();
    size_t avail_out = uncompressed_size;
    uint8_t* next_out = reserve_tail(out, uncompressed_size);
    const BrotliDecoderResult rc = BrotliDecoderDecompressStream(state.get(), &avail_in, &next_in,
                                                                 &avail_out, &next_out, nullptr);
    switch (rc) {
      case BROTLI_DECODER_RESULT_SUCCESS:
        break;
      case BROTLI_DECODER_RESULT_NEEDS_MORE_OUTPUT:
        throw_corrupt("BROTLI", "decodes to more bytes than expected", in.size(),
                      uncompressed_size);
      case BROTLI_DECODER_RESULT_NEEDS_MORE_INPUT:
        throw_corrupt("BROTLI", "stream is truncated", in.size(), uncompressed_size);
      default:
        throw_corrupt("BROTLI", BrotliDecoderErrorString(BrotliDecoderGetErrorCode(state.get())),
                      in.size(), uncompressed_size);
    }
    if (avail_in != 0) {
      throw_corrupt("BROTLI", std::to_string(avail_in) + " bytes follow the stream", in.size(),
                    uncompressed_size);
    }
    if (avail_out != 0) {
      throw_corrupt("BROTLI",
                    "decodes to " + std::to_string(uncompressed_size - avail_out) + " bytes",
                    in.size(), uncompressed_size);
    }
    out.advance(uncompressed_size);
  }

  size_t max_compressed_size(size_t n) const override { return BrotliEncoderMaxCompressedSize(n); }

 private:
  int level_;
};

}  // namespace

std::unique_ptr<Codec> make_brotli(int level) {
  return std::make_unique<BrotliCodec>(level);
}

}  // namespace spillway::codec_detail

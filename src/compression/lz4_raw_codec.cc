// LZ4_RAW: one LZ4 block (the block format, not the frame format), as
// LZ4_compress_default writes and LZ4_decompress_safe reads.

#include <lz4.h>

#include <string>
#include <vector>

#include "compression/codec_impl.h"
#include "spillway/error.h"

namespace spillway::codec_detail {

namespace {

class Lz4RawCodec final : public Codec {
 public:
  // The hash table LZ4_compress_default would build on the stack, kept so
  // each page reuses it; acceleration 1 gives LZ4_compress_default's output.
  Lz4RawCodec() : state_(static_cast<size_t>(LZ4_sizeofState())) {}

  Compression compression() const override { return Compression::LZ4_RAW; }

  void compress(std::span<const uint8_t> in, ByteBuffer& out) override {
    if (in.size() > LZ4_MAX_INPUT_SIZE) {
      throw Error("LZ4_RAW: a page of " + std::to_string(in.size()) +
                  " bytes exceeds the LZ4 block limit of " + std::to_string(LZ4_MAX_INPUT_SIZE));
    }
    const size_t bound = max_compressed_size(in.size());
    char* dst = reinterpret_cast<char*>(reserve_tail(out, bound));
    const int written =
        LZ4_compress_fast_extState(state_.data(), reinterpret_cast<const char*>(in.data()), dst,
                                   static_cast<int>(in.size()), static_cast<int>(bound), 1);
    if (written <= 0) throw Error("LZ4_RAW: compression failed");
    out.advance(static_cast<size_t>(written));
  }

  void decompress(std::span<const uint8_t> in, size_t uncompressed_size, ByteBuffer& out) override {
    if (in.size() > LZ4_MAX_INPUT_SIZE || uncompressed_size > LZ4_MAX_INPUT_SIZE) {
      throw_corrupt("LZ4_RAW", "sizes exceed the LZ4 block limit", in.size(), uncompressed_size);
    }
    char* dst = reinterpret_cast<char*>(reserve_tail(out, uncompressed_size));
    const int got =
        LZ4_decompress_safe(reinterpret_cast<const char*>(in.data()), dst,
                            static_cast<int>(in.size()), static_cast<int>(uncompressed_size));
    if (got < 0) throw_corrupt("LZ4_RAW", "invalid block", in.size(), uncompressed_size);
    if (static_cast<size_t>(got) != uncompressed_size) {
      throw_corrupt("LZ4_RAW", "block holds " + std::to_string(got) + " bytes", in.size(),
                    uncompressed_size);
    }
    out.advance(uncompressed_size);
  }

  size_t max_compressed_size(size_t n) const override {
    return n > LZ4_MAX_INPUT_SIZE ? 0 : static_cast<size_t>(LZ4_compressBound(static_cast<int>(n)));
  }

 private:
  std::vector<char> state_;
};

}  // namespace

std::unique_ptr<Codec> make_lz4_raw() {
  return std::make_unique<Lz4RawCodec>();
}

}  // namespace spillway::codec_detail

// SNAPPY: a raw Snappy block (no framing format, no stream identifier).

#include <snappy.h>

#include <string>

#include "compression/codec_impl.h"

namespace spillway::codec_detail {

namespace {

class SnappyCodec final : public Codec {
 public:
  Compression compression() const override { return Compression::SNAPPY; }

  void compress(std::span<const uint8_t> in, ByteBuffer& out) override {
    char* dst = reinterpret_cast<char*>(reserve_tail(out, max_compressed_size(in.size())));
    size_t written = 0;
    snappy::RawCompress(reinterpret_cast<const char*>(in.data()), in.size(), dst, &written);
    out.advance(written);
  }

  void decompress(std::span<const uint8_t> in, size_t uncompressed_size, ByteBuffer& out) override {
    const char* src = reinterpret_cast<const char*>(in.data());
    size_t stated = 0;
    if (!snappy::GetUncompressedLength(src, in.size(), &stated)) {
      throw_corrupt("SNAPPY", "unreadable length preamble", in.size(), uncompressed_size);
    }
    if (stated != uncompressed_size) {
      throw_corrupt("SNAPPY", "block states " + std::to_string(stated) + " bytes", in.size(),
                    uncompressed_size);
    }
    // RawUncompress checks every copy against the stated length, so corrupt
    // input fails here rather than overrunning the buffer.
    char* dst = reinterpret_cast<char*>(reserve_tail(out, uncompressed_size));
    if (!snappy::RawUncompress(src, in.size(), dst)) {
      throw_corrupt("SNAPPY", "invalid block", in.size(), uncompressed_size);
    }
    out.advance(uncompressed_size);
  }

  size_t max_compressed_size(size_t n) const override { return snappy::MaxCompressedLength(n); }
};

}  // namespace

std::unique_ptr<Codec> make_snappy() {
  return std::make_unique<SnappyCodec>();
}

}  // namespace spillway::codec_detail

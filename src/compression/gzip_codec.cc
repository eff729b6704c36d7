// GZIP: a gzip stream (RFC 1952: header, deflate data, CRC-32 and size
// trailer), not the zlib or bare deflate formats.

#include <zlib.h>

#include <limits>
#include <string>

#include "compression/codec_impl.h"
#include "spillway/error.h"

namespace spillway::codec_detail {

namespace {

// zlib's windowBits: 15 (a 32 KiB window) plus 16 selects the gzip wrapper.
constexpr int kGzipWindowBits = 15 + 16;
constexpr int kMemLevel = 8;  // zlib's default

class GzipCodec final : public Codec {
 public:
  explicit GzipCodec(int level) : level_(level) {}
  ~GzipCodec() override {
    if (deflate_ready_) deflateEnd(&deflate_);
    if (inflate_ready_) inflateEnd(&inflate_);
  }
  GzipCodec(const GzipCodec&) = delete;
  GzipCodec& operator=(const GzipCodec&) = delete;

  Compression compression() const override { return Compression::GZIP; }

  void compress(std::span<const uint8_t> in, ByteBuffer& out) override {
    check_fits(in.size());
    start_deflate();
    const size_t bound = deflateBound(&deflate_, static_cast<uLong>(in.size()));
    check_fits(bound);
    deflate_.next_in = const_cast<Bytef*>(in.data());
    deflate_.avail_in = static_cast<uInt>(in.size());
    deflate_.next_out = reserve_tail(out, bound);
    deflate_.avail_out = static_cast<uInt>(bound);
    // With deflateBound() bytes of room one Z_FINISH call completes.
    const int rc = deflate(&deflate_, Z_FINISH);
    if (rc != Z_STREAM_END)
      throw Error("GZIP: compression failed (zlib error " + std::to_string(rc) + ")");
    out.advance(bound - deflate_.avail_out);
  }

  void decompress(std::span<const uint8_t> in, size_t uncompressed_size, ByteBuffer& out) override {
    if (in.size() > std::numeric_limits<uInt>::max() ||
        uncompressed_size > std::numeric_limits<uInt>::max()) {
      throw_corrupt("GZIP", "page larger than 4 GiB", in.size(), uncompressed_size);
    }
    start_inflate();
    inflate_.next_in = const_cast<Bytef*>(in.data());
    inflate_.avail_in = static_cast<uInt>(in.size());
    inflate_.next_out = reserve_tail(out, uncompressed_size);
    inflate_.avail_out = static_cast<uInt>(uncompressed_size);
    // Compression.md: readers should accept a page made of several gzip
    // members, so start over after each member while input remains.
    for (;;) {
      const int rc = inflate(&inflate_, Z_FINISH);
      if (rc == Z_STREAM_END) {
        if (inflate_.avail_in == 0) break;
        if (inflateReset(&inflate_) != Z_OK) {
          throw_corrupt("GZIP", "cannot start the next member", in.size(), uncompressed_size);
        }
        continue;
      }
      if (rc == Z_OK || rc == Z_BUF_ERROR) {
        if (inflate_.avail_in == 0) {
          throw_corrupt("GZIP", "stream is truncated", in.size(), uncompressed_size);
        }
        if (inflate_.avail_out == 0) {
          throw_corrupt("GZIP", "decodes to more bytes than expected", in.size(),
                        uncompressed_size);
        }
        if (rc == Z_OK) continue;  // progress made; zlib wants another call
      }
      const char* msg = inflate_.msg != nullptr ? inflate_.msg : "zlib error";
      throw_corrupt("GZIP", msg, in.size(), uncompressed_size);
    }
    if (inflate_.avail_out != 0) {
      throw_corrupt(
          "GZIP", "decodes to " + std::to_string(uncompressed_size - inflate_.avail_out) + " bytes",
          in.size(), uncompressed_size);
    }
    out.advance(uncompressed_size);
  }

  size_t max_compressed_size(size_t n) const override {
    // deflateBound() needs a stream; this is its bound for a gzip stream
    // without extra header fields: compressBound() plus the gzip wrapper's
    // 18 bytes instead of zlib's 6.
    return compressBound(static_cast<uLong>(n)) + 12;
  }

 private:
  static void check_fits(size_t n) {
    if (n > std::numeric_limits<uInt>::max()) {
      throw Error("GZIP: a page of " + std::to_string(n) + " bytes is too large for zlib");
    }
  }

  void start_deflate() {
    if (deflate_ready_) {
      if (deflateReset(&deflate_) != Z_OK) throw Error("GZIP: cannot reset the zlib stream");
      return;
    }
    deflate_ = z_stream{};
    const int rc =
        deflateInit2(&deflate_, level_, Z_DEFLATED, kGzipWindowBits, kMemLevel, Z_DEFAULT_STRATEGY);
    if (rc != Z_OK) throw Error("GZIP: cannot initialise zlib (error " + std::to_string(rc) + ")");
    deflate_ready_ = true;
  }

  void start_inflate() {
    if (inflate_ready_) {
      if (inflateReset(&inflate_) != Z_OK) throw Error("GZIP: cannot reset the zlib stream");
      return;
    }
    inflate_ = z_stream{};
    const int rc = inflateInit2(&inflate_, kGzipWindowBits);
    if (rc != Z_OK) throw Error("GZIP: cannot initialise zlib (error " + std::to_string(rc) + ")");
    inflate_ready_ = true;
  }

  int level_;
  z_stream deflate_{};
  z_stream inflate_{};
  bool deflate_ready_ = false;
  bool inflate_ready_ = false;
};

}  // namespace

std::unique_ptr<Codec> make_gzip(int level) {
  return std::make_unique<GzipCodec>(level);
}

}  // namespace spillway::codec_detail

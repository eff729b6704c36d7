#pragma once

// Internal: constructors of the concrete codecs (one file each) and helpers
// they share. Levels reaching these are already validated.

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

#include "compression/codec.h"

namespace spillway::codec_detail {

std::unique_ptr<Codec> make_snappy();
std::unique_ptr<Codec> make_gzip(int level);
std::unique_ptr<Codec> make_brotli(int level);
std::unique_ptr<Codec> make_zstd(int level);
std::unique_ptr<Codec> make_lz4_raw();

// Throws the Error every codec uses for undecodable page data.
[[noreturn]] void throw_corrupt(std::string_view codec, std::string_view detail,
                                size_t compressed_size, size_t uncompressed_size);

// A non-null place for `n` (possibly 0) more bytes in `out`: the libraries
// reject a null destination even when nothing is to be written.
inline uint8_t* reserve_tail(ByteBuffer& out, size_t n) {
  return out.ensure(n == 0 ? 1 : n);
}

}  // namespace spillway::codec_detail

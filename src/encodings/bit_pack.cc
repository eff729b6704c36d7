#include <array>
#include <utility>

#include "encodings/bit_util.h"

namespace spillway {
namespace {

// One instantiation per bit width, so shifts are constants and the loop
// unrolls; n * W is a multiple of 8, so the output is whole bytes.
template <typename U, int W>
void pack_fixed(const U* in, size_t n, uint8_t* out) {
  if constexpr (W > 0) {
    uint64_t acc = 0;
    int bits = 0;
    for (size_t i = 0; i < n; ++i) {
      uint64_t v = in[i];
      acc |= v << bits;
      bits += W;
      if (bits >= 64) {
        std::memcpy(out, &acc, 8);  // little-endian host
        out += 8;
        bits -= 64;
        // The bits of v that did not fit start the next word.
        acc = bits == 0 ? 0 : v >> (W - bits);
      }
    }
    for (; bits > 0; bits -= 8) {
      *out++ = static_cast<uint8_t>(acc);
      acc >>= 8;
    }
  }
}

using Pack32 = void (*)(const uint32_t*, size_t, uint8_t*);
using Pack64 = void (*)(const uint64_t*, size_t, uint8_t*);

template <typename U, typename Fn, int... Ws>
constexpr std::array<Fn, sizeof...(Ws)> make_table(std::integer_sequence<int, Ws...>) {
  return {&pack_fixed<U, Ws>...};
}

constexpr auto kPack32 = make_table<uint32_t, Pack32>(std::make_integer_sequence<int, 33>{});
constexpr auto kPack64 = make_table<uint64_t, Pack64>(std::make_integer_sequence<int, 65>{});

}  // namespace

void bit_pack(const uint32_t* in, size_t n, int bit_width, uint8_t* out) {
  if (bit_width < 0 || bit_width > 32) {
    throw Error("bit_pack: bit width " + std::to_string(bit_width) + " is outside 0..32");
  }
  kPack32[bit_width](in, n, out);
}

void bit_pack(const uint64_t* in, size_t n, int bit_width, uint8_t* out) {
  if (bit_width < 0 || bit_width > 64) {
    throw Error("bit_pack: bit width " + std::to_string(bit_width) + " is outside 0..64");
  }
  kPack64[bit_width](in, n, out);
}

}  // namespace spillway

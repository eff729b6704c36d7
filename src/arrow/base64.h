#pragma once

// Base64 with the standard alphabet and '=' padding (RFC 4648 section 4), as
// the "ARROW:schema" key/value metadata uses.

#include <string>
#include <string_view>

namespace spillway {

std::string base64_encode(std::string_view bytes);
// Throws spillway::Error on characters outside the alphabet, a length that is
// not a multiple of 4, or misplaced padding.
std::string base64_decode(std::string_view text);

}  // namespace spillway

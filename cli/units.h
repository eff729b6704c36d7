#pragma once

// Sizes as people type and read them: "64MiB", "1.5G", "4096"; 1.2 GiB.

#include <cstdint>
#include <string>
#include <string_view>

namespace spillway::cli {

// A byte count: a number (fractions allowed) with an optional unit, any case:
// B, K/KB/KiB, M/MB/MiB, G/GB/GiB, T/TB/TiB. Binary multiples throughout
// (1K = 1024), as memory limits are. Throws spillway::Error naming `what`.
uint64_t parse_size(std::string_view text, std::string_view what);

// "812 B", "1.5 KiB", "63.2 MiB", "1.20 GiB".
std::string format_size(uint64_t bytes);
// "1,234,567".
std::string format_count(uint64_t n);

}  // namespace spillway::cli

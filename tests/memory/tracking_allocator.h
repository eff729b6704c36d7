#pragma once

#include <cstdint>

namespace spillway::test {

// Heap bytes (malloc_usable_size of every block) allocated by the calling
// thread between start() and stop(), through operator new or the malloc
// family, which this test program replaces.
class TrackingAllocator {
 public:
  static void start();
  static void stop();
  static int64_t peak_bytes();
  static int64_t current_bytes();
  static int64_t allocations();
};

}  // namespace spillway::test

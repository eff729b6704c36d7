// Counts every heap allocation of the measuring thread: operator new/delete
// and the malloc family, replaced for this whole test program. Counting is
// per thread and only between start() and stop(), so GoogleTest's own
// bookkeeping outside the window does not count.

#include "tracking_allocator.h"

#include <malloc.h>

#include <cerrno>
#include <cstdlib>
#include <new>

extern "C" {
void* __libc_malloc(size_t);
void* __libc_calloc(size_t, size_t);
void* __libc_realloc(void*, size_t);
void __libc_free(void*);
void* __libc_memalign(size_t, size_t);
}

namespace spillway::test {
namespace {

struct Counters {
  bool active = false;
  int64_t current = 0;
  int64_t peak = 0;
  int64_t allocations = 0;
};
thread_local Counters counters;

inline void on_alloc(void* p) {
  if (!p || !counters.active) return;
  counters.current += static_cast<int64_t>(malloc_usable_size(p));
  ++counters.allocations;
  if (counters.current > counters.peak) counters.peak = counters.current;
}

// Frees of blocks allocated before start() would drive the count below the
// window's baseline; it is clamped at zero so they cannot hide later growth.
inline void on_free(void* p) {
  if (!p || !counters.active) return;
  counters.current -= static_cast<int64_t>(malloc_usable_size(p));
  if (counters.current < 0) counters.current = 0;
}

}  // namespace

void on_resize(size_t old_size, void* p) {
  if (!counters.active) return;
  counters.current -= static_cast<int64_t>(old_size);
  if (counters.current < 0) counters.current = 0;
  on_alloc(p);
  --counters.allocations;
}
void on_free_size(size_t old_size) {
  if (!counters.active) return;
  counters.current -= static_cast<int64_t>(old_size);
  if (counters.current < 0) counters.current = 0;
}

void TrackingAllocator::start() {
  counters = Counters{true, 0, 0, 0};
}
void TrackingAllocator::stop() {
  counters.active = false;
}
int64_t TrackingAllocator::peak_bytes() {
  return counters.peak;
}
int64_t TrackingAllocator::current_bytes() {
  return counters.current;
}
int64_t TrackingAllocator::allocations() {
  return counters.allocations;
}

}  // namespace spillway::test

using spillway::test::on_alloc;
using spillway::test::on_free;

extern "C" {

void* malloc(size_t n) {
  void* p = __libc_malloc(n);
  on_alloc(p);
  return p;
}

void* calloc(size_t a, size_t b) {
  void* p = __libc_calloc(a, b);
  on_alloc(p);
  return p;
}

// Grown in place, a block counts once at its new size; moved, the old and
// the new block both count until the copy is done, as they both exist then.
void* realloc(void* old, size_t n) {
  if (!old) return malloc(n);
  if (n == 0) {  // glibc frees the block
    on_free(old);
    return __libc_realloc(old, 0);
  }
  const size_t old_size = malloc_usable_size(old);
  void* p = __libc_realloc(old, n);
  if (!p) return p;  // failed: the old block is kept
  if (p == old) {
    spillway::test::on_resize(old_size, p);
  } else {
    on_alloc(p);
    spillway::test::on_free_size(old_size);
  }
  return p;
}

void free(void* p) {
  on_free(p);
  __libc_free(p);
}

void* memalign(size_t align, size_t n) {
  void* p = __libc_memalign(align, n);
  on_alloc(p);
  return p;
}

void* aligned_alloc(size_t align, size_t n) {
  return memalign(align, n);
}

int posix_memalign(void** out, size_t align, size_t n) {
  void* p = memalign(align, n);
  if (!p) return ENOMEM;
  *out = p;
  return 0;
}

}  // extern "C"

void* operator new(size_t n) {
  void* p = malloc(n == 0 ? 1 : n);
  if (!p) throw std::bad_alloc();
  return p;
}
void* operator new[](size_t n) {
  return operator new(n);
}
void* operator new(size_t n, const std::nothrow_t&) noexcept {
  return malloc(n == 0 ? 1 : n);
}
void* operator new[](size_t n, const std::nothrow_t&) noexcept {
  return malloc(n == 0 ? 1 : n);
}
void* operator new(size_t n, std::align_val_t a) {
  void* p = memalign(static_cast<size_t>(a), n == 0 ? 1 : n);
  if (!p) throw std::bad_alloc();
  return p;
}
void* operator new[](size_t n, std::align_val_t a) {
  return operator new(n, a);
}
void operator delete(void* p) noexcept {
  free(p);
}
void operator delete[](void* p) noexcept {
  free(p);
}
void operator delete(void* p, size_t) noexcept {
  free(p);
}
void operator delete[](void* p, size_t) noexcept {
  free(p);
}
void operator delete(void* p, std::align_val_t) noexcept {
  free(p);
}
void operator delete[](void* p, std::align_val_t) noexcept {
  free(p);
}
void operator delete(void* p, size_t, std::align_val_t) noexcept {
  free(p);
}
void operator delete[](void* p, size_t, std::align_val_t) noexcept {
  free(p);
}
